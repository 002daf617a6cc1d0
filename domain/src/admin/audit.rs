//! The audit log (A4): every administrative action writes one event per
//! target in the transaction of the change — who, when (UTC), what (a code
//! of [`AuditAction`]), the target and its name then, the reason, and the
//! before/after of the fields changed (never passwords, secrets, CVs or
//! message bodies). This module only inserts and reads: there is no update
//! or delete path, and the database's triggers refuse one.

use crate::DomainError;
use crate::entity::{audit_event, user};
use crate::model::{AuditAction, AuditView, CurrentUser, JournalQuery};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// Events per journal page.
pub const JOURNAL_PAGE: u64 = 50;

/// What an event is about.
#[derive(Debug, Clone)]
pub struct Target {
    pub kind: &'static str,
    pub id: i64,
    pub label: String,
}

impl Target {
    pub fn account(id: i64, label: &str) -> Self {
        Self {
            kind: "compte",
            id,
            label: label.to_owned(),
        }
    }
    pub fn company(id: i64, label: &str) -> Self {
        Self {
            kind: "entreprise",
            id,
            label: label.to_owned(),
        }
    }
    pub fn group(id: i64, label: &str) -> Self {
        Self {
            kind: "groupe",
            id,
            label: label.to_owned(),
        }
    }
    pub fn case(id: i64) -> Self {
        Self {
            kind: "demande",
            id,
            label: crate::model::case_number(id),
        }
    }
    pub fn offer(id: i64, label: &str) -> Self {
        Self {
            kind: "offre",
            id,
            label: label.to_owned(),
        }
    }
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct Event {
    pub actor_id: i64,
    pub action: AuditAction,
    pub target: Target,
    pub reason: String,
    pub changes: Vec<(String, String, String)>,
    pub batch_id: Option<String>,
    pub at: DateTime<Utc>,
}

impl Event {
    pub fn new(
        actor: &CurrentUser,
        action: AuditAction,
        target: Target,
        at: DateTime<Utc>,
    ) -> Self {
        Self {
            actor_id: actor.id,
            action,
            target,
            reason: String::new(),
            changes: Vec::new(),
            batch_id: None,
            at,
        }
    }

    pub fn reason(mut self, reason: &str) -> Self {
        self.reason = reason.to_owned();
        self
    }

    /// A field that changed from `before` to `after`.
    pub fn change(mut self, field: &str, before: impl ToString, after: impl ToString) -> Self {
        self.changes
            .push((field.to_owned(), before.to_string(), after.to_string()));
        self
    }

    pub fn batch(mut self, batch: &str) -> Self {
        self.batch_id = Some(batch.to_owned());
        self
    }
}

/// Appends `event`; call it with the transaction of the change.
pub async fn record(db: &impl ConnectionTrait, event: Event) -> Result<(), DomainError> {
    let changes: serde_json::Map<String, serde_json::Value> = event
        .changes
        .into_iter()
        .map(|(field, before, after)| (field, serde_json::json!([before, after])))
        .collect();
    audit_event::Entity::insert(audit_event::ActiveModel {
        occurred_at: Set(event.at),
        actor_id: Set(event.actor_id),
        action: Set(event.action),
        target_type: Set(event.target.kind.to_owned()),
        target_id: Set(event.target.id),
        target_label: Set(event.target.label.chars().take(200).collect()),
        reason: Set(event.reason),
        changes: Set(serde_json::Value::Object(changes).to_string()),
        batch_id: Set(event.batch_id),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A fresh id for the events of one bulk action.
pub fn new_batch() -> String {
    crate::auth::random_secret().chars().take(16).collect()
}

/// The journal, newest first, filtered by action, target type and id.
pub async fn journal(
    db: &impl ConnectionTrait,
    admin: &CurrentUser,
    query: &JournalQuery,
) -> Result<Vec<AuditView>, DomainError> {
    super::require(admin)?;
    let mut find = audit_event::Entity::find();
    if let Some(action) = AuditAction::from_code(&query.action) {
        find = find.filter(audit_event::Column::Action.eq(action));
    }
    if !query.cible.is_empty() {
        find = find.filter(audit_event::Column::TargetType.eq(query.cible.clone()));
    }
    if let Ok(id) = query.id.parse::<i64>() {
        find = find.filter(audit_event::Column::TargetId.eq(id));
    }
    let rows = find
        .order_by_desc(audit_event::Column::Id)
        .offset(u64::from(query.page) * JOURNAL_PAGE)
        .limit(JOURNAL_PAGE)
        .all(db)
        .await?;
    views(db, rows).await
}

/// The events about one target, newest first.
pub async fn about(
    db: &impl ConnectionTrait,
    kind: &str,
    id: i64,
) -> Result<Vec<AuditView>, DomainError> {
    let rows = audit_event::Entity::find()
        .filter(audit_event::Column::TargetType.eq(kind))
        .filter(audit_event::Column::TargetId.eq(id))
        .order_by_desc(audit_event::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    views(db, rows).await
}

async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<audit_event::Model>,
) -> Result<Vec<AuditView>, DomainError> {
    let actors: Vec<i64> = rows.iter().map(|r| r.actor_id).collect();
    let names: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(actors))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} {}", u.first_name, u.last_name)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let changes =
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&row.changes)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(field, pair)| {
                        let side = |i: usize| {
                            pair.get(i)
                                .and_then(|v| v.as_str())
                                .unwrap_or("")
                                .to_owned()
                        };
                        (field, side(0), side(1))
                    })
                    .collect();
            AuditView {
                id: row.id,
                occurred_at: row.occurred_at,
                actor: names
                    .get(&row.actor_id)
                    .cloned()
                    .unwrap_or_else(|| format!("compte n° {}", row.actor_id)),
                action: row.action,
                target_type: row.target_type,
                target_id: row.target_id,
                target_label: row.target_label,
                reason: row.reason,
                changes,
                batch_id: row.batch_id,
            }
        })
        .collect())
}
