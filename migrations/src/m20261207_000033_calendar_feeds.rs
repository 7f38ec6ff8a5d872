//! A user's calendar feed (issue #14 item 3): hearings and deadlines as
//! iCalendar at a secret URL. Only the secret's SHA-256 is kept; a new
//! secret replaces the old one, and deleting the row revokes the feed.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("calendar_feeds")
                    .col(uuid("user_id").primary_key())
                    .col(string_len("secret_sha256", 64).unique_key())
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_read_at"))
                    .to_owned(),
            )
            .await
    }
}
