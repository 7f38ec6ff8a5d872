use crate::common::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The name-search index, and list indexes by unit and state: one row per (word pair of a party's folded name,
/// case). The primary key orders each term's cases by id, so a phrase
/// search walks a few short index ranges instead of scanning trigrams.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("case_search_terms")
                    .col(string_len("term", 128))
                    .col(uuid("case_id"))
                    .primary_key(Index::create().col("term").col("case_id"))
                    .to_owned(),
            )
            .await?;
        // The usual dashboards: one unit's cases in one state, newest first.
        index(
            manager,
            "cases",
            "cases_province_status",
            &["province_code", "status", "id"],
        )
        .await?;
        index(
            manager,
            "cases",
            "cases_centre_status",
            &["centre_id", "status", "id"],
        )
        .await
    }
}
