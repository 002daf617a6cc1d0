//! The dashboards (`/tableau-de-bord`): where log-in lands each role and
//! where the logo leads once signed in (R7 for recruiters and training
//! organisations, C5 for candidates).

pub mod api;
pub mod pages;
