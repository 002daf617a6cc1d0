//! Job alerts (C7): a candidate saves a search; the scheduled runs
//! ([`run`]) email the offers published since, never the same offer twice
//! to one person, never an empty email. This module holds what a candidate
//! does with their alerts, and the one-click unsubscribe (RFC 8058).

pub mod run;

use crate::DomainError;
use crate::accounts::candidate_only;
use crate::auth::{random_secret, secret_hash};
use crate::entity::{alert, alert_token};
use crate::model::{
    AlertFrequency, AlertView, CurrentUser, MAX_ALERTS, OfferQuery, alert_query, describe,
};
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

/// Names are cut to this length.
const NAME_MAX_CHARS: usize = 120;

/// Saves `query` as an alert of `user`: named after its criteria unless a
/// name is given, it sends what is published from now on. Refused past
/// [`MAX_ALERTS`], and for a search the candidate already follows.
pub async fn create(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    query: &OfferQuery,
    name: Option<&str>,
    frequency: AlertFrequency,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    candidate_only(user)?;
    let saved = alert_query(query).to_query_string();
    let mine = alert::Entity::find().filter(alert::Column::UserId.eq(user.id));
    if mine.clone().count(db).await? >= MAX_ALERTS {
        return Err(DomainError::invalid(
            "alerte",
            &format!(
                "Vous avez déjà {MAX_ALERTS} alertes : supprimez-en une dans « Mes alertes » pour en créer une autre."
            ),
        ));
    }
    if mine
        .filter(alert::Column::Query.eq(saved.clone()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(already_followed());
    }
    let name = clean_name(name).unwrap_or_else(|| describe(query));
    let created = match alert::Entity::insert(alert::ActiveModel {
        id: NotSet,
        user_id: Set(user.id),
        name: Set(name),
        query: Set(saved),
        frequency: Set(frequency),
        paused: Set(false),
        matched_until: Set(now),
        last_sent_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec(db)
    .await
    {
        Ok(created) => created,
        // The same search saved twice at once: the second is the duplicate.
        Err(error)
            if matches!(
                error.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            return Err(already_followed());
        }
        Err(error) => return Err(error.into()),
    };
    Ok(created.last_insert_id)
}

fn already_followed() -> DomainError {
    DomainError::Conflict(
        "Vous avez déjà une alerte pour cette recherche : retrouvez-la dans « Mes alertes »."
            .into(),
    )
}

fn clean_name(name: Option<&str>) -> Option<String> {
    let name: String = name?.trim().chars().take(NAME_MAX_CHARS).collect();
    (!name.is_empty()).then_some(name)
}

/// The candidate's alerts, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<Vec<AlertView>, DomainError> {
    candidate_only(user)?;
    let rows = alert::Entity::find()
        .filter(alert::Column::UserId.eq(user.id))
        .order_by_desc(alert::Column::CreatedAt)
        .order_by_desc(alert::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(view).collect())
}

/// The search an alert keeps, from its stored query string.
pub fn saved_query(text: &str) -> OfferQuery {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes())
        .into_owned()
        .collect();
    OfferQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

fn view(row: alert::Model) -> AlertView {
    let query = saved_query(&row.query);
    AlertView {
        id: row.id,
        summary: describe(&query),
        search_path: query.path(),
        name: row.name,
        frequency: row.frequency,
        paused: row.paused,
        last_sent_at: row.last_sent_at,
    }
}

/// One of the candidate's own alerts (another's answers "not found").
async fn own(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<alert::Model, DomainError> {
    candidate_only(user)?;
    alert::Entity::find_by_id(id)
        .filter(alert::Column::UserId.eq(user.id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// What a candidate changes on an alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Pause,
    Resume,
    Edit {
        name: String,
        frequency: AlertFrequency,
    },
}

/// Pauses, resumes or edits an alert. A resumed alert sends what is
/// published from now on, not what it missed while paused.
pub async fn change(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
    change: Change,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let row = own(db, user, id).await?;
    let mut active: alert::ActiveModel = row.clone().into();
    match change {
        Change::Pause => active.paused = Set(true),
        Change::Resume => {
            active.paused = Set(false);
            if row.paused {
                active.matched_until = Set(now);
            }
        }
        Change::Edit { name, frequency } => {
            let Some(name) = clean_name(Some(&name)) else {
                return Err(DomainError::invalid("nom", "Donnez un nom à cette alerte."));
            };
            active.name = Set(name);
            active.frequency = Set(frequency);
        }
    }
    active.updated_at = Set(now);
    active.update(db).await?;
    Ok(())
}

/// Deletes an alert (and its unsubscribe links).
pub async fn delete(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<(), DomainError> {
    let row = own(db, user, id).await?;
    alert::Entity::delete_by_id(row.id).exec(db).await?;
    Ok(())
}

/// A fresh one-click unsubscribe token of `alert` for one email: random,
/// kept only as its hash, valid as long as the alert lives.
pub async fn unsubscribe_token(
    db: &impl ConnectionTrait,
    alert_id: i64,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let token = random_secret();
    alert_token::Entity::insert(alert_token::ActiveModel {
        token_hash: Set(secret_hash(&token)),
        alert_id: Set(alert_id),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// RFC 8058 one-click unsubscribe: pauses the alert the token belongs to.
/// The same answer whether the token was known, already used or never
/// existed: nothing tells a guesser what it hit.
pub async fn unsubscribe(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if token.len() > 100 {
        return Ok(());
    }
    let Some(row) = alert_token::Entity::find_by_id(secret_hash(token))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    alert::Entity::update_many()
        .col_expr(alert::Column::Paused, sea_orm::sea_query::Expr::value(true))
        .col_expr(
            alert::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(alert::Column::Id.eq(row.alert_id))
        .exec(db)
        .await?;
    tracing::info!(
        alert = row.alert_id,
        "alert stopped by its unsubscribe link"
    );
    Ok(())
}
