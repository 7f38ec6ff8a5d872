//! `tgpl seed-synthetic --cases N`: a realistic national data set for load
//! tests and benchmarks, spread like the real system's (DOMAIN §10): ten
//! years of requests over every centre, branch and participating
//! organisation, the forms and fields of aid in their usual proportions,
//! older cases closed and archived, recent ones in progress.
use crate::seed::person_name;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::HashMap;
use std::io::Write;
use tgpl_db::{
    Db, DbError, TransactionTrait, cases, events, organisations, practitioners, reference,
};
use tgpl_domain::case::CaseRecord;
use tgpl_domain::case::{
    Case, CaseEvent, CaseFile, CaseRules, CaseState, Channel, FieldOfLaw, FormOfAid, HandlingUnit,
    Intake, Party, PartyRole, ProceduralRole, RefusalGround, RegisterEntry, UrgencyFacts,
};
use tgpl_domain::clock::Moment;
use tgpl_domain::eligibility::ClaimedCategory;
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
pub async fn seed_cases(db: &Db, n: usize, seed: u64, now: Moment) -> Result<usize, DbError> {
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
    let today = now.today;
    let categories = reference::categories(db.read()).await?;
    let calendar = reference::calendar(db.read()).await?;
    let rules = CaseRules {
        categories: &categories,
        calendar: &calendar,
        deadlines: reference::deadline_rules(db.read(), today).await?,
    };
    let first_day = NaiveDate::from_ymd_opt(today.year() - 9, 1, 1).unwrap_or(today);
    let span = (today - first_day).num_days().max(1) as u64;
    // Continue the registers where they stand: numbers already issued this
    // year (by real acceptances or an earlier load) are never issued again.
    let mut counters: HashMap<(Uuid, i32), i32> = cases::register_counters(db.read())
        .await?
        .into_iter()
        .map(|(org, year, last)| ((org, year), last))
        .collect();
    let started = std::time::Instant::now();
    // Generation (CPU) and insertion (the database) overlap: a writer task
    // commits one batch while the next is built (on 2 cores, about half
    // the time of doing both in turn).
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Batch>(1);
    let writer = {
        let db = db.clone();
        tokio::spawn(async move {
            let (mut written, mut statistics_at) = (0, 0);
            while let Some((files, events)) = rx.recv().await {
                // Statistics that still describe a small table make the
                // person look-ups scan it whole (as in an import).
                if written >= statistics_at {
                    tgpl_db::imports::refresh_statistics(&db.conn).await?;
                    statistics_at = tgpl_db::imports::next_statistics(written);
                }
                insert_batch(&db, &files, &events, now).await?;
                written += files.len();
                let rate = written as f64 / started.elapsed().as_secs_f64().max(0.001);
                eprint!("\r  {written}/{n} cases ({rate:.0}/s)   ");
                let _ = std::io::stderr().flush();
            }
            Ok::<usize, DbError>(written)
        })
    };
    let mut done = 0;
    while done < n {
        let take = (n - done).min(5_000);
        let mut batch: Vec<CaseFile> = Vec::with_capacity(take);
        let mut batch_events: Vec<Vec<CaseEvent>> = Vec::with_capacity(take);
        for _ in 0..take {
            // Centres take most requests; participating organisations a tenth.
            let unit = loop {
                let u = &units[rng.below(units.len() as u64) as usize];
                if u.org.kind.is_participating() && rng.below(4) != 0 {
                    continue;
                }
                break u;
            };
            if let Some(made) = synthetic_case(
                &mut rng,
                unit,
                &rules,
                first_day,
                span,
                today,
                &mut counters,
                done + batch.len(),
            ) {
                batch.push(made.0);
                batch_events.push(made.1);
            }
        }
        // A drawn request the law refuses to register is drawn again, so
        // `n` case files are made; a rule set that refuses all stops here.
        if batch.is_empty() {
            break;
        }
        done += batch.len();
        if tx.send((batch, batch_events)).await.is_err() {
            break; // the writer failed: its error is reported below
        }
    }
    drop(tx);
    let done = writer
        .await
        .map_err(|e| DbError::Db(tgpl_db::DbErr::Custom(format!("the writer stopped: {e}"))))??;
    eprintln!();
    let txn = db.conn.begin().await?;
    for ((org, year), last) in &counters {
        cases::raise_register_counter(&txn, *org, *year, *last).await?;
    }
    txn.commit().await?;
    db.after_bulk_load().await?;
    Ok(done)
}

type Batch = (Vec<CaseFile>, Vec<Vec<CaseEvent>>);

/// One batch of case files and their outbox events, in one transaction.
async fn insert_batch(
    db: &Db,
    files: &[CaseFile],
    events: &[Vec<CaseEvent>],
    now: Moment,
) -> Result<(), DbError> {
    let txn = tgpl_db::imports::begin_batch(&db.conn).await?;
    cases::insert_bulk(&txn, files).await?;
    let outbox: Vec<(&CaseRecord, &[CaseEvent])> = files
        .iter()
        .zip(events)
        .map(|(f, e)| (f.case.record(), e.as_slice()))
        .collect();
    // Generated history is not news: nobody is notified of it.
    if let Some((first, last)) = events::append_many(&txn, &outbox, None, now.now).await? {
        tgpl_db::jobs::skip_bulk_events(
            &txn,
            tgpl_db::NOTIFICATIONS_CONSUMER,
            first,
            last,
            now.now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The beneficiary's birth date and procedural role a category calls for,
/// so that the request is eligible on its date (DOMAIN §4).
fn person_for(
    rng: &mut Rng,
    category: &str,
    request_date: NaiveDate,
) -> (NaiveDate, Option<ProceduralRole>) {
    let years_before = |years: i32, rng: &mut Rng| {
        let base =
            NaiveDate::from_ymd_opt(request_date.year() - years, 1, 1).unwrap_or(request_date);
        base - Duration::days(rng.below(300) as i64)
    };
    match category {
        // Children: under 16.
        "3" => (years_before(6 + rng.below(9) as i32, rng), None),
        // Clause 5: an accused aged 16 to under 18 on the request date.
        "5" => (years_before(17, rng), Some(ProceduralRole::Accused)),
        "6" => (
            years_before(20 + rng.below(30) as i32, rng),
            Some(ProceduralRole::Accused),
        ),
        // The elderly: 60 and over.
        "7c" => (years_before(62 + rng.below(20) as i32, rng), None),
        _ => (years_before(20 + rng.below(45) as i32, rng), None),
    }
}

/// One synthetic case, built through the aggregate's acts exactly as the
/// services build real ones: received, accepted, assigned, worked on,
/// heard, concluded or discontinued, evaluated, archived.
#[allow(clippy::too_many_arguments)]
fn synthetic_case(
    rng: &mut Rng,
    unit: &Unit,
    rules: &CaseRules,
    first_day: NaiveDate,
    span: u64,
    today: NaiveDate,
    counters: &mut HashMap<(Uuid, i32), i32>,
    serial: usize,
) -> Option<(CaseFile, Vec<CaseEvent>)> {
    let request_date = first_day + Duration::days(rng.below(span) as i64);
    let age = (today - request_date).num_days();
    let form = rng.weighted(&FORMS);
    let field = if form == FormOfAid::LitigationDefence {
        FieldOfLaw::Criminal
    } else {
        rng.weighted(&FIELDS)
    };
    // Older cases are closed; the last months hold the work in progress.
    let target = match (age, rng.below(100)) {
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
    let category = rng.weighted(&CATEGORIES);
    let (born, procedural_role) = person_for(rng, category, request_date);
    let (name, sex) = person_name(serial.wrapping_mul(7919) + rng.below(1_000) as usize);
    let mut parties = vec![Party {
        id: Uuid::now_v7(),
        role: PartyRole::Beneficiary,
        full_name: name,
        sex: Some(sex.to_owned()),
        date_of_birth: Some(born),
        procedural_role,
        ethnicity: None,
        address: unit.org.province_code.map(|p| p.name().to_owned()),
        phone: Some(format!("09{:08}", rng.below(100_000_000))),
        id_number: Some(format!("{:012}", rng.below(1_000_000_000_000))),
        person_id: None,
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
            procedural_role: None,
            ethnicity: None,
            address: None,
            phone: None,
            id_number: None,
            person_id: None,
        });
    }
    let intake = Intake {
        id: Uuid::now_v7(),
        unit: HandlingUnit {
            organisation_id: unit.org.id,
            province_code: unit.org.province_code,
            centre_id: unit.org.centre_id,
        },
        channel: rng.weighted(&CHANNELS),
        referral_received_at: None,
        request_date,
        form_of_aid: form,
        field_of_law: field,
        summary: "Dữ liệu tổng hợp phục vụ kiểm thử tải.".to_owned(),
        claims: vec![ClaimedCategory {
            code: category.to_owned(),
            proof_documents_present: true,
            financial_hardship_proven: true,
        }],
        parties,
        urgency: UrgencyFacts {
            court_appointed_defence: form == FormOfAid::LitigationDefence && rng.below(20) == 0,
            ..UrgencyFacts::default()
        },
    };
    let received = Case::receive(intake, rules, Moment::on(request_date)).ok()?;
    let mut case = received.case;
    let mut events = received.events;
    let closed_on = (request_date + Duration::days(30 + rng.below(90) as i64)).min(today);
    match target {
        CaseState::Received => return Some((CaseFile::new(case), events)),
        CaseState::Refused => {
            let at = Moment::on((request_date + Duration::days(rng.below(3) as i64)).min(today));
            events.extend(case.refuse(RefusalGround::NotEligibleMatter, at).ok()?);
            return Some((CaseFile::new(case), events));
        }
        _ => {}
    }
    let accepted_on = (request_date + Duration::days(rng.below(3) as i64)).min(today);
    let n = counters
        .entry((unit.org.id, accepted_on.year()))
        .or_insert(0);
    *n += 1;
    let entry = RegisterEntry {
        abbreviation: unit.abbreviation.clone(),
        number: u32::try_from(*n).ok()?,
    };
    events.extend(case.accept(entry, rules, Moment::on(accepted_on)).ok()?);
    history::work(
        rng,
        unit,
        &mut case,
        &mut events,
        target,
        accepted_on,
        closed_on,
        today,
    )
}
