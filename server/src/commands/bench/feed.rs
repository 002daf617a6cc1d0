//! `server bench-feed`: what the change feed costs and how soon a change
//! shows on another instance. On a fresh database (a temporary SQLite file,
//! or the PostgreSQL database of `--postgres URL`, in a schema of its own)
//! with OFFERS demo offers, a second index follows the log as a serving
//! instance does (every `feed::PERIOD`); CHANGES offers are withdrawn and
//! published again one at a time, each timed from its commit until the
//! follower's search shows it. Then the cost of applying the log: one
//! change, and a batch of a thousand. Prints figures, asserts nothing.

use super::report;
use anyhow::Context;
use chrono::Utc;
use domain::demo::{self, DemoOptions};
use domain::entity::offer;
use domain::model::OfferStatus;
use domain::search::SearchIndex;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The benchmark's own PostgreSQL schema.
fn schema_name() -> String {
    format!("bench_feed_{}", std::process::id())
}

async fn database(
    postgres: Option<&str>,
) -> anyhow::Result<(DatabaseConnection, Option<tempfile::TempDir>)> {
    if let Some(url) = postgres {
        let schema = schema_name();
        let admin = domain::db::connect(url).await?;
        admin
            .execute_unprepared(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .await?;
        admin
            .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
            .await?;
        let mut options = sea_orm::ConnectOptions::new(url);
        options.set_schema_search_path(schema);
        return Ok((domain::db::connect_with(options).await?, None));
    }
    let folder = tempfile::tempdir().context("temporary folder")?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        folder.path().join("feed.db").display()
    );
    Ok((domain::db::connect(&url).await?, Some(folder)))
}

async fn set_status(db: &DatabaseConnection, id: i64, status: OfferStatus) -> anyhow::Result<()> {
    offer::Entity::update_many()
        .col_expr(offer::Column::Status, Expr::value(status.code()))
        .col_expr(offer::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(offer::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn run(offers: u64, changes: usize, postgres: Option<&str>) -> anyhow::Result<()> {
    let (db, _folder) = database(postgres).await?;
    super::super::migrate(&db).await?;
    let options = DemoOptions {
        offers,
        seed: 42,
        now: Utc::now(),
    };
    demo::seed(&db, &options, |_, _| {})
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let follower = Arc::new(SearchIndex::in_memory().map_err(|e| anyhow::anyhow!("{e}"))?);
    follower
        .rebuild(&db, |_, _| {})
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "{} on {}: {} open offers indexed, follower polling every {:?}",
        if postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        if postgres.is_some() {
            "a fresh schema"
        } else {
            "a temporary file"
        },
        follower.len(),
        crate::feed::PERIOD
    );
    let following = {
        let (db, follower) = (db.clone(), follower.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(crate::feed::PERIOD);
            loop {
                tick.tick().await;
                let _ = follower.follow(&db).await;
            }
        })
    };
    let open: Vec<i64> = offer::Entity::find()
        .select_only()
        .column(offer::Column::Id)
        .filter(domain::offers::open_offers(Utc::now()))
        .limit(changes as u64)
        .into_tuple()
        .all(&db)
        .await?;
    let mut latencies = Vec::with_capacity(open.len());
    for (i, id) in open.iter().enumerate() {
        // Changes come at any moment of the follower's period.
        let jitter = rand::random::<u64>() % crate::feed::PERIOD.as_millis() as u64;
        tokio::time::sleep(Duration::from_millis(jitter)).await;
        let before = follower.len();
        let (status, shown) = if i % 2 == 0 {
            (OfferStatus::Unpublished, before - 1)
        } else {
            (OfferStatus::Published, before + 1)
        };
        // Every other change publishes again the offer withdrawn before it.
        let id = if i % 2 == 0 { *id } else { open[i - 1] };
        set_status(&db, id, status).await?;
        let committed = Instant::now();
        while follower.len() != shown {
            if committed.elapsed() > Duration::from_secs(30) {
                anyhow::bail!("change {i} not shown after 30 s");
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        latencies.push(committed.elapsed());
    }
    report("change → visible on the follower", latencies);
    following.abort();

    let probe = open[0];
    let mut one = Vec::new();
    for i in 0..20 {
        let status = if i % 2 == 0 {
            OfferStatus::Unpublished
        } else {
            OfferStatus::Published
        };
        set_status(&db, probe, status).await?;
        let start = Instant::now();
        follower
            .follow(&db)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        one.push(start.elapsed());
    }
    report("follow, one change (query + index commit)", one);
    let batch: Vec<i64> = offer::Entity::find()
        .select_only()
        .column(offer::Column::Id)
        .limit(1000)
        .into_tuple()
        .all(&db)
        .await?;
    offer::Entity::update_many()
        .col_expr(offer::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(offer::Column::Id.is_in(batch.clone()))
        .exec(&db)
        .await?;
    let start = Instant::now();
    let followed = follower
        .follow(&db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let took = start.elapsed();
    println!(
        "follow, {} changes in one batch: {:.1} ms ({:.3} ms per change)",
        followed.rows,
        took.as_secs_f64() * 1000.0,
        took.as_secs_f64() * 1000.0 / followed.rows.max(1) as f64
    );
    let idle = Instant::now();
    for _ in 0..100 {
        follower
            .follow(&db)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    println!(
        "follow with nothing new (each poll): {:.3} ms",
        idle.elapsed().as_secs_f64() * 1000.0 / 100.0
    );
    if postgres.is_some() {
        db.execute_unprepared(&format!("DROP SCHEMA {} CASCADE", schema_name()))
            .await?;
    }
    Ok(())
}
