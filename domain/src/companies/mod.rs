//! The company directory, company pages and group pages (P4, P5); a
//! company's members (R1: the owner accepts who joins) and its page's
//! editor (R2).

pub mod logos;

use crate::entity::{company, company_member, group, offer, place, user as users};
use crate::model::{
    COMPANY_PAGE_SIZE, CompanyDetail, CompanyDirectory, CompanyQuery, CompanySummary, CurrentUser,
    GroupDetail, GroupLink, JoinRequest, PlaceFilter, fold_name,
};
use crate::places::{Directory, Location};
use crate::{DomainError, offers};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
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
    let company = match company::Entity::find_by_id(id).one(db).await? {
        Some(company) => company,
        // A page merged into another (A3): the kept page, whose address
        // the page then redirects to.
        None => match crate::admin::companies::merged_into(db, id).await? {
            Some(kept) => company::Entity::find_by_id(kept)
                .one(db)
                .await?
                .ok_or(DomainError::NotFound)?,
            None => return Err(DomainError::NotFound),
        },
    };
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
        logo: company
            .logo_key
            .as_deref()
            .map(crate::companies::logos::logo_path),
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
    logo_key: Option<String>,
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
            company::Column::LogoKey,
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
            logo: r
                .logo_key
                .as_deref()
                .map(crate::companies::logos::logo_path),
            name: r.name,
            activity: r.activity,
            group_name: r.group_name,
        })
        .collect())
}

// ------------------------------------------------------------ R1 members

/// A recruiter's or training organisation's membership, pending or not.
async fn member_of(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<company_member::Model, DomainError> {
    if !user.is_recruiter() {
        return Err(DomainError::Forbidden);
    }
    company_member::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .ok_or(DomainError::Forbidden)
}

/// What a member waiting for the owner is told when they try to act.
pub fn pending_refusal() -> DomainError {
    DomainError::Conflict(
        "Votre demande pour rejoindre cette entreprise attend l'accord du responsable de sa fiche : \
         vous pourrez publier des offres, consulter la CVthèque et échanger avec les candidats dès qu'il l'aura acceptée."
            .into(),
    )
}

/// The company `user` acts for: publishing under its name, reading and
/// receiving its messages, the CVthèque. Only an accepted member acts; a
/// pending one gets [`pending_refusal`], anyone else `Forbidden`.
pub async fn acting_company(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<i64, DomainError> {
    let member = member_of(db, user).await?;
    if member.is_active() {
        Ok(member.company_id)
    } else {
        Err(pending_refusal())
    }
}

/// The accepted members of a company (who receives its messages).
pub async fn active_members(
    db: &impl ConnectionTrait,
    company_id: i64,
) -> Result<Vec<i64>, DomainError> {
    Ok(company_member::Entity::find()
        .filter(company_member::Column::CompanyId.eq(company_id))
        .filter(company_member::Column::AcceptedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

/// The account that owns the company's page, if it still has one.
pub async fn owner_of(
    db: &impl ConnectionTrait,
    company_id: i64,
) -> Result<Option<users::Model>, DomainError> {
    let owner = company_member::Entity::find()
        .filter(company_member::Column::CompanyId.eq(company_id))
        .filter(company_member::Column::IsOwner.eq(true))
        .one(db)
        .await?;
    Ok(match owner {
        Some(owner) => users::Entity::find_by_id(owner.user_id).one(db).await?,
        None => None,
    })
}

/// The requests to join the owner's company, oldest first.
async fn join_requests(
    db: &impl ConnectionTrait,
    company_id: i64,
) -> Result<Vec<JoinRequest>, DomainError> {
    let pending = company_member::Entity::find()
        .filter(company_member::Column::CompanyId.eq(company_id))
        .filter(company_member::Column::AcceptedAt.is_null())
        .order_by_asc(company_member::Column::CreatedAt)
        .all(db)
        .await?;
    let people: HashMap<i64, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(pending.iter().map(|m| m.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(pending
        .into_iter()
        .filter_map(|member| {
            let user = people.get(&member.user_id)?.clone();
            Some(JoinRequest {
                user_id: member.user_id,
                name: format!("{} {}", user.first_name, user.last_name),
                email: user.email,
                asked_at: member.created_at,
            })
        })
        .collect())
}

/// R1: the owner accepts (`accept`) or refuses a recruiter's request to
/// join the company; the recruiter is emailed either way. A refused request
/// is removed (the account stays, attached to no company). Only the owner
/// may decide, and only on a pending request of their own company.
pub async fn decide_join(
    db: &impl ConnectionTrait,
    owner: &CurrentUser,
    member_id: i64,
    accept: bool,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let mine = member_of(db, owner).await?;
    if !mine.is_owner {
        return Err(DomainError::Forbidden);
    }
    let request = company_member::Entity::find_by_id(member_id)
        .filter(company_member::Column::CompanyId.eq(mine.company_id))
        .filter(company_member::Column::AcceptedAt.is_null())
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let (Some(company), Some(member)) = (
        company::Entity::find_by_id(mine.company_id).one(db).await?,
        users::Entity::find_by_id(request.user_id).one(db).await?,
    ) else {
        return Err(DomainError::NotFound);
    };
    if accept {
        company_member::Entity::update_many()
            .col_expr(company_member::Column::AcceptedAt, Expr::value(now))
            .filter(company_member::Column::UserId.eq(member_id))
            .exec(db)
            .await?;
    } else {
        company_member::Entity::delete_by_id(member_id)
            .exec(db)
            .await?;
    }
    crate::mail::enqueue(
        db,
        crate::mail::templates::join_decided(
            &member.email,
            &member.first_name,
            &company.name,
            accept,
            &format!("{site}/recruteur/entreprise"),
        ),
        now,
    )
    .await?;
    tracing::info!(
        company = company.id,
        member_id,
        accept,
        "request to join decided"
    );
    Ok(())
}

// ------------------------------------------------------------ R2 "Éditer ma fiche"

/// The company of a recruiter, with its membership (pending or not).
pub(crate) async fn membership(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<(company::Model, company_member::Model), DomainError> {
    let member = member_of(db, user).await?;
    let company = company::Entity::find_by_id(member.company_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((company, member))
}

/// R2: the company page's values for its editor; members who do not own it
/// get them read-only, with the owner's name.
pub async fn edit_values(
    db: &impl ConnectionTrait,
    places: &Directory,
    user: &CurrentUser,
) -> Result<crate::model::CompanyEdit, DomainError> {
    let (c, member) = membership(db, user).await?;
    let owner_name = if member.is_owner {
        None
    } else {
        owner_of(db, c.id)
            .await?
            .map(|u| format!("{} {} ({})", u.first_name, u.last_name, u.email))
    };
    let group_slug = match c.group_id {
        Some(id) => group::Entity::find_by_id(id).one(db).await?.map(|g| g.slug),
        None => None,
    };
    let requested_group = match c.requested_group_id.filter(|_| member.is_owner) {
        Some(id) => group::Entity::find_by_id(id).one(db).await?.map(|g| g.name),
        None => None,
    };
    let join_requests = if member.is_owner {
        join_requests(db, c.id).await?
    } else {
        Vec::new()
    };
    let mut values = std::collections::BTreeMap::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            values.insert(k.to_owned(), v);
        }
    };
    put("nom", Some(c.name.clone()));
    put("activite", Some(c.activity.code().to_owned()));
    put("description", Some(c.description.clone()));
    put("adresse", c.address.clone());
    put(
        "commune",
        c.place_insee
            .as_deref()
            .and_then(|i| places.commune(i))
            .map(|c| c.label()),
    );
    put("site", c.website.clone());
    put("contact_email", c.contact_email.clone());
    put("contact_telephone", c.contact_phone.clone());
    put("siret", c.siret.clone());
    put("groupe", group_slug);
    Ok(crate::model::CompanyEdit {
        id: c.id,
        logo: c
            .logo_key
            .as_deref()
            .map(crate::companies::logos::logo_path),
        path: format!("/entreprises/{}-{}", c.slug, c.id),
        name: c.name,
        owner: member.is_owner,
        pending: !member.is_active(),
        owner_name,
        join_requests,
        requested_group,
        values,
        groups: groups(db)
            .await?
            .into_iter()
            .map(|g| (g.slug, g.name))
            .collect(),
    })
}

/// The company page's form as posted, under its French field names.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CompanyForm {
    #[serde(rename = "nom")]
    pub name: String,
    #[serde(rename = "activite")]
    pub activity: String,
    pub description: String,
    #[serde(rename = "adresse")]
    pub address: String,
    /// A commune's name or postal code, resolved by the directory.
    pub commune: String,
    #[serde(rename = "site")]
    pub website: String,
    pub contact_email: String,
    #[serde(rename = "contact_telephone")]
    pub contact_phone: String,
    pub siret: String,
    /// The slug of the dealer group the company belongs to, or asks to join.
    #[serde(rename = "groupe")]
    pub group: String,
}

/// The checked values of the company page.
struct CheckedPage {
    name: String,
    activity: Option<crate::model::CompanyActivity>,
    description: String,
    address: Option<String>,
    place_insee: Option<String>,
    website: Option<String>,
    contact_email: Option<String>,
    contact_phone: Option<String>,
    siret: Option<String>,
}

/// The rules of the page's own fields, with a French message per field.
fn check_page(
    form: &CompanyForm,
    places: &Directory,
    errors: &mut crate::error::FieldErrors,
) -> CheckedPage {
    use crate::model::{CompanyActivity, Siret, check_phone, line_refusal, normalize_email};
    let name = form.name.trim().to_owned();
    if name.chars().count() < 2 || name.chars().count() > 120 {
        errors.insert("nom".into(), "Un nom de 2 à 120 caractères.".into());
    } else if let Some(refusal) = line_refusal(&name) {
        errors.insert("nom".into(), refusal.into());
    }
    let activity = CompanyActivity::from_code(form.activity.trim());
    if activity.is_none() {
        errors.insert(
            "activite".into(),
            "Choisissez parmi les propositions.".into(),
        );
    }
    let description = form.description.trim().replace("\r\n", "\n");
    if description.chars().count() > 5000 {
        errors.insert("description".into(), "5000 caractères au plus.".into());
    }
    let optional = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let address = optional(&form.address);
    if let Some(refusal) = address.as_deref().and_then(line_refusal) {
        errors.insert("adresse".into(), refusal.into());
    }
    let place_insee = match form.commune.trim() {
        "" => None,
        typed => match places.resolve(typed) {
            Some(Location::Commune(c)) => Some(c.insee.clone()),
            _ => {
                errors.insert(
                    "commune".into(),
                    "Commune introuvable : écrivez son nom ou son code postal.".into(),
                );
                None
            }
        },
    };
    let website = optional(&form.website);
    if website.as_ref().is_some_and(|w| {
        !(w.starts_with("https://") || w.starts_with("http://"))
            || w.len() > 255
            || w.contains(char::is_whitespace)
    }) {
        errors.insert(
            "site".into(),
            "Une adresse qui commence par https://".into(),
        );
    }
    let contact_email = match form.contact_email.trim() {
        "" => None,
        typed => normalize_email(typed)
            .map_err(|m| errors.insert("contact_email".into(), m.into()))
            .ok(),
    };
    let contact_phone = check_phone(form.contact_phone.trim())
        .map_err(|m| errors.insert("contact_telephone".into(), m.into()))
        .ok()
        .flatten();
    let siret = match form.siret.trim() {
        "" => None,
        typed => Siret::parse(typed)
            .map_err(|m| errors.insert("siret".into(), m.into()))
            .ok()
            .map(|s| s.as_str().to_owned()),
    };
    CheckedPage {
        name,
        activity,
        description,
        address,
        place_insee,
        website,
        contact_email,
        contact_phone,
        siret,
    }
}

/// The group the company stays in and the one it asks to join: a group
/// vouches for its members, so the owner may leave one at once but joining
/// one is a request the JobToMove team approves.
async fn group_choice(
    db: &impl ConnectionTrait,
    current: &company::Model,
    slug: &str,
    errors: &mut crate::error::FieldErrors,
) -> Result<(Option<i64>, Option<i64>), DomainError> {
    if slug.trim().is_empty() {
        return Ok((None, None));
    }
    let found = group::Entity::find()
        .filter(group::Column::Slug.eq(slug.trim()))
        .one(db)
        .await?;
    Ok(match found {
        Some(g) if current.group_id == Some(g.id) => (current.group_id, None),
        Some(g) => (current.group_id, Some(g.id)),
        None => {
            errors.insert("groupe".into(), "Choisissez un groupe de la liste.".into());
            (None, None)
        }
    })
}

/// R2: saves the company page. Only its owner (its first recruiter) may;
/// the directory and the page show the change at once (the company's open
/// offers are re-indexed with its new name).
pub async fn update(
    db: &impl ConnectionTrait,
    places: &Directory,
    search: &crate::search::SearchIndex,
    user: &crate::model::CurrentUser,
    form: &CompanyForm,
    now: chrono::DateTime<Utc>,
) -> Result<String, DomainError> {
    use crate::model::slugify;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let (current, member) = membership(db, user).await?;
    if !member.is_owner {
        return Err(DomainError::Forbidden);
    }
    let mut errors = crate::error::FieldErrors::new();
    let page = check_page(form, places, &mut errors);
    let (group_id, requested_group_id) =
        group_choice(db, &current, &form.group, &mut errors).await?;
    if !errors.is_empty() {
        return Err(DomainError::Invalid(errors));
    }
    let CheckedPage {
        name,
        activity,
        description,
        address,
        place_insee,
        website,
        contact_email,
        contact_phone,
        siret,
    } = page;
    let mut row: company::ActiveModel = current.clone().into();
    row.slug = Set(slugify(&name));
    row.search_name = Set(fold_name(&name));
    row.name = Set(name);
    row.activity = Set(activity.unwrap_or(current.activity));
    row.description = Set(description);
    row.address = Set(address);
    row.place_insee = Set(place_insee);
    row.website = Set(website);
    row.contact_email = Set(contact_email);
    row.contact_phone = Set(contact_phone);
    row.siret = Set(siret);
    row.group_id = Set(group_id);
    row.requested_group_id = Set(requested_group_id);
    row.updated_at = Set(now);
    let saved = row.update(db).await.map_err(|e| match DomainError::from(e) {
        DomainError::Conflict(_) => DomainError::invalid("siret", "Une autre fiche entreprise utilise déjà ce SIRET : écrivez-nous par le formulaire de contact."),
        other => other,
    })?;
    // The change feed names the company: its offers follow its new name.
    search.follow(db).await?;
    tracing::info!(company = saved.id, "company page edited by its owner");
    Ok(format!("/entreprises/{}-{}", saved.slug, saved.id))
}
