//! The audit's findings (issue #10) that tests can replay: parallel
//! guessing, per-client throttling, lockout as a weapon, login answers.
use serde_json::json;
use tgpl_tests::{Backend, StoreKind, TestApp, reply, spawn_app_limited};

macro_rules! with_limits {
    ($($name:ident: $limits:expr),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(super::app(tgpl_tests::Backend::Sqlite, $limits).await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(super::app(tgpl_tests::Backend::Postgres, $limits).await).await
                }
            }
        )*
    };
}

async fn app(backend: Backend, limits: tgpl_domain::auth::LoginLimits) -> TestApp {
    spawn_app_limited(backend, StoreKind::Local, Default::default(), limits).await
}

with_limits!(
    forty_parallel_guesses_lock_the_account: tgpl_tests::relaxed_login_limits(),
    a_client_sending_logins_too_fast_gets_429: tgpl_domain::auth::LoginLimits::default(),
    guesses_from_a_stranger_do_not_shut_out_the_owner: tgpl_tests::relaxed_login_limits(),
    login_answers_do_not_tell_real_accounts_from_unknown_ones: tgpl_tests::relaxed_login_limits(),
);

async fn login_as(
    app: &TestApp,
    client: &reqwest::Client,
    username: &str,
    password: &str,
) -> tgpl_tests::Reply {
    let res = client
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap();
    reply(res).await
}

async fn forty_parallel_guesses_lock_the_account(app: TestApp) {
    let guesses = (0..40).map(|i| {
        let app = &app;
        async move { login_as(app, &app.client, "vt.hanoi", &format!("guess-number-{i}")).await }
    });
    let answers = futures_util::future::join_all(guesses).await;
    assert!(
        answers.iter().all(|r| r.status == 401),
        "every guess is refused"
    );
    // At most the threshold of them had their password checked: the others
    // found the account locked out. Each check leaves an audit event.
    let checked = app
        .audit_actions("user", &json!({"id": app.user_id("vt.hanoi").await}))
        .await
        .into_iter()
        .filter(|a| a == "auth.login_failed" || a == "auth.locked_out")
        .count();
    assert!(checked <= 5, "{checked} passwords were checked");
    // The right password does not get in while the lock holds.
    let r = login_as(
        &app,
        &app.client,
        "vt.hanoi",
        tgpl_server::seed::DEMO_PASSWORD,
    )
    .await;
    assert_eq!(r.status, 401, "{}", r.body);
}

async fn a_client_sending_logins_too_fast_gets_429(app: TestApp) {
    let mut limited = None;
    for i in 0..30 {
        let r = login_as(
            &app,
            &app.client,
            &format!("user{i}.spray"),
            "Mat-khau-thu-1",
        )
        .await;
        if r.status == 429 {
            limited = Some(r);
            break;
        }
        assert_eq!(r.status, 401);
    }
    let r = limited.expect("30 logins in a row from one address are throttled");
    assert_eq!(r.code(), "rate_limited");
    let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
}

async fn guesses_from_a_stranger_do_not_shut_out_the_owner(app: TestApp) {
    // The stranger guesses from 127.0.0.2 until locked out there…
    let stranger = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    for i in 0..8 {
        let r = login_as(&app, &stranger, "gd.hanoi", &format!("wrong-{i}")).await;
        assert_eq!(r.status, 401);
    }
    let r = login_as(
        &app,
        &stranger,
        "gd.hanoi",
        tgpl_server::seed::DEMO_PASSWORD,
    )
    .await;
    assert_eq!(r.status, 401, "the stranger's address stays locked out");
    // …while the director, from her own address, logs in as usual.
    let r = login_as(
        &app,
        &app.client,
        "gd.hanoi",
        tgpl_server::seed::DEMO_PASSWORD,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

async fn login_answers_do_not_tell_real_accounts_from_unknown_ones(app: TestApp) {
    let answer =
        |r: tgpl_tests::Reply| (r.status, r.body["code"].clone(), r.body["detail"].clone());
    let mut real = Vec::new();
    let mut ghost = Vec::new();
    for i in 0..7 {
        real.push(answer(
            login_as(&app, &app.client, "vt.hanoi", &format!("sai-{i}")).await,
        ));
        ghost.push(answer(
            login_as(&app, &app.client, "khong.ton.tai", &format!("sai-{i}")).await,
        ));
    }
    assert_eq!(real, ghost, "locked out or not, real or not: one answer");
    // An account locked by an administrator answers the same, even to the
    // right password.
    let admin = app.login("admin").await;
    let id = app.user_id("tgv.hanoi").await;
    app.post(
        &format!("/api/v1/users/{id}/lock"),
        Some(&admin),
        &json!({"reason": "Lộ mật khẩu"}),
    )
    .await
    .expect(200);
    let locked = login_as(
        &app,
        &app.client,
        "tgv.hanoi",
        tgpl_server::seed::DEMO_PASSWORD,
    )
    .await;
    assert_eq!(answer(locked), real[0]);
}

tgpl_tests::on_both_databases!(
    ones_own_password_is_reset_only_with_the_current_one,
    a_change_of_role_ends_the_old_tokens,
    a_temporary_password_opens_only_the_password_change,
    control_characters_are_422_on_every_database,
    weak_and_common_passwords_are_refused,
    ids_of_other_organisations_answer_like_missing_ones,
    the_request_id_is_the_servers_and_headers_protect_every_response,
);

async fn ones_own_password_is_reset_only_with_the_current_one(app: TestApp) {
    for who in ["gd.hanoi", "stp.hanoi", "admin"] {
        let token = app.login(who).await;
        let me = app.user_id(who).await;
        app.post(
            &format!("/api/v1/users/{me}/reset-password"),
            Some(&token),
            &json!({"new_password": "Mot-cau-rat-dai-cua-ke-trom-2026"}),
        )
        .await
        .problem(403, "forbidden");
        // The owner's session still works and the password is unchanged.
        app.get("/api/v1/auth/me", &token).await.expect(200);
        app.login(who).await;
    }
}

async fn a_change_of_role_ends_the_old_tokens(app: TestApp) {
    let clerk_token = app.login("vt.hanoi").await;
    app.get("/api/v1/cases", &clerk_token).await.expect(200);
    let director = app.login("gd.hanoi").await;
    let clerk = app.user_id("vt.hanoi").await;
    let user = app
        .get(&format!("/api/v1/users/{clerk}"), &director)
        .await
        .expect(200);
    app.patch(
        &format!("/api/v1/users/{clerk}"),
        &director,
        &user.etag(),
        &json!({"role": "centre_deputy"}),
    )
    .await
    .expect(200);
    app.get("/api/v1/cases", &clerk_token)
        .await
        .problem(401, "auth.session_revoked");
    // A new login carries the new role.
    let fresh = app.login("vt.hanoi").await;
    let me = app.get("/api/v1/auth/me", &fresh).await.expect(200);
    assert_eq!(me.body["role"], "centre_deputy");
}

async fn a_temporary_password_opens_only_the_password_change(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let clerk = app.user_id("vt.hanoi").await;
    let r = app
        .post(
            &format!("/api/v1/users/{clerk}/reset-password"),
            Some(&director),
            &json!({}),
        )
        .await
        .expect(200);
    let temporary = r.body["temporary_password"].as_str().unwrap().to_owned();
    let login = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"username": "vt.hanoi", "password": temporary}),
        )
        .await
        .expect(200);
    let token = login.body["access_token"].as_str().unwrap().to_owned();
    app.get("/api/v1/cases", &token)
        .await
        .problem(403, "auth.password_change_required");
    let me = app.get("/api/v1/auth/me", &token).await.expect(200);
    assert_eq!(me.body["must_change_password"], true);
    let new = "Ngay-mai-troi-lai-sang-2026";
    app.post(
        "/api/v1/auth/password",
        Some(&token),
        &json!({"current_password": temporary, "new_password": new}),
    )
    .await
    .expect(204);
    let refreshed = app
        .post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": login.body["refresh_token"]}),
        )
        .await
        .expect(200);
    let token = refreshed.body["access_token"].as_str().unwrap();
    app.get("/api/v1/cases", token).await.expect(200);
}

async fn control_characters_are_422_on_every_database(app: TestApp) {
    // Unauthenticated: the login's username.
    let r = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"username": "vt.ha\u{0}noi", "password": "x"}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "username");
    assert_eq!(r.body["errors"][0]["code"], "text.control_character");
    let clerk = app.login("vt.hanoi").await;
    let body = crate::cases::request(
        app.units.hn_centre,
        "Nguyễn\u{0}Văn A",
        json!({"summary": "Tóm tắt\u{0} vụ việc đủ dài"}),
    );
    let r = app
        .post("/api/v1/cases", Some(&clerk), &body)
        .await
        .problem(422, "validation_failed");
    let fields: Vec<&str> = r.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(!fields.is_empty(), "{}", r.body);
    let r = app
        .get("/api/v1/cases?q=ab%00c", &clerk)
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "q");
    // Line breaks in a summary are text, not control characters.
    let ok = crate::cases::request(
        app.units.hn_centre,
        "Nguyễn Văn A",
        json!({"summary": "Dòng một\nDòng hai\tcó tab"}),
    );
    app.post("/api/v1/cases", Some(&clerk), &ok)
        .await
        .expect(201);
}

async fn weak_and_common_passwords_are_refused(app: TestApp) {
    let token = app.login("vt.hanoi").await;
    for (weak, code) in [
        ("password123", "user.password_weak"),
        ("Password123456", "user.password_common"),
        ("qwertyuiop1234", "user.password_guessable"),
    ] {
        let r = app
            .post(
                "/api/v1/auth/password",
                Some(&token),
                &json!({"current_password": tgpl_server::seed::DEMO_PASSWORD, "new_password": weak}),
            )
            .await
            .problem(422, "validation_failed");
        assert_eq!(r.body["errors"][0]["code"], code, "{weak}: {}", r.body);
    }
}

async fn ids_of_other_organisations_answer_like_missing_ones(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let body = |pid: uuid::Uuid| {
        json!({"username": "ls.moi", "full_name": "Luật sư Mới", "role": "contracted_lawyer",
               "organisation_id": app.units.hn_centre, "practitioner_id": pid,
               "password": "Mot-mat-khau-rat-rieng-2026"})
    };
    // A practitioner of Hồ Chí Minh City's centre, and an id that exists nowhere.
    let hcm_lawyer = app
        .get("/api/v1/practitioners?limit=200", &app.login("admin").await)
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["organisation_id"] == app.units.hcm_centre.to_string())
        .map(|p| p["id"].as_str().unwrap().parse().unwrap())
        .expect("a practitioner in HCM");
    let foreign = app
        .post("/api/v1/users", Some(&director), &body(hcm_lawyer))
        .await;
    let missing = app
        .post(
            "/api/v1/users",
            Some(&director),
            &body(uuid::Uuid::now_v7()),
        )
        .await;
    assert_eq!(foreign.status, missing.status);
    assert_eq!(foreign.body["errors"], missing.body["errors"]);
}

async fn the_request_id_is_the_servers_and_headers_protect_every_response(app: TestApp) {
    let res = app
        .client
        .get(format!("{}/api/v1/auth/jwks", app.base))
        .header("x-request-id", "chosen-by-client")
        .send()
        .await
        .unwrap();
    let h = res.headers();
    assert_ne!(h["x-request-id"], "chosen-by-client");
    assert_eq!(h["x-correlation-id"], "chosen-by-client");
    for path in [
        "/api/v1/auth/jwks",
        "/api/v1/nothing-here",
        "/api/docs/",
        "/",
    ] {
        let res = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
    }
    // Personal data is never cached.
    let token = app.login("vt.hanoi").await;
    let r = app.get("/api/v1/cases", &token).await.expect(200);
    assert_eq!(r.headers["cache-control"], "no-store");
    assert!(
        !r.headers.contains_key("strict-transport-security"),
        "no HSTS without TLS"
    );
}

tgpl_tests::on_both_databases!(masking_holds_on_every_read_path);

/// The request of a person living with HIV at the Hà Nội centre: every
/// field a masked reader must not see.
pub(crate) fn hiv_request(app: &TestApp) -> serde_json::Value {
    crate::cases::request(
        app.units.hn_centre,
        "Lò Thị Nhung",
        json!({
            "eligibility": [{"code": "7h", "proof_documents_present": true, "financial_hardship_proven": true}],
            "parties": [{"role": "beneficiary", "full_name": "Lò Thị Nhung", "date_of_birth": "1987-04-19",
                         "ethnicity": "Thái", "address": "Bản Nà Lốc, xã Mường Chà", "phone": "0987 654 321",
                         "id_number": "011087004452"}]
        }),
    )
}

/// What of [`hiv_request`] must never reach a masked reader.
pub(crate) const HIV_SECRETS: [&str; 6] = [
    "7h",
    "1987-04-19",
    "Thái",
    "Bản Nà Lốc",
    "0987654321",
    "011087004",
];

/// A case of a person living with HIV, read through every GET route by
/// each role that sees cases masked: none of the sensitive values appear.
async fn masking_holds_on_every_read_path(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let case = app
        .post("/api/v1/cases", Some(&director), &hiv_request(&app))
        .await
        .expect(201)
        .body["case"]
        .clone();
    let id = case["id"].as_str().unwrap().to_owned();
    let case =
        crate::cases::accept_and_assign(&app, &director, &director, &case, app.units.hn_officer)
            .await;
    let doc = crate::documents::upload(
        &app,
        &director,
        &id,
        ["other", "giay-xac-nhan.pdf", "application/pdf"],
        crate::documents::pdf_of(2048),
        &[],
    )
    .await
    .expect(201)
    .body;
    let doc_id = doc["id"].as_str().unwrap();
    let secrets = HIV_SECRETS;
    let paths = [
        "/api/v1/cases?limit=200".to_owned(),
        "/api/v1/cases?q=lo%20thi%20nhung".to_owned(),
        format!("/api/v1/cases/{id}"),
        format!("/api/v1/cases/{id}/activities"),
        format!("/api/v1/cases/{id}/hearings"),
        format!("/api/v1/cases/{id}/notices"),
        format!("/api/v1/cases/{id}/documents"),
        format!("/api/v1/cases/{id}/documents/{doc_id}"),
        format!("/api/v1/audit-events?entity=case&entity_id={id}&limit=100"),
        "/api/v1/audit-events?limit=200".to_owned(),
        "/api/v1/reports/case-summary".to_owned(),
    ];
    for who in ["admin", "cuc.canbo", "stp.hanoi"] {
        let token = app.login(who).await;
        for path in &paths {
            let r = app.get(path, &token).await;
            assert!(
                r.status.is_success() || r.status == 403 || r.status == 404,
                "{who} {path}: {}",
                r.status
            );
            let text = r.body.to_string();
            for s in secrets {
                assert!(!text.contains(s), "{who} reads {s} at {path}: {text}");
            }
        }
        // The raw papers hold what masking hides: metadata only.
        app.get(
            &format!("/api/v1/cases/{id}/documents/{doc_id}/content"),
            &token,
        )
        .await
        .problem(403, "forbidden");
        // Filtering by the HIV category would list the people in it.
        app.get("/api/v1/cases?eligibility=7h", &token)
            .await
            .problem(403, "forbidden");
    }
    // Those who handle the case see it whole, and every read is on record.
    let file = app
        .get(&format!("/api/v1/cases/{id}"), &director)
        .await
        .expect(200);
    assert_eq!(file.body["eligibility_codes"], json!(["7h"]));
    let trail = app.audit_actions("case", &case).await;
    for read in [
        "case.read",
        "case.list_read",
        "case.read_documents",
        "case.read_notices",
    ] {
        assert!(
            trail.iter().any(|a| a == read),
            "{read} not audited: {trail:?}"
        );
    }
}

/// Replicas starting together on one fresh PostgreSQL database: both come
/// up and each migration runs once (its one-time inserts would fail twice).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_starting_at_once_migrate_once() {
    let url = tgpl_tests::postgres_url().await;
    let (a, b, c) = tokio::join!(
        tgpl_db::Db::connect_with(&url, 2),
        tgpl_db::Db::connect_with(&url, 2),
        tgpl_db::Db::connect_with(&url, 2),
    );
    let db = a.expect("first replica");
    b.expect("second replica");
    c.expect("third replica");
    use tgpl_db::ConnectionTrait;
    let one = |sql: &'static str| {
        let db = db.clone();
        async move {
            db.conn
                .query_one_raw(tgpl_db::Statement::from_string(
                    tgpl_db::DbBackend::Postgres,
                    sql,
                ))
                .await
                .unwrap()
                .unwrap()
                .try_get_by_index::<i64>(0)
                .unwrap()
        }
    };
    assert_eq!(one("SELECT COUNT(*) FROM event_counter").await, 1);
    assert_eq!(one("SELECT COUNT(*) FROM deadline_rules").await, 1);
    assert_eq!(
        one("SELECT COUNT(*) - COUNT(DISTINCT version) FROM seaql_migrations").await,
        0
    );
}

tgpl_tests::on_both_databases!(an_idempotency_key_reused_for_other_bytes_is_422);

async fn an_idempotency_key_reused_for_other_bytes_is_422(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case =
        crate::cases::intake(&app, &clerk, app.units.hn_centre, "Vàng Thị Mỷ", json!({})).await;
    let id = case["id"].as_str().unwrap();
    let kind = ["request_papers", "don.pdf", "application/pdf"];
    let key = [("idempotency-key", "don-yeu-cau-1")];
    let first =
        crate::documents::upload(&app, &clerk, id, kind, crate::documents::pdf_of(3000), &key)
            .await
            .expect(201)
            .body;
    // The same bytes again: the first document, once.
    let again =
        crate::documents::upload(&app, &clerk, id, kind, crate::documents::pdf_of(3000), &key)
            .await
            .expect(200)
            .body;
    assert_eq!(again["id"], first["id"]);
    // Other bytes under the same key: refused, not silently dropped.
    let r = crate::documents::upload(&app, &clerk, id, kind, crate::documents::pdf_of(5000), &key)
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        r.body["errors"][0]["code"],
        "document.idempotency_key_reused"
    );
    // So too when the client declares the other checksum up front.
    let other = sha256_hex(&crate::documents::pdf_of(5000));
    let r = crate::documents::upload(
        &app,
        &clerk,
        id,
        kind,
        crate::documents::pdf_of(5000),
        &[
            ("idempotency-key", "don-yeu-cau-1"),
            ("x-checksum-sha256", &other),
        ],
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(
        r.body["errors"][0]["code"],
        "document.idempotency_key_reused"
    );
    let list = app
        .get(&format!("/api/v1/cases/{id}/documents"), &clerk)
        .await
        .expect(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A list page is one read event naming every record it showed (not one
/// full event per record): each record's trail shows the page, scoped by
/// the record's place, so its province sees who listed it and others not.
async fn a_list_page_is_one_audit_event_naming_each_record(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    for name in ["Hà Văn Lực", "Lường Thị Xuân", "Cầm Bá Thước"] {
        let body = crate::cases::request(app.units.hn_centre, name, json!({}));
        app.post("/api/v1/cases", Some(&director), &body)
            .await
            .expect(201);
    }
    let reader = app.login("cuc.canbo").await;
    let page = app
        .get(
            &format!(
                "/api/v1/cases?organisation_id={}&limit=3",
                app.units.hn_centre
            ),
            &reader,
        )
        .await
        .expect(200)
        .body;
    let shown = page["items"].as_array().unwrap().clone();
    assert_eq!(shown.len(), 3);
    let admin = app.login("admin").await;
    let reader_id = app.user_id("cuc.canbo").await;
    let events = app
        .get(
            &format!("/api/v1/audit-events?actor_id={reader_id}&limit=100"),
            &admin,
        )
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "case.list_read")
        .cloned()
        .collect::<Vec<_>>();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["after"]["records_shown"], 3);
    let event_id = &events[0]["id"];
    let department = app.login("stp.hanoi").await;
    let elsewhere = app.login("gd.hcm").await;
    for case in &shown {
        let trail = |token: String| {
            let app = &app;
            let path = format!(
                "/api/v1/audit-events?entity=case&entity_id={}&limit=100",
                case["id"].as_str().unwrap()
            );
            async move { app.get(&path, &token).await.expect(200).body["items"].clone() }
        };
        for (token, sees) in [(&admin, true), (&department, true), (&elsewhere, false)] {
            let items = trail(token.clone()).await;
            let listed = items
                .as_array()
                .unwrap()
                .iter()
                .any(|e| &e["id"] == event_id);
            assert_eq!(listed, sees, "{items}");
        }
    }
    // A record the page did not show has no such entry in its trail.
    let body = crate::cases::request(app.units.hcm_centre, "Đinh Văn Tám", json!({}));
    let other = app
        .post("/api/v1/cases", Some(&elsewhere), &body)
        .await
        .expect(201)
        .body["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity=case&entity_id={other}&limit=100"),
            &admin,
        )
        .await
        .expect(200)
        .body;
    assert!(
        trail["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| &e["id"] != event_id),
        "{trail}"
    );
}
tgpl_tests::on_both_databases!(a_list_page_is_one_audit_event_naming_each_record);
