//! Offers in a list.

use domain::model::{OfferCard, OfferHit, published_ago};
use leptos::prelude::*;

/// A list of offers (with their distance when the search has a place), or a
/// message when there is none.
#[component]
pub fn OfferList(offers: Vec<OfferHit>, #[prop(into)] empty: String) -> impl IntoView {
    if offers.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let now = chrono::Utc::now();
    view! {
        <ul class="offer-list">
            {offers
                .into_iter()
                .map(|hit| view! { <li><OfferCardView offer=hit.card distance_km=hit.distance_km now /></li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Cards without distances.
pub fn hits(cards: Vec<OfferCard>) -> Vec<OfferHit> {
    cards
        .into_iter()
        .map(|card| OfferHit {
            card,
            distance_km: None,
        })
        .collect()
}

/// One offer: title (the link), company, place, contract, salary, age.
#[component]
fn OfferCardView(
    offer: OfferCard,
    distance_km: Option<f64>,
    now: chrono::DateTime<chrono::Utc>,
) -> impl IntoView {
    let path = offer.path();
    let published = offer
        .published_at
        .map(|at| format!("Publiée {}", published_ago(at, now)));
    let place = match distance_km {
        Some(km) if km >= 1.0 => format!(
            "{} ({}) · à {km:.0} km",
            offer.place_name, offer.department_code
        ),
        _ => format!("{} ({})", offer.place_name, offer.department_code),
    };
    let heart = use_context::<crate::offers::save::SavedOffers>().map(|saved| {
        view! {
            <crate::offers::save::SaveOffer
                offer_path=path.clone()
                saved=saved.0.contains(&offer.id)
                title=offer.title.clone()
                compact=true
            />
        }
    });
    view! {
        <article class="offer-card">
            {heart}
            <h3 class="offer-card-title">
                <a href=path>{offer.title}</a>
            </h3>
            <p class="offer-card-company">{offer.company_name}</p>
            <ul class="tags" aria-label="Caractéristiques">
                <li class="tag">{place}</li>
                <li class="tag tag-contract">{offer.contract_type.label()}</li>
                {offer.salary.map(|s| view! { <li class="tag tag-salary">{s.display()}</li> })}
            </ul>
            {published.map(|p| view! { <p class="offer-card-date">{p}</p> })}
        </article>
    }
}
