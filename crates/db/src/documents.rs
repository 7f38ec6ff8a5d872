//! Rows of case documents. The bytes live in the document store; a row is
//! written only after its object is stored (the service sees to that).
use crate::entity::case_document::{self, Column as D};
use crate::{DbError, Page, PageRequest, page, versioned};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashSet;
use tgpl_domain::case::document::{CaseStep, Document, DocumentKind};
use uuid::Uuid;

fn corrupt(what: &str, value: &str) -> DbError {
    DbError::Db(DbErr::Custom(format!("unknown document {what} {value:?}")))
}

fn document_of(m: case_document::Model) -> Result<Document, DbError> {
    Ok(Document {
        id: m.id,
        case_id: m.case_id,
        kind: DocumentKind::parse(&m.kind).ok_or_else(|| corrupt("kind", &m.kind))?,
        step: CaseStep::parse(&m.step).ok_or_else(|| corrupt("step", &m.step))?,
        filename: m.filename,
        media_type: m.media_type,
        size: m.size.max(0) as u64,
        sha256: m.sha256,
        storage_key: m.storage_key,
        uploaded_by: m.uploaded_by,
        uploaded_at: m.uploaded_at,
        idempotency_key: m.idempotency_key,
        removed_at: m.removed_at,
        removed_by: m.removed_by,
        removal_reason: m.removal_reason,
        version: m.version,
    })
}

fn row_of(d: &Document) -> case_document::ActiveModel {
    case_document::ActiveModel {
        id: Set(d.id),
        case_id: Set(d.case_id),
        kind: Set(d.kind.as_str().to_owned()),
        step: Set(d.step.as_str().to_owned()),
        filename: Set(d.filename.clone()),
        media_type: Set(d.media_type.clone()),
        size: Set(i64::try_from(d.size).unwrap_or(i64::MAX)),
        sha256: Set(d.sha256.clone()),
        storage_key: Set(d.storage_key.clone()),
        uploaded_by: Set(d.uploaded_by),
        uploaded_at: Set(d.uploaded_at),
        idempotency_key: Set(d.idempotency_key.clone()),
        removed_at: Set(d.removed_at),
        removed_by: Set(d.removed_by),
        removal_reason: Set(d.removal_reason.clone()),
        version: Set(d.version),
    }
}

/// Inserts a new document row. A second row with the same idempotency key
/// on the case fails with `document.duplicate_upload`.
pub async fn insert<C: ConnectionTrait>(conn: &C, d: &Document) -> Result<(), DbError> {
    row_of(d).insert(conn).await?;
    Ok(())
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
    id: Uuid,
) -> Result<Document, DbError> {
    let m = case_document::Entity::find_by_id(id)
        .filter(D::CaseId.eq(case_id))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    document_of(m)
}

/// The document an earlier attempt of the same upload created, if any.
pub async fn by_idempotency_key<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
    key: &str,
) -> Result<Option<Document>, DbError> {
    case_document::Entity::find()
        .filter(D::CaseId.eq(case_id))
        .filter(D::IdempotencyKey.eq(key))
        .one(conn)
        .await?
        .map(document_of)
        .transpose()
}

/// The documents of a case in upload order; removed ones only on request.
pub async fn of_case<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
    include_removed: bool,
    kind: Option<DocumentKind>,
    req: PageRequest,
) -> Result<Page<Document>, DbError> {
    let mut q = case_document::Entity::find().filter(D::CaseId.eq(case_id));
    if !include_removed {
        q = q.filter(D::RemovedAt.is_null());
    }
    if let Some(k) = kind {
        q = q.filter(D::Kind.eq(k.as_str()));
    }
    page::ascending(conn, q, D::Id, req, document_of, |d: &Document| d.id).await
}

/// Marks a document removed, if it is still at `expected` version.
pub async fn remove<C: ConnectionTrait>(
    conn: &C,
    d: &Document,
    expected: i32,
    by: Uuid,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<Document, DbError> {
    let mut after = d.clone();
    after.removed_at = Some(at);
    after.removed_by = Some(by);
    after.removal_reason = Some(reason.to_owned());
    after.version = expected + 1;
    versioned::update(conn, row_of(&after), D::Id, D::Version, d.id, expected).await?;
    Ok(after)
}

/// Whether any row (removed or not) names this object: a case document or
/// an online request's attachment.
pub async fn key_in_use<C: ConnectionTrait>(conn: &C, key: &str) -> Result<bool, DbError> {
    Ok(!keys_in_use(conn, &[key.to_owned()]).await?.is_empty())
}

/// Which of these object keys some row names (the sweep asks in batches).
pub async fn keys_in_use<C: ConnectionTrait>(
    conn: &C,
    keys: &[String],
) -> Result<HashSet<String>, DbError> {
    let found: Vec<String> = case_document::Entity::find()
        .select_only()
        .column(D::StorageKey)
        .filter(D::StorageKey.is_in(keys.iter().cloned()))
        .into_tuple()
        .all(conn)
        .await?;
    let attached = crate::intake::attachment_keys_in_use(conn, keys).await?;
    let imported = crate::imports::keys_in_use(conn, keys).await?;
    Ok(found.into_iter().chain(attached).chain(imported).collect())
}

/// Every row, a batch at a time in id order (for sweep and verify).
pub async fn batch_after<C: ConnectionTrait>(
    conn: &C,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Document>, DbError> {
    let mut q = case_document::Entity::find();
    if let Some(a) = after {
        q = q.filter(D::Id.gt(a));
    }
    q.order_by_asc(D::Id)
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .map(document_of)
        .collect()
}
