//! The reporting flow (DOMAIN §8): a unit submits a frozen snapshot of its
//! report; the Justice Department (for its units) or the national
//! department (for the provinces' roll-ups) returns it with a reason or
//! accepts it; an accepted report may be reopened with a reason. Every
//! step is audited; every version stays on record.
use super::statistics::{Asked, asked, compute};
use super::{begin, commit, found, page_request};
use crate::error::{AppError, Fields};
use crate::{App, Caller};
use tgpl_api_model::reports::{
    FormReportDto, FormReportQuery, ReviewReport, SubmissionDto, SubmissionQuery, SubmitReport,
};
use tgpl_db::audit::{self, Change};
use tgpl_db::report_submissions::{self as repo, SubmissionFilter};
use tgpl_db::statistics::ReportUnit;
use tgpl_db::{Page, organisations as orgs};
use tgpl_domain::policy::{Action, Resource, may_review_report, may_submit_report, read_filter};
use tgpl_domain::report::{
    FormKind, Receiver, ReviewAct, Submission, SubmissionStatus, Table, deadline, is_late, reason,
};
use tgpl_domain::{ProvinceCode, ResourceScope};
use uuid::Uuid;

const ENTITY: &str = "report_submission";

/// Submitted reports as they go on the wire.
pub fn dto(s: Submission, with_report: bool) -> SubmissionDto {
    let unit_name_vi = s.snapshot["unit"]["name_vi"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let report = if with_report {
        serde_json::from_value::<FormReportDto>(s.snapshot).ok()
    } else {
        None
    };
    SubmissionDto {
        id: s.id,
        form: s.form,
        period: s.period,
        unit_kind: s.unit_kind,
        unit_name_vi,
        organisation_id: s.organisation_id,
        province: s.province_code.map(String::from),
        revision: s.revision,
        status: s.status,
        status_label_vi: s.status.label_vi().to_owned(),
        submitted_by: s.submitted_by,
        submitted_at: s.submitted_at,
        due_on: s.due_on,
        late: s.late,
        reviewed_by: s.reviewed_by,
        reviewed_at: s.reviewed_at,
        reason: s.reason,
        version: s.version,
        report,
    }
}

fn change<'a>(
    action: &'a str,
    s: &Submission,
    summary: &'a serde_json::Value,
) -> Change<'a, serde_json::Value> {
    Change {
        action,
        entity: ENTITY,
        entity_id: s.id,
        scope: s.scope(),
        before: None,
        after: Some(summary),
    }
}

fn summary(s: &Submission) -> serde_json::Value {
    serde_json::json!({
        "form": s.form.as_str(),
        "period": s.period,
        "unit_kind": s.unit_kind,
        "revision": s.revision,
        "status": s.status.as_str(),
        "reason": s.reason,
    })
}

/// Freezes the unit's report as it stands now and sends it up.
pub async fn submit(
    state: &App,
    caller: &Caller,
    req: SubmitReport,
) -> Result<Submission, AppError> {
    let q = FormReportQuery {
        period: req.period,
        year: req.year,
        from: req.from,
        to: req.to,
        organisation_id: req.organisation_id,
        province: req.province.clone(),
        ..FormReportQuery::default()
    };
    let a: Asked = asked(state, caller, &req.form, &q).await?;
    let (scope, roll_up, unit_kind) = match a.unit {
        ReportUnit::Organisation(id) => {
            let org = orgs::get(state.db.read(), id)
                .await
                .map_err(found("organisation"))?;
            (org.scope(), false, "organisation")
        }
        ReportUnit::Province(p) => (
            ResourceScope {
                province: Some(p),
                ..ResourceScope::default()
            },
            true,
            "province",
        ),
        ReportUnit::Nation => {
            return Err(AppError::field(
                "scope",
                "report.nation_not_submitted",
                "the national figure is the sum of the provinces' reports; it is not submitted",
            ));
        }
    };
    if !may_submit_report(&caller.actor, &scope, roll_up) {
        return Err(AppError::Forbidden(
            "your role does not submit this unit's report",
        ));
    }
    let mut report = compute(state, &a).await?;
    if !req.estimates.is_empty() {
        if !report.has_estimate {
            return Err(AppError::field(
                "estimates",
                "report.no_estimate",
                "this period's figures are all actual: there is nothing to estimate",
            ));
        }
        let table = Table {
            rows: std::mem::take(&mut report.rows),
        }
        .with_estimates(&a.template, &req.estimates)?;
        report.rows = table.rows;
        report.estimate_entered = true;
    }
    let snapshot = serde_json::to_value(&report).map_err(|e| AppError::Internal(e.to_string()))?;
    let now = caller.at;
    let receiver = Receiver::of(roll_up);
    let mut s = Submission {
        id: Uuid::now_v7(),
        form: a.template.form,
        template_id: a.template.id.clone(),
        period: a.period,
        unit_kind: unit_kind.to_owned(),
        organisation_id: scope.org_id,
        centre_id: scope.centre_id,
        province_code: scope.province,
        revision: 1,
        status: SubmissionStatus::Submitted,
        snapshot,
        submitted_by: Some(caller.actor.user_id),
        submitted_at: now.now,
        due_on: deadline(&a.period, receiver),
        late: is_late(&a.period, receiver, now.today),
        reviewed_by: None,
        reviewed_at: None,
        reason: None,
        version: 1,
    };
    let txn = begin(&state.db).await?;
    if let Some(last) = repo::latest(&txn, s.form, &s.period, &repo::unit_key(&s)).await? {
        if !last.status.may_resubmit() {
            return Err(AppError::Conflict {
                code: "report.already_submitted",
                detail: format!(
                    "version {} of this report is {}; a new version follows a return",
                    last.revision,
                    last.status.as_str()
                ),
            });
        }
        // The returned version stays on record, replaced by this one.
        repo::review(
            &txn,
            &last,
            SubmissionStatus::Superseded,
            last.reviewed_by,
            last.reviewed_at.unwrap_or(now.now),
            last.reason.clone(),
        )
        .await?;
        s.revision = last.revision + 1;
    }
    repo::insert(&txn, &s).await?;
    let sum = summary(&s);
    audit::record(&txn, &caller.audit(), change("report.submit", &s, &sum)).await?;
    commit(txn).await?;
    Ok(s)
}

/// Returns, accepts or reopens a submitted report.
pub async fn review(
    state: &App,
    caller: &Caller,
    id: Uuid,
    act: ReviewAct,
    req: ReviewReport,
) -> Result<Submission, AppError> {
    let txn = begin(&state.db).await?;
    let s = repo::get(&txn, id).await.map_err(found(ENTITY))?;
    let roll_up = s.is_roll_up();
    if !may_review_report(&caller.actor, &s.scope(), roll_up) {
        // Those who cannot even read it learn nothing of it.
        caller.authorize(Action::Read(Resource::Case), &s.scope(), ENTITY)?;
        return Err(AppError::Forbidden("your role does not review this report"));
    }
    let next = s.status.after(act).map_err(|e| AppError::Conflict {
        code: e.code,
        detail: e.message.to_owned(),
    })?;
    let why = match act {
        ReviewAct::Accept => None,
        ReviewAct::Return | ReviewAct::Reopen => {
            let mut f = Fields::new();
            let r = f.check("reason", reason(req.reason.as_deref().unwrap_or("")));
            f.finish()?;
            r
        }
    };
    repo::review(
        &txn,
        &s,
        next,
        Some(caller.actor.user_id),
        caller.at.now,
        why,
    )
    .await?;
    let after = repo::get(&txn, id).await?;
    let action = match act {
        ReviewAct::Return => "report.return",
        ReviewAct::Accept => "report.accept",
        ReviewAct::Reopen => "report.reopen",
    };
    let sum = summary(&after);
    audit::record(&txn, &caller.audit(), change(action, &after, &sum)).await?;
    commit(txn).await?;
    Ok(after)
}

pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<Submission, AppError> {
    let s = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(Action::Read(Resource::Case), &s.scope(), ENTITY)?;
    Ok(s)
}

pub async fn list(
    state: &App,
    caller: &Caller,
    q: SubmissionQuery,
) -> Result<Page<Submission>, AppError> {
    let mut f = Fields::new();
    let form = f.optional("form", q.form.as_deref(), FormKind::parse);
    let status = f.optional("status", q.status.as_deref(), SubmissionStatus::parse);
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let filter = SubmissionFilter {
        form,
        status,
        year: q.year,
        province,
    };
    let visible = read_filter(&caller.actor, Resource::Case);
    Ok(repo::list(state.db.read(), visible, &filter, page.unwrap_or_default()).await?)
}
