//! A company of the sector, with its public page (P4, R2).

use crate::model::CompanyActivity;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "companies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    #[sea_orm(unique)]
    pub siret: Option<String>,
    pub activity: CompanyActivity,
    pub description: String,
    pub address: Option<String>,
    pub place_insee: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub group_id: Option<i64>,
    pub logo_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// `name` folded for searching (see `model::fold_name`).
    pub search_name: String,
    /// The dealer group the owner asked to join, until the JobToMove team
    /// approves it (then `group_id`) or turns it down.
    pub requested_group_id: Option<i64>,
    /// When the team suspended the company (A4): its offers are out of the
    /// catalogue and its recruiters cannot publish.
    pub suspended_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::place::Entity",
        from = "Column::PlaceInsee",
        to = "super::place::Column::Insee"
    )]
    Place,
    #[sea_orm(
        belongs_to = "super::group::Entity",
        from = "Column::GroupId",
        to = "super::group::Column::Id"
    )]
    Group,
}

impl Related<super::place::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Place.def()
    }
}

impl Related<super::group::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Group.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
