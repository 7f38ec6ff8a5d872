//! Complaints and recommendations about legal aid (issue #12).
use crate::entity::complaint::{self as row, Column as K};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tgpl_domain::intake::TrackingCode;
use tgpl_domain::intake::complaint::{
    AWAITING_ANSWER, Complaint, ComplaintKind, ComplaintStatus, Handler,
};
use tgpl_domain::{ProvinceCode, ScopeFilter};
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

fn complaint_of(m: row::Model) -> Result<(Complaint, String), DbError> {
    let c = Complaint {
        id: m.id,
        code: TrackingCode::parse(&m.tracking_code).map_err(custom)?,
        kind: ComplaintKind::parse(&m.kind).ok_or_else(|| custom("unknown complaint kind"))?,
        status: ComplaintStatus::parse(&m.status)
            .ok_or_else(|| custom("unknown complaint status"))?,
        handler: Handler {
            org_id: m.handler_org_id,
            centre_id: m.handler_centre_id,
            province: m
                .province_code
                .map(|p| ProvinceCode::parse(&p))
                .transpose()
                .map_err(|e| custom(e.message))?,
        },
        concerned_org_id: m.concerned_org_id,
        case_code: m.case_code,
        complainant: serde_json::from_value(m.complainant).map_err(custom)?,
        content: m.content,
        received_at: m.received_at,
        received_on: m.received_on,
        forward_due_on: m.forward_due_on,
        answer_due_on: m.answer_due_on,
        forwarded_at: m.forwarded_at,
        forwarded_by: m.forwarded_by,
        forward_note: m.forward_note,
        answered_at: m.answered_at,
        answered_by: m.answered_by,
        answer: m.answer,
        version: m.version,
    };
    Ok((c, m.secret_hash))
}

/// Stores a new complaint with the hash of its secret.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    c: &Complaint,
    secret_hash: &str,
) -> Result<(), DbError> {
    let m = row::ActiveModel {
        id: Set(c.id),
        tracking_code: Set(c.code.as_str().to_owned()),
        secret_hash: Set(secret_hash.to_owned()),
        kind: Set(c.kind.as_str().to_owned()),
        status: Set(c.status.as_str().to_owned()),
        handler_org_id: Set(c.handler.org_id),
        handler_centre_id: Set(c.handler.centre_id),
        province_code: Set(c.handler.province.map(String::from)),
        concerned_org_id: Set(c.concerned_org_id),
        case_code: Set(c.case_code.clone()),
        complainant: Set(serde_json::to_value(&c.complainant).map_err(custom)?),
        contact_phone: Set(c.complainant.phone.clone()),
        content: Set(c.content.clone()),
        received_at: Set(c.received_at),
        received_on: Set(c.received_on),
        forward_due_on: Set(c.forward_due_on),
        answer_due_on: Set(c.answer_due_on),
        forwarded_at: Set(c.forwarded_at),
        forwarded_by: Set(c.forwarded_by),
        forward_note: Set(c.forward_note.clone()),
        answered_at: Set(c.answered_at),
        answered_by: Set(c.answered_by),
        answer: Set(c.answer.clone()),
        version: Set(c.version),
        created_at: Set(c.received_at),
        updated_at: Set(c.received_at),
    };
    row::Entity::insert(m).exec_without_returning(conn).await?;
    Ok(())
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Complaint, DbError> {
    let m = row::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    Ok(complaint_of(m)?.0)
}

/// The complaint and its secret's hash, by code.
pub async fn by_code<C: ConnectionTrait>(
    conn: &C,
    code: &TrackingCode,
) -> Result<Option<(Complaint, String)>, DbError> {
    row::Entity::find()
        .filter(K::TrackingCode.eq(code.as_str()))
        .one(conn)
        .await?
        .map(complaint_of)
        .transpose()
}

/// Records a step of the handling (`version` checked).
pub async fn save<C: ConnectionTrait>(
    conn: &C,
    c: &Complaint,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let m = row::ActiveModel {
        status: Set(c.status.as_str().to_owned()),
        handler_org_id: Set(c.handler.org_id),
        handler_centre_id: Set(c.handler.centre_id),
        province_code: Set(c.handler.province.map(String::from)),
        forwarded_at: Set(c.forwarded_at),
        forwarded_by: Set(c.forwarded_by),
        forward_note: Set(c.forward_note.clone()),
        answered_at: Set(c.answered_at),
        answered_by: Set(c.answered_by),
        answer: Set(c.answer.clone()),
        version: Set(c.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    crate::versioned::update(conn, m, K::Id, K::Version, c.id, c.version).await
}

#[derive(Debug, Clone, Default)]
pub struct ComplaintFilter {
    pub status: Option<ComplaintStatus>,
    /// Awaiting its answer (`domain::intake::complaint::AWAITING_ANSWER`)
    /// past the due date on this day, as `Complaint::answer_overdue` says.
    pub overdue_on: Option<NaiveDate>,
}

/// A queue page, oldest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &ComplaintFilter,
    page: PageRequest,
) -> Result<Page<Complaint>, DbError> {
    let cols = ScopeColumns {
        province: K::ProvinceCode,
        centre: K::HandlerCentreId,
        org: K::HandlerOrgId,
        user: None,
        practitioner: None,
    };
    let mut q = row::Entity::find().filter(scope::condition(visible, &cols));
    if let Some(s) = f.status {
        q = q.filter(K::Status.eq(s.as_str()));
    }
    if let Some(today) = f.overdue_on {
        q = q.filter(
            Condition::all()
                .add(K::Status.is_in(AWAITING_ANSWER.map(ComplaintStatus::as_str)))
                .add(K::AnswerDueOn.lt(today)),
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
        .map(|m| complaint_of(m).map(|(c, _)| c))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(items, page.limit, |c: &Complaint| {
        c.id
    }))
}
