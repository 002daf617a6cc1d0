//! P3: an offer's page, `/offres/{slug}-{id}`.
//!
//! Rules: an unknown id, a draft or a malformed segment answers 404; a right
//! id with another slug redirects (301) to the canonical URL; an offer that is
//! no longer open (expired, filled, unpublished) keeps its page with a clear
//! message and `noindex`.

use crate::SiteConfig;
use crate::applications::api::{Reader, offer_reader};
use crate::applications::apply::ApplySection;
use crate::offers::api::offer_page;
use crate::offers::save::SaveOffer;
use crate::response::redirect_permanently;
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::not_found::{ErrorNotice, NotFound};
use crate::ui::offer_card::{OfferList, hits};
use crate::ui::share::ShareOffer;
use domain::DomainError;
use domain::model::{
    OfferDetail, OfferStatus, Role, french_date, html_summary, job_posting, json_for_script,
    paris_date,
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::use_params_map;

/// The page: loads the offer, then renders it, redirects or answers 404.
#[component]
pub fn OfferPage() -> impl IntoView {
    let segment = use_params_map()
        .read_untracked()
        .get("offer")
        .unwrap_or_default();
    let Some((slug, id)) = domain::model::parse_slug_id(&segment) else {
        return view! { <NotFound /> }.into_any();
    };
    let slug = slug.to_owned();
    // Read by the server as the page renders: no island needs the data, so
    // none of it is serialised into the page (no resource). A `Suspend`, not
    // a closure returning one: the server may call a closure child twice and
    // drop the first future in the middle of its query, and sqlx closes a
    // connection whose query was dropped (a new one parses the schema again:
    // most of a first render's time, `make bench-render`).
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match offer_page(id).await {
                    Ok((offer, _)) if offer.slug != slug => {
                        redirect_permanently(&offer.path());
                        ().into_any()
                    }
                    Ok((offer, similar)) => {
                        let reader = offer_reader(id).await.unwrap_or_default();
                        view! { <OfferView offer similar reader /> }.into_any()
                    }
                    Err(DomainError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn OfferView(
    offer: OfferDetail,
    similar: Vec<domain::model::OfferCard>,
    reader: Reader,
) -> impl IntoView {
    let now = chrono::Utc::now();
    let open = offer.is_open(now);
    let site = use_context::<SiteConfig>();
    let url = site
        .map(|site| site.url(&offer.path()))
        .unwrap_or_else(|| offer.path());
    let summary = html_summary(&offer.description_html, 155);
    let page_title = format!(
        "{} — {} à {} ({}) | JobToMove",
        offer.title, offer.employer, offer.place.name, offer.place.department_code
    );
    let closed_message = match offer.status {
        OfferStatus::Filled => "Ce poste a été pourvu : l'offre n'accepte plus de candidatures.",
        _ => "Cette offre n'est plus en ligne : elle n'accepte plus de candidatures.",
    };
    let facts = facts(&offer);
    let heart = match reader.role {
        Some(Role::Candidate) => Some(
            view! {
                <SaveOffer offer_path=offer.path() saved=reader.saved title=offer.title.clone() compact=false />
            }
            .into_any(),
        ),
        None => Some(
            view! {
                <a class="heart" href=format!("/connexion?suite={}", offer.path())>
                    <span class="heart-icon" aria-hidden="true">"♡"</span>
                    " Sauvegarder l'offre"
                </a>
            }
            .into_any(),
        ),
        Some(_) => None,
    };
    let structured = open
        .then(|| {
            offer
                .published_at
                .and_then(|published| job_posting(&offer, &url, published))
                .map(|posting| json_for_script(&posting))
        })
        .flatten();
    view! {
        <PageTitle text=page_title.clone() />
        {open.then(|| view! { <IslandScripts /> })}
        <Meta name="description" content=summary.clone() />
        <Link rel="canonical" href=url.clone() />
        {(!open).then(|| view! { <Meta name="robots" content="noindex" /> })}
        <Meta property="og:type" content="website" />
        <Meta property="og:title" content=page_title />
        <Meta property="og:description" content=summary />
        <Meta property="og:url" content=url.clone() />
        <Meta property="og:locale" content="fr_FR" />
        {structured.map(|json| view! { <script type="application/ld+json" inner_html=json></script> })}
        <article class="offer">
            {(!open).then(|| view! { <p class="banner banner-closed" role="status">{closed_message}</p> })}
            <header class="offer-header">
                <h1>{offer.title.clone()}</h1>
                <p class="offer-company">
                    {match offer.company.clone() {
                        Some(company) => view! { <a href=company.path()>{offer.employer.clone()}</a> }.into_any(),
                        None => offer.employer.clone().into_any(),
                    }}
                </p>
                <p class="offer-place">{place_line(&offer)}</p>
                <div class="offer-actions">
                    {open.then(|| view! { <a class="button" href="#postuler">{apply_label(&offer)}</a> })}
                    {heart}
                </div>
            </header>
            <dl class="facts">
                {facts
                    .into_iter()
                    .map(|(term, value)| view! { <div class="fact"><dt>{term}</dt><dd>{value}</dd></div> })
                    .collect_view()}
            </dl>
            <section class="offer-description" aria-labelledby="description">
                <h2 id="description">"Description du poste"</h2>
                <div inner_html=offer.description_html.clone()></div>
            </section>
            {offer.contact.clone().map(|contact| {
                view! {
                    <section class="offer-contact" aria-labelledby="contact">
                        <h2 id="contact">"Contact recruteur"</h2>
                        <ul class="plain">
                            {contact.name.map(|name| view! { <li>{name}</li> })}
                            {contact.email.map(|email| view! { <li><a href=format!("mailto:{email}")>{email.clone()}</a></li> })}
                            {contact.phone.map(|phone| view! { <li><a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></li> })}
                        </ul>
                    </section>
                }
            })}
            {open
                .then(|| {
                    if offer.is_imported() {
                        view! { <SourceApply offer=offer.clone() /> }.into_any()
                    } else {
                        view! { <ApplySection offer=offer.clone() reader /> }.into_any()
                    }
                })}
            {offer.is_imported().then(|| view! { <SourceNotice offer=offer.clone() /> })}
            {open.then(|| view! { <ShareOffer url=url /> })}
            <p class="report-link">
                <a href=format!("/signaler?offre={}", offer.id) rel="nofollow">"Signaler cette offre"</a>
            </p>
        </article>
        {(!similar.is_empty())
            .then(|| {
                view! {
                    <section class="section" aria-labelledby="similaires">
                        <h2 id="similaires">"Offres similaires"</h2>
                        <OfferList offers=hits(similar) empty="" />
                    </section>
                }
            })}
    }
}

/// "Lyon (69003) — Auvergne-Rhône-Alpes", or "Maine-et-Loire (49) — Pays
/// de la Loire" for an offer placed only by its département.
fn place_line(offer: &OfferDetail) -> String {
    let place = &offer.place;
    let code = if place.department_only {
        &place.department_code
    } else {
        &place.postal_code
    };
    format!("{} ({code}) — {}", place.name, place.region_name)
}

fn apply_label(offer: &OfferDetail) -> &'static str {
    if offer.is_imported() {
        "Postuler sur France Travail"
    } else {
        "Postuler"
    }
}

/// Applying for an imported offer: at its source, never on the portal (no
/// form, no messaging, no CVthèque contact).
#[component]
fn SourceApply(offer: OfferDetail) -> impl IntoView {
    view! {
        <section class="apply" id="postuler" aria-labelledby="postuler-titre">
            <h2 id="postuler-titre">"Postuler"</h2>
            <p>
                "Cette offre est diffusée par France Travail : la candidature se fait sur son site, "
                "où l'employeur la reçoit."
            </p>
            {offer.apply_url.clone().map(|href| view! {
                <p>
                    <a class="button" href=href rel="nofollow noopener" target="_blank">
                        "Postuler sur France Travail"
                        <span class="visually-hidden">" (nouvelle fenêtre)"</span>
                    </a>
                </p>
            })}
        </section>
    }
}

/// The source and its last update, as the API's reuse licence asks.
#[component]
fn SourceNotice(offer: OfferDetail) -> impl IntoView {
    let updated = offer
        .source_updated_at
        .or(offer.published_at)
        .map(|at| format!(", mise à jour le {}", french_date(paris_date(at))))
        .unwrap_or_default();
    view! {
        <p class="offer-source">
            {format!("Source : France Travail{updated}. ")}
            <a href="https://francetravail.io/data/api/offres-emploi" rel="nofollow noopener">
                "Offre reproduite sous la licence de l'API Offres d'emploi de France Travail"
            </a>
            "."
        </p>
    }
}

/// The offer's key facts, in reading order; unknown ones are left out.
fn facts(offer: &OfferDetail) -> Vec<(&'static str, String)> {
    let mut facts = vec![
        ("Contrat", offer.contract_label()),
        ("Temps de travail", offer.working_time.label().to_owned()),
        (
            "Salaire",
            offer.salary.map(|s| s.display()).unwrap_or_else(|| {
                if offer.is_imported() {
                    "Salaire non communiqué"
                } else {
                    "Non précisé par le recruteur"
                }
                .to_owned()
            }),
        ),
        ("Métier", offer.job_family.short_label().to_owned()),
        ("Expérience", offer.experience.label().to_owned()),
        ("Formation", offer.education.label().to_owned()),
    ];
    if let Some(start) = offer.start_date {
        facts.push(("Début", french_date(start)));
    }
    if offer.positions > 1 {
        facts.push(("Postes", offer.positions.to_string()));
    }
    if let Some(published) = offer.published_at {
        facts.push(("Publiée le", french_date(paris_date(published))));
    }
    if let Some(reference) = &offer.reference {
        facts.push(("Référence", reference.clone()));
    }
    facts
}
