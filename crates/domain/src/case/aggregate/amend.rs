//! Correcting and completing what intake recorded (issue #13): the fields
//! that may still change, and until when. What decides whether the case may
//! enter the register (its form of aid, the categories claimed) changes only
//! before it does; the field of law until the case is concluded; the summary
//! and the parties' details while the file is open to work (not once it is
//! archived or the request refused).
use super::{Case, CaseRules, PartyCorrection, conflict};
use crate::case::event::CaseEvent;
use crate::case::lifecycle::CaseState;
use crate::case::{FieldOfLaw, FormOfAid, PartyRole};
use crate::clock::Moment;
use crate::eligibility::{self, Beneficiary, ClaimedCategory};
use crate::error::FieldProblem;
use crate::privacy;
use uuid::Uuid;

/// What a correction of the case changes. `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Amendment {
    pub summary: Option<String>,
    pub field_of_law: Option<FieldOfLaw>,
    pub form_of_aid: Option<FormOfAid>,
    /// The categories claimed, replacing those of intake (before acceptance).
    pub eligibility: Option<Vec<ClaimedCategory>>,
    pub parties: Vec<(Uuid, PartyCorrection)>,
}

/// The sexes the statistical forms count (form 24 columns 2 and 3).
pub const SEXES: [&str; 2] = ["male", "female"];

fn before_acceptance(s: CaseState) -> bool {
    matches!(s, CaseState::Received | CaseState::NeedsSupplement)
}

impl Case {
    /// Whether the record may still be corrected: not once the file is
    /// archived or the request refused (what the UI offers as "Sửa").
    pub fn amendable(&self) -> Result<(), crate::case::rules::RuleError> {
        let status = self.record.status;
        if !status.amendable() {
            return Err(conflict(
                "case.not_amendable",
                format!(
                    "a case that is {} can no longer be corrected",
                    status.as_str()
                ),
            ));
        }
        Ok(())
    }

    /// Corrects and completes the case's record. Each field that changes is
    /// named in the `Amended` event (names only, never values); an amendment
    /// that changes nothing returns no event and leaves the version.
    ///
    /// Before acceptance, eligibility is judged again (on the request date,
    /// for the beneficiary as now recorded) whenever the categories, the
    /// beneficiary's date of birth or procedural role change (Law 11/2017
    /// Art. 7, 30(3)).
    pub fn amend(
        &mut self,
        a: Amendment,
        rules: &CaseRules,
        at: Moment,
    ) -> Result<Vec<CaseEvent>, Vec<FieldProblem>> {
        let status = self.record.status;
        if let Err(e) = self.amendable() {
            return Err(vec![FieldProblem::new("case", e.code, e.message)]);
        }
        let mut problems = Vec::new();
        let fixed = |name: &'static str, problems: &mut Vec<FieldProblem>| {
            problems.push(FieldProblem::new(
                name,
                "case.fixed_after_acceptance",
                "this can change only before the case is entered in the register",
            ));
        };
        if a.form_of_aid.is_some_and(|f| f != self.form_of_aid) && !before_acceptance(status) {
            fixed("form_of_aid", &mut problems);
        }
        if a.eligibility.is_some() && !before_acceptance(status) {
            fixed("eligibility", &mut problems);
        }
        if a.field_of_law.is_some_and(|f| f != self.field_of_law)
            && (CaseState::CONCLUDED.contains(&status) || status == CaseState::Discontinued)
        {
            problems.push(FieldProblem::new(
                "field_of_law",
                "case.fixed_after_conclusion",
                "the field of law cannot change once the case is closed",
            ));
        }
        if a.summary
            .as_deref()
            .is_some_and(|s| s.trim().chars().count() < 5)
        {
            problems.push(FieldProblem::new(
                "summary",
                "length",
                "describe the matter in at least 5 characters",
            ));
        }
        if let Some(claims) = &a.eligibility
            && claims.is_empty()
        {
            problems.push(FieldProblem::new(
                "eligibility",
                "required",
                "claim at least one eligibility category",
            ));
        }
        for (i, (party_id, c)) in a.parties.iter().enumerate() {
            let at_field = |f: &str| format!("parties[{i}].{f}");
            match self.parties.iter().find(|p| p.id == *party_id) {
                None => problems.push(FieldProblem::new(
                    at_field("id"),
                    "not_found",
                    "the case names no such party",
                )),
                Some(p) if privacy::is_anonymised(p) => problems.push(FieldProblem::new(
                    at_field("id"),
                    "privacy.anonymised",
                    "this person's data was deleted; there is nothing to correct",
                )),
                Some(_) => {}
            }
            if let Some(Some(born)) = c.date_of_birth
                && born > at.today
            {
                problems.push(FieldProblem::new(
                    at_field("date_of_birth"),
                    "in_future",
                    "the date of birth cannot be in the future",
                ));
            }
            if c.full_name
                .as_deref()
                .is_some_and(|n| n.trim().chars().count() < 2)
            {
                problems.push(FieldProblem::new(
                    at_field("full_name"),
                    "required",
                    "write the person's full name",
                ));
            }
            if let Some(Some(sex)) = &c.sex
                && !SEXES.contains(&sex.trim())
            {
                problems.push(FieldProblem::new(
                    at_field("sex"),
                    "invalid",
                    "sex is `male` or `female`",
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let mut changed: Vec<String> = Vec::new();
        let r = &mut self.record;
        if let Some(s) = a.summary.map(|s| s.trim().to_owned())
            && s != r.summary
        {
            r.summary = s;
            changed.push("summary".into());
        }
        if let Some(f) = a.field_of_law
            && f != r.field_of_law
        {
            r.field_of_law = f;
            changed.push("field_of_law".into());
        }
        if let Some(f) = a.form_of_aid
            && f != r.form_of_aid
        {
            r.form_of_aid = f;
            changed.push("form_of_aid".into());
        }
        let mut rejudge = a.eligibility.is_some();
        for (party_id, c) in a.parties {
            let Some(p) = r.parties.iter_mut().find(|p| p.id == party_id) else {
                continue;
            };
            let beneficiary = p.role == PartyRole::Beneficiary;
            for name in c.apply_to(p) {
                rejudge |= beneficiary && matches!(name, "date_of_birth" | "procedural_role");
                let name = format!("party.{name}");
                if !changed.contains(&name) {
                    changed.push(name);
                }
            }
        }
        if rejudge && before_acceptance(status) {
            let claims = a.eligibility.unwrap_or_else(|| self.claims_held(rules));
            let before = (
                self.record.eligibility_codes.clone(),
                self.record.missing_proof.clone(),
            );
            self.judge(&claims, rules)?;
            if before
                != (
                    self.record.eligibility_codes.clone(),
                    self.record.missing_proof.clone(),
                )
            {
                changed.push("eligibility".into());
            }
        }
        if changed.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self.emit(
            vec![CaseEvent::Amended {
                on: at.today,
                fields: changed.join(","),
            }],
            at,
        ))
    }

    /// The claims the case now holds, as intake would have sent them: proof
    /// present unless one of the category's papers is still missing.
    fn claims_held(&self, rules: &CaseRules) -> Vec<ClaimedCategory> {
        self.eligibility_codes
            .iter()
            .map(|code| {
                let proof_missing =
                    eligibility::category_in(rules.categories, code, self.request_date).is_ok_and(
                        |c| {
                            c.proof_documents
                                .iter()
                                .any(|d| self.missing_proof.iter().any(|m| m == d.as_ref()))
                        },
                    );
                ClaimedCategory {
                    code: code.clone(),
                    proof_documents_present: !proof_missing,
                    financial_hardship_proven: true,
                }
            })
            .collect()
    }

    /// Judges `claims` again for the beneficiary as recorded and keeps what
    /// holds and the proof still missing.
    fn judge(
        &mut self,
        claims: &[ClaimedCategory],
        rules: &CaseRules,
    ) -> Result<(), Vec<FieldProblem>> {
        let person = self
            .parties
            .iter()
            .find(|p| p.role == PartyRole::Beneficiary)
            .map_or_else(Beneficiary::default, |b| Beneficiary {
                date_of_birth: b.date_of_birth,
                procedural_role: b.procedural_role,
            });
        let assessment =
            eligibility::assess_in(rules.categories, self.request_date, &person, claims);
        let unknown: Vec<FieldProblem> = assessment
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.outcome == eligibility::ClaimOutcome::UnknownCategory)
            .map(|(i, _)| {
                FieldProblem::new(
                    format!("eligibility[{i}].code"),
                    "eligibility.unknown_category",
                    "no such eligibility category",
                )
            })
            .collect();
        if !unknown.is_empty() {
            return Err(unknown);
        }
        self.record.missing_proof = super::missing_proof(rules, &assessment, self.request_date);
        self.record.eligibility_codes = assessment.holding_codes().map(str::to_owned).collect();
        Ok(())
    }
}

impl PartyCorrection {
    /// Writes the correction into `p`; the names of the fields it changed.
    pub(super) fn apply_to(self, p: &mut crate::case::Party) -> Vec<&'static str> {
        fn set<T: PartialEq>(
            slot: &mut T,
            value: Option<T>,
            name: &'static str,
            out: &mut Vec<&'static str>,
        ) {
            if let Some(v) = value
                && *slot != v
            {
                *slot = v;
                out.push(name);
            }
        }
        let tidy = |v: Option<Option<String>>| {
            v.map(|o| o.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()))
        };
        let mut out = Vec::new();
        set(
            &mut p.full_name,
            self.full_name.map(|n| n.trim().to_owned()),
            "full_name",
            &mut out,
        );
        set(&mut p.sex, tidy(self.sex), "sex", &mut out);
        set(
            &mut p.date_of_birth,
            self.date_of_birth,
            "date_of_birth",
            &mut out,
        );
        set(
            &mut p.procedural_role,
            self.procedural_role,
            "procedural_role",
            &mut out,
        );
        set(
            &mut p.ethnicity,
            tidy(self.ethnicity),
            "ethnicity",
            &mut out,
        );
        set(&mut p.address, tidy(self.address), "address", &mut out);
        set(&mut p.phone, tidy(self.phone), "phone", &mut out);
        set(
            &mut p.id_number,
            tidy(self.id_number),
            "id_number",
            &mut out,
        );
        out
    }
}
