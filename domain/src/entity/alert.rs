//! A candidate's job alert (C7): a saved search and how often to send it.

use crate::model::AlertFrequency;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "alerts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    /// The search, as its canonical query string (`OfferQuery::to_query_string`).
    pub query: String,
    pub frequency: AlertFrequency,
    pub paused: bool,
    /// Offers published after this instant are still to be sent.
    pub matched_until: DateTimeUtc,
    pub last_sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
