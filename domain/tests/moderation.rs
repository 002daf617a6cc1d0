//! Moderation (A4, B2; DSA art. 16–17) on every test database: reports and
//! their limits, the queue, and each decision's effect on the catalogue,
//! the recruiters and the reporters — statement of reasons, outcome, audit
//! event — with cases that are never deleted.

use chrono::{Duration, Utc};
use domain::DomainError;
use domain::entity::{audit_event, moderation_case, offer, report};
use domain::model::*;
use domain::moderation::{self, Decision};
use domain::search::SearchIndex;
use domain::testing::*;
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};

fn report_form(offer: i64, email: &str, reason: ReportReason) -> ReportForm {
    ReportForm {
        offre: offer.to_string(),
        motif: reason.code().into(),
        explication: "On m'a demandé 150 € de frais de dossier pour un entretien.".into(),
        nom: "Léa Garnier".into(),
        email: email.into(),
        bonne_foi: "oui".into(),
        ..ReportForm::default()
    }
}

struct Scene {
    admin: CurrentUser,
    paul: CurrentUser,
    garage: domain::entity::company::Model,
    offer: offer::Model,
}

async fn scene(t: &TestDb) -> Scene {
    insert_places(&t.db).await;
    let admin = insert_user(&t.db, "ada@jobtomove.test", "Ada", Role::Administrator).await;
    let garage = insert_company(&t.db, "Garage du Centre").await;
    let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
    let offer = insert_offer(&t.db, &garage, "Mécanicien H/F", 1, |o| {
        o.recruiter_id = Set(Some(paul.id))
    })
    .await;
    Scene {
        admin,
        paul,
        garage,
        offer,
    }
}

fn decision(measure: Measure) -> Decision {
    Decision {
        measure,
        ground: ReportReason::Scam,
        facts: "Frais de dossier demandés aux candidats, confirmés par trois signalements.".into(),
    }
}

#[tokio::test]
async fn a_report_is_acknowledged_and_the_same_report_twice_counts_once() {
    for t in test_databases().await {
        let s = scene(&t).await;
        let now = Utc::now();
        let case = moderation::report(
            &t.db,
            &origin(now),
            None,
            &report_form(s.offer.id, "lea@exemple.fr", ReportReason::Scam),
        )
        .await
        .unwrap();
        let mail = outbox(&t.db).await.pop().unwrap();
        assert_eq!(mail.to_address, "lea@exemple.fr", "{}", t.backend);
        assert!(mail.subject.contains(&moderation_number(case)));
        let again = moderation::report(
            &t.db,
            &origin(now),
            None,
            &report_form(s.offer.id, "LEA@exemple.fr", ReportReason::Scam),
        )
        .await;
        assert!(
            matches!(again, Err(DomainError::Invalid(e)) if e["motif"].contains("déjà signalé"))
        );
        // Another reason is another report, in the same case.
        let other = moderation::report(
            &t.db,
            &origin(now),
            None,
            &report_form(s.offer.id, "lea@exemple.fr", ReportReason::Misleading),
        )
        .await
        .unwrap();
        assert_eq!(other, case);
        let queue = moderation::queue(&t.db, &s.admin, ModerationStatus::Open)
            .await
            .unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].reports, 2);
        assert!(!queue[0].urgent, "one reporter is not urgent");
    }
}

#[tokio::test]
async fn a_report_needs_a_reason_an_explanation_a_name_and_good_faith() {
    for t in test_databases().await {
        let s = scene(&t).await;
        let refused = moderation::report(
            &t.db,
            &origin(Utc::now()),
            None,
            &ReportForm {
                offre: s.offer.id.to_string(),
                ..ReportForm::default()
            },
        )
        .await;
        let Err(DomainError::Invalid(errors)) = refused else {
            panic!("{refused:?}")
        };
        for field in ["motif", "explication", "email", "nom", "bonne_foi"] {
            assert!(
                errors.contains_key(field),
                "{}: {field} in {errors:?}",
                t.backend
            );
        }
        let nothing = moderation::report(
            &t.db,
            &origin(Utc::now()),
            None,
            &report_form(999_999, "lea@exemple.fr", ReportReason::Scam),
        )
        .await;
        assert!(matches!(nothing, Err(DomainError::NotFound)));
        assert_eq!(report::Entity::find().count(&t.db).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn three_reporters_within_a_day_put_the_case_at_the_top_of_the_queue() {
    for t in test_databases().await {
        let s = scene(&t).await;
        let other = insert_offer(&t.db, &s.garage, "Carrossier H/F", 1, |_| {}).await;
        let now = Utc::now();
        moderation::report(
            &t.db,
            &origin(now),
            None,
            &report_form(other.id, "a@exemple.fr", ReportReason::Duplicate),
        )
        .await
        .unwrap();
        for (i, email) in ["b@exemple.fr", "c@exemple.fr", "d@exemple.fr"]
            .iter()
            .enumerate()
        {
            moderation::report(
                &t.db,
                &origin(now + Duration::hours(i as i64)),
                None,
                &report_form(s.offer.id, email, ReportReason::Scam),
            )
            .await
            .unwrap();
        }
        let queue = moderation::queue(&t.db, &s.admin, ModerationStatus::Open)
            .await
            .unwrap();
        assert_eq!(queue.len(), 2, "{}", t.backend);
        assert!(
            queue[0].urgent && queue[0].target_id == s.offer.id,
            "urgent first"
        );
        assert!(!queue[1].urgent);
    }
}

#[tokio::test]
async fn an_unpublished_offer_leaves_the_catalogue_its_recruiter_gets_the_reasons_and_each_reporter_the_outcome()
 {
    for t in test_databases().await {
        let s = scene(&t).await;
        let search = SearchIndex::in_memory().unwrap();
        search.rebuild(&t.db, |_, _| {}).await.unwrap();
        assert_eq!(search.len(), 1);
        let now = Utc::now();
        let case = moderation::report(
            &t.db,
            &origin(now),
            None,
            &report_form(s.offer.id, "lea@exemple.fr", ReportReason::Scam),
        )
        .await
        .unwrap();
        moderation::report(
            &t.db,
            &origin(now),
            None,
            &report_form(s.offer.id, "marc@exemple.fr", ReportReason::Scam),
        )
        .await
        .unwrap();

        let no_facts = moderation::decide(
            &t.db,
            &s.admin,
            case,
            &Decision {
                facts: String::new(),
                ..decision(Measure::Unpublish)
            },
            now,
        )
        .await;
        assert!(matches!(no_facts, Err(DomainError::Invalid(e)) if e.contains_key("faits")));
        moderation::decide(&t.db, &s.admin, case, &decision(Measure::Unpublish), now)
            .await
            .unwrap();
        search.follow(&t.db).await.unwrap();
        assert_eq!(search.len(), 0, "{}: out of search at once", t.backend);
        let row = offer::Entity::find_by_id(s.offer.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.status, OfferStatus::Unpublished);
        assert_eq!(row.moderation, Some(OfferModeration::Unpublished));
        let republish = domain::postings::publish(&t.db, &search, &s.paul, s.offer.id, now).await;
        assert!(
            matches!(republish, Err(DomainError::Conflict(m)) if m.contains("dépublié")),
            "the recruiter cannot put it back"
        );

        let mails = outbox(&t.db).await;
        let statement = mails
            .iter()
            .find(|m| m.to_address == "paul@garage.fr")
            .expect("statement of reasons");
        for part in [
            "Mesure : Dépublier l'offre",
            "Durée :",
            "Faits : Frais de dossier",
            "fait suite à un signalement",
            "Fondement : Arnaque",
            "Pour contester",
        ] {
            assert!(
                statement.text_body.contains(part),
                "{part} in {}",
                statement.text_body
            );
        }
        assert!(
            !statement.text_body.contains("lea@exemple.fr"),
            "the reporter stays unknown"
        );
        for reporter in ["lea@exemple.fr", "marc@exemple.fr"] {
            assert!(
                mails
                    .iter()
                    .any(|m| m.to_address == reporter && m.subject.contains("Décision")),
                "{reporter} told"
            );
        }
        let detail = moderation::case(&t.db, &s.admin, case).await.unwrap();
        assert_eq!(detail.summary.status, ModerationStatus::Decided);
        assert_eq!(detail.decisions.len(), 1);
        assert_eq!(audit_event::Entity::find().count(&t.db).await.unwrap(), 1);
        let decided_twice =
            moderation::decide(&t.db, &s.admin, case, &decision(Measure::Dismiss), now).await;
        assert!(decided_twice.is_err());

        // A new report opens a new case; the old one stays.
        moderation::report(
            &t.db,
            &origin(now),
            None,
            &report_form(s.offer.id, "lea@exemple.fr", ReportReason::Scam),
        )
        .await
        .unwrap();
        assert_eq!(
            moderation_case::Entity::find().count(&t.db).await.unwrap(),
            2
        );
    }
}

#[tokio::test]
async fn a_corrected_offer_goes_back_to_review_and_returns_once_reinstated() {
    for t in test_databases().await {
        let s = scene(&t).await;
        let places = domain::places::Directory::load(&t.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let now = Utc::now();
        let case = moderation::report(
            &t.db,
            &origin(now),
            None,
            &report_form(s.offer.id, "lea@exemple.fr", ReportReason::Misleading),
        )
        .await
        .unwrap();
        moderation::decide(
            &t.db,
            &s.admin,
            case,
            &Decision {
                ground: ReportReason::Misleading,
                ..decision(Measure::Correction)
            },
            now,
        )
        .await
        .unwrap();
        domain::postings::update(
            &t.db,
            &search,
            &places,
            &s.paul,
            s.offer.id,
            &posting_form("Mécanicien automobile H/F"),
            now,
        )
        .await
        .unwrap();
        let row = offer::Entity::find_by_id(s.offer.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            row.moderation,
            Some(OfferModeration::Review),
            "{}",
            t.backend
        );
        let queue = moderation::queue(&t.db, &s.admin, ModerationStatus::Open)
            .await
            .unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].origin, CaseOrigin::Review);
        moderation::decide(
            &t.db,
            &s.admin,
            queue[0].id,
            &decision(Measure::Reinstate),
            now,
        )
        .await
        .unwrap();
        let row = offer::Entity::find_by_id(s.offer.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((row.status, row.moderation), (OfferStatus::Published, None));
    }
}

#[tokio::test]
async fn a_suspended_company_has_no_offer_in_the_catalogue_and_cannot_publish() {
    for t in test_databases().await {
        let s = scene(&t).await;
        let search = SearchIndex::in_memory().unwrap();
        search.rebuild(&t.db, |_, _| {}).await.unwrap();
        let now = Utc::now();
        let case = moderation::report(
            &t.db,
            &origin(now),
            None,
            &ReportForm {
                offre: String::new(),
                entreprise: s.garage.id.to_string(),
                ..report_form(0, "lea@exemple.fr", ReportReason::Scam)
            },
        )
        .await
        .unwrap();
        moderation::decide(
            &t.db,
            &s.admin,
            case,
            &decision(Measure::SuspendCompany),
            now,
        )
        .await
        .unwrap();
        search.follow(&t.db).await.unwrap();
        assert_eq!(search.len(), 0, "{}", t.backend);
        let draft = domain::postings::create(
            &t.db,
            &domain::places::Directory::load(&t.db).await.unwrap(),
            &s.paul,
            &posting_form("Carrossier H/F"),
            now,
        )
        .await
        .unwrap();
        let refused = domain::postings::publish(&t.db, &search, &s.paul, draft, now).await;
        assert!(matches!(refused, Err(DomainError::Conflict(m)) if m.contains("suspendue")));
        assert!(
            outbox(&t.db)
                .await
                .iter()
                .any(|m| m.to_address == "paul@garage.fr"
                    && m.text_body.contains("Suspendre l'entreprise"))
        );
    }
}

#[tokio::test]
async fn a_suspended_account_loses_its_sessions_and_cannot_log_in() {
    for t in test_databases().await {
        let s = scene(&t).await;
        let now = Utc::now();
        let secret = domain::auth::sessions::start(&t.db, s.paul.id, "203.0.113.7", "test", now)
            .await
            .unwrap();
        let case = moderation::report(
            &t.db,
            &origin(now),
            None,
            &report_form(s.offer.id, "lea@exemple.fr", ReportReason::Scam),
        )
        .await
        .unwrap();
        moderation::decide(
            &t.db,
            &s.admin,
            case,
            &decision(Measure::SuspendAccount),
            now,
        )
        .await
        .unwrap();
        assert!(
            domain::auth::sessions::resolve(&t.db, &secret, now)
                .await
                .unwrap()
                .is_none(),
            "{}",
            t.backend
        );
        let reporter = candidate_user(&t.db, "zoe@exemple.fr").await;
        assert!(matches!(
            moderation::queue(&t.db, &reporter, ModerationStatus::Open).await,
            Err(DomainError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn an_offer_published_within_a_day_of_a_refused_wording_is_put_before_the_team() {
    for t in test_databases().await {
        let s = scene(&t).await;
        let places = domain::places::Directory::load(&t.db).await.unwrap();
        let search = SearchIndex::in_memory().unwrap();
        let now = Utc::now();
        domain::postings::create_and_publish(
            &t.db,
            &search,
            &places,
            &s.paul,
            &posting_form("Carrossier H/F"),
            now,
        )
        .await
        .unwrap();
        assert!(
            moderation::queue(&t.db, &s.admin, ModerationStatus::Open)
                .await
                .unwrap()
                .is_empty(),
            "{}",
            t.backend
        );

        let mut unlawful = posting_form("Mécanicien H/F");
        unlawful.description =
            "Nous cherchons un jeune mécanicien motivé pour notre atelier de six personnes.".into();
        let refused =
            domain::postings::create_and_publish(&t.db, &search, &places, &s.paul, &unlawful, now)
                .await;
        assert!(matches!(refused, Err(DomainError::Invalid(_))));
        let reworded = domain::postings::create_and_publish(
            &t.db,
            &search,
            &places,
            &s.paul,
            &posting_form("Mécanicien H/F"),
            now + Duration::hours(1),
        )
        .await
        .unwrap();
        let queue = moderation::queue(&t.db, &s.admin, ModerationStatus::Open)
            .await
            .unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!(
            (queue[0].target_id, queue[0].origin),
            (reworded, CaseOrigin::Automatic)
        );
        assert!(queue[0].signal.contains("refus du contrôle"));
        let later = domain::postings::create_and_publish(
            &t.db,
            &search,
            &places,
            &s.paul,
            &posting_form("Électricien H/F"),
            now + Duration::hours(30),
        )
        .await
        .unwrap();
        let queue = moderation::queue(&t.db, &s.admin, ModerationStatus::Open)
            .await
            .unwrap();
        assert!(
            queue.iter().all(|c| c.target_id != later),
            "a day later, no signal"
        );
    }
}
