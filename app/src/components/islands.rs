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

/// Put once in pages that contain islands.
#[component]
pub fn IslandScripts() -> impl IntoView {
    let assets = use_context::<SiteAssets>()?;
    let nonce = leptos::nonce::use_nonce();
    let script = LOADER
        .replace("__JS__", &format!("{:?}", assets.js))
        .replace("__WASM__", &format!("{:?}", assets.wasm));
    Some(view! { <script type="module" nonce=nonce inner_html=script></script> })
}
