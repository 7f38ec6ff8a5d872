//! The beneficiary's feedback on a case (issue #12).
use crate::DbError;
use crate::entity::case_feedback::{self as row, Column as F};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
use tgpl_domain::ResourceScope;
use tgpl_domain::intake::feedback::{Feedback, Satisfaction};
use uuid::Uuid;

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    f: &Feedback,
    document_id: Uuid,
    scope: &ResourceScope,
) -> Result<(), DbError> {
    let organisation_id = scope
        .org_id
        .ok_or_else(|| DbError::Db(DbErr::Custom("a case has an organisation".into())))?;
    let m = row::ActiveModel {
        id: Set(f.id),
        case_id: Set(f.case_id),
        satisfaction: Set(f.satisfaction.as_str().to_owned()),
        kept_informed: Set(f.kept_informed),
        on_time: Set(f.on_time),
        comment: Set(f.comment.clone()),
        given_at: Set(f.given_at),
        given_on: Set(f.given_on),
        document_id: Set(document_id),
        organisation_id: Set(organisation_id),
        province_code: Set(scope.province.map(String::from)),
    };
    row::Entity::insert(m).exec_without_returning(conn).await?;
    Ok(())
}

/// Whether feedback on the case was given already.
pub async fn given<C: ConnectionTrait>(conn: &C, case_id: Uuid) -> Result<bool, DbError> {
    Ok(row::Entity::find()
        .filter(F::CaseId.eq(case_id))
        .count(conn)
        .await?
        > 0)
}

/// The feedback on a case, if any.
pub async fn of_case<C: ConnectionTrait>(
    conn: &C,
    case_id: Uuid,
) -> Result<Option<Feedback>, DbError> {
    let Some(m) = row::Entity::find()
        .filter(F::CaseId.eq(case_id))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let satisfaction = Satisfaction::parse(&m.satisfaction)
        .ok_or_else(|| DbError::Db(DbErr::Custom("unknown satisfaction".into())))?;
    Ok(Some(Feedback {
        id: m.id,
        case_id: m.case_id,
        satisfaction,
        kept_informed: m.kept_informed,
        on_time: m.on_time,
        comment: m.comment,
        given_at: m.given_at,
        given_on: m.given_on,
    }))
}
