use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "person_merges")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kept_id: Uuid,
    pub merged_id: Uuid,
    /// JSON array of the party ids the merge moved.
    pub party_ids: String,
    pub reason: Option<String>,
    pub merged_by: Option<Uuid>,
    pub merged_at: DateTimeUtc,
    pub undone_by: Option<Uuid>,
    pub undone_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
