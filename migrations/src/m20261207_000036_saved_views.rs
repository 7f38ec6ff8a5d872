//! Saved views (issue #13 item 6): a user's named filters and order of a
//! list, kept as the list's query string, so that they follow the user
//! from browser to browser.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("saved_views")
                    .col(uuid("id").primary_key())
                    .col(uuid("user_id"))
                    .col(string_len("list", 32))
                    .col(string_len("name", 100))
                    .col(string_len("query", 2000))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        crate::common::unique_index(
            manager,
            "saved_views",
            "saved_views_user_list_name",
            &["user_id", "list", "name"],
        )
        .await
    }
}
