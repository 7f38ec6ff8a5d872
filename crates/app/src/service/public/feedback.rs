//! The beneficiary's feedback on their case, given online with the
//! receipt's code and secret (the lookup's opener: wrong secrets count
//! towards the code's lock). It is kept once per case, and its form's text
//! becomes a `feedback_form` document of the case file, in one transaction
//! with its audit entry.
use super::lookup::open;
use crate::error::AppError;
use crate::service::documents::{discard, store_error};
use crate::service::{begin, commit};
use crate::{App, Visitor};
use futures_util::StreamExt;
use tgpl_api_model::public::FeedbackRequest;
use tgpl_db::audit::{self, Change};
use tgpl_db::{cases, documents, feedback as repo};
use tgpl_domain::case::document::{CaseStep, Document, DocumentKind, MediaType};
use tgpl_domain::intake::feedback::{Feedback, FeedbackError, clean_comment, may_give};
use tgpl_storage::ByteStream;
use uuid::Uuid;

fn refused(e: FeedbackError) -> AppError {
    match e {
        FeedbackError::CommentTooLong => AppError::field("comment", e.code(), e.to_string()),
        _ => AppError::Conflict {
            code: e.code(),
            detail: e.to_string(),
        },
    }
}

/// The feedback kept, and the case's code.
pub struct Given {
    pub feedback: Feedback,
    pub case_code: Option<String>,
}

pub async fn give(state: &App, visitor: &Visitor, req: FeedbackRequest) -> Result<Given, AppError> {
    let comment = clean_comment(req.comment.as_deref()).map_err(refused)?;
    let item = open(state, visitor, &req.opener(), None).await?;
    let case_id = item
        .followed_case()
        .ok_or_else(|| refused(FeedbackError::NoCaseYet))?;
    let conn = state.db.read();
    let case = cases::get(conn, case_id).await?;
    may_give(case.status, repo::given(conn, case_id).await?).map_err(refused)?;
    let feedback = Feedback {
        id: Uuid::now_v7(),
        case_id,
        satisfaction: req.satisfaction,
        kept_informed: req.kept_informed,
        on_time: req.on_time,
        comment,
        given_at: visitor.at.now,
        given_on: visitor.at.today,
    };
    let case_code = case.code.as_ref().map(|c| c.to_string());
    let text = feedback.form_text(case_code.as_deref());
    let body: ByteStream =
        futures_util::stream::once(async move { Ok(bytes::Bytes::from(text)) }).boxed();
    let stored = state.store.put(body).await.map_err(store_error)?;
    let doc = Document {
        id: Uuid::now_v7(),
        case_id,
        kind: DocumentKind::FeedbackForm,
        step: CaseStep::of_state(case.status),
        filename: format!(
            "phieu-lay-y-kien-{}.txt",
            visitor.at.today.format("%Y-%m-%d")
        ),
        media_type: MediaType::PlainText.mime().to_owned(),
        size: stored.size,
        sha256: stored.sha256.clone(),
        storage_key: stored.key.clone(),
        uploaded_by: None,
        uploaded_at: visitor.at.now,
        idempotency_key: None,
        removed_at: None,
        removed_by: None,
        removal_reason: None,
        version: 1,
    };
    let scope = case.scope();
    let saved = async {
        let txn = begin(&state.db).await?;
        repo::insert(&txn, &feedback, doc.id, &scope).await?;
        documents::insert(&txn, &doc).await?;
        audit::record(
            &txn,
            &visitor.audit(),
            Change {
                action: "case.feedback_received",
                entity: "case",
                entity_id: case_id,
                scope: scope.clone(),
                before: None,
                after: Some(&serde_json::json!({
                    "satisfaction": feedback.satisfaction,
                    "document_id": doc.id,
                })),
            },
        )
        .await?;
        commit(txn).await
    }
    .await;
    if let Err(e) = saved {
        discard(state, &stored).await;
        return Err(e);
    }
    Ok(Given {
        feedback,
        case_code,
    })
}
