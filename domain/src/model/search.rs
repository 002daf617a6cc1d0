//! Offer search (P2): the query a URL holds, and the results a page shows.
//!
//! `/offres?q=…&lieu=…&rayon=…&contrat=…&metier=…&region=…&salaire_min=…&depuis=…
//! &temps=…&experience=…&tri=…&page=…` — the URL holds the whole query, so
//! the same URL renders the same results, with or without JavaScript.

use super::{CatalogueSource, ContractType, Experience, JobFamily, OfferCard, WorkingTime};
use serde::{Deserialize, Serialize};

/// Offers per results page.
pub const PAGE_SIZE: u32 = 20;
/// Deepest page served: beyond it, refine the search.
pub const MAX_PAGE: u32 = 50;
/// Radius used around a commune when none is given, in km.
pub const DEFAULT_RADIUS_KM: u32 = 10;
/// The radius choices offered by the form, in km.
pub const RADII_KM: [u32; 6] = [0, 5, 10, 20, 50, 100];
/// The "posted within" choices offered by the form, in days.
pub const SINCE_DAYS: [u32; 4] = [1, 3, 7, 30];

closed_set! {
    /// How results are ordered.
    pub enum SortOrder {
        Relevance = "pertinence" => "Pertinence",
        Date = "date" => "Date de publication",
        Distance = "distance" => "Distance",
    }
}

/// A search, as parsed from the URL. Unknown or malformed values are dropped
/// rather than refused: a shared link always shows something useful.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OfferQuery {
    /// Keywords: job, skill, company…
    pub q: String,
    /// A commune (name or INSEE code), a postal code or a department.
    pub lieu: String,
    pub radius_km: Option<u32>,
    pub contracts: Vec<ContractType>,
    pub families: Vec<JobFamily>,
    /// Portal offers, France Travail's, or both (empty).
    pub sources: Vec<CatalogueSource>,
    /// A region's INSEE code.
    pub region: Option<String>,
    /// Minimum gross monthly salary (monthly equivalent), in euros.
    pub salary_min: Option<u32>,
    pub since_days: Option<u32>,
    pub working_time: Option<WorkingTime>,
    pub experience: Option<Experience>,
    pub sort: Option<SortOrder>,
    /// 1-based.
    pub page: u32,
}

impl OfferQuery {
    /// Parses URL query pairs (repeated keys allowed for `contrat` and `metier`).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = Self {
            page: 1,
            ..Self::default()
        };
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "q" => query.q = clip(value, 200),
                "lieu" => query.lieu = clip(value, 100),
                "rayon" => query.radius_km = value.parse().ok().filter(|r| *r <= 200),
                "contrat" => push_unique(&mut query.contracts, ContractType::from_code(value)),
                "metier" => push_unique(&mut query.families, JobFamily::from_code(value)),
                "source" => push_unique(&mut query.sources, CatalogueSource::from_code(value)),
                "region" => {
                    query.region = (value.len() <= 3
                        && value.bytes().all(|b| b.is_ascii_alphanumeric()))
                    .then(|| value.to_owned())
                }
                "salaire_min" => {
                    query.salary_min = value.parse().ok().filter(|s| (1..=100_000).contains(s))
                }
                "depuis" => query.since_days = value.parse().ok().filter(|d| (1..=365).contains(d)),
                "temps" => query.working_time = WorkingTime::from_code(value),
                "experience" => query.experience = Experience::from_code(value),
                "tri" => query.sort = SortOrder::from_code(value),
                "page" => query.page = value.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        query
    }

    /// The query string of this search (without `?`), in a stable order.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if !self.lieu.is_empty() {
            pairs.push(("lieu", self.lieu.clone()));
        }
        if let Some(radius) = self.radius_km {
            pairs.push(("rayon", radius.to_string()));
        }
        pairs.extend(
            self.contracts
                .iter()
                .map(|c| ("contrat", c.code().to_owned())),
        );
        pairs.extend(
            self.families
                .iter()
                .map(|f| ("metier", f.code().to_owned())),
        );
        pairs.extend(self.sources.iter().map(|s| ("source", s.code().to_owned())));
        if let Some(region) = &self.region {
            pairs.push(("region", region.clone()));
        }
        if let Some(salary) = self.salary_min {
            pairs.push(("salaire_min", salary.to_string()));
        }
        if let Some(days) = self.since_days {
            pairs.push(("depuis", days.to_string()));
        }
        if let Some(time) = self.working_time {
            pairs.push(("temps", time.code().to_owned()));
        }
        if let Some(experience) = self.experience {
            pairs.push(("experience", experience.code().to_owned()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("tri", sort.code().to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", url_encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The path of this search: `/offres?…`.
    pub fn path(&self) -> String {
        match self.to_query_string() {
            qs if qs.is_empty() => "/offres".to_owned(),
            qs => format!("/offres?{qs}"),
        }
    }

    /// The same search on another page.
    pub fn with_page(&self, page: u32) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }

    /// Whether any filter beyond keywords and place is set.
    pub fn has_filters(&self) -> bool {
        !self.contracts.is_empty()
            || !self.families.is_empty()
            || !self.sources.is_empty()
            || self.region.is_some()
            || self.salary_min.is_some()
            || self.since_days.is_some()
            || self.working_time.is_some()
            || self.experience.is_some()
    }

    /// The order actually used: the one asked for when it applies, else
    /// relevance with keywords, date without.
    pub fn effective_sort(&self, has_place: bool) -> SortOrder {
        match self.sort {
            Some(SortOrder::Distance) if has_place => SortOrder::Distance,
            Some(SortOrder::Relevance) if !self.q.trim().is_empty() => SortOrder::Relevance,
            Some(SortOrder::Date) => SortOrder::Date,
            _ if !self.q.trim().is_empty() => SortOrder::Relevance,
            _ => SortOrder::Date,
        }
    }
}

fn clip(value: &str, max_chars: usize) -> String {
    value.chars().take(max_chars).collect()
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: Option<T>) {
    if let Some(value) = value
        && !list.contains(&value)
    {
        list.push(value);
    }
}

/// "1 offre", "12 offres", "1 234 offres".
pub fn count_offers(count: u64) -> String {
    let digits = count.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    format!("{grouped} offre{}", if count > 1 { "s" } else { "" })
}

/// Percent-encodes a query-string value (spaces as `+`).
pub fn url_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// An offer in the results, with its distance when the search has a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferHit {
    pub card: OfferCard,
    pub distance_km: Option<f64>,
}

/// A facet value with the number of offers it would give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount<T> {
    pub value: T,
    pub count: u64,
}

/// A department facet value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentCount {
    pub code: String,
    pub name: String,
    pub count: u64,
}

/// Counts per value of the contract, job family and department facets. Each
/// facet counts the offers matching every other filter, so ticking a second
/// contract type shows how many more offers it brings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    pub contracts: Vec<FacetCount<ContractType>>,
    pub families: Vec<FacetCount<JobFamily>>,
    pub sources: Vec<FacetCount<CatalogueSource>>,
    pub departments: Vec<DepartmentCount>,
}

/// How the `lieu` of a search was understood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PlaceFilter {
    /// Around a commune, within a radius.
    Around {
        label: String,
        radius_km: u32,
    },
    Department {
        label: String,
    },
    /// A place the directory does not know: ignored, and the page says so.
    Unknown {
        text: String,
    },
}

/// Another search to try when a search finds nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchSuggestion {
    pub label: String,
    pub path: String,
}

/// A place suggested for the "où" field: the value to fill in and a hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceOption {
    pub value: String,
    pub detail: String,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: OfferQuery,
    pub total: u64,
    pub hits: Vec<OfferHit>,
    pub facets: Facets,
    pub place: Option<PlaceFilter>,
    pub sort: SortOrder,
    pub page: u32,
    pub pages: u32,
    /// Set when nothing matched: what to try instead.
    pub suggestions: Vec<SearchSuggestion>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_url_round_trips() {
        let query = OfferQuery::from_pairs([
            ("q", "mécanicien poids lourds"),
            ("lieu", "Lyon (69)"),
            ("rayon", "20"),
            ("contrat", "cdi"),
            ("contrat", "alternance"),
            ("metier", "I1604"),
            ("salaire_min", "1900"),
            ("depuis", "7"),
            ("tri", "date"),
            ("page", "3"),
        ]);
        assert_eq!(
            query.contracts,
            [ContractType::Cdi, ContractType::Alternance]
        );
        assert_eq!(query.radius_km, Some(20));
        assert_eq!(
            query.to_query_string(),
            "q=m%C3%A9canicien+poids+lourds&lieu=Lyon+%2869%29&rayon=20&contrat=cdi&contrat=alternance&metier=I1604&salaire_min=1900&depuis=7&tri=date&page=3"
        );
    }

    #[test]
    fn malformed_values_are_dropped_not_refused() {
        let query = OfferQuery::from_pairs([
            ("rayon", "beaucoup"),
            ("contrat", "esclavage"),
            ("page", "-2"),
            ("salaire_min", "0"),
            ("region", "<script>"),
            ("inconnu", "x"),
        ]);
        assert_eq!(
            query,
            OfferQuery {
                page: 1,
                ..OfferQuery::default()
            }
        );
        assert_eq!(query.path(), "/offres");
    }

    #[test]
    fn the_default_order_is_relevance_with_keywords_and_date_without() {
        let with_words = OfferQuery::from_pairs([("q", "carrossier")]);
        assert_eq!(with_words.effective_sort(false), SortOrder::Relevance);
        let without = OfferQuery::from_pairs([]);
        assert_eq!(without.effective_sort(true), SortOrder::Date);
        let by_distance = OfferQuery::from_pairs([("tri", "distance")]);
        assert_eq!(
            by_distance.effective_sort(false),
            SortOrder::Date,
            "no place: no distance"
        );
        assert_eq!(by_distance.effective_sort(true), SortOrder::Distance);
    }
}
