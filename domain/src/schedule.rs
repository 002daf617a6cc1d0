//! Leases of scheduled jobs (X3): with several server instances on one
//! database, each run of a job is claimed by exactly one of them.

use crate::DomainError;
use crate::entity::job_lease::{self, Column, Entity};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Claims the run of `job` that is due at `now`: true when this `holder` got
/// it. A run is due when the last one started at least `every` ago; the
/// claim lasts `ttl` (a crashed holder's claim lapses after it).
pub async fn claim(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    every: Duration,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    Entity::insert(job_lease::ActiveModel {
        name: Set(job.to_owned()),
        holder: Set(String::new()),
        expires_at: Set(now - Duration::seconds(1)),
        last_run_at: Set(None),
        last_outcome: Set(None),
    })
    .on_conflict_do_nothing_on([Column::Name])
    .exec_without_returning(db)
    .await?;
    let claimed = Entity::update_many()
        .col_expr(Column::Holder, Expr::value(holder))
        .col_expr(Column::ExpiresAt, Expr::value(now + ttl))
        .col_expr(Column::LastRunAt, Expr::value(now))
        .filter(Column::Name.eq(job))
        .filter(Column::ExpiresAt.lte(now))
        .filter(
            Column::LastRunAt
                .is_null()
                .or(Column::LastRunAt.lte(now - every)),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Claims `job` to run it now whatever its period (an operator's `server
/// job run`): refused while another holder's claim lasts.
pub async fn claim_now(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    // A period of zero: due now, whenever it last ran.
    claim(db, job, holder, Duration::zero(), ttl, now).await
}

/// Every job's lease: who holds it until when, its last run and outcome.
pub async fn leases(db: &impl ConnectionTrait) -> Result<Vec<job_lease::Model>, DomainError> {
    Ok(Entity::find().all(db).await?)
}

/// Ends `holder`'s claim on `job` once its run is over, noting `outcome`.
pub async fn release(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    outcome: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    Entity::update_many()
        .col_expr(Column::ExpiresAt, Expr::value(now))
        .col_expr(Column::LastOutcome, Expr::value(outcome))
        .filter(Column::Name.eq(job))
        .filter(Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}
