//! schema.org `JobPosting` markup of an open offer, as Google for Jobs reads it.

use super::{ANONYMOUS_EMPLOYER, ApplyMethod, OfferDetail};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// The JSON-LD of an open offer at its canonical `url`: Google's required
/// properties (title, description, datePosted, hiringOrganization,
/// jobLocation) and recommended ones (validThrough, employmentType,
/// baseSalary, identifier, directApply). None when the markup could not be
/// truthful and complete: an imported offer with an anonymous employer or
/// placed only by its département.
pub fn job_posting(offer: &OfferDetail, url: &str, published: DateTime<Utc>) -> Option<Value> {
    if offer.employer == ANONYMOUS_EMPLOYER || offer.place.department_only {
        return None;
    }
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": offer.description_html,
        "datePosted": published.to_rfc3339(),
        "url": url,
        "identifier": {
            "@type": "PropertyValue",
            "name": offer.employer,
            "value": offer.reference.clone().unwrap_or_else(|| offer.id.to_string()),
        },
        "hiringOrganization": {
            "@type": "Organization",
            "name": offer.employer,
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": offer.place.name,
                "postalCode": offer.place.postal_code,
                "addressRegion": offer.place.region_name,
                "addressCountry": "FR",
            },
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": offer.place.latitude,
                "longitude": offer.place.longitude,
            },
        },
        "employmentType": offer.contract_type.schema_org(offer.working_time),
        // One-click application on the portal; an imported offer is applied
        // for at its source.
        "directApply": offer.apply_method == ApplyMethod::Portal && !offer.is_imported(),
    });
    if let Some(website) = offer.company.as_ref().and_then(|c| c.website.as_ref()) {
        posting["hiringOrganization"]["sameAs"] = json!(website);
    }
    if let Some(expires) = offer.expires_at {
        posting["validThrough"] = json!(expires.to_rfc3339());
    }
    if let Some(salary) = offer.salary {
        posting["baseSalary"] = json!({
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": f64::from(salary.min_cents) / 100.0,
                "maxValue": f64::from(salary.max_cents) / 100.0,
                "unitText": salary.period.schema_org(),
            },
        });
    }
    Some(posting)
}

/// JSON for an inline `<script type="application/ld+json">`: every `<`
/// escaped so that no text can close the script or look like markup.
pub fn json_for_script(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}
