//! The authorization matrix: every endpoint (pages, server functions, the
//! areas' routes, enumerated from the router) × every role × the expected
//! outcome; an endpoint without a row fails.

use crate::common::*;
use axum::body::Body;
use axum::http::Response;
use chrono::Utc;
use domain::accounts::{self, Organisation, SignUp};
use domain::auth::sessions;
use domain::places::Directory;
use domain::testing::{PASSWORD, origin, outbox, token_in, verified_candidate};

/// What a role gets from an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// 200: the page or the data.
    Ok,
    /// 303 to the log-in page.
    LogIn,
    /// 303 elsewhere: the form's action was done.
    Done,
    /// 4xx for a form or call without the expected input (the handler ran
    /// and checked it).
    Invalid,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409: a member waiting for the owner's acceptance is told so.
    Pending,
    /// 303 to the second factor's page: an administrator whose session
    /// has not passed it.
    Factor,
}

use Outcome::*;

/// One row: method, path as the router declares it (a trailing `*` is a
/// prefix, for server functions), the request sent, and the outcome for
/// anonymous, candidate, recruiter, training organisation, administrator
/// (password only), a recruiter whose request to join an existing company
/// waits for its owner, and an administrator whose session passed the
/// second factor.
struct Row {
    method: &'static str,
    path: &'static str,
    sample: &'static str,
    body: &'static str,
    outcomes: [Outcome; 7],
}

const ALL_OK: [Outcome; 7] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok];
const SIGNED_IN: [Outcome; 7] = [LogIn, Ok, Ok, Ok, Ok, Ok, Ok];
const CANDIDATE_ONLY: [Outcome; 7] = [
    LogIn, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
];
const CANDIDATE_API: [Outcome; 7] = [
    Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
];
/// A member waiting for the owner sees their own (empty) space; what needs
/// a company to act for (publishing, the CVthèque) tells them they wait.
const RECRUITER_ONLY: [Outcome; 7] = [LogIn, Forbidden, Ok, Ok, Forbidden, Ok, Forbidden];
const RECRUITER_API: [Outcome; 7] = [Forbidden, Forbidden, Ok, Ok, Forbidden, Ok, Forbidden];
const ACTING_RECRUITER_ONLY: [Outcome; 7] =
    [LogIn, Forbidden, Ok, Ok, Forbidden, Pending, Forbidden];
const ACTING_RECRUITER_API: [Outcome; 7] =
    [Forbidden, Forbidden, Ok, Ok, Forbidden, Pending, Forbidden];

/// The admin space: a visitor logs in, other roles are refused, an
/// administrator without the second factor is sent to it.
const ADMIN_ONLY: [Outcome; 7] = [
    LogIn, Forbidden, Forbidden, Forbidden, Factor, Forbidden, Ok,
];
const ADMIN_API: [Outcome; 7] = [
    Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok,
];
/// …for a form or a page about something that does not exist.
const ADMIN_NOT_FOUND: [Outcome; 7] = [
    LogIn, Forbidden, Forbidden, Forbidden, Factor, Forbidden, NotFound,
];

const MATRIX: &[Row] = &[
    // The contact form (P6).
    Row {
        method: "GET",
        path: "/contact",
        sample: "/contact?sujet=autre",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "POST",
        path: "/contact",
        sample: "/contact",
        body: "sujet=inconnu&message=",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/api/contact-objet",
        sample: "/api/contact-objet",
        body: "",
        outcomes: ALL_OK,
    },
    // B5: a candidate empties their own application.
    Row {
        method: "POST",
        path: "/espace/candidatures/{id}/effacer",
        sample: "/espace/candidatures/999999/effacer",
        body: "",
        outcomes: [
            LogIn, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/espace/candidatures/{id}/conserver",
        sample: "/espace/candidatures/999999/conserver",
        body: "choix=oui",
        outcomes: [
            LogIn, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "GET",
        path: "/candidature/conserver",
        sample: "/candidature/conserver?jeton=inconnu",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "POST",
        path: "/candidature/conserver",
        sample: "/candidature/conserver",
        body: "jeton=inconnu&choix=oui",
        outcomes: [NotFound; 7],
    },
    Row {
        method: "POST",
        path: "/api/candidature-conserver",
        sample: "/api/candidature-conserver",
        body: "jeton=inconnu",
        outcomes: [NotFound; 7],
    },
    // Reports (B2) and moderation (A4).
    Row {
        method: "GET",
        path: "/signaler",
        sample: "/signaler?offre=999999",
        body: "",
        outcomes: [NotFound; 7],
    },
    Row {
        method: "POST",
        path: "/signaler",
        sample: "/signaler",
        body: "offre=999999&motif=arnaque",
        outcomes: [NotFound; 7],
    },
    Row {
        method: "POST",
        path: "/api/signalement-objet",
        sample: "/api/signalement-objet",
        body: "offre=999999",
        outcomes: [NotFound; 7],
    },
    Row {
        method: "GET",
        path: "/admin/moderation",
        sample: "/admin/moderation?statut=ouvert",
        body: "",
        outcomes: ADMIN_ONLY,
    },
    Row {
        method: "GET",
        path: "/admin/moderation/{id}",
        sample: "/admin/moderation/999999",
        body: "",
        outcomes: ADMIN_NOT_FOUND,
    },
    Row {
        method: "POST",
        path: "/admin/moderation/{id}",
        sample: "/admin/moderation/999999",
        body: "mesure=classement&fondement=autre&faits=essai%20du%20test",
        outcomes: ADMIN_NOT_FOUND,
    },
    Row {
        method: "POST",
        path: "/api/admin-moderation",
        sample: "/api/admin-moderation",
        body: "status=ouvert",
        outcomes: ADMIN_API,
    },
    Row {
        method: "POST",
        path: "/api/admin-moderation-dossier",
        sample: "/api/admin-moderation-dossier",
        body: "id=999999",
        outcomes: [
            Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound,
        ],
    },
    // The admin space (A1–A4).
    Row {
        method: "GET",
        path: "/admin",
        sample: "/admin?statut=nouveau",
        body: "",
        outcomes: ADMIN_ONLY,
    },
    Row {
        method: "GET",
        path: "/admin/verification",
        sample: "/admin/verification",
        body: "",
        outcomes: [LogIn, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok],
    },
    Row {
        method: "POST",
        path: "/admin/verification",
        sample: "/admin/verification",
        body: "code=000000",
        outcomes: [
            LogIn, Forbidden, Forbidden, Forbidden, NotFound, Forbidden, NotFound,
        ],
    },
    Row {
        method: "GET",
        path: "/admin/demandes/{id}",
        sample: "/admin/demandes/999999",
        body: "",
        outcomes: ADMIN_NOT_FOUND,
    },
    Row {
        method: "POST",
        path: "/admin/demandes/{id}",
        sample: "/admin/demandes/999999",
        body: "action=statut&statut=traite",
        outcomes: ADMIN_NOT_FOUND,
    },
    Row {
        method: "GET",
        path: "/admin/journal",
        sample: "/admin/journal?cible=compte",
        body: "",
        outcomes: ADMIN_ONLY,
    },
    Row {
        method: "GET",
        path: "/admin/groupes",
        sample: "/admin/groupes",
        body: "",
        outcomes: ADMIN_ONLY,
    },
    Row {
        method: "POST",
        path: "/admin/groupes",
        sample: "/admin/groupes",
        body: "nom=",
        outcomes: [
            LogIn, Forbidden, Forbidden, Forbidden, Factor, Forbidden, Invalid,
        ],
    },
    Row {
        method: "POST",
        path: "/admin/groupes/{id}",
        sample: "/admin/groupes/999999",
        body: "action=modifier&nom=Groupe",
        outcomes: ADMIN_NOT_FOUND,
    },
    Row {
        method: "GET",
        path: "/admin/entreprises",
        sample: "/admin/entreprises?q=garage",
        body: "",
        outcomes: ADMIN_ONLY,
    },
    Row {
        method: "GET",
        path: "/admin/entreprises/{id}",
        sample: "/admin/entreprises/999999",
        body: "",
        outcomes: ADMIN_NOT_FOUND,
    },
    Row {
        method: "POST",
        path: "/admin/entreprises/{id}",
        sample: "/admin/entreprises/999999",
        body: "action=detacher&recruteur=999999&motif=recruteur%20parti",
        outcomes: ADMIN_NOT_FOUND,
    },
    Row {
        method: "POST",
        path: "/admin/comptes/{id}",
        sample: "/admin/comptes/999999",
        body: "action=desactiver&motif=compte%20frauduleux",
        outcomes: ADMIN_NOT_FOUND,
    },
    Row {
        method: "POST",
        path: "/api/admin-demandes",
        sample: "/api/admin-demandes",
        body: "status=nouveau",
        outcomes: ADMIN_API,
    },
    Row {
        method: "POST",
        path: "/api/admin-demande",
        sample: "/api/admin-demande",
        body: "id=999999",
        outcomes: [
            Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound,
        ],
    },
    Row {
        method: "POST",
        path: "/api/admin-groupes",
        sample: "/api/admin-groupes",
        body: "",
        outcomes: ADMIN_API,
    },
    Row {
        method: "POST",
        path: "/api/admin-entreprises",
        sample: "/api/admin-entreprises",
        body: "q=garage",
        outcomes: ADMIN_API,
    },
    Row {
        method: "POST",
        path: "/api/admin-entreprise",
        sample: "/api/admin-entreprise",
        body: "id=999999",
        outcomes: [
            Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, NotFound,
        ],
    },
    Row {
        method: "POST",
        path: "/api/admin-journal",
        sample: "/api/admin-journal",
        body: "query[page]=0",
        outcomes: ADMIN_API,
    },
    Row {
        method: "POST",
        path: "/api/facteur-admin",
        sample: "/api/facteur-admin",
        body: "",
        outcomes: [
            Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok,
        ],
    },
    // Public pages (P1–P6, X4).
    Row {
        method: "GET",
        path: "/",
        sample: "/",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/offres",
        sample: "/offres?q=mecanicien",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/offres/{offer}",
        sample: "{offer}",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/entreprises",
        sample: "/entreprises",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/entreprises/{company}",
        sample: "{company}",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/groupes/{group}",
        sample: "/groupes/inconnu",
        body: "",
        outcomes: [NotFound; 7],
    },
    Row {
        method: "GET",
        path: "/faq",
        sample: "/faq",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/mentions-legales",
        sample: "/mentions-legales",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/confidentialite",
        sample: "/confidentialite",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/cgu",
        sample: "/cgu",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/accessibilite",
        sample: "/accessibilite",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/health",
        sample: "/health",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/health/ready",
        sample: "/health/ready",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/robots.txt",
        sample: "/robots.txt",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/sitemap.xml",
        sample: "/sitemap.xml",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/sitemaps/{name}",
        sample: "/sitemaps/offres-1.xml",
        body: "",
        outcomes: ALL_OK,
    },
    // Account pages (C1, R1): open to everyone.
    Row {
        method: "GET",
        path: "/connexion",
        sample: "/connexion",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/inscription",
        sample: "/inscription",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/inscription/recruteur",
        sample: "/inscription/recruteur",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/verification",
        sample: "/verification?jeton=x",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/mot-de-passe-oublie",
        sample: "/mot-de-passe-oublie",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/mot-de-passe/nouveau",
        sample: "/mot-de-passe/nouveau?jeton=x",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/email/confirmer",
        sample: "/email/confirmer?jeton=x",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/connexion/deverrouiller",
        sample: "/connexion/deverrouiller?jeton=x",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "GET",
        path: "/candidature/remplacer",
        sample: "/candidature/remplacer?jeton=x",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "POST",
        path: "/connexion",
        sample: "/connexion",
        body: "email=&mot_de_passe=",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/inscription",
        sample: "/inscription",
        body: "email=x",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/inscription/recruteur",
        sample: "/inscription/recruteur",
        body: "email=x",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/verification",
        sample: "/verification",
        body: "jeton=faux",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/mot-de-passe-oublie",
        sample: "/mot-de-passe-oublie",
        body: "email=x",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/mot-de-passe/nouveau",
        sample: "/mot-de-passe/nouveau",
        body: "jeton=faux&mot_de_passe=x",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/email/confirmer",
        sample: "/email/confirmer",
        body: "jeton=faux",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/connexion/deverrouiller",
        sample: "/connexion/deverrouiller",
        body: "jeton=faux",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/candidature/remplacer",
        sample: "/candidature/remplacer",
        body: "jeton=faux",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/deconnexion",
        sample: "/deconnexion",
        body: "",
        outcomes: [Done; 7],
    },
    // Mon profil (C1, C9): the signed-in person only, whatever the role.
    Row {
        method: "GET",
        path: "/espace/profil",
        sample: "/espace/profil",
        body: "",
        outcomes: SIGNED_IN,
    },
    Row {
        method: "POST",
        path: "/espace/profil",
        sample: "/espace/profil",
        body: "action=informations&prenom=Zo%C3%A9&nom=Martin",
        outcomes: [LogIn, Done, Done, Done, Done, Done, Done],
    },
    Row {
        method: "GET",
        path: "/espace/profil/donnees.json",
        sample: "/espace/profil/donnees.json",
        body: "",
        outcomes: SIGNED_IN,
    },
    // The candidate space (P7, C2–C5, C8): candidates only; visitors are
    // sent to log in, other roles refused. Applying without an account is
    // for visitors; recruiters cannot apply.
    Row {
        method: "POST",
        path: "/offres/{offer}/postuler",
        sample: "{offer}/postuler",
        body: "multipart:email=x",
        outcomes: [
            Invalid, Invalid, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/offres/{offer}/favori",
        sample: "{offer}/favori",
        body: "enregistrer=1",
        outcomes: [
            LogIn, Done, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "GET",
        path: "/espace/dossiers",
        sample: "/espace/dossiers",
        body: "",
        outcomes: CANDIDATE_ONLY,
    },
    Row {
        method: "GET",
        path: "/espace/dossiers/nouveau",
        sample: "/espace/dossiers/nouveau",
        body: "",
        outcomes: CANDIDATE_ONLY,
    },
    Row {
        method: "GET",
        path: "/espace/dossiers/{id}",
        sample: "/espace/dossiers/999999",
        body: "",
        outcomes: [
            LogIn, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/espace/dossiers",
        sample: "/espace/dossiers",
        body: "multipart:titre=M%C3%A9canicien",
        outcomes: [
            LogIn, Invalid, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/espace/dossiers/{id}",
        sample: "/espace/dossiers/999999",
        body: "multipart:action=visibilite&visible=1",
        outcomes: [
            LogIn, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "GET",
        path: "/espace/candidatures",
        sample: "/espace/candidatures",
        body: "",
        outcomes: CANDIDATE_ONLY,
    },
    // The dashboards: an administrator is sent to the admin space.
    Row {
        method: "GET",
        path: "/tableau-de-bord",
        sample: "/tableau-de-bord",
        body: "",
        outcomes: [LogIn, Ok, Ok, Ok, Done, Ok, Done],
    },
    Row {
        method: "POST",
        path: "/api/tableau-de-bord-candidat",
        sample: "/api/tableau-de-bord-candidat",
        body: "",
        outcomes: CANDIDATE_API,
    },
    Row {
        method: "POST",
        path: "/api/tableau-de-bord-recruteur",
        sample: "/api/tableau-de-bord-recruteur",
        body: "",
        outcomes: RECRUITER_API,
    },
    Row {
        method: "POST",
        path: "/api/recruteur-pipeline",
        sample: "/api/recruteur-pipeline",
        body: "offer_id=999999&filter[unread]=false&filter[with_dossier]=false",
        outcomes: [
            Forbidden, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/recruteur/offres/{id}/candidatures",
        sample: "/recruteur/offres/999999/candidatures",
        body: "action=refuser&candidatures=999999",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "GET",
        path: "/espace/favoris",
        sample: "/espace/favoris",
        body: "",
        outcomes: CANDIDATE_ONLY,
    },
    // Job alerts (C7).
    Row {
        method: "GET",
        path: "/espace/alertes",
        sample: "/espace/alertes",
        body: "",
        outcomes: CANDIDATE_ONLY,
    },
    Row {
        method: "POST",
        path: "/alertes",
        sample: "/alertes",
        body: "recherche=q%3Dmecanicien&frequence=quotidienne",
        outcomes: [
            LogIn, Done, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/espace/alertes/{id}",
        sample: "/espace/alertes/999999",
        body: "action=pause",
        outcomes: [
            LogIn, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    // RFC 8058: the token is the authority, and every answer is the same page.
    Row {
        method: "GET",
        path: "/alertes/desabonnement/{token}",
        sample: "/alertes/desabonnement/inconnu",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "POST",
        path: "/alertes/desabonnement/{token}",
        sample: "/alertes/desabonnement/inconnu",
        body: "List-Unsubscribe=One-Click",
        outcomes: ALL_OK,
    },
    Row {
        method: "POST",
        path: "/api/alertes",
        sample: "/api/alertes",
        body: "",
        outcomes: CANDIDATE_API,
    },
    Row {
        method: "POST",
        path: "/api/alertes-attendu",
        sample: "/api/alertes-attendu",
        body: "",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "GET",
        path: "/fichiers/{id}",
        sample: "/fichiers/999999",
        body: "",
        outcomes: [
            LogIn, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound,
        ],
    },
    Row {
        method: "POST",
        path: "/api/encart",
        sample: "/api/encart",
        body: "",
        outcomes: CANDIDATE_API,
    },
    Row {
        method: "POST",
        path: "/api/dossiers",
        sample: "/api/dossiers",
        body: "",
        outcomes: CANDIDATE_API,
    },
    Row {
        method: "POST",
        path: "/api/dossier",
        sample: "/api/dossier",
        body: "id=999999",
        outcomes: [
            Forbidden, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/api/candidatures",
        sample: "/api/candidatures",
        body: "",
        outcomes: CANDIDATE_API,
    },
    Row {
        method: "POST",
        path: "/api/favoris",
        sample: "/api/favoris",
        body: "",
        outcomes: CANDIDATE_API,
    },
    Row {
        method: "POST",
        path: "/api/favoris-ids",
        sample: "/api/favoris-ids",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "POST",
        path: "/api/lecteur",
        sample: "/api/lecteur",
        body: "offer_id=1",
        outcomes: ALL_OK,
    },
    // The recruiter space (R3, R5, R8): recruiters and training
    // organisations only; another recruiter's offer or application is a 404.
    Row {
        method: "GET",
        path: "/recruteur/offres",
        sample: "/recruteur/offres",
        body: "",
        outcomes: RECRUITER_ONLY,
    },
    Row {
        method: "GET",
        path: "/recruteur/offres/nouvelle",
        sample: "/recruteur/offres/nouvelle",
        body: "",
        outcomes: RECRUITER_ONLY,
    },
    Row {
        method: "GET",
        path: "/recruteur/offres/{id}",
        sample: "/recruteur/offres/999999",
        body: "",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "GET",
        path: "/recruteur/offres/{id}/candidatures",
        sample: "/recruteur/offres/999999/candidatures",
        body: "",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "GET",
        path: "/recruteur/candidatures",
        sample: "/recruteur/candidatures",
        body: "",
        outcomes: RECRUITER_ONLY,
    },
    Row {
        method: "GET",
        path: "/recruteur/candidatures/{id}",
        sample: "/recruteur/candidatures/999999",
        body: "",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/recruteur/offres",
        sample: "/recruteur/offres",
        body: "action=brouillon&titre=x",
        outcomes: [
            LogIn, Forbidden, Invalid, Invalid, Forbidden, Pending, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/recruteur/offres/lot",
        sample: "/recruteur/offres/lot",
        body: "action=depublier&offres=999999",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/recruteur/offres/{id}",
        sample: "/recruteur/offres/999999",
        body: "action=depublier",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/recruteur/candidatures/{id}",
        sample: "/recruteur/candidatures/999999",
        body: "action=note&note=x",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/api/recruteur-offres",
        sample: "/api/recruteur-offres",
        body: "",
        outcomes: RECRUITER_API,
    },
    Row {
        method: "POST",
        path: "/api/recruteur-offre",
        sample: "/api/recruteur-offre",
        body: "id=999999",
        outcomes: [
            Forbidden, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/api/recruteur-candidatures",
        sample: "/api/recruteur-candidatures",
        body: "",
        outcomes: RECRUITER_API,
    },
    Row {
        method: "POST",
        path: "/api/recruteur-candidature",
        sample: "/api/recruteur-candidature",
        body: "id=999999",
        outcomes: [
            Forbidden, Forbidden, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    // The company page (R2): its owner edits; the recruiters of the test
    // matrix own theirs.
    Row {
        method: "GET",
        path: "/recruteur/entreprise",
        sample: "/recruteur/entreprise",
        body: "",
        outcomes: RECRUITER_ONLY,
    },
    Row {
        method: "POST",
        path: "/recruteur/entreprise",
        sample: "/recruteur/entreprise",
        body: "nom=",
        outcomes: [
            LogIn, Forbidden, Invalid, Invalid, Forbidden, Forbidden, Forbidden,
        ],
    },
    // R1: only the owner decides on a request to join; an unknown or
    // another company's request is a 404.
    Row {
        method: "POST",
        path: "/recruteur/entreprise/membres",
        sample: "/recruteur/entreprise/membres",
        body: "decision=accepter&membre=999999",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/recruteur/entreprise/logo",
        sample: "/recruteur/entreprise/logo",
        body: "multipart:action=envoyer",
        outcomes: [
            LogIn, Forbidden, Invalid, Invalid, Forbidden, Invalid, Forbidden,
        ],
    },
    // Messaging (C6): candidates and recruiters with an account; a thread
    // one may not read is a 404; only candidates write to a company or
    // block it.
    Row {
        method: "GET",
        path: "/messages",
        sample: "/messages",
        body: "",
        outcomes: [LogIn, Ok, Ok, Ok, Forbidden, Ok, Forbidden],
    },
    Row {
        method: "GET",
        path: "/messages/{id}",
        sample: "/messages/999999",
        body: "",
        outcomes: [
            LogIn, NotFound, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/messages/{id}",
        sample: "/messages/999999",
        body: "message=Bonjour",
        outcomes: [
            LogIn, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound,
        ],
    },
    Row {
        method: "POST",
        path: "/messages/ouvrir",
        sample: "/messages/ouvrir",
        body: "entreprise=999999",
        outcomes: [
            LogIn, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/messages/blocages",
        sample: "/messages/blocages",
        body: "entreprise=999999&action=bloquer",
        outcomes: [
            LogIn, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/api/messages",
        sample: "/api/messages",
        body: "",
        outcomes: [Forbidden, Ok, Ok, Ok, Forbidden, Ok, Forbidden],
    },
    Row {
        method: "POST",
        path: "/api/messages-non-lus",
        sample: "/api/messages-non-lus",
        body: "",
        outcomes: [Forbidden, Ok, Ok, Ok, Forbidden, Ok, Forbidden],
    },
    Row {
        method: "POST",
        path: "/api/conversation",
        sample: "/api/conversation",
        body: "id=999999",
        outcomes: [
            Forbidden, NotFound, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/api/conversation-suite",
        sample: "/api/conversation-suite",
        body: "id=999999&after=0",
        outcomes: [
            Forbidden, NotFound, NotFound, NotFound, Forbidden, NotFound, Forbidden,
        ],
    },
    // Logos are public, but only the keys companies use.
    Row {
        method: "GET",
        path: "/logos/{key}",
        sample: "/logos/inconnu",
        body: "",
        outcomes: [NotFound; 7],
    },
    Row {
        method: "POST",
        path: "/api/recruteur-entreprise",
        sample: "/api/recruteur-entreprise",
        body: "",
        outcomes: RECRUITER_API,
    },
    // The CVthèque (R6, R7).
    Row {
        method: "GET",
        path: "/recruteur/cvtheque",
        sample: "/recruteur/cvtheque?q=mecanicien",
        body: "",
        outcomes: ACTING_RECRUITER_ONLY,
    },
    Row {
        method: "GET",
        path: "/recruteur/cvtheque/{id}",
        sample: "/recruteur/cvtheque/999999",
        body: "",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, Pending, Forbidden,
        ],
    },
    Row {
        method: "GET",
        path: "/recruteur/favoris",
        sample: "/recruteur/favoris",
        body: "",
        outcomes: ACTING_RECRUITER_ONLY,
    },
    Row {
        method: "POST",
        path: "/recruteur/favoris",
        sample: "/recruteur/favoris",
        body: "candidat=999999&favori=1",
        outcomes: [
            LogIn, Forbidden, NotFound, NotFound, Forbidden, Pending, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/api/cvtheque",
        sample: "/api/cvtheque",
        body: "query[q]=x",
        outcomes: ACTING_RECRUITER_API,
    },
    Row {
        method: "POST",
        path: "/api/cvtheque-dossier",
        sample: "/api/cvtheque-dossier",
        body: "id=999999",
        outcomes: [
            Forbidden, Forbidden, NotFound, NotFound, Forbidden, Pending, Forbidden,
        ],
    },
    Row {
        method: "POST",
        path: "/api/candidats-favoris",
        sample: "/api/candidats-favoris",
        body: "",
        outcomes: ACTING_RECRUITER_API,
    },
    // Server functions: public reads, and the profile for its owner.
    Row {
        method: "GET",
        path: "/api/lieux",
        sample: "/api/lieux?text=lyo",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "POST",
        path: "/api/profil",
        sample: "/api/profil",
        body: "",
        outcomes: [Forbidden, Ok, Ok, Ok, Ok, Ok, Ok],
    },
    Row {
        method: "POST",
        path: "/api/directory_page*",
        sample: "",
        body: "",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/api/company_page*",
        sample: "",
        body: "id=1",
        outcomes: ALL_OK,
    },
    Row {
        method: "POST",
        path: "/api/group_page*",
        sample: "",
        body: "slug=inconnu",
        outcomes: [NotFound; 7],
    },
    Row {
        method: "POST",
        path: "/api/search_offers*",
        sample: "",
        body: "",
        outcomes: [Invalid; 7],
    },
    Row {
        method: "POST",
        path: "/api/latest_offers*",
        sample: "",
        body: "",
        outcomes: ALL_OK,
    },
    Row {
        method: "POST",
        path: "/api/offer_page*",
        sample: "",
        body: "id=1",
        outcomes: ALL_OK,
    },
];

/// A session of `admin` that passed the second factor.
async fn verified_admin_session(db: &sea_orm::DatabaseConnection, admin: i64) -> String {
    use sea_orm::sea_query::Expr;
    let secret = sessions::start(db, admin, "198.51.100.1", "matrix", Utc::now())
        .await
        .unwrap();
    domain::entity::session::Entity::update_many()
        .col_expr(
            domain::entity::session::Column::SecondFactorAt,
            Expr::value(Utc::now()),
        )
        .filter(domain::entity::session::Column::IdHash.eq(domain::auth::secret_hash(&secret)))
        .exec(db)
        .await
        .unwrap();
    secret
}

fn row_for(method: &str, path: &str) -> Option<&'static Row> {
    MATRIX.iter().find(|row| {
        row.method == method
            && match row.path.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => row.path == path,
            }
    })
}

fn outcome_of(response: &Response<Body>) -> Option<Outcome> {
    let status = response.status().as_u16();
    Some(match status {
        200 => Ok,
        303 if location(response).starts_with("/admin/verification") => Factor,
        303 if location(response).starts_with("/connexion")
            && !location(response).contains("ok=deconnexion") =>
        {
            LogIn
        }
        303 => Done,
        403 => Forbidden,
        404 => NotFound,
        409 => Pending,
        400 | 415 | 422 => Invalid,
        _ => return None,
    })
}

#[tokio::test]
async fn every_endpoint_has_a_row_in_the_authorization_matrix_and_each_role_gets_its_outcome() {
    let endpoints = server::http::endpoints();
    let missing: Vec<_> = endpoints
        .iter()
        .filter(|(m, p)| row_for(m, p).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the authorization matrix: {missing:?}"
    );
    let stale: Vec<_> = MATRIX
        .iter()
        .filter(|row| {
            !endpoints.iter().any(|(m, p)| {
                row_for(m, p).is_some_and(|r| r.method == row.method && r.path == row.path)
            })
        })
        .map(|row| (row.method, row.path))
        .collect();
    assert!(
        stale.is_empty(),
        "rows for endpoints that no longer exist: {stale:?}"
    );

    let app = TestApp::spawn().await;
    let db = &app.db.db;
    let now = Utc::now();
    let places = Directory::load(db).await.unwrap();
    let candidate = verified_candidate(db, "candidat@exemple.fr", "Zoé").await;
    let mut people = vec![candidate];
    for (email, kind, siret) in [
        ("recruteur@garage.fr", "recruteur", "73282932000074"),
        ("formation@cfa.fr", "organisme_formation", "44321809000001"),
    ] {
        let person = SignUp {
            email: email.into(),
            password: PASSWORD.into(),
            first_name: "Paul".into(),
            last_name: "Durand".into(),
            accepts_terms: true,
        };
        let organisation = Organisation {
            kind: kind.into(),
            name: format!("Structure {kind}"),
            siret: siret.into(),
            address: "1 rue de la Gare".into(),
            commune: "Lyon".into(),
            activity: "garage".into(),
        };
        accounts::sign_up(db, &origin(now), &person, Some((&organisation, &places)))
            .await
            .unwrap();
        let mail = outbox(db).await.pop().unwrap();
        accounts::verify_address(db, &token_in(&mail.text_body, "/verification"), now)
            .await
            .unwrap();
        let id = domain::entity::user::Entity::find()
            .filter(domain::entity::user::Column::Email.eq(email))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id;
        people.push(id);
    }
    people.push(
        accounts::create_admin(db, "admin@jobtomove.test", "Ada", "Admin", PASSWORD, now)
            .await
            .unwrap(),
    );
    // Signs up with the SIRET of the recruiter's company: waits for them.
    let pending = SignUp {
        email: "attente@garage.fr".into(),
        password: PASSWORD.into(),
        first_name: "Pierre".into(),
        last_name: "Martin".into(),
        accepts_terms: true,
    };
    let join = Organisation {
        kind: "recruteur".into(),
        name: "Structure recruteur".into(),
        siret: "73282932000074".into(),
        address: "1 rue de la Gare".into(),
        commune: "Lyon".into(),
        activity: "garage".into(),
    };
    accounts::sign_up(db, &origin(now), &pending, Some((&join, &places)))
        .await
        .unwrap();
    let mail = outbox(db)
        .await
        .into_iter()
        .rev()
        .find(|m| m.to_address == "attente@garage.fr")
        .unwrap();
    accounts::verify_address(db, &token_in(&mail.text_body, "/verification"), now)
        .await
        .unwrap();
    people.push(
        domain::entity::user::Entity::find()
            .filter(domain::entity::user::Column::Email.eq("attente@garage.fr"))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id,
    );

    let company = format!("/entreprises/garage-du-centre-{}", {
        use sea_orm::EntityTrait;
        domain::entity::company::Entity::find()
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id
    });
    let mut failures = Vec::new();
    for (method, path) in &endpoints {
        let row = row_for(method, path).unwrap();
        let sample = match row.sample {
            "" => path.clone(),
            "{company}" => company.clone(),
            other => other.replace("{offer}", &app.offer_path),
        };
        for (role, expected) in [
            "anonyme",
            "candidat",
            "recruteur",
            "organisme de formation",
            "administrateur",
            "recruteur en attente",
            "administrateur vérifié",
        ]
        .iter()
        .zip(row.outcomes)
        {
            let index = [
                "anonyme",
                "candidat",
                "recruteur",
                "organisme de formation",
                "administrateur",
                "recruteur en attente",
                "administrateur vérifié",
            ]
            .iter()
            .position(|r| r == role)
            .unwrap();
            // A fresh session per request: a log-out or a profile change
            // must not change the next one.
            let cookie = match index {
                0 => None,
                6 => Some(verified_admin_session(db, people[3]).await),
                n => Some(
                    sessions::start(db, people[n - 1], "198.51.100.1", "matrix", Utc::now())
                        .await
                        .unwrap(),
                ),
            };
            let request = if *method == "GET" {
                get(&sample, cookie.as_deref())
            } else if let Some(fields) = row.body.strip_prefix("multipart:") {
                let texts: Vec<(String, String)> = form_urlencoded::parse(fields.as_bytes())
                    .into_owned()
                    .collect();
                let texts: Vec<(&str, &str)> = texts
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_str()))
                    .collect();
                crate::common::multipart_post(
                    &sample,
                    crate::common::multipart_body(&texts, &[]),
                    cookie.as_deref(),
                )
            } else {
                form(&sample, row.body, cookie.as_deref())
            };
            let response = app.request(request).await;
            let got = outcome_of(&response);
            if got != Some(expected) {
                failures.push(format!(
                    "{method} {sample} as {role}: expected {expected:?}, got {} {:?}",
                    response.status(),
                    location(&response)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix:\n{}",
        failures.join("\n")
    );
}

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
