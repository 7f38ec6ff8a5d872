//! The API keys of an integration service account (desk module, issue #14
//! item 6): issue a key with the scopes it needs, rotate it with an overlap
//! so the integration switches without an outage, revoke it. The secret is
//! shown once. Issuing, rotating and revoking ask for the password again
//! when it was not checked in the last 10 minutes (`crate::reauth`).
use crate::api;
use crate::format::fmt_datetime;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Loading, Notice, TextField, t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tgpl_api_model::auth::{ApiKeyCreated, ApiKeyDto, CreateApiKeyRequest, RotateApiKeyRequest};
use tgpl_domain::policy::{KeyAccess, KeyArea, KeyScope};
use uuid::Uuid;

/// Shows a new key's secret once, with what to do with it.
fn shown_once(k: &ApiKeyCreated) -> String {
    format!("{} {}", t("keys.secret_once"), k.key)
}

#[component]
pub fn ApiKeys(user_id: Uuid, username: String) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let keys = crate::ui::resource(move || {
        tick.track();
        async move { api::get::<Vec<ApiKeyDto>>(&format!("/users/{user_id}/api-keys")).await }
    });

    let rotate = move |key: ApiKeyDto| {
        error.set(None);
        done.set(None);
        let Some(hours) = web_sys::window()
            .and_then(|w| {
                w.prompt_with_message_and_default(t("keys.rotate_overlap"), "24")
                    .ok()
            })
            .flatten()
        else {
            return;
        };
        let Ok(overlap) = hours.trim().parse::<u32>() else {
            return done.set(Some(t("keys.rotate_hours_bad").to_owned()));
        };
        let body = RotateApiKeyRequest {
            overlap_hours: Some(overlap),
            ..Default::default()
        };
        spawn_local(async move {
            let path = format!("/users/{user_id}/api-keys/{}/rotate", key.id);
            match api::send::<_, ApiKeyCreated>("POST", &path, &body, None).await {
                Ok(k) => {
                    done.set(Some(shown_once(&k)));
                    tick.update(|x| *x += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let revoke = move |key: ApiKeyDto| {
        error.set(None);
        done.set(None);
        let sure = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(&format!("{} {}", t("keys.revoke_confirm"), key.name))
                    .ok()
            })
            .unwrap_or(false);
        if !sure {
            return;
        }
        spawn_local(async move {
            let path = format!("/users/{user_id}/api-keys/{}", key.id);
            match api::send_empty("DELETE", &path).await {
                Ok(()) => {
                    done.set(Some(t("keys.revoked").to_owned()));
                    tick.update(|x| *x += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let rows = move || {
        match keys.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => {
            error.set(Some(e));
            ().into_any()
        }
        Some(Ok(list)) if list.is_empty() => view! { <p>{tx("keys.none")}</p> }.into_any(),
        Some(Ok(list)) => view! {
            <div class="table-wrap"><table class="table" data-testid="api-key-table">
                <thead><tr>
                    <th scope="col">{tx("keys.name")}</th>
                    <th scope="col">{tx("keys.scopes")}</th>
                    <th scope="col">{tx("keys.expires")}</th>
                    <th scope="col">{tx("keys.last_used")}</th>
                    <th scope="col">{tx("common.status")}</th>
                    <th scope="col">{tx("common.actions")}</th>
                </tr></thead>
                <tbody>{list.into_iter().map(|k| {
                    let live = k.revoked_at.is_none() && k.replaced_by.is_none();
                    let status = if k.revoked_at.is_some() {
                        t("keys.status_revoked")
                    } else if k.replaced_by.is_some() {
                        t("keys.status_rotated")
                    } else {
                        t("keys.status_live")
                    };
                    let (k1, k2) = (k.clone(), k.clone());
                    view! { <tr>
                        <td>{k.name.clone()}<br/><code>{format!("tgpl_{}_…", k.prefix)}</code></td>
                        <td>{k.scopes.join(", ")}</td>
                        <td>{k.expires_at.map(fmt_datetime).unwrap_or_else(|| t("keys.never").to_owned())}</td>
                        <td>{k.last_used_at.map(fmt_datetime).unwrap_or_default()}</td>
                        <td>{status}</td>
                        <td class="row-actions">{live.then(|| view! {
                            <button type="button" class="btn btn-small" on:click=move |_| rotate(k1.clone())>{tx("keys.rotate")}</button>
                            <button type="button" class="btn btn-small btn-danger" on:click=move |_| revoke(k2.clone())>{tx("keys.revoke")}</button>
                        })}</td>
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
        }
        .into_any(),
    }
    };

    // Issue a key: a name, the scopes (area by area), an optional expiry.
    let name = RwSignal::new(String::new());
    let expires = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<KeyScope>::new());
    let i_error = RwSignal::new(None::<ApiError>);
    let issue = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        i_error.set(None);
        done.set(None);
        let expires_at = match expires.get_untracked().trim() {
            "" => None,
            d => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(d) => d.and_hms_opt(23, 59, 59).map(|t| t.and_utc()),
                Err(_) => {
                    return i_error.set(Some(crate::pages::local_error("expires_at", "invalid")));
                }
            },
        };
        let body = CreateApiKeyRequest {
            name: name.get_untracked().trim().to_owned(),
            scopes: chosen
                .get_untracked()
                .iter()
                .map(ToString::to_string)
                .collect(),
            expires_at,
        };
        spawn_local(async move {
            let path = format!("/users/{user_id}/api-keys");
            match api::send::<_, ApiKeyCreated>("POST", &path, &body, None).await {
                Ok(k) => {
                    done.set(Some(shown_once(&k)));
                    name.set(String::new());
                    chosen.set(Vec::new());
                    tick.update(|x| *x += 1);
                }
                Err(e) => i_error.set(Some(e)),
            }
        });
    };
    let scope_grid = KeyArea::ALL
        .into_iter()
        .map(|area| {
            let boxes = KeyAccess::ALL
                .into_iter()
                .map(|access| {
                    let scope = KeyScope::new(area, access);
                    let on = move || chosen.with(|c| c.contains(&scope));
                    let toggle = move |_| {
                        chosen.update(|c| {
                            if let Some(i) = c.iter().position(|s| *s == scope) {
                                c.remove(i);
                            } else {
                                c.push(scope);
                            }
                        })
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" name=scope.to_string() prop:checked=on on:change=toggle/>
                            {tx(match access {
                                KeyAccess::Read => "keys.read",
                                KeyAccess::Create => "keys.create_access",
                                KeyAccess::Write => "keys.write",
                            })}
                        </label>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row"><code>{area.as_str()}</code></th><td>{boxes}</td></tr> }
        })
        .collect_view();

    view! {
        <section class="card" aria-labelledby="api-keys-title">
            <h2 id="api-keys-title">{move || format!("{} — {}", t("keys.title"), username)}</h2>
            <p>{tx("keys.lead")}</p>
            <Notice message=done/>
            <ErrorBox error=error/>
            {rows}
            <details>
                <summary>{tx("keys.issue")}</summary>
                <form class="form-grid" on:submit=issue>
                    <ErrorBox error=i_error/>
                    <TextField id="key-name" label_key="keys.name" value=name error=i_error required=true/>
                    <TextField id="expires_at" label_key="keys.expires" value=expires error=i_error kind="date"/>
                    <fieldset class="scopes">
                        <legend>{tx("keys.scopes")}</legend>
                        <table><tbody>{scope_grid}</tbody></table>
                    </fieldset>
                    <div class="actions"><button type="submit" class="btn btn-primary">{tx("keys.issue")}</button></div>
                </form>
            </details>
        </section>
    }
}
