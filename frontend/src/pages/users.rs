//! User administration: create an account, reset a password, lock an account
//! and revoke every session at once (leaked credentials), unlock.
use crate::api;
use crate::filters::encode_pairs;
use crate::format::fmt_datetime;
use crate::pages::cases::RawSelect;
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{
    ErrorBox, ExportButtons, Loading, Notice, SelectField, TextField, enum_options, label, t, tf,
    tx,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tgpl_api_model::Page;
use tgpl_api_model::organisations::OrganisationDto;
use tgpl_api_model::users::{
    CreateUser, LockResult, LockUser, ResetPasswordRequest, ResetPasswordResult, UserCreated,
    UserDto,
};
use tgpl_domain::Role;

#[component]
pub fn Users() -> impl IntoView {
    let g = globals();
    let q = RwSignal::new(String::new());
    let role_filter = RwSignal::new(String::new());
    let applied = RwSignal::new((String::new(), String::new()));
    let tick = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    // The service account whose API keys are open below the list.
    let keys_of = RwSignal::new(None::<(uuid::Uuid, String)>);
    // The filters applied, as the list and its export both send them.
    let filters = |(q, role): (String, String)| {
        let mut pairs = Vec::new();
        if !q.trim().is_empty() {
            pairs.push(("q", q));
        }
        if !role.is_empty() {
            pairs.push(("role", role));
        }
        pairs
    };
    let list = crate::ui::resource(move || {
        tick.track();
        let mut pairs = filters(applied.get());
        pairs.push(("limit", "100".to_owned()));
        async move {
            let qs = encode_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            api::get::<Page<UserDto>>(&format!("/users?{qs}")).await
        }
    });
    let export = Callback::new(move |format: &'static str| {
        let pairs = filters(applied.get_untracked());
        let qs = encode_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        format!("/users/export/{format}?{qs}")
    });

    let act = move |kind: &'static str, u: UserDto| {
        // Irreversible acts are confirmed first (a lock asks for its reason).
        let confirm = match kind {
            "reset" => Some("users.reset_confirm"),
            "mfa_reset" => Some("mfa.reset_confirm"),
            _ => None,
        };
        if let Some(key) = confirm {
            let sure = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(&format!("{} {}", t(key), u.username))
                        .ok()
                })
                .unwrap_or(false);
            if !sure {
                return;
            }
        }
        error.set(None);
        done.set(None);
        let id = u.id;
        match kind {
            "lock" => {
                let reason = web_sys::window()
                    .and_then(|w| w.prompt_with_message(t("users.lock_reason")).ok().flatten())
                    .unwrap_or_default();
                if reason.trim().is_empty() {
                    return;
                }
                spawn_local(async move {
                    match api::send::<_, LockResult>(
                        "POST",
                        &format!("/users/{id}/lock"),
                        &LockUser { reason },
                        None,
                    )
                    .await
                    {
                        Ok(r) => {
                            done.set(Some(tf("users.locked_msg", r.sessions_revoked)));
                            tick.update(|x| *x += 1);
                        }
                        Err(e) => error.set(Some(e)),
                    }
                });
            }
            "unlock" => spawn_local(async move {
                match api::send::<_, UserDto>(
                    "POST",
                    &format!("/users/{id}/unlock"),
                    &serde_json::json!({}),
                    None,
                )
                .await
                {
                    Ok(_) => {
                        done.set(Some(t("users.unlocked_msg").to_owned()));
                        tick.update(|x| *x += 1);
                    }
                    Err(e) => error.set(Some(e)),
                }
            }),
            "mfa_reset" => spawn_local(async move {
                let path = format!("/users/{id}/second-factor/reset");
                match api::send_empty("POST", &path).await {
                    Ok(()) => done.set(Some(t("mfa.reset_done").to_owned())),
                    Err(e) => error.set(Some(e)),
                }
            }),
            _ => spawn_local(async move {
                match api::send::<_, ResetPasswordResult>(
                    "POST",
                    &format!("/users/{id}/reset-password"),
                    &ResetPasswordRequest::default(),
                    None,
                )
                .await
                {
                    Ok(r) => done.set(Some(format!(
                        "{} {}",
                        t("users.reset_msg"),
                        r.temporary_password.unwrap_or_default()
                    ))),
                    Err(e) => error.set(Some(e)),
                }
            }),
        }
    };

    let rows = move || {
        match list.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => { error.set(Some(e)); ().into_any() }
        Some(Ok(page)) => view! {
            {crate::ui::total_line(page.total, "list-total", "common.matching")}
            <div class="table-wrap"><table class="table" data-testid="user-table">
                <thead><tr>
                    <th scope="col">{tx("users.username")}</th>
                    <th scope="col">{tx("users.full_name")}</th>
                    <th scope="col">{tx("users.role")}</th>
                    <th scope="col">{tx("common.status")}</th>
                    <th scope="col">{tx("users.last_login")}</th>
                    <th scope="col">{tx("common.actions")}</th>
                </tr></thead>
                <tbody>{page.items.into_iter().map(|u| {
                    let role = u.role;
                    let locked = u.locked;
                    let (u1, u2, u3, u4) = (u.clone(), u.clone(), u.clone(), u.clone());
                    view! { <tr>
                        <td>{u.username.clone()}</td>
                        <td>{u.full_name.clone()}</td>
                        <td>{move || label("role", role.as_str())}</td>
                        <td>{move || if locked { t("users.locked") } else { label("user_status", u.status.as_str()) }}</td>
                        <td>{u.last_login_at.map(fmt_datetime).unwrap_or_default()}</td>
                        <td class="row-actions">
                            <a class="btn btn-small" data-testid="user-edit-link" href=format!("/desk/users/{}/edit", u.id)>{tx("common.edit")}</a>
                            <button type="button" class="btn btn-small" on:click=move |_| act("reset", u1.clone())>{tx("users.reset")}</button>
                            {if locked {
                                view! { <button type="button" class="btn btn-small" on:click=move |_| act("unlock", u2.clone())>{tx("users.unlock")}</button> }.into_any()
                            } else {
                                view! { <button type="button" class="btn btn-small btn-danger" on:click=move |_| act("lock", u3.clone())>{tx("users.lock")}</button> }.into_any()
                            }}
                            <button type="button" class="btn btn-small" on:click=move |_| act("mfa_reset", u4.clone())>{tx("mfa.reset")}</button>
                            {role.is_service().then(|| {
                                let who = (u.id, u.username.clone());
                                view! { <button type="button" class="btn btn-small" on:click=move |_| keys_of.set(Some(who.clone()))>{tx("keys.title")}</button> }
                            })}
                            <a class="btn btn-small" rel="external" href=format!("/desk/audit?entity=user&entity_id={}", u.id)>{tx("nav.audit")}</a>
                        </td>
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
        }.into_any(),
    }
    };

    // Create form.
    let c_username = RwSignal::new(String::new());
    let c_name = RwSignal::new(String::new());
    let c_email = RwSignal::new(String::new());
    let c_role = RwSignal::new(String::new());
    let c_org = RwSignal::new(String::new());
    let c_password = RwSignal::new(String::new());
    let c_error = RwSignal::new(None::<ApiError>);
    let orgs = crate::ui::resource(|| async {
        api::get::<Page<OrganisationDto>>("/organisations?limit=200&status=active")
            .await
            .map(|p| p.items)
            .unwrap_or_default()
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        c_error.set(None);
        done.set(None);
        let Ok(role) = Role::parse(&c_role.get_untracked()) else {
            return c_error.set(Some(crate::pages::local_error("role", "required")));
        };
        let org = c_org.get_untracked().parse().ok().or_else(|| {
            g.session
                .with_untracked(|s| s.as_ref().map(|s| s.me.organisation_id))
        });
        let Some(organisation_id) = org else { return };
        let body = CreateUser {
            username: c_username.get_untracked().trim().to_owned(),
            full_name: c_name.get_untracked().trim().to_owned(),
            email: Some(c_email.get_untracked().trim().to_owned()).filter(|s| !s.is_empty()),
            phone: None,
            role,
            organisation_id,
            practitioner_id: None,
            password: Some(c_password.get_untracked()).filter(|s| !s.is_empty()),
        };
        spawn_local(async move {
            match api::send::<_, UserCreated>("POST", "/users", &body, None).await {
                Ok(u) => {
                    let pw = u
                        .temporary_password
                        .map(|p| format!(" {} {p}", t("users.temp_password")))
                        .unwrap_or_default();
                    done.set(Some(format!(
                        "{}: {}{pw}",
                        t("users.created"),
                        u.user.username
                    )));
                    c_username.set(String::new());
                    c_name.set(String::new());
                    c_email.set(String::new());
                    c_password.set(String::new());
                    tick.update(|x| *x += 1);
                }
                Err(e) => c_error.set(Some(e)),
            }
        });
    };
    let roles = enum_options(&Role::ALL, Role::as_str, "role");
    view! {
        <h1>{tx("users.title")}</h1>
        <Notice message=done/>
        <ErrorBox error=error/>
        <form class="card filters" role="search" on:submit=move |ev| { ev.prevent_default(); applied.set((q.get_untracked(), role_filter.get_untracked())); }>
            <TextField id="u-q" label_key="common.search" value=q error=error/>
            <SelectField id="u-role" label_key="users.role" value=role_filter blank_key="common.all" options=roles.clone()/>
            <div class="actions"><button type="submit" class="btn btn-primary">{tx("common.apply")}</button></div>
        </form>
        <ExportButtons path=export file="danh-sach-tai-khoan" error=error/>
        {rows}
        {move || keys_of.get().map(|(user_id, username)| view! {
            <crate::desk_api_keys::ApiKeys user_id=user_id username=username/>
            <crate::desk_api_keys::Webhooks user_id=user_id/>
        })}
        <details class="card">
            <summary>{tx("users.create")}</summary>
            <form class="form-grid" on:submit=create>
                <ErrorBox error=c_error/>
                <TextField id="username" label_key="users.username" value=c_username error=c_error required=true/>
                <TextField id="full_name" label_key="users.full_name" value=c_name error=c_error required=true/>
                <TextField id="email" label_key="common.email" value=c_email error=c_error kind="email"/>
                <SelectField id="role" label_key="users.role" value=c_role blank_key="common.choose" options=roles error=c_error required=true/>
                {move || {
                    let opts: Vec<(String, String)> = orgs.get().unwrap_or_default().into_iter().map(|o| (o.id.to_string(), o.name)).collect();
                    view! { <RawSelect id="organisation_id" label_key="case.organisation" value=c_org options=opts/> }
                }}
                <TextField id="password" label_key="users.password" value=c_password error=c_error kind="password" autocomplete="new-password"/>
                <div class="actions"><button type="submit" class="btn btn-primary">{tx("users.create")}</button></div>
            </form>
        </details>
    }
}
