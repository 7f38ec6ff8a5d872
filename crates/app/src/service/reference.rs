//! Date-effective reference data, kept by the national admin.
use super::{begin, commit};
use crate::App;
use crate::Caller;
use crate::error::{AppError, Fields};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tgpl_db::audit::{self, Change};
use tgpl_db::reference;
use tgpl_domain::ResourceScope;
use tgpl_domain::calendar::WorkingDays;
use tgpl_domain::eligibility::{Category, normalise_code, put_version};
use tgpl_domain::policy::Action;
use uuid::Uuid;

fn may_change(caller: &Caller) -> Result<(), AppError> {
    caller.authorize(
        Action::ManageReferenceData,
        &ResourceScope::default(),
        "reference",
    )
}

async fn record<T: Serialize>(
    txn: &tgpl_db::DatabaseTransaction,
    caller: &Caller,
    action: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), AppError> {
    // Reference rows have natural keys, not ids: the before/after JSON names them.
    let change = Change {
        action,
        entity: "reference",
        entity_id: Uuid::nil(),
        scope: ResourceScope::default(),
        before,
        after,
    };
    Ok(audit::record(txn, &caller.audit(), change).await?)
}

pub async fn categories(state: &App, on: Option<NaiveDate>) -> Result<Vec<Category>, AppError> {
    let all = reference::categories(state.db.read()).await?;
    Ok(match on {
        Some(d) => all.into_iter().filter(|c| c.in_force_on(d)).collect(),
        None => all,
    })
}

/// Adds or replaces one version of a category (e.g. sets the day a clause
/// is repealed, or adds the new wording from a later date).
pub async fn put_category(
    state: &App,
    caller: &Caller,
    mut c: Category,
    supersede: bool,
) -> Result<Category, AppError> {
    may_change(caller)?;
    let mut f = Fields::new();
    c.code = normalise_code(&c.code).into();
    if c.code.is_empty() || c.code.len() > 8 {
        f.push("code", "invalid", "a category code such as 2, 6a or 7dd");
    }
    if c.valid_to.is_some_and(|to| to < c.valid_from) {
        f.push(
            "valid_to",
            "before_valid_from",
            "the category stops before it starts",
        );
    }
    if c.label_vi.trim().is_empty() {
        f.push("label_vi", "required", "the Vietnamese label is required");
    }
    f.finish()?;
    let txn = begin(&state.db).await?;
    let table = reference::categories(&txn).await?;
    let ended = put_version(&table, &c, supersede).map_err(|clash| {
        let until = clash.valid_to.map_or_else(String::new, |d| d.to_string());
        AppError::field(
            "valid_from",
            "version_overlaps",
            format!(
                "another version of this category is in force from {} to {until}: end it first or supersede it",
                clash.valid_from
            ),
        )
    })?;
    if let Some(earlier) = &ended {
        let before = table
            .iter()
            .find(|x| x.code == earlier.code && x.valid_from == earlier.valid_from);
        reference::upsert_category(&txn, earlier).await?;
        record(
            &txn,
            caller,
            "reference.category_put",
            before,
            Some(earlier),
        )
        .await?;
    }
    let before = table
        .iter()
        .find(|x| x.code == c.code && x.valid_from == c.valid_from);
    reference::upsert_category(&txn, &c).await?;
    record(&txn, caller, "reference.category_put", before, Some(&c)).await?;
    commit(txn).await?;
    Ok(c)
}

#[derive(Serialize)]
struct HolidayRow<'a> {
    date: NaiveDate,
    name_vi: &'a str,
}

/// The case process's periods (working days) in force on `on`.
pub async fn deadline_rules(
    state: &App,
    on: NaiveDate,
) -> Result<tgpl_domain::case::DeadlineRules, AppError> {
    Ok(reference::deadline_rules(state.db.read(), on).await?)
}

/// A version of the case process's periods as the audit trail records it.
#[derive(Serialize)]
struct RulesVersion<'a> {
    valid_from: NaiveDate,
    #[serde(flatten)]
    rules: tgpl_domain::case::DeadlineRules,
    source: &'a str,
}

/// The longest period the form accepts: a year of working days. A longer
/// one is a typing slip, not a rule.
const MAX_PERIOD: i64 = 260;

/// Sets the case process's periods in force from `valid_from` (national
/// admin): a new instrument changes them from a date; cases already given a
/// deadline keep it, new deadlines count with the new periods.
pub async fn put_deadline_rules(
    state: &App,
    caller: &Caller,
    valid_from: NaiveDate,
    periods: [(&'static str, i64); 3],
    source: &str,
) -> Result<tgpl_domain::case::DeadlineRules, AppError> {
    may_change(caller)?;
    let mut f = Fields::new();
    let mut days = [WorkingDays::new(0); 3];
    for (slot, (field, n)) in days.iter_mut().zip(periods) {
        match WorkingDays::parse(n) {
            Ok(d) if (1..=MAX_PERIOD).contains(&n) => *slot = d,
            _ => f.push(
                field,
                "out_of_range",
                format!("a period of 1 to {MAX_PERIOD} working days"),
            ),
        }
    }
    f.finish()?;
    let [reassignment_answer, urgent_within, proof_supplement] = days;
    let rules = tgpl_domain::case::DeadlineRules {
        reassignment_answer,
        urgent_within,
        proof_supplement,
    };
    let source = source.trim();
    let txn = begin(&state.db).await?;
    let before = reference::deadline_rules_from(&txn, valid_from).await?;
    reference::put_deadline_rules(&txn, valid_from, &rules, source).await?;
    let before = before.as_ref().map(|(rules, source)| RulesVersion {
        valid_from,
        rules: *rules,
        source,
    });
    let after = RulesVersion {
        valid_from,
        rules,
        source,
    };
    record(
        &txn,
        caller,
        "reference.deadline_rules_put",
        before.as_ref(),
        Some(&after),
    )
    .await?;
    commit(txn).await?;
    Ok(rules)
}

pub async fn holidays(
    state: &App,
    year: Option<i32>,
) -> Result<Vec<(NaiveDate, String)>, AppError> {
    let all = reference::holidays(state.db.read()).await?;
    Ok(all
        .into_iter()
        .filter(|(d, _)| year.is_none_or(|y| d.year() == y))
        .collect())
}

pub async fn put_holiday(
    state: &App,
    caller: &Caller,
    date: NaiveDate,
    name_vi: &str,
) -> Result<(), AppError> {
    may_change(caller)?;
    let txn = begin(&state.db).await?;
    reference::put_holiday(&txn, date, name_vi.trim()).await?;
    let row = HolidayRow { date, name_vi };
    record(&txn, caller, "reference.holiday_put", None, Some(&row)).await?;
    commit(txn).await
}

pub async fn delete_holiday(state: &App, caller: &Caller, date: NaiveDate) -> Result<(), AppError> {
    may_change(caller)?;
    let txn = begin(&state.db).await?;
    if !reference::delete_holiday(&txn, date).await? {
        return Err(AppError::NotFound("holiday"));
    }
    let row = HolidayRow { date, name_vi: "" };
    record(&txn, caller, "reference.holiday_delete", Some(&row), None).await?;
    commit(txn).await
}
