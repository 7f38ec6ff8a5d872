//! Dashboards: counts within the caller's scope (DOMAIN §8, §11: statistics
//! see aggregates only).
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use tgpl_api_model::reports::{CaseSummaryDto, CaseSummaryQuery, CountDto, UnitCompletenessDto};
use tgpl_db::cases::CaseFilter;
use tgpl_db::reports;
use tgpl_domain::ProvinceCode;
use tgpl_domain::case::{CaseState, FormOfAid};
use tgpl_domain::policy::{Resource, read_filter};

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
        completeness: s
            .completeness
            .into_iter()
            .map(|u| UnitCompletenessDto {
                organisation_id: u.organisation_id,
                organisation_name: u.organisation_name,
                cases: u.cases,
                complete: u.complete,
                average_score: u.average_score,
            })
            .collect(),
    })
}
