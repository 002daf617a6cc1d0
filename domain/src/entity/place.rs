//! A commune (or a municipal arrondissement of Paris, Lyon, Marseille).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "places")]
pub struct Model {
    /// The INSEE code (code officiel géographique).
    #[sea_orm(primary_key, auto_increment = false)]
    pub insee: String,
    pub name: String,
    pub slug: String,
    /// Space-separated postal codes; the first is the main one.
    pub postal_codes: String,
    pub department_code: String,
    pub region_code: String,
    pub latitude: f64,
    pub longitude: f64,
    pub population: i32,
}

impl Model {
    pub fn main_postal_code(&self) -> &str {
        self.postal_codes.split(' ').next().unwrap_or_default()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
