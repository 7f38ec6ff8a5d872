//! A list page's subjects as one row per (page, place) holding the ids it
//! showed, instead of one row per record (ADR 0019). Fifty rows and fifty
//! index entries per page cost about 10% of list throughput on PostgreSQL;
//! one row with an array of ids and a GIN index answers "which pages showed
//! this record" as fast. SQLite keeps the ids as text (the records' ids in
//! hex, comma-separated) and scans: fine at the embedded scale.
use crate::common::index;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let postgres = manager.get_database_backend() == DbBackend::Postgres;
        let ids = if postgres {
            ColumnDef::new("entity_ids")
                .array(ColumnType::Uuid)
                .not_null()
                .to_owned()
        } else {
            text("entity_ids")
        };
        manager
            .create_table(
                Table::create()
                    .table("audit_read_pages")
                    .col(uuid("event_id"))
                    .col(ids)
                    .col(uuid_null("organisation_id"))
                    .col(string_len_null("province_code", 2))
                    .col(uuid_null("centre_id"))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "audit_read_pages",
            "audit_read_pages_event",
            &["event_id"],
        )
        .await?;
        let db = manager.get_connection();
        let ids_of = if postgres {
            db.execute_unprepared(
                "CREATE INDEX audit_read_pages_ids ON audit_read_pages USING gin (entity_ids)",
            )
            .await?;
            "array_agg(entity_id ORDER BY entity_id)"
        } else {
            "group_concat(hex(entity_id), ',')"
        };
        db.execute_unprepared(&format!(
            "INSERT INTO audit_read_pages \
             (event_id, entity_ids, organisation_id, province_code, centre_id) \
             SELECT event_id, {ids_of}, organisation_id, province_code, centre_id \
             FROM audit_event_subjects \
             GROUP BY event_id, organisation_id, province_code, centre_id"
        ))
        .await?;
        manager
            .drop_table(Table::drop().table("audit_event_subjects").to_owned())
            .await
    }
}
