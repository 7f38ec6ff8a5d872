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
                        <td><div class="row-actions">{live.then(|| view! {
                            <button type="button" class="btn btn-small" on:click=move |_| rotate(k1.clone())>{tx("keys.rotate")}</button>
                            <button type="button" class="btn btn-small btn-danger" on:click=move |_| revoke(k2.clone())>{tx("keys.revoke")}</button>
                        })}</div></td>
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

/// The webhook subscriptions of an integration account: subscribe a URL
/// to event types (the signing secret is shown once), see how each is
/// doing and its delivery log, send the past again, stop one.
#[component]
pub fn Webhooks(user_id: Uuid) -> impl IntoView {
    use tgpl_api_model::Page;
    use tgpl_api_model::webhooks::{
        CreateWebhook, DeliveryDto, ReplayWebhook, WebhookCreated, WebhookDto,
    };
    use tgpl_domain::case::CaseEvent;
    let tick = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let log_of = RwSignal::new(None::<Uuid>);
    let hooks = crate::ui::resource(move || {
        tick.track();
        async move { api::get::<Vec<WebhookDto>>(&format!("/users/{user_id}/webhooks")).await }
    });
    let log = crate::ui::resource(move || {
        let id = log_of.get();
        tick.track();
        async move {
            match id {
                Some(id) => api::get::<Page<DeliveryDto>>(&format!(
                    "/users/{user_id}/webhooks/{id}/deliveries?limit=20"
                ))
                .await
                .map(|p| p.items),
                None => Ok(Vec::new()),
            }
        }
    });
    let replay = move |id: Uuid| {
        error.set(None);
        done.set(None);
        let Some(after) = web_sys::window()
            .and_then(|w| {
                w.prompt_with_message_and_default(t("hooks.replay_from"), "0")
                    .ok()
            })
            .flatten()
        else {
            return;
        };
        let Ok(after) = after.trim().parse::<i64>() else {
            return done.set(Some(t("hooks.replay_bad").to_owned()));
        };
        spawn_local(async move {
            let path = format!("/users/{user_id}/webhooks/{id}/replay");
            match api::send::<_, WebhookDto>("POST", &path, &ReplayWebhook { after }, None).await {
                Ok(_) => {
                    done.set(Some(t("hooks.replayed").to_owned()));
                    tick.update(|x| *x += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let remove = move |h: WebhookDto| {
        error.set(None);
        done.set(None);
        let sure = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(&format!("{} {}", t("hooks.delete_confirm"), h.url))
                    .ok()
            })
            .unwrap_or(false);
        if !sure {
            return;
        }
        spawn_local(async move {
            match api::send_empty("DELETE", &format!("/users/{user_id}/webhooks/{}", h.id)).await {
                Ok(()) => {
                    done.set(Some(t("hooks.deleted").to_owned()));
                    tick.update(|x| *x += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let rows = move || {
        match hooks.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => {
            error.set(Some(e));
            ().into_any()
        }
        Some(Ok(list)) if list.is_empty() => view! { <p>{tx("hooks.none")}</p> }.into_any(),
        Some(Ok(list)) => view! {
            <div class="table-wrap"><table class="table" data-testid="webhook-table">
                <thead><tr>
                    <th scope="col">{tx("hooks.url")}</th>
                    <th scope="col">{tx("hooks.types")}</th>
                    <th scope="col">{tx("hooks.cursor")}</th>
                    <th scope="col">{tx("common.status")}</th>
                    <th scope="col">{tx("common.actions")}</th>
                </tr></thead>
                <tbody>{list.into_iter().map(|h| {
                    let status = if !h.active {
                        t("hooks.status_deleted").to_owned()
                    } else if h.failures > 0 {
                        format!("{} ({}): {}", t("hooks.status_failing"), h.failures, h.last_error.clone().unwrap_or_default())
                    } else {
                        t("hooks.status_ok").to_owned()
                    };
                    let types = if h.event_types.is_empty() { t("hooks.all_types").to_owned() } else { h.event_types.join(", ") };
                    let (id, active, h2) = (h.id, h.active, h.clone());
                    view! { <tr>
                        <td><code>{h.url.clone()}</code></td>
                        <td>{types}</td>
                        <td>{h.cursor}</td>
                        <td>{status}</td>
                        <td><div class="row-actions">
                            <button type="button" class="btn btn-small" on:click=move |_| { log_of.set(Some(id)); tick.update(|x| *x += 1); }>{tx("hooks.log")}</button>
                            {active.then(|| view! {
                                <button type="button" class="btn btn-small" on:click=move |_| replay(id)>{tx("hooks.replay")}</button>
                                <button type="button" class="btn btn-small btn-danger" on:click=move |_| remove(h2.clone())>{tx("hooks.delete")}</button>
                            })}
                        </div></td>
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
        }
        .into_any(),
    }
    };
    let log_view = move || {
        log_of.get()?;
        let items = log.get().and_then(Result::ok).unwrap_or_default();
        Some(view! {
            <h3>{tx("hooks.log")}</h3>
            <div class="table-wrap"><table class="table" data-testid="delivery-table">
                <thead><tr>
                    <th scope="col">{tx("hooks.attempted_at")}</th>
                    <th scope="col">{tx("hooks.event")}</th>
                    <th scope="col">{tx("hooks.attempt")}</th>
                    <th scope="col">{tx("hooks.result")}</th>
                </tr></thead>
                <tbody>{items.into_iter().map(|d| view! { <tr>
                    <td>{fmt_datetime(d.attempted_at)}</td>
                    <td>{format!("#{} {}", d.seq, d.event_type)}</td>
                    <td>{d.attempt}</td>
                    <td>{match (d.status, d.error) {
                        (Some(s), None) => format!("{s} · {} ms", d.duration_ms),
                        (Some(s), Some(e)) => format!("{s}: {e}"),
                        (None, e) => e.unwrap_or_default(),
                    }}</td>
                </tr> }).collect_view()}</tbody>
            </table></div>
        })
    };

    let url = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<&'static str>::new());
    let c_error = RwSignal::new(None::<ApiError>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        c_error.set(None);
        done.set(None);
        let body = CreateWebhook {
            url: url.get_untracked().trim().to_owned(),
            event_types: chosen
                .get_untracked()
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
        };
        spawn_local(async move {
            let path = format!("/users/{user_id}/webhooks");
            match api::send::<_, WebhookCreated>("POST", &path, &body, None).await {
                Ok(w) => {
                    done.set(Some(format!("{} {}", t("hooks.secret_once"), w.secret)));
                    url.set(String::new());
                    chosen.set(Vec::new());
                    tick.update(|x| *x += 1);
                }
                Err(e) => c_error.set(Some(e)),
            }
        });
    };
    let kinds = CaseEvent::KINDS
        .into_iter()
        .map(|kind| {
            let on = move || chosen.with(|c| c.contains(&kind));
            let toggle = move |_| {
                chosen.update(|c| {
                    if let Some(i) = c.iter().position(|s| *s == kind) {
                        c.remove(i);
                    } else {
                        c.push(kind);
                    }
                })
            };
            view! {
                <label class="check">
                    <input type="checkbox" name=kind prop:checked=on on:change=toggle/>
                    <code>{kind}</code>
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">{tx("hooks.title")}</h2>
            <p>{tx("hooks.lead")}</p>
            <Notice message=done/>
            <ErrorBox error=error/>
            {rows}
            {log_view}
            <details>
                <summary>{tx("hooks.create")}</summary>
                <form class="form-grid" on:submit=create>
                    <ErrorBox error=c_error/>
                    <TextField id="hook-url" label_key="hooks.url" value=url error=c_error required=true kind="url"/>
                    <fieldset class="scopes">
                        <legend>{tx("hooks.types_pick")}</legend>
                        {kinds}
                    </fieldset>
                    <div class="actions"><button type="submit" class="btn btn-primary">{tx("hooks.create")}</button></div>
                </form>
            </details>
        </section>
    }
}
