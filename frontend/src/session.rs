//! Who is logged in. The access token lives in memory only; the refresh
//! token in sessionStorage (it survives a reload of the tab, not the tab's
//! closing). Signals here are created before the app mounts, outside any
//! component, so that no page's cleanup disposes them.
use crate::i18n::Lang;
use leptos::prelude::*;
use tgpl_api_model::auth::{MeResponse, TokenResponse};
use tgpl_domain::Role;
use uuid::Uuid;

const REFRESH_KEY: &str = "tgpl.refresh";
const USER_KEY: &str = "tgpl.username";
const LANG_KEY: &str = "tgpl.lang";

#[derive(Debug, Clone)]
pub struct Session {
    pub me: MeResponse,
    pub username: String,
    pub full_name: String,
    /// The register entry an officer or lawyer account acts as.
    pub practitioner_id: Option<Uuid>,
    /// A temporary password (new account, reset) must be changed.
    pub must_change_password: bool,
}

impl Session {
    pub fn role(&self) -> Role {
        self.me.role
    }
}

#[derive(Clone, Copy)]
pub struct Globals {
    pub session: RwSignal<Option<Session>>,
    /// A message for the login page (why the session ended).
    pub notice: RwSignal<Option<&'static str>>,
    pub lang: RwSignal<Lang>,
    /// False until a stored session has been restored (or found absent).
    pub ready: RwSignal<bool>,
}

thread_local! {
    static G: Globals = Globals {
        session: RwSignal::new(None),
        notice: RwSignal::new(None),
        lang: RwSignal::new(stored_lang()),
        ready: RwSignal::new(false),
    };
}

pub fn globals() -> Globals {
    G.with(|g| *g)
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn stored_lang() -> Lang {
    let v = local_storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    match v.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Vi,
    }
}

pub fn set_lang(lang: Lang) {
    globals().lang.set(lang);
    if let Some(s) = local_storage() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
    if let Some(doc) = web_sys::window().and_then(|w| w.document())
        && let Some(el) = doc.document_element()
    {
        let _ = el.set_attribute("lang", lang.code());
    }
}

pub fn stored_refresh_token() -> Option<String> {
    session_storage()?
        .get_item(REFRESH_KEY)
        .ok()
        .flatten()
        .filter(|t| !t.is_empty())
}

pub fn store_tokens(t: &TokenResponse) {
    crate::api::set_access(Some(t.access_token.clone()));
    if let Some(s) = session_storage() {
        let _ = s.set_item(REFRESH_KEY, &t.refresh_token);
    }
}

pub fn stored_username() -> String {
    session_storage()
        .and_then(|s| s.get_item(USER_KEY).ok().flatten())
        .unwrap_or_default()
}

pub fn remember_username(u: &str) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(USER_KEY, u);
    }
}

/// Ends the session here; an expired one keeps the username for the login form.
fn forget(keep_username: bool) {
    crate::api::set_access(None);
    if let Some(s) = session_storage() {
        let _ = s.remove_item(REFRESH_KEY);
        if !keep_username {
            let _ = s.remove_item(USER_KEY);
        }
    }
    globals().session.set(None);
}

/// The session ended on the server's word (expired, revoked, locked).
pub fn expire(message_key: &'static str) {
    if globals().session.get_untracked().is_some() {
        globals().notice.set(Some(message_key));
    }
    forget(true);
}

pub async fn logout() {
    crate::api::logout().await;
    forget(false);
    globals().notice.set(Some("login.logged_out"));
}

/// Loads who the token belongs to (after login or a reload).
pub async fn load_me() -> Result<(), crate::problem::ApiError> {
    let me: MeResponse = crate::api::get("/auth/me").await?;
    let user: Option<tgpl_api_model::users::UserDto> =
        crate::api::get(&format!("/users/{}", me.user_id))
            .await
            .ok();
    let username = user
        .as_ref()
        .map(|u| u.username.clone())
        .unwrap_or_else(stored_username);
    globals().session.set(Some(Session {
        full_name: user
            .as_ref()
            .map(|u| u.full_name.clone())
            .unwrap_or_default(),
        must_change_password: me.must_change_password,
        practitioner_id: user.and_then(|u| u.practitioner_id),
        username,
        me,
    }));
    Ok(())
}

/// On start: a refresh token kept from before a reload restores the session.
pub async fn restore() {
    if stored_refresh_token().is_some() && crate::api::refresh().await {
        let _ = load_me().await;
    }
    globals().ready.set(true);
}
