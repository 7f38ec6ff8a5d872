//! The whole case file as one ZIP (issue #15 item 2): the file as a page,
//! every document still in it byte for byte, a manifest and SHA256SUMS
//! whose sums match; withdrawn papers listed, not included; only for those
//! who may open the papers; a damaged paper fails the export.
use crate::documents::{damage, pdf_of, storage_key, upload};
use reqwest::Method;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use tgpl_tests::TestApp;

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The archive's files by path.
fn unzip(bytes: Vec<u8>) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP archive");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut content = Vec::new();
            f.read_to_end(&mut content).unwrap();
            (f.name().unwrap().into_owned(), content)
        })
        .collect()
}

async fn fetch(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn a_case_file_exports_whole_with_checksums(app: TestApp) {
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
    crate::cases::accept_and_assign(
        &app,
        &director,
        &director,
        &created["case"],
        app.units.hn_officer,
    )
    .await;
    let request = pdf_of(300_000);
    let proof = pdf_of(4_000);
    let kept = upload(
        &app,
        &director,
        &id,
        ["request_papers", "Đơn yêu cầu.pdf", "application/pdf"],
        request.clone(),
        &[],
    )
    .await
    .expect(201)
    .body;
    upload(
        &app,
        &director,
        &id,
        [
            "eligibility_proof",
            "../giay-xac-nhan.pdf",
            "application/pdf",
        ],
        proof.clone(),
        &[],
    )
    .await
    .expect(201);
    let wrong = upload(
        &app,
        &director,
        &id,
        ["other", "nham-ho-so.pdf", "application/pdf"],
        pdf_of(1_000),
        &[],
    )
    .await
    .expect(201)
    .body;
    app.send(
        Method::DELETE,
        &format!(
            "/api/v1/cases/{id}/documents/{}",
            wrong["id"].as_str().unwrap()
        ),
        Some(&director),
        &[("if-match", "\"1\"")],
        Some(json!({"reason": "Nhầm hồ sơ"}).to_string().into_bytes()),
    )
    .await
    .expect(200);
    let code = app
        .get(&format!("/api/v1/cases/{id}"), &director)
        .await
        .expect(200)
        .body["code"]
        .as_str()
        .unwrap()
        .to_owned();

    let res = fetch(&app, &format!("/api/v1/cases/{id}/export"), &director).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");
    let files = unzip(res.bytes().await.unwrap().to_vec());
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "SHA256SUMS",
            "ho-so.html",
            "manifest.json",
            "tai-lieu/01-Đơn yêu cầu.pdf",
            "tai-lieu/02-giay-xac-nhan.pdf",
        ],
        "the withdrawn paper is not in the archive"
    );
    assert_eq!(files["tai-lieu/01-Đơn yêu cầu.pdf"], request);
    assert_eq!(files["tai-lieu/02-giay-xac-nhan.pdf"], proof);

    // The manifest's sums are the files' sums, and the papers' are the ones
    // recorded at upload.
    let manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert_eq!(manifest["format"], "tgpl-case-file-1");
    assert_eq!(manifest["case_id"], id);
    assert_eq!(manifest["code"], code);
    let listed = manifest["files"].as_array().unwrap();
    assert_eq!(listed.len(), 3);
    for f in listed {
        let path = f["path"].as_str().unwrap();
        assert_eq!(f["sha256"], sha256(&files[path]), "{path}");
        assert_eq!(f["size"], files[path].len(), "{path}");
    }
    let request_entry = listed
        .iter()
        .find(|f| f["document_id"] == kept["id"])
        .unwrap();
    assert_eq!(request_entry["sha256"], kept["sha256"]);
    assert_eq!(
        manifest["withdrawn_documents"][0]["reason"], "Nhầm hồ sơ",
        "{manifest}"
    );
    // SHA256SUMS checks every other file, as `sha256sum -c` would.
    let sums = String::from_utf8(files["SHA256SUMS"].clone()).unwrap();
    let lines: Vec<&str> = sums.lines().collect();
    assert_eq!(lines.len(), 4, "{sums}");
    for line in lines {
        let (sum, path) = line.split_once("  ").unwrap();
        assert_eq!(sum, sha256(&files[path]), "{path}");
    }

    // The page: the case as its handlers read it, in Vietnamese.
    let page = String::from_utf8(files["ho-so.html"].clone()).unwrap();
    for expected in [
        "<html lang=\"vi\">",
        code.as_str(),
        "Lò Thị Nhung",
        "Thụ lý vụ việc, cấp mã vụ việc",
        "Phân công người thực hiện",
        "Đơn yêu cầu.pdf",
        "Đã rút khỏi hồ sơ",
        "Nhầm hồ sơ",
    ] {
        assert!(page.contains(expected), "the page lacks {expected}");
    }
    assert!(!page.contains("<script"), "no script in an archive page");

    // Audited as a read of the case and of each paper.
    let trail = app.audit_actions("case", &json!({"id": id})).await;
    assert!(
        trail.iter().any(|a| a == "case.export_archive"),
        "{trail:?}"
    );
    let paper = app.audit_actions("document", &kept).await;
    assert!(paper.iter().any(|a| a == "document.download"), "{paper:?}");

    // Those who read the case masked cannot take its papers out; another
    // centre does not learn it exists.
    app.get(
        &format!("/api/v1/cases/{id}/export"),
        &app.login("admin").await,
    )
    .await
    .problem(403, "forbidden");
    app.get(
        &format!("/api/v1/cases/{id}/export"),
        &app.login("gd.hcm").await,
    )
    .await
    .problem(404, "case.not_found");

    // A paper damaged in the store fails the export: never a wrong copy.
    damage(&app, &storage_key(&app, &kept).await, false);
    app.get(&format!("/api/v1/cases/{id}/export"), &director)
        .await
        .problem(500, "document.corrupted");
}

tgpl_tests::on_both_databases!(a_case_file_exports_whole_with_checksums);
