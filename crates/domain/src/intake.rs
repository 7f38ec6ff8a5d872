//! Requests that reach a centre without a clerk (issue #12): online requests
//! (form 02 filled in by the citizen), hotline forwards and referrals wait in
//! the centre's intake queue until staff turn them into a case, merge them
//! with a duplicate or reject them as spam. The citizen follows progress
//! with a tracking code and a secret.
use crate::calendar::HolidayCalendar;
use crate::case::{Channel, FieldOfLaw, FormOfAid};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod complaint;
pub mod feedback;
pub mod hotline;
pub mod progress;

/// Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud on
/// the phone or copied from paper is not misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The public handle of an intake item: `YC-XXXX-XXXX` (yêu cầu), eight
/// base-32 characters drawn at random (40 bits).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TrackingCode(String);

/// The prefix of an online request's code (yêu cầu) and of a complaint's
/// or recommendation's (phản ánh, kiến nghị).
const PREFIXES: [&str; 2] = ["YC", "PA"];

impl TrackingCode {
    /// A request's code from five random bytes.
    pub fn from_random(bytes: [u8; 5]) -> Self {
        Self::with_prefix("YC", bytes)
    }

    /// A complaint's code (`PA-XXXX-XXXX`) from five random bytes.
    pub fn complaint_from_random(bytes: [u8; 5]) -> Self {
        Self::with_prefix("PA", bytes)
    }

    fn with_prefix(prefix: &str, bytes: [u8; 5]) -> Self {
        let mut bits: u64 = 0;
        for b in bytes {
            bits = (bits << 8) | u64::from(b);
        }
        let chars: Vec<char> = (0..8)
            .rev()
            .map(|i| char::from(ALPHABET[((bits >> (i * 5)) & 31) as usize]))
            .collect();
        let (a, b) = chars.split_at(4);
        Self(format!(
            "{prefix}-{}-{}",
            a.iter().collect::<String>(),
            b.iter().collect::<String>()
        ))
    }

    /// Reads a code as a person types it: any case, spaces or dashes
    /// anywhere, and the letters people confuse (O→0, I/L→1).
    pub fn parse(s: &str) -> Result<Self, IntakeError> {
        let cleaned: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let prefix = PREFIXES
            .into_iter()
            .find(|p| cleaned.starts_with(p))
            .ok_or(IntakeError::BadTrackingCode)?;
        let body: String = cleaned[prefix.len()..]
            .chars()
            .map(|c| match c {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        if body.len() != 8 || !body.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(IntakeError::BadTrackingCode);
        }
        Ok(Self(format!("{prefix}-{}-{}", &body[..4], &body[4..])))
    }

    /// Whether the code names a complaint or recommendation (`PA-`).
    pub fn is_complaint(&self) -> bool {
        self.0.starts_with("PA-")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A lookup secret from ten random bytes: sixteen base-32 characters in
/// groups of four (80 bits), shown once on the receipt.
pub fn secret_from_random(bytes: [u8; 10]) -> String {
    let mut out = String::with_capacity(19);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut n = 0;
    for b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            if n > 0 && n % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
            n += 1;
        }
    }
    out
}

/// A secret as typed (case, dashes and spaces ignored; O→0, I/L→1), the
/// form its hash is taken of.
pub fn normalise_secret(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// Wrong secrets a code's lookup takes before it locks, and for how long
/// (the window the failures are counted in, and the lock).
pub const LOOKUP_FAILURES_BEFORE_LOCK: i32 = 5;
pub fn lookup_lock() -> chrono::Duration {
    chrono::Duration::minutes(15)
}

/// Whether a code's lookup is locked at `now`, given its count of wrong
/// secrets in the window that started at `window_started_at`.
pub fn lookup_locked(
    failures: i32,
    window_started_at: DateTime<Utc>,
    locked_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    crate::auth::is_locked_out(locked_until, now)
        || (failures >= LOOKUP_FAILURES_BEFORE_LOCK && window_started_at + lookup_lock() > now)
}

/// Where an intake item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IntakeStatus {
    /// Waiting for the centre's staff.
    Pending,
    /// Turned into a request on the register's intake (a case).
    Converted,
    /// The same request as an earlier one: joined to it.
    Merged,
    /// Not a legal-aid request (spam, abuse), with a reason.
    Rejected,
}

impl IntakeStatus {
    pub const ALL: [IntakeStatus; 4] = [
        IntakeStatus::Pending,
        IntakeStatus::Converted,
        IntakeStatus::Merged,
        IntakeStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IntakeStatus::Pending => "pending",
            IntakeStatus::Converted => "converted",
            IntakeStatus::Merged => "merged",
            IntakeStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A person as the citizen described them on the online form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct PersonDetails {
    pub full_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub sex: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub ethnicity: Option<String>,
    pub id_number: Option<String>,
}

/// What the citizen asked for (form 02 online).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct RequestDetails {
    pub requester: PersonDetails,
    /// None: the requester asks for themself.
    pub beneficiary: Option<PersonDetails>,
    /// Eligibility category codes the citizen chose (Art. 7).
    pub categories: Vec<String>,
    pub procedural_role: Option<crate::case::ProceduralRole>,
    pub form_of_aid: FormOfAid,
    pub field_of_law: FieldOfLaw,
    pub summary: String,
    /// The version of the consent text the citizen agreed to (Law 91/2025).
    pub consent_version: String,
}

impl RequestDetails {
    /// The person the aid is for.
    pub fn beneficiary(&self) -> &PersonDetails {
        self.beneficiary.as_ref().unwrap_or(&self.requester)
    }
}

/// A request waiting in (or gone from) a centre's intake queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeItem {
    pub id: Uuid,
    pub tracking_code: TrackingCode,
    pub status: IntakeStatus,
    pub channel: Channel,
    /// The centre or branch whose queue holds it.
    pub organisation_id: Uuid,
    /// The centre it belongs to (a branch's parent; a centre itself).
    pub centre_id: Option<Uuid>,
    pub province_code: Option<crate::ProvinceCode>,
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub details: RequestDetails,
    pub case_id: Option<Uuid>,
    pub merged_into: Option<Uuid>,
    pub rejection_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
    pub version: i32,
}

impl IntakeItem {
    pub fn scope(&self) -> crate::ResourceScope {
        crate::ResourceScope {
            org_id: Some(self.organisation_id),
            centre_id: self.centre_id,
            province: self.province_code,
            user_id: None,
            practitioner_id: None,
        }
    }

    /// Working days it has waited (today not counted until it ends).
    pub fn age_in_working_days(&self, calendar: &HolidayCalendar, today: NaiveDate) -> u32 {
        calendar.working_days_between(self.received_on, today).get()
    }

    fn decide(
        &mut self,
        status: IntakeStatus,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> Result<(), IntakeError> {
        if self.status != IntakeStatus::Pending {
            return Err(IntakeError::AlreadyDecided(self.status));
        }
        self.status = status;
        self.decided_by = Some(by);
        self.decided_at = Some(at);
        Ok(())
    }

    /// Turned into a request of the register's intake: `case_id`.
    pub fn convert(
        &mut self,
        case_id: Uuid,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> Result<(), IntakeError> {
        self.decide(IntakeStatus::Converted, by, at)?;
        self.case_id = Some(case_id);
        Ok(())
    }

    /// The same request as `case_id` (its lookup then follows that case).
    pub fn merge_into(
        &mut self,
        case_id: Uuid,
        by: Uuid,
        at: DateTime<Utc>,
    ) -> Result<(), IntakeError> {
        self.decide(IntakeStatus::Merged, by, at)?;
        self.merged_into = Some(case_id);
        Ok(())
    }

    /// Not a legal-aid request; the reason is kept (and shown to the citizen).
    pub fn reject(&mut self, reason: &str, by: Uuid, at: DateTime<Utc>) -> Result<(), IntakeError> {
        let reason = reason.trim();
        if reason.chars().count() < 5 {
            return Err(IntakeError::ReasonRequired);
        }
        self.decide(IntakeStatus::Rejected, by, at)?;
        self.rejection_reason = Some(reason.to_owned());
        Ok(())
    }

    /// The case the citizen's lookup follows, once there is one.
    pub fn followed_case(&self) -> Option<Uuid> {
        self.case_id.or(self.merged_into)
    }

    /// Whether the citizen may attach one more file, holding `attached`
    /// already: only while the centre has not decided (once it has, papers
    /// go to the case file through the centre), and at most
    /// [`MAX_ATTACHMENTS`].
    pub fn may_attach(&self, attached: usize) -> Result<(), IntakeError> {
        if self.status != IntakeStatus::Pending {
            return Err(IntakeError::AlreadyDecided(self.status));
        }
        if attached >= MAX_ATTACHMENTS {
            return Err(IntakeError::TooManyAttachments);
        }
        Ok(())
    }
}

/// Files a citizen may attach to one online request (each within the case
/// documents' size limit): the papers of form 02 and the proof of the
/// categories, photographed page by page.
pub const MAX_ATTACHMENTS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    #[error("a tracking code looks like YC-XXXX-XXXX")]
    BadTrackingCode,
    #[error("this request was already handled ({})", .0.as_str())]
    AlreadyDecided(IntakeStatus),
    #[error("say why the request is rejected (at least 5 characters)")]
    ReasonRequired,
    #[error("a request takes at most {MAX_ATTACHMENTS} files; bring further papers to the centre")]
    TooManyAttachments,
}

impl IntakeError {
    pub fn code(&self) -> &'static str {
        match self {
            IntakeError::BadTrackingCode => "intake.bad_tracking_code",
            IntakeError::AlreadyDecided(_) => "intake.already_decided",
            IntakeError::ReasonRequired => "intake.reason_required",
            IntakeError::TooManyAttachments => "intake.too_many_attachments",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_codes_read_back_as_typed() {
        let code = TrackingCode::from_random([0xde, 0xad, 0xbe, 0xef, 0x01]);
        assert_eq!(code.as_str().len(), 12);
        assert!(code.as_str().starts_with("YC-"));
        let typed = code.as_str().to_lowercase().replace('-', " ");
        assert_eq!(TrackingCode::parse(&typed).unwrap(), code);
        assert_eq!(
            TrackingCode::parse("yc-0ooo-1ill").unwrap().as_str(),
            "YC-0000-1111"
        );
        assert!(TrackingCode::parse("YC-1234").is_err());
        assert!(TrackingCode::parse("TT.TV.01.2026").is_err());
        assert!(TrackingCode::parse("YC-UUUU-UUUU").is_err());
        let complaint = TrackingCode::complaint_from_random([0xde, 0xad, 0xbe, 0xef, 0x01]);
        assert!(complaint.as_str().starts_with("PA-") && complaint.is_complaint());
        assert_eq!(
            TrackingCode::parse(&complaint.as_str().to_lowercase()).unwrap(),
            complaint
        );
        assert!(!code.is_complaint());
    }

    #[test]
    fn secrets_have_sixteen_characters_in_groups() {
        let s = secret_from_random([7; 10]);
        assert_eq!(s.len(), 19);
        assert_eq!(s.matches('-').count(), 3);
        assert_eq!(normalise_secret(&s.to_lowercase()), s.replace('-', ""));
        assert_ne!(secret_from_random([7; 10]), secret_from_random([8; 10]));
    }

    #[test]
    fn five_wrong_secrets_lock_a_lookup_for_fifteen_minutes() {
        let start = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap();
        let later = |m| start + chrono::Duration::minutes(m);
        assert!(!lookup_locked(4, start, None, later(1)));
        assert!(lookup_locked(5, start, None, later(1)));
        assert!(!lookup_locked(5, start, None, later(16)));
        assert!(lookup_locked(0, start, Some(later(20)), later(16)));
    }

    fn item() -> IntakeItem {
        let now = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap();
        IntakeItem {
            id: Uuid::from_u128(1),
            tracking_code: TrackingCode::from_random([1; 5]),
            status: IntakeStatus::Pending,
            channel: Channel::Electronic,
            organisation_id: Uuid::from_u128(2),
            centre_id: Some(Uuid::from_u128(2)),
            province_code: None,
            received_at: now,
            received_on: now.date_naive(),
            details: RequestDetails {
                requester: PersonDetails {
                    full_name: "Lò Văn Hùng".into(),
                    date_of_birth: None,
                    sex: None,
                    phone: None,
                    address: None,
                    ethnicity: None,
                    id_number: None,
                },
                beneficiary: None,
                categories: vec!["2".into()],
                procedural_role: None,
                form_of_aid: FormOfAid::Advice,
                field_of_law: FieldOfLaw::Land,
                summary: "Tranh chấp ranh giới đất".into(),
                consent_version: "2026-01".into(),
            },
            case_id: None,
            merged_into: None,
            rejection_reason: None,
            decided_at: None,
            decided_by: None,
            version: 1,
        }
    }

    #[test]
    fn an_item_is_decided_once() {
        let mut i = item();
        let at = i.received_at;
        i.convert(Uuid::from_u128(9), Uuid::from_u128(3), at)
            .unwrap();
        assert_eq!(i.followed_case(), Some(Uuid::from_u128(9)));
        assert_eq!(
            i.reject("thư rác quảng cáo", Uuid::from_u128(3), at),
            Err(IntakeError::AlreadyDecided(IntakeStatus::Converted))
        );
        let mut j = item();
        assert_eq!(
            j.reject(" x ", Uuid::from_u128(3), at),
            Err(IntakeError::ReasonRequired)
        );
        assert_eq!(j.status, IntakeStatus::Pending);
        j.reject("thư rác quảng cáo", Uuid::from_u128(3), at)
            .unwrap();
        assert_eq!(j.rejection_reason.as_deref(), Some("thư rác quảng cáo"));
    }

    #[test]
    fn files_are_attached_while_pending_and_up_to_the_limit() {
        let mut i = item();
        assert_eq!(i.may_attach(0), Ok(()));
        assert_eq!(i.may_attach(MAX_ATTACHMENTS - 1), Ok(()));
        assert_eq!(
            i.may_attach(MAX_ATTACHMENTS),
            Err(IntakeError::TooManyAttachments)
        );
        let at = i.received_at;
        i.reject("thư rác quảng cáo", Uuid::from_u128(3), at)
            .unwrap();
        assert_eq!(
            i.may_attach(0),
            Err(IntakeError::AlreadyDecided(IntakeStatus::Rejected))
        );
    }
}
