//! Reporting periods and their cut-offs (Circular 03/2019/TT-BTP Art. 6(1)).
use crate::ParseError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The kinds of period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// 1 Jan – 30 Jun: actual data to 31 May, an estimate for June.
    SixMonth,
    /// 1 Jan – 31 Dec: actual data to 31 Oct (units below the ministry),
    /// an estimate for November and December.
    AnnualPreliminary,
    /// 1 Jan – 31 Dec, all actual.
    AnnualOfficial,
    /// Any date range a leader picks, all actual.
    Custom,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::SixMonth,
        PeriodKind::AnnualPreliminary,
        PeriodKind::AnnualOfficial,
        PeriodKind::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::SixMonth => "six_month",
            PeriodKind::AnnualPreliminary => "annual_preliminary",
            PeriodKind::AnnualOfficial => "annual_official",
            PeriodKind::Custom => "custom",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            PeriodKind::SixMonth => "Báo cáo 6 tháng",
            PeriodKind::AnnualPreliminary => "Báo cáo năm (sơ bộ)",
            PeriodKind::AnnualOfficial => "Báo cáo năm (chính thức)",
            PeriodKind::Custom => "Khoảng thời gian tự chọn",
        }
    }
}

/// A period with the day its actual data ends: after `actual_to` the
/// report shows an estimate, apart from the actual figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ReportPeriod {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Last day of actual data (the cut-off); equals `to` when all actual.
    pub actual_to: NaiveDate,
}

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, ParseError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| ParseError::new("report.year_invalid", format!("no such year {y}")))
}

impl ReportPeriod {
    /// A standard period of `year`. `ministry` moves the annual preliminary
    /// cut-off to 30 November (ministries report later than their units).
    pub fn standard(kind: PeriodKind, year: i32, ministry: bool) -> Result<Self, ParseError> {
        if !(2000..=2100).contains(&year) {
            return Err(ParseError::new(
                "report.year_invalid",
                format!("year {year} is outside 2000–2100"),
            ));
        }
        let (from, to, actual_to) = match kind {
            PeriodKind::SixMonth => (day(year, 1, 1)?, day(year, 6, 30)?, day(year, 5, 31)?),
            PeriodKind::AnnualPreliminary => {
                let cut = if ministry {
                    day(year, 11, 30)?
                } else {
                    day(year, 10, 31)?
                };
                (day(year, 1, 1)?, day(year, 12, 31)?, cut)
            }
            PeriodKind::AnnualOfficial => {
                (day(year, 1, 1)?, day(year, 12, 31)?, day(year, 12, 31)?)
            }
            PeriodKind::Custom => {
                return Err(ParseError::new(
                    "report.period_dates_required",
                    "a custom period needs its from and to dates",
                ));
            }
        };
        Ok(Self {
            kind,
            from,
            to,
            actual_to,
        })
    }

    /// A range a leader picks; all of it is actual data.
    pub fn custom(from: NaiveDate, to: NaiveDate) -> Result<Self, ParseError> {
        if to < from {
            return Err(ParseError::new(
                "report.period_reversed",
                "the period ends before it begins",
            ));
        }
        if (to - from).num_days() > 366 * 10 {
            return Err(ParseError::new(
                "report.period_too_long",
                "a period spans at most ten years",
            ));
        }
        Ok(Self {
            kind: PeriodKind::Custom,
            from,
            to,
            actual_to: to,
        })
    }

    pub fn year(&self) -> i32 {
        self.from.year()
    }

    /// Whether part of the period is estimated rather than counted.
    pub fn has_estimate(&self) -> bool {
        self.actual_to < self.to
    }

    /// The projection a unit may accept for the estimated part: the actual
    /// figure's daily rate over the days not yet counted, rounded to the
    /// nearest whole number.
    pub fn projection(&self, actual: u64) -> u64 {
        if !self.has_estimate() {
            return 0;
        }
        let counted = (self.actual_to - self.from).num_days() + 1;
        let rest = (self.to - self.actual_to).num_days();
        // counted ≥ 1 and rest ≥ 1 here; u128 keeps the product exact.
        let n = u128::from(actual) * rest as u128;
        let d = counted as u128;
        ((n * 2 + d) / (d * 2)) as u64
    }
}
