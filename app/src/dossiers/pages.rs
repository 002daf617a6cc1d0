//! C3: "Mes dossiers" — the candidate's dossiers, each with its CV, letter,
//! video and visibility in the CVthèque.

use crate::dossiers::api::{my_dossier, my_dossiers};
use crate::session::{form_outcome, query_param};
use crate::ui::files::file_link;
use crate::ui::files::{ACCEPT_VIDEOS, FileField, UploadProgress};
use crate::ui::form::TextArea;
use crate::ui::form::{Field, FormMessage, Notice};
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::not_found::NotFound;
use crate::ui::signed_in_page;
use domain::model::{DossierView, FileView, file_field, french_date, paris_date};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

fn dossiers_notice() -> Option<&'static str> {
    Some(match query_param("ok")?.as_str() {
        "cree" => "Votre dossier est créé.",
        "modifie" => "Votre dossier est enregistré.",
        "visible" => "Ce dossier est maintenant visible des recruteurs dans la CVthèque.",
        "masque" => "Ce dossier est masqué : les recruteurs ne le voient plus dans la CVthèque.",
        "supprime" => "Le dossier est supprimé.",
        _ => return None,
    })
}

/// C3: `/espace/dossiers`.
#[component]
pub fn DossiersPage() -> impl IntoView {
    let dossiers = Resource::new_blocking(|| (), |_| my_dossiers());
    view! {
        <PageTitle text="Mes dossiers de candidature — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(dossiers.await, "/espace/dossiers", |list| view! { <DossierList list /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn DossierList(list: Vec<DossierView>) -> impl IntoView {
    view! {
        <div class="space">
            <h1>"Mes dossiers de candidature"</h1>
            <Notice message=dossiers_notice() />
            <p>
                "Un dossier réunit votre CV, votre lettre et ce que vous voulez montrer pour un métier. "
                "Postulez avec en un clic ; rendez-le visible pour que les recruteurs vous trouvent dans la CVthèque."
            </p>
            <p><a class="button" href="/espace/dossiers/nouveau">"Créer un dossier"</a></p>
            {if list.is_empty() {
                view! { <p class="empty">"Vous n'avez pas encore de dossier."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {list.into_iter().map(|d| view! { <li><DossierCard dossier=d /></li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </div>
    }
}

#[component]
fn DossierCard(dossier: DossierView) -> impl IntoView {
    let action = dossier.path();
    let (toggle_label, toggle_value) = if dossier.visible {
        ("Masquer des recruteurs", "0")
    } else {
        ("Rendre visible des recruteurs", "1")
    };
    view! {
        <article class="card">
            <h2 class="card-title"><a href=dossier.path()>{dossier.title.clone()}</a></h2>
            <p>
                {if dossier.visible {
                    view! { <span class="tag tag-visible">"Visible dans la CVthèque"</span> }.into_any()
                } else {
                    view! { <span class="tag">"Masqué"</span> }.into_any()
                }}
                " Modifié le " {french_date(paris_date(dossier.updated_at))}
            </p>
            <ul class="plain">
                {dossier.cv.as_ref().map(|f| view! { <li>"CV : " {file_link(f)}</li> })}
                {dossier.letter.as_ref().map(|f| view! { <li>"Lettre : " {file_link(f)}</li> })}
                {dossier.letter_text.is_some().then(|| view! { <li>"Lettre de motivation rédigée"</li> })}
                {dossier.video.as_ref().map(|f| view! { <li>"Vidéo : " {file_link(f)}</li> })}
                {dossier.video_url.clone().map(|url| view! { <li>"Vidéo : " <a href=url.clone() rel="noopener nofollow">{url.clone()}</a></li> })}
            </ul>
            <div class="card-actions">
                <a class="button button-secondary" href=dossier.path()>"Modifier"</a>
                <form method="post" action=action enctype="multipart/form-data" class="inline-form">
                    <input type="hidden" name="action" value="visibilite" />
                    <input type="hidden" name="visible" value=toggle_value />
                    <button class="button button-secondary" type="submit">{toggle_label}</button>
                </form>
            </div>
        </article>
    }
}

/// C3: `/espace/dossiers/nouveau`.
#[component]
pub fn NewDossierPage() -> impl IntoView {
    let allowed = Resource::new_blocking(|| (), |_| my_dossiers());
    view! {
        <PageTitle text="Nouveau dossier de candidature — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(allowed.await, "/espace/dossiers/nouveau", |_| {
                    view! {
                        <div class="space">
                            <p><a href="/espace/dossiers">"← Mes dossiers"</a></p>
                            <h1>"Nouveau dossier de candidature"</h1>
                            <DossierForm dossier=None />
                        </div>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

/// C3: `/espace/dossiers/{id}`.
#[component]
pub fn EditDossierPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    let Some(id) = id else {
        return view! { <NotFound /> }.into_any();
    };
    let dossier = Resource::new_blocking(move || id, my_dossier);
    let here = format!("/espace/dossiers/{id}");
    view! {
        <PageTitle text="Mon dossier de candidature — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    signed_in_page(dossier.await, &here, |dossier| {
                        let action = dossier.path();
                        view! {
                            <div class="space">
                                <p><a href="/espace/dossiers">"← Mes dossiers"</a></p>
                                <h1>{dossier.title.clone()}</h1>
                                <DossierForm dossier=Some(dossier) />
                                <section class="profile-section profile-danger" aria-labelledby="titre-supprimer">
                                    <h2 id="titre-supprimer">"Supprimer ce dossier"</h2>
                                    <p>"Ses fichiers sont effacés, sauf ceux déjà envoyés avec une candidature."</p>
                                    <form method="post" action=action enctype="multipart/form-data">
                                        <input type="hidden" name="action" value="supprimer" />
                                        <button class="button button-danger" type="submit">"Supprimer ce dossier"</button>
                                    </form>
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

/// The dossier form, empty or with the dossier's values.
#[component]
fn DossierForm(dossier: Option<DossierView>) -> impl IntoView {
    let mut outcome = form_outcome();
    let editing = dossier.is_some();
    if let Some(d) = &dossier
        && outcome.values.is_empty()
    {
        outcome.values.insert("titre".into(), d.title.clone());
        outcome
            .values
            .insert("video_lien".into(), d.video_url.clone().unwrap_or_default());
        if d.visible {
            outcome.values.insert("visible".into(), "1".into());
        }
    }
    let visible = !outcome.value("visible").is_empty();
    let action = dossier
        .as_ref()
        .map_or_else(|| "/espace/dossiers".to_owned(), DossierView::path);
    let current = |file: Option<&FileView>| {
        file.map(|f| view! { <p class="field-hint">"Actuel : " {file_link(f)}" — choisissez un fichier pour le remplacer."</p> })
    };
    let d = dossier.clone();
    view! {
        <IslandScripts />
        <FormMessage outcome=outcome.clone() />
        <form id="form-dossier" method="post" action=action enctype="multipart/form-data" class="stack-form">
            {editing.then(|| view! { <input type="hidden" name="action" value="modifier" /> })}
            <Field outcome=outcome.clone() name="titre" label="Titre du dossier" hint="Le métier visé, par exemple « Mécanicien poids lourds »." />
            {current(d.as_ref().and_then(|d| d.cv.as_ref()))}
            <FileField outcome=outcome.clone() name=file_field::CV label="CV" required=!editing />
            {current(d.as_ref().and_then(|d| d.letter.as_ref()))}
            <FileField outcome=outcome.clone() name=file_field::LETTER label="Lettre de motivation (fichier)" />
            {d.as_ref().and_then(|d| d.letter.as_ref()).map(|_| view! {
                <label class="choice"><input type="checkbox" name="retirer_lettre" value="1" />" Retirer la lettre jointe"</label>
            })}
            <TextArea
                outcome=outcome.clone()
                name="lettre_texte"
                label="Lettre de motivation (texte)"
                value=d.as_ref().and_then(|d| d.letter_text.clone()).unwrap_or_default()
                rows=8
            />
            <TextArea
                outcome=outcome.clone()
                name="autres"
                label="Autres informations"
                hint="Habilitations, certifications, logiciels, langues…"
                value=d.as_ref().and_then(|d| d.other_info.clone()).unwrap_or_default()
            />
            {current(d.as_ref().and_then(|d| d.video.as_ref()))}
            <FileField
                outcome=outcome.clone()
                name=file_field::VIDEO
                label="Vidéo de présentation (fichier)"
                accept=ACCEPT_VIDEOS
                hint="MP4 ou WebM, 50 Mo au plus."
            />
            {d.as_ref().and_then(|d| d.video.as_ref()).map(|_| view! {
                <label class="choice"><input type="checkbox" name="retirer_video" value="1" />" Retirer la vidéo jointe"</label>
            })}
            <Field
                outcome=outcome.clone()
                name="video_lien"
                label="Ou lien vers votre vidéo"
                kind="url"
                hint="YouTube, Vimeo ou Dailymotion."
                required=false
            />
            <label class="choice choice-strong">
                <input type="checkbox" name="visible" value="1" checked=visible />
                " Rendre visible : les recruteurs pourront trouver ce dossier et votre profil dans la CVthèque"
            </label>
            <UploadProgress form_id="form-dossier".to_owned() />
            <button class="button" type="submit">{if editing { "Enregistrer" } else { "Créer le dossier" }}</button>
        </form>
    }
}
