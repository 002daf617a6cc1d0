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

/// A `<select>` of a closed set with an empty "non précisé" choice.
pub fn select(
    outcome: &FormOutcome,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    current: String,
) -> impl IntoView + use<> {
    select_with(outcome, name, label, options, current, "Non précisé")
}

/// [`select`] whose empty choice says `empty`.
pub fn select_with(
    outcome: &FormOutcome,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    current: String,
    empty: &'static str,
) -> impl IntoView + use<> {
    let id = format!("champ-{name}");
    let error = outcome.error(name);
    let invalid = error.is_some();
    let chosen = outcome.values.get(name).cloned().unwrap_or(current);
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{label}</label>
            <select id=id.clone() name=name aria-invalid=invalid.then_some("true")
                aria-describedby=invalid.then(|| format!("{id}-erreur"))>
                <option value="">{empty}</option>
                {options.into_iter().map(|(code, text)| {
                    let selected = code == chosen;
                    view! { <option value=code selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            {error.map(|m| view! { <p class="field-error" id=format!("{id}-erreur")>{m}</p> })}
        </div>
    }
}

/// Checkboxes of a closed set.
pub fn checkboxes(
    outcome: &FormOutcome,
    name: &'static str,
    legend: &'static str,
    options: Vec<(&'static str, &'static str)>,
    current: Vec<&'static str>,
) -> impl IntoView + use<> {
    let error = outcome.error(name);
    let invalid = error.is_some();
    let chosen: Vec<String> = match outcome.values.get(name) {
        Some(posted) => posted.split(',').map(str::to_owned).collect(),
        None => current.into_iter().map(str::to_owned).collect(),
    };
    view! {
        <fieldset class="field checkboxes" class:field-invalid=invalid>
            <legend>{legend}</legend>
            {options.into_iter().map(|(code, text)| {
                let checked = chosen.iter().any(|c| c == code);
                view! {
                    <label class="choice">
                        <input type="checkbox" name=name value=code checked=checked />
                        " " {text}
                    </label>
                }
            }).collect_view()}
            {error.map(|m| view! { <p class="field-error">{m}</p> })}
        </fieldset>
    }
}

/// The text inside a `<textarea>`, as the server must write it. Tachys
/// writes a textarea's children unescaped, as for `<script>`: a
/// `</textarea>` in a letter, a note or a description would end the field
/// and the rest would become markup. The browser reads the escaped text
/// back as it was typed, so only the server's HTML is escaped. Every
/// `<textarea>` with content goes through here.
pub fn textarea_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    let text = domain::model::escape_html(&text);
    text
}

/// A labelled textarea with its hint and error; `value` when nothing was
/// posted.
#[component]
pub fn TextArea(
    outcome: FormOutcome,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] value: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(default = false)] required: bool,
    #[prop(default = 5000)] max_chars: usize,
) -> impl IntoView {
    let id = format!("champ-{name}");
    let error = outcome.error(name);
    let invalid = error.is_some();
    let text = outcome
        .values
        .get(name)
        .cloned()
        .or(value)
        .unwrap_or_default();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{label}{(!required).then_some(" (facultatif)")}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field-hint" id=format!("{id}-aide")>{hint}</p> })}
            <textarea
                id=id.clone()
                name=name
                rows=rows
                maxlength=max_chars.to_string()
                required=required
                aria-invalid=invalid.then_some("true")
                aria-describedby=described(&id, !hint.is_empty(), invalid)
            >
                {crate::ui::form::textarea_text(text)}
            </textarea>
            {error.map(|message| view! { <p class="field-error" id=format!("{id}-erreur")>{message}</p> })}
        </div>
    }
}

/// The ids of a field's hint and error, and its `aria-describedby`.
pub(crate) fn described(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [
        hint.then(|| format!("{id}-aide")),
        error.then(|| format!("{id}-erreur")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

pub fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v).to_owned(), label(*v).to_owned()))
        .collect()
}
