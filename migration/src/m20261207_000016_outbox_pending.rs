//! The messages waiting to be sent, indexed alone. The sender looks for
//! them every two seconds; sent messages stay 30 days in the outbox (alerts
//! alone put thousands there a day), and an index of every message's next
//! attempt made each look walk all those already sent. The partial index
//! holds only the unsent ones; it replaces the index of every message.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const PENDING: &str = "idx_outbox_pending";
const EVERY_MESSAGE: &str = "idx_outbox_next_attempt";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(PENDING)
                    .table(Outbox::Table)
                    .col(Outbox::NextAttemptAt)
                    .and_where(Expr::col(Outbox::SentAt).is_null())
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(EVERY_MESSAGE)
                    .table(Outbox::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(EVERY_MESSAGE)
                    .table(Outbox::Table)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(PENDING).table(Outbox::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    NextAttemptAt,
    SentAt,
}
