//! Quality evaluation and the leadership dashboard (DOMAIN §7, §8; issue
//! #11). Planners (the ministry's department, a Justice Department) draw a
//! plan's sample and name an evaluator per case; an evaluator (staff or an
//! outside expert) opens each case named to them and fills the 100-point
//! sheet, judged live by the domain's own `ScoreSheet::score`; results by
//! practitioner, organisation or province. The dashboard charts quota
//! progress, successful cases per month, waits per step, overdue cases and
//! data completeness per unit, as SVG.
use crate::case_rules::actor;
use crate::charts::{BarChart, Meter};
use crate::desk::{get, post};
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{ErrorBox, Notice, SelectField, TextField, enum_options, t, tf, tx};
use crate::value::{items, opt, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};
use tgpl_domain::ScopeFilter;
use tgpl_domain::case::{FieldOfLaw, FormOfAid};
use tgpl_domain::evaluation::{Mark, ScoreSheet, Scored};
use tgpl_domain::policy::evaluation_plans_visible;

/// The sheet's verdict on the points typed so far: the total and grade, or
/// the first problem (a criterion over its points, one left empty).
pub fn judge(sheet: &ScoreSheet, typed: &[(String, String)]) -> Result<Scored, String> {
    let mut marks = Vec::with_capacity(typed.len());
    for (criterion, points) in typed {
        match points.trim().parse::<u8>() {
            Ok(p) => marks.push(Mark {
                criterion: criterion.clone(),
                points: p,
            }),
            Err(_) => return Err(criterion.clone()),
        }
    }
    sheet
        .score(&marks)
        .map_err(|p| p.first().map(|p| p.field.clone()).unwrap_or_default())
}

fn plans_visible() -> bool {
    globals().session.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| evaluation_plans_visible(&actor(s)) != ScopeFilter::Nothing)
    })
}

#[component]
pub fn EvaluationScreen() -> impl IntoView {
    let notice = RwSignal::new(None::<String>);
    view! {
        <p class="muted">{tx("quality.lead")}</p>
        <Notice message=notice/>
        <Assigned notice=notice/>
        {plans_visible().then(|| view! { <Plans notice=notice/> })}
    }
}

/// The cases named to me: open the case, fill the sheet.
#[component]
fn Assigned(notice: RwSignal<Option<String>>) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let list = RwSignal::new(Vec::<Value>::new());
    let sheet = RwSignal::new(None::<ScoreSheet>);
    let reload = move || {
        spawn_local(async move {
            match get("/evaluation-plans/assigned").await {
                Ok(v) => list.set(v.as_array().cloned().unwrap_or_default()),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    reload();
    spawn_local(async move {
        if let Ok(v) = get("/reference/score-sheets").await {
            let sheets: Vec<ScoreSheet> = serde_json::from_value(v).unwrap_or_default();
            let today = crate::format::now().date_naive();
            sheet.set(tgpl_domain::evaluation::sheet_for(&sheets, today).cloned());
        }
    });
    view! {
        <section class="card">
            <h2>{tx("quality.assigned")}</h2>
            <ErrorBox error=error/>
            <ul class="pub-list" data-testid="evaluation-assigned">
                {move || {
                    let rows = list.get();
                    if rows.is_empty() {
                        return view! { <li>{tx("quality.none_assigned")}</li> }.into_any();
                    }
                    rows.into_iter().map(|i| view! {
                        <AssignedItem item=i sheet=sheet notice=notice on_done=Callback::new(move |_| reload())/>
                    }).collect_view().into_any()
                }}
            </ul>
        </section>
    }
}

#[component]
fn AssignedItem(
    item: Value,
    sheet: RwSignal<Option<ScoreSheet>>,
    notice: RwSignal<Option<String>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let case_id = text(&item, "case_id");
    let scored = text(&item, "status") == "scored";
    let open = RwSignal::new(false);
    view! {
        <li data-testid="evaluation-item">
            <a href=format!("/cases/{case_id}")>{tx("quality.open_case")}</a>
            " · "
            {if scored {
                format!("{} {} — {}", t("quality.scored"), text(&item, "total"), text(&item, "grade_label_vi"))
            } else {
                t("quality.pending").to_owned()
            }}
            {(!scored).then(|| view! {
                " "
                <button type="button" class="btn" data-testid="evaluation-open-sheet" on:click=move |_| open.update(|o| *o = !*o)>
                    {tx("quality.fill_sheet")}
                </button>
            })}
            <ErrorBox error=error/>
            {move || (open.get() && !scored).then(|| sheet.get().map(|sh| view! {
                <SheetForm sheet=sh item=item.clone() error=error notice=notice on_done=on_done/>
            }))}
        </li>
    }
}

/// The sheet, criterion by criterion, with the total and grade as typed.
#[component]
fn SheetForm(
    sheet: ScoreSheet,
    item: Value,
    error: RwSignal<Option<ApiError>>,
    notice: RwSignal<Option<String>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let item_id = text(&item, "id");
    let plan_id = text(&item, "plan_id");
    let version = item.get("version").and_then(Value::as_i64).unwrap_or(0) as i32;
    let fields: Vec<(String, String, u8, RwSignal<String>)> = sheet
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter())
        .map(|c| {
            (
                c.key.clone(),
                c.label_vi.clone(),
                c.points,
                RwSignal::new(String::new()),
            )
        })
        .collect();
    let comments = RwSignal::new(String::new());
    let typed = {
        let fields = fields.clone();
        move || {
            fields
                .iter()
                .map(|(k, _, _, v)| (k.clone(), v.get()))
                .collect::<Vec<_>>()
        }
    };
    let verdict = {
        let sheet = sheet.clone();
        let typed = typed.clone();
        move || judge(&sheet, &typed())
    };
    let inputs = fields
        .iter()
        .map(|(key, label, points, value)| {
            let id = format!("mark-{item_id}-{key}");
            let value = *value;
            view! {
                <div class="field">
                    <label for=id.clone()>{format!("{label} ({} {points})", t("quality.max"))}</label>
                    <input id=id type="number" min="0" max=points.to_string() inputmode="numeric"
                        data-criterion=key.clone()
                        on:input=move |ev| value.set(event_target_value(&ev))/>
                </div>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let marks: Vec<Value> = typed()
            .into_iter()
            .map(|(k, v)| json!({"criterion": k, "points": v.trim().parse::<u8>().unwrap_or(0)}))
            .collect();
        let path = format!("/evaluation-plans/{plan_id}/items/{item_id}/score");
        let body = json!({"marks": marks, "comments": opt(&comments.get_untracked())}).to_string();
        spawn_local(async move {
            match crate::api::call("POST", &path, Some(body), Some(version)).await {
                Ok(_) => {
                    notice.set(Some(t("quality.saved").to_owned()));
                    on_done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="card" on:submit=submit novalidate data-testid="evaluation-sheet">
            {inputs}
            <TextField id="sheet-comments" field="comments" label_key="quality.comments" value=comments error=error/>
            <p aria-live="polite" data-testid="evaluation-verdict">
                {move || match verdict() {
                    Ok(s) => tf("quality.verdict", format!("{} — {}", s.total, s.grade.label_vi())),
                    Err(field) => tf("quality.incomplete", field.trim_start_matches("marks.")),
                }}
            </p>
            <button type="submit" class="btn btn-primary" data-testid="evaluation-save">{tx("quality.save")}</button>
        </form>
    }
}

/// Plans of the planner's reach: draw a new one, open one to name
/// evaluators and see its results.
#[component]
fn Plans(notice: RwSignal<Option<String>>) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let list = RwSignal::new(Vec::<Value>::new());
    let open = RwSignal::new(None::<Value>);
    let title = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let rate = RwSignal::new("10".to_owned());
    let reload = move || {
        spawn_local(async move {
            match get("/evaluation-plans?limit=50").await {
                Ok(v) => list.set(items(&v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    reload();
    let show = move |id: String| {
        spawn_local(async move {
            match get(&format!("/evaluation-plans/{id}")).await {
                Ok(v) => open.set(Some(v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let body = json!({
            "title": title.get_untracked(),
            "concluded_from": crate::format::parse_date(&from.get_untracked()),
            "concluded_to": crate::format::parse_date(&to.get_untracked()),
            "rate_percent": rate.get_untracked().trim().parse::<u8>().ok(),
        });
        spawn_local(async move {
            match post("/evaluation-plans", body).await {
                Ok(v) => {
                    notice.set(Some(tf("quality.plan_created", text(&v, "drawn"))));
                    open.set(Some(v));
                    reload();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card">
            <h2>{tx("quality.plans")}</h2>
            <ErrorBox error=error/>
            <form on:submit=create novalidate>
                <TextField id="plan-title" field="title" label_key="quality.plan_title" value=title error=error required=true/>
                <TextField id="plan-from" field="concluded_from" label_key="quality.plan_from" value=from error=error placeholder_key="common.date_hint" required=true/>
                <TextField id="plan-to" field="concluded_to" label_key="quality.plan_to" value=to error=error placeholder_key="common.date_hint" required=true/>
                <TextField id="plan-rate" field="rate_percent" label_key="quality.plan_rate" value=rate error=error kind="number" required=true/>
                <button type="submit" class="btn btn-primary" data-testid="plan-create">{tx("quality.plan_create")}</button>
            </form>
            <ul class="pub-list">
                {move || list.get().into_iter().map(|p| {
                    let id = text(&p, "id");
                    view! {
                        <li>
                            <button type="button" class="btn-link" on:click=move |_| show(id.clone())>{text(&p, "title")}</button>
                            " · "{tf("quality.plan_counts", format!("{}/{}", text(&p, "scored"), text(&p, "drawn")))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        {move || open.get().map(|p| view! { <PlanFile plan=p notice=notice/> })}
    }
}

#[component]
fn PlanFile(plan: Value, notice: RwSignal<Option<String>>) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let pid = text(&plan, "id");
    let evaluators = RwSignal::new(Vec::<Value>::new());
    let results = RwSignal::new(None::<Value>);
    let by = RwSignal::new("practitioner".to_owned());
    spawn_local(async move {
        if let Ok(v) = get("/users?role=evaluator&limit=100").await {
            let mut people = items(&v);
            if let Ok(staff) = get("/users?role=justice_department_staff&limit=100").await {
                people.extend(items(&staff));
            }
            evaluators.set(people);
        }
    });
    let load_results = {
        let pid = pid.clone();
        move || {
            let pid = pid.clone();
            spawn_local(async move {
                match get(&format!(
                    "/evaluation-plans/{pid}/results?by={}",
                    by.get_untracked()
                ))
                .await
                {
                    Ok(v) => results.set(Some(v)),
                    Err(e) => error.set(Some(e)),
                }
            })
        }
    };
    load_results();
    let rows = items(&json!({"items": plan.get("items").cloned().unwrap_or_default()}));
    let plan_id = pid.clone();
    let name_evaluator = move |item_id: String, version: i32, user: String| {
        let path = format!("/evaluation-plans/{plan_id}/items/{item_id}/evaluator");
        spawn_local(async move {
            let body = json!({"evaluator_id": user}).to_string();
            match crate::api::call("POST", &path, Some(body), Some(version)).await {
                Ok(_) => notice.set(Some(t("quality.evaluator_named").to_owned())),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let groups = vec![
        (
            "practitioner".to_owned(),
            "quality.by.practitioner".to_owned(),
        ),
        (
            "organisation".to_owned(),
            "quality.by.organisation".to_owned(),
        ),
        ("province".to_owned(), "quality.by.province".to_owned()),
    ];
    let reload_results = load_results.clone();
    view! {
        <section class="card" data-testid="plan-file">
            <h2>{text(&plan, "title")}</h2>
            <p class="muted">{tf("quality.plan_seed", format!("{} · {}%", text(&plan, "seed"), text(&plan, "rate_percent")))}</p>
            <ErrorBox error=error/>
            <div class="table-wrap">
                <table class="table">
                    <thead><tr>
                        <th scope="col">{tx("quality.case")}</th>
                        <th scope="col">{tx("quality.status")}</th>
                        <th scope="col">{tx("quality.evaluator")}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|i| {
                            let item_id = text(&i, "id");
                            let version = i.get("version").and_then(Value::as_i64).unwrap_or(0) as i32;
                            let current = text(&i, "evaluator_id");
                            let select_id = format!("evaluator-{item_id}");
                            let scored = text(&i, "status") == "scored";
                            let name = name_evaluator.clone();
                            view! {
                                <tr>
                                    <td><a href=format!("/cases/{}", text(&i, "case_id"))>{tx("quality.open_case")}</a></td>
                                    <td>{if scored { format!("{} — {}", text(&i, "total"), text(&i, "grade_label_vi")) } else { t("quality.pending").to_owned() }}</td>
                                    <td>
                                        <label class="sr-only" for=select_id.clone()>{tx("quality.evaluator")}</label>
                                        <select id=select_id disabled=scored
                                            on:change=move |ev| name(item_id.clone(), version, event_target_value(&ev))>
                                            <option value="">{tx("quality.choose_evaluator")}</option>
                                            {move || evaluators.get().into_iter().map(|u| {
                                                let id = text(&u, "id");
                                                let chosen = id == current;
                                                view! { <option value=id selected=chosen>{format!("{} ({})", text(&u, "full_name"), text(&u, "username"))}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>{tx("quality.results")}</h3>
            <SelectField id="results-by" label_key="quality.group_by" value=by options=groups/>
            <button type="button" class="btn" on:click=move |_| reload_results()>{tx("reports.show")}</button>
            {move || results.get().map(|r| {
                let total = r.get("total").cloned().unwrap_or_default();
                let rows = items(&json!({"items": r.get("rows").cloned().unwrap_or_default()}));
                view! {
                    <p data-testid="plan-results">{tf("quality.share_good", format!("{}% ({}/{})", text(&total, "share_good"), text(&total, "good"), text(&total, "scored")))}</p>
                    <BarChart id="results-chart" title_key="quality.results_chart"
                        rows=Signal::derive(move || rows.iter().map(|x| {
                            let key = text(x, "key");
                            (if key.is_empty() { t("quality.unassigned").to_owned() } else { key }, x.get("good").and_then(Value::as_u64).unwrap_or(0))
                        }).collect())/>
                }
            })}
        </section>
    }
}

/// The leadership dashboard with its filters.
#[component]
pub fn LeadershipScreen() -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let year = RwSignal::new(crate::format::now().format("%Y").to_string());
    let province = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let form = RwSignal::new(String::new());
    let field = RwSignal::new(String::new());
    let board = RwSignal::new(None::<Value>);
    let load = move || {
        error.set(None);
        spawn_local(async move {
            let q = crate::filters::encode_pairs(
                [
                    ("year", year.get_untracked()),
                    ("province", province.get_untracked()),
                    ("organisation_id", organisation.get_untracked()),
                    ("form_of_aid", form.get_untracked()),
                    ("field_of_law", field.get_untracked()),
                ]
                .iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| (*k, v.trim())),
            );
            match get(&format!("/reports/dashboard?{q}")).await {
                Ok(v) => board.set(Some(v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    load();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        load();
    };
    let forms = enum_options(&FormOfAid::ALL, FormOfAid::as_str, "form");
    let fields = enum_options(&FieldOfLaw::ALL, FieldOfLaw::as_str, "law");
    view! {
        <p class="muted">{tx("leader.lead")}</p>
        <ErrorBox error=error/>
        <form class="card filters" on:submit=submit novalidate>
            <TextField id="board-year" field="year" label_key="reports.year" value=year error=error kind="number"/>
            <crate::desk_reports::UnitFilter id="board" province=province organisation=organisation blank_key="leader.all"/>
            <SelectField id="board-form" label_key="case.form_of_aid" value=form options=forms blank_key="leader.all"/>
            <SelectField id="board-field" label_key="case.field_of_law" value=field options=fields blank_key="leader.all"/>
            <button type="submit" class="btn btn-primary" data-testid="board-show">{tx("reports.show")}</button>
        </form>
        {move || board.get().map(|b| view! { <Board b=b/> })}
    }
}

/// Twelve small bars, January to December: the cases concluded each month.
#[component]
fn MonthBars(months: Vec<u64>) -> impl IntoView {
    let heights = crate::charts::bar_lengths(&months, 24.0);
    let described = months
        .iter()
        .zip(1..)
        .map(|(v, m)| format!("{}: {v}", tf("leader.month", m)))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <svg class="months" viewBox="0 0 144 28" width="144" height="28" role="img" aria-label=described>
            {heights.into_iter().enumerate().map(|(i, h)| view! {
                <rect x=i as f64 * 12.0 + 1.0 y=26.0 - h width="10" height=h fill="#0b4f9c"></rect>
            }).collect_view()}
            <line x1="0" y1="26.5" x2="144" y2="26.5" stroke="#8a94a6"></line>
        </svg>
    }
}

fn n(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(0)
}

#[component]
fn Board(b: Value) -> impl IntoView {
    let list = |key: &str| items(&json!({"items": b.get(key).cloned().unwrap_or_default()}));
    let months = list("successful_by_month");
    let waits = list("waits");
    let quotas = list("quotas");
    let overdue = list("overdue_by_unit");
    let complete = list("completeness");
    let month_rows: Vec<(String, u64)> = months
        .iter()
        .map(|m| (tf("leader.month", text(m, "month")), n(m, "successful")))
        .collect();
    let concluded_rows: Vec<(String, u64)> = months
        .iter()
        .map(|m| (tf("leader.month", text(m, "month")), n(m, "concluded")))
        .collect();
    let wait_rows: Vec<(String, u64)> = waits
        .iter()
        .map(|w| {
            let avg = w.get("average_days").and_then(Value::as_f64).unwrap_or(0.0);
            (text(w, "label_vi"), avg.round() as u64)
        })
        .collect();
    let overdue_rows: Vec<(String, u64)> = overdue
        .iter()
        .take(15)
        .map(|o| (text(o, "unit_label"), n(o, "cases")))
        .collect();
    view! {
        <div class="grid2" data-testid="leadership-board">
            <section class="card">
                <BarChart id="chart-success" title_key="leader.successful" rows=Signal::derive(move || month_rows.clone())/>
            </section>
            <section class="card">
                <BarChart id="chart-concluded" title_key="leader.concluded" rows=Signal::derive(move || concluded_rows.clone())/>
            </section>
            <section class="card">
                <BarChart id="chart-waits" title_key="leader.waits" rows=Signal::derive(move || wait_rows.clone())/>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{tx("leader.step")}</th><th scope="col">{tx("leader.cases")}</th>
                        <th scope="col">{tx("leader.average")}</th><th scope="col">{tx("leader.longest")}</th>
                        <th scope="col">{tx("leader.over_30")}</th>
                    </tr></thead>
                    <tbody>{waits.iter().map(|w| view! {
                        <tr><td>{text(w, "label_vi")}</td><td class="num">{n(w, "cases")}</td>
                            <td class="num">{text(w, "average_days")}</td><td class="num">{n(w, "longest_days")}</td>
                            <td class="num">{n(w, "over_30_days")}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </section>
            <section class="card">
                <BarChart id="chart-overdue" title_key="leader.overdue" rows=Signal::derive(move || overdue_rows.clone())/>
            </section>
        </div>
        <section class="card" data-testid="leadership-quotas">
            <h2>{tx("leader.quotas")}</h2>
            {if quotas.is_empty() {
                view! { <p class="muted">{tx("chart.no_data")}</p> }.into_any()
            } else {
                quotas.into_iter().take(50).map(|q| {
                    let label = format!("{} · {} · {}", text(&q, "full_name"), text(&q, "kind_label_vi"), text(&q, "unit_label"));
                    let done = n(&q, "done");
                    let quota = n(&q, "annual_quota");
                    let expected = text(&q, "expected_by_now");
                    let months: Vec<u64> = q.get("by_month").and_then(Value::as_array)
                        .map(|m| m.iter().map(|v| v.as_u64().unwrap_or(0)).collect()).unwrap_or_default();
                    view! {
                        {if quota > 0 {
                            view! { <Meter label=Signal::derive(move || label.clone()) value=Signal::derive(move || done) target=Signal::derive(move || quota)/> }.into_any()
                        } else {
                            view! { <p class="meter-label">{format!("{label} — {done} ({})", t("leader.no_quota"))}</p> }.into_any()
                        }}
                        <MonthBars months=months/>
                        {(!expected.is_empty()).then(|| view! { <p class="muted">{tf("leader.expected", expected.clone())}</p> })}
                    }
                }).collect_view().into_any()
            }}
        </section>
        <section class="card">
            <h2>{tx("leader.completeness")}</h2>
            <table class="table" data-testid="leadership-completeness">
                <thead><tr>
                    <th scope="col">{tx("reports.unit")}</th><th scope="col">{tx("leader.cases")}</th>
                    <th scope="col">{tx("leader.complete")}</th><th scope="col">{tx("leader.score")}</th>
                </tr></thead>
                <tbody>{complete.iter().map(|u| view! {
                    <tr><td>{text(u, "unit_label")}</td><td class="num">{n(u, "cases")}</td>
                        <td class="num">{n(u, "complete")}</td><td class="num">{text(u, "average_score")}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tgpl_domain::evaluation::circular_12_2018_sheet;

    #[test]
    fn the_sheet_judges_what_is_typed_with_the_domain_rules() {
        let sheet = circular_12_2018_sheet();
        let full: Vec<(String, String)> = sheet
            .groups
            .iter()
            .flat_map(|g| g.criteria.iter())
            .map(|c| (c.key.clone(), c.points.to_string()))
            .collect();
        let s = judge(&sheet, &full).unwrap();
        assert_eq!(s.total, 100);
        assert_eq!(s.grade, tgpl_domain::evaluation::Grade::Good);
        // One criterion over its points names that criterion.
        let mut over = full.clone();
        over[0].1 = "99".into();
        assert_eq!(
            judge(&sheet, &over).unwrap_err(),
            format!("marks.{}", full[0].0)
        );
        // One left empty names it too.
        let mut empty = full.clone();
        empty[2].1 = " ".into();
        assert_eq!(judge(&sheet, &empty).unwrap_err(), full[2].0);
    }
}
