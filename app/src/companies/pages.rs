//! P4 and P5: the company directory `/entreprises`, company pages
//! `/entreprises/{slug}-{id}` and group pages `/groupes/{slug}`.
//!
//! Same rules as offers: an unknown id or slug answers 404, a right id with
//! another slug redirects (301) to the canonical URL.

use crate::SiteConfig;
use crate::companies::api::{company_page, directory_page, group_page};
use crate::response::redirect_permanently;
use crate::ui::company_card::CompanyList;
use crate::ui::head::PageTitle;
use crate::ui::not_found::{ErrorNotice, NotFound};
use crate::ui::offer_card::{OfferList, hits};
use crate::ui::pagination::Pagination;
use domain::DomainError;
use domain::model::{
    CompanyActivity, CompanyDetail, CompanyDirectory, CompanyQuery, GroupDetail, PlaceFilter,
    count_offers, truncate_text,
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::{use_params_map, use_query_map};

fn canonical(path: &str) -> Option<String> {
    use_context::<SiteConfig>().map(|site| site.url(path))
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|params| {
        CompanyQuery::from_pairs(params.into_iter().map(|(k, v)| (k.as_ref(), v)))
    });
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match directory_page(query).await {
                    Ok(directory) => view! { <Directory directory /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Directory(directory: CompanyDirectory) -> impl IntoView {
    let query = directory.query.clone();
    let title = match directory.page {
        1 => "Annuaire des entreprises des services de l'automobile — JobToMove".to_owned(),
        n => format!("Annuaire des entreprises – page {n} — JobToMove"),
    };
    let href = canonical(&query.with_page(directory.page).path());
    let count = match directory.total {
        0 => "Aucune entreprise".to_owned(),
        1 => "1 entreprise".to_owned(),
        n => format!("{n} entreprises"),
    };
    let (page, pages) = (directory.page, directory.pages);
    let paging = query.clone();
    view! {
        <PageTitle text=title />
        <Meta
            name="description"
            content="Garages, concessions, carrosseries, centres de contrôle technique, loueurs : les entreprises qui recrutent dans les services de l'automobile et leurs offres d'emploi."
        />
        {href.map(|href| view! { <Link rel="canonical" href=href /> })}
        {query.is_filtered().then(|| view! { <Meta name="robots" content="noindex, follow" /> })}
        <h1>"Annuaire des entreprises"</h1>
        <form class="search-form directory-form" method="get" action="/entreprises" role="search">
            <div class="directory-fields">
                <div class="field">
                    <label for="q">"Nom de l'entreprise"</label>
                    <input id="q" name="q" type="search" value=query.q.clone() maxlength="100" />
                </div>
                <div class="field">
                    <label for="lieu">"Ville ou département"</label>
                    <input id="lieu" name="lieu" type="search" value=query.lieu.clone() maxlength="100" />
                </div>
                <div class="field">
                    <label for="groupe">"Groupe"</label>
                    <select id="groupe" name="groupe">
                        <option value="" selected=query.group.is_none()>
                            "Tous les groupes"
                        </option>
                        {directory
                            .groups
                            .iter()
                            .map(|g| {
                                let selected = query.group.as_deref() == Some(g.slug.as_str());
                                view! {
                                    <option value=g.slug.clone() selected=selected>
                                        {g.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="activite">"Activité"</label>
                    <select id="activite" name="activite">
                        <option value="" selected=query.activity.is_none()>
                            "Toutes les activités"
                        </option>
                        {CompanyActivity::ALL
                            .iter()
                            .map(|a| {
                                view! {
                                    <option value=a.code() selected=query.activity == Some(*a)>
                                        {a.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button class="button" type="submit">
                    "Rechercher"
                </button>
            </div>
        </form>
        {matches!(directory.place, Some(PlaceFilter::Unknown { .. }))
            .then(|| {
                view! {
                    <p class="banner banner-closed" role="status">
                        "Ce lieu est inconnu : essayez un nom de commune, un code postal ou un numéro de département."
                    </p>
                }
            })}
        <h2 class="visually-hidden">"Résultats"</h2>
        <p class="results-count" role="status">
            <strong>{count}</strong>
        </p>
        <CompanyList
            companies=directory.companies
            empty="Aucune entreprise ne correspond à votre recherche. Vérifiez l'orthographe ou retirez un critère."
        />
        <Pagination page pages href=move |n| paging.with_page(n).path() />
    }
}

#[component]
pub fn CompanyPage() -> impl IntoView {
    let segment = use_params_map()
        .read_untracked()
        .get("company")
        .unwrap_or_default();
    let Some((slug, id)) = domain::model::parse_slug_id(&segment) else {
        return view! { <NotFound /> }.into_any();
    };
    let slug = slug.to_owned();
    // A `Suspend`, not a closure: see `offers::page::OfferPage`.
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match company_page(id).await {
                    Ok(company) if company.slug != slug => {
                        redirect_permanently(&company.path());
                        ().into_any()
                    }
                    Ok(company) => view! { <Company company /> }.into_any(),
                    Err(DomainError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Company(company: CompanyDetail) -> impl IntoView {
    let href = canonical(&company.path());
    let title = match &company.place {
        Some(place) => format!("{} à {place} : offres d'emploi — JobToMove", company.name),
        None => format!("{} : offres d'emploi — JobToMove", company.name),
    };
    let summary = truncate_text(
        &format!("{} — {}", company.activity.label(), company.description),
        155,
    );
    let offers_heading = match company.open_offers {
        0 => "Offres en cours".to_owned(),
        n => format!("Offres en cours ({})", count_offers(n)),
    };
    let more = (company.open_offers > company.offers.len() as u64).then(|| {
        format!(
            "Les {} plus récentes sont affichées : recherchez par mots-clés pour les autres.",
            company.offers.len()
        )
    });
    view! {
        <PageTitle text=title />
        <Meta name="description" content=summary />
        {href.map(|href| view! { <Link rel="canonical" href=href /> })}
        <article class="company">
            <header class="offer-header">
                {company.logo.clone().map(|src| view! {
                    <img class="company-logo" src=src alt=format!("Logo de {}", company.name) width="96" height="96" />
                })}
                <h1>{company.name.clone()}</h1>
                <p class="offer-company">{company.activity.label()}</p>
                {company
                    .group
                    .clone()
                    .map(|g| {
                        view! {
                            <p>
                                "Membre du groupe " <a href=g.path()>{g.name.clone()}</a>
                            </p>
                        }
                    })}
            </header>
            <dl class="facts">
                {company
                    .address
                    .clone()
                    .zip(company.place.clone())
                    .map(|(address, place)| view! { <div class="fact"><dt>"Adresse"</dt><dd>{format!("{address}, {place}")}</dd></div> })}
                {company
                    .website
                    .clone()
                    .map(|site| {
                        view! {
                            <div class="fact">
                                <dt>"Site internet"</dt>
                                <dd>
                                    <a href=site.clone() rel="nofollow noopener">{site.clone()}</a>
                                </dd>
                            </div>
                        }
                    })}
                {company
                    .contact_phone
                    .clone()
                    .map(|phone| {
                        view! {
                            <div class="fact">
                                <dt>"Téléphone"</dt>
                                <dd>
                                    <a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a>
                                </dd>
                            </div>
                        }
                    })}
                {company
                    .contact_email
                    .clone()
                    .map(|email| {
                        view! {
                            <div class="fact">
                                <dt>"Email"</dt>
                                <dd>
                                    <a href=format!("mailto:{email}")>{email.clone()}</a>
                                </dd>
                            </div>
                        }
                    })}
            </dl>
            <section aria-labelledby="presentation">
                <h2 id="presentation">"Présentation"</h2>
                {company
                    .description
                    .split("\n\n")
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| view! { <p>{p.trim().to_owned()}</p> })
                    .collect_view()}
            </section>
            <ContactRecruiters company_id=company.id path=company.path() />
            <p class="report-link">
                <a href=format!("/signaler?entreprise={}", company.id) rel="nofollow">"Signaler cette fiche"</a>
            </p>
        </article>
        <section class="section" aria-labelledby="offres-entreprise">
            <h2 id="offres-entreprise">{offers_heading}</h2>
            <OfferList
                offers=hits(company.offers)
                empty="Cette entreprise n'a pas d'offre en ligne en ce moment. Revenez bientôt ou consultez les offres de sa région."
            />
            {more.map(|m| view! { <p class="note">{m}</p> })}
        </section>
    }
}

#[component]
pub fn GroupPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("group")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match group_page(slug).await {
                    Ok(group) => view! { <Group group /> }.into_any(),
                    Err(DomainError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Group(group: GroupDetail) -> impl IntoView {
    let href = canonical(&format!("/groupes/{}", group.slug));
    let companies = group.companies.len();
    view! {
        <PageTitle text=format!("{} : entreprises et offres d'emploi — JobToMove", group.name) />
        <Meta name="description" content=truncate_text(&group.description, 155) />
        {href.map(|href| view! { <Link rel="canonical" href=href /> })}
        <article class="company">
            <header class="offer-header">
                <h1>{group.name.clone()}</h1>
                <p class="offer-company">
                    {format!(
                        "Groupe de distribution · {companies} entreprise{} · {}",
                        if companies > 1 { "s" } else { "" },
                        count_offers(group.open_offers),
                    )}
                </p>
            </header>
            <p>{group.description.clone()}</p>
            {group
                .website
                .clone()
                .map(|site| view! { <p><a href=site.clone() rel="nofollow noopener">{site.clone()}</a></p> })}
        </article>
        <section class="section" aria-labelledby="membres">
            <h2 id="membres">"Entreprises du groupe"</h2>
            <CompanyList companies=group.companies empty="Aucune entreprise n'est encore rattachée à ce groupe." />
        </section>
        <section class="section" aria-labelledby="offres-groupe">
            <h2 id="offres-groupe">"Dernières offres du groupe"</h2>
            <OfferList offers=hits(group.offers) empty="Aucune offre en ligne en ce moment." />
        </section>
    }
}

/// "Contacter les recruteurs" (P4, C6): a spontaneous application by
/// message, for candidates with an account; visitors are asked to log in.
#[component]
fn ContactRecruiters(company_id: i64, path: String) -> impl IntoView {
    use domain::model::Role;
    let role = crate::session::current_user().map(|u| u.role);
    let body = match role {
        Some(Role::Candidate) => view! {
            <p>"Une candidature spontanée ? Écrivez aux recruteurs de l'entreprise : ils vous répondront dans vos messages."</p>
            <crate::ui::form::FormMessage outcome=crate::session::form_outcome() field="message" />
            {crate::messaging::pages::write_button("entreprise", company_id, path.clone(), "Écrire aux recruteurs".to_owned())}
        }
        .into_any(),
        None => view! {
            <p>
                "Pour écrire aux recruteurs de l'entreprise (une candidature spontanée, par exemple), "
                <a href=format!("/connexion?ok=session&suite={path}")>"connectez-vous avec votre compte candidat"</a>
                " ou " <a href="/inscription">"créez-en un"</a> "."
            </p>
        }
        .into_any(),
        Some(_) => return ().into_any(),
    };
    view! {
        <section aria-labelledby="contacter">
            <h2 id="contacter">"Contacter les recruteurs"</h2>
            {body}
        </section>
    }
    .into_any()
}
