//! Job alerts (C7): "Mes alertes", the control on the search page, and the
//! one-click unsubscribe page.

pub mod api;
pub mod pages;
