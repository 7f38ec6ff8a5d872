//! Case intake and the lifecycle commands (DOMAIN §6). Rules live in
//! `tgpl_domain::case`; this module sequences them in one transaction.
use super::{begin, commit, found, non_empty, page_request};
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use chrono::Datelike;
use tgpl_api_model::case_acts::CaseAct;
use tgpl_api_model::cases::{CaseQuery, CreateCase};
use tgpl_db::audit::{self, Change};
use tgpl_db::cases::{self as repo, CaseFilter};
use tgpl_db::read_audit::Shown;
use tgpl_db::{Page, case_file, organisations as orgs, practitioners, reference};
use tgpl_domain::calendar::HolidayCalendar;
use tgpl_domain::case::completeness::{self, Completeness};
use tgpl_domain::case::conflict::PriorCase;
use tgpl_domain::case::notice::{self, Notice, NoticeKind};
use tgpl_domain::case::{
    Activity, Case, CaseFile, CaseRules, CommandKind, DeadlineRules, HandlingUnit, Intake, Party,
    UrgencyFacts,
};
use tgpl_domain::eligibility::{self, Category, Verdict};
use tgpl_domain::policy::{
    Action, Resource, evaluator_reads_case, may_filter_by_category, read_filter,
    sees_sensitive_case_data,
};
use tgpl_domain::{OrgAbbreviation, OrgStatus, PhoneNumber, PractitionerStatus, ProvinceCode};
use uuid::Uuid;

const ENTITY: &str = "case";

mod amend;
mod commands;
pub use amend::{amend, history};
pub use commands::{check_candidate, command, request_reassignment};

/// The reference data the acts consult, as in force on a date.
pub struct RulesInForce {
    pub categories: Vec<Category>,
    pub calendar: HolidayCalendar,
    pub deadlines: DeadlineRules,
}

impl RulesInForce {
    pub async fn load<C: tgpl_db::ConnectionTrait>(
        conn: &C,
        on: chrono::NaiveDate,
    ) -> Result<Self, AppError> {
        Ok(Self {
            categories: reference::categories(conn).await?,
            calendar: reference::calendar(conn).await?,
            deadlines: reference::deadline_rules(conn, on).await?,
        })
    }

    pub fn rules(&self) -> CaseRules<'_> {
        CaseRules {
            categories: &self.categories,
            calendar: &self.calendar,
            deadlines: self.deadlines,
        }
    }
}

fn change<'a>(
    action: &'a str,
    c: &Case,
    before: Option<&'a Case>,
    after: Option<&'a Case>,
) -> Change<'a, Case> {
    Change {
        action,
        entity: ENTITY,
        entity_id: c.id,
        scope: c.scope(),
        before,
        after,
    }
}

/// Reads a whole case file (parties, assignments, activities, hearings);
/// every such read is audited (DOMAIN §11).
pub async fn get(state: &App, caller: &Caller, id: Uuid) -> Result<FileView, AppError> {
    let file = case_file::read(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    if let Err(outside) = caller.authorize(Action::Read(Resource::Case), &file.case.scope(), ENTITY)
    {
        // The evaluator a plan named reads the case it is to score.
        let named =
            tgpl_db::evaluations::items_of_case_for(state.db.read(), id, caller.actor.user_id)
                .await?;
        if !named.iter().any(|i| evaluator_reads_case(&caller.actor, i)) {
            return Err(outside);
        }
    }
    state
        .db
        .reads_audit()
        .record::<Case>(&caller.audit(), change("case.read", &file.case, None, None))
        .await?;
    let timeline = tgpl_db::events::of_case(state.db.read(), id).await?;
    let CaseFile {
        case,
        assignments,
        activities,
        hearings,
    } = file;
    let view = for_reader(caller, case);
    Ok(FileView {
        file: CaseFile {
            case: view.case,
            assignments,
            activities,
            hearings,
        },
        completeness: view.completeness,
        allowed_acts: view.allowed_acts,
        today: view.today,
        timeline,
    })
}

/// Records a read of part of a case file (through the group-commit writer).
pub async fn audit_read(
    state: &App,
    caller: &Caller,
    case: &Case,
    action: &str,
) -> Result<(), AppError> {
    Ok(state
        .db
        .reads_audit()
        .record::<Case>(&caller.audit(), change(action, case, None, None))
        .await?)
}

/// A case file as one reader may see it, with its data completeness and
/// its timeline (the case's events, oldest first).
pub struct FileView {
    pub file: CaseFile,
    pub completeness: Completeness,
    pub allowed_acts: Vec<CommandKind>,
    pub today: chrono::NaiveDate,
    pub timeline: Vec<tgpl_domain::case::RecordedEvent>,
}

/// A case as this caller may see it (masked where they have no need to know).
pub fn view_for(caller: &Caller, case: Case) -> CaseView {
    for_reader(caller, case)
}

/// Masks sensitive personal data for roles without a need to know.
fn for_reader(caller: &Caller, case: Case) -> CaseView {
    let completeness = completeness::assess(&case);
    let allowed_acts = case.allowed_acts();
    let case = if sees_sensitive_case_data(&caller.actor) {
        case
    } else {
        case.masked()
    };
    CaseView {
        case,
        completeness,
        allowed_acts,
        today: caller.at.today,
    }
}

/// A case as one reader may see it: masked where the reader has no need to
/// know, with its completeness and acts judged on the whole record.
pub struct CaseView {
    pub case: Case,
    pub completeness: Completeness,
    pub allowed_acts: Vec<CommandKind>,
    /// The day the view was taken (decides `overdue`).
    pub today: chrono::NaiveDate,
}

pub async fn activities(state: &App, caller: &Caller, id: Uuid) -> Result<Vec<Activity>, AppError> {
    let case = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(Action::Read(Resource::Case), &case.scope(), ENTITY)?;
    audit_read(state, caller, &case, "case.read_activities").await?;
    Ok(repo::activities(state.db.read(), id).await?)
}

pub async fn list(state: &App, caller: &Caller, q: CaseQuery) -> Result<Page<CaseView>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    let filter = filter_of(caller, q, f)?;
    let (mut page, seen) = list_page(state, caller, &filter, page.unwrap_or_default()).await?;
    let visible = read_filter(&caller.actor, Resource::Case);
    let cap = tgpl_db::page::TOTAL_CAP;
    page.total = Some(repo::count_up_to(&state.db, visible, &filter, cap, seen).await?);
    Ok(page)
}

/// The list's filters, checked: the same for a page and for an export.
pub fn filter_of(caller: &Caller, q: CaseQuery, mut f: Fields) -> Result<CaseFilter, AppError> {
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    f.finish()?;
    let eligibility_code = q.eligibility.as_deref().map(eligibility::normalise_code);
    if let Some(code) = &eligibility_code
        && !may_filter_by_category(&caller.actor, code)
    {
        return Err(AppError::Forbidden(
            "your role sees this eligibility category masked and cannot filter by it",
        ));
    }
    Ok(CaseFilter {
        status: q.status,
        form_of_aid: q.form_of_aid,
        field_of_law: q.field_of_law,
        organisation_id: q.organisation_id,
        practitioner_id: q.practitioner_id,
        province,
        urgent: q.urgent,
        requested_from: q.requested_from,
        requested_to: q.requested_to,
        accepted_from: q.accepted_from,
        accepted_to: q.accepted_to,
        closed_from: q.closed_from,
        closed_to: q.closed_to,
        eligibility_code,
        overdue_on: q.overdue.filter(|o| *o).map(|_| caller.at.today),
        successful: q.successful,
        q: q.q,
        sort: q.sort.unwrap_or_default(),
        // Archived files leave the working list unless asked for.
        hide_archived: q.status.is_none() && !q.archived.unwrap_or(false),
        within: None,
    })
}

/// One page of the cases a filter selects within the caller's scope,
/// audited as read and masked for the reader.
pub async fn list_filtered(
    state: &App,
    caller: &Caller,
    filter: &CaseFilter,
    page: tgpl_db::PageRequest,
) -> Result<Page<CaseView>, AppError> {
    Ok(list_page(state, caller, filter, page).await?.0)
}

/// [`list_filtered`], with the outbox's last sequence as the page's
/// statement read it (for the list's total).
async fn list_page(
    state: &App,
    caller: &Caller,
    filter: &CaseFilter,
    page: tgpl_db::PageRequest,
) -> Result<(Page<CaseView>, Option<i64>), AppError> {
    let visible = read_filter(&caller.actor, Resource::Case);
    let repo::ListedPage { page, outbox_seq } =
        repo::list(state.db.read(), visible, filter, page).await?;
    // Every record a list shows is a read of personal data (DOMAIN §11):
    // one event for the page, naming each record it showed.
    let shown = Shown {
        action: "case.list_read",
        entity: ENTITY,
        reader: caller.place(),
        records: page.items.iter().map(|c| (c.id, c.scope())).collect(),
    };
    state
        .db
        .reads_audit()
        .record_list(&caller.audit(), shown)
        .await?;
    Ok((page.map(|c| for_reader(caller, c)), outbox_seq))
}

/// Records a request (status `received`) and judges its eligibility by the
/// rules in force on the request date.
pub async fn create(
    state: &App,
    caller: &Caller,
    req: CreateCase,
) -> Result<(CaseView, Verdict), AppError> {
    let txn = begin(&state.db).await?;
    let (case, verdict) = create_in(&txn, caller, req).await?;
    commit(txn).await?;
    Ok((for_reader(caller, case), verdict))
}

/// [`create`] within the caller's transaction (intake triage records its
/// decision in the same one).
pub(crate) async fn create_in(
    txn: &tgpl_db::DatabaseTransaction,
    caller: &Caller,
    req: CreateCase,
) -> Result<(Case, Verdict), AppError> {
    let at = caller.at;
    let request_date = req.request_date.unwrap_or(at.today);
    let mut f = Fields::new();
    let mut parties = Vec::with_capacity(req.parties.len());
    for (i, p) in req.parties.iter().enumerate() {
        let phone = p.phone.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let phone = f.optional(&format!("parties[{i}].phone"), phone, PhoneNumber::parse);
        parties.push(Party {
            id: Uuid::now_v7(),
            role: p.role,
            full_name: p.full_name.trim().to_owned(),
            sex: p.sex.clone(),
            date_of_birth: p.date_of_birth,
            procedural_role: p.procedural_role,
            ethnicity: non_empty(p.ethnicity.clone()),
            address: non_empty(p.address.clone()),
            phone: phone.map(String::from),
            id_number: non_empty(p.id_number.clone()),
            person_id: None,
        });
    }
    let org = orgs::get(txn, req.organisation_id)
        .await
        .ok()
        .filter(|o| read_filter(&caller.actor, Resource::Organisation).contains(&o.scope()));
    let rules = RulesInForce::load(txn, request_date).await?;
    let intake = Intake {
        id: Uuid::now_v7(),
        unit: HandlingUnit {
            organisation_id: req.organisation_id,
            province_code: org.as_ref().and_then(|o| o.province_code),
            centre_id: org.as_ref().and_then(|o| o.centre_id),
        },
        channel: req.channel,
        referral_received_at: req.referral_received_at,
        request_date,
        form_of_aid: req.form_of_aid,
        field_of_law: req.field_of_law,
        summary: req.summary,
        claims: req.eligibility,
        parties,
        urgency: UrgencyFacts {
            limitation_period_ends: req.limitation_period_ends,
            trial_date: req.trial_date,
            court_appointed_defence: req.court_appointed_defence,
        },
    };
    let received = Case::receive(intake, &rules.rules(), at);
    if let Err(problems) = &received {
        for p in problems {
            f.push(&p.field, p.code, p.message.clone());
        }
    }
    f.finish()?;
    let org =
        org.ok_or_else(|| AppError::field("organisation_id", "not_found", "no such organisation"))?;
    if !org.kind.employs_practitioners() || org.status != OrgStatus::Active {
        return Err(AppError::field(
            "organisation_id",
            "cannot_handle_cases",
            "requests are taken by an active centre, branch or participating organisation",
        ));
    }
    let received = received.map_err(|_| AppError::Internal("intake refused twice".into()))?;
    let case = received.case;
    caller.authorize(Action::CreateCase, &case.scope(), ENTITY)?;
    repo::insert(txn, &case).await?;
    audit::record(
        txn,
        &caller.audit(),
        change("case.create", &case, None, Some(&case)),
    )
    .await?;
    tgpl_db::events::append(
        txn,
        &case,
        &received.events,
        Some(caller.actor.user_id),
        at.now,
    )
    .await?;
    Ok((case, received.assessment.verdict))
}

/// The written notices of a case, oldest first.
pub async fn notices(state: &App, caller: &Caller, id: Uuid) -> Result<Vec<Notice>, AppError> {
    let case = repo::get(state.db.read(), id)
        .await
        .map_err(found(ENTITY))?;
    caller.authorize(Action::Read(Resource::Case), &case.scope(), ENTITY)?;
    audit_read(state, caller, &case, "case.read_notices").await?;
    Ok(repo::notices(state.db.read(), id).await?)
}
