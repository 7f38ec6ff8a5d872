//! The case file as one self-contained HTML page (no script, no external
//! asset) in Vietnamese: what a reader of the archive opens first.
use super::Names;
use tgpl_domain::case::document::Document;
use tgpl_domain::case::notice::Notice;
use tgpl_domain::case::{CaseFile, RecordedEvent};
use tgpl_domain::eligibility;

/// Escapes text for HTML element content and attribute values.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn moment(t: chrono::DateTime<chrono::Utc>) -> String {
    let local = t + chrono::Duration::hours(tgpl_domain::calendar::VIETNAM_UTC_OFFSET_HOURS);
    local.format("%d/%m/%Y %H:%M").to_string()
}

/// A two-column table of label and value; empty values are left out.
fn facts(rows: &[(&str, String)]) -> String {
    let mut out = String::from("<table class=\"facts\">");
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            esc(label),
            esc(value)
        ));
    }
    out.push_str("</table>");
    out
}

/// A table with a header row; every cell is escaped.
fn table(head: &[&str], rows: Vec<Vec<String>>) -> String {
    if rows.is_empty() {
        return "<p class=\"none\">Không có.</p>".to_owned();
    }
    let mut out = String::from("<table><thead><tr>");
    for h in head {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for cell in r {
            out.push_str(&format!("<td>{}</td>", esc(&cell)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

const STYLE: &str = "body{font-family:'Times New Roman',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#111}\
h1{text-align:center;font-size:1.4rem;text-transform:uppercase}h2{font-size:1.1rem;border-bottom:1px solid #999;margin-top:2rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}\
.facts th{width:30%;background:#f3f3f3}.summary,.notice{white-space:pre-wrap}.none{color:#555}.sum{font-family:monospace;font-size:.8rem;word-break:break-all}\
footer{margin-top:2rem;font-size:.9rem;color:#333}";

/// Where each document went in the archive (`None`: withdrawn, listed only).
pub(super) struct Filed<'a> {
    pub doc: &'a Document,
    pub path: Option<String>,
}

/// The whole page.
pub(super) fn render(
    file: &CaseFile,
    timeline: &[RecordedEvent],
    notices: &[Notice],
    documents: &[Filed<'_>],
    names: &Names,
    exported: (chrono::DateTime<chrono::Utc>, &str),
) -> String {
    let c = &file.case;
    let code = c.code.as_ref().map(ToString::to_string).unwrap_or_default();
    let practitioner = |id: Option<uuid::Uuid>| {
        id.and_then(|p| names.practitioners.get(&p).cloned())
            .unwrap_or_default()
    };
    let user = |id: Option<uuid::Uuid>| {
        id.and_then(|u| names.users.get(&u).cloned())
            .unwrap_or_default()
    };
    let categories = c
        .eligibility_codes
        .iter()
        .map(|code| match eligibility::category(code, c.request_date) {
            Ok(cat) => format!("{} ({})", cat.label_vi, cat.clause),
            Err(_) => code.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Hồ sơ vụ việc {}</title><style>{STYLE}</style></head><body>",
        esc(if code.is_empty() {
            "chưa thụ lý"
        } else {
            &code
        })
    );
    out.push_str(&format!(
        "<header><p>{}</p><h1>Hồ sơ vụ việc trợ giúp pháp lý</h1></header>",
        esc(&names.organisation)
    ));
    out.push_str("<h2>1. Thông tin chung</h2>");
    out.push_str(&facts(&[
        ("Mã vụ việc", code.clone()),
        (
            "Số thụ lý",
            c.register_number.map(|n| n.to_string()).unwrap_or_default(),
        ),
        ("Tổ chức thực hiện", names.organisation.clone()),
        ("Trạng thái", c.status.label_vi().to_owned()),
        (
            "Hình thức trợ giúp pháp lý",
            c.form_of_aid.label_vi().to_owned(),
        ),
        ("Lĩnh vực", c.field_of_law.label_vi().to_owned()),
        ("Hình thức tiếp nhận", c.channel.label_vi().to_owned()),
        ("Ngày yêu cầu", date(Some(c.request_date))),
        ("Ngày thụ lý", date(c.accepted_on)),
        ("Ngày kết thúc", date(c.closed_on)),
        (
            "Vụ việc khẩn cấp",
            if c.urgent { "Có" } else { "" }.to_owned(),
        ),
        ("Diện người được trợ giúp pháp lý", categories),
        ("Giấy tờ còn thiếu", c.missing_proof.join("; ")),
        ("Hạn bổ sung giấy tờ", date(c.proof_due_on)),
        (
            "Lý do từ chối",
            c.refusal_ground
                .map(|g| g.label_vi().to_owned())
                .unwrap_or_default(),
        ),
        (
            "Lý do chấm dứt",
            c.discontinuation_ground
                .map(|g| g.label_vi().to_owned())
                .unwrap_or_default(),
        ),
        ("Người thực hiện", practitioner(c.practitioner_id)),
        ("Kết quả", c.outcome.clone().unwrap_or_default()),
        (
            "Vụ việc thành công",
            c.success
                .as_ref()
                .map(|s| format!("Tiêu chí {} — {}", s.criterion, s.evidence))
                .unwrap_or_default(),
        ),
    ]));
    out.push_str("<h2>2. Nội dung yêu cầu</h2>");
    out.push_str(&format!("<p class=\"summary\">{}</p>", esc(&c.summary)));
    out.push_str("<h2>3. Những người liên quan</h2>");
    out.push_str(&table(
        &[
            "Tư cách",
            "Họ và tên",
            "Giới tính",
            "Ngày sinh",
            "Dân tộc",
            "Địa chỉ",
            "Điện thoại",
            "Số định danh",
        ],
        c.parties
            .iter()
            .map(|p| {
                vec![
                    p.role.label_vi().to_owned(),
                    p.full_name.clone(),
                    p.sex.clone().unwrap_or_default(),
                    date(p.date_of_birth),
                    p.ethnicity.clone().unwrap_or_default(),
                    p.address.clone().unwrap_or_default(),
                    p.phone.clone().unwrap_or_default(),
                    p.id_number.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    ));
    out.push_str("<h2>4. Phân công người thực hiện</h2>");
    out.push_str(&table(
        &["Người thực hiện", "Từ ngày", "Đến ngày", "Lý do thay đổi"],
        file.assignments
            .iter()
            .map(|a| {
                vec![
                    practitioner(Some(a.practitioner_id)),
                    date(Some(a.assigned_on)),
                    date(a.ended_on),
                    a.reason.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    ));
    out.push_str("<h2>5. Diễn biến vụ việc</h2>");
    out.push_str(&table(
        &["Ngày", "Sự kiện", "Ghi nhận lúc", "Người ghi nhận"],
        timeline
            .iter()
            .map(|e| {
                vec![
                    date(Some(e.event.on())),
                    e.event.label_vi().to_owned(),
                    moment(e.recorded_at),
                    user(e.actor_id),
                ]
            })
            .collect(),
    ));
    out.push_str("<h2>6. Công việc đã thực hiện</h2>");
    out.push_str(&table(
        &["Ngày", "Loại công việc", "Nội dung", "Người ghi nhận"],
        file.activities
            .iter()
            .map(|a| {
                vec![
                    date(Some(a.occurred_on)),
                    a.kind.label_vi().to_owned(),
                    a.description.clone(),
                    user(a.recorded_by),
                ]
            })
            .collect(),
    ));
    out.push_str("<h2>7. Phiên tòa</h2>");
    out.push_str(&table(
        &[
            "Thời gian",
            "Tòa án",
            "Hình thức",
            "Địa điểm",
            "Người tham gia",
        ],
        file.hearings
            .iter()
            .map(|h| {
                vec![
                    moment(h.starts_at),
                    h.court.clone(),
                    h.mode.label_vi().to_owned(),
                    h.location.clone().unwrap_or_default(),
                    practitioner(h.practitioner_id),
                ]
            })
            .collect(),
    ));
    out.push_str("<h2>8. Văn bản thông báo</h2>");
    if notices.is_empty() {
        out.push_str("<p class=\"none\">Không có.</p>");
    }
    for n in notices {
        out.push_str(&format!(
            "<h3>{} — ngày {}</h3><p class=\"notice\">{}</p>",
            esc(&n.title),
            date(Some(n.issued_on)),
            esc(&n.body)
        ));
    }
    out.push_str("<h2>9. Tài liệu trong hồ sơ</h2>");
    out.push_str(&table(
        &[
            "STT",
            "Loại tài liệu",
            "Tên tệp",
            "Dung lượng (byte)",
            "Ngày tải lên",
            "Trong bản lưu",
            "SHA-256",
        ],
        documents
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let d = f.doc;
                let place = match (&f.path, &d.removal_reason) {
                    (Some(path), _) => path.clone(),
                    (None, reason) => format!(
                        "Đã rút khỏi hồ sơ ngày {}: {}",
                        date(d.removed_at.map(|t| t.date_naive())),
                        reason.clone().unwrap_or_default()
                    ),
                };
                vec![
                    (i + 1).to_string(),
                    d.kind.label_vi().to_owned(),
                    d.filename.clone(),
                    d.size.to_string(),
                    moment(d.uploaded_at),
                    place,
                    d.sha256.clone(),
                ]
            })
            .collect(),
    ));
    out.push_str(&format!(
        "<footer><p>Bản lưu hồ sơ xuất từ hệ thống TGPL lúc {} bởi {}.</p>\
         <p>Mỗi tệp trong bản lưu có tổng kiểm SHA-256 trong <code>manifest.json</code> và <code>SHA256SUMS</code>; \
         kiểm tra bằng lệnh <code>sha256sum -c SHA256SUMS</code>.</p></footer></body></html>\n",
        moment(exported.0),
        esc(exported.1)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"Lò\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Lò&quot;"
        );
    }
}
