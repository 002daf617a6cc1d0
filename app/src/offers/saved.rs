//! C8: `/espace/favoris`, the offers a candidate saved.

use crate::offers::api::my_saved_offers;
use crate::offers::save::SavedOffers;
use crate::ui::head::PageTitle;
use crate::ui::islands::IslandScripts;
use crate::ui::offer_card::{OfferList, hits};
use crate::ui::signed_in_page;
use leptos::prelude::*;
use leptos_meta::Meta;

/// C8: `/espace/favoris`.
#[component]
pub fn SavedOffersPage() -> impl IntoView {
    let saved = Resource::new_blocking(|| (), |_| my_saved_offers());
    view! {
        <PageTitle text="Mes offres sauvegardées — JobToMove" />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                signed_in_page(saved.await, "/espace/favoris", |cards| {
                    provide_context(SavedOffers(cards.iter().map(|c| c.id).collect()));
                    view! {
                        <IslandScripts />
                        <div class="space">
                            <h1>"Mes offres sauvegardées"</h1>
                            <OfferList
                                offers=hits(cards)
                                empty="Aucune offre sauvegardée. Touchez le cœur d'une offre pour la retrouver ici."
                            />
                        </div>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}
