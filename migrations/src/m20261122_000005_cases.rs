use crate::common::{index, unique_index, with_bookkeeping};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("cases")
            .col(uuid("id").primary_key())
            .col(uuid("organisation_id"))
            .col(string_len_null("province_code", 2))
            .col(uuid_null("centre_id"))
            .col(string_len("status", 24))
            .col(string_len("channel", 16))
            .col(timestamp_with_time_zone_null("referral_received_at"))
            .col(date("request_date"))
            .col(string_len("form_of_aid", 32))
            .col(string_len("field_of_law", 24))
            .col(text("summary"))
            // Codes of the eligibility categories claimed, comma-separated.
            .col(string_len("eligibility_codes", 200))
            .col(json("missing_proof"))
            .col(boolean("urgent").default(false))
            .col(date_null("proof_due_on"))
            .col(string_len_null("code", 40))
            .col(integer_null("register_year"))
            .col(integer_null("register_number"))
            .col(date_null("accepted_on"))
            .col(string_len_null("refusal_ground", 48))
            .col(string_len_null("discontinuation_ground", 48))
            .col(date_null("closed_on"))
            .col(text_null("outcome"))
            .col(uuid_null("practitioner_id"))
            .foreign_key(
                ForeignKey::create()
                    .from("cases", "organisation_id")
                    .to("organisations", "id"),
            )
            .foreign_key(
                ForeignKey::create()
                    .from("cases", "practitioner_id")
                    .to("practitioners", "id"),
            );
        with_bookkeeping(&mut t, true);
        manager.create_table(t.to_owned()).await?;
        // Every centre's abbreviation is `TT`: codes are unique within an organisation.
        unique_index(
            manager,
            "cases",
            "cases_org_code",
            &["organisation_id", "code"],
        )
        .await?;
        index(manager, "cases", "cases_code", &["code"]).await?;
        // One entry per number in an organisation's register for a year.
        unique_index(
            manager,
            "cases",
            "cases_register",
            &["organisation_id", "register_year", "register_number"],
        )
        .await?;
        index(manager, "cases", "cases_org", &["organisation_id", "id"]).await?;
        index(manager, "cases", "cases_centre", &["centre_id", "id"]).await?;
        index(manager, "cases", "cases_province", &["province_code", "id"]).await?;
        index(
            manager,
            "cases",
            "cases_practitioner",
            &["practitioner_id", "id"],
        )
        .await?;
        index(manager, "cases", "cases_status", &["status", "id"]).await?;

        manager
            .create_table(
                Table::create()
                    .table("case_parties")
                    .col(uuid("id").primary_key())
                    .col(uuid("case_id"))
                    .col(string_len("role", 24))
                    .col(string_len("full_name", 200))
                    // Folded name: the conflict check compares these.
                    .col(string_len("name_folded", 200))
                    .col(string_len_null("sex", 8))
                    .col(date_null("date_of_birth"))
                    .col(string_len_null("ethnicity", 64))
                    .col(string_len_null("address", 500))
                    .col(string_len_null("phone", 20))
                    .col(string_len_null("id_number", 20))
                    .foreign_key(
                        ForeignKey::create()
                            .from("case_parties", "case_id")
                            .to("cases", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "case_parties", "case_parties_case", &["case_id"]).await?;
        index(
            manager,
            "case_parties",
            "case_parties_name",
            &["name_folded"],
        )
        .await?;
        index(
            manager,
            "case_parties",
            "case_parties_id_number",
            &["id_number"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("case_assignments")
                    .col(uuid("id").primary_key())
                    .col(uuid("case_id"))
                    .col(uuid("practitioner_id"))
                    .col(date("assigned_on"))
                    .col(date_null("ended_on"))
                    .col(string_len_null("reason", 500))
                    .foreign_key(
                        ForeignKey::create()
                            .from("case_assignments", "case_id")
                            .to("cases", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "case_assignments",
            "case_assignments_practitioner",
            &["practitioner_id"],
        )
        .await?;
        index(
            manager,
            "case_assignments",
            "case_assignments_case",
            &["case_id"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("case_activities")
                    .col(uuid("id").primary_key())
                    .col(uuid("case_id"))
                    .col(string_len("kind", 32))
                    .col(date("occurred_on"))
                    .col(text("description"))
                    .col(uuid_null("recorded_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("case_activities", "case_id")
                            .to("cases", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "case_activities",
            "case_activities_case",
            &["case_id", "occurred_on"],
        )
        .await?;

        // The register (sổ thụ lý): the last number issued per organisation and year.
        manager
            .create_table(
                Table::create()
                    .table("register_counters")
                    .col(uuid("organisation_id"))
                    .col(integer("year"))
                    .col(integer("last_number"))
                    .primary_key(Index::create().col("organisation_id").col("year"))
                    .to_owned(),
            )
            .await
    }
}
