//! The legal-aid hotline's calls (issue #12).
use crate::entity::hotline_call::{self as row, Column as H};
use crate::scope::{self, ScopeColumns};
use crate::{DbError, Page, PageRequest};
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tgpl_domain::ProvinceCode;
use tgpl_domain::ScopeFilter;
use tgpl_domain::case::FieldOfLaw;
use tgpl_domain::intake::hotline::{Call, CallOutcome};
use uuid::Uuid;

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

fn call_of(m: row::Model) -> Result<Call, DbError> {
    Ok(Call {
        id: m.id,
        operator_id: m.operator_id,
        org_id: m.organisation_id,
        centre_id: m.centre_id,
        province: m
            .province_code
            .map(|p| ProvinceCode::parse(&p))
            .transpose()
            .map_err(|e| custom(e.message))?,
        caller_name: m.caller_name,
        caller_phone: m.caller_phone,
        topic: m.topic,
        field_of_law: m
            .field_of_law
            .map(|f| FieldOfLaw::parse(&f))
            .transpose()
            .map_err(|e| custom(e.message))?,
        advice: m.advice,
        outcome: CallOutcome::parse(&m.outcome).ok_or_else(|| custom("unknown call outcome"))?,
        started_at: m.started_at,
        duration_seconds: u32::try_from(m.duration_seconds).unwrap_or(0),
        intake_id: m.intake_id,
        callback_due_at: m.callback_due_at,
        called_back_at: m.called_back_at,
        version: m.version,
    })
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    c: &Call,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let m = row::ActiveModel {
        id: Set(c.id),
        operator_id: Set(c.operator_id),
        organisation_id: Set(c.org_id),
        centre_id: Set(c.centre_id),
        province_code: Set(c.province.map(String::from)),
        caller_name: Set(c.caller_name.clone()),
        caller_phone: Set(c.caller_phone.clone()),
        topic: Set(c.topic.clone()),
        field_of_law: Set(c.field_of_law.map(|f| f.as_str().to_owned())),
        advice: Set(c.advice.clone()),
        outcome: Set(c.outcome.as_str().to_owned()),
        started_at: Set(c.started_at),
        duration_seconds: Set(i32::try_from(c.duration_seconds).unwrap_or(i32::MAX)),
        intake_id: Set(c.intake_id),
        callback_due_at: Set(c.callback_due_at),
        called_back_at: Set(c.called_back_at),
        version: Set(c.version),
        created_at: Set(now),
        updated_at: Set(now),
    };
    row::Entity::insert(m).exec_without_returning(conn).await?;
    Ok(())
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Call, DbError> {
    let m = row::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    call_of(m)
}

/// Records the callback (`version` checked).
pub async fn save_callback<C: ConnectionTrait>(
    conn: &C,
    c: &Call,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let m = row::ActiveModel {
        called_back_at: Set(c.called_back_at),
        version: Set(c.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    crate::versioned::update(conn, m, H::Id, H::Version, c.id, c.version).await
}

#[derive(Debug, Clone, Default)]
pub struct CallFilter {
    /// Only calls whose promised callback missed its window by this instant.
    pub callback_missed_at: Option<DateTime<Utc>>,
    /// Only calls whose promised callback is still to be made.
    pub callback_pending: bool,
}

/// Calls, newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    f: &CallFilter,
    page: PageRequest,
) -> Result<Page<Call>, DbError> {
    let cols = ScopeColumns {
        province: H::ProvinceCode,
        centre: H::CentreId,
        org: H::OrganisationId,
        user: None,
        practitioner: None,
    };
    let mut q = row::Entity::find().filter(scope::condition(visible, &cols));
    if let Some(now) = f.callback_missed_at {
        q = q.filter(
            Condition::all().add(H::CallbackDueAt.is_not_null()).add(
                Condition::any()
                    .add(
                        Condition::all()
                            .add(H::CalledBackAt.is_null())
                            .add(H::CallbackDueAt.lt(now)),
                    )
                    .add(Expr::col(H::CalledBackAt).gt(Expr::col(H::CallbackDueAt))),
            ),
        );
    }
    if f.callback_pending {
        q = q.filter(
            Condition::all()
                .add(H::CallbackDueAt.is_not_null())
                .add(H::CalledBackAt.is_null()),
        );
    }
    if let Some(after) = page.after {
        q = q.filter(H::Id.lt(after));
    }
    let rows = q
        .order_by_desc(H::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let items = rows
        .into_iter()
        .map(call_of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(items, page.limit, |c: &Call| c.id))
}
