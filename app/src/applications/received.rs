//! R5: the applications a recruiter received, and one application with its
//! files, status and private note (R8: only the offer's publisher).

use crate::applications::api::{open_application, received_applications};
use crate::session::{form_outcome, query_param};
use crate::ui::form::TextArea;
use crate::ui::form::{FormMessage, Notice};
use crate::ui::head::PageTitle;
use crate::ui::not_found::NotFound;
use crate::ui::signed_in_page;
use crate::ui::tabs::{Tabs, id_param};
use domain::model::{DECISIONS, ReceivedApplication, french_date, french_date_time, paris_date};
use leptos::prelude::*;
use leptos_meta::Meta;

/// R5: `/recruteur/candidatures`, every application to the recruiter's
/// offers, newest first (one offer's: its pipeline, `pipeline.rs`).
#[component]
pub fn ReceivedPage() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| received_applications(None));
    view! {
        <PageTitle text="Candidatures reçues — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(list.await, "/recruteur/candidatures", |list| {
                    view! {
                        <div class="dashboard">
                            <h1>"Candidatures reçues"</h1>
                            <Tabs current="/recruteur/candidatures" />
                            {if list.is_empty() {
                                view! { <p class="empty">"Aucune candidature pour le moment."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="card-list">
                                        {list.into_iter().map(|a| view! { <li><ReceivedCard application=a /></li> }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                        </div>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn ReceivedCard(application: ReceivedApplication) -> impl IntoView {
    view! {
        <article class="card">
            <h2 class="card-title"><a href=application.path()>{application.who().to_owned()}</a></h2>
            <p>{match application.offer_id {
                Some(id) => view! { <a href=format!("/recruteur/offres/{id}/candidatures")>{application.offer_title.clone()}</a> }.into_any(),
                None => view! { <span>{application.offer_title.clone()}</span> }.into_any(),
            }}</p>
            <p>
                <span class=format!("tag status-{}", application.status.code())>{application.status.label()}</span>
                " Reçue le " {french_date(paris_date(application.created_at))}
            </p>
            {(application.status == domain::model::ApplicationStatus::Declined)
                .then_some(application.deletion_on)
                .flatten()
                .map(|at| view! { <p class="card-meta">{format!("Suppression automatique le {}", french_date(paris_date(at)))}</p> })}
        </article>
    }
}

fn application_notice() -> Option<&'static str> {
    Some(match query_param("ok")?.as_str() {
        "statut" => "Le statut est enregistré ; le candidat en est informé par e-mail.",
        "note" => "Votre note est enregistrée. Elle n'est visible que de vous.",
        _ => return None,
    })
}

/// R5: `/recruteur/candidatures/{id}`.
#[component]
pub fn ApplicationPage() -> impl IntoView {
    let Some(id) = id_param() else {
        return view! { <NotFound /> }.into_any();
    };
    let application = Resource::new_blocking(move || id, open_application);
    let here = format!("/recruteur/candidatures/{id}");
    view! {
        <PageTitle text="Candidature — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    signed_in_page(application.await, &here, |application| view! { <Application application /> }.into_any())
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Application(application: ReceivedApplication) -> impl IntoView {
    let mut outcome = form_outcome();
    if outcome.values.is_empty()
        && let Some(note) = &application.note
    {
        outcome.values.insert("note".into(), note.clone());
    }
    let action = application.path();
    let current = application.status;
    view! {
        <div class="dashboard">
            {match application.offer_id {
                Some(id) => view! { <p><a href=format!("/recruteur/offres/{id}/candidatures")>"← Les candidatures de l'offre"</a></p> }.into_any(),
                None => view! { <p><a href="/recruteur/candidatures">"← Candidatures"</a></p> }.into_any(),
            }}
            <h1>{application.who().to_owned()}</h1>
            <p>
                "Pour l'offre « " {application.offer_title.clone()} " » · reçue le "
                {french_date(paris_date(application.created_at))}
            </p>
            <Notice message=application_notice() />
            <FormMessage outcome=outcome.clone() />
            <section class="profile-section" aria-labelledby="coordonnees">
                <h2 id="coordonnees">"Coordonnées"</h2>
                <ul class="plain">
                    <li><a href=format!("mailto:{}", application.email)>{application.email.clone()}</a></li>
                    {application.phone.clone().map(|p| view! { <li><a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></li> })}
                </ul>
                <p class="field-hint">
                    {if application.with_account { "Candidat inscrit sur JobToMove." } else { "Candidature sans compte : répondez par e-mail ou par téléphone." }}
                    {application.dossier_title.clone().map(|t| format!(" Dossier « {t} »."))}
                </p>
                {application.with_account.then(|| crate::messaging::pages::write_button("candidature", application.id, action.clone(), "Écrire au candidat".to_owned()))}
            </section>
            <section class="profile-section" aria-labelledby="documents">
                <h2 id="documents">"Candidature"</h2>
                {application.message.clone().map(|m| view! { <blockquote class="message">{m}</blockquote> })}
                {(!application.files.is_empty()).then(|| view! {
                    <ul class="plain">
                        {application.files.iter().map(|f| view! { <li><a href=f.path() download>{f.describe()}</a></li> }).collect_view()}
                    </ul>
                })}
                {application.letter_text.clone().map(|t| view! { <h3>"Lettre de motivation"</h3><p class="letter">{t}</p> })}
                {application.video_url.clone().map(|url| view! { <p>"Vidéo : " <a href=url.clone() rel="noopener nofollow">{url.clone()}</a></p> })}
            </section>
            <section class="profile-section" aria-labelledby="statut">
                <h2 id="statut">"Statut : " {current.label()}</h2>
                {application.keep_until.map(|at| view! {
                    <p class="field-hint">{format!("Le candidat accepte que sa candidature soit gardée jusqu'au {} pour d'autres postes.", french_date(paris_date(at)))}</p>
                })}
                {application.deletion_on.map(|at| view! {
                    <p class="field-hint">{format!(
                        "Suppression automatique le {} : fichiers, messages et note effacés, comme le recommande la CNIL (3 mois après la décision ou la clôture de l'offre, 12 mois au plus sans décision).",
                        french_date(paris_date(at))
                    )}</p>
                })}
                <form method="post" action=action.clone() class="stack-form">
                    <input type="hidden" name="action" value="statut" />
                    <fieldset class="field">
                        <legend>"Nouveau statut (le candidat est prévenu par e-mail)"</legend>
                        {DECISIONS.iter().map(|s| view! {
                            <label class="choice">
                                <input type="radio" name="statut" value=s.code() checked=*s == current required=true />
                                " " {s.label()}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <label class="choice">
                        <input type="checkbox" name="pourvoir" value="1" />
                        " Si « Retenue » : marquer aussi l'offre comme pourvue"
                    </label>
                    <label class="choice">
                        <input type="checkbox" name="conserver" value="1" />
                        " Si « Non retenue » : demander au candidat l'autorisation de garder sa candidature 2 ans pour d'autres postes"
                    </label>
                    <button class="button" type="submit">"Enregistrer le statut"</button>
                </form>
                <details>
                    <summary>"Historique"</summary>
                    <ol class="history">
                        {application.history.iter().map(|(s, at)| view! { <li>{french_date_time(*at)} " — " {s.label()}</li> }).collect_view()}
                    </ol>
                </details>
            </section>
            <section class="profile-section" aria-labelledby="note">
                <h2 id="note">"Note privée"</h2>
                <form method="post" action=action class="stack-form">
                    <input type="hidden" name="action" value="note" />
                    <TextArea outcome=outcome.clone() name="note" label="Votre note (jamais montrée au candidat)" rows=4 />
                    <button class="button button-secondary" type="submit">"Enregistrer la note"</button>
                </form>
            </section>
        </div>
    }
}
