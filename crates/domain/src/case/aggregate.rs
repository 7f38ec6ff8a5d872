//! The case as an aggregate (DOMAIN §6): the only way a case changes is by
//! one of the law's acts below. Each act checks the state and the law's
//! preconditions, changes the case and returns the domain events it caused.
//! Services load, authorize, call one act, then persist what it returned.
//!
//! The record's fields are read through `Deref` and never written from
//! outside this module: `Case` has no public constructor but [`Case::receive`]
//! (intake) and [`Case::restore`] (repositories reading what an earlier act
//! stored).
use super::conflict::{PriorCase, find_conflict};
use super::event::CaseEvent;
use super::lifecycle::{CaseState, CommandKind, next_state};
use super::record::{Activity, ActivityKind, CaseRecord, Channel, Hearing, HearingMode, Party};
use super::rules::{self, RuleError};
use super::success::{SuccessAssessment, check_success};
use super::{
    CaseCode, DeadlineRules, DiscontinuationGround, FieldOfLaw, FormOfAid, PartyRole,
    RefusalGround, UrgencyFacts,
};
use crate::calendar::HolidayCalendar;
use crate::clock::Moment;
use crate::eligibility::{self, Assessment, Beneficiary, Category, ClaimOutcome, ClaimedCategory};
use crate::error::FieldProblem;
use crate::evaluation::Scored;
use crate::{OrgAbbreviation, ProvinceCode};
use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use std::ops::Deref;
use uuid::Uuid;

/// A legal-aid case. Read its fields as a [`CaseRecord`]; change it by its acts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Case {
    record: CaseRecord,
}

impl Deref for Case {
    type Target = CaseRecord;
    fn deref(&self) -> &CaseRecord {
        &self.record
    }
}

/// The rules in force that the acts consult: reference data, not constants.
#[derive(Debug, Clone, Copy)]
pub struct CaseRules<'a> {
    pub categories: &'a [Category],
    pub calendar: &'a HolidayCalendar,
    pub deadlines: DeadlineRules,
}

/// The organisation taking the request, as the case is filed under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandlingUnit {
    pub organisation_id: Uuid,
    pub province_code: Option<ProvinceCode>,
    pub centre_id: Option<Uuid>,
}

/// A request (form 02-TP-TGPL) as intake records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    pub id: Uuid,
    pub unit: HandlingUnit,
    pub channel: Channel,
    pub referral_received_at: Option<DateTime<Utc>>,
    pub request_date: chrono::NaiveDate,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    pub summary: String,
    pub claims: Vec<ClaimedCategory>,
    pub parties: Vec<Party>,
    pub urgency: UrgencyFacts,
}

/// A request just received: the case, how its eligibility was judged, and
/// the `Received` event.
#[derive(Debug, Clone)]
pub struct Received {
    pub case: Case,
    pub assessment: Assessment,
    pub events: Vec<CaseEvent>,
}

/// The register entry acceptance makes: the organisation's abbreviation and
/// the next number of its register for the year of acceptance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterEntry {
    pub abbreviation: OrgAbbreviation,
    pub number: u32,
}

/// The practitioner a leader wants to assign, with their other cases.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub practitioner_id: Uuid,
    pub full_name: &'a str,
    pub active: bool,
    /// The practitioner's other cases (the conflict check reads their parties).
    pub other_cases: &'a [PriorCase<'a>],
}

/// A concluded case's outcome, and the success claimed for it (Decision 1179).
#[derive(Debug, Clone, PartialEq)]
pub struct Conclusion {
    pub outcome: String,
    pub success: Option<SuccessAssessment>,
    /// Whether the document named as the decision's scan is in the case file.
    pub evidence_on_file: bool,
}

/// A hearing to put in the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct NewHearing {
    pub court: String,
    pub starts_at: DateTime<Utc>,
    pub mode: HearingMode,
    pub location: Option<String>,
    pub notes: Option<String>,
    /// Who attends; the assigned practitioner when absent.
    pub practitioner_id: Option<Uuid>,
    pub recorded_by: Option<Uuid>,
}

fn conflict(code: &'static str, message: impl Into<String>) -> RuleError {
    RuleError {
        code,
        field: None,
        message: message.into(),
    }
}

fn field(field: &'static str, code: &'static str, message: impl Into<String>) -> RuleError {
    RuleError {
        code,
        field: Some(field),
        message: message.into(),
    }
}

/// The papers still to be supplied for the categories claimed without them.
fn missing_proof(
    rules: &CaseRules,
    assessment: &Assessment,
    request_date: chrono::NaiveDate,
) -> Vec<String> {
    assessment
        .claims
        .iter()
        .filter(|c| c.outcome == ClaimOutcome::ProofMissing)
        .filter_map(|c| eligibility::category_in(rules.categories, &c.code, request_date).ok())
        .flat_map(|cat| cat.proof_documents.iter().map(|d| d.to_string()))
        .collect()
}

fn text(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|t| !t.is_empty())
}

impl Case {
    /// A case as a repository stored it after earlier acts.
    pub fn restore(record: CaseRecord) -> Self {
        Self { record }
    }

    pub fn record(&self) -> &CaseRecord {
        &self.record
    }

    pub fn into_record(self) -> CaseRecord {
        self.record
    }

    /// The same case with what a role without a need to know may not see
    /// masked (DOMAIN §11): the one masking function of the system.
    pub fn masked(mut self) -> Self {
        self.record.mask_sensitive();
        self
    }

    /// Records a request and judges its eligibility by the categories in
    /// force on its request date, for the beneficiary's recorded age and
    /// procedural role (Law 11/2017 Art. 7, 29).
    pub fn receive(
        intake: Intake,
        rules: &CaseRules,
        at: Moment,
    ) -> Result<Received, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        if intake.request_date > at.today {
            problems.push(FieldProblem::new(
                "request_date",
                "in_future",
                "the request date cannot be in the future",
            ));
        }
        let beneficiary = intake
            .parties
            .iter()
            .find(|p| p.role == PartyRole::Beneficiary);
        if beneficiary.is_none() {
            problems.push(FieldProblem::new(
                "parties",
                "beneficiary_required",
                "name the beneficiary (người được trợ giúp pháp lý)",
            ));
        }
        // Each beneficiary who files a request is one case (DOMAIN §6): a
        // second one files a request of their own.
        if intake
            .parties
            .iter()
            .filter(|p| p.role == PartyRole::Beneficiary)
            .count()
            > 1
        {
            problems.push(FieldProblem::new(
                "parties",
                "beneficiary_single",
                "one request names one beneficiary; file a request for each person",
            ));
        }
        let person = beneficiary.map_or_else(Beneficiary::default, |b| Beneficiary {
            date_of_birth: b.date_of_birth,
            procedural_role: b.procedural_role,
        });
        let assessment = eligibility::assess_in(
            rules.categories,
            intake.request_date,
            &person,
            &intake.claims,
        );
        for (i, claim) in assessment.claims.iter().enumerate() {
            if claim.outcome == ClaimOutcome::UnknownCategory {
                problems.push(FieldProblem::new(
                    format!("eligibility[{i}].code"),
                    "eligibility.unknown_category",
                    "no such eligibility category",
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let missing_proof = missing_proof(rules, &assessment, intake.request_date);
        let urgent =
            rules
                .deadlines
                .is_urgent(rules.calendar, intake.request_date, &intake.urgency);
        let record = CaseRecord {
            id: intake.id,
            organisation_id: intake.unit.organisation_id,
            province_code: intake.unit.province_code,
            centre_id: intake.unit.centre_id,
            status: CaseState::Received,
            channel: intake.channel,
            referral_received_at: intake.referral_received_at,
            request_date: intake.request_date,
            form_of_aid: intake.form_of_aid,
            field_of_law: intake.field_of_law,
            summary: intake.summary.trim().to_owned(),
            eligibility_codes: assessment.holding_codes().map(str::to_owned).collect(),
            missing_proof,
            urgent,
            proof_due_on: None,
            code: None,
            register_number: None,
            accepted_on: None,
            refusal_ground: None,
            discontinuation_ground: None,
            closed_on: None,
            outcome: None,
            practitioner_id: None,
            reassignment_requested_on: None,
            reassignment_due_on: None,
            success: None,
            parties: intake.parties,
            version: 1,
            created_at: at.now,
            updated_at: at.now,
        };
        let event = CaseEvent::Received {
            on: record.request_date,
            channel: record.channel,
            form_of_aid: record.form_of_aid,
            field_of_law: record.field_of_law,
            urgent,
        };
        Ok(Received {
            case: Case { record },
            assessment,
            events: vec![event],
        })
    }

    /// Whether some category eligible on the request date holds (proven or
    /// pending proof): the condition for entry in the register.
    pub fn is_eligible(&self) -> bool {
        !self.eligibility_codes.is_empty()
    }

    /// The acts the case allows now, its preconditions included (the caller's
    /// role may allow fewer): what the UI offers as buttons.
    ///
    /// Evaluation is not among them: it records a filled sheet and is done
    /// through the evaluation plan, never offered as a bare act.
    pub fn allowed_acts(&self) -> Vec<CommandKind> {
        CommandKind::ALL
            .into_iter()
            .filter(|k| *k != CommandKind::Evaluate && self.allows(*k).is_ok())
            .collect()
    }

    /// Whether `kind` is allowed now, or the reason it is not.
    pub fn allows(&self, kind: CommandKind) -> Result<(), RuleError> {
        let r = &self.record;
        let not_now = || {
            conflict(
                "case.transition_not_allowed",
                format!(
                    "a case that is {} cannot be {}",
                    r.status.as_str(),
                    kind.as_str()
                ),
            )
        };
        // Proof of an urgent case accepted at once arrives later (DOMAIN §6).
        let proof_after_acceptance = kind == CommandKind::SupplementReceived
            && matches!(
                r.status,
                CaseState::Accepted | CaseState::Assigned | CaseState::InProgress
            )
            && !r.missing_proof.is_empty();
        if next_state(r.status, kind).is_none() && !proof_after_acceptance {
            return Err(not_now());
        }
        match kind {
            // Law 11/2017 Art. 30(3): a request with no eligible category can only be refused.
            CommandKind::Accept if !self.is_eligible() => Err(conflict(
                "case.not_eligible",
                "no eligibility category in force on the request date holds for the beneficiary: \
                 the request can only be refused (Law 11/2017 Art. 30(3))",
            )),
            // Only urgent requests are accepted with proof to follow.
            CommandKind::Accept if !r.missing_proof.is_empty() && !r.urgent => Err(conflict(
                "case.proof_missing",
                "the proof of eligibility is incomplete: request the supplement first \
                 (only urgent requests are accepted with proof to follow)",
            )),
            _ => Ok(()),
        }
    }

    /// Applies an event to the record: the one place the lifecycle's effects
    /// are written. Replaying a case's events over its received record
    /// reproduces its state (a property test holds this).
    pub fn apply(&mut self, event: &CaseEvent) {
        let r = &mut self.record;
        match event {
            CaseEvent::Received { .. } | CaseEvent::HearingScheduled { .. } => {}
            CaseEvent::SupplementRequested { .. } => r.status = CaseState::NeedsSupplement,
            CaseEvent::SupplementReceived { .. } => {
                if r.status == CaseState::NeedsSupplement {
                    r.status = CaseState::Received;
                }
                r.missing_proof.clear();
                r.proof_due_on = None;
            }
            CaseEvent::Refused { on, ground } => {
                r.status = CaseState::Refused;
                r.refusal_ground = Some(*ground);
                r.closed_on = Some(*on);
            }
            CaseEvent::Accepted {
                on,
                code,
                register_no,
                proof_due_on,
            } => {
                r.status = CaseState::Accepted;
                r.code = Some(code.clone());
                r.register_number = i32::try_from(*register_no).ok();
                r.accepted_on = Some(*on);
                r.proof_due_on = *proof_due_on;
            }
            CaseEvent::Assigned {
                practitioner_id, ..
            } => {
                r.status = CaseState::Assigned;
                r.practitioner_id = Some(*practitioner_id);
            }
            CaseEvent::Reassigned {
                practitioner_id, ..
            } => {
                r.status = CaseState::Assigned;
                r.practitioner_id = Some(*practitioner_id);
                // Reassigning answers a pending request for another practitioner.
                r.reassignment_requested_on = None;
                r.reassignment_due_on = None;
            }
            CaseEvent::ReassignmentRequested { on, answer_due_on } => {
                r.reassignment_requested_on = Some(*on);
                r.reassignment_due_on = Some(*answer_due_on);
            }
            CaseEvent::ReassignmentDeclined { .. } => {
                r.reassignment_requested_on = None;
                r.reassignment_due_on = None;
            }
            // The first recorded activity starts the work.
            CaseEvent::ActivityRecorded { .. } => r.status = CaseState::InProgress,
            CaseEvent::Concluded { on, .. } => {
                r.status = CaseState::Concluded;
                r.closed_on = Some(*on);
            }
            CaseEvent::Discontinued { on, ground } => {
                r.status = CaseState::Discontinued;
                r.discontinuation_ground = Some(*ground);
                r.closed_on = Some(*on);
                r.reassignment_requested_on = None;
                r.reassignment_due_on = None;
            }
            CaseEvent::Evaluated { .. } => r.status = CaseState::Evaluated,
            CaseEvent::Archived { .. } => r.status = CaseState::Archived,
            // The old system's history ends where the case stood there.
            CaseEvent::Imported { status, .. } => r.status = *status,
            // The person's rights change who the case names, not where it
            // stands: the acts in `privacy.rs` write the parties themselves,
            // since their events carry no personal values to replay.
            // A correction writes its fields itself: its event names them
            // without their values.
            CaseEvent::Amended { .. }
            | CaseEvent::PartyCorrected { .. }
            | CaseEvent::PartyAnonymised { .. }
            | CaseEvent::RequestErased { .. } => {}
        }
    }

    /// Applies the act's events and marks the record changed.
    fn emit(&mut self, events: Vec<CaseEvent>, at: Moment) -> Vec<CaseEvent> {
        for e in &events {
            self.apply(e);
        }
        self.record.version += 1;
        self.record.updated_at = at.now;
        events
    }

    /// Asks the requester in writing for the missing papers.
    pub fn request_supplement(
        &mut self,
        missing: Vec<String>,
        at: Moment,
    ) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::RequestSupplement)?;
        let missing: Vec<String> = missing.iter().filter_map(|m| text(m)).collect();
        if missing.is_empty() {
            return Err(field(
                "missing",
                "required",
                "list the documents the requester must supply",
            ));
        }
        let documents = u32::try_from(missing.len()).unwrap_or(u32::MAX);
        self.record.missing_proof = missing;
        Ok(self.emit(
            vec![CaseEvent::SupplementRequested {
                on: at.today,
                documents,
            }],
            at,
        ))
    }

    /// The missing papers came in: before acceptance the request is complete
    /// again; after an urgent acceptance the proof deadline is met.
    pub fn receive_supplement(&mut self, at: Moment) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::SupplementReceived)?;
        Ok(self.emit(vec![CaseEvent::SupplementReceived { on: at.today }], at))
    }

    /// Refuses the request by written notice on a ground of Art. 30(3).
    pub fn refuse(
        &mut self,
        ground: RefusalGround,
        at: Moment,
    ) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::Refuse)?;
        Ok(self.emit(
            vec![CaseEvent::Refused {
                on: at.today,
                ground,
            }],
            at,
        ))
    }

    /// Enters the request in the register (thụ lý): the case code is issued.
    /// An urgent request with proof missing gets the deadline to supply it.
    pub fn accept(
        &mut self,
        entry: RegisterEntry,
        rules: &CaseRules,
        at: Moment,
    ) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::Accept)?;
        let code = CaseCode::new(
            &entry.abbreviation,
            self.form_of_aid,
            entry.number,
            at.today.year(),
        )
        .map_err(|e| conflict(e.code, e.message))?;
        let proof_due_on = (!self.missing_proof.is_empty()).then(|| {
            rules
                .deadlines
                .proof_supplement_deadline(rules.calendar, at.today)
        });
        Ok(self.emit(
            vec![CaseEvent::Accepted {
                on: at.today,
                code,
                register_no: entry.number,
                proof_due_on,
            }],
            at,
        ))
    }

    /// Assigns the practitioner who will handle the accepted case.
    pub fn assign(
        &mut self,
        candidate: Candidate,
        at: Moment,
    ) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::Assign)?;
        self.check_candidate(&candidate)?;
        Ok(self.emit(
            vec![CaseEvent::Assigned {
                on: at.today,
                practitioner_id: candidate.practitioner_id,
            }],
            at,
        ))
    }

    /// Replaces the practitioner (change decision): at the beneficiary's
    /// request (form 04), which this answers, or the centre's own.
    pub fn reassign(
        &mut self,
        candidate: Candidate,
        at: Moment,
    ) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::Reassign)?;
        self.check_candidate(&candidate)?;
        let from = self
            .practitioner_id
            .ok_or_else(|| conflict("case.transition_not_allowed", "no practitioner to replace"))?;
        Ok(self.emit(
            vec![CaseEvent::Reassigned {
                on: at.today,
                from_practitioner_id: from,
                practitioner_id: candidate.practitioner_id,
            }],
            at,
        ))
    }

    /// Active, not already on the case, and no conflict of interest (Art. 25(2)):
    /// checked by assign and reassign, and asked before submitting.
    pub fn check_candidate(&self, c: &Candidate) -> Result<(), RuleError> {
        if !c.active {
            return Err(field(
                "practitioner_id",
                "not_active",
                "the practitioner is suspended or has left",
            ));
        }
        if self.practitioner_id == Some(c.practitioner_id) {
            return Err(field(
                "practitioner_id",
                "already_assigned",
                "this practitioner already handles the case",
            ));
        }
        let others: Vec<PriorCase> = c
            .other_cases
            .iter()
            .filter(|p| p.case_id != self.id)
            .cloned()
            .collect();
        if let Some(clash) = find_conflict(&self.parties, &others) {
            return Err(conflict(
                "case.conflict_of_interest",
                format!(
                    "{} acts or acted for the other side in case {} (Law 11/2017 Art. 25(2))",
                    c.full_name,
                    clash.code.unwrap_or("(not yet accepted)")
                ),
            ));
        }
        Ok(())
    }

    /// Records the beneficiary's request for another practitioner (form 04),
    /// to be answered within the configured working days; one at a time.
    pub fn request_reassignment(
        &mut self,
        requested_on: chrono::NaiveDate,
        rules: &CaseRules,
        at: Moment,
    ) -> Result<Vec<CaseEvent>, RuleError> {
        rules::check_reassignment_request(&self.record, requested_on, at.today)?;
        if let Some(due) = self.reassignment_due_on {
            return Err(conflict(
                "case.reassignment_pending",
                format!(
                    "a request for another practitioner is already waiting for its answer (due {due}); \
                     answer it first"
                ),
            ));
        }
        let answer_due_on = rules
            .deadlines
            .reassignment_answer_deadline(rules.calendar, requested_on);
        Ok(self.emit(
            vec![CaseEvent::ReassignmentRequested {
                on: requested_on,
                answer_due_on,
            }],
            at,
        ))
    }

    /// Answers a pending request for another practitioner by keeping the
    /// current one (the reasons go to the written answer and the log).
    pub fn decline_reassignment(&mut self, at: Moment) -> Result<Vec<CaseEvent>, RuleError> {
        if self.reassignment_requested_on.is_none() {
            return Err(conflict(
                "case.no_reassignment_request",
                "no request for another practitioner is waiting for an answer",
            ));
        }
        Ok(self.emit(vec![CaseEvent::ReassignmentDeclined { on: at.today }], at))
    }

    /// Records what the practitioner did, dated between the request and today.
    pub fn record_activity(
        &mut self,
        kind: ActivityKind,
        occurred_on: chrono::NaiveDate,
        description: &str,
        recorded_by: Option<Uuid>,
        at: Moment,
    ) -> Result<(Activity, Vec<CaseEvent>), RuleError> {
        self.allows(CommandKind::RecordActivity)?;
        let description = text(description)
            .ok_or_else(|| field("description", "required", "describe what was done"))?;
        rules::check_event_date(&self.record, occurred_on, at.today, "occurred_on")?;
        let activity = Activity {
            id: Uuid::now_v7(),
            case_id: self.id,
            kind,
            occurred_on,
            description,
            recorded_by,
            created_at: at.now,
        };
        let events = self.emit(
            vec![CaseEvent::ActivityRecorded {
                on: occurred_on,
                activity_id: activity.id,
                kind,
            }],
            at,
        );
        Ok((activity, events))
    }

    /// Puts a hearing of a litigation case still handled in the calendar
    /// (in person or online, Resolution 33/2021/QH15). The case row itself
    /// does not change.
    pub fn schedule_hearing(
        &self,
        h: NewHearing,
        at: Moment,
    ) -> Result<(Hearing, CaseEvent), RuleError> {
        rules::check_hearing(&self.record)?;
        let court = text(&h.court).ok_or_else(|| field("court", "required", "name the court"))?;
        let hearing = Hearing {
            id: Uuid::now_v7(),
            case_id: self.id,
            court,
            starts_at: h.starts_at,
            mode: h.mode,
            location: h.location.as_deref().and_then(text),
            notes: h.notes.as_deref().and_then(text),
            practitioner_id: h.practitioner_id.or(self.practitioner_id),
            recorded_by: h.recorded_by,
            created_at: at.now,
        };
        let event = CaseEvent::HearingScheduled {
            hearing_id: hearing.id,
            starts_at: hearing.starts_at,
            mode: hearing.mode,
        };
        Ok((hearing, event))
    }

    /// Concludes the case with its outcome, assessed successful against a
    /// Decision 1179 criterion where claimed.
    pub fn conclude(&mut self, c: Conclusion, at: Moment) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::Conclude)?;
        let outcome = text(&c.outcome).ok_or_else(|| {
            field(
                "outcome",
                "required",
                "state the outcome for the beneficiary",
            )
        })?;
        let success = match c.success {
            Some(claim) => {
                check_success(&self.record, &claim)?;
                if claim.evidence_document_id.is_some() && !c.evidence_on_file {
                    return Err(field(
                        "success.evidence_document_id",
                        "not_found",
                        "no such document in this case file",
                    ));
                }
                Some(SuccessAssessment {
                    criterion: claim.criterion.trim().to_owned(),
                    evidence: claim.evidence.trim().to_owned(),
                    evidence_document_id: claim.evidence_document_id,
                })
            }
            None => None,
        };
        let success_criterion = success.as_ref().map(|s| s.criterion.clone());
        self.record.outcome = Some(outcome);
        self.record.success = success;
        Ok(self.emit(
            vec![CaseEvent::Concluded {
                on: at.today,
                success_criterion,
            }],
            at,
        ))
    }

    /// Stops the aid by written notice on a ground of Art. 37: any accepted
    /// case not yet concluded, assigned or not.
    pub fn discontinue(
        &mut self,
        ground: DiscontinuationGround,
        at: Moment,
    ) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::Discontinue)?;
        Ok(self.emit(
            vec![CaseEvent::Discontinued {
                on: at.today,
                ground,
            }],
            at,
        ))
    }

    /// Records the quality evaluation: the sheet an evaluator filled, judged
    /// by the sheet in force (Circular 12/2018 Art. 16). Once only: the state
    /// allows it once. The event carries the total and the grade.
    pub fn evaluate(&mut self, sheet: &Scored, at: Moment) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::Evaluate)?;
        Ok(self.emit(
            vec![CaseEvent::Evaluated {
                on: at.today,
                total: Some(sheet.total),
                grade: Some(sheet.grade),
            }],
            at,
        ))
    }

    /// `evaluate` asked for without a sheet (the bare command): refused.
    /// A case is evaluated only by scoring it in the evaluation plan that
    /// drew it; a case in the wrong state hears that first.
    pub fn evaluate_without_sheet(&self) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::Evaluate)?;
        Err(conflict(
            "case.evaluation_needs_sheet",
            "a case is evaluated by filling the scoring sheet in the evaluation plan that drew it \
             (POST /api/v1/evaluation-plans/{plan}/items/{item}/score), not by a bare command",
        ))
    }

    /// The outcome and success an imported case was concluded with
    /// (checked by [`Case::import`]).
    pub(super) fn record_outcome(
        &mut self,
        outcome: Option<String>,
        success: Option<SuccessAssessment>,
    ) {
        self.record.outcome = outcome.and_then(|o| text(&o));
        self.record.success = success;
    }

    pub fn archive(&mut self, at: Moment) -> Result<Vec<CaseEvent>, RuleError> {
        self.allows(CommandKind::Archive)?;
        Ok(self.emit(vec![CaseEvent::Archived { on: at.today }], at))
    }
}

mod amend;
mod privacy;
pub use amend::{Amendment, SEXES};
pub use privacy::{Deletion, PartyCorrection};

#[cfg(test)]
mod tests;
