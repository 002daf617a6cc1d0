//! What the sitemap lists (X4): open offers and companies in parts of at most
//! 50,000 URLs, cut by id range so that each part's URL is stable and its
//! query an index range scan, plus groups.

use crate::entity::{company, group, offer};
use crate::model::{company_path, offer_path};
use crate::{DomainError, offers};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// URLs per sitemap part (the protocol's limit).
pub const PART_SIZE: i64 = 50_000;

/// A kind of sitemap part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Offers,
    Companies,
}

/// A part of the sitemap: its number and when its newest entry changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub kind: Kind,
    pub number: i64,
    pub lastmod: Option<DateTime<Utc>>,
}

/// A URL of a part, relative to the site, with its last change.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: String,
    pub lastmod: DateTime<Utc>,
}

/// The non-empty parts of each kind, numbered from 1.
pub async fn parts(db: &impl ConnectionTrait) -> Result<Vec<Part>, DomainError> {
    let part = Expr::cust(format!("(id - 1) / {PART_SIZE}"));
    let offer_parts: Vec<(i64, Option<DateTime<Utc>>)> = offer::Entity::find()
        .select_only()
        .column_as(part.clone(), "part")
        .column_as(offer::Column::UpdatedAt.max(), "lastmod")
        .filter(offers::open_offers(Utc::now()))
        .group_by(Expr::cust("part"))
        .order_by_asc(Expr::cust("part"))
        .into_tuple()
        .all(db)
        .await?;
    let company_parts: Vec<(i64, Option<DateTime<Utc>>)> = company::Entity::find()
        .select_only()
        .column_as(part, "part")
        .column_as(company::Column::UpdatedAt.max(), "lastmod")
        .group_by(Expr::cust("part"))
        .order_by_asc(Expr::cust("part"))
        .into_tuple()
        .all(db)
        .await?;
    let to_parts = |kind, rows: Vec<(i64, Option<DateTime<Utc>>)>| {
        rows.into_iter().map(move |(number, lastmod)| Part {
            kind,
            number: number + 1,
            lastmod,
        })
    };
    Ok(to_parts(Kind::Offers, offer_parts)
        .chain(to_parts(Kind::Companies, company_parts))
        .collect())
}

/// The URLs of part `number` of `kind` (empty when out of range).
pub async fn entries(
    db: &impl ConnectionTrait,
    kind: Kind,
    number: i64,
) -> Result<Vec<Entry>, DomainError> {
    let (first, last) = ((number - 1) * PART_SIZE + 1, number * PART_SIZE);
    if number < 1 {
        return Ok(Vec::new());
    }
    Ok(match kind {
        Kind::Offers => offer::Entity::find()
            .select_only()
            .columns([
                offer::Column::Id,
                offer::Column::Slug,
                offer::Column::UpdatedAt,
            ])
            .filter(offers::open_offers(Utc::now()))
            .filter(offer::Column::Id.between(first, last))
            .order_by_asc(offer::Column::Id)
            .into_tuple::<(i64, String, DateTime<Utc>)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, slug, lastmod)| Entry {
                path: offer_path(&slug, id),
                lastmod,
            })
            .collect(),
        Kind::Companies => company::Entity::find()
            .select_only()
            .columns([
                company::Column::Id,
                company::Column::Slug,
                company::Column::UpdatedAt,
            ])
            .filter(company::Column::Id.between(first, last))
            .order_by_asc(company::Column::Id)
            .into_tuple::<(i64, String, DateTime<Utc>)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, slug, lastmod)| Entry {
                path: company_path(&slug, id),
                lastmod,
            })
            .collect(),
    })
}

/// Every group's page.
pub async fn groups(db: &impl ConnectionTrait) -> Result<Vec<Entry>, DomainError> {
    Ok(group::Entity::find()
        .order_by_asc(group::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|g| Entry {
            path: format!("/groupes/{}", g.slug),
            lastmod: g.updated_at,
        })
        .collect())
}
