use crate::common::{index, unique_index, with_bookkeeping};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("practitioners")
            .col(uuid("id").primary_key())
            .col(string_len("full_name", 200))
            .col(string_len("kind", 32))
            .col(string_len("card_number", 30))
            .col(uuid("organisation_id"))
            // Copied from the organisation (kept by the db layer on transfer)
            // so that scope filters need no join.
            .col(string_len_null("province_code", 2))
            .col(uuid_null("centre_id"))
            .col(string_len("status", 16))
            .col(string_len_null("sex", 8))
            .col(date_null("date_of_birth"))
            .col(string_len_null("phone", 20))
            .col(string_len_null("email", 254))
            .col(date_null("contract_start"))
            .col(date_null("contract_end"))
            .col(integer_null("annual_quota"))
            .foreign_key(
                ForeignKey::create()
                    .from("practitioners", "organisation_id")
                    .to("organisations", "id"),
            );
        with_bookkeeping(&mut t, true);
        manager.create_table(t.to_owned()).await?;
        unique_index(
            manager,
            "practitioners",
            "practitioners_card_number",
            &["card_number"],
        )
        .await?;
        index(
            manager,
            "practitioners",
            "practitioners_org",
            &["organisation_id", "id"],
        )
        .await?;
        index(
            manager,
            "practitioners",
            "practitioners_province",
            &["province_code", "id"],
        )
        .await?;
        index(
            manager,
            "practitioners",
            "practitioners_centre",
            &["centre_id", "id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("practitioner_transfers")
                    .col(uuid("id").primary_key())
                    .col(uuid("practitioner_id"))
                    .col(uuid("from_organisation_id"))
                    .col(uuid("to_organisation_id"))
                    .col(date("effective_on"))
                    .col(string_len_null("reason", 500))
                    .col(uuid_null("recorded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("practitioner_transfers", "practitioner_id")
                            .to("practitioners", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "practitioner_transfers",
            "practitioner_transfers_pract",
            &["practitioner_id", "effective_on"],
        )
        .await
    }
}
