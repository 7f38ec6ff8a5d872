use crate::common::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for col in [
            string_len_null("success_criterion", 32),
            text_null("success_evidence"),
            uuid_null("success_document_id"),
            // -1: not yet computed (rows older than this migration); the
            // db layer backfills it at start-up.
            small_integer("completeness_score").default(-1).to_owned(),
        ] {
            let mut col = col;
            manager
                .alter_table(
                    Table::alter()
                        .table("cases")
                        .add_column(&mut col)
                        .to_owned(),
                )
                .await?;
        }
        // The start-up backfill asks for `completeness_score < 0` on every
        // start: an index range, not a scan of a million rows.
        index(
            manager,
            "cases",
            "cases_completeness",
            &["completeness_score", "organisation_id"],
        )
        .await
    }
}
