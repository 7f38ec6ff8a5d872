use crate::common::{index, unique_index, with_bookkeeping};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("users")
            .col(uuid("id").primary_key())
            .col(string_len("username", 64))
            .col(string_len("full_name", 200))
            .col(string_len_null("email", 254))
            .col(string_len_null("phone", 20))
            .col(string_len("role", 32))
            .col(uuid("organisation_id"))
            .col(string_len_null("province_code", 2))
            .col(uuid_null("centre_id"))
            .col(uuid_null("practitioner_id"))
            .col(text_null("password_hash"))
            .col(string_len("status", 16))
            .col(boolean("locked").default(false))
            .col(string_len_null("locked_reason", 500))
            .col(integer("failed_logins").default(0))
            .col(timestamp_with_time_zone_null("locked_until"))
            .col(boolean("must_change_password").default(false))
            .col(timestamp_with_time_zone_null("password_changed_at"))
            .col(timestamp_with_time_zone_null("last_login_at"))
            .foreign_key(
                ForeignKey::create()
                    .from("users", "organisation_id")
                    .to("organisations", "id"),
            );
        with_bookkeeping(&mut t, true);
        manager.create_table(t.to_owned()).await?;
        unique_index(manager, "users", "users_username", &["username"]).await?;
        index(manager, "users", "users_org", &["organisation_id", "id"]).await?;
        index(manager, "users", "users_province", &["province_code", "id"]).await?;
        index(manager, "users", "users_centre", &["centre_id", "id"]).await?;

        // One row per login; refresh tokens rotate within it (one family).
        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .col(uuid("id").primary_key())
                    .col(uuid("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(string_len_null("revoked_reason", 64))
                    .col(string_len_null("user_agent", 300))
                    .foreign_key(
                        ForeignKey::create()
                            .from("sessions", "user_id")
                            .to("users", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "sessions", "sessions_user", &["user_id"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("refresh_tokens")
                    .col(uuid("id").primary_key())
                    .col(uuid("session_id"))
                    .col(string_len("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("refresh_tokens", "session_id")
                            .to("sessions", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "refresh_tokens",
            "refresh_tokens_hash",
            &["token_hash"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("api_keys")
                    .col(uuid("id").primary_key())
                    .col(uuid("user_id"))
                    .col(string_len("name", 200))
                    .col(string_len("key_hash", 64))
                    .col(string_len("prefix", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("api_keys", "user_id")
                            .to("users", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(manager, "api_keys", "api_keys_hash", &["key_hash"]).await?;
        index(manager, "api_keys", "api_keys_user", &["user_id"]).await
    }
}
