//! The contact form (P6): a message to the JobToMove team becomes a case of
//! the administrators' inbox (A1) and an acknowledgement with its number —
//! nothing is only emailed. The acknowledgement starts the email thread the
//! team's replies join (its `Message-ID` is the case's).

use crate::DomainError;
use crate::accounts::Origin;
use crate::auth::rate_limit::{self, Limit};
use crate::entity::{case_entry, company, contact_case, offer};
use crate::error::FieldErrors;
use crate::mail::{self, Email};
use crate::model::{
    CONTACT_MESSAGE_MAX_CHARS, CaseEntryKind, CaseStatus, ContactForm, ContactSubject, CurrentUser,
    case_number, check_long_text, normalize_email, strip_hidden,
};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, TransactionTrait};

/// Messages from one IP address.
pub const CONTACT_PER_IP: Limit = Limit {
    action: "contact-ip",
    max: 10,
    window: chrono::Duration::hours(1),
};
/// Messages from one email address.
pub const CONTACT_PER_EMAIL: Limit = Limit {
    action: "contact-email",
    max: 5,
    window: chrono::Duration::hours(1),
};

/// The host of the site's URL, for Message-IDs.
pub fn mail_host(site: &str) -> String {
    let rest = site.split_once("://").map_or(site, |(_, rest)| rest);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() {
        "jobtomove.invalid".to_owned()
    } else {
        host.to_owned()
    }
}

/// The `Message-ID` of a case's first email, which the replies refer to.
pub fn case_message_id(case_id: i64, site: &str) -> String {
    format!("<demande-{case_id}@{}>", mail_host(site))
}

/// The subject line of every email of a case (the number keeps the thread
/// recognisable even where headers are lost).
pub fn case_subject(case_id: i64, subject: ContactSubject) -> String {
    format!("[{}] {}", case_number(case_id), subject.label())
}

/// Sends the form: the new case's id, or `None` when the honeypot was
/// filled (a robot is told nothing different, and nothing is stored).
pub async fn submit(
    db: &DatabaseConnection,
    origin: &Origin<'_>,
    user: Option<&CurrentUser>,
    form: &ContactForm,
) -> Result<Option<i64>, DomainError> {
    if !form.site_web.trim().is_empty() {
        tracing::info!("contact form: honeypot filled, message dropped");
        return Ok(None);
    }
    let mut errors = FieldErrors::new();
    let subject = ContactSubject::from_code(&form.sujet);
    if subject.is_none() {
        errors.insert(
            "sujet".into(),
            "Choisissez le sujet de votre message.".into(),
        );
    }
    let message = match check_long_text(&strip_hidden(&form.message), CONTACT_MESSAGE_MAX_CHARS) {
        Ok(Some(text)) if text.chars().count() >= 10 => Some(text),
        Ok(_) => {
            errors.insert(
                "message".into(),
                "Décrivez votre demande en quelques mots (10 caractères au moins).".into(),
            );
            None
        }
        Err(error) => {
            errors.insert(
                "message".into(),
                format!("Votre message est trop long : {error}"),
            );
            None
        }
    };
    let (email, name) = match user {
        Some(user) => (
            user.email.clone(),
            format!("{} {}", user.first_name, user.last_name),
        ),
        None => {
            let email = normalize_email(&form.email).unwrap_or_else(|error| {
                errors.insert("email".into(), error.into());
                String::new()
            });
            let name: String = strip_hidden(form.nom.trim()).chars().take(120).collect();
            (email, name)
        }
    };
    if !errors.is_empty() {
        return Err(DomainError::Invalid(errors));
    }
    let (Some(subject), Some(message)) = (subject, message) else {
        return Err(DomainError::Internal);
    };
    rate_limit::hit(db, CONTACT_PER_IP, origin.ip, origin.now).await?;
    rate_limit::hit(db, CONTACT_PER_EMAIL, &email, origin.now).await?;
    let company_id = match form.entreprise.trim().parse::<i64>() {
        Ok(id) => company::Entity::find_by_id(id).one(db).await?.map(|c| c.id),
        Err(_) => None,
    };
    let offer_id = match form.offre.trim().parse::<i64>() {
        Ok(id) => offer::Entity::find_by_id(id).one(db).await?.map(|o| o.id),
        Err(_) => None,
    };
    let txn = db.begin().await?;
    let case = contact_case::Entity::insert(contact_case::ActiveModel {
        subject: Set(subject),
        status: Set(CaseStatus::New),
        email: Set(email.clone()),
        name: Set(name.clone()),
        user_id: Set(user.map(|u| u.id)),
        company_id: Set(company_id),
        offer_id: Set(offer_id),
        assignee_id: Set(None),
        created_at: Set(origin.now),
        updated_at: Set(origin.now),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    case_entry::Entity::insert(case_entry::ActiveModel {
        case_id: Set(case),
        kind: Set(CaseEntryKind::Request),
        author_id: Set(user.map(|u| u.id)),
        body: Set(message.clone()),
        created_at: Set(origin.now),
        ..Default::default()
    })
    .exec_without_returning(&txn)
    .await?;
    mail::enqueue(
        &txn,
        Email {
            message_id: Some(case_message_id(case, origin.site)),
            ..mail::templates::contact_received(
                &email,
                &name,
                &case_subject(case, subject),
                &case_number(case),
                &message,
            )
        },
        origin.now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(case, subject = subject.code(), "contact case opened");
    Ok(Some(case))
}

/// How long a handled case (done or spam) is kept.
pub const KEPT_AFTER_HANDLING: chrono::Duration = chrono::Duration::days(365);

/// Scheduled (with B5's job): deletes cases handled more than a year ago,
/// their entries with them. Returns how many.
pub async fn purge_handled(
    db: &impl sea_orm::ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u64, DomainError> {
    use crate::model::CaseStatus;
    use sea_orm::{ColumnTrait, QueryFilter};
    Ok(contact_case::Entity::delete_many()
        .filter(contact_case::Column::Status.is_in([CaseStatus::Done, CaseStatus::Spam]))
        .filter(contact_case::Column::UpdatedAt.lt(now - KEPT_AFTER_HANDLING))
        .exec(db)
        .await?
        .rows_affected)
}

/// The names of the company and offer a message is about.
pub async fn target(
    db: &DatabaseConnection,
    company_id: Option<i64>,
    offer_id: Option<i64>,
) -> Result<crate::model::ContactTarget, DomainError> {
    let company = match company_id {
        Some(id) => company::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|c| (c.id, c.name)),
        None => None,
    };
    let offer = match offer_id {
        Some(id) => offer::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| (o.id, o.title)),
        None => None,
    };
    Ok(crate::model::ContactTarget { company, offer })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_use_the_site_host() {
        assert_eq!(
            case_message_id(7, "https://www.jobtomove.fr"),
            "<demande-7@www.jobtomove.fr>"
        );
        assert_eq!(
            case_message_id(7, "http://127.0.0.1:3000/"),
            "<demande-7@127.0.0.1>"
        );
    }
}
