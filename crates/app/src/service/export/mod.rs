//! Lists as files (issue #15 item 2). Every list the app shows (cases,
//! organisations, practitioners, users, hearings, the audit trail, a
//! report cell's cases) exports to CSV or XLSX through the same service
//! function that serves its screen, page by page: the list's own filters,
//! scope, masking and read audit apply to the file exactly as to the
//! screen. CSV is streamed as the pages come; XLSX is written in constant
//! memory to a temporary file that is then streamed. A national export
//! never sits whole in memory.
mod cases;
mod registers;
mod trail;

pub use cases::{cases, report_cell};
pub use registers::{organisations, practitioners, users};
pub use trail::{AuditQuery, audit_trail, hearings};

use super::report_export::quoted;
use crate::error::AppError;
use bytes::Bytes;
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use std::future::Future;
use std::sync::Arc;

/// Rows fetched per page (the lists' largest page).
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

    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// One list as a sheet: the sheet's and the file's names and the header.
pub struct Table {
    pub sheet: &'static str,
    /// The file's name without its extension.
    pub file: &'static str,
    pub columns: &'static [&'static str],
}

/// One page of a list as rows of text, and the cursor of the next page.
pub struct Chunk {
    pub rows: Vec<Vec<String>>,
    pub next: Option<String>,
}

type Fetch =
    Arc<dyn Fn(Option<String>) -> BoxFuture<'static, Result<Chunk, AppError>> + Send + Sync>;

/// A list ready to be written: its table and how to read a page after a
/// cursor (none: the first page).
pub struct Export {
    table: &'static Table,
    fetch: Fetch,
}

impl Export {
    fn new<F, Fut>(table: &'static Table, fetch: F) -> Self
    where
        F: Fn(Option<String>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Chunk, AppError>> + Send + 'static,
    {
        Export {
            table,
            fetch: Arc::new(move |after| Box::pin(fetch(after))),
        }
    }

    /// `danh-sach-vu-viec.xlsx`: what the download is called.
    pub fn file_name(&self, format: Format) -> String {
        format!("{}.{}", self.table.file, format.extension())
    }

    /// The CSV file as a stream: a byte-order mark (Excel then reads UTF-8),
    /// the header, then each page as it is read. The first page is read
    /// before anything is sent, so a bad filter or a refusal is an error
    /// response, not a broken file; a later error ends the stream.
    pub async fn csv(self) -> Result<BoxStream<'static, Result<Bytes, AppError>>, AppError> {
        let first = (self.fetch)(None).await?;
        let mut text = format!("\u{feff}{}", csv_line(self.table.columns));
        text.extend(first.rows.iter().map(|r| csv_line(r)));
        let head = futures_util::stream::once(async move { Ok(Bytes::from(text)) });
        let fetch = self.fetch;
        let rest = futures_util::stream::unfold(first.next, move |cursor| {
            let fetch = fetch.clone();
            async move {
                let after = cursor?;
                Some(match fetch(Some(after)).await {
                    Ok(chunk) => {
                        let text: String = chunk.rows.iter().map(|r| csv_line(r)).collect();
                        (Ok(Bytes::from(text)), chunk.next)
                    }
                    Err(e) => (Err(e), None),
                })
            }
        });
        Ok(head.chain(rest).boxed())
    }

    /// The XLSX file, written in constant memory (rows go to a temporary
    /// file as they are added), returned as an open temporary file to
    /// stream. The first row is the header, bold and frozen, with a filter.
    pub async fn xlsx(self) -> Result<std::fs::File, AppError> {
        use rust_xlsxwriter::{Format as Cell, Workbook};
        let xlsx = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
        let columns = self.table.columns;
        let mut workbook = Workbook::new();
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(xlsx)?
            .set_name(self.table.sheet)
            .map_err(xlsx)?;
        let bold = Cell::new().set_bold();
        for (i, name) in columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, i as u16, *name, &bold)
                .map_err(xlsx)?;
            sheet.set_column_width(i as u16, 18).map_err(xlsx)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        let mut row = 1u32;
        let mut after = None;
        loop {
            let chunk = (self.fetch)(after).await?;
            for r in &chunk.rows {
                for (i, value) in r.iter().enumerate() {
                    sheet.write_string(row, i as u16, value).map_err(xlsx)?;
                }
                row += 1;
            }
            match chunk.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        sheet
            .autofilter(0, 0, row.saturating_sub(1).max(1), columns.len() as u16 - 1)
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
}

/// One CSV line: RFC 4180 quoting, formula characters neutralised, CRLF.
pub(crate) fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| quoted(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// dd/mm/yyyy, as the Vietnamese UI writes dates.
fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// dd/mm/yyyy HH:MM in Vietnam's time.
fn moment(t: chrono::DateTime<chrono::Utc>) -> String {
    let local = t + chrono::Duration::hours(tgpl_domain::calendar::VIETNAM_UTC_OFFSET_HOURS);
    local.format("%d/%m/%Y %H:%M").to_string()
}

fn yes(b: bool) -> String {
    if b { "Có" } else { "Không" }.to_owned()
}

fn text(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
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

    #[test]
    fn times_are_written_in_vietnam_time() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-16T18:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(moment(t), "17/11/2026 01:30");
    }

    #[test]
    fn a_file_is_named_by_its_list_and_format() {
        static T: Table = Table {
            sheet: "Vụ việc",
            file: "danh-sach-vu-viec",
            columns: &["Mã"],
        };
        let e = Export::new(&T, |_| async {
            Ok(Chunk {
                rows: vec![],
                next: None,
            })
        });
        assert_eq!(e.file_name(Format::Xlsx), "danh-sach-vu-viec.xlsx");
    }
}
