//! The alerts' scheduled runs (C7). Each frequency has periods — instant:
//! ten minutes; daily: a day from 7:00 Paris time; weekly: a week from
//! Monday 7:00 — and each period is sent once: its row in `alert_runs` is
//! the claim, whatever the instances, and a period missed while the server
//! was down is sent once when it comes back (its offers are those since
//! each alert's last run, not those of a fixed window).
//!
//! Matching uses the search page's own plan over a small in-memory index of
//! the offers published since the oldest alert's last run, not one search
//! of the catalogue per alert. A sent ledger (person × offer) keeps any
//! offer from reaching a person twice, whatever their alerts overlap.

use super::{saved_query, unsubscribe_token};
use crate::DomainError;
use crate::entity::{alert, alert_delivery, alert_run, offer, user};
use crate::mail::{self, Email};
use crate::model::escape_html;
use crate::model::{AlertFrequency, OfferCard, OfferQuery, SortOrder, paris_offset};
use crate::places::Directory;
use crate::search::SearchIndex;
use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait, TryInsertResult,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// Paris hour of the daily and weekly emails.
pub const SEND_HOUR: u32 = 7;
/// Offers per email; the others are counted and linked.
pub const MAX_OFFERS: usize = 10;
/// Offers of one employer per email.
pub const MAX_PER_COMPANY: usize = 2;
/// Each run looks this far before the alert's last run too: an offer
/// committed just after a run read the catalogue is not missed (the ledger
/// keeps it from being sent twice).
const OVERLAP_MINUTES: i64 = 10;
/// Matches kept per search and run: enough to fill an email past the
/// ledger and the per-company cap; the total is counted for the rest.
const MATCHES_PER_SEARCH: usize = 50;

/// What one saved search found in the batch.
struct Found {
    /// The best matches, newest first.
    ids: Vec<i64>,
    /// All the matches.
    total: u64,
}

/// The period of `frequency` that `now` falls in, as its `alert_runs` key.
pub fn period(frequency: AlertFrequency, now: DateTime<Utc>) -> String {
    // Paris time moved back by the send hour: a period starts at 7:00.
    let shifted = (now + paris_offset(now) - Duration::hours(i64::from(SEND_HOUR))).naive_utc();
    match frequency {
        AlertFrequency::Instant => {
            let minute = now.minute() - now.minute() % 10;
            format!(
                "{}:{}",
                frequency.code(),
                now.format(&format!("%Y-%m-%dT%H:{minute:02}"))
            )
        }
        AlertFrequency::Daily => format!("{}:{}", frequency.code(), shifted.date()),
        AlertFrequency::Weekly => {
            let week = shifted.date().iso_week();
            format!("{}:{}-W{:02}", frequency.code(), week.year(), week.week())
        }
    }
}

/// What one call of [`run_due`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// The periods this call sent.
    pub periods: Vec<String>,
    pub alerts: u64,
    pub emails: u64,
    pub offers: u64,
    /// New offers the runs matched the alerts against.
    pub batch: u64,
    /// Distinct searches run (alerts that save the same search share one).
    pub searches: u64,
    /// Time spent matching (the batch's index, then every alert's query).
    pub matching: std::time::Duration,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.periods.is_empty() {
            return Ok(());
        }
        write!(
            f,
            "{} : {} alertes, {} e-mails, {} offres envoyées",
            self.periods.join(", "),
            self.alerts,
            self.emails,
            self.offers
        )
    }
}

/// When a run sends instant alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instant {
    /// Once per ten-minute period (the scheduler).
    PerPeriod,
    /// Now, even within a period already sent (an operator's `server job
    /// run alertes`): the ledger still keeps every offer from being sent
    /// twice.
    Now,
}

/// Sends every frequency's current period that no one sent yet.
pub async fn run_due(
    db: &DatabaseConnection,
    places: &Directory,
    site_url: &str,
    holder: &str,
    now: DateTime<Utc>,
    instant: Instant,
) -> Result<Report, DomainError> {
    let mut report = Report::default();
    for frequency in AlertFrequency::ALL {
        let key = period(*frequency, now);
        let forced = *frequency == AlertFrequency::Instant && instant == Instant::Now;
        if !claim(db, &key, holder, now).await? && !forced {
            continue;
        }
        let sent = send(db, places, site_url, *frequency, now).await?;
        alert_run::Entity::update_many()
            .col_expr(alert_run::Column::FinishedAt, Expr::value(Utc::now()))
            .col_expr(
                alert_run::Column::Outcome,
                Expr::value(format!(
                    "{} alertes, {} e-mails, {} offres",
                    sent.alerts, sent.emails, sent.offers
                )),
            )
            .filter(alert_run::Column::Period.eq(key.clone()))
            .exec(db)
            .await?;
        report.periods.push(key);
        report.alerts += sent.alerts;
        report.emails += sent.emails;
        report.offers += sent.offers;
        report.batch += sent.batch;
        report.searches += sent.searches;
        report.matching += sent.matching;
    }
    Ok(report)
}

/// Claims a period: true for the one caller that wrote its row.
async fn claim(
    db: &impl ConnectionTrait,
    key: &str,
    holder: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    alert_run::Entity::insert(alert_run::ActiveModel {
        period: Set(key.to_owned()),
        holder: Set(String::new()),
        started_at: Set(now),
        finished_at: Set(None),
        outcome: Set(None),
    })
    .on_conflict_do_nothing_on([alert_run::Column::Period])
    .exec_without_returning(db)
    .await?;
    let claimed = alert_run::Entity::update_many()
        .col_expr(alert_run::Column::Holder, Expr::value(holder))
        .filter(alert_run::Column::Period.eq(key))
        .filter(alert_run::Column::Holder.eq(""))
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

#[derive(Default)]
struct Sent {
    alerts: u64,
    emails: u64,
    offers: u64,
    batch: u64,
    searches: u64,
    matching: std::time::Duration,
}

/// One offer in a person's email, with the alert that found it.
struct Match<'a> {
    card: &'a OfferCard,
    alert: &'a alert::Model,
}

/// Sends one period of `frequency`: every active alert's new offers, one
/// email per person.
async fn send(
    db: &DatabaseConnection,
    places: &Directory,
    site_url: &str,
    frequency: AlertFrequency,
    now: DateTime<Utc>,
) -> Result<Sent, DomainError> {
    let alerts = alert::Entity::find()
        .filter(alert::Column::Frequency.eq(frequency))
        .filter(alert::Column::Paused.eq(false))
        .order_by_asc(alert::Column::Id)
        .all(db)
        .await?;
    let mut sent = Sent {
        alerts: alerts.len() as u64,
        ..Sent::default()
    };
    let Some(oldest) = alerts.iter().map(|a| a.matched_until).min() else {
        return Ok(sent);
    };
    let overlap = Duration::minutes(OVERLAP_MINUTES);
    let started = std::time::Instant::now();
    let batch = SearchIndex::batch(db, oldest - overlap, now).await?;
    sent.batch = batch.len();
    let mut found: BTreeMap<i64, Vec<(usize, Arc<Found>)>> = BTreeMap::new();
    if !batch.is_empty() {
        // Many candidates save the same search: each runs once.
        let mut searched: HashMap<&str, Arc<Found>> = HashMap::new();
        for (i, alert) in alerts.iter().enumerate() {
            let hits = match searched.get(alert.query.as_str()) {
                Some(hits) => hits.clone(),
                None => {
                    let query = OfferQuery {
                        sort: Some(SortOrder::Date),
                        ..saved_query(&alert.query)
                    };
                    let (ids, total) = batch.matching(places, &query, MATCHES_PER_SEARCH)?;
                    let hits = Arc::new(Found { ids, total });
                    searched.insert(&alert.query, hits.clone());
                    hits
                }
            };
            if !hits.ids.is_empty() {
                found.entry(alert.user_id).or_default().push((i, hits));
            }
        }
        sent.searches = searched.len() as u64;
    }
    sent.matching = started.elapsed();
    let ids: Vec<i64> = found
        .values()
        .flatten()
        .flat_map(|(_, hits)| hits.ids.iter().copied())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    // In slices: a database takes a bounded number of values per statement.
    let mut cards: HashMap<i64, OfferCard> = HashMap::with_capacity(ids.len());
    let mut listed: HashMap<i64, DateTime<Utc>> = HashMap::with_capacity(ids.len());
    for slice in ids.chunks(1000) {
        cards.extend(
            crate::offers::cards(db, slice)
                .await?
                .into_iter()
                .map(|c| (c.id, c)),
        );
        // When each entered the catalogue: published, or written by an
        // import (whose publication date is its source's).
        let written: Vec<(i64, DateTime<Utc>)> = offer::Entity::find()
            .select_only()
            .columns([offer::Column::Id, offer::Column::CreatedAt])
            .filter(offer::Column::Id.is_in(slice.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        listed.extend(written);
    }
    for card in cards.values() {
        if let Some(published) = card.published_at {
            let at = listed.entry(card.id).or_insert(published);
            *at = (*at).max(published);
        }
    }
    let mut people: HashMap<i64, user::Model> = HashMap::with_capacity(found.len());
    let wanted: Vec<i64> = found.keys().copied().collect();
    for slice in wanted.chunks(1000) {
        people.extend(
            user::Entity::find()
                .filter(user::Column::Id.is_in(slice.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|u| (u.id, u)),
        );
    }
    for (user_id, matches) in &found {
        let Some(person) = people.get(user_id) else {
            continue;
        };
        let already: HashSet<i64> = alert_delivery::Entity::find()
            .filter(alert_delivery::Column::UserId.eq(*user_id))
            .filter(
                alert_delivery::Column::OfferId.is_in(
                    matches
                        .iter()
                        .flat_map(|(_, hits)| hits.ids.iter().copied()),
                ),
            )
            .all(db)
            .await?
            .into_iter()
            .map(|d| d.offer_id)
            .collect();
        let mut fresh: Vec<Match> = Vec::new();
        let mut seen = HashSet::new();
        for (i, hits) in matches {
            let alert = &alerts[*i];
            for id in &hits.ids {
                let Some(card) = cards.get(id) else { continue };
                // New since this alert's own last run (the batch reaches
                // back to the oldest alert's).
                if listed
                    .get(id)
                    .is_none_or(|at| *at <= alert.matched_until - overlap)
                {
                    continue;
                }
                if !already.contains(id) && seen.insert(*id) {
                    fresh.push(Match { card, alert });
                }
            }
        }
        if fresh.is_empty() {
            continue;
        }
        fresh.sort_by(|a, b| {
            b.card
                .published_at
                .cmp(&a.card.published_at)
                .then(b.card.id.cmp(&a.card.id))
        });
        let picked = pick(&fresh);
        let txn = db.begin().await?;
        // The ledger first, in the email's transaction: an offer another
        // run wrote meanwhile (a manual run beside the scheduler) is left
        // to it.
        let mut chosen = Vec::with_capacity(picked.len());
        for m in picked {
            let written = alert_delivery::Entity::insert(alert_delivery::ActiveModel {
                user_id: Set(*user_id),
                offer_id: Set(m.card.id),
                alert_id: Set(Some(m.alert.id)),
                sent_at: Set(now),
            })
            .on_conflict_do_nothing_on([
                alert_delivery::Column::UserId,
                alert_delivery::Column::OfferId,
            ])
            .exec_without_returning(&txn)
            .await?;
            if matches!(written, TryInsertResult::Inserted(n) if n > 0) {
                chosen.push(m);
            }
        }
        if chosen.is_empty() {
            txn.rollback().await?;
            continue;
        }
        // Past the matches kept, the largest search's total says how many
        // more there are (an estimate: it counts what was sent before).
        let counted = matches
            .iter()
            .filter(|(_, hits)| hits.total > hits.ids.len() as u64)
            .map(|(_, hits)| hits.total as usize)
            .max()
            .unwrap_or(0);
        let more = fresh.len().max(counted) - chosen.len();
        let primary = most_frequent_alert(&chosen);
        let token = unsubscribe_token(&txn, primary.id, now).await?;
        let email = digest(person, &chosen, more, primary, site_url, &token);
        mail::enqueue(&txn, email, now).await?;
        let senders: Vec<i64> = chosen.iter().map(|m| m.alert.id).collect();
        alert::Entity::update_many()
            .col_expr(alert::Column::LastSentAt, Expr::value(now))
            .filter(alert::Column::Id.is_in(senders))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        sent.emails += 1;
        sent.offers += chosen.len() as u64;
    }
    // The alerts this run read (not one created meanwhile) have sent
    // everything published until `now`.
    if let Some(last) = alerts.iter().map(|a| a.id).max() {
        alert::Entity::update_many()
            .col_expr(alert::Column::MatchedUntil, Expr::value(now))
            .filter(alert::Column::Frequency.eq(frequency))
            .filter(alert::Column::Id.lte(last))
            .exec(db)
            .await?;
    }
    Ok(sent)
}

/// The offers of one email: newest first, at most [`MAX_PER_COMPANY`] of an
/// employer, at most [`MAX_OFFERS`].
fn pick<'a>(fresh: &'a [Match<'a>]) -> Vec<&'a Match<'a>> {
    let mut per_company: HashMap<&str, usize> = HashMap::new();
    let mut chosen = Vec::new();
    for m in fresh {
        let count = per_company.entry(m.card.company_name.as_str()).or_default();
        if *count >= MAX_PER_COMPANY {
            continue;
        }
        *count += 1;
        chosen.push(m);
        if chosen.len() == MAX_OFFERS {
            break;
        }
    }
    chosen
}

/// The alert that found most of the email's offers: its name is the
/// subject's and its link unsubscribes.
fn most_frequent_alert<'a>(chosen: &[&Match<'a>]) -> &'a alert::Model {
    let mut counts: Vec<(&alert::Model, usize)> = Vec::new();
    for m in chosen {
        match counts.iter_mut().find(|(a, _)| a.id == m.alert.id) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.alert, 1)),
        }
    }
    counts
        .iter()
        .max_by_key(|(a, n)| (*n, std::cmp::Reverse(a.id)))
        .map(|(a, _)| *a)
        .expect("an email has offers")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The email of one person's new offers.
fn digest(
    person: &user::Model,
    chosen: &[&Match],
    more: usize,
    primary: &alert::Model,
    site_url: &str,
    token: &str,
) -> Email {
    let alert_names: Vec<&str> = {
        let mut names: Vec<&str> = Vec::new();
        for m in chosen {
            if !names.contains(&m.alert.name.as_str()) {
                names.push(&m.alert.name);
            }
        }
        names
    };
    let total = chosen.len() + more;
    let mut subject = format!(
        "{} pour « {} »",
        plural(total, "nouvelle offre", "nouvelles offres"),
        primary.name
    );
    if alert_names.len() > 1 {
        subject.push_str(&format!(
            " et {}",
            plural(alert_names.len() - 1, "autre alerte", "autres alertes")
        ));
    }
    let manage = format!("{site_url}/espace/alertes");
    let unsubscribe = format!("{site_url}/alertes/desabonnement/{token}");
    let more_link = format!(
        "{site_url}{}",
        OfferQuery {
            sort: Some(SortOrder::Date),
            ..saved_query(&primary.query)
        }
        .path()
    );
    let greeting = if person.first_name.is_empty() {
        "Bonjour,".to_owned()
    } else {
        format!("Bonjour {},", person.first_name)
    };
    let mut text = format!("{greeting}\n\nDe nouvelles offres correspondent à vos alertes :\n\n");
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:Arial,sans-serif;color:#1f2933;line-height:1.5\">\
         <p>{}</p><p>De nouvelles offres correspondent à vos alertes :</p>",
        escape_html(&subject),
        escape_html(&greeting)
    );
    for m in chosen {
        let card = m.card;
        let link = format!("{site_url}{}", card.path());
        let mut facts = vec![
            card.company_name.clone(),
            format!("{} ({})", card.place_name, card.department_code),
            card.contract_type.label().to_owned(),
        ];
        if let Some(salary) = card.salary {
            facts.push(salary.display());
        }
        let facts = facts.join(" · ");
        let found_by = format!("Alerte « {} »", m.alert.name);
        text.push_str(&format!(
            "- {}\n  {facts}\n  {found_by}\n  {link}\n\n",
            card.title
        ));
        html.push_str(&format!(
            "<p style=\"margin:0 0 16px\"><a href=\"{}\" style=\"font-weight:bold;color:#0b4a7d\">{}</a><br>{}<br>\
             <span style=\"font-size:13px;color:#52606d\">{}</span></p>",
            escape_html(&link),
            escape_html(&card.title),
            escape_html(&facts),
            escape_html(&found_by)
        ));
    }
    if more > 0 {
        let label = format!("Voir les {more} autres offres");
        text.push_str(&format!("{label} : {more_link}\n\n"));
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>",
            escape_html(&more_link),
            escape_html(&label)
        ));
    }
    text.push_str(&format!(
        "L'équipe JobToMove\n\n--\nVous recevez cet e-mail parce que vous avez créé des alertes sur JobToMove.\n\
         Gérer mes alertes : {manage}\nNe plus recevoir l'alerte « {} » : {unsubscribe}\n",
        primary.name
    ));
    html.push_str(&format!(
        "<p>L'équipe JobToMove</p><hr><p style=\"font-size:12px;color:#52606d\">\
         Vous recevez cet e-mail parce que vous avez créé des alertes sur JobToMove.<br>\
         <a href=\"{}\">Gérer mes alertes</a> · <a href=\"{}\">Ne plus recevoir l'alerte « {} »</a></p></body></html>",
        escape_html(&manage),
        escape_html(&unsubscribe),
        escape_html(&primary.name)
    ));
    Email {
        to: person.email.clone(),
        subject,
        text,
        html,
        list_unsubscribe: Some(unsubscribe),
        message_id: None,
        references: Vec::new(),
    }
}
