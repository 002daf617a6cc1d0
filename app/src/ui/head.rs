//! The page's `<title>`. Every page sets it through [`PageTitle`], never
//! `leptos_meta::Title` directly: leptos_meta 0.8 writes the title's text
//! into the HTML as it is given, so a `</title>` in a search, an offer title
//! or a company name would end the element and let markup into `<head>`
//! (a `<meta http-equiv="refresh">` the CSP does not stop).

use leptos::prelude::*;
use leptos_meta::Title;

/// The `<title>` of the page, its text escaped on the server.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    // The browser sets `document.title` from the text itself: only the
    // server-rendered HTML needs escaping.
    #[cfg(feature = "ssr")]
    let text = domain::model::escape_html(&text);
    view! { <Title text=text /> }
}

#[cfg(test)]
mod tests {
    /// A page that used `Title` directly would bring the injection back.
    #[test]
    fn no_page_sets_its_title_without_escaping_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        let mut folders = vec![root];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("ui/head.rs")
                {
                    let source = std::fs::read_to_string(&path).unwrap();
                    if source.contains("<Title ") || source.contains("leptos_meta::Title") {
                        offenders.push(path.display().to_string());
                    }
                }
            }
        }
        assert!(offenders.is_empty(), "use PageTitle in {offenders:?}");
    }
}
