//! One module per page.

pub mod home;
pub mod not_found;
pub mod offer;
pub mod search;
