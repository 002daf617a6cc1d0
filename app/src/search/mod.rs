//! Search (P1, P2): the home page, the results page and the search form.

pub mod api;
pub mod form;
pub mod home;
pub mod page;
