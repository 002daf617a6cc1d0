//! Companies (P4, P5, R1, R2): the directory, company and group pages, the
//! company page's editor.

pub mod api;
pub mod editor;
pub mod pages;
