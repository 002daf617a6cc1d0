//! The recruiter space (R3–R8, B4): the expiry warning date of offers, the
//! recruiter's private note on an application, and "candidats favoris".

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .add_column(
                        ColumnDef::new(Offers::ExpiryWarnedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .add_column(ColumnDef::new(Applications::RecruiterNote).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FavoriteCandidates::Table)
                    .col(big_integer(FavoriteCandidates::RecruiterId))
                    .col(big_integer(FavoriteCandidates::CandidateId))
                    .col(timestamp_with_time_zone(FavoriteCandidates::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(FavoriteCandidates::RecruiterId)
                            .col(FavoriteCandidates::CandidateId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(FavoriteCandidates::Table, FavoriteCandidates::RecruiterId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(FavoriteCandidates::Table, FavoriteCandidates::CandidateId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FavoriteCandidates::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .drop_column(Applications::RecruiterNote)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .drop_column(Offers::ExpiryWarnedAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    ExpiryWarnedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    RecruiterNote,
}

#[derive(DeriveIden)]
enum FavoriteCandidates {
    Table,
    RecruiterId,
    CandidateId,
    CreatedAt,
}
