//! Optimistic concurrency shared by every register: write a row only if it
//! is still at the version the caller read.
use crate::DbError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

/// Writes `row` where `id_col = id AND version_col = expected`; on a miss
/// reports the version now stored (or that the row is gone).
pub async fn update<E, A, C>(
    conn: &C,
    row: A,
    id_col: E::Column,
    version_col: E::Column,
    id: Uuid,
    expected: i32,
) -> Result<(), DbError>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    let res = E::update_many()
        .set(row)
        .filter(id_col.eq(id))
        .filter(version_col.eq(expected))
        .exec(conn)
        .await?;
    if res.rows_affected == 1 {
        return Ok(());
    }
    let current: Option<i32> = E::find()
        .select_only()
        .column(version_col)
        .filter(id_col.eq(id))
        .into_tuple()
        .one(conn)
        .await?;
    match current {
        Some(current) => Err(DbError::Stale { current }),
        None => Err(DbError::NotFound),
    }
}
