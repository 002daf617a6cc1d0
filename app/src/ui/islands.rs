//! Loading the islands' code: only on pages that have islands, and only at
//! the visitor's first interaction (pointer, key, focus, touch, scroll). A
//! visitor who only reads — and every crawler — downloads no JavaScript or
//! WebAssembly at all.

use crate::SiteAssets;
use leptos::prelude::*;

/// The loader: waits for a first interaction, then imports the module,
/// initialises the WebAssembly, and hydrates every `<leptos-island>` with the
/// function the module exports under its `data-component` name (a promise
/// for an island whose code is fetched apart). Marks `<html data-hydrated>`
/// when all are done. If the module or the WebAssembly does not arrive (a
/// phone's connection dropping), it listens again: the next interaction
/// tries again, instead of leaving the page's islands dead until a reload
/// (the WebAssembly is fetched again; a module whose `import()` failed may
/// stay failed in browsers that keep that failure until the next page).
/// A page may carry two loaders (its own, and the signed-in bar's for the
/// unread badge): the first to start loads the islands, the other does
/// nothing — an eager one starts at once.
///
/// Pages carry no serialised data (no island reads any): the server drops
/// Leptos's empty data scripts (`server::http::html`), and the loader gives
/// the hydration the empty lists they would have defined.
const LOADER: &str = r#"(()=>{const E=["pointerdown","pointermove","keydown","focusin","touchstart","scroll"];const L=()=>E.forEach(e=>addEventListener(e,go,{capture:true,passive:true}));const go=()=>{E.forEach(e=>removeEventListener(e,go,true));if(self.__islands)return;self.__islands=1;for(const k of["__RESOLVED_RESOURCES","__SERIALIZED_ERRORS","__PENDING_RESOURCES","__RESOURCE_RESOLVERS","__INCOMPLETE_CHUNKS"])window[k]??=[];import(__JS__).then(m=>m.default({module_or_path:__WASM__}).then(()=>m)).then(m=>{m.hydrate();const p=[];for(const el of document.querySelectorAll("leptos-island")){const f=m[el.dataset.component];if(f)p.push(f(el));}Promise.all(p).then(()=>{document.documentElement.dataset.hydrated="true";});},()=>{self.__islands=0;L();});};L();})();"#;

/// How the loader starts when the page is `eager`: at once.
const WAIT_FOR_INTERACTION: &str = "L();})();";

/// The loader's text for these assets. It carries no nonce: the
/// Content-Security-Policy allows it by its hash ([`SiteAssets::scripts`]),
/// so that a page is the same bytes for every visitor and is compressed
/// once (`server::http::page_cache`).
pub fn loader(js: &str, wasm: &str, eager: bool) -> String {
    let script = LOADER
        .replace("__JS__", &format!("{js:?}"))
        .replace("__WASM__", &format!("{wasm:?}"));
    if eager {
        script.replace(WAIT_FOR_INTERACTION, "go();})();")
    } else {
        script
    }
}

/// Put in pages that contain islands (the bottom bar puts one for the
/// unread badge of every signed-in page). `eager` pages (a conversation
/// that must show new messages, an editor) load them at once instead of at
/// the first interaction.
#[component]
pub fn IslandScripts(#[prop(optional)] eager: bool) -> impl IntoView {
    let assets = use_context::<SiteAssets>()?;
    let script = assets.loaders[usize::from(eager)].clone();
    Some(view! { <script type="module" inner_html=script></script> })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_loader_can_start_at_once() {
        assert!(super::LOADER.ends_with(super::WAIT_FOR_INTERACTION));
    }
}
