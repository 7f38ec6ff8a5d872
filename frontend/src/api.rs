//! Talking to `/api/v1`: JSON over fetch with the access token, one refresh
//! on a 401 (shared by concurrent requests: a refresh token is single use and
//! its reuse revokes the session), uploads through XMLHttpRequest for the
//! progress events, downloads as blobs.
use crate::decode::{decode, from_value};
use crate::problem::ApiError;
use crate::session;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use tgpl_api_model::auth::{RefreshRequest, TokenResponse};
use tgpl_api_model::case_file::CaseFileDto;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

pub const BASE: &str = "/api/v1";

/// Any failure of the browser's network machinery.
fn net<E>(_: E) -> ApiError {
    ApiError::Network
}

thread_local! {
    static ACCESS: RefCell<Option<String>> = const { RefCell::new(None) };
    static REFRESHING: Cell<bool> = const { Cell::new(false) };
}

pub fn set_access(token: Option<String>) {
    ACCESS.with(|a| *a.borrow_mut() = token);
}

fn access() -> Option<String> {
    ACCESS.with(|a| a.borrow().clone())
}

/// A raw answer.
pub struct Resp {
    pub status: u16,
    pub etag: Option<String>,
    pub text: String,
}

impl Resp {
    fn into_result(self) -> Result<Resp, ApiError> {
        if self.status < 400 {
            Ok(self)
        } else {
            Err(ApiError::Http {
                status: self.status,
                problem: decode(&self.text).ok().map(Box::new),
            })
        }
    }
}

async fn fetch(
    method: &str,
    url: &str,
    body: Option<&str>,
    if_match: Option<i32>,
    token: Option<&str>,
) -> Result<Resp, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(net)?;
    headers.set("accept", "application/json").map_err(net)?;
    if let Some(b) = body {
        headers
            .set("content-type", "application/json")
            .map_err(net)?;
        init.set_body(&JsValue::from_str(b));
    }
    if let Some(v) = if_match {
        headers.set("if-match", &format!("\"{v}\"")).map_err(net)?;
    }
    if let Some(t) = token {
        headers
            .set("authorization", &format!("Bearer {t}"))
            .map_err(net)?;
    }
    init.set_headers(&headers);
    let req = web_sys::Request::new_with_str_and_init(url, &init).map_err(net)?;
    send_request(req).await
}

/// Sends a request and reads its status, ETag and text.
async fn send_request(req: web_sys::Request) -> Result<Resp, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_request(&req))
        .await
        .map_err(net)?
        .dyn_into()
        .map_err(net)?;
    let status = resp.status();
    let etag = resp.headers().get("etag").ok().flatten();
    let text = JsFuture::from(resp.text().map_err(net)?)
        .await
        .map_err(net)?
        .as_string()
        .unwrap_or_default();
    Ok(Resp { status, etag, text })
}

pub(crate) async fn sleep_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(p).await;
}

/// Exchanges the refresh token for a new pair. One at a time: a caller that
/// finds a refresh under way waits for it and uses its result.
pub async fn refresh() -> bool {
    if REFRESHING.with(Cell::get) {
        while REFRESHING.with(Cell::get) {
            sleep_ms(30).await;
        }
        return access().is_some();
    }
    if !session::has_session() {
        return false;
    }
    REFRESHING.with(|r| r.set(true));
    // The refresh token travels in the HttpOnly cookie, not the body.
    let body = serde_json::to_string(&RefreshRequest {
        refresh_token: None,
    })
    .unwrap_or_default();
    let url = format!("{BASE}/auth/refresh");
    let mut out = fetch("POST", &url, Some(&body), None, None)
        .await
        .and_then(Resp::into_result);
    // Another tab refreshed at the same moment (ADR 0031): the browser now
    // holds the new cookie; try once more with it.
    if matches!(&out, Err(e) if e.code() == Some("auth.refresh_superseded")) {
        sleep_ms(300).await;
        out = fetch("POST", &url, Some(&body), None, None)
            .await
            .and_then(Resp::into_result);
    }
    let ok = match out {
        Ok(r) => match decode::<TokenResponse>(&r.text) {
            Ok(t) => {
                session::store_tokens(&t);
                true
            }
            Err(_) => false,
        },
        Err(ApiError::Network) => {
            REFRESHING.with(|r| r.set(false));
            return false;
        }
        Err(_) => {
            set_access(None);
            false
        }
    };
    REFRESHING.with(|r| r.set(false));
    ok
}

/// One API call with the session's token; a 401 refreshes once and retries;
/// a privileged act that needs the password again asks for it and retries.
/// A session that cannot be refreshed ends (the app shows the login page
/// with the "session expired" message).
pub async fn call(
    method: &str,
    path: &str,
    body: Option<String>,
    if_match: Option<i32>,
) -> Result<Resp, ApiError> {
    let first = call_once(method, path, body.as_deref(), if_match).await;
    match &first {
        Err(e) if e.code() == Some("auth.reauthentication_required") => {
            if crate::reauth::ask().await {
                call_once(method, path, body.as_deref(), if_match).await
            } else {
                first
            }
        }
        _ => first,
    }
}

async fn call_once(
    method: &str,
    path: &str,
    body: Option<&str>,
    if_match: Option<i32>,
) -> Result<Resp, ApiError> {
    let url = format!("{BASE}{path}");
    let used = access();
    let first = fetch(method, &url, body, if_match, used.as_deref()).await?;
    if first.status != 401 || !session::has_session() {
        return end_session_on_401(first.into_result());
    }
    let renewed = access() != used || refresh().await;
    if !renewed {
        return end_session_on_401(first.into_result());
    }
    let token = access();
    let second = fetch(method, &url, body, if_match, token.as_deref()).await?;
    end_session_on_401(second.into_result())
}

fn end_session_on_401(r: Result<Resp, ApiError>) -> Result<Resp, ApiError> {
    if let Err(e) = &r
        && e.ends_session()
    {
        session::expire(e.message_key());
    }
    r
}

fn parse<T: DeserializeOwned>(r: Resp) -> Result<T, ApiError> {
    decode(&r.text).map_err(|_| ApiError::Http {
        status: 500,
        problem: None,
    })
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    parse(call("GET", path, None, None).await?)
}

/// A case file (`GET /cases/{id}`). The wire type flattens the case into
/// the file; serde's flatten would put a second, buffered decoder of every
/// case field into the module, so the file's own lists are taken out first
/// and the rest decodes as the case.
pub async fn get_case_file(id: &str) -> Result<CaseFileDto, ApiError> {
    let r = call("GET", &format!("/cases/{id}"), None, None).await?;
    decode_case_file(&r.text).map_err(|_| ApiError::Http {
        status: 500,
        problem: None,
    })
}

pub fn decode_case_file(text: &str) -> Result<CaseFileDto, serde_json::Error> {
    fn take(v: &mut serde_json::Value, key: &str) -> serde_json::Value {
        v.as_object_mut()
            .and_then(|o| o.remove(key))
            .unwrap_or_else(|| serde_json::Value::Array(Vec::new()))
    }
    let mut v: serde_json::Value = serde_json::from_str(text)?;
    Ok(CaseFileDto {
        assignments: from_value(take(&mut v, "assignments"))?,
        activities: from_value(take(&mut v, "activities"))?,
        hearings: from_value(take(&mut v, "hearings"))?,
        timeline: from_value(take(&mut v, "timeline"))?,
        case: from_value(v)?,
    })
}

/// The version an ETag names: `"7"`, or `"7-<digest>"` where the ETag also
/// tells apart what different readers see of the same version.
pub fn etag_version(etag: &str) -> Option<i32> {
    let tag = etag.trim_start_matches("W/").trim_matches('"');
    tag.split('-').next()?.parse().ok()
}

/// GET with the record's version from its ETag (for edits with If-Match).
pub async fn get_versioned<T: DeserializeOwned>(path: &str) -> Result<(T, Option<i32>), ApiError> {
    let r = call("GET", path, None, None).await?;
    let v = r.etag.as_deref().and_then(etag_version);
    Ok((parse(r)?, v))
}

pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
    if_match: Option<i32>,
) -> Result<T, ApiError> {
    let body = serde_json::to_string(body).unwrap_or_default();
    parse(call(method, path, Some(body), if_match).await?)
}

/// A call whose answer has no body worth reading (204).
pub async fn send_empty(method: &str, path: &str) -> Result<(), ApiError> {
    call(method, path, None, None).await.map(|_| ())
}

/// A second factor's code as typed: six digits are a TOTP code, anything
/// else a recovery code. Returns `(totp_code, recovery_code)`.
pub fn split_code(code: &str) -> (Option<String>, Option<String>) {
    let c = code.trim();
    if c.is_empty() {
        (None, None)
    } else if c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()) {
        (Some(c.to_owned()), None)
    } else {
        (None, Some(c.to_owned()))
    }
}

/// Logs in without the session machinery (no token yet, no refresh on 401).
/// The refresh token comes back as an HttpOnly cookie.
pub async fn login(username: &str, password: &str, code: &str) -> Result<TokenResponse, ApiError> {
    let (totp_code, recovery_code) = split_code(code);
    let body = serde_json::to_string(&tgpl_api_model::auth::LoginRequest {
        username: username.to_owned(),
        password: password.to_owned(),
        totp_code,
        recovery_code,
        refresh_cookie: true,
    })
    .unwrap_or_default();
    let url = format!("{BASE}/auth/login");
    let r = fetch("POST", &url, Some(&body), None, None)
        .await?
        .into_result()?;
    parse(r)
}

/// Checks the password (and code) again; the new token opens privileged acts.
pub async fn reauthenticate(password: &str, code: &str) -> Result<(), ApiError> {
    let (totp_code, recovery_code) = split_code(code);
    let body = serde_json::to_string(&tgpl_api_model::auth::ReauthenticateRequest {
        password: password.to_owned(),
        totp_code,
        recovery_code,
    })
    .unwrap_or_default();
    let r = call_once("POST", "/auth/reauthenticate", Some(&body), None).await?;
    let t: TokenResponse = parse(r)?;
    session::store_tokens(&t);
    Ok(())
}

pub async fn logout() {
    let token = access();
    let url = format!("{BASE}/auth/logout");
    let _ = fetch("POST", &url, None, None, token.as_deref()).await;
}

fn xhr_once(
    path: &str,
    form: &web_sys::FormData,
    on_progress: &js_sys::Function,
) -> Result<(web_sys::XmlHttpRequest, js_sys::Promise), ApiError> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(net)?;
    xhr.open("POST", &format!("{BASE}{path}")).map_err(net)?;
    if let Some(t) = access() {
        xhr.set_request_header("authorization", &format!("Bearer {t}"))
            .map_err(net)?;
    }
    xhr.set_request_header("accept", "application/json")
        .map_err(net)?;
    xhr.upload().map_err(net)?.set_onprogress(Some(on_progress));
    let x = xhr.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        x.set_onload(Some(&resolve));
        x.set_onerror(Some(&reject));
        x.set_onabort(Some(&reject));
    });
    xhr.send_with_opt_form_data(Some(form)).map_err(net)?;
    Ok((xhr, promise))
}

/// A public service's call (no session): a JSON body, a JSON answer.
pub async fn public_json(
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> Result<serde_json::Value, ApiError> {
    let body = body.map(|b| serde_json::to_string(b).unwrap_or_default());
    let url = format!("{BASE}{path}");
    parse(
        fetch(method, &url, body.as_deref(), None, None)
            .await?
            .into_result()?,
    )
}

/// Sends a citizen's file to their online request (`path` under `/api/v1`),
/// opened by the receipt's secret; no session is involved.
pub async fn public_upload(
    path: &str,
    form: &web_sys::FormData,
    secret: &str,
) -> Result<serde_json::Value, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    let headers = web_sys::Headers::new().map_err(net)?;
    headers.set("accept", "application/json").map_err(net)?;
    headers.set("x-tracking-secret", secret).map_err(net)?;
    init.set_headers(&headers);
    init.set_body(form);
    let req =
        web_sys::Request::new_with_str_and_init(&format!("{BASE}{path}"), &init).map_err(net)?;
    parse(send_request(req).await?.into_result()?)
}

/// Sends a multipart form, reporting upload progress (0.0–1.0).
pub async fn upload<T: DeserializeOwned>(
    path: &str,
    form: &web_sys::FormData,
    progress: impl Fn(f64) + 'static,
) -> Result<T, ApiError> {
    let cb = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress(e.loaded() / e.total());
        }
    });
    let f: &js_sys::Function = cb.as_ref().unchecked_ref();
    let mut attempt = 0;
    loop {
        let used = access();
        let (xhr, promise) = xhr_once(path, form, f)?;
        JsFuture::from(promise)
            .await
            .map_err(|_| ApiError::Network)?;
        let status = xhr.status().unwrap_or(0);
        let text = xhr.response_text().ok().flatten().unwrap_or_default();
        let r = Resp {
            status,
            etag: None,
            text,
        };
        if status == 401 && attempt == 0 && (access() != used || refresh().await) {
            attempt += 1;
            continue;
        }
        drop(cb);
        return end_session_on_401(r.into_result()).and_then(parse);
    }
}

/// Downloads with the token and hands the file to the browser.
pub async fn download(path: &str, filename: &str) -> Result<(), ApiError> {
    let url = format!("{BASE}{path}");
    let mut token = access();
    let mut resp = raw_blob(&url, token.as_deref()).await?;
    if resp.status() == 401 && refresh().await {
        token = access();
        resp = raw_blob(&url, token.as_deref()).await?;
    }
    if resp.status() >= 400 {
        let text = JsFuture::from(resp.text().map_err(net)?)
            .await
            .map_err(net)?
            .as_string()
            .unwrap_or_default();
        return end_session_on_401(
            Resp {
                status: resp.status(),
                etag: None,
                text,
            }
            .into_result(),
        )
        .map(|_| ());
    }
    let blob: web_sys::Blob = JsFuture::from(resp.blob().map_err(net)?)
        .await
        .map_err(net)?
        .dyn_into()
        .map_err(net)?;
    let href = web_sys::Url::create_object_url_with_blob(&blob).map_err(net)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ApiError::Network)?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(net)?
        .dyn_into()
        .map_err(net)?;
    a.set_href(&href);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&href);
    Ok(())
}

async fn raw_blob(url: &str, token: Option<&str>) -> Result<web_sys::Response, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let headers = web_sys::Headers::new().map_err(net)?;
    if let Some(t) = token {
        headers
            .set("authorization", &format!("Bearer {t}"))
            .map_err(net)?;
    }
    init.set_headers(&headers);
    let req = web_sys::Request::new_with_str_and_init(url, &init).map_err(net)?;
    let window = web_sys::window().ok_or(ApiError::Network)?;
    JsFuture::from(window.fetch_with_request(&req))
        .await
        .map_err(net)?
        .dyn_into()
        .map_err(net)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_etag_names_the_version_with_or_without_a_digest() {
        use super::etag_version;
        assert_eq!(etag_version("\"7\""), Some(7));
        assert_eq!(etag_version("\"1-0cba0beee335ac2f9461\""), Some(1));
        assert_eq!(etag_version("W/\"12-ab\""), Some(12));
        assert_eq!(etag_version("\"x\""), None);
    }

    use super::*;
    use tgpl_domain::CaseState;
    use tgpl_domain::case::FormOfAid;

    #[test]
    fn a_case_file_decodes_without_serde_flatten_as_with_it() {
        let case = crate::case_rules::tests::case(CaseState::Assigned, FormOfAid::Advice);
        let file = serde_json::json!({
            "assignments": [], "activities": [], "hearings": [],
            "timeline": [{"seq": 7, "type": "received", "label_vi": "Tiếp nhận yêu cầu",
                "occurred_on": "2026-11-02", "recorded_at": "2026-11-02T02:00:00Z",
                "actor_id": null, "event": {}}],
        });
        let mut wire = serde_json::to_value(&case).unwrap();
        wire.as_object_mut()
            .unwrap()
            .extend(file.as_object().unwrap().clone());
        let text = wire.to_string();
        let ours = decode_case_file(&text).unwrap();
        let serdes: CaseFileDto = serde_json::from_str(&text).unwrap();
        assert_eq!(
            serde_json::to_value(&ours).unwrap(),
            serde_json::to_value(&serdes).unwrap()
        );
        assert_eq!(ours.timeline.len(), 1);
        assert_eq!(ours.case.status, CaseState::Assigned);
    }
}
