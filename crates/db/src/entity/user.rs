use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub role: String,
    pub organisation_id: Uuid,
    pub province_code: Option<String>,
    pub centre_id: Option<Uuid>,
    pub practitioner_id: Option<Uuid>,
    pub password_hash: Option<String>,
    pub status: String,
    pub locked: bool,
    pub locked_reason: Option<String>,
    pub failed_logins: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub must_change_password: bool,
    pub password_changed_at: Option<DateTimeUtc>,
    pub last_login_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
