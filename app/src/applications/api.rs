//! Applications' server functions: what the offer page knows of its reader,
//! the candidate's applications (C5) and those a recruiter received (R5);
//! R8 is the domain's: another recruiter's application is NotFound.

use domain::DomainError;
use domain::model::{ApplicationView, ReceivedApplication, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the offer page needs to know about the person reading it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reader {
    pub role: Option<Role>,
    /// The candidate's dossiers: (id, title).
    pub dossiers: Vec<(i64, String)>,
    /// When the candidate applied to this offer.
    pub applied_at: Option<chrono::DateTime<chrono::Utc>>,
    pub saved: bool,
}

/// The reader of offer `offer_id`: nothing for a visitor (no query), the
/// role for a recruiter, dossiers, application and heart for a candidate.
#[server(endpoint = "lecteur")]
pub async fn offer_reader(offer_id: i64) -> Result<Reader, DomainError> {
    let Some(user) = crate::session::current_user() else {
        return Ok(Reader::default());
    };
    if user.role != Role::Candidate {
        return Ok(Reader {
            role: Some(user.role),
            ..Default::default()
        });
    }
    let state = crate::state::app_state()?;
    let dossiers = domain::dossiers::list(&state.db, &user)
        .await?
        .into_iter()
        .map(|d| (d.id, d.title))
        .collect();
    Ok(Reader {
        role: Some(user.role),
        dossiers,
        applied_at: domain::applications::applied_at(&state.db, &user, offer_id).await?,
        saved: domain::offers::saved_ids(&state.db, &user)
            .await?
            .contains(&offer_id),
    })
}

/// C5: "Mes candidatures".
#[server(endpoint = "candidatures")]
pub async fn my_applications() -> Result<Vec<ApplicationView>, DomainError> {
    let state = crate::state::app_state()?;
    domain::applications::mine(&state.db, &crate::session::candidate()?, chrono::Utc::now()).await
}

/// The applications to the recruiter's offers (one offer when given).
#[server(endpoint = "recruteur-candidatures")]
pub async fn received_applications(
    offer_id: Option<i64>,
) -> Result<Vec<ReceivedApplication>, DomainError> {
    let state = crate::state::app_state()?;
    domain::applications::received(&state.db, &crate::session::recruiter()?, offer_id).await
}

/// One application, opened: the first opening marks it viewed.
#[server(endpoint = "recruteur-candidature")]
pub async fn open_application(id: i64) -> Result<ReceivedApplication, DomainError> {
    let state = crate::state::app_state()?;
    domain::applications::open_received(
        &state.db,
        &crate::session::recruiter()?,
        id,
        &state.site.public_url,
        chrono::Utc::now(),
    )
    .await
}

/// B5: what the decline email's "keep it 2 years?" link asks about: the
/// offer, the company, and the date it is kept until if already agreed.
#[server(endpoint = "candidature-conserver")]
pub async fn keep_question(
    jeton: String,
) -> Result<(String, String, Option<chrono::DateTime<chrono::Utc>>), DomainError> {
    let state = crate::state::app_state()?;
    domain::applications::retention::keep_question(&state.db, &jeton).await
}

/// R5: the applications of one of the recruiter's offers as a pipeline.
#[server(endpoint = "recruteur-pipeline")]
pub async fn offer_pipeline(
    offer_id: i64,
    filter: domain::model::PipelineFilter,
) -> Result<domain::model::Pipeline, DomainError> {
    let state = crate::state::app_state()?;
    domain::applications::pipeline(&state.db, &crate::session::recruiter()?, offer_id, &filter)
        .await
}
