//! A1: the contact inbox. Cases by status, an assignee, internal notes the
//! requester never sees, and replies emailed in the thread of the case's
//! acknowledgement (`In-Reply-To` / `References`, the number in the
//! subject). Each action writes its audit event (never a message's text).

use super::audit::{self, Event, Target};
use crate::DomainError;
use crate::contact::{case_message_id, case_subject, mail_host};
use crate::entity::{case_entry, company, contact_case, offer, user};
use crate::mail::{self, Email};
use crate::model::{
    AuditAction, CaseDetail, CaseEntryKind, CaseEntryView, CaseStatus, CaseSummary, CurrentUser,
    Inbox, PersonLink, Role, TargetLink, case_number, check_long_text, offer_path, strip_hidden,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

/// Cases listed per status.
const INBOX_SIZE: u64 = 200;

fn full_name(u: &user::Model) -> String {
    format!("{} {}", u.first_name, u.last_name)
}

async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, DomainError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .iter()
        .map(|u| (u.id, full_name(u)))
        .collect())
}

fn summary(case: &contact_case::Model, names: &HashMap<i64, String>) -> CaseSummary {
    CaseSummary {
        id: case.id,
        number: case_number(case.id),
        subject: case.subject,
        status: case.status,
        email: case.email.clone(),
        name: case.name.clone(),
        assignee: case.assignee_id.and_then(|id| names.get(&id).cloned()),
        created_at: case.created_at,
        updated_at: case.updated_at,
    }
}

/// The cases of `status`, oldest first (the first to answer), and the
/// count of every status.
pub async fn inbox(
    db: &impl ConnectionTrait,
    admin: &CurrentUser,
    status: CaseStatus,
) -> Result<Inbox, DomainError> {
    super::require(admin)?;
    let mut counts = Vec::new();
    for s in CaseStatus::ALL {
        let n = contact_case::Entity::find()
            .filter(contact_case::Column::Status.eq(*s))
            .count(db)
            .await?;
        counts.push((*s, n));
    }
    let cases = contact_case::Entity::find()
        .filter(contact_case::Column::Status.eq(status))
        .order_by_asc(contact_case::Column::UpdatedAt)
        .limit(INBOX_SIZE)
        .all(db)
        .await?;
    let names = names(db, cases.iter().filter_map(|c| c.assignee_id)).await?;
    Ok(Inbox {
        status,
        counts,
        cases: cases.iter().map(|c| summary(c, &names)).collect(),
    })
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<contact_case::Model, DomainError> {
    contact_case::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// A case, its entries in order, and links to what it concerns.
pub async fn case(
    db: &impl ConnectionTrait,
    admin: &CurrentUser,
    id: i64,
) -> Result<CaseDetail, DomainError> {
    super::require(admin)?;
    let case = find(db, id).await?;
    let entries = case_entry::Entity::find()
        .filter(case_entry::Column::CaseId.eq(id))
        .order_by_asc(case_entry::Column::Id)
        .all(db)
        .await?;
    let admins: Vec<PersonLink> = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Administrator))
        .filter(user::Column::DeactivatedAt.is_null())
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|u| PersonLink {
            id: u.id,
            name: full_name(u),
            email: u.email.clone(),
        })
        .collect();
    let names = names(
        db,
        entries
            .iter()
            .filter_map(|e| e.author_id)
            .chain(case.assignee_id),
    )
    .await?;
    let account = match case.user_id {
        Some(uid) => match user::Entity::find_by_id(uid).one(db).await? {
            Some(u) => Some(TargetLink {
                label: format!("{} ({}, {})", full_name(&u), u.email, u.role.label()),
                href: account_href(db, &u).await?,
            }),
            None => None,
        },
        None => None,
    };
    let company = match case.company_id {
        Some(cid) => company::Entity::find_by_id(cid)
            .one(db)
            .await?
            .map(|c| TargetLink {
                href: format!("/admin/entreprises/{}", c.id),
                label: c.name,
            }),
        None => None,
    };
    let offer = match case.offer_id {
        Some(oid) => offer::Entity::find_by_id(oid)
            .one(db)
            .await?
            .map(|o| TargetLink {
                href: offer_path(&o.slug, o.id),
                label: o.title,
            }),
        None => None,
    };
    Ok(CaseDetail {
        summary: summary(&case, &names),
        entries: entries
            .into_iter()
            .map(|e| CaseEntryView {
                kind: e.kind,
                author: e.author_id.and_then(|id| names.get(&id).cloned()),
                body: e.body,
                created_at: e.created_at,
            })
            .collect(),
        account,
        company,
        offer,
        assignee_id: case.assignee_id,
        admins,
    })
}

/// Where the admin space shows an account: its company's page for a
/// recruiter, else the journal of its events.
async fn account_href(db: &impl ConnectionTrait, u: &user::Model) -> Result<String, DomainError> {
    use crate::entity::company_member;
    let member = company_member::Entity::find_by_id(u.id).one(db).await?;
    Ok(match member {
        Some(m) => format!("/admin/entreprises/{}", m.company_id),
        None => format!("/admin/journal?cible=compte&id={}", u.id),
    })
}

async fn touch(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), DomainError> {
    contact_case::Entity::update_many()
        .col_expr(contact_case::Column::UpdatedAt, Expr::value(now))
        .filter(contact_case::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Moves a case to `status`.
pub async fn set_status(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    id: i64,
    status: CaseStatus,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let txn = db.begin().await?;
    let case = find(&txn, id).await?;
    if case.status == status {
        return Ok(());
    }
    contact_case::Entity::update_many()
        .col_expr(contact_case::Column::Status, Expr::value(status))
        .col_expr(contact_case::Column::UpdatedAt, Expr::value(now))
        .filter(contact_case::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Event::new(admin, AuditAction::CaseStatus, Target::case(id), now).change(
            "statut",
            case.status.label(),
            status.label(),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Gives a case to an administrator (or to nobody).
pub async fn assign(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    id: i64,
    assignee: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let txn = db.begin().await?;
    let case = find(&txn, id).await?;
    let new_name = match assignee {
        Some(aid) => {
            let person = user::Entity::find_by_id(aid)
                .one(&txn)
                .await?
                .filter(|u| u.role == Role::Administrator && u.deactivated_at.is_none())
                .ok_or_else(|| {
                    DomainError::invalid("responsable", "Choisissez un administrateur.")
                })?;
            full_name(&person)
        }
        None => "personne".to_owned(),
    };
    let before = match case.assignee_id {
        Some(aid) => names(&txn, [aid]).await?.remove(&aid).unwrap_or_default(),
        None => "personne".to_owned(),
    };
    contact_case::Entity::update_many()
        .col_expr(contact_case::Column::AssigneeId, Expr::value(assignee))
        .col_expr(contact_case::Column::UpdatedAt, Expr::value(now))
        .filter(contact_case::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Event::new(admin, AuditAction::CaseAssigned, Target::case(id), now).change(
            "responsable",
            before,
            new_name,
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn entry_text(body: &str, field: &str) -> Result<String, DomainError> {
    match check_long_text(&strip_hidden(body), crate::model::CONTACT_MESSAGE_MAX_CHARS) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(DomainError::invalid(field, "Écrivez le texte.")),
        Err(error) => Err(DomainError::invalid(
            field,
            &format!("Texte trop long : {error}"),
        )),
    }
}

/// An internal note: the team sees it, the requester never does.
pub async fn add_note(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    id: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let body = entry_text(body, "note")?;
    let txn = db.begin().await?;
    find(&txn, id).await?;
    let entry = insert_entry(&txn, id, CaseEntryKind::Note, admin.id, body, now).await?;
    touch(&txn, id, now).await?;
    audit::record(
        &txn,
        Event::new(admin, AuditAction::CaseNote, Target::case(id), now).change(
            "note",
            "",
            format!("n° {entry}"),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn insert_entry(
    db: &impl ConnectionTrait,
    case_id: i64,
    kind: CaseEntryKind,
    author: i64,
    body: String,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    Ok(case_entry::Entity::insert(case_entry::ActiveModel {
        case_id: Set(case_id),
        kind: Set(kind),
        author_id: Set(Some(author)),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id)
}

/// The `Message-ID` of one reply of a case.
fn reply_message_id(case_id: i64, entry_id: i64, site: &str) -> String {
    format!("<demande-{case_id}-{entry_id}@{}>", mail_host(site))
}

/// Replies to the requester by email, in the case's thread; a new or
/// ongoing case then waits for the requester.
pub async fn reply(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    id: i64,
    body: &str,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let body = entry_text(body, "reponse")?;
    let txn = db.begin().await?;
    let case = find(&txn, id).await?;
    let earlier: Vec<i64> = case_entry::Entity::find()
        .select_only()
        .column(case_entry::Column::Id)
        .filter(case_entry::Column::CaseId.eq(id))
        .filter(case_entry::Column::Kind.eq(CaseEntryKind::Reply))
        .order_by_asc(case_entry::Column::Id)
        .into_tuple()
        .all(&txn)
        .await?;
    let entry = insert_entry(&txn, id, CaseEntryKind::Reply, admin.id, body.clone(), now).await?;
    let references: Vec<String> = std::iter::once(case_message_id(id, site))
        .chain(earlier.iter().map(|e| reply_message_id(id, *e, site)))
        .collect();
    mail::enqueue(
        &txn,
        Email {
            message_id: Some(reply_message_id(id, entry, site)),
            references,
            ..mail::templates::contact_reply(
                &case.email,
                &case.name,
                &case_subject(id, case.subject),
                &case_number(id),
                &body,
            )
        },
        now,
    )
    .await?;
    let status = match case.status {
        CaseStatus::New | CaseStatus::InProgress => CaseStatus::Waiting,
        other => other,
    };
    contact_case::Entity::update_many()
        .col_expr(contact_case::Column::Status, Expr::value(status))
        .col_expr(contact_case::Column::UpdatedAt, Expr::value(now))
        .filter(contact_case::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let mut event = Event::new(admin, AuditAction::CaseReply, Target::case(id), now).change(
        "reponse",
        "",
        format!("n° {entry}"),
    );
    if status != case.status {
        event = event.change("statut", case.status.label(), status.label());
    }
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok(())
}
