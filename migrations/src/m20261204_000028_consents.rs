//! Consent records (Law 91/2025; issue #12): what a person consented to,
//! when, through which channel, to which version of the text, and its
//! withdrawal. A request's consent names its intake item, and the case
//! once the request becomes one.
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
                    .table("consents")
                    .col(uuid("id").primary_key())
                    .col(uuid_null("intake_id"))
                    .col(uuid_null("case_id"))
                    .col(string_len("purpose", 32))
                    .col(string_len("text_version", 32))
                    .col(string_len("channel", 16))
                    .col(timestamp_with_time_zone("given_at"))
                    .col(timestamp_with_time_zone_null("withdrawn_at"))
                    .col(uuid("organisation_id"))
                    .col(uuid_null("centre_id"))
                    .col(string_len_null("province_code", 2))
                    .to_owned(),
            )
            .await?;
        index(manager, "consents", "consents_intake", &["intake_id"]).await?;
        index(manager, "consents", "consents_case", &["case_id"]).await
    }
}
