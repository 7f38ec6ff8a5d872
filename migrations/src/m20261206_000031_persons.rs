//! People, not just parties (issue #15 item 3): a person registry that
//! links the parties of different cases. A party points at its person; a
//! person merged into another keeps its row (`merged_into_id`), and each
//! merge remembers the parties it moved so that it can be undone.
use crate::common::{index, with_bookkeeping};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                with_bookkeeping(
                    Table::create()
                        .table("persons")
                        .col(uuid("id").primary_key())
                        .col(string_len("full_name", 200))
                        .col(string_len("name_folded", 200))
                        .col(date_null("date_of_birth"))
                        // Normalised (no spaces, upper case).
                        .col(string_len_null("id_number", 20))
                        // Where the person was first seen.
                        .col(string_len_null("province_code", 2))
                        // Folded name and birth date: the match without an ID number.
                        .col(string_len_null("match_key", 220))
                        .col(uuid_null("merged_into_id")),
                    false,
                )
                .to_owned(),
            )
            .await?;
        index(manager, "persons", "persons_id_number", &["id_number"]).await?;
        index(manager, "persons", "persons_match_key", &["match_key"]).await?;
        index(manager, "persons", "persons_name", &["name_folded"]).await?;
        let mut col = uuid_null("person_id");
        manager
            .alter_table(
                Table::alter()
                    .table("case_parties")
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "case_parties",
            "case_parties_person",
            &["person_id"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("person_merges")
                    .col(uuid("id").primary_key())
                    .col(uuid("kept_id"))
                    .col(uuid("merged_id"))
                    // The parties the merge moved, as a JSON array of ids.
                    .col(text("party_ids"))
                    .col(text_null("reason"))
                    .col(uuid_null("merged_by"))
                    .col(timestamp_with_time_zone("merged_at"))
                    .col(uuid_null("undone_by"))
                    .col(timestamp_with_time_zone_null("undone_at"))
                    .to_owned(),
            )
            .await?;
        index(manager, "person_merges", "person_merges_kept", &["kept_id"]).await?;
        index(
            manager,
            "person_merges",
            "person_merges_merged",
            &["merged_id"],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("person_distinct")
                    // A suggested pair leadership judged to be two people:
                    // not suggested again (lower id first).
                    .col(uuid("first_id"))
                    .col(uuid("second_id"))
                    .col(uuid_null("decided_by"))
                    .col(timestamp_with_time_zone("decided_at"))
                    .primary_key(Index::create().col("first_id").col("second_id"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["person_distinct", "person_merges", "persons"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("case_parties_person")
                    .table("case_parties")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("case_parties")
                    .drop_column("person_id")
                    .to_owned(),
            )
            .await
    }
}
