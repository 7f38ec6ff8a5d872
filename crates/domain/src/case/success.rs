//! "Successful" litigation cases (vụ việc tham gia tố tụng thành công),
//! assessed at conclusion against the numbered criteria of Decision
//! 1179/QĐ-BTP (2022), grouped criminal / civil / administrative, with the
//! court's or procedural authority's decision as evidence (DOMAIN §7).
//!
//! The wording below summarises the criteria; it is reference data the
//! national department confirms against the decision's text (the list is
//! served at `GET /reference/success-criteria`), not a rule of code.
use super::rules::RuleError;
use super::{CaseRecord, FieldOfLaw};
use serde::{Deserialize, Serialize};

/// The three groups of Decision 1179.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuccessGroup {
    Criminal,
    Civil,
    Administrative,
}

impl SuccessGroup {
    /// The group a field of law is judged in: criminal and administrative
    /// cases by their own group, every other field by the civil one.
    pub fn of_field(field: FieldOfLaw) -> Self {
        match field {
            FieldOfLaw::Criminal => Self::Criminal,
            FieldOfLaw::Administrative => Self::Administrative,
            FieldOfLaw::CivilFamily | FieldOfLaw::Land | FieldOfLaw::Labour | FieldOfLaw::Other => {
                Self::Civil
            }
        }
    }
}

/// One numbered criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SuccessCriterion {
    /// Stable code, e.g. `criminal.2`.
    pub code: &'static str,
    pub group: SuccessGroup,
    pub number: u8,
    pub label_vi: &'static str,
}

const fn c(
    code: &'static str,
    group: SuccessGroup,
    number: u8,
    label_vi: &'static str,
) -> SuccessCriterion {
    SuccessCriterion {
        code,
        group,
        number,
        label_vi,
    }
}

use SuccessGroup::{Administrative as A, Civil as C, Criminal as K};

/// Decision 1179/QĐ-BTP (2022), summarised.
pub const CRITERIA: [SuccessCriterion; 13] = [
    c(
        "criminal.1",
        K,
        1,
        "Cơ quan có thẩm quyền đình chỉ điều tra, đình chỉ vụ án hoặc Tòa án tuyên người được TGPL không phạm tội",
    ),
    c(
        "criminal.2",
        K,
        2,
        "Người được TGPL bị truy tố, xét xử về tội danh nhẹ hơn hoặc theo khung hình phạt nhẹ hơn so với cáo trạng",
    ),
    c(
        "criminal.3",
        K,
        3,
        "Tòa án tuyên mức hình phạt nhẹ hơn mức Viện kiểm sát đề nghị, miễn hình phạt, hoặc cho hưởng án treo, hình phạt không phải tù",
    ),
    c(
        "criminal.4",
        K,
        4,
        "Cơ quan tiến hành tố tụng chấp nhận đề nghị của người thực hiện TGPL về trả hồ sơ điều tra bổ sung, thay đổi biện pháp ngăn chặn hoặc thu thập chứng cứ có lợi",
    ),
    c(
        "criminal.5",
        K,
        5,
        "Bị hại, đương sự được TGPL được bồi thường, bảo vệ quyền lợi theo đề nghị của người thực hiện TGPL",
    ),
    c(
        "civil.1",
        C,
        1,
        "Tòa án chấp nhận toàn bộ hoặc một phần yêu cầu của người được TGPL",
    ),
    c(
        "civil.2",
        C,
        2,
        "Tòa án bác toàn bộ hoặc một phần yêu cầu của bên đối lập với người được TGPL",
    ),
    c(
        "civil.3",
        C,
        3,
        "Các bên hòa giải thành, thỏa thuận được với nội dung có lợi cho người được TGPL",
    ),
    c(
        "civil.4",
        C,
        4,
        "Người khởi kiện rút yêu cầu hoặc vụ án được đình chỉ theo hướng có lợi cho người được TGPL",
    ),
    c(
        "administrative.1",
        A,
        1,
        "Tòa án tuyên hủy toàn bộ hoặc một phần quyết định hành chính, hành vi hành chính bị khởi kiện",
    ),
    c(
        "administrative.2",
        A,
        2,
        "Người bị kiện sửa đổi, hủy bỏ quyết định hành chính hoặc chấm dứt hành vi hành chính bị khởi kiện",
    ),
    c(
        "administrative.3",
        A,
        3,
        "Tòa án buộc bồi thường thiệt hại hoặc thực hiện nhiệm vụ, công vụ theo yêu cầu của người được TGPL",
    ),
    c(
        "administrative.4",
        A,
        4,
        "Các bên đối thoại thành hoặc người khởi kiện được đáp ứng yêu cầu, vụ án được đình chỉ",
    ),
];

pub fn criterion(code: &str) -> Option<&'static SuccessCriterion> {
    CRITERIA.iter().find(|c| c.code == code)
}

/// A success assessment as recorded on the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SuccessAssessment {
    /// The criterion met, e.g. `criminal.3`.
    pub criterion: String,
    /// The decision that shows it: its number, date and issuing body.
    pub evidence: String,
    /// The decision's scan among the case documents, when uploaded.
    pub evidence_document_id: Option<uuid::Uuid>,
}

fn field(field: &'static str, code: &'static str, message: impl Into<String>) -> RuleError {
    RuleError {
        code,
        field: Some(field),
        message: message.into(),
    }
}

/// Checks a success claim made when a case is concluded: litigation only,
/// a criterion of the group the case's field belongs to, and the decision
/// named as evidence.
pub fn check_success(case: &CaseRecord, claim: &SuccessAssessment) -> Result<(), RuleError> {
    if !case.form_of_aid.is_litigation() {
        return Err(RuleError {
            code: "case.success_not_litigation",
            field: Some("success"),
            message: "only litigation cases (defence or protection) are assessed as successful"
                .into(),
        });
    }
    let Some(found) = criterion(claim.criterion.trim()) else {
        return Err(field(
            "success.criterion",
            "case.success_criterion_unknown",
            "not a criterion of Decision 1179 (see /api/v1/reference/success-criteria)",
        ));
    };
    let group = SuccessGroup::of_field(case.field_of_law);
    if found.group != group {
        return Err(field(
            "success.criterion",
            "case.success_criterion_wrong_group",
            format!(
                "a {} case is assessed against the {:?} criteria",
                case.field_of_law.as_str(),
                group
            )
            .to_lowercase(),
        ));
    }
    if claim.evidence.trim().chars().count() < 5 {
        return Err(field(
            "success.evidence",
            "required",
            "name the decision that shows it (number, date, issuing body)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{CaseState, FormOfAid};

    fn claim(criterion: &str) -> SuccessAssessment {
        SuccessAssessment {
            criterion: criterion.into(),
            evidence: "Bản án số 15/2026/HS-ST ngày 12/3/2026 của TAND khu vực 1 Hà Nội".into(),
            evidence_document_id: None,
        }
    }

    fn case(form: FormOfAid, field: FieldOfLaw) -> CaseRecord {
        let mut c = crate::case::record::tests_support::sample(CaseState::InProgress);
        c.form_of_aid = form;
        c.field_of_law = field;
        c
    }

    #[test]
    fn criteria_are_numbered_within_their_groups_and_codes_are_unique() {
        let mut codes: Vec<&str> = CRITERIA.iter().map(|c| c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), CRITERIA.len());
        for c in CRITERIA {
            let prefix = match c.group {
                SuccessGroup::Criminal => "criminal",
                SuccessGroup::Civil => "civil",
                SuccessGroup::Administrative => "administrative",
            };
            assert_eq!(c.code, format!("{prefix}.{}", c.number));
        }
    }

    #[test]
    fn a_claim_must_fit_the_form_the_field_and_name_its_evidence() {
        let defence = case(FormOfAid::LitigationDefence, FieldOfLaw::Criminal);
        assert_eq!(check_success(&defence, &claim("criminal.3")), Ok(()));
        assert_eq!(
            check_success(&defence, &claim("civil.1")).unwrap_err().code,
            "case.success_criterion_wrong_group"
        );
        assert_eq!(
            check_success(&defence, &claim("criminal.9"))
                .unwrap_err()
                .code,
            "case.success_criterion_unknown"
        );
        let mut no_evidence = claim("criminal.1");
        no_evidence.evidence = " ".into();
        assert_eq!(
            check_success(&defence, &no_evidence).unwrap_err().field,
            Some("success.evidence")
        );
        let land = case(FormOfAid::LitigationProtection, FieldOfLaw::Land);
        assert_eq!(check_success(&land, &claim("civil.3")), Ok(()));
        let advice = case(FormOfAid::Advice, FieldOfLaw::Land);
        assert_eq!(
            check_success(&advice, &claim("civil.3")).unwrap_err().code,
            "case.success_not_litigation"
        );
    }
}
