//! schema.org `JobPosting` markup of an open offer, as Google for Jobs reads it.

use super::OfferDetail;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// The JSON-LD of an open offer at its canonical `url`: Google's required
/// properties (title, description, datePosted, hiringOrganization,
/// jobLocation) and recommended ones (validThrough, employmentType,
/// baseSalary, identifier, directApply).
pub fn job_posting(offer: &OfferDetail, url: &str, published: DateTime<Utc>) -> Value {
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": offer.description_html,
        "datePosted": published.to_rfc3339(),
        "url": url,
        "identifier": {
            "@type": "PropertyValue",
            "name": offer.company.name,
            "value": offer.reference.clone().unwrap_or_else(|| offer.id.to_string()),
        },
        "hiringOrganization": {
            "@type": "Organization",
            "name": offer.company.name,
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
        // Applying on the portal itself comes with the application feature;
        // until then candidates apply through the recruiter's contact.
        "directApply": false,
    });
    if let Some(website) = &offer.company.website {
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
    posting
}

/// JSON for an inline `<script type="application/ld+json">`: every `<`
/// escaped so that no text can close the script or look like markup.
pub fn json_for_script(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}
