use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub abbreviation: String,
    pub province_code: Option<String>,
    pub parent_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub status: String,
    pub merged_into_id: Option<Uuid>,
    pub merged_on: Option<Date>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub registration_number: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub search_text: String,
    /// The old system's id and a digest of the imported row (issue #15).
    pub legacy_id: Option<String>,
    pub legacy_digest: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
