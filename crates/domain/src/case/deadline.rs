//! Case deadlines in working days (DOMAIN §6). The periods are
//! configuration ([`DeadlineRules`]); the dates come from the caller (the
//! clock is a parameter) and the holidays from a [`HolidayCalendar`].
use crate::calendar::{HolidayCalendar, WorkingDays};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The configurable periods of the case process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DeadlineRules {
    /// Time to answer a beneficiary's request to change practitioner (form 04).
    pub reassignment_answer: WorkingDays,
    /// A limitation period or trial date fewer than this many working days
    /// after the request makes the case urgent (accepted at once).
    pub urgent_within: WorkingDays,
    /// Time an urgent case's requester has to supply the missing proof,
    /// counted from acceptance (*configurable*, DOMAIN §6).
    pub proof_supplement: WorkingDays,
}

impl Default for DeadlineRules {
    fn default() -> Self {
        Self {
            reassignment_answer: WorkingDays::new(3),
            urgent_within: WorkingDays::new(5),
            proof_supplement: WorkingDays::new(5),
        }
    }
}

/// What intake knows that can make a request urgent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct UrgencyFacts {
    /// Last day of the limitation period (thời hiệu) for the matter.
    pub limitation_period_ends: Option<NaiveDate>,
    pub trial_date: Option<NaiveDate>,
    /// The court or procedural authority appointed the defence.
    pub court_appointed_defence: bool,
}

/// Why a request is urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UrgencyReason {
    LimitationPeriod,
    TrialDate,
    CourtAppointedDefence,
}

impl UrgencyReason {
    pub fn as_str(self) -> &'static str {
        match self {
            UrgencyReason::LimitationPeriod => "limitation_period",
            UrgencyReason::TrialDate => "trial_date",
            UrgencyReason::CourtAppointedDefence => "court_appointed_defence",
        }
    }
}

impl DeadlineRules {
    /// The last day to answer a reassignment request made on `requested_on`.
    pub fn reassignment_answer_deadline(
        &self,
        calendar: &HolidayCalendar,
        requested_on: NaiveDate,
    ) -> NaiveDate {
        calendar.add_working_days(requested_on, self.reassignment_answer)
    }

    /// Whether the answer to a reassignment request is late: answered after
    /// the deadline, or still unanswered after it on `today`.
    pub fn reassignment_overdue(
        &self,
        calendar: &HolidayCalendar,
        requested_on: NaiveDate,
        answered_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> bool {
        let deadline = self.reassignment_answer_deadline(calendar, requested_on);
        answered_on.unwrap_or(today) > deadline
    }

    /// Whether `event` is fewer than `urgent_within` working days after the
    /// request (a date already past counts as urgent).
    fn is_close(
        &self,
        calendar: &HolidayCalendar,
        request_date: NaiveDate,
        event: NaiveDate,
    ) -> bool {
        calendar.working_days_between(request_date, event) < self.urgent_within
    }

    /// Why a request made on `request_date` is urgent; empty if it is not.
    pub fn urgency(
        &self,
        calendar: &HolidayCalendar,
        request_date: NaiveDate,
        facts: &UrgencyFacts,
    ) -> Vec<UrgencyReason> {
        let close = |date: Option<NaiveDate>| {
            date.is_some_and(|event| self.is_close(calendar, request_date, event))
        };
        let mut reasons = Vec::new();
        if close(facts.limitation_period_ends) {
            reasons.push(UrgencyReason::LimitationPeriod);
        }
        if close(facts.trial_date) {
            reasons.push(UrgencyReason::TrialDate);
        }
        if facts.court_appointed_defence {
            reasons.push(UrgencyReason::CourtAppointedDefence);
        }
        reasons
    }

    /// Urgent cases are accepted at once and their proof is supplied later.
    pub fn is_urgent(
        &self,
        calendar: &HolidayCalendar,
        request_date: NaiveDate,
        facts: &UrgencyFacts,
    ) -> bool {
        !self.urgency(calendar, request_date, facts).is_empty()
    }

    /// The last day to supply the proof of an urgent case accepted on `accepted_on`.
    pub fn proof_supplement_deadline(
        &self,
        calendar: &HolidayCalendar,
        accepted_on: NaiveDate,
    ) -> NaiveDate {
        calendar.add_working_days(accepted_on, self.proof_supplement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rules() -> DeadlineRules {
        DeadlineRules::default()
    }

    #[test]
    fn reassignment_is_answered_within_three_working_days() {
        let cal = HolidayCalendar::vietnam_default();
        // Thursday 13/3/2025 → Tuesday 18/3 (the weekend does not count).
        assert_eq!(
            rules().reassignment_answer_deadline(&cal, d(2025, 3, 13)),
            d(2025, 3, 18)
        );
        // Thursday 12/2/2026, before Tết → Tuesday 24/2.
        assert_eq!(
            rules().reassignment_answer_deadline(&cal, d(2026, 2, 12)),
            d(2026, 2, 24)
        );
    }

    #[test]
    fn reassignment_overdue_flags() {
        let cal = HolidayCalendar::vietnam_default();
        let asked = d(2025, 3, 13);
        let r = rules();
        assert!(!r.reassignment_overdue(&cal, asked, None, d(2025, 3, 18)));
        assert!(r.reassignment_overdue(&cal, asked, None, d(2025, 3, 19)));
        assert!(!r.reassignment_overdue(&cal, asked, Some(d(2025, 3, 17)), d(2025, 4, 1)));
        assert!(r.reassignment_overdue(&cal, asked, Some(d(2025, 3, 19)), d(2025, 4, 1)));
    }

    #[test]
    fn a_trial_fewer_than_five_working_days_away_is_urgent() {
        let cal = HolidayCalendar::vietnam_default();
        let monday = d(2025, 3, 10);
        let trial = |date| UrgencyFacts {
            trial_date: Some(date),
            ..UrgencyFacts::default()
        };
        // Friday 14/3 is 4 working days away; Monday 17/3 is 5.
        assert_eq!(
            rules().urgency(&cal, monday, &trial(d(2025, 3, 14))),
            [UrgencyReason::TrialDate]
        );
        assert!(!rules().is_urgent(&cal, monday, &trial(d(2025, 3, 17))));
        // A trial the same day, or already past, is urgent.
        assert!(rules().is_urgent(&cal, monday, &trial(monday)));
        // Over Tết 2026: 12/2 → 25/2 is only 4 working days away.
        assert!(rules().is_urgent(&cal, d(2026, 2, 12), &trial(d(2026, 2, 25))));
        assert!(!rules().is_urgent(&cal, d(2026, 2, 12), &trial(d(2026, 2, 26))));
    }

    #[test]
    fn limitation_period_and_appointed_defence_are_urgent_too() {
        let cal = HolidayCalendar::vietnam_default();
        let facts = UrgencyFacts {
            limitation_period_ends: Some(d(2025, 3, 11)),
            trial_date: Some(d(2025, 6, 2)),
            court_appointed_defence: true,
        };
        assert_eq!(
            rules().urgency(&cal, d(2025, 3, 10), &facts),
            [
                UrgencyReason::LimitationPeriod,
                UrgencyReason::CourtAppointedDefence
            ]
        );
        assert!(!rules().is_urgent(&cal, d(2025, 3, 10), &UrgencyFacts::default()));
    }

    #[test]
    fn the_proof_supplement_period_is_configurable() {
        let cal = HolidayCalendar::vietnam_default();
        let accepted = d(2025, 4, 28); // Monday; 30/4 and 1/5 are holidays
        assert_eq!(
            rules().proof_supplement_deadline(&cal, accepted),
            d(2025, 5, 7)
        );
        let ten = DeadlineRules {
            proof_supplement: WorkingDays::new(10),
            ..rules()
        };
        assert_eq!(
            ten.proof_supplement_deadline(&cal, accepted),
            d(2025, 5, 14)
        );
        // Partial configuration falls back to the defaults.
        let parsed: DeadlineRules = serde_json::from_str(r#"{"proof_supplement": 10}"#).unwrap();
        assert_eq!(parsed, ten);
    }
}
