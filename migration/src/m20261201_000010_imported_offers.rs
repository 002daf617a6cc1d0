//! Offers imported from France Travail (X1): an imported offer belongs to no
//! company page unless it clearly matches one (same SIRET), so `company_id`
//! may be empty and the employer is then kept as text (`employer_name`,
//! empty for an anonymous employer). An offer placed only by its département
//! is shown as the département (`place_label`) while its chef-lieu serves for
//! distance. `source_updated_at` is the source's own last update (shown on
//! the page, as the API's licence asks), and `source_digest` a digest of what
//! the import wrote, so a run that finds the offer unchanged writes nothing.
//!
//! SQLite cannot drop a NOT NULL with ALTER TABLE, and rebuilding `offers`
//! would drop its triggers and fight the tables that reference it. The
//! change touches no stored row, so it uses SQLite's documented procedure for
//! removing a NOT NULL constraint: the table's SQL is edited in
//! `sqlite_schema` inside one transaction and the schema version bumped
//! (<https://www.sqlite.org/lang_altertable.html#otheralter>).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_NOT_NULL: &str = r#""company_id" integer NOT NULL,"#;
const SQLITE_NULL: &str = r#""company_id" integer NULL,"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Offers::EmployerName)
                .string_len(200)
                .null()
                .to_owned(),
            ColumnDef::new(Offers::PlaceLabel)
                .string_len(120)
                .null()
                .to_owned(),
            ColumnDef::new(Offers::SourceUpdatedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Offers::SourceDigest)
                .string_len(64)
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Offers::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                manager
                    .get_connection()
                    .execute_unprepared("ALTER TABLE offers ALTER COLUMN company_id DROP NOT NULL")
                    .await?;
            }
            _ => set_sqlite_company_sql(manager, SQLITE_NOT_NULL, SQLITE_NULL).await?,
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM offers WHERE company_id IS NULL")
            .await?;
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared("ALTER TABLE offers ALTER COLUMN company_id SET NOT NULL")
                    .await?;
            }
            _ => set_sqlite_company_sql(manager, SQLITE_NULL, SQLITE_NOT_NULL).await?,
        }
        for column in [
            Offers::EmployerName,
            Offers::PlaceLabel,
            Offers::SourceUpdatedAt,
            Offers::SourceDigest,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Offers::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// Rewrites the `company_id` column of `offers` in SQLite's schema, in one
/// transaction on one connection (the pragmas are per connection).
async fn set_sqlite_company_sql(
    manager: &SchemaManager<'_>,
    from: &str,
    to: &str,
) -> Result<(), DbErr> {
    let txn = manager.get_connection().begin().await?;
    let version: i64 = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA schema_version",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("no schema_version".into()))?
        .try_get_by_index(0)?;
    txn.execute_unprepared("PRAGMA writable_schema = ON")
        .await?;
    let changed = txn
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "UPDATE sqlite_schema SET sql = replace(sql, ?, ?) \
             WHERE type = 'table' AND name = 'offers' AND instr(sql, ?) > 0",
            [from.into(), to.into(), from.into()],
        ))
        .await?
        .rows_affected();
    if changed != 1 {
        return Err(DbErr::Custom(format!(
            "offers.company_id not found as {from} in the SQLite schema"
        )));
    }
    txn.execute_unprepared(&format!("PRAGMA schema_version = {}", version + 1))
        .await?;
    txn.execute_unprepared("PRAGMA writable_schema = OFF")
        .await?;
    txn.commit().await
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    EmployerName,
    PlaceLabel,
    SourceUpdatedAt,
    SourceDigest,
}
