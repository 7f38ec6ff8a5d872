//! The person's copy of their data (Law 91/2025, the right of access):
//! everything the case holds about them in clear, the other people in it
//! masked, the steps in plain words. Reading it is audited like a read of
//! the case file.
use super::load;
use crate::error::AppError;
use crate::{App, Caller};
use tgpl_api_model::cases::PartyDto;
use tgpl_api_model::privacy::{
    ExportedCase, ExportedConsent, ExportedDocument, ExportedStep, PersonalDataExport,
    SubjectRequestSummary, ThirdParty,
};
use tgpl_db::audit::Change;
use tgpl_db::privacy::{self as repo, SubjectRequestFilter};
use tgpl_db::{PageRequest, cases, consents, documents, events, organisations as orgs};
use tgpl_domain::ScopeFilter;
use tgpl_domain::intake::progress::public_steps;
use tgpl_domain::policy::Action;
use tgpl_domain::privacy::{Identity, PrivacyError, SubjectRequestKind, scrub_text_of};
use uuid::Uuid;

/// How a third party is named in a person's copy.
pub const THIRD_PARTY: &str = "Bên thứ ba (đã che thông tin)";

/// Papers and requests listed in one copy (a case file holds far fewer).
const MOST: u64 = 500;

pub async fn export(
    state: &App,
    caller: &Caller,
    id: Uuid,
) -> Result<PersonalDataExport, AppError> {
    let r = load(state, caller, id, Action::HandleSubjectRequest).await?;
    if r.kind != SubjectRequestKind::Access {
        return Err(AppError::Conflict {
            code: PrivacyError::WrongKind.code(),
            detail: "a copy of the data answers an access request".into(),
        });
    }
    let conn = state.db.read();
    let case = cases::get(conn, r.case_id).await?;
    let person = case
        .parties
        .iter()
        .find(|p| p.id == r.party_id)
        .cloned()
        .ok_or(AppError::NotFound("party"))?;
    let others: Vec<_> = case.parties.iter().filter(|p| p.id != r.party_id).collect();
    let third: Vec<Identity> = others.iter().map(|o| Identity::of(o)).collect();
    let summary = scrub_text_of(&third, &case.summary).unwrap_or_else(|| case.summary.clone());
    let organisation_name = orgs::get(conn, case.organisation_id).await?.name;
    let consents = consents::of_case(conn, case.id)
        .await?
        .into_iter()
        .map(|c| ExportedConsent {
            purpose: c.purpose,
            text_version: c.text_version,
            channel: c.channel,
            given_at: c.given_at,
            withdrawn_at: c.withdrawn_at,
        })
        .collect();
    let page = PageRequest {
        after: None,
        keys: None,
        limit: MOST,
    };
    let documents = documents::of_case(conn, case.id, false, None, page)
        .await?
        .items
        .into_iter()
        .map(|d| ExportedDocument {
            kind: d.kind.as_str().to_owned(),
            filename: d.filename,
            uploaded_at: d.uploaded_at,
        })
        .collect();
    let timeline = events::of_case(conn, case.id).await?;
    let steps = public_steps(&timeline)
        .into_iter()
        .map(|s| ExportedStep {
            on: s.on,
            label_vi: s.label.to_owned(),
        })
        .collect();
    let filter = SubjectRequestFilter {
        case_id: Some(case.id),
        ..SubjectRequestFilter::default()
    };
    let requests = repo::list(conn, ScopeFilter::All, &filter, page)
        .await?
        .items
        .into_iter()
        .filter(|q| q.party_id == r.party_id)
        .map(|q| SubjectRequestSummary {
            kind: q.kind,
            status: q.status,
            received_on: q.received_on,
            due_on: q.due_on,
            answered_at: q.answered_at,
        })
        .collect();
    state
        .db
        .reads_audit()
        .record::<serde_json::Value>(
            &caller.audit(),
            Change {
                action: "privacy.data_exported",
                entity: "case",
                entity_id: case.id,
                scope: case.scope(),
                before: None,
                after: None,
            },
        )
        .await?;
    Ok(PersonalDataExport {
        generated_at: caller.at.now,
        request_id: r.id,
        person: PartyDto::from(person),
        case: ExportedCase {
            id: case.id,
            code: case.code.as_ref().map(|c| c.to_string()),
            status: case.status,
            organisation_name,
            request_date: case.request_date,
            accepted_on: case.accepted_on,
            closed_on: case.closed_on,
            form_of_aid: case.form_of_aid,
            field_of_law: case.field_of_law,
            eligibility_codes: case.eligibility_codes.clone(),
            summary,
        },
        third_parties: others
            .iter()
            .map(|p| ThirdParty {
                role: p.role,
                full_name: THIRD_PARTY.to_owned(),
            })
            .collect(),
        consents,
        documents,
        steps,
        requests,
    })
}
