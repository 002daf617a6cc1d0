//! File fields and downloads: the file input with its hint and error, the
//! upload progress of application and dossier forms (an island over a plain
//! multipart post) and the link to a stored file.

use crate::session::FormOutcome;
use crate::ui::form::described;
use domain::model::file_field;
use leptos::prelude::*;

/// What `<input type=file accept>` proposes for documents.
pub const ACCEPT_DOCUMENTS: &str = ".pdf,.docx,.doc,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,application/vnd.oasis.opendocument.text";
/// …and for videos.
pub const ACCEPT_VIDEOS: &str = ".mp4,.webm,video/mp4,video/webm";

/// A labelled file input with its hint and error.
#[component]
pub fn FileField(
    outcome: FormOutcome,
    name: &'static str,
    label: &'static str,
    #[prop(default = ACCEPT_DOCUMENTS)] accept: &'static str,
    #[prop(default = "PDF, Word ou OpenDocument, 5 Mo au plus.")] hint: &'static str,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let id = format!("champ-{name}");
    let error = outcome.error(name);
    let invalid = error.is_some();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{label}{(!required).then_some(" (facultatif)")}</label>
            <p class="field-hint" id=format!("{id}-aide")>{hint}</p>
            <input
                id=id.clone()
                name=name
                type="file"
                accept=accept
                required=required
                aria-invalid=invalid.then_some("true")
                aria-describedby=described(&id, true, invalid)
            />
            {error.map(|message| view! { <p class="field-error" id=format!("{id}-erreur")>{message}</p> })}
        </div>
    }
}

pub fn file_link(file: &domain::model::FileView) -> impl IntoView + use<> {
    view! { <a href=file.path() download>{file.describe()}</a> }
}

/// The French name of a form field, for errors listed by the upload island.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn field_label(name: &str) -> &'static str {
    match name {
        "email" => "Adresse e-mail",
        "prenom" => "Prénom",
        "nom" => "Nom",
        "telephone" => "Téléphone",
        "message" => "Message",
        file_field::CV => "CV",
        file_field::LETTER => "Lettre de motivation",
        "lettre_texte" => "Lettre de motivation",
        file_field::VIDEO => "Vidéo",
        "video_lien" => "Lien de la vidéo",
        "titre" => "Titre",
        "autres" => "Autres informations",
        "dossier" => "Dossier",
        "garder_titre" => "Titre du nouveau dossier",
        _ => "Formulaire",
    }
}

/// Upload progress for the form `form_id`: once hydrated, the form is sent
/// in the background with a progress bar; refusals are listed in place
/// (and their fields marked), success goes where the server says.
/// The server's answer to an upload form posted by `UploadProgress`: where
/// to go on success, or the French message of each refused field (or of
/// the whole form).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct UploadReply {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<String>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub errors: std::collections::BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[island(lazy)]
pub fn UploadProgress(form_id: String) -> impl IntoView {
    let (percent, set_percent) = signal(None::<u32>);
    let (errors, set_errors) = signal(Vec::<String>::new());
    Effect::new(move |_| attach(&form_id, set_percent, set_errors));
    view! {
        <div class="upload-status">
            {move || {
                percent
                    .get()
                    .map(|p| {
                        view! {
                            <label class="upload-progress">
                                <span>{format!("Envoi en cours : {p} %")}</span>
                                <progress max="100" value=p></progress>
                            </label>
                        }
                    })
            }}
            <div role="alert">
                {move || {
                    let list = errors.get();
                    (!list.is_empty())
                        .then(|| {
                            view! {
                                <div class="notice notice-error">
                                    <p>"Rien n'a été envoyé. À corriger :"</p>
                                    <ul>{list.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                                </div>
                            }
                        })
                }}
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn attach(
    form_id: &str,
    set_percent: WriteSignal<Option<u32>>,
    set_errors: WriteSignal<Vec<String>>,
) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(form) = document
        .get_element_by_id(form_id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let target = form.clone();
    let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        let Ok(data) = web_sys::FormData::new_with_form(&target) else {
            return;
        };
        let Ok(request) = web_sys::XmlHttpRequest::new() else {
            return;
        };
        if request
            .open_with_async("POST", &target.action(), true)
            .is_err()
        {
            return;
        }
        let _ = request.set_request_header("Accept", "application/json");
        set_errors.set(Vec::new());
        set_percent.set(Some(0));
        let progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() && e.total() > 0.0 {
                    set_percent.set(Some((e.loaded() * 100.0 / e.total()) as u32));
                }
            });
        if let Ok(upload) = request.upload() {
            upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        }
        progress.forget();
        let answered = request.clone();
        let on_load = Closure::<dyn FnMut()>::new(move || {
            set_percent.set(None);
            let text = answered.response_text().ok().flatten().unwrap_or_default();
            let reply: UploadReply = serde_json::from_str(&text).unwrap_or_default();
            if let Some(to) = reply.redirect {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(&to);
                }
                return;
            }
            let document = web_sys::window().and_then(|w| w.document());
            let mut list: Vec<String> = Vec::new();
            for (name, message) in &reply.errors {
                list.push(format!("{} : {message}", field_label(name)));
                if let Some(input) = document
                    .as_ref()
                    .and_then(|d| d.get_element_by_id(&format!("champ-{name}")))
                {
                    let _ = input.set_attribute("aria-invalid", "true");
                }
            }
            if list.is_empty() {
                list.push(
                    reply
                        .message
                        .unwrap_or_else(|| "L'envoi a échoué. Réessayez dans un instant.".into()),
                );
            }
            set_errors.set(list);
        });
        request.set_onload(Some(on_load.as_ref().unchecked_ref()));
        on_load.forget();
        let on_error = Closure::<dyn FnMut()>::new(move || {
            set_percent.set(None);
            set_errors.set(vec![
                "Connexion impossible. Vérifiez votre connexion et réessayez.".to_owned(),
            ]);
        });
        request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        let _ = request.send_with_opt_form_data(Some(&data));
    });
    let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();
}

#[cfg(not(feature = "hydrate"))]
fn attach(
    _form_id: &str,
    _set_percent: WriteSignal<Option<u32>>,
    _set_errors: WriteSignal<Vec<String>>,
) {
}
