//! Statistical report templates as date-effective reference data (forms 24
//! and 25; a new circular is a new row), and the index the reports' period
//! ranges use.
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
                    .table("report_templates")
                    .col(string_len("id", 32).primary_key())
                    .col(string_len("form", 8))
                    .col(date("valid_from"))
                    .col(date_null("valid_to"))
                    // The whole template (rows, columns, rules) as the domain reads it.
                    .col(json("body"))
                    .to_owned(),
            )
            .await?;
        index(manager, "cases", "cases_accepted_on", &["accepted_on"]).await
    }
}
