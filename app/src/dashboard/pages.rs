//! `/tableau-de-bord`: the recruiter's (desktop first) and the candidate's
//! (phone first). Every item links to the page where it is handled; the
//! one-click actions (renewing an offer, showing a dossier) are the forms
//! those pages post, coming back here.

use crate::dashboard::api::{candidate_to_do, recruiter_to_do};
use crate::dossiers::visibility::VisibilityToggle;
use crate::response::redirect_see_other;
use crate::session::query_param;
use crate::ui::form::Notice;
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::signed_in_page;
use crate::ui::tabs::{Tabs, date};
use domain::model::{
    CandidateDashboard, CompanyState, OfferState, PostingRow, RecruiterDashboard, Role,
    french_date, paris_date,
};
use leptos::prelude::*;
use leptos_meta::Meta;

/// Where log-in lands and the logo leads once signed in.
pub const HOME: &str = "/tableau-de-bord";

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n > 1 { many } else { one })
}

fn notice() -> Option<&'static str> {
    Some(match query_param("ok")?.as_str() {
        "renouvelees" => "L'offre est renouvelée pour 90 jours.",
        "visible" => "Votre dossier est visible des recruteurs dans la CVthèque.",
        "masque" => "Votre dossier est masqué aux recruteurs.",
        _ => return None,
    })
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let view = match crate::session::current_user().map(|u| u.role) {
        None => {
            redirect_see_other(&format!("/connexion?ok=session&suite={HOME}"));
            ().into_any()
        }
        Some(Role::Administrator) => {
            redirect_see_other("/admin");
            ().into_any()
        }
        Some(Role::Candidate) => view! { <CandidateHome /> }.into_any(),
        Some(Role::Recruiter | Role::TrainingOrganisation) => {
            view! { <RecruiterHome /> }.into_any()
        }
    };
    view! {
        <PageTitle text="Tableau de bord — JobToMove" />
        <Meta name="robots" content="noindex" />
        {view}
    }
}

// ------------------------------------------------------------ recruiters

#[component]
fn RecruiterHome() -> impl IntoView {
    let board = Resource::new_blocking(|| (), |_| recruiter_to_do());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(board.await, HOME, |board| view! { <RecruiterBoard board /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn RecruiterBoard(board: RecruiterDashboard) -> impl IntoView {
    let RecruiterDashboard {
        to_read,
        expiring,
        drafts,
        published,
        unread_messages,
        company,
    } = board;
    view! {
        <div class="dashboard">
            <h1>"Tableau de bord"</h1>
            <Tabs current=HOME />
            <Notice message=notice() />
            <p class="dashboard-summary">
                {plural(published as u64, "offre en ligne", "offres en ligne")} " · "
                <a href="/recruteur/offres/nouvelle">"Publier une offre"</a>
            </p>
            <div class="dashboard-grid">
                <section class="panel" aria-labelledby="a-lire">
                    <h2 id="a-lire">"Nouvelles candidatures"</h2>
                    {if to_read.is_empty() {
                        view! { <p class="empty">"Aucune candidature à lire. " <a href="/recruteur/candidatures">"Toutes les candidatures"</a></p> }.into_any()
                    } else {
                        view! {
                            <ul class="panel-list">
                                {to_read.into_iter().map(|row| view! {
                                    <li>
                                        <a href=format!("/recruteur/offres/{}/candidatures?non-lues=1", row.id)>{row.title.clone()}</a>
                                        " " <span class="tag tag-new">{format!("{} à lire", row.unread)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="panel" aria-labelledby="expirent">
                    <h2 id="expirent">"Offres qui expirent"</h2>
                    {if expiring.is_empty() {
                        view! { <p class="empty">"Aucune offre n'expire dans les 7 jours."</p> }.into_any()
                    } else {
                        view! { <ul class="panel-list">{expiring.into_iter().map(|row| view! { <li><Expiring row /></li> }).collect_view()}</ul> }.into_any()
                    }}
                </section>
                <section class="panel" aria-labelledby="brouillons">
                    <h2 id="brouillons">"Brouillons"</h2>
                    {if drafts.is_empty() {
                        view! { <p class="empty">"Aucun brouillon. " <a href="/recruteur/offres/nouvelle">"Rédiger une offre"</a></p> }.into_any()
                    } else {
                        view! {
                            <ul class="panel-list">
                                {drafts.into_iter().map(|row| view! { <li><a href=row.edit_path()>{row.title.clone()}</a></li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="panel" aria-labelledby="messages">
                    <h2 id="messages">"Messages"</h2>
                    <p>
                        <a href="/messages">{match unread_messages {
                            0 => "Aucun message non lu".to_owned(),
                            n => plural(n, "message non lu", "messages non lus"),
                        }}</a>
                    </p>
                </section>
                <section class="panel" aria-labelledby="fiche">
                    <h2 id="fiche">"Ma fiche entreprise"</h2>
                    <CompanyPanel company />
                </section>
            </div>
            <p><a href="/espace/profil">"Mon profil et mes réglages"</a></p>
        </div>
    }
}

/// An offer that expires soon, with its one-click renewal (the same form
/// as "Suivi des offres", coming back here).
#[component]
fn Expiring(row: PostingRow) -> impl IntoView {
    let now = chrono::Utc::now();
    let when = match row.expires_at {
        Some(at) if at <= now => format!("expirée le {}", date(Some(at))),
        at => format!("expire le {}", date(at)),
    };
    view! {
        <a href=row.edit_path()>{row.title.clone()}</a>
        <span class="card-meta">" " {when}</span>
        <form method="post" action="/recruteur/offres/lot" class="inline-form">
            <input type="hidden" name="action" value="republier" />
            <input type="hidden" name="offres" value=row.id.to_string() />
            <input type="hidden" name="suite" value=HOME />
            <button type="submit" class="button button-secondary button-small" aria-label=format!("Renouveler « {} » pour 90 jours", row.title)>
                "Renouveler 90 jours"
            </button>
        </form>
    }
}

#[component]
fn CompanyPanel(company: CompanyState) -> impl IntoView {
    match company {
        CompanyState::None => view! {
            <p>"Votre compte n'est rattaché à aucune entreprise. " <a href="/contact?sujet=entreprise">"Écrivez-nous"</a></p>
        }
        .into_any(),
        CompanyState::Pending => view! {
            <p>"Votre demande pour rejoindre l'entreprise attend l'accord du responsable de sa fiche."</p>
        }
        .into_any(),
        CompanyState::Page { name, path, missing } => view! {
            <p><a href=path>{name}</a></p>
            {if missing.is_empty() {
                view! { <p><span class="tag tag-visible">"Fiche complète"</span></p> }.into_any()
            } else {
                view! { <p>{format!("Pour une fiche complète, il manque : {}.", missing.join(", "))}</p> }.into_any()
            }}
            <p><a class="button button-secondary" href="/recruteur/entreprise">"Éditer ma fiche"</a></p>
        }
        .into_any(),
    }
}

// ------------------------------------------------------------ candidates

#[component]
fn CandidateHome() -> impl IntoView {
    let board = Resource::new_blocking(|| (), |_| candidate_to_do());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(board.await, HOME, |board| view! { <CandidateBoard board /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn CandidateBoard(board: CandidateDashboard) -> impl IntoView {
    let CandidateDashboard {
        dossiers,
        applications,
        applications_total,
        saved,
        saved_total,
        unread_messages,
        alerts,
    } = board;
    let has_dossiers = !dossiers.is_empty();
    view! {
        <div class="space dashboard-candidate">
            <h1>"Tableau de bord"</h1>
            <Notice message=notice() />
            <p class="dashboard-summary">
                <a href="/messages">{match unread_messages {
                    0 => "Aucun message non lu".to_owned(),
                    n => plural(n, "message non lu", "messages non lus"),
                }}</a>
                " · " <a href="/espace/profil">"Mon profil"</a>
            </p>
            <section class="panel" aria-labelledby="dossiers">
                <h2 id="dossiers">"Mes dossiers"</h2>
                {if has_dossiers {
                    view! {
                        <ul class="panel-list">
                            {dossiers.into_iter().map(|d| view! {
                                <li class="panel-row">
                                    <a href=d.path()>{d.title.clone()}</a>
                                    <VisibilityToggle action=d.path() visible=d.visible title=d.title.clone() back=HOME.to_owned() />
                                </li>
                            }).collect_view()}
                        </ul>
                        <p><a href="/espace/dossiers/nouveau">"Créer un autre dossier"</a></p>
                    }.into_any()
                } else {
                    view! {
                        <p class="empty">"Un dossier (CV, lettre, vidéo) vous permet de postuler en un clic et d'être trouvé par les recruteurs."</p>
                        <p><a class="button" href="/espace/dossiers/nouveau">"Créer mon dossier"</a></p>
                    }.into_any()
                }}
            </section>
            <section class="panel" aria-labelledby="candidatures">
                <h2 id="candidatures">"Mes candidatures"</h2>
                {if applications.is_empty() {
                    view! { <p class="empty">"Vous n'avez pas encore postulé. " <a href="/offres">"Trouvez une offre"</a></p> }.into_any()
                } else {
                    view! {
                        <ul class="panel-list">
                            {applications.into_iter().map(|a| {
                                let title = match &a.offer {
                                    OfferState::Open { path } | OfferState::Closed { path, .. } => view! { <a href=path.clone()>{a.offer_title.clone()}</a> }.into_any(),
                                    OfferState::Removed => view! { <span>{a.offer_title.clone()}</span> }.into_any(),
                                };
                                view! {
                                    <li>
                                        {title}
                                        <span class="card-meta">" · " {a.company_name.clone()} " · " {french_date(paris_date(a.created_at))} " "</span>
                                        <span class=format!("tag status-{}", a.status.code())>{a.status.label()}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <p><a href="/espace/candidatures">{format!("Toutes mes candidatures ({applications_total})")}</a></p>
                    }.into_any()
                }}
            </section>
            <section class="panel" aria-labelledby="favoris">
                <h2 id="favoris">"Offres sauvegardées"</h2>
                {if saved.is_empty() {
                    view! { <p class="empty">"Touchez ♡ sur une offre pour la retrouver ici."</p> }.into_any()
                } else {
                    view! {
                        <ul class="panel-list">
                            {saved.into_iter().map(|o| view! {
                                <li><a href=o.path()>{o.title.clone()}</a> <span class="card-meta">" · " {o.company_name.clone()} " · " {o.place_name.clone()}</span></li>
                            }).collect_view()}
                        </ul>
                        <p><a href="/espace/favoris">{format!("Toutes mes offres sauvegardées ({saved_total})")}</a></p>
                    }.into_any()
                }}
            </section>
            <section class="panel" aria-labelledby="alertes">
                <h2 id="alertes">"Mes alertes"</h2>
                {if alerts.is_empty() {
                    view! { <p class="empty">"Aucune alerte. Lancez une recherche puis « Créer une alerte » pour recevoir les nouvelles offres par e-mail."</p> }.into_any()
                } else {
                    view! {
                        <ul class="panel-list">
                            {alerts.into_iter().map(|a| view! {
                                <li>
                                    <a href=a.search_path.clone()>{a.name.clone()}</a>
                                    <span class="card-meta">" · " {if a.paused { "en pause".to_owned() } else { a.frequency.label().to_lowercase() }}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                        <p><a href="/espace/alertes">"Gérer mes alertes"</a></p>
                    }.into_any()
                }}
            </section>
            {has_dossiers.then(|| view! { <IslandScripts /> })}
        </div>
    }
}
