//! The contact form and the administration (P6, A1–A3): contact cases and
//! their entries (the request, the team's replies and internal notes), the
//! administrators' second factor (TOTP secret, last step used, hashed
//! recovery codes) and the sessions that passed it, deactivated accounts,
//! the addresses of merged company pages, the threading headers of emails,
//! and the append-only audit log (triggers refuse any UPDATE or DELETE).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(timestamp_with_time_zone_null(Sessions::SecondFactorAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::DeactivatedAt))
                    .to_owned(),
            )
            .await?;
        for column in [Outbox::MessageId, Outbox::References] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Outbox::Table)
                        .add_column(ColumnDef::new(column).string_len(500).null())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AdminFactors::Table)
                    .col(big_integer(AdminFactors::UserId).primary_key())
                    .col(string_len(AdminFactors::Secret, 64))
                    .col(timestamp_with_time_zone_null(AdminFactors::ConfirmedAt))
                    .col(big_integer(AdminFactors::LastUsedStep).default(0))
                    .col(timestamp_with_time_zone(AdminFactors::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AdminFactors::Table, AdminFactors::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(big_pk_auto(RecoveryCodes::Id))
                    .col(big_integer(RecoveryCodes::UserId))
                    .col(string_len(RecoveryCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecoveryCodes::Table, RecoveryCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContactCases::Table)
                    .col(big_pk_auto(ContactCases::Id))
                    .col(string_len(ContactCases::Subject, 40))
                    .col(string_len(ContactCases::Status, 24))
                    .col(string_len(ContactCases::Email, 254))
                    .col(string_len(ContactCases::Name, 120))
                    .col(big_integer_null(ContactCases::UserId))
                    .col(big_integer_null(ContactCases::CompanyId))
                    .col(big_integer_null(ContactCases::OfferId))
                    .col(big_integer_null(ContactCases::AssigneeId))
                    .col(timestamp_with_time_zone(ContactCases::CreatedAt))
                    .col(timestamp_with_time_zone(ContactCases::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContactCases::Table, ContactCases::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContactCases::Table, ContactCases::AssigneeId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_contact_cases_status")
                    .table(ContactCases::Table)
                    .col(ContactCases::Status)
                    .col(ContactCases::UpdatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseEntries::Table)
                    .col(big_pk_auto(CaseEntries::Id))
                    .col(big_integer(CaseEntries::CaseId))
                    .col(string_len(CaseEntries::Kind, 16))
                    .col(big_integer_null(CaseEntries::AuthorId))
                    .col(text(CaseEntries::Body))
                    .col(timestamp_with_time_zone(CaseEntries::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseEntries::Table, CaseEntries::CaseId)
                            .to(ContactCases::Table, ContactCases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseEntries::Table, CaseEntries::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_case_entries_case")
                    .table(CaseEntries::Table)
                    .col(CaseEntries::CaseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CompanyRedirects::Table)
                    .col(big_integer(CompanyRedirects::FromId).primary_key())
                    .col(big_integer(CompanyRedirects::ToId))
                    .col(timestamp_with_time_zone(CompanyRedirects::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // No foreign keys: an event outlives what it names.
        manager
            .create_table(
                Table::create()
                    .table(AuditEvents::Table)
                    .col(big_pk_auto(AuditEvents::Id))
                    .col(timestamp_with_time_zone(AuditEvents::OccurredAt))
                    .col(big_integer(AuditEvents::ActorId))
                    .col(string_len(AuditEvents::Action, 48))
                    .col(string_len(AuditEvents::TargetType, 24))
                    .col(big_integer(AuditEvents::TargetId))
                    .col(string_len(AuditEvents::TargetLabel, 200))
                    .col(text(AuditEvents::Reason))
                    .col(text(AuditEvents::Changes))
                    .col(string_len_null(AuditEvents::BatchId, 32))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_events_target")
                    .table(AuditEvents::Table)
                    .col(AuditEvents::TargetType)
                    .col(AuditEvents::TargetId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => &[
                "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger \
                 LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$",
                "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events \
                 FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
            ],
            _ => &[
                "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events \
                 BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
                "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events \
                 BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
            ],
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION IF EXISTS audit_events_append_only() CASCADE")
                .await?;
        }
        for table in [
            AuditEvents::Table.into_iden(),
            CompanyRedirects::Table.into_iden(),
            CaseEntries::Table.into_iden(),
            ContactCases::Table.into_iden(),
            RecoveryCodes::Table.into_iden(),
            AdminFactors::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [Outbox::MessageId, Outbox::References] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Outbox::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::DeactivatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .drop_column(Sessions::SecondFactorAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    SecondFactorAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    DeactivatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    MessageId,
    References,
}

#[derive(DeriveIden)]
enum AdminFactors {
    Table,
    UserId,
    Secret,
    ConfirmedAt,
    LastUsedStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum ContactCases {
    Table,
    Id,
    Subject,
    Status,
    Email,
    Name,
    UserId,
    CompanyId,
    OfferId,
    AssigneeId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CaseEntries {
    Table,
    Id,
    CaseId,
    Kind,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CompanyRedirects {
    Table,
    FromId,
    ToId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    OccurredAt,
    ActorId,
    Action,
    TargetType,
    TargetId,
    TargetLabel,
    Reason,
    Changes,
    BatchId,
}
