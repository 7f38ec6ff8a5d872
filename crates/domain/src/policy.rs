//! Authorization: `(actor, action, resource scope) -> allow | deny(reason)`.
//!
//! Every service call asks this module. Reads outside the actor's scope are
//! denied as `OutOfScope` (the API answers 404 so ids do not leak); writes
//! inside the read scope but beyond the actor's powers are `Forbidden` (403).
//! List queries use [`read_filter`], so lists and single reads always agree.
use crate::case::CommandKind;
use crate::{OrgKind, ProvinceCode, Role};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod key_scope;
mod session;
pub use key_scope::{
    KeyAccess, KeyArea, KeyGrant, KeyRefused, KeyScope, UnknownScope, authorize_key,
};
pub use session::{
    Confinement, SelfService, confinement_allows, must_use_second_factor,
    needs_recent_authentication, recent_authentication_window, recently_authenticated,
    second_factor_overdue,
};

/// Who is acting: taken from a verified token or API key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: Uuid,
    pub role: Role,
    pub org_id: Uuid,
    /// The centre the actor works in (the centre itself, or a branch's centre).
    pub centre_id: Option<Uuid>,
    pub province: Option<ProvinceCode>,
    /// The register entry an officer or lawyer account acts as.
    #[serde(default)]
    pub practitioner_id: Option<Uuid>,
}

/// Where a resource sits in the hierarchy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceScope {
    /// The organisation that owns the resource (for an organisation: itself).
    pub org_id: Option<Uuid>,
    /// The centre of that organisation, when it is a centre or a branch.
    pub centre_id: Option<Uuid>,
    pub province: Option<ProvinceCode>,
    /// For user accounts: the account itself (self-service reads).
    pub user_id: Option<Uuid>,
    /// For cases: the practitioner assigned to it.
    pub practitioner_id: Option<Uuid>,
}

/// The set of resources an actor may touch, as a filter queries can apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeFilter {
    All,
    Province(ProvinceCode),
    /// A centre and its branches.
    Centre(Uuid),
    Org(Uuid),
    User(Uuid),
    /// Cases assigned to this practitioner.
    Practitioner(Uuid),
    Nothing,
}

impl ScopeFilter {
    pub fn contains(&self, scope: &ResourceScope) -> bool {
        match *self {
            ScopeFilter::All => true,
            ScopeFilter::Province(p) => scope.province == Some(p),
            ScopeFilter::Centre(c) => scope.centre_id == Some(c),
            ScopeFilter::Org(o) => scope.org_id == Some(o),
            ScopeFilter::User(u) => scope.user_id == Some(u),
            ScopeFilter::Practitioner(p) => scope.practitioner_id == Some(p),
            ScopeFilter::Nothing => false,
        }
    }
}

/// The registers this module guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Organisation,
    Practitioner,
    User,
    AuditLog,
    Case,
    /// Eligibility categories, holidays and other date-effective rules.
    ReferenceData,
    /// A centre's queue of online requests, hotline forwards and referrals.
    Intake,
    /// Complaints and recommendations about legal aid (phản ánh, kiến nghị).
    Complaint,
    /// Calls the legal-aid hotline took.
    HotlineCall,
    /// People's requests about their personal data (Law 91/2025).
    SubjectRequest,
}

/// Everything an actor can ask to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read(Resource),
    CreateOrganisation(OrgKind),
    UpdateOrganisation,
    DeactivateOrganisation,
    MergeOrganisation,
    CreatePractitioner,
    UpdatePractitioner,
    DeactivatePractitioner,
    TransferPractitioner,
    /// Create an account with, or change an account to, this role.
    GrantRole(Role),
    UpdateUser,
    DeactivateUser,
    /// Lock an account and revoke every session (leaked credentials).
    LockUser,
    ResetPassword,
    /// Remove an account's second factor and recovery codes (a lost phone).
    ResetSecondFactor,
    ManageApiKeys,
    /// Take in a new legal-aid request.
    CreateCase,
    /// Decide an item of the intake queue: turn it into a request, merge it
    /// with a duplicate, or reject it as spam.
    TriageIntake,
    /// Forward a complaint or recommendation to the unit that must deal
    /// with it, or answer it.
    HandleComplaint,
    /// Record a hotline call (and forward it as a request, or promise and
    /// make a callback).
    RecordCall,
    /// Take in, and answer, a person's request about their data: give the
    /// copy, correct, delete (Law 91/2025).
    HandleSubjectRequest,
    /// A lifecycle command on a case (accept, assign, conclude, …).
    CaseCommand(CommandKind),
    /// Correct or complete a case's record after intake (summary, field,
    /// parties; eligibility before acceptance).
    AmendCase,
    /// Put a hearing of a case in the calendar.
    ScheduleHearing,
    /// Add a document to a case file.
    AttachDocument,
    /// Withdraw a document from a case file (soft delete, audited).
    RemoveDocument,
    /// Download a document's content (the papers hold what masking hides:
    /// only those who handle the case; others read the metadata).
    DownloadDocument,
    /// Change the date-effective reference data (national admin only).
    ManageReferenceData,
    /// See the background jobs and retry dead ones (national admin only).
    ManageJobs,
    /// Import the old system's registers and cases (national admin only).
    ImportData,
    /// Merge two records of the person registry that are one person, undo
    /// such a merge, or mark a suggested pair as two people (leadership).
    MergePersons,
}

/// Why an action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The resource is outside what the actor may see: answer as if absent.
    #[error("not found")]
    OutOfScope,
    /// The actor sees the resource but may not do this to it.
    #[error("{0}")]
    Forbidden(&'static str),
}

pub type Decision = Result<(), Denied>;

fn provincial(actor: &Actor) -> ScopeFilter {
    actor
        .province
        .map_or(ScopeFilter::Nothing, ScopeFilter::Province)
}

/// A data-protection officer's reach: the country from the ministry, the
/// province from a Justice Department, the centre from a centre.
fn data_protection(actor: &Actor) -> ScopeFilter {
    match (actor.centre_id, actor.province) {
        (Some(c), _) => ScopeFilter::Centre(c),
        (None, Some(p)) => ScopeFilter::Province(p),
        (None, None) => ScopeFilter::All,
    }
}

fn centre(actor: &Actor) -> ScopeFilter {
    actor
        .centre_id
        .map_or(ScopeFilter::Nothing, ScopeFilter::Centre)
}

/// What an actor may read of a register. Every register and every role
/// that reads it is named; only refusals fall through.
pub fn read_filter(actor: &Actor, resource: Resource) -> ScopeFilter {
    use Role::*;
    use ScopeFilter::{All, Nothing};
    let role = actor.role;
    // A service account of the ministry sees the country, of a department its province.
    let service_scope = || actor.province.map_or(All, ScopeFilter::Province);
    match resource {
        // The law in force is public to every account.
        Resource::ReferenceData => All,
        Resource::Organisation => match role {
            // Operators pass calls to the right centre anywhere.
            NationalAdmin | NationalStaff | HotlineOperator => All,
            IntegrationService => service_scope(),
            // The organisation directory of one's province is open to every provincial account.
            JusticeDepartmentStaff
            | CentreDirector
            | CentreDeputy
            | BranchHead
            | CentreClerk
            | LegalAidOfficer
            | ContractedLawyer
            | ParticipatingOrgAccount => provincial(actor),
            DataProtectionOfficer => data_protection(actor),
            // Reads the cases named to them, nothing of the registers.
            Evaluator => Nothing,
        },
        Resource::Practitioner => match role {
            NationalAdmin | NationalStaff => All,
            IntegrationService => service_scope(),
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy | CentreClerk | LegalAidOfficer | ContractedLawyer => {
                centre(actor)
            }
            BranchHead | ParticipatingOrgAccount => ScopeFilter::Org(actor.org_id),
            HotlineOperator | DataProtectionOfficer | Evaluator => Nothing,
        },
        Resource::User => match role {
            NationalAdmin | NationalStaff => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy => centre(actor),
            BranchHead => ScopeFilter::Org(actor.org_id),
            // Everyone else reads their own account.
            CentreClerk
            | LegalAidOfficer
            | ContractedLawyer
            | ParticipatingOrgAccount
            | HotlineOperator
            | DataProtectionOfficer
            | Evaluator => ScopeFilter::User(actor.user_id),
            IntegrationService => Nothing,
        },
        // The officer sees every read of a beneficiary's record in reach.
        Resource::AuditLog => match role {
            NationalAdmin => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy => centre(actor),
            DataProtectionOfficer => data_protection(actor),
            _ => Nothing,
        },
        Resource::Case => match role {
            NationalAdmin | NationalStaff => All,
            IntegrationService => service_scope(),
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy | CentreClerk => centre(actor),
            BranchHead | ParticipatingOrgAccount => ScopeFilter::Org(actor.org_id),
            // Officers and lawyers see the cases assigned to them (DOMAIN §9).
            LegalAidOfficer | ContractedLawyer => actor
                .practitioner_id
                .map_or(Nothing, ScopeFilter::Practitioner),
            // The officer finds the person's case (masked like any supervisor).
            DataProtectionOfficer => data_protection(actor),
            // An evaluator reads only the cases a plan names them to
            // ([`evaluator_reads_case`]), one by one, never a list.
            HotlineOperator | Evaluator => Nothing,
        },
        // The queue is the centre's: its intake staff and leaders, and the
        // department and ministry above it that watch how long work waits.
        Resource::Intake => match role {
            NationalAdmin | NationalStaff => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy | CentreClerk => centre(actor),
            BranchHead => ScopeFilter::Org(actor.org_id),
            LegalAidOfficer
            | ContractedLawyer
            | ParticipatingOrgAccount
            | IntegrationService
            | HotlineOperator
            | DataProtectionOfficer
            | Evaluator => Nothing,
        },
        // A complaint is with the ministry's department, a province's
        // Justice Department, or the centre it was forwarded to; the bodies
        // above watch it.
        Resource::Complaint => match role {
            NationalAdmin | NationalStaff => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy => centre(actor),
            BranchHead => ScopeFilter::Org(actor.org_id),
            CentreClerk
            | LegalAidOfficer
            | ContractedLawyer
            | ParticipatingOrgAccount
            | IntegrationService
            | HotlineOperator
            | DataProtectionOfficer
            | Evaluator => Nothing,
        },
        // An operator reads the calls of their own hotline; the centre's
        // leaders, the department and the ministry watch them.
        Resource::HotlineCall => match role {
            NationalAdmin | NationalStaff => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy => centre(actor),
            HotlineOperator => ScopeFilter::Org(actor.org_id),
            BranchHead
            | CentreClerk
            | LegalAidOfficer
            | ContractedLawyer
            | ParticipatingOrgAccount
            | IntegrationService
            | DataProtectionOfficer
            | Evaluator => Nothing,
        },
        // The officer answers them; the system's administrators and the
        // centre's leaders watch them (lateness), never the person's data.
        Resource::SubjectRequest => match role {
            NationalAdmin => All,
            DataProtectionOfficer => data_protection(actor),
            CentreDirector | CentreDeputy => centre(actor),
            NationalStaff
            | JusticeDepartmentStaff
            | BranchHead
            | CentreClerk
            | LegalAidOfficer
            | ContractedLawyer
            | ParticipatingOrgAccount
            | IntegrationService
            | HotlineOperator
            | Evaluator => Nothing,
        },
    }
}

/// What an actor may change with this action (before the read check).
/// Every action is named; within one, each role that gets a power is named
/// too, and only refusals fall through (`_ => Nothing`): a new action or a
/// new role starts with no power until a line here grants it.
fn write_filter(actor: &Actor, action: Action) -> ScopeFilter {
    use Action::*;
    use Role::*;
    use ScopeFilter::{All, Nothing};
    let role = actor.role;
    match action {
        Read(resource) => read_filter(actor, resource),
        // Centres and departments are established by provincial decision and
        // entered by the ministry; departments manage branches and participants.
        CreateOrganisation(kind) => match role {
            NationalAdmin => All,
            JusticeDepartmentStaff
                if matches!(
                    kind,
                    OrgKind::Branch | OrgKind::ContractedOrg | OrgKind::RegisteredOrg
                ) =>
            {
                provincial(actor)
            }
            _ => Nothing,
        },
        UpdateOrganisation => match role {
            NationalAdmin => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector => centre(actor),
            ParticipatingOrgAccount => ScopeFilter::Org(actor.org_id),
            _ => Nothing,
        },
        DeactivateOrganisation | MergeOrganisation => match role {
            NationalAdmin => All,
            JusticeDepartmentStaff => provincial(actor),
            _ => Nothing,
        },
        CreatePractitioner | UpdatePractitioner | DeactivatePractitioner => match role {
            NationalAdmin => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy => centre(actor),
            ParticipatingOrgAccount => ScopeFilter::Org(actor.org_id),
            _ => Nothing,
        },
        TransferPractitioner => match role {
            NationalAdmin => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy => centre(actor),
            _ => Nothing,
        },
        GrantRole(granted) => match role {
            NationalAdmin => All,
            JusticeDepartmentStaff if grantable_by_department(granted) => provincial(actor),
            CentreDirector if grantable_by_director(granted) => centre(actor),
            _ => Nothing,
        },
        UpdateUser | DeactivateUser | LockUser | ResetPassword | ResetSecondFactor => match role {
            NationalAdmin => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector => centre(actor),
            _ => Nothing,
        },
        ManageApiKeys | ManageReferenceData | ManageJobs | ImportData => match role {
            NationalAdmin => All,
            _ => Nothing,
        },
        // Duplicate people skew the leadership's own figures: leadership
        // decides, within the cases it can read (issue #15).
        MergePersons => match role {
            NationalAdmin => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy => centre(actor),
            BranchHead => ScopeFilter::Org(actor.org_id),
            _ => Nothing,
        },
        CreateCase => match role {
            NationalAdmin => All,
            CentreDirector | CentreDeputy | CentreClerk => centre(actor),
            BranchHead | ParticipatingOrgAccount => ScopeFilter::Org(actor.org_id),
            _ => Nothing,
        },
        // Whoever takes requests in at a centre triages its queue.
        TriageIntake => match role {
            NationalAdmin => All,
            CentreDirector | CentreDeputy | CentreClerk => centre(actor),
            BranchHead => ScopeFilter::Org(actor.org_id),
            _ => Nothing,
        },
        // The unit that holds a complaint forwards or answers it: the
        // ministry's department, the province's department, the leaders of
        // the centre it was passed to.
        HandleComplaint => match role {
            NationalAdmin | NationalStaff => All,
            JusticeDepartmentStaff => provincial(actor),
            CentreDirector | CentreDeputy => centre(actor),
            BranchHead => ScopeFilter::Org(actor.org_id),
            _ => Nothing,
        },
        // Operators record the calls of their own hotline.
        RecordCall => match role {
            HotlineOperator => ScopeFilter::Org(actor.org_id),
            _ => Nothing,
        },
        HandleSubjectRequest => match role {
            DataProtectionOfficer => data_protection(actor),
            _ => Nothing,
        },
        CaseCommand(kind) => match role {
            NationalAdmin => All,
            _ => case_command_filter(actor, role, kind),
        },
        // Those who keep the file, and the practitioner on their own case,
        // correct it; only roles that read it unmasked, since a correction is
        // written over what they see (DOMAIN §11).
        AmendCase if !sees_sensitive(role) => Nothing,
        AmendCase => match role {
            CentreDirector | CentreDeputy | CentreClerk => centre(actor),
            BranchHead | ParticipatingOrgAccount => ScopeFilter::Org(actor.org_id),
            _ => case_command_filter(actor, role, CommandKind::RecordActivity),
        },
        // Whoever may record the work on a case may put its hearings in the calendar.
        ScheduleHearing => match role {
            NationalAdmin => All,
            _ => case_command_filter(actor, role, CommandKind::RecordActivity),
        },
        // Intake staff file the request papers, practitioners the papers of their work.
        AttachDocument => match role {
            NationalAdmin => All,
            CentreClerk => centre(actor),
            _ => case_command_filter(actor, role, CommandKind::RecordActivity),
        },
        // Only those who keep the file may take a paper out of it; never practitioners.
        RemoveDocument => match role {
            NationalAdmin => All,
            CentreDirector | CentreDeputy | CentreClerk => centre(actor),
            BranchHead | ParticipatingOrgAccount => ScopeFilter::Org(actor.org_id),
            _ => Nothing,
        },
        // The raw papers show what masking hides: only roles that see the
        // case unmasked open them, within what they may read; not even the
        // system administrator.
        DownloadDocument if sees_sensitive(role) => read_filter(actor, Resource::Case),
        DownloadDocument => Nothing,
    }
}

/// Who may move a case: intake staff take requests in, leaders assign and
/// close, the assigned practitioner records the work (DOMAIN §6, §9).
fn case_command_filter(actor: &Actor, role: Role, kind: CommandKind) -> ScopeFilter {
    use CommandKind as K;
    use Role::*;
    let intake = matches!(
        kind,
        K::RequestSupplement | K::SupplementReceived | K::Refuse | K::Accept | K::Archive
    );
    let practitioner_work = matches!(kind, K::RecordActivity | K::Conclude);
    match role {
        CentreDirector | CentreDeputy => centre(actor),
        CentreClerk if intake => centre(actor),
        BranchHead | ParticipatingOrgAccount => ScopeFilter::Org(actor.org_id),
        LegalAidOfficer | ContractedLawyer if practitioner_work => actor
            .practitioner_id
            .map_or(ScopeFilter::Nothing, ScopeFilter::Practitioner),
        _ => ScopeFilter::Nothing,
    }
}

/// Whether the actor needs to see a case's sensitive personal data: those
/// who handle the case do; supervisors, statisticians, integrations and
/// system administrators see it masked (DOMAIN §11).
pub fn sees_sensitive_case_data(actor: &Actor) -> bool {
    sees_sensitive(actor.role)
}

/// Whether the actor reads a case as the evaluator a plan named for it
/// (DOMAIN §7, §9): the named account, staff or outside expert, until the
/// sheet is filled; masked as its role reads cases. Beyond its own scope,
/// this is the only way an evaluator account sees a case.
pub fn evaluator_reads_case(actor: &Actor, item: &crate::evaluation::Item) -> bool {
    item.evaluator_id == Some(actor.user_id)
        && item.status == crate::evaluation::ItemStatus::Pending
}

/// Whether the actor may list cases by eligibility category `code`:
/// filtering by a category the reader sees masked (HIV, trafficking…) would
/// name the people in it.
pub fn may_filter_by_category(actor: &Actor, code: &str) -> bool {
    sees_sensitive_case_data(actor) || !crate::case::record::SENSITIVE_CATEGORIES.contains(&code)
}

/// Who submits a unit's statistical report (DOMAIN §8): the leadership of
/// a centre (for it and its branches), a branch head or a participating
/// organisation for their own; the Justice Department for its province's
/// roll-up.
pub fn may_submit_report(actor: &Actor, unit: &ResourceScope, province_roll_up: bool) -> bool {
    use Role::*;
    if province_roll_up {
        return actor.role == JusticeDepartmentStaff
            && actor.province.is_some()
            && actor.province == unit.province;
    }
    match actor.role {
        CentreDirector | CentreDeputy => {
            unit.org_id == Some(actor.org_id)
                || (actor.centre_id.is_some() && unit.centre_id == actor.centre_id)
        }
        BranchHead | ParticipatingOrgAccount => unit.org_id == Some(actor.org_id),
        _ => false,
    }
}

/// Who works with the statistical reports (prepares, submits or reviews
/// them): the units that submit and the bodies that review.
pub fn works_with_reports(actor: &Actor) -> bool {
    watches_leadership_dashboard(actor) || actor.role == Role::ParticipatingOrgAccount
}

/// Who watches the leadership dashboard (DOMAIN §8): the leadership of the
/// ministry's department, a Justice Department, a centre or a branch.
pub fn watches_leadership_dashboard(actor: &Actor) -> bool {
    use Role::*;
    matches!(
        actor.role,
        NationalAdmin
            | NationalStaff
            | JusticeDepartmentStaff
            | CentreDirector
            | CentreDeputy
            | BranchHead
    )
}

/// Who has evaluation work: the planners, and the evaluators they name.
pub fn has_evaluation_work(actor: &Actor) -> bool {
    actor.role == Role::Evaluator || evaluation_plans_visible(actor) != ScopeFilter::Nothing
}

/// Who reviews a submitted report (returns it, accepts it, reopens it):
/// the Justice Department for its province's units, the national
/// department for the provinces' roll-ups.
pub fn may_review_report(actor: &Actor, unit: &ResourceScope, province_roll_up: bool) -> bool {
    use Role::*;
    if province_roll_up {
        matches!(actor.role, NationalAdmin | NationalStaff)
    } else {
        actor.role == JusticeDepartmentStaff
            && actor.province.is_some()
            && actor.province == unit.province
    }
}

/// Who draws up evaluation plans and names their evaluators (Circular
/// 12/2018 Art. 15): the national department for any province, a Justice
/// Department for its own. `province` is the plan's (none: national).
pub fn may_plan_evaluation(actor: &Actor, province: Option<ProvinceCode>) -> bool {
    use Role::*;
    match actor.role {
        NationalAdmin | NationalStaff => true,
        JusticeDepartmentStaff => actor.province.is_some() && province == actor.province,
        _ => false,
    }
}

/// The province a new plan covers: a Justice Department's is always its
/// own, whatever it asks; the national department's is the one it asks
/// for (none: a national plan).
pub fn evaluation_plan_province(
    actor: &Actor,
    asked: Option<ProvinceCode>,
) -> Option<ProvinceCode> {
    match actor.role {
        Role::JusticeDepartmentStaff => actor.province,
        _ => asked,
    }
}

/// The evaluation plans an actor reads: every one for the national
/// department, its province's for a Justice Department, none for anyone
/// else (an evaluator reads the cases named to them, not the plans).
pub fn evaluation_plans_visible(actor: &Actor) -> ScopeFilter {
    use Role::*;
    match (actor.role, actor.province) {
        (NationalAdmin | NationalStaff, _) => ScopeFilter::All,
        (JusticeDepartmentStaff, Some(p)) => ScopeFilter::Province(p),
        _ => ScopeFilter::Nothing,
    }
}

/// Whether the actor merges duplicate people anywhere (the SPA's screen of
/// suggested duplicates).
pub fn may_merge_persons(actor: &Actor) -> bool {
    write_filter(actor, Action::MergePersons) != ScopeFilter::Nothing
}

/// Whether the actor may add organisations of `kind` anywhere (the web
/// app's registers screen offers these kinds).
pub fn may_create_organisation(actor: &Actor, kind: OrgKind) -> bool {
    write_filter(actor, Action::CreateOrganisation(kind)) != ScopeFilter::Nothing
}

/// Whether the actor registers (and transfers) practitioners anywhere.
pub fn may_register_practitioners(actor: &Actor) -> bool {
    write_filter(actor, Action::CreatePractitioner) != ScopeFilter::Nothing
}

/// Who reads the change feed (`GET /events`): integration accounts and the
/// national and provincial staff, each within their case scope. Events carry
/// no personal data.
pub fn may_read_change_feed(actor: &Actor) -> bool {
    use Role::*;
    matches!(
        actor.role,
        IntegrationService | NationalAdmin | NationalStaff | JusticeDepartmentStaff
    )
}

fn sees_sensitive(role: Role) -> bool {
    matches!(
        role,
        Role::CentreDirector
            | Role::CentreDeputy
            | Role::BranchHead
            | Role::CentreClerk
            | Role::LegalAidOfficer
            | Role::ContractedLawyer
            | Role::ParticipatingOrgAccount
    )
}

fn grantable_by_department(role: Role) -> bool {
    !matches!(
        role,
        Role::NationalAdmin | Role::NationalStaff | Role::IntegrationService
    )
}

fn grantable_by_director(role: Role) -> bool {
    matches!(
        role,
        Role::HotlineOperator
            | Role::CentreDeputy
            | Role::BranchHead
            | Role::CentreClerk
            | Role::LegalAidOfficer
            | Role::ContractedLawyer
    )
}

/// The resource kind an action is about, for the read-scope check.
fn resource_of(action: Action) -> Resource {
    use Action::*;
    match action {
        Read(r) => r,
        CreateOrganisation(_) | UpdateOrganisation | DeactivateOrganisation | MergeOrganisation => {
            Resource::Organisation
        }
        CreatePractitioner | UpdatePractitioner | DeactivatePractitioner | TransferPractitioner => {
            Resource::Practitioner
        }
        GrantRole(_) | UpdateUser | DeactivateUser | LockUser | ResetPassword
        | ResetSecondFactor | ManageApiKeys => Resource::User,
        CreateCase | CaseCommand(_) | AmendCase | ScheduleHearing | AttachDocument
        | RemoveDocument | DownloadDocument | MergePersons => Resource::Case,
        ManageReferenceData | ManageJobs | ImportData => Resource::ReferenceData,
        TriageIntake => Resource::Intake,
        HandleComplaint => Resource::Complaint,
        RecordCall => Resource::HotlineCall,
        HandleSubjectRequest => Resource::SubjectRequest,
    }
}

/// Decides one action on one resource.
///
/// For creations, `scope` is where the new resource will live (its parent
/// organisation's scope); a target outside what the actor can see is
/// `OutOfScope` so that the API answers 404 for an unknown parent.
pub fn authorize(actor: &Actor, action: Action, scope: &ResourceScope) -> Decision {
    if !read_filter(actor, resource_of(action)).contains(scope)
        && !creates_in_visible_org(actor, action, scope)
    {
        return Err(Denied::OutOfScope);
    }
    if write_filter(actor, action).contains(scope) {
        Ok(())
    } else {
        Err(Denied::Forbidden(forbidden_reason(action)))
    }
}

/// A director creating an account for a new clerk targets an organisation
/// they can see even though the user itself does not exist yet (likewise a
/// new case, or a call recorded in one's own unit's log).
fn creates_in_visible_org(actor: &Actor, action: Action, scope: &ResourceScope) -> bool {
    matches!(
        action,
        Action::GrantRole(_) | Action::CreatePractitioner | Action::CreateCase | Action::RecordCall
    ) && scope.user_id.is_none()
        && read_filter(actor, Resource::Organisation).contains(scope)
}

fn forbidden_reason(action: Action) -> &'static str {
    match action {
        Action::Read(_) => "your role cannot read this record",
        Action::GrantRole(_) => "your role cannot grant this role here",
        Action::LockUser => "your role cannot lock this account",
        Action::DownloadDocument => {
            "your role sees this case's personal data masked: its documents are listed, not opened"
        }
        _ => "your role cannot make this change",
    }
}

#[cfg(test)]
mod tests;
