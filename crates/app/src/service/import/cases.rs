//! Cases from the old system: each row through the domain's parsers and
//! [`Case::import`], written a batch at a time with their history in the
//! outbox, their register numbers reserved and an audit entry each.
use super::mapping::{FieldSpec, field};
use super::row::Row;
use super::{Batch, ImportedAudit};
use crate::error::AppError;
use std::collections::{HashMap, HashSet};
use tgpl_db::audit::{self, AuditMeta, Change};
use tgpl_db::cases::LegacyKey;
use tgpl_db::{DatabaseTransaction, Db, cases, events, imports, organisations, reference};
use tgpl_domain::calendar::HolidayCalendar;
use tgpl_domain::case::success::SuccessAssessment;
use tgpl_domain::case::{
    Case, CaseCode, CaseEvent, CaseFile, CaseRules, CaseState, Channel, DeadlineRules,
    DiscontinuationGround, FieldOfLaw, FormOfAid, HandlingUnit, LegacyCase, Party, PartyRole,
    ProceduralRole, RefusalGround,
};
use tgpl_domain::clock::Moment;
use tgpl_domain::eligibility::Category;
use tgpl_domain::error::FieldProblem;
use tgpl_domain::import::{ImportKind, RowProblem};
use tgpl_domain::records::Organisation;
use tgpl_domain::{ParseError, PhoneNumber};
use uuid::Uuid;

pub const FIELDS: &[FieldSpec] = &[
    field("legacy_id", true),
    field("organisation_legacy_id", true),
    field("practitioner_legacy_id", false),
    field("request_date", true),
    field("channel", false),
    field("form_of_aid", true),
    field("field_of_law", true),
    field("categories", true),
    field("summary", false),
    field("beneficiary_name", true),
    field("beneficiary_sex", false),
    field("beneficiary_birth_date", false),
    field("beneficiary_ethnicity", false),
    field("beneficiary_address", false),
    field("beneficiary_phone", false),
    field("beneficiary_id_number", false),
    field("beneficiary_procedural_role", false),
    field("requester_name", false),
    field("status", true),
    field("code", false),
    field("accepted_on", false),
    field("closed_on", false),
    field("outcome", false),
    field("refusal_ground", false),
    field("discontinuation_ground", false),
    field("success_criterion", false),
    field("success_evidence", false),
];

/// What every case row is judged against: the registers already imported
/// and the reference data in force.
pub struct Context {
    orgs: HashMap<String, Organisation>,
    practitioners: HashMap<String, Uuid>,
    categories: Vec<Category>,
    calendar: HolidayCalendar,
    deadlines: DeadlineRules,
}

impl Context {
    pub async fn load(db: &Db, at: Moment) -> Result<Self, AppError> {
        let conn = db.read();
        let by_id: HashMap<Uuid, Organisation> = organisations::all(conn)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let orgs = imports::id_map(conn, ImportKind::Organisations)
            .await?
            .into_iter()
            .filter_map(|(legacy, id)| by_id.get(&id).map(|o| (legacy, o.clone())))
            .collect();
        Ok(Self {
            orgs,
            practitioners: imports::id_map(conn, ImportKind::Practitioners).await?,
            categories: reference::categories(conn).await?,
            calendar: reference::calendar(conn).await?,
            deadlines: reference::deadline_rules(conn, at.today).await?,
        })
    }

    fn rules(&self) -> CaseRules<'_> {
        CaseRules {
            categories: &self.categories,
            calendar: &self.calendar,
            deadlines: self.deadlines,
        }
    }
}

/// A case row read and judged.
pub struct Parsed {
    pub row: i32,
    pub key: LegacyKey,
    pub file: CaseFile,
    pub events: Vec<CaseEvent>,
    /// Already imported under this old id: replaced, not added.
    pub existing: bool,
}

fn sex(s: &str) -> Result<String, ParseError> {
    match s {
        "male" | "female" => Ok(s.to_owned()),
        _ => Err(ParseError::new(
            "import.sex_invalid",
            "male or female (map the old words in [cases.values.beneficiary_sex])",
        )),
    }
}

/// Where a problem the domain names on a case lands among the file's fields.
fn import_field(domain_field: &str) -> &str {
    match domain_field {
        "parties" => "beneficiary_name",
        "practitioner" => "practitioner_legacy_id",
        f if f.starts_with("eligibility") => "categories",
        f if f.starts_with("success") => "success_criterion",
        f => f,
    }
}

fn legacy_of(row: &mut Row, ctx: &Context, id: Uuid) -> Option<LegacyCase> {
    const FIRST: &str = "import the organisations and practitioners first";
    row.required("organisation_legacy_id");
    let org = row.reference(
        "organisation_legacy_id",
        |l| ctx.orgs.get(l).cloned(),
        FIRST,
    );
    let practitioner_id = row.reference(
        "practitioner_legacy_id",
        |l| ctx.practitioners.get(l).copied(),
        FIRST,
    );
    let request_date = row.required("request_date").and(row.date("request_date"));
    let channel = match row.text("channel") {
        None => Some(Channel::InPerson),
        Some(_) => row.choice("channel", &Channel::ALL, Channel::as_str, None),
    };
    row.required("form_of_aid");
    let form_of_aid = row.choice(
        "form_of_aid",
        &FormOfAid::ALL,
        FormOfAid::as_str,
        Some(FormOfAid::label_vi),
    );
    row.required("field_of_law");
    let field_of_law = row.choice(
        "field_of_law",
        &FieldOfLaw::ALL,
        FieldOfLaw::as_str,
        Some(FieldOfLaw::label_vi),
    );
    let categories: Vec<String> = row
        .required("categories")
        .map(|c| {
            c.split([',', ';'])
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let name = row.required("beneficiary_name");
    let beneficiary = Party {
        id: Uuid::now_v7(),
        role: PartyRole::Beneficiary,
        full_name: name.clone().unwrap_or_default(),
        sex: row.parse("beneficiary_sex", sex),
        date_of_birth: row.date("beneficiary_birth_date"),
        procedural_role: match row.text("beneficiary_procedural_role") {
            None => None,
            Some(_) => row.choice(
                "beneficiary_procedural_role",
                &ProceduralRole::ALL,
                ProceduralRole::as_str,
                None,
            ),
        },
        ethnicity: row.text("beneficiary_ethnicity"),
        address: row.text("beneficiary_address"),
        phone: row
            .parse("beneficiary_phone", PhoneNumber::parse)
            .map(String::from),
        id_number: row.text("beneficiary_id_number"),
        person_id: None,
    };
    let mut parties = vec![beneficiary];
    if let Some(requester) = row
        .text("requester_name")
        .filter(|r| Some(r) != name.as_ref())
    {
        parties.push(Party {
            id: Uuid::now_v7(),
            role: PartyRole::Requester,
            full_name: requester,
            sex: None,
            date_of_birth: None,
            procedural_role: None,
            ethnicity: None,
            address: None,
            phone: None,
            id_number: None,
            person_id: None,
        });
    }
    row.required("status");
    let status = row.choice(
        "status",
        &CaseState::ALL,
        CaseState::as_str,
        Some(CaseState::label_vi),
    );
    let code = row.parse("code", CaseCode::parse);
    let accepted_on = row.date("accepted_on");
    let closed_on = row.date("closed_on");
    let refusal_ground = match row.text("refusal_ground") {
        None => None,
        Some(_) => row.choice(
            "refusal_ground",
            &RefusalGround::ALL,
            RefusalGround::as_str,
            Some(RefusalGround::label_vi),
        ),
    };
    let discontinuation_ground = match row.text("discontinuation_ground") {
        None => None,
        Some(_) => row.choice(
            "discontinuation_ground",
            &DiscontinuationGround::ALL,
            DiscontinuationGround::as_str,
            Some(DiscontinuationGround::label_vi),
        ),
    };
    let success = row
        .text("success_criterion")
        .map(|criterion| SuccessAssessment {
            criterion,
            evidence: row.text("success_evidence").unwrap_or_default(),
            evidence_document_id: None,
        });
    let (org, request_date, channel, form_of_aid, field_of_law, status) = (
        org?,
        request_date?,
        channel?,
        form_of_aid?,
        field_of_law?,
        status?,
    );
    Some(LegacyCase {
        id,
        unit: HandlingUnit {
            organisation_id: org.id,
            province_code: org.province_code,
            centre_id: org.centre_id,
        },
        channel,
        request_date,
        form_of_aid,
        field_of_law,
        summary: row.text("summary").unwrap_or_default(),
        categories,
        parties,
        status,
        code,
        accepted_on,
        practitioner_id,
        closed_on,
        outcome: row.text("outcome"),
        refusal_ground,
        discontinuation_ground,
        success,
    })
}

/// Reads and judges one row. `existing` is the case already imported
/// under its old id, whose id the row keeps.
pub fn parse(
    number: i32,
    rec: &super::mapping::Record,
    ctx: &Context,
    existing: Option<Uuid>,
    at: Moment,
) -> Result<Parsed, Vec<RowProblem>> {
    let mut row = Row::new(number, rec);
    let legacy_id = row.required("legacy_id");
    let legacy = legacy_of(&mut row, ctx, existing.unwrap_or_else(Uuid::now_v7));
    let key = legacy_id.map(|id| LegacyKey {
        id,
        digest: row.digest(ImportKind::Cases),
    });
    let (Some(legacy), Some(key)) = (legacy, key) else {
        return row.finish(None);
    };
    if !row.problems.is_empty() {
        return row.finish(None);
    }
    match Case::import(legacy, &ctx.rules(), at) {
        Ok(imported) => Ok(Parsed {
            row: number,
            key,
            file: imported.file,
            events: imported.events,
            existing: existing.is_some(),
        }),
        Err(found) => {
            for FieldProblem {
                field,
                code,
                message,
            } in found
            {
                row.problem(import_field(&field), code, message);
            }
            row.finish(None)
        }
    }
}

/// The case's entry in its organisation's register: (organisation, year, number).
pub(super) fn register_entry(c: &Case) -> Option<(Uuid, i32, i32)> {
    Some((
        c.organisation_id,
        chrono::Datelike::year(&c.accepted_on?),
        c.register_number?,
    ))
}

fn refused(p: &Parsed, code: &str, message: &str) -> RowProblem {
    RowProblem {
        row: p.row,
        column: String::new(),
        field: "code".into(),
        value: p
            .file
            .case
            .code
            .as_ref()
            .map(CaseCode::to_string)
            .unwrap_or_default(),
        code: code.into(),
        message: message.into(),
    }
}

/// Refuses rows whose code another case of the province already holds, or
/// whose number another case holds in the organisation's register of the
/// year (a register has one entry per number, whatever the form of aid).
pub async fn check_codes(
    txn: &DatabaseTransaction,
    parsed: &mut Vec<Parsed>,
    problems: &mut Vec<RowProblem>,
) -> Result<(), AppError> {
    let codes: Vec<String> = parsed
        .iter()
        .filter_map(|p| p.file.case.code.as_ref().map(CaseCode::to_string))
        .collect();
    let entries: Vec<(Uuid, i32, i32)> = parsed
        .iter()
        .filter_map(|p| register_entry(&p.file.case))
        .collect();
    let holders = cases::code_holders(txn, &codes).await?;
    let entry_holders = cases::register_holders(txn, &entries).await?;
    let mut seen_codes: HashSet<(String, Option<String>)> = HashSet::new();
    let mut seen_entries: HashSet<(Uuid, i32, i32)> = HashSet::new();
    let mut kept = Vec::with_capacity(parsed.len());
    for p in parsed.drain(..) {
        let case = &p.file.case;
        if let Some(code) = case.code.as_ref().map(CaseCode::to_string) {
            let province = case.province_code.map(String::from);
            let taken = holders
                .iter()
                .any(|(id, c, pr)| *c == code && *pr == province && *id != case.id);
            if taken || !seen_codes.insert((code, province)) {
                problems.push(refused(
                    &p,
                    "import.code_taken",
                    "another case of the province holds this code",
                ));
                continue;
            }
        }
        if let Some(entry) = register_entry(case) {
            let taken = entry_holders
                .iter()
                .any(|(id, o, y, n)| (*o, *y, *n) == entry && *id != case.id);
            if taken || !seen_entries.insert(entry) {
                problems.push(refused(
                    &p,
                    "import.register_number_taken",
                    "another case holds this number in the organisation's register of the year",
                ));
                continue;
            }
        }
        kept.push(p);
    }
    *parsed = kept;
    Ok(())
}

/// Writes a batch of judged cases: new ones inserted, changed ones
/// replaced. [`write_history`] follows.
pub async fn write_rows(txn: &DatabaseTransaction, parsed: &[Parsed]) -> Result<(), AppError> {
    let files: Vec<(CaseFile, LegacyKey)> = parsed
        .iter()
        .filter(|p| !p.existing)
        .map(|p| (p.file.clone(), p.key.clone()))
        .collect();
    cases::insert_imported(txn, &files).await?;
    for p in parsed.iter().filter(|p| p.existing) {
        cases::replace_imported(txn, &p.file, &p.key).await?;
    }
    Ok(())
}

/// The rest of a batch's writes, which take the outbox's and the
/// registers' counters (held to the commit, so batches take them in file
/// order): the new cases' history in the outbox (no one is notified of old
/// news), the registers continued after the highest number imported, an
/// audit entry per case.
pub async fn write_history(
    txn: &DatabaseTransaction,
    batch: &Batch,
    parsed: &[Parsed],
    meta: &AuditMeta,
) -> Result<(), AppError> {
    let outbox: Vec<_> = parsed
        .iter()
        .filter(|p| !p.existing)
        .map(|p| (p.file.case.record(), p.events.as_slice()))
        .collect();
    if let Some((first, last)) = events::append_many(txn, &outbox, None, meta.at).await? {
        tgpl_db::jobs::skip_bulk_events(txn, tgpl_db::NOTIFICATIONS_CONSUMER, first, last, meta.at)
            .await?;
    }
    let mut counters: HashMap<(Uuid, i32), i32> = HashMap::new();
    for p in parsed {
        let c = &p.file.case;
        if let (Some(n), Some(on)) = (c.register_number, c.accepted_on) {
            let top = counters
                .entry((c.organisation_id, chrono::Datelike::year(&on)))
                .or_insert(0);
            *top = (*top).max(n);
        }
    }
    for ((org, year), last) in counters {
        imports::raise_register_counter(txn, org, year, last).await?;
    }
    let audits: Vec<ImportedAudit> = parsed
        .iter()
        .map(|p| ImportedAudit {
            import_id: batch.import_id,
            row: p.row,
            legacy_id: p.key.id.clone(),
            code: p.file.case.code.as_ref().map(CaseCode::to_string),
        })
        .collect();
    let changes = parsed.iter().zip(&audits).map(|(p, a)| Change {
        action: if p.existing {
            "case.import_updated"
        } else {
            "case.imported"
        },
        entity: "case",
        entity_id: p.file.case.id,
        scope: p.file.case.scope(),
        before: None,
        after: Some(a),
    });
    audit::record_many(txn, meta, changes).await?;
    Ok(())
}
