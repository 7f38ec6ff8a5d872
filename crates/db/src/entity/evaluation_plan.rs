use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    pub owner_org_id: Uuid,
    pub province_code: Option<String>,
    pub concluded_from: Date,
    pub concluded_to: Date,
    pub forms: String,
    pub organisation_ids: Json,
    pub rate_percent: i16,
    pub seed: String,
    pub algorithm: String,
    pub sheet_id: String,
    pub candidates: i32,
    pub created_by: Uuid,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
