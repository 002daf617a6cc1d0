//! Sharing an offer: copy its link (an island; hidden until it can work).

use leptos::prelude::*;

/// "Copier le lien": copies the offer's canonical URL to the clipboard and
/// says so. Rendered hidden on the server and shown once hydrated, so a
/// visitor without JavaScript never meets a button that does nothing.
#[island(lazy)]
pub fn ShareOffer(url: String) -> impl IntoView {
    let (ready, set_ready) = signal(false);
    let (status, set_status) = signal(String::new());
    Effect::new(move |_| set_ready.set(true));
    let copy = move |_| {
        let url = url.clone();
        leptos::task::spawn_local(async move {
            let message = match copy_to_clipboard(&url).await {
                Ok(()) => "Lien copié dans le presse-papiers.".to_owned(),
                Err(()) => format!("Copie impossible. Voici le lien : {url}"),
            };
            set_status.set(message);
        });
    };
    view! {
        <div class="share" hidden=move || !ready.get()>
            <button type="button" class="button button-secondary" on:click=copy>
                "Copier le lien"
            </button>
            <p class="share-status" role="status" aria-live="polite">
                {move || status.get()}
            </p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
async fn copy_to_clipboard(text: &str) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| ())
}

#[cfg(not(feature = "hydrate"))]
async fn copy_to_clipboard(_text: &str) -> Result<(), ()> {
    Err(())
}
