//! Organisations and practitioners from the old system, row by row (a few
//! thousand at most): the same domain checks as creating them by hand
//! (placement in the hierarchy, abbreviation clash, who may employ whom).
//! A unit already in TGPL under the same kind, province and abbreviation
//! (a practitioner: under the same card number) is adopted, not doubled.
use super::mapping::{FieldSpec, Record, field};
use super::row::Row;
use super::{ImportedAudit, Outcome};
use crate::error::AppError;
use std::collections::HashMap;
use tgpl_db::audit::{self, AuditMeta, Change};
use tgpl_db::cases::LegacyKey;
use tgpl_db::{
    ConnectionTrait, DatabaseTransaction, Db, DbError, imports, organisations, practitioners,
};
use tgpl_domain::import::{ImportKind, RowProblem};
use tgpl_domain::organisation::{ParentRef, check_placement};
use tgpl_domain::practitioner::check_practitioner;
use tgpl_domain::records::{Organisation, Practitioner, centre_of};
use tgpl_domain::{
    CardNumber, OrgAbbreviation, OrgKind, OrgStatus, PhoneNumber, PractitionerKind,
    PractitionerStatus, ProvinceCode,
};
use uuid::Uuid;

pub const ORGANISATION_FIELDS: &[FieldSpec] = &[
    field("legacy_id", true),
    field("kind", true),
    field("name", true),
    field("abbreviation", true),
    field("province_code", true),
    field("parent_legacy_id", false),
    field("address", false),
    field("phone", false),
    field("email", false),
    field("registration_number", false),
    field("valid_from", false),
    field("valid_to", false),
    field("status", false),
];

pub const PRACTITIONER_FIELDS: &[FieldSpec] = &[
    field("legacy_id", true),
    field("full_name", true),
    field("kind", true),
    field("card_number", true),
    field("organisation_legacy_id", true),
    field("sex", false),
    field("date_of_birth", false),
    field("phone", false),
    field("email", false),
    field("contract_start", false),
    field("contract_end", false),
    field("annual_quota", false),
    field("status", false),
];

/// The registers as the run sees them, kept up to date row by row (a dry
/// run too, so that a later row may name a unit an earlier row adds).
pub struct Context {
    orgs: Vec<Organisation>,
    /// Old id → new id, with the digest of the row last imported.
    legacy: HashMap<String, (Uuid, Option<String>)>,
    /// Old ids of organisations → new ids (a practitioner's employer).
    org_ids: HashMap<String, Uuid>,
}

impl Context {
    pub async fn load(db: &Db, kind: ImportKind) -> Result<Self, AppError> {
        let conn = db.read();
        // One read of the register's old ids (an organisations file's
        // references are its own rows).
        let legacy = imports::all_known(conn, kind).await?;
        let org_ids = if kind == ImportKind::Organisations {
            legacy.iter().map(|(l, (id, _))| (l.clone(), *id)).collect()
        } else {
            imports::id_map(conn, ImportKind::Organisations).await?
        };
        Ok(Self {
            orgs: organisations::all(conn).await?,
            legacy,
            org_ids,
        })
    }

    fn org(&self, id: Uuid) -> Option<&Organisation> {
        self.orgs.iter().find(|o| o.id == id)
    }

    fn remember_org(&mut self, org: &Organisation, key: &LegacyKey) {
        match self.orgs.iter_mut().find(|o| o.id == org.id) {
            Some(o) => *o = org.clone(),
            None => self.orgs.push(org.clone()),
        }
        self.org_ids.insert(key.id.clone(), org.id);
        self.legacy
            .insert(key.id.clone(), (org.id, Some(key.digest.clone())));
    }
}

fn text_eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Reads one organisation row and decides what it does to the register.
pub fn organisation(
    number: i32,
    rec: &Record,
    ctx: &Context,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(Outcome<Organisation>, LegacyKey), Vec<RowProblem>> {
    let mut row = Row::new(number, rec);
    let legacy_id = row.required("legacy_id");
    row.required("kind");
    let kind = row.choice("kind", &OrgKind::ALL, OrgKind::as_str, None);
    let name = row.required("name");
    let abbreviation = row.parse_required("abbreviation", OrgAbbreviation::parse);
    let province = row.parse_required("province_code", ProvinceCode::parse);
    let phone = row.parse("phone", PhoneNumber::parse).map(String::from);
    let valid_from = row.date("valid_from");
    let valid_to = row.date("valid_to");
    if let (Some(a), Some(b)) = (valid_from, valid_to)
        && b < a
    {
        row.problem(
            "valid_to",
            "before_valid_from",
            "the validity ends before it starts",
        );
    }
    let status = match row.text("status") {
        None => Some(OrgStatus::Active),
        Some(_) => row.parse("status", OrgStatus::parse),
    };
    let (Some(legacy_id), Some(kind), Some(name), Some(abbreviation), Some(province), Some(status)) =
        (legacy_id, kind, name, abbreviation, province, status)
    else {
        return row.finish(None);
    };
    let key = LegacyKey {
        id: legacy_id.clone(),
        digest: row.digest(ImportKind::Organisations),
    };
    let linked = ctx.legacy.get(&legacy_id);
    if linked.is_some_and(|(_, d)| d.as_deref() == Some(key.digest.as_str())) {
        return Ok((Outcome::Unchanged, key));
    }
    let existing = match linked {
        Some((id, _)) => ctx.org(*id).cloned(),
        // The unit TGPL already has (the demo or hand-made register).
        None => ctx
            .orgs
            .iter()
            .find(|o| {
                o.kind == kind
                    && o.province_code == Some(province)
                    && text_eq(&o.abbreviation, abbreviation.as_str())
                    && !ctx.legacy.values().any(|(id, _)| *id == o.id)
            })
            .cloned(),
    };
    let parent_id = match row.text("parent_legacy_id") {
        Some(_) => row.reference(
            "parent_legacy_id",
            |p| ctx.org_ids.get(p).copied(),
            "list parents before their units",
        ),
        None => existing.as_ref().and_then(|e| e.parent_id).or_else(|| {
            // By default a unit sits under the one unit of the parent kind
            // in its province (the Justice Department, the centre).
            let parent_kind = kind.parent_kind()?;
            let mut candidates = ctx.orgs.iter().filter(|o| {
                o.kind == parent_kind
                    && o.status == OrgStatus::Active
                    && (parent_kind == OrgKind::MinistryDepartment
                        || o.province_code == Some(province))
            });
            let first = candidates.next()?;
            candidates.next().is_none().then_some(first.id)
        }),
    };
    let parent = parent_id.and_then(|id| ctx.org(id));
    if let Err(e) = check_placement(
        kind,
        Some(province),
        parent.map(|p| ParentRef {
            kind: p.kind,
            province: p.province_code,
            status: p.status,
        }),
    ) {
        let f = if e.field() == "parent_id" {
            "parent_legacy_id"
        } else {
            e.field()
        };
        row.problem(f, e.code(), e.to_string());
    }
    let id = existing.as_ref().map_or_else(Uuid::now_v7, |e| e.id);
    let org = Organisation {
        id,
        kind,
        name: name.trim().to_owned(),
        abbreviation: abbreviation.as_str().to_owned(),
        province_code: Some(province),
        parent_id,
        centre_id: centre_of(kind, id, parent_id),
        status,
        merged_into_id: existing.as_ref().and_then(|e| e.merged_into_id),
        merged_on: existing.as_ref().and_then(|e| e.merged_on),
        address: row.text("address"),
        phone,
        email: row.text("email"),
        registration_number: row.text("registration_number"),
        valid_from,
        valid_to,
        version: existing.as_ref().map_or(1, |e| e.version + 1),
        created_at: existing.as_ref().map_or(at, |e| e.created_at),
        updated_at: at,
    };
    if let Some(other) = org.abbreviation_clash(&ctx.orgs) {
        row.problem(
            "abbreviation",
            "organisation.abbreviation_taken",
            format!(
                "{} of the province already uses it: case codes would collide",
                other.name
            ),
        );
    }
    let outcome = match existing {
        Some(before) => Outcome::Update(Box::new(before), org),
        None => Outcome::Insert(org),
    };
    row.finish(Some((outcome, key)))
}

/// Reads one practitioner row and decides what it does to the register.
pub fn practitioner(
    number: i32,
    rec: &Record,
    ctx: &Context,
    holder: Holder,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(Outcome<Practitioner>, LegacyKey), Vec<RowProblem>> {
    let mut row = Row::new(number, rec);
    let existing = match holder {
        Holder::New => None,
        Holder::Existing(p) => Some(*p),
        Holder::CardTaken => {
            row.problem(
                "card_number",
                "practitioner.card_number_taken",
                "another practitioner of the old system holds this card number",
            );
            None
        }
    };
    let legacy_id = row.required("legacy_id");
    let full_name = row.required("full_name");
    row.required("kind");
    let kind = row.choice(
        "kind",
        &PractitionerKind::ALL,
        PractitionerKind::as_str,
        Some(PractitionerKind::label_vi),
    );
    let card = row.parse_required("card_number", CardNumber::parse);
    row.required("organisation_legacy_id");
    let org = row.reference(
        "organisation_legacy_id",
        |l| ctx.org_ids.get(l).and_then(|id| ctx.org(*id)).cloned(),
        "import the organisations first",
    );
    let sex = row.parse("sex", |s| match s {
        "male" | "female" => Ok(s.to_owned()),
        _ => Err(tgpl_domain::ParseError::new(
            "import.sex_invalid",
            "male or female (map the old words in [practitioners.values.sex])",
        )),
    });
    let date_of_birth = row.date("date_of_birth");
    let phone = row.parse("phone", PhoneNumber::parse).map(String::from);
    let contract_start = row.date("contract_start");
    let contract_end = row.date("contract_end");
    let annual_quota = row.number("annual_quota");
    let status = match row.text("status") {
        None => Some(PractitionerStatus::Active),
        Some(_) => row.parse("status", PractitionerStatus::parse),
    };
    let (Some(legacy_id), Some(full_name), Some(kind), Some(card), Some(org), Some(status)) =
        (legacy_id, full_name, kind, card, org, status)
    else {
        return row.finish(None);
    };
    let key = LegacyKey {
        id: legacy_id.clone(),
        digest: row.digest(ImportKind::Practitioners),
    };
    if ctx
        .legacy
        .get(&legacy_id)
        .is_some_and(|(_, d)| d.as_deref() == Some(key.digest.as_str()))
    {
        return Ok((Outcome::Unchanged, key));
    }
    if let Err(e) = check_practitioner(
        kind,
        org.kind,
        org.status == OrgStatus::Active,
        contract_start,
        contract_end,
    ) {
        let f = if e.field() == "organisation_id" {
            "organisation_legacy_id"
        } else {
            e.field()
        };
        row.problem(f, e.code(), e.to_string());
    }
    let p = Practitioner {
        id: existing.as_ref().map_or_else(Uuid::now_v7, |e| e.id),
        full_name: full_name.trim().to_owned(),
        kind,
        card_number: card.as_str().to_owned(),
        organisation_id: org.id,
        province_code: org.province_code,
        centre_id: org.centre_id,
        status,
        sex,
        date_of_birth,
        phone,
        email: row.text("email"),
        contract_start,
        contract_end,
        annual_quota,
        version: existing.as_ref().map_or(1, |e| e.version + 1),
        created_at: existing.as_ref().map_or(at, |e| e.created_at),
        updated_at: at,
    };
    let outcome = match existing {
        Some(before) => Outcome::Update(Box::new(before), p),
        None => Outcome::Insert(p),
    };
    row.finish(Some((outcome, key)))
}

/// Whom a practitioner row is about.
pub enum Holder {
    New,
    /// Imported under its old id before, or already in TGPL under the
    /// same card number (adopted).
    Existing(Box<Practitioner>),
    /// The card number belongs to a practitioner imported under another id.
    CardTaken,
}

/// Finds the practitioner a row updates, in the batch's transaction (so a
/// row sees the ones before it in the same batch).
pub async fn holder<C: ConnectionTrait>(
    conn: &C,
    ctx: &Context,
    rec: &Record,
) -> Result<Holder, AppError> {
    if let Some((id, _)) = rec.value.get("legacy_id").and_then(|l| ctx.legacy.get(l)) {
        return Ok(match practitioners::get(conn, *id).await {
            Ok(p) => Holder::Existing(Box::new(p)),
            Err(_) => Holder::New,
        });
    }
    let Some(card) = rec
        .value
        .get("card_number")
        .and_then(|c| CardNumber::parse(c).ok())
    else {
        return Ok(Holder::New);
    };
    Ok(
        match practitioners::by_card_number(conn, card.as_str()).await? {
            None => Holder::New,
            Some(p) if ctx.legacy.values().any(|(id, _)| *id == p.id) => Holder::CardTaken,
            Some(p) => Holder::Existing(Box::new(p)),
        },
    )
}

/// A register record the import writes.
trait Register: serde::Serialize {
    const ENTITY: &'static str;
    const KIND: ImportKind;
    fn id(&self) -> Uuid;
    fn scope(&self) -> tgpl_domain::ResourceScope;
    async fn insert(&self, txn: &DatabaseTransaction, key: &LegacyKey) -> Result<(), DbError>;
    async fn save(&self, txn: &DatabaseTransaction, expected: i32) -> Result<(), DbError>;
    fn version(&self) -> i32;
}

impl Register for Organisation {
    const ENTITY: &'static str = "organisation";
    const KIND: ImportKind = ImportKind::Organisations;
    fn id(&self) -> Uuid {
        self.id
    }
    fn scope(&self) -> tgpl_domain::ResourceScope {
        Organisation::scope(self)
    }
    async fn insert(&self, txn: &DatabaseTransaction, key: &LegacyKey) -> Result<(), DbError> {
        imports::insert_organisation(txn, self, key).await
    }
    async fn save(&self, txn: &DatabaseTransaction, expected: i32) -> Result<(), DbError> {
        organisations::save(txn, self, expected).await
    }
    fn version(&self) -> i32 {
        self.version
    }
}

impl Register for Practitioner {
    const ENTITY: &'static str = "practitioner";
    const KIND: ImportKind = ImportKind::Practitioners;
    fn id(&self) -> Uuid {
        self.id
    }
    fn scope(&self) -> tgpl_domain::ResourceScope {
        Practitioner::scope(self)
    }
    async fn insert(&self, txn: &DatabaseTransaction, key: &LegacyKey) -> Result<(), DbError> {
        imports::insert_practitioner(txn, self, key).await
    }
    async fn save(&self, txn: &DatabaseTransaction, expected: i32) -> Result<(), DbError> {
        practitioners::save(txn, self, expected).await
    }
    fn version(&self) -> i32 {
        self.version
    }
}

/// Writes one row's outcome (nothing in a dry run) with its audit entry;
/// returns the record as it now stands, if the row changed it.
async fn write<'a, T: Register>(
    txn: Option<&DatabaseTransaction>,
    outcome: &'a Outcome<T>,
    key: &LegacyKey,
    meta: &AuditMeta,
    audit_row: &ImportedAudit,
) -> Result<Option<&'a T>, AppError> {
    let (record, action) = match outcome {
        Outcome::Unchanged => return Ok(None),
        Outcome::Insert(r) => (r, "imported"),
        Outcome::Update(_, r) => (r, "import_updated"),
    };
    if let Some(txn) = txn {
        match outcome {
            Outcome::Update(before, r) => {
                r.save(txn, before.version()).await?;
                imports::set_key(txn, T::KIND, r.id(), key).await?;
            }
            _ => record.insert(txn, key).await?,
        }
        let action = format!("{}.{action}", T::ENTITY);
        audit::record(
            txn,
            meta,
            Change {
                action: &action,
                entity: T::ENTITY,
                entity_id: record.id(),
                scope: record.scope(),
                before: None,
                after: Some(audit_row),
            },
        )
        .await?;
    }
    Ok(Some(record))
}

/// Writes one organisation row and remembers it for the next rows.
pub async fn write_organisation(
    txn: Option<&DatabaseTransaction>,
    ctx: &mut Context,
    outcome: &Outcome<Organisation>,
    key: &LegacyKey,
    meta: &AuditMeta,
    audit_row: &ImportedAudit,
) -> Result<(), AppError> {
    if let Some(org) = write(txn, outcome, key, meta, audit_row).await? {
        ctx.remember_org(org, key);
    }
    Ok(())
}

/// Writes one practitioner row and remembers its old id.
pub async fn write_practitioner(
    txn: Option<&DatabaseTransaction>,
    ctx: &mut Context,
    outcome: &Outcome<Practitioner>,
    key: &LegacyKey,
    meta: &AuditMeta,
    audit_row: &ImportedAudit,
) -> Result<(), AppError> {
    if let Some(p) = write(txn, outcome, key, meta, audit_row).await? {
        ctx.legacy
            .insert(key.id.clone(), (p.id, Some(key.digest.clone())));
    }
    Ok(())
}
