//! Uploaded files: where their bytes live, what they are, who may read them.
//!
//! [`Storage`] is the one interface, with two implementations: a folder on
//! the local disk (the default, under `DATA_DIR/files`) and an S3-style
//! object store through the `object_store` crate, for several instances.
//! The database keeps each file's random key, its sanitized original name
//! (shown, never used as a path) and the kind decided from its bytes.

use crate::DomainError;
use crate::auth::random_secret;
use crate::entity::{application, dossier, offer, stored_file};
use crate::model::{CurrentUser, FileKind, human_size};
use bytes::Bytes;
use chrono::{DateTime, Duration, Utc};
use object_store::{ObjectStore, ObjectStoreExt, path::Path as ObjectPath};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter,
};
use std::path::PathBuf;
use std::sync::Arc;

/// Where file bytes are kept.
#[derive(Clone, Debug)]
pub enum Storage {
    /// One file per key under this folder (two-letter subfolders).
    Local(PathBuf),
    /// Any `object_store` backend: S3 and compatible services in production,
    /// the in-memory store in tests.
    Object(Arc<dyn ObjectStore>),
}

impl Storage {
    /// S3-compatible storage from the environment (`AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ENDPOINT`…) when `bucket`
    /// is given, the local folder otherwise.
    pub fn from_config(bucket: Option<&str>, local: PathBuf) -> Result<Self, String> {
        match bucket.filter(|b| !b.is_empty()) {
            Some(bucket) => object_store::aws::AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .build()
                .map(|store| Self::Object(Arc::new(store)))
                .map_err(|e| format!("object storage: {e}")),
            None => Ok(Self::Local(local)),
        }
    }

    /// In-memory object storage (tests).
    pub fn in_memory() -> Self {
        Self::Object(Arc::new(object_store::memory::InMemory::new()))
    }

    fn local_path(folder: &std::path::Path, key: &str) -> PathBuf {
        folder.join(key.get(..2).unwrap_or("__")).join(key)
    }

    /// Writes `bytes` under `key` (a whole file appears, or none).
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), DomainError> {
        match self {
            Self::Local(folder) => {
                let path = Self::local_path(folder, key);
                let partial = path.with_extension("part");
                if let Some(parent) = path.parent() {
                    tokio::fs::create_dir_all(parent)
                        .await
                        .map_err(DomainError::internal)?;
                }
                tokio::fs::write(&partial, &bytes)
                    .await
                    .map_err(DomainError::internal)?;
                tokio::fs::rename(&partial, &path)
                    .await
                    .map_err(DomainError::internal)
            }
            Self::Object(store) => store
                .put(&ObjectPath::from(key), bytes.into())
                .await
                .map(|_| ())
                .map_err(DomainError::internal),
        }
    }

    /// The bytes under `key`.
    pub async fn get(&self, key: &str) -> Result<Bytes, DomainError> {
        match self {
            Self::Local(folder) => tokio::fs::read(Self::local_path(folder, key))
                .await
                .map(Bytes::from)
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => DomainError::NotFound,
                    _ => DomainError::internal(e),
                }),
            Self::Object(store) => match store.get(&ObjectPath::from(key)).await {
                Ok(found) => found.bytes().await.map_err(DomainError::internal),
                Err(object_store::Error::NotFound { .. }) => Err(DomainError::NotFound),
                Err(e) => Err(DomainError::internal(e)),
            },
        }
    }

    /// Removes `key`; a key already gone is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), DomainError> {
        match self {
            Self::Local(folder) => {
                match tokio::fs::remove_file(Self::local_path(folder, key)).await {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        Err(DomainError::internal(e))
                    }
                    _ => Ok(()),
                }
            }
            Self::Object(store) => match store.delete(&ObjectPath::from(key)).await {
                Err(e) if !matches!(e, object_store::Error::NotFound { .. }) => {
                    Err(DomainError::internal(e))
                }
                _ => Ok(()),
            },
        }
    }
}

/// A file as it arrived: the name the browser gave and the bytes, already
/// capped while they were read.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Bytes,
}

/// What the bytes are, whatever the name or the declared type says: PDF,
/// DOCX, ODT, DOC (OLE2 with a Word stream), MP4 or WebM.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if starts(b"%PDF-") {
        return Some(FileKind::Pdf);
    }
    if starts(b"PK\x03\x04") {
        // ODT: the first entry is an uncompressed "mimetype" file.
        if bytes.get(30..38) == Some(b"mimetype")
            && bytes
                .get(38..)
                .is_some_and(|rest| rest.starts_with(b"application/vnd.oasis.opendocument.text"))
        {
            return Some(FileKind::Odt);
        }
        if contains(b"[Content_Types].xml") && contains(b"word/document.xml") {
            return Some(FileKind::Docx);
        }
        return None;
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        let word_stream: Vec<u8> = "WordDocument"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        return contains(&word_stream).then_some(FileKind::Doc);
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return Some(FileKind::Mp4);
    }
    if starts(&[0x1A, 0x45, 0xDF, 0xA3])
        && bytes
            .get(..64)
            .is_some_and(|h| h.windows(4).any(|w| w == b"webm"))
    {
        return Some(FileKind::Webm);
    }
    None
}

/// The name shown for a file: its last path segment, without control,
/// bidirectional or zero-width characters (which can disguise an
/// extension) or reserved ones, at most 120 characters; "document" when
/// nothing is left.
pub fn sanitize_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !crate::model::is_hidden_char(*c) && !"\"<>:*?|".contains(*c))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.');
    let mut out: String = cleaned
        .chars()
        .rev()
        .take(120)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if cleaned.chars().count() > 120 {
        // Keep the end (the extension) and say something was cut.
        out = format!(
            "…{}",
            &out[out.char_indices().nth(1).map_or(0, |(i, _)| i)..]
        );
    }
    if out.is_empty() {
        "document".to_owned()
    } else {
        out
    }
}

/// Why `upload` cannot be what `accepted` lists (a French message), if so.
pub fn check(upload: &Upload, accepted: &[FileKind]) -> Result<FileKind, String> {
    let videos = accepted == FileKind::VIDEOS;
    let max = if videos {
        crate::model::VIDEO_MAX_BYTES
    } else {
        crate::model::DOCUMENT_MAX_BYTES
    };
    if upload.bytes.is_empty() {
        return Err("Ce fichier est vide.".into());
    }
    if upload.bytes.len() > max {
        return Err(too_large_message(max));
    }
    sniff(&upload.bytes)
        .filter(|kind| accepted.contains(kind))
        .ok_or_else(|| {
            tracing::info!("upload refused: type not accepted");
            if videos {
                "Cette vidéo n'est ni au format MP4, ni au format WebM.".into()
            } else {
                "Ce fichier n'est ni un PDF, ni un document Word (.docx, .doc) ou OpenDocument (.odt). Enregistrez-le dans l'un de ces formats.".into()
            }
        })
}

/// Checks an upload against what `field` accepts and stores it: its bytes
/// under a random key, then its row. Returns the row.
pub async fn store(
    db: &impl ConnectionTrait,
    storage: &Storage,
    upload: Upload,
    accepted: &[FileKind],
    field: &str,
    now: DateTime<Utc>,
) -> Result<stored_file::Model, DomainError> {
    let kind = check(&upload, accepted).map_err(|message| DomainError::invalid(field, &message))?;
    let key = random_secret();
    let size = upload.bytes.len() as i64;
    storage.put(&key, upload.bytes).await?;
    let row = stored_file::ActiveModel {
        storage_key: Set(key),
        name: Set(kind.file_name(&sanitize_name(&upload.name))),
        kind: Set(kind),
        size_bytes: Set(size),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row)
}

/// "Ce fichier dépasse 5,0 Mo…".
pub fn too_large_message(max: usize) -> String {
    format!(
        "Ce fichier dépasse {} : envoyez un fichier plus léger.",
        human_size(max as i64)
    )
}

/// The refusal of a file larger than `max` bytes, on `field`.
pub fn too_large(field: &str, max: usize) -> DomainError {
    DomainError::invalid(field, &too_large_message(max))
}

/// A file someone may download: its row and bytes.
pub struct Download {
    pub file: stored_file::Model,
    pub bytes: Bytes,
}

/// The file `id` for `user`. Readers: the candidate of an application that
/// holds it and the recruiter who published its offer (R8); the owner of a
/// dossier that holds it, and recruiters and training organisations while
/// that dossier is visible (R6). Anyone else: `NotFound`, so that the
/// existence of a file is not told; nobody signed in: `Forbidden`.
pub async fn download(
    db: &impl ConnectionTrait,
    storage: &Storage,
    user: Option<&CurrentUser>,
    id: i64,
) -> Result<Download, DomainError> {
    let user = user.ok_or(DomainError::Forbidden)?;
    let file = stored_file::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !may_read(db, user, id).await? {
        tracing::warn!(user = user.id, file = id, "file download refused");
        return Err(DomainError::NotFound);
    }
    let bytes = storage.get(&file.storage_key).await?;
    Ok(Download { file, bytes })
}

async fn may_read(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<bool, DomainError> {
    let applications = application::Entity::find()
        .filter(holds(
            id,
            application::Column::CvFileId,
            application::Column::LetterFileId,
            application::Column::VideoFileId,
        ))
        .all(db)
        .await?;
    for app in &applications {
        if app.user_id == Some(user.id) {
            return Ok(true);
        }
        if user.is_recruiter()
            && let Some(offer_id) = app.offer_id
        {
            let published_by_user = offer::Entity::find_by_id(offer_id)
                .filter(offer::Column::RecruiterId.eq(user.id))
                .one(db)
                .await?
                .is_some();
            if published_by_user {
                return Ok(true);
            }
        }
    }
    let dossiers = dossier::Entity::find()
        .filter(holds(
            id,
            dossier::Column::CvFileId,
            dossier::Column::LetterFileId,
            dossier::Column::VideoFileId,
        ))
        .all(db)
        .await?;
    if dossiers.iter().any(|d| d.user_id == user.id) {
        return Ok(true);
    }
    // The CVthèque's readers: recruiters who act for their company.
    Ok(dossiers.iter().any(|d| d.visible)
        && user.is_recruiter()
        && crate::companies::acting_company(db, user).await.is_ok())
}

/// A row whose file columns `a`, `b` or `c` hold `id`.
fn holds<C: ColumnTrait>(id: i64, a: C, b: C, c: C) -> Condition {
    Condition::any().add(a.eq(id)).add(b.eq(id)).add(c.eq(id))
}

fn referenced(select: SelectStatement) -> sea_orm::sea_query::SimpleExpr {
    Expr::col((stored_file::Entity, stored_file::Column::Id)).not_in_subquery(select)
}

fn from<E: EntityTrait, C: ColumnTrait>(table: E, column: C) -> SelectStatement {
    Query::select()
        .column(column)
        .from(table)
        .and_where(column.is_not_null())
        .to_owned()
}

/// Files that no dossier, application or application waiting to replace
/// another refers to.
fn unreferenced() -> Condition {
    use crate::entity::application_replacement as replacement;
    Condition::all()
        .add(referenced(from(
            replacement::Entity,
            replacement::Column::CvFileId,
        )))
        .add(referenced(from(
            replacement::Entity,
            replacement::Column::LetterFileId,
        )))
        .add(referenced(from(dossier::Entity, dossier::Column::CvFileId)))
        .add(referenced(from(
            dossier::Entity,
            dossier::Column::LetterFileId,
        )))
        .add(referenced(from(
            dossier::Entity,
            dossier::Column::VideoFileId,
        )))
        .add(referenced(from(
            application::Entity,
            application::Column::CvFileId,
        )))
        .add(referenced(from(
            application::Entity,
            application::Column::LetterFileId,
        )))
        .add(referenced(from(
            application::Entity,
            application::Column::VideoFileId,
        )))
}

async fn delete_rows(
    db: &impl ConnectionTrait,
    storage: &Storage,
    rows: Vec<stored_file::Model>,
) -> Result<u64, DomainError> {
    let mut deleted = 0;
    for row in rows {
        storage.delete(&row.storage_key).await?;
        stored_file::Entity::delete_by_id(row.id).exec(db).await?;
        deleted += 1;
    }
    Ok(deleted)
}

/// Deletes those of `ids` nothing refers to any more (a replaced CV, a
/// deleted dossier's files unless an application keeps them).
pub async fn release(
    db: &impl ConnectionTrait,
    storage: &Storage,
    ids: impl IntoIterator<Item = i64>,
) -> Result<u64, DomainError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(0);
    }
    let rows = stored_file::Entity::find()
        .filter(stored_file::Column::Id.is_in(ids))
        .filter(unreferenced())
        .all(db)
        .await?;
    delete_rows(db, storage, rows).await
}

/// Scheduled work: deletes files nothing has referred to for an hour (what
/// a deleted account left, an upload whose form was then refused).
pub async fn purge_orphans(
    db: &impl ConnectionTrait,
    storage: &Storage,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let rows = stored_file::Entity::find()
        .filter(stored_file::Column::CreatedAt.lt(now - Duration::hours(1)))
        .filter(unreferenced())
        .all(db)
        .await?;
    delete_rows(db, storage, rows).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_kinds_come_from_the_bytes_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileKind::Pdf));
        assert_eq!(sniff(b"<!DOCTYPE html><script>alert(1)</script>"), None);
        assert_eq!(
            sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            None
        );
        assert_eq!(sniff(b"PK\x03\x04 a zip of something else"), None);
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(sniff(&odt), Some(FileKind::Odt));
        let docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml".to_vec();
        assert_eq!(sniff(&docx), Some(FileKind::Docx));
        assert_eq!(sniff(b"\0\0\0\x18ftypmp42"), Some(FileKind::Mp4));
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn shown_names_lose_paths_and_reserved_characters() {
        assert_eq!(
            sanitize_name("C:\\Users\\moi\\CV <2026>.pdf"),
            "CV 2026.pdf"
        );
        assert_eq!(sanitize_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_name("..."), "document");
        assert_eq!(sanitize_name(""), "document");
        let long = format!("{}.pdf", "a".repeat(300));
        let shown = sanitize_name(&long);
        assert!(shown.ends_with(".pdf") && shown.chars().count() <= 121);
    }
}
