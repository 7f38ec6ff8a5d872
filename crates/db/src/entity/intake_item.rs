use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "intake_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tracking_code: String,
    pub secret_hash: String,
    pub status: String,
    pub channel: String,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<String>,
    pub received_at: DateTimeUtc,
    pub received_on: Date,
    pub details: Json,
    pub contact_phone: Option<String>,
    pub case_id: Option<Uuid>,
    pub merged_into: Option<Uuid>,
    pub rejection_reason: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
