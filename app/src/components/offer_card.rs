//! Offers in a list.

use domain::model::{OfferCard, published_ago};
use leptos::prelude::*;

/// A list of offer cards, or a message when there is none.
#[component]
pub fn OfferList(offers: Vec<OfferCard>, #[prop(into)] empty: String) -> impl IntoView {
    if offers.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let now = chrono::Utc::now();
    view! {
        <ul class="offer-list">
            {offers
                .into_iter()
                .map(|offer| view! { <li><OfferCardView offer now /></li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// One offer: title (the link), company, place, contract, salary, age.
#[component]
fn OfferCardView(offer: OfferCard, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let path = offer.path();
    let published = offer
        .published_at
        .map(|at| format!("Publiée {}", published_ago(at, now)));
    view! {
        <article class="offer-card">
            <h3 class="offer-card-title">
                <a href=path>{offer.title}</a>
            </h3>
            <p class="offer-card-company">{offer.company_name}</p>
            <ul class="tags" aria-label="Caractéristiques">
                <li class="tag">{format!("{} ({})", offer.place_name, offer.department_code)}</li>
                <li class="tag tag-contract">{offer.contract_type.label()}</li>
                {offer.salary.map(|s| view! { <li class="tag tag-salary">{s.display()}</li> })}
            </ul>
            {published.map(|p| view! { <p class="offer-card-date">{p}</p> })}
        </article>
    }
}
