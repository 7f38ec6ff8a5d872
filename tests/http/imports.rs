//! Import from the old system (issue #15 item 1): organisations, then
//! practitioners, then cases, from CSV and XLSX through the default
//! mapping. A dry run names every bad row and writes nothing; a real run
//! imports the good rows with their old codes, register numbers and dates;
//! a rerun changes nothing; an interrupted run resumes where it stopped.
use serde_json::{Value, json};
use tgpl_app::service::import::{Options, run_file};
use tgpl_db::{ConnectionTrait, Statement};
use tgpl_domain::import::{ImportKind, ImportStatus};
use tgpl_tests::{Reply, TestApp, reply};

const ORGANISATIONS: &str = "\u{feff}Mã tổ chức,Loại tổ chức,Tên tổ chức,Tên viết tắt,Mã tỉnh,Mã tổ chức cấp trên,Điện thoại
TC-001,Trung tâm TGPL nhà nước,Trung tâm Trợ giúp pháp lý nhà nước thành phố Hà Nội,TT,01,,024 3826 1234
TC-003,Chi nhánh,Chi nhánh số 3 - Trung tâm Trợ giúp pháp lý nhà nước Hà Nội,CN3,01,TC-001,
TC-009,Văn phòng,Văn phòng đại diện,VPDD,01,,
";

const PRACTITIONERS: &str =
    "Mã người thực hiện,Họ và tên,Loại người thực hiện,Số thẻ,Mã tổ chức,Giới tính,Ngày sinh
NTH-001,Nguyễn Văn Hùng,Trợ giúp viên pháp lý,TGV-0101-2019,TC-001,Nam,12/04/1980
NTH-002,Lê Thị Thu Trang,Trợ giúp viên pháp lý,TGV-0102-2019,TC-003,Nữ,03/09/1988
NTH-003,Trần Văn Bình,Trợ giúp viên pháp lý,,TC-001,Nam,
NTH-004,Đào Văn Khang,Trợ giúp viên pháp lý,TGV-0101-2019,TC-001,Nam,
";

const CASES_HEADER: &str = "Mã hồ sơ,Mã tổ chức,Mã người thực hiện,Ngày yêu cầu,Hình thức tiếp nhận,Hình thức TGPL,Lĩnh vực,Diện người được TGPL,Nội dung vụ việc,Người được TGPL,Giới tính,Ngày sinh,Dân tộc,Tư cách tố tụng,Trạng thái,Mã vụ việc,Ngày thụ lý,Ngày kết thúc,Kết quả,Lý do từ chối";

/// Ten cases: five good (rows 2, 3, 4, 8, 10), five bad (5, 6, 7, 9, 11).
fn cases_csv() -> String {
    let rows = [
        "HS-2019-0007,TC-001,NTH-001,04/03/2019,Trực tiếp,Tư vấn,Đất đai,2,Tranh chấp ranh giới đất,Lò Thị Mai,Nữ,01/05/1970,Thái,,Đã kết thúc,TT.TV.07.2019,05/03/2019,20/04/2019,Đã tư vấn bằng văn bản,",
        "HS-2020-0112,TC-001,NTH-001,10/06/2020,Cơ quan tố tụng chuyển,Bào chữa,Hình sự,5,Bị can 17 tuổi trộm cắp tài sản,Đỗ Văn Nam,Nam,01/02/2003,Kinh,Bị can,Lưu trữ,TT.TGTT.45.2020,11/06/2020,30/11/2020,Tòa án tuyên án treo,",
        "HS-2024-0031,TC-003,NTH-002,15/01/2024,Trực tiếp,Bảo vệ quyền và lợi ích hợp pháp,Dân sự,7d,Tranh chấp hợp đồng vay,Nguyễn Thị Hạnh,Nữ,20/07/1985,Kinh,,Đang thực hiện,CN3.TGTT.03.2024,16/01/2024,,,",
        "HS-2020-0200,TC-001,NTH-001,31/02/2020,Trực tiếp,Tư vấn,Đất đai,2,Ngày không có thật,Phạm Văn Tư,Nam,01/01/1960,Kinh,,Đã kết thúc,TT.TV.30.2020,02/03/2020,10/04/2020,Đã tư vấn,",
        "HS-2019-0009,TC-001,NTH-001,10/03/2019,Trực tiếp,Tư vấn,Dân sự,7c,Người 39 tuổi khai là người cao tuổi,Vũ Văn Năm,Nam,01/01/1980,Kinh,,Đã kết thúc,TT.TV.09.2019,11/03/2019,20/04/2019,Đã tư vấn,",
        "HS-2019-0010,TC-001,NTH-001,12/03/2019,Trực tiếp,Tư vấn,Đất đai,2,Mã năm sai,Hoàng Thị Sáu,Nữ,01/01/1975,Kinh,,Đã kết thúc,TT.TV.08.2018,13/03/2019,20/04/2019,Đã tư vấn,",
        "HS-2021-0077,TC-001,,03/06/2021,Trực tiếp,Tư vấn,Hôn nhân gia đình,2,Ly hôn,Đinh Thị Bảy,Nữ,01/01/1990,Mường,,Từ chối,,,05/06/2021,,Đã được tổ chức khác thụ lý",
        "HS-2019-0011,TC-404,NTH-001,12/03/2019,Trực tiếp,Tư vấn,Đất đai,2,Tổ chức không có,Lý Văn Tám,Nam,01/01/1975,Kinh,,Đã kết thúc,TT.TV.10.2019,13/03/2019,20/04/2019,Đã tư vấn,",
        "HS-2026-0090,TC-001,NTH-001,02/03/2026,Trực tiếp,Tư vấn,Lao động,2,Nợ lương,Quàng Văn Chín,Nam,01/01/1992,Thái,,Đã thụ lý,TT.TV.90.2026,03/03/2026,,,",
        // Number 07 of the centre's 2019 register is row 2's (another form, another code).
        "HS-2019-0012,TC-001,NTH-001,04/03/2019,Trực tiếp,Bảo vệ quyền và lợi ích hợp pháp,Dân sự,2,Số thụ lý trùng,Mai Văn Mười,Nam,01/01/1970,Kinh,,Đã kết thúc,TT.TGTT.07.2019,05/03/2019,20/04/2019,Đã hoàn thành,",
    ];
    format!("{CASES_HEADER}\n{}\n", rows.join("\n"))
}

async fn upload(
    app: &TestApp,
    token: &str,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
    dry: bool,
) -> Reply {
    let mime = if name.ends_with(".xlsx") {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else {
        "text/csv"
    };
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_owned())
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_owned())
        .text("dry_run", dry.to_string())
        .part("file", part);
    let req = app
        .client
        .post(format!("{}/api/v1/imports", app.base))
        .bearer_auth(token)
        .multipart(form);
    reply(req.send().await.unwrap()).await
}

/// Uploads, lets the job runner do the work, returns the run as it ended.
async fn run_import(
    app: &TestApp,
    token: &str,
    kind: &str,
    name: &str,
    body: Vec<u8>,
    dry: bool,
) -> Value {
    let started = upload(app, token, kind, name, body, dry).await.expect(202);
    assert_eq!(started.body["status"], "queued");
    let location = started.headers["location"].to_str().unwrap().to_owned();
    app.run_jobs().await;
    app.get(&location, token).await.expect(200).body
}

/// A CSV run that must end `done`.
async fn import(
    app: &TestApp,
    token: &str,
    kind: &str,
    name: &str,
    body: &str,
    dry: bool,
) -> Value {
    let run = run_import(app, token, kind, name, body.as_bytes().to_vec(), dry).await;
    assert_eq!(run["status"], "done", "{run}");
    run
}

fn counts(run: &Value) -> [i64; 4] {
    ["inserted", "updated", "unchanged", "rejected"].map(|k| run[k].as_i64().unwrap())
}

/// (row, field, code) of a run's refused rows, in file order.
async fn problems(app: &TestApp, token: &str, run: &Value) -> Vec<(i64, String, String, String)> {
    let page = app
        .get(
            &format!(
                "/api/v1/imports/{}/problems?limit=100",
                run["id"].as_str().unwrap()
            ),
            token,
        )
        .await
        .expect(200)
        .body;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_i64().unwrap(),
                p["field"].as_str().unwrap().to_owned(),
                p["value"].as_str().unwrap().to_owned(),
                p["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let conn = &app.state.app.db.conn;
    conn.query_one_raw(Statement::from_string(
        conn.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<i64>(0)
    .unwrap()
}

async fn form_total(app: &TestApp, token: &str, form: &str, year: i32) -> u64 {
    app.get(
        &format!("/api/v1/reports/forms/{form}?period=annual_official&year={year}"),
        token,
    )
    .await
    .expect(200)
    .body["rows"][0]["cells"][0]["actual"]
        .as_u64()
        .unwrap()
}

async fn the_old_system_comes_across_checked_once_and_resumable(app: TestApp) {
    let admin = app.login("admin").await;
    let orgs_before = count(&app, "SELECT COUNT(*) FROM organisations").await;

    // Organisations: a dry run names the bad row and writes nothing.
    let dry = import(
        &app,
        &admin,
        "organisations",
        "to-chuc.csv",
        ORGANISATIONS,
        true,
    )
    .await;
    assert_eq!(counts(&dry), [1, 1, 0, 1], "{dry}");
    assert_eq!(
        problems(&app, &admin, &dry).await,
        [(
            4,
            "kind".into(),
            "Văn phòng".into(),
            "import.value_unknown".into()
        )]
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM organisations").await,
        orgs_before
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM organisations WHERE legacy_id IS NOT NULL"
        )
        .await,
        0
    );
    // The real run adopts the Hà Nội centre TGPL already has and adds the branch.
    let real = import(
        &app,
        &admin,
        "organisations",
        "to-chuc.csv",
        ORGANISATIONS,
        false,
    )
    .await;
    assert_eq!(counts(&real), [1, 1, 0, 1], "{real}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM organisations").await,
        orgs_before + 1
    );
    let rerun = import(
        &app,
        &admin,
        "organisations",
        "to-chuc.csv",
        ORGANISATIONS,
        false,
    )
    .await;
    assert_eq!(counts(&rerun), [0, 0, 2, 1], "{rerun}");

    // Practitioners, from an XLSX workbook (Excel dates in a date column).
    let xlsx = practitioners_xlsx();
    let run = run_import(
        &app,
        &admin,
        "practitioners",
        "nguoi-thuc-hien.xlsx",
        xlsx,
        false,
    )
    .await;
    assert_eq!(counts(&run), [2, 0, 0, 2], "{run}");
    assert_eq!(
        problems(&app, &admin, &run).await,
        [
            (4, "card_number".into(), String::new(), "required".into()),
            // A card number is one person's, even in the same batch.
            (
                5,
                "card_number".into(),
                "TGV-0101-2019".into(),
                "practitioner.card_number_taken".into()
            ),
        ]
    );

    // Cases: the dry run reports each bad row, row, field, value and reason.
    let department = app.login("stp.hanoi").await;
    let form25_2019 = form_total(&app, &department, "25", 2019).await;
    let form24_2020 = form_total(&app, &department, "24", 2020).await;
    let cases_before = count(&app, "SELECT COUNT(*) FROM cases").await;
    let csv = cases_csv();
    let dry = import(&app, &admin, "cases", "vu-viec.csv", &csv, true).await;
    assert_eq!(counts(&dry), [5, 0, 0, 5], "{dry}");
    let found = problems(&app, &admin, &dry).await;
    let at: Vec<(i64, &str, &str)> = found
        .iter()
        .map(|(r, f, _, c)| (*r, f.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            (5, "request_date", "import.date_invalid"),
            (6, "categories", "case.not_eligible"),
            (7, "code", "import.code_year_mismatch"),
            (9, "organisation_legacy_id", "import.reference_unknown"),
            (11, "code", "import.register_number_taken"),
        ]
    );
    assert_eq!(found[0].2, "31/02/2020", "the value as written");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM cases").await,
        cases_before
    );
    // The report as CSV, for Excel.
    let csv_path = format!(
        "/api/v1/imports/{}/problems.csv",
        dry["id"].as_str().unwrap()
    );
    let (_, _, report) = crate::report_export::download(&app, &csv_path, &admin).await;
    let report = String::from_utf8(report).unwrap();
    let lines: Vec<&str> = report.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Dòng,Cột,Trường,Giá trị,Mã lỗi,Lý do");
    assert!(
        lines[1].starts_with("5,Ngày yêu cầu,request_date,31/02/2020,import.date_invalid,"),
        "{}",
        lines[1]
    );
    assert_eq!(lines.len(), 6);

    // A run interrupted after its first batch (the command-line path) …
    let dir = std::env::temp_dir().join(format!("tgpl-import-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("vu-viec.csv");
    std::fs::write(&file, &csv).unwrap();
    let small = Options {
        batch_rows: 3,
        job: None,
    };
    let mut batches = 0;
    let stopped = run_file(
        &app.state.app,
        ImportKind::Cases,
        &file,
        false,
        None,
        small,
        &mut |_| {
            batches += 1;
            false
        },
    )
    .await
    .unwrap();
    assert_eq!(batches, 1);
    assert_eq!(stopped.status, ImportStatus::Running);
    assert_eq!(stopped.processed_rows, 3);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM cases").await,
        cases_before + 3
    );
    // … resumes after it with the same command, and imports the rest once.
    let resumed = run_file(
        &app.state.app,
        ImportKind::Cases,
        &file,
        false,
        None,
        small,
        &mut |_| true,
    )
    .await
    .unwrap();
    assert_eq!(resumed.id, stopped.id, "the same run goes on");
    assert_eq!(resumed.status, ImportStatus::Done);
    assert_eq!(resumed.processed_rows, 10);
    assert_eq!(
        [
            resumed.inserted,
            resumed.updated,
            resumed.unchanged,
            resumed.rejected
        ],
        [5, 0, 0, 5]
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM cases").await,
        cases_before + 5
    );
    std::fs::remove_dir_all(&dir).ok();

    // A rerun through the API changes nothing.
    let rerun = import(&app, &admin, "cases", "vu-viec.csv", &csv, false).await;
    assert_eq!(counts(&rerun), [0, 0, 5, 5], "{rerun}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM cases").await,
        cases_before + 5
    );

    // The old code, register number and dates are kept; the history is on the timeline.
    let id = app
        .get("/api/v1/cases?q=TT.TV.07.2019", &department)
        .await
        .expect(200)
        .body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let case = app
        .get(&format!("/api/v1/cases/{id}"), &department)
        .await
        .expect(200)
        .body;
    assert_eq!(case["code"], "TT.TV.07.2019");
    assert_eq!(case["status"], "concluded");
    assert_eq!(case["accepted_on"], "2019-03-05");
    assert_eq!(case["closed_on"], "2019-04-20");
    let timeline: Vec<&str> = case["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        timeline,
        [
            "case.received",
            "case.accepted",
            "case.assigned",
            "case.concluded",
            "case.imported"
        ]
    );
    // Audited as imported.
    let trail = app.audit_actions("case", &json!({"id": id})).await;
    assert!(trail.iter().any(|a| a == "case.imported"), "{trail:?}");
    // Counted in the statistical forms of their years.
    assert_eq!(
        form_total(&app, &department, "25", 2019).await,
        form25_2019 + 1
    );
    assert_eq!(
        form_total(&app, &department, "24", 2020).await,
        form24_2020 + 1
    );

    // The register continues after the highest imported number of the year.
    let director = app.login("gd.hanoi").await;
    let new = crate::cases::intake(
        &app,
        &director,
        app.units.hn_centre,
        "Bùi Văn Mười",
        json!({"form_of_aid": "advice", "field_of_law": "labour"}),
    )
    .await;
    let accepted = crate::cases::act(&app, &director, &new, "accept", json!({}))
        .await
        .expect(200)
        .body;
    assert_eq!(accepted["code"], "TT.TV.91.2026", "{accepted}");
}

/// The practitioners sheet as Excel writes it: text, and dates as dates.
fn practitioners_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, line) in PRACTITIONERS.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (row, col) = (r as u32, c as u16);
            let parts: Vec<&str> = cell.split('/').collect();
            if r > 0 && parts.len() == 3 {
                let d = ExcelDateTime::from_ymd(
                    parts[2].parse().unwrap(),
                    parts[1].parse().unwrap(),
                    parts[0].parse().unwrap(),
                )
                .unwrap();
                sheet
                    .write_datetime_with_format(row, col, &d, &date)
                    .unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(row, col, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// Only the national admin imports; bad forms are clear 4xx.
async fn only_the_national_admin_imports(app: TestApp) {
    let department = app.login("stp.hanoi").await;
    upload(
        &app,
        &department,
        "cases",
        "vu-viec.csv",
        b"a,b\n".to_vec(),
        true,
    )
    .await
    .problem(403, "forbidden");
    app.get("/api/v1/imports", &department)
        .await
        .problem(403, "forbidden");
    let admin = app.login("admin").await;
    upload(&app, &admin, "people", "x.csv", b"a\n".to_vec(), true)
        .await
        .problem(422, "validation_failed");
    upload(&app, &admin, "cases", "x.pdf", b"%PDF-1.4".to_vec(), true)
        .await
        .problem(422, "validation_failed");
    upload(&app, &admin, "cases", "x.xlsx", b"not a zip".to_vec(), true)
        .await
        .problem(415, "document.type_mismatch");
    // A file without the mapping's required columns fails with the reason.
    let run = run_import(
        &app,
        &admin,
        "cases",
        "khac.csv",
        "Cột A,Cột B\n1,2\n".into(),
        true,
    )
    .await;
    assert_eq!(run["status"], "failed", "{run}");
    assert!(run["error"].as_str().unwrap().contains("Mã hồ sơ"), "{run}");
}

/// A long run: on PostgreSQL its batches are written two at a time (one at
/// a time on SQLite). Every row lands once and the outbox stays gap-free; a
/// person met in one batch after another is one person; an old id repeated
/// in the next batch updates the case the earlier row imported.
async fn a_long_run_lands_every_row_once(app: TestApp) {
    let admin = app.login("admin").await;
    import(
        &app,
        &admin,
        "organisations",
        "to-chuc.csv",
        ORGANISATIONS,
        false,
    )
    .await;
    import(
        &app,
        &admin,
        "practitioners",
        "nguoi-thuc-hien.csv",
        PRACTITIONERS,
        false,
    )
    .await;
    let rows: Vec<String> = (0..2000)
        .map(|i| {
            // Row 105 repeats row 5 (the batch before) with a new summary.
            let (id, n, summary) = match i {
                105 => (5, 106, "Tranh chấp đất (hồ sơ bổ sung)".to_owned()),
                _ => (i, 101 + i, format!("Tranh chấp đất số {i}")),
            };
            let (name, born) = match i % 10 {
                0 => ("Lò Văn Chung".to_owned(), "01/01/1970".to_owned()),
                _ => (
                    format!("Người được trợ giúp {i}"),
                    format!("{:02}/{:02}/1975", i % 28 + 1, i / 28 % 12 + 1),
                ),
            };
            format!(
                "HS-P-{id:04},TC-001,NTH-001,04/03/2019,Trực tiếp,Tư vấn,Đất đai,2,{summary},{name},Nam,{born},Kinh,,Đã kết thúc,TT.TV.{n}.2019,05/03/2019,20/04/2019,Đã tư vấn bằng văn bản,"
            )
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("tgpl-import-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("vu-viec.csv");
    std::fs::write(&file, format!("{CASES_HEADER}\n{}\n", rows.join("\n"))).unwrap();
    let options = Options {
        batch_rows: 100,
        job: None,
    };
    let mut batches = 0;
    let run = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        run_file(
            &app.state.app,
            ImportKind::Cases,
            &file,
            false,
            None,
            options,
            &mut |_| {
                batches += 1;
                true
            },
        ),
    )
    .await
    .expect("the run ends")
    .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(run.status, ImportStatus::Done, "{:?}", run.error);
    assert!(batches >= 20, "{batches} batches");
    assert_eq!(
        [run.inserted, run.updated, run.unchanged, run.rejected],
        [1999, 1, 0, 0]
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE legacy_id LIKE 'HS-P-%'"
        )
        .await,
        1999
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE legacy_id = 'HS-P-0005' AND summary = 'Tranh chấp đất (hồ sơ bổ sung)'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "SELECT MAX(seq) - COUNT(*) FROM events").await,
        0,
        "the outbox's sequence has no gap"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM persons WHERE full_name = 'Lò Văn Chung' AND merged_into_id IS NULL"
        )
        .await,
        1
    );
}

tgpl_tests::on_both_databases!(
    the_old_system_comes_across_checked_once_and_resumable,
    only_the_national_admin_imports,
    a_long_run_lands_every_row_once
);
