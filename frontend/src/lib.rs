//! The WebAssembly entry point: hydrates the islands of server-rendered pages.

// The islands live in `app`; linking it exports them to the hydration script.
pub use app as islands;

/// Called by Leptos's island script once the module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console for debug builds (`cargo leptos
    // watch`). The release build aborts at a panic without running a hook
    // (`-Cpanic=immediate-abort`, Makefile): the hook would only be bytes
    // every island's page fetches.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
