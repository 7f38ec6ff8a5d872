//! Statistical reports (DOMAIN §8): forms 24 and 25 of Circular 03/2019
//! as versioned templates, the reporting periods and their cut-offs, and how
//! a table is assembled from counts. The counting rules are written here
//! once; `tgpl-db` translates each rule into SQL, and the same translation
//! lists the cases behind any cell.
use crate::case::{FieldOfLaw, FormOfAid, ProceduralRole};
use crate::{OrgKind, PractitionerKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod dashboard;
mod period;
mod submission;
mod table;
mod templates;
#[cfg(test)]
mod tests;

pub use period::{PeriodKind, ReportPeriod};
pub use submission::{
    FlowError, Receiver, ReviewAct, Submission, SubmissionStatus, deadline, is_late, reason,
};
pub use table::{Bucket, Cell, EstimateEntry, MAX_ESTIMATE, Table, TableRow};
pub use templates::{default_templates, form24_circular_03_2019, form25_circular_03_2019};

/// Which statistical form a template lays out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub enum FormKind {
    /// Biểu số 24: persons aided (unit: person-instance).
    #[serde(rename = "24")]
    PersonsAided,
    /// Biểu số 25: legal-aid cases (unit: case).
    #[serde(rename = "25")]
    Cases,
}

impl FormKind {
    pub const ALL: [FormKind; 2] = [FormKind::PersonsAided, FormKind::Cases];

    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::PersonsAided => "24",
            FormKind::Cases => "25",
        }
    }

    pub fn parse(s: &str) -> Result<Self, crate::ParseError> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                crate::ParseError::new(
                    "report.form_unknown",
                    format!("unknown report form '{s}' (24 or 25)"),
                )
            })
    }

    /// Which cases a form counts in a period, before any column applies.
    pub fn population(self) -> Population {
        match self {
            // One beneficiary helped in one case = one person-instance,
            // counted in the period the case was entered in the register.
            FormKind::PersonsAided => Population::AcceptedInPeriod,
            // Carried over from before the period + accepted in it.
            FormKind::Cases => Population::HandledInPeriod,
        }
    }
}

/// The cases a form starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Population {
    /// Entered in the register between the period's start and its cut-off.
    AcceptedInPeriod,
    /// Accepted by the cut-off and not closed before the period began.
    HandledInPeriod,
}

/// One report template in force between two dates: a data change (a new
/// circular) is a new template row, not a code change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Template {
    /// e.g. `24/03-2019`.
    pub id: String,
    pub form: FormKind,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// "Biểu số 24/BTP/TGPL".
    pub code_vi: String,
    pub title_vi: String,
    /// Unit of count as printed ("Đơn vị tính: Lượt người").
    pub unit_vi: String,
    /// The instrument it comes from.
    pub source: String,
    pub rows: Vec<RowDef>,
    pub columns: Vec<ColumnDef>,
}

/// A row: a field of law and forms of aid (empty = all), numbered as on paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RowDef {
    /// "", "1", "1.1", "1.2.1" …
    pub number: String,
    pub label_vi: String,
    #[serde(default)]
    pub fields: Vec<FieldOfLaw>,
    #[serde(default)]
    pub forms: Vec<FormOfAid>,
}

impl RowDef {
    pub fn holds(&self, field: FieldOfLaw, form: FormOfAid) -> bool {
        (self.fields.is_empty() || self.fields.contains(&field))
            && (self.forms.is_empty() || self.forms.contains(&form))
    }
}

/// A numbered column and what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ColumnDef {
    /// (1), (2) … as printed.
    pub number: u16,
    pub label_vi: String,
    /// The merged header above it ("Trong đó", "Diện người …"), if any.
    #[serde(default)]
    pub group_vi: Option<String>,
    pub count: ColumnRule,
}

/// What a column counts among the form's population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ColumnRule {
    /// Every case (or person) of the population.
    All,
    /// The beneficiary's recorded sex (`male`, `female`).
    Sex { sex: String },
    /// The case holds every one of these eligibility categories; where
    /// roles are listed, the beneficiary's procedural role is one of them
    /// (or unrecorded, when `or_unrecorded_role`: clause 5 before 2026
    /// covered only the accused, and older records name no role).
    Categories {
        all_of: Vec<String>,
        #[serde(default)]
        roles: Vec<ProceduralRole>,
        #[serde(default)]
        or_unrecorded_role: bool,
    },
    /// Accepted before the period and still open at its start.
    CarriedOver,
    /// Entered in the register within the period.
    AcceptedInPeriod,
    /// Concluded (not discontinued) within the period.
    Concluded,
    /// The practitioner handling it is of one of these kinds (empty = any)
    /// and the handling organisation of one of these kinds (empty = any).
    Practitioners {
        #[serde(default)]
        kinds: Vec<PractitionerKind>,
        #[serde(default)]
        organisations: Vec<OrgKind>,
    },
}

impl Template {
    /// Whether it is in force on a day.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }

    /// Finds a row by its printed number ("" is the total).
    pub fn row(&self, number: &str) -> Option<&RowDef> {
        self.rows.iter().find(|r| r.number == number)
    }

    pub fn column(&self, number: u16) -> Option<&ColumnDef> {
        self.columns.iter().find(|c| c.number == number)
    }
}

/// The template of `form` in force on `day`, the latest starting one
/// where versions overlap.
pub fn template_for(templates: &[Template], form: FormKind, day: NaiveDate) -> Option<&Template> {
    templates
        .iter()
        .filter(|t| t.form == form && t.in_force_on(day))
        .max_by_key(|t| t.valid_from)
}
