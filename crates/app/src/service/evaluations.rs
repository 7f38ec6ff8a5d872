//! Quality evaluation (DOMAIN §7, Circular 12/2018 Art. 15–16): a plan
//! draws its sample when it is made (seed recorded), the planner names an
//! evaluator per case, the evaluator fills the sheet in force, and the
//! case takes the `evaluate` act in the same transaction.
use super::{begin, commit, expect_version, found, page_request, rule};
use crate::error::{AppError, Fields};
use crate::{App, Caller};
use tgpl_api_model::evaluations::{
    CreatePlan, ItemDto, NameEvaluator, PlanDto, PlanQuery, ResultsDto, ResultsQuery, ScoreCase,
};
use tgpl_db::audit::{self, Change};
use tgpl_db::evaluations as repo;
use tgpl_db::{Page, cases, events, organisations as orgs, users};
use tgpl_domain::ProvinceCode;
use tgpl_domain::evaluation::{
    self, GroupBy, Item, ItemStatus, Plan, Rate, ScoreRefusal, draw, plan::DEFAULT_FORMS, sheet_for,
};
use tgpl_domain::policy::{
    Resource, evaluation_plan_province, evaluation_plans_visible, may_plan_evaluation, read_filter,
};
use uuid::Uuid;

const PLAN: &str = "evaluation_plan";
const ITEM: &str = "evaluation_item";

pub fn item_dto(i: &Item) -> ItemDto {
    ItemDto {
        id: i.id,
        plan_id: i.plan_id,
        case_id: i.case_id,
        practitioner_id: i.practitioner_id,
        organisation_id: i.organisation_id,
        province: i.province_code.map(String::from),
        evaluator_id: i.evaluator_id,
        status: i.status,
        marks: i.scored.as_ref().map(|s| s.marks.clone()),
        total: i.scored.as_ref().map(|s| s.total),
        grade: i.scored.as_ref().map(|s| s.grade),
        grade_label_vi: i.scored.as_ref().map(|s| s.grade.label_vi().to_owned()),
        comments: i.comments.clone(),
        scored_at: i.scored_at,
        version: i.version,
    }
}

/// A plan with its cases, counted and listed.
pub fn plan_file(p: &Plan, items: &[Item]) -> PlanDto {
    let scored = items
        .iter()
        .filter(|i| i.status == ItemStatus::Scored)
        .count() as u32;
    plan_dto(p, items.len() as u32, scored, Some(items))
}

fn plan_dto(p: &Plan, drawn: u32, scored: u32, items: Option<&[Item]>) -> PlanDto {
    PlanDto {
        id: p.id,
        title: p.title.clone(),
        owner_org_id: p.owner_org_id,
        province: p.province_code.map(String::from),
        concluded_from: p.concluded_from,
        concluded_to: p.concluded_to,
        forms_of_aid: p.forms.clone(),
        organisation_ids: p.organisation_ids.clone(),
        rate_percent: p.rate.percent(),
        seed: p.seed.to_string(),
        algorithm: p.algorithm.clone(),
        sheet_id: p.sheet_id.clone(),
        candidates: p.candidates,
        drawn,
        scored,
        created_by: p.created_by,
        created_at: p.created_at,
        version: p.version,
        items: items.map(|items| items.iter().map(item_dto).collect()),
    }
}

fn plan_change<'a>(
    action: &'a str,
    p: &Plan,
    after: &'a serde_json::Value,
) -> Change<'a, serde_json::Value> {
    Change {
        action,
        entity: PLAN,
        entity_id: p.id,
        scope: p.scope(),
        before: None,
        after: Some(after),
    }
}

fn item_change<'a>(action: &'a str, i: &'a Item) -> Change<'a, Item> {
    Change {
        action,
        entity: ITEM,
        entity_id: i.id,
        scope: i.scope(),
        before: None,
        after: Some(i),
    }
}

/// Makes a plan and draws its sample, in one transaction.
pub async fn create(
    state: &App,
    caller: &Caller,
    req: CreatePlan,
) -> Result<(Plan, Vec<Item>), AppError> {
    let mut f = Fields::new();
    let title = f.check("title", evaluation::plan::title(&req.title));
    f.check(
        "concluded_to",
        evaluation::plan::concluded_between(req.concluded_from, req.concluded_to),
    );
    let rate = f.check("rate_percent", Rate::parse(req.rate_percent));
    let asked = f.optional("province", req.province.as_deref(), ProvinceCode::parse);
    f.finish()?;
    let (Some(title), Some(rate)) = (title, rate) else {
        return Err(AppError::Internal("checked fields went missing".into()));
    };
    let province = evaluation_plan_province(&caller.actor, asked);
    if !may_plan_evaluation(&caller.actor, province) {
        return Err(AppError::Forbidden(
            "evaluation plans are made by the national department or a Justice Department",
        ));
    }
    let visible = read_filter(&caller.actor, Resource::Case);
    for id in &req.organisation_ids {
        let ok = orgs::get(state.db.read(), *id).await.ok().is_some_and(|o| {
            visible.contains(&o.scope()) && (province.is_none() || o.province_code == province)
        });
        if !ok {
            return Err(AppError::field(
                "organisation_ids",
                "not_found",
                format!("no such organisation in the plan's scope: {id}"),
            ));
        }
    }
    let sheets = repo::score_sheets(state.db.read()).await?;
    let Some(sheet) = sheet_for(&sheets, caller.at.today) else {
        return Err(AppError::Conflict {
            code: "evaluation.no_sheet",
            detail: format!("no scoring sheet is in force on {}", caller.at.today),
        });
    };
    let forms = if req.forms_of_aid.is_empty() {
        DEFAULT_FORMS.to_vec()
    } else {
        req.forms_of_aid.clone()
    };
    let mut plan = Plan {
        id: Uuid::now_v7(),
        title,
        owner_org_id: caller.actor.org_id,
        province_code: province,
        concluded_from: req.concluded_from,
        concluded_to: req.concluded_to,
        forms,
        organisation_ids: req.organisation_ids.clone(),
        rate,
        seed: req.seed.unwrap_or_else(rand::random),
        algorithm: evaluation::ALGORITHM.to_owned(),
        sheet_id: sheet.id.clone(),
        candidates: 0,
        created_by: caller.actor.user_id,
        created_at: caller.at.now,
        version: 1,
    };
    let txn = begin(&state.db).await?;
    let pool = repo::drawable(&txn, visible, &plan).await?;
    plan.candidates = u32::try_from(pool.len()).map_err(|e| AppError::Internal(e.to_string()))?;
    let candidates: Vec<_> = pool.iter().map(|d| d.candidate).collect();
    let chosen = draw(&candidates, plan.rate, plan.seed);
    let by_id: std::collections::HashMap<Uuid, &repo::Drawable> =
        pool.iter().map(|d| (d.candidate.case_id, d)).collect();
    let items: Vec<Item> = chosen
        .iter()
        .filter_map(|id| by_id.get(id))
        .map(|d| Item {
            id: Uuid::now_v7(),
            plan_id: plan.id,
            case_id: d.candidate.case_id,
            practitioner_id: d.candidate.practitioner_id,
            organisation_id: d.organisation_id,
            centre_id: d.centre_id,
            province_code: d.province_code,
            evaluator_id: None,
            status: ItemStatus::Pending,
            scored: None,
            comments: None,
            scored_at: None,
            version: 1,
        })
        .collect();
    repo::insert_plan(&txn, &plan).await?;
    repo::insert_items(&txn, &items, caller.at.now).await?;
    let summary = serde_json::json!({
        "title": plan.title,
        "province": plan.province_code.map(String::from),
        "concluded_from": plan.concluded_from,
        "concluded_to": plan.concluded_to,
        "rate_percent": plan.rate.percent(),
        "seed": plan.seed.to_string(),
        "algorithm": plan.algorithm,
        "candidates": plan.candidates,
        "drawn": items.len(),
    });
    audit::record(
        &txn,
        &caller.audit(),
        plan_change("evaluation_plan.create", &plan, &summary),
    )
    .await?;
    commit(txn).await?;
    Ok((plan, items))
}

fn may_read(caller: &Caller, p: &Plan) -> bool {
    evaluation_plans_visible(&caller.actor).contains(&p.scope())
}

/// A scoring refusal as an answer: not the evaluator is 403, the rest 409.
fn refused(r: ScoreRefusal) -> AppError {
    match r {
        ScoreRefusal::NotTheEvaluator => AppError::Forbidden(r.message()),
        _ => AppError::Conflict {
            code: r.code(),
            detail: r.message().to_owned(),
        },
    }
}

pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<(Plan, Vec<Item>), AppError> {
    let conn = state.db.read();
    let p = repo::get_plan(conn, id).await.map_err(found(PLAN))?;
    if !may_read(caller, &p) {
        return Err(AppError::NotFound(PLAN));
    }
    let items = repo::items(conn, id).await?;
    Ok((p, items))
}

pub async fn list(state: &App, caller: &Caller, q: PlanQuery) -> Result<Page<PlanDto>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let conn = state.db.read();
    let visible = evaluation_plans_visible(&caller.actor);
    let plans = repo::list_plans(conn, visible, page.unwrap_or_default()).await?;
    // One query counts every listed plan's cases.
    let ids: Vec<Uuid> = plans.items.iter().map(|p| p.id).collect();
    let counts = repo::item_counts(conn, &ids).await?;
    Ok(plans.map(|p| {
        let (drawn, scored) = counts.get(&p.id).copied().unwrap_or((0, 0));
        plan_dto(&p, drawn, scored, None)
    }))
}

async fn plan_item(
    txn: &impl tgpl_db::ConnectionTrait,
    plan_id: Uuid,
    item_id: Uuid,
) -> Result<(Plan, Item), AppError> {
    let p = repo::get_plan(txn, plan_id).await.map_err(found(PLAN))?;
    let i = repo::get_item(txn, item_id)
        .await
        .ok()
        .filter(|i| i.plan_id == p.id)
        .ok_or(AppError::NotFound(ITEM))?;
    Ok((p, i))
}

/// Names (or changes) the evaluator of a drawn case not yet scored.
pub async fn name_evaluator(
    state: &App,
    caller: &Caller,
    plan_id: Uuid,
    item_id: Uuid,
    expected: i32,
    req: NameEvaluator,
) -> Result<Item, AppError> {
    let txn = begin(&state.db).await?;
    let (p, mut item) = plan_item(&txn, plan_id, item_id).await?;
    if !may_read(caller, &p) {
        return Err(AppError::NotFound(PLAN));
    }
    if !may_plan_evaluation(&caller.actor, p.province_code) {
        return Err(AppError::Forbidden(
            "only the plan's planners name its evaluators",
        ));
    }
    expect_version(item.version, expected)?;
    let evaluator = users::get(&txn, req.evaluator_id).await.ok().filter(|u| {
        read_filter(&caller.actor, Resource::User).contains(&u.scope())
            && u.status == tgpl_domain::records::UserStatus::Active
    });
    let Some(evaluator) = evaluator else {
        return Err(AppError::field(
            "evaluator_id",
            "not_found",
            "no such active account you may name",
        ));
    };
    item.may_be_evaluated_by(evaluator.practitioner_id)
        .map_err(|r| match r {
            ScoreRefusal::OwnCase => AppError::field("evaluator_id", r.code(), r.message()),
            _ => refused(r),
        })?;
    item.evaluator_id = Some(evaluator.id);
    item.version += 1;
    repo::save_item(&txn, &item, expected, caller.at.now).await?;
    audit::record(
        &txn,
        &caller.audit(),
        item_change("evaluation_item.name_evaluator", &item),
    )
    .await?;
    commit(txn).await?;
    Ok(item)
}

/// The evaluator fills the sheet; the case is evaluated in the same
/// transaction (its `evaluate` act, event and audit).
pub async fn score(
    state: &App,
    caller: &Caller,
    plan_id: Uuid,
    item_id: Uuid,
    expected: i32,
    req: ScoreCase,
) -> Result<Item, AppError> {
    let txn = begin(&state.db).await?;
    let (p, mut item) = plan_item(&txn, plan_id, item_id).await?;
    // Only the named evaluator learns the item exists.
    if item.evaluator_id != Some(caller.actor.user_id) && !may_read(caller, &p) {
        return Err(AppError::NotFound(ITEM));
    }
    item.may_be_scored_by(caller.actor.user_id)
        .map_err(refused)?;
    expect_version(item.version, expected)?;
    let sheets = repo::score_sheets(&txn).await?;
    let Some(sheet) = sheets.iter().find(|s| s.id == p.sheet_id) else {
        return Err(AppError::Internal(format!(
            "sheet {} is missing",
            p.sheet_id
        )));
    };
    let scored = sheet.score(&req.marks)?;
    let before = cases::get(&txn, item.case_id)
        .await
        .map_err(found("case"))?;
    let mut case = before.clone();
    let evts = case.evaluate(&scored, caller.at).map_err(rule)?;
    cases::save(&txn, &case, before.version).await?;
    events::append(
        &txn,
        &case,
        &evts,
        Some(caller.actor.user_id),
        caller.at.now,
    )
    .await?;
    audit::record(
        &txn,
        &caller.audit(),
        Change {
            action: "case.evaluate",
            entity: "case",
            entity_id: case.id,
            scope: case.scope(),
            before: Some(&before),
            after: Some(&case),
        },
    )
    .await?;
    item.status = ItemStatus::Scored;
    item.scored = Some(scored);
    item.comments = req
        .comments
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    item.scored_at = Some(caller.at.now);
    item.version += 1;
    repo::save_item(&txn, &item, expected, caller.at.now).await?;
    audit::record(
        &txn,
        &caller.audit(),
        item_change("evaluation_item.score", &item),
    )
    .await?;
    commit(txn).await?;
    Ok(item)
}

/// The cases an evaluator is named on: their work list.
pub async fn assigned(state: &App, caller: &Caller) -> Result<Vec<Item>, AppError> {
    Ok(repo::items_of_evaluator(state.db.read(), caller.actor.user_id).await?)
}

/// A plan's results by practitioner, organisation or province.
pub async fn results(
    state: &App,
    caller: &Caller,
    id: Uuid,
    q: ResultsQuery,
) -> Result<ResultsDto, AppError> {
    let by = match q.by.as_deref().unwrap_or("practitioner") {
        "practitioner" => GroupBy::Practitioner,
        "organisation" => GroupBy::Organisation,
        "province" => GroupBy::Province,
        other => {
            return Err(AppError::field(
                "by",
                "evaluation.group_unknown",
                format!("group by practitioner, organisation or province, not '{other}'"),
            ));
        }
    };
    let (p, items) = get(state, caller, id).await?;
    Ok(ResultsDto {
        plan_id: p.id,
        by: match by {
            GroupBy::Practitioner => "practitioner",
            GroupBy::Organisation => "organisation",
            GroupBy::Province => "province",
        }
        .to_owned(),
        rows: evaluation::results::results(&items, by),
        total: evaluation::results::overall(&items),
    })
}

/// Every version of the scoring sheet, oldest first.
pub async fn score_sheets(
    state: &App,
) -> Result<Vec<tgpl_domain::evaluation::ScoreSheet>, AppError> {
    Ok(repo::score_sheets(state.db.read()).await?)
}
