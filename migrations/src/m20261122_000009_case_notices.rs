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
                    .table("case_notices")
                    .col(uuid("id").primary_key())
                    .col(uuid("case_id"))
                    .col(string_len("kind", 32))
                    .col(date("issued_on"))
                    .col(string_len("title", 300))
                    .col(text("body"))
                    .col(uuid_null("issued_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("case_notices", "case_id")
                            .to("cases", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "case_notices",
            "case_notices_case",
            &["case_id", "issued_on"],
        )
        .await
    }
}
