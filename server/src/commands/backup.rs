//! `server backup DEST`: a consistent copy of what a SQLite instance keeps —
//! the database (`VACUUM INTO`, safe while serving), then the uploaded files
//! and the email outbox. Copying the database first means every file a
//! copied row names is already on disk (a file is written before its row
//! commits). On PostgreSQL the database is `pg_dump`'s to copy: this copies
//! the files and says so. The search index is not copied: a server started
//! on the restored data rebuilds it (its cursor is past the restored log).

use crate::cli::Config;
use anyhow::Context;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::path::Path;

pub async fn run(config: &Config, db: &DatabaseConnection, dest: &Path) -> anyhow::Result<()> {
    if dest.exists() && dest.read_dir()?.next().is_some() {
        anyhow::bail!("{} is not empty: choose a new folder", dest.display());
    }
    std::fs::create_dir_all(dest).with_context(|| format!("creating {}", dest.display()))?;
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            let file = dest.join("jobtomove.db");
            let target = file.to_string_lossy().replace('\'', "''");
            db.execute_raw(Statement::from_string(
                DbBackend::Sqlite,
                format!("VACUUM INTO '{target}'"),
            ))
            .await
            .context("copying the database")?;
            println!("database: {}", file.display());
        }
        _ => println!(
            "database: PostgreSQL — copy it with `pg_dump --format=custom` (restore with \
             `pg_restore`); this command copies the files"
        ),
    }
    for folder in ["files", "outbox"] {
        let from = config.data_dir.join(folder);
        let copied = copy_tree(&from, &dest.join(folder))
            .with_context(|| format!("copying {}", from.display()))?;
        println!("{folder}: {copied} files");
    }
    if config.s3_bucket.as_deref().is_some_and(|b| !b.is_empty()) {
        println!("uploads are in the S3 bucket: copy it with the store's own tools");
    }
    Ok(())
}

/// Copies the files under `from` (missing: nothing) into `to`; how many.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<u64> {
    if !from.exists() {
        return Ok(0);
    }
    std::fs::create_dir_all(to)?;
    let mut copied = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copied += copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
            copied += 1;
        }
    }
    Ok(copied)
}
