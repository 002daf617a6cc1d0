//! The contact form (P6): `/contact`, whose messages become cases of the
//! administrators' inbox.

pub mod api;
pub mod pages;
