//! Evaluation plans and their cases (DOMAIN §7, Circular 12/2018 Art. 15):
//! a plan names its scope (period, organisations, forms of aid), a
//! sampling rate and the seed it drew with; each drawn case is an item an
//! evaluator scores once.
use super::{Rate, Scored};
use crate::case::FormOfAid;
use crate::{ParseError, ProvinceCode, ResourceScope};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The forms of aid a plan samples when it names none: litigation and
/// out-of-court representation (advice is evaluated on request only).
pub const DEFAULT_FORMS: [FormOfAid; 3] = [
    FormOfAid::LitigationDefence,
    FormOfAid::LitigationProtection,
    FormOfAid::OutOfCourtRepresentation,
];

/// What a plan covers and how it draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub id: Uuid,
    pub title: String,
    /// The national department or a Justice Department.
    pub owner_org_id: Uuid,
    /// A Justice Department's province; `None` for a national plan.
    pub province_code: Option<ProvinceCode>,
    /// Cases concluded within these days.
    pub concluded_from: NaiveDate,
    pub concluded_to: NaiveDate,
    pub forms: Vec<FormOfAid>,
    /// Only these organisations' cases (empty: every one in scope).
    pub organisation_ids: Vec<Uuid>,
    pub rate: Rate,
    pub seed: u64,
    pub algorithm: String,
    pub sheet_id: String,
    /// Concluded cases in scope not yet evaluated when the plan drew.
    pub candidates: u32,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

impl Plan {
    pub fn scope(&self) -> ResourceScope {
        ResourceScope {
            province: self.province_code,
            org_id: Some(self.owner_org_id),
            ..ResourceScope::default()
        }
    }
}

/// The days a plan covers, checked.
pub fn concluded_between(
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), ParseError> {
    if to < from {
        return Err(ParseError::new(
            "evaluation.period_invalid",
            "the period ends before it starts",
        ));
    }
    Ok((from, to))
}

/// A plan's title: 5 to 200 characters.
pub fn title(text: &str) -> Result<String, ParseError> {
    let t = text.trim();
    if !(5..=200).contains(&t.chars().count()) {
        return Err(ParseError::new(
            "evaluation.title_invalid",
            "give the plan a title of 5 to 200 characters",
        ));
    }
    Ok(t.to_owned())
}

/// Where a drawn case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Drawn; no evaluator has scored it yet.
    Pending,
    Scored,
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Pending => "pending",
            ItemStatus::Scored => "scored",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "pending" => Ok(ItemStatus::Pending),
            "scored" => Ok(ItemStatus::Scored),
            _ => Err(ParseError::new(
                "evaluation.item_status_unknown",
                format!("unknown item status '{s}'"),
            )),
        }
    }
}

/// A case drawn by a plan, with its evaluator and, once scored, its sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub case_id: Uuid,
    pub practitioner_id: Option<Uuid>,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<ProvinceCode>,
    pub evaluator_id: Option<Uuid>,
    pub status: ItemStatus,
    pub scored: Option<Scored>,
    pub comments: Option<String>,
    pub scored_at: Option<DateTime<Utc>>,
    pub version: i32,
}

impl Item {
    /// The case's scope: who may see the item is who may see the case.
    pub fn scope(&self) -> ResourceScope {
        ResourceScope {
            province: self.province_code,
            centre_id: self.centre_id,
            org_id: Some(self.organisation_id),
            practitioner_id: self.practitioner_id,
            ..ResourceScope::default()
        }
    }

    /// Whether `user` may score this item now: the named evaluator, once.
    pub fn may_be_scored_by(&self, user: Uuid) -> Result<(), ScoreRefusal> {
        if self.status == ItemStatus::Scored {
            return Err(ScoreRefusal::AlreadyScored);
        }
        match self.evaluator_id {
            Some(e) if e == user => Ok(()),
            _ => Err(ScoreRefusal::NotTheEvaluator),
        }
    }

    /// Whether an account may be named to evaluate this item: not once it
    /// is scored, and never the practitioner who handled the case.
    pub fn may_be_evaluated_by(&self, practitioner: Option<Uuid>) -> Result<(), ScoreRefusal> {
        if self.status == ItemStatus::Scored {
            return Err(ScoreRefusal::AlreadyScored);
        }
        if practitioner.is_some() && practitioner == self.practitioner_id {
            return Err(ScoreRefusal::OwnCase);
        }
        Ok(())
    }
}

/// Why an item cannot be scored, or its evaluator named, now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreRefusal {
    /// A case is never evaluated twice.
    AlreadyScored,
    /// Only the evaluator named on the item scores it.
    NotTheEvaluator,
    /// A practitioner does not evaluate their own case.
    OwnCase,
}

impl ScoreRefusal {
    pub fn code(self) -> &'static str {
        match self {
            ScoreRefusal::AlreadyScored => "evaluation.already_scored",
            ScoreRefusal::NotTheEvaluator => "evaluation.not_the_evaluator",
            ScoreRefusal::OwnCase => "evaluation.own_case",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            ScoreRefusal::AlreadyScored => {
                "this case has been evaluated; a case is never evaluated twice"
            }
            ScoreRefusal::NotTheEvaluator => "only the evaluator named for this case scores it",
            ScoreRefusal::OwnCase => "a practitioner does not evaluate their own case",
        }
    }
}
