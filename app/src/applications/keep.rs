//! B5: `/candidature/conserver?jeton=…`, the decline email's question —
//! may the recruiter keep the application 2 years for other openings? A
//! GET only shows the question (link scanners follow links); the answer is
//! a POST.

use crate::applications::api::keep_question;
use crate::session::query_param;
use crate::ui::head::PageTitle;
use domain::model::{french_date, paris_date};
use leptos::prelude::*;
use leptos_meta::Meta;

#[component]
pub fn KeepPage() -> impl IntoView {
    let token = query_param("jeton").unwrap_or_default();
    let answered = query_param("ok");
    let question = Resource::new_blocking(move || token.clone(), keep_question);
    let token = query_param("jeton").unwrap_or_default();
    view! {
        <PageTitle text="Garder ma candidature — JobToMove" />
        <Meta name="robots" content="noindex" />
        <section class="form-page">
            <h1>"Garder ma candidature pour d'autres postes ?"</h1>
            {match answered.as_deref() {
                Some("oui") => view! {
                    <p class="notice notice-ok" role="status">"Merci : le recruteur peut garder votre candidature 2 ans pour d'autres postes. Vous pouvez retirer votre accord à tout moment depuis « Mes candidatures », ou en nous écrivant."</p>
                }
                .into_any(),
                Some("non") => view! {
                    <p class="notice notice-ok" role="status">"C'est noté : les fichiers et les messages de cette candidature sont supprimés."</p>
                }
                .into_any(),
                _ => view! {
                    <Suspense fallback=|| ()>
                        {move || {
                            let token = token.clone();
                            Suspend::new(async move {
                                match question.await {
                                    Ok((offer, company, until)) => view! {
                                        <p>{format!("{company} n'a pas retenu votre candidature à l'offre « {offer} », mais aimerait la garder 2 ans pour d'autres postes.")}</p>
                                        {until.map(|at| view! { <p>{format!("Vous avez déjà accepté : elle est gardée jusqu'au {}.", french_date(paris_date(at)))}</p> })}
                                        <p>"Sans accord de votre part, ses fichiers et messages sont supprimés 3 mois après la décision."</p>
                                        <div class="inline-fields">
                                            <form method="post" action="/candidature/conserver">
                                                <input type="hidden" name="jeton" value=token.clone() />
                                                <input type="hidden" name="choix" value="oui" />
                                                <button type="submit" class="button">"Oui, la garder 2 ans"</button>
                                            </form>
                                            <form method="post" action="/candidature/conserver">
                                                <input type="hidden" name="jeton" value=token />
                                                <input type="hidden" name="choix" value="non" />
                                                <button type="submit" class="button button-secondary">"Non, la supprimer maintenant"</button>
                                            </form>
                                        </div>
                                    }
                                    .into_any(),
                                    Err(_) => view! {
                                        <p class="notice">"Ce lien n'est plus valable : la candidature a déjà été supprimée, ou la question ne se pose plus."</p>
                                    }
                                    .into_any(),
                                }
                            })
                        }}
                    </Suspense>
                }
                .into_any(),
            }}
        </section>
    }
}
