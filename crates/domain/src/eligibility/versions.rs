//! The eligibility table's versions: a category has at most one version in
//! force on any day, so a request is judged by exactly one text of its
//! clause (DOMAIN §1: the rules are date-effective reference data).
use super::Category;
use chrono::NaiveDate;

/// A version that would share days with another version of its category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("another version of category '{code}' is in force from {valid_from} to {valid_to:?}")]
pub struct VersionClash {
    pub code: String,
    /// The days of the version already in the table.
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl Category {
    /// Whether two versions of one category are both in force on some day.
    pub fn overlaps(&self, other: &Category) -> bool {
        self.code == other.code
            && self.valid_from <= other.valid_to.unwrap_or(NaiveDate::MAX)
            && other.valid_from <= self.valid_to.unwrap_or(NaiveDate::MAX)
    }
}

/// What putting version `c` into `table` changes besides `c` itself. A
/// version with the same start is replaced. With `supersede`, the version
/// in force the day before `c` starts ends that day (a new instrument
/// rewrites the clause from a date) and is returned, ended; otherwise any
/// version sharing a day with `c` is a clash, and so is a later one even
/// with `supersede` (that would cut a text someone already dated).
pub fn put_version(
    table: &[Category],
    c: &Category,
    supersede: bool,
) -> Result<Option<Category>, VersionClash> {
    let mut ended = None;
    for other in table
        .iter()
        .filter(|o| o.valid_from != c.valid_from && o.overlaps(c))
    {
        match c.valid_from.pred_opt() {
            Some(last_day) if supersede && ended.is_none() && other.valid_from < c.valid_from => {
                let mut earlier = other.clone();
                earlier.valid_to = Some(last_day);
                ended = Some(earlier);
            }
            _ => {
                return Err(VersionClash {
                    code: other.code.to_string(),
                    valid_from: other.valid_from,
                    valid_to: other.valid_to,
                });
            }
        }
    }
    Ok(ended)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::CATEGORIES;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn version_of(code: &str) -> Category {
        CATEGORIES
            .iter()
            .rev()
            .find(|c| c.code == code)
            .unwrap()
            .clone()
    }

    #[test]
    fn the_built_in_table_has_one_version_a_day() {
        for c in CATEGORIES {
            assert_eq!(put_version(CATEGORIES, c, false), Ok(None), "{}", c.code);
        }
    }

    #[test]
    fn a_new_version_that_shares_days_is_refused_unless_it_supersedes() {
        let table = vec![version_of("7c")];
        let mut new = table[0].clone();
        new.valid_from = d(2027, 1, 1);
        new.label_vi = "Người cao tuổi (văn bản mới)".into();
        let clash = put_version(&table, &new, false).unwrap_err();
        assert_eq!(clash.valid_from, table[0].valid_from);

        let ended = put_version(&table, &new, true).unwrap().unwrap();
        assert_eq!(ended.valid_from, table[0].valid_from);
        assert_eq!(ended.valid_to, Some(d(2026, 12, 31)));
        assert_eq!(ended.label_vi, table[0].label_vi);
    }

    #[test]
    fn replacing_a_version_or_adding_one_after_the_last_day_needs_nothing() {
        let mut old = version_of("7c");
        old.valid_to = Some(d(2026, 12, 31));
        let table = vec![old.clone()];
        let mut same = old.clone();
        same.label_en = "The elderly".into();
        assert_eq!(put_version(&table, &same, false), Ok(None));
        let mut next = old.clone();
        next.valid_from = d(2027, 1, 1);
        next.valid_to = None;
        assert_eq!(put_version(&table, &next, false), Ok(None));
        // A version of another category never clashes.
        let mut other = next.clone();
        other.code = "7d".into();
        other.valid_from = d(2020, 1, 1);
        assert_eq!(put_version(&table, &other, false), Ok(None));
    }

    #[test]
    fn superseding_never_cuts_a_later_version() {
        let mut old = version_of("7c");
        old.valid_to = Some(d(2026, 12, 31));
        let mut later = old.clone();
        later.valid_from = d(2027, 1, 1);
        later.valid_to = None;
        let table = vec![old, later.clone()];
        let mut between = later.clone();
        between.valid_from = d(2026, 6, 1);
        let clash = put_version(&table, &between, true).unwrap_err();
        assert_eq!(clash.valid_from, later.valid_from);
    }
}
