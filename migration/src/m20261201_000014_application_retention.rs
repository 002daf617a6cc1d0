//! B5 (CNIL recruitment guidance): when an application's 3 months of
//! retention start (`closed_at`: declined, or its offer closed without a
//! decision) and when its files and texts were deleted (`purged_at`), what
//! stays being the minimal record (offer, company, dates, decision); and the
//! candidate's consent, asked by the recruiter when declining, to keep it 2
//! years for other openings (`keep_asked`, `keep_until`, the emailed
//! link's token as its hash).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Applications::ClosedAt, Applications::PurgedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Applications::Table)
                        .add_column(timestamp_with_time_zone_null(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .add_column(boolean(Applications::KeepAsked).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .add_column(timestamp_with_time_zone_null(Applications::KeepUntil))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .add_column(
                        ColumnDef::new(Applications::KeepTokenHash)
                            .string_len(64)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_applications_retention")
                    .table(Applications::Table)
                    .col(Applications::PurgedAt)
                    .col(Applications::ClosedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_applications_retention")
                    .table(Applications::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Applications::ClosedAt, Applications::PurgedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Applications::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    ClosedAt,
    PurgedAt,
    KeepAsked,
    KeepUntil,
    KeepTokenHash,
}
