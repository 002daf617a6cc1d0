//! The recruiter's offers: "Suivi des offres" with its filters and bulk
//! actions (R3, R4) and the offer editor (R3, B1, B2, B4, B6).

use crate::postings::api::{my_posting, my_postings};
use crate::postings::rich_text::RichText;
use crate::session::{FormOutcome, form_outcome, query_param};
use crate::ui::form::options;
use crate::ui::form::{Field, FormMessage, Notice, select_with};
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::not_found::NotFound;
use crate::ui::signed_in_page;
use crate::ui::tabs::{Tabs, date, id_param, status_tag};
use domain::model::{
    ApplyMethod, ContractType, Education, Experience, JobFamily, OfferStatus, PostingEdit,
    PostingRow, SalaryPeriod, WorkingTime, french_date, paris_date,
};
use leptos::prelude::*;
use leptos_meta::Meta;

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
                {format!("{} vue{}", row.views, if row.views > 1 { "s" } else { "" })}
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
