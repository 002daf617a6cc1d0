//! sea-orm entities, one module per table.

pub mod account_token;
pub mod application;
pub mod application_event;
pub mod application_replacement;
pub mod candidate_profile;
pub mod company;
pub mod company_block;
pub mod company_member;
pub mod department;
pub mod dossier;
pub mod favorite_candidate;
pub mod group;
pub mod job_lease;
pub mod message;
pub mod offer;
pub mod outbox;
pub mod place;
pub mod rate_limit;
pub mod region;
pub mod saved_offer;
pub mod session;
pub mod stored_file;
pub mod thread;
pub mod thread_read;
pub mod user;
