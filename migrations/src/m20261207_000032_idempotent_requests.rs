//! `Idempotency-Key` on every create (issue #14 item 6): the first answer
//! to a keyed request, kept a day so that a retry gets it again instead of
//! doing the work twice.
use crate::common::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("idempotent_requests")
                    // `user:<id>` or `ip:<address>` for the public services, then
                    // the client's key: one caller's keys never meet another's.
                    .col(string_len("id", 400).primary_key())
                    // SHA-256 of the method, path, query and body.
                    .col(string_len("fingerprint", 64))
                    // Absent while the first request runs.
                    .col(integer_null("status"))
                    .col(string_len_null("content_type", 200))
                    .col(string_len_null("location", 500))
                    .col(string_len_null("etag", 100))
                    .col(text_null("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idempotent_requests",
            "idempotent_requests_created",
            &["created_at"],
        )
        .await
    }
}
