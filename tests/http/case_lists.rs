//! Case lists people can work with (issue #13 item 6): every order the list
//! offers walks its pages without a gap or a repeat, cases without the key
//! (no acceptance yet, no deadline) come last, and the list says how many
//! cases its filters select.
use crate::cases::{accept_and_assign, act, intake};
use serde_json::{Value, json};
use tgpl_tests::{TestApp, on_both_databases};

on_both_databases!(
    case_lists_sort_by_acceptance_code_status_and_deadline,
    case_lists_count_what_their_filters_select,
    a_case_that_moves_between_pages_does_not_move_the_pages,
);

/// Sorted by status, a user accepts the last case of the page she reads,
/// then asks for the next page: it continues where the page ended (the
/// cursor carries the keys it was ordered by), so no waiting request is
/// skipped; only the case that moved may be seen again, in its new place.
async fn a_case_that_moves_between_pages_does_not_move_the_pages(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let mut all = Vec::new();
    for _ in 0..4 {
        let c = intake(
            &app,
            &clerk,
            app.units.hn_centre,
            "Trịnh Chuyển Trang",
            json!({}),
        )
        .await;
        all.push(c["id"].as_str().unwrap().to_owned());
    }
    // One word: the plain id column path (the sort test below takes the
    // phrase-search one).
    let list = "/api/v1/cases?q=chuyen&sort=status_asc&limit=2";
    let first = app.get(list, &clerk).await.expect(200).body;
    let page1 = ids(first["items"].as_array().unwrap());
    assert_eq!(page1, all[..2]);
    // The last case of the page is accepted meanwhile.
    let moved = app
        .get(&format!("/api/v1/cases/{}", page1[1]), &clerk)
        .await
        .expect(200)
        .body;
    act(&app, &clerk, &moved, "accept", json!({}))
        .await
        .expect(200);
    let mut seen = page1.clone();
    let mut after = first["next"].as_str().unwrap().to_owned();
    loop {
        let page = app
            .get(&format!("{list}&after={after}"), &clerk)
            .await
            .expect(200)
            .body;
        seen.extend(ids(page["items"].as_array().unwrap()));
        match page["next"].as_str() {
            Some(n) => after = n.to_owned(),
            None => break,
        }
    }
    for id in &all {
        assert!(seen.contains(id), "{id} was skipped: {seen:?}");
    }
    let repeated: Vec<&String> = seen
        .iter()
        .filter(|id| seen.iter().filter(|x| x == id).count() > 1)
        .collect();
    assert!(
        repeated.iter().all(|id| **id == page1[1]),
        "only the moved case may repeat: {seen:?}"
    );
}

/// Every case of a list, page after page (two per page).
async fn walk(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let page = app
            .get(
                &format!("/api/v1/cases?{query}&limit=2&after={after}"),
                token,
            )
            .await
            .expect(200)
            .body;
        seen.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(n) => after = n.to_owned(),
            None => return seen,
        }
    }
}

fn ids(cases: &[Value]) -> Vec<String> {
    cases
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

/// `cases` in the order a sort key gives (nulls last in both directions),
/// then by id in the same direction: the order the list promises.
fn expected<K: Ord>(cases: &[Value], key: impl Fn(&Value) -> Option<K>, desc: bool) -> Vec<String> {
    let mut v: Vec<(Option<K>, String)> = cases
        .iter()
        .map(|c| (key(c), c["id"].as_str().unwrap().to_owned()))
        .collect();
    v.sort_by(|(ka, ia), (kb, ib)| {
        let keys = match (ka, kb) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(_), None) => std::cmp::Ordering::Less,
            (Some(a), Some(b)) if desc => b.cmp(a),
            (Some(a), Some(b)) => a.cmp(b),
        };
        keys.then_with(|| if desc { ib.cmp(ia) } else { ia.cmp(ib) })
    });
    v.into_iter().map(|(_, id)| id).collect()
}

fn date(c: &Value, field: &str) -> Option<String> {
    c[field].as_str().map(str::to_owned)
}

const LIFECYCLE: [&str; 10] = [
    "received",
    "needs_supplement",
    "refused",
    "accepted",
    "assigned",
    "in_progress",
    "concluded",
    "discontinued",
    "evaluated",
    "archived",
];

async fn case_lists_sort_by_acceptance_code_status_and_deadline(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    let name = "Phạm Thứ Tự";
    let urgent = json!({"court_appointed_defence": true,
        "eligibility": [{"code": "2", "proof_documents_present": false, "financial_hardship_proven": false}]});
    // Waiting, accepted, assigned, and two urgent cases whose proof is due
    // on different days, accepted over three days.
    let waiting = intake(&app, &clerk, app.units.hn_centre, name, json!({})).await;
    let first = intake(&app, &clerk, app.units.hn_centre, name, json!({})).await;
    act(&app, &clerk, &first, "accept", json!({}))
        .await
        .expect(200);
    // A day later (tokens expire meanwhile: log in again).
    app.advance(chrono::Duration::days(1));
    let clerk = app.login("vt.hanoi").await;
    let director = app.login("gd.hanoi").await;
    let second = intake(&app, &clerk, app.units.hn_centre, name, json!({})).await;
    accept_and_assign(&app, &clerk, &director, &second, app.units.hn_officer).await;
    let due_soon = intake(&app, &clerk, app.units.hn_centre, name, urgent.clone()).await;
    act(&app, &clerk, &due_soon, "accept", json!({}))
        .await
        .expect(200);
    app.advance(chrono::Duration::days(1));
    let clerk = app.login("vt.hanoi").await;
    let due_later = intake(&app, &clerk, app.units.hn_centre, name, urgent).await;
    act(&app, &clerk, &due_later, "accept", json!({}))
        .await
        .expect(200);
    let _ = waiting;

    let all = walk(&app, &clerk, "q=pham%20thu%20tu").await;
    assert_eq!(all.len(), 5);
    let deadlines: Vec<Option<String>> = all.iter().map(|c| date(c, "next_deadline")).collect();
    assert_eq!(
        deadlines.iter().filter(|d| d.is_some()).count(),
        2,
        "{all:?}"
    );
    assert_eq!(
        all.iter().filter(|c| c["accepted_on"].is_null()).count(),
        1,
        "one request waits"
    );

    let register = |c: &Value| {
        c["code"].as_str()?;
        Some((
            c["accepted_on"].as_str()?[..4].to_owned(),
            c["register_number"].as_i64()?,
        ))
    };
    let rank = |c: &Value| LIFECYCLE.iter().position(|s| c["status"] == *s);
    let cases: [(&str, Vec<String>); 8] = [
        (
            "accepted_desc",
            expected(&all, |c| date(c, "accepted_on"), true),
        ),
        (
            "accepted_asc",
            expected(&all, |c| date(c, "accepted_on"), false),
        ),
        ("code_asc", expected(&all, register, false)),
        ("code_desc", expected(&all, register, true)),
        ("status_asc", expected(&all, rank, false)),
        ("status_desc", expected(&all, rank, true)),
        (
            "deadline_asc",
            expected(&all, |c| date(c, "next_deadline"), false),
        ),
        (
            "deadline_desc",
            expected(&all, |c| date(c, "next_deadline"), true),
        ),
    ];
    for (sort, want) in cases {
        let got = ids(&walk(&app, &clerk, &format!("q=pham%20thu%20tu&sort={sort}")).await);
        assert_eq!(got, want, "sort={sort}");
    }
    // The waiting request comes last whichever way acceptance is sorted.
    let by_acceptance = walk(&app, &clerk, "q=pham%20thu%20tu&sort=accepted_asc").await;
    assert_eq!(by_acceptance[4]["status"], "received");
    let by_deadline = walk(&app, &clerk, "q=pham%20thu%20tu&sort=deadline_asc").await;
    assert_eq!(by_deadline[0]["id"], due_soon["id"]);
    assert_eq!(by_deadline[1]["id"], due_later["id"]);
}

async fn case_lists_count_what_their_filters_select(app: TestApp) {
    let clerk = app.login("vt.hanoi").await;
    for _ in 0..3 {
        intake(&app, &clerk, app.units.hn_centre, "Lê Đếm Số", json!({})).await;
    }
    let page = app
        .get("/api/v1/cases?q=le%20dem%20so&limit=2", &clerk)
        .await
        .expect(200)
        .body;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert_eq!(page["total"], json!({"count": 3, "exact": true}));
    // The second page counts the same list.
    let next = page["next"].as_str().unwrap();
    let page = app
        .get(
            &format!("/api/v1/cases?q=le%20dem%20so&limit=2&after={next}"),
            &clerk,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(page["total"]["count"], 3);
    // Filters narrow the count; out of scope counts nothing.
    let none = app
        .get("/api/v1/cases?q=le%20dem%20so&status=accepted", &clerk)
        .await
        .expect(200)
        .body;
    assert_eq!(none["total"], json!({"count": 0, "exact": true}));
    let elsewhere = app.login("ls.hanoi").await;
    let theirs = app
        .get("/api/v1/cases?q=le%20dem%20so", &elsewhere)
        .await
        .expect(200)
        .body;
    assert_eq!(theirs["total"]["count"], 0);
    // Totals are kept between requests, never past a write: a new request
    // counts at once, and so does an act that moves a case out of a filter.
    let fourth = intake(&app, &clerk, app.units.hn_centre, "Lê Đếm Số", json!({})).await;
    let count = |query: &'static str| {
        let app = &app;
        let clerk = clerk.clone();
        async move {
            app.get(&format!("/api/v1/cases?q=le%20dem%20so{query}"), &clerk)
                .await
                .expect(200)
                .body["total"]["count"]
                .clone()
        }
    };
    assert_eq!(count("").await, 4);
    assert_eq!(count("&status=received").await, 4);
    crate::cases::act(&app, &clerk, &fourth, "accept", json!({}))
        .await
        .expect(200);
    assert_eq!(count("&status=received").await, 3);
    assert_eq!(count("&status=accepted").await, 1);
    // Past the cap the count stops and says it is not exact.
    let filter = tgpl_db::cases::CaseFilter {
        q: Some("le dem so".into()),
        ..Default::default()
    };
    let all = tgpl_domain::ScopeFilter::All;
    let counted = tgpl_db::cases::count_up_to(&app.state.app.db, all, &filter, 2, None)
        .await
        .unwrap();
    assert_eq!(
        counted,
        tgpl_db::Total {
            count: 2,
            exact: false
        }
    );
}
