//! Privileged acts (locking accounts, resets, roles, API keys, reference
//! data, merges) need the password checked within 10 minutes. When the
//! server asks (`auth.reauthentication_required`), the app opens a dialog,
//! checks the password (and the second factor's code) and repeats the act.
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{ErrorBox, TextField, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;

thread_local! {
    /// The dialog's answer: `Some(true)` checked, `Some(false)` cancelled.
    static ANSWER: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Created with the other globals before the app mounts, so no page's
/// cleanup disposes it.
fn open() -> RwSignal<bool> {
    globals().reauth
}

fn answer(ok: bool) {
    ANSWER.with(|a| a.set(Some(ok)));
    open().set(false);
}

/// Opens the dialog and waits for it: true when the password was checked.
pub async fn ask() -> bool {
    ANSWER.with(|a| a.set(None));
    open().set(true);
    loop {
        if let Some(ok) = ANSWER.with(Cell::take) {
            return ok;
        }
        crate::api::sleep_ms(100).await;
    }
}

#[component]
pub fn ReauthDialog() -> impl IntoView {
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let needs_code = move || {
        globals()
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.me.second_factor.enrolled))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match crate::api::reauthenticate(&password.get_untracked(), &code.get_untracked()).await
            {
                Ok(()) => {
                    password.set(String::new());
                    code.set(String::new());
                    answer(true);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let cancel = move |_| {
        password.set(String::new());
        code.set(String::new());
        error.set(None);
        answer(false);
    };
    move || {
        open().get().then(|| {
            view! {
                <div class="overlay">
                    <form class="card dialog" role="dialog" aria-modal="true"
                        aria-labelledby="reauth-title" data-testid="reauth" on:submit=submit>
                        <h2 id="reauth-title">{tx("reauth.title")}</h2>
                        <p class="small">{tx("reauth.why")}</p>
                        <ErrorBox error=error/>
                        <TextField id="reauth_password" field="password" label_key="login.password"
                            value=password error=error kind="password" required=true
                            autocomplete="current-password"/>
                        {move || needs_code().then(|| view! {
                            <TextField id="reauth_code" field="totp_code" label_key="login.code"
                                value=code error=error autocomplete="one-time-code"/>
                        })}
                        <div class="actions">
                            <button type="button" class="btn" on:click=cancel>{tx("common.cancel")}</button>
                            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                                {tx("reauth.confirm")}
                            </button>
                        </div>
                    </form>
                </div>
            }
        })
    }
}
