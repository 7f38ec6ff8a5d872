//! One row being read: each field through the domain's parser, each
//! failure kept as (row, field, value, reason).
use super::mapping::Record;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use tgpl_domain::ParseError;
use tgpl_domain::import::{ImportKind, RowProblem};
use tgpl_domain::text::fold;

pub struct Row<'a> {
    pub number: i32,
    rec: &'a Record,
    pub problems: Vec<RowProblem>,
}

/// Dates as the old system and spreadsheets write them.
pub fn parse_date(s: &str) -> Result<NaiveDate, ParseError> {
    let s = s.trim();
    let head = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map_err(|_| {
            ParseError::new(
                "import.date_invalid",
                format!("'{s}' is not a date like 05/03/2019 or 2019-03-05"),
            )
        })
}

impl<'a> Row<'a> {
    pub fn new(number: i32, rec: &'a Record) -> Self {
        Self {
            number,
            rec,
            problems: Vec::new(),
        }
    }

    /// The value as written in the file.
    pub fn raw(&self, field: &str) -> String {
        self.rec.raw.get(field).cloned().unwrap_or_default()
    }

    pub fn problem(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.problems.push(RowProblem {
            row: self.number,
            column: String::new(),
            field: field.to_owned(),
            value: self.raw(field),
            code: code.to_owned(),
            message: message.into(),
        });
    }

    pub fn text(&self, field: &str) -> Option<String> {
        self.rec.value.get(field).cloned()
    }

    pub fn required(&mut self, field: &str) -> Option<String> {
        let v = self.text(field);
        if v.is_none() {
            self.problem(field, "required", "the value is missing");
        }
        v
    }

    /// An optional value through a domain parser.
    pub fn parse<T>(
        &mut self,
        field: &str,
        parser: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        let v = self.text(field)?;
        match parser(&v) {
            Ok(t) => Some(t),
            Err(e) => {
                self.problem(field, e.code, e.message);
                None
            }
        }
    }

    /// A required value through a domain parser.
    pub fn parse_required<T>(
        &mut self,
        field: &str,
        parser: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        self.required(field)?;
        self.parse(field, parser)
    }

    /// A record imported before, named by the old system's id.
    pub fn reference<T>(
        &mut self,
        field: &str,
        find: impl FnOnce(&str) -> Option<T>,
        hint: &str,
    ) -> Option<T> {
        let v = self.text(field)?;
        let found = find(&v);
        if found.is_none() {
            self.problem(
                field,
                "import.reference_unknown",
                format!("nothing was imported under this id: {hint}"),
            );
        }
        found
    }

    pub fn date(&mut self, field: &str) -> Option<NaiveDate> {
        self.parse(field, parse_date)
    }

    pub fn number(&mut self, field: &str) -> Option<i32> {
        self.parse(field, |s| {
            s.parse::<i32>().map_err(|_| {
                ParseError::new(
                    "import.number_invalid",
                    format!("'{s}' is not a whole number"),
                )
            })
        })
    }

    /// One of an enumeration, by its code or its Vietnamese name.
    pub fn choice<T: Copy>(
        &mut self,
        field: &str,
        all: &[T],
        code: fn(T) -> &'static str,
        label_vi: Option<fn(T) -> &'static str>,
    ) -> Option<T> {
        let v = self.text(field)?;
        let folded = fold(&v);
        let found = all
            .iter()
            .copied()
            .find(|t| code(*t) == v || label_vi.is_some_and(|l| fold(l(*t)) == folded));
        if found.is_none() {
            let codes: Vec<&str> = all.iter().map(|t| code(*t)).collect();
            self.problem(
                field,
                "import.value_unknown",
                format!(
                    "not one of {} (or map it in [values.{field}] of the mapping)",
                    codes.join(", ")
                ),
            );
        }
        found
    }

    /// The row's content, to tell a changed row from one imported as is.
    pub fn digest(&self, kind: ImportKind) -> String {
        let mut h = Sha256::new();
        h.update(kind.as_str());
        for (k, v) in &self.rec.value {
            h.update([0x1f]);
            h.update(k);
            h.update([0x1e]);
            h.update(v);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The row's value, or its problems.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<RowProblem>> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ if self.problems.is_empty() => Err(vec![RowProblem {
                row: self.number,
                column: String::new(),
                field: String::new(),
                value: String::new(),
                code: "invalid".into(),
                message: "the row cannot be read".into(),
            }]),
            _ => Err(self.problems),
        }
    }
}
