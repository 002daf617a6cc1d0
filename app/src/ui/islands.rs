//! Loading the islands' code: only on pages that have islands, and only at
//! the visitor's first interaction (pointer, key, focus, touch, scroll). A
//! visitor who only reads — and every crawler — downloads no JavaScript or
//! WebAssembly at all.

use crate::SiteAssets;
use leptos::prelude::*;

/// The loader: waits for a first interaction, then imports the module,
/// initialises the WebAssembly, and hydrates every `<leptos-island>` with the
/// function the module exports under its `data-component` name. Marks
/// `<html data-hydrated>` when done.
const LOADER: &str = r#"(()=>{const E=["pointerdown","pointermove","keydown","focusin","touchstart","scroll"];let s=false;const go=()=>{if(s)return;s=true;E.forEach(e=>removeEventListener(e,go,true));import(__JS__).then(m=>m.default({module_or_path:__WASM__}).then(()=>{m.hydrate();for(const el of document.querySelectorAll("leptos-island")){const f=m[el.dataset.component];if(f)f(el);}document.documentElement.dataset.hydrated="true";}));};E.forEach(e=>addEventListener(e,go,{capture:true,passive:true}));})();"#;

/// How the loader starts when the page is `eager`: at once.
const WAIT_FOR_INTERACTION: &str =
    "E.forEach(e=>addEventListener(e,go,{capture:true,passive:true}));})();";

/// Put once in pages that contain islands. `eager` pages (a conversation
/// that must show new messages, an editor) load them at once instead of at
/// the first interaction.
#[component]
pub fn IslandScripts(#[prop(optional)] eager: bool) -> impl IntoView {
    let assets = use_context::<SiteAssets>()?;
    let nonce = leptos::nonce::use_nonce();
    let mut script = LOADER
        .replace("__JS__", &format!("{:?}", assets.js))
        .replace("__WASM__", &format!("{:?}", assets.wasm));
    if eager {
        script = script.replace(WAIT_FOR_INTERACTION, "go();})();");
    }
    Some(view! { <script type="module" nonce=nonce inner_html=script></script> })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_loader_can_start_at_once() {
        assert!(super::LOADER.ends_with(super::WAIT_FOR_INTERACTION));
    }
}
