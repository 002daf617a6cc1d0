//! Email (X2): every message is written to the `outbox` table in the same
//! transaction as the change that causes it; [`deliver_due`] sends what is
//! due, by SMTP or as `.eml` files, and retries with backoff.
//!
//! No message is lost: it is in the database before anyone tries to send it,
//! and marked sent only after the transport accepted it. None is duplicated
//! by a restart: a file is named after its outbox id (a retry overwrites it),
//! and an SMTP message carries a Message-ID made from that id, the same on
//! every attempt, so a receiver recognises a resend after a crash between
//! "accepted" and "marked sent".

pub mod templates;

use crate::DomainError;
use crate::entity::outbox;
use chrono::{DateTime, Duration, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::path::PathBuf;

/// An email to send: plain text and HTML versions of the same French text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The HTTPS one-click unsubscribe URL (RFC 8058) of a subscribed email.
    pub list_unsubscribe: Option<String>,
    /// Threading (RFC 5322): the `Message-ID` of an email others will
    /// answer (`<…@host>`), and the ids a reply refers to, oldest first
    /// (its `In-Reply-To` is the last).
    pub message_id: Option<String>,
    pub references: Vec<String>,
}

/// Puts an email in the outbox. Call it with the transaction of the change
/// the email tells about.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    email: Email,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    outbox::Entity::insert(outbox::ActiveModel {
        to_address: Set(email.to),
        subject: Set(email.subject),
        text_body: Set(email.text),
        html_body: Set(email.html),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        list_unsubscribe: Set(email.list_unsubscribe),
        message_id: Set(email.message_id),
        references: Set((!email.references.is_empty()).then(|| email.references.join(" "))),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Where emails go.
#[derive(Clone)]
pub enum Transport {
    /// `.eml` files in a folder (the default: nothing leaves the machine).
    Files(PathBuf),
    /// An SMTP server (`SMTP_URL`, e.g. `smtp://user:pass@host:587?tls=required`).
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Transport {
    /// SMTP when a URL is given, files under `outbox_dir` otherwise.
    pub fn from_config(smtp_url: Option<&str>, outbox_dir: PathBuf) -> Result<Self, String> {
        match smtp_url.filter(|url| !url.is_empty()) {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|builder| Self::Smtp(builder.build()))
                .map_err(|e| format!("SMTP_URL is not a valid SMTP URL: {e}")),
            None => Ok(Self::Files(outbox_dir)),
        }
    }

    async fn send(&self, id: i64, message: Message) -> Result<(), String> {
        match self {
            Self::Files(dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| e.to_string())?;
                let path = dir.join(format!("{id:010}.eml"));
                let partial = dir.join(format!(".{id:010}.eml.tmp"));
                tokio::fs::write(&partial, message.formatted())
                    .await
                    .map_err(|e| e.to_string())?;
                tokio::fs::rename(&partial, &path)
                    .await
                    .map_err(|e| e.to_string())
            }
            Self::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
        }
    }
}

/// The sender's identity and the host name used in Message-IDs.
#[derive(Debug, Clone)]
pub struct Sender {
    pub from: Mailbox,
    pub host: String,
}

/// Attempts after which a message is given up (logged as an error); the
/// backoff between attempts doubles from one minute up to six hours.
pub const MAX_ATTEMPTS: i32 = 12;

fn backoff(attempts: i32) -> Duration {
    Duration::minutes(1i64 << attempts.clamp(0, 9)).min(Duration::hours(6))
}

/// The messages due at `now`: not sent, their next attempt come, not given
/// up.
fn due(now: DateTime<Utc>) -> sea_orm::Select<outbox::Entity> {
    outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(outbox::Column::Attempts.lt(MAX_ATTEMPTS))
}

/// Whether a message is due: a read, so that the sender, which looks every
/// two seconds, writes nothing while there is nothing to send (on SQLite
/// every write makes each pooled connection drop its page cache).
pub async fn any_due(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<bool, DomainError> {
    Ok(due(now)
        .select_only()
        .column(outbox::Column::Id)
        .into_tuple::<i64>()
        .one(db)
        .await?
        .is_some())
}

/// Sends the messages that are due, oldest first, at most `batch` of them;
/// returns how many were sent.
pub async fn deliver_due(
    db: &impl ConnectionTrait,
    transport: &Transport,
    sender: &Sender,
    now: DateTime<Utc>,
    batch: u64,
) -> Result<usize, DomainError> {
    let due = due(now)
        .order_by_asc(outbox::Column::Id)
        .limit(batch)
        .all(db)
        .await?;
    let mut sent = 0;
    for row in due {
        let id = row.id;
        let attempts = row.attempts + 1;
        let outcome = match build(&row, sender) {
            Ok(message) => transport.send(id, message).await,
            Err(e) => Err(e),
        };
        let mut update: outbox::ActiveModel = row.into();
        update.attempts = Set(attempts);
        match outcome {
            Ok(()) => {
                update.sent_at = Set(Some(now));
                update.last_error = Set(None);
                sent += 1;
            }
            Err(error) => {
                let error: String = error.chars().take(500).collect();
                if attempts >= MAX_ATTEMPTS {
                    tracing::error!(outbox_id = id, %error, "email given up after {attempts} attempts");
                } else {
                    tracing::warn!(outbox_id = id, %error, "email not sent, will retry");
                }
                update.next_attempt_at = Set(now + backoff(attempts));
                update.last_error = Set(Some(error));
            }
        }
        update.update(db).await?;
    }
    Ok(sent)
}

fn build(row: &outbox::Model, sender: &Sender) -> Result<Message, String> {
    let to: Mailbox = row
        .to_address
        .parse()
        .map_err(|e| format!("bad recipient: {e}"))?;
    let mut message = Message::builder()
        .from(sender.from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(
            row.message_id
                .clone()
                .unwrap_or_else(|| format!("<outbox-{}@{}>", row.id, sender.host)),
        ))
        .multipart(MultiPart::alternative_plain_html(
            row.text_body.clone(),
            row.html_body.clone(),
        ))
        .map_err(|e| e.to_string())?;
    if let Some(references) = &row.references {
        use lettre::message::header::{HeaderName, HeaderValue};
        let headers = message.headers_mut();
        if let Some(last) = references.split_whitespace().last() {
            headers.insert_raw(HeaderValue::new(
                HeaderName::new_from_ascii_str("In-Reply-To"),
                last.to_owned(),
            ));
        }
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("References"),
            references.clone(),
        ));
    }
    if let Some(url) = &row.list_unsubscribe {
        // RFC 8058: one HTTPS URI, and the one-click POST announced.
        use lettre::message::header::{HeaderName, HeaderValue};
        let headers = message.headers_mut();
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{url}>"),
        ));
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".to_owned(),
        ));
    }
    Ok(message)
}

/// Deletes sent messages older than 30 days (scheduled work).
pub async fn purge_sent(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DomainError> {
    let done = outbox::Entity::delete_many()
        .filter(outbox::Column::SentAt.lt(now - Duration::days(30)))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use chrono::Duration;

    #[test]
    fn retries_back_off_from_a_minute_to_six_hours() {
        assert_eq!(backoff(0), Duration::minutes(1));
        assert_eq!(backoff(1), Duration::minutes(2));
        assert_eq!(backoff(5), Duration::minutes(32));
        assert_eq!(backoff(11), Duration::hours(6));
    }
}
