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
                    .table("hearings")
                    .col(uuid("id").primary_key())
                    .col(uuid("case_id"))
                    // The case's scope, copied so calendars filter without a join.
                    .col(uuid("organisation_id"))
                    .col(uuid_null("centre_id"))
                    .col(string_len_null("province_code", 2))
                    .col(uuid_null("practitioner_id"))
                    .col(string_len("court", 300))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(string_len("mode", 16))
                    .col(string_len_null("location", 500))
                    .col(text_null("notes"))
                    .col(uuid_null("recorded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("hearings", "case_id")
                            .to("cases", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "hearings",
            "hearings_case",
            &["case_id", "starts_at"],
        )
        .await?;
        index(
            manager,
            "hearings",
            "hearings_practitioner",
            &["practitioner_id", "starts_at"],
        )
        .await?;
        index(
            manager,
            "hearings",
            "hearings_centre",
            &["centre_id", "starts_at"],
        )
        .await?;
        index(
            manager,
            "hearings",
            "hearings_org",
            &["organisation_id", "starts_at"],
        )
        .await?;
        index(
            manager,
            "hearings",
            "hearings_province",
            &["province_code", "starts_at"],
        )
        .await
    }
}
