//! Cases carried over from the old system (2019–): their history happened
//! there, so they are not put through the acts again. The import judges
//! them by the same rules the acts apply (eligibility on the request date,
//! the register's code, the grounds, the dates in order) and records the
//! history as the events the acts would have emitted, with the old dates,
//! closed by one `Imported` event.
use super::aggregate::{Case, CaseRules, HandlingUnit, Intake};
use super::event::CaseEvent;
use super::file::{Assignment, CaseFile};
use super::record::{Channel, Party};
use super::success::{SuccessAssessment, check_success};
use super::{
    CaseCode, CaseState, DiscontinuationGround, FieldOfLaw, FormOfAid, RefusalGround, UrgencyFacts,
};
use crate::clock::Moment;
use crate::eligibility::ClaimedCategory;
use crate::error::FieldProblem;
use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

/// A case as the old system recorded it, every value already parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct LegacyCase {
    /// The id the new case gets (kept on a rerun of the same legacy id).
    pub id: Uuid,
    pub unit: HandlingUnit,
    pub channel: Channel,
    pub request_date: NaiveDate,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    pub summary: String,
    /// The eligibility categories recorded; the papers were examined there.
    pub categories: Vec<String>,
    pub parties: Vec<Party>,
    /// Where the case stood in the old system.
    pub status: CaseState,
    /// The historical code and register entry, kept as issued.
    pub code: Option<CaseCode>,
    pub accepted_on: Option<NaiveDate>,
    pub practitioner_id: Option<Uuid>,
    /// Refused, concluded or discontinued on this day.
    pub closed_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub refusal_ground: Option<RefusalGround>,
    pub discontinuation_ground: Option<DiscontinuationGround>,
    pub success: Option<SuccessAssessment>,
}

/// An imported case: its file and the history as events.
#[derive(Debug, Clone)]
pub struct ImportedCase {
    pub file: CaseFile,
    pub events: Vec<CaseEvent>,
}

fn problem(field: &str, code: &'static str, message: impl Into<String>) -> FieldProblem {
    FieldProblem::new(field, code, message)
}

/// How the old case ended before it was archived, if it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Refused,
    Concluded,
    Discontinued,
}

impl LegacyCase {
    fn ending(&self) -> Option<Ending> {
        match self.status {
            CaseState::Refused => Some(Ending::Refused),
            CaseState::Concluded | CaseState::Evaluated => Some(Ending::Concluded),
            CaseState::Discontinued => Some(Ending::Discontinued),
            CaseState::Archived if self.refusal_ground.is_some() => Some(Ending::Refused),
            CaseState::Archived if self.discontinuation_ground.is_some() => {
                Some(Ending::Discontinued)
            }
            CaseState::Archived => Some(Ending::Concluded),
            _ => None,
        }
    }

    fn registered(&self) -> bool {
        !matches!(
            self.status,
            CaseState::Received | CaseState::NeedsSupplement | CaseState::Refused
        ) && self.ending() != Some(Ending::Refused)
    }

    /// The checks the acts would have made, on the recorded facts.
    fn check(&self, today: NaiveDate) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        if self.status == CaseState::NeedsSupplement {
            out.push(problem(
                "status",
                "import.status_not_importable",
                "a request waiting for papers is imported as received",
            ));
        }
        let ending = self.ending();
        if self.registered() {
            match (&self.code, self.accepted_on) {
                (None, _) => out.push(problem(
                    "code",
                    "required",
                    "an accepted case has the code it was registered under",
                )),
                (_, None) => out.push(problem(
                    "accepted_on",
                    "required",
                    "an accepted case has its date of entry in the register",
                )),
                (Some(code), Some(on)) => {
                    if code.year() != on.year() {
                        out.push(problem(
                            "code",
                            "import.code_year_mismatch",
                            format!(
                                "the code's year {} is not the year of acceptance {}",
                                code.year(),
                                on.year()
                            ),
                        ));
                    }
                    if code.form_code() != self.form_of_aid.form_code() {
                        out.push(problem(
                            "code",
                            "import.code_form_mismatch",
                            format!(
                                "the code's form {} is not that of {} ({})",
                                code.form_code(),
                                self.form_of_aid.as_str(),
                                self.form_of_aid.form_code()
                            ),
                        ));
                    }
                    if on < self.request_date {
                        out.push(problem(
                            "accepted_on",
                            "import.date_order",
                            "accepted before the request date",
                        ));
                    }
                    if on > today {
                        out.push(problem("accepted_on", "in_future", "a date to come"));
                    }
                }
            }
            let handled = matches!(
                self.status,
                CaseState::Assigned
                    | CaseState::InProgress
                    | CaseState::Concluded
                    | CaseState::Evaluated
            );
            if handled && self.practitioner_id.is_none() {
                out.push(problem(
                    "practitioner",
                    "required",
                    "an assigned case names its practitioner",
                ));
            }
        } else if self.code.is_some() {
            out.push(problem(
                "code",
                "import.code_not_registered",
                "only a case entered in the register has a code",
            ));
        }
        match ending {
            Some(_) if self.closed_on.is_none() => out.push(problem(
                "closed_on",
                "required",
                "a refused, concluded or discontinued case has the day it ended",
            )),
            Some(_) => {
                let start = self.accepted_on.unwrap_or(self.request_date);
                if self.closed_on.is_some_and(|c| c < start) {
                    out.push(problem(
                        "closed_on",
                        "import.date_order",
                        "ended before it was received or accepted",
                    ));
                }
                if self.closed_on.is_some_and(|c| c > today) {
                    out.push(problem("closed_on", "in_future", "a date to come"));
                }
            }
            None => {}
        }
        match ending {
            Some(Ending::Refused) if self.refusal_ground.is_none() => out.push(problem(
                "refusal_ground",
                "required",
                "a refusal states its ground (Law 11/2017 Art. 30(3))",
            )),
            Some(Ending::Discontinued) if self.discontinuation_ground.is_none() => {
                out.push(problem(
                    "discontinuation_ground",
                    "required",
                    "a discontinuation states its ground (Law 11/2017 Art. 37)",
                ))
            }
            Some(Ending::Concluded)
                if self.outcome.as_deref().is_none_or(|o| o.trim().is_empty()) =>
            {
                out.push(problem(
                    "outcome",
                    "required",
                    "a concluded case states its outcome",
                ))
            }
            _ => {}
        }
        if self.success.is_some() && ending != Some(Ending::Concluded) {
            out.push(problem(
                "success",
                "import.success_not_concluded",
                "only a concluded case is assessed successful",
            ));
        }
        out
    }
}

impl Case {
    /// Carries a case over from the old system, judged by the rules in force
    /// on its request date: only an eligible request was entered in the
    /// register (Art. 30(3)). The history keeps the old dates, code and
    /// register number; the last event records the import (`at`).
    pub fn import(
        legacy: LegacyCase,
        rules: &CaseRules,
        at: Moment,
    ) -> Result<ImportedCase, Vec<FieldProblem>> {
        let mut problems = legacy.check(at.today);
        let intake = Intake {
            id: legacy.id,
            unit: legacy.unit,
            channel: legacy.channel,
            referral_received_at: None,
            request_date: legacy.request_date,
            form_of_aid: legacy.form_of_aid,
            field_of_law: legacy.field_of_law,
            summary: legacy.summary.clone(),
            // The old system examined the papers: what it recorded holds.
            claims: legacy
                .categories
                .iter()
                .map(|code| ClaimedCategory {
                    code: code.clone(),
                    proof_documents_present: true,
                    financial_hardship_proven: true,
                })
                .collect(),
            parties: legacy.parties.clone(),
            urgency: UrgencyFacts::default(),
        };
        let mut case = match Case::receive(intake, rules, at) {
            Ok(r) => Some(r),
            Err(found) => {
                problems.extend(found);
                None
            }
        };
        if let Some(r) = &case
            && legacy.registered()
            && !r.case.is_eligible()
        {
            problems.push(problem(
                "eligibility",
                "case.not_eligible",
                "no eligibility category in force on the request date holds for the beneficiary: \
                 the request could only be refused (Law 11/2017 Art. 30(3))",
            ));
        }
        if let (Some(r), Some(claim)) = (&case, &legacy.success)
            && let Err(e) = check_success(r.case.record(), claim)
        {
            problems.push(problem(e.field.unwrap_or("success"), e.code, e.message));
        }
        let Some(received) = case.take().filter(|_| problems.is_empty()) else {
            return Err(problems);
        };
        let mut case = received.case;
        let mut events = received.events;
        let closed_on = legacy.closed_on.unwrap_or(legacy.request_date);
        if legacy.ending() == Some(Ending::Refused) {
            let ground = legacy
                .refusal_ground
                .unwrap_or(RefusalGround::NotEligibleMatter);
            events.push(CaseEvent::Refused {
                on: closed_on,
                ground,
            });
        }
        let mut assignments = Vec::new();
        if let (true, Some(code), Some(on)) =
            (legacy.registered(), legacy.code.clone(), legacy.accepted_on)
        {
            let register_no = code.number();
            events.push(CaseEvent::Accepted {
                on,
                code,
                register_no,
                proof_due_on: None,
            });
            if let Some(practitioner_id) = legacy.practitioner_id {
                events.push(CaseEvent::Assigned {
                    on,
                    practitioner_id,
                });
                assignments.push(Assignment {
                    id: Uuid::now_v7(),
                    practitioner_id,
                    assigned_on: on,
                    ended_on: None,
                    reason: None,
                });
            }
            match legacy.ending() {
                Some(Ending::Concluded) => {
                    case.record_outcome(legacy.outcome.clone(), legacy.success.clone());
                    events.push(CaseEvent::Concluded {
                        on: closed_on,
                        success_criterion: legacy.success.as_ref().map(|s| s.criterion.clone()),
                    });
                    if legacy.status == CaseState::Evaluated {
                        events.push(CaseEvent::Evaluated {
                            on: closed_on,
                            total: None,
                            grade: None,
                        });
                    }
                }
                Some(Ending::Discontinued) => events.push(CaseEvent::Discontinued {
                    on: closed_on,
                    ground: legacy
                        .discontinuation_ground
                        .unwrap_or(DiscontinuationGround::Withdrawn),
                }),
                _ => {}
            }
        }
        if legacy.status == CaseState::Archived {
            events.push(CaseEvent::Archived { on: closed_on });
        }
        events.push(CaseEvent::Imported {
            on: at.today,
            status: legacy.status,
        });
        for e in &events[1..] {
            case.apply(e);
        }
        Ok(ImportedCase {
            file: CaseFile {
                case,
                assignments,
                activities: Vec::new(),
                hearings: Vec::new(),
            },
            events,
        })
    }
}

#[cfg(test)]
mod tests;
