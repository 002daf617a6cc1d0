//! C1 "Mon profil" (`/espace/profil`): Modifier mon profil (name, email,
//! password), Mes sessions, Mes données, Supprimer mon compte. Every form
//! posts to this page with an `action`; the server re-renders it with the
//! errors of a refused form or redirects with `?ok=…`.

use crate::accounts::api::my_candidate_profile;
use crate::accounts::api::profile_page;
use crate::accounts::encart::Encart;
use crate::response::redirect_see_other;
use crate::session::{FormOutcome, form_outcome, query_param};
use crate::ui::form::{Field, FormMessage, Notice};
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::not_found::ErrorNotice;
use domain::DomainError;
use domain::model::{CandidateProfile, ProfileView, french_date, french_date_time, paris_date};
use leptos::prelude::*;
use leptos_meta::Meta;

fn notice() -> Option<&'static str> {
    Some(match query_param("ok")?.as_str() {
        "informations" => "Vos informations sont enregistrées.",
        "email" => {
            "Un lien de confirmation a été envoyé à votre nouvelle adresse. Elle remplacera l'actuelle quand vous l'aurez confirmée."
        }
        "mot-de-passe" => "Votre mot de passe est modifié. Vos autres sessions ont été fermées.",
        "session" => "La session a été fermée.",
        "candidat" => "Votre profil candidat est enregistré.",
        "email-confirmee" => "Votre nouvelle adresse e-mail est confirmée.",
        _ => return None,
    })
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new_blocking(|| (), |_| profile_page());
    let encart = Resource::new_blocking(|| (), |_| my_candidate_profile());
    view! {
        <PageTitle text="Mon profil — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(profile) => {
                        let encart = encart.await.ok();
                        view! { <Profile profile encart /> }.into_any()
                    }
                    Err(DomainError::Forbidden) => {
                        redirect_see_other("/connexion?suite=/espace/profil");
                        ().into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The hidden field that says which form of the page was posted.
fn action(name: &'static str) -> impl IntoView {
    view! { <input type="hidden" name="action" value=name /> }
}

/// The outcome for one form of the page: the outcome when that form was
/// the one posted, an empty one otherwise.
fn outcome_for(outcome: &FormOutcome, name: &str) -> FormOutcome {
    if outcome.values.get("action").map(String::as_str) == Some(name) {
        outcome.clone()
    } else {
        FormOutcome::default()
    }
}

#[component]
fn Profile(profile: ProfileView, encart: Option<CandidateProfile>) -> impl IntoView {
    let posted = form_outcome();
    let mut names = outcome_for(&posted, "informations");
    if names.values.is_empty() {
        names
            .values
            .insert("prenom".into(), profile.user.first_name.clone());
        names
            .values
            .insert("nom".into(), profile.user.last_name.clone());
    }
    let email = outcome_for(&posted, "email");
    let password = outcome_for(&posted, "mot-de-passe");
    let deletion = outcome_for(&posted, "suppression");
    let session_form = outcome_for(&posted, "session");
    let candidate_form = outcome_for(&posted, "candidat");
    let since = french_date(paris_date(profile.created_at));
    view! {
        <IslandScripts />
        <div class="profile">
            <h1>"Mon profil"</h1>
            <Notice message=notice() />
            <FormMessage outcome=posted.clone() />
            <p>
                {profile.user.first_name.clone()} " " {profile.user.last_name.clone()} " · "
                {profile.user.role.label()} " · inscrit depuis le " {since}
            </p>
            {profile.company.clone().map(|(name, href, owner)| {
                view! {
                    <p>
                        "Entreprise : " <a href=href>{name}</a>
                        {if owner { " (vous en êtes le propriétaire)" } else { " (membre)" }}
                    </p>
                }
            })}

            {(profile.user.role == domain::model::Role::Candidate).then(|| view! {
                <nav class="profile-links" aria-label="Mon espace">
                    <a href="/espace/alertes">"Mes alertes"</a>
                    " · "
                    <a href="/espace/favoris">"Mes offres sauvegardées"</a>
                </nav>
            })}
            {encart.map(|profile| view! { <Encart profile outcome=candidate_form /> })}

            <section class="profile-section" aria-labelledby="titre-informations">
                <h2 id="titre-informations">"Modifier mon profil"</h2>
                <form method="post" action="/espace/profil" class="stack-form">
                    {action("informations")}
                    <Field outcome=names.clone() name="prenom" label="Prénom" autocomplete="given-name" />
                    <Field outcome=names name="nom" label="Nom" autocomplete="family-name" />
                    <button class="button" type="submit">"Enregistrer"</button>
                </form>
            </section>

            <section class="profile-section" aria-labelledby="titre-email">
                <h2 id="titre-email">"Adresse e-mail"</h2>
                <p>"Adresse actuelle : " <strong>{profile.user.email.clone()}</strong></p>
                <form method="post" action="/espace/profil" class="stack-form">
                    {action("email")}
                    <Field outcome=email.clone() name="nouvel_email" label="Nouvelle adresse e-mail" kind="email" autocomplete="email" />
                    <Field outcome=email name="mot_de_passe_email" label="Mot de passe actuel" kind="password" autocomplete="current-password" />
                    <button class="button" type="submit">"Changer d'adresse"</button>
                </form>
            </section>

            <section class="profile-section" aria-labelledby="titre-mot-de-passe">
                <h2 id="titre-mot-de-passe">"Mot de passe"</h2>
                <form method="post" action="/espace/profil" class="stack-form">
                    {action("mot-de-passe")}
                    <Field outcome=password.clone() name="mot_de_passe_actuel" label="Mot de passe actuel" kind="password" autocomplete="current-password" />
                    <Field
                        outcome=password
                        name="nouveau_mot_de_passe"
                        label="Nouveau mot de passe"
                        kind="password"
                        autocomplete="new-password"
                        hint="Au moins 12 caractères. Vos autres sessions seront fermées."
                    />
                    <button class="button" type="submit">"Changer de mot de passe"</button>
                </form>
            </section>

            <section class="profile-section" aria-labelledby="titre-sessions">
                <h2 id="titre-sessions">"Mes sessions"</h2>
                <FormMessage outcome=session_form field="session" />
                <ul class="session-list">
                    {profile
                        .sessions
                        .iter()
                        .map(|s| {
                            view! {
                                <li class="session">
                                    <p class="session-device">
                                        {s.device.clone()}
                                        {s.current.then(|| view! { <span class="tag">"cette session"</span> })}
                                    </p>
                                    <p class="session-meta">
                                        "Ouverte le " {french_date_time(s.created_at)} " · dernière activité le "
                                        {french_date_time(s.last_seen_at)} " · adresse IP " {s.ip.clone()}
                                    </p>
                                    {(!s.current).then(|| {
                                        view! {
                                            <form method="post" action="/espace/profil">
                                                {action("session")}
                                                <input type="hidden" name="session" value=s.reference.clone() />
                                                <button class="button button-secondary" type="submit">
                                                    "Fermer cette session"
                                                </button>
                                            </form>
                                        }
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <form method="post" action="/deconnexion">
                    <button class="button button-secondary" type="submit">"Me déconnecter"</button>
                </form>
            </section>

            <section class="profile-section" aria-labelledby="titre-donnees">
                <h2 id="titre-donnees">"Mes données"</h2>
                <p>"Téléchargez tout ce que JobToMove conserve sur vous, dans un fichier JSON."</p>
                <p>
                    <a class="button button-secondary" href="/espace/profil/donnees.json" download="jobtomove-mes-donnees.json">
                        "Télécharger mes données"
                    </a>
                </p>
            </section>

            <section class="profile-section profile-danger" aria-labelledby="titre-suppression">
                <h2 id="titre-suppression">"Supprimer mon compte"</h2>
                <p>
                    "La suppression est définitive : votre compte et toutes ses données sont effacés, "
                    "et les offres que vous avez publiées sont retirées."
                </p>
                <form method="post" action="/espace/profil" class="stack-form">
                    {action("suppression")}
                    <Field outcome=deletion name="mot_de_passe_suppression" label="Mot de passe actuel" kind="password" autocomplete="current-password" />
                    <button class="button button-danger" type="submit">"Supprimer définitivement mon compte"</button>
                </form>
            </section>
        </div>
    }
}
