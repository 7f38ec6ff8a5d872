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
        ("/publicity", "TGPL"),
        ("/deskwork", "TGPL"),
    ] {
        let page = get(path).await.unwrap();
        assert_eq!(page.status().as_u16(), 200, "{path}");
        assert!(page.text().await.unwrap().contains(title), "{path}");
    }
    std::fs::remove_dir_all(dir).ok();
}
