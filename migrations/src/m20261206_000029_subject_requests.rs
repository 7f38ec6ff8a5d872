//! Data-subject requests (Law 91/2025; issue #12): a person asks for a copy
//! of their data, a correction or a deletion; the data-protection officer of
//! the case's unit answers within the period of its kind. The periods are
//! reference data by date (`subject_request_periods`).
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
                        .table("subject_requests")
                        .col(uuid("id").primary_key())
                        .col(string_len("kind", 16))
                        .col(string_len("status", 16))
                        .col(uuid("case_id"))
                        .col(uuid("party_id"))
                        .col(string_len("channel", 16))
                        // The person's words (personal data, the officer's only).
                        .col(text_null("details"))
                        .col(timestamp_with_time_zone("received_at"))
                        .col(date("received_on"))
                        .col(date("due_on"))
                        .col(uuid_null("recorded_by"))
                        .col(timestamp_with_time_zone_null("answered_at"))
                        .col(uuid_null("answered_by"))
                        .col(text_null("answer"))
                        .col(uuid("organisation_id"))
                        .col(uuid_null("centre_id"))
                        .col(string_len_null("province_code", 2)),
                    false,
                )
                .to_owned(),
            )
            .await?;
        // A unit's queue by status, oldest first; a case's requests.
        index(
            manager,
            "subject_requests",
            "subject_requests_queue",
            &["organisation_id", "status", "received_at"],
        )
        .await?;
        index(
            manager,
            "subject_requests",
            "subject_requests_case",
            &["case_id"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("subject_request_periods")
                    .col(date("valid_from").primary_key())
                    .col(integer("access_days"))
                    .col(integer("correction_days"))
                    .col(integer("deletion_days"))
                    .col(text("source"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table("subject_request_periods")
                    .columns([
                        "valid_from",
                        "access_days",
                        "correction_days",
                        "deletion_days",
                        "source",
                    ])
                    .values_panic([
                        Expr::cust("'2026-01-01'"),
                        3.into(),
                        3.into(),
                        10.into(),
                        "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (thời hạn mặc định của hệ thống)"
                            .into(),
                    ])
                    .to_owned(),
            )
            .await
    }
}
