//! The case list as a file (issue #15 item 2): the list's own filters and
//! scope, page by page, each page masked for the reader and audited as a
//! list read exactly like the page the screen shows. CSV is streamed as the
//! pages come; XLSX is written in constant memory to a temporary file that
//! is then streamed: a national export never sits whole in memory.
use super::cases::{CaseView, list_filtered};
use super::report_export::quoted;
use crate::error::AppError;
use crate::{App, Caller};
use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use std::collections::HashMap;
use tgpl_db::PageRequest;
use tgpl_db::cases::CaseFilter;
use tgpl_domain::case::record::PartyRole;
use uuid::Uuid;

/// Rows fetched per page (the list's largest page).
const PAGE: u64 = tgpl_db::page::MAX_LIMIT;

/// The formats a list exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Result<Self, AppError> {
        match s {
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            other => Err(AppError::field(
                "format",
                "export.format_unknown",
                format!("export as csv or xlsx, not '{other}'"),
            )),
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Format::Csv => "danh-sach-vu-viec.csv",
            Format::Xlsx => "danh-sach-vu-viec.xlsx",
        }
    }
}

/// The columns, as the list names them.
pub const COLUMNS: [&str; 15] = [
    "Mã vụ việc",
    "Trạng thái",
    "Ngày yêu cầu",
    "Ngày thụ lý",
    "Ngày kết thúc",
    "Hình thức trợ giúp",
    "Lĩnh vực",
    "Đơn vị",
    "Tỉnh, thành phố",
    "Người được trợ giúp",
    "Diện được trợ giúp",
    "Người thực hiện",
    "Khẩn cấp",
    "Quá hạn",
    "Mức đầy đủ hồ sơ (%)",
];

type Row = [String; 15];

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn yes(b: bool) -> String {
    if b { "Có" } else { "Không" }.to_owned()
}

/// One page's rows, with the units' and practitioners' names looked up.
async fn rows(state: &App, page: &[CaseView]) -> Result<Vec<Row>, AppError> {
    let conn = state.db.read();
    let units =
        tgpl_db::organisations::names(conn, page.iter().map(|v| v.case.organisation_id)).await?;
    let people: HashMap<Uuid, String> =
        tgpl_db::practitioners::names(conn, page.iter().filter_map(|v| v.case.practitioner_id))
            .await?;
    Ok(page
        .iter()
        .map(|v| {
            let c = &v.case;
            let beneficiary = c
                .parties
                .iter()
                .find(|p| p.role == PartyRole::Beneficiary)
                .map(|p| p.full_name.clone())
                .unwrap_or_default();
            [
                c.code.as_ref().map(ToString::to_string).unwrap_or_default(),
                c.status.label_vi().to_owned(),
                date(Some(c.request_date)),
                date(c.accepted_on),
                date(c.closed_on),
                c.form_of_aid.label_vi().to_owned(),
                c.field_of_law.label_vi().to_owned(),
                units
                    .get(&c.organisation_id)
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                c.province_code
                    .map(|p| p.name().to_owned())
                    .unwrap_or_default(),
                beneficiary,
                c.eligibility_codes.join(", "),
                c.practitioner_id
                    .and_then(|p| people.get(&p).cloned())
                    .unwrap_or_default(),
                yes(c.urgent),
                yes(c.overdue(v.today)),
                v.completeness.score.to_string(),
            ]
        })
        .collect())
}

pub(crate) fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| quoted(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The next page after `after` (none: the first), and where the one after
/// it starts.
async fn page(
    state: &App,
    caller: &Caller,
    filter: &CaseFilter,
    after: Option<Uuid>,
) -> Result<(Vec<CaseView>, Option<Uuid>), AppError> {
    let request = PageRequest { after, limit: PAGE };
    let page = list_filtered(state, caller, filter, request).await?;
    let next = page.next.as_deref().and_then(tgpl_db::page::decode_cursor);
    Ok((page.items, next))
}

enum Cursor {
    Start,
    After(Uuid),
    Done,
}

/// The CSV file as a stream: a byte-order mark (Excel then reads UTF-8),
/// the header, then each page as it is read. An error ends the stream.
pub fn csv(
    state: App,
    caller: Caller,
    filter: CaseFilter,
) -> BoxStream<'static, Result<Bytes, AppError>> {
    let header = format!("\u{feff}{}", csv_line(&COLUMNS));
    let head = futures_util::stream::once(async move { Ok(Bytes::from(header)) });
    let body = futures_util::stream::unfold(
        (state, caller, filter, Cursor::Start),
        |(state, caller, filter, cursor)| async move {
            let after = match cursor {
                Cursor::Done => return None,
                Cursor::Start => None,
                Cursor::After(id) => Some(id),
            };
            let chunk = async {
                let (items, next) = page(&state, &caller, &filter, after).await?;
                let text: String = rows(&state, &items)
                    .await?
                    .iter()
                    .map(|r| csv_line(r))
                    .collect();
                Ok::<_, AppError>((Bytes::from(text), next))
            }
            .await;
            match chunk {
                Ok((bytes, next)) => {
                    let cursor = next.map_or(Cursor::Done, Cursor::After);
                    Some((Ok(bytes), (state, caller, filter, cursor)))
                }
                Err(e) => Some((Err(e), (state, caller, filter, Cursor::Done))),
            }
        },
    );
    head.chain(body).boxed()
}

/// The XLSX file, written in constant memory (rows go to a temporary file
/// as they are added), returned as an open temporary file to stream. The
/// first row is the header, frozen, with a filter.
pub async fn xlsx(
    state: &App,
    caller: &Caller,
    filter: &CaseFilter,
) -> Result<std::fs::File, AppError> {
    use rust_xlsxwriter::{Format as Cell, Workbook};
    let xlsx = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut workbook = Workbook::new();
    let sheet = workbook
        .add_worksheet_with_constant_memory()
        .map_err(xlsx)?
        .set_name("Vụ việc")
        .map_err(xlsx)?;
    let bold = Cell::new().set_bold();
    for (i, name) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, i as u16, *name, &bold)
            .map_err(xlsx)?;
        sheet.set_column_width(i as u16, 18).map_err(xlsx)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    let mut row = 1u32;
    let mut cursor = Cursor::Start;
    loop {
        let after = match cursor {
            Cursor::Done => break,
            Cursor::Start => None,
            Cursor::After(id) => Some(id),
        };
        let (items, next) = page(state, caller, filter, after).await?;
        for r in rows(state, &items).await? {
            for (i, value) in r.iter().enumerate() {
                sheet.write_string(row, i as u16, value).map_err(xlsx)?;
            }
            row += 1;
        }
        cursor = next.map_or(Cursor::Done, Cursor::After);
    }
    sheet
        .autofilter(0, 0, row.saturating_sub(1).max(1), COLUMNS.len() as u16 - 1)
        .map_err(xlsx)?;
    // Unnamed: gone when the response has streamed it and closed it.
    let mut file =
        tempfile::tempfile().map_err(|e| AppError::Internal(format!("temporary file: {e}")))?;
    workbook.save_to_writer(&mut file).map_err(xlsx)?;
    use std::io::Seek;
    file.rewind()
        .map_err(|e| AppError::Internal(format!("xlsx: {e}")))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_line_quotes_its_fields_and_ends_in_crlf() {
        assert_eq!(csv_line(&["a", "Lò, Thị", "-5"]), "a,\"Lò, Thị\",'-5\r\n");
    }

    #[test]
    fn only_csv_and_xlsx_are_formats() {
        assert_eq!(Format::parse("csv").unwrap(), Format::Csv);
        assert_eq!(Format::parse("xlsx").unwrap(), Format::Xlsx);
        assert!(Format::parse("pdf").is_err());
    }
}
