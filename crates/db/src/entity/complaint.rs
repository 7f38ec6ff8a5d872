use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tracking_code: String,
    pub secret_hash: String,
    pub kind: String,
    pub status: String,
    pub handler_org_id: Uuid,
    pub handler_centre_id: Option<Uuid>,
    pub province_code: Option<String>,
    pub concerned_org_id: Option<Uuid>,
    pub case_code: Option<String>,
    pub complainant: Json,
    pub contact_phone: Option<String>,
    pub content: String,
    pub received_at: DateTimeUtc,
    pub received_on: Date,
    pub forward_due_on: Date,
    pub answer_due_on: Date,
    pub forwarded_at: Option<DateTimeUtc>,
    pub forwarded_by: Option<Uuid>,
    pub forward_note: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
    pub answered_by: Option<Uuid>,
    pub answer: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
