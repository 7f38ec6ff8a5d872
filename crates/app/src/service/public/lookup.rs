//! The citizen's progress lookup: by tracking code, or by case code and
//! province, with the secret from the receipt. A wrong secret counts
//! against the code; five in fifteen minutes lock it for fifteen more. Every
//! lookup, right or wrong, is audited.
use super::{secret_matches, too_many};
use crate::error::{AppError, Fields};
use crate::{App, Visitor};
use chrono::Duration;
use tgpl_api_model::public::LookupRequest;
use tgpl_db::audit::{self, Change};
use tgpl_db::{cases, hearings, intake as repo, organisations as orgs, practitioners, throttle};
use tgpl_domain::ProvinceCode;
use tgpl_domain::case::{Case, Hearing};
use tgpl_domain::intake::progress::{PublicStep, public_steps};
use tgpl_domain::intake::{
    IntakeItem, IntakeStatus, LOOKUP_FAILURES_BEFORE_LOCK, TrackingCode, lookup_lock, lookup_locked,
};
use tgpl_domain::records::Organisation;

const LOOKUPS_PER_ADDRESS_PER_MINUTE: i32 = 30;

/// What the lookup may show of a request and its case.
pub struct Progress {
    pub item: IntakeItem,
    pub centre: Organisation,
    pub case: Option<Case>,
    pub steps: Vec<PublicStep>,
    /// The assigned practitioner's name and organisation.
    pub helper: Option<(String, String)>,
    pub next_hearing: Option<Hearing>,
}

/// One answer for an unknown code and a wrong secret, so codes cannot be
/// probed.
fn not_opened() -> AppError {
    AppError::Unauthorized {
        code: "public.lookup_refused",
        detail: "the code and secret do not match a request; check both on your receipt".into(),
    }
}

async fn find(
    state: &App,
    req: &LookupRequest,
) -> Result<(Option<(IntakeItem, String)>, String), AppError> {
    let conn = state.db.read();
    let mut f = Fields::new();
    if let Some(code) = req
        .tracking_code
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        let code = f.optional("tracking_code", Some(code), |c| {
            TrackingCode::parse(c)
                .map_err(|e| tgpl_domain::ParseError::new(e.code(), e.to_string()))
        });
        f.finish()?;
        let code = code.ok_or_else(not_opened)?;
        return Ok((repo::by_tracking_code(conn, &code).await?, code.to_string()));
    }
    let Some(case_code) = req
        .case_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    else {
        return Err(AppError::field(
            "tracking_code",
            "public.code_required",
            "give the tracking code of the receipt, or the case code with its province",
        ));
    };
    let province = f.optional("province", req.province.as_deref(), ProvinceCode::parse);
    if req.province.is_none() {
        f.push(
            "province",
            "public.province_required",
            "case codes repeat across provinces: choose the province of the centre",
        );
    }
    f.finish()?;
    let province = province.ok_or_else(not_opened)?;
    let key = format!("{}|{}", case_code.to_uppercase(), province.as_str());
    let Some(case_id) = cases::id_by_code(conn, case_code, province).await? else {
        return Ok((None, key));
    };
    Ok((repo::by_case(conn, case_id).await?, key))
}

pub async fn lookup(
    state: &App,
    visitor: &Visitor,
    req: LookupRequest,
) -> Result<Progress, AppError> {
    let now = visitor.at.now;
    let item = open(state, visitor, &req, Some("intake.progress_lookup")).await?;
    progress(state, item, now).await
}

/// The item that `req`'s code and secret open, after the per-address limit
/// and the code's lock; a wrong secret counts against the code and is
/// audited, a right one is audited as `action` (or by the caller, with
/// what it then writes).
pub(crate) async fn open(
    state: &App,
    visitor: &Visitor,
    req: &LookupRequest,
    action: Option<&'static str>,
) -> Result<IntakeItem, AppError> {
    per_address(state, visitor).await?;
    let (found, key) = find(state, req).await?;
    let item = unlock(
        state,
        visitor,
        &key,
        found,
        |i| &i.tracking_code,
        &req.secret,
    )
    .await?;
    if let Some(action) = action {
        audit::record(
            &state.db.conn,
            &visitor.audit(),
            super::intake_change(action, &item),
        )
        .await?;
    }
    Ok(item)
}

/// Holds back an address that looks up too often (30 a minute).
pub(crate) async fn per_address(state: &App, visitor: &Visitor) -> Result<(), AppError> {
    let now = visitor.at.now;
    let per_address = throttle::hit(
        &state.db.conn,
        &format!("lookup-ip:{}", visitor.client),
        now,
        Duration::minutes(1),
    )
    .await?;
    if per_address.attempts > LOOKUPS_PER_ADDRESS_PER_MINUTE {
        return Err(too_many(per_address, Duration::minutes(1), now));
    }
    Ok(())
}

/// What `secret` opens of `found` (the record a code named, and its
/// secret's hash), compared in constant time. `key` names the code tried:
/// five wrong secrets in fifteen minutes lock it for fifteen more; every
/// wrong one is audited. An unknown code answers as a wrong secret.
pub(crate) async fn unlock<T>(
    state: &App,
    visitor: &Visitor,
    key: &str,
    found: Option<(T, String)>,
    code_of: impl Fn(&T) -> &TrackingCode,
    secret: &str,
) -> Result<T, AppError> {
    let now = visitor.at.now;
    let conn = &state.db.conn;
    let fail_key = format!("lookup-fail:{key}");
    let lock = lookup_lock();
    if let Some(c) = throttle::peek(conn, &fail_key).await?
        && lookup_locked(c.attempts, c.window_started_at, c.locked_until, now)
    {
        return Err(AppError::TooManyRequests {
            retry_after: u64::try_from(lock.num_seconds()).unwrap_or(900),
        });
    }
    let opened = found
        .filter(|(record, hash)| secret_matches(code_of(record), secret, hash))
        .map(|(record, _)| record);
    let Some(record) = opened else {
        let count = throttle::hit(conn, &fail_key, now, lock).await?;
        if count.attempts >= LOOKUP_FAILURES_BEFORE_LOCK {
            throttle::lock(conn, &fail_key, now + lock).await?;
        }
        let tried = serde_json::json!({ "code": key });
        audit::record(conn, &visitor.audit(), refused(&tried)).await?;
        return Err(not_opened());
    };
    throttle::clear(conn, &fail_key).await?;
    Ok(record)
}

/// A refused lookup, named by the code tried (no item to name).
fn refused(tried: &serde_json::Value) -> Change<'_, serde_json::Value> {
    Change {
        action: "intake.progress_lookup_refused",
        entity: "intake",
        entity_id: uuid::Uuid::nil(),
        scope: Default::default(),
        before: None,
        after: Some(tried),
    }
}

async fn progress(
    state: &App,
    item: IntakeItem,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Progress, AppError> {
    let conn = state.db.read();
    let centre = orgs::get(conn, item.organisation_id).await?;
    let mut steps = vec![PublicStep {
        kind: "submitted",
        label: "Đã gửi yêu cầu trực tuyến",
        on: item.received_on,
    }];
    if item.status == IntakeStatus::Rejected {
        steps.push(PublicStep {
            kind: "rejected",
            label: "Trung tâm không tiếp nhận yêu cầu",
            on: item
                .decided_at
                .map_or(item.received_on, tgpl_domain::calendar::vietnam_date),
        });
    }
    let Some(case_id) = item.followed_case() else {
        return Ok(Progress {
            item,
            centre,
            case: None,
            steps,
            helper: None,
            next_hearing: None,
        });
    };
    let case = cases::get(conn, case_id).await?;
    steps.extend(public_steps(
        &tgpl_db::events::of_case(conn, case_id).await?,
    ));
    let helper = match case.practitioner_id {
        Some(id) => {
            let p = practitioners::get(conn, id).await?;
            let org = orgs::get(conn, p.organisation_id).await?;
            Some((p.full_name, org.name))
        }
        None => None,
    };
    let next_hearing = hearings::of_case(conn, case_id)
        .await?
        .into_iter()
        .filter(|h| h.starts_at >= now)
        .min_by_key(|h| h.starts_at);
    Ok(Progress {
        item,
        centre,
        case: Some(case),
        steps,
        helper,
        next_hearing,
    })
}
