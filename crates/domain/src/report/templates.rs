//! The templates of Circular 03/2019/TT-BTP (forms 24 and 25), loaded into
//! the `report_templates` table on first start. Circulars 16/2025 and
//! 17/2025 are added as new rows with their own dates, not here.
use super::{ColumnDef, ColumnRule, FormKind, RowDef, Template};
use crate::case::{FieldOfLaw, FormOfAid, ProceduralRole};
use crate::{OrgKind, PractitionerKind};
use chrono::NaiveDate;

const FIELDS: [(FieldOfLaw, &str); 6] = [
    (FieldOfLaw::Criminal, "Pháp luật hình sự"),
    (
        FieldOfLaw::CivilFamily,
        "Pháp luật dân sự, hôn nhân và gia đình",
    ),
    (FieldOfLaw::Administrative, "Pháp luật hành chính"),
    (FieldOfLaw::Land, "Pháp luật đất đai"),
    (FieldOfLaw::Labour, "Pháp luật lao động"),
    (FieldOfLaw::Other, "Lĩnh vực pháp luật khác"),
];

/// Total, then each field split by form of aid, litigation split into
/// defence and protection of rights (DOMAIN §5, §8).
fn rows() -> Vec<RowDef> {
    let row =
        |number: String, label: &str, fields: Vec<FieldOfLaw>, forms: Vec<FormOfAid>| RowDef {
            number,
            label_vi: label.to_owned(),
            fields,
            forms,
        };
    let mut rows = vec![row(String::new(), "Tổng số", vec![], vec![])];
    for (i, (field, label)) in FIELDS.into_iter().enumerate() {
        let n = i + 1;
        let f = || vec![field];
        rows.push(row(n.to_string(), label, f(), vec![]));
        rows.push(row(
            format!("{n}.1"),
            "Tư vấn pháp luật",
            f(),
            vec![FormOfAid::Advice],
        ));
        rows.push(row(
            format!("{n}.2"),
            "Tham gia tố tụng",
            f(),
            vec![
                FormOfAid::LitigationDefence,
                FormOfAid::LitigationProtection,
            ],
        ));
        rows.push(row(
            format!("{n}.2.1"),
            "Bào chữa",
            f(),
            vec![FormOfAid::LitigationDefence],
        ));
        rows.push(row(
            format!("{n}.2.2"),
            "Bảo vệ quyền và lợi ích hợp pháp",
            f(),
            vec![FormOfAid::LitigationProtection],
        ));
        rows.push(row(
            format!("{n}.3"),
            "Đại diện ngoài tố tụng",
            f(),
            vec![FormOfAid::OutOfCourtRepresentation],
        ));
    }
    rows
}

fn col(number: u16, label: &str, group: Option<&str>, count: ColumnRule) -> ColumnDef {
    ColumnDef {
        number,
        label_vi: label.to_owned(),
        group_vi: group.map(str::to_owned),
        count,
    }
}

fn categories(codes: &[&str]) -> ColumnRule {
    ColumnRule::Categories {
        all_of: codes.iter().map(|c| (*c).to_owned()).collect(),
        roles: vec![],
        or_unrecorded_role: false,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Biểu số 24/BTP/TGPL: persons aided, 18 numbered columns.
pub fn form24_circular_03_2019() -> Template {
    const SEX: Option<&str> = Some("Chia theo giới tính");
    const GROUP: Option<&str> = Some("Chia theo diện người được trợ giúp pháp lý");
    const HARDSHIP: Option<&str> = Some("Người có khó khăn về tài chính");
    let clause5 = |role: ProceduralRole, or_unrecorded_role: bool| ColumnRule::Categories {
        all_of: vec!["5".to_owned()],
        roles: vec![role],
        or_unrecorded_role,
    };
    Template {
        id: "24/03-2019".to_owned(),
        form: FormKind::PersonsAided,
        valid_from: date(2019, 5, 10),
        valid_to: None,
        code_vi: "Biểu số 24/BTP/TGPL".to_owned(),
        title_vi: "Số lượt người đã được trợ giúp pháp lý".to_owned(),
        unit_vi: "Đơn vị tính: Lượt người".to_owned(),
        source: "Thông tư 03/2019/TT-BTP".to_owned(),
        rows: rows(),
        columns: vec![
            col(1, "Tổng số", None, ColumnRule::All),
            col(
                2,
                "Nam",
                SEX,
                ColumnRule::Sex {
                    sex: "male".to_owned(),
                },
            ),
            col(
                3,
                "Nữ",
                SEX,
                ColumnRule::Sex {
                    sex: "female".to_owned(),
                },
            ),
            col(4, "Người có công với cách mạng", GROUP, categories(&["1"])),
            col(5, "Người thuộc hộ nghèo", GROUP, categories(&["2"])),
            col(
                6,
                "Người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn",
                GROUP,
                categories(&["4"]),
            ),
            col(
                7,
                "Người thuộc hộ nghèo đồng thời là người dân tộc thiểu số",
                GROUP,
                categories(&["2", "4"]),
            ),
            col(8, "Trẻ em", GROUP, categories(&["3"])),
            col(
                9,
                "Người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi",
                GROUP,
                clause5(ProceduralRole::Accused, true),
            ),
            col(
                10,
                "Người bị buộc tội thuộc hộ cận nghèo",
                GROUP,
                categories(&["6"]),
            ),
            col(
                11,
                "Cha đẻ, mẹ đẻ, vợ, chồng, con của liệt sĩ và người có công nuôi dưỡng khi liệt sĩ còn nhỏ",
                HARDSHIP,
                categories(&["7a"]),
            ),
            col(
                12,
                "Người nhiễm chất độc da cam",
                HARDSHIP,
                categories(&["7b"]),
            ),
            col(13, "Người cao tuổi", HARDSHIP, categories(&["7c"])),
            col(14, "Người khuyết tật", HARDSHIP, categories(&["7d"])),
            col(
                15,
                "Người từ đủ 16 tuổi đến dưới 18 tuổi là bị hại trong vụ án hình sự",
                HARDSHIP,
                clause5(ProceduralRole::Victim, false),
            ),
            col(
                16,
                "Nạn nhân trong vụ việc bạo lực gia đình",
                HARDSHIP,
                categories(&["7e"]),
            ),
            col(
                17,
                "Nạn nhân của hành vi mua bán người",
                HARDSHIP,
                categories(&["6a"]),
            ),
            col(18, "Người nhiễm HIV", HARDSHIP, categories(&["7h"])),
        ],
    }
}

/// Biểu số 25/BTP/TGPL: legal-aid cases handled, by practitioner and by
/// how the practitioner was assigned.
pub fn form25_circular_03_2019() -> Template {
    use PractitionerKind as P;
    const WITHIN: Option<&str> = Some("Trong đó");
    const BY_WHO: Option<&str> = Some("Chia theo người thực hiện");
    const BY_HOW: Option<&str> = Some("Chia theo hình thức cử người thực hiện");
    let kinds = |kinds: Vec<PractitionerKind>| ColumnRule::Practitioners {
        kinds,
        organisations: vec![],
    };
    Template {
        id: "25/03-2019".to_owned(),
        form: FormKind::Cases,
        valid_from: date(2019, 5, 10),
        valid_to: None,
        code_vi: "Biểu số 25/BTP/TGPL".to_owned(),
        title_vi: "Số vụ việc trợ giúp pháp lý".to_owned(),
        unit_vi: "Đơn vị tính: Vụ việc".to_owned(),
        source: "Thông tư 03/2019/TT-BTP".to_owned(),
        rows: rows(),
        columns: vec![
            col(
                1,
                "Tổng số vụ việc thực hiện trong kỳ",
                None,
                ColumnRule::All,
            ),
            col(2, "Kỳ trước chuyển sang", WITHIN, ColumnRule::CarriedOver),
            col(
                3,
                "Thụ lý mới trong kỳ",
                WITHIN,
                ColumnRule::AcceptedInPeriod,
            ),
            col(
                4,
                "Trợ giúp viên pháp lý",
                BY_WHO,
                kinds(vec![P::LegalAidOfficer]),
            ),
            col(
                5,
                "Luật sư",
                BY_WHO,
                kinds(vec![
                    P::CentreContractLawyer,
                    P::ContractedOrgLawyer,
                    P::RegisteredOrgLawyer,
                ]),
            ),
            col(
                6,
                "Tư vấn viên pháp luật",
                BY_WHO,
                kinds(vec![P::LegalConsultant]),
            ),
            col(7, "Cộng tác viên", BY_WHO, kinds(vec![P::Collaborator])),
            col(
                8,
                "Luật sư ký hợp đồng với Trung tâm",
                BY_HOW,
                kinds(vec![P::CentreContractLawyer]),
            ),
            col(
                9,
                "Tổ chức thực hiện trợ giúp pháp lý cử",
                BY_HOW,
                ColumnRule::Practitioners {
                    kinds: vec![
                        P::LegalAidOfficer,
                        P::ContractedOrgLawyer,
                        P::RegisteredOrgLawyer,
                        P::LegalConsultant,
                        P::Collaborator,
                    ],
                    organisations: vec![OrgKind::Centre, OrgKind::Branch, OrgKind::ContractedOrg],
                },
            ),
            col(
                10,
                "Tổ chức đăng ký tham gia trợ giúp pháp lý cử",
                BY_HOW,
                ColumnRule::Practitioners {
                    kinds: vec![],
                    organisations: vec![OrgKind::RegisteredOrg],
                },
            ),
            col(
                11,
                "Số vụ việc đã kết thúc trong kỳ",
                None,
                ColumnRule::Concluded,
            ),
        ],
    }
}

/// Every template shipped with the system.
pub fn default_templates() -> Vec<Template> {
    vec![form24_circular_03_2019(), form25_circular_03_2019()]
}
