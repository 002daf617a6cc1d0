//! Accounts (C1, C9, C10, R1): sign-up, address verification, log-in,
//! password reset and change, email change, deletion, export, inactivity.
//!
//! Every email is put in the outbox in the transaction of the change it
//! tells about. Answers never say whether an address has an account, except
//! to its signed-in owner.

pub mod encart;

use crate::DomainError;
use crate::auth::{password, random_secret, rate_limit, secret_hash, sessions};
use crate::entity::{account_token, company, company_member, offer, session, user};
use crate::error::FieldErrors;
use crate::mail::{self, templates};
use crate::model::{
    CompanyActivity, CurrentUser, OfferStatus, ProfileView, Role, Siret, check_name, fold_name,
    normalize_email, slugify,
};
use crate::places::{Directory, Location};
use chrono::{DateTime, Duration, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;

const VERIFY: &str = "verification";
const RESET: &str = "reinitialisation";
const EMAIL_CHANGE: &str = "changement_email";
const UNLOCK: &str = "deverrouillage";

/// How long an address-confirmation link stays valid.
const CONFIRM_VALID: Duration = Duration::hours(48);
/// How long a password-reset link stays valid.
const RESET_VALID: Duration = Duration::hours(1);

/// The part of a request the flows need: who asks from where, and when.
#[derive(Debug, Clone)]
pub struct Origin<'a> {
    /// The site's public URL, for the links in emails.
    pub site: &'a str,
    pub ip: &'a str,
    pub user_agent: &'a str,
    pub now: DateTime<Utc>,
}

/// A person signing up (C1, R1).
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    pub accepts_terms: bool,
}

/// The organisation of a recruiter or training organisation signing up (R1).
#[derive(Debug, Clone, Default)]
pub struct Organisation {
    /// "recruteur" or "organisme_formation".
    pub kind: String,
    pub name: String,
    pub siret: String,
    pub address: String,
    /// A commune: name, "Name (dep)", INSEE code or postal code.
    pub commune: String,
    /// A `CompanyActivity` code.
    pub activity: String,
}

/// What a recruiter's sign-up did with the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    /// A new company, owned by the new account.
    Owner(i64),
    /// An existing company with that SIRET, asked to join: the member waits
    /// for the owner's acceptance (and for the JobToMove team when the
    /// company has no owner).
    Pending(i64),
}

fn errors_or(errors: FieldErrors) -> Result<(), DomainError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Invalid(errors))
    }
}

fn field<T, E: ToString>(errors: &mut FieldErrors, name: &str, result: Result<T, E>) -> Option<T> {
    result
        .map_err(|e| errors.insert(name.to_owned(), e.to_string()))
        .ok()
}

/// C1 / R1: creates an unverified account and emails the confirmation link.
/// With an organisation, also creates its company (owner) or joins the
/// company that has its SIRET (member). An address that already has an
/// account gets an email saying so, and the answer is the same.
pub async fn sign_up(
    db: &DatabaseConnection,
    origin: &Origin<'_>,
    form: &SignUp,
    organisation: Option<(&Organisation, &Directory)>,
) -> Result<Option<Membership>, DomainError> {
    let mut errors = FieldErrors::new();
    let email = field(&mut errors, "email", normalize_email(&form.email));
    let first_name = field(
        &mut errors,
        "prenom",
        check_name(&form.first_name, "prénom"),
    );
    let last_name = field(&mut errors, "nom", check_name(&form.last_name, "nom"));
    let personal = [
        form.email.as_str(),
        form.first_name.as_str(),
        form.last_name.as_str(),
    ];
    field(
        &mut errors,
        "mot_de_passe",
        password::check_strength(&form.password, &personal),
    );
    if !form.accepts_terms {
        errors.insert(
            "cgu".into(),
            "Acceptez les conditions générales d'utilisation pour créer votre compte.".into(),
        );
    }
    let company = match organisation {
        Some((org, places)) => check_organisation(&mut errors, org, places),
        None => None,
    };
    errors_or(errors)?;
    let (Some(email), Some(first_name), Some(last_name)) = (email, first_name, last_name) else {
        return Err(DomainError::Internal);
    };
    rate_limit::hit(db, rate_limit::sign_up_per_ip(), origin.ip, origin.now).await?;
    // Hashed whether or not the address has an account: both answers take
    // the same time (the hash is most of it).
    let hash = password::hash(&form.password).await?;

    if let Some(existing) = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?
    {
        // Past the emails' limit nothing more is sent, and the answer stays
        // the same: a refusal here would say the account exists.
        if rate_limit::hit(db, rate_limit::EMAILS_PER_ACCOUNT, &email, origin.now)
            .await
            .is_ok()
        {
            let email = templates::already_registered(
                &existing.email,
                &existing.first_name,
                &format!("{}/connexion", origin.site),
                &format!("{}/mot-de-passe-oublie", origin.site),
            );
            mail::enqueue(db, email, origin.now).await?;
        }
        return Ok(None);
    }

    let role = company.as_ref().map_or(Role::Candidate, |c| c.role);
    let txn = crate::db::begin_write(db).await?;
    let created = user::Entity::insert(user::ActiveModel {
        id: NotSet,
        email: Set(email.clone()),
        password_hash: Set(Some(hash)),
        first_name: Set(first_name.clone()),
        last_name: Set(last_name),
        role: Set(role),
        email_verified_at: Set(None),
        created_at: Set(origin.now),
        last_active_at: Set(origin.now),
        inactivity_warned_at: Set(None),
        deactivated_at: Set(None),
        lawful_refused_at: Set(None),
    })
    .exec(&txn)
    .await?;
    let user_id = created.last_insert_id;
    let membership = match company {
        Some(new) => Some(join_or_create_company(&txn, user_id, new, origin).await?),
        None => None,
    };
    let token = issue_token(&txn, user_id, VERIFY, None, CONFIRM_VALID, origin.now).await?;
    let link = format!("{}/verification?jeton={token}", origin.site);
    mail::enqueue(
        &txn,
        templates::verify_address(&email, &first_name, &link),
        origin.now,
    )
    .await?;
    txn.commit().await?;
    Ok(membership)
}

/// A company to create or join, once checked.
struct NewCompany {
    role: Role,
    name: String,
    siret: Siret,
    address: String,
    insee: String,
    activity: CompanyActivity,
}

fn check_organisation(
    errors: &mut FieldErrors,
    org: &Organisation,
    places: &Directory,
) -> Option<NewCompany> {
    let role = match org.kind.as_str() {
        "recruteur" | "" => Some(Role::Recruiter),
        "organisme_formation" => Some(Role::TrainingOrganisation),
        _ => {
            errors.insert("type".into(), "Choisissez le type de structure.".into());
            None
        }
    };
    let name = org.name.trim();
    if name.is_empty() {
        errors.insert(
            "entreprise".into(),
            "Indiquez le nom de votre entreprise.".into(),
        );
    } else if name.chars().count() > 160 {
        errors.insert(
            "entreprise".into(),
            "Le nom de l'entreprise dépasse 160 caractères.".into(),
        );
    } else if let Some(refusal) = crate::model::line_refusal(name) {
        errors.insert("entreprise".into(), refusal.into());
    }
    let siret = field(errors, "siret", Siret::parse(&org.siret));
    let address = org.address.trim();
    if address.is_empty() {
        errors.insert(
            "adresse".into(),
            "Indiquez l'adresse de l'établissement.".into(),
        );
    } else if address.chars().count() > 200 {
        errors.insert("adresse".into(), "L'adresse dépasse 200 caractères.".into());
    } else if let Some(refusal) = crate::model::line_refusal(address) {
        errors.insert("adresse".into(), refusal.into());
    }
    let insee = match places.resolve(&org.commune) {
        Some(Location::Commune(commune)) => Some(commune.insee.clone()),
        _ => {
            let message = if org.commune.trim().is_empty() {
                "Indiquez la commune de l'établissement."
            } else {
                "Commune introuvable : indiquez son nom ou son code postal (exemple : Lyon, 69003)."
            };
            errors.insert("commune".into(), message.into());
            None
        }
    };
    let activity = CompanyActivity::from_code(&org.activity);
    if activity.is_none() {
        errors.insert(
            "activite".into(),
            "Choisissez l'activité de l'entreprise.".into(),
        );
    }
    Some(NewCompany {
        role: role?,
        name: name.to_owned(),
        siret: siret?,
        address: address.to_owned(),
        insee: insee?,
        activity: activity?,
    })
}

/// Creates the company of `new` owned by `user_id`, or asks to join the one
/// that has its SIRET. A SIRET is public: knowing one proves nothing, so a
/// newcomer to an existing company waits for its owner, who is emailed.
async fn join_or_create_company(
    txn: &impl ConnectionTrait,
    user_id: i64,
    new: NewCompany,
    origin: &Origin<'_>,
) -> Result<Membership, DomainError> {
    let now = origin.now;
    let existing = company::Entity::find()
        .filter(company::Column::Siret.eq(new.siret.as_str()))
        .one(txn)
        .await?;
    let (company_id, is_owner) = match &existing {
        Some(found) => (found.id, false),
        None => {
            let created = company::Entity::insert(company::ActiveModel {
                id: NotSet,
                slug: Set(slugify(&new.name)),
                search_name: Set(fold_name(&new.name)),
                name: Set(new.name),
                siret: Set(Some(new.siret.as_str().to_owned())),
                activity: Set(new.activity),
                description: Set(String::new()),
                address: Set(Some(new.address)),
                place_insee: Set(Some(new.insee)),
                website: Set(None),
                contact_email: Set(None),
                contact_phone: Set(None),
                group_id: Set(None),
                logo_key: Set(None),
                requested_group_id: Set(None),
                suspended_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .exec(txn)
            .await?;
            (created.last_insert_id, true)
        }
    };
    company_member::Entity::insert(company_member::ActiveModel {
        user_id: Set(user_id),
        company_id: Set(company_id),
        is_owner: Set(is_owner),
        created_at: Set(now),
        accepted_at: Set(is_owner.then_some(now)),
    })
    .exec_without_returning(txn)
    .await?;
    let Some(company) = existing else {
        return Ok(Membership::Owner(company_id));
    };
    match crate::companies::owner_of(txn, company.id).await? {
        Some(owner) => {
            let who = user::Entity::find_by_id(user_id)
                .one(txn)
                .await?
                .map(|u| format!("{} {} ({})", u.first_name, u.last_name, u.email))
                .unwrap_or_default();
            mail::enqueue(
                txn,
                templates::join_requested(
                    &owner.email,
                    &owner.first_name,
                    &who,
                    &company.name,
                    &format!("{}/recruteur/entreprise#demandes", origin.site),
                ),
                now,
            )
            .await?;
        }
        // Nobody can vouch for the newcomer: the claim waits for the team.
        None => tracing::warn!(
            company = company.id,
            user_id,
            "claim of a company without owner"
        ),
    }
    tracing::info!(company = company.id, user_id, "request to join a company");
    Ok(Membership::Pending(company_id))
}

/// Stores a new single-use token; returns its secret for the emailed link.
async fn issue_token(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: &str,
    new_email: Option<String>,
    valid: Duration,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    account_token::Entity::delete_many()
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.eq(purpose))
        .exec(db)
        .await?;
    let secret = random_secret();
    account_token::Entity::insert(account_token::ActiveModel {
        hash: Set(secret_hash(&secret)),
        user_id: Set(user_id),
        purpose: Set(purpose.to_owned()),
        new_email: Set(new_email),
        created_at: Set(now),
        expires_at: Set(now + valid),
    })
    .exec_without_returning(db)
    .await?;
    Ok(secret)
}

/// Uses up a token: it is deleted whether or not it was still valid, and
/// only one request can get it (the delete decides).
async fn take_token(
    db: &impl ConnectionTrait,
    secret: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<account_token::Model, DomainError> {
    let invalid = || {
        DomainError::invalid(
            "jeton",
            "Ce lien n'est plus valable : il a déjà servi ou a expiré. Vous pouvez en demander un nouveau.",
        )
    };
    if secret.is_empty() || secret.len() > 100 {
        return Err(invalid());
    }
    let hash = secret_hash(secret);
    let found = account_token::Entity::find_by_id(hash.clone())
        .filter(account_token::Column::Purpose.eq(purpose))
        .one(db)
        .await?
        .ok_or_else(invalid)?;
    let taken = account_token::Entity::delete_by_id(hash).exec(db).await?;
    if taken.rows_affected != 1 || found.expires_at <= now {
        return Err(invalid());
    }
    Ok(found)
}

/// C1: confirms the address of a new account from the emailed link.
pub async fn verify_address(
    db: &DatabaseConnection,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let token = take_token(&txn, secret, VERIFY, now).await?;
    user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
        .filter(user::Column::Id.eq(token.user_id))
        .filter(user::Column::EmailVerifiedAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// The same refusal for an unknown address and a wrong password.
fn wrong_credentials() -> DomainError {
    DomainError::invalid("connexion", "Adresse e-mail ou mot de passe incorrect.")
}

/// C1: logs in; returns the new session's secret (a new id at every log-in).
/// Unknown addresses cost the same argon2 work as wrong passwords.
pub async fn log_in(
    db: &DatabaseConnection,
    origin: &Origin<'_>,
    email: &str,
    password_typed: &str,
) -> Result<(String, CurrentUser), DomainError> {
    rate_limit::hit(db, rate_limit::LOG_IN_PER_IP, origin.ip, origin.now).await?;
    let email = email.trim().to_lowercase();
    if email.is_empty() || password_typed.is_empty() {
        let mut errors = FieldErrors::new();
        if email.is_empty() {
            errors.insert("email".into(), "Indiquez votre adresse e-mail.".into());
        }
        if password_typed.is_empty() {
            errors.insert("mot_de_passe".into(), "Indiquez votre mot de passe.".into());
        }
        return Err(DomainError::Invalid(errors));
    }
    let account = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?;
    if log_in_suspended(db, &email, origin.now).await? {
        // The same refusal whether the password is right or not, and
        // whether the address has an account or not.
        return Err(suspended());
    }
    let stored = account.as_ref().and_then(|a| a.password_hash.as_deref());
    // Never truncated: the whole typed password is checked (ASVS 2.1.3).
    if !password::verify(password_typed, stored).await {
        tracing::info!("log-in refused");
        wrong_password(db, origin, &email, account.as_ref()).await?;
        return Err(wrong_credentials());
    }
    let account = account.ok_or_else(wrong_credentials)?;
    if account.deactivated_at.is_some() {
        tracing::info!(
            user_id = account.id,
            "log-in of a deactivated account refused"
        );
        return Err(DomainError::invalid(
            "connexion",
            "Ce compte a été désactivé par l'équipe JobToMove. Pour en savoir plus ou contester, écrivez-nous depuis le formulaire de contact.",
        ));
    }
    if account.email_verified_at.is_none() {
        if rate_limit::hit(
            db,
            rate_limit::EMAILS_PER_ACCOUNT,
            &account.email,
            origin.now,
        )
        .await
        .is_ok()
        {
            let txn = crate::db::begin_write(db).await?;
            let token =
                issue_token(&txn, account.id, VERIFY, None, CONFIRM_VALID, origin.now).await?;
            let link = format!("{}/verification?jeton={token}", origin.site);
            mail::enqueue(
                &txn,
                templates::verify_address(&account.email, &account.first_name, &link),
                origin.now,
            )
            .await?;
            txn.commit().await?;
        }
        return Err(DomainError::invalid(
            "connexion",
            "Votre adresse e-mail n'est pas encore confirmée : nous venons de vous renvoyer le lien de confirmation.",
        ));
    }
    let secret = sessions::start(db, account.id, origin.ip, origin.user_agent, origin.now).await?;
    user::Entity::update_many()
        .col_expr(user::Column::LastActiveAt, Expr::value(origin.now))
        .col_expr(
            user::Column::InactivityWarnedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(user::Column::Id.eq(account.id))
        .exec(db)
        .await?;
    tracing::info!(user_id = account.id, "log-in");
    Ok((secret, sessions::current_user(&account)))
}

/// Whether the log-in of `email` is suspended: [`rate_limit::LOG_IN_PER_ACCOUNT`]
/// wrong passwords in its window.
///
/// ASVS 2.2.1 asks that guessing be stopped without letting anyone lock the
/// owner out. The choice here: wrong passwords are counted per address (and
/// per IP); past the limit every attempt is refused for the rest of the
/// window, even with the right password — an attacker learns nothing more —
/// and the owner is emailed a single-use link that lifts the suspension at
/// once (a password reset lifts it too). A delay that grows with each
/// failure was the other way; it would keep guessing going slowly, and keep
/// connections open on the server while it waits.
async fn log_in_suspended(
    db: &impl ConnectionTrait,
    email: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let limit = rate_limit::LOG_IN_PER_ACCOUNT;
    Ok(rate_limit::count(db, limit, email, now).await? >= limit.max)
}

fn suspended() -> DomainError {
    DomainError::invalid(
        "connexion",
        "Trop de mots de passe erronés pour cette adresse : la connexion est suspendue pendant 15 minutes. \
         Si un compte utilise cette adresse, un lien pour la débloquer tout de suite vient d'y être envoyé.",
    )
}

/// Counts a wrong password for `email`; the one that reaches the limit
/// emails the owner the link that lifts the suspension.
async fn wrong_password(
    db: &DatabaseConnection,
    origin: &Origin<'_>,
    email: &str,
    account: Option<&user::Model>,
) -> Result<(), DomainError> {
    let limit = rate_limit::LOG_IN_PER_ACCOUNT;
    // Past the limit `hit` refuses: counting is all that matters here.
    let _ = rate_limit::hit(db, limit, email, origin.now).await;
    let Some(account) = account else {
        return Ok(());
    };
    if rate_limit::count(db, limit, email, origin.now).await? != limit.max {
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    let token = issue_token(&txn, account.id, UNLOCK, None, RESET_VALID, origin.now).await?;
    mail::enqueue(
        &txn,
        templates::log_in_locked(
            &account.email,
            &account.first_name,
            &format!("{}/connexion/deverrouiller?jeton={token}", origin.site),
            &format!("{}/mot-de-passe-oublie", origin.site),
        ),
        origin.now,
    )
    .await?;
    txn.commit().await?;
    tracing::warn!(
        user_id = account.id,
        "log-in suspended after wrong passwords"
    );
    Ok(())
}

/// C1: lifts the suspension of a log-in from the link emailed to its owner.
pub async fn unlock_log_in(
    db: &DatabaseConnection,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let token = take_token(&txn, secret, UNLOCK, now).await?;
    let account = account_of(&txn, token.user_id).await?;
    rate_limit::clear(&txn, rate_limit::LOG_IN_PER_ACCOUNT, &account.email).await?;
    txn.commit().await?;
    tracing::info!(user_id = account.id, "log-in unlocked by its owner");
    Ok(())
}

/// C1: "J'ai oublié mon mot de passe". Emails a single-use link valid one
/// hour when the address has an account; the answer is the same otherwise.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    origin: &Origin<'_>,
    email: &str,
) -> Result<(), DomainError> {
    let email = normalize_email(email).map_err(|m| DomainError::invalid("email", m))?;
    rate_limit::hit(db, rate_limit::RESET_PER_IP, origin.ip, origin.now).await?;
    rate_limit::hit(db, rate_limit::RESET_PER_ACCOUNT, &email, origin.now).await?;
    let Some(account) = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let txn = crate::db::begin_write(db).await?;
    let token = issue_token(&txn, account.id, RESET, None, RESET_VALID, origin.now).await?;
    let link = format!("{}/mot-de-passe/nouveau?jeton={token}", origin.site);
    mail::enqueue(
        &txn,
        templates::reset_password(&account.email, &account.first_name, &link),
        origin.now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Whether a reset link can still be used (the page asks before showing
/// the form).
pub async fn reset_token_is_valid(
    db: &DatabaseConnection,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if secret.is_empty() || secret.len() > 100 {
        return Ok(false);
    }
    Ok(account_token::Entity::find_by_id(secret_hash(secret))
        .filter(account_token::Column::Purpose.eq(RESET))
        .filter(account_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .is_some())
}

/// C1: sets a new password from a reset link; ends every session.
pub async fn reset_password(
    db: &DatabaseConnection,
    origin: &Origin<'_>,
    secret: &str,
    new_password: &str,
) -> Result<(), DomainError> {
    if !reset_token_is_valid(db, secret, origin.now).await? {
        return Err(DomainError::invalid(
            "jeton",
            "Ce lien n'est plus valable : il a déjà servi ou a expiré. Vous pouvez en demander un nouveau.",
        ));
    }
    let token_user = account_token::Entity::find_by_id(secret_hash(secret))
        .one(db)
        .await?
        .map(|t| t.user_id);
    let account = match token_user {
        Some(id) => user::Entity::find_by_id(id).one(db).await?,
        None => None,
    }
    .ok_or(DomainError::NotFound)?;
    password::check_strength(
        new_password,
        &[&account.email, &account.first_name, &account.last_name],
    )
    .map_err(|m| DomainError::invalid("mot_de_passe", &m))?;
    let hash = password::hash(new_password).await?;
    let txn = crate::db::begin_write(db).await?;
    take_token(&txn, secret, RESET, origin.now).await?;
    set_password(&txn, &account, hash, origin).await?;
    rate_limit::clear(&txn, rate_limit::LOG_IN_PER_ACCOUNT, &account.email).await?;
    user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(origin.now))
        .filter(user::Column::Id.eq(account.id))
        .filter(user::Column::EmailVerifiedAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets the password hash, ends every session and every pending link of the
/// account (a reset or an address change asked before), and tells the address.
async fn set_password(
    txn: &impl ConnectionTrait,
    account: &user::Model,
    hash: String,
    origin: &Origin<'_>,
) -> Result<(), DomainError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .filter(user::Column::Id.eq(account.id))
        .exec(txn)
        .await?;
    sessions::end_all(txn, account.id, None).await?;
    end_pending_links(txn, account.id).await?;
    let reset = format!("{}/mot-de-passe-oublie", origin.site);
    mail::enqueue(
        txn,
        templates::password_changed(&account.email, &account.first_name, &reset),
        origin.now,
    )
    .await?;
    tracing::info!(user_id = account.id, "password changed");
    Ok(())
}

/// Ends the account's pending reset and address-change links: after a
/// password or address change, a link sent before (perhaps to a mailbox the
/// owner no longer holds) must not work.
async fn end_pending_links(txn: &impl ConnectionTrait, user_id: i64) -> Result<(), DomainError> {
    account_token::Entity::delete_many()
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.is_in([RESET, EMAIL_CHANGE]))
        .exec(txn)
        .await?;
    Ok(())
}

async fn account_of(db: &impl ConnectionTrait, user_id: i64) -> Result<user::Model, DomainError> {
    user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Checks the signed-in person's password again before a sensitive change;
/// attempts count against the account's log-in limit.
async fn confirm_password(
    db: &impl ConnectionTrait,
    account: &user::Model,
    typed: &str,
    field_name: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let limit = rate_limit::LOG_IN_PER_ACCOUNT;
    if log_in_suspended(db, &account.email, now).await? {
        return Err(DomainError::RateLimited);
    }
    if typed.is_empty() {
        return Err(DomainError::invalid(
            field_name,
            "Indiquez votre mot de passe actuel.",
        ));
    }
    if !password::verify(typed, account.password_hash.as_deref()).await {
        let _ = rate_limit::hit(db, limit, &account.email, now).await;
        return Err(DomainError::invalid(field_name, "Mot de passe incorrect."));
    }
    Ok(())
}

/// C1 "Modifier mon profil": first and last name.
pub async fn update_names(
    db: &DatabaseConnection,
    user_id: i64,
    first_name: &str,
    last_name: &str,
) -> Result<(), DomainError> {
    let mut errors = FieldErrors::new();
    let first = field(&mut errors, "prenom", check_name(first_name, "prénom"));
    let last = field(&mut errors, "nom", check_name(last_name, "nom"));
    errors_or(errors)?;
    user::Entity::update_many()
        .col_expr(user::Column::FirstName, Expr::value(first))
        .col_expr(user::Column::LastName, Expr::value(last))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// C1: changes the password (the current one is required); every session
/// ends, this one included, and the address is told. Returns the secret of
/// the session that replaces this one, so its owner stays signed in under
/// a new id.
pub async fn change_password(
    db: &DatabaseConnection,
    origin: &Origin<'_>,
    user_id: i64,
    current: &str,
    new_password: &str,
) -> Result<String, DomainError> {
    let account = account_of(db, user_id).await?;
    confirm_password(db, &account, current, "mot_de_passe_actuel", origin.now).await?;
    password::check_strength(
        new_password,
        &[&account.email, &account.first_name, &account.last_name],
    )
    .map_err(|m| DomainError::invalid("nouveau_mot_de_passe", &m))?;
    let hash = password::hash(new_password).await?;
    let txn = crate::db::begin_write(db).await?;
    set_password(&txn, &account, hash, origin).await?;
    let secret =
        sessions::start(&txn, account.id, origin.ip, origin.user_agent, origin.now).await?;
    txn.commit().await?;
    Ok(secret)
}

/// C1: asks to use another address. A link goes to the new address; the
/// old one is told. Nothing changes until the link is followed.
pub async fn request_email_change(
    db: &DatabaseConnection,
    origin: &Origin<'_>,
    user_id: i64,
    new_email: &str,
    current_password: &str,
) -> Result<(), DomainError> {
    let account = account_of(db, user_id).await?;
    let new_email =
        normalize_email(new_email).map_err(|m| DomainError::invalid("nouvel_email", m))?;
    if new_email == account.email {
        return Err(DomainError::invalid(
            "nouvel_email",
            "C'est déjà l'adresse de votre compte.",
        ));
    }
    confirm_password(
        db,
        &account,
        current_password,
        "mot_de_passe_email",
        origin.now,
    )
    .await?;
    if user::Entity::find()
        .filter(user::Column::Email.eq(&new_email))
        .one(db)
        .await?
        .is_some()
    {
        return Err(DomainError::invalid(
            "nouvel_email",
            "Cette adresse est déjà utilisée par un autre compte.",
        ));
    }
    rate_limit::hit(
        db,
        rate_limit::EMAILS_PER_ACCOUNT,
        &account.email,
        origin.now,
    )
    .await?;
    let txn = crate::db::begin_write(db).await?;
    let token = issue_token(
        &txn,
        account.id,
        EMAIL_CHANGE,
        Some(new_email.clone()),
        CONFIRM_VALID,
        origin.now,
    )
    .await?;
    let link = format!("{}/email/confirmer?jeton={token}", origin.site);
    mail::enqueue(
        &txn,
        templates::confirm_new_address(&new_email, &account.first_name, &link),
        origin.now,
    )
    .await?;
    mail::enqueue(
        &txn,
        templates::address_change_requested(&account.email, &account.first_name, &new_email),
        origin.now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// C1: the new address is confirmed by its link; the account uses it now.
pub async fn confirm_email_change(
    db: &DatabaseConnection,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let token = take_token(&txn, secret, EMAIL_CHANGE, now).await?;
    let new_email = token.new_email.ok_or(DomainError::Internal)?;
    if user::Entity::find()
        .filter(user::Column::Email.eq(&new_email))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(DomainError::invalid(
            "jeton",
            "Cette adresse est déjà utilisée par un autre compte.",
        ));
    }
    user::Entity::update_many()
        .col_expr(user::Column::Email, Expr::value(new_email))
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
        .filter(user::Column::Id.eq(token.user_id))
        .exec(&txn)
        .await?;
    end_pending_links(&txn, token.user_id).await?;
    txn.commit().await?;
    tracing::info!(user_id = token.user_id, "email address changed");
    Ok(())
}

/// "Mon profil": the account, its company and its open sessions.
pub async fn profile(
    db: &DatabaseConnection,
    user_id: i64,
    session_hash: &str,
    now: DateTime<Utc>,
) -> Result<ProfileView, DomainError> {
    let account = account_of(db, user_id).await?;
    let company = match company_member::Entity::find_by_id(user_id).one(db).await? {
        Some(member) => company::Entity::find_by_id(member.company_id)
            .one(db)
            .await?
            .map(|c| {
                (
                    c.name,
                    format!("/entreprises/{}-{}", c.slug, c.id),
                    member.is_owner,
                )
            }),
        None => None,
    };
    Ok(ProfileView {
        user: sessions::current_user(&account),
        created_at: account.created_at,
        company,
        sessions: sessions::list(db, user_id, session_hash, now).await?,
    })
}

/// C9: deletes the account and everything of it (sessions, tokens,
/// membership; its files when there are some). Open offers it published are
/// unpublished (and leave the search index; their ids are returned) and a
/// company it owned passes to its oldest accepted member.
pub async fn delete_account(
    db: &DatabaseConnection,
    search: &crate::search::SearchIndex,
    origin: &Origin<'_>,
    user_id: i64,
    current_password: &str,
) -> Result<Vec<i64>, DomainError> {
    let account = account_of(db, user_id).await?;
    confirm_password(
        db,
        &account,
        current_password,
        "mot_de_passe_suppression",
        origin.now,
    )
    .await?;
    let txn = crate::db::begin_write(db).await?;
    let unpublished = erase(&txn, &account, false, origin.now).await?;
    txn.commit().await?;
    refresh(db, search, &unpublished).await;
    tracing::info!(user_id, "account deleted by its owner");
    Ok(unpublished)
}

async fn erase(
    txn: &impl ConnectionTrait,
    account: &user::Model,
    after_inactivity: bool,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DomainError> {
    crate::messaging::forget_author(txn, account.id).await?;
    let open: Vec<i64> = offer::Entity::find()
        .filter(offer::Column::RecruiterId.eq(account.id))
        .filter(offer::Column::Status.eq(OfferStatus::Published))
        .all(txn)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    if !open.is_empty() {
        offer::Entity::update_many()
            .col_expr(
                offer::Column::Status,
                Expr::value(OfferStatus::Unpublished.code()),
            )
            .col_expr(offer::Column::UpdatedAt, Expr::value(now))
            .filter(offer::Column::Id.is_in(open.clone()))
            .exec(txn)
            .await?;
    }
    if let Some(member) = company_member::Entity::find_by_id(account.id)
        .one(txn)
        .await?
        && member.is_owner
        && let Some(successor) = company_member::Entity::find()
            .filter(company_member::Column::CompanyId.eq(member.company_id))
            .filter(company_member::Column::UserId.ne(account.id))
            // Never someone the owner had not accepted.
            .filter(company_member::Column::AcceptedAt.is_not_null())
            .order_by_asc(company_member::Column::CreatedAt)
            .one(txn)
            .await?
    {
        company_member::Entity::update_many()
            .col_expr(company_member::Column::IsOwner, Expr::value(true))
            .filter(company_member::Column::UserId.eq(successor.user_id))
            .exec(txn)
            .await?;
    }
    mail::enqueue(
        txn,
        templates::account_deleted(&account.email, &account.first_name, after_inactivity),
        now,
    )
    .await?;
    // Sessions, tokens and the membership go with the account (ON DELETE CASCADE).
    user::Entity::delete_by_id(account.id).exec(txn).await?;
    Ok(open)
}

/// C9 "Télécharger mes données": everything held about the person, as JSON.
pub async fn export(
    db: &DatabaseConnection,
    user_id: i64,
) -> Result<serde_json::Value, DomainError> {
    let account = account_of(db, user_id).await?;
    let sessions: Vec<_> = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| json!({"ouverte_le": s.created_at, "derniere_activite": s.last_seen_at, "adresse_ip": s.ip, "navigateur": s.user_agent}))
        .collect();
    let company = match company_member::Entity::find_by_id(user_id).one(db).await? {
        Some(member) => company::Entity::find_by_id(member.company_id).one(db).await?.map(|c| {
            json!({"nom": c.name, "siret": c.siret, "proprietaire": member.is_owner, "membre_depuis": member.created_at})
        }),
        None => None,
    };
    let offers: Vec<_> = offer::Entity::find()
        .filter(offer::Column::RecruiterId.eq(user_id))
        .order_by_desc(offer::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|o| json!({"id": o.id, "titre": o.title, "statut": o.status.label(), "creee_le": o.created_at, "publiee_le": o.published_at}))
        .collect();
    Ok(json!({
        "exporte_le": Utc::now(),
        "compte": {
            "email": account.email,
            "prenom": account.first_name,
            "nom": account.last_name,
            "role": account.role.label(),
            "cree_le": account.created_at,
            "adresse_confirmee_le": account.email_verified_at,
            "derniere_activite": account.last_active_at,
        },
        "sessions": sessions,
        "entreprise": company,
        "offres_publiees": offers,
        "espace_candidat": candidate_space(db, &account).await?,
    }))
}

/// The candidate's part of the export: profile (C2), dossiers (C3) with
/// their files' names, applications (C5) with their history, saved offers
/// (C8). Files themselves are downloaded from the dossiers' pages.
async fn candidate_space(
    db: &DatabaseConnection,
    account: &user::Model,
) -> Result<serde_json::Value, DomainError> {
    let user = sessions::current_user(account);
    if user.role != crate::model::Role::Candidate {
        return Ok(serde_json::Value::Null);
    }
    let profile = crate::entity::candidate_profile::Entity::find_by_id(account.id)
        .one(db)
        .await?
        .map(|p| {
            json!({
                "situation": p.status.map(|s| s.label()),
                "disponibilite": p.availability.map(|a| a.label()),
                "disponible_le": p.available_from,
                "diplomes": p.diplomas,
                "metiers": p.job_families,
                "communes_insee": p.places,
                "mobilite_km": p.mobility_km,
                "permis": p.licences,
                "annees_experience": p.experience_years,
                "telephone": p.phone,
            })
        });
    let dossiers: Vec<_> = crate::dossiers::list(db, &user)
        .await?
        .into_iter()
        .map(|d| {
            json!({
                "titre": d.title,
                "visible": d.visible,
                "cv": d.cv.map(|f| f.name),
                "lettre": d.letter.map(|f| f.name),
                "lettre_texte": d.letter_text,
                "autres_informations": d.other_info,
                "video": d.video.map(|f| f.name),
                "lien_video": d.video_url,
                "modifie_le": d.updated_at,
            })
        })
        .collect();
    let applications: Vec<_> = crate::applications::mine(db, &user, Utc::now())
        .await?
        .into_iter()
        .map(|a| {
            json!({
                "offre": a.offer_title,
                "entreprise": a.company_name,
                "statut": a.status.label(),
                "envoyee_le": a.created_at,
                "message": a.message,
                "documents": a.files.into_iter().map(|f| f.name).collect::<Vec<_>>(),
                "historique": a.history.into_iter().map(|(s, at)| json!({"statut": s.label(), "le": at})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let saved: Vec<_> = crate::offers::saved_offers(db, &user)
        .await?
        .into_iter()
        .map(|c| json!({"titre": c.title, "entreprise": c.company_name, "lien": c.path()}))
        .collect();
    Ok(json!({
        "profil": profile,
        "dossiers": dossiers,
        "candidatures": applications,
        "offres_sauvegardees": saved,
    }))
}

/// `server create-admin`: an administrator account, verified at once.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    first_name: &str,
    last_name: &str,
    password_typed: &str,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    let mut errors = FieldErrors::new();
    let email = field(&mut errors, "email", normalize_email(email));
    let first = field(&mut errors, "prenom", check_name(first_name, "prénom"));
    let last = field(&mut errors, "nom", check_name(last_name, "nom"));
    field(
        &mut errors,
        "mot_de_passe",
        password::check_strength(password_typed, &[first_name, last_name]),
    );
    errors_or(errors)?;
    let (Some(email), Some(first), Some(last)) = (email, first, last) else {
        return Err(DomainError::Internal);
    };
    let hash = password::hash(password_typed).await?;
    let created = user::Entity::insert(user::ActiveModel {
        id: NotSet,
        email: Set(email),
        password_hash: Set(Some(hash)),
        first_name: Set(first),
        last_name: Set(last),
        role: Set(Role::Administrator),
        email_verified_at: Set(Some(now)),
        created_at: Set(now),
        last_active_at: Set(now),
        inactivity_warned_at: Set(None),
        deactivated_at: Set(None),
        lawful_refused_at: Set(None),
    })
    .exec(db)
    .await?;
    Ok(created.last_insert_id)
}

/// Takes the offers an erased account unpublished out of this instance's
/// search index at once (the database is already right and the change feed
/// names them: a failure is logged, the follower retries within a second).
async fn refresh(db: &DatabaseConnection, search: &crate::search::SearchIndex, offers: &[i64]) {
    if offers.is_empty() {
        return;
    }
    if let Err(error) = search.follow(db).await {
        tracing::error!(%error, "search index not updated after an account deletion");
    }
}

/// C10 (scheduled work): warns the accounts inactive for 23 months, and
/// deletes those inactive for 24 months that were warned at least 25 days
/// ago. Administrators are kept. Returns (warned, deleted, offers
/// unpublished: every instance's index hears of them through the change
/// feed).
pub async fn sweep_inactive(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<(usize, usize, Vec<i64>), DomainError> {
    let warn_before = now.checked_sub_months(Months::new(23)).unwrap_or(now);
    let delete_before = now.checked_sub_months(Months::new(24)).unwrap_or(now);
    let to_warn = user::Entity::find()
        .filter(user::Column::LastActiveAt.lte(warn_before))
        .filter(user::Column::InactivityWarnedAt.is_null())
        .filter(user::Column::Role.ne(Role::Administrator))
        .all(db)
        .await?;
    for account in &to_warn {
        let deletion = account
            .last_active_at
            .checked_add_months(Months::new(24))
            .unwrap_or(now)
            .max(now + Duration::days(30));
        let date = crate::model::french_date(crate::model::paris_date(deletion));
        let txn = crate::db::begin_write(db).await?;
        user::Entity::update_many()
            .col_expr(user::Column::InactivityWarnedAt, Expr::value(now))
            .filter(user::Column::Id.eq(account.id))
            .exec(&txn)
            .await?;
        let email = templates::inactivity_warning(
            &account.email,
            &account.first_name,
            &format!("{site}/connexion"),
            &date,
        );
        mail::enqueue(&txn, email, now).await?;
        txn.commit().await?;
    }
    let to_delete = user::Entity::find()
        .filter(user::Column::LastActiveAt.lte(delete_before))
        .filter(user::Column::InactivityWarnedAt.lte(now - Duration::days(25)))
        .filter(user::Column::Role.ne(Role::Administrator))
        .all(db)
        .await?;
    let mut unpublished = Vec::new();
    for account in &to_delete {
        let txn = crate::db::begin_write(db).await?;
        let offers = erase(&txn, account, true, now).await?;
        txn.commit().await?;
        unpublished.extend(offers);
        tracing::info!(
            user_id = account.id,
            "account deleted after 24 months of inactivity"
        );
    }
    Ok((to_warn.len(), to_delete.len(), unpublished))
}

/// Deletes the tokens that expired (scheduled work).
pub async fn purge_expired_tokens(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let done = account_token::Entity::delete_many()
        .filter(account_token::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Forbidden for anyone but a candidate.
pub(crate) fn candidate_only(user: &CurrentUser) -> Result<(), DomainError> {
    if user.role == Role::Candidate {
        Ok(())
    } else {
        Err(DomainError::Forbidden)
    }
}
