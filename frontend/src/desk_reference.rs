//! Reference data (issue #13 item 4): the eligibility table as in force on
//! a day (or every version), the public holidays of a year (added and
//! removed by the national admin), the case process's periods, the refusal
//! and discontinuation grounds and the success criteria of Decision 1179.
//! In the administration module (ADR 0032).
use crate::desk::get;
use crate::desk_category::{CategoryForm, Mode};
use crate::format::{fmt_date, parse_date};
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Notice, TextField, label, t, tx};
use crate::value::{items, text};
use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use tgpl_domain::case::{DiscontinuationGround, RefusalGround};
use tgpl_domain::policy::Action;

/// Whether the signed-in user keeps the reference data.
pub fn keeps(a: &tgpl_domain::policy::Actor) -> bool {
    tgpl_domain::policy::authorize(a, Action::ManageReferenceData, &Default::default()).is_ok()
}

/// A category's name in the user's language (the English one when given).
fn category_label(c: &Value) -> String {
    let en = text(c, "label_en");
    if crate::ui::lang() == crate::i18n::Lang::En && !en.is_empty() {
        en
    } else {
        text(c, "label_vi")
    }
}

fn list(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_else(|| items(v))
}

#[component]
pub fn ReferenceScreen() -> impl IntoView {
    let today = crate::format::to_vn(crate::format::now()).date_naive();
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let editor = crate::session::globals().session.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| keeps(&crate::case_rules::actor(s)))
    });
    // The eligibility table on a day ("" = every version).
    let on = RwSignal::new(fmt_date(today));
    let categories = RwSignal::new(Vec::<Value>::new());
    let load_categories = move || {
        let day = parse_date(&on.get_untracked());
        spawn_local(async move {
            let path = match day {
                Some(d) => format!("/reference/eligibility-categories?on={d}"),
                None => "/reference/eligibility-categories".to_owned(),
            };
            match get(&path).await {
                Ok(v) => categories.set(list(&v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    load_categories();
    // The version being edited, and how (issue #13 item 4).
    let draft = RwSignal::new(None::<(Mode, Value)>);
    let saved = Callback::new(move |message: String| {
        notice.set(Some(message));
        load_categories();
    });
    let close = Callback::new(move |()| draft.set(None));
    let open = move |mode: Mode, c: Value| {
        draft.set(Some((mode, c)));
    };
    // Holidays of a year.
    let year = RwSignal::new(today.year().to_string());
    let holidays = RwSignal::new(Vec::<Value>::new());
    let load_holidays = move || {
        let y = year.get_untracked();
        spawn_local(async move {
            match get(&format!("/reference/holidays?year={}", y.trim())).await {
                Ok(v) => holidays.set(list(&v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    load_holidays();
    let new_day = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let add_holiday = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = parse_date(&new_day.get_untracked()) else {
            return error.set(Some(crate::pages::local_error("date", "invalid")));
        };
        let body = serde_json::json!({"name_vi": new_name.get_untracked().trim()}).to_string();
        spawn_local(async move {
            match crate::api::call("PUT", &format!("/reference/holidays/{d}"), Some(body), None)
                .await
            {
                Ok(_) => {
                    notice.set(Some(format!(
                        "{} {}",
                        t("reference.holiday_saved"),
                        fmt_date(d)
                    )));
                    new_day.set(String::new());
                    new_name.set(String::new());
                    load_holidays();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let remove_holiday = move |date: String| {
        if !crate::ui::confirmed(&format!("{} {date}?", t("reference.confirm_remove"))) {
            return;
        }
        spawn_local(async move {
            match crate::api::send_empty("DELETE", &format!("/reference/holidays/{date}")).await {
                Ok(()) => load_holidays(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let deadlines = RwSignal::new(Value::Null);
    let criteria = RwSignal::new(Vec::<Value>::new());
    // New periods from a day (the national admin), the form filled with
    // those in force today.
    let rules_from = RwSignal::new(String::new());
    let periods = ["reassignment_answer", "urgent_within", "proof_supplement"]
        .map(|key| (key, RwSignal::new(String::new())));
    let rules_source = RwSignal::new(String::new());
    let load_rules = move || {
        spawn_local(async move {
            if let Ok(v) = get("/reference/deadline-rules").await {
                for (key, typed) in periods {
                    typed.set(v[key].as_u64().map(|n| n.to_string()).unwrap_or_default());
                }
                deadlines.set(v);
            }
        })
    };
    load_rules();
    let put_rules = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = parse_date(&rules_from.get_untracked()) else {
            return error.set(Some(crate::pages::local_error("valid_from", "invalid")));
        };
        let mut body = serde_json::Map::new();
        for (key, typed) in periods {
            // What is not a number goes as -1: the server says why at the field.
            let n = typed.get_untracked().trim().parse::<i64>().unwrap_or(-1);
            body.insert(key.to_owned(), n.into());
        }
        body.insert(
            "source".to_owned(),
            rules_source.get_untracked().trim().into(),
        );
        let body = Value::Object(body).to_string();
        spawn_local(async move {
            let path = format!("/reference/deadline-rules/{d}");
            match crate::api::call("PUT", &path, Some(body), None).await {
                Ok(_) => {
                    notice.set(Some(format!(
                        "{} {}",
                        t("reference.rules_saved"),
                        fmt_date(d)
                    )));
                    load_rules();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    spawn_local(async move {
        if let Ok(v) = get("/reference/success-criteria").await {
            criteria.set(list(&v));
        }
    });
    let days = move |k: &str| {
        deadlines.with(|d| {
            d[k].as_u64()
                .map(|n| format!("{n} {}", t("reference.working_days")))
                .unwrap_or_default()
        })
    };
    view! {
        <ErrorBox error=error/>
        <Notice message=notice/>
        <section class="card" aria-labelledby="ref-eligibility">
            <h2 id="ref-eligibility">{tx("reference.eligibility")}</h2>
            <form class="filters" on:submit=move |ev| { ev.prevent_default(); load_categories(); }>
                <TextField id="ref_on" label_key="reference.on" value=on error=error placeholder_key="common.date_hint"/>
                <div class="actions"><button type="submit" class="btn">{tx("common.show")}</button></div>
            </form>
            <div class="table-wrap"><table class="table" data-testid="ref-categories">
                <thead><tr>
                    <th scope="col">{tx("reference.clause")}</th>
                    <th scope="col">{tx("reference.category")}</th>
                    <th scope="col">{tx("reference.in_force")}</th>
                    <th scope="col">{tx("reference.conditions")}</th>
                    <th scope="col">{tx("reference.proof")}</th>
                    {editor.then(|| view! { <th scope="col">{tx("common.actions")}</th> })}
                </tr></thead>
                <tbody>{move || categories.get().into_iter().map(|c| {
                    let until = text(&c, "valid_to");
                    let mut conditions = Vec::new();
                    if c["requires_financial_hardship"] == true { conditions.push(t("reference.hardship").to_owned()); }
                    if let Some(a) = c["min_age"].as_u64() { conditions.push(format!("≥ {a} {}", t("reference.years"))); }
                    if let Some(a) = c["age_under"].as_u64() { conditions.push(format!("< {a} {}", t("reference.years"))); }
                    let roles: Vec<String> = c["procedural_roles"].as_array().map(|r| r.iter().map(|x| label("procedural_role", x.as_str().unwrap_or_default()).to_owned()).collect()).unwrap_or_default();
                    if !roles.is_empty() { conditions.push(roles.join(", ")); }
                    let proof: Vec<String> = c["proof_documents"].as_array().map(|p| p.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect()).unwrap_or_default();
                    view! { <tr>
                        <td>{text(&c, "clause")}</td>
                        <td>{category_label(&c)}</td>
                        <td>{text(&c, "valid_from")}" – "{until}</td>
                        <td>{conditions.join("; ")}</td>
                        <td>{proof.join("; ")}</td>
                        {editor.then(|| {
                            let again = c.clone();
                            view! { <td class="actions">
                                <button type="button" class="btn btn-small" data-testid="category-edit" on:click=move |_| open(Mode::Edit, c.clone())>{tx("common.edit")}</button>
                                <button type="button" class="btn btn-small" data-testid="category-new-version" on:click=move |_| open(Mode::NewVersion, again.clone())>{tx("category.new_version")}</button>
                            </td> }
                        })}
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
            {editor.then(|| view! {
                <div class="actions"><button type="button" class="btn" data-testid="category-new" on:click=move |_| open(Mode::NewCategory, Value::Null)>{tx("category.new")}</button></div>
            })}
            {move || draft.get().map(|(mode, version)| view! { <CategoryForm mode=mode version=version saved=saved close=close/> })}
        </section>
        <section class="card" aria-labelledby="ref-holidays">
            <h2 id="ref-holidays">{tx("reference.holidays")}</h2>
            <form class="filters" on:submit=move |ev| { ev.prevent_default(); load_holidays(); }>
                <TextField id="ref_year" label_key="reference.year" value=year error=error/>
                <div class="actions"><button type="submit" class="btn">{tx("common.show")}</button></div>
            </form>
            <div class="table-wrap"><table class="table" data-testid="ref-holidays">
                <thead><tr><th scope="col">{tx("reference.date")}</th><th scope="col">{tx("reference.holiday")}</th>
                    {editor.then(|| view! { <th scope="col">{tx("common.actions")}</th> })}</tr></thead>
                <tbody>{move || holidays.get().into_iter().map(|h| {
                    let date = text(&h, "date");
                    let shown = date.parse().map(fmt_date).unwrap_or_else(|_| date.clone());
                    view! { <tr>
                        <td>{shown}</td><td>{text(&h, "name_vi")}</td>
                        {editor.then(|| view! { <td><button type="button" class="btn btn-small btn-danger" on:click=move |_| remove_holiday(date.clone())>{tx("reference.remove")}</button></td> })}
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
            {editor.then(|| view! {
                <form class="filters" on:submit=add_holiday data-testid="ref-add-holiday">
                    <TextField id="holiday_date" field="date" label_key="reference.date" value=new_day error=error placeholder_key="common.date_hint" required=true/>
                    <TextField id="holiday_name" field="name_vi" label_key="reference.holiday" value=new_name error=error required=true/>
                    <div class="actions"><button type="submit" class="btn btn-primary">{tx("reference.add_holiday")}</button></div>
                </form>
            })}
        </section>
        <section class="card" aria-labelledby="ref-periods">
            <h2 id="ref-periods">{tx("reference.periods")}</h2>
            <dl class="facts" data-testid="ref-deadlines">
                <dt>{tx("reference.reassignment_answer")}</dt><dd>{move || days("reassignment_answer")}</dd>
                <dt>{tx("reference.urgent_within")}</dt><dd>{move || days("urgent_within")}</dd>
                <dt>{tx("reference.proof_supplement")}</dt><dd>{move || days("proof_supplement")}</dd>
            </dl>
            {editor.then(|| {
                let [(_, answer), (_, urgent), (_, proof)] = periods;
                view! {
                    <form class="filters" on:submit=put_rules data-testid="ref-put-rules">
                        <TextField id="rules_valid_from" field="valid_from" label_key="reference.rules_from" value=rules_from error=error placeholder_key="common.date_hint" required=true/>
                        <TextField id="rules_reassignment_answer" field="reassignment_answer" label_key="reference.reassignment_answer" value=answer error=error kind="number" required=true/>
                        <TextField id="rules_urgent_within" field="urgent_within" label_key="reference.urgent_within" value=urgent error=error kind="number" required=true/>
                        <TextField id="rules_proof_supplement" field="proof_supplement" label_key="reference.proof_supplement" value=proof error=error kind="number" required=true/>
                        <TextField id="rules_source" field="source" label_key="category.source" value=rules_source error=error/>
                        <div class="actions"><button type="submit" class="btn btn-primary">{tx("reference.save_rules")}</button></div>
                    </form>
                }
            })}
        </section>
        <section class="card" aria-labelledby="ref-grounds">
            <h2 id="ref-grounds">{tx("reference.grounds")}</h2>
            <h3>{tx("reference.refusal")}</h3>
            <ul>{RefusalGround::ALL.iter().map(|g| view! { <li>{move || label("refusal", g.as_str())}</li> }).collect_view()}</ul>
            <h3>{tx("reference.discontinuation")}</h3>
            <ul>{DiscontinuationGround::ALL.iter().map(|g| view! { <li>{move || label("discontinuation", g.as_str())}</li> }).collect_view()}</ul>
        </section>
        <section class="card" aria-labelledby="ref-success">
            <h2 id="ref-success">{tx("reference.success")}</h2>
            <ol data-testid="ref-success">{move || criteria.get().into_iter().map(|c| view! {
                <li>{text(&c, "code")}" — "{text(&c, "label")}</li>
            }).collect_view()}</ol>
        </section>
    }
}
