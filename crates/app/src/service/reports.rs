//! Dashboards: counts within the caller's scope (DOMAIN §8, §11: statistics
//! see aggregates only).
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use std::collections::HashMap;
use tgpl_api_model::reports::{
    CaseSummaryDto, CaseSummaryQuery, CountDto, DashboardDto, DashboardQuery, MonthSuccessDto,
    QuotaProgressDto, StepWaitDto, UnitCompletenessDto, UnitOverdueDto,
};
use tgpl_db::cases::CaseFilter;
use tgpl_db::reports::UnitCompleteness;
use tgpl_db::{dashboard, reports};
use tgpl_domain::case::{CaseState, FormOfAid};
use tgpl_domain::policy::{Resource, read_filter};
use tgpl_domain::report::dashboard::{WAITING_STEPS, expected_by};
use tgpl_domain::{PractitionerKind, ProvinceCode};
use uuid::Uuid;

/// Units' names and provinces, for labels that tell them apart.
type UnitNames = HashMap<Uuid, tgpl_db::organisations::UnitName>;

/// "Chi nhánh số 1 — Thành phố Hà Nội": the unit's name with its province.
fn label(name: &str, province: Option<&str>) -> String {
    match province.and_then(|p| ProvinceCode::parse(p).ok()) {
        Some(p) => format!("{name} — {}", p.name()),
        None => name.to_owned(),
    }
}

/// The label of a unit looked up in `names`.
fn unit_label(names: &UnitNames, id: Uuid) -> String {
    match names.get(&id) {
        Some(u) => label(&u.name, u.province_code.as_deref()),
        None => id.to_string(),
    }
}

fn completeness_dto(u: UnitCompleteness) -> UnitCompletenessDto {
    UnitCompletenessDto {
        unit_label: label(&u.organisation_name, u.province_code.as_deref()),
        organisation_id: u.organisation_id,
        organisation_name: u.organisation_name,
        cases: u.cases,
        complete: u.complete,
        average_score: u.average_score,
    }
}

pub async fn case_summary(
    state: &App,
    caller: &Caller,
    q: CaseSummaryQuery,
) -> Result<CaseSummaryDto, AppError> {
    let mut f = Fields::new();
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    f.finish()?;
    let filter = CaseFilter {
        organisation_id: q.organisation_id,
        practitioner_id: q.practitioner_id,
        province,
        form_of_aid: q.form_of_aid,
        field_of_law: q.field_of_law,
        requested_from: q.requested_from,
        requested_to: q.requested_to,
        ..CaseFilter::default()
    };
    let visible = read_filter(&caller.actor, Resource::Case);
    let s = reports::case_summary(state.db.read(), visible, &filter, caller.at.today).await?;
    let label = |key: &str, of: fn(&str) -> Option<&'static str>| CountDto {
        key: key.to_owned(),
        label: of(key).unwrap_or(key).to_owned(),
        count: 0,
    };
    let counted = |rows: Vec<(String, u64)>, of: fn(&str) -> Option<&'static str>| {
        rows.into_iter()
            .map(|(k, n)| CountDto {
                count: n,
                ..label(&k, of)
            })
            .collect()
    };
    Ok(CaseSummaryDto {
        total: s.total,
        by_status: counted(s.by_status, |k| {
            CaseState::parse(k).ok().map(CaseState::label_vi)
        }),
        by_form_of_aid: counted(s.by_form, |k| {
            FormOfAid::parse(k).ok().map(FormOfAid::label_vi)
        }),
        overdue: s.overdue,
        urgent: s.urgent,
        successful: s.successful,
        completeness: s.completeness.into_iter().map(completeness_dto).collect(),
    })
}

/// The leadership dashboard: quota progress, overdue steps by unit, data
/// completeness per unit, successful cases per month and the waits at each
/// step, within the caller's scope and filters (DOMAIN §8).
pub async fn dashboard_of(
    state: &App,
    caller: &Caller,
    q: DashboardQuery,
) -> Result<DashboardDto, AppError> {
    let today = caller.at.today;
    let mut f = Fields::new();
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    let year = q.year.unwrap_or(chrono::Datelike::year(&today));
    if !(2000..=2100).contains(&year) {
        f.push("year", "out_of_range", "a year between 2000 and 2100");
    }
    f.finish()?;
    let filter = CaseFilter {
        organisation_id: q.organisation_id,
        province,
        form_of_aid: q.form_of_aid,
        field_of_law: q.field_of_law,
        ..CaseFilter::default()
    };
    let conn = state.db.read();
    let cases = read_filter(&caller.actor, Resource::Case);
    let people = read_filter(&caller.actor, Resource::Practitioner);
    let quotas = dashboard::quota_progress(conn, cases, people, &filter, year).await?;
    let overdue = dashboard::overdue_by_unit(conn, cases, &filter, today).await?;
    let summary = reports::case_summary(conn, cases, &filter, today).await?;
    let months = dashboard::successful_by_month(conn, cases, &filter, year).await?;
    let waits = dashboard::waits(conn, cases, &filter, today).await?;
    let units = quotas
        .iter()
        .map(|q| q.organisation_id)
        .chain(overdue.iter().map(|o| o.organisation_id));
    let names = tgpl_db::organisations::names(conn, units).await?;

    let mut quotas: Vec<QuotaProgressDto> = quotas
        .into_iter()
        .map(|r| {
            let quota = r.annual_quota.and_then(|q| u32::try_from(q).ok());
            QuotaProgressDto {
                practitioner_id: r.practitioner_id,
                kind_label_vi: PractitionerKind::parse(&r.kind)
                    .map(PractitionerKind::label_vi)
                    .unwrap_or_default()
                    .to_owned(),
                kind: r.kind,
                full_name: r.full_name,
                unit_label: unit_label(&names, r.organisation_id),
                organisation_id: r.organisation_id,
                annual_quota: quota,
                done: r.by_month.iter().sum(),
                expected_by_now: expected_by(quota, year, today),
                by_month: r.by_month.to_vec(),
            }
        })
        .collect();
    // Furthest behind first: the share of the quota done, then the name.
    let share = |q: &QuotaProgressDto| match q.annual_quota {
        Some(quota) if quota > 0 => q.done as f64 / f64::from(quota),
        _ => f64::INFINITY,
    };
    quotas.sort_by(|a, b| {
        share(a)
            .total_cmp(&share(b))
            .then_with(|| a.full_name.cmp(&b.full_name))
    });
    let mut overdue_by_unit: Vec<UnitOverdueDto> = overdue
        .into_iter()
        .map(|o| UnitOverdueDto {
            unit_label: unit_label(&names, o.organisation_id),
            organisation_id: o.organisation_id,
            reassignment: o.reassignment,
            proof: o.proof,
            cases: o.cases,
        })
        .collect();
    overdue_by_unit.sort_by(|a, b| {
        b.cases
            .cmp(&a.cases)
            .then_with(|| a.unit_label.cmp(&b.unit_label))
    });
    Ok(DashboardDto {
        year,
        today,
        quotas,
        overdue_by_unit,
        completeness: summary
            .completeness
            .into_iter()
            .map(completeness_dto)
            .collect(),
        successful_by_month: months
            .iter()
            .zip(1..)
            .map(|(m, month)| MonthSuccessDto {
                month,
                concluded: m.concluded,
                successful: m.successful,
            })
            .collect(),
        waits: WAITING_STEPS
            .iter()
            .zip(waits)
            .map(|(step, w)| StepWaitDto {
                status: step.state.as_str().to_owned(),
                label_vi: step.label_vi.to_owned(),
                cases: w.cases,
                average_days: w.average_days,
                longest_days: w.longest_days,
                over_30_days: w.over_30_days,
            })
            .collect(),
    })
}
