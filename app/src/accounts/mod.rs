//! Accounts (C1, C2, C9, C10, R1): signing up, logging in, emailed links,
//! "Mon profil" and the candidate's profile.

pub mod api;
pub mod encart;
pub mod pages;
pub mod profile;
