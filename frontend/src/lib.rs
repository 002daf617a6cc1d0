//! The WebAssembly entry point: hydrates the islands of server-rendered pages.

// The islands live in `app`; linking it exports them to the hydration script.
pub use app as islands;

/// Called by Leptos's island script once the module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
