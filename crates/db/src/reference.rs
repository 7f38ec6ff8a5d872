//! Date-effective reference data: eligibility categories and public holidays.
use crate::DbError;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use std::borrow::Cow;
use tgpl_domain::WorkingDays;
use tgpl_domain::calendar::{HolidayCalendar, VIETNAM_HOLIDAYS};
use tgpl_domain::case::{DeadlineRules, ProceduralRole};
use tgpl_domain::eligibility::{CATEGORIES, Category};
use tgpl_domain::report::{Template, default_templates};

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
    // Tables kept from before categories had English names: fill them in
    // from the built-in table, where the admin has not given one (one
    // count at start-up once they all have one).
    let unnamed = conn
        .query_one(
            &Query::select()
                .expr(Expr::cust("COUNT(*)"))
                .from("eligibility_categories")
                .and_where(Expr::col("label_en").eq(""))
                .to_owned(),
        )
        .await?
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    for c in CATEGORIES.iter().filter(|_| unnamed > 0) {
        let stmt = Query::update()
            .table("eligibility_categories")
            .value("label_en", c.label_en.to_string())
            .and_where(Expr::col("code").eq(c.code.to_string()))
            .and_where(Expr::col("valid_from").eq(c.valid_from))
            .and_where(Expr::col("label_en").eq(""))
            .to_owned();
        conn.execute(&stmt).await?;
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
    let count = conn
        .query_one(
            &Query::select()
                .expr(Expr::cust("COUNT(*)"))
                .from("report_templates")
                .to_owned(),
        )
        .await?
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    if count == 0 {
        for t in default_templates() {
            put_report_template(conn, &t).await?;
        }
    }
    if crate::evaluations::score_sheets(conn).await?.is_empty() {
        crate::evaluations::put_score_sheet(
            conn,
            &tgpl_domain::evaluation::circular_12_2018_sheet(),
        )
        .await?;
    }
    Ok(())
}

/// Stores a report template (a new circular's version, or a correction).
pub async fn put_report_template<C: ConnectionTrait>(
    conn: &C,
    t: &Template,
) -> Result<(), DbError> {
    let body = serde_json::to_value(t).map_err(custom)?;
    put_versioned(
        conn,
        "report_templates",
        (&t.id, t.valid_from, t.valid_to),
        &[("form", t.form.as_str().into())],
        body,
    )
    .await
}

/// Every report template, oldest first.
pub async fn report_templates<C: ConnectionTrait>(conn: &C) -> Result<Vec<Template>, DbError> {
    versioned(conn, "report_templates").await
}

/// Upserts one row of a date-effective reference table that keeps the
/// whole record as a JSON `body` (report templates, scoring sheets).
pub(crate) async fn put_versioned<C: ConnectionTrait>(
    conn: &C,
    table: &'static str,
    (id, valid_from, valid_to): (&str, NaiveDate, Option<NaiveDate>),
    extra: &[(&'static str, sea_orm::Value)],
    body: serde_json::Value,
) -> Result<(), DbError> {
    let mut columns = vec!["id", "valid_from", "valid_to", "body"];
    let mut values: Vec<sea_orm::sea_query::SimpleExpr> =
        vec![id.into(), valid_from.into(), valid_to.into(), body.into()];
    for (c, v) in extra {
        columns.push(c);
        values.push(v.clone().into());
    }
    let stmt = Query::insert()
        .into_table(table)
        .columns(columns.clone())
        .values(values)
        .map_err(custom)?
        .on_conflict(
            OnConflict::column("id")
                .update_columns(columns.into_iter().skip(1))
                .to_owned(),
        )
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// Every version in a date-effective JSON reference table, oldest first.
pub(crate) async fn versioned<C: ConnectionTrait, T: serde::de::DeserializeOwned>(
    conn: &C,
    table: &'static str,
) -> Result<Vec<T>, DbError> {
    let stmt = Query::select()
        .column("body")
        .from(table)
        .order_by("valid_from", sea_orm::Order::Asc)
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            let body: serde_json::Value = r.try_get("", "body")?;
            serde_json::from_value(body).map_err(custom)
        })
        .collect()
}

pub async fn upsert_category<C: ConnectionTrait>(conn: &C, c: &Category) -> Result<(), DbError> {
    let docs = serde_json::to_value(&c.proof_documents).map_err(custom)?;
    let roles = serde_json::to_string(&c.procedural_roles).map_err(custom)?;
    let stmt = Query::insert()
        .into_table("eligibility_categories")
        .columns([
            "code",
            "valid_from",
            "valid_to",
            "clause",
            "label_vi",
            "label_en",
            "requires_financial_hardship",
            "procedural_roles",
            "min_age",
            "age_under",
            "proof_documents",
            "source",
        ])
        .values([
            c.code.to_string().into(),
            c.valid_from.into(),
            c.valid_to.into(),
            c.clause.to_string().into(),
            c.label_vi.to_string().into(),
            c.label_en.to_string().into(),
            c.requires_financial_hardship.into(),
            roles.into(),
            c.min_age.map(i16::from).into(),
            c.age_under.map(i16::from).into(),
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
                    "label_en",
                    "requires_financial_hardship",
                    "procedural_roles",
                    "min_age",
                    "age_under",
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
    let roles: String = r.try_get("", "procedural_roles")?;
    let roles: Vec<ProceduralRole> = serde_json::from_str(&roles).map_err(custom)?;
    let age = |col: &str| -> Result<Option<u8>, DbError> {
        let v: Option<i16> = r.try_get("", col)?;
        Ok(v.and_then(|n| u8::try_from(n).ok()))
    };
    Ok(Category {
        code: Cow::Owned(r.try_get("", "code")?),
        clause: Cow::Owned(r.try_get("", "clause")?),
        label_vi: Cow::Owned(r.try_get("", "label_vi")?),
        label_en: Cow::Owned(r.try_get("", "label_en")?),
        valid_from: r.try_get("", "valid_from")?,
        valid_to: r.try_get("", "valid_to")?,
        requires_financial_hardship: r.try_get("", "requires_financial_hardship")?,
        procedural_roles: Cow::Owned(roles),
        min_age: age("min_age")?,
        age_under: age("age_under")?,
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
            "label_en",
            "requires_financial_hardship",
            "procedural_roles",
            "min_age",
            "age_under",
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

/// The case-process periods in force on `date` (DOMAIN §6, configurable);
/// the domain's defaults where the table holds no version yet.
pub async fn deadline_rules<C: ConnectionTrait>(
    conn: &C,
    date: NaiveDate,
) -> Result<DeadlineRules, DbError> {
    let stmt = Query::select()
        .columns(RULE_COLUMNS)
        .from("deadline_rules")
        .and_where(Expr::col("valid_from").lte(date))
        .order_by("valid_from", sea_orm::Order::Desc)
        .limit(1)
        .to_owned();
    match conn.query_one(&stmt).await? {
        Some(r) => rules_of(&r),
        None => Ok(DeadlineRules::default()),
    }
}

const RULE_COLUMNS: [&str; 3] = ["reassignment_answer", "urgent_within", "proof_supplement"];

fn rules_of(r: &sea_orm::QueryResult) -> Result<DeadlineRules, DbError> {
    let days = |col: &str| -> Result<WorkingDays, DbError> {
        let n: i32 = r.try_get("", col)?;
        WorkingDays::parse(i64::from(n)).map_err(|e| custom(e.message))
    };
    Ok(DeadlineRules {
        reassignment_answer: days("reassignment_answer")?,
        urgent_within: days("urgent_within")?,
        proof_supplement: days("proof_supplement")?,
    })
}

/// The version of the case-process periods that starts on `valid_from`
/// exactly, with its instrument; None if no version starts that day.
pub async fn deadline_rules_from<C: ConnectionTrait>(
    conn: &C,
    valid_from: NaiveDate,
) -> Result<Option<(DeadlineRules, String)>, DbError> {
    let stmt = Query::select()
        .columns(RULE_COLUMNS)
        .column("source")
        .from("deadline_rules")
        .and_where(Expr::col("valid_from").eq(valid_from))
        .to_owned();
    let Some(r) = conn.query_one(&stmt).await? else {
        return Ok(None);
    };
    Ok(Some((rules_of(&r)?, r.try_get("", "source")?)))
}

/// Adds or replaces the version of the case-process periods in force from
/// `valid_from` (until the next version starts).
pub async fn put_deadline_rules<C: ConnectionTrait>(
    conn: &C,
    valid_from: NaiveDate,
    rules: &DeadlineRules,
    source: &str,
) -> Result<(), DbError> {
    let days = |d: WorkingDays| i32::try_from(d.get()).unwrap_or(i32::MAX);
    let stmt = Query::insert()
        .into_table("deadline_rules")
        .columns([
            "valid_from",
            "reassignment_answer",
            "urgent_within",
            "proof_supplement",
            "source",
        ])
        .values([
            valid_from.into(),
            days(rules.reassignment_answer).into(),
            days(rules.urgent_within).into(),
            days(rules.proof_supplement).into(),
            source.into(),
        ])
        .map_err(custom)?
        .on_conflict(
            OnConflict::column("valid_from")
                .update_columns([
                    "reassignment_answer",
                    "urgent_within",
                    "proof_supplement",
                    "source",
                ])
                .to_owned(),
        )
        .to_owned();
    conn.execute(&stmt).await?;
    Ok(())
}

/// The handling periods in force on `date` (reference data); the
/// domain's defaults where none is recorded.
pub async fn complaint_periods<C: ConnectionTrait>(
    conn: &C,
    date: NaiveDate,
) -> Result<tgpl_domain::intake::complaint::ComplaintPeriods, DbError> {
    let stmt = Query::select()
        .columns(["forward_days", "answer_days"])
        .from("complaint_periods")
        .and_where(Expr::col("valid_from").lte(date))
        .order_by("valid_from", sea_orm::Order::Desc)
        .limit(1)
        .to_owned();
    let days = |n: i32| WorkingDays::parse(i64::from(n)).map_err(|e| custom(e.message));
    let Some(r) = conn.query_one(&stmt).await? else {
        return Ok(tgpl_domain::intake::complaint::ComplaintPeriods::default());
    };
    Ok(tgpl_domain::intake::complaint::ComplaintPeriods {
        forward: days(r.try_get("", "forward_days")?)?,
        answer: days(r.try_get("", "answer_days")?)?,
    })
}

/// The answer periods of data-subject requests in force on `date`
/// (reference data); the domain's defaults where none is recorded.
pub async fn subject_request_periods<C: ConnectionTrait>(
    conn: &C,
    date: NaiveDate,
) -> Result<tgpl_domain::privacy::SubjectRequestPeriods, DbError> {
    let stmt = Query::select()
        .columns(["access_days", "correction_days", "deletion_days"])
        .from("subject_request_periods")
        .and_where(Expr::col("valid_from").lte(date))
        .order_by("valid_from", sea_orm::Order::Desc)
        .limit(1)
        .to_owned();
    let days = |n: i32| WorkingDays::parse(i64::from(n)).map_err(|e| custom(e.message));
    let Some(r) = conn.query_one(&stmt).await? else {
        return Ok(tgpl_domain::privacy::SubjectRequestPeriods::default());
    };
    Ok(tgpl_domain::privacy::SubjectRequestPeriods {
        access: days(r.try_get("", "access_days")?)?,
        correction: days(r.try_get("", "correction_days")?)?,
        deletion: days(r.try_get("", "deletion_days")?)?,
    })
}

/// The callback window in force on `date`: minutes of office time (the
/// reference data; two working hours where none is recorded).
pub async fn callback_minutes<C: ConnectionTrait>(
    conn: &C,
    date: NaiveDate,
) -> Result<u32, DbError> {
    let stmt = Query::select()
        .column("callback_minutes")
        .from("hotline_settings")
        .and_where(Expr::col("valid_from").lte(date))
        .order_by("valid_from", sea_orm::Order::Desc)
        .limit(1)
        .to_owned();
    let Some(r) = conn.query_one(&stmt).await? else {
        return Ok(tgpl_domain::intake::hotline::DEFAULT_CALLBACK_MINUTES);
    };
    let n: i32 = r.try_get("", "callback_minutes")?;
    Ok(u32::try_from(n).unwrap_or(0))
}
