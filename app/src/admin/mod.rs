//! The administrators' space (A1–A4, desktop first): the contact inbox and
//! its cases, groups, companies and their recruiters, the journal, and the
//! second factor's page.

pub mod api;
pub mod companies;
pub mod pages;
