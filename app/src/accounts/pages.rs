//! C1 / R1 pages: log in, sign up (candidate, recruiter), address
//! confirmation, forgotten and new password, email change confirmation.
//! Plain server-rendered forms that post to their own page (the server
//! answers a refused post with the page and its errors, a good one with a
//! redirect), so they work without JavaScript.

use crate::session::{current_user, form_outcome, query_param};
use crate::ui::form::{Field, FormMessage, Notice};
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use domain::model::{CompanyActivity, safe_return_path};
use leptos::prelude::*;
use leptos_meta::Meta;

/// The confirmation a redirect asks for with `?ok=…`.
fn notice() -> Option<&'static str> {
    Some(match query_param("ok")?.as_str() {
        "inscription" => {
            "Votre compte est créé. Nous vous avons envoyé un e-mail : suivez le lien qu'il contient pour confirmer votre adresse, puis connectez-vous."
        }
        "adresse-confirmee" => "Votre adresse e-mail est confirmée. Vous pouvez vous connecter.",
        "mot-de-passe" => "Votre mot de passe a été modifié. Connectez-vous avec le nouveau.",
        "deconnexion" => "Vous êtes déconnecté.",
        "session" => "Votre session a pris fin. Connectez-vous pour continuer.",
        "email-envoye" => {
            "Si un compte utilise cette adresse, un e-mail vient de lui être envoyé avec un lien valable une heure."
        }
        "compte-supprime" => {
            "Votre compte et toutes ses données ont été supprimés. Un e-mail de confirmation vous a été envoyé."
        }
        "email-change" => {
            "Votre nouvelle adresse e-mail est confirmée : utilisez-la pour vous connecter."
        }
        "deverrouille" => "La connexion à votre compte est débloquée : connectez-vous.",
        _ => return None,
    })
}

const PASSWORD_HINT: &str = "Au moins 12 caractères. Une phrase de quelques mots sans rapport entre eux est facile à retenir et difficile à deviner.";

#[component]
pub fn LoginPage() -> impl IntoView {
    let outcome = form_outcome();
    let next = query_param("suite")
        .or_else(|| outcome.values.get("suite").cloned())
        .filter(|s| safe_return_path(s).is_some())
        .unwrap_or_default();
    let user = current_user();
    view! {
        <PageTitle text="Connexion — JobToMove" />
        <IslandScripts />
        <section class="form-page">
            <h1>"Connexion"</h1>
            <Notice message=notice() />
            {user
                .map(|user| {
                    view! {
                        <p class="notice notice-ok">
                            "Vous êtes connecté en tant que " {user.email} ". "
                            <a href="/espace/profil">"Aller à mon profil"</a>
                        </p>
                    }
                })}
            <FormMessage outcome=outcome.clone() field="connexion" />
            <form method="post" action="/connexion" class="stack-form">
                <input type="hidden" name="suite" value=next />
                <Field outcome=outcome.clone() name="email" label="Adresse e-mail" kind="email" autocomplete="username" />
                <Field outcome=outcome.clone() name="mot_de_passe" label="Mot de passe" kind="password" autocomplete="current-password" />
                <button class="button" type="submit">"Se connecter"</button>
            </form>
            <p><a href="/mot-de-passe-oublie">"J'ai oublié mon mot de passe"</a></p>
            <div class="form-aside">
                <p>"Pas encore de compte ?"</p>
                <p><a class="button button-secondary" href="/inscription">"Créer un compte candidat"</a></p>
                <p><a href="/inscription/recruteur">"Vous recrutez ? Créez un compte recruteur ou organisme de formation"</a></p>
            </div>
        </section>
    }
}

/// The terms checkbox every sign-up form ends with.
#[component]
fn TermsField(outcome: crate::session::FormOutcome) -> impl IntoView {
    let error = outcome.error("cgu");
    let invalid = error.is_some();
    view! {
        <div class="field field-check" class:field-invalid=invalid>
            <input
                id="champ-cgu"
                name="cgu"
                type="checkbox"
                value="on"
                required
                checked=outcome.value("cgu") == "on"
                aria-invalid=invalid.then_some("true")
                aria-describedby=invalid.then_some("champ-cgu-erreur")
            />
            <label for="champ-cgu">
                "J'accepte les " <a href="/cgu">"conditions générales d'utilisation"</a>
                " et j'ai lu la " <a href="/confidentialite">"politique de confidentialité"</a> "."
            </label>
            {error.map(|message| view! { <p class="field-error" id="champ-cgu-erreur">{message}</p> })}
        </div>
    }
}

/// The person's part of both sign-up forms.
#[component]
fn PersonFields(outcome: crate::session::FormOutcome) -> impl IntoView {
    view! {
        <Field outcome=outcome.clone() name="prenom" label="Prénom" autocomplete="given-name" />
        <Field outcome=outcome.clone() name="nom" label="Nom" autocomplete="family-name" />
        <Field outcome=outcome.clone() name="email" label="Adresse e-mail" kind="email" autocomplete="email" />
        <Field outcome=outcome name="mot_de_passe" label="Mot de passe" kind="password" autocomplete="new-password" hint=PASSWORD_HINT />
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let outcome = form_outcome();
    view! {
        <PageTitle text="Créer un compte candidat — JobToMove" />
        <IslandScripts />
        <Meta name="description" content="Créez votre compte candidat JobToMove pour postuler en un clic aux offres des services de l'automobile." />
        <section class="form-page">
            <h1>"Créer un compte candidat"</h1>
            <p>"Postulez en un clic, gardez vos CV et suivez vos candidatures."</p>
            <FormMessage outcome=outcome.clone() />
            <form method="post" action="/inscription" class="stack-form">
                <PersonFields outcome=outcome.clone() />
                <TermsField outcome=outcome />
                <button class="button" type="submit">"Créer mon compte"</button>
            </form>
            <p>"Déjà inscrit ? " <a href="/connexion">"Connectez-vous"</a></p>
            <p>"Vous recrutez ? " <a href="/inscription/recruteur">"Créez un compte recruteur"</a></p>
        </section>
    }
}

#[component]
pub fn RecruiterSignUpPage() -> impl IntoView {
    let outcome = form_outcome();
    let kind = match outcome.value("type").as_str() {
        "organisme_formation" => "organisme_formation",
        _ => "recruteur",
    };
    let activity = outcome.value("activite");
    let kind_error = outcome.error("type");
    let activity_error = outcome.error("activite");
    let kind_invalid = kind_error.is_some();
    let activity_invalid = activity_error.is_some();
    view! {
        <PageTitle text="Créer un compte recruteur — JobToMove" />
        <IslandScripts />
        <Meta name="description" content="Garages, concessions, carrosseries, organismes de formation : créez votre compte JobToMove pour publier vos offres et consulter la CVthèque." />
        <section class="form-page">
            <h1>"Créer un compte recruteur"</h1>
            <p>"Publiez vos offres, recevez les candidatures et consultez la CVthèque des services de l'automobile."</p>
            <FormMessage outcome=outcome.clone() />
            <form method="post" action="/inscription/recruteur" class="stack-form">
                <fieldset>
                    <legend>"Vous"</legend>
                    <PersonFields outcome=outcome.clone() />
                </fieldset>
                <fieldset>
                    <legend>"Votre structure"</legend>
                    <fieldset class="choices" aria-describedby=kind_invalid.then_some("champ-type-erreur")>
                        <legend>"Vous êtes"</legend>
                        <label class="choice">
                            <input type="radio" name="type" value="recruteur" checked=kind == "recruteur" />
                            "Une entreprise qui recrute"
                        </label>
                        <label class="choice">
                            <input type="radio" name="type" value="organisme_formation" checked=kind == "organisme_formation" />
                            "Un organisme de formation"
                        </label>
                        {kind_error.map(|m| view! { <p class="field-error" id="champ-type-erreur">{m}</p> })}
                    </fieldset>
                    <Field outcome=outcome.clone() name="entreprise" label="Nom de l'entreprise ou de l'organisme" autocomplete="organization" />
                    <Field outcome=outcome.clone() name="siret" label="Numéro SIRET" hint="14 chiffres, sur un extrait Kbis ou sur annuaire-entreprises.data.gouv.fr." />
                    <Field outcome=outcome.clone() name="adresse" label="Adresse de l'établissement" autocomplete="address-line1" />
                    <Field outcome=outcome.clone() name="commune" label="Commune" hint="Son nom ou son code postal, par exemple Lyon ou 69003." />
                    <div class="field" class:field-invalid=activity_invalid>
                        <label for="champ-activite">"Activité"</label>
                        <select
                            id="champ-activite"
                            name="activite"
                            required
                            aria-invalid=activity_invalid.then_some("true")
                            aria-describedby=activity_invalid.then_some("champ-activite-erreur")
                        >
                            <option value="">"Choisissez une activité"</option>
                            {CompanyActivity::ALL
                                .iter()
                                .map(|a| view! { <option value=a.code() selected=activity == a.code()>{a.label()}</option> })
                                .collect_view()}
                        </select>
                        {activity_error.map(|m| view! { <p class="field-error" id="champ-activite-erreur">{m}</p> })}
                    </div>
                    <p class="field-hint">"Si votre établissement est déjà inscrit, vous demanderez à rejoindre sa fiche : son responsable devra accepter votre demande."</p>
                </fieldset>
                <TermsField outcome=outcome />
                <button class="button" type="submit">"Créer mon compte recruteur"</button>
            </form>
            <p>"Déjà inscrit ? " <a href="/connexion">"Connectez-vous"</a></p>
        </section>
    }
}

/// A page that uses up an emailed token with one button (a link scanner
/// that opens the link does not use it).
#[component]
fn TokenForm(
    action: &'static str,
    title: &'static str,
    intro: &'static str,
    button: &'static str,
) -> impl IntoView {
    let outcome = form_outcome();
    let token = query_param("jeton")
        .or_else(|| outcome.values.get("jeton").cloned())
        .unwrap_or_default();
    view! {
        <PageTitle text=format!("{title} — JobToMove") />
        <Meta name="robots" content="noindex" />
        <section class="form-page">
            <h1>{title}</h1>
            <FormMessage outcome=outcome.clone() field="jeton" />
            <p>{intro}</p>
            <form method="post" action=action class="stack-form">
                <input type="hidden" name="jeton" value=token />
                <button class="button" type="submit">{button}</button>
            </form>
        </section>
    }
}

#[component]
pub fn VerifyAddressPage() -> impl IntoView {
    view! {
        <TokenForm
            action="/verification"
            title="Confirmer mon adresse e-mail"
            intro="Un dernier clic pour activer votre compte JobToMove."
            button="Confirmer mon adresse"
        />
    }
}

#[component]
pub fn ConfirmEmailChangePage() -> impl IntoView {
    view! {
        <TokenForm
            action="/email/confirmer"
            title="Confirmer ma nouvelle adresse"
            intro="Confirmez pour que votre compte utilise désormais cette adresse e-mail."
            button="Confirmer ma nouvelle adresse"
        />
    }
}

/// C1: the link emailed after too many wrong passwords.
#[component]
pub fn UnlockLogInPage() -> impl IntoView {
    view! {
        <TokenForm
            action="/connexion/deverrouiller"
            title="Débloquer la connexion"
            intro="La connexion à votre compte a été suspendue après plusieurs mots de passe erronés. Si c'était vous, débloquez-la et connectez-vous."
            button="Débloquer ma connexion"
        />
    }
}

/// B3: the link emailed when an anonymous application would replace an
/// earlier one of the same address.
#[component]
pub fn ConfirmReplacementPage() -> impl IntoView {
    view! {
        <TokenForm
            action="/candidature/remplacer"
            title="Remplacer ma candidature"
            intro="Votre nouvelle candidature remplacera celle que vous aviez déjà envoyée à cette offre : le recruteur ne verra plus que la nouvelle, avec son CV."
            button="Remplacer ma candidature"
        />
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let outcome = form_outcome();
    view! {
        <PageTitle text="Mot de passe oublié — JobToMove" />
        <section class="form-page">
            <h1>"J'ai oublié mon mot de passe"</h1>
            <Notice message=notice() />
            <FormMessage outcome=outcome.clone() />
            <p>"Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe."</p>
            <form method="post" action="/mot-de-passe-oublie" class="stack-form">
                <Field outcome=outcome name="email" label="Adresse e-mail" kind="email" autocomplete="email" />
                <button class="button" type="submit">"Recevoir le lien"</button>
            </form>
            <p><a href="/connexion">"Retour à la connexion"</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let outcome = form_outcome();
    let token = query_param("jeton")
        .or_else(|| outcome.values.get("jeton").cloned())
        .unwrap_or_default();
    view! {
        <PageTitle text="Nouveau mot de passe — JobToMove" />
        <IslandScripts />
        <Meta name="robots" content="noindex" />
        <section class="form-page">
            <h1>"Choisir un nouveau mot de passe"</h1>
            <FormMessage outcome=outcome.clone() field="jeton" />
            {outcome.error("jeton").map(|_| view! { <p><a href="/mot-de-passe-oublie">"Demander un nouveau lien"</a></p> })}
            <form method="post" action="/mot-de-passe/nouveau" class="stack-form">
                <input type="hidden" name="jeton" value=token />
                <Field outcome=outcome name="mot_de_passe" label="Nouveau mot de passe" kind="password" autocomplete="new-password" hint=PASSWORD_HINT />
                <button class="button" type="submit">"Enregistrer mon mot de passe"</button>
            </form>
        </section>
    }
}
