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
use tgpl_db::{DatabaseTransaction, Db, imports, organisations, practitioners};
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
        let org_ids = imports::id_map(conn, ImportKind::Organisations).await?;
        let ids: Vec<String> = imports::id_map(conn, kind).await?.into_keys().collect();
        Ok(Self {
            orgs: organisations::all(conn).await?,
            legacy: imports::known(conn, kind, &ids).await?,
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
        Some(p) => {
            let found = ctx.org_ids.get(&p).copied();
            if found.is_none() {
                row.problem(
                    "parent_legacy_id",
                    "import.reference_unknown",
                    "no organisation was imported under this id (list parents before their units)",
                );
            }
            found
        }
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
    existing: Option<Practitioner>,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(Outcome<Practitioner>, LegacyKey), Vec<RowProblem>> {
    let mut row = Row::new(number, rec);
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
    let org = row.required("organisation_legacy_id").and_then(|l| {
        let found = ctx.org_ids.get(&l).and_then(|id| ctx.org(*id)).cloned();
        if found.is_none() {
            row.problem(
                "organisation_legacy_id",
                "import.reference_unknown",
                "no organisation was imported under this id: import the organisations first",
            );
        }
        found
    });
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

/// The practitioner a row updates: imported under its old id before, or
/// already in TGPL under the same card number.
pub async fn existing_practitioner(
    db: &Db,
    ctx: &Context,
    rec: &Record,
) -> Result<Option<Practitioner>, AppError> {
    let conn = db.read();
    if let Some((id, _)) = rec.value.get("legacy_id").and_then(|l| ctx.legacy.get(l)) {
        return Ok(practitioners::get(conn, *id).await.ok());
    }
    let Some(card) = rec
        .value
        .get("card_number")
        .and_then(|c| CardNumber::parse(c).ok())
    else {
        return Ok(None);
    };
    let found = practitioners::by_card_number(conn, card.as_str()).await?;
    Ok(found.filter(|p| !ctx.legacy.values().any(|(id, _)| *id == p.id)))
}

/// Writes one organisation outcome and remembers it for the next rows.
pub async fn write_organisation(
    txn: Option<&DatabaseTransaction>,
    ctx: &mut Context,
    outcome: &Outcome<Organisation>,
    key: &LegacyKey,
    meta: &AuditMeta,
    audit_row: &ImportedAudit,
) -> Result<(), AppError> {
    let (org, action) = match outcome {
        Outcome::Unchanged => return Ok(()),
        Outcome::Insert(o) => (o, "organisation.imported"),
        Outcome::Update(_, o) => (o, "organisation.import_updated"),
    };
    if let Some(txn) = txn {
        match outcome {
            Outcome::Insert(o) => imports::insert_organisation(txn, o, key).await?,
            Outcome::Update(before, o) => {
                organisations::save(txn, o, before.version).await?;
                imports::set_key(txn, ImportKind::Organisations, o.id, key).await?;
            }
            Outcome::Unchanged => {}
        }
        audit::record(
            txn,
            meta,
            Change {
                action,
                entity: "organisation",
                entity_id: org.id,
                scope: org.scope(),
                before: None,
                after: Some(audit_row),
            },
        )
        .await?;
    }
    ctx.remember_org(org, key);
    Ok(())
}

/// Writes one practitioner outcome.
pub async fn write_practitioner(
    txn: Option<&DatabaseTransaction>,
    ctx: &mut Context,
    outcome: &Outcome<Practitioner>,
    key: &LegacyKey,
    meta: &AuditMeta,
    audit_row: &ImportedAudit,
) -> Result<(), AppError> {
    let (p, action) = match outcome {
        Outcome::Unchanged => return Ok(()),
        Outcome::Insert(p) => (p, "practitioner.imported"),
        Outcome::Update(_, p) => (p, "practitioner.import_updated"),
    };
    if let Some(txn) = txn {
        match outcome {
            Outcome::Insert(p) => imports::insert_practitioner(txn, p, key).await?,
            Outcome::Update(before, p) => {
                practitioners::save(txn, p, before.version).await?;
                imports::set_key(txn, ImportKind::Practitioners, p.id, key).await?;
            }
            Outcome::Unchanged => {}
        }
        audit::record(
            txn,
            meta,
            Change {
                action,
                entity: "practitioner",
                entity_id: p.id,
                scope: p.scope(),
                before: None,
                after: Some(audit_row),
            },
        )
        .await?;
    }
    ctx.legacy
        .insert(key.id.clone(), (p.id, Some(key.digest.clone())));
    Ok(())
}
