//! Messaging (C6) as pages see it: the inbox, a conversation, and message
//! text cut into plain text and links.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

closed_set! {
    /// What a thread is about (C6).
    pub enum ThreadKind {
        Application = "candidature" => "Candidature",
        Company = "entreprise" => "Candidature spontanée",
        Dossier = "cvtheque" => "CVthèque",
    }
}

/// A message: at most this many characters.
pub const MESSAGE_MAX_CHARS: usize = 5000;
/// The shown name of a person or company whose account is gone.
pub const DELETED_ACCOUNT: &str = "Compte supprimé";

/// The reader's unread messages, counted once per page (the header and
/// the bottom bar show it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnreadMessages(pub u64);

/// What a new thread is about, as posted by the "écrire" buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadTarget {
    /// An application: the candidate who made it, or the recruiter who
    /// published the offer.
    Application(i64),
    /// A company, from its page (a candidate's spontaneous application).
    Company(i64),
    /// A visible CVthèque dossier (recruiters and training organisations).
    Dossier(i64),
}

/// A thread in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i64,
    pub subject: String,
    /// Who is on the other side: a company (and recruiter) or a candidate.
    pub with: String,
    pub excerpt: Option<String>,
    pub last_at: Option<DateTime<Utc>>,
    pub unread: u64,
}

impl ThreadSummary {
    pub fn path(&self) -> String {
        format!("/messages/{}", self.id)
    }
}

/// One message as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub mine: bool,
    pub author: String,
    /// None: its author deleted their account.
    pub body: Option<String>,
    /// When it was sent, as its reader reads it: « 27 novembre 2026 à
    /// 08:05 », Paris time. Written by the server, so that the
    /// conversation's island shows new messages without chrono's calendar
    /// in its WebAssembly.
    pub sent: String,
}

/// A conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub id: i64,
    pub subject: String,
    pub with: String,
    /// Where the thread comes from: (label, link) — the offer, the
    /// application or the dossier.
    pub about: Option<(String, String)>,
    pub messages: Vec<MessageView>,
    /// Why the reader cannot write any more, when they cannot.
    pub closed: Option<String>,
    /// For the candidate: the company, and whether they blocked it.
    pub company: Option<(i64, String, bool)>,
}

/// A piece of a message: text, or a link to make clickable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Link(String),
}

/// Cuts a message into text and http(s) links (nothing else is rendered:
/// the text is shown as text). A link's trailing punctuation stays text.
pub fn linkify(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
            .unwrap_or(tail.len());
        let link = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»', '\'']);
        if start > 0 {
            segments.push(Segment::Text(rest[..start].to_owned()));
        }
        if link.len() > "https://".len() {
            segments.push(Segment::Link(link.to_owned()));
        } else {
            segments.push(Segment::Text(link.to_owned()));
        }
        rest = &tail[link.len()..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Text(rest.to_owned()));
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_clickable_and_everything_else_stays_text() {
        assert_eq!(
            linkify("Voir https://garage.example/offre. <b>Merci</b>"),
            vec![
                Segment::Text("Voir ".into()),
                Segment::Link("https://garage.example/offre".into()),
                Segment::Text(". <b>Merci</b>".into()),
            ]
        );
        assert_eq!(
            linkify("javascript:alert(1) et http://"),
            vec![
                Segment::Text("javascript:alert(1) et ".into()),
                Segment::Text("http://".into())
            ]
        );
    }
}
