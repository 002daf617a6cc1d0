//! The administrators' space (A1–A4) on every test database: the second
//! factor (enrolment, replay, recovery codes, limits), the inbox's replies
//! and notes, groups, ownership transfers, merges, revocations, offers
//! handed over, and the audit log that records each of them and refuses to
//! be rewritten.

use chrono::{DateTime, Duration, Utc};
use domain::DomainError;
use domain::accounts;
use domain::admin::{audit, cases, companies, factor, groups};
use domain::auth::sessions;
use domain::entity::{audit_event, company, company_member, offer, session, user};
use domain::model::*;
use domain::testing::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn admin(db: &TestDb) -> CurrentUser {
    insert_user(&db.db, "ada@jobtomove.test", "Ada", Role::Administrator).await
}

/// A session of `user` and its stored hash.
async fn session_of(db: &TestDb, user: &CurrentUser) -> (String, String) {
    let secret = sessions::start(&db.db, user.id, "203.0.113.7", "test", Utc::now())
        .await
        .unwrap();
    let hash = domain::auth::secret_hash(&secret);
    (secret, hash)
}

fn code_at(secret: &str, at: DateTime<Utc>) -> String {
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap();
    totp.generate(at.timestamp() as u64).to_string()
}

async fn enrol(
    db: &TestDb,
    user: &CurrentUser,
    hash: &str,
    now: DateTime<Utc>,
) -> (String, Vec<String>) {
    let FactorStep::Enrol {
        secret,
        uri,
        qr_svg,
    } = factor::step(&db.db, user, false, now).await.unwrap()
    else {
        panic!("a new administrator enrols first");
    };
    assert!(uri.starts_with("otpauth://totp/") && uri.contains(&secret));
    assert!(qr_svg.starts_with("<svg"));
    let codes = factor::confirm(&db.db, user, hash, &code_at(&secret, now), now)
        .await
        .unwrap();
    (secret, codes)
}

async fn passed(db: &TestDb, hash: &str) -> bool {
    session::Entity::find_by_id(hash.to_owned())
        .one(&db.db)
        .await
        .unwrap()
        .unwrap()
        .second_factor_at
        .is_some()
}

async fn events(db: &TestDb, action: AuditAction) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .all(&db.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_administrator_enrols_totp_and_no_code_is_ever_accepted_twice() {
    for t in test_databases().await {
        let ada = admin(&t).await;
        let now = Utc::now();
        let (_, first) = session_of(&t, &ada).await;
        let (secret, codes) = enrol(&t, &ada, &first, now).await;
        assert_eq!(codes.len(), 10, "{}", t.backend);
        assert!(
            passed(&t, &first).await,
            "enrolment passes the session that confirmed it"
        );
        assert_eq!(
            factor::step(&t.db, &ada, false, now).await.unwrap(),
            FactorStep::Verify
        );

        // The next log-in: the enrolment's code cannot serve again.
        let (_, second) = session_of(&t, &ada).await;
        let replay = factor::verify(&t.db, &ada, &second, &code_at(&secret, now), now).await;
        assert!(
            matches!(replay, Err(DomainError::Invalid(_))),
            "{}: {replay:?}",
            t.backend
        );
        assert!(!passed(&t, &second).await);
        let later = now + Duration::seconds(30);
        factor::verify(&t.db, &ada, &second, &code_at(&secret, later), later)
            .await
            .unwrap();
        assert!(passed(&t, &second).await);
        let (_, third) = session_of(&t, &ada).await;
        assert!(
            factor::verify(&t.db, &ada, &third, &code_at(&secret, later), later)
                .await
                .is_err(),
            "replayed"
        );
        let right = code_at(&secret, later);
        let wrong = if right == "000000" {
            "111111"
        } else {
            "000000"
        };
        assert!(
            factor::verify(&t.db, &ada, &third, wrong, later)
                .await
                .is_err()
        );

        // A recovery code, typed loosely, works once.
        let typed = codes[0].to_lowercase().replace('-', " ");
        factor::verify(&t.db, &ada, &third, &typed, later)
            .await
            .unwrap();
        assert!(passed(&t, &third).await);
        let (_, fourth) = session_of(&t, &ada).await;
        assert!(
            factor::verify(&t.db, &ada, &fourth, &codes[0], later)
                .await
                .is_err(),
            "single use"
        );
        assert_eq!(factor::recovery_codes_left(&t.db, ada.id).await.unwrap(), 9);
        assert_eq!(events(&t, AuditAction::FactorEnrolled).await.len(), 1);
        assert_eq!(events(&t, AuditAction::RecoveryCodeUsed).await.len(), 1);
    }
}

#[tokio::test]
async fn wrong_codes_are_limited_to_five_per_quarter_hour() {
    for t in test_databases().await {
        let ada = admin(&t).await;
        let now = Utc::now();
        let (_, first) = session_of(&t, &ada).await;
        let (secret, _) = enrol(&t, &ada, &first, now).await;
        let (_, second) = session_of(&t, &ada).await;
        let later = now + Duration::seconds(60);
        let right = code_at(&secret, later);
        let wrong = if right == "000000" {
            "111111"
        } else {
            "000000"
        };
        for _ in 0..5 {
            assert!(
                factor::verify(&t.db, &ada, &second, wrong, later)
                    .await
                    .is_err()
            );
        }
        let limited = factor::verify(&t.db, &ada, &second, &right, later).await;
        assert!(
            matches!(limited, Err(DomainError::RateLimited)),
            "{}: {limited:?}",
            t.backend
        );
        assert!(!passed(&t, &second).await);
    }
}

#[tokio::test]
async fn only_administrators_reach_the_second_factor_and_the_services() {
    for t in test_databases().await {
        let zoe = candidate_user(&t.db, "zoe@exemple.fr").await;
        let now = Utc::now();
        assert!(matches!(
            factor::step(&t.db, &zoe, false, now).await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            cases::inbox(&t.db, &zoe, CaseStatus::New).await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            groups::list(&t.db, &zoe).await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            audit::journal(&t.db, &zoe, &JournalQuery::default()).await,
            Err(DomainError::Forbidden)
        ));
    }
}

#[tokio::test]
async fn a_reply_joins_the_thread_of_the_case_and_notes_stay_internal() {
    for t in test_databases().await {
        let ada = admin(&t).await;
        let now = Utc::now();
        let form = ContactForm {
            sujet: "groupe".into(),
            message: "Notre groupe Autodistribution Rhône n'existe pas sur le site.".into(),
            email: "julie@garage.fr".into(),
            ..ContactForm::default()
        };
        let case = domain::contact::submit(&t.db, &origin(now), None, &form)
            .await
            .unwrap()
            .unwrap();
        let site = "http://jobtomove.test";
        cases::add_note(
            &t.db,
            &ada,
            case,
            "Vérifier le Kbis avant de créer le groupe.",
            now,
        )
        .await
        .unwrap();
        assert_eq!(
            outbox(&t.db).await.len(),
            1,
            "{}: a note emails nobody",
            t.backend
        );
        cases::reply(
            &t.db,
            &ada,
            case,
            "Bonjour, pouvez-vous nous envoyer la liste des sites ?",
            site,
            now,
        )
        .await
        .unwrap();
        cases::reply(&t.db, &ada, case, "Le groupe est créé.", site, now)
            .await
            .unwrap();
        let mails = outbox(&t.db).await;
        let root = format!("<demande-{case}@jobtomove.test>");
        assert_eq!(mails[0].message_id.as_deref(), Some(root.as_str()));
        let first = &mails[1];
        assert_eq!(first.references.as_deref(), Some(root.as_str()));
        assert!(
            first.subject.starts_with(&format!("Re: [JTM-{case:05}]")),
            "{}",
            first.subject
        );
        let second = &mails[2];
        let refs = second.references.clone().unwrap();
        assert!(
            refs.starts_with(&root) && refs.ends_with(first.message_id.as_deref().unwrap()),
            "{refs}"
        );
        assert!(
            !mails.iter().any(|m| m.text_body.contains("Kbis")),
            "the note is never sent"
        );

        let detail = cases::case(&t.db, &ada, case).await.unwrap();
        assert_eq!(detail.summary.status, CaseStatus::Waiting);
        assert_eq!(detail.entries.len(), 4);
        assert_eq!(detail.entries[1].kind, CaseEntryKind::Note);
        cases::set_status(&t.db, &ada, case, CaseStatus::Done, now)
            .await
            .unwrap();
        cases::assign(&t.db, &ada, case, Some(ada.id), now)
            .await
            .unwrap();
        let logged = audit_event::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(logged.len(), 5, "note, two replies, status, assignment");
        assert!(
            logged
                .iter()
                .all(|e| !e.changes.contains("Kbis") && !e.changes.contains("liste des sites")),
            "no message text in the journal"
        );
    }
}

#[tokio::test]
async fn groups_are_created_renamed_and_companies_attached_and_detached() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let ada = admin(&t).await;
        let now = Utc::now();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let form = groups::GroupForm {
            nom: "Autodistribution Rhône".into(),
            ..Default::default()
        };
        let id = groups::create(&t.db, &ada, &form, now).await.unwrap();
        groups::attach(&t.db, &ada, id, garage.id, now)
            .await
            .unwrap();
        let page = domain::companies::group(&t.db, "autodistribution-rhone")
            .await
            .unwrap();
        assert_eq!(page.companies.len(), 1, "{}", t.backend);
        let renamed = groups::GroupForm {
            nom: "Autodistribution Lyon".into(),
            ..Default::default()
        };
        groups::update(&t.db, &ada, id, &renamed, now)
            .await
            .unwrap();
        assert!(
            domain::companies::group(&t.db, "autodistribution-lyon")
                .await
                .is_ok()
        );
        groups::detach(&t.db, &ada, garage.id, now).await.unwrap();
        let row = company::Entity::find_by_id(garage.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.group_id, None);
        let bad = groups::create(&t.db, &ada, &groups::GroupForm::default(), now).await;
        assert!(matches!(bad, Err(DomainError::Invalid(e)) if e.contains_key("nom")));
        assert_eq!(audit_event::Entity::find().count(&t.db).await.unwrap(), 4);
    }
}

#[tokio::test]
async fn an_ownership_transfer_leaves_exactly_one_owner_and_tells_both() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let ada = admin(&t).await;
        let now = Utc::now();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let julie = insert_recruiter(&t.db, "julie@garage.fr", &garage, false).await;
        let other = insert_company(&t.db, "Carrosserie Martin").await;
        let stranger = insert_recruiter(&t.db, "rh@carrosserie.fr", &other, true).await;

        let no_reason = companies::transfer_owner(&t.db, &ada, garage.id, julie.id, "", now).await;
        assert!(matches!(no_reason, Err(DomainError::Invalid(e)) if e.contains_key("motif")));
        let elsewhere =
            companies::transfer_owner(&t.db, &ada, garage.id, stranger.id, "Paul est parti", now)
                .await;
        assert!(
            matches!(elsewhere, Err(DomainError::Invalid(_))),
            "{}",
            t.backend
        );

        companies::transfer_owner(
            &t.db,
            &ada,
            garage.id,
            julie.id,
            "Paul a quitté le garage (demande JTM-00001)",
            now,
        )
        .await
        .unwrap();
        let owners: Vec<i64> = company_member::Entity::find()
            .filter(company_member::Column::CompanyId.eq(garage.id))
            .filter(company_member::Column::IsOwner.eq(true))
            .all(&t.db)
            .await
            .unwrap()
            .iter()
            .map(|m| m.user_id)
            .collect();
        assert_eq!(owners, vec![julie.id]);
        let mails = outbox(&t.db).await;
        assert!(mails.iter().any(|m| m.to_address == "julie@garage.fr"));
        assert!(mails.iter().any(|m| m.to_address == "paul@garage.fr"));
        let logged = events(&t, AuditAction::OwnerTransferred).await;
        assert_eq!(logged.len(), 1);
        assert!(logged[0].reason.contains("JTM-00001"));
        assert!(
            logged[0].changes.contains("paul@garage.fr")
                && logged[0].changes.contains("julie@garage.fr")
        );

        // A recruiter of no company, named in a case, becomes the owner.
        let orphan = insert_company(&t.db, "Garage sans propriétaire").await;
        let newcomer = insert_user(&t.db, "nouveau@garage.fr", "Léa", Role::Recruiter).await;
        companies::transfer_owner(
            &t.db,
            &ada,
            orphan.id,
            newcomer.id,
            "Propriétaire parti",
            now,
        )
        .await
        .unwrap();
        let member = company_member::Entity::find_by_id(newcomer.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(member.is_owner && member.is_active() && member.company_id == orphan.id);
        let _ = paul;
    }
}

#[tokio::test]
async fn detaching_or_deactivating_ends_the_sessions_at_once_and_never_takes_the_last_owner() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let ada = admin(&t).await;
        let now = Utc::now();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, true).await;
        let julie = insert_recruiter(&t.db, "julie@garage.fr", &garage, false).await;

        let owner = companies::detach_recruiter(&t.db, &ada, paul.id, "Parti", now).await;
        assert!(
            matches!(owner, Err(DomainError::Invalid(_))),
            "{}: {owner:?}",
            t.backend
        );
        let owner = companies::deactivate(&t.db, &ada, paul.id, "Parti de l'entreprise", now).await;
        assert!(matches!(owner, Err(DomainError::Invalid(_))));

        let (secret, _) = session_of(&t, &julie).await;
        companies::detach_recruiter(&t.db, &ada, julie.id, "A quitté le garage", now)
            .await
            .unwrap();
        assert!(
            sessions::resolve(&t.db, &secret, now)
                .await
                .unwrap()
                .is_none(),
            "sessions end at once"
        );
        assert!(
            company_member::Entity::find_by_id(julie.id)
                .one(&t.db)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            user::Entity::find_by_id(julie.id)
                .one(&t.db)
                .await
                .unwrap()
                .is_some(),
            "the account stays"
        );

        // A candidate who signed up with a password: deactivated, then back.
        verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let (session, zoe) = accounts::log_in(&t.db, &origin(now), "zoe@exemple.fr", PASSWORD)
            .await
            .unwrap();
        companies::deactivate(&t.db, &ada, zoe.id, "Annonces frauduleuses signalées", now)
            .await
            .unwrap();
        assert!(
            sessions::resolve(&t.db, &session, now)
                .await
                .unwrap()
                .is_none()
        );
        let refused = accounts::log_in(&t.db, &origin(now), "zoe@exemple.fr", PASSWORD).await;
        assert!(
            matches!(&refused, Err(DomainError::Invalid(e)) if e["connexion"].contains("désactivé")),
            "{refused:?}"
        );
        companies::reactivate(&t.db, &ada, zoe.id, "Erreur de signalement", now)
            .await
            .unwrap();
        assert!(
            accounts::log_in(&t.db, &origin(now), "zoe@exemple.fr", PASSWORD)
                .await
                .is_ok()
        );
        assert!(
            outbox(&t.db)
                .await
                .iter()
                .any(|m| m.to_address == "zoe@exemple.fr" && m.subject.contains("désactivé"))
        );
        assert_eq!(
            events(&t, AuditAction::RecruiterDetached).await.len(),
            2,
            "the account and the company"
        );
        assert_eq!(events(&t, AuditAction::AccountDeactivated).await.len(), 1);
        assert_eq!(events(&t, AuditAction::AccountReactivated).await.len(), 1);
    }
}

#[tokio::test]
async fn a_merged_page_gives_its_offers_and_recruiters_to_the_kept_one_and_redirects() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let ada = admin(&t).await;
        let now = Utc::now();
        let kept = insert_company(&t.db, "Garage du Centre").await;
        let duplicate = insert_company(&t.db, "Garage du Centre Lyon").await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &kept, true).await;
        let julie = insert_recruiter(&t.db, "julie@garage.fr", &duplicate, true).await;
        let moved = insert_offer(&t.db, &duplicate, "Carrossier H/F", 1, |_| {}).await;

        companies::merge(
            &t.db,
            &ada,
            duplicate.id,
            kept.id,
            "Doublon créé par Julie",
            now,
        )
        .await
        .unwrap();
        let offer_row = offer::Entity::find_by_id(moved.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(offer_row.company_id, Some(kept.id), "{}", t.backend);
        let julie_member = company_member::Entity::find_by_id(julie.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(julie_member.company_id, kept.id);
        assert!(!julie_member.is_owner, "the kept page keeps one owner");
        assert!(
            company_member::Entity::find_by_id(paul.id)
                .one(&t.db)
                .await
                .unwrap()
                .unwrap()
                .is_owner
        );
        assert!(
            company::Entity::find_by_id(duplicate.id)
                .one(&t.db)
                .await
                .unwrap()
                .is_none()
        );
        let page = domain::companies::detail(&t.db, duplicate.id)
            .await
            .unwrap();
        assert_eq!(page.id, kept.id, "the old address leads to the kept page");
        assert_eq!(events(&t, AuditAction::CompanyMerged).await.len(), 2);
        let itself = companies::merge(&t.db, &ada, kept.id, kept.id, "Doublon", now).await;
        assert!(matches!(itself, Err(DomainError::Invalid(_))));
    }
}

#[tokio::test]
async fn offers_handed_over_keep_their_applications_and_only_the_new_publisher_handles_them() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let ada = admin(&t).await;
        let now = Utc::now();
        let storage = domain::files::Storage::in_memory();
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let julie = insert_recruiter(&t.db, "julie@garage.fr", &garage, true).await;
        let paul = insert_recruiter(&t.db, "paul@garage.fr", &garage, false).await;
        let first = insert_offer(&t.db, &garage, "Mécanicien H/F", 1, |o| {
            o.recruiter_id = sea_orm::ActiveValue::Set(Some(paul.id))
        })
        .await;
        insert_offer(&t.db, &garage, "Carrossier H/F", 1, |o| {
            o.recruiter_id = sea_orm::ActiveValue::Set(Some(paul.id))
        })
        .await;
        domain::applications::apply_anonymously(
            &t.db,
            &storage,
            &origin(now),
            first.id,
            anonymous_application("lea@exemple.fr"),
        )
        .await
        .unwrap();
        assert_eq!(
            domain::applications::received(&t.db, &julie, None)
                .await
                .unwrap()
                .len(),
            0
        );

        let moved = companies::hand_over(
            &t.db,
            &ada,
            garage.id,
            paul.id,
            julie.id,
            "Paul quitte le garage",
            now,
        )
        .await
        .unwrap();
        assert_eq!(moved, 2, "{}", t.backend);
        assert_eq!(
            domain::applications::received(&t.db, &julie, None)
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            domain::applications::received(&t.db, &paul, None)
                .await
                .unwrap()
                .len(),
            0,
            "R8 follows"
        );
        let logged = events(&t, AuditAction::OffersHandedOver).await;
        assert_eq!(logged.len(), 2, "one event per offer");
        assert!(logged[0].batch_id.is_some() && logged[0].batch_id == logged[1].batch_id);
        let outsider = insert_company(&t.db, "Carrosserie Martin").await;
        let stranger = insert_recruiter(&t.db, "rh@carrosserie.fr", &outsider, true).await;
        let refused =
            companies::hand_over(&t.db, &ada, garage.id, julie.id, stranger.id, "Essai", now).await;
        assert!(matches!(refused, Err(DomainError::Invalid(_))));
    }
}

#[tokio::test]
async fn the_audit_log_cannot_be_updated_or_deleted() {
    for t in test_databases().await {
        let ada = admin(&t).await;
        let now = Utc::now();
        audit::record(
            &t.db,
            audit::Event::new(
                &ada,
                AuditAction::GroupCreated,
                audit::Target::group(1, "Groupe"),
                now,
            ),
        )
        .await
        .unwrap();
        let update =
            t.db.execute_unprepared("UPDATE audit_events SET reason = 'effacé'")
                .await;
        assert!(update.is_err(), "{}: an update is refused", t.backend);
        let delete = t.db.execute_unprepared("DELETE FROM audit_events").await;
        assert!(delete.is_err(), "{}: a delete is refused", t.backend);
        let rows = audit_event::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].reason, "");
        let journal = audit::journal(&t.db, &ada, &JournalQuery::default())
            .await
            .unwrap();
        assert_eq!(journal[0].actor, "Ada Martin");
    }
}

#[tokio::test]
async fn companies_are_found_by_a_piece_of_their_name_their_commune_whatever_the_case_or_their_number()
 {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let ada = admin(&t).await;
        let garage = insert_company(&t.db, "Garage du Centre").await;
        let names =
            |hits: Vec<AdminCompanyHit>| hits.into_iter().map(|h| h.name).collect::<Vec<_>>();
        assert_eq!(
            names(companies::search(&t.db, &ada, "centre").await.unwrap()),
            vec!["Garage du Centre"],
            "{}",
            t.backend
        );
        assert_eq!(
            names(companies::search(&t.db, &ada, "lyon").await.unwrap()),
            vec!["Garage du Centre"],
            "the commune, lower case"
        );
        assert_eq!(
            names(
                companies::search(&t.db, &ada, &garage.id.to_string())
                    .await
                    .unwrap()
            ),
            vec!["Garage du Centre"]
        );
        assert!(
            companies::search(&t.db, &ada, "carrosserie")
                .await
                .unwrap()
                .is_empty()
        );
    }
}
