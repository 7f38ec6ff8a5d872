//! Events out (issue #14): the inbox of notices, each user's delivery
//! preferences and language, the jobs table the runner inside `tgpl serve`
//! leases from, and the cursors of the outbox's consumers.
use crate::common::{index, unique_index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("users")
                    .add_column(string_len("language", 8).default("vi"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("notifications")
                    .col(uuid("id").primary_key())
                    .col(uuid("user_id"))
                    .col(string_len("kind", 48))
                    // What makes it unique for its reader: an event's sequence
                    // number or a scan's day and subject (never notified twice).
                    .col(string_len("dedupe_key", 160))
                    .col(uuid_null("case_id"))
                    // The notice as data (ids, codes, dates: no personal data).
                    .col(json("notice"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    // How mail goes: immediate, daily_digest or in_app_only,
                    // and when the mail (or the digest holding it) went out.
                    .col(string_len("delivery", 16))
                    .col(timestamp_with_time_zone_null("mailed_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("notifications", "user_id")
                            .to("users", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "notifications",
            "notifications_dedupe",
            &["user_id", "dedupe_key"],
        )
        .await?;
        index(
            manager,
            "notifications",
            "notifications_inbox",
            &["user_id", "id"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("notification_preferences")
                    .col(uuid("user_id"))
                    .col(string_len("kind", 48))
                    .col(string_len("delivery", 16))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("user_id").col("kind"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("notification_preferences", "user_id")
                            .to("users", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("jobs")
                    .col(uuid("id").primary_key())
                    .col(string_len("kind", 48))
                    // A job is enqueued once per key (a notice's mail, a day's scan).
                    .col(string_len("dedupe_key", 160))
                    .col(json("payload"))
                    // pending | done | dead
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone("run_at"))
                    .col(integer("attempts").default(0))
                    .col(integer("max_attempts"))
                    .col(timestamp_with_time_zone_null("leased_until"))
                    .col(string_len_null("leased_by", 64))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        unique_index(manager, "jobs", "jobs_dedupe", &["dedupe_key"]).await?;
        index(manager, "jobs", "jobs_due", &["status", "run_at"]).await?;
        manager
            .create_table(
                Table::create()
                    .table("event_consumers")
                    .col(string_len("name", 48).primary_key())
                    .col(big_integer("last_seq").default(0))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await
    }
}
