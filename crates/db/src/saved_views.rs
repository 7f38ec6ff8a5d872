//! Saved views: a user's named filters of a list (issue #13 item 6).
use crate::DbError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DbErr};
use tgpl_domain::saved_view::{SavedView, ViewList};
use uuid::Uuid;

const TABLE: &str = "saved_views";
const COLUMNS: [&str; 6] = ["id", "user_id", "list", "name", "query", "created_at"];

pub async fn insert<C: ConnectionTrait>(conn: &C, v: &SavedView) -> Result<(), DbError> {
    let stmt = Query::insert()
        .into_table(TABLE)
        .columns(COLUMNS)
        .values([
            v.id.into(),
            v.user_id.into(),
            v.list.as_str().into(),
            v.name.clone().into(),
            v.query.clone().into(),
            v.created_at.into(),
        ])
        .map_err(|e| DbError::Db(DbErr::Custom(e.to_string())))?
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// The user's views of `list`, by name.
pub async fn of_user<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    list: ViewList,
) -> Result<Vec<SavedView>, DbError> {
    let stmt = Query::select()
        .columns(COLUMNS)
        .from(TABLE)
        .and_where(Expr::col("user_id").eq(user_id))
        .and_where(Expr::col("list").eq(list.as_str()))
        .order_by("name", Order::Asc)
        .to_owned();
    conn.query_all(&stmt).await?.iter().map(view_of).collect()
}

/// How many views of `list` the user keeps.
pub async fn count<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    list: ViewList,
) -> Result<u64, DbError> {
    Ok(of_user(conn, user_id, list).await?.len() as u64)
}

/// Deletes the user's view `id`; the view, if it was theirs.
pub async fn remove<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<SavedView>, DbError> {
    let select = Query::select()
        .columns(COLUMNS)
        .from(TABLE)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("user_id").eq(user_id))
        .to_owned();
    let Some(row) = conn.query_one(&select).await? else {
        return Ok(None);
    };
    let view = view_of(&row)?;
    let delete = Query::delete()
        .from_table(TABLE)
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    conn.execute(&delete).await?;
    Ok(Some(view))
}

fn view_of(row: &sea_orm::QueryResult) -> Result<SavedView, DbError> {
    let list: String = row.try_get("", "list")?;
    let created_at: DateTime<Utc> = row.try_get("", "created_at")?;
    Ok(SavedView {
        id: row.try_get("", "id")?,
        user_id: row.try_get("", "user_id")?,
        list: ViewList::parse(&list).map_err(|e| DbError::Db(DbErr::Custom(e.to_string())))?,
        name: row.try_get("", "name")?,
        query: row.try_get("", "query")?,
        created_at,
    })
}
