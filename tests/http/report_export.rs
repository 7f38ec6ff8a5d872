//! Forms 24 and 25 as XLSX and CSV files (issue #11): read back with
//! calamine and converted by LibreOffice, every cell equals the API's
//! figure; the layout is the paper form's (title, unit, merged group
//! headers, numbered columns).
use calamine::{Data, Reader, Xlsx};
use chrono::Datelike;
use serde_json::{Value, json};
use std::io::Cursor;
use std::process::Command;
use tgpl_tests::TestApp;

/// Where the table starts in the sheet (0-based), as the export lays it out.
const BODY_ROW: usize = 9;
const FIRST_FIGURE_COL: usize = 2;

pub(crate) async fn download(app: &TestApp, path: &str, token: &str) -> (String, String, Vec<u8>) {
    let res = app
        .client
        .get(format!("{}{path}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let header = |h: &str| {
        res.headers()
            .get(h)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let (ct, cd) = (header("content-type"), header("content-disposition"));
    (ct, cd, res.bytes().await.unwrap().to_vec())
}

fn figure(cell: &Data) -> u64 {
    match cell {
        Data::Float(f) => *f as u64,
        Data::Int(i) => *i as u64,
        other => panic!("not a figure: {other:?}"),
    }
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Every cell of the sheet equals `pick` of the API's cell.
fn assert_sheet_equals(
    wb: &mut Xlsx<Cursor<Vec<u8>>>,
    sheet: &str,
    report: &Value,
    pick: impl Fn(&Value) -> u64,
) {
    let range = wb.worksheet_range(sheet).unwrap();
    for (k, row) in report["rows"].as_array().unwrap().iter().enumerate() {
        let r = (BODY_ROW + k) as u32;
        assert_eq!(
            text(range.get_value((r, 0))),
            row["number"].as_str().unwrap()
        );
        assert_eq!(
            text(range.get_value((r, 1))),
            row["label_vi"].as_str().unwrap()
        );
        for (c, cell) in row["cells"].as_array().unwrap().iter().enumerate() {
            let got = figure(range.get_value((r, (FIRST_FIGURE_COL + c) as u32)).unwrap());
            assert_eq!(
                got,
                pick(cell),
                "sheet {sheet}, row {}, column {}",
                row["number"],
                c + 1
            );
        }
    }
}

async fn some_cases(app: &TestApp) -> String {
    let director = app.login("gd.hanoi").await;
    for name in ["Đinh Văn Khải", "Vi Thị Mến", "Lò Văn Sáng"] {
        let case = crate::cases::intake(app, &director, app.units.hn_centre, name, json!({})).await;
        crate::cases::act(app, &director, &case, "accept", json!({}))
            .await
            .expect(200);
    }
    director
}

/// One CSV line's fields (RFC 4180 quoting).
fn csv_fields(line: &str) -> Vec<String> {
    let (mut out, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    out.push(field);
    out
}

/// LibreOffice's own reading of the file's first sheet, as CSV lines.
fn libreoffice_csv(xlsx: &[u8]) -> Vec<Vec<String>> {
    let dir = tgpl_tests::unique_dir("lo-export");
    let file = dir.join("bieu.xlsx");
    std::fs::write(&file, xlsx).unwrap();
    // LibreOffice now and then aborts while starting a fresh profile
    // ("WrappedTargetRuntimeException", nothing to do with the file): a
    // new profile and another try; three failures fail the test.
    let mut errors = Vec::new();
    for attempt in 0..3 {
        let profile = format!(
            "-env:UserInstallation=file://{}",
            dir.join(format!("profile-{attempt}")).display()
        );
        let out = Command::new("soffice")
            .args([
                profile.as_str(),
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1",
                "--outdir",
            ])
            .arg(&dir)
            .arg(&file)
            .output()
            .expect("LibreOffice (soffice) must be installed: scripts/setup.sh test installs it");
        if out.status.success() && dir.join("bieu.csv").exists() {
            break;
        }
        errors.push(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    assert!(errors.len() < 3, "{errors:#?}");
    let csv = std::fs::read_to_string(dir.join("bieu.csv")).unwrap();
    csv.lines().map(csv_fields).collect()
}

async fn form_24_exports_in_the_official_layout_with_the_api_figures(app: TestApp) {
    let director = some_cases(&app).await;
    let year = app.today().year();
    let query = format!("period=annual_official&year={year}");
    let report = app
        .get(&format!("/api/v1/reports/forms/24?{query}"), &director)
        .await
        .expect(200)
        .body;
    let (ct, cd, bytes) = download(
        &app,
        &format!("/api/v1/reports/forms/24/export?{query}&format=xlsx"),
        &director,
    )
    .await;
    assert_eq!(
        ct,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(cd.starts_with("attachment;"), "{cd}");
    assert!(
        cd.contains(&format!("bieu-24-{year}-01-01-{year}-12-31-organisation-")),
        "{cd}"
    );
    let mut wb = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Số liệu thực tế".to_owned()]);
    let range = wb.worksheet_range("Số liệu thực tế").unwrap();
    assert_eq!(text(range.get_value((0, 0))), "Biểu số 24/BTP/TGPL");
    assert!(
        text(range.get_value((0, 3))).contains("SỐ LƯỢT NGƯỜI"),
        "{:?}",
        range.get_value((0, 3))
    );
    assert_eq!(
        text(range.get_value((3, 0))),
        format!(
            "Đơn vị báo cáo: {}",
            report["unit"]["name_vi"].as_str().unwrap()
        )
    );
    // The numbered columns (1)…(18) under their headers; groups merged above.
    let columns = report["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 18);
    for (c, col) in columns.iter().enumerate() {
        let at = (FIRST_FIGURE_COL + c) as u32;
        assert_eq!(
            text(range.get_value((8, at))),
            format!("({})", col["number"])
        );
        if col["group_vi"].is_null() {
            assert_eq!(
                text(range.get_value((6, at))),
                col["label_vi"].as_str().unwrap()
            );
        } else {
            assert_eq!(
                text(range.get_value((7, at))),
                col["label_vi"].as_str().unwrap()
            );
        }
    }
    let merged = wb.merge_cells_by_sheet_name("Số liệu thực tế").unwrap();
    let grouped = columns.iter().filter(|c| !c["group_vi"].is_null()).count();
    assert!(grouped > 1);
    assert!(
        merged
            .iter()
            .any(|d| d.start.0 == 6 && d.end.0 == 6 && d.end.1 > d.start.1),
        "a group header spans its columns: {merged:?}"
    );
    assert_sheet_equals(&mut wb, "Số liệu thực tế", &report, |c| {
        c["actual"].as_u64().unwrap()
    });
    assert!(report["rows"][0]["cells"][0]["actual"].as_u64().unwrap() >= 3);

    // LibreOffice reads the same figures.
    let lines = libreoffice_csv(&bytes);
    for (k, row) in report["rows"].as_array().unwrap().iter().enumerate() {
        let line = &lines[BODY_ROW + k];
        assert_eq!(line[1], row["label_vi"].as_str().unwrap());
        for (c, cell) in row["cells"].as_array().unwrap().iter().enumerate() {
            assert_eq!(
                line[FIRST_FIGURE_COL + c],
                cell["actual"].as_u64().unwrap().to_string(),
                "LibreOffice, row {}, column {}",
                row["number"],
                c + 1
            );
        }
    }

    // CSV: one line per cell, the same figures.
    let (ct, _, bytes) = download(
        &app,
        &format!("/api/v1/reports/forms/24/export?{query}&format=csv"),
        &director,
    )
    .await;
    assert_eq!(ct, "text/csv; charset=utf-8");
    let csv = String::from_utf8(bytes).unwrap();
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("row,row_label,column,column_label,actual,projected")
    );
    let cells: Vec<(String, u64, u64)> = lines
        .map(|l| {
            let f: Vec<&str> = l.rsplitn(3, ',').collect();
            let head: Vec<&str> = f[2].splitn(2, ',').collect();
            (
                head[0].to_owned(),
                f[1].parse().unwrap(),
                f[0].parse().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, u64, u64)> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["cells"].as_array().unwrap().iter().map(|c| {
                (
                    r["number"].as_str().unwrap().to_owned(),
                    c["actual"].as_u64().unwrap(),
                    c["projected"].as_u64().unwrap(),
                )
            })
        })
        .collect();
    assert_eq!(cells, expected);

    // Bad input is a clear 422.
    app.get(
        &format!("/api/v1/reports/forms/24/export?{query}&format=pdf"),
        &director,
    )
    .await
    .problem(422, "validation_failed");
}

async fn an_estimate_and_a_frozen_report_export_apart(app: TestApp) {
    tgpl_server::synthetic::seed_cases(&app.state.db, 300, 7, app.state.moment())
        .await
        .unwrap();
    let director = some_cases(&app).await;
    let department = app.login("stp.hanoi").await;
    let admin = app.login("admin").await;
    let year = app.today().year();
    // A six-month report has an estimate for June: actual, estimate and
    // their sum on three sheets.
    let query = format!("period=six_month&year={}&scope=nation", year - 1);
    let report = app
        .get(&format!("/api/v1/reports/forms/25?{query}"), &admin)
        .await
        .expect(200)
        .body;
    assert_eq!(report["has_estimate"], true);
    assert!(
        report["rows"][0]["cells"][0]["projected"].as_u64().unwrap() > 0,
        "{report}"
    );
    let (_, _, bytes) = download(
        &app,
        &format!("/api/v1/reports/forms/25/export?{query}&format=xlsx"),
        &admin,
    )
    .await;
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["Số liệu thực tế", "Số liệu ước tính", "Tổng hợp"]
    );
    assert_sheet_equals(&mut wb, "Số liệu thực tế", &report, |c| {
        c["actual"].as_u64().unwrap()
    });
    assert_sheet_equals(&mut wb, "Số liệu ước tính", &report, |c| {
        c["projected"].as_u64().unwrap()
    });
    assert_sheet_equals(&mut wb, "Tổng hợp", &report, |c| {
        c["actual"].as_u64().unwrap() + c["projected"].as_u64().unwrap()
    });

    // A submitted report exports its frozen figures, not today's.
    let body = json!({"form": "25", "period": "annual_official", "year": year});
    let submitted = app
        .post("/api/v1/reports/submissions", Some(&director), &body)
        .await
        .expect(201)
        .body;
    let late = crate::cases::intake(
        &app,
        &director,
        app.units.hn_centre,
        "Hà Văn Tới",
        json!({}),
    )
    .await;
    crate::cases::act(&app, &director, &late, "accept", json!({}))
        .await
        .expect(200);
    let live = app
        .get(
            &format!("/api/v1/reports/forms/25?period=annual_official&year={year}"),
            &director,
        )
        .await
        .expect(200)
        .body;
    assert_ne!(
        live["rows"][0]["cells"][0]["actual"],
        submitted["report"]["rows"][0]["cells"][0]["actual"]
    );
    let id = submitted["id"].as_str().unwrap();
    let (_, cd, bytes) = download(
        &app,
        &format!("/api/v1/reports/submissions/{id}/export?format=xlsx"),
        &department,
    )
    .await;
    assert!(cd.contains("bieu-25-"), "{cd}");
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_sheet_equals(
        &mut wb,
        "Số liệu thực tế",
        &submitted["report"],
        |c| c["actual"].as_u64().unwrap(),
    );
    // Out of scope: no file, and no sign the report exists.
    let other = app.login("gd.hcm").await;
    app.get(
        &format!("/api/v1/reports/submissions/{id}/export?format=xlsx"),
        &other,
    )
    .await
    .problem(404, "report_submission.not_found");
}

tgpl_tests::on_both_databases!(
    form_24_exports_in_the_official_layout_with_the_api_figures,
    an_estimate_and_a_frozen_report_export_apart
);
