//! The records a list read showed: one audit event per list page, one narrow
//! row per record shown (issue #10: fifty full audit rows per page cost 30%
//! of list throughput). Each subject row carries its record's scope, so a
//! Justice Department reading its province's trail sees who listed its cases.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_event_subjects")
                    .col(uuid("entity_id"))
                    .col(uuid("event_id"))
                    .col(uuid_null("organisation_id"))
                    .col(string_len_null("province_code", 2))
                    .col(uuid_null("centre_id"))
                    // "Who read this record" is the one question asked of it.
                    .primary_key(Index::create().col("entity_id").col("event_id"))
                    .to_owned(),
            )
            .await
    }
}
