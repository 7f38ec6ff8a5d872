//! The organisation, practitioner and user registers as their keepers use them.
use serde_json::{Value, json};
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    department_registers_a_law_firm_and_its_lawyer,
    hierarchy_rules_are_enforced_with_field_errors,
    search_ignores_diacritics_and_filters_combine,
    keyset_pagination_visits_every_row_once,
    transfer_keeps_history_and_moves_scope,
    merging_branches_keeps_history,
    updates_need_the_version_and_are_audited,
    card_numbers_and_usernames_are_unique,
    director_creates_staff_but_cannot_grant_higher_roles,
    an_account_moves_to_another_organisation_and_its_sessions_end,
    register_lists_say_how_many_they_hold,
);

/// The registers' lists count their matches like the case list: the count
/// of a one-row page is the number of rows all pages hold.
async fn register_lists_say_how_many_they_hold(app: TestApp) {
    let admin = app.login("admin").await;
    let director = app.login("gd.hanoi").await;
    for (list, token) in [
        ("/api/v1/organisations?province=01", &admin),
        ("/api/v1/organisations", &director),
        ("/api/v1/practitioners?status=active", &admin),
        ("/api/v1/users", &director),
        ("/api/v1/users?q=hanoi", &admin),
    ] {
        let sep = if list.contains('?') { '&' } else { '?' };
        let one = app
            .get(&format!("{list}{sep}limit=1"), token)
            .await
            .expect(200)
            .body;
        let all = app
            .get(&format!("{list}{sep}limit=200"), token)
            .await
            .expect(200)
            .body;
        let held = all["items"].as_array().unwrap().len() as u64;
        assert!(held > 0, "{list}");
        assert_eq!(one["total"]["count"], held, "{list}");
        assert_eq!(one["total"]["exact"], true, "{list}");
        assert_eq!(all["total"]["count"], held, "{list}");
    }
}

async fn department_registers_a_law_firm_and_its_lawyer(app: TestApp) {
    let stp = app.login("stp.hanoi").await;
    let firm = app
        .post(
            "/api/v1/organisations",
            Some(&stp),
            &json!({
                "kind": "contracted_org", "name": "Công ty Luật TNHH Thăng Long", "abbreviation": "TLONG",
                "province_code": "01", "parent_id": app.units.hn_department, "phone": "024 3826 1234",
                "registration_number": "15/HĐ-STP", "valid_from": "2026-01-01", "valid_to": "2027-12-31"
            }),
        )
        .await
        .expect(201);
    assert_eq!(firm.etag(), "\"1\"");
    assert_eq!(firm.body["phone"], "02438261234");
    assert_eq!(firm.body["province_name"], "Thành phố Hà Nội");
    let firm_id = firm.body["id"].as_str().unwrap();
    let lawyer = app
        .post(
            "/api/v1/practitioners",
            Some(&stp),
            &json!({"full_name": "Trịnh Văn Khải", "kind": "contracted_org_lawyer", "card_number": "ls-20261",
                    "organisation_id": firm_id, "sex": "male"}),
        )
        .await
        .expect(201);
    assert_eq!(lawyer.body["card_number"], "LS-20261");
    let read = app
        .get(
            &format!(
                "/api/v1/practitioners/{}",
                lawyer.body["id"].as_str().unwrap()
            ),
            &stp,
        )
        .await
        .expect(200);
    assert_eq!(read.body["full_name"], "Trịnh Văn Khải");
    assert_eq!(read.body["province_code"], "01");
    // The HCM director never sees this Hà Nội lawyer.
    let hcm = app.login("gd.hcm").await;
    app.get(
        &format!(
            "/api/v1/practitioners/{}",
            lawyer.body["id"].as_str().unwrap()
        ),
        &hcm,
    )
    .await
    .problem(404, "practitioner.not_found");
}

async fn hierarchy_rules_are_enforced_with_field_errors(app: TestApp) {
    let admin = app.login("admin").await;
    // A branch must hang under a centre.
    let r = app
        .post(
            "/api/v1/organisations",
            Some(&admin),
            &json!({"kind": "branch", "name": "Chi nhánh lạc chỗ", "abbreviation": "CN9", "province_code": "01", "parent_id": app.units.hn_department}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "parent_id");
    assert_eq!(
        r.body["errors"][0]["code"],
        "organisation.wrong_parent_kind"
    );
    // ...in the centre's own province.
    let r = app
        .post(
            "/api/v1/organisations",
            Some(&admin),
            &json!({"kind": "branch", "name": "Chi nhánh sai tỉnh", "abbreviation": "CN9", "province_code": "79", "parent_id": app.units.hn_centre}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        r.body["errors"][0]["code"],
        "organisation.province_mismatch"
    );
    // An officer cannot work for a law firm.
    let r = app
        .post(
            "/api/v1/practitioners",
            Some(&admin),
            &json!({"full_name": "Lê Văn Sai", "kind": "legal_aid_officer", "card_number": "99999/TGVPL", "organisation_id": app.units.hn_firm}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        r.body["errors"][0]["code"],
        "practitioner.wrong_organisation"
    );
    // Several bad fields are reported together.
    let r = app
        .post(
            "/api/v1/organisations",
            Some(&admin),
            &json!({"kind": "branch", "name": "X", "abbreviation": "9x y", "province_code": "02", "phone": "12", "parent_id": app.units.hn_centre}),
        )
        .await
        .problem(422, "validation_failed");
    let fields: Vec<&str> = r.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["abbreviation", "province_code", "phone"]);
}

async fn search_ignores_diacritics_and_filters_combine(app: TestApp) {
    let admin = app.login("admin").await;
    let r = app
        .get("/api/v1/practitioners?q=nguyen%20thi%20hanh", &admin)
        .await
        .expect(200);
    let names: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["full_name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Nguyễn Thị Hạnh"), "{names:?}");
    assert!(names.iter().all(|n| n.starts_with("Nguyễn Thị Hạnh")));
    let r = app
        .get("/api/v1/organisations?q=SO%20TU%20PHAP%20da%20nang", &admin)
        .await
        .expect(200);
    assert_eq!(r.body["items"][0]["name"], "Sở Tư pháp Đà Nẵng");
    let r = app
        .get("/api/v1/organisations?kind=branch&province=79", &admin)
        .await
        .expect(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 3);
    let r = app
        .get(
            "/api/v1/practitioners?kind=legal_consultant&status=active",
            &admin,
        )
        .await
        .expect(200);
    assert!(
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["kind"] == "legal_consultant")
    );
    assert_eq!(r.body["items"].as_array().unwrap().len(), 2);
    let r = app
        .get("/api/v1/users?role=centre_director", &admin)
        .await
        .expect(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 2);
}

async fn keyset_pagination_visits_every_row_once(app: TestApp) {
    let admin = app.login("admin").await;
    let mut seen = std::collections::HashSet::new();
    let mut path = "/api/v1/organisations?limit=7".to_owned();
    let mut pages = 0;
    loop {
        let r = app.get(&path, &admin).await.expect(200);
        for o in r.body["items"].as_array().unwrap() {
            assert!(
                seen.insert(o["id"].as_str().unwrap().to_owned()),
                "duplicate across pages"
            );
        }
        pages += 1;
        match r.body["next"].as_str() {
            Some(next) => path = format!("/api/v1/organisations?limit=7&after={next}"),
            None => break,
        }
    }
    let all = app
        .get("/api/v1/organisations?limit=200", &admin)
        .await
        .expect(200);
    assert_eq!(seen.len(), all.body["items"].as_array().unwrap().len());
    assert!(pages > 10);
}

async fn transfer_keeps_history_and_moves_scope(app: TestApp) {
    let admin = app.login("admin").await;
    let p = app
        .first_practitioner(
            &admin,
            &format!(
                "organisation_id={}&kind=legal_aid_officer",
                app.units.hn_centre
            ),
        )
        .await;
    let id = p["id"].as_str().unwrap();
    let r = app
        .post(
            &format!("/api/v1/practitioners/{id}/transfer"),
            Some(&admin),
            &json!({"to_organisation_id": app.units.hcm_centre, "effective_on": "2026-11-01", "reason": "Điều động", "version": p["version"]}),
        )
        .await
        .expect(200);
    assert_eq!(r.body["province_code"], "79");
    let history = app
        .get(&format!("/api/v1/practitioners/{id}/transfers"), &admin)
        .await
        .expect(200);
    assert_eq!(
        history.body[0]["from_organisation_id"],
        app.units.hn_centre.to_string()
    );
    assert_eq!(history.body[0]["effective_on"], "2026-11-01");
    // Now the HCM director sees them and the Hà Nội director does not.
    app.get(
        &format!("/api/v1/practitioners/{id}"),
        &app.login("gd.hcm").await,
    )
    .await
    .expect(200);
    app.get(
        &format!("/api/v1/practitioners/{id}"),
        &app.login("gd.hanoi").await,
    )
    .await
    .problem(404, "practitioner.not_found");
}

async fn merging_branches_keeps_history(app: TestApp) {
    let admin = app.login("admin").await;
    let branches = app
        .get(
            &format!(
                "/api/v1/organisations?kind=branch&parent_id={}",
                app.units.hn_centre
            ),
            &admin,
        )
        .await
        .expect(200);
    let items = branches.body["items"].as_array().unwrap();
    let (a, b) = (&items[0], &items[1]);
    let a_id = a["id"].as_str().unwrap();
    let staff = app
        .get(
            &format!("/api/v1/practitioners?organisation_id={a_id}"),
            &admin,
        )
        .await
        .expect(200);
    let moving = staff.body["items"].as_array().unwrap().len();
    let r = app
        .post(
            &format!("/api/v1/organisations/{a_id}/merge"),
            Some(&admin),
            &json!({"into_id": b["id"], "version": a["version"], "effective_on": "2025-07-01"}),
        )
        .await
        .expect(200);
    assert_eq!(r.body["merged"]["status"], "merged");
    assert_eq!(r.body["merged"]["merged_into_id"], b["id"]);
    assert_eq!(
        r.body["practitioners_moved"].as_u64().unwrap() as usize,
        moving
    );
    assert_eq!(
        r.body["users_moved"], 1,
        "the branch head's account follows"
    );
    // The merged branch is still readable (history), and cannot be merged again.
    let old = app
        .get(&format!("/api/v1/organisations/{a_id}"), &admin)
        .await
        .expect(200);
    assert_eq!(old.body["merged_on"], "2025-07-01");
    app.post(
        &format!("/api/v1/organisations/{a_id}/merge"),
        Some(&admin),
        &json!({"into_id": b["id"], "version": old.body["version"]}),
    )
    .await
    .problem(409, "organisation.merge_not_active");
    let first = &staff.body["items"][0];
    let history = app
        .get(
            &format!(
                "/api/v1/practitioners/{}/transfers",
                first["id"].as_str().unwrap()
            ),
            &admin,
        )
        .await
        .expect(200);
    assert_eq!(history.body[0]["to_organisation_id"], b["id"]);
}

async fn updates_need_the_version_and_are_audited(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let p = app.first_practitioner(&director, "kind=collaborator").await;
    let path = format!("/api/v1/practitioners/{}", p["id"].as_str().unwrap());
    // No version at all: 428.
    app.send(
        reqwest::Method::PATCH,
        &path,
        Some(&director),
        &[],
        Some(br#"{"annual_quota": 12}"#.to_vec()),
    )
    .await
    .problem(428, "version_required");
    let r = app
        .patch(
            &path,
            &director,
            "\"1\"",
            &json!({"annual_quota": 12, "phone": "+84 912 000 111"}),
        )
        .await
        .expect(200);
    assert_eq!(r.etag(), "\"2\"");
    assert_eq!(r.body["phone"], "0912000111");
    // The same stale version again: 412 with the current one named.
    let stale = app
        .patch(&path, &director, "\"1\"", &json!({"annual_quota": 13}))
        .await
        .problem(412, "version_mismatch");
    assert!(stale.body["detail"].as_str().unwrap().contains('2'));
    let trail = app.audit_trail("practitioner", &p).await;
    let e = &trail[0];
    assert_eq!(e["action"], "practitioner.update");
    assert_eq!(e["before"]["annual_quota"], Value::Null);
    assert_eq!(e["after"]["annual_quota"], 12);
    assert_eq!(e["actor_role"], "centre_director");
    assert!(e["request_id"].as_str().is_some_and(|s| !s.is_empty()));
}

async fn card_numbers_and_usernames_are_unique(app: TestApp) {
    let admin = app.login("admin").await;
    let p = app
        .first_practitioner(&admin, "kind=legal_aid_officer")
        .await;
    app.post(
        "/api/v1/practitioners",
        Some(&admin),
        &json!({"full_name": "Người Trùng Thẻ", "kind": "legal_aid_officer", "card_number": p["card_number"], "organisation_id": app.units.hn_centre}),
    )
    .await
    .problem(409, "practitioner.card_number_taken");
    app.post(
        "/api/v1/users",
        Some(&admin),
        &json!({"username": "GD.HANOI", "full_name": "Trùng Tên", "role": "centre_clerk", "organisation_id": app.units.hn_centre}),
    )
    .await
    .problem(409, "user.username_taken");
}

async fn director_creates_staff_but_cannot_grant_higher_roles(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let r = app
        .post(
            "/api/v1/users",
            Some(&director),
            &json!({"username": "vt2.hanoi", "full_name": "Đinh Thị Thu", "role": "centre_clerk", "organisation_id": app.units.hn_centre}),
        )
        .await
        .expect(201);
    let temporary = r.body["temporary_password"].as_str().unwrap();
    let login = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"username": "vt2.hanoi", "password": temporary}),
        )
        .await
        .expect(200);
    assert_eq!(login.body["must_change_password"], true);
    app.post(
        "/api/v1/users",
        Some(&director),
        &json!({"username": "boss", "full_name": "Tự Phong", "role": "national_admin", "organisation_id": app.units.ministry}),
    )
    .await
    .problem(422, "validation_failed");
    app.post(
        "/api/v1/users",
        Some(&director),
        &json!({"username": "gd2.hanoi", "full_name": "Giám Đốc Hai", "role": "centre_director", "organisation_id": app.units.hn_centre}),
    )
    .await
    .problem(403, "forbidden");
    // Nor can anyone change their own role.
    let me = app.user_id("gd.hanoi").await;
    let admin = app.login("admin").await;
    let admin_id = app.user_id("admin").await;
    app.patch(
        &format!("/api/v1/users/{admin_id}"),
        &admin,
        "\"1\"",
        &json!({"role": "national_staff"}),
    )
    .await
    .problem(409, "user.self_action");
    app.patch(
        &format!("/api/v1/users/{me}"),
        &director,
        "\"1\"",
        &json!({"role": "centre_deputy"}),
    )
    .await
    .problem(409, "user.self_action");
}

/// The field errors of a PATCH refused with 422, as `field:code`.
async fn refused(app: &TestApp, path: &str, token: &str, etag: &str, body: Value) -> Vec<String> {
    app.patch(path, token, etag, &body)
        .await
        .problem(422, "validation_failed")
        .field_codes()
        .into_iter()
        .map(|(field, code)| format!("{field}:{code}"))
        .collect()
}

async fn an_account_moves_to_another_organisation_and_its_sessions_end(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let clerk_token = app.login("vt.hanoi").await;
    let clerk = app.user_id("vt.hanoi").await;
    let path = format!("/api/v1/users/{clerk}");
    let etag = app.get(&path, &director).await.expect(200).etag();
    // Out of the director's sight: answered like a missing organisation.
    assert_eq!(
        refused(
            &app,
            &path,
            &director,
            &etag,
            json!({"organisation_id": app.units.hcm_centre})
        )
        .await,
        ["organisation_id:not_found"]
    );
    // A clerk works at a centre, not a branch: the role must fit.
    assert_eq!(
        refused(
            &app,
            &path,
            &director,
            &etag,
            json!({"organisation_id": app.units.hn_branch})
        )
        .await,
        ["role:role_not_for_organisation"]
    );
    // Head of the centre's branch: the account's scope follows, its
    // sessions end.
    let moved = app
        .patch(
            &path,
            &director,
            &etag,
            &json!({"organisation_id": app.units.hn_branch, "role": "branch_head"}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(moved["role"], "branch_head");
    assert_eq!(moved["organisation_id"], app.units.hn_branch.to_string());
    app.get("/api/v1/cases", &clerk_token)
        .await
        .problem(401, "auth.session_revoked");
    let again = app.login("vt.hanoi").await;
    let me = app.get("/api/v1/auth/me", &again).await.expect(200).body;
    assert_eq!(me["organisation_id"], app.units.hn_branch.to_string());
    let trail = app.audit_actions("user", &json!({"id": clerk})).await;
    assert!(trail.contains(&"user.update".to_owned()), "{trail:?}");
    // An officer's practitioner record stays at the centre: moving the
    // account alone would leave the link pointing elsewhere.
    let officer = app.user_id("tgv.hanoi").await;
    let path = format!("/api/v1/users/{officer}");
    let etag = app.get(&path, &director).await.expect(200).etag();
    assert_eq!(
        refused(
            &app,
            &path,
            &director,
            &etag,
            json!({"organisation_id": app.units.hn_branch})
        )
        .await,
        ["practitioner_id:not_found"]
    );
    // An officer who becomes a clerk no longer acts as a practitioner: the
    // link goes with the role (it stayed, and her tokens kept claiming it).
    let linked = app.get(&path, &director).await.expect(200).body;
    assert!(linked["practitioner_id"].is_string(), "{linked}");
    let clerked = app
        .patch(&path, &director, &etag, &json!({"role": "centre_clerk"}))
        .await
        .expect(200)
        .body;
    assert_eq!(clerked["role"], "centre_clerk");
    assert_eq!(clerked["practitioner_id"], Value::Null, "{clerked}");
}
