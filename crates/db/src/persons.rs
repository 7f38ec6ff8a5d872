//! The person registry (issue #15 item 3): persons, the links of parties
//! to them, merges and their undoing. Who is the same person is the
//! domain's rule (`tgpl_domain::person::compare`); this module finds the
//! candidates by the indexed ID number and name-and-birth key, and keeps
//! the links as every write path records parties.
use crate::entity::{case, case_party, person, person_merge};
use crate::{DbError, cases::bad};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::{HashMap, HashSet};
use tgpl_domain::ProvinceCode;
use tgpl_domain::case::record::{Party, PartyRole};
use tgpl_domain::person::{Identity, Person, PersonMerge, find_same};
use uuid::Uuid;

/// Values per `IN (…)` list.
const CHUNK: usize = 500;

pub(crate) fn person_of(m: person::Model) -> Result<Person, DbError> {
    Ok(Person {
        id: m.id,
        full_name: m.full_name,
        name_folded: m.name_folded,
        date_of_birth: m.date_of_birth,
        id_number: m.id_number,
        province_code: m
            .province_code
            .filter(|p| !p.is_empty())
            .map(|p| ProvinceCode::parse(&p))
            .transpose()
            .map_err(bad)?,
        merged_into_id: m.merged_into_id,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn row_of(p: &Person) -> person::ActiveModel {
    person::ActiveModel {
        id: Set(p.id),
        full_name: Set(p.full_name.clone()),
        name_folded: Set(p.name_folded.clone()),
        date_of_birth: Set(p.date_of_birth),
        id_number: Set(p.id_number.clone()),
        province_code: Set(p.province_code.map(|c| c.as_str().to_owned())),
        match_key: Set(p.match_key()),
        merged_into_id: Set(p.merged_into_id),
        version: Set(p.version),
        created_at: Set(p.created_at),
        updated_at: Set(p.updated_at),
    }
}

fn merge_of(m: person_merge::Model) -> Result<PersonMerge, DbError> {
    Ok(PersonMerge {
        id: m.id,
        kept_id: m.kept_id,
        merged_id: m.merged_id,
        party_ids: serde_json::from_str(&m.party_ids)
            .map_err(|e| DbError::Db(sea_orm::DbErr::Custom(format!("person_merges: {e}"))))?,
        reason: m.reason,
        merged_by: m.merged_by,
        merged_at: m.merged_at,
        undone_by: m.undone_by,
        undone_at: m.undone_at,
    })
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Person, DbError> {
    person_of(
        person::Entity::find_by_id(id)
            .one(conn)
            .await?
            .ok_or(DbError::NotFound)?,
    )
}

/// Saves a person read at `version - 1`; someone else's write in between
/// is `Stale`.
pub async fn save<C: ConnectionTrait>(conn: &C, p: &Person) -> Result<(), DbError> {
    let res = person::Entity::update_many()
        .set(row_of(p))
        .filter(person::Column::Id.eq(p.id))
        .filter(person::Column::Version.eq(p.version - 1))
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        let current = get(conn, p.id).await?.version;
        return Err(DbError::Stale { current });
    }
    Ok(())
}

/// The live persons that could be the same as the parties: those sharing
/// an ID number, and those sharing a name-and-birth key (`keys`) or, for a
/// party whose ID number is known, sharing its key without an ID number
/// of their own (`bare_keys`): two different ID numbers are never one
/// person, so namesakes with their own numbers are not even read.
async fn candidates<C: ConnectionTrait>(
    conn: &C,
    id_numbers: &[String],
    keys: &[String],
    bare_keys: &[String],
) -> Result<Vec<Person>, DbError> {
    let mut found: HashMap<Uuid, Person> = HashMap::new();
    for (column, values, bare) in [
        (person::Column::IdNumber, id_numbers, false),
        (person::Column::MatchKey, keys, false),
        (person::Column::MatchKey, bare_keys, true),
    ] {
        for chunk in values.chunks(CHUNK) {
            let mut q = person::Entity::find()
                .filter(column.is_in(chunk.iter().cloned()))
                .filter(person::Column::MergedIntoId.is_null());
            if bare {
                q = q.filter(person::Column::IdNumber.is_null());
            }
            for r in q.all(conn).await? {
                found.entry(r.id).or_insert(person_of(r)?);
            }
        }
    }
    Ok(found.into_values().collect())
}

/// Finds the person of each party (recorded in `province`): the live
/// person the domain judges the same, among those sharing its ID number
/// or its name-and-birth key, else a new person. New persons are inserted
/// and what a party taught a known person (an ID number, a birth date) is
/// saved. Returns party id → person id, for the party rows to carry.
pub async fn assign<C: ConnectionTrait>(
    conn: &C,
    parties: &[(&Party, Option<ProvinceCode>)],
    at: DateTime<Utc>,
) -> Result<HashMap<Uuid, Uuid>, DbError> {
    let mut links = HashMap::new();
    if parties.is_empty() {
        return Ok(links);
    }
    let who: Vec<Identity> = parties
        .iter()
        .map(|(p, province)| Identity::of(p, *province))
        .collect();
    let mut ids: Vec<String> = who.iter().filter_map(|w| w.id_number.clone()).collect();
    let (numbered, bare): (Vec<&Identity>, Vec<&Identity>) =
        who.iter().partition(|w| w.id_number.is_some());
    let mut keys: Vec<String> = bare.iter().filter_map(|w| w.match_key()).collect();
    let mut bare_keys: Vec<String> = numbered.iter().filter_map(|w| w.match_key()).collect();
    for v in [&mut ids, &mut keys, &mut bare_keys] {
        v.sort();
        v.dedup();
    }
    let mut all = candidates(conn, &ids, &keys, &bare_keys).await?;
    let known = all.len();
    // Index by ID number and key, so a batch of a thousand parties does not
    // compare each with every person.
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let index = |i: usize,
                 p: &Person,
                 by_id: &mut HashMap<String, Vec<usize>>,
                 by_key: &mut HashMap<String, Vec<usize>>| {
        if let Some(n) = &p.id_number {
            by_id.entry(n.clone()).or_default().push(i);
        }
        if let Some(k) = p.match_key() {
            by_key.entry(k).or_default().push(i);
        }
    };
    for (i, p) in all.iter().enumerate() {
        index(i, p, &mut by_id, &mut by_key);
    }
    let mut learnt: HashSet<usize> = HashSet::new();
    for ((party, province), w) in parties.iter().zip(&who) {
        let mut near: Vec<usize> = Vec::new();
        if let Some(n) = &w.id_number {
            near.extend(by_id.get(n).into_iter().flatten());
        }
        if let Some(k) = w.match_key() {
            near.extend(by_key.get(&k).into_iter().flatten());
        }
        near.sort_unstable();
        near.dedup();
        let same = find_same(w, near.iter().map(|&i| &all[i]))
            .and_then(|id| near.iter().copied().find(|&i| all[i].id == id));
        let i = match same {
            Some(i) => {
                if all[i].learn(w, at) {
                    learnt.insert(i);
                    index(i, &all[i].clone(), &mut by_id, &mut by_key);
                }
                i
            }
            None => {
                all.push(Person::first_seen(party, *province, at));
                let i = all.len() - 1;
                index(i, &all[i].clone(), &mut by_id, &mut by_key);
                i
            }
        };
        links.insert(party.id, all[i].id);
    }
    let new: Vec<person::ActiveModel> = all[known..].iter().map(row_of).collect();
    crate::cases::insert_chunks(conn, new).await?;
    for i in learnt.into_iter().filter(|&i| i < known) {
        let p = &all[i];
        person::Entity::update(row_of(p)).exec(conn).await?;
    }
    Ok(links)
}

/// Points parties at persons (party id → person id).
pub async fn set_links<C: ConnectionTrait>(
    conn: &C,
    links: &HashMap<Uuid, Uuid>,
) -> Result<(), DbError> {
    let mut by_person: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (party, person) in links {
        by_person.entry(*person).or_default().push(*party);
    }
    for (person, parties) in by_person {
        for chunk in parties.chunks(CHUNK) {
            case_party::Entity::update_many()
                .col_expr(case_party::Column::PersonId, Expr::value(person))
                .filter(case_party::Column::Id.is_in(chunk.iter().copied()))
                .exec(conn)
                .await?;
        }
    }
    Ok(())
}

/// Links the parties recorded before the registry existed, a batch at a
/// time; returns how many were linked.
pub async fn backfill<C: ConnectionTrait>(conn: &C, at: DateTime<Utc>) -> Result<u64, DbError> {
    let mut linked = 0u64;
    loop {
        let rows = case_party::Entity::find()
            .filter(case_party::Column::PersonId.is_null())
            .order_by_asc(case_party::Column::Id)
            .limit(1_000)
            .all(conn)
            .await?;
        if rows.is_empty() {
            return Ok(linked);
        }
        let case_ids: Vec<Uuid> = rows.iter().map(|r| r.case_id).collect();
        let provinces = provinces_of(conn, &case_ids).await?;
        let parties: Vec<(Party, Option<ProvinceCode>)> = rows
            .into_iter()
            .map(|r| {
                let province = provinces.get(&r.case_id).copied().flatten();
                Ok((crate::cases::party_of(r)?, province))
            })
            .collect::<Result<_, DbError>>()?;
        let refs: Vec<(&Party, Option<ProvinceCode>)> =
            parties.iter().map(|(p, c)| (p, *c)).collect();
        let links = assign(conn, &refs, at).await?;
        set_links(conn, &links).await?;
        linked += links.len() as u64;
    }
}

async fn provinces_of<C: ConnectionTrait>(
    conn: &C,
    case_ids: &[Uuid],
) -> Result<HashMap<Uuid, Option<ProvinceCode>>, DbError> {
    let mut out = HashMap::new();
    for chunk in case_ids.chunks(CHUNK) {
        let rows: Vec<(Uuid, Option<String>)> = case::Entity::find()
            .select_only()
            .column(case::Column::Id)
            .column(case::Column::ProvinceCode)
            .filter(case::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        for (id, p) in rows {
            out.insert(
                id,
                p.filter(|p| !p.is_empty())
                    .and_then(|p| ProvinceCode::parse(&p).ok()),
            );
        }
    }
    Ok(out)
}

/// One party of a person: the case, the party and its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appearance {
    pub case_id: Uuid,
    pub party_id: Uuid,
    pub role: PartyRole,
}

/// Where the persons `ids` appear, by person.
pub async fn appearances<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Appearance>>, DbError> {
    let mut out: HashMap<Uuid, Vec<Appearance>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(Uuid, Uuid, String, Option<Uuid>)> = case_party::Entity::find()
            .select_only()
            .column(case_party::Column::CaseId)
            .column(case_party::Column::Id)
            .column(case_party::Column::Role)
            .column(case_party::Column::PersonId)
            .filter(case_party::Column::PersonId.is_in(chunk.iter().copied()))
            .order_by_asc(case_party::Column::Id)
            .into_tuple()
            .all(conn)
            .await?;
        for (case_id, party_id, role, person) in rows {
            let Some(person) = person else { continue };
            out.entry(person).or_default().push(Appearance {
                case_id,
                party_id,
                role: PartyRole::parse(&role).map_err(bad)?,
            });
        }
    }
    Ok(out)
}

/// The live persons that share an ID number or a name-and-birth key with
/// another live person: the groups duplicates are suggested from, at most
/// `limit` groups of each kind; within a province (where the persons were
/// first seen) for provincial and local readers.
pub async fn duplicate_groups<C: ConnectionTrait>(
    conn: &C,
    province: Option<ProvinceCode>,
    limit: u64,
) -> Result<Vec<Vec<Person>>, DbError> {
    let mut groups = Vec::new();
    for column in ["id_number", "match_key"] {
        let mut stmt = Query::select();
        stmt.column(column)
            .from("persons")
            .and_where(Expr::col(column).is_not_null())
            .and_where(Expr::col("merged_into_id").is_null());
        if let Some(p) = province {
            stmt.and_where(Expr::col("province_code").eq(p.as_str()));
        }
        let stmt = stmt
            .group_by_col(column)
            .and_having(Expr::col(column).count().gt(1))
            .order_by(column, sea_orm::Order::Asc)
            .limit(limit)
            .to_owned();
        let values: Vec<String> = conn
            .query_all(&stmt)
            .await?
            .iter()
            .map(|r| r.try_get_by_index::<String>(0))
            .collect::<Result<_, _>>()?;
        let col = if column == "id_number" {
            person::Column::IdNumber
        } else {
            person::Column::MatchKey
        };
        for chunk in values.chunks(CHUNK) {
            let mut q = person::Entity::find()
                .filter(col.is_in(chunk.iter().cloned()))
                .filter(person::Column::MergedIntoId.is_null());
            if let Some(p) = province {
                q = q.filter(person::Column::ProvinceCode.eq(p.as_str()));
            }
            let rows = q.order_by_asc(person::Column::Id).all(conn).await?;
            let mut by_value: HashMap<String, Vec<Person>> = HashMap::new();
            for r in rows {
                let value = if column == "id_number" {
                    r.id_number.clone()
                } else {
                    r.match_key.clone()
                };
                if let Some(v) = value {
                    by_value.entry(v).or_default().push(person_of(r)?);
                }
            }
            groups.extend(by_value.into_values().filter(|g| g.len() > 1));
        }
    }
    Ok(groups)
}

/// The pairs among `ids` that leadership judged to be two people.
pub async fn distinct_pairs<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<HashSet<(Uuid, Uuid)>, DbError> {
    let mut out = HashSet::new();
    for chunk in ids.chunks(CHUNK) {
        let stmt = Query::select()
            .columns(["first_id", "second_id"])
            .from("person_distinct")
            .and_where(Expr::col("first_id").is_in(chunk.iter().copied()))
            .to_owned();
        for r in conn.query_all(&stmt).await? {
            out.insert((r.try_get_by_index(0)?, r.try_get_by_index(1)?));
        }
    }
    Ok(out)
}

/// Records that two persons are not one (lower id first).
pub async fn mark_distinct<C: ConnectionTrait>(
    conn: &C,
    a: Uuid,
    b: Uuid,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    let (first, second) = if a < b { (a, b) } else { (b, a) };
    let stmt = Query::insert()
        .into_table("person_distinct")
        .columns(["first_id", "second_id", "decided_by", "decided_at"])
        .values_panic([first.into(), second.into(), by.into(), at.into()])
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns(["first_id", "second_id"])
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Merges `merged` (already marked by the domain) into `kept`: its
/// parties move to `kept`, and the merge is recorded with them.
pub async fn merge<C: ConnectionTrait>(
    conn: &C,
    merged: &Person,
    kept: Uuid,
    reason: Option<String>,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<PersonMerge, DbError> {
    save(conn, merged).await?;
    let party_ids: Vec<Uuid> = case_party::Entity::find()
        .select_only()
        .column(case_party::Column::Id)
        .filter(case_party::Column::PersonId.eq(merged.id))
        .into_tuple()
        .all(conn)
        .await?;
    set_links(conn, &party_ids.iter().map(|p| (*p, kept)).collect()).await?;
    let m = PersonMerge {
        id: Uuid::now_v7(),
        kept_id: kept,
        merged_id: merged.id,
        party_ids,
        reason,
        merged_by: Some(by),
        merged_at: at,
        undone_by: None,
        undone_at: None,
    };
    person_merge::ActiveModel {
        id: Set(m.id),
        kept_id: Set(m.kept_id),
        merged_id: Set(m.merged_id),
        party_ids: Set(serde_json::to_string(&m.party_ids).unwrap_or_else(|_| "[]".into())),
        reason: Set(m.reason.clone()),
        merged_by: Set(m.merged_by),
        merged_at: Set(m.merged_at),
        undone_by: Set(None),
        undone_at: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(m)
}

pub async fn get_merge<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<PersonMerge, DbError> {
    merge_of(
        person_merge::Entity::find_by_id(id)
            .one(conn)
            .await?
            .ok_or(DbError::NotFound)?,
    )
}

/// Undoes a merge (the merged person already unmarked by the domain): the
/// parties it moved that still point at the kept person go back.
pub async fn undo_merge<C: ConnectionTrait>(
    conn: &C,
    m: &PersonMerge,
    merged: &Person,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<PersonMerge, DbError> {
    save(conn, merged).await?;
    for chunk in m.party_ids.chunks(CHUNK) {
        case_party::Entity::update_many()
            .col_expr(case_party::Column::PersonId, Expr::value(merged.id))
            .filter(case_party::Column::Id.is_in(chunk.iter().copied()))
            .filter(case_party::Column::PersonId.eq(m.kept_id))
            .exec(conn)
            .await?;
    }
    let res = person_merge::Entity::update_many()
        .col_expr(person_merge::Column::UndoneBy, Expr::value(by))
        .col_expr(person_merge::Column::UndoneAt, Expr::value(at))
        .filter(person_merge::Column::Id.eq(m.id))
        .filter(person_merge::Column::UndoneAt.is_null())
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        return Err(DbError::Conflict {
            code: "person.merge_undone",
            message: "the merge has already been undone".into(),
        });
    }
    get_merge(conn, m.id).await
}

/// The merges a person took part in, newest first.
pub async fn merges_of<C: ConnectionTrait>(
    conn: &C,
    person: Uuid,
) -> Result<Vec<PersonMerge>, DbError> {
    person_merge::Entity::find()
        .filter(
            person_merge::Column::KeptId
                .eq(person)
                .or(person_merge::Column::MergedId.eq(person)),
        )
        .order_by_desc(person_merge::Column::MergedAt)
        .order_by_desc(person_merge::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(merge_of)
        .collect()
}

/// Forgets the persons among `ids` that no party points at any more (after
/// a party's data was erased or corrected): removed, or, where a merge
/// refers to them, kept with their personal data erased.
pub async fn forget_orphans<C: ConnectionTrait>(conn: &C, ids: &[Uuid]) -> Result<(), DbError> {
    for id in ids {
        let used = case_party::Entity::find()
            .filter(case_party::Column::PersonId.eq(*id))
            .one(conn)
            .await?
            .is_some();
        if used {
            continue;
        }
        let merged = person_merge::Entity::find()
            .filter(
                person_merge::Column::KeptId
                    .eq(*id)
                    .or(person_merge::Column::MergedId.eq(*id)),
            )
            .one(conn)
            .await?
            .is_some();
        if merged {
            person::Entity::update_many()
                .col_expr(
                    person::Column::FullName,
                    Expr::value(tgpl_domain::privacy::REDACTED),
                )
                .col_expr(person::Column::NameFolded, Expr::value(""))
                .col_expr(
                    person::Column::DateOfBirth,
                    Expr::value(Option::<chrono::NaiveDate>::None),
                )
                .col_expr(
                    person::Column::IdNumber,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    person::Column::MatchKey,
                    Expr::value(Option::<String>::None),
                )
                .filter(person::Column::Id.eq(*id))
                .exec(conn)
                .await?;
        } else {
            person::Entity::delete_by_id(*id).exec(conn).await?;
        }
    }
    Ok(())
}

/// The ids of the cases a person appears in, as a subquery for the case
/// list's `within` filter (so a person's page is the case list, scoped,
/// masked and audited as such).
pub fn cases_of(person: Uuid) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column("case_id")
        .from("case_parties")
        .and_where(Expr::col("person_id").eq(person))
        .to_owned()
}
