//! The legal-aid hotline's calls (issue #12): who took the call and where,
//! the caller, the topic, the advice or where it was forwarded, duration,
//! and a promised callback's due time; the callback window is reference
//! data by date (`hotline_settings`, minutes of office time).
use crate::common::{index, with_bookkeeping};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_bookkeeping(
                    Table::create()
                        .table("hotline_calls")
                        .col(uuid("id").primary_key())
                        .col(uuid("operator_id"))
                        .col(uuid("organisation_id"))
                        .col(uuid_null("centre_id"))
                        .col(string_len_null("province_code", 2))
                        // The caller (personal data).
                        .col(string_len_null("caller_name", 200))
                        .col(string_len_null("caller_phone", 20))
                        .col(text("topic"))
                        .col(string_len_null("field_of_law", 32))
                        .col(text_null("advice"))
                        .col(string_len("outcome", 24))
                        .col(timestamp_with_time_zone("started_at"))
                        .col(integer("duration_seconds"))
                        .col(uuid_null("intake_id"))
                        .col(timestamp_with_time_zone_null("callback_due_at"))
                        .col(timestamp_with_time_zone_null("called_back_at")),
                    false,
                )
                .to_owned(),
            )
            .await?;
        index(
            manager,
            "hotline_calls",
            "hotline_calls_unit",
            &["organisation_id", "started_at"],
        )
        .await?;
        index(
            manager,
            "hotline_calls",
            "hotline_calls_callback",
            &["callback_due_at"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("hotline_settings")
                    .col(date("valid_from").primary_key())
                    .col(integer("callback_minutes"))
                    .col(text("source"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table("hotline_settings")
                    .columns(["valid_from", "callback_minutes", "source"])
                    .values_panic([
                        Expr::cust("'2018-01-01'"),
                        120.into(),
                        "Gọi lại trong 2 giờ làm việc (mặc định của hệ thống)".into(),
                    ])
                    .to_owned(),
            )
            .await
    }
}
