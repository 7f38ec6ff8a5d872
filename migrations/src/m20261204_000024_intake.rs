//! The intake queue (issue #12): online requests, hotline forwards and
//! referrals waiting at a centre, with the citizen's tracking code and the
//! hash of their lookup secret; their attachments; and the case a request
//! became. A case code repeats across provinces, so a lookup by case code
//! goes through the item that names the case.
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
                        .table("intake_items")
                        .col(uuid("id").primary_key())
                        .col(string_len("tracking_code", 16))
                        .col(string_len("secret_hash", 64))
                        .col(string_len("status", 16))
                        .col(string_len("channel", 16))
                        .col(uuid("organisation_id"))
                        // The centre the organisation belongs to (a branch's
                        // parent): the centre's staff see its branches' items.
                        .col(uuid_null("centre_id"))
                        .col(string_len_null("province_code", 2))
                        .col(timestamp_with_time_zone("received_at"))
                        .col(date("received_on"))
                        // The form as the citizen filled it in (personal data).
                        .col(json("details"))
                        .col(string_len_null("contact_phone", 20))
                        .col(uuid_null("case_id"))
                        .col(uuid_null("merged_into"))
                        .col(text_null("rejection_reason"))
                        .col(timestamp_with_time_zone_null("decided_at"))
                        .col(uuid_null("decided_by")),
                    false,
                )
                .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "intake_items",
            "intake_items_tracking",
            &["tracking_code"],
        )
        .await?;
        // A centre's queue, oldest first, by status.
        index(
            manager,
            "intake_items",
            "intake_items_queue",
            &["organisation_id", "status", "received_at"],
        )
        .await?;
        index(manager, "intake_items", "intake_items_case", &["case_id"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("intake_attachments")
                    .col(uuid("id").primary_key())
                    .col(uuid("intake_id"))
                    .col(string_len("filename", 255))
                    .col(string_len("media_type", 100))
                    .col(big_integer("size"))
                    .col(string_len("sha256", 64))
                    .col(string_len("storage_key", 200))
                    .col(timestamp_with_time_zone("uploaded_at"))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "intake_attachments",
            "intake_attachments_item",
            &["intake_id"],
        )
        .await?;
        index(
            manager,
            "intake_attachments",
            "intake_attachments_key",
            &["storage_key"],
        )
        .await
    }
}
