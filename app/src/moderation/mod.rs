//! Moderation (A4, B2): "Signaler cette offre" (`/signaler`), and the
//! administrators' queue and decisions (`/admin/moderation…`).

pub mod api;
pub mod pages;
