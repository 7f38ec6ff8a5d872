//! Reference data in both languages (issue #13 item 7): an eligibility
//! category's English name, for the English interface. Existing rows are
//! filled in from the built-in table at start-up (`db::reference`).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("eligibility_categories")
                    .add_column(string_len("label_en", 500).default(""))
                    .to_owned(),
            )
            .await
    }
}
