//! B5 (CNIL recruitment guidance): an application is not kept forever. Three
//! months after it was declined — or after its offer closed (filled,
//! unpublished, expired, deleted) without a decision — and in any case
//! twelve months after it was sent if still undecided, its files are
//! deleted and its texts emptied (message, letter, video link, phone, the
//! recruiter's note). What stays is the minimal record — offer, company,
//! dates, decision — so "Mes candidatures" and the recruiter's figures
//! still make sense. A hired candidate's application is kept (the hiring
//! follows its own rules). Files a candidate's dossier still uses stay in
//! the dossier. A daily job does it (idempotent, under its lease); the
//! candidate may do it at once for one application. When declining, the
//! recruiter may ask to keep the application 2 years for other openings:
//! only the candidate's explicit yes (the decline email's link, or "Mes
//! candidatures") keeps it, until 2 years after that yes; a no, or a
//! consent withdrawn, deletes at once.

use crate::DomainError;
use crate::entity::{application, offer};
use crate::files::{self, Storage};
use crate::model::{ApplicationStatus, CurrentUser};
use chrono::{DateTime, Months, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

/// After the decision (or the offer's closing).
pub const AFTER_CLOSING: Months = Months::new(3);
/// After sending, for an application nobody decided.
pub const UNDECIDED: Months = Months::new(12);
/// With the candidate's consent, after their "yes".
pub const WITH_CONSENT: Months = Months::new(24);

/// Statuses that are not a decision.
const PENDING: [ApplicationStatus; 4] = [
    ApplicationStatus::Sent,
    ApplicationStatus::Viewed,
    ApplicationStatus::Shortlisted,
    ApplicationStatus::Interview,
];

/// When an application's files and texts will be deleted, if they will.
pub fn deletion_date(row: &application::Model) -> Option<DateTime<Utc>> {
    if row.purged_at.is_some() || row.status == ApplicationStatus::Hired {
        return None;
    }
    if let Some(until) = row.keep_until {
        return Some(until);
    }
    let undecided = (row.status != ApplicationStatus::Declined)
        .then(|| row.created_at.checked_add_months(UNDECIDED))
        .flatten();
    let closed = row
        .closed_at
        .and_then(|at| at.checked_add_months(AFTER_CLOSING));
    match (closed, undecided) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Undecided applications whose offer closed: their 3 months start.
    pub closing: u64,
    /// Applications emptied.
    pub purged: u64,
    /// Files deleted (those no dossier still uses).
    pub files: u64,
}

/// The daily job: starts the 3 months of undecided applications whose offer
/// closed, then empties every application past its date.
pub async fn sweep(
    db: &impl ConnectionTrait,
    storage: &Storage,
    now: DateTime<Utc>,
) -> Result<Swept, DomainError> {
    let open_offers = Query::select()
        .column(offer::Column::Id)
        .from(offer::Entity)
        .cond_where(crate::offers::open_offers(now))
        .to_owned();
    let closing = application::Entity::update_many()
        .col_expr(application::Column::ClosedAt, Expr::value(now))
        .filter(application::Column::ClosedAt.is_null())
        .filter(application::Column::PurgedAt.is_null())
        .filter(application::Column::Status.is_in(PENDING))
        .filter(
            Condition::any()
                .add(application::Column::OfferId.is_null())
                .add(application::Column::OfferId.not_in_subquery(open_offers)),
        )
        .exec(db)
        .await?
        .rows_affected;
    let closed_before = now.checked_sub_months(AFTER_CLOSING).unwrap_or(now);
    let sent_before = now.checked_sub_months(UNDECIDED).unwrap_or(now);
    let due = application::Entity::find()
        .filter(application::Column::PurgedAt.is_null())
        .filter(application::Column::Status.ne(ApplicationStatus::Hired))
        .filter(
            Condition::any()
                .add(application::Column::KeepUntil.is_null())
                .add(application::Column::KeepUntil.lte(now)),
        )
        .filter(
            Condition::any()
                .add(application::Column::KeepUntil.lte(now))
                .add(application::Column::ClosedAt.lte(closed_before))
                .add(
                    Condition::all()
                        .add(application::Column::Status.is_in(PENDING))
                        .add(application::Column::CreatedAt.lte(sent_before)),
                ),
        )
        .all(db)
        .await?;
    let mut swept = Swept {
        closing,
        ..Swept::default()
    };
    for row in due {
        swept.files += purge(db, storage, row, now).await?;
        swept.purged += 1;
    }
    if swept.purged > 0 || swept.closing > 0 {
        tracing::info!(
            closing = swept.closing,
            purged = swept.purged,
            files = swept.files,
            "applications past their retention emptied"
        );
    }
    Ok(swept)
}

/// Empties one application; returns how many files were deleted.
async fn purge(
    db: &impl ConnectionTrait,
    storage: &Storage,
    row: application::Model,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let ids: Vec<i64> = row.file_ids().collect();
    application::Entity::update_many()
        .col_expr(
            application::Column::CvFileId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            application::Column::LetterFileId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            application::Column::VideoFileId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            application::Column::Message,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            application::Column::LetterText,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            application::Column::VideoUrl,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            application::Column::Phone,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            application::Column::RecruiterNote,
            Expr::value(Option::<String>::None),
        )
        .col_expr(application::Column::PurgedAt, Expr::value(now))
        .filter(application::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    // Files a dossier (or another application) still uses are kept.
    files::release(db, storage, ids).await
}

/// C5: the candidate deletes an application's files and texts now.
pub async fn purge_mine(
    db: &impl ConnectionTrait,
    storage: &Storage,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let row = application::Entity::find_by_id(id)
        .filter(application::Column::UserId.eq(user.id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if row.purged_at.is_none() {
        purge(db, storage, row, now).await?;
        tracing::info!(application = id, "application emptied by its candidate");
    }
    Ok(())
}

/// The recruiter declines and asks to keep the application: the token of
/// the email's "yes" link (stored as its hash).
pub async fn ask_keep(db: &impl ConnectionTrait, id: i64) -> Result<String, DomainError> {
    let token = crate::auth::random_secret();
    application::Entity::update_many()
        .col_expr(application::Column::KeepAsked, Expr::value(true))
        .col_expr(
            application::Column::KeepTokenHash,
            Expr::value(crate::auth::secret_hash(&token)),
        )
        .filter(application::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(token)
}

/// The application a "yes" link names, if the question is still open.
async fn asked_by_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<application::Model, DomainError> {
    if token.is_empty() || token.len() > 100 {
        return Err(DomainError::NotFound);
    }
    application::Entity::find()
        .filter(application::Column::KeepTokenHash.eq(crate::auth::secret_hash(token)))
        .filter(application::Column::KeepAsked.eq(true))
        .filter(application::Column::PurgedAt.is_null())
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// What the "yes" link's page shows: the offer and the company.
pub async fn keep_question(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<(String, String, Option<DateTime<Utc>>), DomainError> {
    let row = asked_by_token(db, token).await?;
    Ok((row.offer_title, row.company_name, row.keep_until))
}

async fn set_consent(
    db: &impl ConnectionTrait,
    storage: &Storage,
    row: application::Model,
    yes: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if yes {
        let until = now.checked_add_months(WITH_CONSENT).unwrap_or(now);
        application::Entity::update_many()
            .col_expr(application::Column::KeepUntil, Expr::value(until))
            .filter(application::Column::Id.eq(row.id))
            .exec(db)
            .await?;
        tracing::info!(
            application = row.id,
            "candidate consented to keep the application"
        );
    } else {
        // Refusing, or withdrawing a consent, deletes at once.
        purge(db, storage, row.clone(), now).await?;
        application::Entity::update_many()
            .col_expr(
                application::Column::KeepUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                application::Column::KeepTokenHash,
                Expr::value(Option::<String>::None),
            )
            .filter(application::Column::Id.eq(row.id))
            .exec(db)
            .await?;
        tracing::info!(
            application = row.id,
            "candidate refused or withdrew the consent: emptied"
        );
    }
    Ok(())
}

/// The "yes" (or "no") of the decline email's link.
pub async fn answer_by_token(
    db: &impl ConnectionTrait,
    storage: &Storage,
    token: &str,
    yes: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let row = asked_by_token(db, token).await?;
    set_consent(db, storage, row, yes, now).await
}

/// The same from "Mes candidatures": consent, or withdraw it.
pub async fn answer_mine(
    db: &impl ConnectionTrait,
    storage: &Storage,
    user: &CurrentUser,
    id: i64,
    yes: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let row = application::Entity::find_by_id(id)
        .filter(application::Column::UserId.eq(user.id))
        .filter(application::Column::KeepAsked.eq(true))
        .filter(application::Column::PurgedAt.is_null())
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    set_consent(db, storage, row, yes, now).await
}
