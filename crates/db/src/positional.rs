//! Hot rows read by position instead of by name.
//!
//! sea-orm's derived `FromQueryResult` looks each column up by a name it
//! formats per column and row: on a page of 51 case rows that was 20% of
//! the province list's CPU, 12.8% in `core::fmt::write` alone (BENCHMARKS,
//! session 22's profile). `Entity::find()` selects the columns in
//! `Column::iter()` order, which is the order of the model's fields, so the
//! lists read them by index. The unit tests below hold each reader to the
//! derived one on a row whose every column differs.
use crate::entity::{case, case_party};
use sea_orm::{DbErr, EntityTrait, FromQueryResult, Iterable, QueryResult};

/// Hands out the column indexes in select order.
struct Columns(usize);

impl Columns {
    fn next(&mut self) -> usize {
        self.0 += 1;
        self.0 - 1
    }
}

/// How many columns `E::find()` selects: what a statement adds after them
/// (`column_as`) starts at this index.
pub(crate) fn width<E: EntityTrait>() -> usize {
    E::Column::iter().count()
}

/// A `cases` row as `case::Entity::find()` selects it. Fields are listed in
/// the model's order: a struct literal evaluates them as written.
pub(crate) fn case(r: &QueryResult) -> Result<case::Model, DbErr> {
    let mut c = Columns(0);
    Ok(case::Model {
        id: r.try_get_by_index(c.next())?,
        organisation_id: r.try_get_by_index(c.next())?,
        province_code: r.try_get_by_index(c.next())?,
        centre_id: r.try_get_by_index(c.next())?,
        status: r.try_get_by_index(c.next())?,
        channel: r.try_get_by_index(c.next())?,
        referral_received_at: r.try_get_by_index(c.next())?,
        request_date: r.try_get_by_index(c.next())?,
        form_of_aid: r.try_get_by_index(c.next())?,
        field_of_law: r.try_get_by_index(c.next())?,
        summary: r.try_get_by_index(c.next())?,
        eligibility_codes: r.try_get_by_index(c.next())?,
        missing_proof: r.try_get_by_index(c.next())?,
        urgent: r.try_get_by_index(c.next())?,
        proof_due_on: r.try_get_by_index(c.next())?,
        code: r.try_get_by_index(c.next())?,
        register_year: r.try_get_by_index(c.next())?,
        register_number: r.try_get_by_index(c.next())?,
        accepted_on: r.try_get_by_index(c.next())?,
        refusal_ground: r.try_get_by_index(c.next())?,
        discontinuation_ground: r.try_get_by_index(c.next())?,
        closed_on: r.try_get_by_index(c.next())?,
        outcome: r.try_get_by_index(c.next())?,
        practitioner_id: r.try_get_by_index(c.next())?,
        reassignment_requested_on: r.try_get_by_index(c.next())?,
        reassignment_due_on: r.try_get_by_index(c.next())?,
        success_criterion: r.try_get_by_index(c.next())?,
        success_evidence: r.try_get_by_index(c.next())?,
        success_document_id: r.try_get_by_index(c.next())?,
        completeness_score: r.try_get_by_index(c.next())?,
        version: r.try_get_by_index(c.next())?,
        created_at: r.try_get_by_index(c.next())?,
        updated_at: r.try_get_by_index(c.next())?,
        search_text: r.try_get_by_index(c.next())?,
        legacy_id: r.try_get_by_index(c.next())?,
        legacy_digest: r.try_get_by_index(c.next())?,
    })
}

/// A `case_parties` row as `case_party::Entity::find()` selects it.
pub(crate) fn party(r: &QueryResult) -> Result<case_party::Model, DbErr> {
    let mut c = Columns(0);
    Ok(case_party::Model {
        id: r.try_get_by_index(c.next())?,
        case_id: r.try_get_by_index(c.next())?,
        role: r.try_get_by_index(c.next())?,
        full_name: r.try_get_by_index(c.next())?,
        name_folded: r.try_get_by_index(c.next())?,
        sex: r.try_get_by_index(c.next())?,
        date_of_birth: r.try_get_by_index(c.next())?,
        procedural_role: r.try_get_by_index(c.next())?,
        ethnicity: r.try_get_by_index(c.next())?,
        address: r.try_get_by_index(c.next())?,
        phone: r.try_get_by_index(c.next())?,
        id_number: r.try_get_by_index(c.next())?,
        person_id: r.try_get_by_index(c.next())?,
    })
}

/// A party row read by position, for `Select::into_model`.
pub(crate) struct PartyRow(pub case_party::Model);

impl FromQueryResult for PartyRow {
    fn from_query_result(r: &QueryResult, _pre: &str) -> Result<Self, DbErr> {
        party(r).map(Self)
    }
}

/// The derived, by-name reader of the same model: what the tests compare with.
#[cfg(test)]
fn by_name<M: FromQueryResult>(r: &QueryResult) -> Result<M, DbErr> {
    M::from_query_result(r, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{case, case_party};
    use chrono::{NaiveDate, TimeZone, Utc};
    use sea_orm::{
        ActiveModelTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
        IntoActiveModel, QueryTrait,
    };
    use tgpl_migration::MigratorTrait;
    use uuid::Uuid;

    /// A migrated SQLite database on one connection, foreign keys off so a
    /// case row needs no organisation.
    async fn database() -> DatabaseConnection {
        let mut options = ConnectOptions::new("sqlite::memory:");
        options
            .max_connections(1)
            .min_connections(1)
            .sqlx_logging(false);
        let db = Database::connect(options).await.unwrap();
        db.execute_unprepared("PRAGMA foreign_keys = OFF")
            .await
            .unwrap();
        tgpl_migration::Migrator::up(&db, None).await.unwrap();
        db
    }

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 1, n).unwrap()
    }

    fn id() -> Uuid {
        Uuid::now_v7()
    }

    /// Every column its own value, so two columns read in each other's place
    /// cannot go unnoticed.
    fn distinct_case() -> case::Model {
        case::Model {
            id: id(),
            organisation_id: id(),
            province_code: Some("01".into()),
            centre_id: Some(id()),
            status: "in_progress".into(),
            channel: "post".into(),
            referral_received_at: Some(Utc.with_ymd_and_hms(2020, 1, 1, 8, 0, 0).unwrap()),
            request_date: day(2),
            form_of_aid: "advice".into(),
            field_of_law: "land".into(),
            summary: "summary".into(),
            eligibility_codes: "1,2".into(),
            missing_proof: serde_json::json!(["proof"]),
            urgent: true,
            proof_due_on: Some(day(3)),
            code: Some("TT.TV.01.2020".into()),
            register_year: Some(2020),
            register_number: Some(7),
            accepted_on: Some(day(4)),
            refusal_ground: Some("refusal".into()),
            discontinuation_ground: Some("discontinuation".into()),
            closed_on: Some(day(5)),
            outcome: Some("outcome".into()),
            practitioner_id: Some(id()),
            reassignment_requested_on: Some(day(6)),
            reassignment_due_on: Some(day(7)),
            success_criterion: Some("criterion".into()),
            success_evidence: Some("evidence".into()),
            success_document_id: Some(id()),
            completeness_score: 42,
            version: 3,
            created_at: Utc.with_ymd_and_hms(2020, 1, 2, 9, 0, 0).unwrap(),
            updated_at: Utc.with_ymd_and_hms(2020, 1, 3, 10, 0, 0).unwrap(),
            search_text: "search".into(),
            legacy_id: Some("legacy".into()),
            legacy_digest: Some("digest".into()),
        }
    }

    fn distinct_party(case_id: Uuid) -> case_party::Model {
        case_party::Model {
            id: id(),
            case_id,
            role: "beneficiary".into(),
            full_name: "Nguyễn Văn A".into(),
            name_folded: "nguyen van a".into(),
            sex: Some("male".into()),
            date_of_birth: Some(day(8)),
            procedural_role: Some("victim".into()),
            ethnicity: Some("Kinh".into()),
            address: Some("address".into()),
            phone: Some("0912345678".into()),
            id_number: Some("001234567890".into()),
            person_id: Some(id()),
        }
    }

    #[tokio::test]
    async fn case_and_party_rows_read_by_position_equal_the_rows_read_by_name() {
        let db = database().await;
        let case = distinct_case();
        case.clone().into_active_model().insert(&db).await.unwrap();
        let party = distinct_party(case.id);
        party.clone().into_active_model().insert(&db).await.unwrap();
        let backend = db.get_database_backend();

        let rows = db
            .query_all_raw(case::Entity::find().build(backend))
            .await
            .unwrap();
        assert_eq!(by_name::<case::Model>(&rows[0]).unwrap(), case);
        assert_eq!(super::case(&rows[0]).unwrap(), case);

        let rows = db
            .query_all_raw(case_party::Entity::find().build(backend))
            .await
            .unwrap();
        assert_eq!(by_name::<case_party::Model>(&rows[0]).unwrap(), party);
        assert_eq!(super::party(&rows[0]).unwrap(), party);
    }
}
