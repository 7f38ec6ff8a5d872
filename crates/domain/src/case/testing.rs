//! What the case tests share: a date, the default holiday calendar and the
//! rules in force (the built-in eligibility table).
use super::{CaseRules, DeadlineRules};
use crate::calendar::HolidayCalendar;
use crate::eligibility::CATEGORIES;
use chrono::NaiveDate;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn calendar() -> &'static HolidayCalendar {
    static CAL: std::sync::OnceLock<HolidayCalendar> = std::sync::OnceLock::new();
    CAL.get_or_init(HolidayCalendar::vietnam_default)
}

pub fn rules() -> CaseRules<'static> {
    CaseRules {
        categories: CATEGORIES,
        calendar: calendar(),
        deadlines: DeadlineRules::default(),
    }
}
