//! The person's rights over their data (Law 91/2025; issue #12): their
//! requests, the correction of a party, and the removal of a person from
//! everything a case's papers say of them.
use crate::entity::subject_request::{self as row, Column as K};
use crate::entity::{
    audit_event, case_activity, case_document, case_feedback, case_notice, case_party, hearing,
    hotline_call, intake_item,
};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect,
};
use tgpl_domain::case::{Case, Channel};
use tgpl_domain::privacy::{
    Identity, SubjectRequest, SubjectRequestKind, SubjectRequestStatus, scrub_json_of,
    scrub_text_of,
};
use tgpl_domain::{ProvinceCode, ScopeFilter, text};
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

fn request_of(m: row::Model) -> Result<SubjectRequest, DbError> {
    Ok(SubjectRequest {
        id: m.id,
        kind: SubjectRequestKind::parse(&m.kind).ok_or_else(|| custom("unknown request kind"))?,
        status: SubjectRequestStatus::parse(&m.status)
            .ok_or_else(|| custom("unknown request status"))?,
        case_id: m.case_id,
        party_id: m.party_id,
        channel: Channel::parse(&m.channel).map_err(|e| custom(e.message))?,
        details: m.details,
        received_at: m.received_at,
        received_on: m.received_on,
        due_on: m.due_on,
        recorded_by: m.recorded_by,
        answered_at: m.answered_at,
        answered_by: m.answered_by,
        answer: m.answer,
        organisation_id: m.organisation_id,
        centre_id: m.centre_id,
        province: m
            .province_code
            .map(|p| ProvinceCode::parse(&p))
            .transpose()
            .map_err(|e| custom(e.message))?,
        version: m.version,
    })
}

pub async fn insert<C: ConnectionTrait>(conn: &C, r: &SubjectRequest) -> Result<(), DbError> {
    let m = row::ActiveModel {
        id: Set(r.id),
        kind: Set(r.kind.as_str().to_owned()),
        status: Set(r.status.as_str().to_owned()),
        case_id: Set(r.case_id),
        party_id: Set(r.party_id),
        channel: Set(r.channel.as_str().to_owned()),
        details: Set(r.details.clone()),
        received_at: Set(r.received_at),
        received_on: Set(r.received_on),
        due_on: Set(r.due_on),
        recorded_by: Set(r.recorded_by),
        answered_at: Set(r.answered_at),
        answered_by: Set(r.answered_by),
        answer: Set(r.answer.clone()),
        organisation_id: Set(r.organisation_id),
        centre_id: Set(r.centre_id),
        province_code: Set(r.province.map(String::from)),
        version: Set(r.version),
        created_at: Set(r.received_at),
        updated_at: Set(r.received_at),
    };
    row::Entity::insert(m).exec_without_returning(conn).await?;
    Ok(())
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<SubjectRequest, DbError> {
    let m = row::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    request_of(m)
}

/// Records the answer (`version` checked).
pub async fn save<C: ConnectionTrait>(
    conn: &C,
    r: &SubjectRequest,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let m = row::ActiveModel {
        status: Set(r.status.as_str().to_owned()),
        answered_at: Set(r.answered_at),
        answered_by: Set(r.answered_by),
        answer: Set(r.answer.clone()),
        version: Set(r.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    crate::versioned::update(conn, m, K::Id, K::Version, r.id, r.version).await
}

#[derive(Debug, Clone, Default)]
pub struct SubjectRequestFilter {
    pub status: Option<SubjectRequestStatus>,
    pub kind: Option<SubjectRequestKind>,
    pub case_id: Option<Uuid>,
    /// Still waiting past the due day on this day (`SubjectRequest::overdue`).
    pub overdue_on: Option<NaiveDate>,
}

/// A queue page, oldest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &SubjectRequestFilter,
    page: PageRequest,
) -> Result<Page<SubjectRequest>, DbError> {
    let cols = ScopeColumns {
        province: K::ProvinceCode,
        centre: K::CentreId,
        org: K::OrganisationId,
        user: None,
        practitioner: None,
    };
    let mut q = row::Entity::find().filter(scope::condition(visible, &cols));
    if let Some(s) = f.status {
        q = q.filter(K::Status.eq(s.as_str()));
    }
    if let Some(k) = f.kind {
        q = q.filter(K::Kind.eq(k.as_str()));
    }
    if let Some(id) = f.case_id {
        q = q.filter(K::CaseId.eq(id));
    }
    if let Some(today) = f.overdue_on {
        q = q.filter(
            Condition::all()
                .add(K::Status.eq(SubjectRequestStatus::Received.as_str()))
                .add(K::DueOn.lt(today)),
        );
    }
    if let Some(after) = page.after {
        q = q.filter(K::Id.gt(after));
    }
    let rows = q
        .order_by_asc(K::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let items = rows
        .into_iter()
        .map(request_of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(
        items,
        page.limit,
        |r: &SubjectRequest| r.id,
    ))
}

/// Writes a case's parties as they now read (after a correction or a
/// deletion) and rebuilds its name-search terms.
pub async fn save_parties<C: ConnectionTrait>(conn: &C, c: &Case) -> Result<(), DbError> {
    for p in &c.parties {
        case_party::ActiveModel {
            id: Set(p.id),
            full_name: Set(p.full_name.clone()),
            name_folded: Set(text::fold(&p.full_name)),
            sex: Set(p.sex.clone()),
            date_of_birth: Set(p.date_of_birth),
            procedural_role: Set(p.procedural_role.map(|r| r.as_str().to_owned())),
            ethnicity: Set(p.ethnicity.clone()),
            address: Set(p.address.clone()),
            phone: Set(p.phone.clone()),
            id_number: Set(p.id_number.clone()),
            ..Default::default()
        }
        .update(conn)
        .await?;
    }
    // The registry follows: a corrected party may now be someone else, an
    // erased one no one; a person no party is left to is forgotten.
    let before: Vec<Uuid> = c.parties.iter().filter_map(|p| p.person_id).collect();
    let parties: Vec<_> = c.parties.iter().map(|p| (p, c.province_code)).collect();
    let links = crate::persons::assign(conn, &parties, c.updated_at).await?;
    crate::persons::set_links(conn, &links).await?;
    crate::persons::forget_orphans(conn, &before).await?;
    crate::search_terms::replace(conn, c).await
}

/// What the removal found to change, for the audit entry (counts only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Scrubbed {
    pub notices: u32,
    pub activities: u32,
    pub hearings: u32,
    pub documents: u32,
    pub feedback: u32,
    pub online_requests: u32,
    pub calls: u32,
    pub audit_entries: u32,
}

/// Removes the people `ids` from everything written about case `case_id`
/// outside its record: its notices, activity notes, hearings, file names,
/// feedback, the online request it came from and the call that forwarded
/// it, and the before/after values of its audit trail. The outbox holds no
/// personal values (a domain test holds every event to that).
pub async fn scrub_case<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
    ids: &[Identity],
) -> Result<Scrubbed, DbError> {
    let mut n = Scrubbed::default();
    for m in case_notice::Entity::find()
        .filter(case_notice::Column::CaseId.eq(case_id))
        .all(conn)
        .await?
    {
        let (title, body) = (scrub_text_of(ids, &m.title), scrub_text_of(ids, &m.body));
        if title.is_some() || body.is_some() {
            let mut a = m.clone().into_active_model();
            if let Some(t) = title {
                a.title = Set(t);
            }
            if let Some(b) = body {
                a.body = Set(b);
            }
            a.update(conn).await?;
            n.notices += 1;
        }
    }
    for m in case_activity::Entity::find()
        .filter(case_activity::Column::CaseId.eq(case_id))
        .all(conn)
        .await?
    {
        if let Some(d) = scrub_text_of(ids, &m.description) {
            let mut a = m.into_active_model();
            a.description = Set(d);
            a.update(conn).await?;
            n.activities += 1;
        }
    }
    for m in hearing::Entity::find()
        .filter(hearing::Column::CaseId.eq(case_id))
        .all(conn)
        .await?
    {
        let loc = m.location.as_deref().and_then(|s| scrub_text_of(ids, s));
        let notes = m.notes.as_deref().and_then(|s| scrub_text_of(ids, s));
        if loc.is_some() || notes.is_some() {
            let mut a = m.into_active_model();
            if let Some(l) = loc {
                a.location = Set(Some(l));
            }
            if let Some(t) = notes {
                a.notes = Set(Some(t));
            }
            a.update(conn).await?;
            n.hearings += 1;
        }
    }
    for m in case_document::Entity::find()
        .filter(case_document::Column::CaseId.eq(case_id))
        .all(conn)
        .await?
    {
        let name = scrub_text_of(ids, &m.filename);
        let why = m
            .removal_reason
            .as_deref()
            .and_then(|s| scrub_text_of(ids, s));
        if name.is_some() || why.is_some() {
            let mut a = m.into_active_model();
            if let Some(f) = name {
                a.filename = Set(f);
            }
            if let Some(w) = why {
                a.removal_reason = Set(Some(w));
            }
            a.update(conn).await?;
            n.documents += 1;
        }
    }
    for m in case_feedback::Entity::find()
        .filter(case_feedback::Column::CaseId.eq(case_id))
        .all(conn)
        .await?
    {
        if let Some(c) = m.comment.as_deref().and_then(|s| scrub_text_of(ids, s)) {
            let mut a = m.into_active_model();
            a.comment = Set(Some(c));
            a.update(conn).await?;
            n.feedback += 1;
        }
    }
    let items = intake_item::Entity::find()
        .filter(intake_item::Column::CaseId.eq(case_id))
        .all(conn)
        .await?;
    let item_ids: Vec<Uuid> = items.iter().map(|m| m.id).collect();
    for m in items {
        let mut details = m.details.clone();
        let changed = scrub_json_of(ids, &mut details);
        let phone_named = m
            .contact_phone
            .as_deref()
            .is_some_and(|p| scrub_text_of(ids, p).is_some());
        if changed || phone_named {
            let mut a = m.into_active_model();
            a.details = Set(details);
            if phone_named {
                a.contact_phone = Set(None);
            }
            a.update(conn).await?;
            n.online_requests += 1;
        }
    }
    if !item_ids.is_empty() {
        for m in hotline_call::Entity::find()
            .filter(hotline_call::Column::IntakeId.is_in(item_ids.iter().copied()))
            .all(conn)
            .await?
        {
            let name = m.caller_name.as_deref().and_then(|s| scrub_text_of(ids, s));
            let phone = m
                .caller_phone
                .as_deref()
                .and_then(|s| scrub_text_of(ids, s));
            let topic = scrub_text_of(ids, &m.topic);
            let advice = m.advice.as_deref().and_then(|s| scrub_text_of(ids, s));
            if name.is_some() || phone.is_some() || topic.is_some() || advice.is_some() {
                let mut a = m.into_active_model();
                if name.is_some() {
                    a.caller_name = Set(None);
                }
                if phone.is_some() {
                    a.caller_phone = Set(None);
                }
                if let Some(t) = topic {
                    a.topic = Set(t);
                }
                if let Some(t) = advice {
                    a.advice = Set(Some(t));
                }
                a.update(conn).await?;
                n.calls += 1;
            }
        }
    }
    let mut subjects = item_ids;
    subjects.push(case_id);
    for m in audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.is_in(subjects))
        .filter(
            Condition::any()
                .add(audit_event::Column::Before.is_not_null())
                .add(audit_event::Column::After.is_not_null()),
        )
        .all(conn)
        .await?
    {
        let mut before = m.before.clone();
        let mut after = m.after.clone();
        let b = before.as_mut().is_some_and(|v| scrub_json_of(ids, v));
        let a2 = after.as_mut().is_some_and(|v| scrub_json_of(ids, v));
        if b || a2 {
            let mut a = m.into_active_model();
            a.before = Set(before);
            a.after = Set(after);
            a.update(conn).await?;
            n.audit_entries += 1;
        }
    }
    Ok(n)
}

/// The live documents of a case whose objects an erasure deletes: marks
/// them removed and returns their storage keys.
pub async fn withdraw_documents<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
    by: Uuid,
    at: DateTime<Utc>,
    reason: &str,
) -> Result<Vec<String>, DbError> {
    let rows = case_document::Entity::find()
        .filter(case_document::Column::CaseId.eq(case_id))
        .filter(case_document::Column::RemovedAt.is_null())
        .all(conn)
        .await?;
    let mut keys = Vec::with_capacity(rows.len());
    for m in rows {
        keys.push(m.storage_key.clone());
        let version = m.version;
        let mut a = m.into_active_model();
        a.removed_at = Set(Some(at));
        a.removed_by = Set(Some(by));
        a.removal_reason = Set(Some(reason.to_owned()));
        a.version = Set(version + 1);
        a.update(conn).await?;
    }
    Ok(keys)
}

/// Whether a live case document still names the object (an erasure
/// deletes an object only when no other record still holds it).
pub async fn held_by_live_document<C: ConnectionTrait>(
    conn: &C,
    key: &str,
) -> Result<bool, DbError> {
    let n = case_document::Entity::find()
        .select_only()
        .column(case_document::Column::Id)
        .filter(case_document::Column::StorageKey.eq(key))
        .filter(case_document::Column::RemovedAt.is_null())
        .into_tuple::<Uuid>()
        .all(conn)
        .await?
        .len();
    Ok(n > 0)
}
