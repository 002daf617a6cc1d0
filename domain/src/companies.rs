//! The company directory, company pages and group pages (P4, P5).

use crate::entity::{company, group, offer, place};
use crate::model::{
    COMPANY_PAGE_SIZE, CompanyDetail, CompanyDirectory, CompanyQuery, CompanySummary, GroupDetail,
    GroupLink, PlaceFilter, fold_name,
};
use crate::places::{Directory, Location};
use crate::{DomainError, offers};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use std::collections::HashMap;

/// Most offers listed on a company or group page (the count says how many in all).
const PAGE_OFFERS: u64 = 50;

/// One page of the directory for `query`, companies by name.
pub async fn directory(
    db: &impl ConnectionTrait,
    places: &Directory,
    query: &CompanyQuery,
) -> Result<CompanyDirectory, DomainError> {
    let mut condition = Condition::all();
    for word in fold_name(&query.q).split(' ').filter(|w| !w.is_empty()) {
        condition = condition.add(company::Column::SearchName.contains(word));
    }
    let place = match places.resolve(&query.lieu) {
        Some(Location::Commune(commune)) => {
            condition = condition.add(company::Column::PlaceInsee.eq(commune.insee.clone()));
            Some(PlaceFilter::Around {
                label: commune.label(),
                radius_km: 0,
            })
        }
        Some(Location::Department { code, name }) => {
            condition = condition.add(place::Column::DepartmentCode.eq(code));
            Some(PlaceFilter::Department {
                label: format!("{name} ({code})"),
            })
        }
        None if query.lieu.is_empty() => None,
        None => Some(PlaceFilter::Unknown {
            text: query.lieu.clone(),
        }),
    };
    if let Some(slug) = &query.group {
        condition = condition.add(group::Column::Slug.eq(slug.clone()));
    }
    if let Some(activity) = query.activity {
        condition = condition.add(company::Column::Activity.eq(activity));
    }
    let select = summary_select().filter(condition);
    let total = select.clone().count(db).await?;
    let pages = (total.div_ceil(u64::from(COMPANY_PAGE_SIZE)) as u32).max(1);
    let page = query.page.clamp(1, pages);
    let rows = select
        .order_by_asc(company::Column::SearchName)
        .order_by_asc(company::Column::Id)
        .offset(u64::from((page - 1) * COMPANY_PAGE_SIZE))
        .limit(u64::from(COMPANY_PAGE_SIZE))
        .into_model::<SummaryRow>()
        .all(db)
        .await?;
    let companies = with_offer_counts(db, rows).await?;
    Ok(CompanyDirectory {
        query: query.clone(),
        total,
        companies,
        page,
        pages,
        groups: groups(db).await?,
        place,
    })
}

/// Every group, by name.
pub async fn groups(db: &impl ConnectionTrait) -> Result<Vec<GroupLink>, DomainError> {
    Ok(group::Entity::find()
        .order_by_asc(group::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|g| GroupLink {
            slug: g.slug,
            name: g.name,
        })
        .collect())
}

/// A company's page with its open offers.
pub async fn detail(db: &impl ConnectionTrait, id: i64) -> Result<CompanyDetail, DomainError> {
    let company = company::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let place = match &company.place_insee {
        Some(insee) => place::Entity::find_by_id(insee.clone()).one(db).await?,
        None => None,
    };
    let group = match company.group_id {
        Some(group_id) => group::Entity::find_by_id(group_id).one(db).await?,
        None => None,
    };
    let open_offers = offer::Entity::find()
        .filter(offers::open_offers(Utc::now()))
        .filter(offer::Column::CompanyId.eq(company.id))
        .count(db)
        .await?;
    let offers =
        offers::latest_where(db, offer::Column::CompanyId.eq(company.id), PAGE_OFFERS).await?;
    Ok(CompanyDetail {
        id: company.id,
        slug: company.slug,
        name: company.name,
        activity: company.activity,
        description: company.description,
        address: company.address,
        place: place.map(|p| format!("{} ({})", p.name, p.main_postal_code())),
        website: company.website,
        contact_email: company.contact_email,
        contact_phone: company.contact_phone,
        group: group.map(|g| GroupLink {
            slug: g.slug,
            name: g.name,
        }),
        offers,
        open_offers,
        updated_at: company.updated_at,
    })
}

/// A group's page: its member companies and their latest open offers.
pub async fn group(db: &impl ConnectionTrait, slug: &str) -> Result<GroupDetail, DomainError> {
    let group = group::Entity::find()
        .filter(group::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let rows = summary_select()
        .filter(company::Column::GroupId.eq(group.id))
        .order_by_asc(company::Column::SearchName)
        .into_model::<SummaryRow>()
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let companies = with_offer_counts(db, rows).await?;
    let open_offers = companies.iter().map(|c| c.open_offers).sum();
    let offers = if ids.is_empty() {
        Vec::new()
    } else {
        offers::latest_where(db, offer::Column::CompanyId.is_in(ids), PAGE_OFFERS).await?
    };
    Ok(GroupDetail {
        slug: group.slug,
        name: group.name,
        description: group.description,
        website: group.website,
        companies,
        offers,
        open_offers,
    })
}

#[derive(Debug, FromQueryResult)]
struct SummaryRow {
    id: i64,
    slug: String,
    name: String,
    activity: crate::model::CompanyActivity,
    place_name: Option<String>,
    department_code: Option<String>,
    group_name: Option<String>,
}

fn summary_select() -> sea_orm::Select<company::Entity> {
    company::Entity::find()
        .select_only()
        .columns([
            company::Column::Id,
            company::Column::Slug,
            company::Column::Name,
            company::Column::Activity,
        ])
        .column_as(place::Column::Name, "place_name")
        .column_as(place::Column::DepartmentCode, "department_code")
        .column_as(group::Column::Name, "group_name")
        .join(JoinType::LeftJoin, company::Relation::Place.def())
        .join(JoinType::LeftJoin, company::Relation::Group.def())
}

/// Adds each company's count of open offers, in one grouped query.
async fn with_offer_counts(
    db: &impl ConnectionTrait,
    rows: Vec<SummaryRow>,
) -> Result<Vec<CompanySummary>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let counts: HashMap<i64, i64> = if ids.is_empty() {
        HashMap::new()
    } else {
        offer::Entity::find()
            .select_only()
            .column(offer::Column::CompanyId)
            .column_as(offer::Column::Id.count(), "count")
            .filter(offers::open_offers(Utc::now()))
            .filter(offer::Column::CompanyId.is_in(ids))
            .group_by(offer::Column::CompanyId)
            .into_tuple::<(i64, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|r| CompanySummary {
            open_offers: counts.get(&r.id).copied().unwrap_or(0).max(0) as u64,
            place: r
                .place_name
                .zip(r.department_code)
                .map(|(name, dep)| format!("{name} ({dep})")),
            id: r.id,
            slug: r.slug,
            name: r.name,
            activity: r.activity,
            group_name: r.group_name,
        })
        .collect())
}
