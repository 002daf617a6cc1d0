//! Companies in a list.

use domain::model::{CompanySummary, count_offers};
use leptos::prelude::*;

/// A list of companies, or a message when there is none.
#[component]
pub fn CompanyList(companies: Vec<CompanySummary>, #[prop(into)] empty: String) -> impl IntoView {
    if companies.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class="company-list">
            {companies
                .into_iter()
                .map(|company| {
                    let path = company.path();
                    let offers = match company.open_offers {
                        0 => "Pas d'offre en ce moment".to_owned(),
                        n => count_offers(n),
                    };
                    view! {
                        <li class="company-card">
                            {company.logo.map(|src| view! {
                                <img class="company-card-logo" src=src alt="" width="48" height="48" loading="lazy" />
                            })}
                            <h3 class="company-card-name">
                                <a href=path>{company.name}</a>
                            </h3>
                            <p class="company-card-meta">
                                {company.activity.label()}
                                {company.place.map(|p| format!(" · {p}"))}
                            </p>
                            {company.group_name.map(|g| view! { <p class="company-card-group">{g}</p> })}
                            <p class="company-card-offers">{offers}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
