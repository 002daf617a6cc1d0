//! P2: offer search, `/offres?…`. The URL holds the whole query; the page is
//! complete without JavaScript (GET form, links for sorting, facets and pages).
//!
//! Indexing rule: a search by keywords and/or place (and its pages) is
//! indexable; a search with any other filter or a sort is `noindex, follow`.

use crate::SiteConfig;
use crate::offers::api::saved_offer_ids;
use crate::offers::save::provide_saved_offers;
use crate::search::api::search_offers;
use crate::search::form::SearchBar;
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::not_found::ErrorNotice;
use crate::ui::offer_card::OfferList;
use crate::ui::pagination::Pagination;
use domain::model::{
    CatalogueSource, ContractType, Experience, JobFamily, OfferQuery, PlaceFilter, SINCE_DAYS,
    SearchResults, SortOrder, WorkingTime, count_offers,
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::use_query_map;

/// Monthly salary thresholds offered by the filter, in euros.
const SALARY_STEPS: [u32; 6] = [1_500, 1_800, 2_000, 2_500, 3_000, 3_500];

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|params| {
        OfferQuery::from_pairs(params.into_iter().map(|(k, v)| (k.as_ref(), v)))
    });
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                provide_saved_offers(saved_offer_ids().await);
                match search_offers(query).await {
                    Ok(results) => view! { <Results results /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Offres d'emploi « mécanicien » à Lyon (69)".
fn describe(results: &SearchResults) -> String {
    let mut text = "Offres d'emploi".to_owned();
    if !results.query.q.is_empty() {
        text.push_str(&format!(" « {} »", results.query.q));
    }
    match &results.place {
        Some(PlaceFilter::Around {
            label,
            radius_km: 0,
        }) => text.push_str(&format!(" à {label}")),
        Some(PlaceFilter::Around { label, radius_km }) => {
            text.push_str(&format!(" à {label} et dans un rayon de {radius_km} km"))
        }
        Some(PlaceFilter::Department { label }) => text.push_str(&format!(" en {label}")),
        _ => {}
    }
    text
}

#[component]
fn Results(results: SearchResults) -> impl IntoView {
    let query = results.query.clone();
    let heading = describe(&results);
    let page_suffix = if results.page > 1 {
        format!(" – page {}", results.page)
    } else {
        String::new()
    };
    let canonical = use_context::<SiteConfig>().map(|site| {
        site.url(
            &OfferQuery {
                sort: None,
                ..query.with_page(results.page)
            }
            .path(),
        )
    });
    let indexable = !query.has_filters() && query.sort.is_none() && results.total > 0;
    let count = count_offers(results.total);
    let (page, pages) = (results.page, results.pages);
    let has_place = matches!(results.place, Some(PlaceFilter::Around { .. }));
    let (place, sort) = (results.place.clone(), results.sort);
    let body = if results.total == 0 {
        view! { <NoResults results=results.clone() /> }.into_any()
    } else {
        view! { <OfferList offers=results.hits.clone() empty="" /> }.into_any()
    };
    let description = format!(
        "{count} dans les services de l'automobile : mécanique, carrosserie, vente, après-vente. Postulez en un clic."
    );
    view! {
        <PageTitle text=format!("{heading}{page_suffix} — JobToMove") />
        <IslandScripts />
        <Meta name="description" content=description />
        {canonical.map(|href| view! { <Link rel="canonical" href=href /> })}
        {(!indexable).then(|| view! { <Meta name="robots" content="noindex, follow" /> })}
        <h1 class="search-title">{heading}</h1>
        <div class="search-layout">
        <SearchBar q=query.q.clone() lieu=query.lieu.clone() radius_km=query.radius_km>
            <Filters results />
        </SearchBar>
        <div class="results">
            <h2 class="visually-hidden">"Résultats"</h2>
            <PlaceNotice place />
            <div class="results-head">
                <p class="results-count" role="status">
                    <strong>{count}</strong>
                </p>
                <SortLinks query=query.clone() current=sort has_place />
            </div>
            <ActiveFilters query=query.clone() />
            <crate::alerts::pages::AlertControl query=query.clone() />
            {body}
            <Pagination page pages href=move |n| query.with_page(n).path() />
        </div>
        </div>
    }
}

#[component]
fn PlaceNotice(place: Option<PlaceFilter>) -> impl IntoView {
    match place {
        Some(PlaceFilter::Unknown { text }) => Some(view! {
            <p class="banner banner-closed" role="status">
                {format!(
                    "Nous ne connaissons pas le lieu « {text} » : les offres de toute la France sont affichées. Essayez un nom de commune, un code postal ou un numéro de département."
                )}
            </p>
        }),
        _ => None,
    }
}

/// One facet as check boxes: (code, label, count, checked) per value.
#[component]
fn FacetChecks(
    legend: &'static str,
    name: &'static str,
    items: Vec<(&'static str, &'static str, u64, bool)>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {items
                .into_iter()
                .map(|(code, label, count, checked)| {
                    let id = format!("{name}-{code}");
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() name=name value=code checked=checked />
                            <label for=id>
                                {label}
                                <span class="count">{format!(" ({count})")}</span>
                            </label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[component]
fn Filters(results: SearchResults) -> impl IntoView {
    let query = results.query.clone();
    let active = query.has_filters();
    let contracts = results.facets.contracts.clone();
    let families = results.facets.families.clone();
    // Shown once the catalogue holds offers of more than one source.
    let sources: Vec<_> = results
        .facets
        .sources
        .iter()
        .filter(|f| f.count > 0 || query.sources.contains(&f.value))
        .map(|f| {
            (
                f.value.code(),
                f.value.label(),
                f.count,
                query.sources.contains(&f.value),
            )
        })
        .collect();
    let departments: Vec<_> = results
        .facets
        .departments
        .iter()
        .take(12)
        .cloned()
        .collect();
    view! {
        <details class="filters">
            <summary class="button button-secondary">
                {if active { "Filtres (actifs)" } else { "Filtres" }}
            </summary>
            <div class="filters-body">
                <FacetChecks
                    legend="Contrat"
                    name="contrat"
                    items=contracts
                        .into_iter()
                        .map(|f| (f.value.code(), f.value.label(), f.count, query.contracts.contains(&f.value)))
                        .collect()
                />
                <FacetChecks
                    legend="Métier"
                    name="metier"
                    items=families
                        .into_iter()
                        .filter(|f| f.count > 0 || query.families.contains(&f.value))
                        .map(|f| (f.value.code(), f.value.short_label(), f.count, query.families.contains(&f.value)))
                        .collect()
                />
                {(sources.len() > 1).then(|| view! { <FacetChecks legend="Source" name="source" items=sources /> })}
                <div class="filter-grid">
                    <SelectFilter
                        id="salaire_min"
                        label="Salaire minimum (brut mensuel)"
                        any="Indifférent"
                        options=SALARY_STEPS.iter().map(|s| (s.to_string(), format!("{} € et plus", domain::model::euros(*s as i32 * 100).trim_end_matches("\u{a0}€")))).collect()
                        selected=query.salary_min.map(|s| s.to_string())
                    />
                    <SelectFilter
                        id="depuis"
                        label="Publiée depuis"
                        any="Toutes les dates"
                        options=SINCE_DAYS.iter().map(|d| (d.to_string(), if *d == 1 { "24 heures".to_owned() } else { format!("{d} jours") })).collect()
                        selected=query.since_days.map(|d| d.to_string())
                    />
                    <SelectFilter
                        id="temps"
                        label="Temps de travail"
                        any="Indifférent"
                        options=WorkingTime::ALL.iter().map(|w| (w.code().to_owned(), w.label().to_owned())).collect()
                        selected=query.working_time.map(|w| w.code().to_owned())
                    />
                    <SelectFilter
                        id="experience"
                        label="Expérience"
                        any="Indifférente"
                        options=Experience::ALL.iter().map(|e| (e.code().to_owned(), e.label().to_owned())).collect()
                        selected=query.experience.map(|e| e.code().to_owned())
                    />
                    <SelectFilter
                        id="tri"
                        label="Trier par"
                        any="Pertinence ou date"
                        options=SortOrder::ALL.iter().map(|s| (s.code().to_owned(), s.label().to_owned())).collect()
                        selected=query.sort.map(|s| s.code().to_owned())
                    />
                </div>
                <button class="button" type="submit">
                    "Appliquer les filtres"
                </button>
                {(!departments.is_empty())
                    .then(|| {
                        view! {
                            <nav class="departments" aria-label="Départements">
                                <p class="departments-title">"Par département"</p>
                                <ul class="plain">
                                    {departments
                                        .into_iter()
                                        .map(|d| {
                                            let target = OfferQuery { lieu: d.code.clone(), radius_km: None, ..query.with_page(1) };
                                            view! {
                                                <li>
                                                    <a href=target.path()>{format!("{} ({})", d.name, d.code)}</a>
                                                    <span class="count">{format!(" {}", d.count)}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </nav>
                        }
                    })}
            </div>
        </details>
    }
}

#[component]
fn SelectFilter(
    id: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<(String, String)>,
    selected: Option<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id>
                <option value="" selected=selected.is_none()>
                    {any}
                </option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = selected.as_deref() == Some(value.as_str());
                        view! {
                            <option value=value selected=is_selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn SortLinks(query: OfferQuery, current: SortOrder, has_place: bool) -> impl IntoView {
    let options: Vec<SortOrder> = SortOrder::ALL
        .iter()
        .copied()
        .filter(|s| match s {
            SortOrder::Relevance => !query.q.trim().is_empty(),
            SortOrder::Distance => has_place,
            SortOrder::Date => true,
        })
        .collect();
    (options.len() > 1).then(|| {
        view! {
            <nav class="sort" aria-label="Trier les offres">
                <span>"Trier par : "</span>
                {options
                    .into_iter()
                    .map(|order| {
                        let target = OfferQuery { sort: Some(order), ..query.with_page(1) };
                        if order == current {
                            view! { <span class="sort-current" aria-current="true">{order.label()}</span> }.into_any()
                        } else {
                            view! { <a href=target.path() rel="nofollow">{order.label()}</a> }.into_any()
                        }
                    })
                    .collect_view()}
            </nav>
        }
    })
}

/// The active filters, each a link that removes it.
#[component]
fn ActiveFilters(query: OfferQuery) -> impl IntoView {
    let base = query.with_page(1);
    let mut chips: Vec<(String, OfferQuery)> = Vec::new();
    for contract in &query.contracts {
        let rest = base
            .contracts
            .iter()
            .copied()
            .filter(|c| c != contract)
            .collect::<Vec<ContractType>>();
        chips.push((
            contract.label().to_owned(),
            OfferQuery {
                contracts: rest,
                ..base.clone()
            },
        ));
    }
    for family in &query.families {
        let rest = base
            .families
            .iter()
            .copied()
            .filter(|f| f != family)
            .collect::<Vec<JobFamily>>();
        chips.push((
            family.short_label().to_owned(),
            OfferQuery {
                families: rest,
                ..base.clone()
            },
        ));
    }
    for source in &query.sources {
        let rest = base
            .sources
            .iter()
            .copied()
            .filter(|s| s != source)
            .collect::<Vec<CatalogueSource>>();
        chips.push((
            source.label().to_owned(),
            OfferQuery {
                sources: rest,
                ..base.clone()
            },
        ));
    }
    if let Some(salary) = query.salary_min {
        chips.push((
            format!("Salaire ≥ {salary} €"),
            OfferQuery {
                salary_min: None,
                ..base.clone()
            },
        ));
    }
    if let Some(days) = query.since_days {
        chips.push((
            format!("Depuis {days} j"),
            OfferQuery {
                since_days: None,
                ..base.clone()
            },
        ));
    }
    if let Some(time) = query.working_time {
        chips.push((
            time.label().to_owned(),
            OfferQuery {
                working_time: None,
                ..base.clone()
            },
        ));
    }
    if let Some(experience) = query.experience {
        chips.push((
            experience.label().to_owned(),
            OfferQuery {
                experience: None,
                ..base.clone()
            },
        ));
    }
    if query.region.is_some() {
        chips.push((
            "Région".to_owned(),
            OfferQuery {
                region: None,
                ..base.clone()
            },
        ));
    }
    if !query.lieu.is_empty() {
        chips.push((
            query.lieu.clone(),
            OfferQuery {
                lieu: String::new(),
                radius_km: None,
                ..base.clone()
            },
        ));
    }
    (!chips.is_empty()).then(|| {
        view! {
            <ul class="chips" aria-label="Filtres actifs">
                {chips
                    .into_iter()
                    .map(|(label, without)| {
                        view! {
                            <li>
                                <a class="chip" href=without.path() rel="nofollow">
                                    {label}
                                    <span class="visually-hidden">" (retirer ce filtre)"</span>
                                    <span aria-hidden="true">" ×"</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

#[component]
fn NoResults(results: SearchResults) -> impl IntoView {
    view! {
        <div class="empty">
            <p>
                <strong>"Aucune offre ne correspond à votre recherche."</strong>
            </p>
            {if results.suggestions.is_empty() {
                view! { <p><a href="/offres">"Voir toutes les offres"</a></p> }.into_any()
            } else {
                view! {
                    <p>"Essayez plutôt :"</p>
                    <ul class="suggestions">
                        {results
                            .suggestions
                            .into_iter()
                            .map(|s| view! { <li><a href=s.path>{s.label}</a></li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </div>
    }
}
