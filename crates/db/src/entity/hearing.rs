use sea_orm::entity::prelude::*;

// Deserialize: PostgreSQL hands a case file's rows back as JSON (case_file.rs).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "hearings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<String>,
    pub practitioner_id: Option<Uuid>,
    pub court: String,
    pub starts_at: DateTimeUtc,
    pub mode: String,
    pub location: Option<String>,
    pub notes: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
