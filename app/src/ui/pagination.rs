//! Previous / next and a window of page numbers, as plain links.

use leptos::prelude::*;

/// Nothing when there is a single page.
#[component]
pub fn Pagination<F>(page: u32, pages: u32, href: F) -> impl IntoView
where
    F: Fn(u32) -> String + 'static,
{
    (pages > 1).then(|| {
        let first = page.saturating_sub(2).max(1);
        let last = (first + 4).min(pages);
        view! {
            <nav class="pagination" aria-label="Pages de résultats">
                {(page > 1).then(|| view! { <a rel="prev" href=href(page - 1)>"‹ Précédente"</a> })}
                <ul class="pages">
                    {(first..=last)
                        .map(|n| {
                            if n == page {
                                view! {
                                    <li>
                                        <span aria-current="page">{n}</span>
                                    </li>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <li>
                                        <a href=href(n) aria-label=format!("Page {n}")>
                                            {n}
                                        </a>
                                    </li>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()}
                </ul>
                {(page < pages).then(|| view! { <a rel="next" href=href(page + 1)>"Suivante ›"</a> })}
            </nav>
        }
    })
}
