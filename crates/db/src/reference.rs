//! Date-effective reference data: eligibility categories and public holidays.
use crate::DbError;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use std::borrow::Cow;
use tgpl_domain::calendar::{HolidayCalendar, VIETNAM_HOLIDAYS};
use tgpl_domain::eligibility::{CATEGORIES, Category};

fn custom(e: impl std::fmt::Display) -> DbError {
    DbError::Db(DbErr::Custom(e.to_string()))
}

/// Loads the domain's defaults into empty tables (first start).
pub async fn ensure_defaults<C: ConnectionTrait>(conn: &C) -> Result<(), DbError> {
    let count = conn
        .query_one(
            &Query::select()
                .expr(Expr::cust("COUNT(*)"))
                .from("eligibility_categories")
                .to_owned(),
        )
        .await?
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    if count == 0 {
        for c in CATEGORIES {
            upsert_category(conn, c).await?;
        }
    }
    let count = conn
        .query_one(
            &Query::select()
                .expr(Expr::cust("COUNT(*)"))
                .from("holidays")
                .to_owned(),
        )
        .await?
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    if count == 0 {
        for h in VIETNAM_HOLIDAYS {
            put_holiday(conn, h.date, h.name_vi).await?;
        }
    }
    Ok(())
}

pub async fn upsert_category<C: ConnectionTrait>(conn: &C, c: &Category) -> Result<(), DbError> {
    let docs = serde_json::to_value(&c.proof_documents).map_err(custom)?;
    let stmt = Query::insert()
        .into_table("eligibility_categories")
        .columns([
            "code",
            "valid_from",
            "valid_to",
            "clause",
            "label_vi",
            "requires_financial_hardship",
            "proof_documents",
            "source",
        ])
        .values([
            c.code.to_string().into(),
            c.valid_from.into(),
            c.valid_to.into(),
            c.clause.to_string().into(),
            c.label_vi.to_string().into(),
            c.requires_financial_hardship.into(),
            docs.into(),
            c.source.to_string().into(),
        ])
        .map_err(custom)?
        .on_conflict(
            OnConflict::columns(["code", "valid_from"])
                .update_columns([
                    "valid_to",
                    "clause",
                    "label_vi",
                    "requires_financial_hardship",
                    "proof_documents",
                    "source",
                ])
                .to_owned(),
        )
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

fn category_of(r: &QueryResult) -> Result<Category, DbError> {
    let docs: serde_json::Value = r.try_get("", "proof_documents")?;
    let docs: Vec<String> = serde_json::from_value(docs).map_err(custom)?;
    Ok(Category {
        code: Cow::Owned(r.try_get("", "code")?),
        clause: Cow::Owned(r.try_get("", "clause")?),
        label_vi: Cow::Owned(r.try_get("", "label_vi")?),
        valid_from: r.try_get("", "valid_from")?,
        valid_to: r.try_get("", "valid_to")?,
        requires_financial_hardship: r.try_get("", "requires_financial_hardship")?,
        proof_documents: Cow::Owned(docs.into_iter().map(Cow::Owned).collect()),
        source: Cow::Owned(r.try_get("", "source")?),
    })
}

/// Every version of every category, by code then start date.
pub async fn categories<C: ConnectionTrait>(conn: &C) -> Result<Vec<Category>, DbError> {
    let stmt = Query::select()
        .columns([
            "code",
            "valid_from",
            "valid_to",
            "clause",
            "label_vi",
            "requires_financial_hardship",
            "proof_documents",
            "source",
        ])
        .from("eligibility_categories")
        .order_by("code", sea_orm::Order::Asc)
        .order_by("valid_from", sea_orm::Order::Asc)
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(category_of)
        .collect()
}

pub async fn holidays<C: ConnectionTrait>(conn: &C) -> Result<Vec<(NaiveDate, String)>, DbError> {
    let stmt = Query::select()
        .columns(["date", "name_vi"])
        .from("holidays")
        .order_by("date", sea_orm::Order::Asc)
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("", "date")?, r.try_get("", "name_vi")?)))
        .collect()
}

/// The working-day calendar as the holidays table defines it.
pub async fn calendar<C: ConnectionTrait>(conn: &C) -> Result<HolidayCalendar, DbError> {
    Ok(HolidayCalendar::new(
        holidays(conn).await?.into_iter().map(|(d, _)| d),
    ))
}

pub async fn put_holiday<C: ConnectionTrait>(
    conn: &C,
    date: NaiveDate,
    name_vi: &str,
) -> Result<(), DbError> {
    let stmt = Query::insert()
        .into_table("holidays")
        .columns(["date", "name_vi"])
        .values([date.into(), name_vi.into()])
        .map_err(custom)?
        .on_conflict(
            OnConflict::column("date")
                .update_column("name_vi")
                .to_owned(),
        )
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Removes a holiday; false if there was none on that date.
pub async fn delete_holiday<C: ConnectionTrait>(
    conn: &C,
    date: NaiveDate,
) -> Result<bool, DbError> {
    let stmt = Query::delete()
        .from_table("holidays")
        .and_where(Expr::col("date").eq(date))
        .to_owned();
    Ok(conn.execute(&stmt).await?.rows_affected() == 1)
}
