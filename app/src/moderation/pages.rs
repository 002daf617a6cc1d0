//! `/signaler` (B2, DSA art. 16: a plain form, for everyone), the
//! moderation queue `/admin/moderation` and a case `/admin/moderation/{id}`
//! with its decision form (A4, DSA art. 17).

use crate::admin::pages::{AdminTabs, done_notice};
use crate::moderation::api::{moderation_case_page, moderation_queue, report_about};
use crate::session::{FormOutcome, current_user, form_outcome, query_param};
use crate::ui::form::{FormMessage, TextArea, options, select_with};
use crate::ui::head::PageTitle;
use crate::ui::signed_in_page;
use crate::ui::tabs::id_param;
use domain::model::{
    Measure, ModerationDetail, ModerationStatus, ModerationSummary, REPORT_MAX_CHARS,
    ReportContext, ReportReason, ReportTarget, french_date_time, moderation_number,
};
use leptos::prelude::*;
use leptos_meta::Meta;

/// `/signaler?offre={id}` or `?entreprise={id}`.
#[component]
pub fn ReportPage() -> impl IntoView {
    let outcome = form_outcome();
    let param = |name: &str| {
        query_param(name)
            .or_else(|| outcome.values.get(name).cloned())
            .and_then(|v| v.parse::<i64>().ok())
    };
    let (offer, company) = (param("offre"), param("entreprise"));
    let sent = query_param("ok").as_deref() == Some("envoye");
    let number = query_param("dossier").and_then(|v| v.parse::<i64>().ok());
    let about = Resource::new_blocking(move || (offer, company), |(o, c)| report_about(o, c));
    view! {
        <PageTitle text="Signaler un contenu — JobToMove" />
        <Meta name="robots" content="noindex" />
        <section class="form-page">
            <h1>{match (offer, company) { (_, Some(_)) => "Signaler cette fiche entreprise", _ => "Signaler cette offre" }}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let outcome = outcome.clone();
                    Suspend::new(async move {
                        match about.await {
                            Ok(about) if sent => view! { <ReportSent about number /> }.into_any(),
                            Ok(about) => view! { <ReportForm about outcome /> }.into_any(),
                            Err(_) => view! { <crate::ui::not_found::NotFound /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn ReportSent(about: ReportContext, number: Option<i64>) -> impl IntoView {
    view! {
        <div class="notice notice-ok" role="status">
            <p>{match number {
                Some(n) => format!("Votre signalement est envoyé : il porte le numéro {}.", moderation_number(n)),
                None => "Votre signalement est envoyé.".to_owned(),
            }}</p>
            <p>"Un e-mail le confirme. L'équipe JobToMove l'examine et vous écrira sa décision ; le recruteur ne connaît pas votre identité."</p>
        </div>
        <p><a href=about.path>{format!("Retour à « {} »", about.label)}</a></p>
    }
}

#[component]
fn ReportForm(about: ReportContext, outcome: FormOutcome) -> impl IntoView {
    let user = current_user();
    let (field, id) = match about.target {
        ReportTarget::Offer => ("offre", about.id),
        ReportTarget::Company => ("entreprise", about.id),
    };
    let good_faith_error = outcome.error("bonne_foi");
    let invalid = good_faith_error.is_some();
    view! {
        <p>{format!("Vous signalez : « {} ».", about.label)}</p>
        <p>"L'équipe JobToMove examine chaque signalement et vous écrit sa décision. Le recruteur ne connaît pas votre identité."</p>
        <FormMessage outcome=outcome.clone() />
        <form method="post" action="/signaler" class="stack-form">
            <input type="hidden" name=field value=id.to_string() />
            {select_with(
                &outcome,
                "motif",
                "Motif",
                options(ReportReason::ALL, ReportReason::code, ReportReason::label),
                String::new(),
                "Choisissez un motif",
            )}
            <TextArea
                outcome=outcome.clone()
                name="explication"
                label="Explication"
                hint="Ce qui pose problème : les mots de l'offre, ce qu'on vous a demandé (par exemple de l'argent), la date…"
                rows=6
                required=true
                max_chars=REPORT_MAX_CHARS
            />
            <p class="field-hint">"Page signalée : " {about.path.clone()}</p>
            {match user {
                Some(user) => view! {
                    <p class="field-hint">{format!("Signalé par {} {} ({}), l'adresse de votre compte.", user.first_name, user.last_name, user.email)}</p>
                }
                .into_any(),
                None => view! {
                    <crate::ui::form::Field outcome=outcome.clone() name="nom" label="Votre nom" autocomplete="name" />
                    <crate::ui::form::Field outcome=outcome.clone() name="email" label="Votre adresse e-mail" kind="email" autocomplete="email" hint="Pour vous dire la décision." />
                }
                .into_any(),
            }}
            <div class="field field-check" class:field-invalid=invalid>
                <input id="champ-bonne_foi" name="bonne_foi" type="checkbox" value="oui" required
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=invalid.then_some("champ-bonne_foi-erreur") />
                <label for="champ-bonne_foi">"Je déclare de bonne foi que les informations de ce signalement sont exactes et complètes."</label>
                {good_faith_error.map(|m| view! { <p class="field-error" id="champ-bonne_foi-erreur">{m}</p> })}
            </div>
            <button class="button" type="submit">"Envoyer le signalement"</button>
        </form>
        <p class="field-hint"><a href="/cgu#moderation">"Comment nous modérons les contenus"</a></p>
    }
}

/// A4: `/admin/moderation`, open cases (urgent first) or decided ones.
#[component]
pub fn QueuePage() -> impl IntoView {
    let status = query_param("statut").unwrap_or_else(|| ModerationStatus::Open.code().to_owned());
    let current = ModerationStatus::from_code(&status).unwrap_or(ModerationStatus::Open);
    let queue = Resource::new_blocking(move || status.clone(), moderation_queue);
    view! {
        <PageTitle text="Modération — Administration JobToMove" />
        <div class="admin">
            <h1>"Modération"</h1>
            <AdminTabs current="/admin/moderation" />
            <nav class="filters-inline" aria-label="État des dossiers">
                {ModerationStatus::ALL.iter().map(|s| view! {
                    <a href=format!("/admin/moderation?statut={}", s.code()) aria-current=(*s == current).then_some("page")>{s.label()}</a>
                }).collect_view()}
            </nav>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    signed_in_page(queue.await, "/admin/moderation", |cases| {
                        if cases.is_empty() {
                            return view! { <p class="empty">"Aucun dossier."</p> }.into_any();
                        }
                        view! {
                            <ul class="card-list">
                                {cases.into_iter().map(|case| view! { <CaseCard case /> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    })
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn CaseCard(case: ModerationSummary) -> impl IntoView {
    let reasons = case
        .reasons
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(" ; ");
    view! {
        <li class="card" class:case-urgent=case.urgent>
            <h2 class="card-title">
                <a href=format!("/admin/moderation/{}", case.id)>{format!("{} · {} « {} »", case.number, case.target.label(), case.label)}</a>
            </h2>
            <p class="card-meta">
                {case.urgent.then_some("Urgent : plusieurs signalements en 24 h · ")}
                {format!(
                    "{} · {} signalement(s) · du {} au {}",
                    case.origin.label(),
                    case.reports,
                    french_date_time(case.first_at),
                    french_date_time(case.last_at)
                )}
            </p>
            {(!reasons.is_empty()).then(|| view! { <p>"Motifs : " {reasons.clone()}</p> })}
            {(!case.signal.is_empty()).then(|| view! { <p>{case.signal.clone()}</p> })}
        </li>
    }
}

/// A4: one case, its reports, its decisions, and the decision form.
#[component]
pub fn ModerationCasePage() -> impl IntoView {
    let id = id_param().unwrap_or(0);
    let case = Resource::new_blocking(move || id, moderation_case_page);
    view! {
        <PageTitle text="Dossier de modération — Administration JobToMove" />
        <div class="admin">
            <AdminTabs current="" />
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    signed_in_page(case.await, "/admin/moderation", |case| view! { <Case case /> }.into_any())
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Case(case: ModerationDetail) -> impl IntoView {
    let outcome = form_outcome();
    let s = case.summary.clone();
    let open = s.status == ModerationStatus::Open;
    let measures: Vec<(String, String)> = case
        .measures
        .iter()
        .map(|m: &Measure| (m.code().to_owned(), m.label().to_owned()))
        .collect();
    view! {
        <h1>{format!("{} · {} « {} »", s.number, s.target.label(), s.label)}</h1>
        {done_notice()}
        <FormMessage outcome=outcome.clone() />
        <p class="card-meta">
            {format!("{} · {} · état actuel : {}", s.origin.label(), s.status.label(), case.state)}
            " · " <a href=s.href.clone()>"Voir la cible"</a>
        </p>
        {(!s.signal.is_empty()).then(|| view! { <p class="notice">{s.signal.clone()}</p> })}
        <h2>"Signalements"</h2>
        {if case.reports.is_empty() {
            view! { <p class="empty">"Aucun signalement : dossier ouvert automatiquement."</p> }.into_any()
        } else {
            view! {
                <ol class="card-list">
                    {case.reports.iter().map(|r| view! {
                        <li class="card">
                            <p class="card-meta">{format!("{} · {} · {}", r.reason.label(), r.reporter, french_date_time(r.created_at))}</p>
                            <p class="case-body">{r.explanation.clone()}</p>
                        </li>
                    }).collect_view()}
                </ol>
            }
            .into_any()
        }}
        {(!case.decisions.is_empty()).then(|| view! {
            <h2>"Décisions"</h2>
            <ol class="card-list">
                {case.decisions.iter().map(|d| view! {
                    <li class="card">
                        <p class="card-meta">{format!("{} · {} · {}", d.measure.label(), d.decided_by, french_date_time(d.decided_at))}</p>
                        <p>"Fondement : " {d.ground.label()}</p>
                        <p class="case-body">{d.facts.clone()}</p>
                    </li>
                }).collect_view()}
            </ol>
        })}
        {open.then(|| view! {
            <form method="post" action=format!("/admin/moderation/{}", s.id) class="stack-form card">
                <h2 class="card-title">"Décider"</h2>
                {select_with(&outcome, "mesure", "Mesure", measures.clone(), String::new(), "Choisissez une mesure")}
                {select_with(
                    &outcome,
                    "fondement",
                    "Fondement (la loi ou la clause des conditions d'utilisation)",
                    options(ReportReason::ALL, ReportReason::code, ReportReason::label),
                    s.reasons.first().map(|r| r.code().to_owned()).unwrap_or_default(),
                    "Choisissez le fondement",
                )}
                <TextArea
                    outcome=outcome.clone()
                    name="faits"
                    label="Faits (envoyés au recruteur dans l'exposé des motifs)"
                    rows=4
                    required=true
                    max_chars=1000
                />
                <p class="field-hint">"Le recruteur reçoit l'exposé des motifs (mesure, durée, faits, fondement, voie de contestation) ; chaque auteur de signalement reçoit la décision."</p>
                <button type="submit" class="button">"Enregistrer la décision"</button>
            </form>
        })}
    }
}
