//! The person registry (issue #15 item 3): a person's page (their cases
//! within the reader's scope), the suggested duplicates with their reason,
//! and the merge by leadership that keeps both records, is audited and can
//! be undone. Who is the same person is `tgpl_domain::person`'s rule.
use super::cases::{CaseView, list_filtered};
use super::{begin, commit, found};
use crate::error::AppError;
use crate::{App, Caller};
use std::collections::{HashMap, HashSet};
use tgpl_db::audit::{self, Change};
use tgpl_db::cases::CaseFilter;
use tgpl_db::persons as repo;
use tgpl_db::{DatabaseTransaction, PageRequest};
use tgpl_domain::ResourceScope;
use tgpl_domain::case::record::PartyRole;
use tgpl_domain::person::{DuplicateReason, Person, PersonError, PersonMerge, suggestion_reason};
use tgpl_domain::policy::{
    Action, Resource, authorize, may_merge_persons, sees_sensitive_case_data,
};
use uuid::Uuid;

const ENTITY: &str = "person";

/// A person as one reader may see them, with their cases.
pub struct PersonView {
    pub person: Person,
    /// Their cases the reader may see, newest first (at most a page).
    pub cases: Vec<CaseView>,
    /// How they appear in each of those cases.
    pub roles: HashMap<Uuid, Vec<PartyRole>>,
    /// The merges this record took part in, newest first.
    pub merges: Vec<PersonMerge>,
}

/// A suggested pair: perhaps one person.
pub struct Suggestion {
    pub first: Person,
    pub second: Person,
    pub reason: DuplicateReason,
    pub first_cases: usize,
    pub second_cases: usize,
}

fn conflict(e: PersonError) -> AppError {
    AppError::Conflict {
        code: e.code(),
        detail: e.to_string(),
    }
}

/// What a reader without a need to know does not see of a person: the
/// birth date and the ID number (names are shown, as on the case).
fn for_reader(caller: &Caller, p: Person) -> Person {
    if sees_sensitive_case_data(&caller.actor) {
        p
    } else {
        p.masked()
    }
}

/// The scopes of the cases each person appears in.
async fn scopes_of<C: tgpl_db::ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<ResourceScope>>, AppError> {
    let appearances = repo::appearances(conn, ids).await?;
    let case_ids: Vec<Uuid> = appearances
        .values()
        .flatten()
        .map(|a| a.case_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let cases = tgpl_db::cases::with_parties(conn, &case_ids).await?;
    let scope: HashMap<Uuid, ResourceScope> = cases.iter().map(|c| (c.id, c.scope())).collect();
    Ok(appearances
        .into_iter()
        .map(|(person, list)| {
            let scopes = list
                .iter()
                .filter_map(|a| scope.get(&a.case_id).cloned())
                .collect();
            (person, scopes)
        })
        .collect())
}

/// Whether the caller may take `action` on a person: on at least one of
/// the cases they appear in.
fn may(caller: &Caller, action: Action, scopes: Option<&Vec<ResourceScope>>) -> bool {
    scopes
        .into_iter()
        .flatten()
        .any(|s| authorize(&caller.actor, action, s).is_ok())
}

/// The live record a merged one ended in.
async fn live<C: tgpl_db::ConnectionTrait>(conn: &C, mut p: Person) -> Result<Person, AppError> {
    for _ in 0..32 {
        match p.merged_into_id {
            None => return Ok(p),
            Some(next) => p = repo::get(conn, next).await.map_err(found(ENTITY))?,
        }
    }
    Ok(p)
}

/// A person's page: the record and their cases within the caller's scope
/// (masked and audited as the case list); unknown to a caller who may see
/// none of them. A merged record shows where it went and the cases of the
/// record it was merged into.
pub async fn get(app: &App, caller: &Caller, id: Uuid) -> Result<PersonView, AppError> {
    let conn = app.db.read();
    let person = repo::get(conn, id).await.map_err(found(ENTITY))?;
    let root = live(conn, person.clone()).await?;
    let filter = CaseFilter {
        within: Some(repo::cases_of(root.id)),
        ..CaseFilter::default()
    };
    let request = PageRequest {
        after: None,
        keys: None,
        limit: tgpl_db::page::MAX_LIMIT,
    };
    let cases = list_filtered(app, caller, &filter, request).await?.items;
    if cases.is_empty() {
        return Err(AppError::NotFound(ENTITY));
    }
    let appearances = repo::appearances(conn, &[root.id]).await?;
    let mut roles: HashMap<Uuid, Vec<PartyRole>> = HashMap::new();
    for a in appearances.get(&root.id).into_iter().flatten() {
        roles.entry(a.case_id).or_default().push(a.role);
    }
    let scope = cases[0].case.scope();
    app.db
        .reads_audit()
        .record(
            &caller.audit(),
            Change::<Person> {
                action: "person.read",
                entity: ENTITY,
                entity_id: id,
                scope,
                before: None,
                after: None,
            },
        )
        .await?;
    Ok(PersonView {
        person: for_reader(caller, person),
        cases,
        roles,
        merges: repo::merges_of(conn, id).await?,
    })
}

/// The suggested duplicates the caller may merge, each with its reason
/// (at most `limit` pairs); pairs marked as two people are left out.
pub async fn duplicates(
    app: &App,
    caller: &Caller,
    limit: Option<u64>,
) -> Result<Vec<Suggestion>, AppError> {
    // The pagination's bounds (1–200, default 50), checked once.
    let mut f = crate::error::Fields::new();
    let limit = super::page_request(&mut f, None, Some(limit.unwrap_or(50))).map(|p| p.limit);
    f.finish()?;
    let limit = limit.unwrap_or(50) as usize;
    if !may_merge_persons(&caller.actor) {
        return Err(AppError::Forbidden(
            "your role does not merge duplicate people",
        ));
    }
    let conn = app.db.read();
    // Below the ministry, duplicates are sought in the reader's province
    // (a pair across provinces is the ministry's to decide).
    let province = match tgpl_domain::policy::read_filter(&caller.actor, Resource::Case) {
        tgpl_domain::ScopeFilter::All => None,
        _ => caller.actor.province,
    };
    let groups = repo::duplicate_groups(conn, province, 500).await?;
    let ids: Vec<Uuid> = groups.iter().flatten().map(|p| p.id).collect();
    let scopes = scopes_of(conn, &ids).await?;
    let distinct = repo::distinct_pairs(conn, &ids).await?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for group in &groups {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                let key = if a.id < b.id {
                    (a.id, b.id)
                } else {
                    (b.id, a.id)
                };
                if distinct.contains(&key) || !seen.insert(key) {
                    continue;
                }
                let Some(reason) = suggestion_reason(a, b) else {
                    continue;
                };
                let (sa, sb) = (scopes.get(&a.id), scopes.get(&b.id));
                if !may(caller, Action::MergePersons, sa) || !may(caller, Action::MergePersons, sb)
                {
                    continue;
                }
                out.push(Suggestion {
                    first: for_reader(caller, a.clone()),
                    second: for_reader(caller, b.clone()),
                    reason,
                    first_cases: sa.map_or(0, Vec::len),
                    second_cases: sb.map_or(0, Vec::len),
                });
                if out.len() >= limit {
                    return Ok(out);
                }
            }
        }
    }
    Ok(out)
}

/// A person the caller may merge, for update; 404 when they may not even
/// read one of the person's cases, 403 when they may read but not merge.
async fn mergeable(
    txn: &DatabaseTransaction,
    caller: &Caller,
    id: Uuid,
    field: &'static str,
) -> Result<Person, AppError> {
    let p = repo::get(txn, id).await.map_err(found(ENTITY))?;
    let scopes = scopes_of(txn, &[p.merged_into_id.unwrap_or(p.id), p.id]).await?;
    let all: Vec<ResourceScope> = scopes.into_values().flatten().collect();
    if !may(caller, Action::Read(Resource::Case), Some(&all)) {
        return Err(AppError::field(field, "not_found", "no such person"));
    }
    if !may(caller, Action::MergePersons, Some(&all)) {
        return Err(AppError::Forbidden(
            "your role cannot merge this person's records",
        ));
    }
    Ok(p)
}

fn change<'a>(
    action: &'a str,
    p: &Person,
    before: Option<&'a Person>,
    after: Option<&'a Person>,
) -> Change<'a, Person> {
    Change {
        action,
        entity: ENTITY,
        entity_id: p.id,
        scope: ResourceScope::default(),
        before,
        after,
    }
}

/// Merges record `merged` into record `kept`: every party of `merged`
/// now points at `kept`; `merged` stays, marked, so that its history and
/// the merge can be read, and undone.
pub async fn merge(
    app: &App,
    caller: &Caller,
    kept_id: Uuid,
    merged_id: Uuid,
    reason: Option<String>,
) -> Result<PersonMerge, AppError> {
    let txn = begin(&app.db).await?;
    let kept = mergeable(&txn, caller, kept_id, "kept_id").await?;
    let before = mergeable(&txn, caller, merged_id, "merged_id").await?;
    let mut merged = before.clone();
    merged.merge_into(&kept, caller.at.now).map_err(conflict)?;
    let reason = reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    let m = repo::merge(
        &txn,
        &merged,
        kept.id,
        reason,
        caller.actor.user_id,
        caller.at.now,
    )
    .await?;
    let meta = caller.audit();
    audit::record(
        &txn,
        &meta,
        change("person.merged", &merged, Some(&before), Some(&merged)),
    )
    .await?;
    audit::record(&txn, &meta, change("person.merged_into", &kept, None, None)).await?;
    commit(txn).await?;
    Ok(m)
}

/// Undoes a merge: the parties it moved go back to the merged record.
pub async fn undo_merge(
    app: &App,
    caller: &Caller,
    merge_id: Uuid,
) -> Result<PersonMerge, AppError> {
    let txn = begin(&app.db).await?;
    let m = repo::get_merge(&txn, merge_id)
        .await
        .map_err(found("person_merge"))?;
    if m.undone_at.is_some() {
        return Err(conflict(PersonError::NotMerged));
    }
    let kept = mergeable(&txn, caller, m.kept_id, "kept_id").await?;
    let before = repo::get(&txn, m.merged_id).await.map_err(found(ENTITY))?;
    let mut merged = before.clone();
    merged
        .unmerge_from(&kept, caller.at.now)
        .map_err(conflict)?;
    let undone = repo::undo_merge(&txn, &m, &merged, caller.actor.user_id, caller.at.now).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("person.merge_undone", &merged, Some(&before), Some(&merged)),
    )
    .await?;
    commit(txn).await?;
    Ok(undone)
}

/// Records that a suggested pair is two people: not suggested again.
pub async fn mark_distinct(app: &App, caller: &Caller, a: Uuid, b: Uuid) -> Result<(), AppError> {
    if a == b {
        return Err(conflict(PersonError::SamePerson));
    }
    let txn = begin(&app.db).await?;
    let first = mergeable(&txn, caller, a, "first_id").await?;
    mergeable(&txn, caller, b, "second_id").await?;
    repo::mark_distinct(&txn, a, b, caller.actor.user_id, caller.at.now).await?;
    audit::record(
        &txn,
        &caller.audit(),
        change("person.marked_distinct", &first, None, None),
    )
    .await?;
    commit(txn).await?;
    Ok(())
}

/// Links the parties recorded before the registry existed (an upgrade):
/// run once at start-up, in batches; returns how many were linked.
pub async fn link_unlinked(app: &App) -> Result<u64, AppError> {
    Ok(repo::backfill(&app.db.conn, app.clock.now()).await?)
}
