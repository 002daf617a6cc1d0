//! The CVthèque (R6, R7): recruiters and training organisations search the
//! dossiers candidates made visible, open one, and keep candidates in
//! "candidats favoris". A dossier hidden by its candidate disappears at
//! once: every read goes through `visible = true`.
//!
//! Filtering happens in memory over the visible dossiers (keywords folded
//! for accents, the profile's closed sets, distance from the wanted
//! communes): enough for the tens of thousands of dossiers a region holds;
//! past that, the dossiers would get their own search index.

use crate::DomainError;
use crate::dossiers;
use crate::entity::favorite_candidate;
use crate::model::{
    CV_DEFAULT_RADIUS_KM, CV_PAGE_SIZE, CurrentUser, CvQuery, CvResults, VisibleDossier, fold_name,
};
use crate::places::{Directory, Location, distance_km};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Recruiters and training organisations that act for their company: a
/// member waiting for the owner's acceptance does not read CVs.
async fn recruiter_only(db: &impl ConnectionTrait, user: &CurrentUser) -> Result<(), DomainError> {
    crate::companies::acting_company(db, user).await.map(drop)
}

/// The words a keyword search looks in: title, other information, the
/// diplomas and wanted jobs of the profile.
fn haystack(found: &VisibleDossier) -> String {
    let p = &found.profile;
    let mut text = format!(
        "{} {}",
        found.dossier.title,
        found.dossier.other_info.as_deref().unwrap_or("")
    );
    for d in &p.diplomas {
        text.push(' ');
        text.push_str(d.label());
        text.push(' ');
        text.push_str(d.code());
    }
    for f in &p.job_families {
        text.push(' ');
        text.push_str(f.short_label());
    }
    format!(" {} ", fold_name(&text))
}

fn near(found: &VisibleDossier, place: &Location<'_>, radius_km: i32, places: &Directory) -> bool {
    found.profile.places.iter().any(|(insee, _)| {
        let Some(wanted) = places.commune(insee) else {
            return false;
        };
        match place {
            Location::Commune(center) => {
                distance_km(
                    center.latitude,
                    center.longitude,
                    wanted.latitude,
                    wanted.longitude,
                ) <= f64::from(radius_km)
            }
            Location::Department { code, .. } => wanted.department_code == *code,
        }
    })
}

/// R6: a page of visible dossiers matching `query`, most recently updated
/// first, with the recruiter's favourites.
pub async fn search(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
    query: CvQuery,
) -> Result<CvResults, DomainError> {
    recruiter_only(db, user).await?;
    let all = dossiers::all_visible(db, places).await?;
    let words: Vec<String> = fold_name(&query.q)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let location = places.resolve(&query.place);
    let radius = query.radius_km.unwrap_or(CV_DEFAULT_RADIUS_KM);
    let matching: Vec<VisibleDossier> = all
        .into_iter()
        .filter(|d| {
            let p = &d.profile;
            (words.is_empty() || {
                let text = haystack(d);
                words.iter().all(|w| text.contains(&format!(" {w}")))
            }) && query.job_family.is_none_or(|f| p.job_families.contains(&f))
                && query.availability.is_none_or(|a| p.availability == Some(a))
                && query.diploma.is_none_or(|x| p.diplomas.contains(&x))
                && query.licence.is_none_or(|l| p.licences.contains(&l))
                && location
                    .as_ref()
                    .is_none_or(|place| near(d, place, radius, places))
        })
        .collect();
    let total = matching.len();
    let pages = total.div_ceil(CV_PAGE_SIZE).max(1) as u32;
    let page = query.page.clamp(1, pages);
    let dossiers = matching
        .into_iter()
        .skip((page as usize - 1) * CV_PAGE_SIZE)
        .take(CV_PAGE_SIZE)
        .collect();
    let place_unknown = !query.place.is_empty() && location.is_none();
    Ok(CvResults {
        place_unknown,
        query,
        dossiers,
        total,
        page,
        pages,
        favorites: favorite_ids(db, user).await?,
    })
}

/// R6: one visible dossier with its candidate's profile; a hidden or
/// unknown one is `NotFound`. Also says whether the candidate is a favourite.
pub async fn dossier(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
    id: i64,
) -> Result<(VisibleDossier, bool), DomainError> {
    recruiter_only(db, user).await?;
    let found = dossiers::visible_one(db, places, id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let favorite = favorite_ids(db, user).await?.contains(&found.candidate_id);
    Ok((found, favorite))
}

async fn favorite_ids(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<Vec<i64>, DomainError> {
    Ok(favorite_candidate::Entity::find()
        .filter(favorite_candidate::Column::RecruiterId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.candidate_id)
        .collect())
}

/// R6 "candidats favoris": adds (`on`) or removes a candidate. Only a
/// candidate with a visible dossier can be added.
pub async fn set_favorite(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
    candidate_id: i64,
    on: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    recruiter_only(db, user).await?;
    if on {
        let all = dossiers::all_visible(db, places).await?;
        if !all.iter().any(|d| d.candidate_id == candidate_id) {
            return Err(DomainError::NotFound);
        }
        favorite_candidate::Entity::insert(favorite_candidate::ActiveModel {
            recruiter_id: Set(user.id),
            candidate_id: Set(candidate_id),
            created_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([
                favorite_candidate::Column::RecruiterId,
                favorite_candidate::Column::CandidateId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    } else {
        favorite_candidate::Entity::delete_many()
            .filter(favorite_candidate::Column::RecruiterId.eq(user.id))
            .filter(favorite_candidate::Column::CandidateId.eq(candidate_id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// R6: the visible dossiers of the recruiter's favourite candidates, and how
/// many favourites have hidden all of theirs.
pub async fn favorites(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
) -> Result<(Vec<VisibleDossier>, usize), DomainError> {
    recruiter_only(db, user).await?;
    let ids = favorite_ids(db, user).await?;
    let all = dossiers::all_visible(db, places).await?;
    let shown: Vec<VisibleDossier> = all
        .into_iter()
        .filter(|d| ids.contains(&d.candidate_id))
        .collect();
    let hidden = ids
        .iter()
        .filter(|id| !shown.iter().any(|d| d.candidate_id == **id))
        .count();
    Ok((shown, hidden))
}
