//! Applications (P7, C4, C5, R5, B3): applying, a candidate's applications,
//! those a recruiter received.

pub mod api;
pub mod apply;
pub mod keep;
pub mod mine;
pub mod pipeline;
pub mod received;
