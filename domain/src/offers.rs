//! Reading offers: the latest published ones, one offer's page, the
//! offers a candidate saved (C8), and counting the views of offer pages (R3).

use crate::DomainError;
use crate::accounts::candidate_only;
use crate::entity::{company, offer, place, saved_offer};
use crate::model::{
    ContractType, CurrentUser, OfferCard, OfferCompany, OfferContact, OfferDetail, OfferPlace,
    OfferStatus, Role, Salary, SalaryPeriod, WorkingTime, employer_label,
};
use crate::places::Directory;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationTrait, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap};

/// The most recently published offers that are still open, newest first.
pub async fn latest(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<OfferCard>, DomainError> {
    latest_where(db, Condition::all(), limit).await
}

/// The latest open offers matching `condition` (a company, a group's
/// companies…), newest first.
pub async fn latest_where(
    db: &impl ConnectionTrait,
    condition: impl sea_orm::sea_query::IntoCondition,
    limit: u64,
) -> Result<Vec<OfferCard>, DomainError> {
    let rows = latest_where_query(condition, limit, Utc::now())
        .into_model::<CardRow>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(CardRow::into_card).collect())
}

/// The query of [`latest_where`], open at `now` (its plan is checked by a
/// test: on a large catalogue the wrong index reads every offer).
pub fn latest_where_query(
    condition: impl sea_orm::sea_query::IntoCondition,
    limit: u64,
    now: DateTime<Utc>,
) -> sea_orm::Select<offer::Entity> {
    card_select()
        .filter(open_offers(now))
        .filter(condition)
        .order_by_desc(offer::Column::PublishedAt)
        .order_by_desc(offer::Column::Id)
        .limit(limit)
}

/// The cards of these offers, in no particular order (search reads them back
/// by id). Up to a page of them are read on the calling thread
/// ([`db::by_id`](crate::db::by_id)), more through the pool.
pub async fn cards(db: &DatabaseConnection, ids: &[i64]) -> Result<Vec<OfferCard>, DomainError> {
    if ids.is_empty() || ids.len() > CARDS_BY_ID {
        return cards_through_pool(db, ids).await;
    }
    let rows: Vec<CardRow> = crate::db::by_id(db, cards_statement(db, ids)).await?;
    Ok(rows.into_iter().map(CardRow::into_card).collect())
}

/// [`cards`] through the pool, on any connection (a transaction's too).
async fn cards_through_pool(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<OfferCard>, DomainError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<CardRow> = crate::db::through_pool(db, cards_statement(db, ids)).await?;
    Ok(rows.into_iter().map(CardRow::into_card).collect())
}

/// Cards read at once by [`cards`] on the calling thread: a page of results.
const CARDS_BY_ID: usize = crate::model::PAGE_SIZE as usize;

/// The query of these offers' cards, built once per number of ids up to
/// [`CARDS_BY_ID`] (a search page's, similar offers').
fn cards_statement(db: &impl ConnectionTrait, ids: &[i64]) -> sea_orm::Statement {
    static CARDS: crate::db::ByIds<CARDS_BY_ID> = crate::db::ByIds::new();
    let backend = db.get_database_backend();
    CARDS.statement(backend, ids, |ids| {
        card_select()
            .filter(offer::Column::Id.is_in(ids.iter().copied()))
            .build(backend)
    })
}

/// Offers that have a public page: every status but draft (an expired,
/// filled or unpublished offer still has one that says so). A draft is only
/// its recruiter's: no card, page or saved offer shows it.
pub fn public_offers() -> Condition {
    Condition::all().add(offer::Column::Status.ne(OfferStatus::Draft))
}

/// What a card shows: the offer with its company's and place's names —
/// never a draft's.
fn card_select() -> sea_orm::Select<offer::Entity> {
    offer::Entity::find()
        .filter(public_offers())
        .select_only()
        .columns([
            offer::Column::Id,
            offer::Column::Slug,
            offer::Column::Title,
            offer::Column::DepartmentCode,
            offer::Column::ContractType,
            offer::Column::WorkingTime,
            offer::Column::SalaryMinCents,
            offer::Column::SalaryMaxCents,
            offer::Column::SalaryPeriod,
            offer::Column::PublishedAt,
        ])
        .columns([offer::Column::EmployerName, offer::Column::PlaceLabel])
        .column_as(company::Column::Name, "company_name")
        .column_as(place::Column::Name, "place_name")
        .join(JoinType::LeftJoin, offer::Relation::Company.def())
        .join(JoinType::InnerJoin, offer::Relation::Place.def())
}

/// Offers candidates can see at `now`: published and not past their expiry.
pub fn open_offers(now: DateTime<Utc>) -> Condition {
    use sea_orm::sea_query::Query;
    // A suspended company's offers leave the catalogue with it (A4).
    let suspended = Query::select()
        .column(crate::entity::company::Column::Id)
        .from(crate::entity::company::Entity)
        .and_where(crate::entity::company::Column::SuspendedAt.is_not_null())
        .to_owned();
    Condition::all()
        .add(offer::Column::Status.eq(OfferStatus::Published))
        .add(
            Condition::any()
                .add(offer::Column::ExpiresAt.is_null())
                .add(offer::Column::ExpiresAt.gt(now)),
        )
        .add(
            Condition::any()
                .add(offer::Column::CompanyId.is_null())
                .add(offer::Column::CompanyId.not_in_subquery(suspended)),
        )
}

/// One offer as its public page shows it, whatever its status except draft:
/// an expired or filled offer still has a page that says so. One query (the
/// offer with its company), built once, of the columns the page shows — not
/// the company's description, the offer's moderation or bookkeeping dates,
/// which SQLite would copy and sea-orm decode for nothing; the place's names
/// come from the directory. Read on the calling thread
/// ([`db::by_id`](crate::db::by_id)).
pub async fn detail(
    db: &DatabaseConnection,
    places: &Directory,
    id: i64,
) -> Result<OfferDetail, DomainError> {
    static DETAIL: crate::db::ById = crate::db::ById::new();
    let backend = db.get_database_backend();
    let statement = DETAIL.statement(backend, id, |id| {
        use offer::Column as O;
        offer::Entity::find_by_id(id)
            .filter(public_offers())
            .select_only()
            .columns([
                O::Id,
                O::Slug,
                O::Title,
                O::Status,
                O::CompanyId,
                O::EmployerName,
                O::Source,
                O::SourceUpdatedAt,
                O::PlaceInsee,
                O::PlaceLabel,
                O::JobFamily,
                O::DescriptionHtml,
                O::ContractType,
                O::ContractMonths,
                O::WorkingTime,
                O::SalaryMinCents,
                O::SalaryMaxCents,
                O::SalaryPeriod,
                O::StartDate,
                O::Experience,
                O::Education,
                O::Positions,
                O::Reference,
                O::ShowContact,
                O::ContactName,
                O::ContactEmail,
                O::ContactPhone,
                O::ApplyMethod,
                O::ApplyEmail,
                O::ApplyUrl,
                O::PublishedAt,
                O::ExpiresAt,
            ])
            .column_as(company::Column::Slug, "company_slug")
            .column_as(company::Column::Name, "company_name")
            .column_as(company::Column::Website, "company_website")
            .join(JoinType::LeftJoin, offer::Relation::Company.def())
            .limit(1)
            .build(backend)
    });
    let offer: DetailRow = crate::db::by_id(db, statement)
        .await?
        .into_iter()
        .next()
        .ok_or(DomainError::NotFound)?;
    let company = match (offer.company_id, offer.company_slug, offer.company_name) {
        (Some(id), Some(slug), Some(name)) => Some(OfferCompany {
            id,
            slug,
            name,
            website: offer.company_website,
        }),
        (None, ..) => None,
        (Some(_), ..) => return Err(DomainError::internal(format!("offer {id} has no company"))),
    };
    let place = places
        .commune(&offer.place_insee)
        .ok_or_else(|| DomainError::internal(format!("offer {id} has no place")))?;

    let contact = offer.show_contact.then_some(OfferContact {
        name: offer.contact_name,
        email: offer.contact_email,
        phone: offer.contact_phone,
    });
    Ok(OfferDetail {
        salary: Salary::from_columns(
            offer.salary_min_cents,
            offer.salary_max_cents,
            offer.salary_period,
        ),
        id: offer.id,
        slug: offer.slug,
        title: offer.title,
        status: offer.status,
        employer: employer_label(
            company.as_ref().map(|c| c.name.as_str()),
            offer.employer_name.as_deref(),
        ),
        company,
        source: offer.source,
        source_updated_at: offer.source_updated_at,
        place: OfferPlace {
            postal_code: place.postal_codes.first().cloned().unwrap_or_default(),
            insee: place.insee.clone(),
            department_only: offer.place_label.is_some(),
            name: offer.place_label.unwrap_or_else(|| place.name.clone()),
            department_code: place.department_code.clone(),
            department_name: places
                .department_name(&place.department_code)
                .unwrap_or_default()
                .to_owned(),
            region_name: places
                .region_name(&place.region_code)
                .unwrap_or_default()
                .to_owned(),
            latitude: place.latitude,
            longitude: place.longitude,
        },
        job_family: offer.job_family,
        description_html: offer.description_html,
        contract_type: offer.contract_type,
        contract_months: offer.contract_months,
        working_time: offer.working_time,
        start_date: offer.start_date,
        experience: offer.experience,
        education: offer.education,
        positions: offer.positions,
        reference: offer.reference,
        contact,
        apply_method: offer.apply_method,
        apply_email: offer.apply_email,
        apply_url: offer.apply_url,
        published_at: offer.published_at,
        expires_at: offer.expires_at,
    })
}

crate::db::row! {
    /// The columns of [`detail`]: the offer's and its company's, if any.
    #[derive(Debug)]
    struct DetailRow {
        id: i64,
        slug: String,
        title: String,
        status: OfferStatus,
        company_id: Option<i64>,
        employer_name: Option<String>,
        source: crate::model::OfferSource,
        source_updated_at: Option<DateTime<Utc>>,
        place_insee: String,
        place_label: Option<String>,
        job_family: crate::model::JobFamily,
        description_html: String,
        contract_type: ContractType,
        contract_months: Option<i32>,
        working_time: WorkingTime,
        salary_min_cents: Option<i32>,
        salary_max_cents: Option<i32>,
        salary_period: Option<SalaryPeriod>,
        start_date: Option<chrono::NaiveDate>,
        experience: crate::model::Experience,
        education: crate::model::Education,
        positions: i32,
        reference: Option<String>,
        show_contact: bool,
        contact_name: Option<String>,
        contact_email: Option<String>,
        contact_phone: Option<String>,
        apply_method: crate::model::ApplyMethod,
        apply_email: Option<String>,
        apply_url: Option<String>,
        published_at: Option<DateTime<Utc>>,
        expires_at: Option<DateTime<Utc>>,
        company_slug: Option<String>,
        company_name: Option<String>,
        company_website: Option<String>,
    }
}

crate::db::row! {
    #[derive(Debug)]
    struct CardRow {
        id: i64,
        slug: String,
        title: String,
        company_name: Option<String>,
        employer_name: Option<String>,
        place_name: String,
        place_label: Option<String>,
        department_code: String,
        contract_type: ContractType,
        working_time: WorkingTime,
        salary_min_cents: Option<i32>,
        salary_max_cents: Option<i32>,
        salary_period: Option<SalaryPeriod>,
        published_at: Option<DateTime<Utc>>,
    }
}

impl CardRow {
    fn into_card(self) -> OfferCard {
        OfferCard {
            salary: Salary::from_columns(
                self.salary_min_cents,
                self.salary_max_cents,
                self.salary_period,
            ),
            id: self.id,
            slug: self.slug,
            title: self.title,
            company_name: employer_label(
                self.company_name.as_deref(),
                self.employer_name.as_deref(),
            ),
            place_name: self.place_label.unwrap_or(self.place_name),
            department_code: self.department_code,
            contract_type: self.contract_type,
            working_time: self.working_time,
            published_at: self.published_at,
        }
    }
}

/// C8: saves (`save`) or forgets an offer. Saving twice is saving once.
pub async fn save_offer(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    offer_id: i64,
    save: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    candidate_only(user)?;
    if save {
        crate::entity::offer::Entity::find_by_id(offer_id)
            .filter(public_offers())
            .one(db)
            .await?
            .ok_or(DomainError::NotFound)?;
        saved_offer::Entity::insert(saved_offer::ActiveModel {
            user_id: Set(user.id),
            offer_id: Set(offer_id),
            created_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([saved_offer::Column::UserId, saved_offer::Column::OfferId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    } else {
        saved_offer::Entity::delete_many()
            .filter(saved_offer::Column::UserId.eq(user.id))
            .filter(saved_offer::Column::OfferId.eq(offer_id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// C8: the ids of the offers the user saved (to draw the hearts); empty for
/// anyone but a candidate.
pub async fn saved_ids(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<Vec<i64>, DomainError> {
    if user.role != Role::Candidate {
        return Ok(Vec::new());
    }
    Ok(saved_offer::Entity::find()
        .filter(saved_offer::Column::UserId.eq(user.id))
        .order_by_desc(saved_offer::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.offer_id)
        .collect())
}

/// C8: the saved offers as cards, most recently saved first.
pub async fn saved_offers(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<Vec<OfferCard>, DomainError> {
    candidate_only(user)?;
    let ids = saved_ids(db, user).await?;
    let mut cards = cards_through_pool(db, &ids).await?;
    cards.sort_by_key(|card| ids.iter().position(|id| *id == card.id));
    Ok(cards)
}

/// Views of offer pages (R3, "N vues" in the recruiter's follow-up),
/// counted in memory by the requests of one instance and written every so
/// often: a page view costs no write. Each instance adds its own counts.
#[derive(Clone, Default)]
pub struct ViewCounts(std::sync::Arc<std::sync::Mutex<HashMap<i64, i64>>>);

impl ViewCounts {
    /// One more view of `offer`.
    pub fn add(&self, offer: i64) {
        *self.counts().entry(offer).or_default() += 1;
    }

    /// The counts so far, leaving none.
    pub fn take(&self) -> HashMap<i64, i64> {
        std::mem::take(&mut *self.counts())
    }

    /// Puts `taken` back (a write that failed), with what came since.
    pub fn add_many(&self, taken: HashMap<i64, i64>) {
        let mut counts = self.counts();
        for (offer, views) in taken {
            *counts.entry(offer).or_default() += views;
        }
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, HashMap<i64, i64>> {
        // A panic while holding it cannot leave a count half-added.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Offers updated by one statement of `add_views`.
const VIEWS_PER_STATEMENT: usize = 500;

/// Adds `counts` (offer → views) to the offers' views, in one transaction:
/// one UPDATE per distinct count (most offers are seen once or twice
/// between writes) and per 500 offers. An offer gone since is skipped.
/// Views change nothing a visitor sees: the change feed ignores them.
pub async fn add_views(
    db: &sea_orm::DatabaseConnection,
    counts: &HashMap<i64, i64>,
) -> Result<(), DomainError> {
    let mut by_count: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (&offer, &views) in counts {
        if views > 0 {
            by_count.entry(views).or_default().push(offer);
        }
    }
    if by_count.is_empty() {
        return Ok(());
    }
    let txn = db.begin().await?;
    for (views, offers) in by_count {
        for chunk in offers.chunks(VIEWS_PER_STATEMENT) {
            offer::Entity::update_many()
                .col_expr(
                    offer::Column::Views,
                    Expr::col(offer::Column::Views).add(views),
                )
                .filter(offer::Column::Id.is_in(chunk.iter().copied()))
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
