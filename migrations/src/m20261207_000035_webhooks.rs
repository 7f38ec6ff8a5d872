//! Webhooks (issue #14 item 4): an integration account subscribes a URL to
//! event types; each subscription reads the outbox from its own cursor, in
//! order, and every attempt is kept in the delivery log. A subscription is
//! leased by one replica at a time while it delivers.
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
                    .table("webhook_subscriptions")
                    .col(uuid("id").primary_key())
                    // The integration (service) account whose scope filters the events.
                    .col(uuid("user_id"))
                    .col(string_len("url", 2000))
                    // Space-separated event types; empty: every type.
                    .col(text("event_types").default(""))
                    // The HMAC-SHA256 key the deliveries are signed with; it
                    // must be kept to sign, and is shown once at creation.
                    .col(string_len("secret", 100))
                    .col(boolean("active").default(true))
                    // The last event delivered (or skipped as not subscribed).
                    .col(big_integer("cursor").default(0))
                    // Failed attempts in a row at the cursor's next event.
                    .col(integer("failures").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("leased_until"))
                    .col(string_len_null("leased_by", 200))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "webhook_subscriptions",
            "webhook_subscriptions_user",
            &["user_id"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("webhook_deliveries")
                    .col(uuid("id").primary_key())
                    .col(uuid("subscription_id"))
                    .col(big_integer("seq"))
                    .col(string_len("event_type", 100))
                    .col(integer("attempt"))
                    // The receiver's status; none when it could not be reached.
                    .col(integer_null("status"))
                    .col(text_null("error"))
                    .col(integer("duration_ms"))
                    .col(timestamp_with_time_zone("attempted_at"))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "webhook_deliveries",
            "webhook_deliveries_subscription",
            &["subscription_id", "id"],
        )
        .await
    }
}
