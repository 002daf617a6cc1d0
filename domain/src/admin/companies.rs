//! A3: companies and their recruiters. Search by name, SIRET or commune;
//! transfer ownership in one transaction that never leaves a company with
//! zero or two owners; merge a duplicate page into another (recruiters,
//! offers and conversations move, the old address answers 301); detach a
//! recruiter or deactivate an account — one revocation that ends its
//! sessions at once, keeps its history, and refuses to remove a company's
//! owner before a new one is named; hand a departed recruiter's offers and
//! their applications to another recruiter of the company (R8 follows the
//! new publisher). Every action writes its audit event and tells the people
//! concerned by email.

use super::audit::{self, Event, Target};
use crate::DomainError;
use crate::auth::sessions;
use crate::entity::{
    application, company, company_block, company_member, company_redirect, contact_case, group,
    offer, place, thread, user,
};
use crate::mail::{self, templates};
use crate::model::{
    AdminCompany, AdminCompanyHit, AdminOffer, AdminRecruiter, AuditAction, CurrentUser, Role,
    company_path, fold_name,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

/// Companies a search lists.
const HITS: u64 = 50;

fn full_name(u: &user::Model) -> String {
    format!("{} {}", u.first_name, u.last_name)
}

/// Companies whose name, SIRET or commune matches `text`.
pub async fn search(
    db: &impl ConnectionTrait,
    admin: &CurrentUser,
    text: &str,
) -> Result<Vec<AdminCompanyHit>, DomainError> {
    super::require(admin)?;
    let text = text.trim();
    let mut find = company::Entity::find();
    if !text.is_empty() {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let folded = fold_name(text);
        let communes: Vec<String> = place::Entity::find()
            .select_only()
            .column(place::Column::Insee)
            // Whatever the case and accents typed ("lyon", "saint etienne").
            .filter(place::Column::Slug.eq(crate::model::slugify(text)))
            .into_tuple()
            .all(db)
            .await?;
        let mut any = Condition::any()
            .add(company::Column::SearchName.contains(&folded))
            .add(company::Column::PlaceInsee.is_in(communes));
        if digits.len() >= 9 {
            any = any.add(company::Column::Siret.starts_with(&digits));
        }
        if let Ok(id) = text.parse::<i64>() {
            any = any.add(company::Column::Id.eq(id));
        }
        find = find.filter(any);
    }
    let companies = find
        .order_by_asc(company::Column::Name)
        .limit(HITS)
        .all(db)
        .await?;
    let ids: Vec<i64> = companies.iter().map(|c| c.id).collect();
    let counts: HashMap<i64, i64> = company_member::Entity::find()
        .select_only()
        .column(company_member::Column::CompanyId)
        .column_as(company_member::Column::UserId.count(), "n")
        .filter(company_member::Column::CompanyId.is_in(ids))
        .group_by(company_member::Column::CompanyId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let places = commune_names(db, companies.iter().filter_map(|c| c.place_insee.clone())).await?;
    Ok(companies
        .into_iter()
        .map(|c| AdminCompanyHit {
            recruiters: counts.get(&c.id).copied().unwrap_or(0).unsigned_abs(),
            commune: c.place_insee.as_ref().and_then(|i| places.get(i).cloned()),
            id: c.id,
            name: c.name,
            siret: c.siret,
        })
        .collect())
}

async fn commune_names(
    db: &impl ConnectionTrait,
    insee: impl IntoIterator<Item = String>,
) -> Result<HashMap<String, String>, DomainError> {
    let insee: Vec<String> = insee.into_iter().collect();
    Ok(place::Entity::find()
        .filter(place::Column::Insee.is_in(insee))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.insee, p.name))
        .collect())
}

/// A company, its recruiters (owner first), its offers and recent events.
pub async fn company(
    db: &impl ConnectionTrait,
    admin: &CurrentUser,
    id: i64,
) -> Result<AdminCompany, DomainError> {
    super::require(admin)?;
    let c = company::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let members = company_member::Entity::find()
        .filter(company_member::Column::CompanyId.eq(id))
        .all(db)
        .await?;
    let people: HashMap<i64, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(members.iter().map(|m| m.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let offers = offer::Entity::find()
        .filter(offer::Column::CompanyId.eq(id))
        .order_by_desc(offer::Column::CreatedAt)
        .limit(200)
        .all(db)
        .await?;
    let mut per_recruiter: HashMap<i64, u64> = HashMap::new();
    for o in &offers {
        if let Some(r) = o.recruiter_id {
            *per_recruiter.entry(r).or_default() += 1;
        }
    }
    let applications: HashMap<i64, i64> = application::Entity::find()
        .select_only()
        .column(application::Column::OfferId)
        .column_as(application::Column::Id.count(), "n")
        .filter(application::Column::OfferId.is_in(offers.iter().map(|o| o.id)))
        .group_by(application::Column::OfferId)
        .into_tuple::<(Option<i64>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(o, n)| o.map(|o| (o, n)))
        .collect();
    let mut recruiters: Vec<AdminRecruiter> = members
        .iter()
        .filter_map(|m| {
            let u = people.get(&m.user_id)?;
            Some(AdminRecruiter {
                id: u.id,
                name: full_name(u),
                email: u.email.clone(),
                is_owner: m.is_owner,
                pending: !m.is_active(),
                deactivated: u.deactivated_at.is_some(),
                offers: per_recruiter.get(&u.id).copied().unwrap_or(0),
                joined_at: m.created_at,
                last_active_at: u.last_active_at,
            })
        })
        .collect();
    recruiters.sort_by_key(|r| (!r.is_owner, r.pending, r.name.clone()));
    let publishers: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(offers.iter().filter_map(|o| o.recruiter_id)))
        .all(db)
        .await?
        .iter()
        .map(|u| (u.id, full_name(u)))
        .collect();
    let commune = match &c.place_insee {
        Some(i) => commune_names(db, [i.clone()]).await?.remove(i),
        None => None,
    };
    let group = match c.group_id {
        Some(g) => group::Entity::find_by_id(g).one(db).await?.map(|g| g.name),
        None => None,
    };
    Ok(AdminCompany {
        path: company_path(&c.slug, c.id),
        id: c.id,
        name: c.name,
        siret: c.siret,
        commune,
        group,
        created_at: c.created_at,
        recruiters,
        offers: offers
            .iter()
            .map(|o| AdminOffer {
                id: o.id,
                title: o.title.clone(),
                status: o.status,
                recruiter: o.recruiter_id.and_then(|r| publishers.get(&r).cloned()),
                recruiter_id: o.recruiter_id,
                applications: applications.get(&o.id).copied().unwrap_or(0).unsigned_abs(),
                published_at: o.published_at,
            })
            .collect(),
        events: audit::about(db, "entreprise", id).await?,
    })
}

async fn company_row(db: &impl ConnectionTrait, id: i64) -> Result<company::Model, DomainError> {
    company::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

async fn person(db: &impl ConnectionTrait, id: i64) -> Result<user::Model, DomainError> {
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Gives the company's ownership to `new_owner`: a recruiter of the company
/// (accepted, or waiting — then accepted), or a recruiter of no company
/// (named in a case when the owner left), who joins it. The old owner stays
/// a recruiter of the company. Both are told.
pub async fn transfer_owner(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    company_id: i64,
    new_owner: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let reason = super::reason(reason)?;
    let txn = db.begin().await?;
    let c = company_row(&txn, company_id).await?;
    let nominee = person(&txn, new_owner).await?;
    if !matches!(nominee.role, Role::Recruiter | Role::TrainingOrganisation)
        || nominee.deactivated_at.is_some()
    {
        return Err(DomainError::invalid(
            "proprietaire",
            "Le nouveau propriétaire doit être un compte recruteur actif.",
        ));
    }
    let membership = company_member::Entity::find_by_id(new_owner)
        .one(&txn)
        .await?;
    match &membership {
        Some(m) if m.company_id != company_id => {
            return Err(DomainError::invalid(
                "proprietaire",
                "Ce recruteur appartient à une autre entreprise : détachez-le d'abord.",
            ));
        }
        Some(m) if m.is_owner => {
            return Err(DomainError::invalid(
                "proprietaire",
                "Ce recruteur est déjà le propriétaire de la fiche.",
            ));
        }
        _ => {}
    }
    let owners = company_member::Entity::find()
        .filter(company_member::Column::CompanyId.eq(company_id))
        .filter(company_member::Column::IsOwner.eq(true))
        .all(&txn)
        .await?;
    company_member::Entity::update_many()
        .col_expr(company_member::Column::IsOwner, Expr::value(false))
        .filter(company_member::Column::CompanyId.eq(company_id))
        .exec(&txn)
        .await?;
    match membership {
        Some(_) => {
            company_member::Entity::update_many()
                .col_expr(company_member::Column::IsOwner, Expr::value(true))
                .col_expr(
                    company_member::Column::AcceptedAt,
                    Expr::col(company_member::Column::AcceptedAt).if_null(now),
                )
                .filter(company_member::Column::UserId.eq(new_owner))
                .exec(&txn)
                .await?;
        }
        None => {
            company_member::Entity::insert(company_member::ActiveModel {
                user_id: Set(new_owner),
                company_id: Set(company_id),
                is_owner: Set(true),
                created_at: Set(now),
                accepted_at: Set(Some(now)),
            })
            .exec_without_returning(&txn)
            .await?;
        }
    }
    let owner_count = company_member::Entity::find()
        .filter(company_member::Column::CompanyId.eq(company_id))
        .filter(company_member::Column::IsOwner.eq(true))
        .count(&txn)
        .await?;
    if owner_count != 1 {
        // Rolled back: the transaction is dropped.
        return Err(DomainError::internal(
            "an ownership transfer left a company without exactly one owner",
        ));
    }
    let previous: Vec<user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(owners.iter().map(|o| o.user_id)))
        .all(&txn)
        .await?;
    let before = previous
        .iter()
        .map(|u| u.email.clone())
        .collect::<Vec<_>>()
        .join(", ");
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::OwnerTransferred,
            Target::company(c.id, &c.name),
            now,
        )
        .reason(&reason)
        .change("proprietaire", before, &nominee.email),
    )
    .await?;
    let nominee_name = full_name(&nominee);
    mail::enqueue(
        &txn,
        templates::ownership_transferred(
            &nominee.email,
            &nominee.first_name,
            &c.name,
            &nominee_name,
            true,
        ),
        now,
    )
    .await?;
    for old in &previous {
        mail::enqueue(
            &txn,
            templates::ownership_transferred(
                &old.email,
                &old.first_name,
                &c.name,
                &nominee_name,
                false,
            ),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    tracing::info!(company_id, new_owner, "company ownership transferred");
    Ok(())
}

/// Merges the duplicate page `from` into `into`: offers, recruiters (the
/// kept page's owner stays the only owner), conversations, blocks and cases
/// move; `from`'s address answers 301 to `into`; `from` is deleted.
pub async fn merge(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    from: i64,
    into: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let reason = super::reason(reason)?;
    if from == into {
        return Err(DomainError::invalid(
            "cible",
            "Choisissez une autre fiche que celle-ci.",
        ));
    }
    let txn = db.begin().await?;
    let duplicate = company_row(&txn, from).await?;
    let kept = company_row(&txn, into)
        .await
        .map_err(|_| DomainError::invalid("cible", "Aucune fiche n'a ce numéro."))?;
    let kept_has_owner = company_member::Entity::find()
        .filter(company_member::Column::CompanyId.eq(into))
        .filter(company_member::Column::IsOwner.eq(true))
        .count(&txn)
        .await?
        > 0;
    let moved_members = company_member::Entity::find()
        .filter(company_member::Column::CompanyId.eq(from))
        .count(&txn)
        .await?;
    let mut members = company_member::Entity::update_many()
        .col_expr(company_member::Column::CompanyId, Expr::value(into))
        .filter(company_member::Column::CompanyId.eq(from));
    if kept_has_owner {
        members = members.col_expr(company_member::Column::IsOwner, Expr::value(false));
    }
    members.exec(&txn).await?;
    let moved_offers = offer::Entity::update_many()
        .col_expr(offer::Column::CompanyId, Expr::value(into))
        .filter(offer::Column::CompanyId.eq(from))
        .exec(&txn)
        .await?
        .rows_affected;
    thread::Entity::update_many()
        .col_expr(thread::Column::CompanyId, Expr::value(into))
        .filter(thread::Column::CompanyId.eq(from))
        .exec(&txn)
        .await?;
    let blocks = company_block::Entity::find()
        .filter(company_block::Column::CompanyId.eq(from))
        .all(&txn)
        .await?;
    if !blocks.is_empty() {
        company_block::Entity::insert_many(blocks.into_iter().map(|b| {
            company_block::ActiveModel {
                company_id: Set(into),
                ..b.into()
            }
        }))
        .on_conflict_do_nothing_on([
            company_block::Column::CandidateId,
            company_block::Column::CompanyId,
        ])
        .exec(&txn)
        .await?;
    }
    contact_case::Entity::update_many()
        .col_expr(contact_case::Column::CompanyId, Expr::value(into))
        .filter(contact_case::Column::CompanyId.eq(from))
        .exec(&txn)
        .await?;
    company_redirect::Entity::update_many()
        .col_expr(company_redirect::Column::ToId, Expr::value(into))
        .filter(company_redirect::Column::ToId.eq(from))
        .exec(&txn)
        .await?;
    company_redirect::Entity::insert(company_redirect::ActiveModel {
        from_id: Set(from),
        to_id: Set(into),
        created_at: Set(now),
    })
    .exec_without_returning(&txn)
    .await?;
    company::Entity::delete_by_id(from).exec(&txn).await?;
    // The kept page's cards and index entries are refreshed.
    company::Entity::update_many()
        .col_expr(company::Column::UpdatedAt, Expr::value(now))
        .filter(company::Column::Id.eq(into))
        .exec(&txn)
        .await?;
    let batch = audit::new_batch();
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::CompanyMerged,
            Target::company(from, &duplicate.name),
            now,
        )
        .reason(&reason)
        .change("fusionnee_dans", "", format!("{} (n° {into})", kept.name))
        .change("offres_deplacees", "", moved_offers)
        .change("recruteurs_deplaces", "", moved_members)
        .batch(&batch),
    )
    .await?;
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::CompanyMerged,
            Target::company(into, &kept.name),
            now,
        )
        .reason(&reason)
        .change(
            "fiche_absorbee",
            "",
            format!("{} (n° {from})", duplicate.name),
        )
        .batch(&batch),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(from, into, moved_offers, "company pages merged");
    Ok(())
}

/// Where a merged company's id now leads, if it was merged.
pub async fn merged_into(db: &impl ConnectionTrait, id: i64) -> Result<Option<i64>, DomainError> {
    Ok(company_redirect::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|r| r.to_id))
}

/// Refuses to take away a company's owner: a new one must be named first.
async fn not_an_owner(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Option<company_member::Model>, DomainError> {
    let membership = company_member::Entity::find_by_id(user_id).one(db).await?;
    if membership.as_ref().is_some_and(|m| m.is_owner) {
        return Err(DomainError::invalid(
            "motif",
            "Ce recruteur est le propriétaire de la fiche : transférez d'abord la propriété à un autre recruteur.",
        ));
    }
    Ok(membership)
}

/// Detaches a recruiter from their company: the membership ends, their
/// sessions end at once; their offers stay with the company (hand them to
/// another recruiter); their account and its history remain.
pub async fn detach_recruiter(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    user_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let reason = super::reason(reason)?;
    let txn = db.begin().await?;
    let u = person(&txn, user_id).await?;
    let membership = not_an_owner(&txn, user_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let c = company_row(&txn, membership.company_id).await?;
    company_member::Entity::delete_by_id(user_id)
        .exec(&txn)
        .await?;
    let ended = sessions::end_all(&txn, user_id, None).await?;
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::RecruiterDetached,
            Target::account(u.id, &u.email),
            now,
        )
        .reason(&reason)
        .change("entreprise", format!("{} (n° {})", c.name, c.id), "")
        .change("sessions_fermees", "", ended),
    )
    .await?;
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::RecruiterDetached,
            Target::company(c.id, &c.name),
            now,
        )
        .reason(&reason)
        .change("recruteur", &u.email, ""),
    )
    .await?;
    mail::enqueue(
        &txn,
        templates::recruiter_detached(&u.email, &u.first_name, &c.name, &reason),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(user_id, company_id = c.id, "recruiter detached");
    Ok(())
}

/// Deactivates an account: it cannot log in any more, its sessions end at
/// once, everything it did stays readable. An owner keeps their company
/// until a new owner is named; administrators are not deactivated here.
pub async fn deactivate(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    user_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let reason = super::reason(reason)?;
    let txn = db.begin().await?;
    let u = person(&txn, user_id).await?;
    if u.role == Role::Administrator {
        return Err(DomainError::invalid(
            "motif",
            "Un compte administrateur ne se désactive pas depuis cette page.",
        ));
    }
    if u.deactivated_at.is_some() {
        return Ok(());
    }
    not_an_owner(&txn, user_id).await?;
    user::Entity::update_many()
        .col_expr(user::Column::DeactivatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    let ended = sessions::end_all(&txn, user_id, None).await?;
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::AccountDeactivated,
            Target::account(u.id, &u.email),
            now,
        )
        .reason(&reason)
        .change("etat", "actif", "désactivé")
        .change("sessions_fermees", "", ended),
    )
    .await?;
    mail::enqueue(
        &txn,
        templates::account_deactivated(&u.email, &u.first_name, &reason),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(user_id, "account deactivated");
    Ok(())
}

/// Lets a deactivated account log in again (its old sessions stay ended).
pub async fn reactivate(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    user_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(admin)?;
    let reason = super::reason(reason)?;
    let txn = db.begin().await?;
    let u = person(&txn, user_id).await?;
    if u.deactivated_at.is_none() {
        return Ok(());
    }
    user::Entity::update_many()
        .col_expr(
            user::Column::DeactivatedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Event::new(
            admin,
            AuditAction::AccountReactivated,
            Target::account(u.id, &u.email),
            now,
        )
        .reason(&reason)
        .change("etat", "désactivé", "actif"),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Hands the offers `from` published for the company to `to`, an active
/// recruiter of the same company: their applications and conversations
/// follow (R8 then lets `to` act on them, and only `to`). One audit event
/// per offer, sharing a batch id. Returns how many offers moved.
pub async fn hand_over(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    company_id: i64,
    from: i64,
    to: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    super::require(admin)?;
    let reason = super::reason(reason)?;
    if from == to {
        return Err(DomainError::invalid(
            "destinataire",
            "Choisissez un autre recruteur.",
        ));
    }
    let txn = db.begin().await?;
    let c = company_row(&txn, company_id).await?;
    let receiver = person(&txn, to).await?;
    let member = company_member::Entity::find_by_id(to).one(&txn).await?;
    if !member.is_some_and(|m| m.company_id == company_id && m.is_active())
        || receiver.deactivated_at.is_some()
    {
        return Err(DomainError::invalid(
            "destinataire",
            "Le destinataire doit être un recruteur actif de cette entreprise.",
        ));
    }
    let giver = person(&txn, from).await?;
    let offers = offer::Entity::find()
        .filter(offer::Column::CompanyId.eq(company_id))
        .filter(offer::Column::RecruiterId.eq(from))
        .all(&txn)
        .await?;
    if offers.is_empty() {
        return Err(DomainError::invalid(
            "destinataire",
            "Ce recruteur n'a aucune offre pour cette entreprise.",
        ));
    }
    offer::Entity::update_many()
        .col_expr(offer::Column::RecruiterId, Expr::value(to))
        .filter(offer::Column::CompanyId.eq(company_id))
        .filter(offer::Column::RecruiterId.eq(from))
        .exec(&txn)
        .await?;
    thread::Entity::update_many()
        .col_expr(thread::Column::RecruiterId, Expr::value(to))
        .filter(thread::Column::CompanyId.eq(company_id))
        .filter(thread::Column::RecruiterId.eq(from))
        .exec(&txn)
        .await?;
    let batch = audit::new_batch();
    for o in &offers {
        audit::record(
            &txn,
            Event::new(
                admin,
                AuditAction::OffersHandedOver,
                Target::offer(o.id, &o.title),
                now,
            )
            .reason(&reason)
            .change("recruteur", &giver.email, &receiver.email)
            .batch(&batch),
        )
        .await?;
    }
    let count = offers.len() as u64;
    mail::enqueue(
        &txn,
        templates::offers_handed_over(
            &receiver.email,
            &receiver.first_name,
            count,
            &full_name(&giver),
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(company_id = c.id, from, to, count, "offers handed over");
    Ok(count)
}
