//! sea-orm entities, one module per table.

pub mod company;
pub mod company_member;
pub mod department;
pub mod group;
pub mod offer;
pub mod place;
pub mod region;
pub mod user;
