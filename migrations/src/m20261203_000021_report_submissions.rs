//! Submitted statistical reports: frozen snapshots, every version kept.
use crate::common::{index, unique_index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("report_submissions")
                    .col(uuid("id").primary_key())
                    .col(string_len("form", 8))
                    .col(string_len("template_id", 32))
                    .col(string_len("period_kind", 32))
                    .col(date("period_from"))
                    .col(date("period_to"))
                    .col(date("actual_to"))
                    .col(string_len("unit_kind", 16))
                    .col(string_len("unit_key", 64))
                    .col(uuid_null("organisation_id"))
                    .col(uuid_null("centre_id"))
                    .col(string_len_null("province_code", 2))
                    .col(integer("revision"))
                    .col(string_len("status", 16))
                    .col(json("snapshot"))
                    .col(uuid_null("submitted_by"))
                    .col(timestamp_with_time_zone("submitted_at"))
                    .col(date_null("due_on"))
                    .col(boolean("late"))
                    .col(uuid_null("reviewed_by"))
                    .col(timestamp_with_time_zone_null("reviewed_at"))
                    .col(text_null("reason"))
                    .col(integer("version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        // One row per version of a unit's report: two submitting at once
        // cannot both become the same version.
        unique_index(
            manager,
            "report_submissions",
            "report_submissions_version",
            &[
                "form",
                "period_kind",
                "period_from",
                "period_to",
                "unit_key",
                "revision",
            ],
        )
        .await?;
        index(
            manager,
            "report_submissions",
            "report_submissions_province",
            &["province_code", "id"],
        )
        .await
    }
}
