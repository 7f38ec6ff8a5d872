//! Files a citizen attaches to their online request (form 02's papers and
//! the proof of the categories), opened by the receipt's code and secret
//! like the lookup (wrong secrets count against the code and lock it).
//! The bytes are stored as case documents are (same limits, same magic-byte
//! check on the way); the row is written after, in one transaction with
//! its audit entry and a move of the item's version, and when it cannot be
//! written the object is removed again.
use super::lookup::open;
use super::too_many;
use crate::error::AppError;
use crate::service::documents::{discard, store_error};
use crate::service::{begin, commit};
use crate::{App, Visitor};
use chrono::Duration;
use tgpl_api_model::public::LookupRequest;
use tgpl_db::audit::{self, Change};
use tgpl_db::{intake as repo, throttle};
use tgpl_domain::case::document::MediaType;
use tgpl_domain::intake::{IntakeError, IntakeItem};
use tgpl_storage::ByteStream;
use uuid::Uuid;

pub use tgpl_db::intake::Attachment;

/// Uploads one address may send in an hour (ten files for each of a few
/// requests; the per-request limit holds each request to ten).
const UPLOADS_PER_ADDRESS_PER_HOUR: i32 = 40;

fn refused(e: IntakeError) -> AppError {
    AppError::Conflict {
        code: e.code(),
        detail: e.to_string(),
    }
}

/// Opens the request by code and secret and checks, before any byte is
/// read, that it takes one more file.
pub async fn prepare(
    state: &App,
    visitor: &Visitor,
    tracking_code: &str,
    secret: &str,
) -> Result<IntakeItem, AppError> {
    let now = visitor.at.now;
    let per_address = throttle::hit(
        &state.db.conn,
        &format!("pubatt-ip:{}", visitor.client),
        now,
        Duration::hours(1),
    )
    .await?;
    if per_address.attempts > UPLOADS_PER_ADDRESS_PER_HOUR {
        return Err(too_many(per_address, Duration::hours(1), now));
    }
    let req = LookupRequest {
        tracking_code: Some(tracking_code.to_owned()),
        case_code: None,
        province: None,
        secret: secret.to_owned(),
    };
    let item = open(state, visitor, &req, None).await?;
    let attached = repo::attachments_of(state.db.read(), &[item.id])
        .await?
        .remove(&item.id)
        .map_or(0, |a| a.len());
    item.may_attach(attached).map_err(refused)?;
    Ok(item)
}

/// Stores the stream and records it as an attachment of `item`.
pub async fn attach(
    state: &App,
    visitor: &Visitor,
    item: &IntakeItem,
    filename: String,
    media_type: MediaType,
    body: ByteStream,
) -> Result<Attachment, AppError> {
    let stored = state.store.put(body).await.map_err(store_error)?;
    let attachment = Attachment {
        id: Uuid::now_v7(),
        intake_id: item.id,
        filename,
        media_type: media_type.mime().to_owned(),
        size: i64::try_from(stored.size).unwrap_or(i64::MAX),
        sha256: stored.sha256.clone(),
        storage_key: stored.key.clone(),
        uploaded_at: visitor.at.now,
    };
    match record(state, visitor, item, &attachment).await {
        Ok(()) => Ok(attachment),
        Err(e) => {
            discard(state, &stored).await;
            Err(e)
        }
    }
}

async fn record(
    state: &App,
    visitor: &Visitor,
    item: &IntakeItem,
    a: &Attachment,
) -> Result<(), AppError> {
    let txn = begin(&state.db).await?;
    // Checked again inside the transaction: a file racing the centre's
    // decision, or the tenth file racing an eleventh, loses (the version
    // check below fails for the later writer).
    let now = repo::get(&txn, item.id).await?;
    let attached = repo::attachments_of(&txn, &[item.id])
        .await?
        .remove(&item.id)
        .map_or(0, |a| a.len());
    now.may_attach(attached).map_err(refused)?;
    repo::touch(&txn, &now, visitor.at.now)
        .await
        .map_err(|e| match e {
            tgpl_db::DbError::Stale { .. } => AppError::Conflict {
                code: "intake.changed",
                detail: "the request changed while the file arrived; send the file again".into(),
            },
            other => other.into(),
        })?;
    repo::insert_attachment(&txn, a).await?;
    audit::record(
        &txn,
        &visitor.audit(),
        Change {
            action: "intake.attachment_added",
            entity: "intake",
            entity_id: item.id,
            scope: item.scope(),
            before: None,
            after: Some(&serde_json::json!({
                "attachment_id": a.id,
                "size": a.size,
                "sha256": a.sha256,
                "media_type": a.media_type,
            })),
        },
    )
    .await?;
    commit(txn).await
}
