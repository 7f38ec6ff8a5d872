//! The case reference lists (DOMAIN §5–6): forms of aid, fields of law,
//! refusal and discontinuation grounds. Each has a stable snake_case code
//! (stored and sent on the wire) and a Vietnamese label.
use crate::ParseError;
use serde::{Deserialize, Serialize};

/// Finds the variant whose code is `s`, or a `ParseError` with `code`.
fn parse_code<T: Copy>(
    all: &[T],
    as_str: fn(T) -> &'static str,
    s: &str,
    code: &'static str,
    what: &str,
) -> Result<T, ParseError> {
    all.iter()
        .copied()
        .find(|v| as_str(*v) == s)
        .ok_or_else(|| ParseError::new(code, format!("unknown {what} '{s}'")))
}

/// Form of legal aid (hình thức TGPL), DOMAIN §5. Litigation
/// participation is split in reports into defence and protection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FormOfAid {
    /// Tham gia tố tụng: bào chữa.
    LitigationDefence,
    /// Tham gia tố tụng: bảo vệ quyền và lợi ích hợp pháp.
    LitigationProtection,
    /// Tư vấn pháp luật (given in writing).
    Advice,
    /// Đại diện ngoài tố tụng.
    OutOfCourtRepresentation,
}

impl FormOfAid {
    pub const ALL: [FormOfAid; 4] = [
        FormOfAid::LitigationDefence,
        FormOfAid::LitigationProtection,
        FormOfAid::Advice,
        FormOfAid::OutOfCourtRepresentation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FormOfAid::LitigationDefence => "litigation_defence",
            FormOfAid::LitigationProtection => "litigation_protection",
            FormOfAid::Advice => "advice",
            FormOfAid::OutOfCourtRepresentation => "out_of_court_representation",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        parse_code(
            &Self::ALL,
            Self::as_str,
            s,
            "case.form_of_aid_unknown",
            "form of aid",
        )
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            FormOfAid::LitigationDefence => "Tham gia tố tụng (bào chữa)",
            FormOfAid::LitigationProtection => {
                "Tham gia tố tụng (bảo vệ quyền và lợi ích hợp pháp)"
            }
            FormOfAid::Advice => "Tư vấn pháp luật",
            FormOfAid::OutOfCourtRepresentation => "Đại diện ngoài tố tụng",
        }
    }

    /// The default form code in the case code (`TGTT`, `TV`, `ĐDNTT`);
    /// both litigation kinds share `TGTT`.
    pub fn form_code(self) -> &'static str {
        match self {
            FormOfAid::LitigationDefence | FormOfAid::LitigationProtection => "TGTT",
            FormOfAid::Advice => "TV",
            FormOfAid::OutOfCourtRepresentation => "ĐDNTT",
        }
    }

    pub fn is_litigation(self) -> bool {
        matches!(
            self,
            FormOfAid::LitigationDefence | FormOfAid::LitigationProtection
        )
    }
}

/// Field of law (lĩnh vực): every field but business and commerce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldOfLaw {
    Criminal,
    CivilFamily,
    Administrative,
    Land,
    Labour,
    Other,
}

impl FieldOfLaw {
    pub const ALL: [FieldOfLaw; 6] = [
        FieldOfLaw::Criminal,
        FieldOfLaw::CivilFamily,
        FieldOfLaw::Administrative,
        FieldOfLaw::Land,
        FieldOfLaw::Labour,
        FieldOfLaw::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldOfLaw::Criminal => "criminal",
            FieldOfLaw::CivilFamily => "civil_family",
            FieldOfLaw::Administrative => "administrative",
            FieldOfLaw::Land => "land",
            FieldOfLaw::Labour => "labour",
            FieldOfLaw::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        parse_code(
            &Self::ALL,
            Self::as_str,
            s,
            "case.field_of_law_unknown",
            "field of law",
        )
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            FieldOfLaw::Criminal => "Hình sự",
            FieldOfLaw::CivilFamily => "Dân sự, hôn nhân và gia đình",
            FieldOfLaw::Administrative => "Hành chính",
            FieldOfLaw::Land => "Đất đai",
            FieldOfLaw::Labour => "Lao động",
            FieldOfLaw::Other => "Khác",
        }
    }
}

/// Grounds to refuse a request, given in a written notice (Law 11/2017 Art. 30(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefusalGround {
    /// Not an eligible person or matter.
    NotEligibleMatter,
    /// The request's content is unlawful.
    UnlawfulContent,
    BeneficiaryDied,
    /// Another legal-aid organisation already handles the matter.
    HandledByAnotherOrganisation,
}

impl RefusalGround {
    pub const ALL: [RefusalGround; 4] = [
        RefusalGround::NotEligibleMatter,
        RefusalGround::UnlawfulContent,
        RefusalGround::BeneficiaryDied,
        RefusalGround::HandledByAnotherOrganisation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefusalGround::NotEligibleMatter => "not_eligible_matter",
            RefusalGround::UnlawfulContent => "unlawful_content",
            RefusalGround::BeneficiaryDied => "beneficiary_died",
            RefusalGround::HandledByAnotherOrganisation => "handled_by_another_organisation",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        parse_code(
            &Self::ALL,
            Self::as_str,
            s,
            "case.refusal_ground_unknown",
            "refusal ground",
        )
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            RefusalGround::NotEligibleMatter => {
                "Không thuộc diện người được trợ giúp pháp lý hoặc vụ việc không thuộc phạm vi trợ giúp pháp lý"
            }
            RefusalGround::UnlawfulContent => "Yêu cầu trợ giúp pháp lý có nội dung trái pháp luật",
            RefusalGround::BeneficiaryDied => "Người được trợ giúp pháp lý chết",
            RefusalGround::HandledByAnotherOrganisation => {
                "Vụ việc đã được tổ chức thực hiện trợ giúp pháp lý khác thụ lý"
            }
        }
    }
}

/// Grounds to stop giving aid on an accepted case, given in a written
/// notice (Law 11/2017 Art. 37): any refusal ground, a prohibited act by the
/// beneficiary, or withdrawal of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiscontinuationGround {
    NotEligibleMatter,
    UnlawfulContent,
    BeneficiaryDied,
    HandledByAnotherOrganisation,
    /// Harm to the practitioner, false information, obstruction.
    ProhibitedAct,
    /// The requester withdrew the request.
    Withdrawn,
}

impl DiscontinuationGround {
    pub const ALL: [DiscontinuationGround; 6] = [
        DiscontinuationGround::NotEligibleMatter,
        DiscontinuationGround::UnlawfulContent,
        DiscontinuationGround::BeneficiaryDied,
        DiscontinuationGround::HandledByAnotherOrganisation,
        DiscontinuationGround::ProhibitedAct,
        DiscontinuationGround::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self.as_refusal_ground() {
            Some(ground) => ground.as_str(),
            None if self == DiscontinuationGround::ProhibitedAct => "prohibited_act",
            None => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        parse_code(
            &Self::ALL,
            Self::as_str,
            s,
            "case.discontinuation_ground_unknown",
            "discontinuation ground",
        )
    }

    pub fn label_vi(self) -> &'static str {
        match self.as_refusal_ground() {
            Some(ground) => ground.label_vi(),
            None if self == DiscontinuationGround::ProhibitedAct => {
                "Người được trợ giúp pháp lý thực hiện hành vi bị nghiêm cấm (xâm phạm người thực hiện trợ giúp pháp lý, cung cấp thông tin sai sự thật, cản trở việc trợ giúp pháp lý)"
            }
            None => "Người yêu cầu rút yêu cầu trợ giúp pháp lý",
        }
    }

    /// The Art. 30(3) ground this is, if it is one.
    pub fn as_refusal_ground(self) -> Option<RefusalGround> {
        match self {
            DiscontinuationGround::NotEligibleMatter => Some(RefusalGround::NotEligibleMatter),
            DiscontinuationGround::UnlawfulContent => Some(RefusalGround::UnlawfulContent),
            DiscontinuationGround::BeneficiaryDied => Some(RefusalGround::BeneficiaryDied),
            DiscontinuationGround::HandledByAnotherOrganisation => {
                Some(RefusalGround::HandledByAnotherOrganisation)
            }
            DiscontinuationGround::ProhibitedAct | DiscontinuationGround::Withdrawn => None,
        }
    }
}

impl From<RefusalGround> for DiscontinuationGround {
    fn from(ground: RefusalGround) -> Self {
        match ground {
            RefusalGround::NotEligibleMatter => DiscontinuationGround::NotEligibleMatter,
            RefusalGround::UnlawfulContent => DiscontinuationGround::UnlawfulContent,
            RefusalGround::BeneficiaryDied => DiscontinuationGround::BeneficiaryDied,
            RefusalGround::HandledByAnotherOrganisation => {
                DiscontinuationGround::HandledByAnotherOrganisation
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for f in FormOfAid::ALL {
            assert_eq!(FormOfAid::parse(f.as_str()), Ok(f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
        }
        for f in FieldOfLaw::ALL {
            assert_eq!(FieldOfLaw::parse(f.as_str()), Ok(f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
        }
        for g in RefusalGround::ALL {
            assert_eq!(RefusalGround::parse(g.as_str()), Ok(g));
            assert_eq!(serde_json::to_value(g).unwrap(), g.as_str());
        }
        for g in DiscontinuationGround::ALL {
            assert_eq!(DiscontinuationGround::parse(g.as_str()), Ok(g));
            assert_eq!(serde_json::to_value(g).unwrap(), g.as_str());
        }
        assert_eq!(
            FormOfAid::parse("x").unwrap_err().code,
            "case.form_of_aid_unknown"
        );
        assert_eq!(
            FieldOfLaw::parse("commerce").unwrap_err().code,
            "case.field_of_law_unknown"
        );
    }

    #[test]
    fn form_codes_follow_the_register() {
        let codes: Vec<_> = FormOfAid::ALL.iter().map(|f| f.form_code()).collect();
        assert_eq!(codes, ["TGTT", "TGTT", "TV", "ĐDNTT"]);
        assert!(FormOfAid::LitigationDefence.is_litigation());
        assert!(!FormOfAid::Advice.is_litigation());
    }

    #[test]
    fn every_refusal_ground_also_discontinues() {
        // Law 11/2017 Art. 37: the refusal grounds plus two of its own.
        for g in RefusalGround::ALL {
            let d = DiscontinuationGround::from(g);
            assert_eq!(d.as_refusal_ground(), Some(g));
            assert_eq!(d.as_str(), g.as_str());
            assert_eq!(d.label_vi(), g.label_vi());
        }
        assert_eq!(
            DiscontinuationGround::ProhibitedAct.as_refusal_ground(),
            None
        );
        assert_eq!(DiscontinuationGround::Withdrawn.as_str(), "withdrawn");
    }

    #[test]
    fn labels_are_distinct_and_vietnamese() {
        let labels: HashSet<_> = DiscontinuationGround::ALL
            .iter()
            .map(|g| g.label_vi())
            .collect();
        assert_eq!(labels.len(), 6);
        let labels: HashSet<_> = FieldOfLaw::ALL.iter().map(|f| f.label_vi()).collect();
        assert_eq!(labels.len(), 6);
        assert_eq!(FieldOfLaw::Land.label_vi(), "Đất đai");
    }
}
