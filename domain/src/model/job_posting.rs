//! schema.org `JobPosting` markup of an open offer, as Google for Jobs reads it.
//!
//! Written from typed borrows of the offer: an offer page's first render
//! built a `serde_json::Value` tree (its description copied in) only to
//! print it.

use super::{ANONYMOUS_EMPLOYER, ApplyMethod, OfferDetail};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The markup of one offer (see [`job_posting`]).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobPosting<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    date_posted: String,
    url: &'a str,
    identifier: PropertyValue<'a>,
    hiring_organization: Organization<'a>,
    job_location: Place<'a>,
    employment_type: &'static str,
    direct_apply: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_through: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_salary: Option<MonetaryAmount>,
}

#[derive(Debug, Serialize)]
struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    value: std::borrow::Cow<'a, str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address: PostalAddress<'a>,
    geo: GeoCoordinates,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address_locality: &'a str,
    postal_code: &'a str,
    address_region: &'a str,
    address_country: &'static str,
}

#[derive(Debug, Serialize)]
struct GeoCoordinates {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

#[derive(Debug, Serialize)]
struct MonetaryAmount {
    #[serde(rename = "@type")]
    kind: &'static str,
    currency: &'static str,
    value: QuantitativeValue,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct QuantitativeValue {
    #[serde(rename = "@type")]
    kind: &'static str,
    min_value: f64,
    max_value: f64,
    unit_text: &'static str,
}

/// The JSON-LD of an open offer at its canonical `url`: Google's required
/// properties (title, description, datePosted, hiringOrganization,
/// jobLocation) and recommended ones (validThrough, employmentType,
/// baseSalary, identifier, directApply). None when the markup could not be
/// truthful and complete: an imported offer with an anonymous employer or
/// placed only by its département.
pub fn job_posting<'a>(
    offer: &'a OfferDetail,
    url: &'a str,
    published: DateTime<Utc>,
) -> Option<JobPosting<'a>> {
    if offer.employer == ANONYMOUS_EMPLOYER || offer.place.department_only {
        return None;
    }
    Some(JobPosting {
        context: "https://schema.org/",
        kind: "JobPosting",
        title: &offer.title,
        description: &offer.description_html,
        date_posted: published.to_rfc3339(),
        url,
        identifier: PropertyValue {
            kind: "PropertyValue",
            name: &offer.employer,
            value: offer
                .reference
                .as_deref()
                .map_or_else(|| offer.id.to_string().into(), Into::into),
        },
        hiring_organization: Organization {
            kind: "Organization",
            name: &offer.employer,
            same_as: offer.company.as_ref().and_then(|c| c.website.as_deref()),
        },
        job_location: Place {
            kind: "Place",
            address: PostalAddress {
                kind: "PostalAddress",
                address_locality: &offer.place.name,
                postal_code: &offer.place.postal_code,
                address_region: &offer.place.region_name,
                address_country: "FR",
            },
            geo: GeoCoordinates {
                kind: "GeoCoordinates",
                latitude: offer.place.latitude,
                longitude: offer.place.longitude,
            },
        },
        employment_type: offer.contract_type.schema_org(offer.working_time),
        // One-click application on the portal; an imported offer is applied
        // for at its source.
        direct_apply: offer.apply_method == ApplyMethod::Portal && !offer.is_imported(),
        valid_through: offer.expires_at.map(|expires| expires.to_rfc3339()),
        base_salary: offer.salary.map(|salary| MonetaryAmount {
            kind: "MonetaryAmount",
            currency: "EUR",
            value: QuantitativeValue {
                kind: "QuantitativeValue",
                min_value: f64::from(salary.min_cents) / 100.0,
                max_value: f64::from(salary.max_cents) / 100.0,
                unit_text: salary.period.schema_org(),
            },
        }),
    })
}

/// JSON for an inline `<script type="application/ld+json">`: every `<`
/// escaped so that no text can close the script or look like markup.
pub fn json_for_script(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned());
    if json.contains('<') {
        json.replace('<', "\\u003c")
    } else {
        json
    }
}
