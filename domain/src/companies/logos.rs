//! Company logos (R2): an image decided from its bytes (PNG, JPEG or WebP,
//! never SVG), decoded within limits, resized to fit a square and stored
//! again as PNG — re-encoding keeps none of the sent file but its pixels.
//! Logos are public: `/logos/{key}` serves a key only while a company
//! uses it, so no other stored file can be read through it.

use crate::DomainError;
use crate::auth::{random_secret, rate_limit};
use crate::entity::company;
use crate::files::{Storage, Upload, too_large};
use crate::model::{CurrentUser, LOGO_MAX_BYTES};
use bytes::Bytes;
use image::{ImageFormat, ImageReader, Limits, imageops::FilterType};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use std::io::Cursor;

/// Logos are kept at most this many pixels wide and high.
pub const LOGO_SIDE: u32 = 256;
/// Smaller than this on either side is not a logo anyone could read.
const MIN_SIDE: u32 = 32;
/// Larger than this on either side is refused before decoding (read from
/// the image's header).
const MAX_SIDE: u32 = 4096;
/// More pixels than this in all is refused before decoding: a logo needs
/// far fewer, and decoding costs memory and CPU per pixel (an 8000 × 8000
/// PNG of 249 KB once took 250 MB and seconds).
const MAX_PIXELS: u64 = 12_000_000;
/// Decoded images at once, whatever the number of requests: each may hold
/// up to `MAX_PIXELS` × 4 bytes while it is resized.
const DECODING_AT_ONCE: usize = 2;

/// The permits of [`DECODING_AT_ONCE`].
fn decoding() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| tokio::sync::Semaphore::new(DECODING_AT_ONCE))
}

/// The path a logo is served at.
pub fn logo_path(key: &str) -> String {
    format!("/logos/{key}")
}

/// Checks an image from its bytes and returns it resized, as PNG; the
/// French message of the refusal otherwise.
pub fn prepare(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let format = image::guess_format(bytes)
        .ok()
        .filter(|f| matches!(f, ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP))
        .ok_or("Ce fichier n'est pas une image PNG, JPEG ou WebP. Enregistrez votre logo dans l'un de ces formats.")?;
    let too_large = || {
        format!(
            "Cette image est illisible ou trop grande ({MAX_SIDE} × {MAX_SIDE} pixels au plus)."
        )
    };
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| too_large())?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        tracing::info!(
            width,
            height,
            "logo refused before decoding: too many pixels"
        );
        return Err(too_large());
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 16 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|error| {
        tracing::info!(%error, "logo refused");
        too_large()
    })?;
    if image.width() < MIN_SIDE || image.height() < MIN_SIDE {
        return Err(format!(
            "Cette image est trop petite : {MIN_SIDE} × {MIN_SIDE} pixels au moins."
        ));
    }
    let image = if image.width() > LOGO_SIDE || image.height() > LOGO_SIDE {
        image.resize(LOGO_SIDE, LOGO_SIDE, FilterType::Lanczos3)
    } else {
        image
    };
    let mut png = Cursor::new(Vec::new());
    image
        .write_to(&mut png, ImageFormat::Png)
        .map_err(|_| "Cette image n'a pas pu être enregistrée.".to_owned())?;
    Ok(png.into_inner())
}

/// R2: replaces the logo of the recruiter's company (`Some`) or removes it
/// (`None`). Only the company's owner may, [`LOGOS_PER_ACCOUNT`] times an
/// hour; at most [`DECODING_AT_ONCE`] images are decoded at a time, the
/// others wait. Returns the new logo's path.
pub async fn set_logo(
    db: &impl ConnectionTrait,
    storage: &Storage,
    user: &CurrentUser,
    upload: Option<Upload>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<String>, DomainError> {
    let (current, member) = crate::companies::membership(db, user).await?;
    if !member.is_owner {
        return Err(DomainError::Forbidden);
    }
    let key = match upload {
        None => None,
        Some(upload) if upload.bytes.len() > LOGO_MAX_BYTES => {
            return Err(too_large("logo", LOGO_MAX_BYTES));
        }
        Some(upload) => {
            rate_limit::hit(db, rate_limit::LOGOS_PER_ACCOUNT, &user.email, now).await?;
            let _permit = decoding().acquire().await.map_err(DomainError::internal)?;
            let png = tokio::task::spawn_blocking(move || prepare(&upload.bytes))
                .await
                .map_err(DomainError::internal)?
                .map_err(|message| DomainError::invalid("logo", &message))?;
            let key = random_secret();
            storage.put(&key, Bytes::from(png)).await?;
            Some(key)
        }
    };
    let old = current.logo_key.clone();
    let mut row: company::ActiveModel = current.into();
    row.logo_key = Set(key.clone());
    row.updated_at = Set(now);
    if let Err(error) = row.update(db).await {
        if let Some(key) = &key {
            storage.delete(key).await?;
        }
        return Err(error.into());
    }
    if let Some(old) = old {
        storage.delete(&old).await?;
    }
    tracing::info!(
        company = member.company_id,
        set = key.is_some(),
        "company logo changed"
    );
    Ok(key.as_deref().map(logo_path))
}

/// The PNG bytes of the logo under `key`, if a company uses it.
pub async fn logo(
    db: &impl ConnectionTrait,
    storage: &Storage,
    key: &str,
) -> Result<Bytes, DomainError> {
    let used = company::Entity::find()
        .filter(company::Column::LogoKey.eq(key))
        .one(db)
        .await?
        .is_some();
    if !used {
        return Err(DomainError::NotFound);
    }
    storage.get(key).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        image::GrayImage::new(width, height)
            .write_to(&mut bytes, ImageFormat::Png)
            .unwrap();
        bytes.into_inner()
    }

    #[test]
    fn a_logo_is_resized_to_fit_its_square() {
        let resized = prepare(&png(600, 300)).unwrap();
        let image = image::load_from_memory(&resized).unwrap();
        assert_eq!((image.width(), image.height()), (LOGO_SIDE, LOGO_SIDE / 2));
    }

    #[test]
    fn an_image_too_wide_or_with_too_many_pixels_is_refused_from_its_header() {
        for (width, height) in [(4097, 40), (40, 4097), (3500, 3500)] {
            let refused = prepare(&png(width, height)).unwrap_err();
            assert!(
                refused.contains("trop grande"),
                "{width}×{height}: {refused}"
            );
        }
        // A header that claims 8000 × 8000 and carries no pixels at all.
        let mut header = png(8000, 8000);
        header.truncate(33);
        assert!(prepare(&header).unwrap_err().contains("trop grande"));
    }
}
