//! The scoring sheet of Circular 12/2018 Art. 16 (as amended by 03/2021):
//! criteria grouped under professional responsibility (30), delivery (60)
//! and the beneficiary's satisfaction (10), and the grade thresholds. The
//! sheet is date-effective reference data; the rules that judge a filled
//! sheet live here once.
use crate::ParseError;
use crate::error::FieldProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One scored criterion: its key, label and the most points it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Criterion {
    pub key: String,
    pub label_vi: String,
    pub points: u8,
}

/// A group of criteria (e.g. "Trách nhiệm nghề nghiệp", 30 points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct CriterionGroup {
    pub key: String,
    pub label_vi: String,
    pub criteria: Vec<Criterion>,
}

impl CriterionGroup {
    pub fn points(&self) -> u16 {
        self.criteria.iter().map(|c| u16::from(c.points)).sum()
    }
}

/// The lowest totals of the upper grades (*configurable*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Thresholds {
    /// From this total the case is graded good.
    pub good: u16,
    /// From this total (and below `good`) satisfactory; below it
    /// unsatisfactory.
    pub satisfactory: u16,
}

/// A version of the scoring sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ScoreSheet {
    pub id: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub source: String,
    pub groups: Vec<CriterionGroup>,
    pub thresholds: Thresholds,
}

/// The grade of an evaluated case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Good,
    Satisfactory,
    Unsatisfactory,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Good => "good",
            Grade::Satisfactory => "satisfactory",
            Grade::Unsatisfactory => "unsatisfactory",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        [Grade::Good, Grade::Satisfactory, Grade::Unsatisfactory]
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| {
                ParseError::new("evaluation.grade_unknown", format!("unknown grade '{s}'"))
            })
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Grade::Good => "Đạt chất lượng tốt",
            Grade::Satisfactory => "Đạt chất lượng",
            Grade::Unsatisfactory => "Không đạt chất lượng",
        }
    }
}

/// A filled sheet, judged: every criterion's points, the total and grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Scored {
    pub sheet_id: String,
    pub marks: Vec<Mark>,
    pub total: u16,
    pub grade: Grade,
}

/// The points given for one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Mark {
    pub criterion: String,
    pub points: u8,
}

impl ScoreSheet {
    /// The most points the sheet gives (100 for the sheet in force).
    pub fn max_total(&self) -> u16 {
        self.groups.iter().map(CriterionGroup::points).sum()
    }

    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }

    pub fn grade(&self, total: u16) -> Grade {
        if total >= self.thresholds.good {
            Grade::Good
        } else if total >= self.thresholds.satisfactory {
            Grade::Satisfactory
        } else {
            Grade::Unsatisfactory
        }
    }

    /// Judges a filled sheet: each criterion once, within its points, none
    /// unknown, none left out; then the total and the grade. Problems are
    /// per criterion (`marks.<key>`).
    pub fn score(&self, marks: &[Mark]) -> Result<Scored, Vec<FieldProblem>> {
        let problem =
            |key: &str, code, message| FieldProblem::new(format!("marks.{key}"), code, message);
        let limits: HashMap<&str, u8> = self
            .groups
            .iter()
            .flat_map(|g| &g.criteria)
            .map(|c| (c.key.as_str(), c.points))
            .collect();
        let mut problems = Vec::new();
        let mut given: HashMap<&str, u8> = HashMap::new();
        for m in marks {
            let key = m.criterion.as_str();
            match limits.get(key) {
                None => problems.push(problem(
                    key,
                    "evaluation.criterion_unknown",
                    format!("the sheet {} has no criterion '{key}'", self.id),
                )),
                Some(&max) if m.points > max => problems.push(problem(
                    key,
                    "evaluation.points_out_of_range",
                    format!("'{key}' gives 0 to {max} points, not {}", m.points),
                )),
                Some(_) => {
                    if given.insert(key, m.points).is_some() {
                        problems.push(problem(
                            key,
                            "evaluation.criterion_twice",
                            format!("'{key}' is scored twice"),
                        ));
                    }
                }
            }
        }
        // Missing criteria (not sent at all), in the sheet's order.
        for c in self.groups.iter().flat_map(|g| &g.criteria) {
            if !marks.iter().any(|m| m.criterion == c.key) {
                problems.push(problem(
                    &c.key,
                    "evaluation.criterion_missing",
                    format!("'{}' ({}) is not scored", c.key, c.label_vi),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let ordered: Vec<Mark> = self
            .groups
            .iter()
            .flat_map(|g| &g.criteria)
            .map(|c| Mark {
                criterion: c.key.clone(),
                points: given.get(c.key.as_str()).copied().unwrap_or(0),
            })
            .collect();
        let total = ordered.iter().map(|m| u16::from(m.points)).sum();
        Ok(Scored {
            sheet_id: self.id.clone(),
            marks: ordered,
            total,
            grade: self.grade(total),
        })
    }

    /// Checks a sheet before it is stored as reference data: unique keys,
    /// thresholds within the total and in order.
    pub fn check(&self) -> Result<(), ParseError> {
        let mut keys = std::collections::HashSet::new();
        for c in self.groups.iter().flat_map(|g| &g.criteria) {
            if !keys.insert(c.key.as_str()) {
                return Err(ParseError::new(
                    "evaluation.sheet_invalid",
                    format!("criterion '{}' appears twice", c.key),
                ));
            }
        }
        let t = self.thresholds;
        if keys.is_empty() || t.satisfactory > t.good || t.good > self.max_total() {
            return Err(ParseError::new(
                "evaluation.sheet_invalid",
                "a sheet needs criteria, and 0 ≤ satisfactory ≤ good ≤ its total",
            ));
        }
        Ok(())
    }
}

/// The sheet in force in the current (amended) Circular 12/2018 Art. 16.
pub fn circular_12_2018_sheet() -> ScoreSheet {
    let c = |key: &str, label: &str, points| Criterion {
        key: key.to_owned(),
        label_vi: label.to_owned(),
        points,
    };
    ScoreSheet {
        id: "tt12-2018-tt03-2021".to_owned(),
        valid_from: NaiveDate::from_ymd_opt(2021, 6, 1).unwrap_or_default(),
        valid_to: None,
        source: "Thông tư 12/2018/TT-BTP, Điều 16 (sửa đổi bởi Thông tư 03/2021/TT-BTP)".to_owned(),
        groups: vec![
            CriterionGroup {
                key: "responsibility".to_owned(),
                label_vi: "Trách nhiệm nghề nghiệp".to_owned(),
                criteria: vec![
                    c(
                        "lawful_honest",
                        "Tuân thủ pháp luật, trung thực, khách quan",
                        10,
                    ),
                    c(
                        "informs",
                        "Thông báo, giải thích cho người được trợ giúp pháp lý",
                        10,
                    ),
                    c("timely", "Bảo đảm thời hạn, tiến độ thực hiện", 10),
                ],
            },
            CriterionGroup {
                key: "delivery".to_owned(),
                label_vi: "Thực hiện vụ việc".to_owned(),
                criteria: vec![
                    c("matches_request", "Đúng nội dung yêu cầu", 5),
                    c("evidence", "Thu thập, đánh giá chứng cứ, tài liệu", 10),
                    c("applies_law", "Áp dụng đúng quy định pháp luật", 20),
                    c(
                        "submission",
                        "Chất lượng bản luận cứ, văn bản thực hiện vụ việc",
                        15,
                    ),
                    c("outcome", "Kết quả bảo vệ quyền, lợi ích hợp pháp", 10),
                ],
            },
            CriterionGroup {
                key: "satisfaction".to_owned(),
                label_vi: "Sự hài lòng của người được trợ giúp pháp lý".to_owned(),
                criteria: vec![c(
                    "satisfaction",
                    "Mức độ hài lòng của người được trợ giúp pháp lý",
                    10,
                )],
            },
        ],
        thresholds: Thresholds {
            good: 80,
            satisfactory: 50,
        },
    }
}

/// The sheet in force on a day, among the stored versions.
pub fn sheet_for(sheets: &[ScoreSheet], day: NaiveDate) -> Option<&ScoreSheet> {
    sheets
        .iter()
        .filter(|s| s.in_force_on(day))
        .max_by_key(|s| s.valid_from)
}
