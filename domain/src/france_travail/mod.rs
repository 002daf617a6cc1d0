//! The France Travail catalogue (X1): the sector's offers of the "Offres
//! d'emploi v2" API, read into the portal's own values. This module holds
//! what does not need the network — the sector's ROME codes, the API's offer
//! as it really comes (`offer`), and every rule that turns it into an offer
//! of the portal (`mapping`), each tested on payloads of the documented
//! shape (`../shared/FRANCE_TRAVAIL.md`, §6–§12). The importer that pages
//! through the API builds on it.

#[cfg(feature = "server")]
pub mod client;
#[cfg(feature = "server")]
pub mod crawl;
#[cfg(feature = "server")]
pub mod import;
pub mod mapping;
pub mod offer;
pub mod rome;
