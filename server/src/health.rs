//! Health: `/health` says the process is alive (a load balancer or an
//! orchestrator restarts it when it does not answer), `/health/ready` says
//! whether it can serve — 200 while it reaches its database, 503 while it
//! does not (take it out of rotation; it comes back by itself).

use app::state::AppState;
use axum::{Json, extract::State, http::StatusCode};
use serde_json::{Value, json};

/// GET /health: alive, whatever the database.
pub async fn alive() -> (StatusCode, Json<Value>) {
    (StatusCode::OK, Json(json!({ "status": "alive" })))
}

/// GET /health/ready: 200 while the database answers, 503 otherwise.
pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok" }))),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable" })),
            )
        }
    }
}

/// The health routes.
pub fn routes() -> crate::http::Routes {
    crate::http::Routes::new()
        .route("GET", "/health", axum::routing::get(alive))
        .route("GET", "/health/ready", axum::routing::get(ready))
}
