//! Connecting to the database (SQLite or PostgreSQL, from the same code) and
//! bringing its schema up to date.

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

mod reads;
pub(crate) use reads::row;
pub use reads::{Column, FromRow, Row, by_id, through_pool};

/// How much of the SQLite file is read through a memory map: none. After
/// any commit, each connection's next read drops its map of the file
/// (SQLite's rule in WAL mode), and unmapping the pages a busy connection
/// has touched stops every thread's page faults meanwhile: with one write a
/// second beside first renders of the 1M catalogue, p99 rose from 29–32 ms
/// to 50–57 ms; read with `pread`, it stays at 35–39 ms with or without
/// writes (`wrk -t2 -c64` on first renders, an outside process committing
/// a row a second; the map was up to 10 % quicker only while nothing was
/// written).
const SQLITE_MMAP_BYTES: u64 = 0;
/// Index entries ANALYZE reads per index: statistics close enough to
/// choose plans, in about 1.5 s on the 1,000,000-offer catalogue.
const SQLITE_ANALYSIS_ROWS: u32 = 1000;
/// `PRAGMA optimize` as SQLite advises when a connection opens: analyse
/// every table that has no statistics yet, or has grown or shrunk tenfold
/// since (the default mask `0xfffe` looks only at tables the connection
/// has queried, which a new one has not).
const SQLITE_OPTIMIZE_AT_OPEN: &str = "0x10002";
/// A PostgreSQL connection idle this long is checked before it is handed
/// out (a proxy or the server may have dropped it meanwhile).
const POSTGRES_PING_AFTER_IDLE: Duration = Duration::from_secs(30);

/// Opens the one connection pool of the process.
///
/// SQLite runs in WAL mode (readers never wait for the writer) with foreign
/// keys on, its file read without a memory map (see `SQLITE_MMAP_BYTES`).
/// Its file's folder is created when missing.
///
/// SQLite plans queries with statistics (`ANALYZE`, sampled): without
/// them its planner guesses ten rows per value of any index and may pick
/// one that reads the whole catalogue — a company's page walked every
/// published offer, newest first, looking for that company's. Each
/// connection gathers them when it opens if a table has none or has
/// changed tenfold; [`migrate`] does after a new index. PostgreSQL keeps
/// its own (autovacuum).
///
/// A connection is not pinged each time the pool hands it out (sqlx's
/// default): a SQLite connection is a file opened by this process, which
/// nothing can drop, and the ping was one more round trip to its worker
/// thread for every query. A PostgreSQL one is checked when it has been
/// idle a while.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(ConnectOptions::new(url)).await
}

/// [`connect`] with options already set (tests set a PostgreSQL schema).
pub async fn connect_with(mut options: ConnectOptions) -> Result<DatabaseConnection, DbErr> {
    let url = options.get_url().to_owned();
    if let Some(parent) = sqlite_path(&url).and_then(|path| std::path::Path::new(path).parent()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", parent.display())))?;
    }
    let sqlite = url.starts_with("sqlite");
    if sqlite {
        options.test_before_acquire(false);
    } else {
        options.test_before_acquire_if_idle_for(POSTGRES_PING_AFTER_IDLE);
    }
    options
        .sqlx_logging(false)
        .max_connections(if sqlite { 8 } else { 16 })
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // SQLite caps it at its own maximum (2 GB by default).
                .pragma("mmap_size", SQLITE_MMAP_BYTES.to_string())
                .pragma("analysis_limit", SQLITE_ANALYSIS_ROWS.to_string())
                .pragma("optimize", SQLITE_OPTIMIZE_AT_OPEN)
        });
    Database::connect(options).await
}

/// A transaction that writes. On SQLite it takes the write lock at `BEGIN`
/// (`BEGIN IMMEDIATE`, waiting up to the busy timeout): a deferred one that
/// read first would fail with SQLITE_BUSY_SNAPSHOT when another writer
/// committed meanwhile. PostgreSQL ignores the option.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Applies the migrations that have not run yet, then (SQLite) gathers the
/// statistics of what they created, so that the next plans use it.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared(&format!("PRAGMA optimize = {SQLITE_OPTIMIZE_AT_OPEN}"))
            .await?;
    }
    Ok(())
}

/// The file of a `sqlite:` URL, when it names one (not `:memory:`).
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.contains(":memory:")).then_some(path)
}

/// A query of one row by id, built by sea-orm once per backend and kept as
/// its SQL and values: each run only puts its id in. Building a select of
/// some fifty columns and writing out its SQL cost a first render of an
/// offer page more than SQLite took to answer it.
pub struct ById(ByIds<1>);

impl ById {
    pub const fn new() -> Self {
        Self(ByIds::new())
    }

    /// The statement `build` makes for `id` on `backend`.
    pub fn statement(
        &self,
        backend: sea_orm::DbBackend,
        id: i64,
        build: impl Fn(i64) -> sea_orm::Statement,
    ) -> sea_orm::Statement {
        self.0.statement(backend, &[id], |ids| build(ids[0]))
    }
}

impl Default for ById {
    fn default() -> Self {
        Self::new()
    }
}

/// A query of rows by up to `N` ids (`id IN (…)`), built as [`ById`] once
/// per backend and number of ids: each run only puts its ids in. More ids
/// than `N`, or none, build it each time.
pub struct ByIds<const N: usize> {
    sqlite: [std::sync::OnceLock<Template>; N],
    postgres: [std::sync::OnceLock<Template>; N],
}

/// A built statement and where each id goes among its values (`None` when
/// an id was not found exactly once among them: the statement is then
/// built each time).
struct Template {
    statement: sea_orm::Statement,
    slots: Option<Vec<usize>>,
}

impl<const N: usize> ByIds<N> {
    /// Ids no row has, to find where `build` puts each id.
    const PLACEHOLDER: i64 = i64::MIN + 0x0ff3;

    pub const fn new() -> Self {
        Self {
            sqlite: [const { std::sync::OnceLock::new() }; N],
            postgres: [const { std::sync::OnceLock::new() }; N],
        }
    }

    /// The statement `build` makes for `ids` on `backend`.
    pub fn statement(
        &self,
        backend: sea_orm::DbBackend,
        ids: &[i64],
        build: impl Fn(&[i64]) -> sea_orm::Statement,
    ) -> sea_orm::Statement {
        use sea_orm::{DbBackend, Value};
        let cells = match backend {
            DbBackend::Sqlite => &self.sqlite,
            DbBackend::Postgres => &self.postgres,
            _ => return build(ids),
        };
        let Some(cell) = ids.len().checked_sub(1).and_then(|n| cells.get(n)) else {
            return build(ids);
        };
        let template = cell.get_or_init(|| {
            let placeholders: Vec<i64> = (0..ids.len() as i64)
                .map(|i| Self::PLACEHOLDER + i)
                .collect();
            let statement = build(&placeholders);
            let values = statement.values.as_ref().map_or(&[][..], |v| &v.0[..]);
            let slots = placeholders
                .iter()
                .map(|placeholder| {
                    let mut found = values.iter().enumerate().filter(
                        |(_, value)| matches!(value, Value::BigInt(Some(id)) if id == placeholder),
                    );
                    match (found.next(), found.next()) {
                        (Some((slot, _)), None) => Some(slot),
                        _ => None,
                    }
                })
                .collect();
            Template { statement, slots }
        });
        let Some(slots) = &template.slots else {
            return build(ids);
        };
        let mut statement = template.statement.clone();
        if let Some(values) = statement.values.as_mut() {
            for (slot, id) in slots.iter().zip(ids) {
                values.0[*slot] = (*id).into();
            }
        }
        statement
    }
}

impl<const N: usize> Default for ByIds<N> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::{ById, ByIds, sqlite_path};
    use crate::entity::offer;
    use sea_orm::{ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryTrait};

    fn offer_by_id(backend: DbBackend, id: i64) -> sea_orm::Statement {
        offer::Entity::find_by_id(id)
            .filter(offer::Column::Title.ne("x"))
            .build(backend)
    }

    #[test]
    fn a_query_built_once_runs_with_each_id_as_if_built_for_it() {
        let query = ById::new();
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            for id in [42, 7, 1 << 40] {
                let built = query.statement(backend, id, |id| offer_by_id(backend, id));
                assert_eq!(built.to_string(), offer_by_id(backend, id).to_string());
            }
        }
    }

    #[test]
    fn a_query_that_uses_its_id_twice_is_built_each_time() {
        let query = ById::new();
        let twice = |id: i64| {
            offer::Entity::find()
                .filter(offer::Column::Id.eq(id))
                .filter(offer::Column::CompanyId.ne(id))
                .build(DbBackend::Sqlite)
        };
        for id in [3, 4] {
            let built = query.statement(DbBackend::Sqlite, id, twice);
            assert_eq!(built.to_string(), twice(id).to_string());
        }
    }

    #[test]
    fn a_query_by_several_ids_built_once_per_count_runs_with_any_ids_as_if_built_for_them() {
        let query = ByIds::<3>::new();
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let by_ids = |ids: &[i64]| {
                offer::Entity::find()
                    .filter(offer::Column::Id.is_in(ids.iter().copied()))
                    .filter(offer::Column::Title.ne("x"))
                    .build(backend)
            };
            for ids in [
                &[5][..],
                &[9, 2],
                &[1, 2, 3],
                &[4, 5, 6],
                &[8, 1],
                &[1, 2, 3, 4],
                &[],
            ] {
                let built = query.statement(backend, ids, by_ids);
                assert_eq!(built.to_string(), by_ids(ids).to_string(), "{ids:?}");
            }
        }
    }

    /// `.cargo/config.toml` builds the bundled SQLite with these; a build
    /// that lost them would plan statements again on every run and take a
    /// shared mutex on every allocation, silently.
    #[tokio::test]
    async fn sqlite_is_built_with_a_stable_planner_and_no_memory_statistics() {
        use sea_orm::{ConnectionTrait, Statement};
        let db = super::connect("sqlite::memory:").await.unwrap();
        let rows = db
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA compile_options",
            ))
            .await
            .unwrap();
        let options: Vec<String> = rows
            .iter()
            .map(|row| row.try_get_by_index(0).unwrap())
            .collect();
        for option in ["ENABLE_QPSG", "DEFAULT_MEMSTATUS=0"] {
            assert!(options.iter().any(|o| o == option), "{option}: {options:?}");
        }
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_path("sqlite://data/jobtomove.db?mode=rwc"),
            Some("data/jobtomove.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://localhost/x"), None);
    }
}
