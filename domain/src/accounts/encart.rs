//! The candidate's own page of facts, the "encart jaune" (C2): situation,
//! availability, diplomas, wanted jobs and places, licences, experience.

use super::candidate_only;
use crate::DomainError;
use crate::entity::candidate_profile;
use crate::error::FieldErrors;
use crate::model::{
    Availability, CandidateProfile, CandidateStatus, CurrentUser, Diploma, DrivingLicence,
    JobFamily, MAX_WANTED_PLACES, MOBILITY_CHOICES_KM, check_phone, join_codes, split_codes,
};
use crate::places::{Directory, Location};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

/// The profile form as posted: codes and texts, checked by [`save_profile`].
#[derive(Debug, Clone, Default)]
pub struct ProfileForm {
    pub status: String,
    pub availability: String,
    pub available_from: String,
    pub diplomas: Vec<String>,
    pub job_families: Vec<String>,
    /// What was typed in each "ville souhaitée" field.
    pub places: Vec<String>,
    pub mobility_km: String,
    pub licences: Vec<String>,
    pub experience_years: String,
    pub phone: String,
}

/// The stored profile as pages show it.
pub fn view(row: &candidate_profile::Model, places: &Directory) -> CandidateProfile {
    CandidateProfile {
        status: row.status,
        availability: row.availability,
        available_from: row.available_from,
        diplomas: split_codes(&row.diplomas)
            .filter_map(Diploma::from_code)
            .collect(),
        job_families: split_codes(&row.job_families)
            .filter_map(JobFamily::from_code)
            .collect(),
        places: split_codes(&row.places)
            .filter_map(|insee| places.commune(insee))
            .map(|c| (c.insee.clone(), c.label()))
            .collect(),
        mobility_km: row.mobility_km,
        licences: split_codes(&row.licences)
            .filter_map(DrivingLicence::from_code)
            .collect(),
        experience_years: row.experience_years,
        phone: row.phone.clone(),
    }
}

/// C2: the candidate's profile (empty until they fill it).
pub async fn profile(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
) -> Result<CandidateProfile, DomainError> {
    candidate_only(user)?;
    Ok(candidate_profile::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .map(|row| view(&row, places))
        .unwrap_or_default())
}

/// The phone number of the candidate's profile, if they gave one.
pub async fn phone_of(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Option<String>, DomainError> {
    Ok(candidate_profile::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .and_then(|row| row.phone))
}

/// Codes of a closed set; unknown ones are an error on `field`.
fn codes<T: Copy>(
    posted: &[String],
    from_code: fn(&str) -> Option<T>,
    code: fn(T) -> &'static str,
    field: &str,
    errors: &mut FieldErrors,
) -> String {
    let mut known = Vec::new();
    for value in posted.iter().filter(|v| !v.is_empty()) {
        match from_code(value) {
            Some(value) if !known.contains(&code(value)) => known.push(code(value)),
            Some(_) => {}
            None => {
                errors.insert(field.into(), "Choisissez parmi les propositions.".into());
            }
        }
    }
    join_codes(known)
}

/// One optional code of a closed set; an unknown one is an error on `field`.
fn optional_code<T>(
    posted: &str,
    from_code: fn(&str) -> Option<T>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<T> {
    let posted = posted.trim();
    if posted.is_empty() {
        return None;
    }
    let value = from_code(posted);
    if value.is_none() {
        errors.insert(field.into(), "Choisissez parmi les propositions.".into());
    }
    value
}

/// The date a candidate is available from, when they said "from a date".
fn available_from(
    availability: Option<Availability>,
    typed: &str,
    errors: &mut FieldErrors,
) -> Option<NaiveDate> {
    if availability != Some(Availability::FromDate) {
        return None;
    }
    NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d")
        .map_err(|_| {
            errors.insert(
                "disponible_le".into(),
                "Indiquez la date à laquelle vous serez disponible.".into(),
            )
        })
        .ok()
}

/// The communes where the candidate wants to work (at most
/// `MAX_WANTED_PLACES`, each once), as stored codes.
fn wanted_places(typed: &[String], places: &Directory, errors: &mut FieldErrors) -> String {
    let mut insee = Vec::new();
    for (i, typed) in typed.iter().enumerate().take(MAX_WANTED_PLACES) {
        if typed.trim().is_empty() {
            continue;
        }
        match places.resolve(typed) {
            Some(Location::Commune(commune)) => {
                if !insee.contains(&commune.insee.as_str()) {
                    insee.push(commune.insee.as_str());
                }
            }
            _ => {
                errors.insert(
                    format!("lieu_{}", i + 1),
                    "Commune introuvable : écrivez son nom ou son code postal, par exemple « Lyon (69) » ou « 69003 ».".into(),
                );
            }
        }
    }
    join_codes(insee)
}

/// How far the candidate would travel, one of `MOBILITY_CHOICES_KM`.
fn mobility(typed: &str, errors: &mut FieldErrors) -> Option<i32> {
    match typed.trim() {
        "" => None,
        typed => match typed.parse::<i32>() {
            Ok(km) if MOBILITY_CHOICES_KM.contains(&km) => Some(km),
            _ => {
                errors.insert(
                    "mobilite".into(),
                    "Choisissez parmi les propositions.".into(),
                );
                None
            }
        },
    }
}

fn experience_years(typed: &str, errors: &mut FieldErrors) -> Option<i32> {
    match typed.trim() {
        "" => None,
        typed => match typed.parse::<i32>() {
            Ok(years) if (0..=50).contains(&years) => Some(years),
            _ => {
                errors.insert(
                    "experience".into(),
                    "Indiquez un nombre d'années entre 0 et 50.".into(),
                );
                None
            }
        },
    }
}

/// C2: checks and saves the profile; every error is French, on its field.
pub async fn save_profile(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
    form: ProfileForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    candidate_only(user)?;
    let mut errors = FieldErrors::new();
    let status = optional_code(
        &form.status,
        CandidateStatus::from_code,
        "statut",
        &mut errors,
    );
    let availability = optional_code(
        &form.availability,
        Availability::from_code,
        "disponibilite",
        &mut errors,
    );
    let available_from = available_from(availability, &form.available_from, &mut errors);
    let diplomas = codes(
        &form.diplomas,
        Diploma::from_code,
        Diploma::code,
        "diplomes",
        &mut errors,
    );
    let job_families = codes(
        &form.job_families,
        JobFamily::from_code,
        JobFamily::code,
        "metiers",
        &mut errors,
    );
    let licences = codes(
        &form.licences,
        DrivingLicence::from_code,
        DrivingLicence::code,
        "permis",
        &mut errors,
    );
    let wanted = wanted_places(&form.places, places, &mut errors);
    let mobility_km = mobility(&form.mobility_km, &mut errors);
    let experience_years = experience_years(&form.experience_years, &mut errors);
    let phone = check_phone(&form.phone)
        .map_err(|message| errors.insert("telephone".into(), message.into()))
        .ok()
        .flatten();
    if !errors.is_empty() {
        return Err(DomainError::Invalid(errors));
    }
    let row = candidate_profile::ActiveModel {
        user_id: Set(user.id),
        status: Set(status),
        availability: Set(availability),
        available_from: Set(available_from),
        diplomas: Set(diplomas),
        job_families: Set(job_families),
        places: Set(wanted),
        mobility_km: Set(mobility_km),
        licences: Set(licences),
        experience_years: Set(experience_years),
        phone: Set(phone),
        updated_at: Set(now),
    };
    upsert_profile(db, row).await
}

/// The profile's row, written over the one before.
async fn upsert_profile(
    db: &impl ConnectionTrait,
    row: candidate_profile::ActiveModel,
) -> Result<(), DomainError> {
    candidate_profile::Entity::insert(row)
        .on_conflict(
            OnConflict::column(candidate_profile::Column::UserId)
                .update_columns([
                    candidate_profile::Column::Status,
                    candidate_profile::Column::Availability,
                    candidate_profile::Column::AvailableFrom,
                    candidate_profile::Column::Diplomas,
                    candidate_profile::Column::JobFamilies,
                    candidate_profile::Column::Places,
                    candidate_profile::Column::MobilityKm,
                    candidate_profile::Column::Licences,
                    candidate_profile::Column::ExperienceYears,
                    candidate_profile::Column::Phone,
                    candidate_profile::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
