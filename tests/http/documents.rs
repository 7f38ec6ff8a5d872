//! Case documents: streamed upload and download on both stores and both
//! databases, the refusals a user can meet, and the faults the store and
//! the database can throw at an upload.
use crate::cases::intake;
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tgpl_api::ApiSettings;
use tgpl_tests::{Backend, Reply, StoreKind, TestApp, on_both_stores, reply, spawn_app_on};

pub(crate) const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn sha_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A PDF-looking body of `len` bytes with varied content.
pub(crate) fn pdf_of(len: usize) -> Vec<u8> {
    let mut v = PDF.to_vec();
    let mut x: u32 = 7;
    while v.len() < len {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        v.push((x >> 16) as u8);
    }
    v.truncate(len);
    v
}

async fn new_case(app: &TestApp, token: &str) -> String {
    let case = intake(app, token, app.units.hn_centre, "Lê Thị Mai", json!({})).await;
    case["id"].as_str().unwrap().to_owned()
}

fn docs_url(app: &TestApp, case: &str) -> String {
    format!("{}/api/v1/cases/{case}/documents", app.base)
}

/// Multipart upload: `kind`, then the file part.
pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    case: &str,
    [kind, filename, mime]: [&str; 3],
    bytes: Vec<u8>,
    headers: &[(&str, &str)],
) -> Reply {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(filename.to_owned())
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_owned())
        .part("file", part);
    let mut req = app
        .client
        .post(docs_url(app, case))
        .bearer_auth(token)
        .multipart(form);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    reply(req.send().await.unwrap()).await
}

/// A PDF of `len` bytes filed as "other"; returns the document.
async fn put_pdf(app: &TestApp, token: &str, case: &str, name: &str, len: usize) -> Value {
    let kind = ["other", name, "application/pdf"];
    upload(app, token, case, kind, pdf_of(len), &[])
        .await
        .expect(201)
        .body
}

async fn download(
    app: &TestApp,
    token: &str,
    doc: &Value,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = app
        .client
        .get(format!(
            "{}{}",
            app.base,
            doc["content_url"].as_str().unwrap()
        ))
        .bearer_auth(token);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

/// Objects in the app's store.
async fn object_count(app: &TestApp) -> usize {
    app.state.store.list().await.unwrap().count().await
}

async fn document_rows(app: &TestApp) -> usize {
    tgpl_db::documents::batch_after(&app.state.db.conn, None, 1000)
        .await
        .unwrap()
        .len()
}

on_both_stores!(
    a_document_goes_up_comes_back_whole_and_is_withdrawn_with_a_trace,
    bad_uploads_get_clear_answers_and_leave_nothing_behind,
    a_retried_upload_with_the_same_key_stores_one_document,
    a_failed_database_write_removes_the_stored_object,
    a_damaged_object_is_reported_and_never_served_as_the_file,
    the_sweep_removes_orphans_and_reports_missing_objects,
    fields_after_the_file_are_taken_as_generated_clients_send_them,
);

/// Multipart with the file first and the fields after it (the order
/// openapi-python-client's `UploadForm` writes).
async fn upload_file_first(app: &TestApp, token: &str, case: &str, kind: &str) -> Reply {
    let part = reqwest::multipart::Part::bytes(PDF.to_vec())
        .file_name("don-yeu-cau.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .part("file", part)
        .text("kind", kind.to_owned())
        .text("checksum_sha256", sha_hex(PDF));
    let req = app
        .client
        .post(docs_url(app, case))
        .bearer_auth(token)
        .multipart(form);
    reply(req.send().await.unwrap()).await
}

async fn fields_after_the_file_are_taken_as_generated_clients_send_them(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    let (objects, rows) = (object_count(&app).await, document_rows(&app).await);
    let doc = upload_file_first(&app, &clerk, &case, "request_papers")
        .await
        .expect(201)
        .body;
    assert_eq!(doc["kind"], "request_papers");
    assert_eq!(doc["sha256"], sha_hex(PDF));
    assert_eq!(object_count(&app).await, objects + 1);
    // A wrong kind after the file: refused, and the stored bytes go.
    let r = upload_file_first(&app, &clerk, &case, "love_letter")
        .await
        .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "kind");
    assert_eq!(
        object_count(&app).await,
        objects + 1,
        "the refused file was removed"
    );
    assert_eq!(document_rows(&app).await, rows + 1);
}

async fn a_document_goes_up_comes_back_whole_and_is_withdrawn_with_a_trace(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    let body = pdf_of(300_000);
    let r = upload(
        &app,
        &clerk,
        &case,
        ["request_papers", "Đơn yêu cầu TGPL.pdf", "application/pdf"],
        body.clone(),
        &[],
    )
    .await
    .expect(201);
    let doc = r.body.clone();
    assert_eq!(doc["size"], 300_000);
    assert_eq!(doc["sha256"], sha_hex(&body));
    assert_eq!(doc["media_type"], "application/pdf");
    assert_eq!(doc["filename"], "Đơn yêu cầu TGPL.pdf");
    assert_eq!(
        doc["step"], "request",
        "defaults to the case's current step"
    );
    assert_eq!(doc["kind_label"], "Đơn yêu cầu và giấy tờ kèm theo");

    // A raw body works too, with the name and kind in the query.
    let text = "Biên bản làm việc với người được trợ giúp.\n"
        .as_bytes()
        .to_vec();
    let raw = app
        .client
        .post(format!(
            "{}?kind=other&step=acceptance&filename=bien-ban.txt",
            docs_url(&app, &case)
        ))
        .bearer_auth(&clerk)
        .header("content-type", "text/plain; charset=utf-8")
        .body(text.clone())
        .send()
        .await
        .unwrap();
    let raw = reply(raw).await.expect(201);
    assert_eq!(raw.body["step"], "acceptance");

    let list = app
        .get(&format!("/api/v1/cases/{case}/documents"), &clerk)
        .await
        .expect(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 2);

    // Download: the same bytes, the Vietnamese name, the hash as ETag.
    let res = download(&app, &clerk, &doc, &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["etag"], format!("\"{}\"", sha_hex(&body)));
    assert_eq!(h["accept-ranges"], "bytes");
    assert!(
        h["content-disposition"]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''%C4%90%C6%A1n%20y%C3%AAu%20c%E1%BA%A7u%20TGPL.pdf")
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), body.as_slice());

    // A range, and a conditional request.
    let part = download(&app, &clerk, &doc, &[("range", "bytes=1000-1999")]).await;
    assert_eq!(part.status().as_u16(), 206);
    assert_eq!(part.headers()["content-range"], "bytes 1000-1999/300000");
    assert_eq!(part.bytes().await.unwrap().as_ref(), &body[1000..2000]);
    let tail = download(&app, &clerk, &doc, &[("range", "bytes=-10")]).await;
    assert_eq!(
        tail.bytes().await.unwrap().as_ref(),
        &body[body.len() - 10..]
    );
    let outside = download(&app, &clerk, &doc, &[("range", "bytes=400000-")]).await;
    assert_eq!(outside.status().as_u16(), 416);
    assert_eq!(outside.headers()["content-range"], "bytes */300000");
    let etag = format!("\"{}\"", sha_hex(&body));
    let same = download(&app, &clerk, &doc, &[("if-none-match", &etag)]).await;
    assert_eq!(same.status().as_u16(), 304);

    // Another centre's director cannot see the case or its documents.
    let hcm = app.login("gd.hcm").await;
    app.get(&format!("/api/v1/cases/{case}/documents"), &hcm)
        .await
        .problem(404, "case.not_found");
    let res = download(&app, &hcm, &doc, &[]).await;
    assert_eq!(res.status().as_u16(), 404);

    // Withdrawal: leadership only, with a reason; kept and marked.
    let doc_path = format!(
        "/api/v1/cases/{case}/documents/{}",
        doc["id"].as_str().unwrap()
    );
    let officer = app.login("tgv.hanoi").await;
    app.send(
        Method::DELETE,
        &doc_path,
        Some(&officer),
        &[("if-match", "\"1\"")],
        Some(json!({"reason": "Nhầm hồ sơ"}).to_string().into_bytes()),
    )
    .await
    .problem(404, "case.not_found");
    let director = app.login("gd.hanoi").await;
    app.send(
        Method::DELETE,
        &doc_path,
        Some(&director),
        &[("if-match", "\"1\"")],
        Some(json!({"reason": ""}).to_string().into_bytes()),
    )
    .await
    .problem(422, "validation_failed");
    let removed = app
        .send(
            Method::DELETE,
            &doc_path,
            Some(&director),
            &[("if-match", "\"1\"")],
            Some(
                json!({"reason": "Tải nhầm tệp của hồ sơ khác"})
                    .to_string()
                    .into_bytes(),
            ),
        )
        .await
        .expect(200);
    assert_eq!(removed.body["removed"], true);
    assert_eq!(
        removed.body["removal_reason"],
        "Tải nhầm tệp của hồ sơ khác"
    );
    app.send(
        Method::DELETE,
        &doc_path,
        Some(&director),
        &[("if-match", "\"1\"")],
        Some(json!({"reason": "lần nữa"}).to_string().into_bytes()),
    )
    .await
    .problem(409, "document.already_removed");
    let list = app
        .get(&format!("/api/v1/cases/{case}/documents"), &clerk)
        .await
        .expect(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    let all = app
        .get(
            &format!("/api/v1/cases/{case}/documents?include_removed=true"),
            &clerk,
        )
        .await
        .expect(200);
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);

    // The trail: upload, download, removal.
    let actions = app.audit_actions("document", &doc).await;
    for a in ["document.upload", "document.download", "document.remove"] {
        assert!(
            actions.iter().any(|x| x == a),
            "{a} missing from {actions:?}"
        );
    }
}

async fn bad_uploads_get_clear_answers_and_leave_nothing_behind(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    // A Windows program declared as a PDF.
    upload(
        &app,
        &clerk,
        &case,
        ["submission", "ban-luan-cu.pdf", "application/pdf"],
        b"MZ\x90\x00\x03\x00\x00\x00 program".repeat(100),
        &[],
    )
    .await
    .problem(415, "document.type_mismatch");
    // A type the case file does not take.
    upload(
        &app,
        &clerk,
        &case,
        ["other", "setup.exe", "application/x-msdownload"],
        b"MZ\x90".to_vec(),
        &[],
    )
    .await
    .problem(415, "document.unsupported_type");
    // No type at all and a name that says nothing: refused, not guessed.
    upload(
        &app,
        &clerk,
        &case,
        ["other", "tep", "application/octet-stream"],
        PDF.to_vec(),
        &[],
    )
    .await
    .problem(415, "document.unsupported_type");
    // Unknown kind, empty file.
    let r = upload(
        &app,
        &clerk,
        &case,
        ["love_letter", "a.pdf", "application/pdf"],
        PDF.to_vec(),
        &[],
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "kind");
    upload(
        &app,
        &clerk,
        &case,
        ["other", "trong.txt", "text/plain"],
        Vec::new(),
        &[],
    )
    .await
    .problem(422, "validation_failed");
    // A checksum that does not match what arrived.
    let wrong = sha_hex(b"something else");
    let r = upload(
        &app,
        &clerk,
        &case,
        ["other", "a.pdf", "application/pdf"],
        PDF.to_vec(),
        &[("x-checksum-sha256", &wrong)],
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["code"], "document.checksum_mismatch");
    upload(
        &app,
        &clerk,
        &case,
        ["other", "a.pdf", "application/pdf"],
        PDF.to_vec(),
        &[("x-checksum-sha256", "abc")],
    )
    .await
    .problem(422, "validation_failed");
    // A multipart body cut off in the middle of the file.
    let boundary = "tgplBOUNDARY";
    let mut cut = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nother\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    cut.extend_from_slice(&pdf_of(100_000));
    let r = app
        .client
        .post(docs_url(&app, &case))
        .bearer_auth(&clerk)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(cut)
        .send()
        .await
        .unwrap();
    reply(r).await.problem(400, "document.upload_incomplete");
    // Raw body without a file name.
    let r = app
        .client
        .post(format!("{}?kind=other", docs_url(&app, &case)))
        .bearer_auth(&clerk)
        .header("content-type", "application/pdf")
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    reply(r).await.problem(422, "validation_failed");
    // Declared too large: refused before a byte of the body is read.
    let answer = raw_http(
        &app,
        &format!(
            "POST /api/v1/cases/{case}/documents?kind=other&filename=big.pdf HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {clerk}\r\nContent-Type: application/pdf\r\nContent-Length: {}\r\n\r\n",
            60u64 * 1024 * 1024
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("document.too_large"), "{answer}");
    assert_eq!(
        document_rows(&app).await,
        0,
        "no row for any refused upload"
    );
    assert_eq!(
        object_count(&app).await,
        0,
        "no object for any refused upload"
    );
}

/// Sends raw bytes and reads the answer's head and first body bytes.
async fn raw_http(app: &TestApp, request: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buf = vec![0u8; 4096];
    // Read until the problem document is in (or the server closes).
    while !String::from_utf8_lossy(&answer).ends_with('}') {
        let n = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut buf))
            .await
            .expect("an answer without waiting for the body")
            .unwrap();
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&answer).into_owned()
}

/// Oversize files are stopped while streaming (no Content-Length to trust).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversize_stream_is_stopped_at_the_limit_with_413() {
    let settings = ApiSettings {
        max_upload_bytes: 1024 * 1024,
        ..ApiSettings::default()
    };
    let app = spawn_app_on(Backend::Sqlite, StoreKind::Local, settings).await;
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    let data = pdf_of(3 * 1024 * 1024);
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = data
        .chunks(64 * 1024)
        .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
        .collect();
    let r = app
        .client
        .post(format!(
            "{}?kind=other&filename=big.pdf",
            docs_url(&app, &case)
        ))
        .bearer_auth(&clerk)
        .header("content-type", "application/pdf")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    let r = reply(r).await.problem(413, "document.too_large");
    assert!(r.body["detail"].as_str().unwrap().contains("1 MB"));
    // Just under the limit is fine.
    upload(
        &app,
        &clerk,
        &case,
        ["other", "ok.pdf", "application/pdf"],
        pdf_of(1024 * 1024),
        &[],
    )
    .await
    .expect(201);
    assert_eq!(object_count(&app).await, 1);
}

async fn a_retried_upload_with_the_same_key_stores_one_document(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    let key = [("idempotency-key", "4c1f7a1e-upload-1")];
    let first = upload(
        &app,
        &clerk,
        &case,
        ["eligibility_proof", "ho-ngheo.pdf", "application/pdf"],
        pdf_of(50_000),
        &key,
    )
    .await
    .expect(201);
    let again = upload(
        &app,
        &clerk,
        &case,
        ["eligibility_proof", "ho-ngheo.pdf", "application/pdf"],
        pdf_of(50_000),
        &key,
    )
    .await
    .expect(200);
    assert_eq!(first.body["id"], again.body["id"]);
    // Concurrent retries: still one document.
    let key2 = [("idempotency-key", "4c1f7a1e-upload-2")];
    let (a, b) = tokio::join!(
        upload(
            &app,
            &clerk,
            &case,
            ["other", "x.pdf", "application/pdf"],
            pdf_of(70_000),
            &key2
        ),
        upload(
            &app,
            &clerk,
            &case,
            ["other", "x.pdf", "application/pdf"],
            pdf_of(70_000),
            &key2
        ),
    );
    assert_eq!(a.body["id"], b.body["id"], "{} / {}", a.body, b.body);
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201]);
    assert_eq!(document_rows(&app).await, 2);
    assert_eq!(
        object_count(&app).await,
        2,
        "the losing retry left no object of its own"
    );
}

/// Makes every insert of a document row fail, as a broken database would.
async fn break_document_inserts(app: &TestApp) {
    use tgpl_db::ConnectionTrait;
    let conn = &app.state.db.conn;
    match app.backend {
        Backend::Sqlite => {
            conn.execute_unprepared(
                "CREATE TRIGGER fail_documents BEFORE INSERT ON case_documents BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
            )
            .await
            .unwrap();
        }
        Backend::Postgres => {
            conn.execute_unprepared(
                "CREATE FUNCTION fail_documents() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql;
                 CREATE TRIGGER fail_documents BEFORE INSERT ON case_documents FOR EACH ROW EXECUTE FUNCTION fail_documents();",
            )
            .await
            .unwrap();
        }
    }
}

async fn a_failed_database_write_removes_the_stored_object(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    break_document_inserts(&app).await;
    let r = upload(
        &app,
        &clerk,
        &case,
        ["other", "a.pdf", "application/pdf"],
        pdf_of(200_000),
        &[],
    )
    .await;
    assert!(r.status.is_server_error(), "{}", r.body);
    assert_eq!(r.content_type(), "application/problem+json");
    assert_eq!(document_rows(&app).await, 0);
    assert_eq!(
        object_count(&app).await,
        0,
        "the object stored before the failed write is gone"
    );
}

/// Overwrites a stored object in place, as bit rot or a bad disk would.
pub(crate) fn damage(app: &TestApp, key: &str, truncate: bool) {
    let path = match &app.s3 {
        None => app
            .store_dir
            .join("objects")
            .join(&key[..2])
            .join(&key[2..4])
            .join(key),
        Some(s3) => s3.dir.join("tgpl-docs").join(key),
    };
    let mut bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if truncate {
        bytes.truncate(bytes.len() / 2);
    } else {
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0xFF;
    }
    std::fs::write(&path, bytes).unwrap();
}

pub(crate) async fn storage_key(app: &TestApp, doc: &Value) -> String {
    let id: uuid::Uuid = doc["id"].as_str().unwrap().parse().unwrap();
    let case: uuid::Uuid = doc["case_id"].as_str().unwrap().parse().unwrap();
    tgpl_db::documents::get(&app.state.db.conn, case, id)
        .await
        .unwrap()
        .storage_key
}

async fn a_damaged_object_is_reported_and_never_served_as_the_file(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    let body = pdf_of(600_000);
    let flipped = upload(
        &app,
        &clerk,
        &case,
        ["other", "a.pdf", "application/pdf"],
        body.clone(),
        &[],
    )
    .await
    .expect(201)
    .body;
    let cut = put_pdf(&app, &clerk, &case, "b.pdf", 400_000).await;
    let intact = put_pdf(&app, &clerk, &case, "c.pdf", 10_000).await;
    damage(&app, &storage_key(&app, &flipped).await, false);
    damage(&app, &storage_key(&app, &cut).await, true);

    let report = tgpl_server::maintenance::verify(&app.state.db, app.state.store.as_ref())
        .await
        .unwrap();
    assert_eq!(report.checked, 3);
    let mut corrupted = report.corrupted.clone();
    corrupted.sort();
    let mut expected: Vec<uuid::Uuid> = [&flipped, &cut]
        .iter()
        .map(|d| d["id"].as_str().unwrap().parse().unwrap())
        .collect();
    expected.sort();
    assert_eq!(corrupted, expected);

    // A flipped byte: the transfer breaks before the end; never the whole wrong file.
    let res = download(&app, &clerk, &flipped, &[]).await;
    let received = res.bytes().await;
    match received {
        Err(_) => {}
        Ok(b) => {
            assert_ne!(
                b.len(),
                body.len(),
                "a damaged file must not arrive complete"
            );
        }
    }
    // A shortened object: a problem response before any byte.
    let res = download(&app, &clerk, &cut, &[]).await;
    reply(res).await.problem(500, "document.corrupted");
    // The intact one still downloads.
    let res = download(&app, &clerk, &intact, &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.bytes().await.unwrap().len(), 10_000);
}

async fn the_sweep_removes_orphans_and_reports_missing_objects(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    let kept = put_pdf(&app, &clerk, &case, "a.pdf", 20_000).await;
    let lost = put_pdf(&app, &clerk, &case, "b.pdf", 30_000).await;
    // An object no row names (a crash between store and row), and a row whose object vanished.
    let body =
        futures_util::stream::iter(vec![Ok(bytes::Bytes::from_static(b"%PDF-1.4 orphan"))]).boxed();
    let orphan = app.state.store.put(body).await.unwrap();
    let lost_key = storage_key(&app, &lost).await;
    app.state.store.delete(&lost_key).await.unwrap();

    let store = app.state.store.as_ref();
    // Within the grace period the orphan may be an upload in flight: kept.
    let young =
        tgpl_server::maintenance::sweep(&app.state.db, store, chrono::Duration::minutes(60), false)
            .await
            .unwrap();
    assert_eq!(young.young_orphans, 1);
    assert!(young.orphans.is_empty());
    assert!(app.state.store.exists(&orphan.key).await.unwrap());

    let dry =
        tgpl_server::maintenance::sweep(&app.state.db, store, chrono::Duration::seconds(-5), true)
            .await
            .unwrap();
    assert_eq!(dry.orphans, vec![orphan.key.clone()]);
    assert!(
        app.state.store.exists(&orphan.key).await.unwrap(),
        "a dry run removes nothing"
    );

    let r =
        tgpl_server::maintenance::sweep(&app.state.db, store, chrono::Duration::seconds(-5), false)
            .await
            .unwrap();
    assert_eq!(r.objects_seen, 2);
    assert_eq!(r.orphans, vec![orphan.key.clone()]);
    assert!(!app.state.store.exists(&orphan.key).await.unwrap());
    assert_eq!(r.missing.len(), 1);
    assert_eq!(
        r.missing[0].document_id.to_string(),
        lost["id"].as_str().unwrap()
    );
    assert!(
        app.state
            .store
            .exists(&storage_key(&app, &kept).await)
            .await
            .unwrap()
    );
}

/// The S3 server goes away in the middle of a multipart upload: 503 with
/// Retry-After, no row, nothing left after a sweep, and the retry works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_store_stopping_mid_upload_gives_503_and_the_retry_succeeds() {
    let mut app = spawn_app_on(Backend::Sqlite, StoreKind::S3, ApiSettings::default()).await;
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    let data = pdf_of(20 * 1024 * 1024);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, std::io::Error>>(4);
    let body = reqwest::Body::wrap_stream(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|c| (c, rx))
    }));
    let url = format!(
        "{}?kind=procedural_document&filename=ban-an.pdf",
        docs_url(&app, &case)
    );
    let request = app
        .client
        .post(url)
        .bearer_auth(&clerk)
        .header("content-type", "application/pdf")
        .header("idempotency-key", "retry-after-outage")
        .body(body)
        .send();
    let pending = tokio::spawn(request);
    // 10 MiB: the first 8 MiB part is on its way to the store.
    for c in data[..10 * 1024 * 1024].chunks(256 * 1024) {
        tx.send(Ok(bytes::Bytes::copy_from_slice(c))).await.ok();
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.s3.as_mut().unwrap().stop();
    for c in data[10 * 1024 * 1024..].chunks(256 * 1024) {
        if tx.send(Ok(bytes::Bytes::copy_from_slice(c))).await.is_err() {
            break;
        }
    }
    drop(tx);
    let res = pending.await.unwrap();
    let r = reply(res.unwrap())
        .await
        .problem(503, "storage.unavailable");
    assert_eq!(r.headers["retry-after"], "5");
    assert_eq!(document_rows(&app).await, 0, "no row for the failed upload");

    app.s3.as_mut().unwrap().resume();
    let sweep = tgpl_server::maintenance::sweep(
        &app.state.db,
        app.state.store.as_ref(),
        chrono::Duration::seconds(-5),
        false,
    )
    .await
    .unwrap();
    assert_eq!(sweep.objects_seen, 0, "nothing half-written in the store");

    // The same upload, retried with the same key, now succeeds.
    let r = app
        .client
        .post(format!(
            "{}?kind=procedural_document&filename=ban-an.pdf",
            docs_url(&app, &case)
        ))
        .bearer_auth(&clerk)
        .header("content-type", "application/pdf")
        .header("idempotency-key", "retry-after-outage")
        .body(data.clone())
        .send()
        .await
        .unwrap();
    let r = reply(r).await.expect(201);
    assert_eq!(r.body["sha256"], sha_hex(&data));
    let res = download(&app, &clerk, &r.body, &[]).await;
    assert_eq!(res.bytes().await.unwrap().as_ref(), data.as_slice());
}

/// A store that is down before the upload starts: 503, and reads say so too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_is_down_answers_503_not_500() {
    let mut app = spawn_app_on(Backend::Sqlite, StoreKind::S3, ApiSettings::default()).await;
    let clerk = app.login("vt.hanoi").await;
    let case = new_case(&app, &clerk).await;
    let doc = upload(
        &app,
        &clerk,
        &case,
        ["other", "a.pdf", "application/pdf"],
        PDF.to_vec(),
        &[],
    )
    .await
    .expect(201);
    app.s3.as_mut().unwrap().stop();
    upload(
        &app,
        &clerk,
        &case,
        ["other", "b.pdf", "application/pdf"],
        PDF.to_vec(),
        &[],
    )
    .await
    .problem(503, "storage.unavailable");
    let res = download(&app, &clerk, &doc.body, &[]).await;
    reply(res).await.problem(503, "storage.unavailable");
    assert_eq!(document_rows(&app).await, 1);
    // The readiness probe takes the instance out of the load balancer.
    let ready = reply(
        app.client
            .get(format!("{}/readyz", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(ready.status.as_u16(), 503);
    assert_eq!(ready.body["document_store"], "unreachable");
    assert_eq!(ready.body["database"], "ok");
}
