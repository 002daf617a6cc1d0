//! The "Postuler" part of an offer's page (P7, C4): the right action for
//! the offer's way of applying and for the reader — a visitor gets the
//! one-click form (email + CV), a candidate picks a dossier or sends files,
//! a recruiter is told why there is no form.

use crate::applications::api::Reader;
use crate::session::{form_outcome, query_param};
use crate::ui::files::{FileField, UploadProgress};
use crate::ui::form::TextArea;
use crate::ui::form::{Field, FormMessage};
use domain::model::{ApplyMethod, OfferDetail, Role, file_field, french_date, paris_date};
use leptos::prelude::*;

/// The confirmation after an application (`?candidature=…`).
fn confirmation(signed_in: bool) -> Option<String> {
    let follow = if signed_in {
        " Suivez-la dans « Mes candidatures »."
    } else {
        " Le recruteur vous répondra par e-mail ou par téléphone."
    };
    let text = match query_param("candidature")?.as_str() {
        "envoyee" => "Votre candidature est envoyée. Un e-mail de confirmation vous a été adressé.",
        "remplacee" => {
            "Votre candidature est envoyée. Elle remplace celle que vous aviez déjà envoyée à cette offre : le recruteur ne voit que la plus récente."
        }
        "a-confirmer" => {
            return Some("Vous aviez déjà postulé à cette offre avec cette adresse. Pour que cette nouvelle candidature remplace la précédente, suivez le lien que nous venons de vous envoyer par e-mail (valable 48 heures) ; sans cela, la précédente reste telle quelle.".into());
        }
        _ => return None,
    };
    Some(format!("{text}{follow}"))
}

#[component]
pub fn ApplySection(offer: OfferDetail, reader: Reader) -> impl IntoView {
    let signed_in = reader.role.is_some();
    let done = confirmation(signed_in);
    let action = format!("{}/postuler", offer.path());
    let body = match offer.apply_method {
        ApplyMethod::Email => {
            let email = offer.apply_email.clone().unwrap_or_default();
            let subject = format!("Candidature : {}", offer.title).replace(' ', "%20");
            view! {
                <p>"Le recruteur reçoit les candidatures à cette offre par e-mail. Joignez votre CV à votre message."</p>
                <p><a class="button" href=format!("mailto:{email}?subject={subject}")>"Postuler par e-mail"</a></p>
                <p class="field-hint">{email.clone()}</p>
            }
            .into_any()
        }
        ApplyMethod::External => {
            let url = offer.apply_url.clone().unwrap_or_default();
            view! {
                <p>"Le recruteur reçoit les candidatures à cette offre sur son site."</p>
                <p><a class="button" href=url rel="noopener nofollow external">"Postuler sur le site du recruteur"</a></p>
            }
            .into_any()
        }
        ApplyMethod::Portal => match reader.role {
            None => view! { <AnonymousForm action /> }.into_any(),
            Some(Role::Candidate) => view! { <AccountForm action reader /> }.into_any(),
            Some(_) => view! {
                <p>
                    "Vous êtes connecté avec un compte recruteur : pour postuler, "
                    "déconnectez-vous ou utilisez un compte candidat."
                </p>
            }
            .into_any(),
        },
    };
    view! {
        <section class="apply" id="postuler" aria-labelledby="titre-postuler">
            <h2 id="titre-postuler">"Postuler"</h2>
            {done.map(|text| view! { <p class="notice notice-ok" role="status">{text}</p> })}
            {body}
        </section>
    }
}

/// P7: email + CV, the rest optional. A honeypot field stays empty for people.
#[component]
fn AnonymousForm(action: String) -> impl IntoView {
    let outcome = form_outcome();
    view! {
        <p>
            "Sans compte : votre adresse e-mail et votre CV suffisent. "
            <a href="/connexion">"Connectez-vous"</a>" pour postuler avec vos dossiers et suivre vos candidatures."
        </p>
        <FormMessage outcome=outcome.clone() />
        <form id="form-candidature" method="post" action=action enctype="multipart/form-data" class="stack-form">
            <Field outcome=outcome.clone() name="email" label="Adresse e-mail" kind="email" autocomplete="email" />
            <FileField outcome=outcome.clone() name=file_field::CV label="CV" required=true />
            <details class="more-fields" open=outcome.errors.keys().any(|k| k != "email" && k != file_field::CV)>
                <summary>"Ajouter un nom, un téléphone, une lettre ou un message"</summary>
                <Field outcome=outcome.clone() name="prenom" label="Prénom" autocomplete="given-name" required=false />
                <Field outcome=outcome.clone() name="nom" label="Nom" autocomplete="family-name" required=false />
                <Field outcome=outcome.clone() name="telephone" label="Téléphone" kind="tel" autocomplete="tel" required=false />
                <FileField outcome=outcome.clone() name=file_field::LETTER label="Lettre de motivation" />
                <TextArea outcome=outcome.clone() name="message" label="Message au recruteur" />
            </details>
            <div class="honeypot" aria-hidden="true">
                <label for="champ-site_web">"Ne pas remplir ce champ"</label>
                <input id="champ-site_web" name="site_web" type="text" tabindex="-1" autocomplete="off" />
            </div>
            <UploadProgress form_id="form-candidature".to_owned() />
            <button class="button" type="submit">"Envoyer ma candidature"</button>
            <p class="field-hint">
                "Le recruteur qui a publié l'offre reçoit vos documents et vos coordonnées. "
                "Vous recevez une copie par e-mail. "
                <a href="/confidentialite">"Vos données"</a>
            </p>
        </form>
    }
}

/// C4: a saved dossier, or files for this application only (kept as a new
/// dossier if asked), and a message.
#[component]
fn AccountForm(action: String, reader: Reader) -> impl IntoView {
    let outcome = form_outcome();
    let chosen = outcome.value("dossier");
    let has_dossiers = !reader.dossiers.is_empty();
    let dossier_error = outcome.error("dossier");
    view! {
        {reader.applied_at.map(|at| view! {
            <p class="notice">
                {format!("Vous avez postulé à cette offre le {}. ", french_date(paris_date(at)))}
                "Une nouvelle candidature remplacera la précédente. "
                <a href="/espace/candidatures">"Mes candidatures"</a>
            </p>
        })}
        <FormMessage outcome=outcome.clone() />
        <form id="form-candidature" method="post" action=action enctype="multipart/form-data" class="stack-form">
            {has_dossiers.then(|| view! {
                <fieldset class="field" class:field-invalid=dossier_error.is_some()>
                    <legend>"Avec un de mes dossiers"</legend>
                    {reader.dossiers.iter().enumerate().map(|(i, (id, title))| {
                        let checked = if chosen.is_empty() { i == 0 } else { chosen == id.to_string() };
                        view! {
                            <label class="choice">
                                <input type="radio" name="dossier" value=id.to_string() checked=checked />
                                {title.clone()}
                            </label>
                        }
                    }).collect_view()}
                    <label class="choice">
                        <input type="radio" name="dossier" value="aucun" checked=chosen == "aucun" />
                        "Envoyer d'autres documents"
                    </label>
                    {dossier_error.clone().map(|e| view! { <p class="field-error">{e}</p> })}
                </fieldset>
            })}
            <fieldset class="field">
                <legend>{if has_dossiers { "Ou avec d'autres documents" } else { "Vos documents" }}</legend>
                {has_dossiers.then(|| view! {
                    <p class="field-hint">"Choisissez « Envoyer d'autres documents » ci-dessus pour les utiliser."</p>
                })}
                <FileField outcome=outcome.clone() name=file_field::CV label="CV" required=!has_dossiers />
                <FileField outcome=outcome.clone() name=file_field::LETTER label="Lettre de motivation" />
                <Field
                    outcome=outcome.clone()
                    name="garder_titre"
                    label="Garder ces documents comme dossier, intitulé"
                    hint="Par exemple le métier visé. Laissez vide pour ne pas les garder."
                    required=false
                />
            </fieldset>
            <TextArea outcome=outcome.clone() name="message" label="Message au recruteur" />
            <UploadProgress form_id="form-candidature".to_owned() />
            <button class="button" type="submit">"Envoyer ma candidature"</button>
            <p class="field-hint"><a href="/espace/dossiers/nouveau">"Créer un dossier"</a>" pour postuler plus vite la prochaine fois."</p>
        </form>
    }
}
