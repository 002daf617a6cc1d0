//! C3: showing a dossier to recruiters or hiding it, in one tap: a plain
//! form (it works without JavaScript and comes back to the page it was
//! on); once hydrated the switch flips at once and the server's answer
//! confirms it — or puts it back with the reason. A toggle button
//! (`aria-pressed`): a submit button may not take the switch role.

use leptos::prelude::*;

#[island(lazy)]
pub fn VisibilityToggle(
    /// The dossier's form action, `/espace/dossiers/{id}`.
    action: String,
    visible: bool,
    title: String,
    /// Where the plain form comes back to.
    back: String,
) -> impl IntoView {
    let (visible, set_visible) = signal(visible);
    let (error, set_error) = signal(None::<String>);
    let form = NodeRef::<leptos::html::Form>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            let Some((url, body)) = form
                .get_untracked()
                .and_then(|f| crate::ui::post::read_form(&f))
            else {
                return;
            };
            event.prevent_default();
            let was = visible.get_untracked();
            set_visible.set(!was);
            set_error.set(None);
            leptos::task::spawn_local(async move {
                if let Err(reason) = crate::ui::post::send(&url, &body).await {
                    set_visible.set(was);
                    set_error.set(Some(reason));
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, set_visible, set_error, form);
    };
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="visibility-toggle" node_ref=form on:submit=submit>
            <input type="hidden" name="action" value="visibilite" />
            <input type="hidden" name="visible" value=move || if visible.get() { "0" } else { "1" } />
            <input type="hidden" name="suite" value=back />
            <button
                type="submit"
                class="switch"
                aria-pressed=move || if visible.get() { "true" } else { "false" }
            >
                <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
                <span class="visually-hidden">{format!("Dossier « {title} » : ")}</span>
                "Visible des recruteurs"
            </button>
            <span class="field-error" role="status">{move || error.get()}</span>
        </form>
    }
}
