//! "Lịch của tôi": the user's calendar feed (hearings and deadlines as
//! iCalendar) to subscribe to in a phone or desktop calendar; renewed or
//! revoked here.
use crate::api;
use crate::format::fmt_datetime;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Notice, t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tgpl_api_model::auth::CalendarFeedDto;

const PATH: &str = "/auth/calendar-feed";

/// The site's own address, before the feed's path.
fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

#[component]
pub fn CalendarFeed() -> impl IntoView {
    let status = RwSignal::new(None::<CalendarFeedDto>);
    let url = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    spawn_local(async move {
        // 404: no feed yet, which is not an error to show.
        if let Ok(s) = api::get::<CalendarFeedDto>(PATH).await {
            status.set(Some(s));
        }
    });
    let open = move |_| {
        if status.get_untracked().is_some() && !crate::ui::confirmed(t("calendar.confirm_renew")) {
            return;
        }
        error.set(None);
        spawn_local(async move {
            match api::send::<_, CalendarFeedDto>("POST", PATH, &serde_json::json!({}), None).await
            {
                Ok(s) => {
                    url.set(s.path.as_ref().map(|p| format!("{}{p}", origin())));
                    status.set(Some(s));
                    done.set(Some(t("calendar.opened").to_owned()));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let revoke = move |_| {
        if !crate::ui::confirmed(t("calendar.confirm_revoke")) {
            return;
        }
        error.set(None);
        spawn_local(async move {
            match api::send_empty("DELETE", PATH).await {
                Ok(()) => {
                    status.set(None);
                    url.set(None);
                    done.set(Some(t("calendar.revoked").to_owned()));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card" data-testid="calendar-feed">
            <h2>{tx("calendar.title")}</h2>
            <p class="small">{tx("calendar.explain")}</p>
            <ErrorBox error=error/>
            <Notice message=done/>
            {move || url.get().map(|u| view! {
                <label for="calendar_url">{tx("calendar.url")}</label>
                <input id="calendar_url" data-testid="calendar-url" readonly=true value=u/>
                <p class="small">{tx("calendar.copy_once")}</p>
            })}
            {move || status.get().map(|s| view! {
                <p class="small">
                    {tx("calendar.opened_at")} ": " {fmt_datetime(s.opened_at)}
                    {s.last_read_at.map(|r| format!(" · {}: {}", t("calendar.last_read"), fmt_datetime(r)))}
                </p>
            })}
            <div class="actions">
                <button type="button" class="btn" data-testid="calendar-open" on:click=open>
                    {move || if status.get().is_some() { t("calendar.renew") } else { t("calendar.open") }}
                </button>
                <Show when=move || status.get().is_some()>
                    <button type="button" class="btn btn-danger" data-testid="calendar-revoke" on:click=revoke>
                        {tx("calendar.revoke")}
                    </button>
                </Show>
            </div>
        </section>
    }
}
