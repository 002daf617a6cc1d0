//! P6: the portal's information pages. Their text is the portal's own,
//! written from the original FAQ (shared/seed) and the rules the code applies.

pub mod accessibility;
pub mod faq;
pub mod legal;
pub mod privacy;
pub mod terms;

use crate::SiteConfig;
use crate::ui::head::PageTitle;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};

/// Title, description and canonical URL of an information page.
#[component]
fn InfoHead(title: &'static str, description: &'static str, path: &'static str) -> impl IntoView {
    let href = use_context::<SiteConfig>().map(|site| site.url(path));
    view! {
        <PageTitle text=format!("{title} — JobToMove") />
        <Meta name="description" content=description />
        {href.map(|href| view! { <Link rel="canonical" href=href /> })}
    }
}

/// The address people write to, from the site's configuration.
fn contact_email() -> String {
    use_context::<SiteConfig>()
        .map(|site| site.contact_email.clone())
        .unwrap_or_else(|| "contact@jobtomove.fr".to_owned())
}
