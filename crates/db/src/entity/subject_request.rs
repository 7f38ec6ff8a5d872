use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "subject_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub status: String,
    pub case_id: Uuid,
    pub party_id: Uuid,
    pub channel: String,
    pub details: Option<String>,
    pub received_at: DateTimeUtc,
    pub received_on: Date,
    pub due_on: Date,
    pub recorded_by: Option<Uuid>,
    pub answered_at: Option<DateTimeUtc>,
    pub answered_by: Option<Uuid>,
    pub answer: Option<String>,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
