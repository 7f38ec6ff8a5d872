use sea_orm::entity::prelude::*;

// Deserialize: PostgreSQL hands a case file's rows back as JSON (case_file.rs).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "case_parties")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub role: String,
    pub full_name: String,
    pub name_folded: String,
    pub sex: Option<String>,
    pub date_of_birth: Option<Date>,
    #[serde(default)]
    pub procedural_role: Option<String>,
    pub ethnicity: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    #[serde(default)]
    pub person_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
