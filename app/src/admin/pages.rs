//! A1 and A4's pages: the inbox (`/admin`), a case (`/admin/demandes/{id}`),
//! the journal (`/admin/journal`), and the second factor
//! (`/admin/verification`: enrolment with its QR code, then the code at
//! each log-in).

use crate::admin::api::{admin_case, admin_inbox, admin_journal, second_factor_step};
use crate::session::{FormOutcome, form_outcome, query_param};
use crate::ui::form::FormMessage;
use crate::ui::head::PageTitle;
use crate::ui::signed_in_page;
use crate::ui::tabs::id_param;
use domain::model::{
    AuditAction, AuditView, CaseDetail, CaseEntryKind, CaseStatus, CaseSummary, FactorStep, Inbox,
    JournalQuery, french_date_time,
};
use leptos::prelude::*;
use leptos_meta::Meta;

/// The admin space's navigation.
#[component]
pub fn AdminTabs(current: &'static str) -> impl IntoView {
    let tab = |path: &'static str, label: &'static str| {
        view! { <a href=path aria-current=(current == path).then_some("page")>{label}</a> }
    };
    view! {
        <Meta name="robots" content="noindex" />
        <nav class="tabs" aria-label="Administration">
            {tab("/admin", "Demandes")}
            {tab("/admin/moderation", "Modération")}
            {tab("/admin/entreprises", "Entreprises")}
            {tab("/admin/groupes", "Groupes")}
            {tab("/admin/journal", "Journal")}
        </nav>
    }
}

/// The confirmation of an action (`?ok=…`).
pub fn done_notice() -> Option<impl IntoView> {
    let text = match query_param("ok")?.as_str() {
        "statut" => "Statut enregistré.",
        "attribuee" => "Demande attribuée.",
        "note" => "Note interne ajoutée (le demandeur ne la voit pas).",
        "reponse" => "Réponse envoyée au demandeur.",
        "groupe-cree" => "Groupe créé.",
        "groupe-modifie" => "Groupe enregistré.",
        "rattachee" => "Entreprise rattachée au groupe.",
        "detachee" => "Entreprise détachée du groupe.",
        "proprietaire" => "Propriété transférée : les deux recruteurs sont prévenus par e-mail.",
        "fusionnee" => "Fiches fusionnées : l'ancienne adresse mène désormais à cette fiche.",
        "detache" => "Recruteur détaché : ses sessions sont fermées.",
        "confiees" => "Offres confiées, avec leurs candidatures.",
        "desactive" => "Compte désactivé : ses sessions sont fermées.",
        "reactive" => "Compte réactivé.",
        "decision" => {
            "Décision enregistrée : le recruteur a reçu l'exposé des motifs, chaque auteur de signalement la décision."
        }
        _ => return None,
    };
    Some(view! { <p class="notice notice-ok" role="status">{text}</p> })
}

/// A1: `/admin`, the cases of one status.
#[component]
pub fn InboxPage() -> impl IntoView {
    let status = query_param("statut").unwrap_or_else(|| CaseStatus::New.code().to_owned());
    let inbox = Resource::new_blocking(move || status.clone(), admin_inbox);
    view! {
        <PageTitle text="Demandes — Administration JobToMove" />
        <div class="admin">
            <h1>"Administration"</h1>
            <AdminTabs current="/admin" />
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    signed_in_page(inbox.await, "/admin", |inbox| view! { <InboxList inbox /> }.into_any())
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn InboxList(inbox: Inbox) -> impl IntoView {
    let current = inbox.status;
    view! {
        <nav class="filters-inline" aria-label="Statut des demandes">
            {inbox.counts.iter().map(|(status, count)| {
                let href = format!("/admin?statut={}", status.code());
                view! {
                    <a href=href aria-current=(*status == current).then_some("page")>
                        {format!("{} ({count})", status.label())}
                    </a>
                }
            }).collect_view()}
        </nav>
        {if inbox.cases.is_empty() {
            view! { <p class="empty">{format!("Aucune demande « {} ».", current.label())}</p> }.into_any()
        } else {
            view! {
                <ul class="card-list">
                    {inbox.cases.into_iter().map(|case| view! { <CaseCard case /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

#[component]
fn CaseCard(case: CaseSummary) -> impl IntoView {
    let href = format!("/admin/demandes/{}", case.id);
    view! {
        <li class="card">
            <h2 class="card-title"><a href=href>{format!("{} · {}", case.number, case.subject.label())}</a></h2>
            <p class="card-meta">
                {format!("{} <{}>", if case.name.is_empty() { "Sans nom" } else { &case.name }, case.email)}
                " · reçue le " {french_date_time(case.created_at)}
                " · " {case.assignee.map_or_else(|| "non attribuée".to_owned(), |a| format!("attribuée à {a}"))}
            </p>
        </li>
    }
}

/// A1: one case, its history, and what can be done from it.
#[component]
pub fn CasePage() -> impl IntoView {
    let id = id_param().unwrap_or(0);
    let case = Resource::new_blocking(move || id, admin_case);
    view! {
        <PageTitle text="Demande — Administration JobToMove" />
        <div class="admin">
            <AdminTabs current="" />
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    signed_in_page(case.await, "/admin", |case| view! { <Case case /> }.into_any())
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Case(case: CaseDetail) -> impl IntoView {
    let outcome = form_outcome();
    let action = format!("/admin/demandes/{}", case.summary.id);
    let summary = case.summary.clone();
    view! {
        <h1>{format!("{} · {}", summary.number, summary.subject.label())}</h1>
        {done_notice()}
        <FormMessage outcome=outcome.clone() />
        <dl class="facts">
            <div class="fact"><dt>"Demandeur"</dt><dd>{format!("{} <{}>", summary.name, summary.email)}</dd></div>
            <div class="fact"><dt>"Statut"</dt><dd>{summary.status.label()}</dd></div>
            <div class="fact"><dt>"Reçue le"</dt><dd>{french_date_time(summary.created_at)}</dd></div>
            {case.account.clone().map(|a| view! { <div class="fact"><dt>"Compte"</dt><dd><a href=a.href>{a.label}</a></dd></div> })}
            {case.company.clone().map(|c| view! { <div class="fact"><dt>"Entreprise"</dt><dd><a href=c.href>{c.label}</a></dd></div> })}
            {case.offer.clone().map(|o| view! { <div class="fact"><dt>"Offre"</dt><dd><a href=o.href>{o.label}</a></dd></div> })}
        </dl>
        <h2>"Historique"</h2>
        <ol class="card-list case-entries">
            {case.entries.iter().map(|entry| {
                let who = entry.author.clone().unwrap_or_else(|| summary.name.clone());
                view! {
                    <li class="card" class:case-note=entry.kind == CaseEntryKind::Note>
                        <p class="card-meta">{format!("{} · {} · {}", entry.kind.label(), who, french_date_time(entry.created_at))}</p>
                        <p class="case-body">{entry.body.clone()}</p>
                    </li>
                }
            }).collect_view()}
        </ol>
        <div class="admin-forms">
            <form method="post" action=action.clone() class="stack-form card">
                <h2 class="card-title">"Répondre au demandeur"</h2>
                <input type="hidden" name="action" value="repondre" />
                <label for="reponse">"Réponse (envoyée par e-mail, dans le fil de la demande)"</label>
                <textarea id="reponse" name="reponse" rows="6" required maxlength="5000">
                    {crate::ui::form::textarea_text(outcome.value("reponse"))}
                </textarea>
                {outcome.error("reponse").map(|m| view! { <p class="field-error">{m}</p> })}
                <button type="submit" class="button">"Envoyer la réponse"</button>
            </form>
            <form method="post" action=action.clone() class="stack-form card">
                <h2 class="card-title">"Note interne"</h2>
                <input type="hidden" name="action" value="note" />
                <label for="note">"Note (visible de l'équipe seulement)"</label>
                <textarea id="note" name="note" rows="3" required maxlength="5000">
                    {crate::ui::form::textarea_text(outcome.value("note"))}
                </textarea>
                {outcome.error("note").map(|m| view! { <p class="field-error">{m}</p> })}
                <button type="submit" class="button button-secondary">"Ajouter la note"</button>
            </form>
            <form method="post" action=action.clone() class="stack-form card">
                <input type="hidden" name="action" value="statut" />
                <label for="statut">"Statut"</label>
                <select id="statut" name="statut">
                    {CaseStatus::ALL.iter().map(|s| view! {
                        <option value=s.code() selected=*s == summary.status>{s.label()}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button button-secondary">"Changer le statut"</button>
            </form>
            <form method="post" action=action class="stack-form card">
                <input type="hidden" name="action" value="attribuer" />
                <label for="responsable">"Attribuée à"</label>
                <select id="responsable" name="responsable">
                    <option value="">"Personne"</option>
                    {case.admins.iter().map(|a| view! {
                        <option value=a.id.to_string() selected=case.assignee_id == Some(a.id)>{a.name.clone()}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button button-secondary">"Attribuer"</button>
            </form>
        </div>
    }
}

/// A4: `/admin/journal`, newest first, filtered by action and target.
#[component]
pub fn JournalPage() -> impl IntoView {
    let query = JournalQuery {
        action: query_param("action").unwrap_or_default(),
        cible: query_param("cible").unwrap_or_default(),
        id: query_param("id").unwrap_or_default(),
        page: query_param("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0),
    };
    let filters = query.clone();
    let events = Resource::new_blocking(move || query.clone(), admin_journal);
    view! {
        <PageTitle text="Journal — Administration JobToMove" />
        <div class="admin">
            <h1>"Journal des actions"</h1>
            <AdminTabs current="/admin/journal" />
            <form method="get" action="/admin/journal" class="inline-fields journal-filters">
                <div class="field">
                    <label for="journal-action">"Action"</label>
                    <select id="journal-action" name="action">
                        <option value="">"Toutes"</option>
                        {AuditAction::ALL.iter().map(|a| view! {
                            <option value=a.code() selected=filters.action == a.code()>{a.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="journal-cible">"Cible"</label>
                    <select id="journal-cible" name="cible">
                        <option value="">"Toutes"</option>
                        {[("compte", "Compte"), ("entreprise", "Entreprise"), ("groupe", "Groupe"), ("demande", "Demande"), ("offre", "Offre")]
                            .into_iter()
                            .map(|(code, label)| view! { <option value=code selected=filters.cible == code>{label}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="journal-id">"Numéro de la cible"</label>
                    <input id="journal-id" name="id" type="text" inputmode="numeric" value=filters.id.clone() />
                </div>
                <button type="submit" class="button button-secondary">"Filtrer"</button>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    signed_in_page(events.await, "/admin/journal", |events| view! { <Events events /> }.into_any())
                })}
            </Suspense>
        </div>
    }
}

/// A list of audit events.
#[component]
pub fn Events(events: Vec<AuditView>) -> impl IntoView {
    if events.is_empty() {
        return view! { <p class="empty">"Aucune action enregistrée."</p> }.into_any();
    }
    view! {
        <ol class="card-list journal">
            {events.into_iter().map(|event| view! {
                <li class="card">
                    <p class="card-meta">{format!("{} · {}", french_date_time(event.occurred_at), event.actor)}</p>
                    <p><strong>{event.action.label()}</strong> " — " {format!("{} « {} » (n° {})", event.target_type, event.target_label, event.target_id)}</p>
                    {(!event.reason.is_empty()).then(|| view! { <p>"Motif : " {event.reason.clone()}</p> })}
                    {(!event.changes.is_empty()).then(|| view! {
                        <ul class="changes">
                            {event.changes.iter().map(|(field, before, after)| view! {
                                <li><code>{field.clone()}</code> " : " {before.clone()} " → " {after.clone()}</li>
                            }).collect_view()}
                        </ul>
                    })}
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// `/admin/verification`: the second factor.
#[component]
pub fn FactorPage() -> impl IntoView {
    let outcome = form_outcome();
    let step = Resource::new_blocking(|| (), |_| second_factor_step());
    view! {
        <PageTitle text="Double authentification — Administration JobToMove" />
        <Meta name="robots" content="noindex" />
        <section class="form-page">
            <h1>"Double authentification"</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let outcome = outcome.clone();
                    Suspend::new(async move {
                        let codes = outcome.value("codes");
                        if !codes.is_empty() {
                            return view! { <RecoveryCodes codes /> }.into_any();
                        }
                        signed_in_page(step.await, "/admin", move |step| view! { <Factor step outcome /> }.into_any())
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn RecoveryCodes(codes: String) -> impl IntoView {
    view! {
        <p class="notice notice-ok" role="status">"La double authentification est activée."</p>
        <p>
            "Voici vos 10 codes de secours : chacun remplace une fois le code de l'application si vous perdez votre téléphone. "
            <strong>"Notez-les maintenant : ils ne seront plus jamais affichés."</strong>
        </p>
        <ul class="recovery-codes">
            {codes.lines().map(|code| view! { <li><code>{code.to_owned()}</code></li> }).collect_view()}
        </ul>
        <p><a class="button" href="/admin">"Continuer vers l'administration"</a></p>
    }
}

#[component]
fn Factor(step: FactorStep, outcome: FormOutcome) -> impl IntoView {
    let code_field = move |action: &'static str, label: &'static str, button: &'static str| {
        let error = outcome.error("code");
        let invalid = error.is_some();
        view! {
            <FormMessage outcome=outcome.clone() />
            <form method="post" action="/admin/verification" class="stack-form">
                <input type="hidden" name="action" value=action />
                <div class="field" class:field-invalid=invalid>
                    <label for="champ-code">{label}</label>
                    <input id="champ-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                        required maxlength="32" aria-invalid=invalid.then_some("true")
                        aria-describedby=invalid.then_some("champ-code-erreur") />
                    {error.map(|m| view! { <p class="field-error" id="champ-code-erreur">{m}</p> })}
                </div>
                <button type="submit" class="button">{button}</button>
            </form>
        }
    };
    match step {
        FactorStep::Done => view! {
            <p class="notice notice-ok">"Cette session a déjà passé la double authentification."</p>
            <p><a class="button" href="/admin">"Aller à l'administration"</a></p>
        }
        .into_any(),
        FactorStep::Verify => view! {
            <p>"Tapez le code à 6 chiffres affiché par votre application d'authentification (ou l'un de vos codes de secours)."</p>
            {code_field("verifier", "Code", "Valider")}
        }
        .into_any(),
        FactorStep::Enrol { secret, qr_svg, uri } => view! {
            <p>"L'administration demande un second facteur. Scannez ce code avec une application d'authentification (FreeOTP, Aegis, Google Authenticator…), puis tapez le code à 6 chiffres qu'elle affiche."</p>
            <div class="qr" inner_html=qr_svg></div>
            <p>"Ou saisissez cette clé dans l'application :"</p>
            <p><code class="totp-secret">{secret}</code></p>
            <details><summary>"Adresse otpauth"</summary><p><code class="otpauth">{uri}</code></p></details>
            {code_field("activer", "Code affiché par l'application", "Activer la double authentification")}
        }
        .into_any(),
    }
}
