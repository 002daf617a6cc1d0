//! Server-side sessions. The browser holds a random secret; the database
//! holds its SHA-256, the user, and when the session started and was last
//! used. A session ends after [`IDLE`] without a request, after [`ABSOLUTE`]
//! whatever happens, at log-out, at a password change (the others), or when
//! its owner ends it from "Mes sessions".

use super::{random_secret, secret_hash};
use crate::DomainError;
use crate::entity::{session, user};
use crate::model::{CurrentUser, SessionView, describe_device};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

/// A session ends after this long without a request (ASVS 3.3.2, level 2).
pub const IDLE: Duration = Duration::minutes(30);
/// …and this long after log-in, whatever the activity.
pub const ABSOLUTE: Duration = Duration::hours(12);
/// Activity is written at most this often per session.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// A request's valid session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authenticated {
    pub user: CurrentUser,
    /// The stored hash of the session's secret.
    pub session_hash: String,
    /// Whether this session passed the administrator's second factor.
    pub second_factor: bool,
}

/// Starts a session for `user_id`; returns the secret for the cookie.
pub async fn start(
    db: &impl ConnectionTrait,
    user_id: i64,
    ip: &str,
    user_agent: &str,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let secret = random_secret();
    session::Entity::insert(session::ActiveModel {
        id_hash: Set(secret_hash(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE),
        ip: Set(truncate(ip, 64)),
        user_agent: Set(truncate(user_agent, 255)),
        second_factor_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(secret)
}

/// The session a cookie's secret names, when it is still valid; records the
/// activity (of the session and of the account, C10).
pub async fn resolve(
    db: &impl ConnectionTrait,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<Authenticated>, DomainError> {
    if secret.is_empty() || secret.len() > 100 {
        return Ok(None);
    }
    let hash = secret_hash(secret);
    let Some(found) = session::Entity::find_by_id(hash.clone()).one(db).await? else {
        return Ok(None);
    };
    if found.expires_at <= now || found.last_seen_at + IDLE <= now {
        session::Entity::delete_by_id(hash).exec(db).await?;
        return Ok(None);
    }
    let Some(account) = user::Entity::find_by_id(found.user_id).one(db).await? else {
        return Ok(None);
    };
    if account.deactivated_at.is_some() {
        // Deactivation ends the sessions; this holds even for one it missed.
        session::Entity::delete_by_id(hash).exec(db).await?;
        return Ok(None);
    }
    if found.last_seen_at + TOUCH_EVERY <= now {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::IdHash.eq(&hash))
            .exec(db)
            .await?;
        user::Entity::update_many()
            .col_expr(user::Column::LastActiveAt, Expr::value(now))
            .col_expr(
                user::Column::InactivityWarnedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(user::Column::Id.eq(account.id))
            .exec(db)
            .await?;
    }
    Ok(Some(Authenticated {
        user: current_user(&account),
        session_hash: hash,
        second_factor: found.second_factor_at.is_some(),
    }))
}

/// The page-facing view of an account.
pub fn current_user(account: &user::Model) -> CurrentUser {
    CurrentUser {
        id: account.id,
        email: account.email.clone(),
        first_name: account.first_name.clone(),
        last_name: account.last_name.clone(),
        role: account.role,
    }
}

/// Ends one session (log-out).
pub async fn end(db: &impl ConnectionTrait, session_hash: &str) -> Result<(), DomainError> {
    session::Entity::delete_by_id(session_hash.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends one of `user_id`'s sessions, named by its reference; another
/// account's session is left alone (and reported as not found).
pub async fn end_own(
    db: &impl ConnectionTrait,
    user_id: i64,
    reference: &str,
) -> Result<(), DomainError> {
    let ended = session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::IdHash.eq(reference))
        .exec(db)
        .await?;
    if ended.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    Ok(())
}

/// Ends every session of `user_id` but `keep` (a password change ends the
/// others; a reset ends them all).
pub async fn end_all(
    db: &impl ConnectionTrait,
    user_id: i64,
    keep: Option<&str>,
) -> Result<u64, DomainError> {
    let mut delete = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        delete = delete.filter(session::Column::IdHash.ne(keep));
    }
    Ok(delete.exec(db).await?.rows_affected)
}

/// The open sessions of `user_id`, most recently used first.
pub async fn list(
    db: &impl ConnectionTrait,
    user_id: i64,
    current_hash: &str,
    now: DateTime<Utc>,
) -> Result<Vec<SessionView>, DomainError> {
    let rows = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::LastSeenAt.gt(now - IDLE))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|s| SessionView {
            current: s.id_hash == current_hash,
            reference: s.id_hash,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            ip: s.ip,
            device: describe_device(&s.user_agent),
        })
        .collect())
}

/// Deletes the sessions that can no longer be used (scheduled work).
pub async fn purge_expired(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let done = session::Entity::delete_many()
        .filter(
            session::Column::ExpiresAt
                .lte(now)
                .or(session::Column::LastSeenAt.lte(now - IDLE)),
        )
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(max_chars)
        .collect()
}
