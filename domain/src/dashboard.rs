//! The dashboards ("tableau de bord"): each role's to-do at a glance,
//! gathered from the areas that own it — postings, applications, messaging,
//! companies for recruiters and training organisations (R7); dossiers,
//! applications, saved offers, messages and alerts for candidates (C5).
//! Nothing here decides anything: each item links to the page that does.

use crate::DomainError;
use crate::entity::company;
use crate::model::{
    CandidateDashboard, CompanyState, CurrentUser, DASHBOARD_LATEST, OfferStatus, PostingRow,
    RecruiterDashboard, Role,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};

/// How soon an offer's expiry makes it worth renewing.
const EXPIRES_WITHIN_DAYS: i64 = 7;
/// How long an expired offer stays on the dashboard, to be renewed.
const EXPIRED_SHOWN_DAYS: i64 = 30;

/// The recruiter's (or training organisation's) dashboard.
pub async fn recruiter(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<RecruiterDashboard, DomainError> {
    let postings = crate::postings::mine(db, user, None).await?;
    let mut to_read: Vec<PostingRow> = postings.iter().filter(|p| p.unread > 0).cloned().collect();
    to_read.sort_by_key(|p| std::cmp::Reverse(p.unread));
    let mut expiring: Vec<PostingRow> = postings
        .iter()
        .filter(|p| {
            p.status == OfferStatus::Published
                && p.expires_at.is_some_and(|at| {
                    at <= now + Duration::days(EXPIRES_WITHIN_DAYS)
                        && at > now - Duration::days(EXPIRED_SHOWN_DAYS)
                })
        })
        .cloned()
        .collect();
    expiring.sort_by_key(|p| p.expires_at);
    let drafts = postings
        .iter()
        .filter(|p| p.status == OfferStatus::Draft)
        .cloned()
        .collect();
    let published = postings
        .iter()
        .filter(|p| p.status == OfferStatus::Published && p.expires_at.is_none_or(|at| at > now))
        .count();
    Ok(RecruiterDashboard {
        to_read,
        expiring,
        drafts,
        published,
        unread_messages: crate::messaging::unread(db, user).await?,
        company: company_state(db, user).await?,
    })
}

async fn company_state(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<CompanyState, DomainError> {
    let id = match crate::companies::acting_company(db, user).await {
        Ok(id) => id,
        Err(DomainError::Conflict(_)) => return Ok(CompanyState::Pending),
        Err(DomainError::Forbidden) => return Ok(CompanyState::None),
        Err(error) => return Err(error),
    };
    let Some(page) = company::Entity::find_by_id(id).one(db).await? else {
        return Ok(CompanyState::None);
    };
    Ok(CompanyState::Page {
        path: format!("/entreprises/{}-{}", page.slug, page.id),
        missing: missing_from(&page),
        name: page.name,
    })
}

/// What a company page lacks to be complete, in the words of the editor.
fn missing_from(page: &company::Model) -> Vec<String> {
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|v| v.trim().is_empty());
    let mut missing = Vec::new();
    if page.logo_key.is_none() {
        missing.push("le logo".to_owned());
    }
    if page.description.trim().is_empty() {
        missing.push("la présentation".to_owned());
    }
    if blank(&page.contact_email) && blank(&page.contact_phone) && blank(&page.website) {
        missing.push("un moyen de contact (e-mail, téléphone ou site)".to_owned());
    }
    if blank(&page.address) {
        missing.push("l'adresse".to_owned());
    }
    missing
}

/// The candidate's dashboard.
pub async fn candidate(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<CandidateDashboard, DomainError> {
    if user.role != Role::Candidate {
        return Err(DomainError::Forbidden);
    }
    let mut applications = crate::applications::mine(db, user, now).await?;
    let applications_total = applications.len();
    applications.truncate(DASHBOARD_LATEST);
    let mut saved = crate::offers::saved_offers(db, user).await?;
    let saved_total = saved.len();
    saved.truncate(DASHBOARD_LATEST);
    Ok(CandidateDashboard {
        dossiers: crate::dossiers::list(db, user).await?,
        applications,
        applications_total,
        saved,
        saved_total,
        unread_messages: crate::messaging::unread(db, user).await?,
        alerts: crate::alerts::list(db, user).await?,
    })
}
