//! The search form: a plain GET form to `/offres` that works without
//! JavaScript, whose two fields suggest jobs and places once hydrated.

use domain::model::{DEFAULT_RADIUS_KM, PlaceOption, RADII_KM, suggest_jobs};
use leptos::prelude::*;
use std::time::Duration;

/// The "quoi / où" bar with its submit button (home page and results page).
#[component]
pub fn SearchBar(
    #[prop(into)] q: String,
    #[prop(into)] lieu: String,
    radius_km: Option<u32>,
    /// Extra fields of the same form (the filters of the results page).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <form class="search-form" method="get" action="/offres" role="search">
            <div class="search-bar">
                <SearchFields q lieu />
                <div class="field field-radius">
                    <label for="rayon">"Rayon"</label>
                    <select id="rayon" name="rayon">
                        {radius_choices(radius_km)
                            .iter()
                            .map(|km| {
                                let label = if *km == 0 { "Commune seule".to_owned() } else { format!("{km} km") };
                                view! {
                                    <option
                                        value=km.to_string()
                                        selected=radius_km.unwrap_or(DEFAULT_RADIUS_KM) == *km
                                    >
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button class="button search-submit" type="submit">
                    "Rechercher"
                </button>
            </div>
            {children.map(|children| children())}
        </form>
    }
}

/// The radii the form offers: the usual ones, plus the one the URL asks
/// for when it is another (a link's `rayon=30`), so that sending the form
/// again keeps it.
fn radius_choices(asked: Option<u32>) -> Vec<u32> {
    let mut choices = RADII_KM.to_vec();
    if let Some(km) = asked.filter(|km| !choices.contains(km)) {
        choices.push(km);
        choices.sort_unstable();
    }
    choices
}

/// The "quoi" and "où" fields. Jobs are suggested in the browser from a
/// built-in list; places come from the server, asked 180 ms after the last
/// keystroke, and answers to older keystrokes are dropped.
#[island(lazy)]
pub fn SearchFields(q: String, lieu: String) -> impl IntoView {
    let (typed_job, set_typed_job) = signal(String::new());
    let jobs = Memo::new(move |_| suggest_jobs(&typed_job.get(), 8));
    let (places, set_places) = signal(Vec::<PlaceOption>::new());
    let generation = StoredValue::new(0u32);
    let on_place_input = move |ev| {
        let text = event_target_value(&ev);
        let current = generation.get_value().wrapping_add(1);
        generation.set_value(current);
        set_timeout(
            move || {
                if generation.get_value() != current {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let found = if text.trim().chars().count() >= 2 {
                        fetch_places(&text).await.unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    if generation.get_value() == current {
                        set_places.set(found);
                    }
                });
            },
            Duration::from_millis(180),
        );
    };
    view! {
        <div class="field field-what">
            <label for="q">"Quoi ?"</label>
            <input
                id="q"
                name="q"
                type="search"
                value=q
                list="suggestions-metiers"
                placeholder="Métier, compétence, entreprise"
                autocomplete="off"
                maxlength="200"
                on:input=move |ev| set_typed_job.set(event_target_value(&ev))
            />
            <datalist id="suggestions-metiers">
                {move || jobs.get().into_iter().map(|job| view! { <option value=job></option> }).collect_view()}
            </datalist>
        </div>
        <div class="field field-where">
            <label for="lieu">"Où ?"</label>
            <input
                id="lieu"
                name="lieu"
                type="search"
                value=lieu
                list="suggestions-lieux"
                placeholder="Ville, code postal, département"
                autocomplete="off"
                maxlength="100"
                on:input=on_place_input
            />
            <datalist id="suggestions-lieux">
                {move || {
                    places
                        .get()
                        .into_iter()
                        .map(|place| view! { <option value=place.value>{place.detail}</option> })
                        .collect_view()
                }}
            </datalist>
        </div>
    }
}

/// Asks `/api/lieux` (the `suggest_places` server function, a cacheable GET).
#[cfg(feature = "hydrate")]
async fn fetch_places(text: &str) -> Option<Vec<PlaceOption>> {
    let encoded = String::from(js_sys::encode_uri_component(text));
    crate::ui::fetch::json(&format!("/api/lieux?text={encoded}"), None).await
}

#[cfg(not(feature = "hydrate"))]
async fn fetch_places(_text: &str) -> Option<Vec<PlaceOption>> {
    None
}
