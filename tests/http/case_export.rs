//! The case list as CSV and XLSX (issue #15 item 2): the list's filters
//! and scope, every row (over several pages), masked as the reader sees the
//! list, audited as list reads; read back with calamine.
use crate::report_export::download;
use serde_json::json;
use tgpl_db::{ConnectionTrait, Statement};
use tgpl_tests::TestApp;

/// The codes of the cases of a province (all: none), as the raw rows have
/// them (empty for a request not yet registered).
async fn province_cases(app: &TestApp, province: Option<&str>) -> Vec<String> {
    let conn = &app.state.app.db.conn;
    let filter = province.map_or(String::new(), |p| format!(" WHERE province_code = '{p}'"));
    conn.query_all_raw(Statement::from_string(
        conn.get_database_backend(),
        format!("SELECT code FROM cases{filter}"),
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| {
        r.try_get::<Option<String>>("", "code")
            .unwrap()
            .unwrap_or_default()
    })
    .collect()
}

async fn the_case_list_exports_whole_scoped_and_masked(app: TestApp) {
    tgpl_server::synthetic::seed_cases(&app.state.app.db, 900, 5, app.state.moment())
        .await
        .unwrap();
    let director = app.login("gd.hanoi").await;
    let hiv = app
        .post(
            "/api/v1/cases",
            Some(&director),
            &crate::security::hiv_request(&app),
        )
        .await
        .expect(201)
        .body["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let expected = province_cases(&app, None).await;
    assert!(
        expected.len() > 400,
        "needs several pages: {}",
        expected.len()
    );

    // CSV for the ministry: every case of the country (archived files
    // asked for: lists leave them out by default), masked.
    let national = app.login("cuc.canbo").await;
    let (ct, _, body) = download(&app, "/api/v1/cases/export/csv?archived=true", &national).await;
    assert!(ct.starts_with("text/csv"), "{ct}");
    let text = String::from_utf8(body).unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "Excel needs the byte-order mark"
    );
    let lines: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    assert!(
        lines[0].starts_with("Mã vụ việc,Trạng thái,Ngày yêu cầu"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len() - 1, expected.len());
    let mut codes: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let mut want: Vec<&str> = expected.iter().map(String::as_str).collect();
    codes.sort_unstable();
    want.sort_unstable();
    assert_eq!(codes, want);
    // Her row: named (names are not masked), her category masked.
    let hers = lines
        .iter()
        .find(|l| l.contains("Lò Thị Nhung"))
        .expect("her case is exported");
    for secret in crate::security::HIV_SECRETS {
        assert!(
            !hers.contains(secret),
            "the ministry's export shows {secret}: {hers}"
        );
    }
    // The centre sees its own cases only, and the category it needs.
    let (_, _, own) = download(&app, "/api/v1/cases/export/csv", &director).await;
    let own = String::from_utf8(own).unwrap();
    assert!(own.contains("Lò Thị Nhung") && own.contains("7h"));
    assert!(!own.contains("Hồ Chí Minh"));
    // Every row shown is a read of the record.
    let reads = app.audit_actions("case", &json!({"id": hiv})).await;
    assert!(reads.iter().any(|a| a == "case.list_read"), "{reads:?}");

    // XLSX of one province, read back: the header, then its cases.
    let expected = province_cases(&app, Some("01")).await;
    let mut want: Vec<&str> = expected.iter().map(String::as_str).collect();
    want.sort_unstable();
    let (ct, _, bytes) = download(
        &app,
        "/api/v1/cases/export/xlsx?province=01&archived=true",
        &national,
    )
    .await;
    assert!(ct.contains("spreadsheetml"), "{ct}");
    let rows = crate::list_exports::xlsx_rows(bytes, "Vụ việc");
    assert_eq!(rows[0][0], "Mã vụ việc");
    assert_eq!(rows[0].len(), 15);
    let mut xlsx_codes: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    xlsx_codes.sort_unstable();
    assert_eq!(xlsx_codes, want);

    // Bad requests are plain 4xx.
    app.get("/api/v1/cases/export/pdf", &national)
        .await
        .problem(422, "validation_failed");
    app.get("/api/v1/cases/export/csv?eligibility=7h", &national)
        .await
        .problem(403, "forbidden");
}

tgpl_tests::on_both_databases!(the_case_list_exports_whole_scoped_and_masked);
