//! Job alerts (C7): a candidate's saved searches (`alerts`, the search kept
//! as its canonical query string, so the alert shows what the search
//! showed), their one-click unsubscribe tokens, the ledger of offers sent to each person (`alert_deliveries`:
//! one person never receives an offer twice, whatever their alerts), and the
//! runs of each frequency's period (`alert_runs`: one row per period, so
//! two instances or a restart never send a period twice).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alerts::Table)
                    .col(big_pk_auto(Alerts::Id))
                    .col(big_integer(Alerts::UserId))
                    .col(string_len(Alerts::Name, 120))
                    .col(string_len(Alerts::Query, 1000))
                    .col(string_len(Alerts::Frequency, 24))
                    .col(boolean(Alerts::Paused).default(false))
                    // Offers published after this instant are still to send.
                    .col(timestamp_with_time_zone(Alerts::MatchedUntil))
                    .col(timestamp_with_time_zone_null(Alerts::LastSentAt))
                    .col(timestamp_with_time_zone(Alerts::CreatedAt))
                    .col(timestamp_with_time_zone(Alerts::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Alerts::Table, Alerts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One alert per search and person (a double-submitted form too).
        manager
            .create_index(
                Index::create()
                    .name("uq_alerts_user_query")
                    .table(Alerts::Table)
                    .col(Alerts::UserId)
                    .col(Alerts::Query)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AlertDeliveries::Table)
                    .col(big_integer(AlertDeliveries::UserId))
                    .col(big_integer(AlertDeliveries::OfferId))
                    .col(big_integer_null(AlertDeliveries::AlertId))
                    .col(timestamp_with_time_zone(AlertDeliveries::SentAt))
                    .primary_key(
                        Index::create()
                            .col(AlertDeliveries::UserId)
                            .col(AlertDeliveries::OfferId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AlertDeliveries::Table, AlertDeliveries::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AlertDeliveries::Table, AlertDeliveries::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AlertDeliveries::Table, AlertDeliveries::AlertId)
                            .to(Alerts::Table, Alerts::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One-click unsubscribe tokens (RFC 8058): a fresh one per email,
        // kept as its SHA-256, each stopping its own alert.
        manager
            .create_table(
                Table::create()
                    .table(AlertTokens::Table)
                    .col(string_len(AlertTokens::TokenHash, 64).primary_key())
                    .col(big_integer(AlertTokens::AlertId))
                    .col(timestamp_with_time_zone(AlertTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AlertTokens::Table, AlertTokens::AlertId)
                            .to(Alerts::Table, Alerts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The `List-Unsubscribe` header of an email that has one.
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(ColumnDef::new(Outbox::ListUnsubscribe).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AlertRuns::Table)
                    // "quotidienne:2026-12-01", "hebdomadaire:2026-W49",
                    // "instantanee:2026-12-01T17:40".
                    .col(string_len(AlertRuns::Period, 40).primary_key())
                    .col(string_len(AlertRuns::Holder, 120))
                    .col(timestamp_with_time_zone(AlertRuns::StartedAt))
                    .col(timestamp_with_time_zone_null(AlertRuns::FinishedAt))
                    .col(text_null(AlertRuns::Outcome))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::ListUnsubscribe)
                    .to_owned(),
            )
            .await?;
        for table in [
            AlertRuns::Table.into_iden(),
            AlertTokens::Table.into_iden(),
            AlertDeliveries::Table.into_iden(),
            Alerts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Alerts {
    Table,
    Id,
    UserId,
    Name,
    Query,
    Frequency,
    Paused,
    MatchedUntil,
    LastSentAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AlertDeliveries {
    Table,
    UserId,
    OfferId,
    AlertId,
    SentAt,
}

#[derive(DeriveIden)]
enum AlertTokens {
    Table,
    TokenHash,
    AlertId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    ListUnsubscribe,
}

#[derive(DeriveIden)]
enum AlertRuns {
    Table,
    Period,
    Holder,
    StartedAt,
    FinishedAt,
    Outcome,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
}
