//! The bell (unread count in the header), the inbox with mark-as-read,
//! delivery preferences, and for the national administrator the
//! dead-letter list of background jobs with retry (issue #14).
//!
//! Lists and the form are built as escaped markup with one delegated
//! handler, and answers read as JSON values: the page has to fit the
//! 450 KB gzip budget of the web module (BENCHMARKS.md, web app size).
use crate::api;
use crate::format::fmt_datetime;
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{ErrorBox, Loading, t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use tgpl_domain::policy::{Action, authorize};

// The answers are read as JSON values, not decoded into the DTOs of
// `tgpl_api_model::notifications`: each derived decoder would cost the
// wasm module kilobytes (BENCHMARKS.md, web app size), and this page only
// shows strings. The field names are the DTOs'.

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_owned()
}

fn when(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .and_then(|s| serde_json::from_value(Value::String(s.to_owned())).ok())
        .map(fmt_datetime)
        .unwrap_or_default()
}

/// The inbox as markup (server texts escaped): a list of views per notice
/// cost the wasm module ~6 KB more than this.
fn notice_markup(list: &[Value]) -> String {
    if list.is_empty() {
        return format!("<p class=\"muted\">{}</p>", escape(t("notif.none")));
    }
    let mut html = String::from("<ul class=\"notices\" data-testid=\"notifications\">");
    for n in list {
        let read = n["read_at"].is_string();
        html.push_str(&format!(
            "<li class=\"card{}\"><p><strong>{}</strong></p><p>{}</p><p class=\"muted small\">{}",
            if read { "" } else { " unread" },
            escape(&text(n, "subject")),
            escape(&text(n, "body")),
            escape(&when(n, "created_at")),
        ));
        if let Some(c) = n["case_id"].as_str() {
            html.push_str(&format!(
                " · <a href=\"/cases/{}\">{}</a>",
                escape(c),
                escape(t("notif.open_case"))
            ));
        }
        html.push_str("</p>");
        if !read {
            html.push_str(&format!(
                "<button type=\"button\" class=\"btn-link\" data-post=\"/notifications/{}/read\">{}</button>",
                escape(&text(n, "id")),
                escape(t("notif.mark_read"))
            ));
        }
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    html
}

/// The dead-letter list as markup, a retry button per job.
fn jobs_markup(list: &[Value]) -> String {
    if list.is_empty() {
        return format!("<p class=\"muted\">{}</p>", escape(t("jobs.none")));
    }
    let mut html = format!(
        "<table class=\"table\" data-testid=\"dead-jobs\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead><tbody>",
        escape(t("jobs.kind")),
        escape(t("jobs.attempts")),
        escape(t("jobs.error"))
    );
    for j in list {
        html.push_str(&format!(
            "<tr><td>{}<br><span class=\"muted small\">{}</span></td><td>{}/{}</td><td class=\"small\">{}</td><td><button type=\"button\" class=\"btn\" data-post=\"/jobs/{}/retry\">{}</button></td></tr>",
            escape(&text(j, "kind")),
            escape(&when(j, "updated_at")),
            j["attempts"].as_i64().unwrap_or(0),
            j["max_attempts"].as_i64().unwrap_or(0),
            escape(&text(j, "last_error")),
            escape(&text(j, "id")),
            escape(t("jobs.retry"))
        ));
    }
    html.push_str("</tbody></table>");
    html
}

/// GETs `path` as a JSON value with the parser every answer already goes
/// through (`api::get::<Value>` would add a second, generic decoder).
async fn fetch(path: &str) -> Result<Value, ApiError> {
    let r = api::call("GET", path, None, None).await?;
    Ok(serde_json::from_str(&r.text).unwrap_or(Value::Null))
}

/// How often the bell asks for the count (seconds).
const POLL_SECONDS: i32 = 60;

/// The bell's count, shared with the inbox (marking read lowers it). It
/// lives with the session's signals, created before the app mounts: a
/// signal created inside a view would be disposed when that view re-renders.
fn unread() -> RwSignal<u32> {
    globals().unread
}

async fn refresh_count() {
    if let Ok(c) = fetch("/notifications/unread-count").await {
        let n = c["unread"].as_u64().unwrap_or(0);
        let _ = unread().try_set(u32::try_from(n).unwrap_or(u32::MAX));
    }
}

/// The bell in the header: a link to the inbox with the unread count.
#[component]
pub fn Bell() -> impl IntoView {
    let g = globals();
    spawn_local(async move {
        while g.session.with_untracked(Option::is_some) {
            refresh_count().await;
            api::sleep_ms(POLL_SECONDS * 1000).await;
        }
    });
    let label = move || {
        let n = unread().get();
        if n == 0 {
            t("notif.bell").to_owned()
        } else {
            format!("{} ({n} {})", t("notif.bell"), t("notif.unread"))
        }
    };
    view! {
        // The inbox lives in the desk module (ADR 0021: the staff module's budget).
        <a href="/desk/notifications" rel="external" class="bell" data-testid="bell">
            <span aria-hidden="true">"🔔"</span>
            <span class="sr-only">{label}</span>
            {move || (unread().get() > 0).then(|| view! {
                <span class="badge" data-testid="bell-count" aria-hidden="true">{unread().get()}</span>
            })}
        </a>
    }
}

/// Whether the user may see the background jobs (the policy decides).
pub fn may_manage_jobs() -> bool {
    globals().session.with_untracked(|s| {
        s.as_ref().is_some_and(|s| {
            authorize(
                &crate::case_rules::actor(s),
                Action::ManageJobs,
                &Default::default(),
            )
            .is_ok()
        })
    })
}

/// One block of the page: loading, the error, or `render`'s markup with
/// one handler for the clicks and submits inside it. The three blocks
/// share this one view (each distinct view costs the wasm module; the
/// budget is 450 KB gzip).
fn block(
    state: Option<Result<Value, ApiError>>,
    error: RwSignal<Option<ApiError>>,
    render: fn(&Value) -> String,
    act: impl Fn(web_sys::Event) + Copy + Send + Sync + 'static,
) -> AnyView {
    match state {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => {
            error.set(Some(e));
            ().into_any()
        }
        Some(Ok(v)) => view! {
            <div on:click=move |ev| act(ev.into()) on:submit=move |ev| act(ev.into())
                inner_html=render(&v)></div>
        }
        .into_any(),
    }
}

fn inbox_markup(v: &Value) -> String {
    notice_markup(v["items"].as_array().map(Vec::as_slice).unwrap_or_default())
}

fn dead_jobs_markup(v: &Value) -> String {
    if v.is_null() {
        // Not an administrator: no jobs block.
        return String::new();
    }
    jobs_markup(v["items"].as_array().map(Vec::as_slice).unwrap_or_default())
}

/// The preferences form as markup; read back through the form's data.
fn preferences_markup(p: &Value) -> String {
    let lang = text(p, "language");
    let option = |code: &str, name: &str| {
        format!(
            "<option value=\"{code}\"{}>{name}</option>",
            if lang == code { " selected" } else { "" }
        )
    };
    format!(
        "<form data-testid=\"notification-preferences\">{}<label for=\"notif-lang\">{}</label> <select id=\"notif-lang\" name=\"language\">{}{}</select><table class=\"table\"><tbody>{}</tbody></table><button type=\"submit\" class=\"btn btn-primary\">{}</button></form>",
        if p["mail_enabled"] == Value::Bool(false) {
            format!("<p class=\"muted\">{}</p>", escape(t("notif.mail_off")))
        } else {
            String::new()
        },
        escape(t("notif.language")),
        option("vi", "Tiếng Việt"),
        option("en", "English"),
        preference_rows(p["kinds"].as_array().map(Vec::as_slice).unwrap_or_default()),
        escape(t("common.save")),
    )
}

/// The preferences body from a submitted form: names and values are our
/// own tokens ([a-z_]), written without a JSON serializer. Disabled selects
/// (security notices) are not in the form's data.
fn preferences_body(form: &web_sys::HtmlFormElement) -> Option<String> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let token = |s: &str| s.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    let mut kinds = Vec::new();
    let mut language = String::from("vi");
    for entry in js_sys::try_iter(&data).ok().flatten()?.flatten() {
        let pair = js_sys::Array::from(&entry);
        let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
            continue;
        };
        if !token(&k) || !token(&v) {
            continue;
        }
        if k == "language" {
            language = v;
        } else {
            kinds.push(format!(r#"{{"kind":"{k}","delivery":"{v}"}}"#));
        }
    }
    Some(format!(
        r#"{{"language":"{language}","kinds":[{}]}}"#,
        kinds.join(",")
    ))
}

#[component]
pub fn Notifications() -> impl IntoView {
    let only_unread = RwSignal::new(false);
    let reload = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let inbox = crate::ui::resource(move || {
        reload.track();
        let path = if only_unread.get() {
            "/notifications?unread=true&limit=100"
        } else {
            "/notifications?limit=100"
        };
        fetch(path)
    });
    let prefs = crate::ui::resource(|| fetch("/notifications/preferences"));
    let jobs_shown = may_manage_jobs();
    let jobs = crate::ui::resource(move || {
        reload.track();
        let shown = jobs_shown;
        async move {
            if shown {
                fetch("/jobs?status=dead&limit=100").await
            } else {
                Ok(Value::Null)
            }
        }
    });
    let run = move |method: &'static str, path: String, body: Option<String>| {
        spawn_local(async move {
            match api::call(method, &path, body, None).await {
                Ok(_) => {
                    error.set(None);
                    saved.set(method == "PUT");
                    refresh_count().await;
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    // Buttons carry the path they POST to; the preferences form is submitted.
    let act = move |ev: web_sys::Event| {
        let Some(el) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        if ev.type_() == "submit" {
            ev.prevent_default();
            if let Some(body) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlFormElement>(&el)
                .and_then(preferences_body)
            {
                run("PUT", "/notifications/preferences".into(), Some(body));
            }
        } else if let Some(path) = el
            .closest("[data-post]")
            .ok()
            .flatten()
            .and_then(|b| b.get_attribute("data-post"))
        {
            run("POST", path, Some("{}".into()));
        }
    };
    view! {
        <h1>{tx("notif.title")}</h1>
        <ErrorBox error=error/>
        <div class="toolbar">
            <label><input type="checkbox" prop:checked=only_unread
                on:change=move |ev| only_unread.set(event_target_checked(&ev))/>" "{tx("notif.only_unread")}</label>
            <button type="button" class="btn" data-testid="mark-all-read"
                on:click=move |_| run("POST", "/notifications/read-all".into(), Some("{}".into()))>{tx("notif.mark_all")}</button>
        </div>
        {move || block(inbox.get(), error, inbox_markup, act)}
        <h2>{tx("notif.preferences")}</h2>
        {move || saved.get().then(|| view! { <p role="status" class="muted">{tx("notif.saved")}</p> })}
        {move || block(prefs.get(), error, preferences_markup, act)}
        {jobs_shown.then(|| view! { <h2>{tx("jobs.title")}</h2> })}
        {move || block(jobs.get(), error, dead_jobs_markup, act)}
    }
}

const DELIVERIES: [&str; 3] = ["immediate", "daily_digest", "in_app_only"];

/// `&`, `<`, `>` and `"` escaped, for markup built as text.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The rows of the preferences table as markup: one select per kind, named
/// after it (read back through the form's data). Built as text rather than
/// views: eleven rows of nested views cost the wasm module ~8 KB.
fn preference_rows(kinds: &[Value]) -> String {
    let mut html = String::new();
    for k in kinds {
        let kind = escape(&text(k, "kind"));
        let chosen = text(k, "delivery");
        let fixed = k["fixed"].as_bool().unwrap_or(false);
        html.push_str(&format!(
            "<tr><td><label for=\"pref-{kind}\">{}</label></td><td><select id=\"pref-{kind}\" name=\"{kind}\"{}>",
            escape(t(&format!("notif.kind.{kind}"))),
            if fixed { " disabled" } else { "" }
        ));
        for d in DELIVERIES {
            html.push_str(&format!(
                "<option value=\"{d}\"{}>{}</option>",
                if chosen == d { " selected" } else { "" },
                escape(t(&format!("notif.delivery.{d}")))
            ));
        }
        html.push_str("</select></td></tr>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_built_as_text_escapes_server_text() {
        assert_eq!(escape(r#"<b a="x">&"#), "&lt;b a=&quot;x&quot;&gt;&amp;");
    }
}
