//! The texts of notices and mail, Vietnamese first and English second.
//! Dates read dd/mm/yyyy in Vietnamese, times in Vietnam's time zone.
use super::{Language, Notice};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// A notice as a person reads it: a subject line and a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub body: String,
}

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn time(t: DateTime<Utc>) -> String {
    (t + Duration::hours(7))
        .format("%H:%M %d/%m/%Y")
        .to_string()
}

fn code(c: &Option<String>, lang: Language) -> String {
    match (c, lang) {
        (Some(c), _) => c.clone(),
        (None, Language::Vi) => "(chưa có mã)".into(),
        (None, Language::En) => "(no code yet)".into(),
    }
}

impl Notice {
    /// The notice in `lang`. It names the case by its code only.
    pub fn render(&self, lang: Language) -> Message {
        let (subject, body) = match (self, lang) {
            (Notice::CaseAssigned { case_code, on, .. }, Language::Vi) => (
                format!("Vụ việc {} được phân công cho bạn", code(case_code, lang)),
                format!(
                    "Ngày {}, vụ việc {} đã được phân công cho bạn thực hiện. Vui lòng mở hồ sơ vụ việc trên hệ thống TGPL.",
                    date(*on),
                    code(case_code, lang)
                ),
            ),
            (Notice::CaseAssigned { case_code, on, .. }, Language::En) => (
                format!("Case {} assigned to you", code(case_code, lang)),
                format!(
                    "On {}, case {} was assigned to you. Open the case file in TGPL.",
                    date(*on),
                    code(case_code, lang)
                ),
            ),
            (
                Notice::ReassignmentRequested {
                    case_code,
                    answer_due_on,
                    ..
                },
                Language::Vi,
            ) => (
                format!(
                    "Đề nghị thay đổi người thực hiện vụ việc {}",
                    code(case_code, lang)
                ),
                format!(
                    "Người được trợ giúp pháp lý đề nghị thay đổi người thực hiện vụ việc {} (mẫu 04). Hạn trả lời: {}.",
                    code(case_code, lang),
                    date(*answer_due_on)
                ),
            ),
            (
                Notice::ReassignmentRequested {
                    case_code,
                    answer_due_on,
                    ..
                },
                Language::En,
            ) => (
                format!("Request to change the practitioner of case {}", code(case_code, lang)),
                format!(
                    "The beneficiary asked for another practitioner on case {} (form 04). Answer due by {}.",
                    code(case_code, lang),
                    date(*answer_due_on)
                ),
            ),
            (Notice::ProofDue { case_code, due_on, .. }, Language::Vi) => (
                format!("Hạn bổ sung giấy tờ vụ việc {}", code(case_code, lang)),
                format!(
                    "Vụ việc khẩn cấp {} được thụ lý trước, giấy tờ chứng minh diện trợ giúp pháp lý phải bổ sung trước ngày {}.",
                    code(case_code, lang),
                    date(*due_on)
                ),
            ),
            (Notice::ProofDue { case_code, due_on, .. }, Language::En) => (
                format!("Proof due for case {}", code(case_code, lang)),
                format!(
                    "Urgent case {} was accepted with proof of eligibility to follow, due by {}.",
                    code(case_code, lang),
                    date(*due_on)
                ),
            ),
            (
                Notice::HearingSoon {
                    case_code,
                    starts_at,
                    days_ahead,
                    ..
                },
                Language::Vi,
            ) => (
                if *days_ahead == 1 {
                    format!("Ngày mai có phiên tòa vụ việc {}", code(case_code, lang))
                } else {
                    format!(
                        "Còn {days_ahead} ngày đến phiên tòa vụ việc {}",
                        code(case_code, lang)
                    )
                },
                format!(
                    "Phiên tòa của vụ việc {} bắt đầu lúc {}.",
                    code(case_code, lang),
                    time(*starts_at)
                ),
            ),
            (
                Notice::HearingSoon {
                    case_code,
                    starts_at,
                    days_ahead,
                    ..
                },
                Language::En,
            ) => (
                if *days_ahead == 1 {
                    format!("Hearing tomorrow in case {}", code(case_code, lang))
                } else {
                    format!("Hearing in {days_ahead} days in case {}", code(case_code, lang))
                },
                format!(
                    "The hearing of case {} starts at {} (Vietnam time).",
                    code(case_code, lang),
                    time(*starts_at)
                ),
            ),
            (Notice::OnlineRequestArrived { on, .. }, Language::Vi) => (
                "Có yêu cầu trợ giúp pháp lý trực tuyến mới".into(),
                format!(
                    "Ngày {}, một yêu cầu trợ giúp pháp lý gửi qua mạng đã vào hàng chờ tiếp nhận của Trung tâm.",
                    date(*on)
                ),
            ),
            (Notice::OnlineRequestArrived { on, .. }, Language::En) => (
                "A new online legal aid request".into(),
                format!(
                    "On {}, a request filed online arrived in your centre's intake queue.",
                    date(*on)
                ),
            ),
            (Notice::AccountLocked { until }, Language::Vi) => (
                "Tài khoản TGPL của bạn đã bị khóa".into(),
                match until {
                    Some(t) => format!(
                        "Do đăng nhập sai nhiều lần, tài khoản bị khóa tạm thời đến {}. Nếu không phải bạn, hãy báo ngay cho quản trị viên.",
                        time(*t)
                    ),
                    None => "Quản trị viên đã khóa tài khoản của bạn và đóng mọi phiên đăng nhập. Liên hệ quản trị viên để biết thêm.".into(),
                },
            ),
            (Notice::AccountLocked { until }, Language::En) => (
                "Your TGPL account was locked".into(),
                match until {
                    Some(t) => format!(
                        "After repeated failed sign-ins the account is locked until {} (Vietnam time). If this was not you, tell an administrator at once.",
                        time(*t)
                    ),
                    None => "An administrator locked your account and closed every session. Contact an administrator.".into(),
                },
            ),
            (Notice::UserLockedOut { username, until, .. }, Language::Vi) => (
                format!("Tài khoản {username} bị khóa do đăng nhập sai nhiều lần"),
                format!(
                    "Tài khoản {username} bị khóa tạm thời đến {} sau nhiều lần đăng nhập sai. Nếu nghi ngờ bị tấn công, hãy khóa tài khoản và đặt lại mật khẩu.",
                    time(*until)
                ),
            ),
            (Notice::UserLockedOut { username, until, .. }, Language::En) => (
                format!("Account {username} locked after failed sign-ins"),
                format!(
                    "Account {username} is locked until {} (Vietnam time) after repeated failed sign-ins. If you suspect an attack, lock the account and reset its password.",
                    time(*until)
                ),
            ),
            (Notice::PasswordChanged { at }, Language::Vi) => (
                "Mật khẩu TGPL của bạn đã thay đổi".into(),
                format!(
                    "Mật khẩu tài khoản của bạn đã được thay đổi lúc {}. Nếu không phải bạn, hãy báo ngay cho quản trị viên.",
                    time(*at)
                ),
            ),
            (Notice::PasswordChanged { at }, Language::En) => (
                "Your TGPL password was changed".into(),
                format!(
                    "Your account's password was changed at {} (Vietnam time). If this was not you, tell an administrator at once.",
                    time(*at)
                ),
            ),
            (Notice::NewSignIn { at }, Language::Vi) => (
                "Đăng nhập mới vào tài khoản TGPL".into(),
                format!(
                    "Tài khoản của bạn vừa được đăng nhập lúc {}. Nếu không phải bạn, hãy đổi mật khẩu và báo cho quản trị viên.",
                    time(*at)
                ),
            ),
            (Notice::NewSignIn { at }, Language::En) => (
                "New sign-in to your TGPL account".into(),
                format!(
                    "Your account was signed in to at {} (Vietnam time). If this was not you, change your password and tell an administrator.",
                    time(*at)
                ),
            ),
        };
        Message { subject, body }
    }
}

/// The daily digest of `notices` in `lang`.
pub fn digest(day: NaiveDate, notices: &[Notice], lang: Language) -> Message {
    let lines: Vec<String> = notices
        .iter()
        .map(|n| format!("- {}", n.render(lang).subject))
        .collect();
    match lang {
        Language::Vi => Message {
            subject: format!("TGPL: tổng hợp thông báo ngày {}", date(day)),
            body: format!(
                "Các thông báo của bạn trong ngày {} ({}):\n{}\n",
                date(day),
                notices.len(),
                lines.join("\n")
            ),
        },
        Language::En => Message {
            subject: format!("TGPL: your notices of {}", date(day)),
            body: format!(
                "Your notices of {} ({}):\n{}\n",
                date(day),
                notices.len(),
                lines.join("\n")
            ),
        },
    }
}
