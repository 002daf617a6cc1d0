//! The change feed: `catalogue_changes`, one row per change that alters
//! what the catalogue shows, written by triggers in the transaction of the
//! change itself — so no code path (a form, a command, a bulk statement, an
//! import) can change an offer or a company without every server instance
//! hearing of it. `catalogue_followers` holds how far each instance's
//! search index has applied the log (the log is pruned behind the slowest
//! one), and `job_leases` keeps the outcome of each job's last run.
//!
//! What is logged: every insert and delete of an offer, every update of an
//! offer except one that only counts a view or notes the expiry warning,
//! every update of a company (its name, logo and page show with its offers).
//!
//! On PostgreSQL the trigger takes a transaction-scoped advisory lock before
//! it appends: writers of the log take their sequence numbers one
//! transaction at a time, so a reader that sees number n committed has seen
//! every smaller number that will ever commit (without the lock a slower
//! transaction could commit n-1 after a reader moved past n). It also
//! NOTIFYs `catalogue_changes` so that followers can wake at once.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::big_pk_auto};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The advisory lock of the log's writers (any constant of this project).
pub const LOG_LOCK: i64 = 0x4a54_4d4c_4f47; // "JTMLOG"

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CatalogueChanges::Table)
                    // AUTOINCREMENT on SQLite: a number is never taken again,
                    // even once the rows before it are pruned.
                    .col(big_pk_auto(CatalogueChanges::Seq))
                    .col(
                        ColumnDef::new(CatalogueChanges::OfferId)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(CatalogueChanges::CompanyId)
                            .big_integer()
                            .null(),
                    )
                    // Unix seconds: written by the triggers of both backends alike.
                    .col(
                        ColumnDef::new(CatalogueChanges::ChangedAt)
                            .big_integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CatalogueFollowers::Table)
                    .col(
                        ColumnDef::new(CatalogueFollowers::Instance)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CatalogueFollowers::AppliedSeq)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CatalogueFollowers::SeenAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(JobLeases::Table)
                    .add_column(ColumnDef::new(JobLeases::LastOutcome).text().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => postgres_triggers(),
            _ => sqlite_triggers(),
        };
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let drops: &[&str] = match manager.get_database_backend() {
            DbBackend::Postgres => &[
                "DROP TRIGGER IF EXISTS offers_changed ON offers",
                "DROP TRIGGER IF EXISTS offers_updated ON offers",
                "DROP TRIGGER IF EXISTS companies_updated ON companies",
                "DROP FUNCTION IF EXISTS catalogue_changed()",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS offers_inserted",
                "DROP TRIGGER IF EXISTS offers_updated",
                "DROP TRIGGER IF EXISTS offers_deleted",
                "DROP TRIGGER IF EXISTS companies_updated",
            ],
        };
        for statement in drops {
            db.execute_unprepared(statement).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(JobLeases::Table)
                    .drop_column(JobLeases::LastOutcome)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CatalogueFollowers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CatalogueChanges::Table).to_owned())
            .await
    }
}

/// An update that only counts a view or notes the expiry warning shows
/// nothing new.
const SHOWS_SOMETHING_NEW: &str = "NOT (OLD.views IS DISTINCT FROM NEW.views \
     OR OLD.expiry_warned_at IS DISTINCT FROM NEW.expiry_warned_at)";

fn postgres_triggers() -> Vec<String> {
    vec![
        format!(
            "CREATE OR REPLACE FUNCTION catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({LOG_LOCK});
    IF TG_TABLE_NAME = 'companies' THEN
        INSERT INTO catalogue_changes (company_id, changed_at)
        VALUES (NEW.id, extract(epoch FROM now())::bigint);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO catalogue_changes (offer_id, changed_at)
        VALUES (OLD.id, extract(epoch FROM now())::bigint);
    ELSE
        INSERT INTO catalogue_changes (offer_id, changed_at)
        VALUES (NEW.id, extract(epoch FROM now())::bigint);
    END IF;
    PERFORM pg_notify('catalogue_changes', '');
    RETURN NULL;
END $$"
        ),
        "CREATE TRIGGER offers_changed AFTER INSERT OR DELETE ON offers \
         FOR EACH ROW EXECUTE FUNCTION catalogue_changed()"
            .into(),
        format!(
            "CREATE TRIGGER offers_updated AFTER UPDATE ON offers FOR EACH ROW \
             WHEN ({SHOWS_SOMETHING_NEW}) EXECUTE FUNCTION catalogue_changed()"
        ),
        "CREATE TRIGGER companies_updated AFTER UPDATE ON companies \
         FOR EACH ROW EXECUTE FUNCTION catalogue_changed()"
            .into(),
    ]
}

fn sqlite_triggers() -> Vec<String> {
    // SQLite has one writer at a time: numbers are taken in commit order.
    let now = "CAST(strftime('%s', 'now') AS INTEGER)";
    vec![
        format!(
            "CREATE TRIGGER offers_inserted AFTER INSERT ON offers BEGIN \
             INSERT INTO catalogue_changes (offer_id, changed_at) VALUES (NEW.id, {now}); END"
        ),
        format!(
            "CREATE TRIGGER offers_updated AFTER UPDATE ON offers WHEN {SHOWS_SOMETHING_NEW} \
             BEGIN INSERT INTO catalogue_changes (offer_id, changed_at) VALUES (NEW.id, {now}); END"
        ),
        format!(
            "CREATE TRIGGER offers_deleted AFTER DELETE ON offers BEGIN \
             INSERT INTO catalogue_changes (offer_id, changed_at) VALUES (OLD.id, {now}); END"
        ),
        format!(
            "CREATE TRIGGER companies_updated AFTER UPDATE ON companies BEGIN \
             INSERT INTO catalogue_changes (company_id, changed_at) VALUES (NEW.id, {now}); END"
        ),
    ]
}

#[derive(DeriveIden)]
enum CatalogueChanges {
    Table,
    Seq,
    OfferId,
    CompanyId,
    ChangedAt,
}

#[derive(DeriveIden)]
enum CatalogueFollowers {
    Table,
    Instance,
    AppliedSeq,
    SeenAt,
}

#[derive(DeriveIden)]
enum JobLeases {
    Table,
    LastOutcome,
}
