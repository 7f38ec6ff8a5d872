//! Submitted statistical reports (DOMAIN §8): frozen snapshots with their
//! review state; every version is kept.
use crate::entity::report_submission::{self as entity, Column as K};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest};
use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tgpl_domain::report::{FormKind, PeriodKind, ReportPeriod, Submission, SubmissionStatus};
use tgpl_domain::{ProvinceCode, ScopeFilter};
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

/// The key that names a unit's series of versions: an organisation, or a
/// province's roll-up.
pub fn unit_key(s: &Submission) -> String {
    match (s.unit_kind.as_str(), s.organisation_id, s.province_code) {
        ("organisation", Some(id), _) => format!("org:{id}"),
        (_, _, Some(p)) => format!("prov:{}", p.as_str()),
        _ => "nation".to_owned(),
    }
}

fn of(m: entity::Model) -> Result<Submission, DbError> {
    let kind = PeriodKind::ALL
        .into_iter()
        .find(|k| k.as_str() == m.period_kind)
        .ok_or_else(|| custom(format!("unknown period kind {}", m.period_kind)))?;
    Ok(Submission {
        id: m.id,
        form: FormKind::parse(&m.form).map_err(|e| custom(e.message))?,
        template_id: m.template_id,
        period: ReportPeriod {
            kind,
            from: m.period_from,
            to: m.period_to,
            actual_to: m.actual_to,
        },
        unit_kind: m.unit_kind,
        organisation_id: m.organisation_id,
        centre_id: m.centre_id,
        province_code: m
            .province_code
            .map(|p| ProvinceCode::parse(&p))
            .transpose()
            .map_err(|e| custom(e.message))?,
        revision: m.revision,
        status: SubmissionStatus::parse(&m.status).map_err(|e| custom(e.message))?,
        snapshot: m.snapshot,
        submitted_by: m.submitted_by,
        submitted_at: m.submitted_at,
        due_on: m.due_on,
        late: m.late,
        reviewed_by: m.reviewed_by,
        reviewed_at: m.reviewed_at,
        reason: m.reason,
        version: m.version,
    })
}

pub async fn insert<C: ConnectionTrait>(conn: &C, s: &Submission) -> Result<(), DbError> {
    let row = entity::ActiveModel {
        id: Set(s.id),
        form: Set(s.form.as_str().to_owned()),
        template_id: Set(s.template_id.clone()),
        period_kind: Set(s.period.kind.as_str().to_owned()),
        period_from: Set(s.period.from),
        period_to: Set(s.period.to),
        actual_to: Set(s.period.actual_to),
        unit_kind: Set(s.unit_kind.clone()),
        unit_key: Set(unit_key(s)),
        organisation_id: Set(s.organisation_id),
        centre_id: Set(s.centre_id),
        province_code: Set(s.province_code.map(String::from)),
        revision: Set(s.revision),
        status: Set(s.status.as_str().to_owned()),
        snapshot: Set(s.snapshot.clone()),
        submitted_by: Set(s.submitted_by),
        submitted_at: Set(s.submitted_at),
        due_on: Set(s.due_on),
        late: Set(s.late),
        reviewed_by: Set(s.reviewed_by),
        reviewed_at: Set(s.reviewed_at),
        reason: Set(s.reason.clone()),
        version: Set(s.version),
        created_at: Set(s.submitted_at),
        updated_at: Set(s.submitted_at),
    };
    match row.insert(conn).await {
        Ok(_) => Ok(()),
        Err(e) if e.to_string().to_lowercase().contains("unique") => Err(DbError::Conflict {
            code: "report.already_submitted",
            message: "this unit's report for the period was submitted meanwhile".to_owned(),
        }),
        Err(e) => Err(e.into()),
    }
}

/// The latest version of a unit's report of a form and period.
pub async fn latest<C: ConnectionTrait>(
    conn: &C,
    form: FormKind,
    period: &ReportPeriod,
    key: &str,
) -> Result<Option<Submission>, DbError> {
    entity::Entity::find()
        .filter(K::Form.eq(form.as_str()))
        .filter(K::PeriodKind.eq(period.kind.as_str()))
        .filter(K::PeriodFrom.eq(period.from))
        .filter(K::PeriodTo.eq(period.to))
        .filter(K::UnitKey.eq(key))
        .order_by_desc(K::Revision)
        .one(conn)
        .await?
        .map(of)
        .transpose()
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Submission, DbError> {
    entity::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(of)
        .transpose()?
        .ok_or(DbError::NotFound)
}

/// Moves a version to a new state if it is still at its version.
pub async fn review<C: ConnectionTrait>(
    conn: &C,
    s: &Submission,
    status: SubmissionStatus,
    by: Option<Uuid>,
    at: chrono::DateTime<chrono::Utc>,
    reason: Option<String>,
) -> Result<(), DbError> {
    use sea_orm::sea_query::Expr;
    let done = entity::Entity::update_many()
        .col_expr(K::Status, Expr::value(status.as_str()))
        .col_expr(K::ReviewedBy, Expr::value(by))
        .col_expr(K::ReviewedAt, Expr::value(at))
        .col_expr(K::Reason, Expr::value(reason))
        .col_expr(K::Version, Expr::value(s.version + 1))
        .col_expr(K::UpdatedAt, Expr::value(at))
        .filter(K::Id.eq(s.id))
        .filter(K::Version.eq(s.version))
        .exec(conn)
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(DbError::Stale {
            current: s.version + 1,
        })
    }
}

/// Filters of the submissions list.
#[derive(Debug, Clone, Default)]
pub struct SubmissionFilter {
    pub form: Option<FormKind>,
    pub status: Option<SubmissionStatus>,
    pub year: Option<i32>,
    pub province: Option<ProvinceCode>,
}

/// Submissions within the caller's scope, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &SubmissionFilter,
    page: PageRequest,
) -> Result<Page<Submission>, DbError> {
    let cols = ScopeColumns {
        province: K::ProvinceCode,
        centre: K::CentreId,
        org: K::OrganisationId,
        user: None,
        practitioner: None,
    };
    let mut q = entity::Entity::find().filter(scope::condition(visible, &cols));
    if let Some(form) = f.form {
        q = q.filter(K::Form.eq(form.as_str()));
    }
    if let Some(s) = f.status {
        q = q.filter(K::Status.eq(s.as_str()));
    }
    if let Some(y) = f.year
        && let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        )
    {
        q = q
            .filter(K::PeriodFrom.gte(from))
            .filter(K::PeriodFrom.lte(to));
    }
    if let Some(p) = f.province {
        q = q.filter(K::ProvinceCode.eq(p.as_str()));
    }
    if let Some(after) = page.after {
        q = q.filter(K::Id.lt(after));
    }
    let rows = q
        .order_by_desc(K::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let items = rows.into_iter().map(of).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(items, page.limit, |s: &Submission| {
        s.id
    }))
}
