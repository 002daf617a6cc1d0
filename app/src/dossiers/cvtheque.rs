//! The CVthèque (R6, R7): search form and results, a dossier with its
//! candidate's profile, "candidats favoris". Recruiters and training
//! organisations only. The search is a GET form (the URL holds it).

use crate::dossiers::api::{favorite_candidates, search_dossiers, visible_dossier};
use crate::session::form_outcome;
use crate::ui::form::FormMessage;
use crate::ui::head::PageTitle;
use crate::ui::not_found::NotFound;
use crate::ui::pagination::Pagination;
use crate::ui::signed_in_page;
use crate::ui::tabs::Tabs;
use domain::model::{
    Availability, CandidateProfile, CvQuery, CvResults, Diploma, DrivingLicence, FileView,
    JobFamily, VisibleDossier, french_date, paris_date,
};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

/// "BTS, CAP · Disponible : Immédiatement · Lyon (69), jusqu'à 30 km · Permis B".
fn summary(p: &CandidateProfile) -> String {
    let mut parts = Vec::new();
    if !p.diplomas.is_empty() {
        parts.push(
            p.diplomas
                .iter()
                .map(|d| d.label())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(a) = p.availability {
        let when = match (a, p.available_from) {
            (Availability::FromDate, Some(date)) => format!("à partir du {}", french_date(date)),
            _ => a.label().to_owned(),
        };
        parts.push(format!("Disponible : {when}"));
    }
    if !p.places.is_empty() {
        let names = p
            .places
            .iter()
            .map(|(_, label)| label.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        match p.mobility_km {
            Some(km) if km > 0 => parts.push(format!("{names}, jusqu'à {km} km")),
            _ => parts.push(names),
        }
    }
    if !p.licences.is_empty() {
        parts.push(
            p.licences
                .iter()
                .map(|l| l.label())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(years) = p.experience_years {
        parts.push(format!(
            "{years} an{} d'expérience",
            if years > 1 { "s" } else { "" }
        ));
    }
    parts.join(" · ")
}

fn favorite_form(candidate_id: i64, is_favorite: bool, back: String) -> impl IntoView {
    view! {
        <form method="post" action="/recruteur/favoris" class="inline-form">
            <input type="hidden" name="candidat" value=candidate_id.to_string() />
            <input type="hidden" name="favori" value=if is_favorite { "0" } else { "1" } />
            <input type="hidden" name="suite" value=back />
            <button class="heart" type="submit" aria-pressed=if is_favorite { "true" } else { "false" }>
                <span class="heart-icon" aria-hidden="true">{if is_favorite { "♥" } else { "♡" }}</span>
                " Candidat favori"
            </button>
        </form>
    }
}

fn dossier_path(d: &VisibleDossier) -> String {
    format!("/recruteur/cvtheque/{}", d.dossier.id)
}

#[component]
fn DossierCard(found: VisibleDossier, is_favorite: bool, back: String) -> impl IntoView {
    view! {
        <article class="card">
            <h2 class="card-title"><a href=dossier_path(&found)>{found.dossier.title.clone()}</a></h2>
            <p>{format!("{} {}", found.first_name, found.last_name)}</p>
            <p class="card-meta">{summary(&found.profile)}</p>
            <p class="card-meta">"Mis à jour le " {french_date(paris_date(found.dossier.updated_at))}</p>
            <div class="card-actions">{favorite_form(found.candidate_id, is_favorite, back)}</div>
        </article>
    }
}

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    current: Option<T>,
) -> impl IntoView + use<T> {
    let current = current.map(code);
    all.iter()
        .map(|v| {
            let c = code(*v);
            view! { <option value=c selected=current == Some(c)>{label(*v)}</option> }
        })
        .collect_view()
}

/// R6: `/recruteur/cvtheque?…`.
#[component]
pub fn CvthequePage() -> impl IntoView {
    let query = use_query_map().with_untracked(|params| {
        CvQuery::from_pairs(params.into_iter().map(|(k, v)| (k.as_ref(), v.to_owned())))
    });
    let results = Resource::new_blocking(move || query.clone(), search_dossiers);
    view! {
        <PageTitle text="CVthèque — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(results.await, "/recruteur/cvtheque", |results| view! { <Results results /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Results(results: CvResults) -> impl IntoView {
    let q = results.query.clone();
    let here = {
        let qs = q.query_string(results.page);
        if qs.is_empty() {
            "/recruteur/cvtheque".to_owned()
        } else {
            format!("/recruteur/cvtheque?{qs}")
        }
    };
    let paging = q.clone();
    view! {
        <div class="dashboard">
            <h1>"CVthèque"</h1>
            <Tabs current="/recruteur/cvtheque" />
            <form method="get" action="/recruteur/cvtheque" class="stack-form cv-search" role="search">
                <div class="field">
                    <label for="cv-q">"Mots-clés"</label>
                    <input id="cv-q" name="q" type="search" value=q.q.clone() placeholder="Métier, diplôme, habilitation…" />
                </div>
                <div class="field">
                    <label for="cv-metier">"Métier"</label>
                    <select id="cv-metier" name="metier">
                        <option value="">"Tous les métiers"</option>
                        {choices(JobFamily::ALL, JobFamily::code, JobFamily::short_label, q.job_family)}
                    </select>
                </div>
                <div class="field">
                    <label for="cv-lieu">"Lieu"</label>
                    <input id="cv-lieu" name="lieu" type="text" value=q.place.clone() placeholder="Commune, code postal ou département" />
                    {results.place_unknown.then(|| view! { <p class="field-error">"Lieu introuvable : il n'a pas été pris en compte."</p> })}
                </div>
                <div class="field">
                    <label for="cv-rayon">"Rayon"</label>
                    <select id="cv-rayon" name="rayon">
                        {[10, 30, 50, 100, 200].into_iter().map(|km| view! {
                            <option value=km.to_string() selected=q.radius_km.unwrap_or(30) == km>{format!("{km} km")}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="cv-dispo">"Disponibilité"</label>
                    <select id="cv-dispo" name="disponibilite">
                        <option value="">"Toutes"</option>
                        {choices(Availability::ALL, Availability::code, Availability::label, q.availability)}
                    </select>
                </div>
                <div class="field">
                    <label for="cv-diplome">"Diplôme"</label>
                    <select id="cv-diplome" name="diplome">
                        <option value="">"Tous"</option>
                        {choices(Diploma::ALL, Diploma::code, Diploma::label, q.diploma)}
                    </select>
                </div>
                <div class="field">
                    <label for="cv-permis">"Permis"</label>
                    <select id="cv-permis" name="permis">
                        <option value="">"Indifférent"</option>
                        {choices(DrivingLicence::ALL, DrivingLicence::code, DrivingLicence::label, q.licence)}
                    </select>
                </div>
                <button class="button" type="submit">"Rechercher"</button>
            </form>
            <p role="status">{format!("{} dossier{} visible{}", results.total, if results.total > 1 { "s" } else { "" }, if results.total > 1 { "s" } else { "" })}</p>
            {if results.dossiers.is_empty() {
                view! { <p class="empty">"Aucun dossier visible ne correspond. Élargissez le rayon ou retirez un filtre."</p> }.into_any()
            } else {
                let favorites = results.favorites.clone();
                view! {
                    <ul class="card-list">
                        {results.dossiers.into_iter().map(|found| {
                            let is_favorite = favorites.contains(&found.candidate_id);
                            view! { <li><DossierCard found is_favorite back=here.clone() /></li> }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <Pagination page=results.page pages=results.pages href=move |n| format!("/recruteur/cvtheque?{}", paging.query_string(n)) />
        </div>
    }
}

fn file_link(label: &'static str, file: &Option<FileView>) -> impl IntoView + use<> {
    file.clone()
        .map(|f| view! { <li>{label} " : " <a href=f.path() download>{f.describe()}</a></li> })
}

/// R6: `/recruteur/cvtheque/{id}`.
#[component]
pub fn CvDossierPage() -> impl IntoView {
    let Some(id) = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return view! { <NotFound /> }.into_any();
    };
    let found = Resource::new_blocking(move || id, visible_dossier);
    let here = format!("/recruteur/cvtheque/{id}");
    view! {
        <PageTitle text="Dossier de candidature — CVthèque — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    signed_in_page(found.await, &here.clone(), |(found, is_favorite)| {
                        let d = found.dossier.clone();
                        view! {
                            <div class="dashboard">
                                <p><a href="/recruteur/cvtheque">"← CVthèque"</a></p>
                                <h1>{d.title.clone()}</h1>
                                <p>{format!("{} {}", found.first_name, found.last_name)}</p>
                                {favorite_form(found.candidate_id, is_favorite, here.clone())}
                                <section class="profile-section" aria-labelledby="profil">
                                    <h2 id="profil">"Profil"</h2>
                                    <p>{summary(&found.profile)}</p>
                                    {found.profile.status.map(|s| view! { <p>"Situation : " {s.label()}</p> })}
                                    {found.profile.phone.clone().map(|p| view! { <p>"Téléphone : " <a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></p> })}
                                    <FormMessage outcome=form_outcome() field="message" />
                                    {crate::messaging::pages::write_button("dossier", d.id, here.clone(), "Contacter le candidat".to_owned())}
                                </section>
                                <section class="profile-section" aria-labelledby="documents">
                                    <h2 id="documents">"Documents"</h2>
                                    <ul class="plain">
                                        {file_link("CV", &d.cv)}
                                        {file_link("Lettre", &d.letter)}
                                        {file_link("Vidéo", &d.video)}
                                        {d.video_url.clone().map(|url| view! { <li>"Vidéo : " <a href=url.clone() rel="noopener nofollow">{url.clone()}</a></li> })}
                                    </ul>
                                    {d.letter_text.clone().map(|t| view! { <h3>"Lettre de motivation"</h3><p class="letter">{t}</p> })}
                                    {d.other_info.clone().map(|t| view! { <h3>"Autres informations"</h3><p class="letter">{t}</p> })}
                                </section>
                            </div>
                        }
                        .into_any()
                    })
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// R6: `/recruteur/favoris`.
#[component]
pub fn FavoritesPage() -> impl IntoView {
    let favorites = Resource::new_blocking(|| (), |_| favorite_candidates());
    view! {
        <PageTitle text="Candidats favoris — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(favorites.await, "/recruteur/favoris", |(list, hidden)| {
                    view! {
                        <div class="dashboard">
                            <h1>"Candidats favoris"</h1>
                            <Tabs current="/recruteur/favoris" />
                            {(hidden > 0).then(|| view! {
                                <p class="notice">{format!("{hidden} candidat{} favori{} a masqué ses dossiers.", if hidden > 1 { "s" } else { "" }, if hidden > 1 { "s" } else { "" })}</p>
                            })}
                            {if list.is_empty() {
                                view! { <p class="empty">"Aucun candidat favori. Ajoutez-en depuis la " <a href="/recruteur/cvtheque">"CVthèque"</a> "."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="card-list">
                                        {list.into_iter().map(|found| view! { <li><DossierCard found is_favorite=true back="/recruteur/favoris".to_owned() /></li> }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                        </div>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}
