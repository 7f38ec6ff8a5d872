//! Rows <-> domain records. A value that no longer parses (hand-edited row)
//! is reported as a database error rather than silently defaulted.
use crate::DbError;
use crate::entity::{audit_event, organisation, practitioner, practitioner_transfer, user};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    DbErr,
};
use tgpl_domain::records::{
    AuditEvent, Organisation, Practitioner, Transfer, UserAccount, UserStatus,
};
use tgpl_domain::{
    OrgKind, OrgStatus, ParseError, PractitionerKind, PractitionerStatus, ProvinceCode, Role, text,
};

fn bad(table: &str, e: ParseError) -> DbError {
    DbError::Db(DbErr::Custom(format!("invalid value in {table}: {e}")))
}

fn province(table: &str, code: Option<String>) -> Result<Option<ProvinceCode>, DbError> {
    code.map(|c| ProvinceCode::parse(&c))
        .transpose()
        .map_err(|e| bad(table, e))
}

pub fn organisation(m: organisation::Model) -> Result<Organisation, DbError> {
    let t = "organisations";
    Ok(Organisation {
        id: m.id,
        kind: OrgKind::parse(&m.kind).map_err(|e| bad(t, e))?,
        name: m.name,
        abbreviation: m.abbreviation,
        province_code: province(t, m.province_code)?,
        parent_id: m.parent_id,
        centre_id: m.centre_id,
        status: OrgStatus::parse(&m.status).map_err(|e| bad(t, e))?,
        merged_into_id: m.merged_into_id,
        merged_on: m.merged_on,
        address: m.address,
        phone: m.phone,
        email: m.email,
        registration_number: m.registration_number,
        valid_from: m.valid_from,
        valid_to: m.valid_to,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

pub fn organisation_row(o: &Organisation) -> organisation::ActiveModel {
    organisation::ActiveModel {
        id: Set(o.id),
        kind: Set(o.kind.as_str().to_owned()),
        name: Set(o.name.clone()),
        abbreviation: Set(o.abbreviation.clone()),
        province_code: Set(o.province_code.map(String::from)),
        parent_id: Set(o.parent_id),
        centre_id: Set(o.centre_id),
        status: Set(o.status.as_str().to_owned()),
        merged_into_id: Set(o.merged_into_id),
        merged_on: Set(o.merged_on),
        address: Set(o.address.clone()),
        phone: Set(o.phone.clone()),
        email: Set(o.email.clone()),
        registration_number: Set(o.registration_number.clone()),
        valid_from: Set(o.valid_from),
        valid_to: Set(o.valid_to),
        version: Set(o.version),
        created_at: Set(o.created_at),
        updated_at: Set(o.updated_at),
        search_text: Set(text::search_text([
            o.name.as_str(),
            o.abbreviation.as_str(),
            o.registration_number.as_deref().unwrap_or(""),
        ])),
        legacy_id: NotSet,
        legacy_digest: NotSet,
    }
}

pub fn practitioner(m: practitioner::Model) -> Result<Practitioner, DbError> {
    let t = "practitioners";
    Ok(Practitioner {
        id: m.id,
        full_name: m.full_name,
        kind: PractitionerKind::parse(&m.kind).map_err(|e| bad(t, e))?,
        card_number: m.card_number,
        organisation_id: m.organisation_id,
        province_code: province(t, m.province_code)?,
        centre_id: m.centre_id,
        status: PractitionerStatus::parse(&m.status).map_err(|e| bad(t, e))?,
        sex: m.sex,
        date_of_birth: m.date_of_birth,
        phone: m.phone,
        email: m.email,
        contract_start: m.contract_start,
        contract_end: m.contract_end,
        annual_quota: m.annual_quota,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

pub fn practitioner_row(p: &Practitioner) -> practitioner::ActiveModel {
    practitioner::ActiveModel {
        id: Set(p.id),
        full_name: Set(p.full_name.clone()),
        kind: Set(p.kind.as_str().to_owned()),
        card_number: Set(p.card_number.clone()),
        organisation_id: Set(p.organisation_id),
        province_code: Set(p.province_code.map(String::from)),
        centre_id: Set(p.centre_id),
        status: Set(p.status.as_str().to_owned()),
        sex: Set(p.sex.clone()),
        date_of_birth: Set(p.date_of_birth),
        phone: Set(p.phone.clone()),
        email: Set(p.email.clone()),
        contract_start: Set(p.contract_start),
        contract_end: Set(p.contract_end),
        annual_quota: Set(p.annual_quota),
        version: Set(p.version),
        created_at: Set(p.created_at),
        updated_at: Set(p.updated_at),
        search_text: Set(text::search_text([
            p.full_name.as_str(),
            p.card_number.as_str(),
        ])),
        legacy_id: NotSet,
        legacy_digest: NotSet,
    }
}

pub fn transfer(m: practitioner_transfer::Model) -> Transfer {
    Transfer {
        id: m.id,
        practitioner_id: m.practitioner_id,
        from_organisation_id: m.from_organisation_id,
        to_organisation_id: m.to_organisation_id,
        effective_on: m.effective_on,
        reason: m.reason,
        recorded_by: m.recorded_by,
        created_at: m.created_at,
    }
}

pub fn user(m: user::Model) -> Result<(UserAccount, Option<String>), DbError> {
    let t = "users";
    let account = UserAccount {
        id: m.id,
        username: m.username,
        full_name: m.full_name,
        email: m.email,
        phone: m.phone,
        role: Role::parse(&m.role).map_err(|e| bad(t, e))?,
        organisation_id: m.organisation_id,
        province_code: province(t, m.province_code)?,
        centre_id: m.centre_id,
        practitioner_id: m.practitioner_id,
        status: UserStatus::parse(&m.status).map_err(|e| bad(t, e))?,
        locked: m.locked,
        locked_reason: m.locked_reason,
        failed_logins: m.failed_logins,
        locked_until: m.locked_until,
        must_change_password: m.must_change_password,
        last_login_at: m.last_login_at,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    };
    Ok((account, m.password_hash))
}

/// All columns but the password hash, which has its own writes.
pub fn user_row(u: &UserAccount) -> user::ActiveModel {
    user::ActiveModel {
        id: Set(u.id),
        username: Set(u.username.clone()),
        full_name: Set(u.full_name.clone()),
        email: Set(u.email.clone()),
        phone: Set(u.phone.clone()),
        role: Set(u.role.as_str().to_owned()),
        organisation_id: Set(u.organisation_id),
        province_code: Set(u.province_code.map(String::from)),
        centre_id: Set(u.centre_id),
        practitioner_id: Set(u.practitioner_id),
        status: Set(u.status.as_str().to_owned()),
        locked: Set(u.locked),
        locked_reason: Set(u.locked_reason.clone()),
        failed_logins: Set(u.failed_logins),
        locked_until: Set(u.locked_until),
        must_change_password: Set(u.must_change_password),
        last_login_at: Set(u.last_login_at),
        version: Set(u.version),
        created_at: Set(u.created_at),
        updated_at: Set(u.updated_at),
        search_text: Set(text::search_text([
            u.full_name.as_str(),
            u.username.as_str(),
        ])),
        ..Default::default()
    }
}

pub fn audit_event(m: audit_event::Model) -> AuditEvent {
    AuditEvent {
        id: m.id,
        occurred_at: m.occurred_at,
        actor_id: m.actor_id,
        actor_role: m.actor_role,
        action: m.action,
        entity: m.entity,
        entity_id: m.entity_id,
        before: m.before,
        after: m.after,
        request_id: m.request_id,
    }
}
