//! Two-step verification on one's own account: turn it on (QR code, then a
//! code from the app), keep the recovery codes, renew them, turn it off.
//! Roles that must use it see the deadline, then only this section.
use crate::api;
use crate::format::fmt_datetime;
use crate::problem::ApiError;
use crate::session::{self, globals};
use crate::ui::{ErrorBox, Notice, TextField, t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tgpl_api_model::auth::{
    ConfirmSecondFactorRequest, RecoveryCodes, SecondFactorConfirmed, SecondFactorEnrolment,
};

#[component]
pub fn SecondFactor() -> impl IntoView {
    let g = globals();
    let status = move || {
        g.session
            .with(|s| s.as_ref().map(|s| s.me.second_factor.clone()))
    };
    let enrolment = RwSignal::new(None::<SecondFactorEnrolment>);
    let codes = RwSignal::new(Vec::<String>::new());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let empty = || serde_json::json!({});
    let start = move |_| {
        error.set(None);
        spawn_local(async move {
            match api::send::<_, SecondFactorEnrolment>(
                "POST",
                "/auth/second-factor",
                &empty(),
                None,
            )
            .await
            {
                Ok(e) => enrolment.set(Some(e)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let body = ConfirmSecondFactorRequest {
            totp_code: code.get_untracked().trim().to_owned(),
        };
        spawn_local(async move {
            let path = "/auth/second-factor/confirm";
            match api::send::<_, SecondFactorConfirmed>("POST", path, &body, None).await {
                Ok(c) => {
                    session::store_tokens(&c.token);
                    enrolment.set(None);
                    code.set(String::new());
                    codes.set(c.recovery_codes);
                    let _ = session::load_me().await;
                    done.set(Some(t("mfa.enabled").to_owned()));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let renew = move |_| {
        error.set(None);
        spawn_local(async move {
            let path = "/auth/second-factor/recovery-codes";
            match api::send::<_, RecoveryCodes>("POST", path, &empty(), None).await {
                Ok(r) => {
                    codes.set(r.recovery_codes);
                    let _ = session::load_me().await;
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let remove = move |_| {
        error.set(None);
        spawn_local(async move {
            match api::send_empty("DELETE", "/auth/second-factor").await {
                Ok(()) => {
                    codes.set(Vec::new());
                    let _ = session::load_me().await;
                    done.set(Some(t("mfa.removed").to_owned()));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let overdue = move || {
        g.session
            .with(|s| s.as_ref().is_some_and(|s| s.must_enrol_second_factor))
    };
    view! {
        <section class="card" aria-labelledby="mfa-title" data-testid="second-factor">
            <h2 id="mfa-title">{tx("mfa.title")}</h2>
            <Notice message=done/>
            <ErrorBox error=error/>
            {move || status().map(|st| view! {
                <p>{if st.enrolled { t("mfa.on") } else { t("mfa.off") }}</p>
                {st.enrol_by.map(|by| view! {
                    <p class="alert alert-info">{tx("mfa.required_by")}" "{fmt_datetime(by)}</p>
                })}
                {st.enrolled.then(|| view! {
                    <p class="small">{tx("mfa.codes_left")}" "{st.recovery_codes_left}</p>
                })}
            })}
            {move || overdue().then(|| view! { <p class="alert alert-error">{tx("mfa.must_enrol")}</p> })}
            {move || {
                let codes = codes.get();
                (!codes.is_empty()).then(|| view! {
                    <div class="alert alert-ok" data-testid="recovery-codes">
                        <h3>{tx("mfa.recovery_title")}</h3>
                        <p class="small">{tx("mfa.recovery_help")}</p>
                        <ul class="codes">{codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || match enrolment.get() {
                Some(e) => view! {
                    <form class="form-grid" on:submit=confirm>
                        <p class="small">{tx("mfa.scan")}</p>
                        <div class="qr" aria-hidden="true" inner_html=e.qr_svg.clone()></div>
                        <p>{tx("mfa.secret")}": "<code data-testid="mfa-secret">{e.secret.clone()}</code></p>
                        <TextField id="mfa_code" field="totp_code" label_key="login.code" value=code
                            error=error required=true autocomplete="one-time-code"/>
                        <div class="actions"><button type="submit" class="btn btn-primary">{tx("mfa.confirm")}</button></div>
                    </form>
                }.into_any(),
                None => {
                    let enrolled = status().is_some_and(|s| s.enrolled);
                    if enrolled {
                        view! {
                            <div class="actions">
                                <button type="button" class="btn" on:click=renew>{tx("mfa.renew")}</button>
                                <button type="button" class="btn btn-danger" on:click=remove>{tx("mfa.remove")}</button>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <div class="actions">
                                <button type="button" class="btn btn-primary" on:click=start>{tx("mfa.start")}</button>
                            </div>
                        }.into_any()
                    }
                }
            }}
        </section>
    }
}
