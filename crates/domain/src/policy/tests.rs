use super::*;
use crate::case::CommandKind;

fn hn() -> ProvinceCode {
    ProvinceCode::parse("01").unwrap()
}
fn hcm() -> ProvinceCode {
    ProvinceCode::parse("79").unwrap()
}

const MINISTRY: Uuid = Uuid::from_u128(1);
const HN_DEPT: Uuid = Uuid::from_u128(10);
const HN_CENTRE: Uuid = Uuid::from_u128(11);
const HN_BRANCH: Uuid = Uuid::from_u128(12);
const HN_FIRM: Uuid = Uuid::from_u128(13);
const HCM_CENTRE: Uuid = Uuid::from_u128(21);

fn actor(role: Role, org: Uuid) -> Actor {
    let (centre_id, province) = match org {
        MINISTRY => (None, None),
        HN_DEPT | HN_FIRM => (None, Some(hn())),
        HN_CENTRE | HN_BRANCH => (Some(HN_CENTRE), Some(hn())),
        _ => (Some(HCM_CENTRE), Some(hcm())),
    };
    Actor {
        user_id: Uuid::from_u128(1000 + org.as_u128()),
        role,
        org_id: org,
        centre_id,
        province,
        practitioner_id: None,
    }
}

fn in_org(org: Uuid) -> ResourceScope {
    let a = actor(Role::CentreClerk, org);
    ResourceScope {
        org_id: Some(org),
        centre_id: a.centre_id,
        province: a.province,
        user_id: None,
        practitioner_id: None,
    }
}

#[test]
fn a_centre_user_never_sees_another_centres_people() {
    let director = actor(Role::CentreDirector, HN_CENTRE);
    let read = Action::Read(Resource::Practitioner);
    assert_eq!(authorize(&director, read, &in_org(HN_BRANCH)), Ok(()));
    assert_eq!(
        authorize(&director, read, &in_org(HCM_CENTRE)),
        Err(Denied::OutOfScope)
    );
    assert_eq!(
        authorize(&director, read, &in_org(HN_FIRM)),
        Err(Denied::OutOfScope)
    );
}

#[test]
fn a_department_sees_only_its_province() {
    let staff = actor(Role::JusticeDepartmentStaff, HN_DEPT);
    assert_eq!(
        read_filter(&staff, Resource::Practitioner),
        ScopeFilter::Province(hn())
    );
    assert_eq!(
        authorize(&staff, Action::UpdatePractitioner, &in_org(HN_FIRM)),
        Ok(())
    );
    assert_eq!(
        authorize(&staff, Action::UpdatePractitioner, &in_org(HCM_CENTRE)),
        Err(Denied::OutOfScope)
    );
}

#[test]
fn visible_but_not_writable_is_forbidden() {
    let clerk = actor(Role::CentreClerk, HN_CENTRE);
    assert_eq!(
        authorize(
            &clerk,
            Action::Read(Resource::Practitioner),
            &in_org(HN_CENTRE)
        ),
        Ok(())
    );
    assert!(matches!(
        authorize(&clerk, Action::UpdatePractitioner, &in_org(HN_CENTRE)),
        Err(Denied::Forbidden(_))
    ));
    assert!(matches!(
        authorize(
            &clerk,
            Action::GrantRole(Role::CentreClerk),
            &in_org(HN_CENTRE)
        ),
        Err(Denied::Forbidden(_))
    ));
}

#[test]
fn nobody_below_the_ministry_grants_national_roles() {
    for (role, org) in [
        (Role::JusticeDepartmentStaff, HN_DEPT),
        (Role::CentreDirector, HN_CENTRE),
    ] {
        let a = actor(role, org);
        for granted in [
            Role::NationalAdmin,
            Role::NationalStaff,
            Role::IntegrationService,
        ] {
            assert!(
                authorize(&a, Action::GrantRole(granted), &in_org(org)).is_err(),
                "{role:?} grants {granted:?}"
            );
        }
    }
    let admin = actor(Role::NationalAdmin, MINISTRY);
    assert_eq!(
        authorize(
            &admin,
            Action::GrantRole(Role::NationalAdmin),
            &in_org(MINISTRY)
        ),
        Ok(())
    );
}

#[test]
fn a_director_cannot_promote_to_director() {
    let director = actor(Role::CentreDirector, HN_CENTRE);
    assert!(
        authorize(
            &director,
            Action::GrantRole(Role::CentreDirector),
            &in_org(HN_CENTRE)
        )
        .is_err()
    );
    assert_eq!(
        authorize(
            &director,
            Action::GrantRole(Role::LegalAidOfficer),
            &in_org(HN_BRANCH)
        ),
        Ok(())
    );
}

#[test]
fn users_read_themselves_and_leaders_lock_their_people() {
    let officer = actor(Role::LegalAidOfficer, HN_CENTRE);
    let me = ResourceScope {
        user_id: Some(officer.user_id),
        ..in_org(HN_CENTRE)
    };
    let colleague = ResourceScope {
        user_id: Some(Uuid::from_u128(99)),
        ..in_org(HN_CENTRE)
    };
    assert_eq!(
        authorize(&officer, Action::Read(Resource::User), &me),
        Ok(())
    );
    assert_eq!(
        authorize(&officer, Action::Read(Resource::User), &colleague),
        Err(Denied::OutOfScope)
    );
    assert_eq!(
        authorize(&officer, Action::LockUser, &colleague),
        Err(Denied::OutOfScope)
    );
    let director = actor(Role::CentreDirector, HN_CENTRE);
    assert_eq!(authorize(&director, Action::LockUser, &colleague), Ok(()));
}

#[test]
fn participating_orgs_manage_only_their_own_lawyers() {
    let firm = actor(Role::ParticipatingOrgAccount, HN_FIRM);
    assert_eq!(
        authorize(&firm, Action::CreatePractitioner, &in_org(HN_FIRM)),
        Ok(())
    );
    // The centre is in the public directory, so the refusal may say why.
    assert!(matches!(
        authorize(&firm, Action::CreatePractitioner, &in_org(HN_CENTRE)),
        Err(Denied::Forbidden(_))
    ));
    assert_eq!(
        authorize(&firm, Action::CreatePractitioner, &in_org(HCM_CENTRE)),
        Err(Denied::OutOfScope)
    );
}

#[test]
fn the_national_admin_may_do_everything_everywhere() {
    let admin = actor(Role::NationalAdmin, MINISTRY);
    for org in [MINISTRY, HN_DEPT, HN_CENTRE, HN_BRANCH, HN_FIRM, HCM_CENTRE] {
        for action in [
            Action::MergeOrganisation,
            Action::LockUser,
            Action::TransferPractitioner,
            Action::ManageApiKeys,
        ] {
            assert_eq!(authorize(&admin, action, &in_org(org)), Ok(()));
        }
    }
}

#[test]
fn service_accounts_only_read_registers() {
    let svc = actor(Role::IntegrationService, MINISTRY);
    assert_eq!(
        authorize(
            &svc,
            Action::Read(Resource::Practitioner),
            &in_org(HCM_CENTRE)
        ),
        Ok(())
    );
    assert!(authorize(&svc, Action::UpdatePractitioner, &in_org(HCM_CENTRE)).is_err());
    assert_eq!(read_filter(&svc, Resource::User), ScopeFilter::Nothing);
}

#[test]
fn read_filter_and_authorize_always_agree() {
    let orgs = [MINISTRY, HN_DEPT, HN_CENTRE, HN_BRANCH, HN_FIRM, HCM_CENTRE];
    for role in Role::ALL {
        for home in orgs {
            let a = actor(role, home);
            for resource in [
                Resource::Organisation,
                Resource::Practitioner,
                Resource::User,
                Resource::AuditLog,
            ] {
                for target in orgs {
                    let scope = in_org(target);
                    let listed = read_filter(&a, resource).contains(&scope);
                    let readable = authorize(&a, Action::Read(resource), &scope).is_ok();
                    assert_eq!(listed, readable, "{role:?}@{home} {resource:?} in {target}");
                }
            }
        }
    }
}

fn case_in(org: Uuid, practitioner: Option<Uuid>) -> ResourceScope {
    ResourceScope {
        practitioner_id: practitioner,
        ..in_org(org)
    }
}

#[test]
fn officers_see_only_the_cases_assigned_to_them() {
    let me = Uuid::from_u128(500);
    let officer = Actor {
        practitioner_id: Some(me),
        ..actor(Role::LegalAidOfficer, HN_CENTRE)
    };
    let read = Action::Read(Resource::Case);
    assert_eq!(
        authorize(&officer, read, &case_in(HN_CENTRE, Some(me))),
        Ok(())
    );
    assert_eq!(
        authorize(
            &officer,
            read,
            &case_in(HN_CENTRE, Some(Uuid::from_u128(501)))
        ),
        Err(Denied::OutOfScope)
    );
    assert_eq!(
        authorize(&officer, read, &case_in(HN_CENTRE, None)),
        Err(Denied::OutOfScope)
    );
    let conclude = Action::CaseCommand(CommandKind::Conclude);
    assert_eq!(
        authorize(&officer, conclude, &case_in(HN_CENTRE, Some(me))),
        Ok(())
    );
    let assign = Action::CaseCommand(CommandKind::Assign);
    assert!(matches!(
        authorize(&officer, assign, &case_in(HN_CENTRE, Some(me))),
        Err(Denied::Forbidden(_))
    ));
}

#[test]
fn clerks_take_requests_in_and_leaders_assign() {
    let clerk = actor(Role::CentreClerk, HN_CENTRE);
    let director = actor(Role::CentreDirector, HN_CENTRE);
    let case = case_in(HN_BRANCH, None);
    assert_eq!(authorize(&clerk, Action::CreateCase, &case), Ok(()));
    assert_eq!(
        authorize(&clerk, Action::CaseCommand(CommandKind::Accept), &case),
        Ok(())
    );
    assert!(authorize(&clerk, Action::CaseCommand(CommandKind::Assign), &case).is_err());
    assert_eq!(
        authorize(&director, Action::CaseCommand(CommandKind::Assign), &case),
        Ok(())
    );
    assert_eq!(
        authorize(&director, Action::CreateCase, &case_in(HCM_CENTRE, None)),
        Err(Denied::OutOfScope)
    );
}

#[test]
fn departments_read_their_provinces_cases_but_do_not_handle_them() {
    let staff = actor(Role::JusticeDepartmentStaff, HN_DEPT);
    let case = case_in(HN_CENTRE, None);
    assert_eq!(
        authorize(&staff, Action::Read(Resource::Case), &case),
        Ok(())
    );
    assert!(matches!(
        authorize(&staff, Action::CaseCommand(CommandKind::Accept), &case),
        Err(Denied::Forbidden(_))
    ));
    assert_eq!(
        authorize(
            &staff,
            Action::Read(Resource::Case),
            &case_in(HCM_CENTRE, None)
        ),
        Err(Denied::OutOfScope)
    );
}

#[test]
fn only_the_national_admin_changes_reference_data() {
    let scope = ResourceScope::default();
    for role in Role::ALL {
        let a = actor(
            role,
            if role == Role::NationalAdmin {
                MINISTRY
            } else {
                HN_CENTRE
            },
        );
        assert_eq!(
            authorize(&a, Action::Read(Resource::ReferenceData), &scope),
            Ok(()),
            "{role:?} reads"
        );
        let change = authorize(&a, Action::ManageReferenceData, &scope);
        assert_eq!(
            change.is_ok(),
            role == Role::NationalAdmin,
            "{role:?} changes"
        );
        // The old system's data comes in through the national admin only.
        let import = authorize(&a, Action::ImportData, &scope);
        assert_eq!(
            import.is_ok(),
            role == Role::NationalAdmin,
            "{role:?} imports"
        );
    }
}

#[test]
fn a_complaint_is_handled_by_the_unit_that_holds_it_and_watched_from_above() {
    let at_department = in_org(HN_DEPT);
    let at_centre = in_org(HN_CENTRE);
    let national = ResourceScope {
        org_id: Some(MINISTRY),
        ..Default::default()
    };
    let department = actor(Role::JusticeDepartmentStaff, HN_DEPT);
    let ministry = actor(Role::NationalStaff, MINISTRY);
    let director = actor(Role::CentreDirector, HN_CENTRE);
    let clerk = actor(Role::CentreClerk, HN_CENTRE);
    let other_director = actor(Role::CentreDirector, HCM_CENTRE);
    let handle = Action::HandleComplaint;
    assert_eq!(authorize(&department, handle, &at_department), Ok(()));
    // Forwarded to the centre: the department still sees and may act on it.
    assert_eq!(authorize(&department, handle, &at_centre), Ok(()));
    assert_eq!(authorize(&director, handle, &at_centre), Ok(()));
    assert_eq!(
        authorize(&director, handle, &at_department),
        Err(Denied::OutOfScope)
    );
    assert_eq!(
        authorize(&department, handle, &national),
        Err(Denied::OutOfScope)
    );
    assert_eq!(authorize(&ministry, handle, &national), Ok(()));
    assert_eq!(authorize(&ministry, handle, &at_centre), Ok(()));
    assert_eq!(
        authorize(&clerk, Action::Read(Resource::Complaint), &at_centre),
        Err(Denied::OutOfScope)
    );
    assert_eq!(
        authorize(&other_director, handle, &at_centre),
        Err(Denied::OutOfScope)
    );
}
