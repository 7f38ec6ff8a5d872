//! What a login session may do beyond the role's powers: privileged acts
//! that need a recent password check, which roles must use a second
//! factor, and what a confined session (temporary password, second factor
//! not yet enrolled) may still reach. Issue #10; kanidm's privilege
//! re-authentication is the model.
use super::Action;
use crate::Role;
use chrono::{DateTime, Duration, Utc};

/// How long a password check makes a session privileged.
pub fn recent_authentication_window() -> Duration {
    Duration::minutes(10)
}

/// Whether an action needs the actor's password (and second factor) to
/// have been checked within [`recent_authentication_window`]: acts that
/// hand out or take away access, or change the law's reference data.
/// Every action is named, so a new one must be placed on a side.
pub fn needs_recent_authentication(action: Action) -> bool {
    use Action::*;
    match action {
        LockUser | ResetPassword | ResetSecondFactor | GrantRole(_) | ManageApiKeys
        | ManageReferenceData | MergeOrganisation => true,
        Read(_)
        | CreateOrganisation(_)
        | UpdateOrganisation
        | DeactivateOrganisation
        | CreatePractitioner
        | UpdatePractitioner
        | DeactivatePractitioner
        | TransferPractitioner
        | UpdateUser
        | DeactivateUser
        | CreateCase
        | TriageIntake
        | HandleComplaint
        | RecordCall
        | HandleSubjectRequest
        | CaseCommand(_)
        | AmendCase
        | ScheduleHearing
        | AttachDocument
        | RemoveDocument
        | DownloadDocument
        | ManageJobs
        | ImportData
        | MergePersons => false,
    }
}

/// Whether a session authenticated at `authenticated_at` may perform
/// `action` at `now`. API keys (no interactive session) never may perform
/// a privileged act.
pub fn recently_authenticated(
    action: Action,
    authenticated_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    !needs_recent_authentication(action)
        || authenticated_at
            .is_some_and(|at| at <= now && now - at <= recent_authentication_window())
}

/// Whether accounts of this role must log in with a second factor (TOTP):
/// those who see or govern a whole province, a centre or the country.
pub fn must_use_second_factor(role: Role) -> bool {
    use Role::*;
    match role {
        NationalAdmin
        | NationalStaff
        | JusticeDepartmentStaff
        | CentreDirector
        | CentreDeputy
        | BranchHead
        | DataProtectionOfficer => true,
        CentreClerk
        | LegalAidOfficer
        | ContractedLawyer
        | ParticipatingOrgAccount
        | HotlineOperator
        | Evaluator => false,
        // Service accounts authenticate with API keys, never interactively.
        IntegrationService => false,
    }
}

/// Whether an account must enrol before it may work: its role must use a
/// second factor, it has none, and the grace period (which starts at the
/// first login, `auth::second_factor_grace`) is over.
pub fn second_factor_overdue(
    role: Role,
    enrolled: bool,
    grace_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    must_use_second_factor(role) && !enrolled && grace_until.is_some_and(|g| now >= g)
}

/// Why a session is confined to its own account's self-service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confinement {
    /// The password was set by an administrator and must be changed.
    TemporaryPassword,
    /// The role must use a second factor and the grace period is over.
    SecondFactorEnrolment,
}

/// The self-service requests a session can make about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfService {
    ReadOwnAccount,
    Logout,
    ChangePassword,
    EnrolSecondFactor,
}

/// Whether a confined session may make this request: only what lifts the
/// confinement, reading who one is, and leaving. `None` is any other request.
pub fn confinement_allows(confinement: Confinement, request: Option<SelfService>) -> bool {
    use SelfService::*;
    match (confinement, request) {
        (_, Some(ReadOwnAccount | Logout)) => true,
        (Confinement::TemporaryPassword, Some(ChangePassword)) => true,
        (Confinement::TemporaryPassword, Some(EnrolSecondFactor)) => false,
        (Confinement::SecondFactorEnrolment, Some(EnrolSecondFactor | ChangePassword)) => true,
        (_, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(min: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 16, 2, 0, 0)
            .single()
            .unwrap()
            + Duration::minutes(min)
    }

    #[test]
    fn privileged_acts_need_a_password_check_within_ten_minutes() {
        let login = at(0);
        assert!(recently_authenticated(
            Action::LockUser,
            Some(login),
            at(10)
        ));
        assert!(!recently_authenticated(
            Action::LockUser,
            Some(login),
            at(11)
        ));
        assert!(!recently_authenticated(Action::ManageApiKeys, None, at(0)));
        // Everyday work does not.
        assert!(recently_authenticated(
            Action::CreateCase,
            Some(login),
            at(600)
        ));
        assert!(recently_authenticated(Action::UpdateUser, None, at(0)));
    }

    #[test]
    fn a_check_dated_in_the_future_does_not_count() {
        assert!(!recently_authenticated(
            Action::ResetPassword,
            Some(at(5)),
            at(0)
        ));
    }

    #[test]
    fn leaders_and_supervisors_must_use_a_second_factor() {
        let required: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| must_use_second_factor(*r))
            .collect();
        assert_eq!(
            required,
            [
                Role::NationalAdmin,
                Role::NationalStaff,
                Role::JusticeDepartmentStaff,
                Role::CentreDirector,
                Role::CentreDeputy,
                Role::BranchHead,
                // Sees who read every record and deletes people's data.
                Role::DataProtectionOfficer
            ]
        );
    }

    #[test]
    fn enrolment_is_overdue_only_after_the_grace_period_of_a_role_that_must() {
        let until = Some(at(60));
        assert!(!second_factor_overdue(
            Role::CentreDirector,
            false,
            until,
            at(59)
        ));
        assert!(second_factor_overdue(
            Role::CentreDirector,
            false,
            until,
            at(60)
        ));
        assert!(!second_factor_overdue(
            Role::CentreDirector,
            true,
            until,
            at(600)
        ));
        assert!(!second_factor_overdue(
            Role::CentreClerk,
            false,
            until,
            at(600)
        ));
        assert!(!second_factor_overdue(
            Role::CentreDirector,
            false,
            None,
            at(600)
        ));
    }

    #[test]
    fn a_confined_session_reaches_only_what_lifts_the_confinement() {
        use Confinement::*;
        use SelfService::*;
        assert!(confinement_allows(TemporaryPassword, Some(ChangePassword)));
        assert!(!confinement_allows(
            TemporaryPassword,
            Some(EnrolSecondFactor)
        ));
        assert!(!confinement_allows(TemporaryPassword, None));
        assert!(confinement_allows(
            SecondFactorEnrolment,
            Some(EnrolSecondFactor)
        ));
        assert!(confinement_allows(SecondFactorEnrolment, Some(Logout)));
        assert!(!confinement_allows(SecondFactorEnrolment, None));
    }
}
