//! What an integration key may reach, on top of its service account's
//! role: a key carries scopes (`cases:read`, `cases:create`,
//! `documents:write`, …) and an operation names the scope it needs. The
//! role's policy still decides the rest, so a scope only ever narrows.
//! Issue #14 item 6; GitHub's fine-grained tokens and Stripe's restricted
//! keys are the model: one area of the API, read or write.
use std::fmt;
use std::str::FromStr;

/// An area of the API, as the spec tags its operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyArea {
    Cases,
    Documents,
    Events,
    Reports,
    Organisations,
    Practitioners,
    Users,
    Audit,
    Complaints,
    Evaluation,
    Hotline,
    Imports,
    Intake,
    Jobs,
    Notifications,
    Persons,
    Privacy,
    Reference,
}

impl KeyArea {
    pub const ALL: [KeyArea; 18] = [
        KeyArea::Cases,
        KeyArea::Documents,
        KeyArea::Events,
        KeyArea::Reports,
        KeyArea::Organisations,
        KeyArea::Practitioners,
        KeyArea::Users,
        KeyArea::Audit,
        KeyArea::Complaints,
        KeyArea::Evaluation,
        KeyArea::Hotline,
        KeyArea::Imports,
        KeyArea::Intake,
        KeyArea::Jobs,
        KeyArea::Notifications,
        KeyArea::Persons,
        KeyArea::Privacy,
        KeyArea::Reference,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyArea::Cases => "cases",
            KeyArea::Documents => "documents",
            KeyArea::Events => "events",
            KeyArea::Reports => "reports",
            KeyArea::Organisations => "organisations",
            KeyArea::Practitioners => "practitioners",
            KeyArea::Users => "users",
            KeyArea::Audit => "audit",
            KeyArea::Complaints => "complaints",
            KeyArea::Evaluation => "evaluation",
            KeyArea::Hotline => "hotline",
            KeyArea::Imports => "imports",
            KeyArea::Intake => "intake",
            KeyArea::Jobs => "jobs",
            KeyArea::Notifications => "notifications",
            KeyArea::Persons => "persons",
            KeyArea::Privacy => "privacy",
            KeyArea::Reference => "reference",
        }
    }
}

/// What a key may do in an area. `Create` is only the taking in of a new
/// record at the area's front door (`POST /cases`): an external portal
/// that files requests needs no power over the cases' later acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyAccess {
    Read,
    Create,
    Write,
}

impl KeyAccess {
    pub const ALL: [KeyAccess; 3] = [KeyAccess::Read, KeyAccess::Create, KeyAccess::Write];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyAccess::Read => "read",
            KeyAccess::Create => "create",
            KeyAccess::Write => "write",
        }
    }
}

/// One scope: an area and an access, written `area:access`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyScope {
    pub area: KeyArea,
    pub access: KeyAccess,
}

impl KeyScope {
    pub const fn new(area: KeyArea, access: KeyAccess) -> Self {
        KeyScope { area, access }
    }

    /// Every scope a key can be given.
    pub fn all() -> impl Iterator<Item = KeyScope> {
        KeyArea::ALL
            .into_iter()
            .flat_map(|a| KeyAccess::ALL.into_iter().map(move |x| KeyScope::new(a, x)))
    }
}

impl fmt::Display for KeyScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.area.as_str(), self.access.as_str())
    }
}

/// A scope that is not `area:access` of the known areas and accesses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scope `{0}`: use area:access, e.g. cases:read")]
pub struct UnknownScope(pub String);

impl FromStr for KeyScope {
    type Err = UnknownScope;
    fn from_str(s: &str) -> Result<Self, UnknownScope> {
        let unknown = || UnknownScope(s.to_owned());
        let (area, access) = s.split_once(':').ok_or_else(unknown)?;
        let area = KeyArea::ALL
            .into_iter()
            .find(|a| a.as_str() == area)
            .ok_or_else(unknown)?;
        let access = KeyAccess::ALL
            .into_iter()
            .find(|a| a.as_str() == access)
            .ok_or_else(unknown)?;
        Ok(KeyScope::new(area, access))
    }
}

/// The scopes a key was given. Keys made before scopes existed hold every
/// scope ([`KeyGrant::Legacy`]) until they are rotated or revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyGrant {
    Scopes(Vec<KeyScope>),
    Legacy,
}

/// The marker stored for a key made before scopes.
const LEGACY: &str = "*";

impl KeyGrant {
    /// Parses the stored form: scopes separated by spaces (as OAuth writes
    /// them), or `*` for a key from before scopes.
    pub fn parse(stored: &str) -> Result<KeyGrant, UnknownScope> {
        if stored.trim() == LEGACY {
            return Ok(KeyGrant::Legacy);
        }
        let mut scopes = stored
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<Vec<KeyScope>, _>>()?;
        scopes.sort();
        scopes.dedup();
        Ok(KeyGrant::Scopes(scopes))
    }

    /// The stored form.
    pub fn stored(&self) -> String {
        match self {
            KeyGrant::Legacy => LEGACY.to_owned(),
            KeyGrant::Scopes(s) => s
                .iter()
                .map(KeyScope::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// The scopes as a list (every scope for a legacy key).
    pub fn scopes(&self) -> Vec<KeyScope> {
        match self {
            KeyGrant::Legacy => KeyScope::all().collect(),
            KeyGrant::Scopes(s) => s.clone(),
        }
    }

    pub fn holds(&self, scope: KeyScope) -> bool {
        match self {
            KeyGrant::Legacy => true,
            KeyGrant::Scopes(s) => s.contains(&scope),
        }
    }
}

/// Why a key may not call an operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyRefused {
    /// The operation is for people only (password, second factor, calendar
    /// feed): a key is never accepted there.
    #[error("this operation is for signed-in people, not for API keys")]
    NotForKeys,
    /// The key lacks the scope the operation needs.
    #[error("the API key lacks the scope `{0}`")]
    MissingScope(KeyScope),
}

/// Whether a key with this grant may call an operation that needs
/// `required` (`None`: the operation does not accept keys; an empty list:
/// any key, e.g. reading one's own account).
pub fn authorize_key(grant: &KeyGrant, required: Option<&[KeyScope]>) -> Result<(), KeyRefused> {
    let required = required.ok_or(KeyRefused::NotForKeys)?;
    match required.iter().find(|s| !grant.holds(**s)) {
        Some(missing) => Err(KeyRefused::MissingScope(*missing)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_back_as_written_and_unknown_ones_are_named() {
        for scope in KeyScope::all() {
            assert_eq!(scope.to_string().parse::<KeyScope>(), Ok(scope));
        }
        assert_eq!(KeyScope::all().count(), 54);
        assert_eq!(
            "cases:delete".parse::<KeyScope>(),
            Err(UnknownScope("cases:delete".into()))
        );
        assert!("cases".parse::<KeyScope>().is_err());
        assert!("everything:read".parse::<KeyScope>().is_err());
    }

    #[test]
    fn a_grant_is_stored_sorted_once_each_and_read_back() {
        let g = KeyGrant::parse("events:read cases:create cases:read events:read").unwrap();
        assert_eq!(g.stored(), "cases:read cases:create events:read");
        assert_eq!(KeyGrant::parse(&g.stored()).unwrap(), g);
        assert_eq!(KeyGrant::parse("*").unwrap(), KeyGrant::Legacy);
        assert!(KeyGrant::parse("cases:read cases:everything").is_err());
    }

    #[test]
    fn a_key_reaches_only_operations_whose_scopes_it_holds() {
        let create = KeyScope::new(KeyArea::Cases, KeyAccess::Create);
        let read = KeyScope::new(KeyArea::Cases, KeyAccess::Read);
        let write = KeyScope::new(KeyArea::Cases, KeyAccess::Write);
        let portal = KeyGrant::Scopes(vec![create]);
        assert_eq!(authorize_key(&portal, Some(&[create])), Ok(()));
        // `create` is not `read`, nor the later acts (`write`).
        assert_eq!(
            authorize_key(&portal, Some(&[read])),
            Err(KeyRefused::MissingScope(read))
        );
        assert_eq!(
            authorize_key(&portal, Some(&[write])),
            Err(KeyRefused::MissingScope(write))
        );
        // Any key reads its own account; no key changes a password.
        assert_eq!(authorize_key(&portal, Some(&[])), Ok(()));
        assert_eq!(authorize_key(&portal, None), Err(KeyRefused::NotForKeys));
        assert_eq!(
            authorize_key(&KeyGrant::Legacy, None),
            Err(KeyRefused::NotForKeys)
        );
        assert_eq!(authorize_key(&KeyGrant::Legacy, Some(&[write])), Ok(()));
    }
}
