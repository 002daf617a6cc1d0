//! The recruiter's offers (R3, R4, B1, B2, B4, B6): drafts, edits, publishing
//! with the lawful-ad check, unpublishing, filled, deletion, duplication,
//! renewal, "Suivi des offres", and the scheduled expiry.
//!
//! R8: only the recruiter who created an offer may see or act on it here —
//! another recruiter of the same company gets `NotFound`, as a stranger does.

use crate::DomainError;
use crate::entity::{application, offer, user};
use crate::error::FieldErrors;
use crate::mail::{self, templates};
use crate::model::{
    ApplicationStatus, ApplyMethod, ContractType, CurrentUser, EXPIRY_WARNING_DAYS, Education,
    Experience, JobFamily, OfferSource, OfferStatus, PUBLICATION_DAYS, PostingEdit, PostingRow,
    SalaryPeriod, WorkingTime, check_offer_text, html_to_text, line_refusal, normalize_email,
    slugify, text_to_html,
};
use crate::places::{Directory, Location};
use crate::search::SearchIndex;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    NotSet, QueryFilter, QueryOrder,
};
use std::collections::{BTreeMap, HashMap};

/// The offer form as posted, under its French field names: the server
/// reads it once, `check` turns it into the row's values.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PostingForm {
    #[serde(rename = "titre")]
    pub title: String,
    #[serde(rename = "metier")]
    pub job_family: String,
    pub description: String,
    /// `html` when the description comes from the rich-text island.
    pub description_format: String,
    #[serde(rename = "contrat")]
    pub contract: String,
    #[serde(rename = "duree_mois")]
    pub contract_months: String,
    #[serde(rename = "temps")]
    pub working_time: String,
    #[serde(rename = "periode")]
    pub salary_period: String,
    #[serde(rename = "salaire_min")]
    pub salary_min: String,
    #[serde(rename = "salaire_max")]
    pub salary_max: String,
    #[serde(rename = "lieu")]
    pub place: String,
    #[serde(rename = "debut")]
    pub start_date: String,
    pub experience: String,
    #[serde(rename = "formation")]
    pub education: String,
    #[serde(rename = "postes")]
    pub positions: String,
    #[serde(rename = "candidature")]
    pub apply_method: String,
    #[serde(rename = "candidature_email")]
    pub apply_email: String,
    #[serde(rename = "candidature_lien")]
    pub apply_url: String,
    pub reference: String,
    /// Ticked (any value) when the recruiter shows their name and address.
    pub contact: String,
}

/// Description: at most this many characters of text.
const DESCRIPTION_MAX_CHARS: usize = 20_000;

/// A recruiter or training organisation and the company they recruit for
/// (an accepted member only: a pending one cannot publish in its name).
async fn recruiter_company(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<i64, DomainError> {
    crate::companies::acting_company(db, user).await
}

/// The offer `id` if `user` created it (R8).
async fn own(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<offer::Model, DomainError> {
    if !user.is_recruiter() {
        return Err(DomainError::Forbidden);
    }
    let found = offer::Entity::find_by_id(id)
        .filter(offer::Column::RecruiterId.eq(user.id))
        .one(db)
        .await?;
    if found.is_none() {
        tracing::warn!(
            user = user.id,
            offer = id,
            "offer refused to a recruiter who did not publish it"
        );
    }
    found.ok_or(DomainError::NotFound)
}

/// The description as stored: HTML from the editor is cleaned by ammonia
/// (a few formatting tags, no attribute, no link); text becomes paragraphs
/// and lists.
///
/// `from_editor` says the text comes from the rich-text island (HTML);
/// otherwise it was typed in the plain textarea and any `<` is text. The
/// divs a browser's editor may make become paragraphs; HTML without any
/// block (a paste of plain text) is read as text.
pub fn sanitize_description(input: &str, from_editor: bool) -> String {
    let has_blocks = ["<p", "<br", "<ul", "<ol", "<h3", "<h4", "<div"]
        .iter()
        .any(|tag| input.contains(tag));
    let html = if from_editor && has_blocks {
        input.replace("<div>", "<p>").replace("</div>", "</p>")
    } else if from_editor {
        text_to_html(&crate::model::html_to_text_lines(input))
    } else {
        text_to_html(input)
    };
    ammonia::Builder::empty()
        .add_tags([
            "p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "h3", "h4",
        ])
        .clean(&html)
        .to_string()
}

/// A stored description back as the text the plain editor shows.
pub fn description_to_text(html: &str) -> String {
    let spaced = html
        .replace("</p>", "\n\n")
        .replace("<br>", "\n")
        .replace("<li>", "- ")
        .replace("</li>", "\n")
        .replace("</ul>", "\n")
        .replace("</ol>", "\n");
    crate::model::html_to_text_lines(&spaced).trim().to_owned()
}

/// Euros as typed ("1 850", "1850,50", "12.5") to cents.
fn euros_to_cents(typed: &str) -> Option<i32> {
    let cleaned: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€' && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let value: f64 = cleaned.parse().ok()?;
    (value.is_finite() && value > 0.0 && value < 10_000_000.0)
        .then(|| (value * 100.0).round() as i32)
}

/// The checked values of a form, ready for the row.
struct Checked {
    title: String,
    job_family: JobFamily,
    description_html: String,
    contract_type: ContractType,
    contract_months: Option<i32>,
    working_time: WorkingTime,
    salary: (i32, i32, SalaryPeriod),
    place: (String, String, String),
    start_date: Option<NaiveDate>,
    experience: Experience,
    education: Education,
    positions: i32,
    show_contact: bool,
    apply_method: ApplyMethod,
    apply_email: Option<String>,
    apply_url: Option<String>,
    reference: Option<String>,
}

/// A closed-set field: `from_code` of what was chosen, or the French
/// message under `name`.
fn choice<T>(
    name: &str,
    typed: &str,
    from_code: fn(&str) -> Option<T>,
    errors: &mut FieldErrors,
) -> Option<T> {
    let value = from_code(typed.trim());
    if value.is_none() {
        errors.insert(name.into(), "Choisissez parmi les propositions.".into());
    }
    value
}

/// Every rule of the form (R3, B1), with a French message per field: each
/// step checks a part of the form and notes its messages; the offer is
/// refused if any step noted one.
fn check(form: &PostingForm, places: &Directory) -> Result<Checked, DomainError> {
    let mut errors = FieldErrors::new();
    let title = check_title(&form.title, &mut errors);
    let job_family = choice(
        "metier",
        &form.job_family,
        JobFamily::from_code,
        &mut errors,
    );
    let description_html = check_description(form, &mut errors);
    let (contract_type, contract_months) = check_contract(form, &mut errors);
    let working_time = choice(
        "temps",
        &form.working_time,
        WorkingTime::from_code,
        &mut errors,
    );
    let salary = check_salary(form, &mut errors);
    let place = check_place(&form.place, places, &mut errors);
    let start_date = check_start_date(&form.start_date, &mut errors);
    let experience = choice(
        "experience",
        &form.experience,
        Experience::from_code,
        &mut errors,
    );
    let education = choice(
        "formation",
        &form.education,
        Education::from_code,
        &mut errors,
    );
    let positions = check_positions(&form.positions, &mut errors);
    let (apply_method, apply_email, apply_url) = check_apply(form, &mut errors);
    let reference = check_reference(&form.reference, &mut errors);
    let (
        true,
        Some(job_family),
        Some(contract_type),
        Some(working_time),
        Some(salary),
        Some(place),
        Some(experience),
        Some(education),
        Some(positions),
        Some(apply_method),
    ) = (
        errors.is_empty(),
        job_family,
        contract_type,
        working_time,
        salary,
        place,
        experience,
        education,
        positions,
        apply_method,
    )
    else {
        return Err(DomainError::Invalid(errors));
    };
    Ok(Checked {
        title,
        job_family,
        description_html,
        contract_type,
        contract_months,
        working_time,
        salary,
        place,
        start_date,
        experience,
        education,
        positions,
        show_contact: !form.contact.trim().is_empty(),
        apply_method,
        apply_email,
        apply_url,
        reference,
    })
}

fn check_title(typed: &str, errors: &mut FieldErrors) -> String {
    let title = typed.trim().to_owned();
    if title.chars().count() < 5 || title.chars().count() > 120 {
        errors.insert(
            "titre".into(),
            "Un intitulé de 5 à 120 caractères, par exemple « Mécanicien automobile H/F ».".into(),
        );
    } else if let Some(refusal) = line_refusal(&title) {
        errors.insert("titre".into(), refusal.into());
    }
    title
}

/// The description as stored (cleaned HTML), between 50 and
/// `DESCRIPTION_MAX_CHARS` characters of text.
fn check_description(form: &PostingForm, errors: &mut FieldErrors) -> String {
    let description_html = sanitize_description(
        form.description.trim(),
        form.description_format.trim() == "html",
    );
    let length = html_to_text(&description_html).chars().count();
    if length < 50 {
        errors.insert(
            "description".into(),
            "Décrivez le poste, les missions et le profil recherché (50 caractères au moins)."
                .into(),
        );
    } else if length > DESCRIPTION_MAX_CHARS {
        errors.insert(
            "description".into(),
            format!("{DESCRIPTION_MAX_CHARS} caractères au plus."),
        );
    }
    description_html
}

/// The contract and its length in months: required for a CDD, a
/// work-study contract or an internship, ignored for a CDI.
fn check_contract(
    form: &PostingForm,
    errors: &mut FieldErrors,
) -> (Option<ContractType>, Option<i32>) {
    let contract_type = choice("contrat", &form.contract, ContractType::from_code, errors);
    let months = match (contract_type, form.contract_months.trim()) {
        (Some(ContractType::Cdi), _) | (_, "") => None,
        (_, typed) => match typed.parse::<i32>() {
            Ok(months) if (1..=48).contains(&months) => Some(months),
            _ => {
                errors.insert("duree_mois".into(), "Une durée de 1 à 48 mois.".into());
                None
            }
        },
    };
    if matches!(
        contract_type,
        Some(ContractType::Cdd | ContractType::Alternance | ContractType::Stage)
    ) && months.is_none()
        && !errors.contains_key("duree_mois")
    {
        errors.insert(
            "duree_mois".into(),
            "Indiquez la durée du contrat, en mois.".into(),
        );
    }
    (contract_type, months)
}

/// B1: the gross salary range is required (pay transparency).
fn check_salary(form: &PostingForm, errors: &mut FieldErrors) -> Option<(i32, i32, SalaryPeriod)> {
    let period = choice(
        "periode",
        &form.salary_period,
        SalaryPeriod::from_code,
        errors,
    );
    let min = euros_to_cents(form.salary_min.trim());
    let max = euros_to_cents(form.salary_max.trim());
    if min.is_none() {
        errors.insert(
            "salaire_min".into(),
            "Indiquez le salaire brut minimum, en euros (obligatoire : transparence des salaires)."
                .into(),
        );
    }
    if max.is_none() {
        errors.insert(
            "salaire_max".into(),
            "Indiquez le salaire brut maximum, en euros (le même que le minimum s'il est fixe)."
                .into(),
        );
    }
    if let (Some(min), Some(max)) = (min, max)
        && max < min
    {
        errors.insert(
            "salaire_max".into(),
            "Le maximum ne peut pas être inférieur au minimum.".into(),
        );
    }
    Some((min?, max?, period?))
}

/// The commune as (INSEE code, department, region).
fn check_place(
    typed: &str,
    places: &Directory,
    errors: &mut FieldErrors,
) -> Option<(String, String, String)> {
    match places.resolve(typed.trim()) {
        Some(Location::Commune(c)) => Some((
            c.insee.clone(),
            c.department_code.clone(),
            c.region_code.clone(),
        )),
        _ => {
            errors.insert("lieu".into(), "Commune introuvable : écrivez son nom ou son code postal, par exemple « Lyon (69) » ou « 69003 ».".into());
            None
        }
    }
}

fn check_start_date(typed: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    match typed.trim() {
        "" => None,
        typed => NaiveDate::parse_from_str(typed, "%Y-%m-%d")
            .map_err(|_| errors.insert("debut".into(), "Une date au format JJ/MM/AAAA.".into()))
            .ok(),
    }
}

fn check_positions(typed: &str, errors: &mut FieldErrors) -> Option<i32> {
    let positions = match typed.trim() {
        "" => Some(1),
        typed => typed.parse::<i32>().ok().filter(|n| (1..=100).contains(n)),
    };
    if positions.is_none() {
        errors.insert("postes".into(), "Un nombre de postes de 1 à 100.".into());
    }
    positions
}

/// How candidates apply, with the address (by email) or the https page
/// (elsewhere) that method needs.
fn check_apply(
    form: &PostingForm,
    errors: &mut FieldErrors,
) -> (Option<ApplyMethod>, Option<String>, Option<String>) {
    let method = choice(
        "candidature",
        &form.apply_method,
        ApplyMethod::from_code,
        errors,
    );
    match method {
        Some(ApplyMethod::Email) => {
            let email = normalize_email(form.apply_email.trim())
                .map_err(|message| errors.insert("candidature_email".into(), message.into()))
                .ok();
            (method, email, None)
        }
        Some(ApplyMethod::External) => {
            let url = form.apply_url.trim();
            if url.starts_with("https://") && url.len() <= 500 && !url.contains(char::is_whitespace)
            {
                return (method, None, Some(url.to_owned()));
            }
            errors.insert(
                "candidature_lien".into(),
                "Indiquez l'adresse https de la page où postuler.".into(),
            );
            (method, None, None)
        }
        _ => (method, None, None),
    }
}

/// The recruiter's own reference, optional.
fn check_reference(typed: &str, errors: &mut FieldErrors) -> Option<String> {
    let reference = Some(typed.trim().to_owned()).filter(|r| !r.is_empty());
    if reference.as_ref().is_some_and(|r| r.chars().count() > 60) {
        errors.insert("reference".into(), "60 caractères au plus.".into());
    } else if let Some(refusal) = reference.as_deref().and_then(line_refusal) {
        errors.insert("reference".into(), refusal.into());
    }
    reference
}

fn write(
    row: &mut offer::ActiveModel,
    checked: Checked,
    contact: &user::Model,
    now: DateTime<Utc>,
) {
    row.slug = Set(slugify(&checked.title));
    row.title = Set(checked.title);
    row.job_family = Set(checked.job_family);
    row.description_html = Set(checked.description_html);
    row.contract_type = Set(checked.contract_type);
    row.contract_months = Set(checked.contract_months);
    row.working_time = Set(checked.working_time);
    row.salary_min_cents = Set(Some(checked.salary.0));
    row.salary_max_cents = Set(Some(checked.salary.1));
    row.salary_period = Set(Some(checked.salary.2));
    row.place_insee = Set(checked.place.0);
    row.department_code = Set(checked.place.1);
    row.region_code = Set(checked.place.2);
    row.start_date = Set(checked.start_date);
    row.experience = Set(checked.experience);
    row.education = Set(checked.education);
    row.positions = Set(checked.positions);
    row.show_contact = Set(checked.show_contact);
    row.contact_name = Set(Some(format!(
        "{} {}",
        contact.first_name, contact.last_name
    )));
    row.contact_email = Set(Some(contact.email.clone()));
    row.apply_method = Set(checked.apply_method);
    row.apply_email = Set(checked.apply_email);
    row.apply_url = Set(checked.apply_url);
    row.reference = Set(checked.reference);
    row.updated_at = Set(now);
}

async fn account(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<user::Model, DomainError> {
    user::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or(DomainError::Forbidden)
}

/// R3: a new draft from the form.
pub async fn create(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
    form: &PostingForm,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    create_checked(db, places, user, form, false, now).await
}

/// R3, B2: a new offer published at once, refused whole (nothing written)
/// when its text is not lawful.
pub async fn create_and_publish(
    db: &impl ConnectionTrait,
    search: &SearchIndex,
    places: &Directory,
    user: &CurrentUser,
    form: &PostingForm,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let id = create_checked(db, places, user, form, true, now).await?;
    publish(db, search, user, id, now).await?;
    Ok(id)
}

async fn create_checked(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
    form: &PostingForm,
    lawful_first: bool,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let company_id = recruiter_company(db, user).await?;
    let checked = check(form, places)?;
    if lawful_first {
        lawful_or_noted(db, user, &checked.title, &checked.description_html, now).await?;
    }
    let contact = account(db, user).await?;
    let mut row = offer::ActiveModel {
        id: NotSet,
        company_id: Set(Some(company_id)),
        recruiter_id: Set(Some(user.id)),
        status: Set(OfferStatus::Draft),
        source: Set(OfferSource::Portal),
        source_id: Set(None),
        views: Set(0),
        published_at: Set(None),
        expires_at: Set(None),
        created_at: Set(now),
        expiry_warned_at: Set(None),
        ..Default::default()
    };
    write(&mut row, checked, &contact, now);
    let saved = row.insert(db).await?;
    tracing::info!(offer = saved.id, "offer draft created");
    Ok(saved.id)
}

/// R3: saves the form over the offer (a published offer stays published,
/// the search index follows).
pub async fn update(
    db: &impl ConnectionTrait,
    search: &SearchIndex,
    places: &Directory,
    user: &CurrentUser,
    id: i64,
    form: &PostingForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let current = own(db, user, id).await?;
    let checked = check(form, places)?;
    if current.status == OfferStatus::Published {
        lawful_or_noted(db, user, &checked.title, &checked.description_html, now).await?;
    }
    let contact = account(db, user).await?;
    let corrected = current.moderation == Some(crate::model::OfferModeration::Correction);
    let mut row: offer::ActiveModel = current.into();
    write(&mut row, checked, &contact, now);
    let saved = row.update(db).await?;
    if corrected {
        // The correction the team asked for: back to it for review.
        crate::moderation::corrected(db, &saved, now).await?;
    }
    search.follow(db).await?;
    Ok(())
}

/// [`refuse_unlawful`], remembering the refusal on the recruiter's account:
/// an offer they publish within a day is looked at by the team (A4).
async fn lawful_or_noted(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    title: &str,
    description_html: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let refused = refuse_unlawful(title, description_html);
    if refused.is_err() {
        user::Entity::update_many()
            .col_expr(user::Column::LawfulRefusedAt, Expr::value(now))
            .filter(user::Column::Id.eq(user.id))
            .exec(db)
            .await?;
    }
    refused
}

/// B2: refuses an offer whose text selects on a forbidden criterion.
fn refuse_unlawful(title: &str, description_html: &str) -> Result<(), DomainError> {
    let findings = check_offer_text(title, &html_to_text(description_html));
    if findings.is_empty() {
        return Ok(());
    }
    let message = findings
        .iter()
        .map(|f| f.message())
        .collect::<Vec<_>>()
        .join(" ");
    tracing::info!(findings = findings.len(), "offer refused: unlawful wording");
    Err(DomainError::Invalid(BTreeMap::from([(
        "description".to_owned(),
        format!("Cette offre ne peut pas être publiée en l'état. {message}"),
    )])))
}

/// R3, B2: publishes a draft (or an unpublished offer) for 90 days, after
/// the lawful-ad check.
pub async fn publish(
    db: &impl ConnectionTrait,
    search: &SearchIndex,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let current = own(db, user, id).await?;
    if current.status == OfferStatus::Published {
        return Ok(());
    }
    crate::moderation::may_publish(db, &current).await?;
    lawful_or_noted(db, user, &current.title, &current.description_html, now).await?;
    crate::moderation::after_near_miss(db, user, &current, now).await?;
    let mut row: offer::ActiveModel = current.into();
    row.status = Set(OfferStatus::Published);
    row.published_at = Set(Some(now));
    row.expires_at = Set(Some(now + Duration::days(PUBLICATION_DAYS)));
    row.expiry_warned_at = Set(None);
    row.updated_at = Set(now);
    row.update(db).await?;
    tracing::info!(offer = id, "offer published");
    search.follow(db).await?;
    Ok(())
}

/// R3: unpublishes (`Unpublished`) or marks filled (`Filled`).
pub async fn close(
    db: &impl ConnectionTrait,
    search: &SearchIndex,
    user: &CurrentUser,
    id: i64,
    status: OfferStatus,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if !matches!(status, OfferStatus::Unpublished | OfferStatus::Filled) {
        return Err(DomainError::Internal);
    }
    let current = own(db, user, id).await?;
    if current.status == OfferStatus::Draft {
        return Err(DomainError::Conflict(
            "Ce brouillon n'est pas publié.".into(),
        ));
    }
    let mut row: offer::ActiveModel = current.into();
    row.status = Set(status);
    row.updated_at = Set(now);
    row.update(db).await?;
    search.follow(db).await?;
    Ok(())
}

/// R4: publishes again as is for 90 days (the clock restarts).
pub async fn renew(
    db: &impl ConnectionTrait,
    search: &SearchIndex,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let current = own(db, user, id).await?;
    if current.status == OfferStatus::Draft {
        return Err(DomainError::Conflict(
            "Publiez d'abord ce brouillon.".into(),
        ));
    }
    crate::moderation::may_publish(db, &current).await?;
    lawful_or_noted(db, user, &current.title, &current.description_html, now).await?;
    let mut row: offer::ActiveModel = current.into();
    row.status = Set(OfferStatus::Published);
    row.expires_at = Set(Some(now + Duration::days(PUBLICATION_DAYS)));
    row.expiry_warned_at = Set(None);
    row.updated_at = Set(now);
    row.update(db).await?;
    tracing::info!(offer = id, "offer renewed");
    search.follow(db).await?;
    Ok(())
}

/// R3: deletes an offer. Its applications stay with their candidates, who
/// see it as removed (C5).
pub async fn delete(
    db: &impl ConnectionTrait,
    search: &SearchIndex,
    user: &CurrentUser,
    id: i64,
) -> Result<(), DomainError> {
    own(db, user, id).await?;
    offer::Entity::delete_by_id(id).exec(db).await?;
    tracing::info!(offer = id, "offer deleted");
    search.follow(db).await?;
    Ok(())
}

/// R3 "dupliquer": a new draft with the same content.
pub async fn duplicate(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let current = own(db, user, id).await?;
    let mut row: offer::ActiveModel = current.into();
    row.id = NotSet;
    row.status = Set(OfferStatus::Draft);
    row.views = Set(0);
    row.published_at = Set(None);
    row.expires_at = Set(None);
    row.expiry_warned_at = Set(None);
    row.source_id = Set(None);
    row.created_at = Set(now);
    row.updated_at = Set(now);
    let copy = row.insert(db).await?;
    Ok(copy.id)
}

/// The editor's values of an offer.
pub async fn edit(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
    id: i64,
) -> Result<PostingEdit, DomainError> {
    let o = own(db, user, id).await?;
    let euros = |cents: Option<i32>| {
        cents.map(|c| {
            if c % 100 == 0 {
                (c / 100).to_string()
            } else {
                format!("{},{:02}", c / 100, c % 100)
            }
        })
    };
    let mut values = BTreeMap::new();
    let mut put = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            values.insert(name.to_owned(), value);
        }
    };
    put("titre", Some(o.title.clone()));
    put("metier", Some(o.job_family.code().into()));
    put(
        "description",
        Some(description_to_text(&o.description_html)),
    );
    put("contrat", Some(o.contract_type.code().into()));
    put("duree_mois", o.contract_months.map(|m| m.to_string()));
    put("temps", Some(o.working_time.code().into()));
    put("salaire_min", euros(o.salary_min_cents));
    put("salaire_max", euros(o.salary_max_cents));
    put("periode", o.salary_period.map(|p| p.code().into()));
    put("lieu", places.commune(&o.place_insee).map(|c| c.label()));
    put("debut", o.start_date.map(|d| d.to_string()));
    put("experience", Some(o.experience.code().into()));
    put("formation", Some(o.education.code().into()));
    put("postes", Some(o.positions.to_string()));
    put("contact", o.show_contact.then(|| "1".into()));
    put("candidature", Some(o.apply_method.code().into()));
    put("candidature_email", o.apply_email.clone());
    put("candidature_lien", o.apply_url.clone());
    put("reference", o.reference.clone());
    put("description_editeur", Some(o.description_html.clone()));
    Ok(PostingEdit {
        id: o.id,
        path: format!("/offres/{}-{}", o.slug, o.id),
        title: o.title,
        status: o.status,
        expires_at: o.expires_at,
        description_html: o.description_html,
        values,
    })
}

/// "Suivi des offres": the recruiter's offers, newest first, with their
/// application counts; `status` keeps one status only.
pub async fn mine(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    status: Option<OfferStatus>,
) -> Result<Vec<PostingRow>, DomainError> {
    if !user.is_recruiter() {
        return Err(DomainError::Forbidden);
    }
    let mut query = offer::Entity::find().filter(offer::Column::RecruiterId.eq(user.id));
    if let Some(status) = status {
        query = query.filter(offer::Column::Status.eq(status));
    }
    let offers = query
        .order_by_desc(offer::Column::CreatedAt)
        .order_by_desc(offer::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = offers.iter().map(|o| o.id).collect();
    let mut counts: HashMap<i64, (u64, u64)> = HashMap::new();
    for (offer_id, status) in application::Entity::find()
        .filter(application::Column::OfferId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| Some((a.offer_id?, a.status)))
    {
        let entry = counts.entry(offer_id).or_default();
        entry.0 += 1;
        if status == ApplicationStatus::Sent {
            entry.1 += 1;
        }
    }
    Ok(offers
        .into_iter()
        .map(|o| {
            let (applications, unread) = counts.get(&o.id).copied().unwrap_or_default();
            PostingRow {
                path: (o.status != OfferStatus::Draft)
                    .then(|| format!("/offres/{}-{}", o.slug, o.id)),
                id: o.id,
                title: o.title,
                status: o.status,
                published_at: o.published_at,
                expires_at: o.expires_at,
                views: o.views,
                applications,
                unread,
            }
        })
        .collect())
}

/// What "Suivi des offres" can do to several offers at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bulk {
    /// Published offers are unpublished; the others are left as they are.
    Unpublish,
    /// Offers that were published are published again for 90 days; drafts
    /// and offers whose text is refused (B2) are left as they are.
    Renew,
}

/// R3, R4: applies `action` to the recruiter's offers `ids` — all of them
/// must be theirs (R8: otherwise nothing is done, `NotFound`). Returns how
/// many changed.
pub async fn bulk(
    db: &impl ConnectionTrait,
    search: &SearchIndex,
    user: &CurrentUser,
    ids: &[i64],
    action: Bulk,
    now: DateTime<Utc>,
) -> Result<usize, DomainError> {
    if ids.is_empty() {
        return Err(DomainError::invalid("offres", "Cochez au moins une offre."));
    }
    let mut offers = Vec::with_capacity(ids.len());
    for id in ids {
        offers.push(own(db, user, *id).await?);
    }
    let mut changed = 0;
    for o in offers {
        let done = match action {
            Bulk::Unpublish if o.status == OfferStatus::Published => {
                close(db, search, user, o.id, OfferStatus::Unpublished, now).await
            }
            Bulk::Renew if o.status != OfferStatus::Draft => {
                renew(db, search, user, o.id, now).await
            }
            _ => continue,
        };
        match done {
            Ok(()) => changed += 1,
            Err(DomainError::Invalid(_)) => continue,
            Err(other) => return Err(other),
        }
    }
    Ok(changed)
}

/// R4, B4 (scheduled): warns the recruiters of offers that end within 7
/// days (once), unpublishes the offers past their date and tells them.
/// Returns (warned, expired). Every instance's index hears of it through
/// the change feed (and already hides an offer past its date).
pub async fn expire_due(
    db: &impl ConnectionTrait,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(u64, u64), DomainError> {
    let published = Condition::all()
        .add(offer::Column::Status.eq(OfferStatus::Published))
        .add(offer::Column::Source.eq(OfferSource::Portal))
        .add(offer::Column::RecruiterId.is_not_null());
    let dashboard = format!("{site}/recruteur/offres");
    let to_warn = offer::Entity::find()
        .filter(published.clone())
        .filter(offer::Column::ExpiresAt.lte(now + Duration::days(EXPIRY_WARNING_DAYS)))
        .filter(offer::Column::ExpiresAt.gt(now))
        .filter(offer::Column::ExpiryWarnedAt.is_null())
        .all(db)
        .await?;
    let mut warned = 0;
    for o in to_warn {
        let Some(recruiter) = user::Entity::find_by_id(o.recruiter_id.unwrap_or_default())
            .one(db)
            .await?
        else {
            continue;
        };
        let link = format!("{dashboard}/{}", o.id);
        let date = crate::model::french_date(crate::model::paris_date(o.expires_at.unwrap_or(now)));
        mail::enqueue(
            db,
            templates::offer_expires_soon(
                &recruiter.email,
                &recruiter.first_name,
                &o.title,
                &date,
                &link,
            ),
            now,
        )
        .await?;
        offer::Entity::update_many()
            .col_expr(offer::Column::ExpiryWarnedAt, Expr::value(now))
            .filter(offer::Column::Id.eq(o.id))
            .exec(db)
            .await?;
        warned += 1;
    }
    let to_expire = offer::Entity::find()
        .filter(published)
        .filter(offer::Column::ExpiresAt.lte(now))
        .all(db)
        .await?;
    let mut expired = 0;
    for o in to_expire {
        offer::Entity::update_many()
            .col_expr(
                offer::Column::Status,
                Expr::value(OfferStatus::Expired.code()),
            )
            .col_expr(offer::Column::UpdatedAt, Expr::value(now))
            .filter(offer::Column::Id.eq(o.id))
            .exec(db)
            .await?;
        if let Some(recruiter) = user::Entity::find_by_id(o.recruiter_id.unwrap_or_default())
            .one(db)
            .await?
        {
            let link = format!("{dashboard}/{}", o.id);
            mail::enqueue(
                db,
                templates::offer_expired(&recruiter.email, &recruiter.first_name, &o.title, &link),
                now,
            )
            .await?;
        }
        expired += 1;
    }
    Ok((warned, expired))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_descriptions_become_paragraphs_and_lists_and_come_back() {
        let text = "Nous recrutons.\nCDI.\n\n- Diagnostic\n- Entretien";
        let html = sanitize_description(text, false);
        assert_eq!(
            html,
            "<p>Nous recrutons.<br>CDI.</p><ul><li>Diagnostic</li><li>Entretien</li></ul>"
        );
        assert_eq!(
            description_to_text(&html),
            "Nous recrutons.\nCDI.\n\n- Diagnostic\n- Entretien"
        );
    }

    #[test]
    fn editor_html_is_cleaned_of_scripts_attributes_and_links() {
        let html = sanitize_description(
            r#"<p onclick="x()">Bonjour <script>alert(1)</script><a href="javascript:x">lien</a> <strong>CDI</strong></p><img src=x onerror=alert(1)>"#,
            true,
        );
        assert_eq!(html, "<p>Bonjour lien <strong>CDI</strong></p>");
    }

    #[test]
    fn the_plain_textarea_keeps_angle_brackets_as_text() {
        assert_eq!(
            sanitize_description("Prime si CA > 10 000 € et <b>bonus</b>", false),
            "<p>Prime si CA &gt; 10 000 € et &lt;b&gt;bonus&lt;/b&gt;</p>"
        );
    }

    #[test]
    fn the_editor_divs_become_paragraphs_and_plain_lines_are_read_as_text() {
        assert_eq!(
            sanitize_description("<div>Atelier</div><div><b>CDI</b></div>", true),
            "<p>Atelier</p><p><b>CDI</b></p>"
        );
        assert_eq!(
            sanitize_description("Nous recrutons.\n\n- Diagnostic\n- Entretien", true),
            "<p>Nous recrutons.</p><ul><li>Diagnostic</li><li>Entretien</li></ul>"
        );
    }

    #[test]
    fn salaries_are_read_the_french_way() {
        assert_eq!(euros_to_cents("1 850"), Some(185_000));
        assert_eq!(euros_to_cents("12,50 €"), Some(1_250));
        assert_eq!(euros_to_cents("-3"), None);
        assert_eq!(euros_to_cents("beaucoup"), None);
    }
}
