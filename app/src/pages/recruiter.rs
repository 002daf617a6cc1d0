//! The recruiter space (R3, R4, R5, R7): "Suivi des offres", the offer
//! editor with its actions, and the applications received. Recruiters and
//! training organisations only; visitors are sent to log in.

use crate::api::recruiter::{my_posting, my_postings, open_application, received_applications};
use crate::components::candidate::{FileField, TextArea};
use crate::components::form::{Field, FormMessage, Notice, select_with};
use crate::components::head::PageTitle;
use crate::components::islands::IslandScripts;
use crate::components::rich_text::RichText;
use crate::pages::not_found::NotFound;
use crate::pages::signed_in_page;
use crate::session::{FormOutcome, form_outcome, query_param};
use domain::model::{
    ApplyMethod, ContractType, DECISIONS, Education, Experience, JobFamily, OfferStatus,
    PostingEdit, PostingRow, ReceivedApplication, SalaryPeriod, WorkingTime, french_date,
    french_date_time, paris_date,
};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

fn id_param() -> Option<i64> {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
}

/// The tabs of the dashboard (R7).
#[component]
pub fn Tabs(current: &'static str) -> impl IntoView {
    let tab = |path: &'static str, label: &'static str| {
        view! { <a href=path aria-current=(current == path).then_some("page")>{label}</a> }
    };
    view! {
        <nav class="tabs" aria-label="Espace recruteur">
            {tab("/recruteur/offres", "Suivi des offres")}
            {tab("/recruteur/offres/nouvelle", "Publier une offre")}
            {tab("/recruteur/candidatures", "Candidatures")}
            {tab("/recruteur/cvtheque", "CVthèque")}
            {tab("/recruteur/favoris", "Candidats favoris")}
            {tab("/messages", "Messages")}
            {tab("/recruteur/entreprise", "Ma fiche entreprise")}
        </nav>
    }
}

fn status_tag(status: OfferStatus) -> impl IntoView {
    view! { <span class=format!("tag offer-status-{}", status.code())>{status.label()}</span> }
}

fn date(at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map(|at| french_date(paris_date(at)))
        .unwrap_or_else(|| "—".into())
}

// ------------------------------------------------------------ Suivi des offres

fn postings_notice() -> Option<String> {
    let count = query_param("nombre").unwrap_or_else(|| "0".into());
    Some(match query_param("ok")?.as_str() {
        "supprimee" => {
            "L'offre est supprimée. Les candidats qui y avaient postulé la voient comme retirée."
                .to_owned()
        }
        "depubliees" => format!(
            "Offres dépubliées : {count}. Les offres qui n'étaient pas en ligne sont inchangées."
        ),
        "renouvelees" => format!(
            "Offres remises en ligne pour trois mois : {count}. Les brouillons sont inchangés."
        ),
        _ => return None,
    })
}

/// R3: `/recruteur/offres`.
#[component]
pub fn PostingsPage() -> impl IntoView {
    let status = query_param("statut");
    let current = status.clone();
    let rows = Resource::new_blocking(move || status.clone(), my_postings);
    view! {
        <PageTitle text="Suivi des offres — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let current = current.clone();
                Suspend::new(async move {
                    signed_in_page(rows.await, "/recruteur/offres", |rows| view! { <Postings rows current /> }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn Postings(rows: Vec<PostingRow>, current: Option<String>) -> impl IntoView {
    let filter = |code: Option<&'static str>, label: &'static str| {
        let href = code.map_or_else(
            || "/recruteur/offres".to_owned(),
            |c| format!("/recruteur/offres?statut={c}"),
        );
        let here = current.as_deref() == code;
        view! { <a href=href aria-current=here.then_some("page")>{label}</a> }
    };
    view! {
        <div class="dashboard">
            <h1>"Mon espace recruteur"</h1>
            <Tabs current="/recruteur/offres" />
            {postings_notice().map(|m| view! { <p class="notice notice-ok" role="status">{m}</p> })}
            <FormMessage outcome=form_outcome() field="offres" />
            <nav class="filters-inline" aria-label="Filtrer par statut">
                {filter(None, "Toutes")}
                {OfferStatus::ALL.iter().map(|s| filter(Some(s.code()), s.label())).collect_view()}
            </nav>
            {if rows.is_empty() {
                view! {
                    <p class="empty">
                        "Aucune offre ici. "
                        <a href="/recruteur/offres/nouvelle">"Publier une offre"</a>
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <form method="post" action="/recruteur/offres/lot" class="bulk">
                        <ul class="card-list">
                            {rows.into_iter().map(|row| view! { <li><PostingCard row /></li> }).collect_view()}
                        </ul>
                        <div class="card-actions bulk-actions">
                            <button class="button button-secondary" type="submit" name="action" value="depublier">"Dépublier la sélection"</button>
                            <button class="button button-secondary" type="submit" name="action" value="republier">"Remettre en ligne la sélection (3 mois)"</button>
                        </div>
                    </form>
                }
                .into_any()
            }}
        </div>
    }
}

#[component]
fn PostingCard(row: PostingRow) -> impl IntoView {
    let applications = format!("/recruteur/offres/{}/candidatures", row.id);
    view! {
        <article class="card">
            <h2 class="card-title"><a href=row.edit_path()>{row.title.clone()}</a></h2>
            <label class="choice">
                <input type="checkbox" name="offres" value=row.id.to_string() />
                <span class="visually-hidden">{format!("Sélectionner « {} »", row.title)}</span>
                <span aria-hidden="true">"Sélectionner"</span>
            </label>
            <p>{status_tag(row.status)}</p>
            <p class="card-meta">
                "Publiée le " {date(row.published_at)} " · expire le " {date(row.expires_at)} " · "
                {row.views} " vues"
            </p>
            <p>
                <a href=applications>{format!("{} candidature{}", row.applications, if row.applications > 1 { "s" } else { "" })}</a>
                {(row.unread > 0).then(|| view! { " " <span class="tag tag-new">{format!("{} non lue{}", row.unread, if row.unread > 1 { "s" } else { "" })}</span> })}
            </p>
        </article>
    }
}

// ------------------------------------------------------------ the editor

/// R3: `/recruteur/offres/nouvelle`.
#[component]
pub fn NewPostingPage() -> impl IntoView {
    let allowed = Resource::new_blocking(|| (), |_| my_postings(Some("brouillon".into())));
    view! {
        <PageTitle text="Publier une offre — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(allowed.await, "/recruteur/offres/nouvelle", |_| {
                    let outcome = form_outcome();
                    view! {
                        <div class="dashboard">
                            <h1>"Publier une offre"</h1>
                            <Tabs current="/recruteur/offres/nouvelle" />
                            <FormMessage outcome=outcome.clone() field="description" />
                            <IslandScripts eager=true />
                            <form method="post" action="/recruteur/offres" class="stack-form editor">
                                <OfferFields outcome />
                                <div class="card-actions">
                                    <button class="button" type="submit" name="action" value="publier">"Publier l'offre"</button>
                                    <button class="button button-secondary" type="submit" name="action" value="brouillon">"Enregistrer le brouillon"</button>
                                </div>
                            </form>
                        </div>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

fn editor_notice() -> Option<&'static str> {
    Some(match query_param("ok")?.as_str() {
        "brouillon" => "Le brouillon est enregistré. Publiez-le quand il est prêt.",
        "publiee" => "L'offre est publiée pour trois mois : elle apparaît dans la recherche.",
        "enregistree" => "Les modifications sont enregistrées.",
        "depubliee" => "L'offre est dépubliée : elle n'apparaît plus dans la recherche.",
        "pourvue" => "L'offre est marquée comme pourvue.",
        "republiee" => "L'offre est en ligne pour trois mois à partir d'aujourd'hui.",
        "dupliquee" => "Voici une copie de l'offre, en brouillon : modifiez-la puis publiez-la.",
        _ => return None,
    })
}

/// R3: `/recruteur/offres/{id}`.
#[component]
pub fn EditPostingPage() -> impl IntoView {
    let Some(id) = id_param() else {
        return view! { <NotFound /> }.into_any();
    };
    let posting = Resource::new_blocking(move || id, my_posting);
    let here = format!("/recruteur/offres/{id}");
    view! {
        <PageTitle text="Mon offre — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    signed_in_page(posting.await, &here, |posting| view! { <Editor posting /> }.into_any())
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Editor(posting: PostingEdit) -> impl IntoView {
    let mut outcome = form_outcome();
    if outcome.values.is_empty() {
        outcome.values = posting.values.clone();
    }
    let action = format!("/recruteur/offres/{}", posting.id);
    let status = posting.status;
    let published = status == OfferStatus::Published;
    let one = |value: &'static str, label: &'static str, class: &'static str| {
        let action = action.clone();
        view! {
            <form method="post" action=action class="inline-form">
                <input type="hidden" name="action" value=value />
                <button class=class type="submit">{label}</button>
            </form>
        }
    };
    view! {
        <div class="dashboard">
            <p><a href="/recruteur/offres">"← Suivi des offres"</a></p>
            <h1>{posting.title.clone()}</h1>
            <p>
                {status_tag(status)}
                {posting.expires_at.filter(|_| published).map(|at| format!(" jusqu'au {}", french_date(paris_date(at))))}
            </p>
            <Notice message=editor_notice() />
            <FormMessage outcome=outcome.clone() field="description" />
            <div class="card-actions">
                {(status != OfferStatus::Draft).then(|| view! { <a class="button button-secondary" href=posting.path.clone()>"Voir la page publique"</a> })}
                <a class="button button-secondary" href=format!("/recruteur/offres/{}/candidatures", posting.id)>"Candidatures"</a>
                {published.then(|| one("republier", "Prolonger de trois mois", "button button-secondary"))}
                {published.then(|| one("pourvue", "Marquer comme pourvue", "button button-secondary"))}
                {published.then(|| one("depublier", "Dépublier", "button button-secondary"))}
                {matches!(status, OfferStatus::Expired | OfferStatus::Unpublished | OfferStatus::Filled)
                    .then(|| one("republier", "Republier telle quelle", "button"))}
                {one("dupliquer", "Dupliquer", "button button-secondary")}
            </div>
            <IslandScripts eager=true />
            <form method="post" action=action.clone() class="stack-form editor">
                <OfferFields outcome />
                <div class="card-actions">
                    {(!published).then(|| view! {
                        <button class="button" type="submit" name="action" value="publier">"Enregistrer et publier"</button>
                    })}
                    <button class=if published { "button" } else { "button button-secondary" } type="submit" name="action" value="enregistrer">"Enregistrer"</button>
                </div>
            </form>
            <section class="profile-section" aria-labelledby="apercu">
                <h2 id="apercu">"Aperçu de la description"</h2>
                <div class="offer-description" inner_html=posting.description_html.clone()></div>
            </section>
            <section class="profile-section profile-danger" aria-labelledby="supprimer">
                <h2 id="supprimer">"Supprimer l'offre"</h2>
                <p>"Les candidats qui y ont postulé la verront comme supprimée dans leurs candidatures."</p>
                {one("supprimer", "Supprimer définitivement", "button button-danger")}
            </section>
        </div>
    }
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v).to_owned(), label(*v).to_owned()))
        .collect()
}

/// Every field of an offer (R3, B1, B6).
#[component]
fn OfferFields(outcome: FormOutcome) -> impl IntoView {
    let chosen = |name: &str| outcome.value(name);
    // The rich editor starts from HTML the server sanitized (the stored
    // description, or what the editor posted); the plain field from text.
    let description_text = if chosen("description_format") == "html" {
        domain::model::html_to_text(&chosen("description_editeur"))
    } else {
        chosen("description")
    };
    let description_html = match chosen("description_editeur") {
        html if html.is_empty() => domain::model::text_to_html(&description_text),
        html => html,
    };
    let apply = chosen("candidature");
    let apply = if apply.is_empty() {
        "portail".to_owned()
    } else {
        apply
    };
    let radio = |value: &'static str, label: &'static str| {
        view! {
            <label class="choice">
                <input type="radio" name="candidature" value=value checked=apply == value />
                " " {label}
            </label>
        }
    };
    view! {
        <Field outcome=outcome.clone() name="titre" label="Intitulé du poste" hint="Avec « H/F » ou une forme neutre, par exemple « Mécanicien automobile H/F »." />
        {select_with(&outcome, "metier", "Métier", options(JobFamily::ALL, JobFamily::code, JobFamily::short_label), chosen("metier"), "Choisir…")}
        <RichText
            name="description".to_owned()
            label="Description du poste".to_owned()
            hint="Missions, profil, avantages. Séparez les paragraphes par une ligne vide ; commencez une ligne par « - » pour une liste.".to_owned()
            text=description_text
            html=description_html
            error=outcome.error("description")
            max_chars=20000
        />
        <fieldset class="field">
            <legend>"Contrat"</legend>
            {select_with(&outcome, "contrat", "Type de contrat", options(ContractType::ALL, ContractType::code, ContractType::label), chosen("contrat"), "Choisir…")}
            <Field outcome=outcome.clone() name="duree_mois" label="Durée en mois" kind="number" hint="Pour un CDD, une alternance ou un stage." required=false />
            {select_with(&outcome, "temps", "Temps de travail", options(WorkingTime::ALL, WorkingTime::code, WorkingTime::label), chosen("temps"), "Choisir…")}
            <Field outcome=outcome.clone() name="debut" label="Date de début" kind="date" required=false />
            <Field outcome=outcome.clone() name="postes" label="Nombre de postes" kind="number" required=false />
        </fieldset>
        <fieldset class="field">
            <legend>"Salaire brut (obligatoire)"</legend>
            <p class="field-hint">"La loi sur la transparence des salaires impose d'afficher une fourchette."</p>
            <Field outcome=outcome.clone() name="salaire_min" label="Minimum, en euros" />
            <Field outcome=outcome.clone() name="salaire_max" label="Maximum, en euros" />
            {select_with(&outcome, "periode", "Période", options(SalaryPeriod::ALL, SalaryPeriod::code, SalaryPeriod::label), chosen("periode"), "Choisir…")}
        </fieldset>
        <Field outcome=outcome.clone() name="lieu" label="Lieu de travail" hint="Commune ou code postal, par exemple « Lyon (69) »." />
        {select_with(&outcome, "experience", "Expérience", options(Experience::ALL, Experience::code, Experience::label), chosen("experience"), "Choisir…")}
        {select_with(&outcome, "formation", "Formation", options(Education::ALL, Education::code, Education::label), chosen("formation"), "Choisir…")}
        <fieldset class="field">
            <legend>"Candidatures"</legend>
            {radio(ApplyMethod::Portal.code(), "Sur JobToMove (CV et candidature en un clic)")}
            {radio(ApplyMethod::Email.code(), "Par e-mail")}
            {radio(ApplyMethod::External.code(), "Sur notre site")}
            <Field outcome=outcome.clone() name="candidature_email" label="Adresse qui reçoit les candidatures" kind="email" required=false />
            <Field outcome=outcome.clone() name="candidature_lien" label="Adresse de la page où postuler" kind="url" required=false />
            {outcome.error("candidature").map(|e| view! { <p class="field-error">{e}</p> })}
        </fieldset>
        <label class="choice">
            <input type="checkbox" name="contact" value="1" checked=!outcome.value("contact").is_empty() />
            " Afficher mes coordonnées (nom, e-mail) sur l'offre"
        </label>
        <Field outcome=outcome.clone() name="reference" label="Référence interne" required=false />
    }
}

// ------------------------------------------------------------ applications

/// R5: `/recruteur/candidatures` (all) and `/recruteur/offres/{id}/candidatures`.
#[component]
pub fn ReceivedPage() -> impl IntoView {
    let offer_id = id_param();
    let list = Resource::new_blocking(move || offer_id, received_applications);
    let here = offer_id.map_or_else(
        || "/recruteur/candidatures".to_owned(),
        |id| format!("/recruteur/offres/{id}/candidatures"),
    );
    view! {
        <PageTitle text="Candidatures reçues — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    signed_in_page(list.await, &here, |list| {
                        let heading = match (offer_id, list.first()) {
                            (Some(_), Some(first)) => format!("Candidatures : {}", first.offer_title),
                            _ => "Candidatures reçues".to_owned(),
                        };
                        view! {
                            <div class="dashboard">
                                <h1>{heading}</h1>
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
                })
            }}
        </Suspense>
    }
}

#[component]
fn ReceivedCard(application: ReceivedApplication) -> impl IntoView {
    view! {
        <article class="card">
            <h2 class="card-title"><a href=application.path()>{application.who().to_owned()}</a></h2>
            <p>{application.offer_title.clone()}</p>
            <p>
                <span class=format!("tag status-{}", application.status.code())>{application.status.label()}</span>
                " Reçue le " {french_date(paris_date(application.created_at))}
            </p>
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
            <p><a href="/recruteur/candidatures">"← Candidatures"</a></p>
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
                {application.with_account.then(|| crate::pages::messages::write_button("candidature", application.id, action.clone(), "Écrire au candidat".to_owned()))}
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

// ------------------------------------------------------------ company page

/// R2: `/recruteur/entreprise`, "Éditer ma fiche".
#[component]
pub fn CompanyEditPage() -> impl IntoView {
    let company = Resource::new_blocking(|| (), |_| crate::api::recruiter::my_company());
    view! {
        <PageTitle text="Ma fiche entreprise — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(company.await, "/recruteur/entreprise", |company| view! { <CompanyEditor company /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn CompanyEditor(company: domain::model::CompanyEdit) -> impl IntoView {
    use domain::model::CompanyActivity;
    let mut outcome = form_outcome();
    if outcome.values.is_empty() {
        outcome.values = company.values.clone();
    }
    let notice = match query_param("ok").as_deref() {
        Some("enregistree") => {
            Some("Votre fiche est enregistrée : l'annuaire et la page de l'entreprise sont à jour.")
        }
        Some("logo") => Some("Votre logo est en ligne."),
        Some("logo-retire") => Some("Votre logo est retiré."),
        Some("membre-accepte") => Some(
            "Demande acceptée : ce recruteur agit désormais pour l'entreprise. Il en est informé par e-mail.",
        ),
        Some("membre-refuse") => Some("Demande refusée : ce recruteur en est informé par e-mail."),
        _ => None,
    };
    let requests = company.join_requests.clone();
    let requested_group = company.requested_group.clone();
    let groups = company.groups.clone();
    let chosen_group = outcome.value("groupe");
    view! {
        <div class="dashboard">
            <h1>"Ma fiche entreprise"</h1>
            <Tabs current="/recruteur/entreprise" />
            <Notice message=notice />
            <p><a href=company.path.clone()>"Voir la page publique de " {company.name.clone()}</a></p>
            {if company.owner {
                view! {
                    <FormMessage outcome=outcome.clone() />
                    <JoinRequests requests />
                    <LogoEditor outcome=outcome.clone() name=company.name.clone() logo=company.logo.clone() />
                    <form method="post" action="/recruteur/entreprise" class="stack-form editor">
                        <Field outcome=outcome.clone() name="nom" label="Nom de l'entreprise" autocomplete="organization" />
                        {select_with(&outcome, "activite", "Activité", options(CompanyActivity::ALL, CompanyActivity::code, CompanyActivity::label), outcome.value("activite"), "Choisir…")}
                        <TextArea outcome=outcome.clone() name="description" label="Présentation" rows=8 hint="Ce que fait l'entreprise, l'équipe, ce qu'elle offre." />
                        <Field outcome=outcome.clone() name="adresse" label="Adresse" autocomplete="address-line1" required=false />
                        <Field outcome=outcome.clone() name="commune" label="Commune" hint="Nom ou code postal, par exemple « Lyon (69) »." required=false />
                        <Field outcome=outcome.clone() name="site" label="Site internet" kind="url" required=false />
                        <Field outcome=outcome.clone() name="contact_email" label="E-mail de contact public" kind="email" required=false />
                        <Field outcome=outcome.clone() name="contact_telephone" label="Téléphone de contact public" kind="tel" required=false />
                        <Field outcome=outcome.clone() name="siret" label="SIRET" required=false />
                        <div class="field">
                            <label for="champ-groupe">"Groupe de distribution (facultatif)"</label>
                            <select id="champ-groupe" name="groupe">
                                <option value="">"Aucun groupe"</option>
                                {groups.into_iter().map(|(slug, name)| {
                                    let selected = slug == chosen_group;
                                    view! { <option value=slug selected=selected>{name}</option> }
                                }).collect_view()}
                            </select>
                            <p class="field-hint">"Le rattachement à un groupe est vérifié par l'équipe JobToMove avant d'apparaître sur votre page. Votre groupe n'est pas dans la liste ? Écrivez-nous : nous le créerons."</p>
                            {requested_group.map(|group| view! {
                                <p class="notice">"Demande de rattachement au groupe « " {group} " » en attente de validation par l'équipe JobToMove."</p>
                            })}
                        </div>
                        <button class="button" type="submit">"Enregistrer ma fiche"</button>
                    </form>
                }
                .into_any()
            } else {
                view! {
                    {company.pending.then(|| {
                        let message = match company.owner_name.clone() {
                            Some(owner) => format!("Votre demande pour rejoindre {} attend l'accord du responsable de sa fiche : {owner}. Il a été prévenu par e-mail. En attendant, vous ne pouvez ni publier d'offre au nom de l'entreprise, ni lire ses messages, ni consulter la CVthèque.", company.name),
                            None => format!("{} n'a pas encore de responsable sur JobToMove : l'équipe JobToMove doit vérifier que vous la représentez avant que vous puissiez publier en son nom. Écrivez-nous par le formulaire de contact avec un justificatif (extrait Kbis, adresse e-mail de l'entreprise).", company.name),
                        };
                        view! { <p class="notice notice-pending" role="status">{message}</p> }
                    })}
                    <p class="notice">
                        "Seul le premier recruteur qui a créé la fiche peut la modifier"
                        {company.owner_name.clone().map(|name| format!(" : {name}"))}
                        ". Demandez-lui de la mettre à jour, ou écrivez-nous s'il a quitté l'entreprise."
                    </p>
                    <dl class="facts">
                        {company.values.iter().filter(|(k, _)| k.as_str() != "groupe").map(|(k, v)| view! {
                            <div class="fact"><dt>{company_label(k)}</dt><dd>{v.clone()}</dd></div>
                        }).collect_view()}
                    </dl>
                }
                .into_any()
            }}
        </div>
    }
}

/// R1: the recruiters waiting to join the company, each accepted or
/// refused by the owner with one button.
#[component]
fn JoinRequests(requests: Vec<domain::model::JoinRequest>) -> impl IntoView {
    (!requests.is_empty()).then(|| view! {
        <section class="join-requests" id="demandes" aria-labelledby="titre-demandes">
            <h2 id="titre-demandes">"Demandes pour rejoindre l'entreprise"</h2>
            <p>"Ces personnes ont créé un compte recruteur avec le SIRET de l'entreprise. N'acceptez que celles que vous connaissez : elles pourront publier en son nom, lire ses messages et consulter la CVthèque."</p>
            <ul class="join-list">
                {requests.into_iter().map(|r| {
                    let member = r.user_id.to_string();
                    let asked = domain::model::french_date(domain::model::paris_date(r.asked_at));
                    view! {
                        <li class="join-item">
                            <p><strong>{r.name.clone()}</strong> " — " {r.email.clone()} <br /> <span class="meta">"Demande du " {asked}</span></p>
                            <form method="post" action="/recruteur/entreprise/membres" class="join-actions">
                                <input type="hidden" name="membre" value=member />
                                <button class="button" type="submit" name="decision" value="accepter">"Accepter " {r.name.clone()}</button>
                                <button class="button button-secondary" type="submit" name="decision" value="refuser">"Refuser"</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

/// R2: the company's logo, its replacement and its removal (multipart
/// forms of their own, so the company form stays light).
#[component]
fn LogoEditor(outcome: FormOutcome, name: String, logo: Option<String>) -> impl IntoView {
    let has_logo = logo.is_some();
    view! {
        <section class="logo-editor" aria-labelledby="titre-logo">
            <h2 id="titre-logo">"Logo"</h2>
            {match logo {
                Some(src) => view! {
                    <img class="company-logo" src=src alt=format!("Logo actuel de {name}") width="96" height="96" />
                }.into_any(),
                None => view! { <p class="logo-none">"Pas encore de logo : il apparaît sur votre page et dans l'annuaire."</p> }.into_any(),
            }}
            <form method="post" action="/recruteur/entreprise/logo" enctype="multipart/form-data" class="stack-form">
                <FileField outcome=outcome.clone() name="logo" label=if has_logo { "Nouveau logo" } else { "Votre logo" } accept="image/png,image/jpeg,image/webp" hint="PNG, JPEG ou WebP, 2 Mo au plus ; il sera réduit à 256 × 256 pixels." required=true />
                <button class="button" type="submit">"Envoyer le logo"</button>
            </form>
            {has_logo.then(|| view! {
                <form method="post" action="/recruteur/entreprise/logo" enctype="multipart/form-data">
                    <input type="hidden" name="action" value="retirer" />
                    <button class="button button-secondary" type="submit">"Retirer le logo"</button>
                </form>
            })}
        </section>
    }
}

fn company_label(field: &str) -> &'static str {
    match field {
        "nom" => "Nom",
        "activite" => "Activité",
        "description" => "Présentation",
        "adresse" => "Adresse",
        "commune" => "Commune",
        "site" => "Site internet",
        "contact_email" => "E-mail de contact",
        "contact_telephone" => "Téléphone",
        "siret" => "SIRET",
        _ => "",
    }
}
