//! The column mapping (TOML): which header of the old system's export holds
//! each TGPL field, and how its words translate to TGPL's codes. The
//! default mapping is `docs/import/mapping.toml`; an import may bring its
//! own. Headers and values compare without case or diacritics.
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use tgpl_domain::import::ImportKind;
use tgpl_domain::text::fold;

/// The mapping shipped with TGPL, for the old system's standard export.
pub const DEFAULT: &str = include_str!("../../../../../docs/import/mapping.toml");

/// A TGPL field an import reads.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    /// The file must have this column.
    pub required: bool,
}

pub const fn field(name: &'static str, required: bool) -> FieldSpec {
    FieldSpec { name, required }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    csv_delimiter: Option<String>,
    organisations: Option<Sheet>,
    practitioners: Option<Sheet>,
    cases: Option<Sheet>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sheet {
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, String>>,
}

/// The mapping of one register, checked against its fields.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub delimiter: u8,
    columns: Vec<(FieldSpec, String)>,
    values: HashMap<&'static str, HashMap<String, String>>,
}

impl Mapping {
    pub fn parse(text: &str, kind: ImportKind, fields: &[FieldSpec]) -> Result<Self, String> {
        let file: MappingFile =
            toml::from_str(text).map_err(|e| format!("the mapping is not valid TOML: {e}"))?;
        let delimiter = match file.csv_delimiter.as_deref() {
            None | Some(",") => b',',
            Some(";") => b';',
            Some("\t" | "tab") => b'\t',
            Some("|") => b'|',
            Some(other) => return Err(format!("csv_delimiter '{other}': use , ; | or tab")),
        };
        let sheet = match kind {
            ImportKind::Organisations => file.organisations,
            ImportKind::Practitioners => file.practitioners,
            ImportKind::Cases => file.cases,
        }
        .ok_or_else(|| format!("the mapping has no [{}] table", kind.as_str()))?;
        let spec = |name: &str| fields.iter().copied().find(|f| f.name == name);
        let mut columns = Vec::new();
        for (name, header) in &sheet.columns {
            let f = spec(name).ok_or_else(|| {
                format!(
                    "[{}.columns] names '{name}', not a field of the import",
                    kind.as_str()
                )
            })?;
            columns.push((f, header.trim().to_owned()));
        }
        if let Some(missing) = fields
            .iter()
            .find(|f| f.required && !sheet.columns.contains_key(f.name))
        {
            return Err(format!(
                "[{}.columns] must name the column of '{}'",
                kind.as_str(),
                missing.name
            ));
        }
        let mut values = HashMap::new();
        for (name, table) in sheet.values {
            let f = spec(&name).ok_or_else(|| {
                format!(
                    "[{}.values.{name}]: not a field of the import",
                    kind.as_str()
                )
            })?;
            values.insert(
                f.name,
                table.into_iter().map(|(k, v)| (fold(&k), v)).collect(),
            );
        }
        Ok(Self {
            delimiter,
            columns,
            values,
        })
    }

    /// Finds each mapped column in the file's header row.
    pub fn bind(&self, headers: &[String]) -> Result<Binding, String> {
        let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
        let mut at = Vec::new();
        let mut missing = Vec::new();
        for (f, header) in &self.columns {
            match folded.iter().position(|h| *h == fold(header)) {
                Some(i) => at.push((f.name, i)),
                None if f.required => missing.push(format!("'{header}' ({})", f.name)),
                None => {}
            }
        }
        if !missing.is_empty() {
            return Err(format!(
                "the file lacks the column(s) {}; its columns: {}",
                missing.join(", "),
                headers.join(", ")
            ));
        }
        Ok(Binding {
            at,
            headers: self
                .columns
                .iter()
                .map(|(f, h)| (f.name, h.clone()))
                .collect(),
            values: self.values.clone(),
        })
    }
}

/// A mapping bound to a file's columns.
#[derive(Debug, Clone)]
pub struct Binding {
    at: Vec<(&'static str, usize)>,
    headers: HashMap<&'static str, String>,
    values: HashMap<&'static str, HashMap<String, String>>,
}

/// A row's values by TGPL field: as written in the file (`raw`) and
/// translated to TGPL's codes (`value`). Empty cells are absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub raw: BTreeMap<&'static str, String>,
    pub value: BTreeMap<&'static str, String>,
}

impl Binding {
    /// The header the mapping names for a field.
    pub fn header_of(&self, field: &str) -> Option<&str> {
        self.headers.get(field).map(String::as_str)
    }

    pub fn record(&self, cells: &[String]) -> Record {
        let mut r = Record::default();
        for (name, i) in &self.at {
            let Some(cell) = cells.get(*i).map(|c| c.trim()).filter(|c| !c.is_empty()) else {
                continue;
            };
            let translated = self
                .values
                .get(name)
                .and_then(|t| t.get(&fold(cell)))
                .cloned()
                .unwrap_or_else(|| cell.to_owned());
            r.raw.insert(name, cell.to_owned());
            r.value.insert(name, translated);
        }
        r
    }
}
