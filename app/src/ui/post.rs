//! Islands send the very forms the pages post without JavaScript, with
//! `Accept: application/json`: the handler that answers the plain form
//! with a redirect answers the island with where it would have gone, or
//! with the French reason it refused.

#[cfg(feature = "hydrate")]
use crate::ui::files::UploadReply;

/// What posting `form` would send, read now (before the island changes
/// its fields): its action and its body, url-encoded unless the form is
/// multipart, as the browser would send it.
#[cfg(feature = "hydrate")]
pub fn read_form(form: &web_sys::HtmlFormElement) -> Option<(String, wasm_bindgen::JsValue)> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let body: wasm_bindgen::JsValue = if form.enctype() == "multipart/form-data" {
        data.into()
    } else {
        web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
            .ok()?
            .into()
    };
    Some((form.action(), body))
}

/// What an island says when the request did not reach the server.
pub const FAILED: &str = "La connexion a échoué : rien n'a changé. Réessayez.";

/// Posts `body` to `url`; `Ok` when the server did it, `Err` with the
/// French reason when it refused.
#[cfg(feature = "hydrate")]
pub async fn send(url: &str, body: &wasm_bindgen::JsValue) -> Result<UploadReply, String> {
    let Some((ok, text)) = crate::ui::fetch::request(url, Some(body)).await else {
        return Err(FAILED.to_owned());
    };
    let reply: UploadReply = serde_json::from_str(&text).unwrap_or_default();
    if ok {
        return Ok(reply);
    }
    Err(reply
        .message
        .or_else(|| reply.errors.into_values().next())
        .unwrap_or_else(|| FAILED.to_owned()))
}
