//! C7: `/espace/alertes` (the candidate's alerts: criteria in words,
//! frequency, last email, pause / resume, rename, delete), the "Créer une
//! alerte" form of the search page, and `/alertes/desabonnement/{token}`
//! (a GET only shows a button: link scanners follow links).

use crate::alerts::api::{alert_expectation, my_alerts};
use crate::ui::head::PageTitle;
use crate::ui::signed_in_page;
use domain::model::{AlertFrequency, AlertView, OfferQuery, french_date_time};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The frequency choices of a form, `selected` checked.
fn frequency_options(selected: AlertFrequency) -> impl IntoView {
    AlertFrequency::ALL
        .iter()
        .map(|f| {
            view! { <option value=f.code() selected=*f == selected>{f.label()}</option> }
        })
        .collect_view()
}

/// "Créer une alerte" on the search page, for a candidate or a visitor
/// (recruiters do not get alerts).
#[component]
pub fn AlertControl(query: OfferQuery) -> impl IntoView {
    let asked = query.clone();
    let expected = Resource::new_blocking(move || asked.clone(), alert_expectation);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    let expected = expected.await.ok().flatten();
                    match crate::session::current_user().map(|u| u.role) {
                        None => view! { <CreateAlert query signed_in=false expected=None /> }.into_any(),
                        Some(domain::model::Role::Candidate) => {
                            view! { <CreateAlert query signed_in=true expected /> }.into_any()
                        }
                        Some(_) => ().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The search page's control: a plain form (signed out, it leads to log in
/// and back to the same search).
#[component]
fn CreateAlert(query: OfferQuery, signed_in: bool, expected: Option<u64>) -> impl IntoView {
    let search = domain::model::alert_query(&query).to_query_string();
    if !signed_in {
        let back = query.path();
        let href = format!("/connexion?suite={}", domain::model::url_encode(&back));
        return view! {
            <p class="alert-create">
                <a class="button button-secondary" href=href>"Créer une alerte"</a>
                " Connectez-vous pour recevoir les nouvelles offres de cette recherche par e-mail."
            </p>
        }
        .into_any();
    }
    view! {
        <form class="alert-create stack-form" method="post" action="/alertes">
            <input type="hidden" name="recherche" value=search />
            <label for="alerte-frequence">"Créer une alerte : recevoir les nouvelles offres"</label>
            <div class="inline-fields">
                <select id="alerte-frequence" name="frequence">{frequency_options(AlertFrequency::Daily)}</select>
                <button type="submit" class="button button-secondary">"Créer une alerte"</button>
            </div>
            {expected.map(|n| view! {
                <p class="field-hint">{format!("{} ces 7 derniers jours.", domain::model::count_offers(n))}</p>
            })}
        </form>
    }
    .into_any()
}

/// C7: `/espace/alertes`.
#[component]
pub fn AlertsPage() -> impl IntoView {
    let alerts = Resource::new_blocking(|| (), |_| my_alerts());
    let notice = use_query_map()
        .read_untracked()
        .get("alerte")
        .unwrap_or_default();
    view! {
        <PageTitle text="Mes alertes — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let notice = notice.clone();
                Suspend::new(async move {
                    signed_in_page(alerts.await, "/espace/alertes", move |alerts| {
                        view! {
                            <div class="space">
                                <h1>"Mes alertes"</h1>
                                {notice_text(&notice).map(|text| view! { <p class="banner" role="status">{text}</p> })}
                                <p>
                                    "Une alerte vous envoie par e-mail les nouvelles offres d'une recherche, jamais deux fois la même offre. "
                                    <a href="/offres">"Faites une recherche"</a>
                                    " puis « Créer une alerte »."
                                </p>
                                {if alerts.is_empty() {
                                    view! { <p class="empty">"Aucune alerte pour l'instant."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="plain alert-list">
                                            {alerts.into_iter().map(|alert| view! { <AlertItem alert /> }).collect_view()}
                                        </ul>
                                    }
                                    .into_any()
                                }}
                            </div>
                        }
                        .into_any()
                    })
                })
            }}
        </Suspense>
    }
}

fn notice_text(code: &str) -> Option<String> {
    Some(
        match code {
            "creee" => "Alerte créée : vous recevrez les nouvelles offres de cette recherche.",
            "modifiee" => "Alerte enregistrée.",
            "pause" => "Alerte en pause : plus aucun e-mail jusqu'à sa reprise.",
            "reprise" => {
                "Alerte reprise : elle enverra les offres publiées à partir de maintenant."
            }
            "supprimee" => "Alerte supprimée.",
            "doublon" => "Vous avez déjà une alerte pour cette recherche : la voici dans la liste.",
            "limite" => {
                return Some(format!(
                    "Vous avez déjà {} alertes : supprimez-en une pour en créer une autre.",
                    domain::model::MAX_ALERTS
                ));
            }
            _ => return None,
        }
        .to_owned(),
    )
}

#[component]
fn AlertItem(alert: AlertView) -> impl IntoView {
    let action = format!("/espace/alertes/{}", alert.id);
    let name_id = format!("alerte-{}-nom", alert.id);
    let frequency_id = format!("alerte-{}-frequence", alert.id);
    let last = alert
        .last_sent_at
        .map(|at| format!("Dernier e-mail : {}", french_date_time(at)))
        .unwrap_or_else(|| "Aucun e-mail envoyé pour l'instant".to_owned());
    view! {
        <li class="card alert-item">
            <h2 class="alert-name">{alert.name.clone()}</h2>
            {(alert.summary != alert.name).then(|| view! { <p>{alert.summary.clone()}</p> })}
            <p class="field-hint">
                {alert.frequency.label()} " · " {last}
                {alert.paused.then_some(" · en pause")}
            </p>
            <p><a href=alert.search_path.clone()>"Voir les offres de cette recherche"</a></p>
            <details>
                <summary>"Modifier"</summary>
                <form method="post" action=action.clone() class="stack-form">
                    <input type="hidden" name="action" value="modifier" />
                    <label for=name_id.clone()>"Nom"</label>
                    <input id=name_id name="nom" value=alert.name.clone() maxlength="120" required />
                    <label for=frequency_id.clone()>"Fréquence"</label>
                    <select id=frequency_id name="frequence">{frequency_options(alert.frequency)}</select>
                    <button type="submit" class="button">"Enregistrer"</button>
                </form>
            </details>
            <div class="inline-fields">
                <form method="post" action=action.clone()>
                    <input type="hidden" name="action" value=if alert.paused { "reprendre" } else { "pause" } />
                    <button type="submit" class="button button-secondary">
                        {if alert.paused { "Reprendre" } else { "Mettre en pause" }}
                    </button>
                </form>
                <form method="post" action=action>
                    <input type="hidden" name="action" value="supprimer" />
                    <button type="submit" class="button button-secondary">"Supprimer"</button>
                </form>
            </div>
        </li>
    }
}

/// `/alertes/desabonnement/{token}`: a button that posts to the same
/// address (RFC 8058's one-click POST goes there too).
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let action = format!(
        "/alertes/desabonnement/{}",
        domain::model::url_encode(&token)
    );
    // After the POST: the same page says it is done.
    let done = crate::session::form_outcome().message;
    view! {
        <PageTitle text="Se désabonner d'une alerte — JobToMove" />
        <Meta name="robots" content="noindex" />
        <div class="space">
            <h1>"Ne plus recevoir cette alerte"</h1>
            {match done {
                Some(message) => view! { <p class="banner" role="status">{message}</p> }.into_any(),
                None => view! {
                    <p>"Confirmez pour arrêter l'alerte qui vous a envoyé cet e-mail. Vos autres alertes continuent."</p>
                    <form method="post" action=action>
                        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
                        <button type="submit" class="button">"Arrêter cette alerte"</button>
                    </form>
                }
                .into_any(),
            }}
            <p><a href="/espace/alertes">"Gérer toutes mes alertes"</a></p>
        </div>
    }
}
