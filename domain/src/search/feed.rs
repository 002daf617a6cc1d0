//! The change feed, read side: the database's triggers append a row to
//! `catalogue_changes` in the transaction of every change of what the
//! catalogue shows (an offer inserted, changed, deleted; a company changed),
//! whoever makes it — a form on any instance, a command, an import. Each
//! serving instance's [`SearchIndex`](super::SearchIndex) follows the log
//! from its cursor; the log is pruned behind the slowest live follower.

use crate::DomainError;
use crate::entity::{catalogue_change, catalogue_follower, offer};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Func, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::BTreeSet;

/// A follower not heard of for this long no longer holds the log back (it
/// rebuilds its index if it comes back past a pruned part).
pub const FOLLOWER_ALIVE: Duration = Duration::minutes(10);
/// Changes older than this are pruned whoever has not applied them.
pub const RETENTION: Duration = Duration::days(2);

/// The last number written to the log (0 for an empty log).
pub async fn latest(db: &impl ConnectionTrait) -> Result<i64, DomainError> {
    let seq: Option<i64> = catalogue_change::Entity::find()
        .select_only()
        .column(catalogue_change::Column::Seq)
        .order_by_desc(catalogue_change::Column::Seq)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok(seq.unwrap_or(0))
}

/// The oldest number still in the log.
pub async fn oldest(db: &impl ConnectionTrait) -> Result<Option<i64>, DomainError> {
    Ok(catalogue_change::Entity::find()
        .select_only()
        .column(catalogue_change::Column::Seq)
        .order_by_asc(catalogue_change::Column::Seq)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?)
}

/// A batch of the log after `cursor`: the offers to bring in line with the
/// database, and the last number of the batch.
#[derive(Debug, Default)]
pub struct Batch {
    pub offers: BTreeSet<i64>,
    pub through: i64,
    /// Rows read (a company's row stands for all its offers).
    pub rows: usize,
}

/// At most `limit` rows after `cursor`, a company's row resolved to its
/// offers.
pub async fn after(
    db: &impl ConnectionTrait,
    cursor: i64,
    limit: u64,
) -> Result<Batch, DomainError> {
    let rows: Vec<(i64, Option<i64>, Option<i64>)> = catalogue_change::Entity::find()
        .select_only()
        .column(catalogue_change::Column::Seq)
        .column(catalogue_change::Column::OfferId)
        .column(catalogue_change::Column::CompanyId)
        .filter(catalogue_change::Column::Seq.gt(cursor))
        .order_by_asc(catalogue_change::Column::Seq)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let mut batch = Batch {
        through: rows.last().map_or(cursor, |r| r.0),
        rows: rows.len(),
        ..Batch::default()
    };
    let mut companies = Vec::new();
    for (_, offer_id, company_id) in rows {
        batch.offers.extend(offer_id);
        companies.extend(company_id);
    }
    companies.sort_unstable();
    companies.dedup();
    for chunk in companies.chunks(500) {
        let ids: Vec<i64> = offer::Entity::find()
            .select_only()
            .column(offer::Column::Id)
            .filter(offer::Column::CompanyId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        batch.offers.extend(ids);
    }
    Ok(batch)
}

/// Notes that `instance` has applied the log through `applied`.
pub async fn report(
    db: &impl ConnectionTrait,
    instance: &str,
    applied: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    catalogue_follower::Entity::insert(catalogue_follower::ActiveModel {
        instance: Set(instance.to_owned()),
        applied_seq: Set(applied),
        seen_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(catalogue_follower::Column::Instance)
            .update_columns([
                catalogue_follower::Column::AppliedSeq,
                catalogue_follower::Column::SeenAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Scheduled work: deletes the rows before the slowest live follower's
/// cursor, and what is older than [`RETENTION`] before the newest row (on
/// the database's clock, which the triggers write); the newest row always
/// stays (a follower whose cursor is below the oldest row knows it missed
/// some and rebuilds).
/// Returns how many rows went.
pub async fn prune(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DomainError> {
    catalogue_follower::Entity::delete_many()
        .filter(catalogue_follower::Column::SeenAt.lt(now - RETENTION))
        .exec(db)
        .await?;
    let Some((newest, newest_at)): Option<(i64, i64)> = catalogue_change::Entity::find()
        .select_only()
        .column(catalogue_change::Column::Seq)
        .column(catalogue_change::Column::ChangedAt)
        .order_by_desc(catalogue_change::Column::Seq)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?
    else {
        return Ok(0);
    };
    // The triggers write the database's clock: the retention is measured
    // on it too (from the newest row), never against this process's clock.
    let too_old = newest_at - RETENTION.num_seconds();
    let slowest: Option<i64> = catalogue_follower::Entity::find()
        .select_only()
        .expr_as(
            Func::min(catalogue_follower::Column::AppliedSeq.into_expr()),
            "min",
        )
        .filter(catalogue_follower::Column::SeenAt.gte(now - FOLLOWER_ALIVE))
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    // The slowest live follower's own row stays: its cursor is never below
    // the oldest row, even where the number after it was never used (a
    // rolled-back transaction on PostgreSQL), so it never rebuilds for
    // nothing.
    let floor = std::cmp::min(slowest.unwrap_or(newest), newest);
    let deleted = catalogue_change::Entity::delete_many()
        .filter(catalogue_change::Column::Seq.lt(newest))
        .filter(
            catalogue_change::Column::Seq
                .lt(floor)
                .or(catalogue_change::Column::ChangedAt.lt(too_old)),
        )
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}
