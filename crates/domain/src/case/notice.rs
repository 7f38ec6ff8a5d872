//! Written notices a request produces: the answer on completeness (what is
//! missing) and the refusal with its ground (Law 11/2017 Art. 30), and the
//! notice that aid is discontinued (Art. 37). The text is built here, in
//! Vietnamese, so every channel (print, SPA, e-mail) says the same.
use super::{CaseRecord, DiscontinuationGround, RefusalGround};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Thông báo bổ sung hồ sơ.
    SupplementRequired,
    /// Thông báo từ chối thụ lý (Art. 30(3)).
    Refusal,
    /// Thông báo không tiếp tục thực hiện trợ giúp pháp lý (Art. 37).
    Discontinuation,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::SupplementRequired => "supplement_required",
            NoticeKind::Refusal => "refusal",
            NoticeKind::Discontinuation => "discontinuation",
        }
    }

    pub fn parse(s: &str) -> Result<Self, crate::ParseError> {
        [
            NoticeKind::SupplementRequired,
            NoticeKind::Refusal,
            NoticeKind::Discontinuation,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| {
            crate::ParseError::new(
                "case.notice_kind_unknown",
                format!("unknown notice kind '{s}'"),
            )
        })
    }

    pub fn title_vi(self) -> &'static str {
        match self {
            NoticeKind::SupplementRequired => {
                "Thông báo về việc bổ sung hồ sơ yêu cầu trợ giúp pháp lý"
            }
            NoticeKind::Refusal => "Thông báo về việc từ chối thụ lý vụ việc trợ giúp pháp lý",
            NoticeKind::Discontinuation => {
                "Thông báo về việc không tiếp tục thực hiện trợ giúp pháp lý"
            }
        }
    }
}

fn addressee(case: &CaseRecord) -> String {
    case.beneficiary()
        .map(|b| b.full_name.clone())
        .unwrap_or_else(|| "người yêu cầu trợ giúp pháp lý".to_owned())
}

fn date_vi(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The body of a notice asking for the documents still missing.
pub fn supplement_text(case: &CaseRecord, missing: &[String], issued_on: NaiveDate) -> String {
    let list: Vec<String> = missing.iter().map(|m| format!("- {m}")).collect();
    format!(
        "Kính gửi: {}.\nNgày {}, tổ chức thực hiện trợ giúp pháp lý đã nhận yêu cầu trợ giúp pháp lý của Ông/Bà. \
         Hồ sơ chưa đầy đủ; đề nghị Ông/Bà bổ sung các giấy tờ sau:\n{}\n(Thông báo lập ngày {}.)",
        addressee(case),
        date_vi(case.request_date),
        list.join("\n"),
        date_vi(issued_on)
    )
}

/// The body of a refusal, naming the ground of Art. 30(3).
pub fn refusal_text(case: &CaseRecord, ground: RefusalGround, issued_on: NaiveDate) -> String {
    format!(
        "Kính gửi: {}.\nYêu cầu trợ giúp pháp lý nhận ngày {} không được thụ lý với lý do: {} \
         (khoản 3 Điều 30 Luật Trợ giúp pháp lý).\n(Thông báo lập ngày {}.)",
        addressee(case),
        date_vi(case.request_date),
        ground.label_vi(),
        date_vi(issued_on)
    )
}

/// The body of a discontinuation notice, naming the ground of Art. 37.
pub fn discontinuation_text(
    case: &CaseRecord,
    ground: DiscontinuationGround,
    issued_on: NaiveDate,
) -> String {
    format!(
        "Kính gửi: {}.\nTổ chức thực hiện trợ giúp pháp lý không tiếp tục thực hiện trợ giúp pháp lý đối với vụ việc {} \
         với lý do: {} (Điều 37 Luật Trợ giúp pháp lý).\n(Thông báo lập ngày {}.)",
        addressee(case),
        case.code
            .as_ref()
            .map_or_else(|| "(chưa thụ lý)".to_owned(), ToString::to_string),
        ground.label_vi(),
        date_vi(issued_on)
    )
}

/// A notice body with the issuer's own explanation added after the ground.
pub fn with_details(body: &str, details: &str) -> String {
    format!("{body}\nLý do cụ thể: {}", details.trim())
}

/// A written notice issued on a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub id: uuid::Uuid,
    pub case_id: uuid::Uuid,
    pub kind: NoticeKind,
    pub issued_on: NaiveDate,
    pub title: String,
    pub body: String,
    pub issued_by: Option<uuid::Uuid>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_vietnamese_way() {
        assert_eq!(
            date_vi(NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()),
            "09/03/2026"
        );
    }
}
