//! What the daily deadline scan looks at: hearings coming up, proof and
//! reassignment answers falling due (issue #14).
use crate::DbError;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query};
use uuid::Uuid;

/// A hearing and whom it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpcomingHearing {
    pub hearing_id: Uuid,
    pub case_id: Uuid,
    pub case_code: Option<String>,
    pub starts_at: DateTime<Utc>,
    /// The practitioner who attends (else the case's practitioner).
    pub practitioner_id: Option<Uuid>,
}

/// Hearings starting in `[from, to)`.
pub async fn hearings_between<C: ConnectionTrait>(
    conn: &C,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<UpcomingHearing>, DbError> {
    let h = Alias::new("hearings");
    let c = Alias::new("cases");
    let col = |t: &Alias, n: &str| Expr::col((t.clone(), Alias::new(n)));
    let stmt = Query::select()
        .expr_as(col(&h, "id"), Alias::new("hearing_id"))
        .expr_as(col(&h, "case_id"), Alias::new("case_id"))
        .expr_as(col(&c, "code"), Alias::new("case_code"))
        .expr_as(col(&h, "starts_at"), Alias::new("starts_at"))
        .expr_as(col(&h, "practitioner_id"), Alias::new("attending"))
        .expr_as(col(&c, "practitioner_id"), Alias::new("assigned"))
        .from(h.clone())
        .join(
            JoinType::InnerJoin,
            c.clone(),
            col(&c, "id").equals((h.clone(), Alias::new("case_id"))),
        )
        .and_where(col(&h, "starts_at").gte(from))
        .and_where(col(&h, "starts_at").lt(to))
        .order_by((h, Alias::new("starts_at")), Order::Asc)
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            let attending: Option<Uuid> = r.try_get("", "attending")?;
            let assigned: Option<Uuid> = r.try_get("", "assigned")?;
            Ok(UpcomingHearing {
                hearing_id: r.try_get("", "hearing_id")?,
                case_id: r.try_get("", "case_id")?,
                case_code: r.try_get("", "case_code")?,
                starts_at: r.try_get("", "starts_at")?,
                practitioner_id: attending.or(assigned),
            })
        })
        .collect()
}

/// A case with a deadline running.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDeadline {
    pub case_id: Uuid,
    pub case_code: Option<String>,
    pub organisation_id: Uuid,
    pub centre_id: Option<Uuid>,
    pub practitioner_id: Option<Uuid>,
    pub due_on: NaiveDate,
}

/// Which deadline of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineColumn {
    /// An urgent case's proof of eligibility.
    Proof,
    /// The answer to a reassignment request (form 04).
    ReassignmentAnswer,
}

/// Cases in one of `states` whose `which` deadline falls in `[from, to]`.
pub async fn deadlines_between<C: ConnectionTrait>(
    conn: &C,
    which: DeadlineColumn,
    from: NaiveDate,
    to: NaiveDate,
    states: &[tgpl_domain::case::CaseState],
    visible: tgpl_domain::ScopeFilter,
) -> Result<Vec<CaseDeadline>, DbError> {
    use crate::entity::case::Column as K;
    let cols = crate::scope::ScopeColumns {
        province: K::ProvinceCode,
        centre: K::CentreId,
        org: K::OrganisationId,
        user: None,
        practitioner: Some(K::PractitionerId),
    };
    let due = match which {
        DeadlineColumn::Proof => "proof_due_on",
        DeadlineColumn::ReassignmentAnswer => "reassignment_due_on",
    };
    let stmt = Query::select()
        .columns([
            "id",
            "code",
            "organisation_id",
            "centre_id",
            "practitioner_id",
        ])
        .expr_as(Expr::col(due), Alias::new("due_on"))
        .from("cases")
        .and_where(Expr::col(due).gte(from))
        .and_where(Expr::col(due).lte(to))
        .and_where(Expr::col("status").is_in(states.iter().map(|s| s.as_str())))
        .cond_where(crate::scope::condition(visible, &cols))
        .order_by("id", Order::Asc)
        .to_owned();
    conn.query_all(&stmt)
        .await?
        .iter()
        .map(|r| {
            Ok(CaseDeadline {
                case_id: r.try_get("", "id")?,
                case_code: r.try_get("", "code")?,
                organisation_id: r.try_get("", "organisation_id")?,
                centre_id: r.try_get("", "centre_id")?,
                practitioner_id: r.try_get("", "practitioner_id")?,
                due_on: r.try_get("", "due_on")?,
            })
        })
        .collect()
}
