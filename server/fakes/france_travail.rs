//! A fake of France Travail's "Offres d'emploi v2" API for the importer's
//! tests and benchmark, run as a real HTTP process on loopback. It follows
//! the checklist of `../shared/FRANCE_TRAVAIL.md` §13: the OAuth2 token
//! endpoint (its errors, a configurable lifetime), 401 without a valid
//! token, the search with its windows (150 at most, 3,150 reachable), 206 /
//! 200 / 204 and `Content-Range`, 400 with the API's messages, a 10 calls/s
//! token bucket with its headers and 429 + `Retry-After`, unknown parameters
//! ignored, one offer by id (200 or 204), a few referentials, and offers
//! with every quirk listed there.
//!
//! Usage: `fake-france-travail [--port N] [--offers N] [--rate N]
//! [--token-seconds N] [--age-days N]` (offers dated N days back). It prints `listening on http://127.0.0.1:PORT` and
//! serves until killed. Tests steer it through `/_fake/*` (add, change or
//! withdraw offers, inject failures, revoke tokens, read its counters).

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

const CLIENT_ID: &str = "PAR_jobtomove_0123456789abcdef";
const CLIENT_SECRET: &str = "fake-secret";
const WINDOW: usize = 150;

struct Fake {
    offers: Vec<Value>,
    /// The offers at start, for `/_fake/reset`.
    initial: Vec<Value>,
    /// How far back every offer is dated (`--age-days`).
    age: Duration,
    tokens: HashMap<String, Instant>,
    token_seconds: u64,
    rate: f64,
    bucket: f64,
    refilled: Instant,
    next_token: u64,
    /// After this many more searches, answer `fail_status` `fail_times` times.
    fail_after: Option<u64>,
    fail_status: u16,
    fail_times: u64,
    /// After this many more searches, every token issued so far is revoked.
    revoke_after: Option<u64>,
    searches: u64,
    token_calls: u64,
    limited: u64,
    failed: u64,
}

type Shared = Arc<Mutex<Fake>>;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut port = 0u16;
    let mut count = 0usize;
    let mut rate = 10.0;
    let mut token_seconds = 1499;
    let mut age_days = 0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--port" => port = value.parse().expect("--port N"),
            "--offers" => count = value.parse().expect("--offers N"),
            "--rate" => rate = value.parse().expect("--rate N"),
            "--token-seconds" => token_seconds = value.parse().expect("--token-seconds N"),
            "--age-days" => age_days = value.parse().expect("--age-days N"),
            other => panic!("unknown argument {other}"),
        }
    }
    let age = Duration::days(age_days);
    let now = Utc::now() - age;
    let mut offers = quirks(now);
    offers.extend((0..count).map(|i| generated(i, now, None)));
    let fake = Arc::new(Mutex::new(Fake {
        initial: offers.clone(),
        age,
        offers,
        tokens: HashMap::new(),
        token_seconds,
        rate,
        bucket: rate,
        refilled: Instant::now(),
        next_token: 1,
        fail_after: None,
        fail_status: 503,
        fail_times: 0,
        revoke_after: None,
        searches: 0,
        token_calls: 0,
        limited: 0,
        failed: 0,
    }));
    let app = Router::new()
        .route("/connexion/oauth2/access_token", post(token))
        .route("/partenaire/offresdemploi/v2/offres/search", get(search))
        .route("/partenaire/offresdemploi/v2/offres/{id}", get(one))
        .route(
            "/partenaire/offresdemploi/v2/referentiel/{name}",
            get(referential),
        )
        .route("/_fake/stats", get(stats))
        .route("/_fake/generate", post(generate))
        .route("/_fake/withdraw", post(withdraw))
        .route("/_fake/change", post(change))
        .route("/_fake/fail", post(fail))
        .route("/_fake/revoke", post(revoke))
        .route("/_fake/reset", post(reset))
        .with_state(fake);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("bind");
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app).await.expect("serve");
}

fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

fn token_error(error: &str, description: &str) -> Response {
    no_store(
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": error, "error_description": description})),
        )
            .into_response(),
    )
}

/// `POST /connexion/oauth2/access_token?realm=/partenaire` (§1).
async fn token(
    State(fake): State<Shared>,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let form: HashMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    let mut fake = fake.lock().unwrap();
    fake.token_calls += 1;
    if query.get("realm").map(String::as_str) != Some("/partenaire") {
        return token_error("invalid_request", "realm /partenaire expected");
    }
    let grant = form.get("grant_type").map(String::as_str).unwrap_or("");
    if grant != "client_credentials" {
        return token_error(
            "unsupported_grant_type",
            &format!("Grant type is not supported: {grant}"),
        );
    }
    if form.get("client_id").map(String::as_str) != Some(CLIENT_ID)
        || form.get("client_secret").map(String::as_str) != Some(CLIENT_SECRET)
    {
        return token_error("invalid_client", "Client authentication failed");
    }
    let scope = form.get("scope").cloned().unwrap_or_default();
    let scopes: Vec<&str> = scope.split_whitespace().collect();
    let allowed = |s: &&str| {
        *s == "api_offresdemploiv2" || *s == "o2dsoffre" || *s == format!("application_{CLIENT_ID}")
    };
    if let Some(unknown) = scopes.iter().find(|s| !allowed(s)) {
        return token_error(
            "invalid_scope",
            &format!("Unknown/invalid scope(s): [{unknown}]"),
        );
    }
    if !scopes.contains(&"api_offresdemploiv2") || !scopes.contains(&"o2dsoffre") {
        return token_error("invalid_scope", "Unknown/invalid scope(s): []");
    }
    let access = format!("fake-token-{}", fake.next_token);
    fake.next_token += 1;
    let lifetime = std::time::Duration::from_secs(fake.token_seconds);
    fake.tokens
        .insert(access.clone(), Instant::now() + lifetime);
    let body = json!({
        "scope": scopes.join(" "),
        "expires_in": fake.token_seconds,
        "token_type": "Bearer",
        "access_token": access,
    });
    no_store(Json(body).into_response())
}

fn unauthorized() -> Response {
    no_store(
        (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, "application/json")],
            "",
        )
            .into_response(),
    )
}

fn bad_request(message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"codeErreur": "FAKE400", "message": message})),
    )
        .into_response()
}

/// Checks the token and takes one token of the bucket: `Err` is the answer.
fn admit(fake: &mut Fake, headers: &HeaderMap) -> Result<HeaderMap, Box<Response>> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    match fake.tokens.get(bearer) {
        Some(until) if *until > Instant::now() => {}
        _ => return Err(Box::new(unauthorized())),
    }
    let elapsed = fake.refilled.elapsed().as_secs_f64();
    fake.refilled = Instant::now();
    fake.bucket = (fake.bucket + elapsed * fake.rate).min(fake.rate);
    if fake.bucket < 1.0 {
        fake.limited += 1;
        return Err(Box::new(no_store(
            (
                StatusCode::TOO_MANY_REQUESTS,
                [
                    (header::CONTENT_TYPE, "text/plain"),
                    (header::RETRY_AFTER, "1"),
                ],
                "Too Many Requests",
            )
                .into_response(),
        )));
    }
    fake.bucket -= 1.0;
    let mut limits = HeaderMap::new();
    let capacity = (fake.rate as u64).to_string();
    for (name, value) in [
        (
            "x-ratelimit-burst-capacity-clientidlimiter",
            capacity.clone(),
        ),
        (
            "x-ratelimit-remaining-clientidlimiter",
            (fake.bucket as u64).to_string(),
        ),
        ("x-ratelimit-replenish-rate-clientidlimiter", capacity),
        ("x-ratelimit-requested-tokens-clientidlimiter", "1".into()),
    ] {
        limits.insert(name, HeaderValue::from_str(&value).unwrap());
    }
    Ok(limits)
}

/// `GET /v2/offres/search` (§3).
async fn search(
    State(fake): State<Shared>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let mut fake = fake.lock().unwrap();
    let limits = match admit(&mut fake, &headers) {
        Ok(limits) => limits,
        Err(response) => return *response,
    };
    fake.searches += 1;
    if let Some(left) = fake.revoke_after {
        if left == 0 {
            fake.tokens.clear();
            fake.revoke_after = None;
            return unauthorized();
        }
        fake.revoke_after = Some(left - 1);
    }
    if let Some(left) = fake.fail_after {
        if left == 0 && fake.fail_times > 0 {
            fake.fail_times -= 1;
            fake.failed += 1;
            let status = StatusCode::from_u16(fake.fail_status).unwrap();
            return (status, "Service Unavailable").into_response();
        }
        fake.fail_after = Some(left.saturating_sub(1));
    }
    let (start, end) = match params
        .get("range")
        .map(String::as_str)
        .unwrap_or("0-149")
        .split_once('-')
    {
        Some((p, d)) => match (p.parse::<usize>(), d.parse::<usize>()) {
            (Ok(p), Ok(d)) if p <= d => (p, d),
            _ => return bad_request("Valeur du paramètre « range » incorrecte."),
        },
        None => return bad_request("Valeur du paramètre « range » incorrecte."),
    };
    if start > 3000 {
        return bad_request("La position de début doit être inférieure ou égale à 3000.");
    }
    if end > 3149 {
        return bad_request("La position de fin doit être inférieure ou égale à 3149.");
    }
    if end - start + 1 > WINDOW {
        return bad_request("Le nombre de résultats demandés doit être inférieur ou égal à 150.");
    }
    if let Some(days) = params.get("publieeDepuis")
        && !["1", "3", "7", "14", "31"].contains(&days.as_str())
    {
        return bad_request(
            "Format du paramètre « publieeDepuis » incorrect. 1, 3, 7, 14 ou 31 attendu.",
        );
    }
    let created = match (params.get("minCreationDate"), params.get("maxCreationDate")) {
        (None, None) => None,
        (Some(min), Some(max)) => match (parse(min), parse(max)) {
            (Some(min), Some(max)) => Some((min, max)),
            _ => return bad_request("Format du paramètre « minCreationDate » incorrect."),
        },
        _ => {
            return bad_request(
                "Les paramètres « minCreationDate » et « maxCreationDate » vont ensemble.",
            );
        }
    };
    let departments = list(params.get("departement"));
    if departments.len() > 5
        || departments
            .iter()
            .any(|d| !domain::places::department_codes().contains(&d.as_str()))
    {
        return bad_request("Valeur du paramètre « departement » incorrecte.");
    }
    let romes = list(params.get("codeROME"));
    let types = list(params.get("typeContrat"));
    let natures = list(params.get("natureContrat"));
    let words: Vec<String> = list(params.get("motsCles"))
        .into_iter()
        .map(|w| w.to_lowercase())
        .collect();
    let mut matching: Vec<&Value> = fake
        .offers
        .iter()
        .filter(|o| romes.is_empty() || romes.iter().any(|r| o["romeCode"] == r.as_str()))
        .filter(|o| departments.is_empty() || departments.iter().any(|d| department(o) == *d))
        .filter(|o| {
            created.is_none_or(|(min, max)| {
                parse(o["dateCreation"].as_str().unwrap_or(""))
                    .is_some_and(|c| c >= min && c <= max)
            })
        })
        // typeContrat OR natureContrat (pitfall P6).
        .filter(|o| {
            (types.is_empty() && natures.is_empty())
                || types.iter().any(|t| o["typeContrat"] == t.as_str())
                || natures.iter().any(|n| nature_code(o) == n)
        })
        .filter(|o| {
            let text = format!("{} {}", o["intitule"], o["description"]).to_lowercase();
            words.iter().all(|w| text.contains(w))
        })
        .collect();
    // sort=1: newest creation first (the default here too).
    matching.sort_by(|a, b| b["dateCreation"].as_str().cmp(&a["dateCreation"].as_str()));
    let total = matching.len();
    if total == 0 {
        let mut response = StatusCode::NO_CONTENT.into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_RANGE, HeaderValue::from_static("*/0"));
        return response;
    }
    if start >= total {
        let mut response = StatusCode::NO_CONTENT.into_response();
        response.headers_mut().insert(
            header::CONTENT_RANGE,
            HeaderValue::from_str(&format!("offres -1--1/{total}")).unwrap(),
        );
        return response;
    }
    let last = end.min(total - 1);
    let results: Vec<Value> = matching[start..=last]
        .iter()
        .map(|o| (*o).clone())
        .collect();
    let status = if start == 0 && last == total - 1 {
        StatusCode::OK
    } else {
        StatusCode::PARTIAL_CONTENT
    };
    let mut response = (
        status,
        Json(json!({"resultats": results, "filtresPossibles": facets(&matching)})),
    )
        .into_response();
    let headers = response.headers_mut();
    headers.extend(limits);
    headers.insert(
        header::CONTENT_RANGE,
        HeaderValue::from_str(&format!("offres {start}-{last}/{total}")).unwrap(),
    );
    headers.insert("accept-range", HeaderValue::from_static("150"));
    response
}

fn facets(offers: &[&Value]) -> Value {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for offer in offers {
        *counts
            .entry(offer["typeContrat"].as_str().unwrap_or("").to_owned())
            .or_default() += 1;
    }
    let agregation: Vec<Value> = counts
        .into_iter()
        .map(|(value, n)| json!({"valeurPossible": value, "nbResultats": n}))
        .collect();
    json!([{"filtre": "typeContrat", "agregation": agregation}])
}

fn list(value: Option<&String>) -> Vec<String> {
    value
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The département of an offer, from its label ("37 - TOURS").
fn department(offer: &Value) -> String {
    offer["lieuTravail"]["libelle"]
        .as_str()
        .and_then(|l| l.split_once(" - "))
        .map(|(code, _)| code.trim().to_owned())
        .unwrap_or_default()
}

fn nature_code(offer: &Value) -> &'static str {
    match offer["natureContrat"].as_str() {
        Some("Contrat apprentissage") => "E2",
        Some("Cont. professionnalisation") => "FS",
        _ => "E1",
    }
}

/// `GET /v2/offres/{id}`: 200 or 204 (§4).
async fn one(State(fake): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let mut fake = fake.lock().unwrap();
    if let Err(response) = admit(&mut fake, &headers) {
        return *response;
    }
    match fake.offers.iter().find(|o| o["id"] == id.as_str()) {
        Some(offer) => Json(offer.clone()).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    }
}

/// `GET /v2/referentiel/{name}` (§2, §5).
async fn referential(
    State(fake): State<Shared>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let mut fake = fake.lock().unwrap();
    if let Err(response) = admit(&mut fake, &headers) {
        return *response;
    }
    let items: Vec<Value> = match name.as_str() {
        "typesContrats" => [
            ("CDI", "Contrat à durée indéterminée"),
            ("CDD", "Contrat à durée déterminée"),
            ("MIS", "Mission intérimaire"),
            ("SAI", "Contrat travail saisonnier"),
            ("DIN", "CDI Intérimaire"),
        ]
        .iter()
        .map(|(code, label)| json!({"code": code, "libelle": label}))
        .collect(),
        "naturesContrats" => [
            ("E1", "Contrat travail"),
            ("E2", "Contrat apprentissage"),
            ("FS", "Cont. professionnalisation"),
        ]
        .iter()
        .map(|(code, label)| json!({"code": code, "libelle": label}))
        .collect(),
        "metiers" => domain::france_travail::rome::SECTOR
            .iter()
            .map(|(code, family)| json!({"code": code, "libelle": family.label()}))
            .collect(),
        "departements" => domain::places::department_codes()
            .iter()
            .map(|code| json!({"code": code, "libelle": code}))
            .collect(),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let range = format!("{name} */{}", items.len());
    (
        [(
            header::CONTENT_RANGE,
            HeaderValue::from_str(&range).unwrap(),
        )],
        Json(items),
    )
        .into_response()
}

async fn stats(State(fake): State<Shared>) -> Json<Value> {
    let fake = fake.lock().unwrap();
    Json(json!({
        "offers": fake.offers.len(),
        "searches": fake.searches,
        "token_calls": fake.token_calls,
        "limited": fake.limited,
        "failed": fake.failed,
    }))
}

/// `{"count": N, "department": "69"}`: N more generated offers.
async fn generate(State(fake): State<Shared>, Json(body): Json<Value>) -> Json<Value> {
    let mut fake = fake.lock().unwrap();
    let count = body["count"].as_u64().unwrap_or(0) as usize;
    let department = body["department"].as_str().map(str::to_owned);
    let from = fake.offers.len();
    let now = Utc::now() - fake.age;
    for i in from..from + count {
        let offer = generated(i, now, department.as_deref());
        fake.offers.push(offer);
    }
    Json(json!({"offers": fake.offers.len()}))
}

/// `{"ids": [...]}`: those offers are withdrawn.
async fn withdraw(State(fake): State<Shared>, Json(body): Json<Value>) -> Json<Value> {
    let mut fake = fake.lock().unwrap();
    let ids: Vec<Value> = body["ids"].as_array().cloned().unwrap_or_default();
    fake.offers.retain(|o| !ids.contains(&o["id"]));
    Json(json!({"offers": fake.offers.len()}))
}

/// `{"id": "...", "set": {field: value}}`: the offer changes (and its
/// `dateActualisation` moves).
async fn change(State(fake): State<Shared>, Json(body): Json<Value>) -> StatusCode {
    let mut fake = fake.lock().unwrap();
    let Some(offer) = fake.offers.iter_mut().find(|o| o["id"] == body["id"]) else {
        return StatusCode::NOT_FOUND;
    };
    if let Some(fields) = body["set"].as_object() {
        for (name, value) in fields {
            offer[name] = value.clone();
        }
    }
    offer["dateActualisation"] = json!(stamp(Utc::now()));
    StatusCode::NO_CONTENT
}

/// `{"after": N, "status": 503, "times": M}`: after N more searches, M
/// answers with that status.
async fn fail(State(fake): State<Shared>, Json(body): Json<Value>) -> StatusCode {
    let mut fake = fake.lock().unwrap();
    fake.fail_after = Some(body["after"].as_u64().unwrap_or(0));
    fake.fail_status = body["status"].as_u64().unwrap_or(503) as u16;
    fake.fail_times = body["times"].as_u64().unwrap_or(u64::MAX);
    StatusCode::NO_CONTENT
}

/// `{"after": N}`: after N more searches, every token is revoked (the next
/// call answers 401, as when a token expires mid-run).
async fn revoke(State(fake): State<Shared>, Json(body): Json<Value>) -> StatusCode {
    let mut fake = fake.lock().unwrap();
    fake.revoke_after = Some(body["after"].as_u64().unwrap_or(0));
    StatusCode::NO_CONTENT
}

/// Back to the offers of the start, no failure or revocation pending.
async fn reset(State(fake): State<Shared>) -> StatusCode {
    let mut fake = fake.lock().unwrap();
    fake.offers = fake.initial.clone();
    fake.fail_after = None;
    fake.fail_times = 0;
    fake.revoke_after = None;
    StatusCode::NO_CONTENT
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Real communes (INSEE, postal code, name, département) the generated
/// offers are spread over.
const COMMUNES: &[(&str, &str, &str, &str)] = &[
    ("69123", "69003", "LYON", "69"),
    ("13055", "13008", "MARSEILLE", "13"),
    ("31555", "31000", "TOULOUSE", "31"),
    ("33063", "33000", "BORDEAUX", "33"),
    ("44109", "44000", "NANTES", "44"),
    ("59350", "59000", "LILLE", "59"),
    ("67482", "67000", "STRASBOURG", "67"),
    ("35238", "35000", "RENNES", "35"),
    ("37261", "37000", "TOURS", "37"),
    ("21231", "21000", "DIJON", "21"),
    ("63113", "63000", "CLERMONT FERRAND", "63"),
    ("34172", "34000", "MONTPELLIER", "34"),
    ("06088", "06000", "NICE", "06"),
    ("76540", "76000", "ROUEN", "76"),
    ("45234", "45000", "ORLEANS", "45"),
    ("49007", "49000", "ANGERS", "49"),
    ("87085", "87000", "LIMOGES", "87"),
    ("80021", "80000", "AMIENS", "80"),
    ("51454", "51100", "REIMS", "51"),
    ("38185", "38000", "GRENOBLE", "38"),
    ("2A004", "20000", "AJACCIO", "2A"),
    ("57463", "57000", "METZ", "57"),
    ("64445", "64000", "PAU", "64"),
    ("29019", "29200", "BREST", "29"),
    ("86194", "86000", "POITIERS", "86"),
    ("25056", "25000", "BESANCON", "25"),
    ("14118", "14000", "CAEN", "14"),
    ("72181", "72000", "LE MANS", "72"),
    ("42218", "42000", "SAINT ETIENNE", "42"),
    ("97411", "97400", "ST DENIS", "974"),
];

const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTVWXYZ";

/// A France Travail id: 3 digits and 4 letters, unique per `i`.
fn ft_id(i: usize) -> String {
    let mut n = i;
    let mut letters = String::new();
    for _ in 0..4 {
        letters.push(LETTERS[n % LETTERS.len()] as char);
        n /= LETTERS.len();
    }
    format!("{:03}{letters}", 100 + (n % 900))
}

/// The `i`-th generated offer: varied like real ones (contracts, salaries,
/// employers, contacts, origins) and spread over the communes above, or all
/// in `department` when given.
fn generated(i: usize, now: DateTime<Utc>, department: Option<&str>) -> Value {
    let sector = domain::france_travail::rome::SECTOR;
    let (rome, family) = sector[i % sector.len()];
    let (insee, postal, name, dep) = match department {
        Some(dep) => COMMUNES
            .iter()
            .find(|c| c.3 == dep)
            .copied()
            .unwrap_or(COMMUNES[0]),
        None => COMMUNES[i % COMMUNES.len()],
    };
    let partner = i % 11 == 5;
    let id = if partner {
        format!("{}", 4_000_000 + i)
    } else {
        ft_id(i)
    };
    let created = now - Duration::minutes(7 * i as i64 + 1);
    let (type_contrat, type_libelle, nature, alternance) = match i % 6 {
        0 | 1 => (
            "CDI",
            "Contrat à durée indéterminée".to_owned(),
            "Contrat travail",
            false,
        ),
        2 => (
            "CDD",
            format!("CDD - {} Mois", 3 + i % 10),
            "Contrat travail",
            false,
        ),
        3 => (
            "MIS",
            format!("Intérim - {} Mois", 1 + i % 6),
            "Contrat travail",
            false,
        ),
        4 => (
            "CDD",
            "CDD - 24 Mois".to_owned(),
            "Contrat apprentissage",
            true,
        ),
        _ => ("CDI", "CDI".to_owned(), "Contrat travail", false),
    };
    let salaire = match i % 5 {
        0 => {
            json!({"libelle": format!("Mensuel de {}.0 Euros à {}.0 Euros sur 12.0 mois", 1900 + i % 700, 2400 + i % 900)})
        }
        1 => {
            json!({"libelle": format!("Horaire de {},{:02} Euros sur 12 mois", 12 + i % 6, i % 100)})
        }
        2 => json!({"commentaire": "Selon expérience", "complement1": "Primes"}),
        3 => json!({}),
        _ => {
            json!({"libelle": format!("Annuel de {}.0 Euros sur 13.0 mois", 26000 + (i % 20) * 500)})
        }
    };
    let entreprise = if i % 9 == 4 {
        json!({"entrepriseAdaptee": false})
    } else {
        json!({"nom": format!("GARAGE FICTIF {}", i % 400), "entrepriseAdaptee": false})
    };
    let contact = match i % 4 {
        0 => {
            json!({"courriel": format!("Pour postuler, utiliser le lien suivant : https://candidat.francetravail.fr/offres/recherche/detail/{id}")})
        }
        1 => {
            json!({"nom": "Mme Martin", "courriel": format!("recrutement{}@garage-fictif.fr", i % 50)})
        }
        _ => json!({}),
    };
    let mut offer = json!({
        "id": id,
        "intitule": format!("{} (H/F) n°{i}", family.short_label()),
        "description": format!("Nous recherchons un(e) {} pour notre atelier de {name}.\nVous intervenez sur véhicules légers.\n\nAvantages : mutuelle, primes.", family.short_label().to_lowercase()),
        "dateCreation": stamp(created),
        "lieuTravail": {"libelle": format!("{dep} - {name}"), "codePostal": postal, "commune": insee, "latitude": 45.0, "longitude": 4.0},
        "romeCode": rome,
        "romeLibelle": family.label(),
        "entreprise": entreprise,
        "typeContrat": type_contrat,
        "typeContratLibelle": type_libelle,
        "natureContrat": nature,
        "experienceExige": (["D", "S", "E"][i % 3]),
        "experienceLibelle": (["Débutant accepté", "1 An(s)", "Expérience exigée de 3 An(s)"][i % 3]),
        "salaire": salaire,
        "dureeTravailLibelle": "35H Horaires normaux",
        "dureeTravailLibelleConverti": if i % 8 == 7 { "Temps partiel" } else { "Temps plein" },
        "alternance": alternance,
        "contact": contact,
        "qualificationCode": "6",
        "secteurActivite": if type_contrat == "MIS" { "78" } else { "45" },
        "codeNAF": if type_contrat == "MIS" { "78.20Z" } else { "45.20A" },
        "origineOffre": {
            "origine": if partner { "2" } else { "1" },
            "urlOrigine": format!("https://candidat.francetravail.fr/offres/recherche/detail/{id}"),
        },
    });
    if !i.is_multiple_of(7) {
        offer["dateActualisation"] = json!(stamp(created + Duration::minutes(3)));
    }
    if i % 3 != 1 {
        offer["nombrePostes"] = json!(1 + i % 3);
    }
    if partner {
        offer["origineOffre"]["partenaires"] = json!([{"nom": "METEOJOB", "url": "https://www.meteojob.com/", "logo": "https://www.pole-emploi.fr/static/img/partenaires/meteojob80.png"}]);
    }
    offer
}

/// The offers whose shape every importer met (§11, §12, §13): the three
/// documented ones, then a foreign place, an arrondissement, a comma salary,
/// a code outside the sector, an offer without `dateActualisation`.
fn quirks(now: DateTime<Utc>) -> Vec<Value> {
    let documented: Value = serde_json::from_str(include_str!(
        "../../domain/tests/fixtures/france_travail_offers.json"
    ))
    .expect("fixture offers");
    let mut offers: Vec<Value> = documented["resultats"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let base = |id: &str, title: &str, minutes: i64| {
        json!({
            "id": id,
            "intitule": title,
            "description": "Atelier de réparation toutes marques.\nPoste à pourvoir rapidement.",
            "dateCreation": stamp(now - Duration::minutes(minutes)),
            "romeCode": "I1604",
            "entreprise": {"nom": "AUTO QUIRKS", "siret": "12345678901234"},
            "typeContrat": "CDI",
            "typeContratLibelle": "CDI",
            "natureContrat": "Contrat travail",
            "experienceExige": "D",
            "salaire": {},
            "alternance": false,
            "contact": {},
            "origineOffre": {"origine": "1", "urlOrigine": format!("https://candidat.francetravail.fr/offres/recherche/detail/{id}")},
        })
    };
    let mut abroad = base("301QRKA", "Mécanicien poids lourds (H/F) — Luxembourg", 30);
    abroad["lieuTravail"] = json!({"libelle": "Luxembourg"});
    let mut arrondissement = base("302QRKB", "Réceptionnaire après-vente (H/F)", 31);
    arrondissement["romeCode"] = json!("I1611");
    arrondissement["lieuTravail"] = json!({"libelle": "75 - Paris 15e Arrondissement", "codePostal": "75015", "commune": "75115"});
    let mut comma = base("303QRKC", "Carrossier peintre (H/F)", 32);
    comma["romeCode"] = json!("I1617");
    comma["lieuTravail"] = json!({"libelle": "69 - Lyon 3e Arrondissement", "codePostal": "69003", "commune": "69383"});
    comma["salaire"] = json!({"libelle": "Mensuel de 1710,00 Euros à 2100,00 Euros sur 12 mois"});
    comma["dateActualisation"] = json!(stamp(now - Duration::minutes(20)));
    let mut outside = base("304QRKD", "Boulanger (H/F)", 33);
    outside["romeCode"] = json!("D1102");
    outside["lieuTravail"] =
        json!({"libelle": "37 - TOURS", "codePostal": "37000", "commune": "37261"});
    offers.extend([abroad, arrondissement, comma, outside]);
    offers
}
