//! Offers (P3, C8): an offer's page, the heart that saves it, saved offers.

pub mod api;
pub mod page;
pub mod save;
pub mod saved;
