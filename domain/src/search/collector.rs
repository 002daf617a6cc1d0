//! One pass over the matching offers: what is still open and within the
//! radius, the disjunctive facet counts, and the best `keep` offers for the
//! requested order.
//!
//! Speed comes from reading little per offer: one packed fast field holds the
//! contract, job family, department and expiry day; the exact expiry, the
//! publication date, the coordinates and the id are read only when needed.

use crate::model::SortOrder;
use crate::places::distance_km;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Facet slots: enough for every contract type, job family and department.
pub const CONTRACT_SLOTS: usize = 8;
pub const FAMILY_SLOTS: usize = 16;
pub const DEPARTMENT_SLOTS: usize = 128;
pub const SOURCE_SLOTS: usize = 4;

/// Expiry day of offers that never expire.
const NEVER: u64 = 0xFFFF;

/// What every search reads of an offer, packed into one `u64`.
pub struct Packed {
    pub contract: u64,
    pub family: u64,
    pub department: u64,
    pub source: u64,
    /// Unix seconds.
    pub expires: Option<i64>,
}

/// Packs an offer: contract (bits 0–7), job family (8–15), department
/// (16–23), expiry day in days since 1970 (24–39), source (40–43).
pub fn pack(offer: Packed) -> u64 {
    let day = offer.expires.map_or(NEVER, |ts| {
        (ts.div_euclid(86_400).max(0) as u64).min(NEVER - 1)
    });
    (offer.contract & 0xFF)
        | (offer.family & 0xFF) << 8
        | (offer.department & 0xFF) << 16
        | day << 24
        | (offer.source & 0xF) << 40
}

/// The fast fields a pass reads, opened once per segment and kept until the
/// segment leaves the index: opening a column decodes all its block headers,
/// which done at every search was a tenth of an offer page's first render
/// (perf, 1M offers, six segments, up to three searches a page).
#[derive(Default)]
pub struct Columns {
    by_segment: Mutex<HashMap<SegmentId, Arc<SegmentColumns>>>,
}

/// One segment's columns.
pub struct SegmentColumns {
    id: Arc<dyn ColumnValues<u64>>,
    packed: Arc<dyn ColumnValues<u64>>,
    published: Arc<dyn ColumnValues<i64>>,
    expires: Arc<dyn ColumnValues<i64>>,
    lat: Arc<dyn ColumnValues<f64>>,
    lon: Arc<dyn ColumnValues<f64>>,
}

impl SegmentColumns {
    fn open(segment: &SegmentReader) -> tantivy::Result<Self> {
        let fast = segment.fast_fields();
        Ok(Self {
            id: fast.u64("id")?.first_or_default_col(0),
            packed: fast.u64("packed")?.first_or_default_col(0),
            published: fast.i64("published")?.first_or_default_col(0),
            expires: fast.i64("expires")?.first_or_default_col(i64::MAX),
            lat: fast.f64("lat")?.first_or_default_col(0.0),
            lon: fast.f64("lon")?.first_or_default_col(0.0),
        })
    }
}

impl Columns {
    /// The columns of `segment`, opened at its first search.
    fn of(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentColumns>> {
        let key = segment.segment_id();
        if let Some(columns) = self.lock().get(&key) {
            return Ok(columns.clone());
        }
        let opened = Arc::new(SegmentColumns::open(segment)?);
        self.lock().insert(key, opened.clone());
        Ok(opened)
    }

    /// Forgets the segments that are no longer searched (merged or emptied).
    pub fn keep_only(&self, live: impl IntoIterator<Item = SegmentId>) {
        let live: std::collections::HashSet<SegmentId> = live.into_iter().collect();
        self.lock().retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentColumns>>> {
        // A panic while holding it leaves the map whole: keep using it.
        self.by_segment
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl std::fmt::Debug for Columns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Columns({} segments)", self.lock().len())
    }
}

/// The filters applied here rather than in the query, so that each facet can
/// be counted without its own filter.
#[derive(Debug, Clone)]
pub struct OfferCollector {
    /// Where the segments' columns are kept between searches.
    pub columns: Arc<Columns>,
    /// Offers expiring at or before this instant (Unix seconds) are skipped.
    pub now: i64,
    /// Allowed contract ordinals as a bit mask; `None`: all.
    pub contracts: Option<u64>,
    pub families: Option<u64>,
    pub department: Option<u64>,
    pub sources: Option<u64>,
    /// Latitude, longitude and radius in km.
    pub around: Option<(f64, f64, f64)>,
    pub sort: SortOrder,
    /// How many of the best offers to keep (offset + page size).
    pub keep: usize,
}

/// What the pass found.
#[derive(Debug, Clone)]
pub struct Harvest {
    pub total: u64,
    pub contracts: [u64; CONTRACT_SLOTS],
    pub families: [u64; FAMILY_SLOTS],
    pub departments: [u64; DEPARTMENT_SLOTS],
    pub sources: [u64; SOURCE_SLOTS],
    /// Best first, at most `keep`.
    pub top: Vec<Ranked>,
}

impl Default for Harvest {
    fn default() -> Self {
        Self {
            total: 0,
            contracts: [0; CONTRACT_SLOTS],
            families: [0; FAMILY_SLOTS],
            departments: [0; DEPARTMENT_SLOTS],
            sources: [0; SOURCE_SLOTS],
            top: Vec::new(),
        }
    }
}

/// An offer in the running: its sort key, id and distance in km (when
/// searching around a place). Ordered best first, so that a max-heap of them
/// has the worst kept offer on top.
#[derive(Debug, Clone, Copy)]
pub struct Ranked {
    pub key: f64,
    pub id: u64,
    pub distance: Option<f64>,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    /// A better offer (higher key, then newer id) compares lower.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key.total_cmp(&self.key).then(other.id.cmp(&self.id))
    }
}

pub struct OfferSegmentCollector {
    filter: OfferCollector,
    today: u64,
    columns: Arc<SegmentColumns>,
    harvest: Harvest,
    heap: BinaryHeap<Ranked>,
    block: Vec<u64>,
}

impl Collector for OfferCollector {
    type Fruit = Harvest;
    type Child = OfferSegmentCollector;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(OfferSegmentCollector {
            filter: self.clone(),
            today: self.now.div_euclid(86_400).max(0) as u64,
            columns: self.columns.of(segment)?,
            harvest: Harvest::default(),
            heap: BinaryHeap::with_capacity(self.keep + 1),
            block: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == SortOrder::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<Harvest>) -> tantivy::Result<Harvest> {
        let mut merged = Harvest::default();
        for fruit in fruits {
            merged.total += fruit.total;
            add(&mut merged.contracts, &fruit.contracts);
            add(&mut merged.families, &fruit.families);
            add(&mut merged.departments, &fruit.departments);
            add(&mut merged.sources, &fruit.sources);
            merged.top.extend(fruit.top);
        }
        merged.top.sort();
        merged.top.truncate(self.keep);
        Ok(merged)
    }
}

fn add<const N: usize>(into: &mut [u64; N], from: &[u64; N]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a += b;
    }
}

fn allowed(mask: Option<u64>, ordinal: u64) -> bool {
    mask.is_none_or(|m| ordinal < 64 && m & (1 << ordinal) != 0)
}

impl OfferSegmentCollector {
    fn process(&mut self, doc: DocId, packed: u64, score: Score) {
        let expiry_day = (packed >> 24) & NEVER;
        if expiry_day < self.today
            || (expiry_day == self.today && self.columns.expires.get_val(doc) <= self.filter.now)
        {
            return;
        }
        let f = &self.filter;
        let distance = match f.around {
            Some((lat, lon, radius)) => {
                let d = distance_km(
                    lat,
                    lon,
                    self.columns.lat.get_val(doc),
                    self.columns.lon.get_val(doc),
                );
                if d > radius {
                    return;
                }
                Some(d)
            }
            None => None,
        };
        let contract = packed & 0xFF;
        let family = (packed >> 8) & 0xFF;
        let department = (packed >> 16) & 0xFF;
        let source = (packed >> 40) & 0xF;
        let contract_ok = allowed(f.contracts, contract);
        let family_ok = allowed(f.families, family);
        let department_ok = f.department.is_none_or(|d| d == department);
        let source_ok = allowed(f.sources, source);
        // Each facet counts the offers every other filter lets through.
        if family_ok && department_ok && source_ok {
            self.harvest.contracts[(contract as usize).min(CONTRACT_SLOTS - 1)] += 1;
        }
        if contract_ok && department_ok && source_ok {
            self.harvest.families[(family as usize).min(FAMILY_SLOTS - 1)] += 1;
        }
        if contract_ok && family_ok && source_ok {
            self.harvest.departments[(department as usize).min(DEPARTMENT_SLOTS - 1)] += 1;
        }
        if contract_ok && family_ok && department_ok {
            self.harvest.sources[(source as usize).min(SOURCE_SLOTS - 1)] += 1;
        }
        if !(contract_ok && family_ok && department_ok && source_ok) {
            return;
        }
        self.harvest.total += 1;
        let key = match f.sort {
            SortOrder::Relevance => f64::from(score),
            SortOrder::Date => self.columns.published.get_val(doc) as f64,
            SortOrder::Distance => -distance.unwrap_or(0.0),
        };
        if self.heap.len() == f.keep {
            // Cheap rejection before reading the id: strictly worse than the worst kept.
            if let Some(worst) = self.heap.peek()
                && key < worst.key
            {
                return;
            }
        }
        let ranked = Ranked {
            key,
            id: self.columns.id.get_val(doc),
            distance,
        };
        if self.heap.len() < f.keep {
            self.heap.push(ranked);
        } else if let Some(worst) = self.heap.peek()
            && ranked < *worst
        {
            self.heap.pop();
            self.heap.push(ranked);
        }
    }
}

impl SegmentCollector for OfferSegmentCollector {
    type Fruit = Harvest;

    fn collect(&mut self, doc: DocId, score: Score) {
        let packed = self.columns.packed.get_val(doc);
        self.process(doc, packed, score);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let mut block = std::mem::take(&mut self.block);
        block.resize(docs.len(), 0);
        self.columns.packed.get_vals(docs, &mut block);
        for (doc, packed) in docs.iter().zip(&block) {
            self.process(*doc, *packed, 0.0);
        }
        self.block = block;
    }

    fn harvest(self) -> Harvest {
        let mut harvest = self.harvest;
        harvest.top = self.heap.into_sorted_vec();
        harvest
    }
}

#[cfg(test)]
mod tests {
    use super::{Packed, pack};

    #[test]
    fn packing_keeps_each_part() {
        let packed = pack(Packed {
            contract: 4,
            family: 9,
            department: 101,
            source: 1,
            expires: Some(1_795_000_000),
        });
        assert_eq!(packed & 0xFF, 4);
        assert_eq!((packed >> 8) & 0xFF, 9);
        assert_eq!((packed >> 16) & 0xFF, 101);
        assert_eq!((packed >> 24) & 0xFFFF, 1_795_000_000 / 86_400);
        assert_eq!(packed >> 40, 1);
        let never = pack(Packed {
            contract: 0,
            family: 0,
            department: 0,
            source: 0,
            expires: None,
        });
        assert_eq!(never >> 24, 0xFFFF);
    }
}
