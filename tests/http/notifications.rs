//! Notifications (issue #14): events and the daily deadline scan reach the
//! right people once, in the app and by mail to a real SMTP server, in
//! Vietnamese, with no personal data; preferences, digests, security
//! notices, the dead-letter list.
use crate::cases::{accept_and_assign, intake};
use chrono::Duration;
use serde_json::{Value, json};
use tgpl_tests::{Backend, TestApp};

macro_rules! with_smtp {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(tgpl_tests::spawn_app_with_smtp(tgpl_tests::Backend::Sqlite).await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(tgpl_tests::spawn_app_with_smtp(tgpl_tests::Backend::Postgres).await).await
                }
            }
        )*
    };
}

with_smtp!(
    an_assignment_reaches_the_practitioner_once_in_vietnamese_without_personal_data,
    hearings_are_reminded_three_days_before_and_the_day_before_exactly_once,
    a_lockout_is_told_to_the_owner_and_to_those_who_may_unlock,
    a_password_change_and_a_sign_in_from_a_new_browser_are_told,
    a_digest_gathers_what_the_reader_chose_not_to_get_at_once,
    a_mail_that_keeps_failing_waits_in_the_dead_letter_list_until_retried,
    proof_is_reminded_on_the_working_day_before_while_the_case_is_handled,
);

const BENEFICIARY: &str = "Hoàng Thị Thu Trang";

fn mail(user: &str) -> String {
    format!("{user}@tgpl.example")
}

async fn inbox(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/api/v1/notifications", token)
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn unread(app: &TestApp, token: &str) -> u64 {
    app.get("/api/v1/notifications/unread-count", token)
        .await
        .expect(200)
        .body["unread"]
        .as_u64()
        .unwrap()
}

/// A case of the Hà Nội centre assigned to the officer `tgv.hanoi`.
async fn assigned_case(app: &TestApp) -> Value {
    let director = app.login("gd.hanoi").await;
    let case = intake(
        app,
        &director,
        app.units.hn_centre,
        BENEFICIARY,
        json!({"summary": "Bị hại trong vụ bạo lực gia đình, đề nghị bảo vệ quyền lợi."}),
    )
    .await;
    accept_and_assign(app, &director, &director, &case, app.units.hn_officer).await
}

async fn an_assignment_reaches_the_practitioner_once_in_vietnamese_without_personal_data(
    app: TestApp,
) {
    let officer = app.login("tgv.hanoi").await;
    let case = assigned_case(&app).await;
    let code = case["code"].as_str().unwrap().to_owned();
    // Nothing is told before the job runner hands the outbox on.
    assert_eq!(unread(&app, &officer).await, 0);
    let tick = app.run_jobs().await;
    assert!(tick.events >= 3, "received, accepted, assigned: {tick:?}");
    app.run_jobs().await;

    let items = inbox(&app, &officer).await;
    assert_eq!(items.len(), 1, "{items:?}");
    let n = &items[0];
    assert_eq!(n["kind"], "case_assigned");
    assert_eq!(
        n["subject"],
        format!("Vụ việc {code} được phân công cho bạn")
    );
    assert_eq!(n["case_id"], case["id"]);
    assert_eq!(unread(&app, &officer).await, 1);

    let smtp = app.smtp.as_ref().unwrap();
    let mails = smtp.mails_to(&mail("tgv.hanoi"));
    assert_eq!(mails.len(), 1, "exactly one mail: {mails:?}");
    assert_eq!(
        mails[0].subject,
        format!("Vụ việc {code} được phân công cho bạn")
    );
    assert!(
        mails[0]
            .body
            .contains("đã được phân công cho bạn thực hiện")
    );
    for m in smtp.mails() {
        for secret in [BENEFICIARY, "0912 345 678", "bạo lực gia đình"] {
            assert!(
                !m.body.contains(secret) && !m.subject.contains(secret),
                "{secret} in {m:?}"
            );
        }
    }
    // The director acted: nobody is told of their own act.
    assert!(smtp.mails_to(&mail("gd.hanoi")).is_empty());

    // Read, it leaves the badge; another's notice is not the caller's to mark.
    let id = n["id"].as_str().unwrap();
    let director = app.login("gd.hanoi").await;
    app.post(
        &format!("/api/v1/notifications/{id}/read"),
        Some(&director),
        &json!({}),
    )
    .await
    .problem(404, "notification.not_found");
    let r = app
        .post(
            &format!("/api/v1/notifications/{id}/read"),
            Some(&officer),
            &json!({}),
        )
        .await
        .expect(200);
    assert_eq!(r.body["marked"], 1);
    assert_eq!(unread(&app, &officer).await, 0);
    assert!(inbox(&app, &officer).await[0]["read_at"].is_string());
    app.run_jobs().await;
    assert_eq!(smtp.mails_to(&mail("tgv.hanoi")).len(), 1, "never twice");
}

async fn hearings_are_reminded_three_days_before_and_the_day_before_exactly_once(app: TestApp) {
    let officer = app.login("tgv.hanoi").await;
    let case = assigned_case(&app).await;
    // Monday 16 November 2026, 09:00 in Vietnam: the hearing is on
    // Thursday the 19th at 09:00.
    let starts = app.now() + Duration::days(3);
    let path = format!("/api/v1/cases/{}/hearings", case["id"].as_str().unwrap());
    app.post(
        &path,
        Some(&officer),
        &json!({"court": "Tòa án nhân dân khu vực 3 - Hà Nội", "starts_at": starts.to_rfc3339(), "mode": "online"}),
    )
    .await
    .expect(201);
    // Two replicas tick at once: each reminder still goes out once.
    let (a, b) = (app.runner("replica-a"), app.runner("replica-b"));
    let (ra, rb) = tokio::join!(a.tick(), b.tick());
    ra.unwrap();
    rb.unwrap();
    let hearing_mails = |app: &TestApp| {
        app.smtp
            .as_ref()
            .unwrap()
            .mails_to(&mail("tgv.hanoi"))
            .into_iter()
            .filter(|m| m.subject.contains("phiên tòa"))
            .collect::<Vec<_>>()
    };
    let three = hearing_mails(&app);
    assert_eq!(three.len(), 1, "{three:?}");
    assert!(
        three[0].subject.starts_with("Còn 3 ngày đến phiên tòa"),
        "{}",
        three[0].subject
    );
    assert!(
        three[0].body.contains("09:00 19/11/2026"),
        "{}",
        three[0].body
    );

    // Wednesday the 18th: the day before.
    app.advance(Duration::days(2));
    let (ra, rb) = tokio::join!(a.tick(), b.tick());
    ra.unwrap();
    rb.unwrap();
    a.tick().await.unwrap();
    let both = hearing_mails(&app);
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(both[1].subject.starts_with("Ngày mai có phiên tòa"));
    let officer = app.login("tgv.hanoi").await;
    let kinds: Vec<Value> = inbox(&app, &officer)
        .await
        .iter()
        .map(|n| n["kind"].clone())
        .collect();
    assert_eq!(
        kinds,
        vec![
            json!("hearing_soon"),
            json!("hearing_soon"),
            json!("case_assigned")
        ]
    );
}

async fn a_lockout_is_told_to_the_owner_and_to_those_who_may_unlock(app: TestApp) {
    let limits = tgpl_domain::auth::LoginLimits::default();
    for _ in 0..limits.per_pair {
        app.post(
            "/api/v1/auth/login",
            None,
            &json!({"username": "vt.hanoi", "password": "doan-sai-mat-khau-1"}),
        )
        .await
        .problem(401, "auth.invalid_credentials");
    }
    app.run_jobs().await;
    let smtp = app.smtp.as_ref().unwrap();
    let owner = smtp.mails_to(&mail("vt.hanoi"));
    assert_eq!(owner.len(), 1, "{owner:?}");
    assert_eq!(owner[0].subject, "Tài khoản TGPL của bạn đã bị khóa");
    // The centre's director, the province's department and the national
    // administrator may unlock the clerk: each is told, once.
    for admin in ["gd.hanoi", "stp.hanoi", "admin"] {
        let m = smtp.mails_to(&mail(admin));
        assert_eq!(m.len(), 1, "{admin}: {m:?}");
        assert_eq!(
            m[0].subject,
            "Tài khoản vt.hanoi bị khóa do đăng nhập sai nhiều lần"
        );
    }
    // Not someone of another centre.
    assert!(smtp.mails_to(&mail("gd.hcm")).is_empty());
    let director = app.login("gd.hanoi").await;
    assert_eq!(inbox(&app, &director).await[0]["kind"], "account_locked");
}

async fn a_password_change_and_a_sign_in_from_a_new_browser_are_told(app: TestApp) {
    let first = app.login("ls.hanoi").await;
    app.run_jobs().await;
    let smtp = app.smtp.as_ref().unwrap();
    assert!(
        smtp.mails_to(&mail("ls.hanoi")).is_empty(),
        "a first sign-in is not news"
    );
    // Signing in again from the same program: nothing.
    app.login("ls.hanoi").await;
    // From a browser never seen before: the owner is told.
    let body = json!({"username": "ls.hanoi", "password": tgpl_server::seed::DEMO_PASSWORD});
    app.send(
        reqwest::Method::POST,
        "/api/v1/auth/login",
        None,
        &[(
            "user-agent",
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        )],
        Some(body.to_string().into_bytes()),
    )
    .await
    .expect(200);
    app.run_jobs().await;
    let m = smtp.mails_to(&mail("ls.hanoi"));
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].subject, "Đăng nhập mới vào tài khoản TGPL");

    let change = json!({"current_password": tgpl_server::seed::DEMO_PASSWORD, "new_password": "Mat-khau-moi-2026"});
    app.post("/api/v1/auth/password", Some(&first), &change)
        .await
        .expect(204);
    app.run_jobs().await;
    let m = smtp.mails_to(&mail("ls.hanoi"));
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!(m[1].subject, "Mật khẩu TGPL của bạn đã thay đổi");
}

async fn a_digest_gathers_what_the_reader_chose_not_to_get_at_once(app: TestApp) {
    let officer = app.login("tgv.hanoi").await;
    let prefs = app
        .get("/api/v1/notifications/preferences", &officer)
        .await
        .expect(200);
    assert_eq!(prefs.body["language"], "vi");
    assert_eq!(prefs.body["mail_enabled"], true);
    let locked = prefs.body["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "account_locked")
        .unwrap()
        .clone();
    assert_eq!(locked["fixed"], true);
    // Security notices cannot be turned off.
    let put = |body: Value| {
        let officer = officer.clone();
        let app = &app;
        async move {
            app.send(
                reqwest::Method::PUT,
                "/api/v1/notifications/preferences",
                Some(&officer),
                &[],
                Some(body.to_string().into_bytes()),
            )
            .await
        }
    };
    put(json!({"kinds": [{"kind": "account_locked", "delivery": "in_app_only"}]}))
        .await
        .problem(422, "validation_failed");
    let r = put(json!({"kinds": [{"kind": "case_assigned", "delivery": "daily_digest"}]}))
        .await
        .expect(200);
    let chosen = r.body["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "case_assigned")
        .unwrap()["delivery"]
        .clone();
    assert_eq!(chosen, "daily_digest");

    let case = assigned_case(&app).await;
    app.run_jobs().await;
    let smtp = app.smtp.as_ref().unwrap();
    assert!(
        smtp.mails_to(&mail("tgv.hanoi")).is_empty(),
        "waits for the digest"
    );
    assert_eq!(unread(&app, &officer).await, 1, "but is in the app at once");

    // Next morning, 07:00 in Vietnam: one digest listing it.
    app.advance(Duration::hours(22));
    app.run_jobs().await;
    app.run_jobs().await;
    let m = smtp.mails_to(&mail("tgv.hanoi"));
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].subject, "TGPL: tổng hợp thông báo ngày 17/11/2026");
    assert!(
        m[0].body.contains(case["code"].as_str().unwrap()),
        "{}",
        m[0].body
    );

    // In English when the reader says so.
    let officer = app.login("tgv.hanoi").await;
    app.send(
        reqwest::Method::PUT,
        "/api/v1/notifications/preferences",
        Some(&officer),
        &[],
        Some(json!({"language": "en"}).to_string().into_bytes()),
    )
    .await
    .expect(200);
    let items = inbox(&app, &officer).await;
    assert!(
        items[0]["subject"].as_str().unwrap().starts_with("Case "),
        "{items:?}"
    );
}

async fn a_mail_that_keeps_failing_waits_in_the_dead_letter_list_until_retried(mut app: TestApp) {
    app.smtp.as_mut().unwrap().stop();
    assigned_case(&app).await;
    // Eight attempts, each after a growing delay.
    for _ in 0..tgpl_app::notify::MAIL_ATTEMPTS {
        app.run_jobs().await;
        app.advance(Duration::hours(1) + Duration::minutes(1));
    }
    let admin = app.login("admin").await;
    let dead = app.get("/api/v1/jobs", &admin).await.expect(200);
    let items = dead.body["items"].as_array().unwrap();
    let job = items
        .iter()
        .find(|j| j["kind"] == "mail")
        .unwrap_or_else(|| panic!("a dead mail job: {items:?}"))
        .clone();
    assert_eq!(job["status"], "dead");
    assert_eq!(job["attempts"], tgpl_app::notify::MAIL_ATTEMPTS);
    assert!(
        job["last_error"].as_str().unwrap().contains("SMTP"),
        "{job}"
    );
    // Only the national administrator sees the jobs.
    let director = app.login("gd.hanoi").await;
    app.get("/api/v1/jobs", &director).await.expect(403);
    let id = job["id"].as_str().unwrap();
    let path = format!("/api/v1/jobs/{id}/retry");
    app.smtp.as_mut().unwrap().resume();
    let retried = app.post(&path, Some(&admin), &json!({})).await.expect(200);
    assert_eq!(retried.body["status"], "pending");
    app.post(&path, Some(&admin), &json!({}))
        .await
        .problem(409, "job.not_dead");
    app.run_jobs().await;
    let m = app.smtp.as_ref().unwrap().mails_to(&mail("tgv.hanoi"));
    assert_eq!(m.len(), 1, "delivered once after the retry: {m:?}");
    assert!(
        app.audit_trail("job", &job)
            .await
            .iter()
            .any(|e| e["action"] == "job.retry")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_smtp_relay_notices_stay_in_the_app() {
    let app = tgpl_tests::spawn_app(Backend::Sqlite).await;
    let officer = app.login("tgv.hanoi").await;
    assigned_case(&app).await;
    app.run_jobs().await;
    assert_eq!(unread(&app, &officer).await, 1);
    let prefs = app
        .get("/api/v1/notifications/preferences", &officer)
        .await
        .expect(200);
    assert_eq!(prefs.body["mail_enabled"], false);
    let r = app
        .post("/api/v1/notifications/read-all", Some(&officer), &json!({}))
        .await
        .expect(200);
    assert_eq!(r.body["marked"], 1);
    assert_eq!(unread(&app, &officer).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_history_is_not_news() {
    let app = tgpl_tests::spawn_app(Backend::Postgres).await;
    let n = tgpl_server::synthetic::seed_cases(&app.state.db, 60, 7, app.state.moment())
        .await
        .unwrap();
    assert_eq!(n, 60);
    let tick = app.run_jobs().await;
    assert_eq!(tick.events, 0, "the generated events are skipped");
    // A real act after the bulk load is told as usual.
    let officer = app.login("tgv.hanoi").await;
    assigned_case(&app).await;
    assert!(app.run_jobs().await.events >= 3);
    assert_eq!(unread(&app, &officer).await, 1);
}

async fn proof_is_reminded_on_the_working_day_before_while_the_case_is_handled(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let director = app.login("gd.hanoi").await;
    let urgent = json!({"court_appointed_defence": true,
                        "eligibility": [{"code": "2", "proof_documents_present": false, "financial_hardship_proven": false}]});
    let mut accepted = Vec::new();
    for name in ["Giàng A Sử", "Lò Văn Pấng"] {
        let case = intake(&app, &clerk, app.units.hn_centre, name, urgent.clone()).await;
        let case = crate::cases::act(&app, &clerk, &case, "accept", json!({}))
            .await
            .expect(200)
            .body;
        assert!(case["proof_due_on"].is_string(), "{case}");
        accepted.push(case);
    }
    let due = accepted[0]["proof_due_on"].as_str().unwrap().to_owned();
    // The second one is withdrawn: its deadline no longer runs.
    crate::cases::act(
        &app,
        &director,
        &accepted[1],
        "discontinue",
        json!({"discontinuation_ground": "withdrawn"}),
    )
    .await
    .expect(200);
    app.run_jobs().await;
    let smtp = app.smtp.as_ref().unwrap();
    let proof = |m: &tgpl_tests::ReceivedMail| m.subject.starts_with("Hạn bổ sung giấy tờ");
    assert!(
        smtp.mails_to(&mail("vt.hanoi")).iter().all(|m| !proof(m)),
        "not yet"
    );
    // The working day before the deadline (accepted on Monday 16 November,
    // due five working days later: reminded on Friday the 20th).
    app.advance(Duration::days(4));
    app.run_jobs().await;
    let code = accepted[0]["code"].as_str().unwrap();
    let reminders: Vec<_> = smtp
        .mails_to(&mail("vt.hanoi"))
        .into_iter()
        .filter(proof)
        .collect();
    assert_eq!(reminders.len(), 1, "due {due}: {reminders:?}");
    assert!(reminders[0].subject.contains(code), "{reminders:?}");
    app.run_jobs().await;
    let again = smtp
        .mails_to(&mail("vt.hanoi"))
        .into_iter()
        .filter(proof)
        .count();
    assert_eq!(again, 1, "never twice");
}
