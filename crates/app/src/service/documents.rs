//! Documents of a case file (DESIGN: Documents). The object is stored
//! first and the row written after, in one transaction with its audit
//! event; when the row cannot be written the object is removed again, so
//! there are neither phantom rows nor (beyond a crash) orphan objects.
use super::{begin, commit, found, page_request};
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use tgpl_api_model::documents::DocumentQuery;
use tgpl_db::audit::{self, Change};
use tgpl_db::{DbError, Page, cases as case_repo, documents as repo};
use tgpl_domain::case::Case;
use tgpl_domain::case::document::{CaseStep, Document, DocumentKind, MediaType, accepts_documents};
use tgpl_domain::policy::{Action, Resource};
use tgpl_storage::{ByteRange, ByteStream, Object, StoreError, Stored};
use uuid::Uuid;

const ENTITY: &str = "document";

/// What the client said about the file, checked.
#[derive(Debug, Clone)]
pub struct UploadMeta {
    pub kind: DocumentKind,
    pub step: Option<CaseStep>,
    pub filename: String,
    pub media_type: MediaType,
    /// Lowercase hex SHA-256 the client computed.
    pub checksum: Option<String>,
    pub idempotency_key: Option<String>,
}

/// A case ready to take a document, or the document an earlier attempt of
/// the same upload already stored.
pub enum Prepared {
    Ready(Case),
    Existing(Document),
}

fn change<'a>(
    action: &'a str,
    case: &Case,
    d: &'a Document,
    before: Option<&'a Document>,
) -> Change<'a, Document> {
    Change {
        action,
        entity: ENTITY,
        entity_id: d.id,
        scope: case.scope(),
        before,
        after: Some(d),
    }
}

pub fn store_error(e: StoreError) -> AppError {
    match e {
        StoreError::Input(e) => AppError::BadRequest {
            code: "document.upload_incomplete",
            detail: format!("the upload did not arrive whole: {e}"),
        },
        StoreError::Unavailable(msg) | StoreError::Backend(msg) => AppError::StoreUnavailable(msg),
        StoreError::NotFound => AppError::Corrupted("the stored object is missing".into()),
    }
}

async fn case_for(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
    action: Action,
) -> Result<Case, AppError> {
    let case = case_repo::get(state.db.read(), case_id)
        .await
        .map_err(found("case"))?;
    caller.authorize(action, &case.scope(), "case")?;
    Ok(case)
}

/// A key used again for other content: the first document stands and the
/// new bytes are refused, never dropped silently.
fn key_reused(existing: &Document) -> AppError {
    AppError::field(
        "idempotency-key",
        "document.idempotency_key_reused",
        format!(
            "this Idempotency-Key already stored {} (SHA-256 {}) with other content; use a new key for a new file",
            existing.filename, existing.sha256
        ),
    )
}

/// Checks, before any byte is read, that the caller may add a document to
/// this case. A retried upload whose declared checksum matches what the key
/// stored the first time is answered at once; without a checksum the bytes
/// are read and compared (see [`upload`]).
pub async fn prepare_upload(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
    idempotency_key: Option<&str>,
    checksum: Option<&str>,
) -> Result<Prepared, AppError> {
    let case = case_for(state, caller, case_id, Action::AttachDocument).await?;
    if let (Some(key), Some(sum)) = (idempotency_key, checksum)
        && let Some(existing) = repo::by_idempotency_key(&state.db.conn, case_id, key).await?
    {
        return if existing.sha256.eq_ignore_ascii_case(sum) {
            Ok(Prepared::Existing(existing))
        } else {
            Err(key_reused(&existing))
        };
    }
    if !accepts_documents(case.status) {
        return Err(AppError::Conflict {
            code: "case.file_closed",
            detail: "the case file is archived and takes no more documents".into(),
        });
    }
    Ok(Prepared::Ready(case))
}

/// Stores the stream, then records the document. Returns the document and
/// whether this call created it (false: an earlier attempt did).
pub async fn upload(
    state: &App,
    caller: &Caller,
    case: &Case,
    meta: UploadMeta,
    body: ByteStream,
) -> Result<(Document, bool), AppError> {
    let stored = store(state, body).await?;
    keep(state, caller, case, meta, stored).await
}

/// Streams a file into the document store, before its metadata is known
/// (a multipart form whose fields follow the file, as generated clients
/// send it). Then [`keep`] it, or [`discard`] it when the fields are wrong.
pub async fn store(state: &App, body: ByteStream) -> Result<Stored, AppError> {
    state.store.put(body).await.map_err(store_error)
}

/// Records a stored file in the case file: the checksum sent must match,
/// a retry with the same `Idempotency-Key` gets the first document back.
pub async fn keep(
    state: &App,
    caller: &Caller,
    case: &Case,
    meta: UploadMeta,
    stored: Stored,
) -> Result<(Document, bool), AppError> {
    if let Some(expected) = &meta.checksum
        && !expected.eq_ignore_ascii_case(&stored.sha256)
    {
        discard(state, &stored).await;
        return Err(AppError::field(
            "checksum_sha256",
            "document.checksum_mismatch",
            format!(
                "the file that arrived has SHA-256 {}, not the {} you sent: it was damaged on the way; upload it again",
                stored.sha256, expected
            ),
        ));
    }
    // A retry with the same key: the same bytes get the first document back,
    // other bytes are refused.
    if let Some(key) = &meta.idempotency_key
        && let Some(existing) = repo::by_idempotency_key(&state.db.conn, case.id, key).await?
    {
        discard(state, &stored).await;
        return if existing.sha256 == stored.sha256 {
            Ok((existing, false))
        } else {
            Err(key_reused(&existing))
        };
    }
    let doc = Document {
        id: Uuid::now_v7(),
        case_id: case.id,
        kind: meta.kind,
        step: meta.step.unwrap_or_else(|| CaseStep::of_state(case.status)),
        filename: meta.filename,
        media_type: meta.media_type.mime().to_owned(),
        size: stored.size,
        sha256: stored.sha256.clone(),
        storage_key: stored.key.clone(),
        uploaded_by: Some(caller.actor.user_id),
        uploaded_at: caller.at.now,
        idempotency_key: meta.idempotency_key.clone(),
        removed_at: None,
        removed_by: None,
        removal_reason: None,
        version: 1,
    };
    match record(state, caller, case, &doc).await {
        Ok(()) => Ok((doc, true)),
        Err(e) => {
            discard(state, &stored).await;
            // A concurrent retry of the same upload won the race: answer with
            // its row if it holds the same bytes.
            if let AppError::Conflict {
                code: "document.duplicate_upload",
                ..
            } = e
                && let Some(key) = &meta.idempotency_key
                && let Some(existing) =
                    repo::by_idempotency_key(&state.db.conn, case.id, key).await?
            {
                return if existing.sha256 == doc.sha256 {
                    Ok((existing, false))
                } else {
                    Err(key_reused(&existing))
                };
            }
            Err(e)
        }
    }
}

async fn record(state: &App, caller: &Caller, case: &Case, doc: &Document) -> Result<(), AppError> {
    let txn = begin(&state.db).await?;
    repo::insert(&txn, doc).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("document.upload", case, doc, None),
    )
    .await?;
    commit(txn).await
}

/// Removes an object no row will name. Content-addressed stores share
/// objects between identical files: keep one another row still names.
/// Deletes an object this request stored and will not record.
pub async fn discard(state: &App, stored: &Stored) {
    if !stored.created {
        return;
    }
    if let Ok(true) = repo::key_in_use(&state.db.conn, &stored.key).await {
        return;
    }
    if let Err(e) = state.store.delete(&stored.key).await {
        // The sweep removes it later.
        tracing::warn!(key = %stored.key, error = %e, "could not remove an unrecorded object");
    }
}

pub async fn list(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
    q: DocumentQuery,
) -> Result<Page<Document>, AppError> {
    let mut f = Fields::new();
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let case = case_for(state, caller, case_id, Action::Read(Resource::Case)).await?;
    crate::service::cases::audit_read(state, caller, &case, "case.read_documents").await?;
    Ok(repo::of_case(
        state.db.read(),
        case_id,
        q.include_removed.unwrap_or(false),
        q.kind,
        page.unwrap_or_default(),
    )
    .await?)
}

pub async fn get(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
    id: Uuid,
) -> Result<Document, AppError> {
    let (case, doc) = readable(state, caller, case_id, id).await?;
    crate::service::cases::audit_read(state, caller, &case, "case.read_documents").await?;
    Ok(doc)
}

/// The case and one of its documents, if the caller may read the case.
async fn readable(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
    id: Uuid,
) -> Result<(Case, Document), AppError> {
    let case = case_for(state, caller, case_id, Action::Read(Resource::Case)).await?;
    let doc = repo::get(state.db.read(), case_id, id)
        .await
        .map_err(found(ENTITY))?;
    Ok((case, doc))
}

/// What a download request asks of a document it has not seen yet.
pub enum Want {
    /// The client's copy (`If-None-Match`) is current.
    NotModified,
    Whole,
    Part(ByteRange),
}

/// Opens a document's content for download; the read is audited. `want`
/// decides, from the document's metadata, what to send.
pub async fn open(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
    id: Uuid,
    want: impl FnOnce(&Document) -> Result<Want, AppError>,
) -> Result<(Document, Option<(Option<ByteRange>, Object)>), AppError> {
    let (case, doc) = readable(state, caller, case_id, id).await?;
    caller.authorize(Action::DownloadDocument, &case.scope(), "case")?;
    let range = match want(&doc)? {
        Want::NotModified => return Ok((doc, None)),
        Want::Whole => None,
        Want::Part(r) => Some(r),
    };
    let object = state
        .store
        .get(&doc.storage_key, range)
        .await
        .map_err(store_error)?;
    if object.size != doc.size {
        return Err(AppError::Corrupted(format!(
            "document {} object {} is {} bytes, recorded {}",
            doc.id, doc.storage_key, object.size, doc.size
        )));
    }
    state
        .db
        .reads_audit()
        .record(
            &caller.audit(),
            Change::<Document> {
                action: "document.download",
                entity: ENTITY,
                entity_id: doc.id,
                scope: case.scope(),
                before: None,
                after: None,
            },
        )
        .await?;
    Ok((doc, Some((range, object))))
}

/// Withdraws a document from the file: marked, never erased.
pub async fn remove(
    state: &App,
    caller: &Caller,
    case_id: Uuid,
    id: Uuid,
    expected: i32,
    reason: &str,
) -> Result<Document, AppError> {
    let case = case_for(state, caller, case_id, Action::RemoveDocument).await?;
    let txn = begin(&state.db).await?;
    let doc = repo::get(&txn, case_id, id).await.map_err(found(ENTITY))?;
    if doc.removed_at.is_some() {
        return Err(AppError::Conflict {
            code: "document.already_removed",
            detail: "the document was already removed".into(),
        });
    }
    let after = repo::remove(
        &txn,
        &doc,
        expected,
        caller.actor.user_id,
        reason.trim(),
        caller.at.now,
    )
    .await
    .map_err(|e| match e {
        DbError::NotFound => AppError::NotFound(ENTITY),
        other => other.into(),
    })?;
    audit::record(
        &txn,
        &caller.audit(),
        change("document.remove", &case, &after, Some(&doc)),
    )
    .await?;
    commit(txn).await?;
    Ok(after)
}
