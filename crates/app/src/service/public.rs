//! The public services (issue #12), for visitors without an account: the
//! directory and its open data, the eligibility check, online requests and
//! the progress lookup. Every answer holds public fields only; every
//! submission and lookup is audited; abuse is held back by counters per
//! address, per contact and per code (the login throttle's table, so every
//! replica counts alike).
use super::auth::too_many;
use super::{begin, commit, non_empty, page_request};
use crate::error::{AppError, Fields};
use crate::{App, Visitor};
use chrono::Duration;
use subtle::ConstantTimeEq;
use tgpl_api_model::public::{
    CategoryAnswer, CentreContact, EligibilityAnswer, EligibilityCheck, OnlineRequest, PersonInput,
    PublicOrganisationQuery, PublicPractitionerQuery,
};
use tgpl_db::audit::{self, Change};
use tgpl_db::organisations::{self as orgs, OrganisationFilter};
use tgpl_db::practitioners::{self as practitioners, PractitionerFilter};
use tgpl_db::{Page, PageRequest, intake as repo, reference, throttle};
use tgpl_domain::case::Channel;
use tgpl_domain::clock::Moment;
use tgpl_domain::eligibility::{self, Beneficiary, Category, ClaimedCategory};
use tgpl_domain::intake::{
    IntakeItem, IntakeStatus, PersonDetails, RequestDetails, TrackingCode, normalise_secret,
    secret_from_random,
};
use tgpl_domain::records::{Organisation, Practitioner};
use tgpl_domain::{OrgKind, OrgStatus, PhoneNumber, PractitionerStatus, ProvinceCode, ScopeFilter};
use uuid::Uuid;

pub mod attachments;
pub mod feedback;
pub(crate) mod lookup;
pub mod open_data;
pub use lookup::{Progress, lookup};

/// The consent text the online form shows, and its version (Law 91/2025
/// Art. 9: consent names the purposes and is recorded with what was shown).
pub const CONSENT_VERSION: &str = "2026-01";
pub const CONSENT_TEXT_VI: &str = "Tôi đồng ý để Trung tâm Trợ giúp pháp lý nhà nước thu thập và xử lý \
các thông tin cá nhân tôi cung cấp (kể cả thông tin nhạy cảm) chỉ nhằm giải quyết yêu cầu trợ giúp \
pháp lý này, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15. Thông tin không được tiết lộ cho \
người khác khi chưa có sự đồng ý bằng văn bản của tôi, trừ trường hợp pháp luật quy định. Tôi có \
quyền xem, yêu cầu sửa, xóa thông tin hoặc rút lại sự đồng ý.";

/// Online requests one address may send in an hour, and one contact
/// number in a day: a family may file for several people, a robot may not.
const REQUESTS_PER_ADDRESS_PER_HOUR: i32 = 10;
const REQUESTS_PER_CONTACT_PER_DAY: i32 = 3;

pub async fn organisations(
    state: &App,
    q: PublicOrganisationQuery,
) -> Result<Page<Organisation>, AppError> {
    let mut f = Fields::new();
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    let listed = OrgKind::public_directory();
    if q.kind.is_some_and(|k| !listed.contains(&k)) {
        f.push(
            "kind",
            "public.kind_not_listed",
            "the directory lists centres, branches and participating organisations",
        );
    }
    f.finish()?;
    let filter = OrganisationFilter {
        kind: q.kind,
        kinds: listed,
        province,
        parent_id: None,
        status: Some(q.status.unwrap_or(OrgStatus::Active)),
        q: q.q,
    };
    Ok(orgs::list(
        state.db.read(),
        ScopeFilter::All,
        &filter,
        page.unwrap_or_default(),
    )
    .await?)
}

/// A practitioner of the directory, with their organisation's name.
pub struct Listed {
    pub practitioner: Practitioner,
    pub organisation_name: String,
}

pub async fn practitioners(
    state: &App,
    q: PublicPractitionerQuery,
) -> Result<Page<Listed>, AppError> {
    let mut f = Fields::new();
    let province = f.optional("province", q.province.as_deref(), ProvinceCode::parse);
    let page = page_request(&mut f, q.after.as_deref(), q.limit);
    f.finish()?;
    let filter = PractitionerFilter {
        kind: q.kind,
        province,
        organisation_id: q.organisation_id,
        status: Some(q.status.unwrap_or(PractitionerStatus::Active)),
        q: q.q,
    };
    let conn = state.db.read();
    let page =
        practitioners::list(conn, ScopeFilter::All, &filter, page.unwrap_or_default()).await?;
    with_org_names(state, page).await
}

async fn with_org_names(state: &App, page: Page<Practitioner>) -> Result<Page<Listed>, AppError> {
    let mut ids: Vec<Uuid> = page.items.iter().map(|p| p.organisation_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = orgs::names(state.db.read(), ids).await?;
    Ok(page.map(|p| Listed {
        organisation_name: names
            .get(&p.organisation_id)
            .map(|u| u.name.clone())
            .unwrap_or_default(),
        practitioner: p,
    }))
}

/// Every item of a directory listing, a page at a time (the open-data
/// export).
async fn every_page<T, F, Fut>(mut page_after: F) -> Result<Vec<T>, AppError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>, AppError>>,
{
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = page_after(after).await?;
        all.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(all),
        }
    }
}

pub async fn open_data_organisations(state: &App) -> Result<Vec<Organisation>, AppError> {
    every_page(|after| {
        let q = PublicOrganisationQuery {
            after,
            limit: Some(tgpl_db::page::MAX_LIMIT),
            ..Default::default()
        };
        organisations(state, q)
    })
    .await
}

pub async fn open_data_practitioners(state: &App) -> Result<Vec<Listed>, AppError> {
    every_page(|after| {
        let q = PublicPractitionerQuery {
            after,
            limit: Some(tgpl_db::page::MAX_LIMIT),
            ..Default::default()
        };
        practitioners(state, q)
    })
    .await
}

/// Judges the chosen categories as intake would, with no papers seen yet.
fn judge(
    table: &[Category],
    on: chrono::NaiveDate,
    person: Beneficiary,
    codes: &[String],
) -> EligibilityAnswer {
    // The form cannot attest papers: proof is assumed to follow, financial
    // hardship is assumed claimed (its papers are among the proof asked).
    let claims: Vec<ClaimedCategory> = codes
        .iter()
        .map(|code| ClaimedCategory {
            code: code.clone(),
            proof_documents_present: false,
            financial_hardship_proven: true,
        })
        .collect();
    let assessment = eligibility::assess_in(table, on, &person, &claims);
    let categories = assessment
        .claims
        .iter()
        .map(|c| {
            let category = eligibility::category_in(table, &c.code, on).ok();
            CategoryAnswer {
                code: c.code.clone(),
                label_vi: category.map(|k| k.label_vi.to_string()),
                label_en: category
                    .map(|k| k.label_en.to_string())
                    .filter(|l| !l.is_empty()),
                outcome: c.outcome,
                explanation_vi: c.outcome.explain_vi().to_owned(),
                proof_documents: category
                    .map(|k| k.proof_documents.iter().map(|d| d.to_string()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    EligibilityAnswer {
        request_date: on,
        verdict: assessment.verdict,
        categories,
    }
}

pub async fn check_eligibility(
    state: &App,
    at: Moment,
    req: EligibilityCheck,
) -> Result<EligibilityAnswer, AppError> {
    let on = req.request_date.unwrap_or(at.today);
    let table = reference::categories(state.db.read()).await?;
    let person = Beneficiary {
        date_of_birth: req.date_of_birth,
        procedural_role: req.procedural_role,
    };
    Ok(judge(&table, on, person, &req.categories))
}

pub(crate) fn person(f: &mut Fields, field: &str, p: PersonInput) -> PersonDetails {
    let phone = p.phone.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let phone = f.optional(&format!("{field}.phone"), phone, PhoneNumber::parse);
    PersonDetails {
        full_name: p.full_name.trim().to_owned(),
        date_of_birth: p.date_of_birth,
        sex: non_empty(p.sex),
        phone: phone.map(String::from),
        address: non_empty(p.address),
        ethnicity: non_empty(p.ethnicity),
        id_number: non_empty(p.id_number),
    }
}

/// The hash a lookup secret is kept as: SHA-256 over the tracking code and
/// the normalised secret (80 random bits; wrong guesses lock the code).
pub(crate) fn secret_hash(code: &TrackingCode, secret: &str) -> String {
    crate::auth::sha256_hex(&format!("tgpl-lookup:{code}:{}", normalise_secret(secret)))
}

/// Whether `secret` opens `code`, compared in constant time.
pub(crate) fn secret_matches(code: &TrackingCode, secret: &str, stored: &str) -> bool {
    secret_hash(code, secret)
        .as_bytes()
        .ct_eq(stored.as_bytes())
        .into()
}

/// The centre that takes a request: the one chosen (a centre or branch,
/// active), or the centre of the province.
pub(crate) async fn receiving_centre(
    state: &App,
    f: &mut Fields,
    chosen: Option<Uuid>,
    province: Option<ProvinceCode>,
) -> Result<Option<Organisation>, AppError> {
    let conn = state.db.read();
    if let Some(id) = chosen {
        let org = orgs::get(conn, id)
            .await
            .ok()
            .filter(|o| o.kind.receives_online_requests(o.status));
        if org.is_none() {
            f.push(
                "organisation_id",
                "public.no_such_centre",
                "choose a State Legal Aid Centre or one of its branches from the directory",
            );
        }
        return Ok(org);
    }
    let Some(province) = province else {
        f.push(
            "province",
            "public.province_required",
            "choose your province (or a centre) so the request reaches the right centre",
        );
        return Ok(None);
    };
    let centre = first_active(state, OrgKind::Centre, Some(province)).await?;
    if centre.is_none() {
        f.push(
            "province",
            "public.no_centre_in_province",
            "no active centre in this province yet; choose a centre from the directory",
        );
    }
    Ok(centre)
}

/// The first active organisation of `kind` (in `province`): the centre of
/// a province, its Justice Department, the ministry's department.
pub(crate) async fn first_active(
    state: &App,
    kind: OrgKind,
    province: Option<ProvinceCode>,
) -> Result<Option<Organisation>, AppError> {
    let filter = OrganisationFilter {
        kind: Some(kind),
        province,
        status: Some(OrgStatus::Active),
        ..Default::default()
    };
    let page = orgs::list(
        state.db.read(),
        ScopeFilter::All,
        &filter,
        PageRequest {
            after: None,
            keys: None,
            limit: 1,
        },
    )
    .await?;
    Ok(page.items.into_iter().next())
}

/// What the citizen keeps after sending a request.
pub struct Submitted {
    pub item: IntakeItem,
    pub secret: String,
    pub centre: Organisation,
    pub eligibility: EligibilityAnswer,
}

pub fn contact(o: &Organisation) -> CentreContact {
    CentreContact {
        id: o.id,
        name: o.name.clone(),
        address: o.address.clone(),
        phone: o.phone.clone(),
    }
}

/// What a public form is held to before its fields are read.
pub(crate) struct Gate<'a> {
    /// The counter of the sender's address (`<key>:<address>`).
    pub key: &'a str,
    pub per_hour: i32,
    /// The hidden field only robots fill in.
    pub website: Option<&'a str>,
    pub consent: bool,
    pub consent_version: &'a str,
}

/// The checks every public form makes first: the hidden field refuses
/// robots, the sender's address sends at most `per_hour` an hour (429 with
/// `Retry-After`), and consent to the current text; consent's faults are
/// returned with the form's other field errors to come.
pub(crate) async fn form_gate(
    state: &App,
    visitor: &Visitor,
    gate: Gate<'_>,
) -> Result<Fields, AppError> {
    let now = visitor.at.now;
    if gate.website.is_some_and(|w| !w.trim().is_empty()) {
        return Err(AppError::field(
            "website",
            "public.honeypot",
            "the form could not be accepted; leave hidden fields empty",
        ));
    }
    let per_address = throttle::hit(
        &state.db.conn,
        &format!("{}:{}", gate.key, visitor.client),
        now,
        Duration::hours(1),
    )
    .await?;
    if per_address.attempts > gate.per_hour {
        return Err(too_many(per_address, Duration::hours(1), now));
    }
    let mut f = Fields::new();
    consent_faults(&mut f, "", gate.consent, gate.consent_version);
    Ok(f)
}

/// Consent to the processing of personal data (Law 91/2025): given, and to
/// the text shown now. `prefix` names the fields' object (`forward.`).
pub(crate) fn consent_faults(f: &mut Fields, prefix: &str, consent: bool, version: &str) {
    if !consent {
        f.push(
            &format!("{prefix}consent"),
            "public.consent_required",
            "the data can only be handled with consent to process it",
        );
    }
    if version != CONSENT_VERSION {
        f.push(
            &format!("{prefix}consent_version"),
            "public.consent_outdated",
            format!("the consent text has changed (now version {CONSENT_VERSION}): read it again"),
        );
    }
}

/// One contact number sends at most `per_day` a day (a family may file for
/// several people, a robot may not).
pub(crate) async fn per_contact(
    state: &App,
    visitor: &Visitor,
    key: &str,
    phone: &str,
    per_day: i32,
) -> Result<(), AppError> {
    let now = visitor.at.now;
    let count = throttle::hit(
        &state.db.conn,
        &format!("{key}:{phone}"),
        now,
        Duration::days(1),
    )
    .await?;
    if count.attempts > per_day {
        return Err(too_many(count, Duration::days(1), now));
    }
    Ok(())
}

/// Receives an online request (form 02, channel `electronic`) into the
/// chosen centre's intake queue and returns the receipt's code and secret.
pub async fn submit(
    state: &App,
    visitor: &Visitor,
    req: OnlineRequest,
) -> Result<Submitted, AppError> {
    let now = visitor.at.now;
    let mut f = form_gate(
        state,
        visitor,
        Gate {
            key: "pubreq-ip",
            per_hour: REQUESTS_PER_ADDRESS_PER_HOUR,
            website: req.website.as_deref(),
            consent: req.consent,
            consent_version: &req.consent_version,
        },
    )
    .await?;
    let province = f.optional("province", req.province.as_deref(), ProvinceCode::parse);
    let requester = person(&mut f, "requester", req.requester);
    let beneficiary = req.beneficiary.map(|b| person(&mut f, "beneficiary", b));
    if requester.phone.is_none() {
        f.push(
            "requester.phone",
            "public.phone_required",
            "give a phone number so the centre can reach you",
        );
    }
    let centre = receiving_centre(state, &mut f, req.organisation_id, province).await?;
    f.finish()?;
    let centre = centre.ok_or_else(|| AppError::Internal("no centre after checks".into()))?;
    if let Some(phone) = &requester.phone {
        per_contact(
            state,
            visitor,
            "pubreq-phone",
            phone,
            REQUESTS_PER_CONTACT_PER_DAY,
        )
        .await?;
    }
    let categories: Vec<String> = req
        .categories
        .iter()
        .map(|c| eligibility::normalise_code(c))
        .collect();
    let details = RequestDetails {
        beneficiary,
        requester,
        categories,
        procedural_role: req.procedural_role,
        form_of_aid: req.form_of_aid,
        field_of_law: req.field_of_law,
        summary: req.summary.trim().to_owned(),
        consent_version: req.consent_version,
    };
    let table = reference::categories(state.db.read()).await?;
    let b = details.beneficiary();
    let answer = judge(
        &table,
        visitor.at.today,
        Beneficiary {
            date_of_birth: b.date_of_birth,
            procedural_role: details.procedural_role,
        },
        &details.categories,
    );
    let secret = secret_from_random(rand::random());
    let item = IntakeItem {
        id: Uuid::now_v7(),
        tracking_code: TrackingCode::from_random(rand::random()),
        status: IntakeStatus::Pending,
        channel: Channel::Electronic,
        organisation_id: centre.id,
        centre_id: centre.centre_id,
        province_code: centre.province_code,
        received_at: now,
        received_on: visitor.at.today,
        details,
        case_id: None,
        merged_into: None,
        rejection_reason: None,
        decided_at: None,
        decided_by: None,
        version: 1,
    };
    let txn = begin(&state.db).await?;
    repo::insert(&txn, &item, &secret_hash(&item.tracking_code, &secret)).await?;
    record_consent(&txn, &item).await?;
    audit::record(
        &txn,
        &visitor.audit(),
        intake_change("intake.submitted", &item),
    )
    .await?;
    commit(txn).await?;
    Ok(Submitted {
        item,
        secret,
        centre,
        eligibility: answer,
    })
}

/// The consent the request was sent with (checked before: given, to the
/// current text), recorded with it in its transaction.
pub(crate) async fn record_consent<C: tgpl_db::ConnectionTrait>(
    txn: &C,
    item: &IntakeItem,
) -> Result<(), AppError> {
    let consent = tgpl_db::consents::Consent {
        id: Uuid::now_v7(),
        intake_id: Some(item.id),
        case_id: None,
        purpose: "legal_aid_request".into(),
        text_version: item.details.consent_version.clone(),
        channel: item.channel.as_str().to_owned(),
        given_at: item.received_at,
        withdrawn_at: None,
    };
    Ok(tgpl_db::consents::record(txn, &consent, &item.scope()).await?)
}

/// Withdraws the consent given with a request, by its code and secret (the
/// lookup's opener). The centre sees the withdrawal on the case's consents;
/// what the law still requires it to keep stays.
pub async fn withdraw_consent(
    state: &App,
    visitor: &Visitor,
    req: tgpl_api_model::public::LookupRequest,
) -> Result<u64, AppError> {
    let item = lookup::open(state, visitor, &req, None).await?;
    let txn = begin(&state.db).await?;
    let n = tgpl_db::consents::withdraw(&txn, item.id, visitor.at.now).await?;
    audit::record(
        &txn,
        &visitor.audit(),
        intake_change("consent.withdrawn", &item),
    )
    .await?;
    commit(txn).await?;
    Ok(n)
}

/// An audit entry about an intake item: which item, no personal values
/// (the item itself holds them, under the queue's access rules).
pub(crate) fn intake_change<'a>(action: &'a str, item: &IntakeItem) -> Change<'a, ()> {
    Change {
        action,
        entity: "intake",
        entity_id: item.id,
        scope: item.scope(),
        before: None,
        after: None,
    }
}
