//! `server bench-render`: where the time of an offer page's first render
//! goes, on the catalogue of `DATABASE_URL` — the offer's query, the similar
//! offers (index and cards, then kept per job family and place), the whole
//! request through the router (render, tidying, page cache) with the similar
//! offers still to find, and the page's compressions (a first view's, the
//! kept copy's) — each timed alone over the same offers, one at a time.
//! Prints figures; asserts nothing.

use super::report;
use app::state::AppState;
use axum::body::Body;
use axum::http::{Request, header};
use domain::entity::offer;
use domain::model::OfferStatus;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::time::Instant;
use tower::ServiceExt;

/// Times `pages` different offer pages, spread over the catalogue.
pub async fn run(state: AppState, pages: usize) -> anyhow::Result<()> {
    let db = &state.db;
    let total = offer::Entity::find()
        .filter(offer::Column::Status.eq(OfferStatus::Published))
        .select_only()
        .column(offer::Column::Id)
        .into_tuple::<i64>()
        .all(db)
        .await?;
    let step = (total.len() / pages.max(1)).max(1);
    let ids: Vec<i64> = total.iter().step_by(step).take(pages).copied().collect();
    let offers: Vec<(i64, String)> = offer::Entity::find()
        .filter(offer::Column::Id.is_in(ids))
        .order_by_asc(offer::Column::Id)
        .select_only()
        .columns([offer::Column::Id, offer::Column::Slug])
        .into_tuple()
        .all(db)
        .await?;
    println!(
        "{} offer pages, one at a time, spread over {} published offers",
        offers.len(),
        total.len()
    );

    let mut detail_times = Vec::new();
    let mut similar_times = Vec::new();
    let mut details = Vec::new();
    for (id, _) in &offers {
        let started = Instant::now();
        let detail = domain::offers::detail(db, &state.places, *id).await?;
        detail_times.push(started.elapsed());
        let started = Instant::now();
        let similar = state.search.similar(db, &detail, 4).await?;
        similar_times.push(started.elapsed());
        details.push((detail, similar.len()));
    }
    report("offer and company (one query)", detail_times);
    report("similar offers (index + cards query)", similar_times);
    let mut kept_times = Vec::new();
    for (detail, _) in &details {
        let started = Instant::now();
        state.search.similar(db, detail, 4).await?;
        kept_times.push(started.elapsed());
    }
    report(
        "similar offers again (kept per family and place)",
        kept_times,
    );

    // The whole render as a first visit finds it: nothing kept yet.
    state.search.forget_similar();
    let router = crate::http::build(state.clone());
    let mut render_times = Vec::new();
    let mut pages_html = Vec::new();
    for (id, slug) in &offers {
        let started = Instant::now();
        pages_html.push(first_render(&router, *id, slug).await?);
        render_times.push(started.elapsed());
    }
    report(
        "whole first render through the router (identity)",
        render_times,
    );

    use crate::http::page_cache::{
        BROTLI_QUALITY, FIRST_VIEW_BROTLI_QUALITY, FIRST_VIEW_GZIP_LEVEL, brotli, gzip,
    };
    let bytes: usize = pages_html.iter().map(|p| p.len()).sum();
    println!(
        "pages: {} bytes on average",
        bytes / pages_html.len().max(1)
    );
    let compressions: [(String, Compress); 3] = [
        (
            format!("gzip of a first view (level {FIRST_VIEW_GZIP_LEVEL})"),
            |page| gzip(page, FIRST_VIEW_GZIP_LEVEL),
        ),
        (
            format!(
                "brotli of a first view, brotli-only clients (quality {FIRST_VIEW_BROTLI_QUALITY})"
            ),
            |page| brotli(page, FIRST_VIEW_BROTLI_QUALITY),
        ),
        (
            format!("brotli of the kept copy (quality {BROTLI_QUALITY})"),
            |page| brotli(page, BROTLI_QUALITY),
        ),
    ];
    for (label, compress) in compressions {
        let mut times = Vec::new();
        let mut compressed = 0;
        for page in &pages_html {
            let started = Instant::now();
            compressed += compress(page).len();
            times.push(started.elapsed());
        }
        report(&label, times);
        println!(
            "  {} bytes on average",
            compressed / pages_html.len().max(1)
        );
    }
    let mut repeat_times = Vec::new();
    for (id, slug) in &offers {
        let started = Instant::now();
        page(&router, *id, slug).await?;
        repeat_times.push(started.elapsed());
    }
    report("the same pages again (page cache)", repeat_times);
    let similar_found = details.iter().filter(|(_, n)| *n > 0).count();
    println!(
        "{similar_found} of {} pages show similar offers",
        details.len()
    );
    Ok(())
}

/// One of the page's compressions.
type Compress = fn(&[u8]) -> axum::body::Bytes;

/// The offer's page rendered for the first time: [`page`], polled under a
/// name of its own (`FirstRender`) so that `make bench-instructions` counts
/// these renders alone.
async fn first_render(
    router: &axum::Router,
    id: i64,
    slug: &str,
) -> anyhow::Result<axum::body::Bytes> {
    FirstRender(Box::pin(page(router, id, slug))).await
}

struct FirstRender<'a>(
    std::pin::Pin<Box<dyn Future<Output = anyhow::Result<axum::body::Bytes>> + 'a>>,
);

impl Future for FirstRender<'_> {
    type Output = anyhow::Result<axum::body::Bytes>;

    // Never inlined: its symbol is what callgrind's count starts and stops at.
    #[inline(never)]
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        self.0.as_mut().poll(cx)
    }
}

/// The offer's page, as an anonymous visitor's browser asks for it
/// (uncompressed).
async fn page(router: &axum::Router, id: i64, slug: &str) -> anyhow::Result<axum::body::Bytes> {
    let request = Request::get(format!("/offres/{slug}-{id}"))
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())?;
    let response = router.clone().oneshot(request).await?;
    Ok(axum::body::to_bytes(response.into_body(), usize::MAX).await?)
}
