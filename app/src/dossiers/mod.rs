//! Dossiers (C3) and the CVthèque (R6, R7).

pub mod api;
pub mod cvtheque;
pub mod pages;
pub mod visibility;
