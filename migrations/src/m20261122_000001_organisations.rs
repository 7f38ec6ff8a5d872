use crate::common::{index, with_bookkeeping};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("organisations")
            .col(uuid("id").primary_key())
            .col(string_len("kind", 32))
            .col(string_len("name", 300))
            .col(string_len("abbreviation", 16))
            .col(string_len_null("province_code", 2))
            .col(uuid_null("parent_id"))
            // The centre a centre or branch belongs to: scope filters use it.
            .col(uuid_null("centre_id"))
            .col(string_len("status", 16))
            .col(uuid_null("merged_into_id"))
            .col(date_null("merged_on"))
            .col(string_len_null("address", 500))
            .col(string_len_null("phone", 20))
            .col(string_len_null("email", 254))
            // Contract or registration number of a participating organisation.
            .col(string_len_null("registration_number", 64))
            .col(date_null("valid_from"))
            .col(date_null("valid_to"))
            .foreign_key(
                ForeignKey::create()
                    .from("organisations", "parent_id")
                    .to("organisations", "id"),
            )
            .foreign_key(
                ForeignKey::create()
                    .from("organisations", "merged_into_id")
                    .to("organisations", "id"),
            );
        with_bookkeeping(&mut t, true);
        manager.create_table(t.to_owned()).await?;
        index(
            manager,
            "organisations",
            "organisations_parent",
            &["parent_id", "id"],
        )
        .await?;
        index(
            manager,
            "organisations",
            "organisations_province",
            &["province_code", "id"],
        )
        .await?;
        index(
            manager,
            "organisations",
            "organisations_centre",
            &["centre_id", "id"],
        )
        .await?;
        index(
            manager,
            "organisations",
            "organisations_kind",
            &["kind", "id"],
        )
        .await
    }
}
