//! Messaging (C6, R5, R6): threads between a candidate with an account and
//! recruiters. Who may write to whom follows the FAQ: only candidates with
//! an account write to recruiters (about their application, or to a
//! company from its page); a recruiter writes to a candidate who applied to
//! one of their own offers (R8), or whose dossier is visible in the
//! CVthèque. A candidate may block a company. Messages are plain text.
//!
//! A person reading a thread they may not read gets a 404, as for offers.

use crate::DomainError;
use crate::auth::rate_limit;
use crate::entity::{
    application, company, company_block, dossier, message, offer, thread, thread_read, user,
};
use crate::mail::{self, templates};
use crate::model::{
    CurrentUser, DELETED_ACCOUNT, MESSAGE_MAX_CHARS, MessageView, Role, ThreadKind, ThreadSummary,
    ThreadTarget, ThreadView, truncate_text,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// One notification email per thread and person at most this often.
pub const NOTIFY_EVERY: Duration = Duration::minutes(15);

/// Which side of a thread the reader is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Candidate,
    Recruiter,
}

/// The company a recruiter writes for: a member waiting for the owner's
/// acceptance neither reads nor receives the company's threads.
async fn company_of(db: &impl ConnectionTrait, user: &CurrentUser) -> Result<i64, DomainError> {
    crate::companies::acting_company(db, user).await
}

async fn blocked(
    db: &impl ConnectionTrait,
    candidate_id: i64,
    company_id: i64,
) -> Result<bool, DomainError> {
    Ok(
        company_block::Entity::find_by_id((candidate_id, company_id))
            .one(db)
            .await?
            .is_some(),
    )
}

fn blocked_message() -> DomainError {
    DomainError::invalid(
        "message",
        "Ce candidat ne souhaite plus recevoir de messages de votre entreprise.",
    )
}

/// Who a new thread is between, and what it is about.
struct NewThread {
    kind: ThreadKind,
    candidate_id: i64,
    company_id: i64,
    recruiter_id: Option<i64>,
    application_id: Option<i64>,
    dossier_id: Option<i64>,
    subject: String,
}

/// Opens the thread about `target` (or finds the one already open) and
/// returns its id.
pub async fn open(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    target: ThreadTarget,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let new = thread_about(db, user, target).await?;
    if let Some(found) = existing_thread(db, user, &new).await? {
        return Ok(found);
    }
    rate_limit::hit(db, rate_limit::THREADS_PER_USER, &user.id.to_string(), now).await?;
    let created = thread::ActiveModel {
        kind: Set(new.kind),
        candidate_id: Set(Some(new.candidate_id)),
        company_id: Set(new.company_id),
        recruiter_id: Set(new.recruiter_id),
        application_id: Set(new.application_id),
        dossier_id: Set(new.dossier_id),
        subject: Set(truncate_text(&new.subject, 200)),
        opened_by: Set(Some(user.id)),
        created_at: Set(now),
        last_message_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(
        thread = created.id,
        user = user.id,
        kind = new.kind.code(),
        "thread opened"
    );
    Ok(created.id)
}

/// The thread `user` may open about `target`, following the FAQ: a
/// candidate about their application or to a company; the recruiter who
/// published the offer (R8) about an application; a recruiter acting for
/// their company about a visible dossier. A blocked company opens nothing.
async fn thread_about(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    target: ThreadTarget,
) -> Result<NewThread, DomainError> {
    match (user.role, target) {
        (Role::Candidate, ThreadTarget::Application(id)) => {
            let found = application::Entity::find_by_id(id)
                .filter(application::Column::UserId.eq(user.id))
                .one(db)
                .await?
                .ok_or(DomainError::NotFound)?;
            let offer = match found.offer_id {
                Some(offer_id) => offer::Entity::find_by_id(offer_id).one(db).await?,
                None => None,
            };
            let Some((recruiter, company_id, offer)) =
                offer.and_then(|o| Some((o.recruiter_id?, o.company_id?, o)))
            else {
                return Err(DomainError::invalid(
                    "message",
                    "Cette offre a été supprimée : son recruteur ne peut plus être contacté ici.",
                ));
            };
            Ok(NewThread {
                kind: ThreadKind::Application,
                candidate_id: user.id,
                company_id,
                recruiter_id: Some(recruiter),
                application_id: Some(id),
                dossier_id: None,
                subject: offer.title,
            })
        }
        (Role::Candidate, ThreadTarget::Company(id)) => {
            company::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok(NewThread {
                kind: ThreadKind::Company,
                candidate_id: user.id,
                company_id: id,
                recruiter_id: None,
                application_id: None,
                dossier_id: None,
                subject: "Candidature spontanée".to_owned(),
            })
        }
        (_, ThreadTarget::Application(id)) if user.is_recruiter() => {
            // R8: only the recruiter who published the offer.
            let (found, offer) = crate::applications::handled_by(db, user, id).await?;
            let Some(candidate) = found.user_id else {
                return Err(DomainError::invalid(
                    "message",
                    &format!(
                        "Ce candidat a postulé sans compte : écrivez-lui par e-mail à {}.",
                        found.email
                    ),
                ));
            };
            let company_id = offer.company_id.ok_or(DomainError::Forbidden)?;
            if blocked(db, candidate, company_id).await? {
                return Err(blocked_message());
            }
            Ok(NewThread {
                kind: ThreadKind::Application,
                candidate_id: candidate,
                company_id,
                recruiter_id: Some(user.id),
                application_id: Some(id),
                dossier_id: None,
                subject: offer.title,
            })
        }
        (_, ThreadTarget::Dossier(id)) if user.is_recruiter() => {
            let found = dossier::Entity::find_by_id(id)
                .filter(dossier::Column::Visible.eq(true))
                .one(db)
                .await?
                .ok_or(DomainError::NotFound)?;
            let company_id = company_of(db, user).await?;
            if blocked(db, found.user_id, company_id).await? {
                return Err(blocked_message());
            }
            Ok(NewThread {
                kind: ThreadKind::Dossier,
                candidate_id: found.user_id,
                company_id,
                recruiter_id: Some(user.id),
                application_id: None,
                dossier_id: Some(id),
                subject: found.title,
            })
        }
        _ => Err(DomainError::Forbidden),
    }
}

/// The thread already open about the same thing, if any: one per
/// application, one per company for a candidate, one per dossier and
/// recruiter.
async fn existing_thread(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    new: &NewThread,
) -> Result<Option<i64>, DomainError> {
    let mut existing = thread::Entity::find()
        .filter(thread::Column::Kind.eq(new.kind))
        .filter(thread::Column::CandidateId.eq(new.candidate_id))
        .filter(thread::Column::CompanyId.eq(new.company_id));
    existing = match (new.application_id, new.dossier_id) {
        (Some(id), _) => existing.filter(thread::Column::ApplicationId.eq(id)),
        (_, Some(id)) => existing
            .filter(thread::Column::DossierId.eq(id))
            .filter(thread::Column::RecruiterId.eq(user.id)),
        _ => existing,
    };
    Ok(existing.one(db).await?.map(|found| found.id))
}

/// The threads `user` may read, as a condition on `threads`.
async fn readable(db: &impl ConnectionTrait, user: &CurrentUser) -> Result<Condition, DomainError> {
    if user.role == Role::Candidate {
        return Ok(Condition::all().add(thread::Column::CandidateId.eq(user.id)));
    }
    if !user.is_recruiter() {
        return Ok(Condition::all().add(thread::Column::Id.eq(-1)));
    }
    let mut any = Condition::any().add(thread::Column::RecruiterId.eq(user.id));
    if let Ok(company_id) = company_of(db, user).await {
        any = any.add(
            Condition::all()
                .add(thread::Column::Kind.eq(ThreadKind::Company))
                .add(thread::Column::CompanyId.eq(company_id)),
        );
    }
    Ok(any)
}

/// The thread `id` if `user` may read it (404 otherwise), and their side.
async fn thread_for(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<(thread::Model, Side), DomainError> {
    let found = thread::Entity::find_by_id(id)
        .filter(readable(db, user).await?)
        .one(db)
        .await?;
    let Some(found) = found else {
        tracing::info!(user = user.id, thread = id, "thread refused");
        return Err(DomainError::NotFound);
    };
    let side = if user.role == Role::Candidate {
        Side::Candidate
    } else {
        Side::Recruiter
    };
    Ok((found, side))
}

/// Why `side` cannot write in `t` any more, if it cannot.
async fn closed_reason(
    db: &impl ConnectionTrait,
    t: &thread::Model,
    side: Side,
) -> Result<Option<String>, DomainError> {
    let Some(candidate) = t.candidate_id else {
        return Ok(Some(
            "Le compte de ce candidat a été supprimé : la conversation est close.".into(),
        ));
    };
    if t.kind != ThreadKind::Company && t.recruiter_id.is_none() {
        return Ok(Some(
            "Le compte de ce recruteur a été supprimé : écrivez à l'entreprise depuis sa page."
                .into(),
        ));
    }
    if side == Side::Recruiter && blocked(db, candidate, t.company_id).await? {
        return Ok(Some(
            "Ce candidat ne souhaite plus recevoir de messages de votre entreprise.".into(),
        ));
    }
    Ok(None)
}

fn full_name(u: &user::Model) -> String {
    format!("{} {}", u.first_name, u.last_name)
        .trim()
        .to_owned()
}

async fn users_by_id(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, user::Model>, DomainError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

/// Who the reader talks with in `t`.
fn other_side(
    t: &thread::Model,
    side: Side,
    users: &HashMap<i64, user::Model>,
    companies: &HashMap<i64, String>,
) -> String {
    let company = companies.get(&t.company_id).cloned().unwrap_or_default();
    match side {
        Side::Recruiter => t
            .candidate_id
            .and_then(|id| users.get(&id))
            .map_or_else(|| DELETED_ACCOUNT.to_owned(), full_name),
        Side::Candidate => match t.recruiter_id.and_then(|id| users.get(&id)) {
            Some(recruiter) => format!("{} — {company}", full_name(recruiter)),
            None if t.kind == ThreadKind::Company => format!("Les recruteurs de {company}"),
            None => format!("{DELETED_ACCOUNT} — {company}"),
        },
    }
}

async fn company_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, DomainError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(company::Entity::find()
        .filter(company::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

/// Unread messages of the threads `user` may read (and `among`), per
/// thread: one query joining each message to its thread and to how far
/// the reader read it.
async fn unread_counts(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    among: Condition,
) -> Result<HashMap<i64, u64>, DomainError> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
    let message_col = |c: message::Column| Expr::col((message::Entity, c));
    let statement = Query::select()
        .column((message::Entity, message::Column::ThreadId))
        .expr_as(
            Func::count(message_col(message::Column::Id)),
            Alias::new("unread"),
        )
        .from(message::Entity)
        .inner_join(
            thread::Entity,
            Expr::col((thread::Entity, thread::Column::Id))
                .equals((message::Entity, message::Column::ThreadId)),
        )
        .left_join(
            thread_read::Entity,
            Condition::all()
                .add(
                    Expr::col((thread_read::Entity, thread_read::Column::ThreadId))
                        .equals((message::Entity, message::Column::ThreadId)),
                )
                .add(Expr::col((thread_read::Entity, thread_read::Column::UserId)).eq(user.id)),
        )
        .cond_where(readable(db, user).await?)
        .cond_where(among)
        .and_where(message_col(message::Column::Id).gt(Func::coalesce([
            Expr::col((thread_read::Entity, thread_read::Column::LastReadId)),
            Expr::val(0),
        ])))
        .cond_where(
            Condition::any()
                .add(message_col(message::Column::AuthorId).ne(user.id))
                .add(message_col(message::Column::AuthorId).is_null()),
        )
        .group_by_col((message::Entity, message::Column::ThreadId))
        .to_owned();
    let mut counts = HashMap::new();
    for row in db.query_all(&statement).await? {
        let thread: i64 = row.try_get("", "thread_id")?;
        let unread: i64 = row.try_get("", "unread")?;
        counts.insert(thread, u64::try_from(unread).unwrap_or(0));
    }
    Ok(counts)
}

/// The inbox: threads with a message (or opened by the reader), latest first.
pub async fn threads(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<Vec<ThreadSummary>, DomainError> {
    let side = if user.role == Role::Candidate {
        Side::Candidate
    } else {
        Side::Recruiter
    };
    let rows = thread::Entity::find()
        .filter(readable(db, user).await?)
        .filter(
            Condition::any()
                .add(thread::Column::LastMessageAt.is_not_null())
                .add(thread::Column::OpenedBy.eq(user.id)),
        )
        .order_by_desc(thread::Column::LastMessageAt)
        .order_by_desc(thread::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|t| t.id).collect();
    let unread = unread_counts(db, user, Condition::all()).await?;
    let people: Vec<i64> = rows
        .iter()
        .flat_map(|t| [t.candidate_id, t.recruiter_id])
        .flatten()
        .collect();
    let users = users_by_id(db, people).await?;
    let company_ids: Vec<i64> = rows.iter().map(|t| t.company_id).collect();
    let companies = company_names(db, company_ids).await?;
    // The last message of each thread: its id per thread, then those rows.
    let mut last: HashMap<i64, message::Model> = HashMap::new();
    if !ids.is_empty() {
        let last_ids: Vec<i64> = message::Entity::find()
            .select_only()
            .column_as(message::Column::Id.max(), "last")
            .filter(message::Column::ThreadId.is_in(ids.clone()))
            .group_by(message::Column::ThreadId)
            .into_tuple::<Option<i64>>()
            .all(db)
            .await?
            .into_iter()
            .flatten()
            .collect();
        for m in message::Entity::find()
            .filter(message::Column::Id.is_in(last_ids))
            .all(db)
            .await?
        {
            last.insert(m.thread_id, m);
        }
    }
    Ok(rows
        .iter()
        .map(|t| ThreadSummary {
            id: t.id,
            subject: t.subject.clone(),
            with: other_side(t, side, &users, &companies),
            excerpt: last.get(&t.id).map(|m| {
                if m.author_id.is_none() {
                    format!("{DELETED_ACCOUNT}.")
                } else {
                    truncate_text(&m.body.replace('\n', " "), 90)
                }
            }),
            last_at: t.last_message_at,
            unread: unread.get(&t.id).copied().unwrap_or(0),
        })
        .collect())
}

/// How many unread messages `user` has, over every thread.
pub async fn unread(db: &impl ConnectionTrait, user: &CurrentUser) -> Result<u64, DomainError> {
    unread_except(db, user, None).await
}

/// …but thread `except`, which the page being shown is about to mark read.
pub async fn unread_except(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    except: Option<i64>,
) -> Result<u64, DomainError> {
    if !(user.role == Role::Candidate || user.is_recruiter()) {
        return Ok(0);
    }
    let among = Condition::all().add(thread::Column::Id.ne(except.unwrap_or(-1)));
    Ok(unread_counts(db, user, among).await?.values().sum())
}

async fn mark_read(
    db: &impl ConnectionTrait,
    thread_id: i64,
    user_id: i64,
    last_id: i64,
) -> Result<(), DomainError> {
    match thread_read::Entity::find_by_id((thread_id, user_id))
        .one(db)
        .await?
    {
        Some(row) if row.last_read_id >= last_id => Ok(()),
        Some(row) => {
            let mut row: thread_read::ActiveModel = row.into();
            row.last_read_id = Set(last_id);
            row.update(db).await?;
            Ok(())
        }
        None => {
            thread_read::ActiveModel {
                thread_id: Set(thread_id),
                user_id: Set(user_id),
                last_read_id: Set(last_id),
                notified_at: Set(None),
            }
            .insert(db)
            .await?;
            Ok(())
        }
    }
}

fn views(
    messages: Vec<message::Model>,
    user: &CurrentUser,
    users: &HashMap<i64, user::Model>,
    company: &str,
) -> Vec<MessageView> {
    messages
        .into_iter()
        .map(|m| {
            let author = match m.author_id.and_then(|id| users.get(&id)) {
                None => DELETED_ACCOUNT.to_owned(),
                Some(u) if m.from_candidate => full_name(u),
                Some(u) => format!("{} — {company}", full_name(u)),
            };
            MessageView {
                id: m.id,
                mine: m.author_id == Some(user.id),
                author,
                body: m.author_id.map(|_| m.body),
                sent: crate::model::french_date_time(m.created_at),
            }
        })
        .collect()
}

/// Messages of thread `id` after message `after` (0: all), marked read.
async fn messages_after(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    t: &thread::Model,
    after: i64,
) -> Result<Vec<MessageView>, DomainError> {
    let rows = message::Entity::find()
        .filter(message::Column::ThreadId.eq(t.id))
        .filter(message::Column::Id.gt(after))
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    // The conversation island asks every few seconds: nothing new, nothing more to read.
    let Some(last) = rows.last() else {
        return Ok(Vec::new());
    };
    mark_read(db, t.id, user.id, last.id).await?;
    let authors: Vec<i64> = rows.iter().filter_map(|m| m.author_id).collect();
    let users = users_by_id(db, authors).await?;
    let company = company_names(db, [t.company_id])
        .await?
        .remove(&t.company_id)
        .unwrap_or_default();
    Ok(views(rows, user, &users, &company))
}

/// A conversation, marked read.
pub async fn read(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<ThreadView, DomainError> {
    let (t, side) = thread_for(db, user, id).await?;
    let messages = messages_after(db, user, &t, 0).await?;
    let users = users_by_id(db, [t.candidate_id, t.recruiter_id].into_iter().flatten()).await?;
    let companies = company_names(db, [t.company_id]).await?;
    let company_name = companies.get(&t.company_id).cloned().unwrap_or_default();
    let about = match (side, t.application_id, t.dossier_id) {
        (Side::Candidate, Some(_), _) => Some((
            "Mes candidatures".to_owned(),
            "/espace/candidatures".to_owned(),
        )),
        (Side::Recruiter, Some(id), _) => Some((
            "Voir la candidature".to_owned(),
            format!("/recruteur/candidatures/{id}"),
        )),
        (Side::Recruiter, None, Some(id)) => Some((
            "Voir le dossier dans la CVthèque".to_owned(),
            format!("/recruteur/cvtheque/{id}"),
        )),
        _ => None,
    };
    let company = match (side, t.candidate_id) {
        (Side::Candidate, Some(candidate)) => Some((
            t.company_id,
            company_name,
            blocked(db, candidate, t.company_id).await?,
        )),
        _ => None,
    };
    Ok(ThreadView {
        id: t.id,
        subject: t.subject.clone(),
        with: other_side(&t, side, &users, &companies),
        about,
        messages,
        closed: closed_reason(db, &t, side).await?,
        company,
    })
}

/// The messages of thread `id` after message `after`, marked read (the
/// conversation island asks for them every few seconds).
pub async fn since(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
    after: i64,
) -> Result<Vec<MessageView>, DomainError> {
    let (t, _) = thread_for(db, user, id).await?;
    messages_after(db, user, &t, after).await
}

/// Writes `body` in thread `id`; the other side is emailed, at most once
/// per thread and person every 15 minutes. Returns the message id.
pub async fn send(
    db: &impl ConnectionTrait,
    site: &str,
    user: &CurrentUser,
    id: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let (t, side) = thread_for(db, user, id).await?;
    let body = body.replace("\r\n", "\n").trim().to_owned();
    if body.is_empty() {
        return Err(DomainError::invalid("message", "Écrivez votre message."));
    }
    if body.chars().count() > MESSAGE_MAX_CHARS {
        return Err(DomainError::invalid(
            "message",
            &format!("{MESSAGE_MAX_CHARS} caractères au plus."),
        ));
    }
    if let Some(reason) = closed_reason(db, &t, side).await? {
        return Err(DomainError::invalid("message", &reason));
    }
    rate_limit::hit(db, rate_limit::MESSAGES_PER_USER, &user.id.to_string(), now).await?;
    let saved = message::ActiveModel {
        thread_id: Set(t.id),
        author_id: Set(Some(user.id)),
        from_candidate: Set(side == Side::Candidate),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut row: thread::ActiveModel = t.clone().into();
    row.last_message_at = Set(Some(now));
    row.update(db).await?;
    mark_read(db, t.id, user.id, saved.id).await?;

    let recipients: Vec<i64> = match side {
        Side::Candidate => match t.recruiter_id {
            Some(recruiter) => vec![recruiter],
            None => crate::companies::active_members(db, t.company_id).await?,
        },
        Side::Recruiter => t.candidate_id.into_iter().collect(),
    };
    let users = users_by_id(db, recipients.iter().copied()).await?;
    let companies = company_names(db, [t.company_id]).await?;
    let from = match side {
        Side::Candidate => format!("{} {}", user.first_name, user.last_name)
            .trim()
            .to_owned(),
        Side::Recruiter => companies.get(&t.company_id).cloned().unwrap_or_default(),
    };
    let link = format!("{site}/messages/{}", t.id);
    for recipient in recipients {
        let Some(person) = users.get(&recipient) else {
            continue;
        };
        let read = thread_read::Entity::find_by_id((t.id, recipient))
            .one(db)
            .await?;
        if read
            .as_ref()
            .and_then(|r| r.notified_at)
            .is_some_and(|at| now - at < NOTIFY_EVERY)
        {
            continue;
        }
        mail::enqueue(
            db,
            templates::new_message(&person.email, &person.first_name, &from, &t.subject, &link),
            now,
        )
        .await?;
        match read {
            Some(row) => {
                let mut row: thread_read::ActiveModel = row.into();
                row.notified_at = Set(Some(now));
                row.update(db).await?;
            }
            None => {
                thread_read::ActiveModel {
                    thread_id: Set(t.id),
                    user_id: Set(recipient),
                    last_read_id: Set(0),
                    notified_at: Set(Some(now)),
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(saved.id)
}

/// A candidate blocks (or unblocks) a company: its recruiters can no longer
/// write to them nor open a conversation.
pub async fn set_block(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    company_id: i64,
    block: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if user.role != Role::Candidate {
        return Err(DomainError::Forbidden);
    }
    company::Entity::find_by_id(company_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let existing = company_block::Entity::find_by_id((user.id, company_id))
        .one(db)
        .await?;
    match (existing, block) {
        (None, true) => {
            company_block::ActiveModel {
                candidate_id: Set(user.id),
                company_id: Set(company_id),
                created_at: Set(now),
            }
            .insert(db)
            .await?;
        }
        (Some(row), false) => {
            company_block::Entity::delete_by_id((row.candidate_id, row.company_id))
                .exec(db)
                .await?;
        }
        _ => {}
    }
    tracing::info!(
        user = user.id,
        company = company_id,
        block,
        "company block changed"
    );
    Ok(())
}

/// Before an account is deleted: its messages are emptied (the other side
/// sees "Compte supprimé" in their place).
pub async fn forget_author(db: &impl ConnectionTrait, user_id: i64) -> Result<(), DomainError> {
    message::Entity::update_many()
        .col_expr(message::Column::Body, sea_orm::sea_query::Expr::value(""))
        .col_expr(
            message::Column::AuthorId,
            sea_orm::sea_query::Expr::value(Option::<i64>::None),
        )
        .filter(message::Column::AuthorId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
