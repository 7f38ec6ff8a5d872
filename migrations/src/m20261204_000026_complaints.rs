//! Complaints and recommendations about legal aid (phản ánh, kiến nghị;
//! issue #12): sent through the public services with a code and the hash of
//! a secret, held by a Justice Department, the ministry's department or the
//! centre they were forwarded to, with the due dates of forwarding and
//! answering. The periods are reference data by date (`complaint_periods`).
use crate::common::{index, unique_index, with_bookkeeping};
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
                        .table("complaints")
                        .col(uuid("id").primary_key())
                        .col(string_len("tracking_code", 16))
                        .col(string_len("secret_hash", 64))
                        .col(string_len("kind", 16))
                        .col(string_len("status", 16))
                        .col(uuid("handler_org_id"))
                        .col(uuid_null("handler_centre_id"))
                        .col(string_len_null("province_code", 2))
                        .col(uuid_null("concerned_org_id"))
                        .col(string_len_null("case_code", 64))
                        // The sender's name and contact (personal data).
                        .col(json("complainant"))
                        .col(string_len_null("contact_phone", 20))
                        .col(text("content"))
                        .col(timestamp_with_time_zone("received_at"))
                        .col(date("received_on"))
                        .col(date("forward_due_on"))
                        .col(date("answer_due_on"))
                        .col(timestamp_with_time_zone_null("forwarded_at"))
                        .col(uuid_null("forwarded_by"))
                        .col(text_null("forward_note"))
                        .col(timestamp_with_time_zone_null("answered_at"))
                        .col(uuid_null("answered_by"))
                        .col(text_null("answer")),
                    false,
                )
                .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "complaints",
            "complaints_tracking",
            &["tracking_code"],
        )
        .await?;
        // A unit's queue by status, oldest first.
        index(
            manager,
            "complaints",
            "complaints_queue",
            &["handler_org_id", "status", "received_at"],
        )
        .await?;
        index(
            manager,
            "complaints",
            "complaints_province",
            &["province_code", "status", "received_at"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("complaint_periods")
                    .col(date("valid_from").primary_key())
                    .col(integer("forward_days"))
                    .col(integer("answer_days"))
                    .col(text("source"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table("complaint_periods")
                    .columns(["valid_from", "forward_days", "answer_days", "source"])
                    .values_panic([
                        Expr::cust("'2018-01-01'"),
                        5.into(),
                        20.into(),
                        "Quy chế tiếp nhận, xử lý phản ánh, kiến nghị về TGPL (mặc định của hệ thống)"
                            .into(),
                    ])
                    .to_owned(),
            )
            .await
    }
}
