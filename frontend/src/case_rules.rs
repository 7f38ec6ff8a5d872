//! Which acts the case screen offers: the domain's lifecycle (what the
//! case's state allows now) crossed with the domain's policy (what the
//! user's role may do here). Nothing is re-encoded: both come from
//! `tgpl-domain`, the same rules the server enforces.
use crate::session::Session;
use tgpl_api_model::cases::CaseDto;
use tgpl_domain::ProvinceCode;
use tgpl_domain::case::{CaseState, CommandKind};
use tgpl_domain::policy::{Action, Actor, ResourceScope, authorize};

pub fn actor(s: &Session) -> Actor {
    Actor {
        user_id: s.me.user_id,
        role: s.me.role,
        org_id: s.me.organisation_id,
        centre_id: s.me.centre_id,
        province: s
            .me
            .province_code
            .as_deref()
            .and_then(|p| ProvinceCode::parse(p).ok()),
        practitioner_id: s.practitioner_id,
    }
}

/// `tgpl_domain::case::rules::check_hearing` on the DTO's two fields it
/// reads (litigation, still handled). Building a whole domain `Case` in the
/// browser for it would cost ~18 KB of wasm; the test
/// `hearing_rule_agrees_with_the_domain` holds the two to the same answer
/// for every state and form of aid.
pub fn hearing_allowed(c: &CaseDto) -> bool {
    c.form_of_aid.is_litigation()
        && matches!(
            c.status,
            CaseState::Accepted | CaseState::Assigned | CaseState::InProgress
        )
}

/// Where the case sits for the policy. The server showed the case, so it is
/// inside the user's read scope: a centre-level user's centre is the case's.
pub fn scope(c: &CaseDto, actor: &Actor) -> ResourceScope {
    ResourceScope {
        org_id: Some(c.organisation_id),
        centre_id: actor.centre_id,
        province: c
            .province_code
            .as_deref()
            .and_then(|p| ProvinceCode::parse(p).ok()),
        user_id: None,
        practitioner_id: c.practitioner_id,
    }
}

/// The acts the case allows now (the server judged them on the whole
/// record: state, eligibility, proof) that the user's role may give.
pub fn available_commands(c: &CaseDto, actor: &Actor) -> Vec<CommandKind> {
    let scope = scope(c, actor);
    c.allowed_commands
        .iter()
        .copied()
        .filter(|k| authorize(actor, Action::CaseCommand(*k), &scope).is_ok())
        .collect()
}

/// Whether this user may correct the case now ("Sửa, bổ sung").
pub fn can_amend(c: &CaseDto, actor: &Actor) -> bool {
    c.status.amendable() && authorize(actor, Action::AmendCase, &scope(c, actor)).is_ok()
}

/// What the user may do with the case's documents: the buttons shown are
/// the policy's answers, so no button answers 403.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocPowers {
    pub upload: bool,
    pub download: bool,
    pub remove: bool,
}

pub fn document_powers(c: &CaseDto, actor: &Actor) -> DocPowers {
    let scope = scope(c, actor);
    let may = |action| authorize(actor, action, &scope).is_ok();
    DocPowers {
        upload: may(Action::AttachDocument),
        download: may(Action::DownloadDocument),
        remove: may(Action::RemoveDocument),
    }
}

/// A hearing can be put in the calendar now, by this user.
pub fn can_schedule_hearing(c: &CaseDto, actor: &Actor) -> bool {
    hearing_allowed(c) && authorize(actor, Action::ScheduleHearing, &scope(c, actor)).is_ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use tgpl_api_model::auth::MeResponse;
    use tgpl_domain::Role;
    use tgpl_domain::case::{CaseState, FormOfAid};
    use uuid::Uuid;

    const CENTRE: Uuid = Uuid::from_u128(1);
    const OFFICER: Uuid = Uuid::from_u128(2);

    fn session(role: Role, practitioner: Option<Uuid>) -> Session {
        Session {
            me: MeResponse {
                user_id: Uuid::from_u128(9),
                username: "u".into(),
                full_name: "U".into(),
                role,
                organisation_id: CENTRE,
                centre_id: Some(CENTRE),
                province_code: Some("01".into()),
                practitioner_id: practitioner,
                session_id: None,
                must_change_password: false,
                second_factor: Default::default(),
                authenticated_at: None,
            },
            username: "u".into(),
            full_name: "U".into(),
            practitioner_id: practitioner,
            must_change_password: false,
            must_enrol_second_factor: false,
        }
    }

    /// A case as the API sends it (built from JSON so that optional fields
    /// the API adds later need no change here).
    pub(crate) fn case(status: CaseState, form: FormOfAid) -> CaseDto {
        serde_json::from_value(serde_json::json!({
            "id": Uuid::from_u128(5),
            "status": status,
            "allowed_commands": tgpl_domain::case::allowed_commands(status),
            "organisation_id": CENTRE,
            "province_code": "01",
            "channel": "in_person",
            "request_date": "2026-11-02",
            "form_of_aid": form,
            "field_of_law": "criminal",
            "summary": "s",
            "eligibility_codes": ["5"],
            "missing_proof": [],
            "urgent": false,
            "practitioner_id": OFFICER,
            "overdue": false,
            "completeness": { "score": 100, "missing": [] },
            "parties": [],
            "version": 1,
            "created_at": "2026-11-02T08:00:00Z",
            "updated_at": "2026-11-02T08:00:00Z"
        }))
        .unwrap()
    }

    fn offered(role: Role, p: Option<Uuid>, st: CaseState) -> Vec<CommandKind> {
        let s = session(role, p);
        available_commands(&case(st, FormOfAid::Advice), &actor(&s))
    }

    #[test]
    fn intake_staff_answer_a_new_request() {
        use CommandKind::*;
        assert_eq!(
            offered(Role::CentreClerk, None, CaseState::Received),
            vec![RequestSupplement, Refuse, Accept]
        );
        assert!(offered(Role::CentreClerk, None, CaseState::Accepted).is_empty());
    }

    #[test]
    fn leaders_assign_and_the_officer_does_the_work() {
        use CommandKind::*;
        assert_eq!(
            offered(Role::CentreDirector, None, CaseState::Accepted),
            vec![Assign, Discontinue]
        );
        assert_eq!(
            offered(Role::LegalAidOfficer, Some(OFFICER), CaseState::InProgress),
            vec![RecordActivity, Conclude]
        );
        assert!(
            offered(
                Role::LegalAidOfficer,
                Some(Uuid::from_u128(77)),
                CaseState::InProgress
            )
            .is_empty()
        );
        assert!(offered(Role::NationalStaff, None, CaseState::Accepted).is_empty());
    }

    #[test]
    fn hearings_only_on_open_litigation_cases() {
        let s = session(Role::CentreDirector, None);
        let a = actor(&s);
        assert!(can_schedule_hearing(
            &case(CaseState::Assigned, FormOfAid::LitigationDefence),
            &a
        ));
        assert!(!can_schedule_hearing(
            &case(CaseState::Assigned, FormOfAid::Advice),
            &a
        ));
        assert!(!can_schedule_hearing(
            &case(CaseState::Concluded, FormOfAid::LitigationDefence),
            &a
        ));
    }

    /// The DTO read back as the domain's case (tests only).
    fn to_domain(c: &CaseDto) -> tgpl_domain::case::CaseRecord {
        let mut v = serde_json::to_value(c).unwrap();
        v.as_object_mut()
            .unwrap()
            .insert("centre_id".into(), serde_json::Value::Null);
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn hearing_rule_agrees_with_the_domain() {
        for st in CaseState::ALL {
            for form in FormOfAid::ALL {
                let c = case(st, form);
                let domain = tgpl_domain::case::rules::check_hearing(&to_domain(&c)).is_ok();
                assert_eq!(hearing_allowed(&c), domain, "{st:?} {form:?}");
            }
        }
    }

    #[test]
    fn officers_neither_withdraw_documents_nor_statisticians_open_them() {
        let case = case(CaseState::InProgress, FormOfAid::Advice);
        let officer = session(Role::LegalAidOfficer, Some(OFFICER));
        let p = document_powers(&case, &actor(&officer));
        assert!(p.upload && p.download && !p.remove, "{p:?}");
        let director = session(Role::CentreDirector, None);
        let p = document_powers(&case, &actor(&director));
        assert!(p.upload && p.download && p.remove, "{p:?}");
        let staff = session(Role::NationalStaff, None);
        let p = document_powers(&case, &actor(&staff));
        assert!(!p.upload && !p.download && !p.remove, "{p:?}");
    }
}
