use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "practitioners")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub full_name: String,
    pub kind: String,
    pub card_number: String,
    pub organisation_id: Uuid,
    pub province_code: Option<String>,
    pub centre_id: Option<Uuid>,
    pub status: String,
    pub sex: Option<String>,
    pub date_of_birth: Option<Date>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub contract_start: Option<Date>,
    pub contract_end: Option<Date>,
    pub annual_quota: Option<i32>,
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
