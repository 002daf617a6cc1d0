//! Rate limits kept in the database, so that they hold across server
//! instances: a fixed window per key (action + account or IP).

use crate::DomainError;
use crate::entity::rate_limit::{self, Column, Entity};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// At most `max` attempts per `window` for one subject of one action.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub action: &'static str,
    pub max: i32,
    pub window: Duration,
}

/// Wrong passwords for one account (or one unknown address): past them the
/// log-in is suspended until the window ends or the owner follows the
/// unlock link emailed to the address (`accounts::log_in`).
pub const LOG_IN_PER_ACCOUNT: Limit = Limit {
    action: "connexion-compte",
    max: 10,
    window: Duration::minutes(15),
};
/// Log-in attempts from one IP address, whatever the account.
pub const LOG_IN_PER_IP: Limit = Limit {
    action: "connexion-ip",
    max: 50,
    window: Duration::minutes(15),
};
/// Password-reset requests for one address.
pub const RESET_PER_ACCOUNT: Limit = Limit {
    action: "mdp-compte",
    max: 3,
    window: Duration::hours(1),
};
/// Password-reset requests from one IP address.
pub const RESET_PER_IP: Limit = Limit {
    action: "mdp-ip",
    max: 20,
    window: Duration::hours(1),
};
/// Sign-ups from one IP address.
pub const SIGN_UP_PER_IP: Limit = Limit {
    action: "inscription-ip",
    max: 10,
    window: Duration::hours(1),
};

/// The sign-up limit the server was started with (see [`set_sign_ups_per_ip`]).
static SIGN_UPS_PER_IP: std::sync::atomic::AtomicI32 =
    std::sync::atomic::AtomicI32::new(SIGN_UP_PER_IP.max);

/// Sets how many accounts one address may create per hour (at startup).
pub fn set_sign_ups_per_ip(max: i32) {
    SIGN_UPS_PER_IP.store(Ord::max(max, 1), std::sync::atomic::Ordering::Relaxed);
}

/// [`SIGN_UP_PER_IP`] with the configured maximum.
pub fn sign_up_per_ip() -> Limit {
    Limit {
        max: SIGN_UPS_PER_IP.load(std::sync::atomic::Ordering::Relaxed),
        ..SIGN_UP_PER_IP
    }
}
/// Emails sent on demand (verification again, email change) per account.
pub const EMAILS_PER_ACCOUNT: Limit = Limit {
    action: "emails-compte",
    max: 5,
    window: Duration::hours(1),
};

/// New conversations a person opens (C6).
pub const THREADS_PER_USER: Limit = Limit {
    action: "conversations",
    max: 20,
    window: Duration::hours(1),
};

/// Messages a person sends (C6).
pub const MESSAGES_PER_USER: Limit = Limit {
    action: "messages",
    max: 60,
    window: Duration::hours(1),
};

/// Logos sent by one account (R2): decoding an image is costly.
pub const LOGOS_PER_ACCOUNT: Limit = Limit {
    action: "logos-compte",
    max: 20,
    window: Duration::hours(1),
};

/// Applications from one IP address (P7).
pub const APPLY_PER_IP: Limit = Limit {
    action: "candidature-ip",
    max: 30,
    window: Duration::hours(1),
};
/// Applications from one email address (P7).
pub const APPLY_PER_EMAIL: Limit = Limit {
    action: "candidature-email",
    max: 10,
    window: Duration::hours(1),
};

fn key_of(limit: Limit, subject: &str) -> String {
    format!("{}:{}", limit.action, subject.to_lowercase())
        .chars()
        .take(200)
        .collect()
}

/// How many attempts of `subject` the current window of `limit` holds,
/// without counting one more.
pub async fn count(
    db: &impl ConnectionTrait,
    limit: Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<i32, DomainError> {
    Ok(Entity::find_by_id(key_of(limit, subject))
        .one(db)
        .await?
        .filter(|row| row.window_start >= now - limit.window)
        .map_or(0, |row| row.hits))
}

/// Forgets the attempts of `subject` at `limit` (an unlocked log-in).
pub async fn clear(
    db: &impl ConnectionTrait,
    limit: Limit,
    subject: &str,
) -> Result<(), DomainError> {
    Entity::delete_by_id(key_of(limit, subject))
        .exec(db)
        .await?;
    Ok(())
}

/// Counts one attempt of `subject` at `limit`'s action; refuses it
/// (`RateLimited`) when the window already holds `max` of them.
pub async fn hit(
    db: &impl ConnectionTrait,
    limit: Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let key = key_of(limit, subject);
    let stale = Expr::col((Entity, Column::WindowStart)).lt(now - limit.window);
    let insert = Query::insert()
        .into_table(Entity)
        .columns([Column::Key, Column::WindowStart, Column::Hits])
        .values_panic([key.clone().into(), now.into(), 1.into()])
        .on_conflict(
            OnConflict::column(Column::Key)
                .value(
                    Column::Hits,
                    Expr::case(stale.clone(), 1).finally(Expr::col((Entity, Column::Hits)).add(1)),
                )
                .value(
                    Column::WindowStart,
                    Expr::case(stale, now).finally(Expr::col((Entity, Column::WindowStart))),
                )
                .to_owned(),
        )
        .to_owned();
    db.execute(&insert).await?;
    let hits = Entity::find_by_id(key)
        .one(db)
        .await?
        .map_or(1, |row| row.hits);
    if hits > limit.max {
        tracing::warn!(action = limit.action, hits, "rate limit reached");
        return Err(DomainError::RateLimited);
    }
    Ok(())
}

/// Forgets windows that ended more than a day ago (scheduled work).
pub async fn purge(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DomainError> {
    let done = rate_limit::Entity::delete_many()
        .filter(Column::WindowStart.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}
