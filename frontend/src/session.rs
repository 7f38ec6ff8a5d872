//! Who is logged in. The access token lives in memory only; the refresh
//! token in an `HttpOnly` cookie script never reads (issue #10).
//! sessionStorage only remembers that a session was opened in this tab, so
//! a reload tries to refresh (it survives a reload, not the tab's closing). Signals here are created before the app mounts, outside any
//! component, so that no page's cleanup disposes them.
use crate::i18n::Lang;
use leptos::prelude::*;
use tgpl_api_model::auth::{MeResponse, TokenResponse};
use tgpl_domain::Role;
use uuid::Uuid;

const SESSION_KEY: &str = "tgpl.session";
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
    /// The role must use a second factor and the grace period is over.
    pub must_enrol_second_factor: bool,
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
    /// The password dialog of a privileged act is open (`crate::reauth`).
    pub reauth: RwSignal<bool>,
    /// The bell's count of unread notices (`pages::notifications`).
    pub unread: RwSignal<u32>,
}

thread_local! {
    static G: Globals = Globals {
        session: RwSignal::new(None),
        notice: RwSignal::new(None),
        lang: RwSignal::new(stored_lang()),
        ready: RwSignal::new(false),
        reauth: RwSignal::new(false),
        unread: RwSignal::new(0),
    };
}

pub fn globals() -> Globals {
    G.with(|g| *g)
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

/// What was typed into the page's static login form before the module
/// loaded, and whether its button was pressed.
#[derive(Debug, Clone, Default)]
pub struct ShellLogin {
    pub username: String,
    pub password: String,
    pub submitted: bool,
}

thread_local! {
    static SHELL_LOGIN: std::cell::RefCell<Option<ShellLogin>> = const { std::cell::RefCell::new(None) };
}

/// Reads the static form before it is removed.
pub fn take_shell_login(shell: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let value = |id: &str| {
        shell
            .query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|e| e.value())
            .unwrap_or_default()
    };
    let typed = ShellLogin {
        username: value("shell-username"),
        password: value("shell-password"),
        submitted: shell.get_attribute("data-submitted").is_some(),
    };
    SHELL_LOGIN.with(|s| *s.borrow_mut() = Some(typed));
}

/// The static form's login, once (the login form starts from it).
pub fn shell_login() -> ShellLogin {
    SHELL_LOGIN
        .with(|s| s.borrow_mut().take())
        .unwrap_or_default()
}

/// Whether this browser opened a session (its refresh cookie may still be
/// valid): every tab shares it (ADR 0031).
pub fn has_session() -> bool {
    local_storage()
        .and_then(|s| s.get_item(SESSION_KEY).ok().flatten())
        .is_some()
}

pub fn store_tokens(t: &TokenResponse) {
    crate::api::set_access(Some(t.access_token.clone()));
    if let Some(s) = local_storage() {
        let _ = s.set_item(SESSION_KEY, "1");
    }
    // Only a change touches the session signal: an update re-renders the
    // page, which would drop what it was doing (a notice, a form).
    let changed = globals().session.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| s.must_enrol_second_factor != t.must_enrol_second_factor)
    });
    if changed {
        globals().session.update(|s| {
            if let Some(s) = s {
                s.must_enrol_second_factor = t.must_enrol_second_factor;
            }
        });
    }
}

pub fn stored_username() -> String {
    local_storage()
        .and_then(|s| s.get_item(USER_KEY).ok().flatten())
        .unwrap_or_default()
}

pub fn remember_username(u: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(USER_KEY, u);
    }
}

/// Ends the session here; an expired one keeps the username for the login form.
fn forget(keep_username: bool) {
    crate::api::set_access(None);
    if let Some(s) = local_storage() {
        let _ = s.remove_item(SESSION_KEY);
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
        must_enrol_second_factor: second_factor_overdue(&me),
        practitioner_id: user.and_then(|u| u.practitioner_id),
        username,
        me,
    }));
    Ok(())
}

/// Whether the grace period to enrol a required second factor is over
/// (the domain's rule, the browser's clock).
fn second_factor_overdue(me: &MeResponse) -> bool {
    let f = &me.second_factor;
    tgpl_domain::policy::second_factor_overdue(
        me.role,
        f.enrolled,
        f.enrol_by,
        crate::format::now(),
    )
}

/// Another tab logged out (it removed the shared marker): this one ends too.
fn follow_other_tabs() {
    let handle = leptos::prelude::window_event_listener_untyped("storage", |ev| {
        let key = js_sys::Reflect::get(&ev, &"key".into())
            .ok()
            .and_then(|k| k.as_string());
        // `key` is null when another tab cleared the whole storage.
        let ended = key.is_none_or(|k| k == SESSION_KEY) && !has_session();
        if ended && globals().session.get_untracked().is_some() {
            crate::api::set_access(None);
            globals().session.set(None);
            globals().notice.set(Some("login.logged_out"));
        }
    });
    std::mem::forget(handle);
}

/// On start: the refresh cookie of a session opened before a reload, or in
/// another tab, restores it.
pub async fn restore() {
    follow_other_tabs();
    if has_session() && crate::api::refresh().await {
        let _ = load_me().await;
    }
    globals().ready.set(true);
}
