use sea_orm::entity::prelude::*;

// Deserialize: PostgreSQL hands a case file's rows back as JSON (case_file.rs).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "case_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub practitioner_id: Uuid,
    pub assigned_on: Date,
    pub ended_on: Option<Date>,
    pub reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
