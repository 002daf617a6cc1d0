//! The header, the mobile bottom bar and the footer around every page.

use domain::model::Role;
use leptos::prelude::*;

/// One entry of the navigation: path, label, icon (an SVG path).
type Entry = (&'static str, &'static str, &'static str);

const OFFERS: Entry = (
    "/offres",
    "Offres",
    "M10 3a7 7 0 1 0 4.2 12.6l5.1 5.1 1.4-1.4-5.1-5.1A7 7 0 0 0 10 3zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10z",
);
const DOSSIERS: Entry = (
    "/espace/dossiers",
    "Mes dossiers",
    "M3 5a2 2 0 0 1 2-2h5l2 2h7a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5zm2 4v9h14V9H5z",
);
const APPLICATIONS: Entry = (
    "/espace/candidatures",
    "Candidatures",
    "M4 4h16v2H4V4zm0 5h16v2H4V9zm0 5h10v2H4v-2zm13 0 2 2 3-4 1.4 1.2-4.3 5.6L15.6 16z",
);
const PROFILE: Entry = (
    "/espace/profil",
    "Profil",
    "M12 3a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0 12c4.4 0 8 2 8 4.5V21H4v-1.5C4 17 7.6 15 12 15z",
);
const HOME: Entry = (
    crate::dashboard::pages::HOME,
    "Mon espace",
    "M12 3 2 12h3v8h6v-5h2v5h6v-8h3L12 3z",
);
const LOG_IN: Entry = (
    "/connexion",
    "Connexion",
    "M12 3a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0 12c4.4 0 8 2 8 4.5V21H4v-1.5C4 17 7.6 15 12 15z",
);
const MY_OFFERS: Entry = (
    "/recruteur/offres",
    "Mes offres",
    "M4 6h16v12H4V6zm2 2v8h12V8H6zm2 1h8v2H8V9zm0 3h5v2H8v-2z",
);
const RECEIVED: Entry = (
    "/recruteur/candidatures",
    "Candidatures",
    "M4 4h16v2H4V4zm0 5h16v2H4V9zm0 5h10v2H4v-2zm13 0 2 2 3-4 1.4 1.2-4.3 5.6L15.6 16z",
);
const CVTHEQUE: Entry = (
    "/recruteur/cvtheque",
    "CVthèque",
    "M9 3a6 6 0 0 1 4.8 9.6l1 1H16l5 5-1.4 1.4-5-5v-1.2l-1-1A6 6 0 1 1 9 3zm0 2a4 4 0 1 0 0 8 4 4 0 0 0 0-8z",
);
const MESSAGES: Entry = (
    "/messages",
    "Messages",
    "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm0 2v11.2L7.2 14H20V6H4zm3 2h10v2H7V8zm0 3h7v2H7v-2z",
);
const COMPANIES: Entry = (
    "/entreprises",
    "Entreprises",
    "M3 21V7l6-4v4l6-4v4l6-4v18H3zm4-4h2v-2H7v2zm4 0h2v-2h-2v2zm4 0h2v-2h-2v2z",
);

const ADMIN: Entry = (
    "/admin",
    "Administration",
    "M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3zm0 4a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm0 8c2.7 0 5 1.2 5.6 2.9A7.9 7.9 0 0 1 12 20a7.9 7.9 0 0 1-5.6-3.1C7 15.2 9.3 14 12 14z",
);

/// The entries of the bottom bar for the reader: candidates (and visitors,
/// who are asked to sign in on the way) get their space one tap away.
fn bottom_entries(role: Option<Role>) -> &'static [Entry] {
    match role {
        Some(Role::Candidate) => &[HOME, OFFERS, DOSSIERS, APPLICATIONS, MESSAGES],
        None => &[OFFERS, DOSSIERS, APPLICATIONS, LOG_IN],
        Some(Role::Recruiter | Role::TrainingOrganisation) => {
            &[HOME, MY_OFFERS, RECEIVED, CVTHEQUE, MESSAGES]
        }
        Some(Role::Administrator) => &[OFFERS, COMPANIES, ADMIN, PROFILE],
    }
}

/// The reader's unread messages, counted by the server for this page.
fn unread_messages() -> u64 {
    #[cfg(feature = "ssr")]
    {
        crate::session::request_extension::<domain::model::UnreadMessages>()
            .map_or(0, |unread| unread.0)
    }
    #[cfg(not(feature = "ssr"))]
    0
}

/// The unread count next to "Messages": as the page came, then asked again
/// every 30 seconds while the tab is visible.
#[island(lazy)]
pub fn UnreadBadge(count: u64) -> impl IntoView {
    let (count, set_count) = signal(count);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        loop {
            crate::messaging::pages::sleep(30_000).await;
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| !d.hidden());
            if !visible {
                continue;
            }
            let path = <crate::messaging::api::UnreadCount as leptos::server_fn::ServerFn>::PATH;
            if let Some(n) = crate::ui::fetch::json::<u64>(path, Some("")).await {
                set_count.set(n);
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = set_count;
    view! {
        <span class="badge badge-count" class:badge-empty=move || count.get() == 0>
            {move || match count.get() {
                0 => String::new(),
                n => n.to_string(),
            }}
            <span class="visually-hidden">
                {move || match count.get() {
                    0 => String::new(),
                    1 => " message non lu".to_owned(),
                    _ => " messages non lus".to_owned(),
                }}
            </span>
        </span>
    }
}

/// The current path, to mark the current entry.
fn current_path() -> String {
    leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
}

/// The mobile bottom bar (hidden on wide screens, where the header has
/// the same entries).
#[component]
pub fn BottomBar() -> impl IntoView {
    let role = crate::session::current_user().map(|u| u.role);
    let here = current_path();
    let entries = bottom_entries(role);
    let unread = unread_messages();
    view! {
        <nav class="bottom-bar" aria-label="Navigation rapide">
            {entries
                .iter()
                .map(|&(path, label, icon)| {
                    let current = here == path || here.starts_with(&format!("{path}/"));
                    view! {
                        <a href=path aria-current=current.then_some("page")>
                            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                                <path d=icon fill="currentColor"></path>
                            </svg>
                            <span>{label}</span>
                            {(path == MESSAGES.0).then(|| view! { <UnreadBadge count=unread /> })}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        // The unread badges (here and in the header) are islands: every
        // signed-in page loads them, whether or not it has its own.
        {entries.contains(&MESSAGES).then(|| view! { <crate::ui::islands::IslandScripts /> })}
    }
}

/// The site's header: skip link, brand, main navigation.
#[component]
pub fn SiteHeader() -> impl IntoView {
    // On a phone the bottom bar carries the signed-in entries: the header
    // keeps one line (class `nav-account` is hidden there).
    let user = crate::session::current_user();
    // Signed in, the logo leads to the person's dashboard.
    let (home, home_name) = match user.as_ref().map(|u| u.role) {
        None => ("/", " — accueil"),
        Some(Role::Administrator) => ("/admin", " — administration"),
        Some(_) => (crate::dashboard::pages::HOME, " — tableau de bord"),
    };
    let signed_in = user.as_ref().is_some_and(|u| u.role != Role::Administrator);
    let account = match user {
        Some(user) => view! {
            <div class="nav-account">
            {(user.role != Role::Administrator).then(|| view! {
                <a href=crate::dashboard::pages::HOME>"Tableau de bord"</a>
            })}
            {(user.role == Role::Candidate).then(|| view! {
                <a href="/espace/dossiers">"Mes dossiers"</a>
                <a href="/espace/candidatures">"Candidatures"</a>
            })}
            {user.is_recruiter().then(|| view! {
                <a href="/recruteur/offres">"Mes offres"</a>
                <a href="/recruteur/candidatures">"Candidatures"</a>
                <a href="/recruteur/cvtheque">"CVthèque"</a>
            })}
            {(user.role == Role::Administrator).then(|| view! { <a href="/admin">"Administration"</a> })}
            {(user.role == Role::Candidate || user.is_recruiter()).then(|| view! {
                <a href="/messages">"Messages" <UnreadBadge count=unread_messages() /></a>
            })}
            <a href="/espace/profil">"Mon profil"</a>
            <form method="post" action="/deconnexion" class="inline-form">
                <button type="submit" class="link-button">"Déconnexion"</button>
            </form>
            </div>
        }
        .into_any(),
        None => view! { <a href="/connexion">"Connexion"</a> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#contenu">
            "Aller au contenu"
        </a>
        <header class="site-header">
            <div class="site-header-inner">
                <a class="brand" href=home>
                    <span class="brand-mark" aria-hidden="true">
                        "J"
                    </span>
                    <span class="brand-name">"JobToMove"</span>
                    <span class="visually-hidden">{home_name}</span>
                </a>
                <nav class="site-nav" aria-label="Navigation principale">
                    <a href="/offres">"Offres"</a>
                    // Signed in, the footer's directory link is enough: the
                    // header keeps to one line on a laptop.
                    {(!signed_in).then(|| view! { <a href="/entreprises">"Entreprises"</a> })}
                    {account}
                </nav>
            </div>
        </header>
    }
}

/// The site's footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <nav aria-label="Informations">
                <ul class="footer-links">
                    <li><a href="/faq">"Questions fréquentes"</a></li>
                    <li><a href="/contact">"Contact"</a></li>
                    <li><a href="/entreprises">"Annuaire des entreprises"</a></li>
                    <li><a href="/mentions-legales">"Mentions légales"</a></li>
                    <li><a href="/confidentialite">"Confidentialité"</a></li>
                    <li><a href="/cgu">"Conditions d'utilisation"</a></li>
                    <li><a href="/accessibilite">"Accessibilité : partiellement conforme"</a></li>
                </ul>
            </nav>
            <p>
                "JobToMove, le portail de l'emploi et du recrutement des services de l'automobile : "
                "garages, concessions, carrosseries, contrôle technique, poids lourds, deux-roues, "
                "location et pièces."
            </p>
        </footer>
    }
}
