//! Form fields that say what is wrong next to the field, for screen readers
//! too (`aria-invalid`, `aria-describedby`).

use crate::session::FormOutcome;
use leptos::prelude::*;

/// A labelled input with its hint and its error.
#[component]
pub fn Field(
    outcome: FormOutcome,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(default = true)] required: bool,
    /// Shown again after a refused post (never for passwords).
    #[prop(default = true)]
    keep_value: bool,
) -> impl IntoView {
    let id = format!("champ-{name}");
    let error = outcome.error(name);
    let hint_id = format!("{id}-aide");
    let error_id = format!("{id}-erreur");
    let described = [
        (!hint.is_empty()).then(|| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let invalid = error.is_some();
    let value = if keep_value && kind != "password" {
        outcome.value(name)
    } else {
        String::new()
    };
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{label}{(!required).then_some(" (facultatif)")}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field-hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=id
                name=name
                type=kind
                value=value
                required=required
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=invalid.then_some("true")
                aria-describedby=(!described.is_empty()).then_some(described)
            />
            {(kind == "password")
                .then(|| view! { <super::password::PasswordVisibility input_id=format!("champ-{name}") /> })}
            {error.map(|message| view! { <p class="field-error" id=error_id>{message}</p> })}
        </div>
    }
}

/// The message for the whole form (wrong credentials, too many attempts),
/// announced to screen readers.
#[component]
pub fn FormMessage(outcome: FormOutcome, #[prop(optional)] field: &'static str) -> impl IntoView {
    let message = outcome
        .message
        .clone()
        .or_else(|| (!field.is_empty()).then(|| outcome.error(field)).flatten());
    message.map(|message| {
        view! {
            <p class="notice notice-error" role="alert">
                {message}
            </p>
        }
    })
}

/// A confirmation after a redirect (`?ok=…`), announced politely.
#[component]
pub fn Notice(message: Option<&'static str>) -> impl IntoView {
    message.map(|message| {
        view! {
            <p class="notice notice-ok" role="status">
                {message}
            </p>
        }
    })
}
