//! Job alerts (C7) as pages show them.

use super::OfferQuery;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

closed_set! {
    /// How often an alert emails its new offers.
    pub enum AlertFrequency {
        Instant = "immediate" => "Dès qu'une offre paraît",
        Daily = "quotidienne" => "Une fois par jour",
        Weekly = "hebdomadaire" => "Une fois par semaine",
    }
}

/// Alerts one account may keep.
pub const MAX_ALERTS: u64 = 20;

/// One alert in "Mes alertes".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertView {
    pub id: i64,
    pub name: String,
    /// The criteria in words.
    pub summary: String,
    pub frequency: AlertFrequency,
    pub paused: bool,
    pub last_sent_at: Option<DateTime<Utc>>,
    /// The search it saves, to reopen it.
    pub search_path: String,
}

/// The criteria of a search in words: « mécanicien · CDI · 30 km autour de
/// Lyon ». Also the default name of an alert.
pub fn describe(query: &OfferQuery) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !query.q.trim().is_empty() {
        parts.push(query.q.trim().to_owned());
    }
    parts.extend(query.families.iter().map(|f| f.short_label().to_owned()));
    parts.extend(query.contracts.iter().map(|c| c.label().to_owned()));
    if let Some(time) = query.working_time {
        parts.push(time.label().to_owned());
    }
    if let Some(experience) = query.experience {
        parts.push(experience.label().to_owned());
    }
    if let Some(euros) = query.salary_min {
        parts.push(format!("dès {euros} € par mois"));
    }
    parts.extend(query.sources.iter().map(|s| s.label().to_owned()));
    if !query.lieu.trim().is_empty() {
        parts.push(match query.radius_km {
            Some(km) => format!("{km} km autour de {}", query.lieu.trim()),
            None => query.lieu.trim().to_owned(),
        });
    }
    if parts.is_empty() {
        parts.push("Toutes les offres".to_owned());
    }
    let text = parts.join(" · ");
    text.chars().take(120).collect()
}

/// The search an alert keeps: its query without page, order or date window
/// (an alert always sends what is new, newest first).
pub fn alert_query(query: &OfferQuery) -> OfferQuery {
    OfferQuery {
        page: 1,
        sort: None,
        since_days: None,
        ..query.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alert_is_named_after_its_criteria() {
        let query = OfferQuery::from_pairs([
            ("q", "mécanicien"),
            ("contrat", "cdi"),
            ("lieu", "Lyon"),
            ("rayon", "30"),
        ]);
        assert_eq!(describe(&query), "mécanicien · CDI · 30 km autour de Lyon");
        assert_eq!(describe(&OfferQuery::default()), "Toutes les offres");
    }

    #[test]
    fn an_alert_keeps_the_search_without_its_page_order_or_dates() {
        let query = OfferQuery::from_pairs([
            ("q", "carrossier"),
            ("page", "3"),
            ("tri", "date"),
            ("depuis", "7"),
        ]);
        assert_eq!(alert_query(&query).to_query_string(), "q=carrossier");
    }
}
