//! The similar offers already found, kept per job family and place.
//!
//! Every offer of a job family at one place has the same neighbours, so
//! the pages of a large catalogue ask the index far less often than they
//! render: on the 1M demo catalogue, 734,865 open offers share 45,468
//! (family, place) pairs. An entry holds the neighbours in order, one more
//! than a page shows (the offer itself may be among them), and lives at
//! most [`TTL`] and only while the index stays at the change-feed row it was
//! found at — the page cache's rule, so an offer page and its similar offers
//! change together.

use crate::model::OfferCard;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an entry may be used again: the page cache's own lifetime.
pub const TTL: Duration = Duration::from_secs(60);
/// Entries kept at most (about 2 KB each): the expired ones go first when it
/// is full, then all.
const CAPACITY: usize = 20_000;

/// What the neighbours depend on: the job family, the place's coordinates
/// (its department comes with them) and how many are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub family: u64,
    pub latitude: u64,
    pub longitude: u64,
    pub limit: usize,
}

struct Entry {
    found_at: Instant,
    /// The change feed's row the index had applied when they were found.
    applied: i64,
    cards: Arc<[OfferCard]>,
}

#[derive(Default)]
pub struct SimilarCache {
    entries: Mutex<HashMap<Key, Entry>>,
}

impl SimilarCache {
    /// The neighbours found for `key` while the index was at `applied`, if
    /// still fresh.
    pub fn get(&self, key: &Key, applied: i64) -> Option<Arc<[OfferCard]>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|e| e.applied == applied && e.found_at.elapsed() < TTL)
            .map(|e| e.cards.clone())
    }

    pub fn put(&self, key: Key, applied: i64, cards: Arc<[OfferCard]>) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= CAPACITY && !entries.contains_key(&key) {
            entries.retain(|_, e| e.applied == applied && e.found_at.elapsed() < TTL);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        entries.insert(
            key,
            Entry {
                found_at: Instant::now(),
                applied,
                cards,
            },
        );
    }

    /// Forgets them all (after a change the change feed does not carry,
    /// such as a company's new name).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}
