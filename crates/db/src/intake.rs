//! The intake queue and its attachments (issue #12).
use crate::entity::intake_attachment::{self as att, Column as A};
use crate::entity::intake_item::{self as item, Column as I};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest};
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tgpl_domain::case::Channel;
use tgpl_domain::intake::{IntakeItem, IntakeStatus, RequestDetails, TrackingCode};
use tgpl_domain::{ProvinceCode, ScopeFilter};
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

/// A file a citizen attached to an online request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: Uuid,
    pub intake_id: Uuid,
    pub filename: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_at: DateTime<Utc>,
}

fn item_of(m: item::Model) -> Result<(IntakeItem, String), DbError> {
    let details: RequestDetails = serde_json::from_value(m.details).map_err(custom)?;
    let item = IntakeItem {
        id: m.id,
        tracking_code: TrackingCode::parse(&m.tracking_code).map_err(custom)?,
        status: IntakeStatus::parse(&m.status).ok_or_else(|| custom("unknown intake status"))?,
        channel: Channel::parse(&m.channel).map_err(|e| custom(e.message))?,
        organisation_id: m.organisation_id,
        centre_id: m.centre_id,
        province_code: m
            .province_code
            .map(|p| ProvinceCode::parse(&p))
            .transpose()
            .map_err(|e| custom(e.message))?,
        received_at: m.received_at,
        received_on: m.received_on,
        details,
        case_id: m.case_id,
        merged_into: m.merged_into,
        rejection_reason: m.rejection_reason,
        decided_at: m.decided_at,
        decided_by: m.decided_by,
        version: m.version,
    };
    Ok((item, m.secret_hash))
}

/// Stores a new item with the hash of its lookup secret.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    i: &IntakeItem,
    secret_hash: &str,
) -> Result<(), DbError> {
    let details = serde_json::to_value(&i.details).map_err(custom)?;
    let row = item::ActiveModel {
        id: Set(i.id),
        tracking_code: Set(i.tracking_code.as_str().to_owned()),
        secret_hash: Set(secret_hash.to_owned()),
        status: Set(i.status.as_str().to_owned()),
        channel: Set(i.channel.as_str().to_owned()),
        organisation_id: Set(i.organisation_id),
        centre_id: Set(i.centre_id),
        province_code: Set(i.province_code.map(String::from)),
        received_at: Set(i.received_at),
        received_on: Set(i.received_on),
        details: Set(details),
        contact_phone: Set(i.details.requester.phone.clone()),
        case_id: Set(i.case_id),
        merged_into: Set(i.merged_into),
        rejection_reason: Set(i.rejection_reason.clone()),
        decided_at: Set(i.decided_at),
        decided_by: Set(i.decided_by),
        version: Set(i.version),
        created_at: Set(i.received_at),
        updated_at: Set(i.received_at),
    };
    item::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<IntakeItem, DbError> {
    let m = item::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    Ok(item_of(m)?.0)
}

/// The item and its secret's hash, by tracking code.
pub async fn by_tracking_code<C: ConnectionTrait>(
    conn: &C,
    code: &TrackingCode,
) -> Result<Option<(IntakeItem, String)>, DbError> {
    item::Entity::find()
        .filter(I::TrackingCode.eq(code.as_str()))
        .one(conn)
        .await?
        .map(item_of)
        .transpose()
}

/// The item a case came from (or was merged with), and its secret's hash.
pub async fn by_case<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
) -> Result<Option<(IntakeItem, String)>, DbError> {
    item::Entity::find()
        .filter(I::CaseId.eq(case_id))
        .order_by_asc(I::Id)
        .one(conn)
        .await?
        .map(item_of)
        .transpose()
}

/// Records a decision (`version` checked: two clerks deciding at once).
pub async fn save_decision<C: ConnectionTrait>(
    conn: &C,
    i: &IntakeItem,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let row = item::ActiveModel {
        status: Set(i.status.as_str().to_owned()),
        case_id: Set(i.case_id),
        merged_into: Set(i.merged_into),
        rejection_reason: Set(i.rejection_reason.clone()),
        decided_at: Set(i.decided_at),
        decided_by: Set(i.decided_by),
        version: Set(i.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    crate::versioned::update(conn, row, I::Id, I::Version, i.id, i.version).await
}

/// Records that the item changed without a decision (a file attached):
/// the version moves on, so a clerk deciding on what they saw before is
/// told to look again, and an attachment racing a decision loses.
pub async fn touch<C: ConnectionTrait>(
    conn: &C,
    i: &IntakeItem,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let row = item::ActiveModel {
        version: Set(i.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    crate::versioned::update(conn, row, I::Id, I::Version, i.id, i.version).await
}

#[derive(Debug, Clone, Default)]
pub struct IntakeFilter {
    pub status: Option<IntakeStatus>,
    pub organisation_id: Option<Uuid>,
    pub channel: Option<Channel>,
}

/// A queue page, oldest first (the longest waiting is served first).
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &IntakeFilter,
    page: PageRequest,
) -> Result<Page<IntakeItem>, DbError> {
    let cols = ScopeColumns {
        province: I::ProvinceCode,
        centre: I::CentreId,
        org: I::OrganisationId,
        user: None,
        practitioner: None,
    };
    let mut q = item::Entity::find().filter(scope::condition(visible, &cols));
    if let Some(s) = f.status {
        q = q.filter(I::Status.eq(s.as_str()));
    }
    if let Some(o) = f.organisation_id {
        q = q.filter(I::OrganisationId.eq(o));
    }
    if let Some(c) = f.channel {
        q = q.filter(I::Channel.eq(c.as_str()));
    }
    if let Some(after) = page.after {
        q = q.filter(I::Id.gt(after));
    }
    let rows = q
        .order_by_asc(I::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let items = rows
        .into_iter()
        .map(|m| item_of(m).map(|(i, _)| i))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(items, page.limit, |i: &IntakeItem| {
        i.id
    }))
}

fn attachment_of(m: att::Model) -> Attachment {
    Attachment {
        id: m.id,
        intake_id: m.intake_id,
        filename: m.filename,
        media_type: m.media_type,
        size: m.size,
        sha256: m.sha256,
        storage_key: m.storage_key,
        uploaded_at: m.uploaded_at,
    }
}

pub async fn insert_attachment<C: ConnectionTrait>(
    conn: &C,
    a: &Attachment,
) -> Result<(), DbError> {
    let row = att::ActiveModel {
        id: Set(a.id),
        intake_id: Set(a.intake_id),
        filename: Set(a.filename.clone()),
        media_type: Set(a.media_type.clone()),
        size: Set(a.size),
        sha256: Set(a.sha256.clone()),
        storage_key: Set(a.storage_key.clone()),
        uploaded_at: Set(a.uploaded_at),
    };
    att::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// The attachments of these items, by item, in upload order (one query).
pub async fn attachments_of<C: ConnectionTrait>(
    conn: &C,
    intake_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<Attachment>>, DbError> {
    let mut out: std::collections::HashMap<Uuid, Vec<Attachment>> = Default::default();
    if intake_ids.is_empty() {
        return Ok(out);
    }
    let rows = att::Entity::find()
        .filter(A::IntakeId.is_in(intake_ids.iter().copied()))
        .order_by_asc(A::Id)
        .all(conn)
        .await?;
    for m in rows {
        out.entry(m.intake_id).or_default().push(attachment_of(m));
    }
    Ok(out)
}

/// The storage keys among `keys` an attachment still names (the orphan
/// sweep keeps those).
pub async fn attachment_keys_in_use<C: ConnectionTrait>(
    conn: &C,
    keys: &[String],
) -> Result<Vec<String>, DbError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    Ok(att::Entity::find()
        .select_only()
        .column(A::StorageKey)
        .filter(A::StorageKey.is_in(keys.iter().cloned()))
        .into_tuple::<String>()
        .all(conn)
        .await?)
}
