//! People across cases (issue #15 item 3). A case records parties; the
//! registry links the parties of different cases that are one person, so
//! that duplicate people do not skew the figures, the conflict check sees
//! the same person under another case, and a person's page lists their
//! cases. Matching uses the ID number when known, else the folded name
//! plus the date of birth plus the province. Weaker evidence is only a
//! suggestion, for leadership to merge (or to mark as two people).
use crate::ProvinceCode;
use crate::case::record::Party;
use crate::text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One person of the registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: Uuid,
    pub full_name: String,
    pub name_folded: String,
    pub date_of_birth: Option<NaiveDate>,
    /// Normalised: no spaces, upper case.
    pub id_number: Option<String>,
    /// Where the person was first seen.
    pub province_code: Option<ProvinceCode>,
    /// Set when leadership merged this record into another.
    pub merged_into_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Person {
    /// A new person from what a party tells of them.
    pub fn first_seen(party: &Party, province: Option<ProvinceCode>, at: DateTime<Utc>) -> Self {
        let who = Identity::of(party, province);
        Person {
            id: Uuid::now_v7(),
            full_name: party.full_name.trim().to_owned(),
            name_folded: who.name_folded,
            date_of_birth: who.date_of_birth,
            id_number: who.id_number,
            province_code: province,
            merged_into_id: None,
            version: 1,
            created_at: at,
            updated_at: at,
        }
    }

    pub fn identity(&self) -> Identity {
        Identity {
            name_folded: self.name_folded.clone(),
            date_of_birth: self.date_of_birth,
            id_number: self.id_number.clone(),
            province: self.province_code,
        }
    }

    /// The record as a reader without a need to know sees it: the birth
    /// date and the ID number hidden, as on the case (DOMAIN §11).
    pub fn masked(mut self) -> Self {
        self.date_of_birth = None;
        self.id_number = None;
        self
    }

    /// Folded name and birth date: how a person is found without an ID number.
    pub fn match_key(&self) -> Option<String> {
        self.identity().match_key()
    }

    /// What a newly linked party adds that the record lacked (an ID number,
    /// a birth date): true when something was learnt.
    pub fn learn(&mut self, who: &Identity, at: DateTime<Utc>) -> bool {
        let mut learnt = false;
        if self.id_number.is_none() && who.id_number.is_some() {
            self.id_number = who.id_number.clone();
            learnt = true;
        }
        if self.date_of_birth.is_none() && who.date_of_birth.is_some() {
            self.date_of_birth = who.date_of_birth;
            learnt = true;
        }
        if learnt {
            self.version += 1;
            self.updated_at = at;
        }
        learnt
    }

    /// Merges this record into `kept`: both must be live and distinct.
    pub fn merge_into(&mut self, kept: &Person, at: DateTime<Utc>) -> Result<(), PersonError> {
        if self.id == kept.id {
            return Err(PersonError::SamePerson);
        }
        if self.merged_into_id.is_some() || kept.merged_into_id.is_some() {
            return Err(PersonError::AlreadyMerged);
        }
        self.merged_into_id = Some(kept.id);
        self.version += 1;
        self.updated_at = at;
        Ok(())
    }

    /// Undoes the merge of this record into `kept`. Merges are undone in
    /// reverse order: not once `kept` has itself been merged further.
    pub fn unmerge_from(&mut self, kept: &Person, at: DateTime<Utc>) -> Result<(), PersonError> {
        if self.merged_into_id != Some(kept.id) {
            return Err(PersonError::NotMerged);
        }
        if kept.merged_into_id.is_some() {
            return Err(PersonError::MergedSince);
        }
        self.merged_into_id = None;
        self.version += 1;
        self.updated_at = at;
        Ok(())
    }
}

/// One merge of a record into another, kept so that it can be undone:
/// the parties it moved go back to the merged record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMerge {
    pub id: Uuid,
    pub kept_id: Uuid,
    pub merged_id: Uuid,
    pub party_ids: Vec<Uuid>,
    pub reason: Option<String>,
    pub merged_by: Option<Uuid>,
    pub merged_at: DateTime<Utc>,
    pub undone_by: Option<Uuid>,
    pub undone_at: Option<DateTime<Utc>>,
}

/// Why a merge or its undoing is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PersonError {
    #[error("a person cannot be merged into itself")]
    SamePerson,
    #[error("one of the two records has already been merged into another")]
    AlreadyMerged,
    #[error("the merge has already been undone")]
    NotMerged,
    #[error("the kept record has been merged into another since: undo that merge first")]
    MergedSince,
}

impl PersonError {
    pub fn code(self) -> &'static str {
        match self {
            PersonError::SamePerson => "person.same_person",
            PersonError::AlreadyMerged => "person.already_merged",
            PersonError::NotMerged => "person.merge_undone",
            PersonError::MergedSince => "person.merged_since",
        }
    }
}

/// What identifies a party as a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name_folded: String,
    pub date_of_birth: Option<NaiveDate>,
    pub id_number: Option<String>,
    pub province: Option<ProvinceCode>,
}

impl Identity {
    pub fn of(party: &Party, province: Option<ProvinceCode>) -> Self {
        Identity {
            name_folded: party.folded_name(),
            date_of_birth: party.date_of_birth,
            id_number: party.id_number.as_deref().and_then(normalise_id_number),
            province,
        }
    }

    /// `nguyen van a|1990-01-02`; none without a birth date (a name alone
    /// is not a person).
    pub fn match_key(&self) -> Option<String> {
        let born = self.date_of_birth?;
        (!self.name_folded.is_empty()).then(|| format!("{}|{born}", self.name_folded))
    }
}

/// An ID number as compared: spaces and dots dropped, upper case.
pub fn normalise_id_number(s: &str) -> Option<String> {
    let n: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .flat_map(char::to_uppercase)
        .collect();
    (!n.is_empty()).then_some(n)
}

/// Why two records are suggested as one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    /// The same ID number under names that differ (a typo, or a wrong number).
    SameIdNumber,
    /// The same name and date of birth, in another province or with
    /// different ID numbers.
    SameNameAndBirthDate,
}

impl DuplicateReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicateReason::SameIdNumber => "same_id_number",
            DuplicateReason::SameNameAndBirthDate => "same_name_and_birth_date",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            DuplicateReason::SameIdNumber => "Trùng số định danh cá nhân",
            DuplicateReason::SameNameAndBirthDate => "Trùng họ tên và ngày sinh",
        }
    }
}

/// How two identities compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// One person: link without asking.
    Same,
    /// Perhaps one person: suggest, let leadership decide.
    Possibly(DuplicateReason),
    Different,
}

/// The ID number decides when both are known (with the name agreeing);
/// else the folded name, the birth date and the province together.
pub fn compare(a: &Identity, b: &Identity) -> Verdict {
    let same_name = !a.name_folded.is_empty() && a.name_folded == b.name_folded;
    let same_birth = matches!((a.date_of_birth, b.date_of_birth), (Some(x), Some(y)) if x == y);
    match (&a.id_number, &b.id_number) {
        (Some(x), Some(y)) if x == y => {
            if same_name {
                Verdict::Same
            } else {
                Verdict::Possibly(DuplicateReason::SameIdNumber)
            }
        }
        (Some(_), Some(_)) if same_name && same_birth => {
            Verdict::Possibly(DuplicateReason::SameNameAndBirthDate)
        }
        (Some(_), Some(_)) => Verdict::Different,
        _ if same_name && same_birth && a.province == b.province => Verdict::Same,
        _ if same_name && same_birth => Verdict::Possibly(DuplicateReason::SameNameAndBirthDate),
        _ => Verdict::Different,
    }
}

/// Why two live records are suggested as one person, if they are: what
/// `compare` says, and for two records it judges the same (linked apart
/// before one of them learnt what makes them one) the evidence that does.
pub fn suggestion_reason(a: &Person, b: &Person) -> Option<DuplicateReason> {
    match compare(&a.identity(), &b.identity()) {
        Verdict::Possibly(r) => Some(r),
        Verdict::Same if a.id_number.is_some() && a.id_number == b.id_number => {
            Some(DuplicateReason::SameIdNumber)
        }
        Verdict::Same => Some(DuplicateReason::SameNameAndBirthDate),
        Verdict::Different => None,
    }
}

/// The one candidate that is the same person as `who`: one sharing its ID
/// number wins; otherwise exactly one must match on name, birth date and
/// province. Two such candidates (namesakes born the same day whose ID
/// numbers differ) make the match ambiguous: none is chosen, and the new
/// record is suggested beside them for leadership to decide.
pub fn find_same<'a>(
    who: &Identity,
    candidates: impl IntoIterator<Item = &'a Person>,
) -> Option<Uuid> {
    let same: Vec<&Person> = candidates
        .into_iter()
        .filter(|p| p.merged_into_id.is_none())
        .filter(|p| compare(who, &p.identity()) == Verdict::Same)
        .collect();
    let by_id: Vec<&&Person> = same
        .iter()
        .filter(|p| who.id_number.is_some() && p.id_number == who.id_number)
        .collect();
    match (by_id.as_slice(), same.as_slice()) {
        ([one], _) => Some(one.id),
        ([], [one]) => Some(one.id),
        _ => None,
    }
}

/// The folded name, as the registry's search compares it.
pub fn fold_name(name: &str) -> String {
    text::fold(name)
}

#[cfg(test)]
mod tests;
