//! Pieces shared by pages.

pub mod layout;
pub mod offer_card;
pub mod search_form;
pub mod share;
