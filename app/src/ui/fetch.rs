//! Islands talk to the server with the browser's `fetch`: a few hundred
//! bytes of WebAssembly where the generic server-function client costs
//! kilobytes in every island that calls one. The server side is unchanged:
//! the same `#[server]` functions and form handlers answer.

/// GETs `url`, or POSTs `body` to it, asking for JSON; whether the server
/// said yes (2xx) and the text it answered. `None` when nothing came back.
#[cfg(feature = "hydrate")]
pub async fn request(url: &str, body: Option<&wasm_bindgen::JsValue>) -> Option<(bool, String)> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    if let Some(body) = body {
        init.set_method("POST");
        init.set_body(body);
    }
    let headers = web_sys::Headers::new().ok()?;
    headers.set("Accept", "application/json").ok()?;
    init.set_headers(&headers);
    let answer = JsFuture::from(web_sys::window()?.fetch_with_str_and_init(url, &init))
        .await
        .ok()?;
    let response: web_sys::Response = answer.dyn_into().ok()?;
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    Some((response.ok(), text))
}

/// The JSON the server answers at `url`: a GET, or a POST of the
/// url-encoded `form` (as a server function's client sends its
/// arguments). `None` when the request failed or was refused.
#[cfg(feature = "hydrate")]
pub async fn json<T: serde::de::DeserializeOwned>(url: &str, form: Option<&str>) -> Option<T> {
    let body: Option<wasm_bindgen::JsValue> = match form {
        Some(form) => Some(web_sys::UrlSearchParams::new_with_str(form).ok()?.into()),
        None => None,
    };
    match request(url, body.as_ref()).await? {
        (true, text) => serde_json::from_str(&text).ok(),
        (false, _) => None,
    }
}
