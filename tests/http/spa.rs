//! The web app is served beside the API, with client routes falling back to index.html.
use tgpl_api::ApiSettings;
use tgpl_tests::{Backend, spawn_app_with};

#[tokio::test]
async fn spa_routes_fall_back_to_index_and_api_misses_stay_problems() {
    let dir = std::env::temp_dir().join(format!("tgpl-spa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>TGPL</title>").unwrap();
    std::fs::write(dir.join("app.js"), "console.log(1)").unwrap();
    std::fs::write(
        dir.join("public.html"),
        "<!doctype html><title>Công khai</title>",
    )
    .unwrap();
    std::fs::write(
        dir.join("desk.html"),
        "<!doctype html><title>Hàng chờ</title>",
    )
    .unwrap();
    std::fs::write(
        dir.join("admin.html"),
        "<!doctype html><title>Quản trị</title>",
    )
    .unwrap();
    let settings = ApiSettings {
        static_dir: Some(dir.clone()),
        ..ApiSettings::default()
    };
    let app = spawn_app_with(Backend::Sqlite, settings).await;
    let get = |path: &'static str| app.client.get(format!("{}{path}", app.base)).send();
    let root = get("/").await.unwrap();
    assert_eq!(root.status().as_u16(), 200);
    assert!(root.text().await.unwrap().contains("<title>TGPL</title>"));
    let deep = get("/cases/TT.TV.01.2026").await.unwrap();
    assert_eq!(deep.status().as_u16(), 200, "client-side route");
    assert!(
        deep.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let js = get("/app.js").await.unwrap();
    assert_eq!(js.text().await.unwrap(), "console.log(1)");
    let api = get("/api/v1/nothing-here").await.unwrap();
    assert_eq!(api.status().as_u16(), 404);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    assert_eq!(get("/healthz").await.unwrap().status().as_u16(), 200);
    // The citizens' pages and the desk load their own modules' pages.
    for (path, title) in [
        ("/public", "Công khai"),
        ("/public/lookup", "Công khai"),
        ("/desk", "Hàng chờ"),
        ("/desk/complaints", "Hàng chờ"),
        ("/desk/users", "Quản trị"),
        (
            "/desk/users/0190a7b2-0000-7000-8000-000000000001/edit",
            "Quản trị",
        ),
        ("/desk/registers", "Quản trị"),
        (
            "/desk/organisations/0190a7b2-0000-7000-8000-000000000001",
            "Quản trị",
        ),
        ("/desk/userstuff", "Hàng chờ"),
        ("/desk/audit", "Quản trị"),
        ("/publicity", "TGPL"),
        ("/deskwork", "TGPL"),
    ] {
        let page = get(path).await.unwrap();
        assert_eq!(page.status().as_u16(), 200, "{path}");
        assert!(page.text().await.unwrap().contains(title), "{path}");
    }
    // The audit trail's old address leads to its new one, query and all.
    let old = app
        .client
        .get(format!("{}/audit?entity=case&entity_id=x", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status().as_u16(), 200, "followed");
    assert_eq!(old.url().path(), "/desk/audit");
    assert_eq!(old.url().query(), Some("entity=case&entity_id=x"));
    std::fs::remove_dir_all(dir).ok();
}

/// The build's content-hashed assets are kept a year and sent as the
/// Brotli or gzip copy the browser accepts; the pages are revalidated.
#[tokio::test]
async fn hashed_assets_are_cached_and_sent_precompressed() {
    let dir = std::env::temp_dir().join(format!("tgpl-spa-assets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>TGPL</title>").unwrap();
    let wasm = "tgpl_web_bg.0123456789ab.wasm";
    std::fs::write(dir.join(wasm), b"\0asm plain").unwrap();
    std::fs::write(dir.join(format!("{wasm}.br")), b"brotli bytes").unwrap();
    std::fs::write(dir.join(format!("{wasm}.gz")), b"gzip bytes").unwrap();
    std::fs::write(dir.join("style.css"), "body{}").unwrap();
    let settings = ApiSettings {
        static_dir: Some(dir.clone()),
        ..ApiSettings::default()
    };
    let app = spawn_app_with(Backend::Sqlite, settings).await;
    // A client that decompresses nothing itself, so the bytes are as sent.
    let client = reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap();
    let get = |path: String, encodings: &'static str| {
        client
            .get(format!("{}{path}", app.base))
            .header("accept-encoding", encodings)
            .send()
    };
    let br = get(format!("/{wasm}"), "gzip, deflate, br").await.unwrap();
    assert_eq!(br.status().as_u16(), 200);
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["content-type"], "application/wasm");
    assert_eq!(
        br.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(br.headers()["vary"], "accept-encoding");
    // Served for the page to use, never offered as a download.
    assert!(
        br.headers()
            .get("content-disposition")
            .is_none_or(|d| !d.to_str().unwrap().contains("attachment"))
    );
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"brotli bytes");
    let gz = get(format!("/{wasm}"), "gzip").await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(gz.bytes().await.unwrap().as_ref(), b"gzip bytes");
    let plain = get(format!("/{wasm}"), "identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm plain");
    // Unhashed files and the pages are checked before each use; the page
    // itself comes compressed as a page, not a download.
    std::fs::write(dir.join("index.html.br"), b"brotli page").unwrap();
    for path in ["/style.css", "/", "/cases/123"] {
        let r = get(path.to_owned(), "gzip, br").await.unwrap();
        assert_eq!(r.status().as_u16(), 200, "{path}");
        assert_eq!(r.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            r.headers()
                .get("content-disposition")
                .is_none_or(|d| !d.to_str().unwrap().contains("attachment")),
            "{path}"
        );
    }
    let page = get("/".to_owned(), "br").await.unwrap();
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(page.headers()["content-encoding"], "br");
    // Nothing outside the directory, however the path is spelled.
    let sneaky = get("/..%2fCargo.toml".to_owned(), "gzip").await.unwrap();
    assert!(!sneaky.text().await.unwrap().contains("[package]"));
    std::fs::remove_dir_all(dir).ok();
}
