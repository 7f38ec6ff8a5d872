//! The eligibility categories of Law 11/2017 Art. 7 as amended, with the
//! proof documents of Circular 08/2017/TT-BTP Art. 33 (amended 03/2021).
//!
//! Reference data: the migration loads it into the eligibility-category
//! table, where the national admin edits it when the law changes.
use super::Category;
use crate::calendar::ymd;
use crate::case::ProceduralRole;
use chrono::NaiveDate;
use std::borrow::Cow;

/// Law 11/2017/QH14 took effect.
const LAW_11_2017: NaiveDate = ymd(2018, 1, 1);
/// Law 53/2024/QH15 Art. 61 took effect (adds 6a, repeals 7(g)).
const LAW_53_2024: NaiveDate = ymd(2025, 7, 1);
/// Law 59/2024/QH15 Art. 177 took effect (rewrites 5, repeals 7(đ)).
const LAW_59_2024: NaiveDate = ymd(2026, 1, 1);

macro_rules! s {
    ($text:expr) => {
        Cow::Borrowed($text)
    };
}

macro_rules! docs {
    ($($doc:literal),+ $(,)?) => {
        Cow::Borrowed(&[$(Cow::Borrowed($doc)),+])
    };
}

/// Either document proves financial hardship (Decree 144/2017 Art. 2):
/// a near-poor household, or a monthly social allowance.
pub const FINANCIAL_HARDSHIP_PROOF: [&str; 2] = [
    "Giấy chứng nhận hộ cận nghèo",
    "Quyết định hưởng trợ cấp xã hội hằng tháng",
];

/// A category open to anyone whatever their procedural role.
const NO_ROLES: Cow<'static, [ProceduralRole]> = Cow::Borrowed(&[]);

/// Clause 5 before Law 59/2024: accused persons only.
const ACCUSED: Cow<'static, [ProceduralRole]> = Cow::Borrowed(&[ProceduralRole::Accused]);

/// Clause 5 from 2026-01-01 (Law 59/2024/QH15 Art. 177).
const CLAUSE_5_ROLES: Cow<'static, [ProceduralRole]> = Cow::Borrowed(&[
    ProceduralRole::Reported,
    ProceduralRole::HeldInEmergency,
    ProceduralRole::Accused,
    ProceduralRole::Victim,
    ProceduralRole::Witness,
    ProceduralRole::UnderDiversion,
    ProceduralRole::Prisoner,
]);

const VICTIM: Cow<'static, [ProceduralRole]> = Cow::Borrowed(&[ProceduralRole::Victim]);

/// Every version of every category, in the order of Art. 7.
pub const CATEGORIES: &[Category] = &[
    Category {
        code: s!("1"),
        clause: s!("1"),
        label_vi: s!("Người có công với cách mạng"),
        label_en: s!("Persons with revolutionary merit"),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: false,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs![
            "Giấy chứng nhận người có công với cách mạng",
            "Quyết định hưởng trợ cấp, phụ cấp ưu đãi người có công",
        ],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 1"),
    },
    Category {
        code: s!("2"),
        clause: s!("2"),
        label_vi: s!("Người thuộc hộ nghèo"),
        label_en: s!("Members of poor households"),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: false,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs!["Giấy xác nhận hộ nghèo", "Giấy chứng nhận hộ nghèo"],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 2"),
    },
    Category {
        code: s!("3"),
        clause: s!("3"),
        label_vi: s!("Trẻ em"),
        label_en: s!("Children (under 16)"),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: false,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: Some(16),
        proof_documents: docs![
            "Giấy khai sinh",
            "Thẻ căn cước hoặc hộ chiếu",
            "Giấy tờ khác chứng minh độ tuổi",
        ],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 3"),
    },
    Category {
        code: s!("4"),
        clause: s!("4"),
        label_vi: s!(
            "Người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn"
        ),
        label_en: s!(
            "Ethnic minorities living in areas with especially difficult socio-economic conditions"
        ),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: false,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs![
            "Giấy tờ chứng minh là người dân tộc thiểu số",
            "Giấy tờ chứng minh nơi cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn",
        ],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 4"),
    },
    Category {
        code: s!("5"),
        clause: s!("5"),
        label_vi: s!("Người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi"),
        label_en: s!("Accused persons aged 16 to under 18"),
        valid_from: LAW_11_2017,
        valid_to: Some(ymd(2025, 12, 31)),
        requires_financial_hardship: false,
        procedural_roles: ACCUSED,
        min_age: Some(16),
        age_under: Some(18),
        proof_documents: docs![
            "Văn bản tố tụng xác định là người bị buộc tội",
            "Giấy tờ chứng minh độ tuổi",
        ],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 5"),
    },
    Category {
        code: s!("5"),
        clause: s!("5"),
        label_vi: s!(
            "Người từ đủ 16 tuổi đến dưới 18 tuổi là người bị tố giác, báo tin về tội phạm, \
             bị giữ trong trường hợp khẩn cấp, bị buộc tội, bị hại, người làm chứng, \
             người được áp dụng biện pháp xử lý chuyển hướng hoặc người chấp hành án phạt tù"
        ),
        label_en: s!(
            "Persons aged 16 to under 18 who are reported, held in emergency, accused, victims, witnesses, under diversion or serving a sentence"
        ),
        valid_from: LAW_59_2024,
        valid_to: None,
        requires_financial_hardship: false,
        procedural_roles: CLAUSE_5_ROLES,
        min_age: Some(16),
        age_under: Some(18),
        proof_documents: docs![
            "Văn bản của cơ quan có thẩm quyền xác định tư cách tố tụng hoặc biện pháp đang áp dụng",
            "Giấy tờ chứng minh độ tuổi",
        ],
        source: s!("Luật 59/2024/QH15 Điều 177"),
    },
    Category {
        code: s!("6"),
        clause: s!("6"),
        label_vi: s!("Người bị buộc tội thuộc hộ cận nghèo"),
        label_en: s!("Accused persons of near-poor households"),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: false,
        procedural_roles: ACCUSED,
        min_age: None,
        age_under: None,
        proof_documents: docs![
            "Giấy chứng nhận hộ cận nghèo",
            "Văn bản tố tụng xác định là người bị buộc tội",
        ],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 6"),
    },
    Category {
        code: s!("6a"),
        clause: s!("6a"),
        label_vi: s!(
            "Nạn nhân, người đang trong quá trình xác định là nạn nhân của hành vi mua bán người \
             và người dưới 18 tuổi đi cùng"
        ),
        label_en: s!(
            "Victims, or persons being identified as victims, of human trafficking, and the minors with them"
        ),
        valid_from: LAW_53_2024,
        valid_to: None,
        requires_financial_hardship: false,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs![
            "Giấy xác nhận nạn nhân mua bán người",
            "Văn bản của cơ quan có thẩm quyền về việc đang xác định là nạn nhân",
            "Giấy tờ chứng minh độ tuổi của người dưới 18 tuổi đi cùng",
        ],
        source: s!("Luật 53/2024/QH15 Điều 61"),
    },
    Category {
        code: s!("7a"),
        clause: s!("7a"),
        label_vi: s!(
            "Cha đẻ, mẹ đẻ, vợ, chồng, con của liệt sĩ và người có công nuôi dưỡng \
             khi liệt sĩ còn nhỏ, có khó khăn về tài chính"
        ),
        label_en: s!(
            "Parents, spouse and children of fallen soldiers, and those who raised them, with financial hardship"
        ),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: true,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs![
            "Giấy chứng nhận gia đình liệt sĩ",
            "Giấy tờ chứng minh quan hệ với liệt sĩ hoặc việc nuôi dưỡng liệt sĩ",
        ],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 7 điểm a"),
    },
    Category {
        code: s!("7b"),
        clause: s!("7b"),
        label_vi: s!("Người nhiễm chất độc da cam có khó khăn về tài chính"),
        label_en: s!("Agent Orange victims with financial hardship"),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: true,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs!["Giấy tờ xác nhận nhiễm chất độc da cam"],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 7 điểm b"),
    },
    Category {
        code: s!("7c"),
        clause: s!("7c"),
        label_vi: s!("Người cao tuổi có khó khăn về tài chính"),
        label_en: s!("Elderly persons with financial hardship"),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: true,
        procedural_roles: NO_ROLES,
        min_age: Some(60),
        age_under: None,
        proof_documents: docs!["Thẻ căn cước hoặc giấy tờ khác chứng minh độ tuổi"],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 7 điểm c"),
    },
    Category {
        code: s!("7d"),
        clause: s!("7d"),
        label_vi: s!("Người khuyết tật có khó khăn về tài chính"),
        label_en: s!("Persons with disabilities with financial hardship"),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: true,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs!["Giấy xác nhận khuyết tật"],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 7 điểm d"),
    },
    Category {
        code: s!("7dd"),
        clause: s!("7đ"),
        label_vi: s!(
            "Người từ đủ 13 tuổi đến dưới 18 tuổi là bị hại trong vụ án hình sự \
             có khó khăn về tài chính"
        ),
        label_en: s!("Victims aged 13 to under 18 in criminal cases, with financial hardship"),
        valid_from: LAW_11_2017,
        valid_to: Some(ymd(2025, 12, 31)),
        requires_financial_hardship: true,
        procedural_roles: VICTIM,
        min_age: Some(13),
        age_under: Some(18),
        proof_documents: docs![
            "Văn bản tố tụng xác định là bị hại",
            "Giấy tờ chứng minh độ tuổi",
        ],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 7 điểm đ"),
    },
    Category {
        code: s!("7e"),
        clause: s!("7e"),
        label_vi: s!("Nạn nhân trong vụ việc bạo lực gia đình có khó khăn về tài chính"),
        label_en: s!("Victims of domestic violence with financial hardship"),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: true,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs![
            "Văn bản của cơ quan có thẩm quyền xác định là nạn nhân bạo lực gia đình"
        ],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 7 điểm e"),
    },
    Category {
        code: s!("7g"),
        clause: s!("7g"),
        label_vi: s!("Nạn nhân của hành vi mua bán người có khó khăn về tài chính"),
        label_en: s!("Victims of human trafficking with financial hardship"),
        valid_from: LAW_11_2017,
        valid_to: Some(ymd(2025, 6, 30)),
        requires_financial_hardship: true,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs!["Giấy xác nhận nạn nhân mua bán người"],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 7 điểm g"),
    },
    Category {
        code: s!("7h"),
        clause: s!("7h"),
        label_vi: s!("Người nhiễm HIV có khó khăn về tài chính"),
        label_en: s!("Persons living with HIV with financial hardship"),
        valid_from: LAW_11_2017,
        valid_to: None,
        requires_financial_hardship: true,
        procedural_roles: NO_ROLES,
        min_age: None,
        age_under: None,
        proof_documents: docs!["Giấy tờ chứng minh nhiễm HIV (kết quả xét nghiệm, bệnh án)"],
        source: s!("Luật 11/2017/QH14 Điều 7 khoản 7 điểm h"),
    },
];
