//! The beneficiary's feedback on a case, given online with the receipt's
//! code and secret (issue #12). One per case (a unique index); the form's
//! text is also a document of the case file (`feedback_form`), named here.
use crate::common::{index, unique_index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("case_feedback")
                    .col(uuid("id").primary_key())
                    .col(uuid("case_id"))
                    .col(string_len("satisfaction", 16))
                    .col(boolean_null("kept_informed"))
                    .col(boolean_null("on_time"))
                    .col(text_null("comment"))
                    .col(timestamp_with_time_zone("given_at"))
                    .col(date("given_on"))
                    .col(uuid("document_id"))
                    // Scope columns: who reads the case reads its feedback.
                    .col(uuid("organisation_id"))
                    .col(string_len_null("province_code", 2))
                    .to_owned(),
            )
            .await?;
        unique_index(manager, "case_feedback", "case_feedback_case", &["case_id"]).await?;
        index(
            manager,
            "case_feedback",
            "case_feedback_given",
            &["province_code", "given_on"],
        )
        .await
    }
}
