//! Scoped integration keys and their rotation (issue #14 item 6): a key
//! holds the scopes it was given, separated by spaces (`cases:read
//! cases:create`). Keys from before scopes hold `*` (every scope) until
//! rotated or revoked. A rotated key names its successor.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for col in [
            text("scopes").default("*").to_owned(),
            uuid_null("replaced_by"),
        ] {
            let mut col = col;
            manager
                .alter_table(
                    Table::alter()
                        .table("api_keys")
                        .add_column(&mut col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
