//! Reads by id on the page's own thread.
//!
//! sqlx runs each SQLite connection on a thread of its own: a query travels
//! there over a channel, each value of each row is copied there, and the
//! rows travel back to wake the page's task again. For the reads a first
//! render of an offer page makes — the offer with its company, then the
//! cards of similar offers, each a few lookups by primary key — the trip
//! cost more than SQLite took to answer (0.580 → 0.485 ms of server CPU per
//! first render once they ran on the page's thread; README, "Reads by id on
//! the page's thread").
//!
//! So on SQLite these reads run where the page renders, through sea-orm's
//! synchronous crate (`sea-orm-sync`, on rusqlite): one read-only connection
//! per thread and per database file, opened at its first read, which sees
//! every write committed before the read begins, as the pool's connections
//! do. Only reads by primary key come here (a handful of index lookups:
//! holding the thread for them costs less than the trip); anything that may
//! scan stays on the pool. PostgreSQL, and a SQLite database with no file
//! (`sqlite::memory:`), read through the pool.
//!
//! One row type serves both drivers: [`row!`] declares a struct filled by
//! its fields' names from either's rows.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};
use sea_orm_sync::ConnectionTrait as _;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// A column's type both drivers decode: sqlx's (the pool) and rusqlite's
/// (this thread).
pub trait Column: sea_orm::TryGetable + sea_orm_sync::TryGetable {}

impl<T: sea_orm::TryGetable + sea_orm_sync::TryGetable> Column for T {}

/// One row of a result, from either driver, read by column name.
pub trait Row {
    fn get<T: Column>(&self, column: &str) -> Result<T, DbErr>;
}

impl Row for sea_orm::QueryResult {
    fn get<T: Column>(&self, column: &str) -> Result<T, DbErr> {
        self.try_get("", column)
    }
}

impl Row for sea_orm_sync::QueryResult {
    fn get<T: Column>(&self, column: &str) -> Result<T, DbErr> {
        self.try_get("", column)
            .map_err(|e| DbErr::Type(format!("column {column}: {e}")))
    }
}

/// A struct a row fills, whichever driver read it (declare it with
/// [`row!`]).
pub trait FromRow: Sized {
    fn from_row(row: &impl Row) -> Result<Self, DbErr>;
}

/// Declares a struct filled from a row by its fields' names: from this
/// thread's reader ([`FromRow`]) and from the pool (`FromQueryResult`, for
/// sea-orm's `into_model`).
macro_rules! row {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $field:ident: $type:ty, )+
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $field: $type, )+
        }

        impl $crate::db::FromRow for $name {
            fn from_row(row: &impl $crate::db::Row) -> Result<Self, sea_orm::DbErr> {
                Ok(Self { $( $field: row.get(stringify!($field))?, )+ })
            }
        }

        impl sea_orm::FromQueryResult for $name {
            fn from_query_result(
                row: &sea_orm::QueryResult,
                prefix: &str,
            ) -> Result<Self, sea_orm::DbErr> {
                Ok(Self { $( $field: row.try_get(prefix, stringify!($field))?, )+ })
            }
        }
    };
}
pub(crate) use row;

/// The rows of `statement`, a read by primary key: on this thread's reader
/// of `db`'s file when it has one, else through the pool — as when the
/// reader fails (it logs why).
pub async fn by_id<R: FromRow>(
    db: &DatabaseConnection,
    statement: Statement,
) -> Result<Vec<R>, DbErr> {
    match on_this_thread(db, &statement) {
        Some(Ok(rows)) => return Ok(rows),
        Some(Err(e)) => {
            tracing::warn!("a read by id on this thread failed, read through the pool: {e}")
        }
        None => {}
    }
    through_pool(db, statement).await
}

/// The rows of `statement`, read through the pool.
pub async fn through_pool<R: FromRow>(
    db: &impl ConnectionTrait,
    statement: Statement,
) -> Result<Vec<R>, DbErr> {
    db.query_all_raw(statement)
        .await?
        .iter()
        .map(R::from_row)
        .collect()
}

/// Readers a thread keeps: a server reads one file, a test process one per
/// test, closed as newer ones open.
const READERS_PER_THREAD: usize = 4;

thread_local! {
    /// This thread's readers by database file (`None`: it could not open one).
    static READERS: RefCell<Vec<(PathBuf, Option<sea_orm_sync::DatabaseConnection>)>> =
        const { RefCell::new(Vec::new()) };
}

/// The rows of `statement` read by this thread's reader of `db`'s file;
/// `None` when `db` has no file or its reader cannot be opened.
fn on_this_thread<R: FromRow>(
    db: &DatabaseConnection,
    statement: &Statement,
) -> Option<Result<Vec<R>, DbErr>> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return None;
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    let file = options.get_filename();
    READERS.with_borrow_mut(|readers| {
        let known = readers.iter().position(|(path, _)| path == file);
        let index = known.unwrap_or_else(|| {
            if readers.len() == READERS_PER_THREAD {
                readers.remove(0);
            }
            readers.push((file.to_owned(), open(file)));
            readers.len() - 1
        });
        let reader = readers[index].1.as_ref()?;
        let statement = sea_orm_sync::Statement {
            sql: statement.sql.clone(),
            values: statement.values.clone(),
            db_backend: sea_orm_sync::DbBackend::Sqlite,
        };
        Some(
            reader
                .query_all_raw(statement)
                .map_err(|e| DbErr::Query(sea_orm::RuntimeErr::Internal(e.to_string())))
                .and_then(|rows| rows.iter().map(R::from_row).collect()),
        )
    })
}

/// A read-only connection to the SQLite database in `file`, if it is a file
/// (an in-memory database has none another connection could open).
fn open(file: &Path) -> Option<sea_orm_sync::DatabaseConnection> {
    if !file.is_file() {
        return None;
    }
    let path = file.to_str()?;
    let opened =
        sea_orm_sync::Database::connect(format!("sqlite:{path}?mode=ro")).and_then(|reader| {
            // As the pool's connections: no memory map of the file (see
            // `SQLITE_MMAP_BYTES`). A reader that finds the file locked
            // holds its thread 100 ms at most, then the pool reads.
            for pragma in ["PRAGMA mmap_size = 0", "PRAGMA busy_timeout = 100"] {
                reader.query_all_raw(sea_orm_sync::Statement::from_string(
                    sea_orm_sync::DbBackend::Sqlite,
                    pragma,
                ))?;
            }
            Ok(reader)
        });
    match opened {
        Ok(reader) => Some(reader),
        Err(e) => {
            tracing::warn!(file = %file.display(), "reads by id go through the pool: {e}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{by_id, on_this_thread, through_pool};
    use crate::model::{ContractType, SalaryPeriod};
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};

    super::row! {
        #[derive(Debug, PartialEq)]
        struct Sample {
            id: i64,
            title: String,
            label: Option<String>,
            months: Option<i32>,
            shown: bool,
            published_at: Option<DateTime<Utc>>,
            start_date: Option<NaiveDate>,
            contract_type: ContractType,
            salary_period: Option<SalaryPeriod>,
        }
    }

    const CREATE: &str = "CREATE TABLE samples (id INTEGER PRIMARY KEY, title TEXT NOT NULL, \
        label TEXT, months INTEGER, shown BOOLEAN NOT NULL, published_at TEXT, start_date TEXT, \
        contract_type TEXT NOT NULL, salary_period TEXT)";

    const SELECT: &str = "SELECT id, title, label, months, shown, published_at, start_date, \
        contract_type, salary_period FROM samples WHERE id IN (?, ?)";

    /// A database file with a table of two rows, one with every column
    /// set (through sea-orm's values, as entities write them), one with
    /// none of the optional ones.
    async fn samples(file: &std::path::Path) -> DatabaseConnection {
        let db = crate::db::connect(&format!("sqlite://{}?mode=rwc", file.display()))
            .await
            .unwrap();
        db.execute_unprepared(CREATE).await.unwrap();
        let published = Utc.with_ymd_and_hms(2026, 12, 7, 9, 30, 15).unwrap()
            + chrono::Duration::microseconds(123_456);
        let rows: [[Value; 9]; 2] = [
            [
                1i64.into(),
                "Mécanicien·ne poids lourds — « Lyon »".into(),
                Some("Rhône (69)").into(),
                Some(6i32).into(),
                true.into(),
                Some(published).into(),
                NaiveDate::from_ymd_opt(2027, 1, 4).into(),
                ContractType::Cdi.code().into(),
                Some(SalaryPeriod::Month.code()).into(),
            ],
            [
                2i64.into(),
                "Carrossier".into(),
                Option::<String>::None.into(),
                Option::<i32>::None.into(),
                false.into(),
                Option::<DateTime<Utc>>::None.into(),
                Option::<NaiveDate>::None.into(),
                ContractType::Interim.code().into(),
                Option::<String>::None.into(),
            ],
        ];
        for values in rows {
            db.execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "INSERT INTO samples VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            ))
            .await
            .unwrap();
        }
        db
    }

    fn select() -> Statement {
        Statement::from_sql_and_values(DbBackend::Sqlite, SELECT, [1i64.into(), 2i64.into()])
    }

    /// The rows of `select()` read on this thread (not through the pool).
    fn read_here(db: &DatabaseConnection) -> Vec<Sample> {
        on_this_thread(db, &select())
            .expect("a reader of the file")
            .unwrap()
    }

    #[tokio::test]
    async fn a_read_by_id_on_the_pages_thread_gives_the_rows_the_pool_gives() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("samples.db");
        let db = samples(&file).await;

        let mut here = read_here(&db);
        let mut pooled: Vec<Sample> = through_pool(&db, select()).await.unwrap();
        here.sort_by_key(|s| s.id);
        pooled.sort_by_key(|s| s.id);
        assert_eq!(here.len(), 2);
        assert_eq!(here, pooled);
        assert_eq!(here[0].title, "Mécanicien·ne poids lourds — « Lyon »");
        assert_eq!(
            here[0].published_at.unwrap().to_rfc3339(),
            "2026-12-07T09:30:15.123456+00:00"
        );
        assert_eq!(here[1].salary_period, None);
    }

    #[tokio::test]
    async fn a_write_through_the_pool_shows_in_the_next_read_on_the_pages_thread() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("samples.db");
        let db = samples(&file).await;
        let before: Vec<Sample> = read_here(&db);
        assert!(before.iter().any(|s| s.title == "Carrossier"));

        db.execute_unprepared("UPDATE samples SET title = 'Carrossier peintre' WHERE id = 2")
            .await
            .unwrap();
        let after: Vec<Sample> = read_here(&db);
        assert!(
            after.iter().any(|s| s.title == "Carrossier peintre"),
            "{after:?}"
        );
        db.execute_unprepared("DELETE FROM samples WHERE id = 1")
            .await
            .unwrap();
        let after: Vec<Sample> = read_here(&db);
        assert_eq!(after.len(), 1);
    }

    #[tokio::test]
    async fn a_database_in_memory_reads_by_id_through_the_pool() {
        let db = crate::db::connect("sqlite::memory:").await.unwrap();
        db.execute_unprepared(CREATE).await.unwrap();
        db.execute_unprepared(
            "INSERT INTO samples (id, title, shown, contract_type) VALUES (1, 'Vendeur', 1, 'cdi')",
        )
        .await
        .unwrap();
        assert!(on_this_thread::<Sample>(&db, &select()).is_none());
        let found: Vec<Sample> = by_id(&db, select()).await.unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Vendeur");
        assert_eq!(found[0].contract_type, ContractType::Cdi);
    }
}
