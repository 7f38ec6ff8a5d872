//! Login: wrong password, lockout after failed attempts, a locked account
//! and an ended session each get their own message. Once the password is
//! right and the account has a second factor, the form asks for its code.
use crate::api;
use crate::problem::ApiError;
use crate::session::{self, globals};
use crate::ui::{ErrorBox, TextField, t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Login() -> impl IntoView {
    let g = globals();
    // What was typed before the module loaded (the page's static form).
    let early = session::shell_login();
    let username = RwSignal::new(if early.username.is_empty() {
        session::stored_username()
    } else {
        early.username
    });
    let password = RwSignal::new(early.password);
    let code = RwSignal::new(String::new());
    let show_code = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let log_in = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let u = username.get_untracked().trim().to_owned();
            match api::login(&u, &password.get_untracked(), &code.get_untracked()).await {
                Ok(tokens) => {
                    session::store_tokens(&tokens);
                    session::remember_username(&u);
                    g.notice.set(None);
                    if let Err(e) = session::load_me().await {
                        error.set(Some(e));
                    }
                }
                Err(e) if e.code() == Some("auth.second_factor_required") => {
                    show_code.set(true);
                    error.set(Some(e));
                }
                Err(e) => {
                    password.set(String::new());
                    code.set(String::new());
                    error.set(Some(e));
                }
            }
            busy.set(false);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        log_in();
    };
    // The static form's button was pressed before the module loaded.
    if early.submitted && !username.get_untracked().trim().is_empty() {
        log_in();
    }
    view! {
        <main id="main" class="login-page">
            <form class="card login" on:submit=submit novalidate>
                <h1>{tx("app.name")}</h1>
                <p class="muted">{tx("login.subtitle")}</p>
                {move || g.notice.get().map(|k| view! {
                    <div class="alert alert-info" role="status" data-testid="login-notice">{t(k)}</div>
                })}
                <ErrorBox error=error/>
                <TextField id="username" label_key="login.username" value=username error=error
                    required=true autocomplete="username"/>
                <TextField id="password" label_key="login.password" value=password error=error
                    kind="password" required=true autocomplete="current-password"/>
                {move || show_code.get().then(|| view! {
                    <TextField id="code" field="totp_code" label_key="login.code" value=code error=error
                        autocomplete="one-time-code"/>
                    <p class="small">{tx("login.code_hint")}</p>
                })}
                <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                    {move || if busy.get() { t("login.signing_in") } else { t("login.submit") }}
                </button>
                <div class="login-lang">
                    <button type="button" class="btn-link" on:click=move |_| session::set_lang(crate::i18n::Lang::Vi)>"Tiếng Việt"</button>
                    " · "
                    <button type="button" class="btn-link" on:click=move |_| session::set_lang(crate::i18n::Lang::En)>"English"</button>
                </div>
                <p class="small"><a href="/public" rel="external" data-testid="public-link">{tx("login.public_link")}</a></p>
            </form>
        </main>
    }
}
