//! Moderation (A4, B2; DSA articles 16 and 17). Anyone reports an offer or a
//! company page with a reason from a closed set, an explanation and a
//! good-faith statement; a target's reports gather in one open case (three
//! reporters within 24 hours put it at the top of the queue); one open
//! report per reporter, target and reason, so re-reporting weighs nothing.
//! The team decides with a measure, its ground and the facts: the affected
//! recruiters get a statement of reasons (the measure and how long it lasts,
//! the facts, whether it followed a report, the ground, how to contest),
//! each reporter the outcome, and the audit log the event — all in the
//! decision's transaction. Cases and reports are never deleted.

use crate::DomainError;
use crate::accounts::Origin;
use crate::admin::audit::{self, Event, Target};
use crate::auth::rate_limit::{self, Limit};
use crate::auth::sessions;
use crate::entity::{
    company, company_member, moderation_case, moderation_decision, offer, report, user,
};
use crate::error::FieldErrors;
use crate::mail::{self, templates};
use crate::model::{
    AuditAction, CaseOrigin, CurrentUser, DecisionView, Measure, ModerationDetail,
    ModerationStatus, ModerationSummary, OfferModeration, OfferStatus, REPORT_MAX_CHARS,
    ReportContext, ReportForm, ReportReason, ReportTarget, ReportView, check_long_text,
    company_path, moderation_number, normalize_email, offer_path, strip_hidden,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::{BTreeSet, HashMap};

/// Reports from one IP address.
pub const REPORTS_PER_IP: Limit = Limit {
    action: "signalement-ip",
    max: 20,
    window: Duration::hours(1),
};
/// Reports from one email address.
pub const REPORTS_PER_EMAIL: Limit = Limit {
    action: "signalement-email",
    max: 10,
    window: Duration::hours(1),
};
/// Distinct reporters within [`URGENT_WINDOW`] that make a case urgent.
pub const URGENT_REPORTERS: u64 = 3;
pub const URGENT_WINDOW: Duration = Duration::hours(24);

/// The offer or company `form` names, for the report page.
pub async fn context(
    db: &impl ConnectionTrait,
    target: ReportTarget,
    id: i64,
) -> Result<ReportContext, DomainError> {
    match target {
        ReportTarget::Offer => {
            let o = offer::Entity::find_by_id(id)
                .filter(crate::offers::public_offers())
                .one(db)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok(ReportContext {
                target,
                id,
                path: offer_path(&o.slug, o.id),
                label: o.title,
            })
        }
        ReportTarget::Company => {
            let c = company::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok(ReportContext {
                target,
                id,
                path: company_path(&c.slug, c.id),
                label: c.name,
            })
        }
    }
}

/// Which target a posted form names.
pub fn target_of(form: &ReportForm) -> Option<(ReportTarget, i64)> {
    match (
        form.offre.trim().parse::<i64>(),
        form.entreprise.trim().parse::<i64>(),
    ) {
        (Ok(id), _) => Some((ReportTarget::Offer, id)),
        (_, Ok(id)) => Some((ReportTarget::Company, id)),
        _ => None,
    }
}

/// The open case of a target, opened if there is none.
async fn open_case(
    db: &impl ConnectionTrait,
    target: ReportTarget,
    id: i64,
    label: &str,
    origin: CaseOrigin,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let find = || {
        moderation_case::Entity::find()
            .filter(moderation_case::Column::TargetType.eq(target))
            .filter(moderation_case::Column::TargetId.eq(id))
            .filter(moderation_case::Column::Status.eq(ModerationStatus::Open))
    };
    if let Some(case) = find().one(db).await? {
        return Ok(case.id);
    }
    Ok(
        moderation_case::Entity::insert(moderation_case::ActiveModel {
            target_type: Set(target),
            target_id: Set(id),
            target_label: Set(label.chars().take(200).collect()),
            origin: Set(origin),
            status: Set(ModerationStatus::Open),
            urgent: Set(false),
            opened_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(db)
        .await?
        .last_insert_id,
    )
}

/// B2, DSA art. 16: a report; returns its case's id. The reporter gets an
/// acknowledgement; reporting the same target for the same reason again
/// while it is open is refused.
pub async fn report(
    db: &DatabaseConnection,
    origin: &Origin<'_>,
    user: Option<&CurrentUser>,
    form: &ReportForm,
) -> Result<i64, DomainError> {
    let (target, id) = target_of(form).ok_or(DomainError::NotFound)?;
    let about = context(db, target, id).await?;
    let mut errors = FieldErrors::new();
    let reason = ReportReason::from_code(&form.motif);
    if reason.is_none() {
        errors.insert("motif".into(), "Choisissez le motif du signalement.".into());
    }
    let explanation = match check_long_text(&strip_hidden(&form.explication), REPORT_MAX_CHARS) {
        Ok(Some(text)) if text.chars().count() >= 10 => Some(text),
        Ok(_) => {
            errors.insert(
                "explication".into(),
                "Expliquez ce qui pose problème (10 caractères au moins) : ce que l'offre dit, ce qu'on vous a demandé…".into(),
            );
            None
        }
        Err(error) => {
            errors.insert(
                "explication".into(),
                format!("Explication trop longue : {error}"),
            );
            None
        }
    };
    let (email, name) = match user {
        Some(u) => (u.email.clone(), format!("{} {}", u.first_name, u.last_name)),
        None => (
            normalize_email(&form.email).unwrap_or_else(|e| {
                errors.insert("email".into(), e.into());
                String::new()
            }),
            strip_hidden(form.nom.trim()).chars().take(120).collect(),
        ),
    };
    if name.trim().is_empty() {
        errors.insert(
            "nom".into(),
            "Indiquez votre nom (le recruteur ne le verra pas).".into(),
        );
    }
    if form.bonne_foi != "oui" {
        errors.insert(
            "bonne_foi".into(),
            "Cochez la déclaration de bonne foi pour envoyer le signalement.".into(),
        );
    }
    if !errors.is_empty() {
        return Err(DomainError::Invalid(errors));
    }
    let (Some(reason), Some(explanation)) = (reason, explanation) else {
        return Err(DomainError::Internal);
    };
    rate_limit::hit(db, REPORTS_PER_IP, origin.ip, origin.now).await?;
    rate_limit::hit(db, REPORTS_PER_EMAIL, &email, origin.now).await?;
    let already = report::Entity::find()
        .filter(report::Column::Email.eq(&email))
        .filter(report::Column::TargetType.eq(target))
        .filter(report::Column::TargetId.eq(id))
        .filter(report::Column::Reason.eq(reason))
        .filter(report::Column::ClosedAt.is_null())
        .count(db)
        .await?;
    if already > 0 {
        return Err(DomainError::invalid(
            "motif",
            "Vous avez déjà signalé ceci pour ce motif : l'équipe l'examine et vous dira sa décision par e-mail.",
        ));
    }
    let txn = db.begin().await?;
    let case = open_case(
        &txn,
        target,
        id,
        &about.label,
        CaseOrigin::Report,
        origin.now,
    )
    .await?;
    report::Entity::insert(report::ActiveModel {
        case_id: Set(case),
        target_type: Set(target),
        target_id: Set(id),
        reason: Set(reason),
        explanation: Set(explanation),
        email: Set(email.clone()),
        name: Set(name.clone()),
        user_id: Set(user.map(|u| u.id)),
        page_url: Set(format!("{}{}", origin.site, about.path)),
        created_at: Set(origin.now),
        closed_at: Set(None),
        ..Default::default()
    })
    .exec_without_returning(&txn)
    .await?;
    let recent: Vec<String> = report::Entity::find()
        .select_only()
        .column(report::Column::Email)
        .filter(report::Column::CaseId.eq(case))
        .filter(report::Column::CreatedAt.gt(origin.now - URGENT_WINDOW))
        .into_tuple()
        .all(&txn)
        .await?;
    let reporters = recent.into_iter().collect::<BTreeSet<_>>().len() as u64;
    moderation_case::Entity::update_many()
        .col_expr(moderation_case::Column::UpdatedAt, Expr::value(origin.now))
        .col_expr(
            moderation_case::Column::Urgent,
            Expr::col(moderation_case::Column::Urgent)
                .or(Expr::value(reporters >= URGENT_REPORTERS)),
        )
        .filter(moderation_case::Column::Id.eq(case))
        .exec(&txn)
        .await?;
    mail::enqueue(
        &txn,
        templates::report_received(
            &email,
            &name,
            &about.label,
            &moderation_number(case),
            reason.label(),
        ),
        origin.now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        case,
        target = target.code(),
        id,
        reason = reason.code(),
        "report received"
    );
    Ok(case)
}

/// Refuses to publish an offer the team took down, or any offer of a
/// suspended company.
pub async fn may_publish(
    db: &impl ConnectionTrait,
    offer: &offer::Model,
) -> Result<(), DomainError> {
    match offer.moderation {
        Some(OfferModeration::Unpublished) => {
            return Err(DomainError::Conflict(
                "L'équipe JobToMove a dépublié cette offre : elle ne peut pas être remise en ligne. Pour contester, écrivez-nous depuis le formulaire de contact.".into(),
            ));
        }
        Some(OfferModeration::Correction) => {
            return Err(DomainError::Conflict(
                "L'équipe JobToMove a demandé une correction de cette offre : modifiez-la, elle sera vérifiée puis remise en ligne.".into(),
            ));
        }
        Some(OfferModeration::Review) => {
            return Err(DomainError::Conflict(
                "Votre correction est en cours de vérification par l'équipe JobToMove : l'offre sera remise en ligne ensuite.".into(),
            ));
        }
        None => {}
    }
    if let Some(company_id) = offer.company_id
        && company::Entity::find_by_id(company_id)
            .one(db)
            .await?
            .is_some_and(|c| c.suspended_at.is_some())
    {
        return Err(DomainError::Conflict(
            "Votre entreprise est suspendue par l'équipe JobToMove : ses offres ne peuvent pas être publiées. Pour contester, écrivez-nous depuis le formulaire de contact.".into(),
        ));
    }
    Ok(())
}

/// How soon after a B2 refusal a publication is looked at.
pub const NEAR_MISS: Duration = Duration::hours(24);

/// B2's near misses (A4): an offer published by a recruiter whose text the
/// check refused within the last day — a rewording that may dodge the
/// check — opens an automatic case for the team to read it.
pub async fn after_near_miss(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    offer: &offer::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let refused = user::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .and_then(|u| u.lawful_refused_at)
        .is_some_and(|at| at > now - NEAR_MISS);
    if refused {
        let case = open_case(
            db,
            ReportTarget::Offer,
            offer.id,
            &offer.title,
            CaseOrigin::Automatic,
            now,
        )
        .await?;
        moderation_case::Entity::update_many()
            .col_expr(
                moderation_case::Column::Signal,
                Expr::value("Publiée moins de 24 h après un refus du contrôle des critères discriminatoires (B2) pour ce recruteur : vérifier la formulation."),
            )
            .filter(moderation_case::Column::Id.eq(case))
            .exec(db)
            .await?;
        tracing::info!(
            offer = offer.id,
            case,
            "offer published soon after a B2 refusal: case opened"
        );
    }
    Ok(())
}

/// The recruiter saved the correction the team asked for: the offer waits
/// for review, in a case of its own.
pub async fn corrected(
    db: &impl ConnectionTrait,
    offer: &offer::Model,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    offer::Entity::update_many()
        .col_expr(
            offer::Column::Moderation,
            Expr::value(OfferModeration::Review),
        )
        .filter(offer::Column::Id.eq(offer.id))
        .exec(db)
        .await?;
    open_case(
        db,
        ReportTarget::Offer,
        offer.id,
        &offer.title,
        CaseOrigin::Review,
        now,
    )
    .await?;
    Ok(())
}

fn href(target: ReportTarget, id: i64) -> String {
    match target {
        ReportTarget::Offer => format!("/offres/{id}"),
        ReportTarget::Company => format!("/admin/entreprises/{id}"),
    }
}

async fn summaries(
    db: &impl ConnectionTrait,
    cases: Vec<moderation_case::Model>,
) -> Result<Vec<ModerationSummary>, DomainError> {
    let reports = report::Entity::find()
        .filter(report::Column::CaseId.is_in(cases.iter().map(|c| c.id)))
        .order_by_asc(report::Column::Id)
        .all(db)
        .await?;
    Ok(cases
        .into_iter()
        .map(|c| {
            let mine: Vec<&report::Model> = reports.iter().filter(|r| r.case_id == c.id).collect();
            let reasons: BTreeSet<ReportReason> = mine.iter().map(|r| r.reason).collect();
            ModerationSummary {
                number: moderation_number(c.id),
                href: href(c.target_type, c.target_id),
                reports: mine.len() as u64,
                reasons: reasons.into_iter().collect(),
                first_at: mine.first().map_or(c.opened_at, |r| r.created_at),
                last_at: mine.last().map_or(c.updated_at, |r| r.created_at),
                id: c.id,
                target: c.target_type,
                target_id: c.target_id,
                label: c.target_label,
                origin: c.origin,
                status: c.status,
                urgent: c.urgent,
                signal: c.signal,
            }
        })
        .collect())
}

/// The queue: open cases, urgent first, then the oldest; or the decided
/// ones, newest first.
pub async fn queue(
    db: &impl ConnectionTrait,
    admin: &CurrentUser,
    status: ModerationStatus,
) -> Result<Vec<ModerationSummary>, DomainError> {
    crate::admin::require(admin)?;
    let mut find =
        moderation_case::Entity::find().filter(moderation_case::Column::Status.eq(status));
    find = match status {
        ModerationStatus::Open => find
            .order_by_desc(moderation_case::Column::Urgent)
            .order_by_asc(moderation_case::Column::OpenedAt),
        ModerationStatus::Decided => find.order_by_desc(moderation_case::Column::UpdatedAt),
    };
    summaries(db, find.limit(200).all(db).await?).await
}

/// The target's state, in words.
async fn state_of(
    db: &impl ConnectionTrait,
    target: ReportTarget,
    id: i64,
) -> Result<String, DomainError> {
    Ok(match target {
        ReportTarget::Offer => match offer::Entity::find_by_id(id).one(db).await? {
            Some(o) => match o.moderation {
                Some(m) => m.label().to_owned(),
                None => o.status.label().to_owned(),
            },
            None => "Supprimée par son recruteur".to_owned(),
        },
        ReportTarget::Company => match company::Entity::find_by_id(id).one(db).await? {
            Some(c) if c.suspended_at.is_some() => "Suspendue".to_owned(),
            Some(_) => "Active".to_owned(),
            None => "Supprimée ou fusionnée".to_owned(),
        },
    })
}

/// A case with its reports and decisions.
pub async fn case(
    db: &impl ConnectionTrait,
    admin: &CurrentUser,
    id: i64,
) -> Result<ModerationDetail, DomainError> {
    crate::admin::require(admin)?;
    let c = moderation_case::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let (target, target_id) = (c.target_type, c.target_id);
    let summary = summaries(db, vec![c]).await?.remove(0);
    let reports = report::Entity::find()
        .filter(report::Column::CaseId.eq(id))
        .order_by_asc(report::Column::Id)
        .all(db)
        .await?;
    let decisions = moderation_decision::Entity::find()
        .filter(moderation_decision::Column::CaseId.eq(id))
        .order_by_asc(moderation_decision::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(decisions.iter().map(|d| d.decided_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} {}", u.first_name, u.last_name)))
        .collect();
    Ok(ModerationDetail {
        state: state_of(db, target, target_id).await?,
        measures: Measure::for_target(target).to_vec(),
        reports: reports
            .into_iter()
            .map(|r| ReportView {
                reason: r.reason,
                explanation: r.explanation,
                reporter: format!("{} <{}>", r.name, r.email),
                page_url: r.page_url,
                created_at: r.created_at,
            })
            .collect(),
        decisions: decisions
            .into_iter()
            .map(|d| DecisionView {
                decided_by: names.get(&d.decided_by).cloned().unwrap_or_default(),
                measure: d.measure,
                ground: d.ground,
                facts: d.facts,
                decided_at: d.decided_at,
            })
            .collect(),
        summary,
    })
}

/// A decision, as the admin form posts it.
#[derive(Debug, Clone)]
pub struct Decision {
    pub measure: Measure,
    pub ground: ReportReason,
    pub facts: String,
}

/// The recruiters a decision concerns: the offer's publisher, or every
/// recruiter of the company.
async fn affected(
    db: &impl ConnectionTrait,
    company_id: Option<i64>,
    publisher: Option<i64>,
) -> Result<Vec<user::Model>, DomainError> {
    let ids: Vec<i64> = match (publisher, company_id) {
        (Some(p), _) => vec![p],
        (None, Some(c)) => company_member::Entity::find()
            .filter(company_member::Column::CompanyId.eq(c))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect(),
        (None, None) => Vec::new(),
    };
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?)
}

/// A4, DSA art. 17: decides a case. The measure is applied, the case
/// closed with its reports, the statement of reasons sent to the
/// recruiters concerned and the outcome to each reporter, the audit event
/// written — in one transaction.
pub async fn decide(
    db: &DatabaseConnection,
    admin: &CurrentUser,
    case_id: i64,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    crate::admin::require(admin)?;
    let facts = crate::admin::reason(&decision.facts).map_err(|_| {
        DomainError::invalid(
            "faits",
            "Décrivez les faits qui fondent la décision (ils sont envoyés au recruteur).",
        )
    })?;
    let txn = db.begin().await?;
    let case = moderation_case::Entity::find_by_id(case_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if case.status != ModerationStatus::Open {
        return Err(DomainError::invalid(
            "mesure",
            "Ce dossier est déjà décidé.",
        ));
    }
    if !Measure::for_target(case.target_type).contains(&decision.measure) {
        return Err(DomainError::invalid(
            "mesure",
            "Cette mesure ne s'applique pas à cette cible.",
        ));
    }
    let followed_report = case.origin == CaseOrigin::Report;
    let number = moderation_number(case.id);
    // What the measure applies to.
    let (company_id, publisher, label) = match case.target_type {
        ReportTarget::Offer => match offer::Entity::find_by_id(case.target_id).one(&txn).await? {
            Some(o) => (o.company_id, o.recruiter_id, o.title.clone()),
            None => (None, None, case.target_label.clone()),
        },
        ReportTarget::Company => (Some(case.target_id), None, case.target_label.clone()),
    };
    let mut event = Event::new(
        admin,
        AuditAction::ModerationDecided,
        target_of_case(&case),
        now,
    )
    .reason(&facts)
    .change("mesure", "", decision.measure.label())
    .change("fondement", "", decision.ground.label())
    .change("dossier", "", &number);
    match decision.measure {
        Measure::Unpublish | Measure::Correction => {
            let o = offer::Entity::find_by_id(case.target_id)
                .one(&txn)
                .await?
                .ok_or(DomainError::NotFound)?;
            let moderation = if decision.measure == Measure::Unpublish {
                OfferModeration::Unpublished
            } else {
                OfferModeration::Correction
            };
            offer::Entity::update_many()
                .col_expr(offer::Column::Status, Expr::value(OfferStatus::Unpublished))
                .col_expr(offer::Column::Moderation, Expr::value(moderation))
                .col_expr(offer::Column::UpdatedAt, Expr::value(now))
                .filter(offer::Column::Id.eq(o.id))
                .exec(&txn)
                .await?;
            event = event.change("statut", o.status.label(), moderation.label());
        }
        Measure::Reinstate => {
            let o = offer::Entity::find_by_id(case.target_id)
                .one(&txn)
                .await?
                .ok_or(DomainError::NotFound)?;
            let open = o.expires_at.is_none_or(|at| at > now);
            offer::Entity::update_many()
                .col_expr(
                    offer::Column::Moderation,
                    Expr::value(Option::<OfferModeration>::None),
                )
                .col_expr(
                    offer::Column::Status,
                    Expr::value(if open {
                        OfferStatus::Published
                    } else {
                        OfferStatus::Expired
                    }),
                )
                .col_expr(offer::Column::UpdatedAt, Expr::value(now))
                .filter(offer::Column::Id.eq(o.id))
                .exec(&txn)
                .await?;
            event = event.change(
                "statut",
                o.moderation.map_or(o.status.label(), |m| m.label()),
                if open {
                    OfferStatus::Published.label()
                } else {
                    OfferStatus::Expired.label()
                },
            );
        }
        Measure::SuspendCompany | Measure::LiftCompany => {
            let id = company_id.ok_or_else(|| {
                DomainError::invalid(
                    "mesure",
                    "Cette offre n'appartient à aucune fiche entreprise du portail.",
                )
            })?;
            let suspend = decision.measure == Measure::SuspendCompany;
            company::Entity::update_many()
                .col_expr(
                    company::Column::SuspendedAt,
                    Expr::value(suspend.then_some(now)),
                )
                .col_expr(company::Column::UpdatedAt, Expr::value(now))
                .filter(company::Column::Id.eq(id))
                .exec(&txn)
                .await?;
            event = event.change(
                "entreprise",
                if suspend { "active" } else { "suspendue" },
                if suspend { "suspendue" } else { "active" },
            );
        }
        Measure::SuspendAccount => {
            let id = publisher.ok_or_else(|| {
                DomainError::invalid("mesure", "Cette offre n'a pas de recruteur sur le portail.")
            })?;
            user::Entity::update_many()
                .col_expr(user::Column::DeactivatedAt, Expr::value(now))
                .filter(user::Column::Id.eq(id))
                .filter(user::Column::Role.ne(crate::model::Role::Administrator))
                .exec(&txn)
                .await?;
            let ended = sessions::end_all(&txn, id, None).await?;
            event = event
                .change("compte", format!("n° {id} actif"), "suspendu")
                .change("sessions_fermees", "", ended);
        }
        Measure::Dismiss => {}
    }
    let decision_row = moderation_decision::Entity::insert(moderation_decision::ActiveModel {
        case_id: Set(case.id),
        measure: Set(decision.measure),
        ground: Set(decision.ground),
        facts: Set(facts.clone()),
        decided_by: Set(admin.id),
        decided_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    moderation_case::Entity::update_many()
        .col_expr(
            moderation_case::Column::Status,
            Expr::value(ModerationStatus::Decided),
        )
        .col_expr(moderation_case::Column::UpdatedAt, Expr::value(now))
        .filter(moderation_case::Column::Id.eq(case.id))
        .exec(&txn)
        .await?;
    let reports = report::Entity::find()
        .filter(report::Column::CaseId.eq(case.id))
        .filter(report::Column::ClosedAt.is_null())
        .all(&txn)
        .await?;
    report::Entity::update_many()
        .col_expr(report::Column::ClosedAt, Expr::value(now))
        .filter(report::Column::CaseId.eq(case.id))
        .filter(report::Column::ClosedAt.is_null())
        .exec(&txn)
        .await?;
    if decision.measure != Measure::Dismiss {
        let scope = if matches!(
            decision.measure,
            Measure::SuspendCompany | Measure::LiftCompany
        ) {
            affected(&txn, company_id, None).await?
        } else {
            affected(&txn, company_id, publisher).await?
        };
        for person in scope {
            mail::enqueue(
                &txn,
                templates::statement_of_reasons(&templates::Statement {
                    to: &person.email,
                    first_name: &person.first_name,
                    number: &number,
                    target: &label,
                    measure: decision.measure,
                    facts: &facts,
                    followed_report,
                    ground: decision.ground,
                }),
                now,
            )
            .await?;
        }
    }
    let mut told = BTreeSet::new();
    for r in &reports {
        if told.insert(r.email.clone()) {
            mail::enqueue(
                &txn,
                templates::report_outcome(
                    &r.email,
                    &r.name,
                    &label,
                    &number,
                    decision.measure,
                    decision.ground,
                ),
                now,
            )
            .await?;
        }
    }
    audit::record(
        &txn,
        event.change("decision", "", format!("n° {decision_row}")),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        case = case.id,
        measure = decision.measure.code(),
        "moderation decided"
    );
    Ok(())
}

fn target_of_case(case: &moderation_case::Model) -> Target {
    match case.target_type {
        ReportTarget::Offer => Target::offer(case.target_id, &case.target_label),
        ReportTarget::Company => Target::company(case.target_id, &case.target_label),
    }
}
