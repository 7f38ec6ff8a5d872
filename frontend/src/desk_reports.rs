//! The statistical reports (DOMAIN §8, issue #11): pick form, period and
//! unit; see the table laid out like the paper form (numbered columns,
//! merged group headers); open any cell to the cases behind it; export XLSX
//! or CSV; submit the unit's report; and, for the Justice Department and the
//! ministry, review the submitted ones (return with a reason, accept,
//! reopen). Who may do what comes from `tgpl_domain::policy`.
use crate::case_rules::actor;
use crate::desk::{get, post};
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{ErrorBox, ExportButtons, Notice, SelectField, TextField, t, tx};
use crate::value::{items, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};
use tgpl_domain::policy::{Resource, may_review_report, may_submit_report, read_filter};
use tgpl_domain::{ProvinceCode, ResourceScope, ScopeFilter};

pub const PERIODS: [&str; 3] = ["six_month", "annual_preliminary", "annual_official"];

/// Consecutive columns of one group merge under one header cell:
/// `(group label or none, how many columns)`.
pub fn header_groups(groups: &[Option<String>]) -> Vec<(Option<String>, usize)> {
    let mut out: Vec<(Option<String>, usize)> = Vec::new();
    for g in groups {
        match out.last_mut() {
            Some((last, n)) if g.is_some() && last == g => *n += 1,
            _ => out.push((g.clone(), 1)),
        }
    }
    out
}

/// The query of a form's figures: period, year and the unit picked (a
/// province for the ministry, or an organisation; none: the caller's own
/// unit, the nation for the ministry).
pub fn form_query(period: &str, year: &str, province: &str, organisation: &str) -> String {
    crate::filters::encode_pairs(
        [
            ("period", period),
            ("year", year.trim()),
            ("province", province),
            ("organisation_id", organisation),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty()),
    )
}

/// "1.2 Tham gia tố tụng" (the total row has no number: its label alone).
fn row_title(report: &Option<Value>, number: &str) -> String {
    let label = report
        .as_ref()
        .and_then(|r| r.get("rows"))
        .and_then(Value::as_array)
        .and_then(|rows| rows.iter().find(|r| text(r, "number") == number))
        .map(|r| text(r, "label_vi"))
        .unwrap_or_default();
    format!("{number} {label}").trim().to_owned()
}

fn this_year() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::new_0().get_full_year().to_string()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        "2026".to_owned()
    }
}

/// Whether the signed-in user may submit their own unit's report: the
/// server takes the caller's unit, so the scope is the caller's own.
fn may_submit_own() -> bool {
    globals().session.with_untracked(|s| {
        s.as_ref().is_some_and(|s| {
            let a = actor(s);
            let own = ResourceScope {
                org_id: Some(a.org_id),
                centre_id: a.centre_id,
                province: a.province,
                ..ResourceScope::default()
            };
            may_submit_report(&a, &own, false) || may_submit_report(&a, &own, true)
        })
    })
}

fn may_review(s: &Value) -> bool {
    let scope = ResourceScope {
        org_id: text(s, "organisation_id").parse().ok(),
        province: ProvinceCode::parse(&text(s, "province")).ok(),
        ..ResourceScope::default()
    };
    let roll_up = text(s, "unit_kind") == "province";
    globals().session.with_untracked(|x| {
        x.as_ref()
            .is_some_and(|x| may_review_report(&actor(x), &scope, roll_up))
    })
}

#[component]
pub fn ReportsScreen() -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let form = RwSignal::new("25".to_owned());
    let period = RwSignal::new("annual_official".to_owned());
    let year = RwSignal::new(this_year());
    let province = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let report = RwSignal::new(None::<Value>);
    // The open cell: its row's number and label, its column, its cases.
    let cell = RwSignal::new(None::<(String, u64, Vec<Value>)>);
    let submissions = RwSignal::new(Vec::<Value>::new());
    let query = move || {
        form_query(
            &period.get_untracked(),
            &year.get_untracked(),
            &province.get_untracked(),
            &organisation.get_untracked(),
        )
    };
    let load_submissions = move || {
        spawn_local(async move {
            let q = crate::filters::encode_pairs([("year", year.get_untracked().trim())]);
            match get(&format!("/reports/submissions?{q}&limit=100")).await {
                Ok(v) => submissions.set(items(&v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let load = move || {
        error.set(None);
        cell.set(None);
        spawn_local(async move {
            match get(&format!(
                "/reports/forms/{}?{}",
                form.get_untracked(),
                query()
            ))
            .await
            {
                Ok(v) => report.set(Some(v)),
                Err(e) => {
                    report.set(None);
                    error.set(Some(e));
                }
            }
        });
        load_submissions();
    };
    load();
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        load();
    };
    let open_cell = move |row: String, column: u64| {
        spawn_local(async move {
            let q = format!(
                "{}&{}",
                query(),
                crate::filters::encode_pairs([
                    ("row", row.as_str()),
                    ("column", &column.to_string()),
                    ("limit", "100")
                ])
            );
            match get(&format!(
                "/reports/forms/{}/cases?{q}",
                form.get_untracked()
            ))
            .await
            {
                Ok(v) => cell.set(Some((row, column, items(&v)))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let export = move |format: &'static str| {
        spawn_local(async move {
            let f = form.get_untracked();
            let path = format!("/reports/forms/{f}/export?{}&format={format}", query());
            let name = format!(
                "bieu-{f}-{}-{}.{format}",
                period.get_untracked(),
                year.get_untracked().trim()
            );
            if let Err(e) = crate::api::download(&path, &name).await {
                error.set(Some(e));
            }
        });
    };
    let submit = move |_| {
        error.set(None);
        spawn_local(async move {
            let body = json!({"form": form.get_untracked(), "period": period.get_untracked(),
                              "year": year.get_untracked().trim().parse::<i32>().ok()});
            match post("/reports/submissions", body).await {
                Ok(_) => {
                    notice.set(Some(t("reports.submitted").to_owned()));
                    load_submissions();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let periods: Vec<(String, String)> = PERIODS
        .iter()
        .map(|p| ((*p).to_owned(), format!("reports.period.{p}")))
        .collect();
    let forms = vec![
        ("24".to_owned(), "reports.form.24".to_owned()),
        ("25".to_owned(), "reports.form.25".to_owned()),
    ];
    view! {
        <p class="muted">{tx("reports.lead")}</p>
        <Notice message=notice/>
        <ErrorBox error=error/>
        <form class="card filters" on:submit=show novalidate>
            <SelectField id="report-form" label_key="reports.form" value=form options=forms/>
            <SelectField id="report-period" field="period" label_key="reports.period" value=period options=periods error=error/>
            <TextField id="report-year" field="year" label_key="reports.year" value=year error=error kind="number"/>
            <UnitFilter id="report" province=province organisation=organisation blank_key="reports.nation"/>
            <button type="submit" class="btn btn-primary" data-testid="report-show">{tx("reports.show")}</button>
        </form>
        {move || report.get().map(|r| view! {
            <FormTable report=r open=Callback::new(move |(row, col)| open_cell(row, col))/>
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| export("xlsx")>{tx("reports.export_xlsx")}</button>
                <button type="button" class="btn" on:click=move |_| export("csv")>{tx("reports.export_csv")}</button>
                {may_submit_own().then(|| view! {
                    <button type="button" class="btn btn-primary" data-testid="report-submit" on:click=submit>
                        {tx("reports.submit")}
                    </button>
                })}
            </div>
        })}
        {move || cell.get().map(|(row, column, cases)| view! {
            <section class="card" data-testid="report-cell">
                <h2>{format!("{}: {} · ({column})", t("reports.cell_cases"), row_title(&report.get_untracked(), &row))}</h2>
                {if cases.is_empty() {
                    view! { <p class="muted">{tx("reports.cell_empty")}</p> }.into_any()
                } else {
                    let cell_query = format!(
                        "{}&{}",
                        query(),
                        crate::filters::encode_pairs([("row", row.as_str()), ("column", &column.to_string())])
                    );
                    let path = Callback::new(move |format: &'static str| {
                        format!("/reports/forms/{}/cases/export/{format}?{cell_query}", form.get_untracked())
                    });
                    view! {
                        <ExportButtons path=path file="vu-viec-theo-o-bao-cao" error=error/>
                        <ul class="pub-list">
                            {cases.into_iter().map(|c| {
                                let code = text(&c, "code");
                                let label = if code.is_empty() { t("reports.no_code").to_owned() } else { code };
                                let state = crate::ui::label("state", &text(&c, "status"));
                                view! { <li><a href=format!("/cases/{}", text(&c, "id"))>{label}</a>" · "{state}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })}
        <Submissions list=submissions notice=notice error=error on_done=Callback::new(move |_| load_submissions())/>
    }
}

/// The unit a report or chart covers: the ministry picks a province, then
/// any organisation of it; others pick among the organisations they see
/// (none chosen: the caller's own unit, or all of them).
#[component]
pub fn UnitFilter(
    id: &'static str,
    province: RwSignal<String>,
    organisation: RwSignal<String>,
    blank_key: &'static str,
) -> impl IntoView {
    // Whoever reads the whole country's cases picks a province first.
    let national = globals().session.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| read_filter(&actor(s), Resource::Case) == ScopeFilter::All)
    });
    let units = RwSignal::new(Vec::<Value>::new());
    let load = move || {
        let p = province.get_untracked();
        spawn_local(async move {
            let q = crate::filters::encode_pairs(
                [
                    ("province", p.as_str()),
                    ("status", "active"),
                    ("limit", "200"),
                ]
                .into_iter()
                .filter(|(_, v)| !v.is_empty()),
            );
            let list = get(&format!("/organisations?{q}")).await.map(|v| items(&v));
            units.set(list.unwrap_or_default());
        })
    };
    if !national {
        load();
    }
    let province_id = format!("{id}-province");
    let org_id = format!("{id}-organisation");
    view! {
        {national.then(|| view! {
            <div class="field">
                <label for=province_id.clone()>{tx("reports.province")}</label>
                <select id=province_id on:change=move |ev| {
                    province.set(event_target_value(&ev));
                    organisation.set(String::new());
                    units.set(Vec::new());
                    if !province.get_untracked().is_empty() {
                        load();
                    }
                }>
                    <option value="">{tx(blank_key)}</option>
                    {tgpl_domain::province::PROVINCES.iter().map(|p| view! {
                        <option value=p.code>{p.name}</option>
                    }).collect_view()}
                </select>
            </div>
        })}
        <div class="field">
            <label for=org_id.clone()>{tx("reports.organisation")}</label>
            <select id=org_id on:change=move |ev| organisation.set(event_target_value(&ev))
                prop:value=move || organisation.get()>
                <option value="">{tx("reports.all_units")}</option>
                {move || units.get().into_iter().map(|o| view! {
                    <option value=text(&o, "id")>{text(&o, "name")}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The form as on paper: group headers merged over their columns, the
/// columns' labels and printed numbers, then the rows; each figure opens
/// the cases behind it.
#[component]
fn FormTable(report: Value, open: Callback<(String, u64)>) -> impl IntoView {
    let columns = report
        .get("columns")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let groups: Vec<Option<String>> = columns
        .iter()
        .map(|c| c.get("group_vi").and_then(Value::as_str).map(str::to_owned))
        .collect();
    let estimate = report
        .get("has_estimate")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let top = header_groups(&groups)
        .into_iter()
        .scan(0usize, |at, (group, n)| {
            let first = *at;
            *at += n;
            Some((group, n, first))
        })
        .map(|(group, n, first)| match group {
            Some(g) => view! { <th scope="colgroup" colspan=n>{g}</th> }.into_any(),
            None => {
                let label = text(&columns[first], "label_vi");
                view! { <th scope="col" rowspan="2">{label}</th> }.into_any()
            }
        })
        .collect_view();
    let second = columns
        .iter()
        .filter(|c| c.get("group_vi").and_then(Value::as_str).is_some())
        .map(|c| view! { <th scope="col">{text(c, "label_vi")}</th> })
        .collect_view();
    let numbers = columns
        .iter()
        .map(|c| view! { <th scope="col" class="num">{format!("({})", text(c, "number"))}</th> })
        .collect_view();
    let rows = items(&json!({"items": report.get("rows").cloned().unwrap_or_default()}))
        .into_iter()
        .map(|r| {
            let number = text(&r, "number");
            let total = !number.contains('.');
            let cells = r
                .get("cells")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    let actual = c.get("actual").and_then(Value::as_u64).unwrap_or(0);
                    let projected = c.get("projected").and_then(Value::as_u64).unwrap_or(0);
                    let column = c.get("column").and_then(Value::as_u64).unwrap_or(0);
                    let shown = if estimate && projected > 0 {
                        format!("{actual} + {projected}")
                    } else {
                        actual.to_string()
                    };
                    let row = number.clone();
                    view! {
                        <td class="num">
                            <button type="button" class="btn-link"
                                title=move || t("reports.open_cell")
                                on:click=move |_| open.run((row.clone(), column))>{shown}</button>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr class:total=total>
                    <th scope="row">{number.clone()}</th>
                    <td>{text(&r, "label_vi")}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card report" data-testid="report-table">
            <h2>{text(&report, "code_vi")}": "{text(&report, "title_vi")}</h2>
            <p>
                <strong>{tx("reports.unit")}": "</strong>{report.get("unit").map(|u| text(u, "name_vi")).unwrap_or_default()}
                " · "<strong>{tx("reports.period")}": "</strong>{text(&report, "period_label_vi")}
                " · "{text(&report, "unit_of_count_vi")}
            </p>
            {estimate.then(|| view! { <p class="muted">{tx("reports.estimate_note")}</p> })}
            <div class="table-wrap">
                <table class="form-table">
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">{tx("reports.col.number")}</th>
                            <th scope="col" rowspan="2">{tx("reports.col.content")}</th>
                            {top}
                        </tr>
                        <tr>{second}</tr>
                        <tr><th></th><th></th>{numbers}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Submitted reports the user sees, with the review acts they may take.
#[component]
fn Submissions(
    list: RwSignal<Vec<Value>>,
    notice: RwSignal<Option<String>>,
    error: RwSignal<Option<ApiError>>,
    on_done: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{tx("reports.submissions")}</h2>
            <div class="table-wrap">
                <table class="table" data-testid="report-submissions">
                    <thead><tr>
                        <th scope="col">{tx("reports.unit")}</th>
                        <th scope="col">{tx("reports.form")}</th>
                        <th scope="col">{tx("reports.period")}</th>
                        <th scope="col">{tx("reports.status")}</th>
                        <th scope="col">{tx("reports.due")}</th>
                        <th scope="col">{tx("reports.actions")}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let rows = list.get();
                            if rows.is_empty() {
                                return view! { <tr><td colspan="6">{tx("desk.empty")}</td></tr> }.into_any();
                            }
                            rows.into_iter().map(|s| view! { <SubmissionRow s=s notice=notice error=error on_done=on_done/> })
                                .collect_view().into_any()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn SubmissionRow(
    s: Value,
    notice: RwSignal<Option<String>>,
    error: RwSignal<Option<ApiError>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let id = text(&s, "id");
    let status = text(&s, "status");
    let reviewer = may_review(&s);
    let reason = RwSignal::new(String::new());
    let reason_id = format!("reason-{id}");
    let period = s.get("period").cloned().unwrap_or_default();
    let act = move |what: &'static str| {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            error.set(None);
            spawn_local(async move {
                let why = reason.get_untracked();
                let body = if what == "accept" {
                    json!({})
                } else {
                    json!({"reason": why.trim()})
                };
                match post(&format!("/reports/submissions/{id}/{what}"), body).await {
                    Ok(_) => {
                        notice.set(Some(t(&format!("reports.done.{what}")).to_owned()));
                        on_done.run(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let late = s.get("late").and_then(Value::as_bool).unwrap_or(false);
    let pending = status == "submitted";
    let reopenable = status == "accepted";
    view! {
        <tr data-testid="submission" data-status=status.clone()>
            <td>{text(&s, "unit_name_vi")}</td>
            <td>{text(&s, "form")}</td>
            <td>{t(&format!("reports.period.{}", text(&period, "kind")))}" "{text(&period, "from").get(..4).unwrap_or_default().to_owned()}</td>
            <td>
                {text(&s, "status_label_vi")}" (" {tx("reports.revision")} " " {text(&s, "revision")} ")"
                {(!text(&s, "reason").is_empty()).then(|| view! { <br/><small>{tx("reports.reason")}": "{text(&s, "reason")}</small> })}
            </td>
            <td>{crate::format::fmt_opt_date(text(&s, "due_on").parse().ok())}{late.then(|| view! { " " <strong class="late">{tx("reports.late")}</strong> })}</td>
            <td>
                {(reviewer && (pending || reopenable)).then(|| view! {
                    <div class="field">
                        <label for=reason_id.clone()>{tx("reports.reason")}</label>
                        <input id=reason_id.clone() data-testid="review-reason" on:input=move |ev| reason.set(event_target_value(&ev))/>
                    </div>
                })}
                {(reviewer && pending).then(|| view! {
                    <button type="button" class="btn" data-testid="review-return" on:click=act("return")>{tx("reports.return")}</button>
                    <button type="button" class="btn btn-primary" data-testid="review-accept" on:click=act("accept")>{tx("reports.accept")}</button>
                })}
                {(reviewer && reopenable).then(|| view! {
                    <button type="button" class="btn" on:click=act("reopen")>{tx("reports.reopen")}</button>
                })}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_merges_over_its_consecutive_columns_only() {
        let g = |s: &str| Some(s.to_owned());
        assert_eq!(
            header_groups(&[None, g("A"), g("A"), g("B"), None, None, g("A")]),
            vec![
                (None, 1),
                (g("A"), 2),
                (g("B"), 1),
                (None, 1),
                (None, 1),
                (g("A"), 1)
            ]
        );
        assert!(header_groups(&[]).is_empty());
    }

    #[test]
    fn the_form_query_leaves_out_what_is_not_chosen() {
        assert_eq!(
            form_query("six_month", " 2026 ", "", ""),
            "period=six_month&year=2026"
        );
        assert_eq!(
            form_query("annual_official", "2025", "01", ""),
            "period=annual_official&year=2025&province=01"
        );
        assert_eq!(
            form_query("six_month", "2026", "", "0191"),
            "period=six_month&year=2026&organisation_id=0191"
        );
    }
}
