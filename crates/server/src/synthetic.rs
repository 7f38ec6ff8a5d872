//! `tgpl seed-synthetic --cases N`: a realistic national data set for load
//! tests and benchmarks, spread like the real system's (DOMAIN §10): ten
//! years of requests over every centre, branch and participating
//! organisation, the forms and fields of aid in their usual proportions,
//! older cases closed and archived, recent ones in progress.
use crate::seed::person_name;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use std::collections::HashMap;
use std::io::Write;
use tgpl_db::{Db, DbError, TransactionTrait, cases, organisations, practitioners};
use tgpl_domain::case::{
    Case, CaseCode, CaseFile, CaseState, Channel, FieldOfLaw, FormOfAid, Party, PartyRole,
    RefusalGround,
};
use tgpl_domain::records::Organisation;
use tgpl_domain::{OrgAbbreviation, OrgStatus};
use uuid::Uuid;

mod history;

/// splitmix64: deterministic and dependency-free.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Picks by weights (percent).
    pub(crate) fn weighted<T: Copy>(&mut self, table: &[(T, u64)]) -> T {
        let total: u64 = table.iter().map(|(_, w)| w).sum();
        let mut x = self.below(total);
        for (v, w) in table {
            if x < *w {
                return *v;
            }
            x -= w;
        }
        table[0].0
    }
}

const FORMS: [(FormOfAid, u64); 4] = [
    (FormOfAid::LitigationDefence, 48),
    (FormOfAid::LitigationProtection, 20),
    (FormOfAid::Advice, 27),
    (FormOfAid::OutOfCourtRepresentation, 5),
];
const FIELDS: [(FieldOfLaw, u64); 6] = [
    (FieldOfLaw::Criminal, 55),
    (FieldOfLaw::CivilFamily, 22),
    (FieldOfLaw::Administrative, 5),
    (FieldOfLaw::Land, 10),
    (FieldOfLaw::Labour, 3),
    (FieldOfLaw::Other, 5),
];
const CATEGORIES: [(&str, u64); 9] = [
    ("2", 30),
    ("3", 12),
    ("4", 15),
    ("5", 8),
    ("6", 6),
    ("1", 6),
    ("7c", 8),
    ("7d", 10),
    ("7e", 5),
];
const CHANNELS: [(Channel, u64); 5] = [
    (Channel::InPerson, 60),
    (Channel::Referral, 25),
    (Channel::Post, 6),
    (Channel::Electronic, 6),
    (Channel::Hotline, 3),
];

/// Handling units with their practitioners and register abbreviation.
pub(crate) struct Unit {
    org: Organisation,
    abbreviation: OrgAbbreviation,
    practitioners: Vec<Uuid>,
}

/// Inserts `n` synthetic cases; prints progress to stderr. Returns how many.
pub async fn seed_cases(db: &Db, n: usize, seed: u64) -> Result<usize, DbError> {
    let mut by_org: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (org, p) in practitioners::active_by_org(db.read()).await? {
        by_org.entry(org).or_default().push(p);
    }
    let units: Vec<Unit> = organisations::all(db.read())
        .await?
        .into_iter()
        .filter(|o| o.kind.employs_practitioners() && o.status == OrgStatus::Active)
        .filter_map(|o| {
            let abbreviation = OrgAbbreviation::parse(&o.abbreviation).ok()?;
            let practitioners = by_org.remove(&o.id).unwrap_or_default();
            (!practitioners.is_empty()).then_some(Unit {
                org: o,
                abbreviation,
                practitioners,
            })
        })
        .collect();
    if units.is_empty() {
        return Ok(0);
    }
    let mut rng = Rng(seed);
    let today = tgpl_domain::calendar::vietnam_date(Utc::now());
    let first_day = NaiveDate::from_ymd_opt(today.year() - 9, 1, 1).unwrap_or(today);
    let span = (today - first_day).num_days().max(1) as u64;
    let mut counters: HashMap<(Uuid, i32), i32> = HashMap::new();
    let started = std::time::Instant::now();
    let mut batch = Vec::with_capacity(5_000);
    let mut done = 0;
    while done < n {
        let take = (n - done).min(5_000);
        batch.clear();
        for _ in 0..take {
            // Centres take most requests; participating organisations a tenth.
            let unit = loop {
                let u = &units[rng.below(units.len() as u64) as usize];
                if u.org.kind.is_participating() && rng.below(4) != 0 {
                    continue;
                }
                break u;
            };
            batch.push(synthetic_case(
                &mut rng,
                unit,
                first_day,
                span,
                today,
                &mut counters,
                done + batch.len(),
            ));
        }
        let txn = db.conn.begin().await?;
        cases::insert_bulk(&txn, &batch).await?;
        txn.commit().await?;
        done += take;
        let rate = done as f64 / started.elapsed().as_secs_f64().max(0.001);
        eprint!("\r  {done}/{n} cases ({rate:.0}/s)   ");
        let _ = std::io::stderr().flush();
    }
    eprintln!();
    let txn = db.conn.begin().await?;
    for ((org, year), last) in &counters {
        cases::raise_register_counter(&txn, *org, *year, *last).await?;
    }
    txn.commit().await?;
    db.after_bulk_load().await?;
    Ok(done)
}

fn synthetic_case(
    rng: &mut Rng,
    unit: &Unit,
    first_day: NaiveDate,
    span: u64,
    today: NaiveDate,
    counters: &mut HashMap<(Uuid, i32), i32>,
    serial: usize,
) -> CaseFile {
    let request_date = first_day + Duration::days(rng.below(span) as i64);
    let age = (today - request_date).num_days();
    let form = rng.weighted(&FORMS);
    let field = if form == FormOfAid::LitigationDefence {
        FieldOfLaw::Criminal
    } else {
        rng.weighted(&FIELDS)
    };
    // Older cases are closed; the last months hold the work in progress.
    let status = match (age, rng.below(100)) {
        (_, 0..=2) => CaseState::Refused,
        (a, _) if a > 400 => CaseState::Archived,
        (a, r) if a > 120 => match r {
            // Evaluation plans sample about a tenth of concluded cases.
            0..=9 if a > 200 => CaseState::Evaluated,
            0..=89 => CaseState::Concluded,
            _ => CaseState::Discontinued,
        },
        (a, _) if a > 20 => CaseState::InProgress,
        (a, _) if a > 5 => CaseState::Assigned,
        _ => CaseState::Received,
    };
    let accepted = !matches!(status, CaseState::Received | CaseState::Refused);
    let accepted_on =
        accepted.then(|| (request_date + Duration::days(rng.below(3) as i64)).min(today));
    let (code, register_number) = match accepted_on {
        Some(on) => {
            let n = counters.entry((unit.org.id, on.year())).or_insert(0);
            *n += 1;
            let code = CaseCode::new(&unit.abbreviation, form, *n as u32, on.year())
                .map(|c| c.to_string())
                .ok();
            (code, Some(*n))
        }
        None => (None, None),
    };
    let practitioner_id =
        accepted.then(|| unit.practitioners[rng.below(unit.practitioners.len() as u64) as usize]);
    let closed = matches!(
        status,
        CaseState::Concluded
            | CaseState::Evaluated
            | CaseState::Discontinued
            | CaseState::Archived
            | CaseState::Refused
    );
    let concluded = matches!(
        status,
        CaseState::Concluded | CaseState::Evaluated | CaseState::Archived
    );
    let (name, sex) = person_name(serial.wrapping_mul(7919) + rng.below(1_000) as usize);
    let mut parties = vec![Party {
        id: Uuid::now_v7(),
        role: PartyRole::Beneficiary,
        full_name: name,
        sex: Some(sex.to_owned()),
        date_of_birth: NaiveDate::from_ymd_opt(
            1950 + rng.below(60) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        ),
        ethnicity: None,
        address: unit.org.province_code.map(|p| p.name().to_owned()),
        phone: Some(format!("09{:08}", rng.below(100_000_000))),
        id_number: Some(format!("{:012}", rng.below(1_000_000_000_000))),
    }];
    if form.is_litigation() && rng.below(2) == 0 {
        let role = if form == FormOfAid::LitigationDefence {
            PartyRole::Victim
        } else {
            PartyRole::OpposingParty
        };
        let (other, other_sex) = person_name(serial.wrapping_mul(104_729) + 17);
        parties.push(Party {
            id: Uuid::now_v7(),
            role,
            full_name: other,
            sex: Some(other_sex.to_owned()),
            date_of_birth: None,
            ethnicity: None,
            address: None,
            phone: None,
            id_number: None,
        });
    }
    let now = Utc::now();
    let case = Case {
        id: Uuid::now_v7(),
        organisation_id: unit.org.id,
        province_code: unit.org.province_code,
        centre_id: unit.org.centre_id,
        status,
        channel: rng.weighted(&CHANNELS),
        referral_received_at: None,
        request_date,
        form_of_aid: form,
        field_of_law: field,
        summary: "Dữ liệu tổng hợp phục vụ kiểm thử tải.".to_owned(),
        eligibility_codes: vec![rng.weighted(&CATEGORIES).to_owned()],
        missing_proof: Vec::new(),
        urgent: rng.below(20) == 0,
        proof_due_on: None,
        code,
        register_number,
        accepted_on,
        refusal_ground: (status == CaseState::Refused).then_some(RefusalGround::NotEligibleMatter),
        discontinuation_ground: (status == CaseState::Discontinued)
            .then_some(tgpl_domain::case::DiscontinuationGround::Withdrawn),
        closed_on: closed
            .then(|| (request_date + Duration::days(30 + rng.below(90) as i64)).min(today)),
        outcome: concluded.then(|| "Đã hoàn thành vụ việc".to_owned()),
        practitioner_id,
        reassignment_requested_on: None,
        reassignment_due_on: None,
        success: None,
        parties,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    history::fill(rng, unit, case, today)
}
