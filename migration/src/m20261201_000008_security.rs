//! Fixes of a black-box security test: a recruiter joining an existing
//! company waits for its owner's acceptance (`accepted_at`), a company's
//! dealer group is requested and approved (`requested_group_id`), and an
//! anonymous application that would replace another waits for its address
//! to confirm it (`application_replacements`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CompanyMembers::Table)
                    .add_column(
                        ColumnDef::new(CompanyMembers::AcceptedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // Members until now were members at once: they stay accepted.
        manager
            .exec_stmt(
                Query::update()
                    .table(CompanyMembers::Table)
                    .value(
                        CompanyMembers::AcceptedAt,
                        Expr::col(CompanyMembers::CreatedAt),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .add_column(
                        ColumnDef::new(Companies::RequestedGroupId)
                            .big_integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApplicationReplacements::Table)
                    .col(string_len(ApplicationReplacements::TokenHash, 64).primary_key())
                    .col(big_integer(ApplicationReplacements::ApplicationId))
                    .col(string_len(ApplicationReplacements::FirstName, 100))
                    .col(string_len(ApplicationReplacements::LastName, 100))
                    .col(string_len_null(ApplicationReplacements::Phone, 32))
                    .col(text_null(ApplicationReplacements::Message))
                    .col(big_integer_null(ApplicationReplacements::CvFileId))
                    .col(big_integer_null(ApplicationReplacements::LetterFileId))
                    .col(timestamp_with_time_zone(ApplicationReplacements::CreatedAt))
                    .col(timestamp_with_time_zone(ApplicationReplacements::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ApplicationReplacements::Table,
                                ApplicationReplacements::ApplicationId,
                            )
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_application_replacements_application")
                    .table(ApplicationReplacements::Table)
                    .col(ApplicationReplacements::ApplicationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(ApplicationReplacements::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .drop_column(Companies::RequestedGroupId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CompanyMembers::Table)
                    .drop_column(CompanyMembers::AcceptedAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum CompanyMembers {
    Table,
    AcceptedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    RequestedGroupId,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ApplicationReplacements {
    Table,
    TokenHash,
    ApplicationId,
    FirstName,
    LastName,
    Phone,
    Message,
    CvFileId,
    LetterFileId,
    CreatedAt,
    ExpiresAt,
}
