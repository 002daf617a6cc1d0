//! C8: the heart that saves an offer, on its page and on result cards: a
//! plain form, saved in place once hydrated.

use leptos::prelude::*;

/// The saved offers of the reader, when a page knows them: cards then show
/// a heart.
#[derive(Debug, Clone, Default)]
pub struct SavedOffers(pub Vec<i64>);

/// Gives the cards of the page their hearts when the reader is a
/// candidate (`ids`: the offers they saved).
pub fn provide_saved_offers(ids: Result<Vec<i64>, domain::DomainError>) {
    if crate::session::current_user().is_some_and(|u| u.role == domain::model::Role::Candidate) {
        provide_context(SavedOffers(ids.unwrap_or_default()));
    }
}

/// C8: the heart. A form that posts to the offer's `favori` route (so it
/// works without JavaScript); once hydrated it saves in place.
#[island(lazy)]
pub fn SaveOffer(
    /// The offer's path, `/offres/{slug}-{id}`.
    offer_path: String,
    saved: bool,
    /// The offer's title, for the button's accessible name on cards.
    title: String,
    compact: bool,
) -> impl IntoView {
    let (saved, set_saved) = signal(saved);
    let (failed, set_failed) = signal(false);
    let action = format!("{offer_path}/favori");
    let post_to = action.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let wanted = !saved.get_untracked();
        let url = post_to.clone();
        leptos::task::spawn_local(async move {
            let ok = post_save(&url, wanted).await;
            set_failed.set(!ok);
            if ok {
                set_saved.set(wanted);
            }
        });
    };
    let label = if compact {
        format!("Sauvegarder l'offre « {title} »")
    } else {
        "Sauvegarder l'offre".to_owned()
    };
    view! {
        <form method="post" action=action class="save-offer" class:save-offer-compact=compact on:submit=submit>
            <input type="hidden" name="enregistrer" value=move || if saved.get() { "0" } else { "1" } />
            <input type="hidden" name="suite" value=offer_path.clone() />
            <button
                type="submit"
                class="heart"
                aria-pressed=move || if saved.get() { "true" } else { "false" }
                aria-label=compact.then(|| label.clone())
            >
                <span class="heart-icon" aria-hidden="true">{move || if saved.get() { "♥" } else { "♡" }}</span>
                {(!compact).then(|| view! { <span>{label.clone()}</span> })}
            </button>
            <span class="visually-hidden" role="status">
                {move || if failed.get() { "L'offre n'a pas pu être sauvegardée. Réessayez." } else { "" }}
            </span>
        </form>
    }
}

#[cfg(feature = "hydrate")]
async fn post_save(url: &str, save: bool) -> bool {
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;
    let Some(window) = web_sys::window() else {
        return false;
    };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(if save {
        "enregistrer=1"
    } else {
        "enregistrer=0"
    }));
    let Ok(headers) = web_sys::Headers::new() else {
        return false;
    };
    let _ = headers.set("Content-Type", "application/x-www-form-urlencoded");
    let _ = headers.set("Accept", "application/json");
    init.set_headers(&headers);
    match JsFuture::from(window.fetch_with_str_and_init(url, &init)).await {
        Ok(response) => web_sys::Response::from(response).ok(),
        Err(_) => false,
    }
}

#[cfg(not(feature = "hydrate"))]
async fn post_save(_url: &str, _save: bool) -> bool {
    false
}
