//! Applying to an offer, with or without an account (P7, C4, B3), and
//! following one's applications (C5).
//!
//! One application per address and offer: a second one replaces the first
//! (B3) and says so. The candidate gets a copy of what was sent; the recruiter
//! who published the offer is told.

use crate::DomainError;
use crate::accounts::Origin;
use crate::auth::rate_limit::{self, APPLY_PER_EMAIL, APPLY_PER_IP};
use crate::auth::{random_secret, secret_hash};
use crate::entity::{
    application, application_event, application_replacement, company, dossier, offer, stored_file,
    user,
};
use crate::error::FieldErrors;
use crate::files::{self, Storage, Upload};
use crate::mail::{self, templates};
use crate::model::{
    ApplicationStatus, ApplicationView, Applied, ApplyMethod, CurrentUser, FileKind, FileView,
    LONG_TEXT_MAX_CHARS, OfferState, Role, check_long_text, check_name, check_phone, file_field,
    normalize_email,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

pub mod retention;

/// An application form without an account (P7).
#[derive(Debug, Clone, Default)]
pub struct AnonymousApplication {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub message: String,
    pub cv: Option<Upload>,
    pub letter: Option<Upload>,
    /// A field people do not see: robots fill it.
    pub honeypot: String,
}

/// An application from a signed-in candidate (C4): a saved dossier, or files
/// for this application only (kept as a new dossier when `keep_as` is given).
#[derive(Debug, Clone, Default)]
pub struct AccountApplication {
    pub dossier_id: Option<i64>,
    pub cv: Option<Upload>,
    pub letter: Option<Upload>,
    pub keep_as: String,
    pub message: String,
}

/// Who applies, checked.
struct Applicant {
    user_id: Option<i64>,
    email: String,
    first_name: String,
    last_name: String,
    phone: Option<String>,
    message: Option<String>,
}

/// What the application holds.
#[derive(Default)]
struct Contents {
    dossier_id: Option<i64>,
    cv: Option<stored_file::Model>,
    letter: Option<stored_file::Model>,
    letter_text: Option<String>,
    video: Option<stored_file::Model>,
    video_url: Option<String>,
}

/// An application ready to record: the offer and its company, who applies
/// and with what.
struct Submission {
    offer: offer::Model,
    company: company::Model,
    applicant: Applicant,
    contents: Contents,
}

/// The offer of `id` if it takes applications on the portal at `now`.
pub async fn open_offer(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(offer::Model, company::Model), DomainError> {
    let (offer, company) = offer::Entity::find_by_id(id)
        .find_also_related(company::Entity)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let open = offer.status == crate::model::OfferStatus::Published
        && offer.expires_at.is_none_or(|at| at > now);
    if !open {
        return Err(DomainError::Conflict(
            "Cette offre n'accepte plus de candidatures.".into(),
        ));
    }
    if offer.apply_method != ApplyMethod::Portal {
        return Err(DomainError::Conflict(
            "Cette offre se postule en dehors de JobToMove : suivez les indications de l'offre."
                .into(),
        ));
    }
    // Every offer applied for here has its company (an imported one never
    // takes applications here).
    let company = company.ok_or(DomainError::NotFound)?;
    Ok((offer, company))
}

/// P7: applies to `offer_id` with an email address and a CV.
pub async fn apply_anonymously(
    db: &DatabaseConnection,
    storage: &Storage,
    origin: &Origin<'_>,
    offer_id: i64,
    form: AnonymousApplication,
) -> Result<Applied, DomainError> {
    let (offer, company) = open_offer(db, offer_id, origin.now).await?;
    let mut errors = FieldErrors::new();
    let email: Option<String> = match normalize_email(&form.email) {
        Ok(email) => Some(email),
        Err(message) => {
            errors.insert("email".into(), message.to_owned());
            None
        }
    };
    let mut optional_name = |value: &str, field: &str, what| {
        if value.trim().is_empty() {
            return String::new();
        }
        check_name(value, what)
            .map_err(|message| errors.insert(field.into(), message))
            .unwrap_or_default()
    };
    let first_name = optional_name(&form.first_name, "prenom", "votre prénom");
    let last_name = optional_name(&form.last_name, "nom", "votre nom");
    let phone = check_phone(&form.phone)
        .map_err(|message| errors.insert("telephone".into(), message.into()))
        .ok()
        .flatten();
    let message = check_long_text(&form.message, LONG_TEXT_MAX_CHARS)
        .map_err(|message| errors.insert("message".into(), message))
        .ok()
        .flatten();
    if form.cv.is_none() {
        errors.insert(
            file_field::CV.into(),
            "Joignez votre CV (PDF, Word ou OpenDocument, 5 Mo au plus).".into(),
        );
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(DomainError::Invalid(errors));
    };
    rate_limit::hit(db, APPLY_PER_IP, origin.ip, origin.now).await?;
    rate_limit::hit(db, APPLY_PER_EMAIL, &email, origin.now).await?;
    if !form.honeypot.trim().is_empty() {
        tracing::info!(offer_id, "application dropped: honeypot filled");
        return Ok(Applied::New);
    }
    let contents = Contents {
        cv: upload(db, storage, form.cv, file_field::CV, origin.now).await?,
        letter: upload(db, storage, form.letter, file_field::LETTER, origin.now).await?,
        ..Default::default()
    };
    let applicant = Applicant {
        user_id: None,
        email,
        first_name,
        last_name,
        phone,
        message,
    };
    let submission = Submission {
        offer,
        company,
        applicant,
        contents,
    };
    record(db, storage, origin, submission, Replacing::AskFirst).await
}

/// How long the link that confirms a replacement stays valid.
const REPLACEMENT_VALID: chrono::Duration = chrono::Duration::hours(48);

/// Whether an application of a known address may replace the earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replacing {
    /// Anonymous: the address confirms it by the emailed link first.
    AskFirst,
    /// Signed in, or confirmed from the link: at once.
    AtOnce,
}

/// B3: keeps an anonymous application that would replace `previous` until
/// the link emailed to its address confirms it.
async fn hold_replacement(
    txn: &impl ConnectionTrait,
    origin: &Origin<'_>,
    submission: &Submission,
    previous: &application::Model,
) -> Result<(), DomainError> {
    let Submission {
        offer,
        company,
        applicant,
        contents,
    } = submission;
    let secret = random_secret();
    application_replacement::ActiveModel {
        token_hash: Set(secret_hash(&secret)),
        application_id: Set(previous.id),
        first_name: Set(applicant.first_name.clone()),
        last_name: Set(applicant.last_name.clone()),
        phone: Set(applicant.phone.clone()),
        message: Set(applicant.message.clone()),
        cv_file_id: Set(contents.cv.as_ref().map(|f| f.id)),
        letter_file_id: Set(contents.letter.as_ref().map(|f| f.id)),
        created_at: Set(origin.now),
        expires_at: Set(origin.now + REPLACEMENT_VALID),
    }
    .insert(txn)
    .await?;
    mail::enqueue(
        txn,
        templates::confirm_replacement(
            &previous.email,
            &applicant.first_name,
            &offer.title,
            &company.name,
            &format!("{}/candidature/remplacer?jeton={secret}", origin.site),
        ),
        origin.now,
    )
    .await?;
    tracing::info!(
        offer = offer.id,
        application = previous.id,
        "replacement held for confirmation"
    );
    Ok(())
}

/// B3: the address confirmed, from the emailed link, that its new anonymous
/// application replaces the earlier one. The link serves once, for 48
/// hours, and only while the offer takes applications.
pub async fn confirm_replacement(
    db: &DatabaseConnection,
    storage: &Storage,
    origin: &Origin<'_>,
    secret: &str,
) -> Result<String, DomainError> {
    let invalid = || {
        DomainError::invalid(
            "jeton",
            "Ce lien n'est plus valable : il a déjà servi ou a expiré. Votre candidature précédente reste telle quelle ; vous pouvez postuler de nouveau.",
        )
    };
    if secret.is_empty() || secret.len() > 100 {
        return Err(invalid());
    }
    let hash = secret_hash(secret);
    let held = application_replacement::Entity::find_by_id(hash.clone())
        .one(db)
        .await?
        .ok_or_else(invalid)?;
    let taken = application_replacement::Entity::delete_by_id(hash)
        .exec(db)
        .await?;
    if taken.rows_affected != 1 {
        // Another request took it at the same moment: it owns the files.
        return Err(invalid());
    }
    let previous = application::Entity::find_by_id(held.application_id)
        .one(db)
        .await?;
    let file = |id: Option<i64>| async move {
        match id {
            Some(id) => stored_file::Entity::find_by_id(id).one(db).await,
            None => Ok(None),
        }
    };
    let contents = Contents {
        cv: file(held.cv_file_id).await?,
        letter: file(held.letter_file_id).await?,
        ..Default::default()
    };
    let (Some(previous), true) = (previous, held.expires_at > origin.now) else {
        files::release(
            db,
            storage,
            [held.cv_file_id, held.letter_file_id].into_iter().flatten(),
        )
        .await?;
        return Err(invalid());
    };
    let offer_id = previous.offer_id.ok_or_else(invalid)?;
    let (offer, company) = match open_offer(db, offer_id, origin.now).await {
        Ok(found) => found,
        Err(error) => {
            files::release(
                db,
                storage,
                [held.cv_file_id, held.letter_file_id].into_iter().flatten(),
            )
            .await?;
            return Err(error);
        }
    };
    let applicant = Applicant {
        // An account's application confirmed from its mailbox stays the
        // account's.
        user_id: previous.user_id,
        email: previous.email.clone(),
        first_name: held.first_name,
        last_name: held.last_name,
        phone: held.phone,
        message: held.message,
    };
    let submission = Submission {
        offer,
        company,
        applicant,
        contents,
    };
    let page = format!("/offres/{}-{}", submission.offer.slug, submission.offer.id);
    record(db, storage, origin, submission, Replacing::AtOnce).await?;
    Ok(page)
}

/// Scheduled work: forgets replacements nobody confirmed in time (their
/// files are then left to the orphan sweep).
pub async fn purge_expired_replacements(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    Ok(application_replacement::Entity::delete_many()
        .filter(application_replacement::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?
        .rows_affected)
}

/// C4: a signed-in candidate applies to `offer_id`.
pub async fn apply_with_account(
    db: &DatabaseConnection,
    storage: &Storage,
    origin: &Origin<'_>,
    user: &CurrentUser,
    offer_id: i64,
    form: AccountApplication,
) -> Result<Applied, DomainError> {
    if user.role != Role::Candidate {
        return Err(DomainError::Forbidden);
    }
    let (offer, company) = open_offer(db, offer_id, origin.now).await?;
    rate_limit::hit(db, APPLY_PER_EMAIL, &user.email, origin.now).await?;
    let message = check_long_text(&form.message, LONG_TEXT_MAX_CHARS)
        .map_err(|message| DomainError::invalid("message", &message))?;
    let account = user::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or(DomainError::Forbidden)?;
    let phone = crate::accounts::encart::phone_of(db, user.id).await?;
    let contents = match form.dossier_id {
        Some(id) => {
            let dossier = dossier::Entity::find_by_id(id)
                .filter(dossier::Column::UserId.eq(user.id))
                .one(db)
                .await?
                .ok_or_else(|| {
                    DomainError::invalid("dossier", "Choisissez l'un de vos dossiers.")
                })?;
            let file = |id: Option<i64>| async move {
                match id {
                    Some(id) => stored_file::Entity::find_by_id(id).one(db).await,
                    None => Ok(None),
                }
            };
            Contents {
                dossier_id: Some(dossier.id),
                cv: file(dossier.cv_file_id).await?,
                letter: file(dossier.letter_file_id).await?,
                letter_text: dossier.letter_text,
                video: file(dossier.video_file_id).await?,
                video_url: dossier.video_url,
            }
        }
        None => {
            if form.cv.is_none() {
                return Err(DomainError::invalid(
                    file_field::CV,
                    "Choisissez un dossier ou joignez votre CV (PDF, Word ou OpenDocument, 5 Mo au plus).",
                ));
            }
            let mut contents = Contents {
                cv: upload(db, storage, form.cv, file_field::CV, origin.now).await?,
                letter: upload(db, storage, form.letter, file_field::LETTER, origin.now).await?,
                ..Default::default()
            };
            if !form.keep_as.trim().is_empty() {
                let id = crate::dossiers::create_from_files(
                    db,
                    user,
                    &form.keep_as,
                    contents.cv.as_ref().map(|f| f.id),
                    contents.letter.as_ref().map(|f| f.id),
                    origin.now,
                )
                .await?;
                contents.dossier_id = Some(id);
            }
            contents
        }
    };
    let applicant = Applicant {
        user_id: Some(user.id),
        email: account.email,
        first_name: account.first_name,
        last_name: account.last_name,
        phone,
        message,
    };
    let submission = Submission {
        offer,
        company,
        applicant,
        contents,
    };
    record(db, storage, origin, submission, Replacing::AtOnce).await
}

async fn upload(
    db: &impl ConnectionTrait,
    storage: &Storage,
    file: Option<Upload>,
    field: &str,
    now: DateTime<Utc>,
) -> Result<Option<stored_file::Model>, DomainError> {
    match file {
        Some(file) => Ok(Some(
            files::store(db, storage, file, FileKind::DOCUMENTS, field, now).await?,
        )),
        None => Ok(None),
    }
}

/// Writes the application (or replaces the one of the same address, B3),
/// its history step and the two emails, in one transaction. An anonymous
/// application that would replace another is held until its address
/// confirms it (`Replacing::AskFirst`).
async fn record(
    db: &DatabaseConnection,
    storage: &Storage,
    origin: &Origin<'_>,
    submission: Submission,
    replacing: Replacing,
) -> Result<Applied, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let existing = application::Entity::find()
        .filter(application::Column::OfferId.eq(submission.offer.id))
        .filter(application::Column::Email.eq(&submission.applicant.email))
        .one(&txn)
        .await?;
    if let Some(previous) = &existing
        && replacing == Replacing::AskFirst
    {
        hold_replacement(&txn, origin, &submission, previous).await?;
        txn.commit().await?;
        return Ok(Applied::ToConfirm);
    }
    let saved = write_application(&txn, origin.now, &submission, existing.as_ref()).await?;
    let replaced = existing.is_some();
    tell_both(&txn, origin, &submission, replaced).await?;
    txn.commit().await?;
    let kept: Vec<i64> = saved.file_ids().collect();
    let replaced_files: Vec<i64> = existing
        .iter()
        .flat_map(application::Model::file_ids)
        .filter(|id| !kept.contains(id))
        .collect();
    files::release(db, storage, replaced_files).await?;
    tracing::info!(
        offer = submission.offer.id,
        application = saved.id,
        with_account = submission.applicant.user_id.is_some(),
        replaced,
        "application recorded"
    );
    Ok(if replaced {
        Applied::Replaced
    } else {
        Applied::New
    })
}

/// The application's row, over `existing` (same id, same first date) or
/// new, and its first history step.
async fn write_application(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    submission: &Submission,
    existing: Option<&application::Model>,
) -> Result<application::Model, DomainError> {
    let Submission {
        offer,
        company,
        applicant,
        contents,
    } = submission;
    let file_id = |file: &Option<stored_file::Model>| file.as_ref().map(|f| f.id);
    let mut row = application::ActiveModel {
        offer_id: Set(Some(offer.id)),
        offer_title: Set(offer.title.clone()),
        company_name: Set(company.name.clone()),
        user_id: Set(applicant.user_id),
        dossier_id: Set(contents.dossier_id),
        email: Set(applicant.email.clone()),
        first_name: Set(applicant.first_name.clone()),
        last_name: Set(applicant.last_name.clone()),
        phone: Set(applicant.phone.clone()),
        message: Set(applicant.message.clone()),
        cv_file_id: Set(file_id(&contents.cv)),
        letter_file_id: Set(file_id(&contents.letter)),
        letter_text: Set(contents.letter_text.clone()),
        video_file_id: Set(file_id(&contents.video)),
        video_url: Set(contents.video_url.clone()),
        status: Set(ApplicationStatus::Sent),
        updated_at: Set(now),
        // A new or replacing application starts its retention afresh (B5).
        closed_at: Set(None),
        purged_at: Set(None),
        keep_asked: Set(false),
        keep_until: Set(None),
        keep_token_hash: Set(None),
        ..Default::default()
    };
    let saved = match existing {
        Some(previous) => {
            row.id = Set(previous.id);
            row.created_at = Set(previous.created_at);
            row.update(txn).await?
        }
        None => {
            row.created_at = Set(now);
            row.insert(txn).await?
        }
    };
    application_event::ActiveModel {
        application_id: Set(saved.id),
        status: Set(ApplicationStatus::Sent),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(saved)
}

/// The two emails of an application: its receipt to the candidate, and the
/// notice to the offer's recruiter (or the offer's contact address).
async fn tell_both(
    txn: &impl ConnectionTrait,
    origin: &Origin<'_>,
    submission: &Submission,
    replaced: bool,
) -> Result<(), DomainError> {
    let Submission {
        offer,
        company,
        applicant,
        contents,
    } = submission;
    let now = origin.now;
    let candidate_name = format!("{} {}", applicant.first_name, applicant.last_name)
        .trim()
        .to_owned();
    let offer_link = format!("{}/offres/{}-{}", origin.site, offer.slug, offer.id);
    let mut files: Vec<String> = [&contents.cv, &contents.letter, &contents.video]
        .into_iter()
        .flatten()
        .map(|f| f.view().describe())
        .collect();
    if contents.letter_text.is_some() {
        files.push("lettre de motivation (texte)".into());
    }
    let sent = templates::SentApplication {
        offer_title: &offer.title,
        company_name: &company.name,
        offer_link: &offer_link,
        candidate_name: &candidate_name,
        candidate_email: &applicant.email,
        phone: applicant.phone.as_deref(),
        files,
        message: applicant.message.as_deref(),
        replaced,
    };
    mail::enqueue(
        txn,
        templates::application_sent(
            &applicant.email,
            &applicant.first_name,
            &sent,
            applicant.user_id.is_some(),
        ),
        now,
    )
    .await?;
    let recruiter = match offer.recruiter_id {
        Some(id) => user::Entity::find_by_id(id).one(txn).await?,
        None => None,
    };
    let notice = match (recruiter, offer.contact_email.as_deref()) {
        (Some(recruiter), _) => templates::application_received(
            &recruiter.email,
            &recruiter.first_name,
            &sent,
            &offer_link,
        ),
        (None, Some(contact)) => templates::application_received(contact, "", &sent, &offer_link),
        (None, None) => {
            tracing::warn!(offer = offer.id, "no recruiter to tell of an application");
            return Ok(());
        }
    };
    mail::enqueue(txn, notice, now).await
}

/// C5: the candidate's applications, newest first, with their history and
/// what became of each offer.
pub async fn mine(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Vec<ApplicationView>, DomainError> {
    let rows = application::Entity::find()
        .filter(application::Column::UserId.eq(user.id))
        .order_by_desc(application::Column::CreatedAt)
        .order_by_desc(application::Column::Id)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let offer_ids: Vec<i64> = rows.iter().filter_map(|r| r.offer_id).collect();
    let file_ids: Vec<i64> = rows.iter().flat_map(|r| r.file_ids()).collect();
    let dossier_ids: Vec<i64> = rows.iter().filter_map(|r| r.dossier_id).collect();
    let offers: HashMap<i64, offer::Model> = offer::Entity::find()
        .filter(offer::Column::Id.is_in(offer_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let files: HashMap<i64, FileView> = stored_file::Entity::find()
        .filter(stored_file::Column::Id.is_in(file_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.view()))
        .collect();
    let dossiers: HashMap<i64, String> = dossier::Entity::find()
        .filter(dossier::Column::Id.is_in(dossier_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.title))
        .collect();
    let mut history: HashMap<i64, Vec<(ApplicationStatus, DateTime<Utc>)>> = HashMap::new();
    for event in application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(ids))
        .order_by_asc(application_event::Column::CreatedAt)
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await?
    {
        history
            .entry(event.application_id)
            .or_default()
            .push((event.status, event.created_at));
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let offer = match row.offer_id.and_then(|id| offers.get(&id)) {
                None => OfferState::Removed,
                Some(offer) => {
                    let path = format!("/offres/{}-{}", offer.slug, offer.id);
                    let open = offer.status == crate::model::OfferStatus::Published
                        && offer.expires_at.is_none_or(|at| at > now);
                    if open {
                        OfferState::Open { path }
                    } else {
                        OfferState::Closed {
                            path,
                            status: offer.status,
                        }
                    }
                }
            };
            ApplicationView {
                id: row.id,
                offer,
                status: row.status,
                history: history.remove(&row.id).unwrap_or_default(),
                created_at: row.created_at,
                dossier_title: row.dossier_id.and_then(|id| dossiers.get(&id).cloned()),
                message: row.message.clone(),
                files: row
                    .file_ids()
                    .filter_map(|id| files.get(&id).cloned())
                    .collect(),
                deletion_on: retention::deletion_date(&row),
                purged_at: row.purged_at,
                keep_asked: row.keep_asked,
                keep_until: row.keep_until,
                offer_title: row.offer_title,
                company_name: row.company_name,
            }
        })
        .collect())
}

/// When the signed-in candidate applied to `offer_id`, if they did.
pub async fn applied_at(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    offer_id: i64,
) -> Result<Option<DateTime<Utc>>, DomainError> {
    Ok(application::Entity::find()
        .filter(application::Column::OfferId.eq(offer_id))
        .filter(application::Column::UserId.eq(user.id))
        .one(db)
        .await?
        .map(|a| a.updated_at))
}

// ------------------------------------------------------------- recruiters

/// The applications `user` may handle (R8: to offers they published),
/// `offer_id` narrowing to one offer; newest first.
pub async fn received(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    offer_id: Option<i64>,
) -> Result<Vec<crate::model::ReceivedApplication>, DomainError> {
    if !user.is_recruiter() {
        return Err(DomainError::Forbidden);
    }
    let mut offers = offer::Entity::find().filter(offer::Column::RecruiterId.eq(user.id));
    if let Some(id) = offer_id {
        offers = offers.filter(offer::Column::Id.eq(id));
    }
    let offer_ids: Vec<i64> = offers.all(db).await?.into_iter().map(|o| o.id).collect();
    if offer_id.is_some() && offer_ids.is_empty() {
        return Err(DomainError::NotFound);
    }
    let rows = application::Entity::find()
        .filter(application::Column::OfferId.is_in(offer_ids))
        .order_by_desc(application::Column::CreatedAt)
        .order_by_desc(application::Column::Id)
        .all(db)
        .await?;
    views_for_recruiter(db, rows).await
}

async fn views_for_recruiter(
    db: &impl ConnectionTrait,
    rows: Vec<application::Model>,
) -> Result<Vec<crate::model::ReceivedApplication>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let files: HashMap<i64, FileView> = stored_file::Entity::find()
        .filter(
            stored_file::Column::Id
                .is_in(rows.iter().flat_map(|r| r.file_ids()).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.view()))
        .collect();
    let dossiers: HashMap<i64, String> = dossier::Entity::find()
        .filter(
            dossier::Column::Id.is_in(rows.iter().filter_map(|r| r.dossier_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.title))
        .collect();
    let mut history: HashMap<i64, Vec<(ApplicationStatus, DateTime<Utc>)>> = HashMap::new();
    for event in application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(ids))
        .order_by_asc(application_event::Column::CreatedAt)
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await?
    {
        history
            .entry(event.application_id)
            .or_default()
            .push((event.status, event.created_at));
    }
    Ok(rows
        .into_iter()
        .map(|row| crate::model::ReceivedApplication {
            deletion_on: retention::deletion_date(&row),
            keep_until: row.keep_until,
            id: row.id,
            offer_id: row.offer_id,
            candidate_name: format!("{} {}", row.first_name, row.last_name)
                .trim()
                .to_owned(),
            files: row
                .file_ids()
                .filter_map(|id| files.get(&id).cloned())
                .collect(),
            history: history.remove(&row.id).unwrap_or_default(),
            with_account: row.user_id.is_some(),
            dossier_title: row.dossier_id.and_then(|id| dossiers.get(&id).cloned()),
            offer_title: row.offer_title,
            email: row.email,
            phone: row.phone,
            message: row.message,
            letter_text: row.letter_text,
            video_url: row.video_url,
            status: row.status,
            created_at: row.created_at,
            note: row.recruiter_note,
        })
        .collect())
}

/// The application `id` if `user` published its offer (R8); others get
/// `NotFound`.
pub(crate) async fn handled_by(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<(application::Model, offer::Model), DomainError> {
    if !user.is_recruiter() {
        return Err(DomainError::Forbidden);
    }
    let row = application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let offer = match row.offer_id {
        Some(offer_id) => {
            offer::Entity::find_by_id(offer_id)
                .filter(offer::Column::RecruiterId.eq(user.id))
                .one(db)
                .await?
        }
        None => None,
    };
    match offer {
        Some(offer) => Ok((row, offer)),
        None => {
            tracing::warn!(
                user = user.id,
                application = id,
                "application refused to a recruiter who did not publish its offer"
            );
            Err(DomainError::NotFound)
        }
    }
}

/// Moves an application to `status`, writes the step and tells the candidate.
async fn move_to(
    txn: &impl ConnectionTrait,
    row: application::Model,
    status: ApplicationStatus,
    company: &str,
    site: &str,
    keep_token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let (id, email, first_name, with_account, offer_title, offer_id) = (
        row.id,
        row.email.clone(),
        row.first_name.clone(),
        row.user_id.is_some(),
        row.offer_title.clone(),
        row.offer_id,
    );
    let mut active: application::ActiveModel = row.into();
    active.status = Set(status);
    active.updated_at = Set(now);
    // B5: a declined application's 3 months start now.
    active.closed_at = Set((status == ApplicationStatus::Declined).then_some(now));
    active.update(txn).await?;
    application_event::ActiveModel {
        application_id: Set(id),
        status: Set(status),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let link = if with_account {
        format!("{site}/espace/candidatures")
    } else {
        format!("{site}/offres/{}", offer_id.unwrap_or_default())
    };
    mail::enqueue(
        txn,
        templates::application_status(
            &email,
            &first_name,
            &offer_title,
            company,
            status,
            with_account,
            &link,
            keep_token
                .map(|token| format!("{site}/candidature/conserver?jeton={token}"))
                .as_deref(),
        ),
        now,
    )
    .await
}

/// R5: the recruiter opens an application; the first opening marks it
/// viewed (and tells the candidate).
pub async fn open_received(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    site: &str,
    now: DateTime<Utc>,
) -> Result<crate::model::ReceivedApplication, DomainError> {
    let (row, offer) = handled_by(db, user, id).await?;
    if row.status == ApplicationStatus::Sent {
        let company = company_name(db, &offer).await?;
        let txn = crate::db::begin_write(db).await?;
        move_to(
            &txn,
            row,
            ApplicationStatus::Viewed,
            &company,
            site,
            None,
            now,
        )
        .await?;
        txn.commit().await?;
    }
    let row = application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(views_for_recruiter(db, vec![row]).await?.remove(0))
}

async fn company_name(
    db: &impl ConnectionTrait,
    offer: &offer::Model,
) -> Result<String, DomainError> {
    let Some(company_id) = offer.company_id else {
        return Ok(offer.employer_name.clone().unwrap_or_default());
    };
    Ok(company::Entity::find_by_id(company_id)
        .one(db)
        .await?
        .map(|c| c.name)
        .unwrap_or_default())
}

/// What a recruiter decides on an application (R5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub status: ApplicationStatus,
    /// With "hired": the offer is filled too, in the same transaction.
    pub fill_offer: bool,
    /// With "declined": ask the candidate's consent to keep the
    /// application 2 years for other openings (B5).
    pub ask_keep: bool,
}

/// R5: moves the application to a recruiter's decision, tells the candidate
/// by email and, when the recruiter asks, marks the offer filled once the
/// candidate is hired — all in one transaction, the search index following
/// (R8: only the recruiter who published the offer).
pub async fn decide(
    db: &DatabaseConnection,
    search: &crate::search::SearchIndex,
    user: &CurrentUser,
    id: i64,
    decision: Decision,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let status = decision.status;
    if !crate::model::DECISIONS.contains(&status) {
        return Err(DomainError::invalid(
            "statut",
            "Une candidature ouverte ne redevient pas « reçue » ni « vue » : \
             choisissez Présélectionnée, Entretien, Retenue ou Non retenue.",
        ));
    }
    let (row, offer) = handled_by(db, user, id).await?;
    let fill = status == ApplicationStatus::Hired
        && decision.fill_offer
        && offer.status == crate::model::OfferStatus::Published;
    if row.status == status && !fill {
        return Ok(());
    }
    let company = company_name(db, &offer).await?;
    let txn = crate::db::begin_write(db).await?;
    if row.status != status {
        let keep_token = if status == ApplicationStatus::Declined
            && decision.ask_keep
            && row.purged_at.is_none()
        {
            Some(retention::ask_keep(&txn, row.id).await?)
        } else {
            None
        };
        move_to(
            &txn,
            row,
            status,
            &company,
            site,
            keep_token.as_deref(),
            now,
        )
        .await?;
    }
    if fill {
        let mut filled: offer::ActiveModel = offer.into();
        filled.status = Set(crate::model::OfferStatus::Filled);
        filled.updated_at = Set(now);
        filled.update(&txn).await?;
        txn.commit().await?;
        search.follow(db).await?;
    } else {
        txn.commit().await?;
    }
    tracing::info!(
        application = id,
        status = status.code(),
        filled = fill,
        "application status changed"
    );
    Ok(())
}

/// R5: the applications to one of the recruiter's offers as a pipeline,
/// the cards `filter` keeps (R8: another recruiter's offer is `NotFound`).
pub async fn pipeline(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    offer_id: i64,
    filter: &crate::model::PipelineFilter,
) -> Result<crate::model::Pipeline, DomainError> {
    if !user.is_recruiter() {
        return Err(DomainError::Forbidden);
    }
    let offer = offer::Entity::find_by_id(offer_id)
        .filter(offer::Column::RecruiterId.eq(user.id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let all = received(db, user, Some(offer_id)).await?;
    let cards: Vec<crate::model::PipelineCard> = all.iter().map(Into::into).collect();
    Ok(crate::model::Pipeline {
        offer_id,
        offer_title: offer.title,
        total: cards.len(),
        cards: cards.into_iter().filter(|c| filter.keeps(c)).collect(),
    })
}

/// R5: declines the applications `ids` at once, each as [`decide`] would
/// (the candidate told by email, the consent to keep asked when
/// `ask_keep`). All must be the recruiter's (R8): otherwise nothing is
/// done, `NotFound`. Returns how many changed.
pub async fn decline_all(
    db: &DatabaseConnection,
    search: &crate::search::SearchIndex,
    user: &CurrentUser,
    ids: &[i64],
    ask_keep: bool,
    site: &str,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    if ids.is_empty() {
        return Err(DomainError::invalid(
            "candidatures",
            "Cochez au moins une candidature.",
        ));
    }
    let mut to_change = Vec::new();
    for &id in ids {
        let (row, _) = handled_by(db, user, id).await?;
        if row.status != ApplicationStatus::Declined {
            to_change.push(id);
        }
    }
    let decision = Decision {
        status: ApplicationStatus::Declined,
        fill_offer: false,
        ask_keep,
    };
    for &id in &to_change {
        decide(db, search, user, id, decision, site, now).await?;
    }
    Ok(to_change.len())
}

/// R5: the recruiter's private note (empty removes it).
pub async fn set_note(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
    note: &str,
) -> Result<(), DomainError> {
    let (row, _) = handled_by(db, user, id).await?;
    let note = check_long_text(note, LONG_TEXT_MAX_CHARS)
        .map_err(|message| DomainError::invalid("note", &message))?;
    let mut active: application::ActiveModel = row.into();
    active.recruiter_note = Set(note);
    active.update(db).await?;
    Ok(())
}
