//! Consent records (Law 91/2025; issue #12).
use crate::DbError;
use crate::entity::consent::{self as row, Column as C};
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use tgpl_domain::ResourceScope;
use uuid::Uuid;

/// A consent as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub id: Uuid,
    pub intake_id: Option<Uuid>,
    pub case_id: Option<Uuid>,
    /// What it was given for (`legal_aid_request`).
    pub purpose: String,
    pub text_version: String,
    pub channel: String,
    pub given_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// Records the consent given with an intake item, where the item's scope is.
pub async fn record<C2: ConnectionTrait>(
    conn: &C2,
    c: &Consent,
    scope: &ResourceScope,
) -> Result<(), DbError> {
    let m = row::ActiveModel {
        id: Set(c.id),
        intake_id: Set(c.intake_id),
        case_id: Set(c.case_id),
        purpose: Set(c.purpose.clone()),
        text_version: Set(c.text_version.clone()),
        channel: Set(c.channel.clone()),
        given_at: Set(c.given_at),
        withdrawn_at: Set(c.withdrawn_at),
        organisation_id: Set(scope.org_id.unwrap_or_default()),
        centre_id: Set(scope.centre_id),
        province_code: Set(scope.province.map(String::from)),
    };
    row::Entity::insert(m).exec_without_returning(conn).await?;
    Ok(())
}

/// The consents of an intake item now belong to the case it became.
pub async fn attach_to_case<C2: ConnectionTrait>(
    conn: &C2,
    intake_id: Uuid,
    case_id: Uuid,
) -> Result<(), DbError> {
    row::Entity::update_many()
        .col_expr(C::CaseId, sea_orm::sea_query::Expr::value(case_id))
        .filter(C::IntakeId.eq(intake_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Withdraws the consents of an intake item (and of its case) still in
/// force; returns how many.
pub async fn withdraw<C2: ConnectionTrait>(
    conn: &C2,
    intake_id: Uuid,
    at: DateTime<Utc>,
) -> Result<u64, DbError> {
    let r = row::Entity::update_many()
        .col_expr(C::WithdrawnAt, sea_orm::sea_query::Expr::value(at))
        .filter(C::IntakeId.eq(intake_id))
        .filter(C::WithdrawnAt.is_null())
        .exec(conn)
        .await?;
    Ok(r.rows_affected)
}

fn consent_of(m: row::Model) -> Consent {
    Consent {
        id: m.id,
        intake_id: m.intake_id,
        case_id: m.case_id,
        purpose: m.purpose,
        text_version: m.text_version,
        channel: m.channel,
        given_at: m.given_at,
        withdrawn_at: m.withdrawn_at,
    }
}

/// A case's consents, oldest first.
pub async fn of_case<C2: ConnectionTrait>(
    conn: &C2,
    case_id: Uuid,
) -> Result<Vec<Consent>, DbError> {
    Ok(row::Entity::find()
        .filter(C::CaseId.eq(case_id))
        .order_by_asc(C::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(consent_of)
        .collect())
}
