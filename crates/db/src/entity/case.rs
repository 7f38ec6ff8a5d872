use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub province_code: Option<String>,
    pub centre_id: Option<Uuid>,
    pub status: String,
    pub channel: String,
    pub referral_received_at: Option<DateTimeUtc>,
    pub request_date: Date,
    pub form_of_aid: String,
    pub field_of_law: String,
    pub summary: String,
    pub eligibility_codes: String,
    pub missing_proof: Json,
    pub urgent: bool,
    pub proof_due_on: Option<Date>,
    pub code: Option<String>,
    pub register_year: Option<i32>,
    pub register_number: Option<i32>,
    pub accepted_on: Option<Date>,
    pub refusal_ground: Option<String>,
    pub discontinuation_ground: Option<String>,
    pub closed_on: Option<Date>,
    pub outcome: Option<String>,
    pub practitioner_id: Option<Uuid>,
    pub reassignment_requested_on: Option<Date>,
    pub reassignment_due_on: Option<Date>,
    pub success_criterion: Option<String>,
    pub success_evidence: Option<String>,
    pub success_document_id: Option<Uuid>,
    /// `completeness::assess(case).score`, kept on every write; -1 until
    /// backfilled for rows written before the column existed.
    pub completeness_score: i16,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub search_text: String,
    /// The old system's id and a digest of the imported row (issue #15).
    pub legacy_id: Option<String>,
    pub legacy_digest: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
