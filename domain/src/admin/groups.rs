//! A2: dealer groups — create, rename, describe, attach and detach
//! companies. The group page (P5) and the company editor's list read the
//! tables directly, so they follow at once; a company's change reaches the
//! search index through the change feed.

use super::audit::{self, Event, Target};
use crate::DomainError;
use crate::entity::{company, group};
use crate::model::{AdminGroup, AuditAction, CurrentUser, TargetLink, slugify};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

/// A group as typed in the admin form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct GroupForm {
    pub nom: String,
    pub description: String,
    pub site: String,
}

struct Checked {
    name: String,
    description: String,
    website: Option<String>,
}

fn check(form: &GroupForm) -> Result<Checked, DomainError> {
    let name = crate::model::strip_hidden(form.nom.trim());
    if name.is_empty() || name.chars().count() > 120 {
        return Err(DomainError::invalid(
            "nom",
            "Indiquez le nom du groupe (120 caractères au plus).",
        ));
    }
    let description = crate::model::check_long_text(&form.description, 2_000)
        .map_err(|e| DomainError::invalid("description", &e))?
        .unwrap_or_default();
    let site = form.site.trim();
    let website = if site.is_empty() {
        None
    } else if (site.starts_with("https://") || site.starts_with("http://"))
        && site.len() <= 300
        && !site.contains(char::is_whitespace)
    {
        Some(site.to_owned())
    } else {
        return Err(DomainError::invalid(
            "site",
            "Indiquez une adresse qui commence par https://",
        ));
    };
    Ok(Checked {
        name,
        description,
        website,
    })
}

/// Every group with its companies, and the requests to join it.
pub async fn list(
    db: &impl ConnectionTrait,
    admin: &CurrentUser,
) -> Result<Vec<AdminGroup>, DomainError> {
    super::require(admin)?;
    let groups = group::Entity::find()
        .order_by_asc(group::Column::Name)
        .all(db)
        .await?;
    let companies = company::Entity::find()
        .filter(
            company::Column::GroupId
                .is_not_null()
                .or(company::Column::RequestedGroupId.is_not_null()),
        )
        .order_by_asc(company::Column::Name)
        .all(db)
        .await?;
    Ok(groups
        .into_iter()
        .map(|g| {
            let members: Vec<&company::Model> = companies
                .iter()
                .filter(|c| c.group_id == Some(g.id))
                .collect();
            AdminGroup {
                companies: members
                    .iter()
                    .map(|c| TargetLink {
                        label: c.name.clone(),
                        href: format!("/admin/entreprises/{}", c.id),
                    })
                    .collect(),
                company_ids: members.iter().map(|c| c.id).collect(),
                requests: companies
                    .iter()
                    .filter(|c| c.requested_group_id == Some(g.id) && c.group_id != Some(g.id))
                    .map(|c| (c.id, c.name.clone()))
                    .collect(),
                id: g.id,
                slug: g.slug,
                name: g.name,
                description: g.description,
                website: g.website,
            }
        })
        .collect())
}

/// A slug no other group has.
async fn free_slug(
    db: &impl ConnectionTrait,
    name: &str,
    except: Option<i64>,
) -> Result<String, DomainError> {
    let base = slugify(name);
    let base = if base.is_empty() {
        "groupe".to_owned()
    } else {
        base
    };
    for n in 1.. {
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let taken = group::Entity::find()
            .filter(group::Column::Slug.eq(&slug))
            .one(db)
            .await?
            .is_some_and(|g| Some(g.id) != except);
        if !taken {
            return Ok(slug);
        }
    }
    unreachable!("an unbounded range ends only by returning")
}

/// Creates a group; returns its id.
pub async fn create(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    form: &GroupForm,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    super::require(admin)?;
    let checked = check(form)?;
    let txn = db.begin().await?;
    let slug = free_slug(&txn, &checked.name, None).await?;
    let id = group::Entity::insert(group::ActiveModel {
        slug: Set(slug.clone()),
        name: Set(checked.name.clone()),
        description: Set(checked.description),
        website: Set(checked.website),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::GroupCreated,
            Target::group(id, &checked.name),
            now,
        )
        .change("nom", "", &checked.name)
        .change("adresse", "", format!("/groupes/{slug}")),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Renames or describes a group (a new name gives it a new address).
pub async fn update(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    id: i64,
    form: &GroupForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let checked = check(form)?;
    let txn = db.begin().await?;
    let before = group::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let slug = if before.name == checked.name {
        before.slug.clone()
    } else {
        free_slug(&txn, &checked.name, Some(id)).await?
    };
    let mut event = Event::new(
        admin,
        AuditAction::GroupEdited,
        Target::group(id, &checked.name),
        now,
    );
    if before.name != checked.name {
        event = event.change("nom", &before.name, &checked.name);
    }
    if before.description != checked.description {
        event = event.change("description", "(modifiée)", "");
    }
    if before.website != checked.website {
        event = event.change(
            "site",
            before.website.clone().unwrap_or_default(),
            checked.website.clone().unwrap_or_default(),
        );
    }
    group::Entity::update(group::ActiveModel {
        id: Set(id),
        slug: Set(slug),
        name: Set(checked.name),
        description: Set(checked.description),
        website: Set(checked.website),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    audit::record(&txn, event).await?;
    // Their cards and pages show the group's name.
    company::Entity::update_many()
        .col_expr(company::Column::UpdatedAt, Expr::value(now))
        .filter(company::Column::GroupId.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Attaches a company to a group (its request to join, if any, is met).
pub async fn attach(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    group_id: i64,
    company_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let txn = db.begin().await?;
    let g = group::Entity::find_by_id(group_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let c = company::Entity::find_by_id(company_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::invalid("entreprise", "Aucune entreprise n'a ce numéro."))?;
    let before = match c.group_id {
        Some(old) => group::Entity::find_by_id(old)
            .one(&txn)
            .await?
            .map(|g| g.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    company::Entity::update_many()
        .col_expr(company::Column::GroupId, Expr::value(group_id))
        .col_expr(
            company::Column::RequestedGroupId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(company::Column::UpdatedAt, Expr::value(now))
        .filter(company::Column::Id.eq(company_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::GroupAttached,
            Target::company(c.id, &c.name),
            now,
        )
        .change("groupe", before, &g.name),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Detaches a company from its group (or turns down its request to join).
pub async fn detach(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    company_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let txn = db.begin().await?;
    let c = company::Entity::find_by_id(company_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let before = match c.group_id.or(c.requested_group_id) {
        Some(old) => group::Entity::find_by_id(old)
            .one(&txn)
            .await?
            .map(|g| g.name)
            .unwrap_or_default(),
        None => return Ok(()),
    };
    company::Entity::update_many()
        .col_expr(company::Column::GroupId, Expr::value(Option::<i64>::None))
        .col_expr(
            company::Column::RequestedGroupId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(company::Column::UpdatedAt, Expr::value(now))
        .filter(company::Column::Id.eq(company_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::GroupDetached,
            Target::company(c.id, &c.name),
            now,
        )
        .change("groupe", before, ""),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
