//! `server bench-messages`: what messaging costs a busy recruiter's pages —
//! the unread count every signed-in page computes, and the inbox. One
//! company with THREADS candidates who each wrote MESSAGES messages (half of
//! the threads read), on a fresh SQLite database in a temporary folder;
//! prints figures, asserts nothing.

use super::report;
use anyhow::Context;
use domain::demo::fixtures::{insert_company, insert_places, insert_recruiter, insert_user};
use domain::messaging;
use domain::model::{Role, ThreadTarget};
use std::time::Instant;

pub async fn run(threads: usize, messages: usize, runs: usize) -> anyhow::Result<()> {
    let folder = tempfile::tempdir().context("temporary folder")?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        folder.path().join("bench.db").display()
    );
    let db = domain::db::connect(&url).await?;
    domain::db::migrate(&db).await?;
    insert_places(&db).await;
    let company = insert_company(&db, "Garage du Banc d'Essai").await;
    let recruiter = insert_recruiter(&db, "rh@banc.example", &company, true).await;
    let now = chrono::Utc::now();
    let started = Instant::now();
    for i in 0..threads {
        let candidate =
            insert_user(&db, &format!("c{i}@banc.example"), "Zoé", Role::Candidate).await;
        let thread =
            messaging::open(&db, &candidate, ThreadTarget::Company(company.id), now).await?;
        for m in 0..messages {
            messaging::send(
                &db,
                "http://bench",
                &candidate,
                thread,
                &format!("Message {m}"),
                now,
            )
            .await?;
        }
        if i % 2 == 0 {
            messaging::read(&db, &recruiter, thread).await?;
        }
    }
    println!(
        "seeded {threads} threads × {messages} messages in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let unread = messaging::unread(&db, &recruiter).await?;
    println!("unread for the recruiter: {unread}");
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        messaging::unread(&db, &recruiter).await?;
        times.push(start.elapsed());
    }
    report("unread count (every signed-in page)", times);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        messaging::threads(&db, &recruiter).await?;
        times.push(start.elapsed());
    }
    report("inbox (/messages)", times);
    Ok(())
}
