//! Who is eligible for legal aid (Law 11/2017 Art. 7 as amended, DOMAIN §4).
//!
//! Categories are date-effective reference data: a request is judged by the
//! categories in force on its request date. The built-in [`CATEGORIES`]
//! seed the database; the `*_in` functions take the table loaded from it.
use crate::case::ProceduralRole;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

mod table;
mod versions;
pub use table::{CATEGORIES, FINANCIAL_HARDSHIP_PROOF};
pub use versions::{VersionClash, put_version};

/// One version of an eligibility category (đối tượng được trợ giúp pháp lý).
/// A category the law rewrote has one row per version, e.g. clause 5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Category {
    /// Stable ASCII code: `1`…`6`, `6a`, `7a`…`7h`; `7dd` stands for `7đ`.
    #[cfg_attr(feature = "utoipa", schema(value_type = String, example = "7dd"))]
    pub code: Cow<'static, str>,
    /// The clause as the law writes it, for display (`7đ`).
    #[cfg_attr(feature = "utoipa", schema(value_type = String, example = "7đ"))]
    pub clause: Cow<'static, str>,
    #[cfg_attr(feature = "utoipa", schema(value_type = String))]
    pub label_vi: Cow<'static, str>,
    /// The name in English, for the English interface (empty if not given).
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = String))]
    pub label_en: Cow<'static, str>,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// Last day in force (inclusive); absent while in force.
    pub valid_to: Option<NaiveDate>,
    /// Clause 7 categories count only with financial hardship (Decree 144/2017).
    pub requires_financial_hardship: bool,
    /// The beneficiary's procedural roles the category covers (clause 5:
    /// accused, victim, witness …; clause 6: accused); empty for any role.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = Vec<ProceduralRole>))]
    pub procedural_roles: Cow<'static, [ProceduralRole]>,
    /// The beneficiary must be at least this old on the request date…
    #[serde(default)]
    pub min_age: Option<u8>,
    /// …and younger than this (children: under 16; clause 5: 16 to under 18).
    #[serde(default)]
    pub age_under: Option<u8>,
    /// The proof documents intake asks for (Circular 08/2017 Art. 33).
    #[cfg_attr(feature = "utoipa", schema(value_type = Vec<String>))]
    pub proof_documents: Cow<'static, [Cow<'static, str>]>,
    /// The instrument that sets this version.
    #[cfg_attr(feature = "utoipa", schema(value_type = String))]
    pub source: Cow<'static, str>,
}

impl Category {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }

    /// Whether the category depends on the beneficiary's age.
    pub fn has_age_condition(&self) -> bool {
        self.min_age.is_some() || self.age_under.is_some()
    }

    /// Whether the beneficiary meets the category's role and age conditions
    /// on `date`, or why not.
    fn person_outcome(&self, person: &Beneficiary, date: NaiveDate) -> Option<ClaimOutcome> {
        if !self.procedural_roles.is_empty()
            && !person
                .procedural_role
                .is_some_and(|r| self.procedural_roles.contains(&r))
        {
            return Some(ClaimOutcome::ProceduralRoleNotCovered);
        }
        if self.has_age_condition() {
            let Some(age) = person.date_of_birth.and_then(|b| age_on(b, date)) else {
                return Some(ClaimOutcome::DateOfBirthMissing);
            };
            let old_enough = self.min_age.is_none_or(|min| age >= u32::from(min));
            let young_enough = self.age_under.is_none_or(|under| age < u32::from(under));
            if !(old_enough && young_enough) {
                return Some(ClaimOutcome::AgeNotCovered);
            }
        }
        None
    }
}

/// Full years of age on `date` of a person born on `birth` (None if born later).
pub fn age_on(birth: NaiveDate, date: NaiveDate) -> Option<u32> {
    date.years_since(birth)
}

/// What eligibility needs to know of the beneficiary (DOMAIN §6): the
/// recorded date of birth and procedural role, judged on the request date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beneficiary {
    pub date_of_birth: Option<NaiveDate>,
    pub procedural_role: Option<ProceduralRole>,
}

/// Turns a submitted code into the stable form: trimmed, lower case, `đ` as `dd`.
pub fn normalise_code(code: &str) -> String {
    code.trim().to_lowercase().replace('đ', "dd")
}

/// Why a category cannot be used on a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EligibilityError {
    #[error("unknown eligibility category '{0}'")]
    Unknown(String),
    #[error("eligibility category '{code}' is not in force on {date}")]
    NotInForce { code: String, date: NaiveDate },
}

impl EligibilityError {
    pub fn code(&self) -> &'static str {
        match self {
            EligibilityError::Unknown(_) => "eligibility.unknown_category",
            EligibilityError::NotInForce { .. } => "eligibility.not_in_force",
        }
    }
}

/// The categories of `table` in force on `date`.
pub fn categories_in_force_in(table: &[Category], date: NaiveDate) -> Vec<&Category> {
    table.iter().filter(|c| c.in_force_on(date)).collect()
}

/// The built-in categories in force on `date`.
pub fn categories_in_force(date: NaiveDate) -> Vec<&'static Category> {
    categories_in_force_in(CATEGORIES, date)
}

/// The version of category `code` in force on `date` in `table`.
pub fn category_in<'t>(
    table: &'t [Category],
    code: &str,
    date: NaiveDate,
) -> Result<&'t Category, EligibilityError> {
    let code = normalise_code(code);
    let mut versions = table.iter().filter(|c| c.code == code).peekable();
    if versions.peek().is_none() {
        return Err(EligibilityError::Unknown(code));
    }
    versions
        .find(|c| c.in_force_on(date))
        .ok_or(EligibilityError::NotInForce { code, date })
}

/// The built-in version of category `code` in force on `date`.
pub fn category(code: &str, date: NaiveDate) -> Result<&'static Category, EligibilityError> {
    category_in(CATEGORIES, code, date)
}

/// A category the requester claims, with what intake has seen of its proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ClaimedCategory {
    pub code: String,
    /// The category's proof documents are with the request.
    pub proof_documents_present: bool,
    /// Financial hardship is proven (only read for clause 7 categories).
    pub financial_hardship_proven: bool,
}

/// What became of one claimed category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClaimOutcome {
    /// In force, proven.
    Satisfied,
    /// In force, but its proof documents are still to be supplied.
    ProofMissing,
    UnknownCategory,
    /// Not in force on the request date (repealed, or not yet added).
    NotInForce,
    /// A clause 7 category without proven financial hardship.
    HardshipNotProven,
    /// The category covers other procedural roles than the beneficiary's
    /// recorded one (or none is recorded).
    ProceduralRoleNotCovered,
    /// The beneficiary's age on the request date is outside the category's.
    AgeNotCovered,
    /// The category depends on age and no date of birth is recorded.
    DateOfBirthMissing,
}

impl ClaimOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimOutcome::Satisfied => "satisfied",
            ClaimOutcome::ProofMissing => "proof_missing",
            ClaimOutcome::UnknownCategory => "unknown_category",
            ClaimOutcome::NotInForce => "not_in_force",
            ClaimOutcome::HardshipNotProven => "hardship_not_proven",
            ClaimOutcome::ProceduralRoleNotCovered => "procedural_role_not_covered",
            ClaimOutcome::AgeNotCovered => "age_not_covered",
            ClaimOutcome::DateOfBirthMissing => "date_of_birth_missing",
        }
    }

    /// The outcome in plain Vietnamese, for the citizen's live verdict.
    pub fn explain_vi(self) -> &'static str {
        match self {
            ClaimOutcome::Satisfied => "Bạn thuộc diện được trợ giúp pháp lý.",
            ClaimOutcome::ProofMissing => {
                "Bạn có thể thuộc diện này; hãy mang theo giấy tờ chứng minh."
            }
            ClaimOutcome::UnknownCategory => "Không có diện này trong danh sách.",
            ClaimOutcome::NotInForce => "Diện này không còn (hoặc chưa) áp dụng vào ngày yêu cầu.",
            ClaimOutcome::HardshipNotProven => {
                "Diện này chỉ được trợ giúp khi có khó khăn về tài chính (hộ cận nghèo hoặc đang hưởng trợ cấp xã hội hằng tháng)."
            }
            ClaimOutcome::ProceduralRoleNotCovered => {
                "Diện này chỉ áp dụng cho người có tư cách tố tụng phù hợp (ví dụ: bị buộc tội, bị hại, người làm chứng)."
            }
            ClaimOutcome::AgeNotCovered => {
                "Tuổi của người được trợ giúp không phù hợp với diện này."
            }
            ClaimOutcome::DateOfBirthMissing => {
                "Cần ngày sinh của người được trợ giúp để xét diện này."
            }
        }
    }

    /// The stable error code of a claim that does not count (None if it does).
    pub fn error_code(self) -> Option<&'static str> {
        match self {
            ClaimOutcome::Satisfied | ClaimOutcome::ProofMissing => None,
            ClaimOutcome::UnknownCategory => Some("eligibility.unknown_category"),
            ClaimOutcome::NotInForce => Some("eligibility.not_in_force"),
            ClaimOutcome::HardshipNotProven => Some("eligibility.hardship_not_proven"),
            ClaimOutcome::ProceduralRoleNotCovered => {
                Some("eligibility.procedural_role_not_covered")
            }
            ClaimOutcome::AgeNotCovered => Some("eligibility.age_not_covered"),
            ClaimOutcome::DateOfBirthMissing => Some("eligibility.date_of_birth_missing"),
        }
    }
}

/// One claim and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ClaimAssessment {
    /// The normalised code (`7dd` for `7đ`).
    pub code: String,
    pub outcome: ClaimOutcome,
}

/// The answer for the whole request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// At least one claim is satisfied.
    Eligible,
    /// No claim is satisfied yet, but one only lacks its proof documents:
    /// intake asks for them (or an urgent case is accepted at once).
    EligiblePendingProof,
    NotEligible,
}

/// Eligibility of a request on its request date (a case may hold several categories).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Assessment {
    pub request_date: NaiveDate,
    pub verdict: Verdict,
    pub claims: Vec<ClaimAssessment>,
}

impl Assessment {
    /// Claims that do not count, with why.
    pub fn failures(&self) -> impl Iterator<Item = &ClaimAssessment> {
        self.claims
            .iter()
            .filter(|c| c.outcome.error_code().is_some())
    }

    /// Codes of the categories that hold (proven or pending proof).
    pub fn holding_codes(&self) -> impl Iterator<Item = &str> {
        self.claims
            .iter()
            .filter(|c| c.outcome.error_code().is_none())
            .map(|c| c.code.as_str())
    }
}

fn assess_claim(
    table: &[Category],
    date: NaiveDate,
    person: &Beneficiary,
    claim: &ClaimedCategory,
) -> ClaimOutcome {
    let c = match category_in(table, &claim.code, date) {
        Err(EligibilityError::Unknown(_)) => return ClaimOutcome::UnknownCategory,
        Err(EligibilityError::NotInForce { .. }) => return ClaimOutcome::NotInForce,
        Ok(c) => c,
    };
    // Clauses 5 and 6 name procedural roles; 3, 5, 7(c) and 7(đ) an age.
    if let Some(outcome) = c.person_outcome(person, date) {
        return outcome;
    }
    // Law 11/2017 Art. 7(7): these categories count only with financial hardship.
    if c.requires_financial_hardship && !claim.financial_hardship_proven {
        ClaimOutcome::HardshipNotProven
    } else if !claim.proof_documents_present {
        ClaimOutcome::ProofMissing
    } else {
        ClaimOutcome::Satisfied
    }
}

/// Judges the claimed categories against `table` as in force on
/// `request_date`, for the beneficiary as recorded.
pub fn assess_in(
    table: &[Category],
    request_date: NaiveDate,
    person: &Beneficiary,
    claimed: &[ClaimedCategory],
) -> Assessment {
    let claims: Vec<ClaimAssessment> = claimed
        .iter()
        .map(|claim| ClaimAssessment {
            code: normalise_code(&claim.code),
            outcome: assess_claim(table, request_date, person, claim),
        })
        .collect();
    let has = |o: ClaimOutcome| claims.iter().any(|c| c.outcome == o);
    let verdict = if has(ClaimOutcome::Satisfied) {
        Verdict::Eligible
    } else if has(ClaimOutcome::ProofMissing) {
        Verdict::EligiblePendingProof
    } else {
        Verdict::NotEligible
    };
    Assessment {
        request_date,
        verdict,
        claims,
    }
}

/// Judges the claimed categories against the built-in table.
pub fn assess(
    request_date: NaiveDate,
    person: &Beneficiary,
    claimed: &[ClaimedCategory],
) -> Assessment {
    assess_in(CATEGORIES, request_date, person, claimed)
}

#[cfg(test)]
mod tests;
