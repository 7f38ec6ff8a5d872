use crate::common::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for col in [
            date_null("reassignment_requested_on"),
            date_null("reassignment_due_on"),
        ] {
            manager
                .alter_table(Table::alter().table("cases").add_column(col).to_owned())
                .await?;
        }
        index(
            manager,
            "cases",
            "cases_reassignment_due",
            &["reassignment_due_on"],
        )
        .await?;
        index(manager, "cases", "cases_proof_due", &["proof_due_on"]).await
    }
}
