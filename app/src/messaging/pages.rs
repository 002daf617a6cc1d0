//! Messaging (C6): the inbox `/messages` and a conversation
//! `/messages/{id}`. Sending is a plain form post; an island fetches new
//! messages every few seconds while the page is open (polling, not
//! server-sent events: instances share only the database, so a stream
//! would poll it anyway, and it would hold a connection per open tab).

use crate::messaging::api::{conversation, my_threads};
use crate::session::{form_outcome, query_param};
use crate::ui::form::{FormMessage, Notice};
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::signed_in_page;
use domain::model::{
    MESSAGE_MAX_CHARS, MessageView, Segment, ThreadView, french_date_time, linkify,
};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

/// `/messages`.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let threads = Resource::new_blocking(|| (), |_| my_threads());
    view! {
        <PageTitle text="Messages — JobToMove" />
        <Meta name="robots" content="noindex" />
        <IslandScripts />
        <div class="dashboard">
            <h1>"Messages"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    signed_in_page(threads.await, "/messages", |threads| {
                        if threads.is_empty() {
                            return view! {
                                <p class="empty">
                                    "Aucune conversation pour l'instant. Écrivez depuis une candidature, la page d'une entreprise ou, pour les recruteurs, un dossier de la CVthèque."
                                </p>
                            }
                            .into_any();
                        }
                        view! {
                            <ul class="thread-list">
                                {threads
                                    .into_iter()
                                    .map(|t| {
                                        let unread = t.unread;
                                        view! {
                                            <li class="thread-card" class:thread-unread={unread > 0}>
                                                <a href=t.path()>
                                                    <span class="thread-with">{t.with.clone()}</span>
                                                    {(unread > 0).then(|| view! {
                                                        <span class="badge">{format!("{unread} non lu{}", if unread > 1 { "s" } else { "" })}</span>
                                                    })}
                                                    <span class="thread-subject">{t.subject.clone()}</span>
                                                    <span class="thread-excerpt">
                                                        {t.excerpt.clone().unwrap_or_else(|| "Pas encore de message.".into())}
                                                    </span>
                                                    {t.last_at.map(|at| view! { <span class="thread-date">{french_date_time(at)}</span> })}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    })
                })}
            </Suspense>
        </div>
    }
}

/// `/messages/{id}`.
#[component]
pub fn ConversationPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0);
    let thread = Resource::new_blocking(move || id, conversation);
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(thread.await, &format!("/messages/{id}"), |thread| {
                    view! { <Conversation thread /> }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn Conversation(thread: ThreadView) -> impl IntoView {
    let outcome = form_outcome();
    let notice = match query_param("ok").as_deref() {
        Some("bloquee") => Some("Cette entreprise ne peut plus vous écrire."),
        Some("debloquee") => Some("Cette entreprise peut de nouveau vous écrire."),
        _ => None,
    };
    let path = format!("/messages/{}", thread.id);
    let last = thread.messages.last().map_or(0, |m| m.id);
    let typed = outcome.value("message");
    let error = outcome.error("message");
    view! {
        <PageTitle text=format!("{} — Messages — JobToMove", thread.with) />
        <IslandScripts eager=true />
        <div class="dashboard conversation">
            <p><a href="/messages">"← Messages"</a></p>
            <h1>{thread.with.clone()}</h1>
            <p class="thread-about">
                {thread.subject.clone()}
                {thread.about.clone().map(|(label, href)| view! { " · " <a href=href>{label}</a> })}
            </p>
            <Notice message=notice />
            {if thread.messages.is_empty() {
                view! { <p class="empty">"Pas encore de message : écrivez le premier."</p> }.into_any()
            } else {
                ().into_any()
            }}
            <ol class="msgs" aria-label="Messages">
                {thread.messages.iter().cloned().map(|m| view! { <Message message=m /> }).collect_view()}
            </ol>
            <LiveMessages thread=thread.id after=last />
            {match thread.closed.clone() {
                Some(reason) => view! { <p class="notice">{reason}</p> }.into_any(),
                None => view! {
                    <FormMessage outcome=outcome.clone() />
                    <form method="post" action=path.clone() class="stack-form msg-form">
                        <div class="field" class:field-invalid=error.is_some()>
                            <label for="champ-message">"Votre message"</label>
                            <textarea
                                id="champ-message"
                                name="message"
                                rows=4
                                required
                                maxlength=MESSAGE_MAX_CHARS.to_string()
                                aria-invalid=error.is_some().then_some("true")
                                aria-describedby=error.is_some().then_some("champ-message-erreur")
                            >
                                {crate::ui::form::textarea_text(typed)}
                            </textarea>
                            {error.clone().map(|e| view! { <p class="field-error" id="champ-message-erreur">{e}</p> })}
                        </div>
                        <button class="button" type="submit">"Envoyer"</button>
                    </form>
                }
                .into_any(),
            }}
            {thread.company.clone().map(|(company, name, blocked)| {
                let (action, label, hint) = if blocked {
                    ("debloquer", format!("Débloquer {name}"), "Vous avez bloqué cette entreprise : ses recruteurs ne peuvent plus vous écrire.")
                } else {
                    ("bloquer", format!("Bloquer {name}"), "Ses recruteurs ne pourront plus vous écrire. Vous pourrez changer d'avis.")
                };
                view! {
                    <section class="profile-section" aria-labelledby="bloquer">
                        <h2 id="bloquer">"Ne plus recevoir de messages"</h2>
                        <p>{hint}</p>
                        <form method="post" action="/messages/blocages">
                            <input type="hidden" name="entreprise" value=company.to_string() />
                            <input type="hidden" name="action" value=action />
                            <input type="hidden" name="suite" value=path.clone() />
                            <button class="button button-secondary" type="submit">{label}</button>
                        </form>
                    </section>
                }
            })}
        </div>
    }
}

/// One message: its text as text, links made clickable.
#[component]
fn Message(message: MessageView) -> impl IntoView {
    let body = match message.body {
        Some(body) => linkify(&body)
            .into_iter()
            .map(|segment| match segment {
                Segment::Text(text) => text.into_any(),
                Segment::Link(href) => view! {
                    <a href=href.clone() rel="nofollow noopener noreferrer ugc" target="_blank">{href.clone()}</a>
                }
                .into_any(),
            })
            .collect_view()
            .into_any(),
        None => view! { <em>"Message retiré : ce compte a été supprimé."</em> }.into_any(),
    };
    view! {
        <li class="msg" class:msg-mine=message.mine id=format!("message-{}", message.id)>
            <p class="msg-meta">
                <span class="msg-author">{if message.mine { "Vous".to_owned() } else { message.author.clone() }}</span>
                " · "
                <span>{message.sent}</span>
            </p>
            <p class="msg-body">{body}</p>
        </li>
    }
}

/// New messages of the conversation while the page is open: asks every 5
/// seconds (every 30 when the tab is hidden) for what came after the last.
#[island(lazy)]
pub fn LiveMessages(thread: i64, after: i64) -> impl IntoView {
    let (fresh, set_fresh) = signal(Vec::<MessageView>::new());
    #[cfg(feature = "hydrate")]
    {
        use leptos::server_fn::ServerFn;
        let last = std::rc::Rc::new(std::cell::Cell::new(after));
        leptos::task::spawn_local(async move {
            loop {
                let hidden = web_sys::window()
                    .and_then(|w| w.document())
                    .is_some_and(|d| d.hidden());
                sleep(if hidden { 30_000 } else { 5_000 }).await;
                let form = crate::messaging::api::since_form(thread, last.get());
                let path = <crate::messaging::api::ConversationSince as ServerFn>::PATH;
                let Some(messages) =
                    crate::ui::fetch::json::<Vec<MessageView>>(path, Some(&form)).await
                else {
                    continue;
                };
                if let Some(m) = messages.last() {
                    last.set(m.id);
                    set_fresh.update(|all| all.extend(messages));
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (thread, after, set_fresh);
    view! {
        <ol class="msgs msgs-live" aria-live="polite" aria-label="Nouveaux messages">
            {move || fresh.get().into_iter().map(|m| view! { <Message message=m /> }).collect_view()}
        </ol>
    }
}

/// Waits `ms` milliseconds in the browser.
#[cfg(feature = "hydrate")]
pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The button that opens (or finds) the thread about an application
/// (`candidature`), a company (`entreprise`) or a dossier (`dossier`).
pub fn write_button(field: &'static str, id: i64, back: String, label: String) -> impl IntoView {
    view! {
        <form method="post" action="/messages/ouvrir" class="inline-form">
            <input type="hidden" name=field value=id.to_string() />
            <input type="hidden" name="suite" value=back />
            <button class="button button-secondary" type="submit">{label}</button>
        </form>
    }
}
