//! Postings (R3, R4, B1, B2, B4, B6): a recruiter's offers and their editor.

pub mod api;
pub mod pages;
pub mod rich_text;
