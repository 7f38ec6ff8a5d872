//! Quality evaluation (DOMAIN §7): the scoring sheet as versioned reference
//! data, evaluation plans with their recorded seed, and the drawn cases.
//! A case is drawn by one plan at most (unique `case_id`): never evaluated
//! twice, even by two plans drawing at once.
use crate::common::{index, unique_index, with_bookkeeping};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("score_sheets")
                    .col(string_len("id", 32).primary_key())
                    .col(date("valid_from"))
                    .col(date_null("valid_to"))
                    // The whole sheet (groups, criteria, points, thresholds).
                    .col(json("body"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                with_bookkeeping(
                    Table::create()
                        .table("evaluation_plans")
                        .col(uuid("id").primary_key())
                        .col(string_len("title", 200))
                        .col(uuid("owner_org_id"))
                        .col(string_len_null("province_code", 2))
                        .col(date("concluded_from"))
                        .col(date("concluded_to"))
                        .col(string_len("forms", 200))
                        .col(json("organisation_ids"))
                        .col(small_integer("rate_percent"))
                        // The seed as text: a u64 does not fit a signed BIGINT.
                        .col(string_len("seed", 20))
                        .col(string_len("algorithm", 64))
                        .col(string_len("sheet_id", 32))
                        .col(integer("candidates"))
                        .col(uuid("created_by")),
                    false,
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                with_bookkeeping(
                    Table::create()
                        .table("evaluation_items")
                        .col(uuid("id").primary_key())
                        .col(uuid("plan_id"))
                        .col(uuid("case_id"))
                        .col(uuid_null("practitioner_id"))
                        .col(uuid("organisation_id"))
                        .col(uuid_null("centre_id"))
                        .col(string_len_null("province_code", 2))
                        .col(uuid_null("evaluator_id"))
                        .col(string_len("status", 16))
                        .col(json_null("scored"))
                        .col(small_integer_null("total"))
                        .col(string_len_null("grade", 16))
                        .col(text_null("comments"))
                        .col(timestamp_with_time_zone_null("scored_at")),
                    false,
                )
                .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "evaluation_items",
            "evaluation_items_case",
            &["case_id"],
        )
        .await?;
        index(
            manager,
            "evaluation_items",
            "evaluation_items_plan",
            &["plan_id", "id"],
        )
        .await?;
        index(
            manager,
            "evaluation_items",
            "evaluation_items_evaluator",
            &["evaluator_id", "id"],
        )
        .await?;
        index(
            manager,
            "evaluation_plans",
            "evaluation_plans_province",
            &["province_code", "id"],
        )
        .await
    }
}
