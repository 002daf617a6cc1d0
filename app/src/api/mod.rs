//! Server functions: thin, they read the state (and later the session), call
//! one domain service and return its typed result.

pub mod account;
pub mod candidate;
pub mod companies;
pub mod messages;
pub mod offers;
pub mod recruiter;
pub mod search;
