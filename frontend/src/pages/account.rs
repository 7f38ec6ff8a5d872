//! The user's own account: change the password (required after a temporary
//! one), two-step verification and the calendar feed. Strength is checked as the user types with the domain's rule.
use crate::api;
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{ErrorBox, Notice, TextField, t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tgpl_api_model::auth::ChangePasswordRequest;
use tgpl_domain::user::check_password_strength;

#[component]
pub fn Account() -> impl IntoView {
    let g = globals();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let strong = Memo::new(move |_| check_password_strength(&new.get()).is_ok());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(None);
        if !strong.get_untracked() {
            return error.set(Some(crate::pages::local_error(
                "new_password",
                "user.password_weak",
            )));
        }
        let body = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        spawn_local(async move {
            match api::call(
                "POST",
                "/auth/password",
                serde_json::to_string(&body).ok(),
                None,
            )
            .await
            {
                Ok(_) => {
                    // The token in hand was issued for the temporary
                    // password; a fresh one carries the account's new state.
                    let _ = api::refresh().await;
                    current.set(String::new());
                    new.set(String::new());
                    g.session.update(|s| {
                        if let Some(s) = s {
                            s.must_change_password = false;
                        }
                    });
                    done.set(Some(t("account.changed").to_owned()));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{tx("account.title")}</h1>
        <p class="muted">{move || g.session.with(|s| s.as_ref().map(|s| format!("{} ({})", s.full_name, s.username)))}</p>
        <Notice message=done/>
        <form class="card form-grid" on:submit=submit>
            <h2>{tx("account.change_now")}</h2>
            <ErrorBox error=error/>
            <TextField id="current_password" label_key="account.current_password" value=current error=error
                kind="password" required=true autocomplete="current-password"/>
            <TextField id="new_password" label_key="account.new_password" value=new error=error
                kind="password" required=true autocomplete="new-password"/>
            <p class="small" aria-live="polite">
                {move || if strong.get() { t("account.password_ok") } else { t("account.password_rules") }}
            </p>
            <div class="actions"><button type="submit" class="btn btn-primary">{tx("common.save")}</button></div>
        </form>
        <crate::pages::second_factor::SecondFactor/>
        <section class="card">
            <h2>{tx("calendar.title")}</h2>
            <p><a href="/desk/calendar" rel="external" data-testid="calendar-link">{tx("calendar.manage")}</a></p>
        </section>
    }
}
