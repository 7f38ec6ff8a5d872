use sea_orm_migration::{prelude::*, schema::*};

/// Date-effective reference data. The rows themselves are loaded from the
/// domain's defaults by `tgpl-db` at start-up when the tables are empty,
/// then kept by the national admin through the API.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("eligibility_categories")
                    .col(string_len("code", 8))
                    .col(date("valid_from"))
                    .col(date_null("valid_to"))
                    .col(string_len("clause", 8))
                    .col(string_len("label_vi", 500))
                    .col(boolean("requires_financial_hardship"))
                    .col(json("proof_documents"))
                    .col(string_len("source", 300))
                    .primary_key(Index::create().col("code").col("valid_from"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("holidays")
                    .col(date("date").primary_key())
                    .col(string_len("name_vi", 200))
                    .to_owned(),
            )
            .await
    }
}
