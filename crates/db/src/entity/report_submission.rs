use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "report_submissions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub form: String,
    pub template_id: String,
    pub period_kind: String,
    pub period_from: Date,
    pub period_to: Date,
    pub actual_to: Date,
    pub unit_kind: String,
    pub unit_key: String,
    pub organisation_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<String>,
    pub revision: i32,
    pub status: String,
    pub snapshot: Json,
    pub submitted_by: Option<Uuid>,
    pub submitted_at: DateTimeUtc,
    pub due_on: Option<Date>,
    pub late: bool,
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub reason: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
