//! Columns every mutable table carries (DESIGN: Persistence).
use sea_orm_migration::{prelude::*, schema::*};

/// `version`, `created_at`, `updated_at` and the folded `search_text`.
pub fn with_bookkeeping(
    table: &mut TableCreateStatement,
    searchable: bool,
) -> &mut TableCreateStatement {
    table
        .col(integer("version").default(1))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"));
    if searchable {
        table.col(text("search_text").default(""));
    }
    table
}

pub async fn index(
    manager: &SchemaManager<'_>,
    table: &'static str,
    name: &'static str,
    cols: &[&'static str],
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for c in cols {
        stmt.col(*c);
    }
    manager.create_index(stmt.to_owned()).await
}

pub async fn unique_index(
    manager: &SchemaManager<'_>,
    table: &'static str,
    name: &'static str,
    cols: &[&'static str],
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table).unique();
    for c in cols {
        stmt.col(*c);
    }
    manager.create_index(stmt.to_owned()).await
}
