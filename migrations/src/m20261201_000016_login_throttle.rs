//! Login throttling (issue #10): counters per client, per account and per
//! (account, client) pair, shared by every replica through the database.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("login_throttle")
                    // `ip:<addr>`, `acct:<username>` or `pair:<username>|<addr>`.
                    .col(string_len("key", 320).primary_key())
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("window_started_at"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .to_owned(),
            )
            .await
    }
}
