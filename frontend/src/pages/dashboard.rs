//! The dashboard: cases by status and by form of aid, overdue and urgent
//! counts, upcoming hearings; an officer's quota progress; leadership's
//! completeness per unit. Counted by the server over the user's scope
//! (`GET /reports/case-summary`).
use crate::api;
use crate::charts::{BarChart, Meter};
use crate::format::fmt_datetime;
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{ErrorBox, ExportButtons, Loading, label, t, tf, tx};
use chrono::Datelike;
use leptos::prelude::*;
use std::collections::BTreeMap;
use tgpl_api_model::Page;
use tgpl_api_model::cases::HearingDto;
use tgpl_api_model::practitioners::PractitionerDto;
use tgpl_api_model::reports::CaseSummaryDto;
use tgpl_domain::Role;
use tgpl_domain::case::{CaseState, FormOfAid};
use uuid::Uuid;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub total: u64,
    pub by_status: Vec<(CaseState, u64)>,
    pub by_form: Vec<(FormOfAid, u64)>,
    pub overdue: u64,
    pub urgent: u64,
    /// Per organisation: average completeness score and number of open cases.
    pub completeness: Vec<(Uuid, u8, u64)>,
    /// Assessed successful (Decision 1179).
    pub successful: u64,
}

impl Summary {
    /// The server's counts (`GET /reports/case-summary`, the whole scope).
    pub fn from_dto(w: &CaseSummaryDto) -> Self {
        Summary {
            total: w.total,
            by_status: w
                .by_status
                .iter()
                .filter(|c| c.count > 0)
                .filter_map(|c| CaseState::parse(&c.key).ok().map(|s| (s, c.count)))
                .collect(),
            by_form: w
                .by_form_of_aid
                .iter()
                .filter_map(|c| FormOfAid::parse(&c.key).ok().map(|f| (f, c.count)))
                .collect(),
            overdue: w.overdue,
            urgent: w.urgent,
            completeness: w
                .completeness
                .iter()
                .map(|u| {
                    (
                        u.organisation_id,
                        u.average_score.round().clamp(0.0, 100.0) as u8,
                        u.cases,
                    )
                })
                .collect(),
            successful: w.successful,
        }
    }
}

#[derive(Clone)]
struct DashData {
    summary: Summary,
    hearings: Vec<HearingDto>,
    org_names: BTreeMap<Uuid, String>,
    quota: Option<(u64, u64)>,
}

async fn load() -> Result<DashData, ApiError> {
    let year = crate::format::now().year();
    let dto: CaseSummaryDto = api::get("/reports/case-summary").await?;
    let org_names = dto
        .completeness
        .iter()
        .map(|u| (u.organisation_id, u.organisation_name.clone()))
        .collect();
    let summary = Summary::from_dto(&dto);
    let hearings: Page<HearingDto> = api::get("/hearings?limit=8").await.unwrap_or(Page {
        items: vec![],
        next: None,
        total: None,
    });
    let practitioner = globals()
        .session
        .with_untracked(|s| s.as_ref().and_then(|s| s.practitioner_id));
    let quota = match practitioner {
        Some(p) => {
            let target = api::get::<PractitionerDto>(&format!("/practitioners/{p}"))
                .await
                .ok()
                .and_then(|p| p.annual_quota)
                .map(|q| q.max(0) as u64);
            // This year's requests handled by the officer.
            let done = api::get::<CaseSummaryDto>(&format!(
                "/reports/case-summary?practitioner_id={p}&requested_from={year}-01-01"
            ))
            .await
            .map(|w| w.total)
            .unwrap_or(0);
            target.map(|t| (done, t))
        }
        None => None,
    };
    Ok(DashData {
        summary,
        hearings: hearings.items,
        org_names,
        quota,
    })
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let g = globals();
    let data = crate::ui::resource(load);
    let error = RwSignal::new(None::<ApiError>);
    let role = move || g.session.with(|s| s.as_ref().map(|s| s.role()));
    let view_data = move || {
        let d = match data.get() {
            None => return view! { <Loading/> }.into_any(),
            Some(Err(e)) => {
                error.set(Some(e));
                return ().into_any();
            }
            Some(Ok(d)) => d,
        };
        let s = d.summary.clone();
        let status_rows = Signal::derive({
            let s = s.clone();
            move || {
                s.by_status
                    .iter()
                    .map(|(st, n)| (label("state", st.as_str()).to_owned(), *n))
                    .collect()
            }
        });
        let form_rows = Signal::derive({
            let s = s.clone();
            move || {
                s.by_form
                    .iter()
                    .map(|(f, n)| (label("form", f.as_str()).to_owned(), *n))
                    .collect()
            }
        });
        let leadership = matches!(
            role(),
            Some(
                Role::CentreDirector
                    | Role::CentreDeputy
                    | Role::BranchHead
                    | Role::JusticeDepartmentStaff
                    | Role::NationalAdmin
                    | Role::NationalStaff
            )
        );
        let completeness_rows = Signal::derive({
            let s = s.clone();
            let names = d.org_names.clone();
            move || {
                s.completeness
                    .iter()
                    .map(|(org, score, _)| {
                        (
                            names
                                .get(org)
                                .cloned()
                                .unwrap_or_else(|| org.to_string()[..8].to_owned()),
                            u64::from(*score),
                        )
                    })
                    .collect()
            }
        });
        let quota = d.quota;
        let hearings = d.hearings.clone();
        view! {
            <div class="stats" data-testid="dashboard-stats">
                <a class="stat" href="/cases"><span class="n" data-testid="stat-total">{crate::format::fmt_count(s.total as u64)}</span><span>{tx("dash.total")}</span></a>
                <a class="stat warn" href="/cases?overdue=true"><span class="n" data-testid="stat-overdue">{crate::format::fmt_count(s.overdue as u64)}</span><span>{tx("dash.overdue")}</span></a>
                <a class="stat" href="/cases?urgent=true"><span class="n">{crate::format::fmt_count(s.urgent as u64)}</span><span>{tx("dash.urgent")}</span></a>
                <div class="stat ok"><span class="n" data-testid="stat-successful">{crate::format::fmt_count(s.successful as u64)}</span><span>{tx("dash.successful")}</span></div>
                <div class="stat"><span class="n">{hearings.len()}</span><span>{tx("dash.hearings_count")}</span></div>
            </div>
            <div class="grid2">
                <section class="card"><BarChart id="chart-status" title_key="dash.by_status" rows=status_rows/></section>
                <section class="card"><BarChart id="chart-form" title_key="dash.by_form" rows=form_rows/></section>
                {quota.map(|(done, q)| view! {
                    <section class="card">
                        <h2>{tx("dash.quota")}</h2>
                        <Meter label=Signal::derive(move || t("dash.quota_label").to_owned()) value=Signal::derive(move || done) target=Signal::derive(move || q)/>
                    </section>
                })}
                {leadership.then(|| view! {
                    <section class="card"><BarChart id="chart-completeness" title_key="dash.completeness" rows=completeness_rows/></section>
                })}
                <section class="card">
                    <h2>{tx("dash.upcoming_hearings")}</h2>
                    {if hearings.is_empty() {
                        view! { <p class="muted">{tx("dash.no_hearings")}</p> }.into_any()
                    } else {
                        view! {
                            <ExportButtons path=Callback::new(|format: &'static str| format!("/hearings/export/{format}")) file="lich-phien-toa" error=error/>
                            <ul class="list">
                                {hearings.into_iter().map(|h| view! {
                                    <li>
                                        <a href=format!("/cases/{}", h.case_id)>{fmt_datetime(h.starts_at)}</a>
                                        " — " {h.court} " (" {move || label("hearing_mode", h.mode.as_str())} ")"
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            </div>
        }
        .into_any()
    };
    view! {
        <h1>{tx("dash.title")}</h1>
        <p class="muted">{move || g.session.with(|s| s.as_ref().map(|s| tf("dash.welcome", t(&format!("role.{}", s.role().as_str())))))}</p>
        <ErrorBox error=error/>
        {view_data}
    }
}
