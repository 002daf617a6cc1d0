//! Moderation (A4, B2, DSA articles 16 and 17): reports of offers and
//! company pages (`reports`; one open report per reporter, target and
//! reason), the case each target's reports gather in (`moderation_cases`,
//! one open case per target, never deleted), the decisions taken with their
//! ground and facts (`moderation_decisions`), an offer's moderation state
//! (unpublished by the team, correction asked, edited and waiting for
//! review), a company's suspension, and when a recruiter's text was last
//! refused by the B2 check (an offer published soon after is looked at).

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
                    .add_column(ColumnDef::new(Offers::Moderation).string_len(24).null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .add_column(timestamp_with_time_zone_null(Companies::SuspendedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::LawfulRefusedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModerationCases::Table)
                    .col(big_pk_auto(ModerationCases::Id))
                    .col(string_len(ModerationCases::TargetType, 16))
                    .col(big_integer(ModerationCases::TargetId))
                    .col(string_len(ModerationCases::TargetLabel, 200))
                    .col(string_len(ModerationCases::Origin, 24))
                    .col(string_len(ModerationCases::Status, 16))
                    .col(boolean(ModerationCases::Urgent).default(false))
                    // Why an automatic case opened.
                    .col(string_len(ModerationCases::Signal, 300).default(""))
                    .col(timestamp_with_time_zone(ModerationCases::OpenedAt))
                    .col(timestamp_with_time_zone(ModerationCases::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(big_pk_auto(Reports::Id))
                    .col(big_integer(Reports::CaseId))
                    .col(string_len(Reports::TargetType, 16))
                    .col(big_integer(Reports::TargetId))
                    .col(string_len(Reports::Reason, 24))
                    .col(text(Reports::Explanation))
                    .col(string_len(Reports::Email, 254))
                    .col(string_len(Reports::Name, 120))
                    .col(big_integer_null(Reports::UserId))
                    .col(string_len(Reports::PageUrl, 500))
                    .col(timestamp_with_time_zone(Reports::CreatedAt))
                    .col(timestamp_with_time_zone_null(Reports::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reports::Table, Reports::CaseId)
                            .to(ModerationCases::Table, ModerationCases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModerationDecisions::Table)
                    .col(big_pk_auto(ModerationDecisions::Id))
                    .col(big_integer(ModerationDecisions::CaseId))
                    .col(string_len(ModerationDecisions::Measure, 24))
                    .col(string_len(ModerationDecisions::Ground, 24))
                    .col(text(ModerationDecisions::Facts))
                    .col(big_integer(ModerationDecisions::DecidedBy))
                    .col(timestamp_with_time_zone(ModerationDecisions::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ModerationDecisions::Table, ModerationDecisions::CaseId)
                            .to(ModerationCases::Table, ModerationCases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Partial unique indexes (both databases have them): one open
        // report per reporter, target and reason; one open case per target.
        let db = manager.get_connection();
        for statement in [
            "CREATE UNIQUE INDEX uq_reports_open ON reports (email, target_type, target_id, reason) \
             WHERE closed_at IS NULL",
            "CREATE UNIQUE INDEX uq_moderation_cases_open ON moderation_cases (target_type, target_id) \
             WHERE status = 'ouvert'",
            "CREATE INDEX ix_reports_case ON reports (case_id)",
            "CREATE INDEX ix_moderation_cases_status ON moderation_cases (status, updated_at)",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ModerationDecisions::Table.into_iden(),
            Reports::Table.into_iden(),
            ModerationCases::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::LawfulRefusedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .drop_column(Companies::SuspendedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .drop_column(Offers::Moderation)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Moderation,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    LawfulRefusedAt,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    SuspendedAt,
}

#[derive(DeriveIden)]
enum ModerationCases {
    Table,
    Id,
    TargetType,
    TargetId,
    TargetLabel,
    Origin,
    Status,
    Urgent,
    Signal,
    OpenedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    CaseId,
    TargetType,
    TargetId,
    Reason,
    Explanation,
    Email,
    Name,
    UserId,
    PageUrl,
    CreatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum ModerationDecisions {
    Table,
    Id,
    CaseId,
    Measure,
    Ground,
    Facts,
    DecidedBy,
    DecidedAt,
}
