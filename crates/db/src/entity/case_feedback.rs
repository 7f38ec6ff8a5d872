use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "case_feedback")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub satisfaction: String,
    pub kept_informed: Option<bool>,
    pub on_time: Option<bool>,
    pub comment: Option<String>,
    pub given_at: DateTimeUtc,
    pub given_on: Date,
    pub document_id: Uuid,
    pub organisation_id: Uuid,
    pub province_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
