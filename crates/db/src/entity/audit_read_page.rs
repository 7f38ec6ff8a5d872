use sea_orm::entity::prelude::*;

/// The records of one place a list page showed (the event is in
/// `audit_events`). Only for building queries: the `entity_ids` column is a
/// `uuid[]` on PostgreSQL and text on SQLite, so rows are written and
/// matched with SQL of each backend (`read_audit`, `audit::list`) and the
/// model leaves it out.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_read_pages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub province_code: Option<String>,
    pub centre_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
