//! Messaging's reads (C6): the inbox, a conversation (read marks it read),
//! the messages after one (the conversation island polls it) and the
//! unread count (the badge island polls it). Signed-in candidates and
//! recruiters only; a thread the reader may not read is NotFound.

use domain::DomainError;
use domain::model::{MessageView, ThreadSummary, ThreadView};
use leptos::prelude::*;

/// The inbox, latest first.
#[server(endpoint = "messages")]
pub async fn my_threads() -> Result<Vec<ThreadSummary>, DomainError> {
    let state = crate::state::app_state()?;
    domain::messaging::threads(&state.db, &crate::session::correspondent()?).await
}

/// One conversation, marked read.
#[server(endpoint = "conversation")]
pub async fn conversation(id: i64) -> Result<ThreadView, DomainError> {
    let state = crate::state::app_state()?;
    domain::messaging::read(&state.db, &crate::session::correspondent()?, id).await
}

/// The messages of conversation `id` after message `after`, marked read.
#[server(endpoint = "conversation-suite")]
pub async fn conversation_since(id: i64, after: i64) -> Result<Vec<MessageView>, DomainError> {
    let state = crate::state::app_state()?;
    domain::messaging::since(&state.db, &crate::session::correspondent()?, id, after).await
}

/// The arguments of `conversation_since` as its island posts them.
pub fn since_form(id: i64, after: i64) -> String {
    format!("id={id}&after={after}")
}

/// How many messages the reader has not read.
#[server(endpoint = "messages-non-lus")]
pub async fn unread_count() -> Result<u64, DomainError> {
    let state = crate::state::app_state()?;
    domain::messaging::unread(&state.db, &crate::session::correspondent()?).await
}
