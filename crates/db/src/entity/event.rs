use sea_orm::entity::prelude::*;

/// The outbox (`events`): written by `events::append_many`, read here for
/// the columns the change feed scopes by.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub seq: i64,
    pub id: Uuid,
    #[sea_orm(column_name = "type")]
    pub type_: String,
    pub case_id: Uuid,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub province_code: Option<String>,
    pub practitioner_id: Option<Uuid>,
    pub occurred_on: Date,
    pub recorded_at: DateTimeUtc,
    pub actor_id: Option<Uuid>,
    pub payload: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
