//! One module per page.

pub mod account;
pub mod apply;
pub mod candidate;
pub mod companies;
pub mod cvtheque;
pub mod encart;
pub mod home;
pub mod info;
pub mod not_found;
pub mod offer;
pub mod profile;
pub mod recruiter;
pub mod search;
