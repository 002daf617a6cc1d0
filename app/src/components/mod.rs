//! Pieces shared by pages.

pub mod candidate;
pub mod company_card;
pub mod form;
pub mod head;
pub mod islands;
pub mod layout;
pub mod offer_card;
pub mod pagination;
pub mod password;
pub mod rich_text;
pub mod search_form;
pub mod share;
