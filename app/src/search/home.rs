//! P1: the home page.

use crate::SiteConfig;
use crate::offers::api::latest_offers;
use crate::offers::api::saved_offer_ids;
use crate::offers::save::provide_saved_offers;
use crate::search::form::SearchBar;
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::not_found::ErrorNotice;
use crate::ui::offer_card::{OfferList, hits};
use domain::model::JobFamily;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};

/// The latest offers and the sector's job families.
#[component]
pub fn HomePage() -> impl IntoView {
    let canonical = use_context::<SiteConfig>().map(|site| site.url("/"));
    view! {
        <PageTitle text="JobToMove — l'emploi dans les services de l'automobile" />
        <IslandScripts />
        <Meta
            name="description"
            content="Offres d'emploi, d'alternance et de stage des garages, concessions, carrosseries, centres de contrôle technique et loueurs de véhicules. Postulez en un clic."
        />
        {canonical.map(|href| view! { <Link rel="canonical" href=href /> })}
        <section class="hero">
            <h1>"Trouvez votre emploi dans les services de l'automobile"</h1>
            <p>
                "Mécanique, carrosserie, vente, après-vente, pièces, location : les offres des "
                "entreprises du secteur, partout en France. Postulez avec un email et un CV, sans créer de compte."
            </p>
            <SearchBar q="" lieu="" radius_km=None />
        </section>
        <section class="section" aria-labelledby="dernieres-offres">
            <div class="section-head">
                <h2 id="dernieres-offres">"Dernières offres"</h2>
                <a href="/offres">"Toutes les offres"</a>
            </div>
            <Suspense fallback=|| view! { <p>"Chargement des offres…"</p> }>
                {Suspend::new(async move {
                    provide_saved_offers(saved_offer_ids().await);
                    match latest_offers().await {
                        Ok(list) => {
                            view! {
                                <OfferList
                                    offers=hits(list)
                                    empty="Aucune offre n'est publiée pour le moment. Revenez bientôt !"
                                />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section class="section" aria-labelledby="metiers">
            <h2 id="metiers">"Les métiers du secteur"</h2>
            <ul class="families">
                {JobFamily::ALL
                    .iter()
                    .map(|family| {
                        view! {
                            <li>
                                <a href=format!("/offres?metier={}", family.code())>
                                    <span class="family-name">{family.short_label()}</span>
                                    <span class="family-code">{format!("ROME {}", family.code())}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
