//! Dossiers de candidature (C3): a candidate's ready-made applications, each
//! a title, a CV, a cover letter (file or text), other information and a
//! video (file or link). "Rendre visible" puts one in the CVthèque at once;
//! unticking hides it at once.

pub mod cvtheque;

use crate::DomainError;
use crate::accounts::candidate_only;
use crate::entity::{candidate_profile, dossier, stored_file, user};
use crate::error::FieldErrors;
use crate::files::{self, Storage, Upload};
use crate::model::{
    CurrentUser, DossierView, FileKind, FileView, LONG_TEXT_MAX_CHARS, TITLE_MAX_CHARS,
    VisibleDossier, check_long_text, check_video_url, file_field,
};
use crate::places::Directory;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// A candidate keeps at most this many dossiers.
pub const MAX_DOSSIERS: u64 = 10;

/// The dossier form as posted. A file left empty keeps the current one.
#[derive(Debug, Clone, Default)]
pub struct DossierForm {
    pub title: String,
    pub letter_text: String,
    pub other_info: String,
    pub video_url: String,
    pub visible: bool,
    pub cv: Option<Upload>,
    pub letter: Option<Upload>,
    pub video: Option<Upload>,
    pub remove_letter: bool,
    pub remove_video: bool,
}

async fn files_of(
    db: &impl ConnectionTrait,
    rows: &[dossier::Model],
) -> Result<HashMap<i64, FileView>, DomainError> {
    let ids: Vec<i64> = rows.iter().flat_map(|d| d.file_ids()).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(stored_file::Entity::find()
        .filter(stored_file::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.view()))
        .collect())
}

fn view(row: dossier::Model, files: &HashMap<i64, FileView>) -> DossierView {
    let file = |id: Option<i64>| id.and_then(|id| files.get(&id).cloned());
    DossierView {
        id: row.id,
        cv: file(row.cv_file_id),
        letter: file(row.letter_file_id),
        video: file(row.video_file_id),
        title: row.title,
        letter_text: row.letter_text,
        other_info: row.other_info,
        video_url: row.video_url,
        visible: row.visible,
        updated_at: row.updated_at,
    }
}

/// The candidate's dossiers, most recently changed first.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> Result<Vec<DossierView>, DomainError> {
    candidate_only(user)?;
    let rows = dossier::Entity::find()
        .filter(dossier::Column::UserId.eq(user.id))
        .order_by_desc(dossier::Column::UpdatedAt)
        .order_by_desc(dossier::Column::Id)
        .all(db)
        .await?;
    let files = files_of(db, &rows).await?;
    Ok(rows.into_iter().map(|row| view(row, &files)).collect())
}

async fn own(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<dossier::Model, DomainError> {
    candidate_only(user)?;
    dossier::Entity::find_by_id(id)
        .filter(dossier::Column::UserId.eq(user.id))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// One of the candidate's dossiers; another's is `NotFound`.
pub async fn get(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
) -> Result<DossierView, DomainError> {
    let row = own(db, user, id).await?;
    let files = files_of(db, std::slice::from_ref(&row)).await?;
    Ok(view(row, &files))
}

/// The checked texts of a form.
struct Texts {
    title: String,
    letter_text: Option<String>,
    other_info: Option<String>,
    video_url: Option<String>,
}

fn check(form: &DossierForm, needs_cv: bool) -> Result<Texts, DomainError> {
    let mut errors = FieldErrors::new();
    let title = form.title.trim().to_owned();
    if title.is_empty() {
        errors.insert(
            "titre".into(),
            "Donnez un titre à ce dossier, par exemple le métier visé.".into(),
        );
    } else if title.chars().count() > TITLE_MAX_CHARS {
        errors.insert(
            "titre".into(),
            format!("{TITLE_MAX_CHARS} caractères au plus."),
        );
    } else if let Some(refusal) = crate::model::line_refusal(&title) {
        errors.insert("titre".into(), refusal.into());
    }
    let mut long = |value: &str, field: &str| {
        check_long_text(value, LONG_TEXT_MAX_CHARS)
            .map_err(|message| errors.insert(field.into(), message))
            .ok()
            .flatten()
    };
    let letter_text = long(&form.letter_text, "lettre_texte");
    let other_info = long(&form.other_info, "autres");
    let video_url = check_video_url(&form.video_url)
        .map_err(|message| errors.insert("video_lien".into(), message.into()))
        .ok()
        .flatten();
    if needs_cv && form.cv.is_none() {
        errors.insert(
            file_field::CV.into(),
            "Joignez votre CV (PDF, Word ou OpenDocument, 5 Mo au plus).".into(),
        );
    }
    for (upload, field, accepted) in [
        (&form.cv, file_field::CV, FileKind::DOCUMENTS),
        (&form.letter, file_field::LETTER, FileKind::DOCUMENTS),
        (&form.video, file_field::VIDEO, FileKind::VIDEOS),
    ] {
        if let Some(upload) = upload
            && let Err(message) = files::check(upload, accepted)
        {
            errors.insert(field.into(), message);
        }
    }
    if errors.is_empty() {
        Ok(Texts {
            title,
            letter_text,
            other_info,
            video_url,
        })
    } else {
        Err(DomainError::Invalid(errors))
    }
}

async fn store_opt(
    db: &impl ConnectionTrait,
    storage: &Storage,
    upload: Option<Upload>,
    accepted: &[FileKind],
    field: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DomainError> {
    match upload {
        Some(upload) => Ok(Some(
            files::store(db, storage, upload, accepted, field, now)
                .await?
                .id,
        )),
        None => Ok(None),
    }
}

/// C3: creates a dossier; a CV is required.
pub async fn create(
    db: &impl ConnectionTrait,
    storage: &Storage,
    user: &CurrentUser,
    form: DossierForm,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    candidate_only(user)?;
    let texts = check(&form, true)?;
    limit_count(db, user).await?;
    let row = dossier::ActiveModel {
        user_id: Set(user.id),
        title: Set(texts.title),
        cv_file_id: Set(store_opt(
            db,
            storage,
            form.cv,
            FileKind::DOCUMENTS,
            file_field::CV,
            now,
        )
        .await?),
        letter_file_id: Set(store_opt(
            db,
            storage,
            form.letter,
            FileKind::DOCUMENTS,
            file_field::LETTER,
            now,
        )
        .await?),
        letter_text: Set(texts.letter_text),
        other_info: Set(texts.other_info),
        video_file_id: Set(store_opt(
            db,
            storage,
            form.video,
            FileKind::VIDEOS,
            file_field::VIDEO,
            now,
        )
        .await?),
        video_url: Set(texts.video_url),
        visible: Set(form.visible),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(dossier = row.id, visible = row.visible, "dossier created");
    Ok(row.id)
}

async fn limit_count(db: &impl ConnectionTrait, user: &CurrentUser) -> Result<(), DomainError> {
    let count = dossier::Entity::find()
        .filter(dossier::Column::UserId.eq(user.id))
        .count(db)
        .await?;
    if count >= MAX_DOSSIERS {
        return Err(DomainError::Conflict(format!(
            "Vous avez déjà {MAX_DOSSIERS} dossiers : supprimez-en un avant d'en créer un autre."
        )));
    }
    Ok(())
}

/// C4: a dossier made of the files of an application ("garder ces documents
/// comme dossier"), not visible.
pub async fn create_from_files(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    title: &str,
    cv_file_id: Option<i64>,
    letter_file_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, DomainError> {
    candidate_only(user)?;
    let title = title.trim();
    if title.chars().count() > TITLE_MAX_CHARS {
        return Err(DomainError::invalid(
            "garder_titre",
            &format!("{TITLE_MAX_CHARS} caractères au plus."),
        ));
    }
    if let Some(refusal) = crate::model::line_refusal(title) {
        return Err(DomainError::invalid("garder_titre", refusal));
    }
    limit_count(db, user).await?;
    let row = dossier::ActiveModel {
        user_id: Set(user.id),
        title: Set(title.to_owned()),
        cv_file_id: Set(cv_file_id),
        letter_file_id: Set(letter_file_id),
        visible: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// C3: changes a dossier. A file sent replaces the current one; the
/// replaced files are deleted unless an application keeps them.
pub async fn update(
    db: &DatabaseConnection,
    storage: &Storage,
    user: &CurrentUser,
    id: i64,
    form: DossierForm,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let current = own(db, user, id).await?;
    let texts = check(&form, false)?;
    let before: Vec<i64> = current.file_ids().collect();
    let cv = store_opt(
        db,
        storage,
        form.cv,
        FileKind::DOCUMENTS,
        file_field::CV,
        now,
    )
    .await?
    .or(current.cv_file_id);
    let letter = match store_opt(
        db,
        storage,
        form.letter,
        FileKind::DOCUMENTS,
        file_field::LETTER,
        now,
    )
    .await?
    {
        Some(new) => Some(new),
        None if form.remove_letter => None,
        None => current.letter_file_id,
    };
    let video = match store_opt(
        db,
        storage,
        form.video,
        FileKind::VIDEOS,
        file_field::VIDEO,
        now,
    )
    .await?
    {
        Some(new) => Some(new),
        None if form.remove_video => None,
        None => current.video_file_id,
    };
    let mut row: dossier::ActiveModel = current.into();
    row.title = Set(texts.title);
    row.cv_file_id = Set(cv);
    row.letter_file_id = Set(letter);
    row.letter_text = Set(texts.letter_text);
    row.other_info = Set(texts.other_info);
    row.video_file_id = Set(video);
    row.video_url = Set(texts.video_url);
    row.visible = Set(form.visible);
    row.updated_at = Set(now);
    let saved = row.update(db).await?;
    let kept: Vec<i64> = saved.file_ids().collect();
    files::release(
        db,
        storage,
        before.into_iter().filter(|f| !kept.contains(f)),
    )
    .await?;
    Ok(())
}

/// C3 "rendre visible": effective at once, both ways.
pub async fn set_visible(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i64,
    visible: bool,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let current = own(db, user, id).await?;
    let mut row: dossier::ActiveModel = current.into();
    row.visible = Set(visible);
    row.updated_at = Set(now);
    row.update(db).await?;
    tracing::info!(dossier = id, visible, "dossier visibility changed");
    Ok(())
}

/// C3: deletes a dossier and its files, except those an application keeps.
pub async fn delete(
    db: &DatabaseConnection,
    storage: &Storage,
    user: &CurrentUser,
    id: i64,
) -> Result<(), DomainError> {
    let current = own(db, user, id).await?;
    let files: Vec<i64> = current.file_ids().collect();
    dossier::Entity::delete_by_id(current.id).exec(db).await?;
    files::release(db, storage, files).await?;
    Ok(())
}

/// The CVthèque's source (R6): visible dossiers of candidates, with their
/// names and profiles, most recently updated first. Hidden dossiers never
/// appear, whatever else matches.
pub async fn visible(
    db: &impl ConnectionTrait,
    places: &Directory,
    limit: u64,
    offset: u64,
) -> Result<(Vec<VisibleDossier>, u64), DomainError> {
    load_visible(db, places, None, Some((limit, offset))).await
}

/// The visible dossier `id`, if it is one (a hidden one is not).
pub async fn visible_one(
    db: &impl ConnectionTrait,
    places: &Directory,
    id: i64,
) -> Result<Option<VisibleDossier>, DomainError> {
    Ok(load_visible(db, places, Some(id), None).await?.0.pop())
}

/// Every visible dossier, as [`visible`] gives them.
pub async fn all_visible(
    db: &impl ConnectionTrait,
    places: &Directory,
) -> Result<Vec<VisibleDossier>, DomainError> {
    Ok(load_visible(db, places, None, None).await?.0)
}

async fn load_visible(
    db: &impl ConnectionTrait,
    places: &Directory,
    only: Option<i64>,
    page: Option<(u64, u64)>,
) -> Result<(Vec<VisibleDossier>, u64), DomainError> {
    let mut query = dossier::Entity::find().filter(dossier::Column::Visible.eq(true));
    if let Some(id) = only {
        query = query.filter(dossier::Column::Id.eq(id));
    }
    let query = query
        .order_by_desc(dossier::Column::UpdatedAt)
        .order_by_desc(dossier::Column::Id);
    let total = query.clone().count(db).await?;
    let rows = match page {
        Some((limit, offset)) => query.limit(limit).offset(offset).all(db).await?,
        None => query.all(db).await?,
    };
    let user_ids: Vec<i64> = rows.iter().map(|d| d.user_id).collect();
    let users: HashMap<i64, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let profiles: HashMap<i64, candidate_profile::Model> = candidate_profile::Entity::find()
        .filter(candidate_profile::Column::UserId.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    let files = files_of(db, &rows).await?;
    let found = rows
        .into_iter()
        .filter_map(|row| {
            let person = users.get(&row.user_id)?;
            Some(VisibleDossier {
                candidate_id: person.id,
                first_name: person.first_name.clone(),
                last_name: person.last_name.clone(),
                profile: profiles
                    .get(&row.user_id)
                    .map(|p| crate::accounts::encart::view(p, places))
                    .unwrap_or_default(),
                dossier: view(row, &files),
            })
        })
        .collect();
    Ok((found, total))
}
