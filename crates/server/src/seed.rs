//! Demo data: the national department, every province's justice department
//! and centre, branches, participating organisations, practitioners of every
//! kind and one login per role (listed in README.md).
use chrono::{NaiveDate, Utc};
use tgpl_app::SystemClock;
use tgpl_db::audit::{self, AuditMeta, Change};
use tgpl_db::{Db, DbError, TransactionTrait, organisations, practitioners, users};
use tgpl_domain::clock::Clock as _;
use tgpl_domain::province::PROVINCES;
use tgpl_domain::records::{Organisation, Practitioner, UserAccount, UserStatus, centre_of};
use tgpl_domain::{OrgKind, OrgStatus, PractitionerKind, PractitionerStatus, ProvinceCode, Role};
use uuid::Uuid;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo@2026tgpl";

const FAMILY: [&str; 16] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE_M: [&str; 6] = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh"];
const MIDDLE_F: [&str; 5] = ["Thị", "Ngọc", "Thu", "Thanh", "Minh"];
const GIVEN_M: [&str; 12] = [
    "An", "Bình", "Dũng", "Hùng", "Khánh", "Long", "Nam", "Quân", "Sơn", "Tuấn", "Việt", "Phúc",
];
const GIVEN_F: [&str; 12] = [
    "Chi", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Phương", "Thảo", "Trang", "Yến",
];

/// A realistic Vietnamese full name and sex, deterministic in `n`.
pub fn person_name(n: usize) -> (String, &'static str) {
    let mix = n.wrapping_mul(2_654_435_761) >> 7;
    let female = n % 2 == 1;
    let family = FAMILY[mix % FAMILY.len()];
    let (middle, given, sex) = if female {
        (
            MIDDLE_F[(mix / 7) % MIDDLE_F.len()],
            GIVEN_F[(mix / 13) % GIVEN_F.len()],
            "female",
        )
    } else {
        (
            MIDDLE_M[(mix / 7) % MIDDLE_M.len()],
            GIVEN_M[(mix / 13) % GIVEN_M.len()],
            "male",
        )
    };
    (format!("{family} {middle} {given}"), sex)
}

fn short_name(province_name: &str) -> &str {
    province_name
        .strip_prefix("Thành phố ")
        .or_else(|| province_name.strip_prefix("Tỉnh "))
        .unwrap_or(province_name)
}

struct Builder {
    now: chrono::DateTime<Utc>,
    orgs: Vec<Organisation>,
    practitioners: Vec<Practitioner>,
    seq: usize,
}

impl Builder {
    fn rename_last(&mut self, name: &str, sex: &str) {
        if let Some(p) = self.practitioners.last_mut() {
            p.full_name = name.to_owned();
            p.sex = Some(sex.to_owned());
        }
    }

    fn org(
        &mut self,
        kind: OrgKind,
        name: String,
        abbr: &str,
        province: Option<ProvinceCode>,
        parent: Option<Uuid>,
    ) -> Uuid {
        let id = Uuid::now_v7();
        let participating = kind.is_participating();
        self.orgs.push(Organisation {
            id,
            kind,
            name,
            abbreviation: abbr.to_owned(),
            province_code: province,
            parent_id: parent,
            centre_id: centre_of(kind, id, parent),
            status: OrgStatus::Active,
            merged_into_id: None,
            merged_on: None,
            address: province.map(|p| format!("Trụ sở tại {}", p.name())),
            phone: Some(format!("024{:08}", 38_000_000 + self.orgs.len())),
            email: None,
            registration_number: participating.then(|| {
                format!(
                    "{:03}/{}",
                    self.orgs.len(),
                    if kind == OrgKind::ContractedOrg {
                        "HĐ-STP"
                    } else {
                        "ĐK-STP"
                    }
                )
            }),
            valid_from: participating
                .then(|| NaiveDate::from_ymd_opt(2025, 7, 1))
                .flatten(),
            valid_to: participating
                .then(|| NaiveDate::from_ymd_opt(2027, 12, 31))
                .flatten(),
            version: 1,
            created_at: self.now,
            updated_at: self.now,
        });
        id
    }

    fn practitioner(&mut self, kind: PractitionerKind, org: Uuid) -> Uuid {
        self.seq += 1;
        let n = self.seq;
        let (name, sex) = person_name(n);
        let o = self.orgs.iter().find(|o| o.id == org).cloned();
        let card = match kind {
            PractitionerKind::LegalAidOfficer => format!("{n:05}/TGVPL"),
            PractitionerKind::LegalConsultant => format!("TVV-{n:05}"),
            PractitionerKind::Collaborator => format!("CTV-{n:05}"),
            _ => format!("LS-{n:05}"),
        };
        let contract = kind
            .requires_contract()
            .then(|| NaiveDate::from_ymd_opt(2025, 1, 1))
            .flatten();
        let id = Uuid::now_v7();
        self.practitioners.push(Practitioner {
            id,
            full_name: name,
            kind,
            card_number: card,
            organisation_id: org,
            province_code: o.as_ref().and_then(|o| o.province_code),
            centre_id: o.as_ref().and_then(|o| o.centre_id),
            status: PractitionerStatus::Active,
            sex: Some(sex.to_owned()),
            date_of_birth: NaiveDate::from_ymd_opt(
                1970 + (n % 30) as i32,
                1 + (n % 12) as u32,
                1 + (n % 28) as u32,
            ),
            phone: Some(format!("09{:08}", 12_000_000 + n)),
            email: None,
            contract_start: contract,
            contract_end: contract.and_then(|_| NaiveDate::from_ymd_opt(2026, 12, 31)),
            annual_quota: (kind == PractitionerKind::LegalAidOfficer).then_some(20),
            version: 1,
            created_at: self.now,
            updated_at: self.now,
        });
        id
    }
}

/// Handles to the demo units the demo accounts belong to.
pub struct DemoUnits {
    pub ministry: Uuid,
    pub hn_department: Uuid,
    pub hn_centre: Uuid,
    pub hn_branch: Uuid,
    pub hn_firm: Uuid,
    pub hcm_centre: Uuid,
    pub hn_officer: Uuid,
    pub hn_lawyer: Uuid,
}

fn build(now: chrono::DateTime<Utc>) -> (Builder, DemoUnits) {
    let mut b = Builder {
        now,
        orgs: Vec::new(),
        practitioners: Vec::new(),
        seq: 0,
    };
    let ministry = b.org(
        OrgKind::MinistryDepartment,
        "Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý".into(),
        "CUC",
        None,
        None,
    );
    let mut ids = std::collections::HashMap::new();
    for p in PROVINCES.iter() {
        let code = ProvinceCode::parse(p.code).ok();
        let short = short_name(p.name);
        let dept = b.org(
            OrgKind::JusticeDepartment,
            format!("Sở Tư pháp {short}"),
            "STP",
            code,
            Some(ministry),
        );
        let centre = b.org(
            OrgKind::Centre,
            format!("Trung tâm Trợ giúp pháp lý nhà nước {short}"),
            "TT",
            code,
            Some(dept),
        );
        ids.insert(p.code, (dept, centre));
        for _ in 0..3 {
            b.practitioner(PractitionerKind::LegalAidOfficer, centre);
        }
        b.practitioner(PractitionerKind::CentreContractLawyer, centre);
        b.practitioner(PractitionerKind::Collaborator, centre);
    }
    let (hn_department, hn_centre) = ids.get("01").copied().unwrap_or_default();
    let (hcm_department, hcm_centre) = ids.get("79").copied().unwrap_or_default();
    let hn = ProvinceCode::parse("01").ok();
    let hcm = ProvinceCode::parse("79").ok();
    let mut hn_branch = Uuid::nil();
    for (code, n) in [("01", 2), ("79", 3), ("48", 1), ("92", 1), ("38", 1)] {
        let (_, centre) = ids.get(code).copied().unwrap_or_default();
        let province = ProvinceCode::parse(code).ok();
        for i in 1..=n {
            let name = format!(
                "Chi nhánh số {i} - Trung tâm Trợ giúp pháp lý nhà nước {}",
                province.map(|p| short_name(p.name())).unwrap_or("")
            );
            let branch = b.org(
                OrgKind::Branch,
                name,
                &format!("CN{i}"),
                province,
                Some(centre),
            );
            if code == "01" && i == 1 {
                hn_branch = branch;
            }
            b.practitioner(PractitionerKind::LegalAidOfficer, branch);
            b.practitioner(PractitionerKind::Collaborator, branch);
        }
    }
    let hn_firm = b.org(
        OrgKind::ContractedOrg,
        "Công ty Luật TNHH An Phát".into(),
        "ANPHAT",
        hn,
        Some(hn_department),
    );
    let hn_office = b.org(
        OrgKind::RegisteredOrg,
        "Văn phòng Luật sư Hồng Hà".into(),
        "HONGHA",
        hn,
        Some(hn_department),
    );
    let hn_consult = b.org(
        OrgKind::RegisteredOrg,
        "Trung tâm Tư vấn pháp luật Hội Luật gia Hà Nội".into(),
        "TVPLHN",
        hn,
        Some(hn_department),
    );
    let hcm_firm = b.org(
        OrgKind::ContractedOrg,
        "Công ty Luật Hợp danh Sài Gòn Công Lý".into(),
        "SGCL",
        hcm,
        Some(hcm_department),
    );
    for _ in 0..2 {
        b.practitioner(PractitionerKind::ContractedOrgLawyer, hn_firm);
        b.practitioner(PractitionerKind::ContractedOrgLawyer, hcm_firm);
        b.practitioner(PractitionerKind::RegisteredOrgLawyer, hn_office);
    }
    b.practitioner(PractitionerKind::LegalConsultant, hn_firm);
    b.practitioner(PractitionerKind::LegalConsultant, hn_consult);
    // The practitioners the demo officer and lawyer accounts log in as.
    let hn_officer = b.practitioner(PractitionerKind::LegalAidOfficer, hn_centre);
    b.rename_last("Nguyễn Thị Hạnh", "female");
    let hn_lawyer = b.practitioner(PractitionerKind::CentreContractLawyer, hn_centre);
    b.rename_last("Bùi Quang Dũng", "male");
    let units = DemoUnits {
        ministry,
        hn_department,
        hn_centre,
        hn_branch,
        hn_firm,
        hcm_centre,
        hn_officer,
        hn_lawyer,
    };
    (b, units)
}

/// The demo accounts: (username, full name, role, organisation, practitioner).
pub fn demo_accounts(u: &DemoUnits) -> Vec<(&'static str, &'static str, Role, Uuid, Option<Uuid>)> {
    vec![
        (
            "admin",
            "Quản trị hệ thống",
            Role::NationalAdmin,
            u.ministry,
            None,
        ),
        (
            "cuc.canbo",
            "Trần Thu Hà",
            Role::NationalStaff,
            u.ministry,
            None,
        ),
        (
            "stp.hanoi",
            "Lê Minh Tuấn",
            Role::JusticeDepartmentStaff,
            u.hn_department,
            None,
        ),
        (
            "gd.hanoi",
            "Phạm Văn Hùng",
            Role::CentreDirector,
            u.hn_centre,
            None,
        ),
        (
            "pgd.hanoi",
            "Đỗ Thị Lan",
            Role::CentreDeputy,
            u.hn_centre,
            None,
        ),
        (
            "tcn.hanoi",
            "Vũ Đức Nam",
            Role::BranchHead,
            u.hn_branch,
            None,
        ),
        (
            "vt.hanoi",
            "Hoàng Thị Mai",
            Role::CentreClerk,
            u.hn_centre,
            None,
        ),
        (
            "tgv.hanoi",
            "Trợ giúp viên Hà Nội",
            Role::LegalAidOfficer,
            u.hn_centre,
            Some(u.hn_officer),
        ),
        (
            "ls.hanoi",
            "Luật sư Hà Nội",
            Role::ContractedLawyer,
            u.hn_centre,
            Some(u.hn_lawyer),
        ),
        (
            "tc.anphat",
            "Công ty Luật TNHH An Phát",
            Role::ParticipatingOrgAccount,
            u.hn_firm,
            None,
        ),
        (
            "gd.hcm",
            "Ngô Quang Sơn",
            Role::CentreDirector,
            u.hcm_centre,
            None,
        ),
        (
            "tichhop.cuc",
            "Tài khoản tích hợp của Cục",
            Role::IntegrationService,
            u.ministry,
            None,
        ),
        (
            "tongdai.cuc",
            "Nguyễn Thị Thảo",
            Role::HotlineOperator,
            u.ministry,
            None,
        ),
        (
            "dpo.hanoi",
            "Lê Minh Châu",
            Role::DataProtectionOfficer,
            u.hn_centre,
            None,
        ),
        (
            "dg.hanoi",
            "Phạm Thị Lan Anh",
            Role::Evaluator,
            u.hn_department,
            None,
        ),
    ]
}

/// Seeds the demo data set into an empty database.
pub async fn seed_demo(db: &Db, password_hash: &str) -> Result<DemoUnits, DbError> {
    let now = SystemClock.now();
    let (b, units) = build(now);
    let meta = AuditMeta::system("seed-demo", now);
    let txn = db.conn.begin().await?;
    for o in &b.orgs {
        organisations::insert(&txn, o).await?;
    }
    practitioners::insert_many(&txn, &b.practitioners).await?;
    let org_of = |id: Uuid| b.orgs.iter().find(|o| o.id == id);
    for (username, full_name, role, org_id, practitioner_id) in demo_accounts(&units) {
        let org = org_of(org_id);
        let full_name = practitioner_id
            .and_then(|pid| b.practitioners.iter().find(|p| p.id == pid))
            .map(|p| p.full_name.clone())
            .unwrap_or_else(|| full_name.to_owned());
        let user = UserAccount {
            id: Uuid::now_v7(),
            username: username.to_owned(),
            full_name,
            // Demo addresses under the reserved `.example` domain (RFC 2606):
            // notices are mailed only where an SMTP relay is configured.
            email: (!role.is_service()).then(|| format!("{username}@tgpl.example")),
            phone: None,
            role,
            organisation_id: org_id,
            province_code: org.and_then(|o| o.province_code),
            centre_id: org.and_then(|o| o.centre_id),
            practitioner_id,
            status: UserStatus::Active,
            locked: false,
            locked_reason: None,
            failed_logins: 0,
            locked_until: None,
            must_change_password: false,
            last_login_at: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        let hash = (!role.is_service()).then(|| password_hash.to_owned());
        users::insert(&txn, &user, hash).await?;
    }
    audit::record::<_, ()>(
        &txn,
        &meta,
        Change {
            action: "system.seed_demo",
            entity: "organisation",
            entity_id: units.ministry,
            scope: Default::default(),
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(units)
}

/// Adds `n` practitioners spread over every centre and branch (benchmarks).
pub async fn seed_practitioners(db: &Db, n: usize) -> Result<(), DbError> {
    let now = SystemClock.now();
    let homes: Vec<Organisation> = organisations::all(&db.conn)
        .await?
        .into_iter()
        .filter(|o| {
            matches!(o.kind, OrgKind::Centre | OrgKind::Branch) && o.status == OrgStatus::Active
        })
        .collect();
    if homes.is_empty() {
        return Ok(());
    }
    let mut b = Builder {
        now,
        orgs: homes.clone(),
        practitioners: Vec::with_capacity(10_000),
        seq: 100_000 + rand_offset(),
    };
    let kinds = [
        PractitionerKind::LegalAidOfficer,
        PractitionerKind::CentreContractLawyer,
        PractitionerKind::Collaborator,
    ];
    for i in 0..n {
        let home = homes[i % homes.len()].id;
        b.practitioner(kinds[i % kinds.len()], home);
        if b.practitioners.len() == 10_000 {
            let txn = db.conn.begin().await?;
            practitioners::insert_many(&txn, &b.practitioners).await?;
            txn.commit().await?;
            b.practitioners.clear();
        }
    }
    let txn = db.conn.begin().await?;
    practitioners::insert_many(&txn, &b.practitioners).await?;
    txn.commit().await?;
    // Fresh statistics after a bulk load, or the planner guesses from an empty table.
    db.analyze().await
}

/// Card numbers must stay unique when bulk seeding runs more than once.
fn rand_offset() -> usize {
    (SystemClock.now().timestamp_micros() as usize % 1_000_000) * 1_000_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_vietnamese_and_varied() {
        let names: std::collections::HashSet<String> = (0..200).map(|n| person_name(n).0).collect();
        assert!(names.len() > 100, "only {} distinct names", names.len());
        assert!(names.iter().all(|n| n.split(' ').count() == 3));
    }

    #[test]
    fn demo_covers_every_practitioner_kind_and_role() {
        let (b, units) = build(SystemClock.now());
        for kind in PractitionerKind::ALL {
            assert!(b.practitioners.iter().any(|p| p.kind == kind), "{kind:?}");
        }
        let roles: Vec<Role> = demo_accounts(&units).iter().map(|a| a.2).collect();
        for role in Role::ALL {
            assert!(roles.contains(&role), "{role:?}");
        }
        // One justice department and one centre per province.
        assert_eq!(
            b.orgs.iter().filter(|o| o.kind == OrgKind::Centre).count(),
            34
        );
        assert_eq!(
            b.orgs
                .iter()
                .filter(|o| o.kind == OrgKind::JusticeDepartment)
                .count(),
            34
        );
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0}")]
    Invalid(String),
    #[error("no ministry department exists yet: run `tgpl seed-demo` or create it first")]
    NoMinistry,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("{0}")]
    Hash(String),
}

/// Creates a national administrator under the ministry department
/// (creating that department when the database is empty).
pub async fn create_admin(
    db: &Db,
    username: &str,
    full_name: &str,
    password: String,
) -> Result<Uuid, AdminError> {
    let username =
        tgpl_domain::Username::parse(username).map_err(|e| AdminError::Invalid(e.message))?;
    tgpl_domain::user::check_password_strength(&password)
        .map_err(|e| AdminError::Invalid(e.message))?;
    let hash = tgpl_app::auth::password::hash(password)
        .await
        .map_err(|e| AdminError::Hash(e.to_string()))?;
    let now = SystemClock.now();
    let txn = db.conn.begin().await.map_err(DbError::from)?;
    let all = organisations::all(&txn).await?;
    let ministry = match all.iter().find(|o| o.kind == OrgKind::MinistryDepartment) {
        Some(m) => m.id,
        None if all.is_empty() => {
            let mut b = Builder {
                now,
                orgs: Vec::new(),
                practitioners: Vec::new(),
                seq: 0,
            };
            let id = b.org(
                OrgKind::MinistryDepartment,
                "Cục Phổ biến, giáo dục pháp luật và Trợ giúp pháp lý".into(),
                "CUC",
                None,
                None,
            );
            organisations::insert(&txn, &b.orgs[0]).await?;
            id
        }
        None => return Err(AdminError::NoMinistry),
    };
    let user = UserAccount {
        id: Uuid::now_v7(),
        username: username.as_str().to_owned(),
        full_name: full_name.trim().to_owned(),
        email: None,
        phone: None,
        role: Role::NationalAdmin,
        organisation_id: ministry,
        province_code: None,
        centre_id: None,
        practitioner_id: None,
        status: UserStatus::Active,
        locked: false,
        locked_reason: None,
        failed_logins: 0,
        locked_until: None,
        must_change_password: false,
        last_login_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    users::insert(&txn, &user, Some(hash)).await?;
    audit::record(
        &txn,
        &AuditMeta::system("create-admin", now),
        Change {
            action: "user.create",
            entity: "user",
            entity_id: user.id,
            scope: user.scope(),
            before: None,
            after: Some(&user),
        },
    )
    .await?;
    txn.commit().await.map_err(DbError::from)?;
    Ok(user.id)
}
