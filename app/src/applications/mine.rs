//! C5: "Mes candidatures" — every application of the candidate with its
//! status, history and what became of the offer.

use crate::applications::api::my_applications;
use crate::session::form_outcome;
use crate::ui::files::file_link;
use crate::ui::form::FormMessage;
use crate::ui::head::PageTitle;
use crate::ui::signed_in_page;
use domain::model::{ApplicationView, OfferState, french_date, french_date_time, paris_date};
use leptos::prelude::*;
use leptos_meta::Meta;

/// C5: `/espace/candidatures`.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let applications = Resource::new_blocking(|| (), |_| my_applications());
    view! {
        <PageTitle text="Mes candidatures — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(applications.await, "/espace/candidatures", |list| {
                    view! {
                        <div class="space">
                            <h1>"Mes candidatures"</h1>
                            <p><a href="/espace/favoris">"Mes offres sauvegardées"</a></p>
                            <FormMessage outcome=form_outcome() field="message" />
                            {match crate::session::query_param("ok").as_deref() {
                                Some("effacee") => Some(view! { <p class="notice notice-ok" role="status">"Les fichiers et les messages de cette candidature sont supprimés."</p> }),
                                Some("conservee") => Some(view! { <p class="notice notice-ok" role="status">"Merci : le recruteur peut garder votre candidature 2 ans. Vous pouvez retirer votre accord à tout moment."</p> }),
                                _ => None,
                            }}
                            {if list.is_empty() {
                                view! {
                                    <p class="empty">
                                        "Vous n'avez pas encore postulé. "
                                        <a href="/offres">"Trouvez une offre"</a>
                                    </p>
                                }
                                .into_any()
                            } else {
                                view! {
                                    <ul class="card-list">
                                        {list.into_iter().map(|a| view! { <li><ApplicationCard application=a /></li> }).collect_view()}
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

/// B5: when the application's files and texts go, and "delete them now".
fn retention_line(application: &ApplicationView) -> impl IntoView + use<> {
    if let Some(at) = application.purged_at {
        return view! {
            <p class="card-meta">{format!("Fichiers et messages de cette candidature supprimés le {}.", french_date(paris_date(at)))}</p>
        }
        .into_any();
    }
    let consent = match (application.keep_asked, application.keep_until) {
        (true, Some(until)) => Some(view! {
            <form method="post" action=format!("/espace/candidatures/{}/conserver", application.id) class="inline-fields">
                <p>{format!("Vous avez accepté que le recruteur garde cette candidature jusqu'au {} pour d'autres postes.", french_date(paris_date(until)))}</p>
                <input type="hidden" name="choix" value="non" />
                <button type="submit" class="button button-secondary">"Retirer mon accord (supprime les fichiers)"</button>
            </form>
        }
        .into_any()),
        (true, None) => Some(view! {
            <form method="post" action=format!("/espace/candidatures/{}/conserver", application.id) class="inline-fields">
                <p>"Le recruteur aimerait garder votre candidature 2 ans pour d'autres postes."</p>
                <input type="hidden" name="choix" value="oui" />
                <button type="submit" class="button button-secondary">"Oui, la garder 2 ans"</button>
            </form>
        }
        .into_any()),
        _ => None,
    };
    let when = application.deletion_on.map(|at| {
        format!("Fichiers et messages supprimés automatiquement le {} (vos dossiers ne sont pas touchés).", french_date(paris_date(at)))
    });
    view! {
        {when.map(|w| view! { <p class="card-meta">{w}</p> })}
        {consent}
        <details>
            <summary>"Supprimer les fichiers de cette candidature"</summary>
            <form method="post" action=format!("/espace/candidatures/{}/effacer", application.id) class="stack-form">
                <p>"Le CV, la lettre, la vidéo et le message envoyés avec cette candidature seront supprimés tout de suite ; il en restera l'offre, l'entreprise, les dates et la décision. Vos dossiers de candidature ne sont pas touchés."</p>
                <button type="submit" class="button button-secondary">"Supprimer maintenant"</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
fn ApplicationCard(application: ApplicationView) -> impl IntoView {
    let title = match &application.offer {
        OfferState::Open { path } | OfferState::Closed { path, .. } => {
            view! { <a href=path.clone()>{application.offer_title.clone()}</a> }.into_any()
        }
        OfferState::Removed => view! { <span>{application.offer_title.clone()}</span> }.into_any(),
    };
    let note = application.offer.note();
    view! {
        <article class="card">
            <h2 class="card-title">{title}</h2>
            <p>{application.company_name.clone()}</p>
            <p>
                <span class=format!("tag status-{}", application.status.code())>{application.status.label()}</span>
                {note.map(|n| view! { " " <span class="tag tag-closed">{n}</span> })}
            </p>
            <p class="card-meta">
                "Envoyée le " {french_date(paris_date(application.created_at))}
                {application.dossier_title.clone().map(|t| format!(" avec le dossier « {t} »"))}
            </p>
            {(!application.files.is_empty()).then(|| view! {
                <ul class="plain">{application.files.iter().map(|f| view! { <li>{file_link(f)}</li> }).collect_view()}</ul>
            })}
            {retention_line(&application)}
            <details>
                <summary>"Historique"</summary>
                <ol class="history">
                    {application.history.iter().map(|(status, at)| view! {
                        <li>{french_date_time(*at)} " — " {status.label()}</li>
                    }).collect_view()}
                </ol>
            </details>
            {(application.offer != OfferState::Removed).then(|| crate::messaging::pages::write_button(
                "candidature",
                application.id,
                "/espace/candidatures".to_owned(),
                format!("Écrire au recruteur de « {} »", application.offer_title),
            ))}
        </article>
    }
}
