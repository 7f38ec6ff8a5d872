//! Every list exports (issue #15 item 2): the registers, the user accounts,
//! the hearings calendar, the audit trail and a report cell's cases, as
//! CSV and XLSX, with the list's filters, within the reader's scope and
//! masked as the reader sees the list. Each file read back equals the
//! API's list read page by page.
use crate::report_export::download;
use calamine::{Data, Reader, Xlsx};
use serde_json::{Value, json};
use std::io::Cursor;
use tgpl_tests::TestApp;

/// The rows of a sheet as text, header first.
pub(crate) fn xlsx_rows(bytes: Vec<u8>, sheet: &str) -> Vec<Vec<String>> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The rows of a CSV export, header first, read by a CSV parser.
fn csv_rows(bytes: Vec<u8>) -> Vec<Vec<String>> {
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "Excel needs the byte-order mark"
    );
    let body = text.trim_start_matches('\u{feff}');
    assert!(body.ends_with("\r\n"), "lines end in CRLF");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Every item of an API list, following `next` with small pages so the
/// export's own paging is compared with several of the list's.
async fn whole_list(app: &TestApp, path: &str, token: &str) -> Vec<Value> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut items = Vec::new();
    let mut after = String::new();
    loop {
        let page = app
            .get(&format!("{path}{sep}limit=7{after}"), token)
            .await
            .expect(200)
            .body;
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(next) => after = format!("&after={next}"),
            None => return items,
        }
    }
}

fn field(items: &[Value], name: &str) -> Vec<String> {
    items
        .iter()
        .map(|i| i[name].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn column(rows: &[Vec<String>], i: usize) -> Vec<String> {
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

async fn the_registers_export_as_their_lists_read(app: TestApp) {
    let dept = app.login("stp.hanoi").await;
    let admin = app.login("admin").await;

    // Practitioners of one province as XLSX: the list's rows in its order.
    let list = whole_list(&app, "/api/v1/practitioners?province=01", &admin).await;
    assert!(list.len() > 7, "several pages: {}", list.len());
    let (ct, disposition, bytes) = download(
        &app,
        "/api/v1/practitioners/export/xlsx?province=01",
        &admin,
    )
    .await;
    assert!(ct.contains("spreadsheetml"), "{ct}");
    assert!(
        disposition.contains("danh-sach-nguoi-thuc-hien.xlsx"),
        "{disposition}"
    );
    let rows = xlsx_rows(bytes, "Người thực hiện");
    assert_eq!(rows[0][0], "Họ và tên");
    assert_eq!(column(&rows, 0), field(&list, "full_name"));
    assert_eq!(column(&rows, 2), field(&list, "card_number"));
    assert!(
        rows[1..].iter().all(|r| r[4] == "Thành phố Hà Nội"),
        "{:?}",
        column(&rows, 4)
    );
    assert!(rows[1..].iter().any(|r| r[1] == "Trợ giúp viên pháp lý"));

    // The department's view of the organisations, as CSV: its province
    // only, the same names as its list, kinds and statuses in Vietnamese.
    let list = whole_list(&app, "/api/v1/organisations", &dept).await;
    let (ct, _, bytes) = download(&app, "/api/v1/organisations/export/csv", &dept).await;
    assert!(ct.starts_with("text/csv"), "{ct}");
    let rows = csv_rows(bytes);
    assert_eq!(rows[0][..3], ["Tên tổ chức", "Tên viết tắt", "Loại"]);
    assert_eq!(column(&rows, 0), field(&list, "name"));
    assert!(rows[1..].iter().all(|r| r[3] == "Thành phố Hà Nội"));
    assert!(rows[1..].iter().any(|r| r[2] == "Trung tâm TGPL nhà nước"));
    let labels = ["Đang hoạt động", "Ngừng hoạt động", "Đã hợp nhất"];
    assert!(rows[1..].iter().all(|r| labels.contains(&r[5].as_str())));
    // A filter narrows the file as it narrows the list.
    let (_, _, bytes) = download(&app, "/api/v1/organisations/export/csv?kind=branch", &dept).await;
    let branches = csv_rows(bytes);
    let list = whole_list(&app, "/api/v1/organisations?kind=branch", &dept).await;
    assert_eq!(column(&branches, 0), field(&list, "name"));
    assert!(branches[1..].iter().all(|r| r[2] == "Chi nhánh"));

    // User accounts: the director's file holds his centre's accounts only.
    let director = app.login("gd.hanoi").await;
    let list = whole_list(&app, "/api/v1/users", &director).await;
    let (_, _, bytes) = download(&app, "/api/v1/users/export/xlsx", &director).await;
    let rows = xlsx_rows(bytes, "Tài khoản");
    assert_eq!(column(&rows, 0), field(&list, "username"));
    assert!(column(&rows, 0).contains(&"gd.hanoi".to_owned()));
    assert!(!column(&rows, 0).contains(&"gd.hcm".to_owned()));
    assert!(!column(&rows, 0).contains(&"admin".to_owned()));

    // Bad filters and formats are the list's own 4xx, never a broken file.
    app.get("/api/v1/practitioners/export/csv?province=99", &admin)
        .await
        .problem(422, "validation_failed");
    app.get("/api/v1/organisations/export/ods", &admin)
        .await
        .problem(422, "validation_failed");
    app.get("/api/v1/users/export/csv?colour=red", &admin)
        .await
        .problem(400, "query.invalid");
}

tgpl_tests::on_both_databases!(the_registers_export_as_their_lists_read);

async fn the_trail_hearings_and_a_report_cell_export_masked(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    let created = app
        .post(
            "/api/v1/cases",
            Some(&director),
            &crate::security::hiv_request(&app),
        )
        .await
        .expect(201)
        .body;
    let id = created["case"]["id"].as_str().unwrap().to_owned();
    let trail = format!("/api/v1/audit-events/export/csv?entity=case&entity_id={id}");

    // The audit trail: the centre's director reads the case whole, so its
    // file shows the category; the national admin reads it masked, and so
    // does the file. Either way the file holds the list's events.
    let (_, _, bytes) = download(&app, &trail, &director).await;
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("case.create"), "{text}");
    assert!(
        text.contains("7h"),
        "the director reads the category: {text}"
    );
    let rows = csv_rows(bytes);
    assert_eq!(
        rows[0][..4],
        ["Thời điểm", "Người thực hiện", "Vai trò", "Hành động"]
    );
    let list = whole_list(
        &app,
        &format!("/api/v1/audit-events?entity=case&entity_id={id}"),
        &director,
    )
    .await;
    assert_eq!(rows.len() - 1, list.len());
    let admin = app.login("admin").await;
    let (_, _, bytes) = download(&app, &trail, &admin).await;
    let masked = String::from_utf8(bytes).unwrap();
    assert!(masked.contains("case.create"), "{masked}");
    for secret in crate::security::HIV_SECRETS {
        assert!(
            !masked.contains(secret),
            "the admin's export shows {secret}: {masked}"
        );
    }
    // A role that cannot read the trail cannot export it.
    app.get(&trail, &app.login("cuc.canbo").await)
        .await
        .problem(403, "forbidden");

    // The hearings calendar: its court, time in Vietnam and case code.
    let case = created["case"].clone();
    crate::cases::accept_and_assign(&app, &director, &director, &case, app.units.hn_officer).await;
    let officer = app.login("tgv.hanoi").await;
    let starts = app.now() + chrono::Duration::days(3);
    app.post(
        &format!("/api/v1/cases/{id}/hearings"),
        Some(&officer),
        &json!({"court": "Tòa án nhân dân Thành phố Hà Nội", "starts_at": starts.to_rfc3339(), "mode": "online"}),
    )
    .await
    .expect(201);
    let code = app
        .get(&format!("/api/v1/cases/{id}"), &director)
        .await
        .expect(200)
        .body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, _, bytes) = download(&app, "/api/v1/hearings/export/xlsx", &officer).await;
    let rows = xlsx_rows(bytes, "Lịch phiên tòa");
    assert_eq!(rows.len(), 2, "{rows:?}");
    let local = starts + chrono::Duration::hours(7);
    assert_eq!(
        rows[1][..5],
        [
            local.format("%d/%m/%Y %H:%M").to_string(),
            "Tòa án nhân dân Thành phố Hà Nội".to_owned(),
            "Trực tuyến".to_owned(),
            String::new(),
            code.clone(),
        ]
    );
    // Another centre's calendar file is empty but for its header.
    let (_, _, bytes) = download(
        &app,
        "/api/v1/hearings/export/csv",
        &app.login("gd.hcm").await,
    )
    .await;
    assert_eq!(csv_rows(bytes).len(), 1);

    // A report cell's cases: the drill-down list, as a file.
    let year = app.today().format("%Y");
    let cell = format!("period=annual_official&year={year}&row=&column=1");
    let list = whole_list(
        &app,
        &format!("/api/v1/reports/forms/25/cases?{cell}"),
        &admin,
    )
    .await;
    assert!(!list.is_empty());
    let (_, disposition, bytes) = download(
        &app,
        &format!("/api/v1/reports/forms/25/cases/export/csv?{cell}"),
        &admin,
    )
    .await;
    assert!(
        disposition.contains("vu-viec-theo-o-bao-cao.csv"),
        "{disposition}"
    );
    let rows = csv_rows(bytes);
    assert_eq!(column(&rows, 0), field(&list, "code"));
    app.get(
        "/api/v1/reports/forms/25/cases/export/csv?row=9.9&column=1",
        &admin,
    )
    .await
    .problem(422, "validation_failed");
}

tgpl_tests::on_both_databases!(the_trail_hearings_and_a_report_cell_export_masked);
