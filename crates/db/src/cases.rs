//! Case files: the case row, its parties, assignments, activities, and the
//! register that numbers accepted cases.
use crate::case_sort;
use crate::entity::{case, case_activity, case_assignment, case_notice, case_party};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use std::collections::HashMap;
use tgpl_domain::case::completeness;
use tgpl_domain::case::notice::{Notice, NoticeKind};
use tgpl_domain::case::success::SuccessAssessment;
use tgpl_domain::case::{
    Activity, ActivityKind, Assignment, Case, CaseCode, CaseFile, CaseRecord, CaseSort, CaseState,
    Channel, DiscontinuationGround, FieldOfLaw, FormOfAid, Party, PartyRole, ProceduralRole,
    RefusalGround,
};
use tgpl_domain::{ParseError, ProvinceCode, ScopeFilter, text};
use uuid::Uuid;

pub(crate) fn bad(e: ParseError) -> DbError {
    DbError::Db(DbErr::Custom(format!("invalid value in cases: {e}")))
}

pub(crate) fn party_of(m: case_party::Model) -> Result<Party, DbError> {
    Ok(Party {
        id: m.id,
        role: PartyRole::parse(&m.role).map_err(bad)?,
        full_name: m.full_name,
        sex: m.sex,
        date_of_birth: m.date_of_birth,
        procedural_role: m
            .procedural_role
            .filter(|r| !r.is_empty())
            .map(|r| ProceduralRole::parse(&r))
            .transpose()
            .map_err(bad)?,
        ethnicity: m.ethnicity,
        address: m.address,
        phone: m.phone,
        id_number: m.id_number,
        person_id: m.person_id,
    })
}

pub(crate) fn case_of(m: case::Model, parties: Vec<Party>) -> Result<Case, DbError> {
    let opt = |s: Option<String>| s.filter(|v| !v.is_empty());
    Ok(Case::restore(CaseRecord {
        id: m.id,
        organisation_id: m.organisation_id,
        province_code: m
            .province_code
            .map(|p| ProvinceCode::parse(&p))
            .transpose()
            .map_err(bad)?,
        centre_id: m.centre_id,
        status: CaseState::parse(&m.status).map_err(bad)?,
        channel: Channel::parse(&m.channel).map_err(bad)?,
        referral_received_at: m.referral_received_at,
        request_date: m.request_date,
        form_of_aid: FormOfAid::parse(&m.form_of_aid).map_err(bad)?,
        field_of_law: FieldOfLaw::parse(&m.field_of_law).map_err(bad)?,
        summary: m.summary,
        eligibility_codes: m
            .eligibility_codes
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        missing_proof: serde_json::from_value(m.missing_proof).unwrap_or_default(),
        urgent: m.urgent,
        proof_due_on: m.proof_due_on,
        code: opt(m.code)
            .map(|c| CaseCode::parse(&c))
            .transpose()
            .map_err(bad)?,
        register_number: m.register_number,
        accepted_on: m.accepted_on,
        refusal_ground: opt(m.refusal_ground)
            .map(|g| RefusalGround::parse(&g))
            .transpose()
            .map_err(bad)?,
        discontinuation_ground: opt(m.discontinuation_ground)
            .map(|g| DiscontinuationGround::parse(&g))
            .transpose()
            .map_err(bad)?,
        closed_on: m.closed_on,
        outcome: m.outcome,
        practitioner_id: m.practitioner_id,
        reassignment_requested_on: m.reassignment_requested_on,
        reassignment_due_on: m.reassignment_due_on,
        success: m.success_criterion.map(|criterion| SuccessAssessment {
            criterion,
            evidence: m.success_evidence.unwrap_or_default(),
            evidence_document_id: m.success_document_id,
        }),
        parties,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }))
}

fn row_of(c: &Case) -> case::ActiveModel {
    case::ActiveModel {
        id: Set(c.id),
        organisation_id: Set(c.organisation_id),
        province_code: Set(c.province_code.map(String::from)),
        centre_id: Set(c.centre_id),
        status: Set(c.status.as_str().to_owned()),
        channel: Set(c.channel.as_str().to_owned()),
        referral_received_at: Set(c.referral_received_at),
        request_date: Set(c.request_date),
        form_of_aid: Set(c.form_of_aid.as_str().to_owned()),
        field_of_law: Set(c.field_of_law.as_str().to_owned()),
        summary: Set(c.summary.clone()),
        eligibility_codes: Set(c.eligibility_codes.join(",")),
        missing_proof: Set(serde_json::json!(c.missing_proof)),
        urgent: Set(c.urgent),
        proof_due_on: Set(c.proof_due_on),
        code: Set(c.code.as_ref().map(CaseCode::to_string)),
        register_year: Set(c.accepted_on.map(|d| chrono::Datelike::year(&d))),
        register_number: Set(c.register_number),
        accepted_on: Set(c.accepted_on),
        refusal_ground: Set(c.refusal_ground.map(|g| g.as_str().to_owned())),
        discontinuation_ground: Set(c.discontinuation_ground.map(|g| g.as_str().to_owned())),
        closed_on: Set(c.closed_on),
        outcome: Set(c.outcome.clone()),
        practitioner_id: Set(c.practitioner_id),
        reassignment_requested_on: Set(c.reassignment_requested_on),
        reassignment_due_on: Set(c.reassignment_due_on),
        success_criterion: Set(c.success.as_ref().map(|s| s.criterion.clone())),
        success_evidence: Set(c.success.as_ref().map(|s| s.evidence.clone())),
        success_document_id: Set(c.success.as_ref().and_then(|s| s.evidence_document_id)),
        completeness_score: Set(i16::from(completeness::assess(c).score)),
        version: Set(c.version),
        created_at: Set(c.created_at),
        updated_at: Set(c.updated_at),
        search_text: Set(c.search_text()),
        legacy_id: NotSet,
        legacy_digest: NotSet,
    }
}

/// Computes the stored completeness score of rows written before it was
/// kept (a one-off after the migration that added it), 500 at a time.
pub async fn backfill_completeness<C: ConnectionTrait>(conn: &C) -> Result<u64, DbError> {
    let mut done = 0;
    loop {
        let rows = case::Entity::find()
            .filter(case::Column::CompletenessScore.lt(0))
            .limit(500)
            .all(conn)
            .await?;
        if rows.is_empty() {
            return Ok(done);
        }
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let mut parties = parties_of(conn, &ids).await?;
        for row in rows {
            let id = row.id;
            let c = case_of(row, parties.remove(&id).unwrap_or_default())?;
            let score = i16::from(completeness::assess(&c).score);
            case::Entity::update_many()
                .col_expr(case::Column::CompletenessScore, Expr::value(score))
                .filter(case::Column::Id.eq(id))
                .exec(conn)
                .await?;
            done += 1;
        }
    }
}

/// Bulk insert for synthetic data: whole case files (cases, parties,
/// assignments, activities, hearings) in multi-row statements. Register
/// counters are the caller's business.
pub async fn insert_bulk<C: ConnectionTrait>(conn: &C, files: &[CaseFile]) -> Result<(), DbError> {
    insert_files(conn, files, files.iter().map(|f| row_of(&f.case)).collect()).await
}

/// The old system's id of an imported record and the digest of its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyKey {
    pub id: String,
    pub digest: String,
}

fn imported_row(c: &Case, key: &LegacyKey) -> case::ActiveModel {
    let mut row = row_of(c);
    row.legacy_id = Set(Some(key.id.clone()));
    row.legacy_digest = Set(Some(key.digest.clone()));
    row
}

/// Inserts case files carried over from the old system, each with its key.
pub async fn insert_imported<C: ConnectionTrait>(
    conn: &C,
    files: &[(CaseFile, LegacyKey)],
) -> Result<(), DbError> {
    let rows = files
        .iter()
        .map(|(f, k)| imported_row(&f.case, k))
        .collect();
    let files: Vec<CaseFile> = files.iter().map(|(f, _)| f.clone()).collect();
    insert_files(conn, &files, rows).await
}

/// Replaces an imported case whose row changed in the old system's export:
/// the case row, its parties, name index and assignments.
pub async fn replace_imported<C: ConnectionTrait>(
    conn: &C,
    file: &CaseFile,
    key: &LegacyKey,
) -> Result<(), DbError> {
    let id = file.case.id;
    case::Entity::update(imported_row(&file.case, key))
        .exec(conn)
        .await?;
    case_party::Entity::delete_many()
        .filter(case_party::Column::CaseId.eq(id))
        .exec(conn)
        .await?;
    case_assignment::Entity::delete_many()
        .filter(case_assignment::Column::CaseId.eq(id))
        .exec(conn)
        .await?;
    let parties = party_rows(conn, [&file.case]).await?;
    insert_chunks(conn, parties).await?;
    crate::search_terms::replace(conn, &file.case).await?;
    let assignments: Vec<case_assignment::ActiveModel> = file
        .assignments
        .iter()
        .map(|a| assignment_row(id, a))
        .collect();
    insert_chunks(conn, assignments).await
}

async fn insert_files<C: ConnectionTrait>(
    conn: &C,
    files: &[CaseFile],
    rows: Vec<case::ActiveModel>,
) -> Result<(), DbError> {
    if files.is_empty() {
        return Ok(());
    }
    insert_chunks(conn, rows).await?;
    let parties = party_rows(conn, files.iter().map(|f| &f.case)).await?;
    insert_chunks(conn, parties).await?;
    crate::search_terms::insert(conn, files.iter().map(|f| &f.case)).await?;
    let assignments: Vec<case_assignment::ActiveModel> = files
        .iter()
        .flat_map(|f| f.assignments.iter().map(|a| assignment_row(f.case.id, a)))
        .collect();
    insert_chunks(conn, assignments).await?;
    let activities: Vec<case_activity::ActiveModel> = files
        .iter()
        .flat_map(|f| f.activities.iter().map(activity_row))
        .collect();
    insert_chunks(conn, activities).await?;
    let hearings: Vec<_> = files
        .iter()
        .flat_map(|f| {
            f.hearings
                .iter()
                .map(|h| crate::hearings::row_of(&f.case, h))
        })
        .collect();
    insert_chunks(conn, hearings).await
}

/// Multi-row inserts, as many rows per statement as stay under SQLite's
/// 32,766 bound parameters (PostgreSQL allows 65,535).
pub(crate) async fn insert_chunks<C, A>(conn: &C, rows: Vec<A>) -> Result<(), DbError>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + Clone + Send,
{
    let columns = <<A::Entity as EntityTrait>::Column as sea_orm::Iterable>::iter().count();
    let per_statement = (30_000 / columns.max(1)).clamp(1, 1_000);
    for chunk in rows.chunks(per_statement) {
        <A::Entity as EntityTrait>::insert_many(chunk.to_vec())
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Every register counter: (organisation, year, last number issued).
pub async fn register_counters<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<(Uuid, i32, i32)>, DbError> {
    let stmt = Query::select()
        .columns(["organisation_id", "year", "last_number"])
        .from("register_counters")
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("", "organisation_id")?,
                r.try_get("", "year")?,
                r.try_get("", "last_number")?,
            ))
        })
        .collect()
}

/// The last number issued in an organisation's register for a year.
pub async fn register_counters_of<C: ConnectionTrait>(
    conn: &C,
    organisation_id: Uuid,
    year: i32,
) -> Result<Option<i32>, DbError> {
    let stmt = Query::select()
        .column("last_number")
        .from("register_counters")
        .and_where(Expr::col("organisation_id").eq(organisation_id))
        .and_where(Expr::col("year").eq(year))
        .to_owned();
    Ok(match conn.query_one(&stmt).await? {
        Some(r) => Some(r.try_get("", "last_number")?),
        None => None,
    })
}

/// Sets the register counters after a bulk load, so acceptance continues
/// after the highest number issued.
pub async fn raise_register_counter<C: ConnectionTrait>(
    conn: &C,
    organisation_id: Uuid,
    year: i32,
    last: i32,
) -> Result<(), DbError> {
    let insert = Query::insert()
        .into_table("register_counters")
        .columns(["organisation_id", "year", "last_number"])
        .values([organisation_id.into(), year.into(), last.into()])
        .map_err(|e| DbError::Db(DbErr::Custom(e.to_string())))?
        .on_conflict(
            OnConflict::columns(["organisation_id", "year"])
                .update_column("last_number")
                .to_owned(),
        )
        .to_owned();
    conn.execute(&insert).await?;
    Ok(())
}

fn party_row(case_id: Uuid, p: &Party) -> case_party::ActiveModel {
    case_party::ActiveModel {
        id: Set(p.id),
        case_id: Set(case_id),
        role: Set(p.role.as_str().to_owned()),
        full_name: Set(p.full_name.clone()),
        name_folded: Set(text::fold(&p.full_name)),
        sex: Set(p.sex.clone()),
        date_of_birth: Set(p.date_of_birth),
        procedural_role: Set(p.procedural_role.map(|r| r.as_str().to_owned())),
        ethnicity: Set(p.ethnicity.clone()),
        address: Set(p.address.clone()),
        phone: Set(p.phone.clone()),
        id_number: Set(p.id_number.clone()),
        person_id: Set(p.person_id),
    }
}

/// The party rows of cases, each linked to its person of the registry
/// (found or created as the rows are written: issue #15 item 3).
async fn party_rows<'a, C: ConnectionTrait>(
    conn: &C,
    cases: impl IntoIterator<Item = &'a Case>,
) -> Result<Vec<case_party::ActiveModel>, DbError> {
    let cases: Vec<&Case> = cases.into_iter().collect();
    let Some(at) = cases.iter().map(|c| c.created_at).max() else {
        return Ok(Vec::new());
    };
    let parties: Vec<_> = cases
        .iter()
        .flat_map(|c| c.parties.iter().map(move |p| (p, c.province_code)))
        .collect();
    let links = crate::persons::assign(conn, &parties, at).await?;
    Ok(cases
        .iter()
        .flat_map(|c| {
            let links = &links;
            c.parties.iter().map(move |p| {
                let mut row = party_row(c.id, p);
                row.person_id = Set(links.get(&p.id).copied().or(p.person_id));
                row
            })
        })
        .collect())
}

/// Inserts a new case with its parties.
pub async fn insert<C: ConnectionTrait>(conn: &C, c: &Case) -> Result<(), DbError> {
    row_of(c).insert(conn).await?;
    for row in party_rows(conn, [c]).await? {
        row.insert(conn).await?;
    }
    crate::search_terms::insert(conn, [c]).await
}

/// Whole cases (with parties) by id.
pub async fn with_parties<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<Vec<Case>, DbError> {
    let rows = case::Entity::find()
        .filter(case::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    let mut parties = parties_of(conn, ids).await?;
    rows.into_iter()
        .map(|r| {
            let p = parties.remove(&r.id).unwrap_or_default();
            case_of(r, p)
        })
        .collect()
}

async fn parties_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Party>>, DbError> {
    let mut out: HashMap<Uuid, Vec<Party>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = case_party::Entity::find()
        .filter(case_party::Column::CaseId.is_in(ids.iter().copied()))
        .order_by_asc(case_party::Column::Id)
        .into_model::<crate::positional::PartyRow>()
        .all(conn)
        .await?;
    for crate::positional::PartyRow(r) in rows {
        let case_id = r.case_id;
        out.entry(case_id).or_default().push(party_of(r)?);
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Case, DbError> {
    let row = case::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    let parties = parties_of(conn, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    case_of(row, parties)
}

/// The case of one province with this code (codes repeat across
/// provinces: every centre issues `TT.TV.01.2026`).
pub async fn id_by_code<C: ConnectionTrait>(
    conn: &C,
    code: &str,
    province: ProvinceCode,
) -> Result<Option<Uuid>, DbError> {
    Ok(case::Entity::find()
        .select_only()
        .column(case::Column::Id)
        .filter(case::Column::Code.eq(code))
        .filter(case::Column::ProvinceCode.eq(province.as_str()))
        .into_tuple::<Uuid>()
        .one(conn)
        .await?)
}

/// The codes of the cases `ids` names, for those that have one (exports'
/// columns).
pub async fn codes<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, DbError> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(case::Entity::find()
        .select_only()
        .column(case::Column::Id)
        .column(case::Column::Code)
        .filter(case::Column::Id.is_in(ids))
        .filter(case::Column::Code.is_not_null())
        .into_tuple::<(Uuid, String)>()
        .all(conn)
        .await?
        .into_iter()
        .collect())
}

/// The cases holding any of these register entries: (id, organisation,
/// year, number) of each found.
pub async fn register_holders<C: ConnectionTrait>(
    conn: &C,
    entries: &[(Uuid, i32, i32)],
) -> Result<Vec<(Uuid, Uuid, i32, i32)>, DbError> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    // One row value per entry, so the unique register index answers each
    // (organisation, year, number) directly. Three separate IN lists matched
    // every number of every organisation and year in the batch: a superset
    // that grew with the register, and slowed a large import as it went.
    let mut out = Vec::new();
    for chunk in entries.chunks(500) {
        let rows: Vec<(Uuid, Uuid, Option<i32>, Option<i32>)> = case::Entity::find()
            .select_only()
            .column(case::Column::Id)
            .column(case::Column::OrganisationId)
            .column(case::Column::RegisterYear)
            .column(case::Column::RegisterNumber)
            .filter(
                Expr::tuple([
                    Expr::col(case::Column::OrganisationId),
                    Expr::col(case::Column::RegisterYear),
                    Expr::col(case::Column::RegisterNumber),
                ])
                .in_tuples(chunk.iter().copied()),
            )
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(
            rows.into_iter()
                .filter_map(|(id, org, year, number)| Some((id, org, year?, number?))),
        );
    }
    Ok(out)
}

/// The cases holding any of these codes: (id, code, province).
pub async fn code_holders<C: ConnectionTrait>(
    conn: &C,
    codes: &[String],
) -> Result<Vec<(Uuid, String, Option<String>)>, DbError> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        let rows: Vec<(Uuid, Option<String>, Option<String>)> = case::Entity::find()
            .select_only()
            .column(case::Column::Id)
            .column(case::Column::Code)
            .column(case::Column::ProvinceCode)
            .filter(case::Column::Code.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(
            rows.into_iter()
                .filter_map(|(id, code, province)| code.map(|c| (id, c, province))),
        );
    }
    Ok(out)
}

/// Writes the case row if it is still at `expected_version`.
pub async fn save<C: ConnectionTrait>(
    conn: &C,
    c: &Case,
    expected_version: i32,
) -> Result<(), DbError> {
    crate::versioned::update(
        conn,
        row_of(c),
        case::Column::Id,
        case::Column::Version,
        c.id,
        expected_version,
    )
    .await
}

/// Takes the next number in an organisation's register for a year. Runs in
/// the caller's transaction: the counter row is locked until it commits, so
/// concurrent acceptances get contiguous numbers with no gaps or duplicates.
pub async fn next_register_number<C: ConnectionTrait>(
    conn: &C,
    organisation_id: Uuid,
    year: i32,
) -> Result<i32, DbError> {
    let insert = Query::insert()
        .into_table("register_counters")
        .columns(["organisation_id", "year", "last_number"])
        .values([organisation_id.into(), year.into(), 0.into()])
        .map_err(|e| DbError::Db(DbErr::Custom(e.to_string())))?
        .on_conflict(
            OnConflict::columns(["organisation_id", "year"])
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    conn.execute(&insert).await?;
    let update = Query::update()
        .table("register_counters")
        .value("last_number", Expr::col("last_number").add(1))
        .and_where(Expr::col("organisation_id").eq(organisation_id))
        .and_where(Expr::col("year").eq(year))
        .returning_col("last_number")
        .to_owned();
    let row = conn
        .query_one(&update)
        .await?
        .ok_or_else(|| DbError::Db(DbErr::Custom("register counter missing".into())))?;
    Ok(row.try_get::<i32>("", "last_number")?)
}

#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub status: Option<CaseState>,
    pub form_of_aid: Option<FormOfAid>,
    pub field_of_law: Option<FieldOfLaw>,
    pub organisation_id: Option<Uuid>,
    pub practitioner_id: Option<Uuid>,
    pub province: Option<ProvinceCode>,
    pub urgent: Option<bool>,
    pub requested_from: Option<NaiveDate>,
    pub requested_to: Option<NaiveDate>,
    pub accepted_from: Option<NaiveDate>,
    pub accepted_to: Option<NaiveDate>,
    pub closed_from: Option<NaiveDate>,
    pub closed_to: Option<NaiveDate>,
    pub eligibility_code: Option<String>,
    /// Cases with a deadline passed before this day.
    pub overdue_on: Option<NaiveDate>,
    /// Assessed successful (Decision 1179) or not.
    pub successful: Option<bool>,
    pub q: Option<String>,
    pub sort: CaseSort,
    /// Leave archived cases out (the case list's default, issue #13).
    pub hide_archived: bool,
    /// Only the cases this query's ids name (a report cell's cases:
    /// `statistics::cell_cases`).
    pub within: Option<sea_orm::sea_query::SelectStatement>,
}

/// One page of cases, and the outbox's last sequence as the page's own
/// statement read it (`None` for an empty page): what [`count_up_to`]
/// needs to know whether a kept total still holds, without a statement of
/// its own.
pub struct ListedPage {
    pub page: Page<Case>,
    pub outbox_seq: Option<i64>,
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &CaseFilter,
    page: PageRequest,
) -> Result<ListedPage, DbError> {
    let (q, id) = list_query(conn.get_database_backend(), visible, f);
    let rows = sorted_page(conn, q, id, f.sort, page).await?;
    let outbox_seq = rows.first().map(|r| r.outbox_seq.unwrap_or(0));
    let rows: Vec<case::Model> = rows.into_iter().map(|r| r.case).collect();
    // The next page's cursor carries the last row's sort keys.
    let (keys, _) = case_sort::keys_of(f.sort);
    let next_keys = (rows.len() as u64 > page.limit && !keys.is_empty())
        .then(|| rows.get(page.limit as usize - 1))
        .flatten()
        .map(|last| {
            crate::page::encode_keyed_cursor(last.id, &case_sort::cursor_keys(&keys, last))
        });
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut parties = parties_of(conn, &ids).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let p = parties.remove(&r.id).unwrap_or_default();
            case_of(r, p)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut page = Page::from_overfetch(items, page.limit, |c: &Case| c.id);
    if page.next.is_some() && next_keys.is_some() {
        page.next = next_keys;
    }
    Ok(ListedPage { page, outbox_seq })
}

/// A list page's row: the case, and the outbox's last sequence, read by the
/// same statement (an uncorrelated subquery: evaluated once per statement).
struct PageRow {
    case: case::Model,
    outbox_seq: Option<i64>,
}

const OUTBOX_SEQ: &str = "outbox_seq";

/// Read by position (the case's columns, then the sequence): the list's
/// hot path (`positional`).
impl sea_orm::FromQueryResult for PageRow {
    fn from_query_result(res: &sea_orm::QueryResult, _pre: &str) -> Result<Self, DbErr> {
        Ok(Self {
            case: crate::positional::case(res)?,
            outbox_seq: res.try_get_by_index(crate::positional::width::<case::Entity>())?,
        })
    }
}

/// `Case::overdue` in SQL: a reassignment answer or a proof supplement
/// past its deadline. Lists and the dashboard counts share this one copy.
pub(crate) fn overdue(today: NaiveDate) -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(case::Column::ReassignmentDueOn.lt(today))
        .add(case::Column::ProofDueOn.lt(today))
}

/// A concluded case in SQL: in a concluded state and never discontinued
/// (an archived discontinued case is closed, not concluded). Form 25 and
/// the dashboard share this one copy.
pub(crate) fn concluded() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(case::Column::Status.is_in(CaseState::CONCLUDED.map(CaseState::as_str)))
        .add(case::Column::DiscontinuationGround.is_null())
}

/// A case assessed successful (Decision 1179), in SQL.
pub(crate) fn successful() -> sea_orm::Condition {
    sea_orm::Condition::all().add(case::Column::SuccessCriterion.is_not_null())
}

/// The cases a filter selects within what the caller may see.
pub(crate) fn filtered(visible: ScopeFilter, f: &CaseFilter) -> sea_orm::Select<case::Entity> {
    filtered_keyed(visible, f, DateRange::Indexed, false).0
}

/// A list's filtered query on `backend`, keyed as [`filtered_keyed`].
fn list_query(
    backend: sea_orm::DbBackend,
    visible: ScopeFilter,
    f: &CaseFilter,
) -> (sea_orm::Select<case::Entity>, Expr) {
    let dates = if dates_checked_on_the_way(backend, visible, f) {
        DateRange::Residual
    } else {
        DateRange::Indexed
    };
    let terms_first = backend == sea_orm::DbBackend::Sqlite;
    filtered_keyed(visible, f, dates, terms_first)
}

/// Whether a date range may pick the index on its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateRange {
    Indexed,
    /// Written `+column`, which SQLite's planner never matches to an index.
    Residual,
}

/// SQLite keeps no histograms: given an acceptance year beside an equality
/// on a column indexed with the id (field, status, province, organisation,
/// practitioner), it picks the date index and sorts a year of cases for a
/// page of 50 (0.2 s on 1,000,000 cases; the national list timed out). A
/// page in id order walks the equality's `(column, id)` index newest first
/// and checks the dates on the way (0.2 ms), so there the range is
/// residual. PostgreSQL's planner weighs both with its statistics.
fn dates_checked_on_the_way(
    backend: sea_orm::DbBackend,
    visible: ScopeFilter,
    f: &CaseFilter,
) -> bool {
    let in_id_order = matches!(f.sort, CaseSort::Newest | CaseSort::Oldest);
    let equality_with_id_index = !matches!(visible, ScopeFilter::All)
        || f.status.is_some()
        || f.field_of_law.is_some()
        || f.organisation_id.is_some()
        || f.practitioner_id.is_some()
        || f.province.is_some();
    backend == sea_orm::DbBackend::Sqlite && in_id_order && equality_with_id_index
}

/// The filtered query, and the id column its pages are ordered and
/// continued by: the case id, or for a phrase search the first term's
/// `case_id`, which is equal and lets the database stop early
/// (`terms_first`: see [`crate::search_terms::join_phrase`]).
fn filtered_keyed(
    visible: ScopeFilter,
    f: &CaseFilter,
    dates: DateRange,
    terms_first: bool,
) -> (sea_orm::Select<case::Entity>, Expr) {
    use case::Column as K;
    let cols = ScopeColumns {
        province: K::ProvinceCode,
        centre: K::CentreId,
        org: K::OrganisationId,
        user: None,
        practitioner: Some(K::PractitionerId),
    };
    let mut q = case::Entity::find().filter(scope::condition(visible, &cols));
    let mut id = Expr::col((case::Entity, K::Id));
    if let Some(ids) = &f.within {
        q = q.filter(K::Id.in_subquery(ids.clone()));
    }
    if let Some(s) = f.status {
        q = q.filter(K::Status.eq(s.as_str()));
    }
    if f.hide_archived {
        q = q.filter(K::Status.ne(CaseState::Archived.as_str()));
    }
    if let Some(v) = f.form_of_aid {
        q = q.filter(K::FormOfAid.eq(v.as_str()));
    }
    if let Some(v) = f.field_of_law {
        q = q.filter(K::FieldOfLaw.eq(v.as_str()));
    }
    if let Some(v) = f.organisation_id {
        q = q.filter(K::OrganisationId.eq(v));
    }
    if let Some(v) = f.practitioner_id {
        q = q.filter(K::PractitionerId.eq(v));
    }
    if let Some(p) = f.province {
        q = q.filter(K::ProvinceCode.eq(p.as_str()));
    }
    if let Some(u) = f.urgent {
        q = q.filter(K::Urgent.eq(u));
    }
    if let Some(d) = f.requested_from {
        q = q.filter(K::RequestDate.gte(d));
    }
    if let Some(d) = f.requested_to {
        q = q.filter(K::RequestDate.lte(d));
    }
    for (col, from, to) in [
        (K::AcceptedOn, f.accepted_from, f.accepted_to),
        (K::ClosedOn, f.closed_from, f.closed_to),
    ] {
        let operand = || match dates {
            DateRange::Indexed => Expr::col((case::Entity, col)),
            DateRange::Residual => {
                Expr::cust(format!("+cases.{}", sea_orm::IdenStatic::as_str(&col)))
            }
        };
        if let Some(d) = from {
            q = q.filter(operand().gte(d));
        }
        if let Some(d) = to {
            q = q.filter(operand().lte(d));
        }
    }
    if let Some(code) = f.eligibility_code.as_deref() {
        // Codes are stored comma-separated: match a whole code only.
        let padded = Expr::cust_with_values(
            "(',' || eligibility_codes || ',')",
            Vec::<sea_orm::Value>::new(),
        );
        q = q.filter(padded.like(format!("%,{code},%")));
    }
    if let Some(today) = f.overdue_on {
        q = q.filter(overdue(today));
    }
    if let Some(needle) = f.q.as_deref().map(text::fold).filter(|s| !s.is_empty()) {
        // Two or more words: the word-pair index narrows to a few cases
        // first; the substring test then keeps the phrase exact.
        if let Some(term_id) =
            crate::search_terms::join_phrase(QueryTrait::query(&mut q), &needle, terms_first)
        {
            // Written so that no planner prefers the trigram index for it:
            // it only re-checks the few cases the terms found.
            let text = Expr::cust("(cases.search_text || '')");
            q = q.filter(text.like(format!("%{needle}%")));
            id = term_id;
        } else {
            q = q.filter(K::SearchText.contains(needle.as_str()));
        }
    }
    match f.successful {
        Some(true) => q = q.filter(successful()),
        Some(false) => q = q.filter(successful().not()),
        None => {}
    }
    (q, id)
}

/// One page of a filtered case query in the requested order. For orders
/// on other keys than the id, the cursor carries the previous page's last
/// keys; a cursor with the id alone (an older one) has them looked up on
/// that case, within the same filters and scope (gone: the list ends).
async fn sorted_page<C: ConnectionTrait>(
    conn: &C,
    mut q: sea_orm::Select<case::Entity>,
    id_col: Expr,
    sort: CaseSort,
    page: PageRequest,
) -> Result<Vec<PageRow>, DbError> {
    let (keys, order) = case_sort::keys_of(sort);
    if let Some(after) = page.after {
        if keys.is_empty() {
            q = q.filter(match order {
                sea_orm::sea_query::Order::Desc => id_col.clone().lt(after),
                _ => id_col.clone().gt(after),
            });
        } else {
            let values = match page.keys {
                Some(k) => k.to_vec(),
                None => match q
                    .clone()
                    .filter(case::Column::Id.eq(after))
                    .one(conn)
                    .await?
                {
                    Some(last) => case_sort::cursor_keys(&keys, &last),
                    None => return Ok(Vec::new()),
                },
            };
            let Some(rest) = case_sort::after(&keys, &order, id_col.clone(), &values, after) else {
                return Ok(Vec::new());
            };
            q = q.filter(rest);
        }
    }
    let last_seq = sea_orm::sea_query::SubQueryStatement::from(crate::events::last_seq_query());
    let q = q.column_as(Expr::from(last_seq), OUTBOX_SEQ);
    Ok(case_sort::ordered(q, &keys, order, id_col, page.limit)
        .into_model::<PageRow>()
        .all(conn)
        .await?)
}

/// How many cases a filter selects within what the caller may see,
/// counted up to `cap` (`Total::exact` is false when more match; lists
/// use [`crate::page::TOTAL_CAP`]), or as counted before if no case was written since
/// (`totals`: the list's statement is the key, the outbox's last sequence
/// the proof that nothing changed). `seen` is that sequence as a statement
/// run before this call read it ([`ListedPage::outbox_seq`]); without it,
/// it is read here first.
pub async fn count_up_to(
    db: &crate::Db,
    visible: ScopeFilter,
    f: &CaseFilter,
    cap: u64,
    seen: Option<i64>,
) -> Result<crate::Total, DbError> {
    use sea_orm::QueryTrait;
    let conn = db.read();
    // Read before counting: a write committed in between moves it on.
    let seq = match seen {
        Some(seq) => seq,
        None => crate::events::last_seq(conn).await?,
    };
    let (q, _) = list_query(conn.get_database_backend(), visible, f);
    let mut key = q
        .as_query()
        .to_string(sea_orm::sea_query::PostgresQueryBuilder);
    key.push_str(&format!(" /* up to {cap} */"));
    if let Some(total) = db.totals().get(&key, seq) {
        return Ok(total);
    }
    let total = crate::page::count_up_to(conn, q, (case::Entity, case::Column::Id), cap).await?;
    db.totals().put(key, seq, total);
    Ok(total)
}

/// The statement a list's first page runs on `backend`, for reading its
/// plan (`EXPLAIN`): the same builder [`list`] uses.
pub fn first_page_statement(
    backend: sea_orm::DbBackend,
    visible: ScopeFilter,
    f: &CaseFilter,
    limit: u64,
) -> sea_orm::Statement {
    let (q, id) = list_query(backend, visible, f);
    let (keys, order) = case_sort::keys_of(f.sort);
    case_sort::ordered(q, &keys, order, id, limit).build(backend)
}

/// Every case a practitioner handles or handled, with parties (conflict check).
pub async fn cases_of_practitioner<C: ConnectionTrait>(
    conn: &C,
    practitioner_id: Uuid,
) -> Result<Vec<Case>, DbError> {
    let assigned: Vec<Uuid> = case_assignment::Entity::find()
        .filter(case_assignment::Column::PractitionerId.eq(practitioner_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.case_id)
        .collect();
    if assigned.is_empty() {
        return Ok(Vec::new());
    }
    let rows = case::Entity::find()
        .filter(case::Column::Id.is_in(assigned.iter().copied()))
        .all(conn)
        .await?;
    let mut parties = parties_of(conn, &assigned).await?;
    rows.into_iter()
        .map(|r| {
            let p = parties.remove(&r.id).unwrap_or_default();
            case_of(r, p)
        })
        .collect()
}

/// Records an assignment, ending the previous one on the same day.
pub async fn assign<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
    practitioner_id: Uuid,
    on: NaiveDate,
    reason: Option<String>,
) -> Result<(), DbError> {
    case_assignment::Entity::update_many()
        .col_expr(case_assignment::Column::EndedOn, Expr::value(on))
        .filter(case_assignment::Column::CaseId.eq(case_id))
        .filter(case_assignment::Column::EndedOn.is_null())
        .exec(conn)
        .await?;
    let current = Assignment {
        id: Uuid::now_v7(),
        practitioner_id,
        assigned_on: on,
        ended_on: None,
        reason,
    };
    assignment_row(case_id, &current).insert(conn).await?;
    Ok(())
}

fn assignment_row(case_id: Uuid, a: &Assignment) -> case_assignment::ActiveModel {
    case_assignment::ActiveModel {
        id: Set(a.id),
        case_id: Set(case_id),
        practitioner_id: Set(a.practitioner_id),
        assigned_on: Set(a.assigned_on),
        ended_on: Set(a.ended_on),
        reason: Set(a.reason.clone()),
    }
}

pub async fn insert_activity<C: ConnectionTrait>(conn: &C, a: &Activity) -> Result<(), DbError> {
    activity_row(a).insert(conn).await?;
    Ok(())
}

fn activity_row(a: &Activity) -> case_activity::ActiveModel {
    case_activity::ActiveModel {
        id: Set(a.id),
        case_id: Set(a.case_id),
        kind: Set(a.kind.as_str().to_owned()),
        occurred_on: Set(a.occurred_on),
        description: Set(a.description.clone()),
        recorded_by: Set(a.recorded_by),
        created_at: Set(a.created_at),
    }
}

pub async fn activities<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
) -> Result<Vec<Activity>, DbError> {
    case_activity::Entity::find()
        .filter(case_activity::Column::CaseId.eq(case_id))
        .order_by_asc(case_activity::Column::OccurredOn)
        .order_by_asc(case_activity::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(activity_of)
        .collect()
}

pub(crate) fn activity_of(m: case_activity::Model) -> Result<Activity, DbError> {
    Ok(Activity {
        id: m.id,
        case_id: m.case_id,
        kind: ActivityKind::parse(&m.kind).map_err(bad)?,
        occurred_on: m.occurred_on,
        description: m.description,
        recorded_by: m.recorded_by,
        created_at: m.created_at,
    })
}

pub async fn insert_notice<C: ConnectionTrait>(conn: &C, n: &Notice) -> Result<(), DbError> {
    case_notice::ActiveModel {
        id: Set(n.id),
        case_id: Set(n.case_id),
        kind: Set(n.kind.as_str().to_owned()),
        issued_on: Set(n.issued_on),
        title: Set(n.title.clone()),
        body: Set(n.body.clone()),
        issued_by: Set(n.issued_by),
        created_at: Set(n.created_at),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn notices<C: ConnectionTrait>(conn: &C, case_id: Uuid) -> Result<Vec<Notice>, DbError> {
    case_notice::Entity::find()
        .filter(case_notice::Column::CaseId.eq(case_id))
        .order_by_asc(case_notice::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| {
            Ok(Notice {
                id: m.id,
                case_id: m.case_id,
                kind: NoticeKind::parse(&m.kind).map_err(bad)?,
                issued_on: m.issued_on,
                title: m.title,
                body: m.body,
                issued_by: m.issued_by,
                created_at: m.created_at,
            })
        })
        .collect()
}

/// A merge moves the cases (and their hearings) of the merged unit and of
/// its branches into the target's centre and province, for scoping and for
/// the roll-ups of statistics (DOMAIN §2: reports across the merge date add
/// up in the province the unit belongs to now). Each case stays attributed
/// to the organisation that handled it.
pub async fn retarget_scope<Cn: ConnectionTrait>(
    conn: &Cn,
    orgs: &[Uuid],
    centre: Option<Uuid>,
    province: Option<ProvinceCode>,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<u64, DbError> {
    use crate::entity::hearing;
    if orgs.is_empty() {
        return Ok(0);
    }
    let moved = case::Entity::update_many()
        .col_expr(case::Column::CentreId, Expr::value(centre))
        .col_expr(
            case::Column::ProvinceCode,
            Expr::value(province.map(String::from)),
        )
        .col_expr(
            case::Column::Version,
            Expr::col(case::Column::Version).add(1),
        )
        .col_expr(case::Column::UpdatedAt, Expr::value(at))
        .filter(case::Column::OrganisationId.is_in(orgs.iter().copied()))
        .exec(conn)
        .await?;
    hearing::Entity::update_many()
        .col_expr(hearing::Column::CentreId, Expr::value(centre))
        .col_expr(
            hearing::Column::ProvinceCode,
            Expr::value(province.map(String::from)),
        )
        .filter(hearing::Column::OrganisationId.is_in(orgs.iter().copied()))
        .exec(conn)
        .await?;
    Ok(moved.rows_affected)
}
