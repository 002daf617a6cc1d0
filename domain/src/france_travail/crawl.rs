//! Reading every offer of the sector (`FRANCE_TRAVAIL.md` §8): windows of
//! 150, nothing reachable past index 3,149 — so a query with more results
//! is split, by groups of five départements, then by département, then by
//! halves of its creation dates, until each slice fits. Offers met in two
//! slices (or shifted between windows by a new offer) are merged by id.

use super::client::{ApiError, Client, Query};
use super::offer::ApiOffer;
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::HashMap;

/// Results per call.
pub const WINDOW: u64 = 150;
/// The last index the API serves (`range` end ≤ 3149, start ≤ 3000).
pub const MAX_INDEX: u64 = 3149;
/// Départements per query (the API takes up to five).
const DEPARTMENTS_PER_QUERY: usize = 5;

/// What a crawl read.
#[derive(Debug, Default)]
pub struct Crawl {
    pub offers: HashMap<String, ApiOffer>,
    /// Offers met more than once.
    pub duplicates: u64,
    /// Queries that were split because they held more than the cap.
    pub splits: u64,
    /// What the API counted for the whole sector at the start.
    pub expected: u64,
    /// Offers the API sent that could not be read, and windows that came
    /// back empty before their query's end: such a read is not complete.
    pub gaps: u64,
}

/// How far a crawl is, for a progress bar.
pub trait Progress: Send {
    /// `read` offers so far out of about `expected`.
    fn advanced(&mut self, read: u64, expected: u64);
}

impl Progress for () {
    fn advanced(&mut self, _: u64, _: u64) {}
}

/// Reads every offer of `rome_codes`, splitting wherever the cap would hide
/// some. An error leaves nothing half-read: the caller gets the error only.
pub async fn crawl(
    client: &mut Client,
    rome_codes: &str,
    progress: &mut dyn Progress,
) -> Result<Crawl, ApiError> {
    let mut crawl = Crawl::default();
    let national = Query {
        rome_codes: rome_codes.to_owned(),
        ..Query::default()
    };
    let first = client.search(&national, 0, WINDOW - 1).await?;
    let expected = first.total;
    crawl.expected = expected;
    progress.advanced(0, expected);
    if first.total <= MAX_INDEX + 1 {
        read_all(client, &national, first, &mut crawl, expected, progress).await?;
        return Ok(crawl);
    }
    // The newest window is kept: it is the only one that reaches offers
    // placed in no département (abroad, "France" only).
    keep(&mut crawl, first.offers);
    crawl.splits += 1;
    let departments = crate::places::department_codes();
    for group in departments.chunks(DEPARTMENTS_PER_QUERY) {
        let query = Query {
            departments: group.iter().map(|d| (*d).to_owned()).collect(),
            ..national.clone()
        };
        let page = client.search(&query, 0, WINDOW - 1).await?;
        if page.total <= MAX_INDEX + 1 {
            read_all(client, &query, page, &mut crawl, expected, progress).await?;
            continue;
        }
        keep(&mut crawl, page.offers);
        crawl.splits += 1;
        for department in group {
            let query = Query {
                departments: vec![(*department).to_owned()],
                ..national.clone()
            };
            let page = client.search(&query, 0, WINDOW - 1).await?;
            if page.total <= MAX_INDEX + 1 {
                read_all(client, &query, page, &mut crawl, expected, progress).await?;
            } else {
                keep(&mut crawl, page.offers);
                crawl.splits += 1;
                by_creation_date(client, &query, &mut crawl, expected, progress).await?;
            }
        }
    }
    Ok(crawl)
}

/// Halves the creation dates of `query` until each half fits.
async fn by_creation_date(
    client: &mut Client,
    query: &Query,
    crawl: &mut Crawl,
    expected: u64,
    progress: &mut dyn Progress,
) -> Result<(), ApiError> {
    let earliest = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
    let mut pending: Vec<(DateTime<Utc>, DateTime<Utc>)> =
        vec![(earliest, Utc::now() + Duration::days(1))];
    while let Some((from, to)) = pending.pop() {
        let slice = Query {
            created: Some((from, to)),
            ..query.clone()
        };
        let page = client.search(&slice, 0, WINDOW - 1).await?;
        if page.total <= MAX_INDEX + 1 {
            read_all(client, &slice, page, crawl, expected, progress).await?;
            continue;
        }
        keep(crawl, page.offers);
        if to - from <= Duration::seconds(2) {
            // More than 3,150 offers created within two seconds in one
            // département: what lies past the cap cannot be read.
            return Err(ApiError::Unavailable(format!(
                "plus de {} offres créées entre {from} et {to} : le plafond de l'API les cache",
                MAX_INDEX + 1
            )));
        }
        crawl.splits += 1;
        // The API's dates are to the second: halves that touch but do not
        // overlap by more than a second (an offer on the seam is merged).
        let middle = from + (to - from) / 2;
        pending.push((middle, to));
        pending.push((from, middle));
    }
    Ok(())
}

/// Reads every window of a query known to fit under the cap, from its first.
async fn read_all(
    client: &mut Client,
    query: &Query,
    first: super::client::Page,
    crawl: &mut Crawl,
    expected: u64,
    progress: &mut dyn Progress,
) -> Result<(), ApiError> {
    let total = first.total;
    let mut read_in_query = first.offers.len() as u64;
    keep_page(crawl, first);
    progress.advanced(crawl.offers.len() as u64, expected);
    let mut start = WINDOW;
    while start < total && start <= MAX_INDEX && read_in_query > 0 {
        let end = (start + WINDOW - 1).min(total - 1).min(MAX_INDEX);
        let page = client.search(query, start, end).await?;
        if page.offers.is_empty() && page.unreadable == 0 {
            // Withdrawn while the crawl ran, or a window the API lost.
            crawl.gaps += 1;
            break;
        }
        read_in_query += page.offers.len() as u64 + page.unreadable;
        keep_page(crawl, page);
        progress.advanced(crawl.offers.len() as u64, expected);
        start += WINDOW;
    }
    Ok(())
}

fn keep_page(crawl: &mut Crawl, page: super::client::Page) {
    crawl.gaps += page.unreadable;
    keep(crawl, page.offers);
}

fn keep(crawl: &mut Crawl, offers: Vec<ApiOffer>) {
    for offer in offers {
        if crawl.offers.insert(offer.id.clone(), offer).is_some() {
            crawl.duplicates += 1;
        }
    }
}
