//! Job alerts (C7) on every test database, with the clock moved by hand:
//! what a run sends and when, never an offer twice to one person, never an
//! empty email, the caps, paused and deleted alerts, periods sent once, the
//! one-click unsubscribe.

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::alerts::{self, Change, run};
use domain::entity::outbox;
use domain::model::{AlertFrequency, CurrentUser, OfferQuery, OfferStatus};
use domain::places::Directory;
use domain::testing::{
    TestDb, insert_company, insert_offer, insert_places, outbox, test_databases,
};
use sea_orm::ActiveValue::Set;

const SITE: &str = "https://jobtomove.test";

async fn candidate(db: &TestDb, email: &str) -> CurrentUser {
    domain::testing::candidate_user(&db.db, email).await
}

/// An alert of `user` on the keywords `q`, created an hour ago.
async fn follow(
    db: &TestDb,
    user: &CurrentUser,
    q: &str,
    name: Option<&str>,
    frequency: AlertFrequency,
) -> i64 {
    let created = Utc::now() - Duration::hours(1);
    alerts::create(&db.db, user, &search(&[("q", q)]), name, frequency, created)
        .await
        .unwrap()
}

/// Tomorrow at `hour` UTC (Paris is an hour or two ahead: after 7:00 there).
fn tomorrow_at(hour: u32) -> DateTime<Utc> {
    let day = (Utc::now() + Duration::days(1)).date_naive();
    Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
}

/// An offer published `minutes_ago` (before the real now).
async fn published(
    db: &TestDb,
    company: &domain::entity::company::Model,
    title: &str,
    minutes_ago: i64,
) -> domain::entity::offer::Model {
    let at = Utc::now() - Duration::minutes(minutes_ago);
    insert_offer(&db.db, company, title, 0, |o| {
        o.published_at = Set(Some(at));
        o.created_at = Set(at);
    })
    .await
}

async fn alert_emails(db: &TestDb) -> Vec<outbox::Model> {
    outbox(&db.db)
        .await
        .into_iter()
        .filter(|m| m.list_unsubscribe.is_some())
        .collect()
}

async fn run_at(db: &TestDb, now: DateTime<Utc>) -> run::Report {
    let places = Directory::load(&db.db).await.unwrap();
    run::run_due(&db.db, &places, SITE, "test", now, run::Instant::PerPeriod)
        .await
        .unwrap()
}

fn search(pairs: &[(&str, &str)]) -> OfferQuery {
    OfferQuery::from_pairs(pairs.iter().copied())
}

#[tokio::test]
async fn a_daily_alert_emails_the_new_matching_offers_once_and_nothing_when_there_is_nothing() {
    for db in test_databases().await {
        let b = db.backend;
        insert_places(&db.db).await;
        let zoe = candidate(&db, "zoe@exemple.fr").await;
        let garage = insert_company(&db.db, "Garage du Centre").await;
        follow(&db, &zoe, "mécanicien", None, AlertFrequency::Daily).await;
        let wanted = published(&db, &garage, "Mécanicien automobile H/F", 30).await;
        published(&db, &garage, "Vendeur automobile H/F", 20).await;
        let old = published(&db, &garage, "Mécanicien poids lourds H/F", 120).await;

        let report = run_at(&db, tomorrow_at(10)).await;
        assert_eq!(report.emails, 1, "[{b}] {report}");
        let emails = alert_emails(&db).await;
        assert_eq!(emails.len(), 1);
        let email = &emails[0];
        assert_eq!(email.to_address, "zoe@exemple.fr");
        assert_eq!(email.subject, "1 nouvelle offre pour « mécanicien »");
        assert!(
            email.text_body.contains("Mécanicien automobile H/F"),
            "[{b}]"
        );
        assert!(
            email
                .text_body
                .contains(&format!("{SITE}/offres/{}-{}", wanted.slug, wanted.id))
        );
        assert!(
            !email.text_body.contains("Vendeur"),
            "[{b}] the search decides"
        );
        assert!(
            !email.text_body.contains(&old.title),
            "[{b}] published before the alert"
        );
        assert!(email.html_body.contains("Gérer mes alertes"));
        let unsubscribe = email.list_unsubscribe.as_deref().unwrap();
        assert!(unsubscribe.starts_with(&format!("{SITE}/alertes/desabonnement/")));

        // The same day again: the period is sent.
        assert_eq!(
            run_at(&db, tomorrow_at(15))
                .await
                .periods
                .iter()
                .filter(|p| p.starts_with("quotidienne"))
                .count(),
            0
        );
        // The next day, nothing new: no email.
        let next = run_at(&db, tomorrow_at(10) + Duration::days(1)).await;
        assert_eq!(next.emails, 0, "[{b}] never an empty email: {next}");
        assert_eq!(alert_emails(&db).await.len(), 1);
    }
}

#[tokio::test]
async fn overlapping_alerts_never_send_the_same_offer_twice_and_the_email_names_each_alert() {
    for db in test_databases().await {
        let b = db.backend;
        insert_places(&db.db).await;
        let zoe = candidate(&db, "zoe@exemple.fr").await;
        let garage = insert_company(&db.db, "Garage du Centre").await;
        follow(&db, &zoe, "mécanicien", None, AlertFrequency::Daily).await;
        follow(
            &db,
            &zoe,
            "automobile",
            Some("Tout l'auto"),
            AlertFrequency::Daily,
        )
        .await;
        published(&db, &garage, "Mécanicien automobile H/F", 30).await;
        published(&db, &garage, "Vendeur automobile H/F", 20).await;
        run_at(&db, tomorrow_at(10)).await;
        let emails = alert_emails(&db).await;
        assert_eq!(emails.len(), 1, "[{b}] one email per person and run");
        let text = &emails[0].text_body;
        assert_eq!(
            text.matches("Mécanicien automobile H/F").count(),
            1,
            "[{b}] {text}"
        );
        assert!(text.contains("Alerte « Tout l'auto »"));

        // A weekly alert matching the same offer later: still not sent again.
        follow(&db, &zoe, "vendeur", None, AlertFrequency::Weekly).await;
        run_at(&db, tomorrow_at(10) + Duration::days(7)).await;
        assert_eq!(
            alert_emails(&db).await.len(),
            1,
            "[{b}] the ledger holds across alerts"
        );
    }
}

#[tokio::test]
async fn closed_offers_paused_and_deleted_alerts_send_nothing() {
    for db in test_databases().await {
        let b = db.backend;
        insert_places(&db.db).await;
        let zoe = candidate(&db, "zoe@exemple.fr").await;
        let leo = candidate(&db, "leo@exemple.fr").await;
        let garage = insert_company(&db.db, "Garage du Centre").await;
        let created = Utc::now() - Duration::hours(1);
        let paused = follow(&db, &zoe, "mécanicien", None, AlertFrequency::Daily).await;
        alerts::change(&db.db, &zoe, paused, Change::Pause, created)
            .await
            .unwrap();
        let deleted = follow(&db, &leo, "mécanicien", None, AlertFrequency::Daily).await;
        alerts::delete(&db.db, &leo, deleted).await.unwrap();
        let other = candidate(&db, "max@exemple.fr").await;
        follow(&db, &other, "carrossier", None, AlertFrequency::Daily).await;
        let at = Utc::now() - Duration::minutes(30);
        insert_offer(&db.db, &garage, "Mécanicien automobile H/F", 0, |o| {
            o.published_at = Set(Some(at))
        })
        .await;
        insert_offer(&db.db, &garage, "Carrossier H/F", 0, |o| {
            o.published_at = Set(Some(at));
            o.status = Set(OfferStatus::Filled);
        })
        .await;
        let report = run_at(&db, tomorrow_at(10)).await;
        assert_eq!(report.emails, 0, "[{b}] {report}");
        // Another candidate cannot touch Zoé's alert.
        assert_eq!(
            alerts::change(&db.db, &other, paused, Change::Resume, created).await,
            Err(domain::DomainError::NotFound)
        );
    }
}

#[tokio::test]
async fn an_email_holds_ten_offers_at_most_two_per_company_and_links_to_the_others() {
    for db in test_databases().await {
        let b = db.backend;
        insert_places(&db.db).await;
        let zoe = candidate(&db, "zoe@exemple.fr").await;
        follow(&db, &zoe, "mécanicien", None, AlertFrequency::Daily).await;
        for c in 0..7 {
            let company = insert_company(&db.db, &format!("Garage {c}")).await;
            for o in 0..3 {
                published(
                    &db,
                    &company,
                    &format!("Mécanicien {c}-{o} H/F"),
                    (c * 3 + o + 1) as i64,
                )
                .await;
            }
        }
        run_at(&db, tomorrow_at(10)).await;
        let email = alert_emails(&db).await.remove(0);
        let listed = email.text_body.matches("Mécanicien ").count();
        assert_eq!(listed, 10, "[{b}] {}", email.text_body);
        for c in 0..7 {
            assert!(
                email.text_body.matches(&format!("Mécanicien {c}-")).count() <= 2,
                "[{b}] two per company"
            );
        }
        assert!(
            email.text_body.contains("Mécanicien 0-0 H/F"),
            "[{b}] newest first"
        );
        assert!(
            email.text_body.contains("Voir les 11 autres offres"),
            "[{b}] {}",
            email.text_body
        );
        assert_eq!(email.subject, "21 nouvelles offres pour « mécanicien »");
    }
}

#[tokio::test]
async fn two_instances_running_at_once_send_a_period_once() {
    for db in test_databases().await {
        let b = db.backend;
        insert_places(&db.db).await;
        let zoe = candidate(&db, "zoe@exemple.fr").await;
        let garage = insert_company(&db.db, "Garage du Centre").await;
        alerts::create(
            &db.db,
            &zoe,
            &search(&[("q", "mécanicien")]),
            None,
            AlertFrequency::Instant,
            Utc::now() - Duration::hours(1),
        )
        .await
        .unwrap();
        published(&db, &garage, "Mécanicien automobile H/F", 5).await;
        let places = Directory::load(&db.db).await.unwrap();
        let now = Utc::now();
        let (a, c) = tokio::join!(
            run::run_due(&db.db, &places, SITE, "one", now, run::Instant::PerPeriod),
            run::run_due(&db.db, &places, SITE, "two", now, run::Instant::PerPeriod)
        );
        assert_eq!(
            a.unwrap().emails + c.unwrap().emails,
            1,
            "[{b}] the period is claimed once"
        );
        assert_eq!(alert_emails(&db).await.len(), 1);
        // Two runs by hand at once (no period claim): the ledger decides.
        published(&db, &garage, "Mécanicien poids lourds H/F", 1).await;
        let now = Utc::now();
        let (a, c) = tokio::join!(
            run::run_due(&db.db, &places, SITE, "one", now, run::Instant::Now),
            run::run_due(&db.db, &places, SITE, "two", now, run::Instant::Now)
        );
        assert_eq!(
            a.unwrap().emails + c.unwrap().emails,
            1,
            "[{b}] one email for the new offer"
        );
        let emails = alert_emails(&db).await;
        assert_eq!(emails.len(), 2);
        assert!(
            !emails[1].text_body.contains("Mécanicien automobile H/F"),
            "[{b}] never twice"
        );
    }
}

#[tokio::test]
async fn the_unsubscribe_link_stops_its_alert_only_and_tells_nothing_to_a_guesser() {
    for db in test_databases().await {
        let b = db.backend;
        insert_places(&db.db).await;
        let zoe = candidate(&db, "zoe@exemple.fr").await;
        let garage = insert_company(&db.db, "Garage du Centre").await;
        follow(&db, &zoe, "mécanicien", None, AlertFrequency::Daily).await;
        follow(&db, &zoe, "vendeur", None, AlertFrequency::Daily).await;
        published(&db, &garage, "Mécanicien automobile H/F", 30).await;
        run_at(&db, tomorrow_at(10)).await;
        let link = alert_emails(&db).await.remove(0).list_unsubscribe.unwrap();
        let token = link.rsplit('/').next().unwrap();
        assert!(
            alerts::unsubscribe(&db.db, "nimporte-quoi", Utc::now())
                .await
                .is_ok()
        );
        alerts::unsubscribe(&db.db, token, Utc::now())
            .await
            .unwrap();
        alerts::unsubscribe(&db.db, token, Utc::now())
            .await
            .unwrap();
        let mine = alerts::list(&db.db, &zoe).await.unwrap();
        let paused: Vec<&str> = mine
            .iter()
            .filter(|a| a.paused)
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(paused, ["mécanicien"], "[{b}] only the alert of the email");
    }
}

#[tokio::test]
async fn an_account_keeps_twenty_alerts_at_most_and_one_per_search() {
    let db = TestDb::sqlite().await;
    let zoe = candidate(&db, "zoe@exemple.fr").await;
    let now = Utc::now();
    let same = search(&[("q", "mécanicien"), ("page", "2")]);
    alerts::create(&db.db, &zoe, &same, None, AlertFrequency::Daily, now)
        .await
        .unwrap();
    let again = alerts::create(
        &db.db,
        &zoe,
        &search(&[("q", "mécanicien")]),
        None,
        AlertFrequency::Weekly,
        now,
    )
    .await;
    assert!(
        matches!(again, Err(domain::DomainError::Conflict(_))),
        "{again:?}"
    );
    for i in 1..20 {
        alerts::create(
            &db.db,
            &zoe,
            &search(&[("q", &format!("métier {i}"))]),
            None,
            AlertFrequency::Daily,
            now,
        )
        .await
        .unwrap();
    }
    let past = alerts::create(
        &db.db,
        &zoe,
        &search(&[("q", "carrossier")]),
        None,
        AlertFrequency::Daily,
        now,
    )
    .await;
    assert!(
        matches!(past, Err(domain::DomainError::Invalid(_))),
        "{past:?}"
    );
}

#[test]
fn each_frequency_has_its_period() {
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    // Tuesday 1 December 2026, 06:30 Paris (05:30 UTC): still Monday's day.
    assert_eq!(
        run::period(AlertFrequency::Daily, at("2026-12-01T05:30:00Z")),
        "quotidienne:2026-11-30"
    );
    assert_eq!(
        run::period(AlertFrequency::Daily, at("2026-12-01T06:00:00Z")),
        "quotidienne:2026-12-01"
    );
    // The week starts on Monday at 7:00 Paris.
    assert_eq!(
        run::period(AlertFrequency::Weekly, at("2026-11-30T05:59:00Z")),
        "hebdomadaire:2026-W48"
    );
    assert_eq!(
        run::period(AlertFrequency::Weekly, at("2026-11-30T06:00:00Z")),
        "hebdomadaire:2026-W49"
    );
    assert_eq!(
        run::period(AlertFrequency::Instant, at("2026-12-01T17:47:12Z")),
        "immediate:2026-12-01T17:40"
    );
}

#[tokio::test]
async fn an_imported_offer_is_new_when_it_enters_the_catalogue_whatever_its_source_date() {
    for db in test_databases().await {
        let b = db.backend;
        insert_places(&db.db).await;
        let zoe = candidate(&db, "zoe@exemple.fr").await;
        let garage = insert_company(&db.db, "Garage du Centre").await;
        follow(&db, &zoe, "carrossier", None, AlertFrequency::Daily).await;
        // Created at France Travail three days ago, imported five minutes ago.
        let source_date = Utc::now() - Duration::days(3);
        insert_offer(&db.db, &garage, "Carrossier peintre H/F", 0, |o| {
            o.published_at = Set(Some(source_date));
            o.created_at = Set(Utc::now() - Duration::minutes(5));
        })
        .await;
        let report = run_at(&db, tomorrow_at(10)).await;
        assert_eq!(report.emails, 1, "[{b}] {report}");
    }
}
