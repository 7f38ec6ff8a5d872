//! The person registry (issue #15): a person's page (their cases within
//! the reader's scope, the merges their record took part in) and, for
//! leadership, the suggested duplicates with their reason, the merge (with
//! a confirmation) and its undoing. The buttons come from the policy.
use crate::desk::{get, post};
use crate::format::fmt_date;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Notice, label, t, tx};
use crate::value::{items, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};

/// Whether the signed-in user merges duplicate people (leadership).
fn merges() -> bool {
    crate::session::globals().session.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| tgpl_domain::policy::may_merge_persons(&crate::case_rules::actor(s)))
    })
}

fn moment_of(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .and_then(|s| s.parse().ok())
        .map(crate::format::fmt_datetime)
        .unwrap_or_default()
}

fn date_of(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .and_then(|s| s.parse().ok())
        .map(fmt_date)
        .unwrap_or_default()
}

/// One record of a pair: name (to its page), birth date, ID number, province.
fn who(p: &Value, cases: u64) -> impl IntoView + use<> {
    let href = format!("/desk/persons/{}", text(p, "id"));
    let facts = [
        date_of(p, "date_of_birth"),
        text(p, "id_number"),
        text(p, "province_name"),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let name = text(p, "full_name");
    view! {
        <a href=href>{name}</a>
        <div class="muted small">{facts}</div>
        <div class="muted small">{move || crate::ui::tf("desk.persons.case_count", cases)}</div>
    }
}

/// Suggested duplicates: merge the second record into the first, or say
/// they are two people; a merge can be undone at once.
#[component]
pub fn DuplicatesScreen() -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let pairs = RwSignal::new(None::<Vec<Value>>);
    let last_merge = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match get("/persons/duplicates?limit=100").await {
                Ok(v) => pairs.set(Some(v.as_array().cloned().unwrap_or_default())),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    load();
    let merge = move |kept: String, merged: String| {
        if !crate::ui::confirmed(t("desk.persons.confirm_merge")) {
            return;
        }
        error.set(None);
        spawn_local(async move {
            match post(
                "/person-merges",
                json!({"kept_id": kept, "merged_id": merged}),
            )
            .await
            {
                Ok(m) => {
                    last_merge.set(Some(text(&m, "id")));
                    notice.set(Some(t("desk.persons.merged").to_owned()));
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let undo = move |_| {
        let Some(id) = last_merge.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match post(&format!("/person-merges/{id}/undo"), json!({})).await {
                Ok(_) => {
                    last_merge.set(None);
                    notice.set(Some(t("desk.persons.undone").to_owned()));
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let distinct = move |a: String, b: String| {
        error.set(None);
        spawn_local(async move {
            match post(
                "/persons/distinct-pairs",
                json!({"first_id": a, "second_id": b}),
            )
            .await
            {
                Ok(_) => {
                    notice.set(Some(t("desk.persons.distinct_done").to_owned()));
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let rows = move || {
        match pairs.get() {
        None => view! { <p class="muted">{tx("common.loading")}</p> }.into_any(),
        Some(list) if list.is_empty() => {
            view! { <p class="muted" data-testid="no-duplicates">{tx("desk.persons.none")}</p> }.into_any()
        }
        Some(list) => view! {
            <div class="table-wrap"><table class="table" data-testid="duplicates">
                <thead><tr>
                    <th scope="col">{tx("desk.persons.first")}</th>
                    <th scope="col">{tx("desk.persons.second")}</th>
                    <th scope="col">{tx("desk.persons.reason")}</th>
                    <th scope="col"><span class="sr-only">{tx("common.actions")}</span></th>
                </tr></thead>
                <tbody>{list.into_iter().map(|d| {
                    let (a, b) = (text(&d["first"], "id"), text(&d["second"], "id"));
                    let (a2, b2) = (a.clone(), b.clone());
                    let reason = text(&d, "reason");
                    view! { <tr>
                        <td>{who(&d["first"], d["first_cases"].as_u64().unwrap_or(0))}</td>
                        <td>{who(&d["second"], d["second_cases"].as_u64().unwrap_or(0))}</td>
                        <td>{move || label("duplicate_reason", &reason)}</td>
                        <td class="actions">
                            <button type="button" class="btn btn-primary" data-testid="merge" on:click=move |_| merge(a.clone(), b.clone())>{tx("desk.persons.merge")}</button>
                            <button type="button" class="btn" on:click=move |_| distinct(a2.clone(), b2.clone())>{tx("desk.persons.distinct")}</button>
                        </td>
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
        }.into_any(),
    }
    };
    view! {
        <p class="muted">{tx("desk.persons.lead")}</p>
        <Notice message=notice/>
        {move || last_merge.get().map(|_| view! {
            <button type="button" class="btn" data-testid="undo-merge" on:click=undo>{tx("desk.persons.undo")}</button>
        })}
        <ErrorBox error=error/>
        {rows}
    }
}

/// A person's page: the record, their cases the reader may see, and the
/// merges the record took part in (undoable by leadership).
#[component]
pub fn PersonPage(id: String) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let data = RwSignal::new(None::<Value>);
    let path = format!("/persons/{id}");
    let load = move || {
        let path = path.clone();
        spawn_local(async move {
            match get(&path).await {
                Ok(v) => data.set(Some(v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    load();
    let reload = load.clone();
    let undo = move |merge: String| {
        let reload = reload.clone();
        spawn_local(async move {
            match post(&format!("/person-merges/{merge}/undo"), json!({})).await {
                Ok(_) => {
                    notice.set(Some(t("desk.persons.undone").to_owned()));
                    reload();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let may_merge = merges();
    let body = move || {
        data.get().map(|v| {
            let p = v["person"].clone();
            let merged_into = text(&p, "merged_into_id");
            let cases = items(&json!({"items": v["cases"].clone()}));
            let history = items(&json!({"items": v["merges"].clone()}));
            let undo = undo.clone();
            view! {
                <section class="card" data-testid="person">
                    <h2>{text(&p, "full_name")}</h2>
                    <dl class="facts">
                        <dt>{tx("party.date_of_birth")}</dt><dd>{date_of(&p, "date_of_birth")}</dd>
                        <dt>{tx("party.id_number")}</dt><dd>{text(&p, "id_number")}</dd>
                        <dt>{tx("org.province")}</dt><dd>{text(&p, "province_name")}</dd>
                    </dl>
                    {(!merged_into.is_empty()).then(|| view! {
                        <p class="alert alert-info">{tx("desk.persons.merged_into")}" "
                            <a href=format!("/desk/persons/{merged_into}")>{tx("desk.persons.open_kept")}</a></p>
                    })}
                </section>
                <section class="card">
                    <h2>{tx("desk.persons.cases")}</h2>
                    <div class="table-wrap"><table class="table" data-testid="person-cases">
                        <thead><tr>
                            <th scope="col">{tx("case.code")}</th>
                            <th scope="col">{tx("common.status")}</th>
                            <th scope="col">{tx("case.form_of_aid")}</th>
                            <th scope="col">{tx("case.request_date")}</th>
                            <th scope="col">{tx("desk.persons.role")}</th>
                        </tr></thead>
                        <tbody>{cases.into_iter().map(|c| {
                            let code = text(&c, "code");
                            let code = if code.is_empty() { t("case.no_code").to_owned() } else { code };
                            let (status, form) = (text(&c, "status"), text(&c, "form_of_aid"));
                            let roles: Vec<String> = c["roles"].as_array().into_iter().flatten()
                                .filter_map(|r| r.as_str().map(str::to_owned)).collect();
                            view! { <tr>
                                <td><a href=format!("/cases/{}", text(&c, "id"))>{code}</a></td>
                                <td>{move || label("state", &status)}</td>
                                <td>{move || label("form", &form)}</td>
                                <td>{date_of(&c, "request_date")}</td>
                                <td>{move || roles.iter().map(|r| label("party_role", r)).collect::<Vec<_>>().join(", ")}</td>
                            </tr> }
                        }).collect_view()}</tbody>
                    </table></div>
                </section>
                {(!history.is_empty()).then(|| view! {
                    <section class="card">
                        <h2>{tx("desk.persons.history")}</h2>
                        <ul class="list">{history.into_iter().map(|m| {
                            let merge = text(&m, "id");
                            let open = m["undone_at"].is_null();
                            let undo = undo.clone();
                            let other = if text(&m, "kept_id") == text(&p, "id") { text(&m, "merged_id") } else { text(&m, "kept_id") };
                            view! { <li>
                                {moment_of(&m, "merged_at")}" · "{move || if open { t("desk.persons.merge_done") } else { t("desk.persons.merge_undone") }}" · "
                                <a href=format!("/desk/persons/{other}")>{tx("desk.persons.other_record")}</a>" "
                                {(open && may_merge).then(|| view! {
                                    <button type="button" class="btn btn-small" on:click=move |_| undo(merge.clone())>{tx("desk.persons.undo")}</button>
                                })}
                            </li> }
                        }).collect_view()}</ul>
                    </section>
                })}
            }
        })
    };
    view! {
        <Notice message=notice/>
        <ErrorBox error=error/>
        {body}
    }
}
