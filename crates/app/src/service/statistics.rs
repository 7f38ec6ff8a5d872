//! Statistical forms 24 and 25 computed from the case data (DOMAIN §8), and
//! the cases behind any cell. Statistics see counts only; the cases behind
//! a cell are a case list, masked and audited like any other.
use super::cases::{CaseView, list_filtered};
use super::{found, page_request};
use crate::error::{AppError, Fields};
use crate::{App, Caller};
use tgpl_api_model::reports::{FormReportDto, FormReportQuery, ReportColumnDto, ReportUnitDto};
use tgpl_db::statistics::{self, ReportUnit};
use tgpl_db::{Page, cases::CaseFilter, organisations as orgs, reference};
use tgpl_domain::policy::{Action, Resource, ScopeFilter, may_filter_by_category, read_filter};
use tgpl_domain::report::{
    ColumnRule, FormKind, PeriodKind, ReportPeriod, Table, Template, template_for,
};
use tgpl_domain::{ProvinceCode, Role};

/// What a query asks for, parsed and checked against the caller's scope.
pub(crate) struct Asked {
    pub template: Template,
    pub period: ReportPeriod,
    pub unit: ReportUnit,
    pub unit_name: String,
    pub visible: ScopeFilter,
}

pub(crate) async fn asked(
    state: &App,
    caller: &Caller,
    form: &str,
    q: &FormReportQuery,
) -> Result<Asked, AppError> {
    let mut f = Fields::new();
    let form = f.check("form", FormKind::parse(form));
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    let kind = q.period.unwrap_or(PeriodKind::AnnualOfficial);
    let year = q
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&caller.at.today));
    let ministry = matches!(caller.actor.role, Role::NationalAdmin | Role::NationalStaff);
    let period = match (kind, q.from, q.to) {
        (PeriodKind::Custom, Some(from), Some(to)) => f.check("to", ReportPeriod::custom(from, to)),
        (PeriodKind::Custom, _, _) => {
            f.push("from", "required", "a custom period needs from and to");
            None
        }
        (kind, _, _) => f.check("year", ReportPeriod::standard(kind, year, ministry)),
    };
    if let Some(scope) = q.scope.as_deref()
        && scope != "nation"
    {
        f.push(
            "scope",
            "report.scope_unknown",
            "scope is `nation` or absent",
        );
    }
    f.finish()?;
    let (Some(form), Some(period)) = (form, period) else {
        return Err(AppError::Internal("checked fields went missing".into()));
    };
    let templates = reference::report_templates(state.db.read()).await?;
    let Some(template) = template_for(&templates, form, period.to).cloned() else {
        return Err(AppError::field(
            "period",
            "report.no_template",
            format!(
                "no template of form {} is in force on {}",
                form.as_str(),
                period.to
            ),
        ));
    };
    let visible = read_filter(&caller.actor, Resource::Case);
    if visible == ScopeFilter::Nothing {
        return Err(AppError::Forbidden("your role reads no statistics"));
    }
    let (unit, unit_name) = match (q.organisation_id, province, q.scope.as_deref()) {
        (Some(id), _, _) => {
            let org = orgs::get(state.db.read(), id)
                .await
                .map_err(found("organisation"))?;
            caller.authorize(Action::Read(Resource::Case), &org.scope(), "organisation")?;
            (ReportUnit::Organisation(id), org.name)
        }
        (None, Some(p), _) => {
            if !matches!(visible, ScopeFilter::All) && visible != ScopeFilter::Province(p) {
                return Err(AppError::NotFound("province"));
            }
            (ReportUnit::Province(p), p.name().to_owned())
        }
        (None, None, Some(_)) => {
            if visible != ScopeFilter::All {
                return Err(AppError::Forbidden(
                    "only national roles read the national roll-up",
                ));
            }
            (ReportUnit::Nation, "Toàn quốc".to_owned())
        }
        // The caller's own unit.
        (None, None, None) => match visible {
            ScopeFilter::All => (ReportUnit::Nation, "Toàn quốc".to_owned()),
            ScopeFilter::Province(p) => (ReportUnit::Province(p), p.name().to_owned()),
            _ => {
                let org = orgs::get(state.db.read(), caller.actor.org_id)
                    .await
                    .map_err(found("organisation"))?;
                (ReportUnit::Organisation(org.id), org.name)
            }
        },
    };
    Ok(Asked {
        template,
        period,
        unit,
        unit_name,
        visible,
    })
}

fn unit_dto(unit: ReportUnit, name_vi: String) -> ReportUnitDto {
    let (kind, organisation_id, province) = match unit {
        ReportUnit::Nation => ("nation", None, None),
        ReportUnit::Province(p) => ("province", None, Some(p.as_str().to_owned())),
        ReportUnit::Organisation(id) => ("organisation", Some(id), None),
    };
    ReportUnitDto {
        kind: kind.to_owned(),
        organisation_id,
        province,
        name_vi,
    }
}

/// A form for a unit and period, computed now from the case data.
pub async fn form(
    state: &App,
    caller: &Caller,
    form: &str,
    q: FormReportQuery,
) -> Result<FormReportDto, AppError> {
    let a = asked(state, caller, form, &q).await?;
    compute(state, &a).await
}

/// Counts what was asked and lays it out as the template's table.
pub(crate) async fn compute(state: &App, a: &Asked) -> Result<FormReportDto, AppError> {
    let buckets =
        statistics::buckets(state.db.read(), a.visible, a.unit, &a.template, &a.period).await?;
    let table = Table::assemble(&a.template, &a.period, &buckets);
    let t = a.template.clone();
    Ok(FormReportDto {
        form: t.form,
        template_id: t.id,
        code_vi: t.code_vi,
        title_vi: t.title_vi,
        unit_of_count_vi: t.unit_vi,
        source: t.source,
        period_label_vi: a.period.kind.label_vi().to_owned(),
        period: a.period,
        unit: unit_dto(a.unit, a.unit_name.clone()),
        has_estimate: a.period.has_estimate(),
        estimate_entered: false,
        columns: t
            .columns
            .into_iter()
            .map(|c| ReportColumnDto {
                number: c.number,
                label_vi: c.label_vi,
                group_vi: c.group_vi,
            })
            .collect(),
        rows: table.rows,
    })
}

/// The cases behind one cell (its actual figure), a page at a time.
pub async fn cell_cases(
    state: &App,
    caller: &Caller,
    form: &str,
    q: FormReportQuery,
) -> Result<Page<CaseView>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    let column = f.require("column", q.column);
    f.finish()?;
    let a = asked(state, caller, form, &q).await?;
    let number = q.row.as_deref().unwrap_or("");
    let (Some(row), Some(col)) = (
        a.template.row(number),
        column.and_then(|c| a.template.column(c)),
    ) else {
        return Err(AppError::field(
            "row",
            "report.cell_unknown",
            format!("the form has no cell at row '{number}', column {column:?}"),
        ));
    };
    // Listing a sensitive category's people is filtering by it.
    if let ColumnRule::Categories { all_of, .. } = &col.count
        && all_of
            .iter()
            .any(|c| !may_filter_by_category(&caller.actor, c))
    {
        return Err(AppError::Forbidden(
            "your role sees this eligibility category masked and cannot list its cases",
        ));
    }
    let ids = statistics::cell_cases(a.visible, a.unit, &a.template, &a.period, row, &col.count);
    let filter = CaseFilter {
        within: Some(ids),
        ..CaseFilter::default()
    };
    list_filtered(state, caller, &filter, page.unwrap_or_default()).await
}
