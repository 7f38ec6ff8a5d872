//! Forms 24 and 25 (DOMAIN §8) against a known data set: every cell is
//! computed here, independently, from the raw rows (not by the code under
//! test), for several periods, on both databases; roll-ups add up; each
//! cell's cases are the ones behind its figure.
use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use tgpl_db::{ConnectionTrait, Statement};
use tgpl_tests::TestApp;

/// One case as the raw tables hold it.
struct Row {
    id: String,
    province: Option<String>,
    organisation: String,
    status: String,
    discontinued: bool,
    field: String,
    form: String,
    codes: Vec<String>,
    accepted: Option<NaiveDate>,
    closed: Option<NaiveDate>,
    sex: Option<String>,
    role: Option<String>,
    practitioner_kind: Option<String>,
    org_kind: String,
}

async fn raw_rows(app: &TestApp) -> Vec<Row> {
    let conn = &app.state.db.conn;
    let backend = conn.get_database_backend();
    let all = |sql: &str| conn.query_all_raw(Statement::from_string(backend, sql.to_owned()));
    let kinds: HashMap<String, String> = all("SELECT id, kind FROM practitioners")
        .await
        .unwrap()
        .iter()
        .map(|r| {
            let id: uuid::Uuid = r.try_get("", "id").unwrap();
            (id.to_string(), r.try_get("", "kind").unwrap())
        })
        .collect();
    let org_kinds: HashMap<String, String> = all("SELECT id, kind FROM organisations")
        .await
        .unwrap()
        .iter()
        .map(|r| {
            let id: uuid::Uuid = r.try_get("", "id").unwrap();
            (id.to_string(), r.try_get("", "kind").unwrap())
        })
        .collect();
    let beneficiaries: HashMap<String, (Option<String>, Option<String>)> =
        all("SELECT case_id, sex, procedural_role FROM case_parties WHERE role = 'beneficiary'")
            .await
            .unwrap()
            .iter()
            .map(|r| {
                let id: uuid::Uuid = r.try_get("", "case_id").unwrap();
                (
                    id.to_string(),
                    (
                        r.try_get("", "sex").unwrap(),
                        r.try_get("", "procedural_role").unwrap(),
                    ),
                )
            })
            .collect();
    all(
        "SELECT id, province_code, organisation_id, status, discontinuation_ground, field_of_law, \
         form_of_aid, eligibility_codes, accepted_on, closed_on, practitioner_id FROM cases",
    )
    .await
    .unwrap()
    .iter()
    .map(|r| {
        let id: uuid::Uuid = r.try_get("", "id").unwrap();
        let org: uuid::Uuid = r.try_get("", "organisation_id").unwrap();
        let practitioner: Option<uuid::Uuid> = r.try_get("", "practitioner_id").unwrap();
        let codes: String = r.try_get("", "eligibility_codes").unwrap();
        let ground: Option<String> = r.try_get("", "discontinuation_ground").unwrap();
        let (sex, role) = beneficiaries
            .get(&id.to_string())
            .cloned()
            .unwrap_or_default();
        Row {
            id: id.to_string(),
            province: r.try_get("", "province_code").unwrap(),
            organisation: org.to_string(),
            status: r.try_get("", "status").unwrap(),
            discontinued: ground.is_some(),
            field: r.try_get("", "field_of_law").unwrap(),
            form: r.try_get("", "form_of_aid").unwrap(),
            codes: codes
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            accepted: r.try_get("", "accepted_on").unwrap(),
            closed: r.try_get("", "closed_on").unwrap(),
            sex,
            role,
            practitioner_kind: practitioner.and_then(|p| kinds.get(&p.to_string()).cloned()),
            org_kind: org_kinds[&org.to_string()].clone(),
        }
    })
    .collect()
}

const FIELDS: [&str; 6] = [
    "criminal",
    "civil_family",
    "administrative",
    "land",
    "labour",
    "other",
];

/// The rows of both forms, as printed: "" total, "n" a field, "n.1" advice,
/// "n.2" litigation, "n.2.1" defence, "n.2.2" protection, "n.3" representation.
fn in_row(number: &str, r: &Row) -> bool {
    if number.is_empty() {
        return true;
    }
    let mut parts = number.split('.');
    let field = FIELDS[parts.next().unwrap().parse::<usize>().unwrap() - 1];
    if r.field != field {
        return false;
    }
    match parts.collect::<Vec<_>>().join(".").as_str() {
        "" => true,
        "1" => r.form == "advice",
        "2" => r.form.starts_with("litigation_"),
        "2.1" => r.form == "litigation_defence",
        "2.2" => r.form == "litigation_protection",
        "3" => r.form == "out_of_court_representation",
        other => panic!("row {other}"),
    }
}

fn has(r: &Row, code: &str) -> bool {
    r.codes.iter().any(|c| c == code)
}

/// Form 24's columns (1)–(18), for a person accepted in the period.
fn in_column_24(column: u64, r: &Row) -> bool {
    let role = r.role.as_deref();
    match column {
        1 => true,
        2 => r.sex.as_deref() == Some("male"),
        3 => r.sex.as_deref() == Some("female"),
        4 => has(r, "1"),
        5 => has(r, "2"),
        6 => has(r, "4"),
        7 => has(r, "2") && has(r, "4"),
        8 => has(r, "3"),
        9 => has(r, "5") && matches!(role, None | Some("accused")),
        10 => has(r, "6"),
        11 => has(r, "7a"),
        12 => has(r, "7b"),
        13 => has(r, "7c"),
        14 => has(r, "7d"),
        15 => has(r, "5") && role == Some("victim"),
        16 => has(r, "7e"),
        17 => has(r, "6a"),
        18 => has(r, "7h"),
        c => panic!("column {c}"),
    }
}

/// Form 25's columns (1)–(11), for a case handled in the period.
fn in_column_25(column: u64, r: &Row, from: NaiveDate, cut: NaiveDate) -> bool {
    let kind = r.practitioner_kind.as_deref();
    let lawyer = [
        "centre_contract_lawyer",
        "contracted_org_lawyer",
        "registered_org_lawyer",
    ];
    match column {
        1 => true,
        2 => r.accepted.unwrap() < from,
        3 => r.accepted.unwrap() >= from,
        4 => kind == Some("legal_aid_officer"),
        5 => kind.is_some_and(|k| lawyer.contains(&k)),
        6 => kind == Some("legal_consultant"),
        7 => kind == Some("collaborator"),
        8 => kind == Some("centre_contract_lawyer"),
        9 => {
            kind.is_some_and(|k| k != "centre_contract_lawyer")
                && ["centre", "branch", "contracted_org"].contains(&r.org_kind.as_str())
        }
        10 => kind.is_some() && r.org_kind == "registered_org",
        11 => {
            ["concluded", "evaluated", "archived"].contains(&r.status.as_str())
                && !r.discontinued
                && r.closed.is_some_and(|d| from <= d && d <= cut)
        }
        c => panic!("column {c}"),
    }
}

/// The cases behind a cell, computed from the raw rows.
fn expected(
    form: &str,
    row: &str,
    column: u64,
    rows: &[Row],
    from: NaiveDate,
    cut: NaiveDate,
) -> Vec<String> {
    rows.iter()
        .filter(|r| match (form, r.accepted) {
            ("24", Some(a)) => from <= a && a <= cut && in_column_24(column, r),
            ("25", Some(a)) => {
                a <= cut && r.closed.is_none_or(|c| c >= from) && in_column_25(column, r, from, cut)
            }
            _ => false,
        })
        .filter(|r| in_row(row, r))
        .map(|r| r.id.clone())
        .collect()
}

fn cell(report: &Value, row: &str, column: u64) -> (u64, u64) {
    let r = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == row)
        .unwrap_or_else(|| panic!("row {row}"));
    let c = r["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["column"] == column)
        .unwrap();
    (
        c["actual"].as_u64().unwrap(),
        c["projected"].as_u64().unwrap(),
    )
}

async fn every_cell_of_both_forms_matches_the_case_data(app: TestApp) {
    tgpl_server::synthetic::seed_cases(&app.state.db, 600, 11, app.state.moment())
        .await
        .unwrap();
    let rows = raw_rows(&app).await;
    let admin = app.login("admin").await;
    let year = app.today().year();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let periods = [
        (
            format!("period=annual_official&year={}", year - 1),
            d(year - 1, 1, 1),
            d(year - 1, 12, 31),
        ),
        (
            format!("period=six_month&year={}", year - 2),
            d(year - 2, 1, 1),
            d(year - 2, 5, 31),
        ),
        (
            format!(
                "period=custom&from={}-03-15&to={}-08-20",
                year - 4,
                year - 2
            ),
            d(year - 4, 3, 15),
            d(year - 2, 8, 20),
        ),
    ];
    let mut nonzero = 0;
    for (query, from, cut) in &periods {
        for (form, columns) in [("24", 18), ("25", 11)] {
            let report = app
                .get(
                    &format!("/api/v1/reports/forms/{form}?{query}&scope=nation"),
                    &admin,
                )
                .await
                .expect(200)
                .body;
            assert_eq!(report["columns"].as_array().unwrap().len(), columns);
            for r in report["rows"].as_array().unwrap() {
                let number = r["number"].as_str().unwrap();
                for column in 1..=columns as u64 {
                    let want = expected(form, number, column, &rows, *from, *cut).len() as u64;
                    let (actual, _) = cell(&report, number, column);
                    assert_eq!(
                        actual, want,
                        "form {form} {query} row '{number}' column {column}"
                    );
                    nonzero += u64::from(want > 0);
                }
            }
        }
    }
    // The data set exercises the rules, not just zeros.
    assert!(nonzero > 300, "{nonzero} non-zero cells");
}

async fn roll_ups_add_up_and_estimates_stand_apart(app: TestApp) {
    tgpl_server::synthetic::seed_cases(&app.state.db, 300, 5, app.state.moment())
        .await
        .unwrap();
    let rows = raw_rows(&app).await;
    let admin = app.login("admin").await;
    let year = app.today().year() - 1;
    for form in ["24", "25"] {
        let q = format!("/api/v1/reports/forms/{form}?period=annual_preliminary&year={year}");
        let nation = app
            .get(&format!("{q}&scope=nation"), &admin)
            .await
            .expect(200)
            .body;
        assert_eq!(nation["has_estimate"], true);
        assert_eq!(nation["period"]["actual_to"], format!("{year}-11-30"));
        let provinces: HashSet<&str> = rows.iter().filter_map(|r| r.province.as_deref()).collect();
        let mut sum = 0;
        for p in &provinces {
            let report = app
                .get(&format!("{q}&province={p}"), &admin)
                .await
                .expect(200)
                .body;
            let units: HashSet<&str> = rows
                .iter()
                .filter(|r| r.province.as_deref() == Some(*p))
                .map(|r| r.organisation.as_str())
                .collect();
            let mut of_units = 0;
            for u in units {
                let r = app
                    .get(&format!("{q}&organisation_id={u}"), &admin)
                    .await
                    .expect(200)
                    .body;
                of_units += cell(&r, "", 1).0;
            }
            assert_eq!(cell(&report, "", 1).0, of_units, "province {p} = its units");
            sum += cell(&report, "", 1).0;
        }
        let (actual, projected) = cell(&nation, "", 1);
        assert_eq!(actual, sum, "nation = its provinces");
        // 30 estimated days (December) over 334 counted (to 30 November).
        assert_eq!(
            projected,
            (actual * 31 * 2 + 334) / (334 * 2),
            "form {form}"
        );
    }
}

async fn a_cell_opens_the_cases_behind_it_within_scope(app: TestApp) {
    tgpl_server::synthetic::seed_cases(&app.state.db, 300, 3, app.state.moment())
        .await
        .unwrap();
    let rows = raw_rows(&app).await;
    let year = app.today().year() - 1;
    let (from, cut) = (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap(),
    );
    let department = app.login("stp.hanoi").await;
    let own = app
        .get("/api/v1/auth/me", &department)
        .await
        .expect(200)
        .body;
    let province = own["province_code"].as_str().map(str::to_owned);
    let mine: Vec<Row> = rows
        .into_iter()
        .filter(|r| r.province == province)
        .collect();
    for (form, row, column) in [
        ("25", "", 1),
        ("25", "1.2", 4),
        ("24", "2", 3),
        ("25", "", 11),
    ] {
        let want: HashSet<String> = expected(form, row, column, &mine, from, cut)
            .into_iter()
            .collect();
        let base = format!(
            "/api/v1/reports/forms/{form}/cases?period=annual_official&year={year}&row={row}&column={column}&limit=100"
        );
        let mut got = HashSet::new();
        let mut next: Option<String> = None;
        loop {
            let path = match &next {
                Some(c) => format!("{base}&after={c}"),
                None => base.clone(),
            };
            let page = app.get(&path, &department).await.expect(200).body;
            for c in page["items"].as_array().unwrap() {
                got.insert(c["id"].as_str().unwrap().to_owned());
            }
            match page["next"].as_str() {
                Some(c) => next = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(got, want, "form {form} row '{row}' column {column}");
        if (form, row, column) == ("25", "", 1) {
            assert!(
                want.len() > 3,
                "the province handled cases that year: {}",
                want.len()
            );
        }
        let report = app
            .get(
                &format!("/api/v1/reports/forms/{form}?period=annual_official&year={year}"),
                &department,
            )
            .await
            .expect(200)
            .body;
        assert_eq!(report["unit"]["kind"], "province");
        assert_eq!(cell(&report, row, column).0, want.len() as u64);
    }
    // Masked roles cannot list a sensitive category's people through a cell.
    app.get(
        &format!(
            "/api/v1/reports/forms/24/cases?period=annual_official&year={year}&row=&column=18"
        ),
        &department,
    )
    .await
    .problem(403, "forbidden");
    // Out of scope: another province's roll-up, and the national one.
    let other = if province.as_deref() == Some("79") {
        "01"
    } else {
        "79"
    };
    app.get(
        &format!("/api/v1/reports/forms/25?province={other}"),
        &department,
    )
    .await
    .problem(404, "province.not_found");
    app.get("/api/v1/reports/forms/25?scope=nation", &department)
        .await
        .problem(403, "forbidden");
    // Bad input is a clear 422.
    for bad in [
        "/api/v1/reports/forms/26",
        "/api/v1/reports/forms/24?period=custom&from=2025-02-01",
        "/api/v1/reports/forms/24?period=custom&from=2025-02-01&to=2025-01-01",
        "/api/v1/reports/forms/24?year=1800",
        "/api/v1/reports/forms/24?period=annual_official&year=2017",
        "/api/v1/reports/forms/24/cases?row=9.9&column=1",
        "/api/v1/reports/forms/24/cases?row=",
    ] {
        let r = app.get(bad, &department).await;
        assert_eq!(r.status, 422, "{bad}: {}", r.body);
    }
}

/// Form 25's total (column 1) for a query.
async fn total_25(app: &TestApp, token: &str, query: &str) -> u64 {
    app.get(&format!("/api/v1/reports/forms/25?{query}"), token)
        .await
        .expect(200)
        .body["rows"][0]["cells"][0]["actual"]
        .as_u64()
        .unwrap()
}

async fn a_unit_merged_across_provinces_rolls_up_to_its_province_now(app: TestApp) {
    let admin = app.login("admin").await;
    let hcm = app.login("gd.hcm").await;
    let case = crate::cases::intake(
        &app,
        &hcm,
        app.units.hcm_centre,
        "Phan Văn Lộc",
        serde_json::json!({}),
    )
    .await;
    crate::cases::act(&app, &hcm, &case, "accept", serde_json::json!({}))
        .await
        .expect(200);
    let year = app.today().year();
    let q = |scope: &str| format!("period=annual_official&year={year}&{scope}");
    let (hn, hcm_before, nation) = (
        total_25(&app, &admin, &q("province=01")).await,
        total_25(&app, &admin, &q("province=79")).await,
        total_25(&app, &admin, &q("scope=nation")).await,
    );
    assert!(hcm_before >= 1);
    // The 79 centre's own cases (its branches' stay with their branches).
    let own_79 = total_25(
        &app,
        &admin,
        &q(&format!("organisation_id={}", app.units.hcm_centre)),
    )
    .await;
    let centre = app
        .get(
            &format!("/api/v1/organisations/{}", app.units.hcm_centre),
            &admin,
        )
        .await
        .expect(200)
        .body;
    app.post(
        &format!("/api/v1/organisations/{}/merge", app.units.hcm_centre),
        Some(&admin),
        &serde_json::json!({"into_id": app.units.hn_centre, "version": centre["version"], "effective_on": app.today()}),
    )
    .await
    .expect(200);
    // The merged centre's cases now count in province 01, not in 79; the
    // nation is unchanged; the old unit keeps its cases.
    // (with its branches', which join the target centre)
    let moved = total_25(&app, &admin, &q("province=01")).await - hn;
    assert!(
        moved >= own_79 && own_79 >= 1,
        "moved {moved}, own {own_79}"
    );
    assert_eq!(
        total_25(&app, &admin, &q("province=79")).await,
        hcm_before - moved
    );
    assert_eq!(total_25(&app, &admin, &q("scope=nation")).await, nation);
    assert_eq!(
        total_25(
            &app,
            &admin,
            &q(&format!("organisation_id={}", app.units.hcm_centre))
        )
        .await,
        own_79
    );
    // The department of 01 sees them, and the cell lists them.
    let department = app.login("stp.hanoi").await;
    assert_eq!(total_25(&app, &department, &q("")).await, hn + moved);
    let listed = app
        .get(
            &format!(
                "/api/v1/reports/forms/25/cases?{}&row=&column=1&limit=200",
                q("province=01")
            ),
            &department,
        )
        .await
        .expect(200)
        .body;
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == case["id"]),
        "the merged centre's case is behind province 01's figure"
    );
}

tgpl_tests::on_both_databases!(
    a_unit_merged_across_provinces_rolls_up_to_its_province_now,
    every_cell_of_both_forms_matches_the_case_data,
    roll_ups_add_up_and_estimates_stand_apart,
    a_cell_opens_the_cases_behind_it_within_scope,
);
