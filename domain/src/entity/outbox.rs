//! An email waiting to be sent, or sent (X2).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub text_body: String,
    #[sea_orm(column_type = "Text")]
    pub html_body: String,
    pub created_at: DateTimeUtc,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    /// The `List-Unsubscribe` URL of an email that has one (alerts, RFC 8058).
    pub list_unsubscribe: Option<String>,
    /// The `Message-ID` of an email that starts a thread (a contact
    /// case's acknowledgement), else one made from the outbox id.
    pub message_id: Option<String>,
    /// The `References` of a reply (its `In-Reply-To` is the last one).
    pub references: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
