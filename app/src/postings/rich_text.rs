//! The offer description's editor (R3): a plain textarea that works
//! without JavaScript (blank lines make paragraphs, "- " makes lists),
//! turned by an island into a small rich-text editor — bold, italic,
//! subheadings, lists. The island posts HTML with `{name}_format=html`; the
//! server keeps a few tags of it (ammonia), whatever is sent.

use crate::ui::form::described;
use leptos::prelude::*;

/// The editor of `name`: `text` for the plain textarea, `html` for the
/// rich one (already sanitized by the server).
#[island(lazy)]
pub fn RichText(
    name: String,
    label: String,
    hint: String,
    text: String,
    html: String,
    error: Option<String>,
    max_chars: usize,
) -> impl IntoView {
    let id = format!("champ-{name}");
    let label_id = format!("{id}-libelle");
    let editor_id = format!("{id}-editeur");
    let invalid = error.is_some();
    let describedby = described(&id, true, invalid);
    let enhanced = RwSignal::new(false);
    let typed = text.clone();
    let format_name = format!("{name}_format");
    {
        let (area_id, editor_id) = (id.clone(), editor_id.clone());
        Effect::new(move |_| {
            // Typed into before the page came alive: keep the plain field.
            if elements(&area_id, &editor_id).is_some_and(|(area, _)| area.value() == typed) {
                run("defaultParagraphSeparator", "p");
                sync(&area_id, &editor_id);
                enhanced.set(true);
            }
        });
    }
    let ids = StoredValue::new((id.clone(), editor_id.clone()));
    let sync = move || ids.with_value(|(area_id, editor_id)| sync(area_id, editor_id));
    let button = move |label: &'static str, command: &'static str, value: &'static str| {
        view! {
            <button
                type="button"
                class="rte-button"
                on:mousedown=|event| event.prevent_default()
                on:click=move |_| {
                    run(command, value);
                    sync();
                }
            >
                {label}
            </button>
        }
    };
    let paste = move |event: leptos::ev::ClipboardEvent| {
        let text = event
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok());
        if let Some(text) = text {
            event.prevent_default();
            run("insertText", &text);
            sync();
        }
    };
    view! {
        <div class="field" class:field-invalid=invalid>
            <label id=label_id.clone() for=move || (!enhanced.get()).then(|| id.clone())>{label}</label>
            <p class="field-hint" id=format!("champ-{name}-aide")>
                {move || if enhanced.get() {
                    "Missions, profil, avantages. Mettez en forme avec les boutons ; un texte collé arrive sans mise en forme.".to_owned()
                } else {
                    hint.clone()
                }}
            </p>
            <div class="rte" hidden=move || !enhanced.get()>
                <div class="rte-toolbar" role="toolbar" aria-label="Mise en forme de la description" aria-controls=editor_id.clone()>
                    {button("Gras", "bold", "")}
                    {button("Italique", "italic", "")}
                    {button("Intertitre", "formatBlock", "h3")}
                    {button("Paragraphe", "formatBlock", "p")}
                    {button("Liste à puces", "insertUnorderedList", "")}
                    {button("Liste numérotée", "insertOrderedList", "")}
                </div>
                <div
                    id=editor_id.clone()
                    class="rte-area offer-description"
                    contenteditable="true"
                    role="textbox"
                    aria-multiline="true"
                    aria-labelledby=move || enhanced.get().then(|| label_id.clone())
                    aria-describedby=describedby.clone()
                    aria-invalid=invalid.then_some("true")
                    inner_html=html
                    on:input=move |_| sync()
                    on:paste=paste
                ></div>
            </div>
            <textarea
                id=format!("champ-{name}")
                name=name.clone()
                rows=12
                maxlength=max_chars.to_string()
                required=move || !enhanced.get()
                hidden=move || enhanced.get()
                aria-invalid=invalid.then_some("true")
                aria-describedby=describedby
            >
                {crate::ui::form::textarea_text(text)}
            </textarea>
            {error.map(|message| view! { <p class="field-error" id=format!("champ-{name}-erreur")>{message}</p> })}
            {move || enhanced.get().then(|| view! { <input type="hidden" name=format_name.clone() value="html" /> })}
        </div>
    }
}

/// The textarea and the editor of a field, by their ids.
#[cfg(feature = "hydrate")]
fn elements(
    area_id: &str,
    editor_id: &str,
) -> Option<(web_sys::HtmlTextAreaElement, web_sys::HtmlElement)> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    let area = document.get_element_by_id(area_id)?.dyn_into().ok()?;
    let editor = document.get_element_by_id(editor_id)?.dyn_into().ok()?;
    Some((area, editor))
}

#[cfg(not(feature = "hydrate"))]
fn elements(_area_id: &str, _editor_id: &str) -> Option<(Textarea, Textarea)> {
    None
}

/// Server side: no element ever (the island only acts in the browser).
#[cfg(not(feature = "hydrate"))]
struct Textarea;

#[cfg(not(feature = "hydrate"))]
impl Textarea {
    fn value(&self) -> String {
        String::new()
    }
}

/// The editor's HTML into the textarea the form posts.
fn sync(area_id: &str, editor_id: &str) {
    #[cfg(feature = "hydrate")]
    if let Some((area, editor)) = elements(area_id, editor_id) {
        area.set_value(&editor.inner_html());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (area_id, editor_id);
}

/// Runs one of the browser's editing commands on the selection.
#[cfg(feature = "hydrate")]
fn run(command: &str, value: &str) {
    use wasm_bindgen::JsCast;
    if let Some(document) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let _ = document.exec_command_with_show_ui_and_value(command, false, value);
    }
}

#[cfg(not(feature = "hydrate"))]
fn run(_command: &str, _value: &str) {}
