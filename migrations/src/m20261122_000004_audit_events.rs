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
                    .table("audit_events")
                    .col(uuid("id").primary_key())
                    .col(timestamp_with_time_zone("occurred_at"))
                    .col(uuid_null("actor_id"))
                    .col(string_len_null("actor_role", 32))
                    .col(string_len("action", 64))
                    .col(string_len("entity", 32))
                    .col(uuid("entity_id"))
                    // Scope of the entity, so a department can read its province's trail.
                    .col(uuid_null("organisation_id"))
                    .col(string_len_null("province_code", 2))
                    .col(uuid_null("centre_id"))
                    .col(json_null("before"))
                    .col(json_null("after"))
                    .col(string_len_null("request_id", 64))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "audit_events",
            "audit_events_entity",
            &["entity", "entity_id", "occurred_at"],
        )
        .await?;
        index(
            manager,
            "audit_events",
            "audit_events_actor",
            &["actor_id", "occurred_at"],
        )
        .await
    }
}
