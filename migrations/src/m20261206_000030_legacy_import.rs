//! Import from the old system (issue #15): each imported organisation,
//! practitioner and case keeps the old system's id, so a rerun updates it
//! instead of duplicating it, and a digest of the imported row, so a rerun
//! of the same row writes nothing. An import run records its progress
//! (the checkpoint a resumed run starts after) and the rows it refused.
use crate::common::{index, unique_index, with_bookkeeping};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [(&str, &str); 3] = [
    ("organisations", "organisations_legacy_id"),
    ("practitioners", "practitioners_legacy_id"),
    ("cases", "cases_legacy_id"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, unique) in TABLES {
            // SQLite adds one column per statement.
            for col in [
                string_len_null("legacy_id", 64),
                string_len_null("legacy_digest", 64),
            ] {
                let mut col = col;
                manager
                    .alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
                    .await?;
            }
            unique_index(manager, table, unique, &["legacy_id"]).await?;
        }
        manager
            .create_table(
                with_bookkeeping(
                    Table::create()
                        .table("imports")
                        .col(uuid("id").primary_key())
                        .col(string_len("kind", 16))
                        .col(text("file_name"))
                        .col(string_len("format", 8))
                        .col(string_len("sha256", 64))
                        // The uploaded file in the document store (API runs).
                        .col(text_null("object_key"))
                        .col(text_null("mapping"))
                        .col(boolean("dry_run"))
                        .col(string_len("status", 16))
                        .col(integer_null("total_rows"))
                        // Rows fully handled: a resumed run starts after them.
                        .col(integer("processed_rows").default(0))
                        .col(integer("inserted").default(0))
                        .col(integer("updated").default(0))
                        .col(integer("unchanged").default(0))
                        .col(integer("rejected").default(0))
                        .col(text_null("error"))
                        .col(uuid_null("created_by"))
                        .col(timestamp_with_time_zone_null("finished_at")),
                    false,
                )
                .to_owned(),
            )
            .await?;
        index(manager, "imports", "imports_by_file", &["kind", "sha256"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("import_problems")
                    .col(uuid("id").primary_key())
                    .col(uuid("import_id"))
                    .col(integer("row_number"))
                    .col(text("column_name"))
                    .col(text("field"))
                    .col(text("value"))
                    .col(text("code"))
                    .col(text("message"))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "import_problems",
            "import_problems_by_row",
            &["import_id", "row_number"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["import_problems", "imports"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        for (table, unique) in TABLES {
            manager
                .drop_index(Index::drop().name(unique).table(table).to_owned())
                .await?;
            for col in ["legacy_id", "legacy_digest"] {
                manager
                    .alter_table(Table::alter().table(table).drop_column(col).to_owned())
                    .await?;
            }
        }
        Ok(())
    }
}
