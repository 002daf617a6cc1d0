//! Accounts (C1, C9, C10, R1), sessions, rate limits, outbox and leases, on
//! every database of the run.

use chrono::{Duration, Months, Utc};
use domain::accounts::encart::{self, ProfileForm};
use domain::accounts::{self, Membership, Organisation, SignUp};
use domain::auth::{rate_limit, sessions};
use domain::entity::{account_token, company, company_member, offer, outbox, session, user};
use domain::mail::{self, Sender, Transport};
use domain::model::{OfferStatus, Role};
use domain::places::Directory;
use domain::testing::{
    PASSWORD, field_error, insert_offer, insert_places, insert_user, origin, outbox,
    test_databases, token_in, verified_candidate,
};
use domain::{DomainError, schedule};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn sign_up_form(email: &str) -> SignUp {
    SignUp {
        email: email.into(),
        password: PASSWORD.into(),
        first_name: "Zoé".into(),
        last_name: "Martin".into(),
        accepts_terms: true,
    }
}

async fn account(db: &sea_orm::DatabaseConnection, email: &str) -> Option<user::Model> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_candidate_signs_up_confirms_the_address_from_the_email_then_logs_in() {
    for t in test_databases().await {
        let now = Utc::now();
        let o = origin(now);
        accounts::sign_up(&t.db, &o, &sign_up_form(" Zoe.Martin@Exemple.fr "), None)
            .await
            .unwrap();
        let created = account(&t.db, "zoe.martin@exemple.fr")
            .await
            .expect("stored lowercase");
        assert_eq!(created.role, Role::Candidate);
        assert!(created.email_verified_at.is_none());
        assert!(
            created
                .password_hash
                .as_deref()
                .unwrap()
                .starts_with("$argon2id$")
        );

        let refused = accounts::log_in(&t.db, &o, "zoe.martin@exemple.fr", PASSWORD).await;
        assert!(
            field_error(refused, "connexion").contains("pas encore confirmée"),
            "{}",
            t.backend
        );

        let mails = outbox(&t.db).await;
        assert_eq!(
            mails.len(),
            2,
            "the first link and the one sent again at log-in"
        );
        assert_eq!(mails[0].subject, "Confirmez votre adresse e-mail");
        assert!(mails[0].html_body.contains("Bonjour Zoé"));
        let first = token_in(&mails[0].text_body, "/verification");
        let again = token_in(&mails[1].text_body, "/verification");
        assert!(
            accounts::verify_address(&t.db, &first, now).await.is_err(),
            "a new link replaces the old one"
        );
        accounts::verify_address(&t.db, &again, now).await.unwrap();
        assert!(
            accounts::verify_address(&t.db, &again, now).await.is_err(),
            "a link serves once"
        );

        let (secret, user) = accounts::log_in(&t.db, &o, "ZOE.MARTIN@exemple.fr", PASSWORD)
            .await
            .unwrap();
        assert_eq!(user.first_name, "Zoé");
        let stored = session::Entity::find().one(&t.db).await.unwrap().unwrap();
        assert_ne!(
            stored.id_hash, secret,
            "only the hash of the session id is stored"
        );
        let resolved = sessions::resolve(&t.db, &secret, now)
            .await
            .unwrap()
            .expect("a valid session");
        assert_eq!(resolved.user.id, user.id);
        let (second, _) = accounts::log_in(&t.db, &o, "zoe.martin@exemple.fr", PASSWORD)
            .await
            .unwrap();
        assert_ne!(second, secret, "every log-in gets a new session id");
    }
}

#[tokio::test]
async fn signing_up_again_with_a_known_address_answers_the_same_and_tells_its_owner() {
    for t in test_databases().await {
        verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let before = outbox(&t.db).await.len();
        let answer = accounts::sign_up(
            &t.db,
            &origin(Utc::now()),
            &sign_up_form("zoe@exemple.fr"),
            None,
        )
        .await;
        assert!(
            answer.is_ok(),
            "{}: the same answer as a new address",
            t.backend
        );
        let mails = outbox(&t.db).await;
        assert_eq!(mails.len(), before + 1);
        assert_eq!(
            mails.last().unwrap().subject,
            "Vous avez déjà un compte JobToMove"
        );
        assert_eq!(user::Entity::find().count(&t.db).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn signing_up_with_a_known_address_does_the_same_password_work_as_with_a_new_one() {
    for t in test_databases().await {
        verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let o = origin(Utc::now());
        let (known, known_work) = domain::auth::password::counting_work(accounts::sign_up(
            &t.db,
            &o,
            &sign_up_form("zoe@exemple.fr"),
            None,
        ))
        .await;
        let (new, new_work) = domain::auth::password::counting_work(accounts::sign_up(
            &t.db,
            &o,
            &sign_up_form("lea@exemple.fr"),
            None,
        ))
        .await;
        assert_eq!(
            (known, new),
            (Ok(None), Ok(None)),
            "{}: the same answer",
            t.backend
        );
        assert_eq!(known_work, 1, "{}: one hash for a known address", t.backend);
        assert_eq!(known_work, new_work, "as many as for a new one");
    }
}

#[tokio::test]
async fn bad_sign_up_input_gets_a_french_message_next_to_each_field() {
    for t in test_databases().await {
        let o = origin(Utc::now());
        let bad = SignUp {
            email: "zoe@".into(),
            password: "court".into(),
            first_name: " ".into(),
            last_name: "M".repeat(101),
            accepts_terms: false,
        };
        let Err(DomainError::Invalid(errors)) = accounts::sign_up(&t.db, &o, &bad, None).await
        else {
            panic!("refused");
        };
        assert!(errors["email"].contains("n'est pas valide"));
        assert!(errors["mot_de_passe"].contains("au moins 12 caractères"));
        assert_eq!(errors["prenom"], "Indiquez votre prénom.");
        assert!(errors["nom"].contains("100 caractères"));
        assert!(errors["cgu"].contains("conditions générales"));

        for guessable in ["azertyuiop123", "zoe.martin2024", "motdepasse1234"] {
            let form = SignUp {
                password: guessable.into(),
                ..sign_up_form("zoe.martin@exemple.fr")
            };
            let message = field_error(
                accounts::sign_up(&t.db, &o, &form, None).await,
                "mot_de_passe",
            );
            assert!(
                message.contains("trop facile à deviner"),
                "{guessable}: {message}"
            );
        }
        assert_eq!(
            user::Entity::find().count(&t.db).await.unwrap(),
            0,
            "{}",
            t.backend
        );
    }
}

fn organisation(siret: &str) -> Organisation {
    Organisation {
        kind: "recruteur".into(),
        name: "Garage des Brotteaux".into(),
        siret: siret.into(),
        address: "12 rue Tête d'Or".into(),
        commune: "69003".into(),
        activity: "garage".into(),
    }
}

#[tokio::test]
async fn a_recruiter_creates_the_company_and_a_colleague_with_the_same_siret_joins_it() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let o = origin(Utc::now());
        let owner = accounts::sign_up(
            &t.db,
            &o,
            &sign_up_form("chef@garage.fr"),
            Some((&organisation("73282932000074"), &places)),
        )
        .await
        .unwrap();
        let Some(Membership::Owner(company_id)) = owner else {
            panic!("owner: {owner:?}")
        };
        let created = company::Entity::find_by_id(company_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(created.name, "Garage des Brotteaux");
        assert_eq!(
            created.place_insee.as_deref(),
            Some("69123"),
            "postal code 69003 is Lyon"
        );
        let directory = domain::companies::directory(
            &t.db,
            &places,
            &domain::model::CompanyQuery::from_pairs([("q", "brotteaux")]),
        )
        .await
        .unwrap();
        assert_eq!(
            directory.companies.len(),
            1,
            "{}: listed in the directory at once",
            t.backend
        );

        let colleague = SignUp {
            first_name: "Paul".into(),
            ..sign_up_form("paul@garage.fr")
        };
        let joined = accounts::sign_up(
            &t.db,
            &o,
            &colleague,
            Some((&organisation("732 829 320 00074"), &places)),
        )
        .await
        .unwrap();
        assert_eq!(joined, Some(Membership::Pending(company_id)));
        let paul = account(&t.db, "paul@garage.fr").await.unwrap();
        assert_eq!(paul.role, Role::Recruiter);
        let member = company_member::Entity::find_by_id(paul.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(!member.is_owner);
        assert_eq!(company::Entity::find().count(&t.db).await.unwrap(), 1);

        let mut bad = organisation("73282932000075");
        bad.commune = "Atlantide".into();
        bad.activity = "boulangerie".into();
        let Err(DomainError::Invalid(errors)) = accounts::sign_up(
            &t.db,
            &o,
            &sign_up_form("autre@garage.fr"),
            Some((&bad, &places)),
        )
        .await
        else {
            panic!("refused")
        };
        assert!(errors["siret"].contains("n'est pas valide"), "{errors:?}");
        assert!(errors["commune"].contains("Commune introuvable"));
        assert!(errors["activite"].contains("activité"));
    }
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer_and_attempts_are_limited() {
    for t in test_databases().await {
        verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let o = origin(Utc::now());
        let wrong = field_error(
            accounts::log_in(&t.db, &o, "zoe@exemple.fr", "pas le bon mot de passe").await,
            "connexion",
        );
        let unknown = field_error(
            accounts::log_in(&t.db, &o, "personne@exemple.fr", PASSWORD).await,
            "connexion",
        );
        assert_eq!(wrong, unknown);
        assert_eq!(wrong, "Adresse e-mail ou mot de passe incorrect.");

        for _ in 0..9 {
            let _ = accounts::log_in(&t.db, &o, "zoe@exemple.fr", "encore faux").await;
        }
        let suspended = field_error(
            accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD).await,
            "connexion",
        );
        assert!(
            suspended.contains("suspendue pendant 15 minutes"),
            "{}: after 10 wrong passwords even the right one waits: {suspended}",
            t.backend
        );
        let later = origin(Utc::now() + Duration::minutes(16));
        assert!(
            accounts::log_in(&t.db, &later, "zoe@exemple.fr", PASSWORD)
                .await
                .is_ok(),
            "the window has passed"
        );
    }
}

#[tokio::test]
async fn the_owner_of_a_suspended_log_in_unlocks_it_from_the_emailed_link() {
    for t in test_databases().await {
        verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let o = origin(Utc::now());
        for _ in 0..10 {
            let _ = accounts::log_in(&t.db, &o, "zoe@exemple.fr", "pas le bon").await;
            let _ = accounts::log_in(&t.db, &o, "personne@exemple.fr", "pas le bon").await;
        }
        let owner = field_error(
            accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD).await,
            "connexion",
        );
        let nobody = field_error(
            accounts::log_in(&t.db, &o, "personne@exemple.fr", PASSWORD).await,
            "connexion",
        );
        assert_eq!(
            owner, nobody,
            "{}: the same answer, account or not",
            t.backend
        );
        let sent = outbox(&t.db).await;
        let unlock: Vec<_> = sent
            .iter()
            .filter(|m| m.subject == "Connexion à votre compte suspendue")
            .collect();
        assert_eq!(unlock.len(), 1, "one email, to the owner only");
        assert_eq!(unlock[0].to_address, "zoe@exemple.fr");
        let token = token_in(&unlock[0].text_body, "/connexion/deverrouiller");

        accounts::unlock_log_in(&t.db, &token, o.now).await.unwrap();
        assert!(
            accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD)
                .await
                .is_ok(),
            "{}: the owner is in at once",
            t.backend
        );
        assert!(
            accounts::unlock_log_in(&t.db, &token, o.now).await.is_err(),
            "the link serves once"
        );
    }
}

#[tokio::test]
async fn a_reset_link_serves_once_within_an_hour_and_ends_every_session() {
    for t in test_databases().await {
        verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let now = Utc::now();
        let o = origin(now);
        let (secret, _) = accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD)
            .await
            .unwrap();
        let before = outbox(&t.db).await.len();
        accounts::request_password_reset(&t.db, &o, "personne@exemple.fr")
            .await
            .unwrap();
        assert_eq!(
            outbox(&t.db).await.len(),
            before,
            "nothing sent for an unknown address, same answer"
        );

        accounts::request_password_reset(&t.db, &o, "Zoe@exemple.fr")
            .await
            .unwrap();
        let mail = outbox(&t.db).await.pop().unwrap();
        assert_eq!(mail.subject, "Choisissez un nouveau mot de passe");
        let token = token_in(&mail.text_body, "/mot-de-passe/nouveau");
        let stored = account_token::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(stored.hash, token, "only the token's hash is stored");
        assert_eq!(stored.expires_at - stored.created_at, Duration::hours(1));

        let late = origin(now + Duration::minutes(61));
        assert!(
            accounts::reset_password(&t.db, &late, &token, "un tout nouveau mot de passe")
                .await
                .is_err()
        );
        let weak = accounts::reset_password(&t.db, &o, &token, "zoe123").await;
        assert!(field_error(weak, "mot_de_passe").contains("au moins 12"));
        accounts::reset_password(&t.db, &o, &token, "un tout nouveau mot de passe")
            .await
            .unwrap();
        assert!(
            accounts::reset_password(&t.db, &o, &token, "encore un autre mot de passe")
                .await
                .is_err(),
            "single use"
        );

        assert!(
            sessions::resolve(&t.db, &secret, now)
                .await
                .unwrap()
                .is_none(),
            "{}: sessions ended",
            t.backend
        );
        assert_eq!(
            outbox(&t.db).await.pop().unwrap().subject,
            "Votre mot de passe a été modifié"
        );
        assert!(
            accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD)
                .await
                .is_err()
        );
        assert!(
            accounts::log_in(&t.db, &o, "zoe@exemple.fr", "un tout nouveau mot de passe")
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_every_session_but_renews_this_one() {
    for t in test_databases().await {
        let id = verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let now = Utc::now();
        let o = origin(now);
        let (here, _) = accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD)
            .await
            .unwrap();
        let (elsewhere, _) = accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD)
            .await
            .unwrap();

        let wrong =
            accounts::change_password(&t.db, &o, id, "faux", "un tout nouveau mot de passe").await;
        assert_eq!(
            field_error(wrong, "mot_de_passe_actuel"),
            "Mot de passe incorrect."
        );
        let renewed =
            accounts::change_password(&t.db, &o, id, PASSWORD, "un tout nouveau mot de passe")
                .await
                .unwrap();
        assert_ne!(renewed, here, "{}: a new session id", t.backend);
        assert!(
            sessions::resolve(&t.db, &renewed, now)
                .await
                .unwrap()
                .is_some(),
            "{}: the person who changed it stays signed in",
            t.backend
        );
        for (old, which) in [(&here, "this one"), (&elsewhere, "the other one")] {
            assert!(
                sessions::resolve(&t.db, old, now).await.unwrap().is_none(),
                "{}: the old id of {which} ends",
                t.backend
            );
        }
        assert_eq!(
            outbox(&t.db).await.pop().unwrap().subject,
            "Votre mot de passe a été modifié"
        );
    }
}

#[tokio::test]
async fn a_reset_link_asked_before_a_password_change_no_longer_works() {
    for t in test_databases().await {
        let id = verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let o = origin(Utc::now());
        accounts::request_password_reset(&t.db, &o, "zoe@exemple.fr")
            .await
            .unwrap();
        let link = token_in(
            &outbox(&t.db).await.pop().unwrap().text_body,
            "/mot-de-passe/nouveau",
        );
        accounts::change_password(&t.db, &o, id, PASSWORD, "un tout nouveau mot de passe")
            .await
            .unwrap();
        assert!(
            !accounts::reset_token_is_valid(&t.db, &link, o.now)
                .await
                .unwrap(),
            "{}: the link sent before the change is dead",
            t.backend
        );
        let used = accounts::reset_password(&t.db, &o, &link, "encore un autre mot de passe").await;
        assert!(matches!(used, Err(DomainError::Invalid(_))), "{used:?}");
    }
}

#[tokio::test]
async fn a_reset_link_sent_to_the_old_address_no_longer_works_once_the_address_changed() {
    for t in test_databases().await {
        let id = verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let o = origin(Utc::now());
        accounts::request_password_reset(&t.db, &o, "zoe@exemple.fr")
            .await
            .unwrap();
        let reset = token_in(
            &outbox(&t.db).await.pop().unwrap().text_body,
            "/mot-de-passe/nouveau",
        );
        accounts::request_email_change(&t.db, &o, id, "zoe.martin@exemple.fr", PASSWORD)
            .await
            .unwrap();
        let confirm = outbox(&t.db)
            .await
            .into_iter()
            .find(|m| m.to_address == "zoe.martin@exemple.fr")
            .unwrap();
        let confirm = token_in(&confirm.text_body, "/email/confirmer");
        accounts::confirm_email_change(&t.db, &confirm, o.now)
            .await
            .unwrap();
        assert!(
            !accounts::reset_token_is_valid(&t.db, &reset, o.now)
                .await
                .unwrap(),
            "{}: the old mailbox's link is dead",
            t.backend
        );
    }
}

#[tokio::test]
async fn a_new_address_is_used_once_confirmed_from_its_link_and_the_old_one_is_told() {
    for t in test_databases().await {
        let id = verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        verified_candidate(&t.db, "pris@exemple.fr", "Paul").await;
        let now = Utc::now();
        let o = origin(now);
        let taken =
            accounts::request_email_change(&t.db, &o, id, "pris@exemple.fr", PASSWORD).await;
        assert!(field_error(taken, "nouvel_email").contains("déjà utilisée"));
        let wrong = accounts::request_email_change(&t.db, &o, id, "zoe@nouveau.fr", "faux").await;
        assert_eq!(
            field_error(wrong, "mot_de_passe_email"),
            "Mot de passe incorrect."
        );

        accounts::request_email_change(&t.db, &o, id, "Zoe@Nouveau.fr", PASSWORD)
            .await
            .unwrap();
        let mails = outbox(&t.db).await;
        let to_new = mails
            .iter()
            .find(|m| m.to_address == "zoe@nouveau.fr")
            .expect("a link to the new address");
        let to_old = mails
            .iter()
            .rev()
            .find(|m| m.to_address == "zoe@exemple.fr")
            .unwrap();
        assert_eq!(to_old.subject, "Changement d'adresse e-mail demandé");
        assert!(to_old.text_body.contains("zoe@nouveau.fr"));
        assert_eq!(
            account(&t.db, "zoe@exemple.fr").await.unwrap().id,
            id,
            "nothing changes before the link"
        );

        accounts::confirm_email_change(
            &t.db,
            &token_in(&to_new.text_body, "/email/confirmer"),
            now,
        )
        .await
        .unwrap();
        assert_eq!(
            account(&t.db, "zoe@nouveau.fr").await.unwrap().id,
            id,
            "{}",
            t.backend
        );
        assert!(
            accounts::log_in(&t.db, &o, "zoe@nouveau.fr", PASSWORD)
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn sessions_end_after_30_idle_minutes_or_12_hours_and_only_their_owner_ends_them() {
    for t in test_databases().await {
        let zoe = verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let paul = verified_candidate(&t.db, "paul@exemple.fr", "Paul").await;
        let start = Utc::now();
        let o = origin(start);
        let (secret, _) = accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD)
            .await
            .unwrap();
        // Active every 20 minutes for 11 hours: still valid; at 12 hours: over.
        let mut at = start;
        while at < start + Duration::hours(11) {
            at += Duration::minutes(20);
            assert!(
                sessions::resolve(&t.db, &secret, at)
                    .await
                    .unwrap()
                    .is_some(),
                "{} at {at}",
                t.backend
            );
        }
        assert!(
            sessions::resolve(&t.db, &secret, start + Duration::hours(12))
                .await
                .unwrap()
                .is_none()
        );

        let (idle, _) = accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD)
            .await
            .unwrap();
        assert!(
            sessions::resolve(&t.db, &idle, start + Duration::minutes(31))
                .await
                .unwrap()
                .is_none()
        );

        let (mine, _) = accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD)
            .await
            .unwrap();
        let (other, _) = accounts::log_in(&t.db, &o, "zoe@exemple.fr", PASSWORD)
            .await
            .unwrap();
        let mine_hash = domain::auth::secret_hash(&mine);
        let listed = sessions::list(&t.db, zoe, &mine_hash, start).await.unwrap();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed.iter().filter(|s| s.current).count(), 1);
        assert_eq!(listed[0].device, "Firefox sur Linux");
        let other_ref = listed
            .iter()
            .find(|s| !s.current)
            .unwrap()
            .reference
            .clone();
        assert_eq!(
            sessions::end_own(&t.db, paul, &other_ref).await,
            Err(DomainError::NotFound),
            "not Paul's session"
        );
        sessions::end_own(&t.db, zoe, &other_ref).await.unwrap();
        assert!(
            sessions::resolve(&t.db, &other, start)
                .await
                .unwrap()
                .is_none()
        );
        sessions::end(&t.db, &mine_hash).await.unwrap();
        assert!(
            sessions::resolve(&t.db, &mine, start)
                .await
                .unwrap()
                .is_none(),
            "log-out ends it"
        );
    }
}

#[tokio::test]
async fn deleting_an_account_needs_the_password_and_removes_everything_of_it() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let o = origin(Utc::now());
        accounts::sign_up(
            &t.db,
            &o,
            &sign_up_form("chef@garage.fr"),
            Some((&organisation("73282932000074"), &places)),
        )
        .await
        .unwrap();
        let chef_mail = outbox(&t.db).await.pop().unwrap();
        accounts::verify_address(
            &t.db,
            &token_in(&chef_mail.text_body, "/verification"),
            o.now,
        )
        .await
        .unwrap();
        let colleague = SignUp {
            first_name: "Paul".into(),
            ..sign_up_form("paul@garage.fr")
        };
        accounts::sign_up(
            &t.db,
            &o,
            &colleague,
            Some((&organisation("73282932000074"), &places)),
        )
        .await
        .unwrap();
        let chef = account(&t.db, "chef@garage.fr").await.unwrap();
        let paul = account(&t.db, "paul@garage.fr").await.unwrap();
        domain::companies::decide_join(
            &t.db,
            &sessions::current_user(&chef),
            paul.id,
            true,
            "http://x",
            o.now,
        )
        .await
        .unwrap();
        let garage = company::Entity::find().one(&t.db).await.unwrap().unwrap();
        let open = insert_offer(&t.db, &garage, "Mécanicien H/F", 1, |o| {
            o.recruiter_id = Set(Some(chef.id))
        })
        .await;
        accounts::log_in(&t.db, &o, "chef@garage.fr", PASSWORD)
            .await
            .unwrap();

        let export = accounts::export(&t.db, chef.id).await.unwrap();
        assert_eq!(export["compte"]["email"], "chef@garage.fr");
        assert_eq!(export["entreprise"]["proprietaire"], true);
        assert_eq!(export["offres_publiees"][0]["titre"], "Mécanicien H/F");
        assert_eq!(export["sessions"].as_array().unwrap().len(), 1);

        let wrong = accounts::delete_account(
            &t.db,
            &domain::search::SearchIndex::in_memory().unwrap(),
            &o,
            chef.id,
            "faux",
        )
        .await;
        assert_eq!(
            field_error(wrong, "mot_de_passe_suppression"),
            "Mot de passe incorrect."
        );
        let unpublished = accounts::delete_account(
            &t.db,
            &domain::search::SearchIndex::in_memory().unwrap(),
            &o,
            chef.id,
            PASSWORD,
        )
        .await
        .unwrap();
        assert_eq!(unpublished, vec![open.id]);
        assert!(
            account(&t.db, "chef@garage.fr").await.is_none(),
            "{}",
            t.backend
        );
        assert_eq!(session::Entity::find().count(&t.db).await.unwrap(), 0);
        assert_eq!(
            account_token::Entity::find()
                .filter(account_token::Column::UserId.eq(chef.id))
                .count(&t.db)
                .await
                .unwrap(),
            0
        );
        let offer = offer::Entity::find_by_id(open.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(offer.status, OfferStatus::Unpublished);
        assert_eq!(offer.recruiter_id, None);
        let heir = company_member::Entity::find_by_id(paul.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            heir.is_owner,
            "the company passes to the remaining recruiter"
        );
        assert_eq!(
            outbox(&t.db).await.pop().unwrap().subject,
            "Votre compte JobToMove a été supprimé"
        );
    }
}

/// Makes account `id` last active `months` before `now`.
async fn last_active_months_ago(
    db: &sea_orm::DatabaseConnection,
    id: i64,
    months: u32,
    now: chrono::DateTime<Utc>,
) {
    user::Entity::update(user::ActiveModel {
        id: Set(id),
        last_active_at: Set(now.checked_sub_months(Months::new(months)).unwrap()),
        ..Default::default()
    })
    .exec(db)
    .await
    .unwrap();
}

#[tokio::test]
async fn accounts_inactive_for_23_months_are_warned_and_deleted_at_24() {
    for t in test_databases().await {
        let idle = verified_candidate(&t.db, "idle@exemple.fr", "Idle").await;
        let active = verified_candidate(&t.db, "active@exemple.fr", "Active").await;
        let now = Utc::now();
        last_active_months_ago(&t.db, idle, 23, now).await;
        last_active_months_ago(&t.db, active, 22, now).await;
        let (warned, deleted, _) = accounts::sweep_inactive(&t.db, "http://x", now)
            .await
            .unwrap();
        assert_eq!((warned, deleted), (1, 0), "{}", t.backend);
        let warning = outbox(&t.db).await.pop().unwrap();
        assert_eq!(warning.to_address, "idle@exemple.fr");
        assert_eq!(
            warning.subject,
            "Votre compte JobToMove sera supprimé dans un mois"
        );
        assert_eq!(
            accounts::sweep_inactive(&t.db, "http://x", now)
                .await
                .unwrap()
                .0,
            0,
            "warned once"
        );

        let month_later = now + Duration::days(31);
        let (_, deleted, _) = accounts::sweep_inactive(&t.db, "http://x", month_later)
            .await
            .unwrap();
        assert_eq!(deleted, 1);
        assert!(
            user::Entity::find_by_id(idle)
                .one(&t.db)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            user::Entity::find_by_id(active)
                .one(&t.db)
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(
            outbox(&t.db).await.pop().unwrap().subject,
            "Votre compte JobToMove a été supprimé"
        );
    }
}

#[tokio::test]
async fn activity_after_the_warning_keeps_the_account() {
    for t in test_databases().await {
        let id = verified_candidate(&t.db, "zoe@exemple.fr", "Zoé").await;
        let now = Utc::now();
        last_active_months_ago(&t.db, id, 23, now).await;
        accounts::sweep_inactive(&t.db, "http://x", now)
            .await
            .unwrap();
        accounts::log_in(&t.db, &origin(now), "zoe@exemple.fr", PASSWORD)
            .await
            .unwrap();
        let (_, deleted, _) = accounts::sweep_inactive(&t.db, "http://x", now + Duration::days(40))
            .await
            .unwrap();
        assert_eq!(deleted, 0, "{}", t.backend);
        let kept = user::Entity::find_by_id(id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(kept.inactivity_warned_at.is_none());
    }
}

/// The sender the outbox tests send as.
fn test_sender() -> Sender {
    Sender {
        from: "JobToMove <ne-pas-repondre@jobtomove.test>"
            .parse()
            .unwrap(),
        host: "jobtomove.test".into(),
    }
}

#[tokio::test]
async fn the_outbox_writes_each_message_once_and_retries_failures_later() {
    for t in test_databases().await {
        let now = Utc::now();
        for n in 0..3 {
            let email = domain::mail::templates::password_changed(
                &format!("p{n}@exemple.fr"),
                "Zoé",
                "http://x",
            );
            mail::enqueue(&t.db, email, now).await.unwrap();
        }
        let sender = test_sender();
        // A server that refuses connections: every message fails and waits.
        let down = Transport::from_config(Some("smtp://127.0.0.1:9"), "unused".into()).unwrap();
        assert_eq!(
            mail::deliver_due(&t.db, &down, &sender, now, 50)
                .await
                .unwrap(),
            0
        );
        let failed = outbox(&t.db).await;
        assert!(
            failed
                .iter()
                .all(|m| m.attempts == 1 && m.sent_at.is_none() && m.last_error.is_some())
        );
        let retry = now + Duration::minutes(2);
        assert!(
            failed
                .iter()
                .all(|m| (m.next_attempt_at - retry).num_milliseconds().abs() < 5),
            "{}: retried two minutes later",
            t.backend
        );
        let dir = tempfile::tempdir().unwrap();
        let files = Transport::from_config(None, dir.path().to_owned()).unwrap();
        assert_eq!(
            mail::deliver_due(&t.db, &files, &sender, now, 50)
                .await
                .unwrap(),
            0,
            "not due yet"
        );
        let later = now + Duration::minutes(3);
        assert_eq!(
            mail::deliver_due(&t.db, &files, &sender, later, 50)
                .await
                .unwrap(),
            3
        );
        assert_eq!(
            mail::deliver_due(&t.db, &files, &sender, later, 50)
                .await
                .unwrap(),
            0,
            "never twice"
        );
        let mut written: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        written.sort();
        assert_eq!(written.len(), 3);
        let eml = std::fs::read_to_string(&written[0]).unwrap();
        assert!(eml.contains("To: p0@exemple.fr"));
        assert!(eml.contains("multipart/alternative"));
        assert!(eml.contains("Message-ID: <outbox-"));
        assert_eq!(
            outbox::Entity::find()
                .filter(outbox::Column::SentAt.is_null())
                .count(&t.db)
                .await
                .unwrap(),
            0
        );
    }
}

#[tokio::test]
async fn the_sender_sees_a_message_due_only_until_it_is_sent_or_waits_for_its_retry() {
    for t in test_databases().await {
        let now = Utc::now();
        assert!(
            !mail::any_due(&t.db, now).await.unwrap(),
            "{}: an empty outbox has nothing due",
            t.backend
        );
        let email = domain::mail::templates::password_changed("p@exemple.fr", "Zoé", "http://x");
        mail::enqueue(&t.db, email, now).await.unwrap();
        assert!(mail::any_due(&t.db, now).await.unwrap(), "{}", t.backend);
        let sender = test_sender();
        let down = Transport::from_config(Some("smtp://127.0.0.1:9"), "unused".into()).unwrap();
        mail::deliver_due(&t.db, &down, &sender, now, 50)
            .await
            .unwrap();
        assert!(
            !mail::any_due(&t.db, now).await.unwrap(),
            "{}: a failed message waits for its retry",
            t.backend
        );
        let later = now + Duration::minutes(3);
        assert!(mail::any_due(&t.db, later).await.unwrap(), "{}", t.backend);
        let dir = tempfile::tempdir().unwrap();
        let files = Transport::from_config(None, dir.path().to_owned()).unwrap();
        mail::deliver_due(&t.db, &files, &sender, later, 50)
            .await
            .unwrap();
        assert!(
            !mail::any_due(&t.db, later + Duration::days(1))
                .await
                .unwrap(),
            "{}: a sent message is never due again",
            t.backend
        );
    }
}

#[tokio::test]
async fn an_operator_runs_a_job_now_unless_another_holds_it_and_sees_its_last_outcome() {
    for t in test_databases().await {
        let now = Utc::now();
        let (every, ttl) = (Duration::hours(1), Duration::minutes(10));
        assert!(
            schedule::claim(&t.db, "expiry", "instance-a", every, ttl, now)
                .await
                .unwrap()
        );
        assert!(
            !schedule::claim_now(&t.db, "expiry", "operator", ttl, now)
                .await
                .unwrap(),
            "{}: held by the instance running it",
            t.backend
        );
        schedule::release(&t.db, "expiry", "instance-a", "3 offres expirées", now)
            .await
            .unwrap();
        let later = now + Duration::minutes(1);
        assert!(
            schedule::claim_now(&t.db, "expiry", "operator", ttl, later)
                .await
                .unwrap(),
            "{}: run now though not due for an hour",
            t.backend
        );
        let lease = schedule::leases(&t.db).await.unwrap().remove(0);
        assert_eq!(lease.holder, "operator");
        assert_eq!(lease.last_outcome.as_deref(), Some("3 offres expirées"));
    }
}

#[tokio::test]
async fn a_scheduled_job_runs_once_per_period_whatever_the_number_of_instances() {
    for t in test_databases().await {
        let now = Utc::now();
        let every = Duration::minutes(5);
        let ttl = Duration::minutes(2);
        assert!(
            schedule::claim(&t.db, "outbox", "a", every, ttl, now)
                .await
                .unwrap()
        );
        assert!(
            !schedule::claim(&t.db, "outbox", "b", every, ttl, now)
                .await
                .unwrap(),
            "{}",
            t.backend
        );
        schedule::release(&t.db, "outbox", "a", "2 e-mails envoyés", now)
            .await
            .unwrap();
        assert!(
            !schedule::claim(&t.db, "outbox", "b", every, ttl, now + Duration::minutes(1))
                .await
                .unwrap(),
            "not due"
        );
        assert!(
            schedule::claim(&t.db, "outbox", "b", every, ttl, now + Duration::minutes(5))
                .await
                .unwrap()
        );
        assert!(
            schedule::claim(&t.db, "other-job", "a", every, ttl, now)
                .await
                .unwrap(),
            "jobs are independent"
        );
        // A holder that crashed: its claim lapses after the ttl.
        assert!(
            !schedule::claim(
                &t.db,
                "outbox",
                "a",
                Duration::zero(),
                ttl,
                now + Duration::minutes(6)
            )
            .await
            .unwrap()
        );
        assert!(
            schedule::claim(
                &t.db,
                "outbox",
                "a",
                Duration::zero(),
                ttl,
                now + Duration::minutes(8)
            )
            .await
            .unwrap()
        );
    }
}

#[tokio::test]
async fn rate_limits_count_per_subject_within_their_window() {
    for t in test_databases().await {
        let now = Utc::now();
        let limit = rate_limit::RESET_PER_ACCOUNT;
        for _ in 0..limit.max {
            rate_limit::hit(&t.db, limit, "a@exemple.fr", now)
                .await
                .unwrap();
        }
        assert_eq!(
            rate_limit::hit(&t.db, limit, "A@exemple.fr", now).await,
            Err(DomainError::RateLimited)
        );
        assert!(
            rate_limit::hit(&t.db, limit, "b@exemple.fr", now)
                .await
                .is_ok(),
            "{}",
            t.backend
        );
        assert!(
            rate_limit::hit(
                &t.db,
                limit,
                "a@exemple.fr",
                now + limit.window + Duration::seconds(1)
            )
            .await
            .is_ok()
        );
    }
}

/// A real SMTP server (aiosmtpd, from Debian's python3-aiosmtpd) writing
/// what it receives into a maildir; stopped when dropped.
struct SmtpServer {
    child: std::process::Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl SmtpServer {
    async fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let maildir = tempfile::tempdir().unwrap();
        for folder in ["tmp", "new", "cur"] {
            std::fs::create_dir(maildir.path().join(folder)).unwrap();
        }
        let child = std::process::Command::new("/usr/bin/python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(maildir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect(
                "aiosmtpd (apt-get install python3-aiosmtpd; scripts/bootstrap.sh installs it)",
            );
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Self {
            child,
            port,
            maildir,
        }
    }

    fn received(&self) -> Vec<String> {
        let new = self.maildir.path().join("new");
        std::fs::read_dir(new)
            .map(|entries| {
                entries
                    .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn emails_reach_a_real_smtp_server_once_even_when_the_sender_runs_again() {
    let smtp = SmtpServer::start().await;
    for t in test_databases().await {
        let now = Utc::now();
        let email = domain::mail::templates::reset_password(
            &format!("zoe-{}@exemple.fr", t.backend),
            "Zoé",
            "http://x/r?jeton=abc",
        );
        mail::enqueue(&t.db, email, now).await.unwrap();
        let sender = test_sender();
        let transport = Transport::from_config(
            Some(&format!("smtp://127.0.0.1:{}", smtp.port)),
            "unused".into(),
        )
        .unwrap();
        let sent = mail::deliver_due(&t.db, &transport, &sender, now, 50)
            .await
            .unwrap();
        assert_eq!(
            sent,
            1,
            "{}: {:?}",
            t.backend,
            outbox(&t.db).await.pop().and_then(|m| m.last_error)
        );
        assert_eq!(
            mail::deliver_due(&t.db, &transport, &sender, now, 50)
                .await
                .unwrap(),
            0,
            "a restarted sender sends nothing twice"
        );
        let received: Vec<String> = smtp
            .received()
            .into_iter()
            .filter(|m| m.contains(&format!("zoe-{}@exemple.fr", t.backend)))
            .collect();
        assert_eq!(received.len(), 1, "{}", t.backend);
        assert!(received[0].contains("Subject: Choisissez un nouveau mot de passe"));
        assert!(received[0].contains("text/html"));
        assert!(received[0].contains("From: JobToMove <ne-pas-repondre@jobtomove.test>"));
    }
}

#[tokio::test]
async fn the_profile_is_saved_and_bad_choices_are_refused_in_french() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let zoe = insert_user(&t.db, "zoe@exemple.fr", "Zoé", Role::Candidate).await;
        let recruiter = insert_user(&t.db, "rh@garage.fr", "Paul", Role::Recruiter).await;
        let now = Utc::now();
        assert!(
            encart::profile(&t.db, &places, &zoe)
                .await
                .unwrap()
                .is_empty()
        );
        let refused = encart::save_profile(
            &t.db,
            &places,
            &zoe,
            ProfileForm {
                status: "astronaute".into(),
                availability: "date".into(),
                diplomas: vec!["doctorat-secret".into()],
                places: vec!["Atlantide".into()],
                experience_years: "99".into(),
                ..Default::default()
            },
            now,
        )
        .await;
        assert!(field_error(refused.clone(), "statut").contains("Choisissez"));
        assert!(field_error(refused.clone(), "disponible_le").contains("date"));
        assert!(field_error(refused.clone(), "diplomes").contains("Choisissez"));
        assert!(field_error(refused.clone(), "lieu_1").contains("Commune introuvable"));
        assert!(field_error(refused, "experience").contains("entre 0 et 50"));

        encart::save_profile(
            &t.db,
            &places,
            &zoe,
            ProfileForm {
                status: "recherche".into(),
                availability: "date".into(),
                available_from: "2027-01-04".into(),
                licences: vec!["b".into(), "c".into()],
                experience_years: "4".into(),
                phone: "06 11 22 33 44".into(),
                ..Default::default()
            },
            now,
        )
        .await
        .unwrap();
        let saved = encart::profile(&t.db, &places, &zoe).await.unwrap();
        assert_eq!(saved.experience_years, Some(4));
        assert_eq!(saved.licences.len(), 2);
        assert_eq!(saved.available_from.unwrap().to_string(), "2027-01-04");
        assert_eq!(
            encart::save_profile(&t.db, &places, &recruiter, ProfileForm::default(), now).await,
            Err(DomainError::Forbidden)
        );
    }
}
