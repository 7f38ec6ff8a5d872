use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "hotline_calls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub operator_id: Uuid,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<String>,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub topic: String,
    pub field_of_law: Option<String>,
    pub advice: Option<String>,
    pub outcome: String,
    pub started_at: DateTimeUtc,
    pub duration_seconds: i32,
    pub intake_id: Option<Uuid>,
    pub callback_due_at: Option<DateTimeUtc>,
    pub called_back_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
