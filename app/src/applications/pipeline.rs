//! R5: the applications of one offer as a pipeline — one column per
//! status, a card per candidate. A card moves by a plain form (select the
//! status, "Déplacer": it works without JavaScript); once hydrated, by drag
//! and drop and by the arrow keys on a focused card too. The island posts
//! the very same form (`/recruteur/candidatures/{id}`, `action=statut`): the
//! card moves at once and goes back, with the French reason, when the
//! server refuses. The candidate is told by email as from the application's
//! page. R8: only the offer's publisher gets the page (others: 404).

use crate::applications::api::offer_pipeline;
use crate::session::{form_outcome, query_param};
use crate::ui::form::FormMessage;
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::not_found::NotFound;
use crate::ui::signed_in_page;
use crate::ui::tabs::{Tabs, id_param};
use domain::model::{
    ApplicationStatus, DECISIONS, PIPELINE, Pipeline, PipelineCard, PipelineFilter,
};
use leptos::prelude::*;
use leptos_meta::Meta;

fn filter_from_query() -> PipelineFilter {
    PipelineFilter {
        status: query_param("statut").and_then(|s| ApplicationStatus::from_code(&s)),
        unread: query_param("non-lues").is_some_and(|v| v == "1"),
        with_dossier: query_param("avec-dossier").is_some_and(|v| v == "1"),
    }
}

fn notice() -> Option<String> {
    match query_param("ok")?.as_str() {
        "statut" => {
            Some("Le statut est enregistré ; le candidat en est informé par e-mail.".into())
        }
        "refusees" => {
            let n: u64 = query_param("nombre")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            Some(match n {
                0 => "Ces candidatures étaient déjà non retenues : rien n'a changé.".into(),
                1 => "1 candidature est passée en « Non retenue » ; le candidat en est informé par e-mail.".into(),
                n => format!("{n} candidatures sont passées en « Non retenue » ; les candidats en sont informés par e-mail."),
            })
        }
        _ => None,
    }
}

/// R5: `/recruteur/offres/{id}/candidatures`.
#[component]
pub fn PipelinePage() -> impl IntoView {
    let Some(offer_id) = id_param() else {
        return view! { <NotFound /> }.into_any();
    };
    let filter = filter_from_query();
    let here = format!(
        "/recruteur/offres/{offer_id}/candidatures{}",
        filter.query()
    );
    let board = Resource::new_blocking(
        move || (offer_id, filter.clone()),
        |(id, filter)| offer_pipeline(id, filter),
    );
    view! {
        <PageTitle text="Candidatures de l'offre — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    let login_here = here.clone();
                    signed_in_page(board.await, &login_here, move |pipeline| view! { <Board pipeline here=here.clone() /> }.into_any())
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Board(pipeline: Pipeline, here: String) -> impl IntoView {
    let filter = filter_from_query();
    let action = format!("/recruteur/offres/{}/candidatures", pipeline.offer_id);
    let message = notice();
    let empty = pipeline.cards.is_empty();
    view! {
        <div class="dashboard dashboard-wide">
            <p><a href="/recruteur/offres">"← Suivi des offres"</a></p>
            <h1>{format!("Candidatures : {}", pipeline.offer_title)}</h1>
            <Tabs current="/recruteur/candidatures" />
            {message.map(|m| view! { <p class="notice notice-ok" role="status">{m}</p> })}
            <FormMessage outcome=form_outcome() field="candidatures" />
            <form method="get" action=action.clone() class="filters-bar" aria-label="Filtrer les candidatures">
                <label>
                    "Statut "
                    <select name="statut">
                        <option value="" selected=filter.status.is_none()>"Tous"</option>
                        {PIPELINE.iter().map(|s| view! {
                            <option value=s.code() selected=filter.status == Some(*s)>{s.column_label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="choice"><input type="checkbox" name="non-lues" value="1" checked=filter.unread />" Non lues"</label>
                <label class="choice"><input type="checkbox" name="avec-dossier" value="1" checked=filter.with_dossier />" Avec dossier"</label>
                <button type="submit" class="button button-secondary">"Filtrer"</button>
            </form>
            {if pipeline.total == 0 {
                view! { <p class="empty">"Aucune candidature pour cette offre pour le moment."</p> }.into_any()
            } else if empty {
                view! { <p class="empty">"Aucune candidature ne correspond à ces filtres. " <a href=action.clone()>"Tout afficher"</a></p> }.into_any()
            } else {
                view! {
                    <form method="post" action=action.clone() id="refus-lot" class="bulk-bar">
                        <input type="hidden" name="action" value="refuser" />
                        <input type="hidden" name="suite" value=here.clone() />
                        <label class="choice">
                            <input type="checkbox" name="conserver" value="1" />
                            " Demander aux candidats l'autorisation de garder leur candidature 2 ans"
                        </label>
                        <button type="submit" class="button button-secondary">"Refuser la sélection"</button>
                    </form>
                    <PipelineBoard cards=pipeline.cards back=here.clone() />
                    <IslandScripts />
                }.into_any()
            }}
        </div>
    }
}

/// The columns and their cards; see the module's documentation.
#[island(lazy)]
pub fn PipelineBoard(cards: Vec<PipelineCard>, back: String) -> impl IntoView {
    let cards = RwSignal::new(cards);
    // The last move's outcome: (refused, message).
    let said = RwSignal::new(None::<(bool, String)>);
    let dragged = RwSignal::new(None::<i64>);
    let over = RwSignal::new(None::<ApplicationStatus>);
    let move_card = move |id: i64, to: ApplicationStatus, refocus: bool| {
        let Some(card) = cards.with_untracked(|all| all.iter().find(|c| c.id == id).cloned())
        else {
            return;
        };
        if card.status == to {
            return;
        }
        let set = move |status: ApplicationStatus| {
            cards.update(|all| {
                if let Some(c) = all.iter_mut().find(|c| c.id == id) {
                    c.status = status;
                }
            });
        };
        set(to);
        said.set(None);
        if refocus {
            focus_card(id);
        }
        let (name, from) = (card.name.clone(), card.status);
        leptos::task::spawn_local(async move {
            match send_move(id, to).await {
                Ok(()) => said.set(Some((
                    false,
                    format!(
                        "{name} : « {} ». Le candidat en est informé par e-mail.",
                        to.label()
                    ),
                ))),
                Err(reason) => {
                    set(from);
                    if refocus {
                        focus_card(id);
                    }
                    said.set(Some((
                        true,
                        format!("Déplacement refusé pour {name} : {reason}"),
                    )));
                }
            }
        });
    };
    let column = move |status: ApplicationStatus| {
        let back = back.clone();
        let count = move || cards.with(|all| all.iter().filter(|c| c.status == status).count());
        view! {
            <section
                class="pipeline-column"
                class:pipeline-over=move || over.get() == Some(status)
                aria-labelledby=format!("colonne-{}", status.code())
                on:dragover=move |e: leptos::ev::DragEvent| {
                    e.prevent_default();
                    over.set(Some(status));
                }
                on:dragleave=move |_| over.set(None)
                on:drop=move |e: leptos::ev::DragEvent| {
                    e.prevent_default();
                    over.set(None);
                    if let Some(id) = dragged.get_untracked() {
                        dragged.set(None);
                        move_card(id, status, false);
                    }
                }
            >
                <h2 id=format!("colonne-{}", status.code())>
                    {status.column_label()} " " <span class="badge">{count}</span>
                </h2>
                <ul class="pipeline-cards">
                    <For
                        each=move || cards.with(|all| all.iter().filter(|c| c.status == status).cloned().collect::<Vec<_>>())
                        key=|c| (c.id, c.status)
                        children=move |card| {
                            let id = card.id;
                            let (unread, label) = (card.unread(), format!("{}, {}", card.name, status.column_label()));
                            view! {
                                <li
                                    id=format!("carte-{id}")
                                    class="pipeline-card"
                                    class:pipeline-unread=unread
                                    draggable="true"
                                    tabindex="0"
                                    aria-label=label
                                    aria-describedby="pipeline-aide"
                                    on:dragstart=move |e: leptos::ev::DragEvent| {
                                        dragged.set(Some(id));
                                        #[cfg(feature = "hydrate")]
                                        if let Some(t) = e.data_transfer() {
                                            let _ = t.set_data("text/plain", &id.to_string());
                                            t.set_effect_allowed("move");
                                        }
                                        #[cfg(not(feature = "hydrate"))]
                                        let _ = e;
                                    }
                                    on:keydown=move |e: leptos::ev::KeyboardEvent| {
                                        let step: isize = match e.key().as_str() {
                                            "ArrowRight" => 1,
                                            "ArrowLeft" => -1,
                                            _ => return,
                                        };
                                        // Only the card itself: the arrows of its select are the select's.
                                        if e.target() != e.current_target() {
                                            return;
                                        }
                                        e.prevent_default();
                                        if let Some(to) = next_column(status, step) {
                                            move_card(id, to, true);
                                        }
                                    }
                                >
                                    <Card card=card back=back.clone() on_move=move |to| move_card(id, to, true) />
                                </li>
                            }
                        }
                    />
                </ul>
            </section>
        }
    };
    view! {
        <p id="pipeline-aide" class="field-hint">
            "Glissez une carte dans une colonne, ou choisissez son statut puis « Déplacer ». Au clavier : sur une carte, flèches gauche et droite pour changer de colonne."
        </p>
        <p class="pipeline-said" role="status" aria-live="polite">
            {move || said.get().map(|(refused, text)| view! {
                <span class=if refused { "notice notice-error" } else { "notice notice-ok" }>{text}</span>
            })}
        </p>
        <div class="pipeline">
            {PIPELINE.iter().map(|s| column(*s)).collect_view()}
        </div>
    }
}

/// One card: who, when, which dossier, the box of the bulk refusal, and
/// the form that moves it.
#[component]
fn Card(
    card: PipelineCard,
    back: String,
    on_move: impl Fn(ApplicationStatus) + Copy + 'static,
) -> impl IntoView {
    let select_id = format!("statut-{}", card.id);
    let current = card.status;
    let placeholder = !DECISIONS.contains(&current);
    let submit = move |e: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let chosen = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                .and_then(|f| f.elements().named_item("statut"))
                .and_then(|el| el.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| ApplicationStatus::from_code(&s.value()));
            e.prevent_default();
            if let Some(to) = chosen {
                on_move(to);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (e, on_move);
    };
    view! {
        <p class="pipeline-card-name">
            <input type="checkbox" name="candidatures" value=card.id.to_string() form="refus-lot" id=format!("choisir-{}", card.id) />
            <label for=format!("choisir-{}", card.id) class="visually-hidden">{format!("Sélectionner {}", card.name)}</label>
            " "
            <a href=card.path()>{card.name.clone()}</a>
        </p>
        <p class="card-meta">
            "Reçue le " {card.received_on.clone()}
            {card.dossier_title.clone().map(|t| view! { <br /> {format!("Dossier « {t} »")} })}
        </p>
        <form method="post" action=card.path() class="pipeline-move" on:submit=submit>
            <input type="hidden" name="action" value="statut" />
            <input type="hidden" name="suite" value=back />
            <label for=select_id.clone() class="visually-hidden">{format!("Statut de {}", card.name)}</label>
            <select id=select_id name="statut">
                {placeholder.then(|| view! { <option value="" selected disabled>{current.column_label()}</option> })}
                {DECISIONS.iter().map(|s| view! { <option value=s.code() selected=*s == current>{s.column_label()}</option> }).collect_view()}
            </select>
            <button type="submit" class="button button-small">"Déplacer"</button>
        </form>
    }
}

/// The column an arrow key moves a card to: to the right, the next status
/// a recruiter can choose (an unread card goes straight to
/// "présélectionnée"); to the left, the previous column, whatever it is —
/// the server refuses "reçue" and "vue" and says why.
fn next_column(from: ApplicationStatus, step: isize) -> Option<ApplicationStatus> {
    let at = PIPELINE.iter().position(|s| *s == from)?;
    if step > 0 {
        PIPELINE[at + 1..]
            .iter()
            .find(|s| DECISIONS.contains(s))
            .copied()
    } else {
        at.checked_sub(1).map(|i| PIPELINE[i])
    }
}

/// Moves the card's focus back to it once it is in its new column.
fn focus_card(id: i64) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(card) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("carte-{id}")))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = card.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// Posts the card's form as the plain form would (`action=statut`).
#[cfg(feature = "hydrate")]
async fn send_move(id: i64, to: ApplicationStatus) -> Result<(), String> {
    let body =
        web_sys::UrlSearchParams::new_with_str(&format!("action=statut&statut={}", to.code()))
            .map_err(|_| crate::ui::post::FAILED.to_owned())?;
    crate::ui::post::send(&format!("/recruteur/candidatures/{id}"), &body.into())
        .await
        .map(|_| ())
}

#[cfg(not(feature = "hydrate"))]
async fn send_move(_id: i64, _to: ApplicationStatus) -> Result<(), String> {
    Err(crate::ui::post::FAILED.to_owned())
}

#[cfg(test)]
mod tests {
    use super::next_column;
    use domain::model::ApplicationStatus as S;

    #[test]
    fn the_arrows_move_a_card_to_a_status_the_recruiter_can_choose() {
        assert_eq!(next_column(S::Sent, 1), Some(S::Shortlisted));
        assert_eq!(next_column(S::Viewed, 1), Some(S::Shortlisted));
        assert_eq!(next_column(S::Interview, 1), Some(S::Hired));
        assert_eq!(next_column(S::Declined, 1), None);
        assert_eq!(next_column(S::Shortlisted, -1), Some(S::Viewed));
        assert_eq!(next_column(S::Sent, -1), None);
    }
}
