//! Reading the old system's export: CSV (streamed, any delimiter, UTF-8
//! with or without a BOM) or the first sheet of an XLSX workbook. Every
//! cell comes out as text; dates typed in Excel come out as `yyyy-mm-dd`.
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// One data row: its number as a spreadsheet shows it (the header is row
/// 1) and its cells.
pub type Line = (i32, Vec<String>);

/// An open table: the header and the data rows in file order.
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Box<dyn Iterator<Item = Result<Line, String>> + Send>,
}

/// The formats read, by file extension.
pub fn format_of(file_name: &str) -> Option<&'static str> {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".csv") {
        Some("csv")
    } else if lower.ends_with(".xlsx") {
        Some("xlsx")
    } else {
        None
    }
}

pub fn open(path: &Path, format: &str, delimiter: u8) -> Result<Table, String> {
    match format {
        "csv" => open_csv(path, delimiter),
        "xlsx" => open_xlsx(path),
        other => Err(format!("'{other}' files are not read: send CSV or XLSX")),
    }
}

/// Counts the data rows (a first pass, for the progress bar).
pub fn count_rows(path: &Path, format: &str, delimiter: u8) -> Result<i32, String> {
    let table = open(path, format, delimiter)?;
    let mut n = 0;
    for row in table.rows {
        row?;
        n += 1;
    }
    Ok(n)
}

fn open_csv(path: &Path, delimiter: u8) -> Result<Table, String> {
    let file = File::open(path).map_err(|e| format!("cannot open the file: {e}"))?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(BufReader::with_capacity(256 * 1024, file));
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("the header row cannot be read: {e}"))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let rows = reader.into_records().enumerate().map(|(i, r)| {
        let number = i32::try_from(i).unwrap_or(i32::MAX).saturating_add(2);
        r.map(|rec| (number, rec.iter().map(|c| c.trim().to_owned()).collect()))
            .map_err(|e| format!("row {number} cannot be read: {e}"))
    });
    Ok(Table {
        headers,
        rows: Box::new(rows),
    })
}

fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        // Numbers typed as numbers (a register number, a quota) read whole.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    }
}

fn open_xlsx(path: &Path) -> Result<Table, String> {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> =
        open_workbook(path).map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheet")?
        .map_err(|e| format!("the first sheet cannot be read: {e}"))?;
    let mut all = range.rows();
    let headers: Vec<String> = all
        .next()
        .ok_or("the sheet is empty")?
        .iter()
        .map(cell_text)
        .collect();
    let rows: Vec<Result<Line, String>> = all
        .enumerate()
        .map(|(i, r)| {
            let number = i32::try_from(i).unwrap_or(i32::MAX).saturating_add(2);
            Ok((number, r.iter().map(cell_text).collect()))
        })
        // Trailing empty rows are formatting, not data.
        .filter(|r: &Result<Line, String>| {
            r.as_ref()
                .map_or(true, |(_, cells)| cells.iter().any(|c| !c.is_empty()))
        })
        .collect();
    Ok(Table {
        headers,
        rows: Box::new(rows.into_iter()),
    })
}
