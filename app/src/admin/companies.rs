//! A2 and A3's pages: companies (`/admin/entreprises`, searched by name,
//! SIRET or commune), one company with its recruiters, offers and the
//! actions on them (`/admin/entreprises/{id}`), and groups
//! (`/admin/groupes`). Every action that changes who acts for a company
//! asks for its reason.

use crate::admin::api::{admin_companies, admin_company_page, admin_groups};
use crate::admin::pages::{AdminTabs, Events, done_notice};
use crate::session::{FormOutcome, form_outcome, query_param};
use crate::ui::form::FormMessage;
use crate::ui::head::PageTitle;
use crate::ui::signed_in_page;
use crate::ui::tabs::{date, id_param, status_tag};
use domain::model::{AdminCompany, AdminCompanyHit, AdminGroup, AdminRecruiter};
use leptos::prelude::*;

/// `/admin/entreprises`
#[component]
pub fn CompaniesPage() -> impl IntoView {
    let q = query_param("q").unwrap_or_default();
    let typed = q.clone();
    let hits = Resource::new_blocking(move || q.clone(), admin_companies);
    view! {
        <PageTitle text="Entreprises — Administration JobToMove" />
        <div class="admin">
            <h1>"Entreprises"</h1>
            <AdminTabs current="/admin/entreprises" />
            <form method="get" action="/admin/entreprises" class="inline-fields" role="search">
                <div class="field">
                    <label for="admin-q">"Nom, SIRET, commune ou numéro"</label>
                    <input id="admin-q" name="q" type="search" value=typed />
                </div>
                <button type="submit" class="button">"Rechercher"</button>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    signed_in_page(hits.await, "/admin/entreprises", |hits| view! { <Hits hits /> }.into_any())
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Hits(hits: Vec<AdminCompanyHit>) -> impl IntoView {
    if hits.is_empty() {
        return view! { <p class="empty">"Aucune entreprise ne correspond."</p> }.into_any();
    }
    view! {
        <ul class="card-list">
            {hits.into_iter().map(|hit| view! {
                <li class="card">
                    <h2 class="card-title"><a href=format!("/admin/entreprises/{}", hit.id)>{hit.name}</a></h2>
                    <p class="card-meta">
                        {format!(
                            "n° {} · SIRET {} · {} · {} recruteur(s)",
                            hit.id,
                            hit.siret.unwrap_or_else(|| "—".into()),
                            hit.commune.unwrap_or_else(|| "commune inconnue".into()),
                            hit.recruiters
                        )}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// `/admin/entreprises/{id}`
#[component]
pub fn AdminCompanyPage() -> impl IntoView {
    let id = id_param().unwrap_or(0);
    let company = Resource::new_blocking(move || id, admin_company_page);
    view! {
        <PageTitle text="Entreprise — Administration JobToMove" />
        <div class="admin">
            <AdminTabs current="" />
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    signed_in_page(company.await, "/admin/entreprises", |company| view! { <Company company /> }.into_any())
                })}
            </Suspense>
        </div>
    }
}

/// A required reason field, with its own id.
fn reason_field(id: String, outcome: &FormOutcome) -> impl IntoView + use<> {
    let error = outcome.error("motif");
    view! {
        <label for=id.clone()>"Motif (enregistré dans le journal)"</label>
        <input id=id name="motif" type="text" required minlength="5" maxlength="1000" />
        {error.map(|m| view! { <p class="field-error">{m}</p> })}
    }
}

fn recruiter_options(
    recruiters: &[AdminRecruiter],
    keep: fn(&AdminRecruiter) -> bool,
) -> impl IntoView + use<> {
    recruiters
        .iter()
        .filter(|r| keep(r))
        .map(|r| view! { <option value=r.id.to_string()>{format!("{} <{}>", r.name, r.email)}</option> })
        .collect_view()
}

#[component]
fn Company(company: AdminCompany) -> impl IntoView {
    let outcome = form_outcome();
    let action = format!("/admin/entreprises/{}", company.id);
    let here = action.clone();
    let recruiters = company.recruiters.clone();
    let publishers: Vec<AdminRecruiter> = recruiters
        .iter()
        .filter(|r| r.offers > 0)
        .cloned()
        .collect();
    view! {
        <h1>{company.name.clone()}</h1>
        {done_notice()}
        <FormMessage outcome=outcome.clone() />
        <p class="card-meta">
            {format!(
                "n° {} · SIRET {} · {} · groupe : {} · créée le {}",
                company.id,
                company.siret.clone().unwrap_or_else(|| "—".into()),
                company.commune.clone().unwrap_or_else(|| "commune inconnue".into()),
                company.group.clone().unwrap_or_else(|| "aucun".into()),
                date(Some(company.created_at)),
            )}
            " · " <a href=company.path.clone()>"Voir la fiche publique"</a>
        </p>
        <h2>"Recruteurs"</h2>
        {if recruiters.is_empty() {
            view! { <p class="empty">"Aucun recruteur : la fiche n'a pas de propriétaire."</p> }.into_any()
        } else {
            view! {
                <ul class="card-list">
                    {recruiters.iter().map(|r| {
                        let state = [
                            r.is_owner.then_some("propriétaire"),
                            r.pending.then_some("en attente d'acceptation"),
                            r.deactivated.then_some("compte désactivé"),
                        ].into_iter().flatten().collect::<Vec<_>>().join(", ");
                        let account = format!("/admin/comptes/{}", r.id);
                        let reason_id = format!("motif-compte-{}", r.id);
                        let detach_id = format!("motif-detacher-{}", r.id);
                        view! {
                            <li class="card recruiter">
                                <h3 class="card-title">{r.name.clone()} {(!state.is_empty()).then(|| format!(" ({state})"))}</h3>
                                <p class="card-meta">
                                    {format!("{} · {} offre(s) · rattaché le {} · dernière activité le {}", r.email, r.offers, date(Some(r.joined_at)), date(Some(r.last_active_at)))}
                                </p>
                                {(!r.is_owner).then(|| view! {
                                    <details>
                                        <summary>"Détacher de l'entreprise"</summary>
                                        <form method="post" action=action.clone() class="stack-form">
                                            <input type="hidden" name="action" value="detacher" />
                                            <input type="hidden" name="recruteur" value=r.id.to_string() />
                                            {reason_field(detach_id.clone(), &outcome)}
                                            <button type="submit" class="button button-secondary">"Détacher ce recruteur"</button>
                                        </form>
                                    </details>
                                })}
                                <details>
                                    <summary>{if r.deactivated { "Réactiver le compte" } else { "Désactiver le compte" }}</summary>
                                    <form method="post" action=account class="stack-form">
                                        <input type="hidden" name="action" value=if r.deactivated { "reactiver" } else { "desactiver" } />
                                        <input type="hidden" name="retour" value=here.clone() />
                                        {reason_field(reason_id.clone(), &outcome)}
                                        <button type="submit" class="button button-secondary">
                                            {if r.deactivated { "Réactiver" } else { "Désactiver (ferme ses sessions)" }}
                                        </button>
                                    </form>
                                </details>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <div class="admin-forms">
            <form method="post" action=action.clone() class="stack-form card">
                <h2 class="card-title">"Transférer la propriété"</h2>
                <input type="hidden" name="action" value="proprietaire" />
                <label for="nouveau-proprietaire">"Nouveau propriétaire"</label>
                <select id="nouveau-proprietaire" name="recruteur">
                    <option value="">"Choisissez un recruteur"</option>
                    {recruiter_options(&recruiters, |r| !r.is_owner && !r.deactivated)}
                </select>
                <label for="proprietaire-autre">"Ou numéro d'un compte recruteur sans entreprise (nommé dans une demande)"</label>
                <input id="proprietaire-autre" name="recruteur_autre" type="text" inputmode="numeric" />
                {reason_field("motif-proprietaire".into(), &outcome)}
                <button type="submit" class="button">"Transférer"</button>
            </form>
            {(!publishers.is_empty()).then(|| view! {
                <form method="post" action=action.clone() class="stack-form card">
                    <h2 class="card-title">"Confier des offres à un autre recruteur"</h2>
                    <input type="hidden" name="action" value="confier" />
                    <label for="confier-de">"Offres de"</label>
                    <select id="confier-de" name="de" required>
                        {recruiter_options(&publishers, |_| true)}
                    </select>
                    <label for="confier-a">"À"</label>
                    <select id="confier-a" name="a" required>
                        {recruiter_options(&recruiters, |r| !r.pending && !r.deactivated)}
                    </select>
                    {reason_field("motif-confier".into(), &outcome)}
                    <button type="submit" class="button button-secondary">"Confier les offres et leurs candidatures"</button>
                </form>
            })}
            <form method="post" action=action.clone() class="stack-form card">
                <h2 class="card-title">"Fusionner cette fiche (doublon)"</h2>
                <input type="hidden" name="action" value="fusionner" />
                <label for="fusion-cible">"Numéro de la fiche à garder"</label>
                <input id="fusion-cible" name="cible" type="text" inputmode="numeric" required />
                <p class="field-hint">"Recruteurs, offres et conversations passent sur la fiche gardée ; l'adresse de celle-ci y redirige."</p>
                {reason_field("motif-fusion".into(), &outcome)}
                <button type="submit" class="button button-secondary">"Fusionner dans l'autre fiche"</button>
            </form>
        </div>
        <h2>"Offres"</h2>
        {if company.offers.is_empty() {
            view! { <p class="empty">"Aucune offre."</p> }.into_any()
        } else {
            view! {
                <ul class="card-list">
                    {company.offers.iter().map(|o| view! {
                        <li class="card">
                            <p><strong>{o.title.clone()}</strong> " " {status_tag(o.status)}</p>
                            <p class="card-meta">{format!(
                                "publiée par {} · {} candidature(s) · publiée le {}",
                                o.recruiter.clone().unwrap_or_else(|| "—".into()),
                                o.applications,
                                date(o.published_at)
                            )}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <h2>"Journal de cette entreprise"</h2>
        <Events events=company.events.clone() />
    }
}

/// A2: `/admin/groupes`
#[component]
pub fn GroupsPage() -> impl IntoView {
    let groups = Resource::new_blocking(|| (), |_| admin_groups());
    let outcome = form_outcome();
    view! {
        <PageTitle text="Groupes — Administration JobToMove" />
        <div class="admin">
            <h1>"Groupes de distribution"</h1>
            <AdminTabs current="/admin/groupes" />
            {done_notice()}
            <FormMessage outcome=outcome.clone() />
            <form method="post" action="/admin/groupes" class="stack-form card">
                <h2 class="card-title">"Nouveau groupe"</h2>
                {group_fields("nouveau", "", "", "", &outcome)}
                <button type="submit" class="button">"Créer le groupe"</button>
            </form>
            <Suspense fallback=|| ()>
                {move || {
                    let outcome = outcome.clone();
                    Suspend::new(async move {
                        signed_in_page(groups.await, "/admin/groupes", move |groups| {
                            if groups.is_empty() {
                                return view! { <p class="empty">"Aucun groupe pour l'instant."</p> }.into_any();
                            }
                            view! {
                                <ul class="card-list">
                                    {groups.into_iter().map(|g| view! { <Group group=g outcome=outcome.clone() /> }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        })
                    })
                }}
            </Suspense>
        </div>
    }
}

fn group_fields(
    prefix: &str,
    name: &str,
    description: &str,
    site: &str,
    outcome: &FormOutcome,
) -> impl IntoView + use<> {
    let (name_id, description_id, site_id) = (
        format!("{prefix}-nom"),
        format!("{prefix}-description"),
        format!("{prefix}-site"),
    );
    let name_error = outcome.error("nom");
    let site_error = outcome.error("site");
    view! {
        <label for=name_id.clone()>"Nom"</label>
        <input id=name_id name="nom" type="text" required maxlength="120" value=name.to_owned() />
        {name_error.map(|m| view! { <p class="field-error">{m}</p> })}
        <label for=description_id.clone()>"Présentation (facultatif)"</label>
        <textarea id=description_id name="description" rows="3" maxlength="2000">
            {crate::ui::form::textarea_text(description.to_owned())}
        </textarea>
        <label for=site_id.clone()>"Site web (facultatif)"</label>
        <input id=site_id name="site" type="url" value=site.to_owned() />
        {site_error.map(|m| view! { <p class="field-error">{m}</p> })}
    }
}

#[component]
fn Group(group: AdminGroup, outcome: FormOutcome) -> impl IntoView {
    let action = format!("/admin/groupes/{}", group.id);
    let anchor = format!("groupe-{}", group.id);
    let attach_id = format!("rattacher-{}", group.id);
    view! {
        <li class="card" id=anchor>
            <h2 class="card-title"><a href=format!("/groupes/{}", group.slug)>{group.name.clone()}</a></h2>
            {if group.companies.is_empty() {
                view! { <p class="empty">"Aucune entreprise rattachée."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain group-members">
                        {group.companies.iter().zip(group.company_ids.iter()).map(|(c, id)| view! {
                            <li class="inline-fields">
                                <a href=c.href.clone()>{c.label.clone()}</a>
                                <form method="post" action=action.clone()>
                                    <input type="hidden" name="action" value="detacher" />
                                    <input type="hidden" name="entreprise" value=id.to_string() />
                                    <button type="submit" class="button button-secondary">"Détacher"</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {(!group.requests.is_empty()).then(|| view! {
                <h3>"Demandes de rattachement"</h3>
                <ul class="plain">
                    {group.requests.iter().map(|(id, name)| view! {
                        <li class="inline-fields">
                            {name.clone()}
                            <form method="post" action=action.clone()>
                                <input type="hidden" name="action" value="rattacher" />
                                <input type="hidden" name="entreprise" value=id.to_string() />
                                <button type="submit" class="button">"Accepter"</button>
                            </form>
                            <form method="post" action=action.clone()>
                                <input type="hidden" name="action" value="detacher" />
                                <input type="hidden" name="entreprise" value=id.to_string() />
                                <button type="submit" class="button button-secondary">"Refuser"</button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <form method="post" action=action.clone() class="inline-fields">
                <input type="hidden" name="action" value="rattacher" />
                <div class="field">
                    <label for=attach_id.clone()>"Rattacher l'entreprise n°"</label>
                    <input id=attach_id name="entreprise" type="text" inputmode="numeric" required />
                </div>
                <button type="submit" class="button button-secondary">"Rattacher"</button>
            </form>
            <details>
                <summary>"Renommer, décrire"</summary>
                <form method="post" action=action class="stack-form">
                    <input type="hidden" name="action" value="modifier" />
                    {group_fields(&format!("groupe-{}", group.id), &group.name, &group.description, group.website.as_deref().unwrap_or(""), &outcome)}
                    <button type="submit" class="button">"Enregistrer"</button>
                </form>
            </details>
        </li>
    }
}
