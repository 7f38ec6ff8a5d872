//! The person's rights over the data a case holds of them (Law 91/2025;
//! DOMAIN §11): correction and deletion. They change who the case names,
//! never where it stands in the lifecycle, and are allowed in every state:
//! a person may ask at any time, even of an archived file.
use super::{Case, conflict, field};
use crate::case::event::CaseEvent;
use crate::case::record::{Party, ProceduralRole};
use crate::case::rules::RuleError;
use crate::clock::Moment;
use crate::privacy::{self, Erasure, Identity, erasure_for};
use chrono::NaiveDate;
use uuid::Uuid;

/// A party's personal fields as they should read after a correction. `None`
/// leaves a field as it is; `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartyCorrection {
    pub full_name: Option<String>,
    pub sex: Option<Option<String>>,
    pub date_of_birth: Option<Option<NaiveDate>>,
    /// The beneficiary's standing in criminal proceedings.
    pub procedural_role: Option<Option<ProceduralRole>>,
    pub ethnicity: Option<Option<String>>,
    pub address: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub id_number: Option<Option<String>>,
}

/// What deleting a person's data did: the events, what was done to the
/// case, and the identities removed (to remove from the case's other
/// papers too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    pub events: Vec<CaseEvent>,
    pub erasure: Erasure,
    pub identities: Vec<Identity>,
}

impl Case {
    fn party_mut(&mut self, party_id: Uuid) -> Result<&mut Party, RuleError> {
        self.record
            .parties
            .iter_mut()
            .find(|p| p.id == party_id)
            .ok_or_else(|| {
                field(
                    "party_id",
                    "privacy.no_such_party",
                    "the case names no such party",
                )
            })
    }

    /// Corrects what the case records of a party (Law 91/2025: the right to
    /// correction). Refuses a correction that changes nothing, and one of a
    /// person whose identity was already removed.
    pub fn correct_party(
        &mut self,
        party_id: Uuid,
        c: PartyCorrection,
        at: Moment,
    ) -> Result<Vec<CaseEvent>, RuleError> {
        if let Some(Some(born)) = c.date_of_birth
            && born > at.today
        {
            return Err(field(
                "date_of_birth",
                "in_future",
                "the date of birth cannot be in the future",
            ));
        }
        if c.full_name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(field("full_name", "required", "the name cannot be empty"));
        }
        let party = self.party_mut(party_id)?;
        if privacy::is_anonymised(party) {
            return Err(conflict(
                "privacy.anonymised",
                "this person's data was deleted; there is nothing to correct",
            ));
        }
        let changed = u32::try_from(c.apply_to(party).len()).unwrap_or(u32::MAX);
        if changed == 0 {
            return Err(field(
                "correction",
                "privacy.nothing_to_correct",
                "the correction changes nothing",
            ));
        }
        Ok(self.emit(
            vec![CaseEvent::PartyCorrected {
                on: at.today,
                party_id,
                fields_changed: changed,
            }],
            at,
        ))
    }

    /// Deletes a person's data from the case (Law 91/2025: the right to
    /// deletion). A refused request, which never entered the register, is
    /// erased: every person in it and its summary go. A case that entered the
    /// register (or is still being decided) must be kept and counted, so only
    /// the person's identity goes, from the parties and the summary.
    ///
    /// The identities removed come back with the events, so that the caller
    /// can remove them from what the case's papers say elsewhere (notices,
    /// notes, the audit trail's values).
    pub fn delete_personal_data(
        &mut self,
        party_id: Uuid,
        at: Moment,
    ) -> Result<Deletion, RuleError> {
        let erasure = erasure_for(self.record.status);
        let party = self.party_mut(party_id)?;
        if privacy::is_anonymised(party) {
            return Err(conflict(
                "privacy.anonymised",
                "this person's data was deleted already",
            ));
        }
        match erasure {
            Erasure::Erase => {
                let identities: Vec<Identity> = self
                    .record
                    .parties
                    .iter()
                    .filter(|p| !privacy::is_anonymised(p))
                    .map(Identity::of)
                    .collect();
                for p in &mut self.record.parties {
                    privacy::anonymise(p);
                }
                self.record.summary = privacy::REDACTED.to_owned();
                let events = self.emit(vec![CaseEvent::RequestErased { on: at.today }], at);
                Ok(Deletion {
                    events,
                    erasure,
                    identities,
                })
            }
            Erasure::Anonymise => {
                let identity = Identity::of(party);
                privacy::anonymise(party);
                if let Some(s) = identity.scrub_text(&self.record.summary) {
                    self.record.summary = s;
                }
                let events = self.emit(
                    vec![CaseEvent::PartyAnonymised {
                        on: at.today,
                        party_id,
                    }],
                    at,
                );
                Ok(Deletion {
                    events,
                    erasure,
                    identities: vec![identity],
                })
            }
        }
    }
}
