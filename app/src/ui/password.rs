//! "Afficher le mot de passe": lets a person on a phone check what they
//! typed (ASVS 2.1.12). An island, hidden until it can work.

use leptos::prelude::*;

/// A toggle that shows or hides the password of the input `input_id`.
/// Invisible until hydrated, but its room is kept: nothing moves under the
/// finger when it appears.
#[island(lazy)]
pub fn PasswordVisibility(input_id: String) -> impl IntoView {
    let (ready, set_ready) = signal(false);
    let (shown, set_shown) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    let target = input_id.clone();
    let toggle = move |_| {
        let show = !shown.get_untracked();
        set_input_type(&target, if show { "text" } else { "password" });
        set_shown.set(show);
    };
    view! {
        <button
            type="button"
            class="password-toggle"
            class:password-toggle-pending=move || !ready.get()
            aria-controls=input_id
            aria-pressed=move || if shown.get() { "true" } else { "false" }
            on:click=toggle
        >
            {move || if shown.get() { "Masquer le mot de passe" } else { "Afficher le mot de passe" }}
        </button>
    }
}

#[cfg(feature = "hydrate")]
fn set_input_type(id: &str, kind: &str) {
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = input.set_attribute("type", kind);
    }
}

#[cfg(not(feature = "hydrate"))]
fn set_input_type(_id: &str, _kind: &str) {}
