//! Preconditions of case acts that are not lifecycle transitions: hearings
//! and reassignment requests (DOMAIN §6).
use super::{CaseRecord, CaseState};
use chrono::NaiveDate;

/// A refused act, with a stable code and the request field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RuleError {
    pub code: &'static str,
    /// The field at fault, when the request rather than the case is wrong.
    pub field: Option<&'static str>,
    pub message: String,
}

fn conflict(code: &'static str, message: String) -> RuleError {
    RuleError {
        code,
        field: None,
        message,
    }
}

/// Something that happened on the case must fall between its request and today.
pub fn check_event_date(
    case: &CaseRecord,
    date: NaiveDate,
    today: NaiveDate,
    field: &'static str,
) -> Result<(), RuleError> {
    if date > today || date < case.request_date {
        return Err(RuleError {
            code: "out_of_range",
            field: Some(field),
            message: "the date must be between the request date and today".into(),
        });
    }
    Ok(())
}

/// Hearings belong to litigation cases that are still being handled
/// (online or in person, Resolution 33/2021/QH15).
pub fn check_hearing(case: &CaseRecord) -> Result<(), RuleError> {
    if !case.form_of_aid.is_litigation() {
        return Err(conflict(
            "case.hearing_not_litigation",
            "hearings belong to litigation cases (defence or protection of rights)".into(),
        ));
    }
    if !matches!(
        case.status,
        CaseState::Accepted | CaseState::Assigned | CaseState::InProgress
    ) {
        return Err(conflict(
            "case.hearing_case_closed",
            format!(
                "a case that is {} takes no new hearings",
                case.status.as_str()
            ),
        ));
    }
    Ok(())
}

/// The beneficiary may ask for another practitioner (form 04) only while one handles the case.
pub fn check_reassignment_request(
    case: &CaseRecord,
    requested_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), RuleError> {
    if !matches!(case.status, CaseState::Assigned | CaseState::InProgress) {
        return Err(conflict(
            "case.transition_not_allowed",
            format!(
                "a case that is {} has no practitioner to replace",
                case.status.as_str()
            ),
        ));
    }
    check_event_date(case, requested_on, today, "requested_on")
}
