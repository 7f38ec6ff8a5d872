//! Second factor and recent authentication (issue #10): a TOTP secret per
//! account, single-use recovery codes stored hashed, and when each session
//! last checked its owner's password.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("second_factors")
                    .col(uuid("user_id").primary_key())
                    // Base32 TOTP secret; null until enrolment starts.
                    .col(string_len_null("secret", 64))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    // The last 30-second step a code was accepted for: a code
                    // is never accepted twice (RFC 6238 §5.2).
                    .col(big_integer_null("last_step"))
                    // Until when an account that must enrol may still log in without.
                    .col(timestamp_with_time_zone_null("grace_until"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("second_factors", "user_id")
                            .to("users", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("recovery_codes")
                    .col(uuid("id").primary_key())
                    .col(uuid("user_id"))
                    .col(string_len("code_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("recovery_codes", "user_id")
                            .to("users", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("recovery_codes_user")
                    .table("recovery_codes")
                    .col("user_id")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("sessions")
                    .add_column(timestamp_with_time_zone_null("authenticated_at"))
                    .to_owned(),
            )
            .await
    }
}
