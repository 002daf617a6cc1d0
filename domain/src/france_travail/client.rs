//! The API as it really behaves (`FRANCE_TRAVAIL.md` §1, §3, §12): a token
//! by client credentials, renewed before it expires and once on a 401; calls
//! throttled to the API's rate; 206 and 200 both success, 204 empty,
//! `Content-Range` for the total; a 429 waits `Retry-After`; a 5xx or a
//! network error is retried with backoff, a bounded number of times.

use super::offer::ApiOffer;
use serde::Deserialize;
use std::fmt;
use std::time::{Duration, Instant};

/// Where the API is and who calls it.
#[derive(Clone)]
pub struct Settings {
    pub api_url: String,
    pub token_url: String,
    pub client_id: String,
    pub client_secret: String,
    /// Calls per second (the API's bucket holds 10).
    pub rate: f64,
    /// Retries of a call that met a 5xx or a network error.
    pub retries: u32,
    /// The first wait of the backoff (doubled at each retry).
    pub backoff: Duration,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("api_url", &self.api_url)
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"…")
            .field("rate", &self.rate)
            .finish()
    }
}

pub const DEFAULT_API_URL: &str = "https://api.francetravail.io/partenaire/offresdemploi";
pub const DEFAULT_TOKEN_URL: &str =
    "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=%2Fpartenaire";

/// Why a call failed for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The token endpoint refused the credentials or the scopes.
    Credentials(String),
    /// A 400: the API's own message.
    BadRequest(String),
    /// Still failing after the retries (5xx, network, 401 twice).
    Unavailable(String),
    /// An answer the importer cannot read.
    Malformed(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Credentials(why) => write!(
                f,
                "France Travail refuse les identifiants (FRANCE_TRAVAIL_CLIENT_ID / FRANCE_TRAVAIL_CLIENT_SECRET) : {why}"
            ),
            Self::BadRequest(why) => write!(f, "France Travail refuse la requête : {why}"),
            Self::Unavailable(why) => write!(f, "France Travail ne répond pas : {why}"),
            Self::Malformed(why) => write!(f, "réponse illisible de France Travail : {why}"),
        }
    }
}

impl std::error::Error for ApiError {}

/// One window of a search.
#[derive(Debug, Default)]
pub struct Page {
    pub offers: Vec<ApiOffer>,
    /// Offers of the window the importer could not read.
    pub unreadable: u64,
    /// Every offer the query matches (`Content-Range: offres p-d/t`).
    pub total: u64,
}

/// The search parameters the importer sends (a whitelist: the API silently
/// ignores a name it does not know and answers the whole country).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub rome_codes: String,
    pub departments: Vec<String>,
    /// `minCreationDate` / `maxCreationDate`, both or neither.
    pub created: Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>,
}

impl Query {
    fn params(&self, start: u64, end: u64) -> Vec<(&'static str, String)> {
        let mut params = vec![
            ("codeROME", self.rome_codes.clone()),
            ("sort", "1".to_owned()),
            ("range", format!("{start}-{end}")),
        ];
        if !self.departments.is_empty() {
            params.push(("departement", self.departments.join(",")));
        }
        if let Some((min, max)) = self.created {
            let format = "%Y-%m-%dT%H:%M:%SZ";
            params.push(("minCreationDate", min.format(format).to_string()));
            params.push(("maxCreationDate", max.format(format).to_string()));
        }
        params
    }
}

/// 429 answers one call may meet before the run gives up.
const MAX_SLOW_DOWNS: u32 = 30;

/// A client of the API: its token, its pace, its count of calls.
pub struct Client {
    http: reqwest::Client,
    settings: Settings,
    token: Option<(String, Instant)>,
    next_call: Instant,
    /// Calls made (token requests included).
    pub calls: u64,
    /// Tokens obtained.
    pub tokens: u64,
}

#[derive(Deserialize)]
struct TokenReply {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    expires_in: u64,
}

#[derive(Deserialize)]
struct SearchReply {
    #[serde(default)]
    resultats: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct ErrorReply {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

enum Attempt {
    Done(reqwest::Response),
    /// Wait this long and call again (a 429, a 5xx, a network error).
    Retry(Duration, String),
    /// The token was refused: get a new one and call again (once).
    Unauthorized,
}

impl Client {
    pub fn new(settings: Settings) -> Result<Self, ApiError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .connect_timeout(Duration::from_secs(10))
            .user_agent("JobToMove importer (+https://jobtomove.fr)")
            .build()
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
        Ok(Self {
            http,
            settings,
            token: None,
            next_call: Instant::now(),
            calls: 0,
            tokens: 0,
        })
    }

    /// Waits for the next call's turn (a steady pace of `rate` per second).
    async fn pace(&mut self) {
        let now = Instant::now();
        if self.next_call > now {
            tokio::time::sleep(self.next_call - now).await;
        }
        let gap = Duration::from_secs_f64(1.0 / self.settings.rate.max(0.01));
        self.next_call = Instant::now().max(self.next_call) + gap;
        self.calls += 1;
    }

    /// The current token, asked for when there is none or it is about to
    /// expire (ten seconds early, so no call leaves with a dying token).
    async fn bearer(&mut self) -> Result<String, ApiError> {
        if let Some((token, until)) = &self.token
            && Instant::now() < *until
        {
            return Ok(token.clone());
        }
        let scope = format!(
            "application_{} api_offresdemploiv2 o2dsoffre",
            self.settings.client_id
        );
        let form: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", self.settings.client_id.trim())
            .append_pair("client_secret", self.settings.client_secret.trim())
            .append_pair("scope", &scope)
            .finish();
        let mut wait = self.settings.backoff;
        for attempt in 0..=self.settings.retries {
            self.pace().await;
            let sent = self
                .http
                .post(&self.settings.token_url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form.clone())
                .send()
                .await;
            let response = match sent {
                Ok(response) if response.status().is_server_error() => {
                    retry_note(attempt, &format!("jeton : {}", response.status()));
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                    continue;
                }
                Ok(response) => response,
                Err(error) => {
                    retry_note(attempt, &format!("jeton : {error}"));
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                    continue;
                }
            };
            let status = response.status();
            let body = response
                .bytes()
                .await
                .map_err(|e| ApiError::Unavailable(e.to_string()))?;
            if !status.is_success() {
                let reply: ErrorReply = serde_json::from_slice(&body).unwrap_or(ErrorReply {
                    message: None,
                    error: None,
                    error_description: None,
                });
                return Err(ApiError::Credentials(format!(
                    "{} {}",
                    reply.error.unwrap_or_else(|| status.to_string()),
                    reply.error_description.unwrap_or_default()
                )));
            }
            let reply: TokenReply = serde_json::from_slice(&body)
                .map_err(|e| ApiError::Malformed(format!("jeton : {e}")))?;
            let kind = reply.token_type.unwrap_or_else(|| "Bearer".to_owned());
            let header = format!("{kind} {}", reply.access_token);
            let lifetime = Duration::from_secs(reply.expires_in.saturating_sub(10));
            self.token = Some((header.clone(), Instant::now() + lifetime));
            self.tokens += 1;
            return Ok(header);
        }
        Err(ApiError::Unavailable(
            "le point d'accès des jetons ne répond pas".into(),
        ))
    }

    /// The window `start..=end` of `query`.
    pub async fn search(&mut self, query: &Query, start: u64, end: u64) -> Result<Page, ApiError> {
        let url = format!("{}/v2/offres/search", self.settings.api_url);
        let params = query.params(start, end);
        let response = self.get(&url, &params).await?;
        let status = response.status().as_u16();
        let total = response
            .headers()
            .get("content-range")
            .and_then(|v| v.to_str().ok())
            .and_then(content_range_total);
        let body = response
            .bytes()
            .await
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
        match status {
            204 => Ok(Page {
                offers: Vec::new(),
                unreadable: 0,
                total: total.unwrap_or(0),
            }),
            200 | 206 => {
                let reply: SearchReply = serde_json::from_slice(&body)
                    .map_err(|e| ApiError::Malformed(format!("recherche : {e}")))?;
                // One offer the importer cannot read is skipped, not fatal
                // (but counted: a run with such offers retires nothing).
                let sent = reply.resultats.len() as u64;
                let offers: Vec<ApiOffer> = reply
                    .resultats
                    .into_iter()
                    .filter_map(|value| match serde_json::from_value::<ApiOffer>(value) {
                        Ok(offer) if !offer.id.is_empty() => Some(offer),
                        Ok(_) => None,
                        Err(error) => {
                            tracing::warn!(%error, "France Travail offer not readable");
                            None
                        }
                    })
                    .collect();
                let unreadable = sent - offers.len() as u64;
                let total = total.unwrap_or(start + sent);
                Ok(Page {
                    offers,
                    unreadable,
                    total,
                })
            }
            400 => {
                let reply: Option<ErrorReply> = serde_json::from_slice(&body).ok();
                Err(ApiError::BadRequest(
                    reply
                        .and_then(|r| r.message)
                        .unwrap_or_else(|| "400".into()),
                ))
            }
            other => Err(ApiError::Malformed(format!("statut {other}"))),
        }
    }

    /// A GET with the token, the pace, the retries: what comes back is a
    /// final answer (2xx or 4xx other than 401/429).
    async fn get(
        &mut self,
        url: &str,
        params: &[(&'static str, String)],
    ) -> Result<reqwest::Response, ApiError> {
        let url = format!(
            "{url}?{}",
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(params)
                .finish()
        );
        let mut renewed = false;
        let mut wait = self.settings.backoff;
        let mut failures = 0;
        let mut slowed = 0;
        loop {
            let bearer = self.bearer().await?;
            self.pace().await;
            let attempt = match self
                .http
                .get(&url)
                .header("Authorization", bearer)
                .header("Accept", "application/json")
                .send()
                .await
            {
                Ok(response) => match response.status().as_u16() {
                    401 => Attempt::Unauthorized,
                    429 => {
                        let seconds = response
                            .headers()
                            .get("retry-after")
                            .and_then(|v| v.to_str().ok())
                            .and_then(|v| v.trim().parse::<f64>().ok())
                            .filter(|s| s.is_finite())
                            .unwrap_or(60.0);
                        Attempt::Retry(
                            Duration::from_secs_f64(seconds.clamp(0.0, 600.0)),
                            "429".into(),
                        )
                    }
                    500..=599 => Attempt::Retry(wait, response.status().to_string()),
                    _ => Attempt::Done(response),
                },
                Err(error) => Attempt::Retry(wait, error.to_string()),
            };
            match attempt {
                Attempt::Done(response) => return Ok(response),
                Attempt::Unauthorized if !renewed => {
                    renewed = true;
                    self.token = None;
                }
                Attempt::Unauthorized => {
                    return Err(ApiError::Unavailable("401 avec un jeton neuf".into()));
                }
                Attempt::Retry(pause, why) => {
                    // A 429 is the API asking to slow down, not a failure,
                    // up to a point.
                    if why == "429" {
                        slowed += 1;
                        if slowed > MAX_SLOW_DOWNS {
                            return Err(ApiError::Unavailable(format!(
                                "{MAX_SLOW_DOWNS} réponses 429 de suite"
                            )));
                        }
                    } else {
                        failures += 1;
                        if failures > self.settings.retries {
                            return Err(ApiError::Unavailable(format!(
                                "{why} après {} essais",
                                failures
                            )));
                        }
                        wait *= 2;
                    }
                    retry_note(failures, &why);
                    tokio::time::sleep(pause).await;
                }
            }
        }
    }
}

fn retry_note(attempt: u32, why: &str) {
    tracing::info!(attempt, why, "France Travail call retried");
}

/// `offres 0-149/3200` → 3200; `offres -1--1/353` → 353; `*/0` → 0.
pub fn content_range_total(header: &str) -> Option<u64> {
    header.rsplit_once('/')?.1.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_is_read_from_every_documented_content_range() {
        assert_eq!(content_range_total("offres 0-149/300749"), Some(300_749));
        assert_eq!(content_range_total("offres -1--1/353"), Some(353));
        assert_eq!(content_range_total("*/0"), Some(0));
        assert_eq!(content_range_total("offres"), None);
    }

    #[test]
    fn the_query_sends_only_parameters_the_api_knows() {
        let query = Query {
            rome_codes: "I1604,I1606".into(),
            departments: vec!["37".into(), "2A".into()],
            created: None,
        };
        let names: Vec<&str> = query.params(0, 149).iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["codeROME", "sort", "range", "departement"]);
    }

    #[test]
    fn the_secret_never_shows_in_debug_output() {
        let settings = Settings {
            api_url: DEFAULT_API_URL.into(),
            token_url: DEFAULT_TOKEN_URL.into(),
            client_id: "PAR_x".into(),
            client_secret: "s3cret".into(),
            rate: 10.0,
            retries: 3,
            backoff: Duration::from_millis(500),
        };
        assert!(!format!("{settings:?}").contains("s3cret"));
    }
}
