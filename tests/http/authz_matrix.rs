//! The authorization matrix: every route (registers, cases and case documents) × every role × a resource inside
//! and outside the role's scope, against a table of expected answers.
//!
//! Writes are probed without changing anything where possible: an
//! authorized edit sent with a stale `If-Match` answers 412, an authorized
//! creation of a duplicate answers 409; refusals answer 403 (visible but not
//! allowed) or 404 (out of scope). In list rows, `V`/`H` mean "200 and the
//! probe record is visible / hidden".
use reqwest::Method;
use serde_json::{Value, json};
use tgpl_tests::{TestApp, on_both_databases};
use uuid::Uuid;

/// Column order of every expectation row.
const ROLES: [&str; 11] = [
    "admin",
    "cuc.canbo",
    "stp.hanoi",
    "gd.hanoi",
    "pgd.hanoi",
    "tcn.hanoi",
    "vt.hanoi",
    "tgv.hanoi",
    "ls.hanoi",
    "tc.anphat",
    "tichhop.cuc",
];

#[derive(Clone, Copy, PartialEq)]
enum Side {
    In,
    Out,
}

/// The probe records, per role for the in-scope side.
struct Probes {
    auth: Vec<String>,
    org_in: Vec<Uuid>,
    org_out: Uuid,
    prac_in: Vec<Value>,
    prac_out: Value,
    user_in: Vec<Uuid>,
    user_out: Uuid,
    existing_card: String,
    case_in: Vec<String>,
    case_out: String,
}

impl Probes {
    fn org(&self, r: usize, s: Side) -> Uuid {
        if s == Side::In {
            self.org_in[r]
        } else {
            self.org_out
        }
    }
    fn prac(&self, r: usize, s: Side) -> &Value {
        if s == Side::In {
            &self.prac_in[r]
        } else {
            &self.prac_out
        }
    }
    fn prac_id(&self, r: usize, s: Side) -> String {
        self.prac(r, s)["id"].as_str().unwrap().to_owned()
    }
    fn user(&self, r: usize, s: Side) -> Uuid {
        if s == Side::In {
            self.user_in[r]
        } else {
            self.user_out
        }
    }
    fn case(&self, r: usize, s: Side) -> &str {
        if s == Side::In {
            &self.case_in[r]
        } else {
            &self.case_out
        }
    }
}

struct Route {
    name: &'static str,
    method: Method,
    path: fn(&Probes, usize, Side) -> String,
    body: fn(&Probes, usize, Side) -> Option<Value>,
    /// For list routes: the id that must (V) or must not (H) be listed.
    listed: Option<fn(&Probes, usize, Side) -> String>,
    stale_if_match: bool,
    expect_in: &'static str,
    expect_out: &'static str,
}

fn none(_: &Probes, _: usize, _: Side) -> Option<Value> {
    None
}
fn empty(_: &Probes, _: usize, _: Side) -> Option<Value> {
    Some(json!({}))
}

fn routes() -> Vec<Route> {
    use Method as M;
    let r = |name, method, path, body, stale, expect_in, expect_out| Route {
        name,
        method,
        path,
        body,
        listed: None,
        stale_if_match: stale,
        expect_in,
        expect_out,
    };
    let list = |name, path, listed, expect_in, expect_out| Route {
        name,
        method: M::GET,
        path,
        body: none,
        listed: Some(listed),
        stale_if_match: false,
        expect_in,
        expect_out,
    };
    //                                                                       admin cuc stp gd  pgd tcn vt  tgv ls  tc  svc
    vec![
        r(
            "me",
            M::GET,
            |_, _, _| "/api/v1/auth/me".into(),
            none,
            false,
            "200 200 200 200 200 200 200 200 200 200 200",
            "200 200 200 200 200 200 200 200 200 200 200",
        ),
        r(
            "provinces",
            M::GET,
            |_, _, _| "/api/v1/reference/provinces".into(),
            none,
            false,
            "200 200 200 200 200 200 200 200 200 200 200",
            "200 200 200 200 200 200 200 200 200 200 200",
        ),
        list(
            "list organisations",
            |_, _, s| {
                format!(
                    "/api/v1/organisations?limit=200&province={}",
                    if s == Side::In { "01" } else { "79" }
                )
            },
            |p, r, s| p.org(r, s).to_string(),
            "V V V V V V V V V V V",
            "V V H H H H H H H H V",
        ),
        r(
            "read organisation",
            M::GET,
            |p, r, s| format!("/api/v1/organisations/{}", p.org(r, s)),
            none,
            false,
            "200 200 200 200 200 200 200 200 200 200 200",
            "200 200 404 404 404 404 404 404 404 404 200",
        ),
        r(
            "create organisation",
            M::POST,
            |_, _, _| "/api/v1/organisations".into(),
            |p, _, s| {
                let (parent, prov) = if s == Side::In {
                    (p.org_in[0], "01")
                } else {
                    (p.org_out, "79")
                };
                // Each branch its own abbreviation: codes must not collide.
                static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
                let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Some(
                    json!({"kind": "branch", "name": "Chi nhánh thử quyền", "abbreviation": format!("CNX{n}"), "province_code": prov, "parent_id": parent}),
                )
            },
            false,
            "201 403 201 403 403 403 403 403 403 403 403",
            "201 403 422 422 422 422 422 422 422 422 403",
        ),
        r(
            "update organisation",
            M::PATCH,
            |p, r, s| format!("/api/v1/organisations/{}", p.org(r, s)),
            empty,
            true,
            "412 403 412 412 403 403 403 403 403 412 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "deactivate organisation",
            M::POST,
            |p, r, s| format!("/api/v1/organisations/{}/deactivate", p.org(r, s)),
            empty,
            true,
            "412 403 412 403 403 403 403 403 403 403 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "merge organisation",
            M::POST,
            |p, r, s| format!("/api/v1/organisations/{}/merge", p.org(r, s)),
            |p, _, _| Some(json!({"into_id": p.org_out})),
            true,
            "412 403 412 403 403 403 403 403 403 403 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        list(
            "list practitioners",
            |p, r, s| {
                format!(
                    "/api/v1/practitioners?limit=200&organisation_id={}",
                    p.org(r, s)
                )
            },
            |p, r, s| p.prac_id(r, s),
            "V V V V V V V V V V V",
            "V V H H H H H H H H V",
        ),
        r(
            "read practitioner",
            M::GET,
            |p, r, s| format!("/api/v1/practitioners/{}", p.prac_id(r, s)),
            none,
            false,
            "200 200 200 200 200 200 200 200 200 200 200",
            "200 200 404 404 404 404 404 404 404 404 200",
        ),
        r(
            "create practitioner",
            M::POST,
            |_, _, _| "/api/v1/practitioners".into(),
            |p, r, s| {
                let org = p.prac(r, s)["organisation_id"].clone();
                let kind = p.prac(r, s)["kind"].clone();
                Some(
                    json!({"full_name": "Người Thử Quyền", "kind": kind, "card_number": p.existing_card, "organisation_id": org,
                          "contract_start": "2025-01-01"}),
                )
            },
            false,
            "409 403 409 409 409 403 403 403 403 409 403",
            "409 403 422 422 422 422 422 422 422 422 403",
        ),
        r(
            "update practitioner",
            M::PATCH,
            |p, r, s| format!("/api/v1/practitioners/{}", p.prac_id(r, s)),
            empty,
            true,
            "412 403 412 412 412 403 403 403 403 412 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "deactivate practitioner",
            M::POST,
            |p, r, s| format!("/api/v1/practitioners/{}/deactivate", p.prac_id(r, s)),
            empty,
            true,
            "412 403 412 412 412 403 403 403 403 412 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "transfer practitioner",
            M::POST,
            |p, r, s| format!("/api/v1/practitioners/{}/transfer", p.prac_id(r, s)),
            |p, _, _| Some(json!({"to_organisation_id": p.org_in[0]})),
            true,
            "412 403 412 412 412 403 403 403 403 403 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "practitioner transfers",
            M::GET,
            |p, r, s| format!("/api/v1/practitioners/{}/transfers", p.prac_id(r, s)),
            none,
            false,
            "200 200 200 200 200 200 200 200 200 200 200",
            "200 200 404 404 404 404 404 404 404 404 200",
        ),
        list(
            "list users",
            |_, _, _| "/api/v1/users?limit=200&q=target".into(),
            |p, r, s| p.user(r, s).to_string(),
            "V V V V V V H H H H H",
            "V V H H H H H H H H H",
        ),
        r(
            "read user",
            M::GET,
            |p, r, s| format!("/api/v1/users/{}", p.user(r, s)),
            none,
            false,
            "200 200 200 200 200 200 404 404 404 404 404",
            "200 200 404 404 404 404 404 404 404 404 404",
        ),
        r(
            "create user",
            M::POST,
            |_, _, _| "/api/v1/users".into(),
            |p, _, s| {
                Some(
                    json!({"username": "gd.hanoi", "full_name": "Trùng Tên", "role": "centre_clerk",
                                "organisation_id": if s == Side::In { p.org_in[0] } else { p.org_out }}),
                )
            },
            false,
            "409 403 409 409 403 403 403 403 403 403 403",
            "409 403 422 422 422 422 422 422 422 422 403",
        ),
        r(
            "update user",
            M::PATCH,
            |p, r, s| format!("/api/v1/users/{}", p.user(r, s)),
            empty,
            true,
            "412 403 412 412 403 403 404 404 404 404 404",
            "412 403 404 404 404 404 404 404 404 404 404",
        ),
        r(
            "deactivate user",
            M::POST,
            |p, r, s| format!("/api/v1/users/{}/deactivate", p.user(r, s)),
            empty,
            true,
            "412 403 412 412 403 403 404 404 404 404 404",
            "412 403 404 404 404 404 404 404 404 404 404",
        ),
        r(
            "lock user",
            M::POST,
            |p, r, s| format!("/api/v1/users/{}/lock", p.user(r, s)),
            |_, _, _| Some(json!({"reason": "kiểm tra quyền"})),
            false,
            "200 403 200 200 403 403 404 404 404 404 404",
            "200 403 404 404 404 404 404 404 404 404 404",
        ),
        r(
            "unlock user",
            M::POST,
            |p, r, s| format!("/api/v1/users/{}/unlock", p.user(r, s)),
            none,
            false,
            "200 403 200 200 403 403 404 404 404 404 404",
            "200 403 404 404 404 404 404 404 404 404 404",
        ),
        r(
            "reset password",
            M::POST,
            |p, r, s| format!("/api/v1/users/{}/reset-password", p.user(r, s)),
            empty,
            false,
            "200 403 200 200 403 403 404 404 404 404 404",
            "200 403 404 404 404 404 404 404 404 404 404",
        ),
        r(
            "list api keys",
            M::GET,
            |p, r, s| format!("/api/v1/users/{}/api-keys", p.user(r, s)),
            none,
            false,
            "200 403 403 403 403 403 404 404 404 404 404",
            "200 403 404 404 404 404 404 404 404 404 404",
        ),
        r(
            "create api key",
            M::POST,
            |p, r, s| format!("/api/v1/users/{}/api-keys", p.user(r, s)),
            |_, _, _| Some(json!({"name": "thử", "scopes": ["cases:read"]})),
            false,
            // Keys never manage keys (`auth.api_key_not_accepted`).
            "409 403 403 403 403 403 404 404 404 404 403",
            "409 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "revoke api key",
            M::DELETE,
            |p, r, s| format!("/api/v1/users/{}/api-keys/{}", p.user(r, s), Uuid::nil()),
            none,
            false,
            "404 403 403 403 403 403 404 404 404 404 403",
            "404 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "audit trail",
            M::GET,
            |p, r, s| {
                format!(
                    "/api/v1/audit-events?entity=organisation&entity_id={}",
                    p.org(r, s)
                )
            },
            none,
            false,
            "200 403 200 200 200 403 403 403 403 403 403",
            "200 403 200 200 200 403 403 403 403 403 403",
        ),
        list(
            "list cases",
            |_, _, _| "/api/v1/cases?limit=200".into(),
            |p, r, s| p.case(r, s).to_owned(),
            "V V V V V V V V V V V",
            "V V H H H H H H H H V",
        ),
        r(
            "read case",
            M::GET,
            |p, r, s| format!("/api/v1/cases/{}", p.case(r, s)),
            none,
            false,
            "200 200 200 200 200 200 200 200 200 200 200",
            "200 200 404 404 404 404 404 404 404 404 200",
        ),
        r(
            "case activities",
            M::GET,
            |p, r, s| format!("/api/v1/cases/{}/activities", p.case(r, s)),
            none,
            false,
            "200 200 200 200 200 200 200 200 200 200 200",
            "200 200 404 404 404 404 404 404 404 404 200",
        ),
        r(
            "list case documents",
            M::GET,
            |p, r, s| format!("/api/v1/cases/{}/documents", p.case(r, s)),
            none,
            false,
            "200 200 200 200 200 200 200 200 200 200 200",
            "200 200 404 404 404 404 404 404 404 404 200",
        ),
        // Authorized uploads get as far as checking the (missing) file: 422.
        r(
            "upload case document",
            M::POST,
            |p, r, s| format!("/api/v1/cases/{}/documents", p.case(r, s)),
            empty,
            false,
            "422 403 403 422 422 422 422 422 422 422 403",
            "422 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "create case",
            M::POST,
            |_, _, _| "/api/v1/cases".into(),
            |p, r, s| {
                Some(case_request(if s == Side::In {
                    p.org_in[r]
                } else {
                    p.org_out
                }))
            },
            false,
            "201 403 403 201 201 201 201 403 403 201 403",
            "201 403 422 422 422 422 422 422 422 422 403",
        ),
        r(
            "accept case",
            M::POST,
            |p, r, s| format!("/api/v1/cases/{}/accept", p.case(r, s)),
            empty,
            true,
            "412 403 403 412 412 412 412 403 403 412 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "refuse case",
            M::POST,
            |p, r, s| format!("/api/v1/cases/{}/refuse", p.case(r, s)),
            |_, _, _| Some(json!({"refusal_ground": "unlawful_content"})),
            true,
            "412 403 403 412 412 412 412 403 403 412 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "assign case",
            M::POST,
            |p, r, s| format!("/api/v1/cases/{}/assign", p.case(r, s)),
            // A well-formed body: the act's schema is checked before anyone's
            // rights, and this matrix is about the rights.
            |_, _, _| Some(json!({"practitioner_id": "0190f000-0000-7000-8000-000000000000"})),
            true,
            "412 403 403 412 412 412 403 403 403 412 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "record activity",
            M::POST,
            |p, r, s| format!("/api/v1/cases/{}/record-activity", p.case(r, s)),
            |_, _, _| {
                Some(json!({"activity_kind": "meeting", "description": "Gặp người được trợ giúp"}))
            },
            true,
            "412 403 403 412 412 412 403 412 412 412 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
        r(
            "conclude case",
            M::POST,
            |p, r, s| format!("/api/v1/cases/{}/conclude", p.case(r, s)),
            |_, _, _| Some(json!({"outcome": "Tòa tuyên án treo"})),
            true,
            "412 403 403 412 412 412 403 412 412 412 403",
            "412 403 404 404 404 404 404 404 404 404 403",
        ),
    ]
}

fn case_request(org: Uuid) -> Value {
    json!({
        "organisation_id": org, "channel": "post", "form_of_aid": "advice", "field_of_law": "land",
        "summary": "Tranh chấp ranh giới đất với hộ liền kề.",
        "eligibility": [{"code": "2", "proof_documents_present": true, "financial_hardship_proven": false}],
        "parties": [{"role": "beneficiary", "full_name": "Người Thử Quyền"}]
    })
}

/// Creates the probe accounts and collects every role's credentials.
async fn probes(app: &TestApp) -> Probes {
    let admin = app.login("admin").await;
    let u = &app.units;
    let target = |username: &'static str, org: Uuid| {
        let admin = admin.clone();
        async move {
            let r = app
                .post("/api/v1/users", Some(&admin), &json!({"username": username, "full_name": "Tài khoản đích", "role": "centre_clerk", "organisation_id": org}))
                .await;
            if r.status.as_u16() == 201 {
                return r.body["user"]["id"]
                    .as_str()
                    .unwrap()
                    .parse::<Uuid>()
                    .unwrap();
            }
            panic!("probe account {username}: {}", r.body)
        }
    };
    let target_hn = target("target.hn", u.hn_centre).await;
    let target_hcm = target("target.hcm", u.hcm_centre).await;
    // Branch and firm accounts of matching roles.
    let branch_target = app
        .post("/api/v1/users", Some(&admin), &json!({"username": "target.branch", "full_name": "Tài khoản đích", "role": "legal_aid_officer", "organisation_id": u.hn_branch}))
        .await
        .expect(201)
        .body["user"]["id"].as_str().unwrap().parse::<Uuid>().unwrap();
    let firm_target = app
        .post("/api/v1/users", Some(&admin), &json!({"username": "target.firm", "full_name": "Tài khoản đích", "role": "participating_org_account", "organisation_id": u.hn_firm}))
        .await
        .expect(201)
        .body["user"]["id"].as_str().unwrap().parse::<Uuid>().unwrap();

    let svc = app.user_id("tichhop.cuc").await;
    let key = app
        .post(
            &format!("/api/v1/users/{svc}/api-keys"),
            Some(&admin),
            // Every scope: the matrix probes the role's policy; scopes are
            // tested in `auth.rs`.
            &json!({"name": "ma trận quyền", "scopes": tgpl_domain::policy::KeyScope::all()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()}),
        )
        .await
        .expect(201)
        .body["key"]
        .as_str()
        .unwrap()
        .to_owned();

    let first_in = |org: Uuid| {
        let admin = admin.clone();
        async move {
            app.first_practitioner(&admin, &format!("organisation_id={org}"))
                .await
        }
    };
    let p_centre = first_in(u.hn_centre).await;
    let p_branch = first_in(u.hn_branch).await;
    let p_firm = first_in(u.hn_firm).await;
    let p_hcm = first_in(u.hcm_centre).await;

    // Probe cases: one per unit, two assigned to the demo officer and lawyer.
    let new_case = |org: Uuid, name: &'static str, assignee: Option<Uuid>| {
        let admin = admin.clone();
        async move {
            let mut body = case_request(org);
            body["parties"][0]["full_name"] = json!(name);
            let c = app
                .post("/api/v1/cases", Some(&admin), &body)
                .await
                .expect(201)
                .body["case"]
                .clone();
            let id = c["id"].as_str().unwrap().to_owned();
            if let Some(pid) = assignee {
                let path = format!("/api/v1/cases/{id}/accept");
                app.send(
                    Method::POST,
                    &path,
                    Some(&admin),
                    &[("if-match", "\"1\"")],
                    None,
                )
                .await
                .expect(200);
                let path = format!("/api/v1/cases/{id}/assign");
                let body = json!({"practitioner_id": pid}).to_string().into_bytes();
                app.send(
                    Method::POST,
                    &path,
                    Some(&admin),
                    &[("if-match", "\"2\"")],
                    Some(body),
                )
                .await
                .expect(200);
            }
            id
        }
    };
    let case_centre = new_case(u.hn_centre, "Mai Văn Một", None).await;
    let case_branch = new_case(u.hn_branch, "Mai Văn Hai", None).await;
    let case_firm = new_case(u.hn_firm, "Mai Văn Ba", None).await;
    let case_officer = new_case(u.hn_centre, "Mai Văn Bốn", Some(u.hn_officer)).await;
    let case_lawyer = new_case(u.hn_centre, "Mai Văn Năm", Some(u.hn_lawyer)).await;
    let case_hcm = new_case(u.hcm_centre, "Mai Văn Sáu", None).await;

    let mut auth = Vec::new();
    let mut case_in = Vec::new();
    let mut org_in = Vec::new();
    let mut prac_in = Vec::new();
    let mut user_in = Vec::new();
    for role in ROLES {
        auth.push(if role == "tichhop.cuc" {
            format!("ApiKey {key}")
        } else {
            format!("Bearer {}", app.login(role).await)
        });
        let (org, prac, user) = match role {
            "tcn.hanoi" => (u.hn_branch, p_branch.clone(), branch_target),
            "tc.anphat" => (u.hn_firm, p_firm.clone(), firm_target),
            _ => (u.hn_centre, p_centre.clone(), target_hn),
        };
        org_in.push(org);
        prac_in.push(prac);
        user_in.push(user);
        case_in.push(match role {
            "tcn.hanoi" => case_branch.clone(),
            "tc.anphat" => case_firm.clone(),
            "tgv.hanoi" => case_officer.clone(),
            "ls.hanoi" => case_lawyer.clone(),
            _ => case_centre.clone(),
        });
    }
    Probes {
        auth,
        org_in,
        org_out: u.hcm_centre,
        existing_card: p_centre["card_number"].as_str().unwrap().to_owned(),
        prac_in,
        prac_out: p_hcm,
        user_in,
        user_out: target_hcm,
        case_in,
        case_out: case_hcm,
    }
}

on_both_databases!(every_route_every_role_in_and_out_of_scope);

async fn every_route_every_role_in_and_out_of_scope(app: TestApp) {
    let p = probes(&app).await;
    let mut failures = Vec::new();
    let mut cells = 0;
    for route in routes() {
        for (side, row) in [(Side::In, route.expect_in), (Side::Out, route.expect_out)] {
            let expected: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(expected.len(), ROLES.len(), "row of {}", route.name);
            for (r, role) in ROLES.iter().enumerate() {
                let mut headers = vec![("authorization", p.auth[r].as_str())];
                if route.stale_if_match {
                    headers.push(("if-match", "\"999\""));
                }
                let body = (route.body)(&p, r, side).map(|b| b.to_string().into_bytes());
                let reply = app
                    .send(
                        route.method.clone(),
                        &(route.path)(&p, r, side),
                        None,
                        &headers,
                        body,
                    )
                    .await;
                let got = match route.listed {
                    Some(listed) if reply.status.as_u16() == 200 => {
                        let id = listed(&p, r, side);
                        let found = reply.body["items"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|i| i["id"] == id.as_str());
                        if found {
                            "V".to_owned()
                        } else {
                            "H".to_owned()
                        }
                    }
                    _ => reply.status.as_u16().to_string(),
                };
                cells += 1;
                if got != expected[r] {
                    let side = if side == Side::In {
                        "in scope"
                    } else {
                        "out of scope"
                    };
                    failures.push(format!(
                        "{} as {role} ({side}): expected {}, got {got}: {}",
                        route.name, expected[r], reply.body
                    ));
                }
                if reply.status.is_client_error() {
                    assert_eq!(
                        reply.content_type(),
                        "application/problem+json",
                        "{} as {role}",
                        route.name
                    );
                }
            }
        }
    }
    assert!(cells > 700, "{cells} cells");
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
