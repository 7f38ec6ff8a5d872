//! Second factors (TOTP secrets) and recovery codes of accounts.
use crate::DbError;
use crate::entity::{recovery_code, second_factor};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

/// An account's second factor, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondFactor {
    pub user_id: Uuid,
    /// Base32 secret; none until enrolment starts.
    pub secret: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub last_step: Option<i64>,
    pub grace_until: Option<DateTime<Utc>>,
}

impl SecondFactor {
    /// Whether logins must present a code.
    pub fn enrolled(&self) -> bool {
        self.confirmed_at.is_some() && self.secret.is_some()
    }
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> Result<Option<SecondFactor>, DbError> {
    Ok(second_factor::Entity::find_by_id(user_id)
        .one(conn)
        .await?
        .map(|m| SecondFactor {
            user_id: m.user_id,
            secret: m.secret,
            confirmed_at: m.confirmed_at,
            last_step: m.last_step,
            grace_until: m.grace_until,
        }))
}

/// Writes the whole row (insert or replace).
pub async fn put<C: ConnectionTrait>(
    conn: &C,
    f: &SecondFactor,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let row = second_factor::ActiveModel {
        user_id: Set(f.user_id),
        secret: Set(f.secret.clone()),
        confirmed_at: Set(f.confirmed_at),
        last_step: Set(f.last_step),
        grace_until: Set(f.grace_until),
        updated_at: Set(now),
    };
    second_factor::Entity::insert(row)
        .on_conflict(
            OnConflict::column(second_factor::Column::UserId)
                .update_columns([
                    second_factor::Column::Secret,
                    second_factor::Column::ConfirmedAt,
                    second_factor::Column::LastStep,
                    second_factor::Column::GraceUntil,
                    second_factor::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Accepts a code for `step` only if no code of this or a later step was
/// accepted before: one atomic statement, so a code replayed in parallel
/// passes once.
pub async fn claim_step<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    step: i64,
) -> Result<bool, DbError> {
    let res = second_factor::Entity::update_many()
        .col_expr(second_factor::Column::LastStep, Expr::value(step))
        .filter(second_factor::Column::UserId.eq(user_id))
        .filter(
            second_factor::Column::LastStep
                .is_null()
                .or(second_factor::Column::LastStep.lt(step)),
        )
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Removes the factor and every recovery code (an administrator's reset).
pub async fn remove<C: ConnectionTrait>(conn: &C, user_id: Uuid) -> Result<(), DbError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    second_factor::Entity::delete_by_id(user_id)
        .exec(conn)
        .await?;
    Ok(())
}

/// Replaces the account's recovery codes with these (hashed) ones.
pub async fn replace_recovery_codes<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    hashes: &[String],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    if hashes.is_empty() {
        return Ok(());
    }
    let rows = hashes.iter().map(|h| recovery_code::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        code_hash: Set(h.clone()),
        created_at: Set(now),
        used_at: Set(None),
    });
    recovery_code::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Spends one unused recovery code; false when none matches.
pub async fn use_recovery_code<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let res = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(hash))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// How many recovery codes remain unused.
pub async fn recovery_codes_left<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> Result<u64, DbError> {
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(conn)
        .await?)
}
