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
                    .table("case_documents")
                    .col(uuid("id").primary_key())
                    .col(uuid("case_id"))
                    .col(string_len("kind", 32))
                    .col(string_len("step", 16))
                    .col(string_len("filename", 1024))
                    .col(string_len("media_type", 128))
                    .col(big_integer("size"))
                    .col(string_len("sha256", 64))
                    .col(string_len("storage_key", 255))
                    .col(uuid_null("uploaded_by"))
                    .col(timestamp_with_time_zone("uploaded_at"))
                    .col(string_len_null("idempotency_key", 255))
                    .col(timestamp_with_time_zone_null("removed_at"))
                    .col(uuid_null("removed_by"))
                    .col(string_len_null("removal_reason", 1000))
                    .col(integer("version").default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from("case_documents", "case_id")
                            .to("cases", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "case_documents",
            "case_documents_case",
            &["case_id", "id"],
        )
        .await?;
        // The sweep asks "does any row name this object?" per key.
        index(
            manager,
            "case_documents",
            "case_documents_storage_key",
            &["storage_key"],
        )
        .await?;
        // One document per retried upload (NULL keys never collide).
        unique_index(
            manager,
            "case_documents",
            "case_documents_idempotency",
            &["case_id", "idempotency_key"],
        )
        .await
    }
}
