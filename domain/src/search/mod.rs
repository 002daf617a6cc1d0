//! The offer search index (P2): an embedded tantivy index kept in sync with
//! the database, which stays the source of truth.
//!
//! The index holds only open offers (published, not expired) and only what
//! searching needs: analysed text and fast fields for filters, facets and
//! sorting. Cards are read back from the database by id.
//!
//! The index follows the change feed ([`feed`]): [`SearchIndex::follow`]
//! applies the log's rows after its cursor, and the cursor is committed
//! with the index, so a restart resumes where it stopped. It is rebuilt
//! from scratch when missing, built with another schema, behind a pruned
//! part of the log, or ahead of the database (a restored backup), and by
//! `server reindex`.

pub mod analyzer;
mod collector;
pub mod feed;
mod similar;

use crate::entity::{company, offer, place};
use crate::model::{
    CatalogueSource, ContractType, DEFAULT_RADIUS_KM, DepartmentCount, Experience, FacetCount,
    Facets, JobFamily, MAX_PAGE, OfferHit, OfferQuery, PAGE_SIZE, PlaceFilter, SearchResults,
    SearchSuggestion, SortOrder, WorkingTime,
};
use crate::places::{Directory, Location};
use crate::{DomainError, offers};
use chrono::{DateTime, Utc};
use collector::{Columns, DEPARTMENT_SLOTS, OfferCollector};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EnableScoring, FuzzyTermQuery, Occur, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Bump when the schema or the meaning of a field changes: the index is then
/// rebuilt at the next start.
const SCHEMA_VERSION: u32 = 5;
/// Memory the writer may buffer before flushing a segment.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;
/// Offers read from the database per batch when rebuilding.
const REBUILD_BATCH: i64 = 5_000;
/// Rows of the change log applied per index commit.
const FOLLOW_BATCH: u64 = 5_000;

/// The index fields.
#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    /// Boosts matches in the title.
    title: Field,
    /// Boosts matches in the job family's names.
    family_text: Field,
    /// Everything a word may be found in: title, company, job family, place,
    /// description. One posting list per word keeps queries fast.
    all_text: Field,
    /// Contract, job family, department, expiry day and source (see `collector::pack`).
    packed: Field,
    /// The job family's position, indexed (similar offers look it up).
    family: Field,
    /// The job family at the offer's place ([`family_place`]), indexed: the
    /// offers of a family at one place are one short posting list, which
    /// similar offers read instead of intersecting the family's with the
    /// place's.
    family_place: Field,
    /// The job family in the offer's department ([`family_department`]),
    /// indexed, for similar offers too.
    family_department: Field,
    region: Field,
    working_time: Field,
    experience: Field,
    salary: Field,
    published: Field,
    expires: Field,
    lat: Field,
    lon: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer::FRENCH)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let filter: NumericOptions = (INDEXED | FAST).into();
    let fields = Fields {
        id: builder.add_u64_field("id", filter.clone()),
        title: builder.add_text_field("title", text.clone()),
        family_text: builder.add_text_field("family_text", text.clone()),
        all_text: builder.add_text_field("all_text", text),
        packed: builder.add_u64_field("packed", FAST),
        family: builder.add_u64_field("family", INDEXED),
        family_place: builder.add_u64_field("family_place", INDEXED),
        family_department: builder.add_u64_field("family_department", INDEXED),
        region: builder.add_u64_field("region", filter.clone()),
        working_time: builder.add_u64_field("working_time", filter.clone()),
        experience: builder.add_u64_field("experience", filter.clone()),
        salary: builder.add_u64_field("salary", filter.clone()),
        published: builder.add_i64_field("published", filter.clone()),
        expires: builder.add_i64_field("expires", FAST),
        lat: builder.add_f64_field("lat", filter.clone()),
        lon: builder.add_f64_field("lon", filter),
    };
    (builder.build(), fields)
}

/// Position of a value in its closed set, as stored in the index.
fn ordinal<T: PartialEq>(all: &[T], value: &T) -> u64 {
    all.iter().position(|v| v == value).unwrap_or(0) as u64
}

/// One number per job family and place: the family in the top byte, a mix
/// of the place's coordinates (splitmix64) below. Two places of one family
/// sharing a number is improbable at 2^56 and harmless: the collector sorts
/// by distance, so the offers of the very place come first.
fn family_place(family: u64, latitude: f64, longitude: f64) -> u64 {
    fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    (family << 56) | (mix(latitude.to_bits() ^ mix(longitude.to_bits())) >> 8)
}

/// One number per job family and department.
fn family_department(family: u64, department: u64) -> u64 {
    family * DEPARTMENT_SLOTS as u64 + department
}

/// The embedded list of departments gives each a stable small number.
fn department_ordinal(code: &str) -> u64 {
    crate::places::department_codes()
        .iter()
        .position(|c| *c == code)
        .map_or(DEPARTMENT_SLOTS as u64 - 1, |p| p as u64)
}

fn region_ordinal(code: &str) -> u64 {
    crate::places::region_codes()
        .iter()
        .position(|c| *c == code)
        .map_or(u64::MAX, |p| p as u64)
}

/// The database state an index reflects, stored with each commit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Fingerprint {
    schema: u32,
    open_offers: u64,
    last_update: Option<DateTime<Utc>>,
    last_id: Option<i64>,
}

/// What an index commit records: the change log applied through `applied`,
/// and the database's fingerprint at that commit.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Payload {
    applied: i64,
    #[serde(flatten)]
    fingerprint: Fingerprint,
}

async fn fingerprint(db: &impl ConnectionTrait) -> Result<Fingerprint, DomainError> {
    let open_offers = offer::Entity::find()
        .filter(offers::open_offers(Utc::now()))
        .count(db)
        .await?;
    let last_update: Option<DateTime<Utc>> = offer::Entity::find()
        .select_only()
        .column(offer::Column::UpdatedAt)
        .order_by_desc(offer::Column::UpdatedAt)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    let last_id: Option<i64> = offer::Entity::find()
        .select_only()
        .column(offer::Column::Id)
        .order_by_desc(offer::Column::Id)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok(Fingerprint {
        schema: SCHEMA_VERSION,
        open_offers,
        last_update,
        last_id,
    })
}

/// What one [`SearchIndex::follow`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Followed {
    /// Rows of the log applied.
    pub rows: usize,
    /// Offers brought in line with the database.
    pub offers: usize,
    /// Whether it rebuilt the index instead.
    pub rebuilt: bool,
}

/// The search index: a reader for queries, one writer for updates.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    /// Async-aware: a rebuild holds it while reading the database; so does
    /// `follow`, so the log is applied by one task at a time.
    writer: tokio::sync::Mutex<IndexWriter>,
    fields: Fields,
    /// The last row of the change log the committed index reflects.
    applied: std::sync::atomic::AtomicI64,
    /// The fast fields of each segment, opened once.
    columns: Arc<Columns>,
    /// The similar offers found lately, per job family and place.
    similar: similar::SimilarCache,
}

impl SearchIndex {
    /// Opens the index in `dir`, or creates it (empty) when missing or built
    /// with another schema.
    pub fn open(dir: &Path) -> Result<Self, DomainError> {
        std::fs::create_dir_all(dir).map_err(DomainError::internal)?;
        let (schema, fields) = schema();
        let index = match Index::open_in_dir(dir) {
            Ok(index) if index.schema() == schema => index,
            _ => {
                for entry in std::fs::read_dir(dir)
                    .map_err(DomainError::internal)?
                    .flatten()
                {
                    let _ = std::fs::remove_file(entry.path());
                }
                Index::create_in_dir(dir, schema).map_err(DomainError::internal)?
            }
        };
        Self::with_index(index, fields)
    }

    /// An index in memory, for tests.
    pub fn in_memory() -> Result<Self, DomainError> {
        let (schema, fields) = schema();
        Self::with_index(Index::create_in_ram(schema), fields)
    }

    fn with_index(mut index: Index, fields: Fields) -> Result<Self, DomainError> {
        index
            .tokenizers()
            .register(analyzer::FRENCH, analyzer::french());
        // Segments are searched in parallel, one thread per core.
        index
            .set_default_multithread_executor()
            .map_err(DomainError::internal)?;
        let writer = index
            .writer_with_num_threads(2, WRITER_MEMORY)
            .map_err(DomainError::internal)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(DomainError::internal)?;
        let applied = Self::stored_payload_of(&index).map_or(0, |p| p.applied);
        Ok(Self {
            index,
            reader,
            writer: tokio::sync::Mutex::new(writer),
            fields,
            applied: std::sync::atomic::AtomicI64::new(applied),
            columns: Arc::default(),
            similar: similar::SimilarCache::default(),
        })
    }

    /// How many offers the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The last row of the change log this index has applied: caches of
    /// what the catalogue shows key on it (every instance that has applied
    /// the same rows shows the same catalogue).
    pub fn applied(&self) -> i64 {
        self.applied.load(std::sync::atomic::Ordering::Acquire)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn stored_payload_of(index: &Index) -> Option<Payload> {
        let metas = index.load_metas().ok()?;
        serde_json::from_str(metas.payload.as_deref()?).ok()
    }

    /// Brings the index in line with the database at start: nothing when it
    /// reflects it, the log's rows since its cursor when the log still holds
    /// them, a rebuild otherwise. Returns whether it rebuilt.
    pub async fn sync(
        &self,
        db: &impl ConnectionTrait,
        progress: impl Fn(u64, u64),
    ) -> Result<bool, DomainError> {
        let stored =
            Self::stored_payload_of(&self.index).filter(|p| p.fingerprint.schema == SCHEMA_VERSION);
        let Some(stored) = stored else {
            self.rebuild(db, progress).await?;
            return Ok(true);
        };
        if stored.fingerprint == fingerprint(db).await?
            && stored.applied == feed::latest(db).await?
        {
            return Ok(false);
        }
        let followed = self.follow(db).await?;
        if followed.rebuilt {
            return Ok(true);
        }
        Ok(false)
    }

    /// A small index of the offers open now that entered the catalogue in
    /// `(since, until]` — published then, or written then (an imported
    /// offer carries its source's older publication date): alerts (C7) run
    /// every saved search against what is new with the search page's own
    /// plan, not against the whole catalogue.
    pub async fn batch(
        db: &impl ConnectionTrait,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Self, DomainError> {
        let index = Self::in_memory()?;
        {
            let mut writer = index.writer.lock().await;
            let rows = index_rows(db, |select| {
                select.filter(offers::open_offers(Utc::now())).filter(
                    sea_orm::Condition::any()
                        .add(
                            sea_orm::Condition::all()
                                .add(offer::Column::PublishedAt.gt(since))
                                .add(offer::Column::PublishedAt.lte(until)),
                        )
                        .add(
                            sea_orm::Condition::all()
                                .add(offer::Column::CreatedAt.gt(since))
                                .add(offer::Column::CreatedAt.lte(until)),
                        ),
                )
            })
            .await?;
            for row in &rows {
                writer
                    .add_document(index.document(row))
                    .map_err(DomainError::internal)?;
            }
            let fingerprint = Fingerprint {
                schema: SCHEMA_VERSION,
                open_offers: rows.len() as u64,
                last_update: None,
                last_id: None,
            };
            index.commit(
                &mut writer,
                Payload {
                    applied: 0,
                    fingerprint,
                },
            )?;
        }
        Ok(index)
    }

    /// The ids of the offers matching `query`, best first in its order, at
    /// most `limit`, and how many match in all: what the search page would
    /// list.
    pub fn matching(
        &self,
        places: &Directory,
        query: &OfferQuery,
        limit: usize,
    ) -> Result<(Vec<i64>, u64), DomainError> {
        let plan = self.plan(places, query);
        let harvest = self.collect(&plan, limit)?;
        Ok((
            harvest.top.iter().map(|r| r.id as i64).collect(),
            harvest.total,
        ))
    }

    /// Indexes every open offer from scratch, reporting `(done, total)`.
    pub async fn rebuild(
        &self,
        db: &impl ConnectionTrait,
        progress: impl Fn(u64, u64),
    ) -> Result<u64, DomainError> {
        let mut writer = self.writer.lock().await;
        self.rebuild_locked(db, &mut writer, progress).await
    }

    async fn rebuild_locked(
        &self,
        db: &impl ConnectionTrait,
        writer: &mut IndexWriter,
        progress: impl Fn(u64, u64),
    ) -> Result<u64, DomainError> {
        // The log's position first: a change made while the offers are read
        // is applied again by the next `follow` (applying is idempotent).
        let applied = feed::latest(db).await?;
        let fingerprint = fingerprint(db).await?;
        let total = fingerprint.open_offers;
        let now = Utc::now();
        writer
            .delete_all_documents()
            .map_err(DomainError::internal)?;
        let mut done = 0;
        progress(0, total);
        // Primary-key ranges, not `id > last LIMIT n`: the planner would
        // otherwise walk the status index and sort, once per batch.
        let last_id = fingerprint.last_id.unwrap_or(0);
        let mut after = 0i64;
        while after < last_id {
            let until = after + REBUILD_BATCH;
            let rows = index_rows(db, |select| {
                select
                    .filter(offer::Column::Id.gt(after))
                    .filter(offer::Column::Id.lte(until))
                    .filter(offers::open_offers(now))
            })
            .await?;
            after = until;
            for row in &rows {
                writer
                    .add_document(self.document(row))
                    .map_err(DomainError::internal)?;
            }
            done += rows.len() as u64;
            progress(done, total);
        }
        self.commit(
            writer,
            Payload {
                applied,
                fingerprint,
            },
        )?;
        tracing::info!(offers = done, applied, "search index rebuilt");
        Ok(done)
    }

    fn commit(&self, writer: &mut IndexWriter, payload: Payload) -> Result<(), DomainError> {
        let mut commit = writer.prepare_commit().map_err(DomainError::internal)?;
        commit.set_payload(&serde_json::to_string(&payload).map_err(DomainError::internal)?);
        commit.commit().map_err(DomainError::internal)?;
        self.reader.reload().map_err(DomainError::internal)?;
        self.columns.keep_only(
            self.reader
                .searcher()
                .segment_readers()
                .iter()
                .map(|segment| segment.segment_id()),
        );
        self.applied
            .store(payload.applied, std::sync::atomic::Ordering::Release);
        Ok(())
    }

    /// Applies the change log after the index's cursor: each offer named is
    /// (re)indexed when open and removed otherwise (unpublished, filled,
    /// expired, deleted). Rebuilds instead when the log no longer holds the
    /// rows after the cursor (pruned while this instance was away) or is
    /// behind it (the database was restored from an older copy).
    pub async fn follow(&self, db: &impl ConnectionTrait) -> Result<Followed, DomainError> {
        // Nothing new (most calls): answered without waiting for the writer.
        if feed::latest(db).await? == self.applied() {
            return Ok(Followed::default());
        }
        let mut writer = self.writer.lock().await;
        let mut followed = Followed::default();
        let cursor = self.applied();
        let latest = feed::latest(db).await?;
        if latest == cursor {
            return Ok(followed);
        }
        let missed = feed::oldest(db)
            .await?
            .is_some_and(|oldest| oldest > cursor + 1);
        if latest < cursor || missed {
            tracing::warn!(
                cursor,
                latest,
                "change log does not continue the index: rebuilding"
            );
            self.rebuild_locked(db, &mut writer, |_, _| {}).await?;
            followed.rebuilt = true;
            return Ok(followed);
        }
        let mut cursor = cursor;
        loop {
            let batch = feed::after(db, cursor, FOLLOW_BATCH).await?;
            if batch.rows == 0 {
                break;
            }
            self.apply(db, &mut writer, &batch).await?;
            followed.rows += batch.rows;
            followed.offers += batch.offers.len();
            cursor = batch.through;
            if (batch.rows as u64) < FOLLOW_BATCH {
                break;
            }
        }
        Ok(followed)
    }

    /// One batch of the log into one commit.
    async fn apply(
        &self,
        db: &impl ConnectionTrait,
        writer: &mut IndexWriter,
        batch: &feed::Batch,
    ) -> Result<(), DomainError> {
        let now = Utc::now();
        let ids: Vec<i64> = batch.offers.iter().copied().collect();
        for chunk in ids.chunks(500) {
            let rows = index_rows(db, |select| {
                select
                    .filter(offer::Column::Id.is_in(chunk.iter().copied()))
                    .filter(offers::open_offers(now))
            })
            .await?;
            for id in chunk {
                writer.delete_term(Term::from_field_u64(self.fields.id, *id as u64));
            }
            for row in &rows {
                writer
                    .add_document(self.document(row))
                    .map_err(DomainError::internal)?;
            }
        }
        // The fingerprint of the last rebuild stays: counting the catalogue
        // at every change would cost more than the change (the log, not the
        // fingerprint, says what this index reflects).
        let fingerprint = Self::stored_payload_of(&self.index)
            .map(|p| p.fingerprint)
            .unwrap_or(Fingerprint {
                schema: SCHEMA_VERSION,
                open_offers: 0,
                last_update: None,
                last_id: None,
            });
        self.commit(
            writer,
            Payload {
                applied: batch.through,
                fingerprint,
            },
        )
    }

    fn document(&self, row: &IndexRow) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, row.id as u64);
        doc.add_text(f.title, &row.title);
        doc.add_text(f.family_text, row.job_family.label());
        doc.add_text(f.family_text, row.job_family.short_label());
        let employer =
            crate::model::employer_label(row.company_name.as_deref(), row.employer_name.as_deref());
        let place = row.place_label.as_ref().unwrap_or(&row.place_name);
        for text in [&row.title, &employer, place] {
            doc.add_text(f.all_text, text);
        }
        doc.add_text(f.all_text, row.job_family.label());
        doc.add_text(f.all_text, row.job_family.short_label());
        doc.add_text(
            f.all_text,
            crate::model::html_to_text(&row.description_html),
        );
        doc.add_u64(
            f.packed,
            collector::pack(collector::Packed {
                contract: ordinal(ContractType::ALL, &row.contract_type),
                family: ordinal(JobFamily::ALL, &row.job_family),
                department: department_ordinal(&row.department_code),
                source: ordinal(CatalogueSource::ALL, &row.source.catalogue()),
                expires: row.expires_at.map(|t| t.timestamp()),
            }),
        );
        let family = ordinal(JobFamily::ALL, &row.job_family);
        let department = department_ordinal(&row.department_code);
        doc.add_u64(f.family, family);
        doc.add_u64(
            f.family_place,
            family_place(family, row.latitude, row.longitude),
        );
        doc.add_u64(f.family_department, family_department(family, department));
        doc.add_u64(f.region, region_ordinal(&row.region_code));
        doc.add_u64(f.working_time, ordinal(WorkingTime::ALL, &row.working_time));
        doc.add_u64(f.experience, ordinal(Experience::ALL, &row.experience));
        let salary = row
            .salary()
            .map_or(0, |s| s.monthly_min_cents().max(0) as u64);
        doc.add_u64(f.salary, salary);
        doc.add_i64(f.published, row.published_at.map_or(0, |t| t.timestamp()));
        doc.add_i64(
            f.expires,
            row.expires_at.map_or(i64::MAX, |t| t.timestamp()),
        );
        doc.add_f64(f.lat, row.latitude);
        doc.add_f64(f.lon, row.longitude);
        doc
    }

    /// Runs a search: the query's words and filters, the place understood
    /// by `places`, one page of results read back from the database.
    pub async fn search(
        &self,
        db: &DatabaseConnection,
        places: &Directory,
        query: &OfferQuery,
    ) -> Result<SearchResults, DomainError> {
        let plan = self.plan(places, query);
        let page = query.page.clamp(1, MAX_PAGE);
        let harvest = self.collect(&plan, (page * PAGE_SIZE) as usize)?;
        let skip = ((page - 1) * PAGE_SIZE) as usize;
        let ranked: Vec<_> = harvest.top.iter().skip(skip).collect();
        let ids: Vec<i64> = ranked.iter().map(|r| r.id as i64).collect();
        let cards = offers::cards(db, &ids).await?;
        let hits = ranked
            .iter()
            .filter_map(|r| {
                cards
                    .iter()
                    .find(|c| c.id == r.id as i64)
                    .map(|card| OfferHit {
                        card: card.clone(),
                        distance_km: r.distance,
                    })
            })
            .collect();
        let facets = facets(&harvest, places);
        let pages = (harvest.total.div_ceil(u64::from(PAGE_SIZE)) as u32).clamp(1, MAX_PAGE);
        let suggestions = if harvest.total == 0 {
            self.suggestions(places, query, &plan)?
        } else {
            Vec::new()
        };
        Ok(SearchResults {
            query: query.clone(),
            total: harvest.total,
            hits,
            facets,
            place: plan.place.clone(),
            sort: plan.collector.sort,
            page,
            pages,
            suggestions,
        })
    }

    /// The other open offers closest to this one: same job family, nearest
    /// first within 100 km, then most recent. They are kept a while per job
    /// family and place (`similar`): an offer that closed in the meantime
    /// may show up to a minute longer, as on a cached page.
    pub async fn similar(
        &self,
        db: &DatabaseConnection,
        detail: &crate::model::OfferDetail,
        limit: usize,
    ) -> Result<Vec<crate::model::OfferCard>, DomainError> {
        let key = similar::Key {
            family: ordinal(JobFamily::ALL, &detail.job_family),
            latitude: detail.place.latitude.to_bits(),
            longitude: detail.place.longitude.to_bits(),
            limit,
        };
        let applied = self.applied();
        let neighbours = match self.similar.get(&key, applied) {
            Some(cards) => cards,
            None => {
                let cards: Arc<[_]> = self.neighbours(db, detail, limit + 1).await?.into();
                self.similar.put(key, applied, cards.clone());
                cards
            }
        };
        Ok(neighbours
            .iter()
            .filter(|card| card.id != detail.id)
            .take(limit)
            .cloned()
            .collect())
    }

    /// Forgets the similar offers found so far (after a change the change
    /// feed does not carry, such as a company's new name).
    pub fn forget_similar(&self) {
        self.similar.clear();
    }

    /// The `limit` open offers nearest to `detail`'s place in its job
    /// family — itself included when it is open.
    async fn neighbours(
        &self,
        db: &DatabaseConnection,
        detail: &crate::model::OfferDetail,
        limit: usize,
    ) -> Result<Vec<crate::model::OfferCard>, DomainError> {
        // The nearest offers of the same job family: at the very same place
        // first (nearest of all, and a handful of offers to read where a
        // department of a large catalogue has thousands), then in the
        // offer's department, then within 100 km when that finds too few.
        let (lat, lon) = (detail.place.latitude, detail.place.longitude);
        let family = ordinal(JobFamily::ALL, &detail.job_family);
        let department = department_ordinal(&detail.place.department_code);
        let nearby: [Box<dyn Query>; 3] = [
            exact(self.fields.family_place, family_place(family, lat, lon)),
            exact(
                self.fields.family_department,
                family_department(family, department),
            ),
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, exact(self.fields.family, family)),
                (Occur::Must, self.bounding_box(lat, lon, SIMILAR_RADIUS_KM)),
            ])),
        ];
        let mut harvest = None;
        for query in nearby {
            let plan = Plan {
                query,
                collector: OfferCollector {
                    columns: self.columns.clone(),
                    now: Utc::now().timestamp(),
                    contracts: None,
                    families: Some(1 << family),
                    department: None,
                    sources: None,
                    around: Some((lat, lon, SIMILAR_RADIUS_KM)),
                    sort: SortOrder::Distance,
                    keep: limit,
                },
                place: None,
            };
            // On this thread: each search is small, and handing its segments
            // to the pool's threads costs more than it saves under load.
            let found = self.collect_on(&plan, limit, &tantivy::Executor::single_thread())?;
            let enough = found.top.len() >= limit;
            harvest = Some(found);
            if enough {
                break;
            }
        }
        let Some(harvest) = harvest else {
            return Ok(Vec::new());
        };
        let ids: Vec<i64> = harvest.top.iter().map(|r| r.id as i64).collect();
        let cards = offers::cards(db, &ids).await?;
        Ok(ids
            .iter()
            .filter_map(|id| cards.iter().find(|c| c.id == *id).cloned())
            .collect())
    }

    /// The pass of `plan`, its segments searched in parallel.
    fn collect(&self, plan: &Plan, keep: usize) -> Result<collector::Harvest, DomainError> {
        self.collect_on(plan, keep, self.index.search_executor())
    }

    fn collect_on(
        &self,
        plan: &Plan,
        keep: usize,
        executor: &tantivy::Executor,
    ) -> Result<collector::Harvest, DomainError> {
        let collector = OfferCollector {
            keep,
            ..plan.collector.clone()
        };
        let searcher = self.reader.searcher();
        let scoring = if tantivy::collector::Collector::requires_scoring(&collector) {
            EnableScoring::enabled_from_searcher(&searcher)
        } else {
            EnableScoring::disabled_from_searcher(&searcher)
        };
        searcher
            .search_with_executor(plan.query.as_ref(), &collector, executor, scoring)
            .map_err(DomainError::internal)
    }

    /// Turns a query into a tantivy query (words and the filters facets do
    /// not count) and a collector (the facet filters, place and order).
    fn plan(&self, places: &Directory, query: &OfferQuery) -> Plan {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in analyzer::terms(&query.q) {
            must.extend(self.word_query(&term));
        }
        if let Some(code) = &query.region {
            must.push((Occur::Must, exact(f.region, region_ordinal(code))));
        }
        if let Some(time) = query.working_time {
            must.push((
                Occur::Must,
                exact(f.working_time, ordinal(WorkingTime::ALL, &time)),
            ));
        }
        if let Some(experience) = query.experience {
            must.push((
                Occur::Must,
                exact(f.experience, ordinal(Experience::ALL, &experience)),
            ));
        }
        if let Some(euros) = query.salary_min {
            let cents = u64::from(euros) * 100;
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(f.salary, cents)),
                    Bound::Unbounded,
                )),
            ));
        }
        if let Some(days) = query.since_days {
            let since = Utc::now().timestamp() - i64::from(days) * 86_400;
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(f.published, since)),
                    Bound::Unbounded,
                )),
            ));
        }

        let mut department = None;
        let mut around = None;
        let place = match places.resolve(&query.lieu) {
            Some(Location::Commune(commune)) => {
                let radius = query.radius_km.unwrap_or(DEFAULT_RADIUS_KM);
                // Radius 0 means the commune itself: a few hundred metres of slack.
                let km = f64::from(radius).max(0.5);
                around = Some((commune.latitude, commune.longitude, km));
                must.push((
                    Occur::Must,
                    self.bounding_box(commune.latitude, commune.longitude, km),
                ));
                Some(PlaceFilter::Around {
                    label: commune.label(),
                    radius_km: radius,
                })
            }
            Some(Location::Department { code, name }) => {
                department = Some(department_ordinal(code));
                Some(PlaceFilter::Department {
                    label: format!("{name} ({code})"),
                })
            }
            None if query.lieu.trim().is_empty() => None,
            None => Some(PlaceFilter::Unknown {
                text: query.lieu.clone(),
            }),
        };

        let mask = |ordinals: Vec<u64>| {
            (!ordinals.is_empty()).then(|| ordinals.iter().fold(0u64, |m, o| m | (1 << o)))
        };
        let collector = OfferCollector {
            columns: self.columns.clone(),
            now: Utc::now().timestamp(),
            contracts: mask(
                query
                    .contracts
                    .iter()
                    .map(|c| ordinal(ContractType::ALL, c))
                    .collect(),
            ),
            families: mask(
                query
                    .families
                    .iter()
                    .map(|f| ordinal(JobFamily::ALL, f))
                    .collect(),
            ),
            department,
            sources: mask(
                query
                    .sources
                    .iter()
                    .map(|s| ordinal(CatalogueSource::ALL, s))
                    .collect(),
            ),
            around,
            sort: query.effective_sort(around.is_some()),
            keep: PAGE_SIZE as usize,
        };
        let query: Box<dyn Query> = if must.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(must))
        };
        Plan {
            query,
            collector,
            place,
        }
    }

    /// One word of the keywords: it must appear somewhere (or, for words of
    /// 5 letters or more, within one typo in the title); appearing in the
    /// title or the job family's names ranks the offer higher.
    fn word_query(&self, term: &str) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let term_query = |field| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            ))
        };
        let found: Box<dyn Query> = if term.chars().count() >= 5 {
            let typo = FuzzyTermQuery::new(Term::from_field_text(f.title, term), 1, true);
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, term_query(f.all_text)),
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(typo), 0.5)),
                ),
            ]))
        } else {
            term_query(f.all_text)
        };
        vec![
            (Occur::Must, found),
            (
                Occur::Should,
                Box::new(BoostQuery::new(term_query(f.title), 3.0)),
            ),
            (
                Occur::Should,
                Box::new(BoostQuery::new(term_query(f.family_text), 1.5)),
            ),
        ]
    }

    fn bounding_box(&self, lat: f64, lon: f64, km: f64) -> Box<dyn Query> {
        let dlat = km / 111.0;
        let dlon = km / (111.0 * lat.to_radians().cos().abs().max(0.01));
        let range = |field, low: f64, high: f64| -> (Occur, Box<dyn Query>) {
            (
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_f64(field, low)),
                    Bound::Included(Term::from_field_f64(field, high)),
                )),
            )
        };
        Box::new(BooleanQuery::new(vec![
            range(self.fields.lat, lat - dlat, lat + dlat),
            range(self.fields.lon, lon - dlon, lon + dlon),
        ]))
    }

    /// Other searches worth trying when one finds nothing: a wider radius,
    /// then the same search without each filter, keeping those that find
    /// something.
    fn suggestions(
        &self,
        places: &Directory,
        query: &OfferQuery,
        plan: &Plan,
    ) -> Result<Vec<SearchSuggestion>, DomainError> {
        let mut candidates: Vec<(String, OfferQuery)> = Vec::new();
        let base = query.with_page(1);
        if let Some(PlaceFilter::Around { radius_km, .. }) = &plan.place {
            for wider in [50, 100, 200] {
                if wider > *radius_km {
                    candidates.push((
                        format!("Élargir à {wider} km"),
                        OfferQuery {
                            radius_km: Some(wider),
                            ..base.clone()
                        },
                    ));
                }
            }
        }
        if !query.contracts.is_empty() {
            candidates.push((
                "Tous les contrats".into(),
                OfferQuery {
                    contracts: vec![],
                    ..base.clone()
                },
            ));
        }
        if !query.families.is_empty() {
            candidates.push((
                "Tous les métiers".into(),
                OfferQuery {
                    families: vec![],
                    ..base.clone()
                },
            ));
        }
        if !query.sources.is_empty() {
            candidates.push((
                "Toutes les sources".into(),
                OfferQuery {
                    sources: vec![],
                    ..base.clone()
                },
            ));
        }
        if query.salary_min.is_some() {
            candidates.push((
                "Sans salaire minimum".into(),
                OfferQuery {
                    salary_min: None,
                    ..base.clone()
                },
            ));
        }
        if query.since_days.is_some() {
            candidates.push((
                "Toutes les dates".into(),
                OfferQuery {
                    since_days: None,
                    ..base.clone()
                },
            ));
        }
        if query.working_time.is_some() || query.experience.is_some() || query.region.is_some() {
            candidates.push((
                "Sans les autres filtres".into(),
                OfferQuery {
                    working_time: None,
                    experience: None,
                    region: None,
                    ..base.clone()
                },
            ));
        }
        if !query.lieu.is_empty() {
            candidates.push((
                "Partout en France".into(),
                OfferQuery {
                    lieu: String::new(),
                    radius_km: None,
                    ..base.clone()
                },
            ));
        }
        if !query.q.is_empty() {
            candidates.push((
                "Sans les mots-clés".into(),
                OfferQuery {
                    q: String::new(),
                    ..base.clone()
                },
            ));
        }
        let mut out = Vec::new();
        let mut found_wider = false;
        for (label, candidate) in candidates {
            let is_wider = label.starts_with("Élargir");
            if is_wider && found_wider {
                continue;
            }
            let count = self.collect(&self.plan(places, &candidate), 1)?.total;
            if count > 0 {
                found_wider |= is_wider;
                out.push(SearchSuggestion {
                    label: format!("{label} ({})", crate::model::count_offers(count)),
                    path: candidate.path(),
                });
            }
        }
        Ok(out)
    }
}

/// Similar offers are at most this far.
const SIMILAR_RADIUS_KM: f64 = 100.0;

struct Plan {
    query: Box<dyn Query>,
    collector: OfferCollector,
    place: Option<PlaceFilter>,
}

fn exact(field: Field, value: u64) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}

fn facets(harvest: &collector::Harvest, places: &Directory) -> Facets {
    let codes = crate::places::department_codes();
    let mut departments: Vec<DepartmentCount> = harvest
        .departments
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .filter_map(|(i, count)| {
            let code = codes.get(i)?;
            Some(DepartmentCount {
                code: (*code).to_owned(),
                name: places.department_name(code).unwrap_or(code).to_owned(),
                count: *count,
            })
        })
        .collect();
    departments.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
    Facets {
        contracts: ContractType::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| FacetCount {
                value: *c,
                count: harvest.contracts[i],
            })
            .collect(),
        families: JobFamily::ALL
            .iter()
            .enumerate()
            .map(|(i, f)| FacetCount {
                value: *f,
                count: harvest.families[i],
            })
            .collect(),
        sources: CatalogueSource::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| FacetCount {
                value: *s,
                count: harvest.sources[i],
            })
            .collect(),
        departments,
    }
}

/// What the index needs of an offer, read in one query with its company and place.
#[derive(Debug, FromQueryResult)]
struct IndexRow {
    id: i64,
    title: String,
    description_html: String,
    company_name: Option<String>,
    employer_name: Option<String>,
    place_name: String,
    place_label: Option<String>,
    source: crate::model::OfferSource,
    job_family: JobFamily,
    department_code: String,
    region_code: String,
    contract_type: ContractType,
    working_time: WorkingTime,
    experience: Experience,
    salary_min_cents: Option<i32>,
    salary_max_cents: Option<i32>,
    salary_period: Option<crate::model::SalaryPeriod>,
    published_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
    latitude: f64,
    longitude: f64,
}

impl IndexRow {
    fn salary(&self) -> Option<crate::model::Salary> {
        crate::model::Salary::new(
            self.salary_min_cents?,
            self.salary_max_cents?,
            self.salary_period?,
        )
    }
}

async fn index_rows(
    db: &impl ConnectionTrait,
    shape: impl FnOnce(sea_orm::Select<offer::Entity>) -> sea_orm::Select<offer::Entity>,
) -> Result<Vec<IndexRow>, DomainError> {
    let select = offer::Entity::find()
        .select_only()
        .columns([
            offer::Column::Id,
            offer::Column::Title,
            offer::Column::DescriptionHtml,
            offer::Column::JobFamily,
            offer::Column::DepartmentCode,
            offer::Column::RegionCode,
            offer::Column::ContractType,
            offer::Column::WorkingTime,
            offer::Column::Experience,
            offer::Column::SalaryMinCents,
            offer::Column::SalaryMaxCents,
            offer::Column::SalaryPeriod,
            offer::Column::PublishedAt,
            offer::Column::ExpiresAt,
            offer::Column::EmployerName,
            offer::Column::PlaceLabel,
            offer::Column::Source,
        ])
        .column_as(company::Column::Name, "company_name")
        .column_as(place::Column::Name, "place_name")
        .column(place::Column::Latitude)
        .column(place::Column::Longitude)
        .join(JoinType::LeftJoin, offer::Relation::Company.def())
        .join(JoinType::InnerJoin, offer::Relation::Place.def());
    Ok(shape(select).into_model::<IndexRow>().all(db).await?)
}
