//! The transactional outbox of domain events (DESIGN: Events and jobs), the
//! beneficiary's procedural role and the eligibility categories' role and
//! age conditions (Law 11/2017 Art. 7(3), (5), (6), 7(c), 7(đ)).
use crate::common::{index, unique_index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (code, valid_from, procedural roles, min age, age under) of a category version.
type Condition = (
    &'static str,
    &'static str,
    &'static str,
    Option<i16>,
    Option<i16>,
);

/// The conditions of the built-in category versions, keyed by (code, valid_from).
const CONDITIONS: [Condition; 6] = [
    ("3", "2018-01-01", "[]", None, Some(16)),
    ("5", "2018-01-01", r#"["accused"]"#, Some(16), Some(18)),
    (
        "5",
        "2026-01-01",
        r#"["reported","held_in_emergency","accused","victim","witness","under_diversion","prisoner"]"#,
        Some(16),
        Some(18),
    ),
    ("6", "2018-01-01", r#"["accused"]"#, None, None),
    ("7c", "2018-01-01", "[]", Some(60), None),
    ("7dd", "2018-01-01", r#"["victim"]"#, Some(13), Some(18)),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        let add = |table: &'static str, col: ColumnDef| {
            let mut col = col;
            Table::alter().table(table).add_column(&mut col).to_owned()
        };
        manager
            .alter_table(add("case_parties", string_len_null("procedural_role", 32)))
            .await?;
        for col in [
            text("procedural_roles").default("[]").to_owned(),
            small_integer_null("min_age"),
            small_integer_null("age_under"),
        ] {
            manager
                .alter_table(add("eligibility_categories", col))
                .await?;
        }
        for (code, from, roles, min, under) in CONDITIONS {
            manager
                .exec_stmt(
                    Query::update()
                        .table("eligibility_categories")
                        .value("procedural_roles", roles)
                        .value("min_age", min)
                        .value("age_under", under)
                        .and_where(Expr::col("code").eq(code))
                        // A constant of ours: an untyped literal both backends read as a date.
                        .and_where(Expr::cust(format!("valid_from = '{from}'")))
                        .to_owned(),
                )
                .await?;
        }

        // The periods of the case process (working days) are reference data
        // too, date-effective like the categories (DOMAIN §6: configurable).
        manager
            .create_table(
                Table::create()
                    .table("deadline_rules")
                    .col(date("valid_from").primary_key())
                    .col(integer("reassignment_answer"))
                    .col(integer("urgent_within"))
                    .col(integer("proof_supplement"))
                    .col(text("source"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table("deadline_rules")
                    .columns([
                        "valid_from",
                        "reassignment_answer",
                        "urgent_within",
                        "proof_supplement",
                        "source",
                    ])
                    .values_panic([
                        Expr::cust("'2018-01-01'"),
                        3.into(),
                        5.into(),
                        5.into(),
                        "Thông tư 12/2018/TT-BTP; Luật TGPL 2017 Điều 30".into(),
                    ])
                    .to_owned(),
            )
            .await?;

        // The outbox: one row per domain event, numbered without gaps by
        // `event_counter` (taken in the writing transaction, so numbers are
        // handed out in commit order and a rolled-back act leaves no hole).
        manager
            .create_table(
                Table::create()
                    .table("events")
                    .col(big_integer("seq").primary_key())
                    .col(uuid("id"))
                    .col(string_len("type", 64))
                    .col(uuid("case_id"))
                    .col(uuid("organisation_id"))
                    .col(uuid_null("centre_id"))
                    .col(string_len_null("province_code", 8))
                    .col(uuid_null("practitioner_id"))
                    .col(date("occurred_on"))
                    .col(timestamp_with_time_zone("recorded_at"))
                    .col(uuid_null("actor_id"))
                    .col(json("payload"))
                    .to_owned(),
            )
            .await?;
        unique_index(manager, "events", "events_id", &["id"]).await?;
        index(manager, "events", "events_case", &["case_id", "seq"]).await?;
        index(
            manager,
            "events",
            "events_province",
            &["province_code", "seq"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("event_counter")
                    .col(integer("id").primary_key())
                    .col(big_integer("last_seq").default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table("event_counter")
                    .columns(["id", "last_seq"])
                    .values_panic([1.into(), 0i64.into()])
                    .to_owned(),
            )
            .await
    }
}
