//! The administrators' second factor (ASVS 4.3.1): TOTP (RFC 6238: HMAC-SHA1,
//! 6 digits, 30-second steps, one step of drift either way) and ten
//! single-use recovery codes. A code is accepted once: the step it matched
//! is stored, and a code of that step or an earlier one is refused (RFC 6238
//! §5.2), by a compare-and-set that two simultaneous requests cannot both
//! win. Attempts are rate-limited per account. A session that passes is
//! marked (`sessions.second_factor_at`); nothing of the admin space answers
//! a session that has not.

use super::audit;
use crate::DomainError;
use crate::auth::rate_limit::{self, Limit};
use crate::auth::secret_hash;
use crate::entity::{admin_factor, recovery_code, session};
use crate::model::{AuditAction, CurrentUser, FactorStep, RECOVERY_CODES};
use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};
use totp_rs::{Builder, Secret, Totp};

/// Codes typed per account: past this, wait.
pub const FACTOR_PER_ACCOUNT: Limit = Limit {
    action: "facteur-compte",
    max: 5,
    window: chrono::Duration::minutes(15),
};

const ISSUER: &str = "JobToMove";

fn totp(secret: &str, account: &str) -> Result<Totp, DomainError> {
    let secret = Secret::try_from_base32(secret).map_err(DomainError::internal)?;
    Builder::new()
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', "."))
        .build()
        .map_err(DomainError::internal)
}

/// What the factor page shows this administrator: the enrolment (a secret
/// made at the first visit and kept until confirmed, so a reload shows the
/// same one), the code to type, or nothing left to do.
pub async fn step(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    session_passed: bool,
    now: DateTime<Utc>,
) -> Result<FactorStep, DomainError> {
    super::require(user)?;
    if session_passed {
        return Ok(FactorStep::Done);
    }
    let factor = match admin_factor::Entity::find_by_id(user.id).one(db).await? {
        Some(factor) if factor.confirmed_at.is_some() => return Ok(FactorStep::Verify),
        Some(factor) => factor,
        None => {
            let bytes: [u8; 20] = rand::rng().random();
            let row = admin_factor::ActiveModel {
                user_id: Set(user.id),
                secret: Set(Secret::from(bytes.to_vec()).to_base32()),
                confirmed_at: Set(None),
                last_used_step: Set(0),
                created_at: Set(now),
            };
            admin_factor::Entity::insert(row.clone())
                .on_conflict_do_nothing()
                .exec_without_returning(db)
                .await?;
            admin_factor::Entity::find_by_id(user.id)
                .one(db)
                .await?
                .ok_or(DomainError::Internal)?
        }
    };
    let totp = totp(&factor.secret, &user.email)?;
    let uri = totp.to_url().map_err(DomainError::internal)?;
    Ok(FactorStep::Enrol {
        qr_svg: qr_svg(&uri)?,
        secret: factor.secret,
        uri,
    })
}

/// The QR code of `text` as an SVG image (black modules on white, with the
/// quiet zone).
fn qr_svg(text: &str) -> Result<String, DomainError> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).map_err(DomainError::internal)?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    let full = size + 8;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" width=\"232\" height=\"232\" \
         role=\"img\" aria-label=\"QR code de la double authentification\" shape-rendering=\"crispEdges\">\
         <rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// The step a TOTP `code` matches at `now`, if any.
fn matched_step(
    factor: &admin_factor::Model,
    account: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DomainError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let totp = totp(&factor.secret, account)?;
    Ok(totp
        .check(&code, u64::try_from(now.timestamp()).unwrap_or(0))
        .and_then(|step| i64::try_from(step).ok()))
}

/// Stores `step` as used unless it (or a later one) already was: whether
/// this call consumed it.
async fn consume_step(
    db: &impl ConnectionTrait,
    user_id: i64,
    step: i64,
) -> Result<bool, DomainError> {
    let updated = admin_factor::Entity::update_many()
        .col_expr(admin_factor::Column::LastUsedStep, Expr::value(step))
        .filter(admin_factor::Column::UserId.eq(user_id))
        .filter(admin_factor::Column::LastUsedStep.lt(step))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

fn wrong_code() -> DomainError {
    DomainError::invalid(
        "code",
        "Ce code n'est pas valable (ou a déjà servi) : tapez le code affiché maintenant par votre application.",
    )
}

/// A session passes the second factor.
async fn pass(
    db: &impl ConnectionTrait,
    session_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    session::Entity::update_many()
        .col_expr(session::Column::SecondFactorAt, Expr::value(now))
        .filter(session::Column::IdHash.eq(session_hash))
        .exec(db)
        .await?;
    Ok(())
}

/// Confirms the enrolment with one code (its step is consumed: it cannot
/// serve again to log in), passes this session, and returns the recovery
/// codes — shown once, stored only as hashes.
pub async fn confirm(
    db: &DatabaseConnection,
    user: &CurrentUser,
    session_hash: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, DomainError> {
    super::require(user)?;
    rate_limit::hit(db, FACTOR_PER_ACCOUNT, &user.id.to_string(), now).await?;
    let factor = admin_factor::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .filter(|f| f.confirmed_at.is_none())
        .ok_or(DomainError::NotFound)?;
    let step = matched_step(&factor, &user.email, code, now)?.ok_or_else(wrong_code)?;
    let txn = db.begin().await?;
    if !consume_step(&txn, user.id, step).await? {
        return Err(wrong_code());
    }
    admin_factor::Entity::update_many()
        .col_expr(admin_factor::Column::ConfirmedAt, Expr::value(now))
        .filter(admin_factor::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    let codes = new_recovery_codes(&txn, user.id).await?;
    pass(&txn, session_hash, now).await?;
    audit::record(
        &txn,
        audit::Event::new(
            user,
            AuditAction::FactorEnrolled,
            audit::Target::account(user.id, &user.email),
            now,
        ),
    )
    .await?;
    txn.commit().await?;
    rate_limit::clear(db, FACTOR_PER_ACCOUNT, &user.id.to_string()).await?;
    tracing::info!(user_id = user.id, "administrator second factor enrolled");
    Ok(codes)
}

/// Replaces the account's recovery codes with [`RECOVERY_CODES`] new ones.
async fn new_recovery_codes(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<String>, DomainError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    // 20 symbols of 32: 100 bits, so a fast hash is enough (like sessions).
    let codes = random_codes();
    recovery_code::Entity::insert_many(codes.iter().map(|code| recovery_code::ActiveModel {
        user_id: Set(user_id),
        code_hash: Set(secret_hash(code)),
        used_at: Set(None),
        ..Default::default()
    }))
    .exec_without_returning(db)
    .await?;
    Ok(codes)
}

/// [`RECOVERY_CODES`] fresh codes, `XXXXX-XXXXX-XXXXX-XXXXX`.
fn random_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            (0..4)
                .map(|_| {
                    (0..5)
                        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// The canonical form of a typed recovery code.
fn normalize_recovery(code: &str) -> String {
    let plain: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    plain
        .as_bytes()
        .chunks(5)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// Log-in's second step: a TOTP code not used before, or an unused
/// recovery code (then spent, and logged). Passes this session.
pub async fn verify(
    db: &DatabaseConnection,
    user: &CurrentUser,
    session_hash: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    super::require(user)?;
    rate_limit::hit(db, FACTOR_PER_ACCOUNT, &user.id.to_string(), now).await?;
    let factor = admin_factor::Entity::find_by_id(user.id)
        .one(db)
        .await?
        .filter(|f| f.confirmed_at.is_some())
        .ok_or(DomainError::NotFound)?;
    let txn = db.begin().await?;
    if let Some(step) = matched_step(&factor, &user.email, code, now)? {
        if !consume_step(&txn, user.id, step).await? {
            tracing::warn!(user_id = user.id, "second factor: a code was replayed");
            return Err(wrong_code());
        }
    } else {
        let spent = recovery_code::Entity::update_many()
            .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
            .filter(recovery_code::Column::UserId.eq(user.id))
            .filter(recovery_code::Column::CodeHash.eq(secret_hash(&normalize_recovery(code))))
            .filter(recovery_code::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if spent.rows_affected != 1 {
            tracing::info!(user_id = user.id, "second factor refused");
            return Err(wrong_code());
        }
        audit::record(
            &txn,
            audit::Event::new(
                user,
                AuditAction::RecoveryCodeUsed,
                audit::Target::account(user.id, &user.email),
                now,
            ),
        )
        .await?;
    }
    pass(&txn, session_hash, now).await?;
    txn.commit().await?;
    rate_limit::clear(db, FACTOR_PER_ACCOUNT, &user.id.to_string()).await?;
    tracing::info!(user_id = user.id, "administrator second factor passed");
    Ok(())
}

/// Recovery codes not used yet.
pub async fn recovery_codes_left(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<u64, DomainError> {
    use sea_orm::PaginatorTrait;
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_code_is_read_whatever_its_case_and_separators() {
        assert_eq!(
            normalize_recovery("abcde fghjk-lmnpq_rstuv"),
            "ABCDE-FGHJK-LMNPQ-RSTUV"
        );
    }

    #[test]
    fn the_qr_code_is_an_svg_image() {
        let svg = qr_svg("otpauth://totp/JobToMove:a%40b.fr?secret=ABC").unwrap();
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains("aria-label"));
    }
}
