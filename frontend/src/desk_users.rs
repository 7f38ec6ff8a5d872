//! Editing a user account (issue #13 item 4): name, contact, role and
//! organisation. Only the fields changed are sent, with the version read;
//! a change of role or organisation ends the account's sessions (the server
//! does it; the screen says so before saving).
use crate::api;
use crate::desk::get;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Notice, SelectField, TextField, confirmed, enum_options, t, tx};
use crate::value::{items, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Map, Value};
use tgpl_domain::Role;

/// The fields the form edits, as read.
const FIELDS: [&str; 5] = ["full_name", "email", "phone", "role", "organisation_id"];

/// The version the account was read at (its ETag, else its `version`).
fn version_of(u: &Value) -> Option<i32> {
    u["version"].as_i64().and_then(|v| i32::try_from(v).ok())
}

#[component]
pub fn UserEdit(id: String) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let read = RwSignal::new(None::<Value>);
    let version = RwSignal::new(None::<i32>);
    let orgs = RwSignal::new(Vec::<(String, String)>::new());
    let values: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let path = format!("/users/{id}");
    let load = {
        let path = path.clone();
        move || {
            let path = path.clone();
            spawn_local(async move {
                match api::get_versioned::<Value>(&path).await {
                    Ok((u, v)) => {
                        for (f, s) in FIELDS.iter().zip(values) {
                            s.set(text(&u, f));
                        }
                        version.set(v.or(version_of(&u)));
                        // The account's own unit is always offered, even
                        // beyond the first 200 of the list.
                        let own = text(&u, "organisation_id");
                        read.set(Some(u));
                        if !own.is_empty()
                            && let Ok(o) = get(&format!("/organisations/{own}")).await
                        {
                            orgs.update(|list| {
                                if !list.iter().any(|(id, _)| *id == own) {
                                    list.insert(0, (own.clone(), text(&o, "name")));
                                }
                            });
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            })
        }
    };
    load();
    spawn_local(async move {
        if let Ok(v) = get("/organisations?limit=200&status=active").await {
            orgs.update(|list| {
                for o in items(&v) {
                    let id = text(&o, "id");
                    if !list.iter().any(|(have, _)| *have == id) {
                        list.push((id, text(&o, "name")));
                    }
                }
            });
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(before) = read.get_untracked() else {
            return;
        };
        // Only what changed, so that nobody else's edit is overwritten.
        let mut body = Map::new();
        for (f, s) in FIELDS.iter().zip(values) {
            let now = s.get_untracked();
            if now != text(&before, f) {
                body.insert((*f).to_owned(), Value::String(now));
            }
        }
        if body.is_empty() {
            notice.set(Some(t("user_edit.unchanged").to_owned()));
            return;
        }
        let powers = body.contains_key("role") || body.contains_key("organisation_id");
        if powers && !confirmed(t("user_edit.confirm_powers")) {
            return;
        }
        let path = path.clone();
        let load = load.clone();
        spawn_local(async move {
            error.set(None);
            let sent = Value::Object(body).to_string();
            match api::call("PATCH", &path, Some(sent), version.get_untracked()).await {
                Ok(_) => {
                    notice.set(Some(t("user_edit.saved").to_owned()));
                    load();
                }
                Err(e) => {
                    // Someone else saved first: read their version again
                    // and keep what was typed here.
                    if e.status() == Some(412) {
                        let typed: Vec<String> = values.iter().map(|s| s.get_untracked()).collect();
                        if let Ok((u, v)) = api::get_versioned::<Value>(&path).await {
                            version.set(v.or(version_of(&u)));
                            for ((f, s), mine) in FIELDS.iter().zip(values).zip(typed) {
                                if mine == text(&before, f) {
                                    s.set(text(&u, f));
                                }
                            }
                            read.set(Some(u));
                        }
                    }
                    error.set(Some(e));
                }
            }
        });
    };
    let [full_name, email, phone, role, org] = values;
    view! {
        <form class="card form-grid" on:submit=save data-testid="user-edit">
            <ErrorBox error=error/>
            <Notice message=notice/>
            <TextField id="full_name" label_key="users.full_name" value=full_name error=error required=true/>
            <TextField id="email" label_key="common.email" value=email error=error kind="email"/>
            <TextField id="phone" label_key="common.phone" value=phone error=error kind="tel"/>
            <SelectField id="role" label_key="users.role" value=role error=error
                options=enum_options(&Role::ALL, Role::as_str, "role")/>
            {move || {
                let opts = orgs.get();
                view! {
                    <div class="field">
                        <label for="organisation_id">{tx("case.organisation")}</label>
                        <select id="organisation_id" prop:value=move || org.get() on:change=move |e| org.set(event_target_value(&e))>
                            {opts.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                        </select>
                    </div>
                }
            }}
            <p class="muted">{tx("user_edit.powers_hint")}</p>
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="user-save">{tx("common.save")}</button>
                <a class="btn" href="/desk/users">{tx("common.cancel")}</a>
            </div>
        </form>
    }
}
