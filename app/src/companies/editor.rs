//! R1, R2: "Ma fiche entreprise" — the owner edits the company page, its
//! logo, and accepts who joins; other members read it.

use crate::session::{FormOutcome, form_outcome, query_param};
use crate::ui::files::FileField;
use crate::ui::form::TextArea;
use crate::ui::form::options;
use crate::ui::form::{Field, FormMessage, Notice, select_with};
use crate::ui::head::PageTitle;
use crate::ui::signed_in_page;
use crate::ui::tabs::Tabs;
use leptos::prelude::*;
use leptos_meta::Meta;

/// R2: `/recruteur/entreprise`, "Éditer ma fiche".
#[component]
pub fn CompanyEditPage() -> impl IntoView {
    let company = Resource::new_blocking(|| (), |_| crate::companies::api::my_company());
    view! {
        <PageTitle text="Ma fiche entreprise — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(company.await, "/recruteur/entreprise", |company| view! { <CompanyEditor company /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn CompanyEditor(company: domain::model::CompanyEdit) -> impl IntoView {
    use domain::model::CompanyActivity;
    let mut outcome = form_outcome();
    if outcome.values.is_empty() {
        outcome.values = company.values.clone();
    }
    let notice = match query_param("ok").as_deref() {
        Some("enregistree") => {
            Some("Votre fiche est enregistrée : l'annuaire et la page de l'entreprise sont à jour.")
        }
        Some("logo") => Some("Votre logo est en ligne."),
        Some("logo-retire") => Some("Votre logo est retiré."),
        Some("membre-accepte") => Some(
            "Demande acceptée : ce recruteur agit désormais pour l'entreprise. Il en est informé par e-mail.",
        ),
        Some("membre-refuse") => Some("Demande refusée : ce recruteur en est informé par e-mail."),
        _ => None,
    };
    let requests = company.join_requests.clone();
    let requested_group = company.requested_group.clone();
    let groups = company.groups.clone();
    let chosen_group = outcome.value("groupe");
    view! {
        <div class="dashboard">
            <h1>"Ma fiche entreprise"</h1>
            <Tabs current="/recruteur/entreprise" />
            <Notice message=notice />
            <p><a href=company.path.clone()>"Voir la page publique de " {company.name.clone()}</a></p>
            {if company.owner {
                view! {
                    <FormMessage outcome=outcome.clone() />
                    <JoinRequests requests />
                    <LogoEditor outcome=outcome.clone() name=company.name.clone() logo=company.logo.clone() />
                    <form method="post" action="/recruteur/entreprise" class="stack-form editor">
                        <Field outcome=outcome.clone() name="nom" label="Nom de l'entreprise" autocomplete="organization" />
                        {select_with(&outcome, "activite", "Activité", options(CompanyActivity::ALL, CompanyActivity::code, CompanyActivity::label), outcome.value("activite"), "Choisir…")}
                        <TextArea outcome=outcome.clone() name="description" label="Présentation" rows=8 hint="Ce que fait l'entreprise, l'équipe, ce qu'elle offre." />
                        <Field outcome=outcome.clone() name="adresse" label="Adresse" autocomplete="address-line1" required=false />
                        <Field outcome=outcome.clone() name="commune" label="Commune" hint="Nom ou code postal, par exemple « Lyon (69) »." required=false />
                        <Field outcome=outcome.clone() name="site" label="Site internet" kind="url" required=false />
                        <Field outcome=outcome.clone() name="contact_email" label="E-mail de contact public" kind="email" required=false />
                        <Field outcome=outcome.clone() name="contact_telephone" label="Téléphone de contact public" kind="tel" required=false />
                        <Field outcome=outcome.clone() name="siret" label="SIRET" required=false />
                        <div class="field">
                            <label for="champ-groupe">"Groupe de distribution (facultatif)"</label>
                            <select id="champ-groupe" name="groupe">
                                <option value="">"Aucun groupe"</option>
                                {groups.into_iter().map(|(slug, name)| {
                                    let selected = slug == chosen_group;
                                    view! { <option value=slug selected=selected>{name}</option> }
                                }).collect_view()}
                            </select>
                            <p class="field-hint">"Le rattachement à un groupe est vérifié par l'équipe JobToMove avant d'apparaître sur votre page. Votre groupe n'est pas dans la liste ? Écrivez-nous : nous le créerons."</p>
                            {requested_group.map(|group| view! {
                                <p class="notice">"Demande de rattachement au groupe « " {group} " » en attente de validation par l'équipe JobToMove."</p>
                            })}
                        </div>
                        <button class="button" type="submit">"Enregistrer ma fiche"</button>
                    </form>
                }
                .into_any()
            } else {
                view! {
                    {company.pending.then(|| {
                        let message = match company.owner_name.clone() {
                            Some(owner) => format!("Votre demande pour rejoindre {} attend l'accord du responsable de sa fiche : {owner}. Il a été prévenu par e-mail. En attendant, vous ne pouvez ni publier d'offre au nom de l'entreprise, ni lire ses messages, ni consulter la CVthèque.", company.name),
                            None => format!("{} n'a pas encore de responsable sur JobToMove : l'équipe JobToMove doit vérifier que vous la représentez avant que vous puissiez publier en son nom. Écrivez-nous par le formulaire de contact avec un justificatif (extrait Kbis, adresse e-mail de l'entreprise).", company.name),
                        };
                        view! { <p class="notice notice-pending" role="status">{message}</p> }
                    })}
                    <p class="notice">
                        "Seul le premier recruteur qui a créé la fiche peut la modifier"
                        {company.owner_name.clone().map(|name| format!(" : {name}"))}
                        ". Demandez-lui de la mettre à jour, ou "
                        <a href=format!("/contact?sujet=proprietaire-parti&entreprise={}", company.id)>"écrivez-nous"</a>
                        " s'il a quitté l'entreprise."
                    </p>
                    <dl class="facts">
                        {company.values.iter().filter(|(k, _)| k.as_str() != "groupe").map(|(k, v)| view! {
                            <div class="fact"><dt>{company_label(k)}</dt><dd>{v.clone()}</dd></div>
                        }).collect_view()}
                    </dl>
                }
                .into_any()
            }}
        </div>
    }
}

/// R1: the recruiters waiting to join the company, each accepted or
/// refused by the owner with one button.
#[component]
fn JoinRequests(requests: Vec<domain::model::JoinRequest>) -> impl IntoView {
    (!requests.is_empty()).then(|| view! {
        <section class="join-requests" id="demandes" aria-labelledby="titre-demandes">
            <h2 id="titre-demandes">"Demandes pour rejoindre l'entreprise"</h2>
            <p>"Ces personnes ont créé un compte recruteur avec le SIRET de l'entreprise. N'acceptez que celles que vous connaissez : elles pourront publier en son nom, lire ses messages et consulter la CVthèque."</p>
            <ul class="join-list">
                {requests.into_iter().map(|r| {
                    let member = r.user_id.to_string();
                    let asked = domain::model::french_date(domain::model::paris_date(r.asked_at));
                    view! {
                        <li class="join-item">
                            <p><strong>{r.name.clone()}</strong> " — " {r.email.clone()} <br /> <span class="meta">"Demande du " {asked}</span></p>
                            <form method="post" action="/recruteur/entreprise/membres" class="join-actions">
                                <input type="hidden" name="membre" value=member />
                                <button class="button" type="submit" name="decision" value="accepter">"Accepter " {r.name.clone()}</button>
                                <button class="button button-secondary" type="submit" name="decision" value="refuser">"Refuser"</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

/// R2: the company's logo, its replacement and its removal (multipart
/// forms of their own, so the company form stays light).
#[component]
fn LogoEditor(outcome: FormOutcome, name: String, logo: Option<String>) -> impl IntoView {
    let has_logo = logo.is_some();
    view! {
        <section class="logo-editor" aria-labelledby="titre-logo">
            <h2 id="titre-logo">"Logo"</h2>
            {match logo {
                Some(src) => view! {
                    <img class="company-logo" src=src alt=format!("Logo actuel de {name}") width="96" height="96" />
                }.into_any(),
                None => view! { <p class="logo-none">"Pas encore de logo : il apparaît sur votre page et dans l'annuaire."</p> }.into_any(),
            }}
            <form method="post" action="/recruteur/entreprise/logo" enctype="multipart/form-data" class="stack-form">
                <FileField outcome=outcome.clone() name="logo" label=if has_logo { "Nouveau logo" } else { "Votre logo" } accept="image/png,image/jpeg,image/webp" hint="PNG, JPEG ou WebP, 2 Mo au plus ; il sera réduit à 256 × 256 pixels." required=true />
                <button class="button" type="submit">"Envoyer le logo"</button>
            </form>
            {has_logo.then(|| view! {
                <form method="post" action="/recruteur/entreprise/logo" enctype="multipart/form-data">
                    <input type="hidden" name="action" value="retirer" />
                    <button class="button button-secondary" type="submit">"Retirer le logo"</button>
                </form>
            })}
        </section>
    }
}

fn company_label(field: &str) -> &'static str {
    match field {
        "nom" => "Nom",
        "activite" => "Activité",
        "description" => "Présentation",
        "adresse" => "Adresse",
        "commune" => "Commune",
        "site" => "Site internet",
        "contact_email" => "E-mail de contact",
        "contact_telephone" => "Téléphone",
        "siret" => "SIRET",
        _ => "",
    }
}
