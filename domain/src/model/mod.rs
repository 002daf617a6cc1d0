//! Types that cross the wire, compiled for every target.

#[macro_use]
mod closed_set;
mod account;
mod candidate;
mod company;
mod enums;
mod job_posting;
mod jobs;
mod lawful;
mod messaging;
mod offer;
mod recruiter;
mod salary;
mod search;
mod siret;
mod slug;
mod text;
mod time;

pub use account::*;
pub use candidate::*;
pub use company::*;
pub use enums::*;
pub use job_posting::*;
pub use jobs::*;
pub use lawful::*;
pub use messaging::*;
pub use offer::*;
pub use recruiter::*;
pub use salary::*;
pub use search::*;
pub use siret::*;
pub use slug::*;
pub use text::*;
pub use time::*;
