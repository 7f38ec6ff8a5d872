//! Forms 24 and 25 as files: XLSX in the paper form's layout (title, unit,
//! period, merged group headers, numbered columns, Vietnamese labels) and
//! CSV one cell per line for machines. Both render a computed or frozen
//! `FormReportDto`, so a file always equals what the API answers.
use crate::error::{AppError, Fields};
use crate::{App, Caller};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use tgpl_api_model::reports::FormReportDto;
use tgpl_domain::report::Cell;

/// The file formats a report exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Xlsx,
    Csv,
}

impl FileFormat {
    pub fn parse(s: &str) -> Result<Self, tgpl_domain::ParseError> {
        match s {
            "xlsx" => Ok(Self::Xlsx),
            "csv" => Ok(Self::Csv),
            _ => Err(tgpl_domain::ParseError::new(
                "report.format_unknown",
                format!("unknown file format '{s}': xlsx or csv"),
            )),
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Csv => "text/csv; charset=utf-8",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
        }
    }
}

/// A rendered report: its bytes and a file name to save it under.
pub struct ReportFile {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub format: FileFormat,
}

fn format_of(asked: Option<&str>) -> Result<FileFormat, AppError> {
    let mut f = Fields::new();
    let format = f.check("format", FileFormat::parse(asked.unwrap_or("xlsx")));
    f.finish()?;
    format.ok_or_else(|| AppError::Internal("checked format went missing".into()))
}

/// A form computed now, as a file.
pub async fn form(
    state: &App,
    caller: &Caller,
    kind: &str,
    q: tgpl_api_model::reports::FormReportQuery,
) -> Result<ReportFile, AppError> {
    let format = format_of(q.format.as_deref())?;
    let report = super::statistics::form(state, caller, kind, q).await?;
    render(&report, format)
}

/// A submitted report's frozen table, as a file.
pub async fn submission(
    state: &App,
    caller: &Caller,
    id: uuid::Uuid,
    format: Option<&str>,
) -> Result<ReportFile, AppError> {
    let format = format_of(format)?;
    let s = super::report_flow::get(state, caller, id).await?;
    let Some(report) = super::report_flow::dto(s, true).report else {
        return Err(AppError::Internal(
            "a submission's snapshot does not read back".into(),
        ));
    };
    render(&report, format)
}

/// Renders the report in the asked format.
pub fn render(report: &FormReportDto, format: FileFormat) -> Result<ReportFile, AppError> {
    let bytes = match format {
        FileFormat::Xlsx => xlsx(report).map_err(|e| AppError::Internal(e.to_string()))?,
        FileFormat::Csv => csv(report).into_bytes(),
    };
    Ok(ReportFile {
        bytes,
        file_name: file_name(report, format),
        format,
    })
}

/// `bieu-25-2026-01-01-2026-12-31-province-01.xlsx`: ASCII, so every
/// browser and mail client keeps it.
fn file_name(r: &FormReportDto, format: FileFormat) -> String {
    let unit = match (&r.unit.province, r.unit.organisation_id) {
        (_, Some(id)) => format!("organisation-{id}"),
        (Some(p), None) => format!("province-{p}"),
        (None, None) => "nation".to_owned(),
    };
    format!(
        "bieu-{}-{}-{}-{unit}.{}",
        r.form.as_str(),
        r.period.from,
        r.period.to,
        format.extension()
    )
}

fn dmy(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Whose report it is sent to, as printed in the form's corner.
fn receiver_vi(r: &FormReportDto) -> &'static str {
    match r.unit.kind.as_str() {
        "organisation" => "Sở Tư pháp",
        _ => "Bộ Tư pháp (Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý)",
    }
}

/// The sheets of the workbook: the actual figures and, when part of the
/// period lies after the cut-off, the estimate and the sum, each apart.
/// A sheet: its name, its subtitle and which figure of a cell it shows.
type SheetSpec = (&'static str, String, fn(&Cell) -> u64);

fn sheets(r: &FormReportDto) -> Vec<SheetSpec> {
    let mut v: Vec<SheetSpec> = vec![(
        "Số liệu thực tế",
        format!(
            "Số liệu thực tế từ ngày {} đến ngày {}",
            dmy(r.period.from),
            dmy(r.period.actual_to)
        ),
        |c| c.actual,
    )];
    if r.has_estimate {
        let from = r.period.actual_to.succ_opt().unwrap_or(r.period.actual_to);
        v.push((
            "Số liệu ước tính",
            format!(
                "Số liệu ước tính từ ngày {} đến ngày {}",
                dmy(from),
                dmy(r.period.to)
            ),
            |c| c.projected,
        ));
        v.push((
            "Tổng hợp",
            format!(
                "Số liệu thực tế và ước tính từ ngày {} đến ngày {}",
                dmy(r.period.from),
                dmy(r.period.to)
            ),
            |c| c.actual + c.projected,
        ));
    }
    v
}

/// The first row of the table's body (0-based): the rows above hold the
/// title block and the two header rows and the column numbers.
pub const BODY_ROW: u32 = 9;
/// Column numbers (1)…(n) start in this column (0-based): A is the row
/// number, B the row's label.
pub const FIRST_FIGURE_COL: u16 = 2;

fn xlsx(r: &FormReportDto) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    for (name, subtitle, figure) in sheets(r) {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        sheet(&mut ws, r, &subtitle, figure)?;
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer()
}

fn sheet(
    ws: &mut Worksheet,
    r: &FormReportDto,
    subtitle: &str,
    figure: fn(&Cell) -> u64,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let centred = Format::new()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let title = centred.clone().set_bold().set_font_size(13);
    let header = centred.clone().set_bold().set_border(FormatBorder::Thin);
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0");
    let number_bold = number.clone().set_bold();
    let label = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let label_bold = label.clone().set_bold();
    let cols = r.columns.len() as u16;
    let last = FIRST_FIGURE_COL + cols.saturating_sub(1);

    // Title block, as on the paper form.
    ws.write_string_with_format(0, 0, &r.code_vi, &bold)?;
    ws.write_string(1, 0, &r.source)?;
    ws.merge_range(0, 3, 0, last.max(3), &r.title_vi.to_uppercase(), &title)?;
    ws.merge_range(1, 3, 1, last.max(3), &r.period_label_vi, &centred)?;
    ws.merge_range(2, 3, 2, last.max(3), subtitle, &centred)?;
    ws.write_string(3, 0, format!("Đơn vị báo cáo: {}", r.unit.name_vi))?;
    ws.write_string(4, 0, format!("Đơn vị nhận báo cáo: {}", receiver_vi(r)))?;
    ws.write_string(5, 0, format!("Đơn vị tính: {}", r.unit_of_count_vi))?;

    // Header: the row columns span both header rows; a column with a group
    // sits under its group's merged cell, one without spans both rows.
    let (h1, h2, nums) = (6u32, 7u32, 8u32);
    ws.merge_range(h1, 0, h2, 0, "STT", &header)?;
    ws.merge_range(h1, 1, h2, 1, "Nội dung", &header)?;
    ws.write_string_with_format(nums, 0, "A", &header)?;
    ws.write_string_with_format(nums, 1, "B", &header)?;
    let mut i = 0usize;
    while i < r.columns.len() {
        let col = FIRST_FIGURE_COL + i as u16;
        match &r.columns[i].group_vi {
            None => {
                ws.merge_range(h1, col, h2, col, &r.columns[i].label_vi, &header)?;
                i += 1;
            }
            Some(group) => {
                let run = r.columns[i..]
                    .iter()
                    .take_while(|c| c.group_vi.as_ref() == Some(group))
                    .count();
                let end = col + run as u16 - 1;
                if run > 1 {
                    ws.merge_range(h1, col, h1, end, group, &header)?;
                } else {
                    ws.write_string_with_format(h1, col, group, &header)?;
                }
                for (k, c) in r.columns[i..i + run].iter().enumerate() {
                    ws.write_string_with_format(h2, col + k as u16, &c.label_vi, &header)?;
                }
                i += run;
            }
        }
    }
    for (k, c) in r.columns.iter().enumerate() {
        ws.write_string_with_format(
            nums,
            FIRST_FIGURE_COL + k as u16,
            format!("({})", c.number),
            &header,
        )?;
    }

    // Body: one line per row of the template, the total first.
    for (k, row) in r.rows.iter().enumerate() {
        let at = BODY_ROW + k as u32;
        let top = !row.number.contains('.');
        let (lf, nf) = if top {
            (&label_bold, &number_bold)
        } else {
            (&label, &number)
        };
        ws.write_string_with_format(at, 0, &row.number, lf)?;
        ws.write_string_with_format(at, 1, &row.label_vi, lf)?;
        for (c, cell) in row.cells.iter().enumerate() {
            ws.write_number_with_format(at, FIRST_FIGURE_COL + c as u16, figure(cell) as f64, nf)?;
        }
    }
    let foot = BODY_ROW + r.rows.len() as u32 + 2;
    ws.merge_range(
        foot,
        0,
        foot,
        1,
        "Người lập biểu",
        &bold.clone().set_align(FormatAlign::Center),
    )?;
    ws.merge_range(
        foot,
        last.saturating_sub(4).max(2),
        foot,
        last.max(2),
        "Thủ trưởng đơn vị",
        &bold.set_align(FormatAlign::Center),
    )?;

    ws.set_column_width(0, 7)?;
    ws.set_column_width(1, 42)?;
    for k in 0..cols {
        ws.set_column_width(FIRST_FIGURE_COL + k, 11)?;
    }
    ws.set_row_height(h2, 96)?;
    ws.set_freeze_panes(BODY_ROW, FIRST_FIGURE_COL)?;
    Ok(())
}

/// One line per cell: `row,row_label,column,column_label,actual,projected`,
/// with a byte-order mark so spreadsheet programs read the Vietnamese.
fn csv(r: &FormReportDto) -> String {
    let mut out = String::from("\u{feff}row,row_label,column,column_label,actual,projected\r\n");
    for row in &r.rows {
        for (cell, col) in row.cells.iter().zip(&r.columns) {
            let col_label = match &col.group_vi {
                Some(g) => format!("{g} – {}", col.label_vi),
                None => col.label_vi.clone(),
            };
            out.push_str(&format!(
                "{},{},{},{},{},{}\r\n",
                quoted(&row.number),
                quoted(&row.label_vi),
                cell.column,
                quoted(&col_label),
                cell.actual,
                cell.projected
            ));
        }
    }
    out
}

/// RFC 4180 quoting; a leading formula character is neutralised so a
/// label can never run as a formula in a spreadsheet.
pub(crate) fn quoted(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(quoted("Tư vấn"), "Tư vấn");
        assert_eq!(quoted("a, b"), "\"a, b\"");
        assert_eq!(quoted("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(quoted("=SUM(A1)"), "'=SUM(A1)");
    }
}
