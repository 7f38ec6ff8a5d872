//! Forms 24 and 25 in SQL (DOMAIN §8): the template's counting rules
//! (`tgpl_domain::report`) translated once into conditions. The same
//! conditions aggregate a table and list the cases behind any of its cells.
use crate::DbError;
use crate::entity::case;
use crate::scope::{self, ScopeColumns};
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, JoinType, Query, SelectStatement,
};
use sea_orm::{ColumnTrait, ConnectionTrait};
use tgpl_domain::case::{FieldOfLaw, FormOfAid};
use tgpl_domain::report::{Bucket, ColumnRule, Population, ReportPeriod, RowDef, Template};
use tgpl_domain::{ProvinceCode, ScopeFilter};
use uuid::Uuid;

/// Whose cases a report counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportUnit {
    Nation,
    Province(ProvinceCode),
    /// One organisation's own register (a centre, branch or participating
    /// organisation).
    Organisation(Uuid),
}

fn beneficiary(col: &str) -> Expr {
    Expr::col((Alias::new("b"), Alias::new(col)))
}

/// The cases a report looks at: the caller's scope, the unit and the
/// form's population in the period, with the beneficiary, practitioner and
/// handling organisation joined for the column rules.
fn population(
    visible: ScopeFilter,
    unit: ReportUnit,
    template: &Template,
    period: &ReportPeriod,
) -> SelectStatement {
    use case::Column as K;
    let cols = ScopeColumns {
        province: K::ProvinceCode,
        centre: K::CentreId,
        org: K::OrganisationId,
        user: None,
        practitioner: Some(K::PractitionerId),
    };
    // Join only what the template's columns read: form 25 never looks at
    // the beneficiary, form 24 never at the practitioner.
    let rules = || template.columns.iter().map(|c| &c.count);
    let reads_beneficiary = rules().any(|r| match r {
        ColumnRule::Sex { .. } => true,
        ColumnRule::Categories { roles, .. } => !roles.is_empty(),
        _ => false,
    });
    let reads_practitioner = rules().any(|r| matches!(r, ColumnRule::Practitioners { .. }));
    let reads_organisation = rules().any(|r| {
        matches!(r, ColumnRule::Practitioners { organisations, .. } if !organisations.is_empty())
    });
    let mut q = Query::select();
    q.from(case::Entity);
    if reads_beneficiary {
        q.join_as(
            JoinType::LeftJoin,
            Alias::new("case_parties"),
            Alias::new("b"),
            Condition::all()
                .add(beneficiary("case_id").equals((case::Entity, K::Id)))
                .add(beneficiary("role").eq("beneficiary")),
        );
    }
    if reads_practitioner {
        q.join_as(
            JoinType::LeftJoin,
            Alias::new("practitioners"),
            Alias::new("p"),
            Expr::col((Alias::new("p"), Alias::new("id")))
                .equals((case::Entity, K::PractitionerId)),
        );
    }
    if reads_organisation {
        q.join_as(
            JoinType::LeftJoin,
            Alias::new("organisations"),
            Alias::new("o"),
            Expr::col((Alias::new("o"), Alias::new("id")))
                .equals((case::Entity, K::OrganisationId)),
        );
    }
    q.cond_where(scope::condition(visible, &cols));
    match unit {
        ReportUnit::Nation => {}
        ReportUnit::Province(p) => {
            q.and_where(K::ProvinceCode.eq(p.as_str()));
        }
        ReportUnit::Organisation(id) => {
            q.and_where(K::OrganisationId.eq(id));
        }
    }
    match template.form.population() {
        Population::AcceptedInPeriod => {
            q.and_where(K::AcceptedOn.gte(period.from))
                .and_where(K::AcceptedOn.lte(period.actual_to));
        }
        Population::HandledInPeriod => {
            q.and_where(K::AcceptedOn.lte(period.actual_to)).cond_where(
                Condition::any()
                    .add(K::ClosedOn.is_null())
                    .add(K::ClosedOn.gte(period.from)),
            );
        }
    }
    q
}

/// A column's rule as a condition on the population's rows; `None` counts
/// every row.
fn column_condition(rule: &ColumnRule, period: &ReportPeriod) -> Option<Condition> {
    use case::Column as K;
    let c = match rule {
        ColumnRule::All => return None,
        ColumnRule::Sex { sex } => Condition::all().add(beneficiary("sex").eq(sex.as_str())),
        ColumnRule::Categories {
            all_of,
            roles,
            or_unrecorded_role,
        } => {
            let padded = Expr::cust("(',' || cases.eligibility_codes || ',')");
            let mut c = Condition::all();
            for code in all_of {
                c = c.add(padded.clone().like(format!("%,{code},%")));
            }
            if !roles.is_empty() {
                let mut any = Condition::any()
                    .add(beneficiary("procedural_role").is_in(roles.iter().map(|r| r.as_str())));
                if *or_unrecorded_role {
                    any = any.add(beneficiary("procedural_role").is_null());
                }
                c = c.add(any);
            }
            c
        }
        ColumnRule::CarriedOver => Condition::all().add(K::AcceptedOn.lt(period.from)),
        ColumnRule::AcceptedInPeriod => Condition::all()
            .add(K::AcceptedOn.gte(period.from))
            .add(K::AcceptedOn.lte(period.actual_to)),
        ColumnRule::Concluded => Condition::all()
            .add(crate::cases::concluded())
            .add(K::ClosedOn.gte(period.from))
            .add(K::ClosedOn.lte(period.actual_to)),
        ColumnRule::Practitioners {
            kinds,
            organisations,
        } => {
            let mut c = Condition::all().add(K::PractitionerId.is_not_null());
            if !kinds.is_empty() {
                c = c.add(
                    Expr::col((Alias::new("p"), Alias::new("kind")))
                        .is_in(kinds.iter().map(|k| k.as_str())),
                );
            }
            if !organisations.is_empty() {
                c = c.add(
                    Expr::col((Alias::new("o"), Alias::new("kind")))
                        .is_in(organisations.iter().map(|k| k.as_str())),
                );
            }
            c
        }
    };
    Some(c)
}

fn row_condition(row: &RowDef) -> Condition {
    use case::Column as K;
    let mut c = Condition::all();
    if !row.fields.is_empty() {
        c = c.add(K::FieldOfLaw.is_in(row.fields.iter().map(|f| f.as_str())));
    }
    if !row.forms.is_empty() {
        c = c.add(K::FormOfAid.is_in(row.forms.iter().map(|f| f.as_str())));
    }
    c
}

/// The counts of every column per (field of law, form of aid), in one
/// aggregate query.
pub async fn buckets<C: ConnectionTrait>(
    conn: &C,
    visible: ScopeFilter,
    unit: ReportUnit,
    template: &Template,
    period: &ReportPeriod,
) -> Result<Vec<Bucket>, DbError> {
    use case::Column as K;
    let mut q = population(visible, unit, template, period);
    q.column((case::Entity, K::FieldOfLaw))
        .column((case::Entity, K::FormOfAid));
    for (i, col) in template.columns.iter().enumerate() {
        let counted: Expr = match column_condition(&col.count, period) {
            None => Expr::cust("1"),
            Some(cond) => Expr::case(cond, 1).finally(0).into(),
        };
        // Cast: SUM is a numeric on PostgreSQL, an integer on SQLite.
        q.expr_as(
            Func::cast_as(Func::sum(counted), Alias::new("BIGINT")),
            Alias::new(format!("c{i}")),
        );
    }
    q.group_by_col((case::Entity, K::FieldOfLaw))
        .group_by_col((case::Entity, K::FormOfAid));
    let rows = conn.query_all(&q).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let field: String = r.try_get("", "field_of_law")?;
        let form: String = r.try_get("", "form_of_aid")?;
        let (Ok(field), Ok(form)) = (FieldOfLaw::parse(&field), FormOfAid::parse(&form)) else {
            continue; // a value no template row holds
        };
        let mut counts = Vec::with_capacity(template.columns.len());
        for i in 0..template.columns.len() {
            let n: i64 = r.try_get("", &format!("c{i}"))?;
            counts.push(u64::try_from(n).unwrap_or(0));
        }
        out.push(Bucket {
            field,
            form,
            counts,
        });
    }
    Ok(out)
}

/// The ids of the cases behind one cell, for a case query's `id IN (…)`.
pub fn cell_cases(
    visible: ScopeFilter,
    unit: ReportUnit,
    template: &Template,
    period: &ReportPeriod,
    row: &RowDef,
    rule: &ColumnRule,
) -> SelectStatement {
    let mut q = population(visible, unit, template, period);
    q.column((case::Entity, case::Column::Id))
        .cond_where(row_condition(row));
    if let Some(c) = column_condition(rule, period) {
        q.cond_where(c);
    }
    q
}
