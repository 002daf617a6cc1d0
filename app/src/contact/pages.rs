//! P6: `/contact`. A plain form (no script): subject, message, the address
//! replies go to (the account's when signed in), and the company or offer
//! the person came from. Robots fill the hidden field and are dropped.

use crate::contact::api::contact_about;
use crate::session::{current_user, form_outcome, query_param};
use crate::ui::form::{FormMessage, TextArea, options, select_with};
use crate::ui::head::PageTitle;
use domain::model::{CONTACT_MESSAGE_MAX_CHARS, ContactSubject, case_number};
use leptos::prelude::*;

#[component]
pub fn ContactPage() -> impl IntoView {
    let outcome = form_outcome();
    let param = |name: &str| query_param(name).or_else(|| outcome.values.get(name).cloned());
    let company = param("entreprise").and_then(|v| v.parse::<i64>().ok());
    let offer = param("offre").and_then(|v| v.parse::<i64>().ok());
    let subject = param("sujet").unwrap_or_default();
    let sent = query_param("ok").as_deref() == Some("envoye");
    let case = query_param("demande").and_then(|v| v.parse::<i64>().ok());
    let target = Resource::new_blocking(move || (company, offer), |(c, o)| contact_about(c, o));
    let user = current_user();
    view! {
        <PageTitle text="Contacter l'équipe JobToMove" />
        <section class="form-page">
            <h1>"Contacter l'équipe JobToMove"</h1>
            {if sent {
                view! {
                    <div class="notice notice-ok" role="status">
                        <p>
                            {match case {
                                Some(id) => format!("Votre message est envoyé : il porte le numéro {}.", case_number(id)),
                                None => "Votre message est envoyé.".to_owned(),
                            }}
                        </p>
                        <p>"Un e-mail de confirmation vient de partir. Nous vous répondons à votre adresse, en général sous deux jours ouvrés ; pour compléter votre demande, écrivez-nous de nouveau en rappelant ce numéro."</p>
                    </div>
                    <p><a href="/">"Retour à l'accueil"</a></p>
                }
                .into_any()
            } else {
                let outcome = outcome.clone();
                view! {
                    <p>
                        "Fiche entreprise en double, recruteur parti, groupe manquant, compte à rattacher, problème de candidature : "
                        "écrivez-nous, un membre de l'équipe vous répond. Consultez aussi la "
                        <a href="/faq">"FAQ"</a> "."
                    </p>
                    <FormMessage outcome=outcome.clone() />
                    <form method="post" action="/contact" class="stack-form">
                        {select_with(
                            &outcome,
                            "sujet",
                            "Sujet",
                            options(ContactSubject::ALL, ContactSubject::code, ContactSubject::label),
                            subject,
                            "Choisissez un sujet",
                        )}
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                let target = target.await.unwrap_or_default();
                                view! {
                                    {target.company.map(|(id, name)| view! {
                                        <input type="hidden" name="entreprise" value=id.to_string() />
                                        <p class="field-hint">"Entreprise concernée : " {name}</p>
                                    })}
                                    {target.offer.map(|(id, title)| view! {
                                        <input type="hidden" name="offre" value=id.to_string() />
                                        <p class="field-hint">"Offre concernée : " {title}</p>
                                    })}
                                }
                            })}
                        </Suspense>
                        <TextArea
                            outcome=outcome.clone()
                            name="message"
                            label="Votre message"
                            hint="Donnez le nom de l'entreprise, du recruteur ou de l'offre concernés : nous irons plus vite."
                            rows=8
                            required=true
                            max_chars=CONTACT_MESSAGE_MAX_CHARS
                        />
                        {match user {
                            Some(user) => view! {
                                <p class="field-hint">"Nous vous répondrons à " <strong>{user.email}</strong> ", l'adresse de votre compte."</p>
                            }
                            .into_any(),
                            None => view! {
                                <crate::ui::form::Field outcome=outcome.clone() name="email" label="Votre adresse e-mail" kind="email" autocomplete="email" hint="Nous vous répondrons à cette adresse." />
                                <crate::ui::form::Field outcome=outcome.clone() name="nom" label="Votre nom" autocomplete="name" required=false />
                            }
                            .into_any(),
                        }}
                        <div class="hp" aria-hidden="true">
                            <label for="champ-site_web">"Ne remplissez pas ce champ"</label>
                            <input id="champ-site_web" name="site_web" type="text" tabindex="-1" autocomplete="off" />
                        </div>
                        <button class="button" type="submit">"Envoyer le message"</button>
                    </form>
                    <p class="field-hint">
                        "Vos données servent à traiter votre demande et sont conservées un an après sa clôture. "
                        <a href="/confidentialite">"Politique de confidentialité"</a>
                    </p>
                }
                .into_any()
            }}
        </section>
    }
}
