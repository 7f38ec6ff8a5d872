//! People, not just parties (issue #15 item 3): the registry links the
//! parties of different cases by ID number, else by name, birth date and
//! province; weaker evidence is suggested with its reason; leadership
//! merges (audited), the conflict check then sees the person, and the
//! merge is undone.
use crate::cases::{act, intake};
use serde_json::{Value, json};
use tgpl_tests::TestApp;

const BORN: &str = "1985-03-04";
const ID: &str = "001085000123";

/// A request at the Hà Nội centre whose beneficiary is `who`.
async fn case_for(app: &TestApp, token: &str, who: Value) -> Value {
    let extra = json!({ "parties": [who] });
    intake(app, token, app.units.hn_centre, "ignored", extra).await
}

fn beneficiary(name: &str, born: Option<&str>, id: Option<&str>) -> Value {
    json!({"role": "beneficiary", "full_name": name, "sex": "male",
           "date_of_birth": born, "id_number": id})
}

/// The person the case's beneficiary is linked to.
async fn person_of(app: &TestApp, token: &str, case: &Value) -> String {
    let file = app
        .get(
            &format!("/api/v1/cases/{}", case["id"].as_str().unwrap()),
            token,
        )
        .await
        .expect(200)
        .body;
    file["parties"][0]["person_id"]
        .as_str()
        .expect("every recorded party is linked to a person")
        .to_owned()
}

async fn page(app: &TestApp, token: &str, person: &str) -> Value {
    app.get(&format!("/api/v1/persons/{person}"), token)
        .await
        .expect(200)
        .body
}

fn case_ids(page: &Value) -> Vec<String> {
    let mut ids: Vec<String> = page["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

fn ids(cases: &[&Value]) -> Vec<String> {
    let mut ids: Vec<String> = cases
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

/// The suggested pairs as (first, second, reason), ids in either order.
async fn suggestions(app: &TestApp, token: &str) -> Vec<(String, String, String)> {
    app.get("/api/v1/persons/duplicates", token)
        .await
        .expect(200)
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["first"]["id"].as_str().unwrap().to_owned(),
                d["second"]["id"].as_str().unwrap().to_owned(),
                d["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn suggested(list: &[(String, String, String)], a: &str, b: &str) -> Option<String> {
    list.iter()
        .find(|(x, y, _)| (x == a && y == b) || (x == b && y == a))
        .map(|(_, _, r)| r.clone())
}

async fn duplicate_people_are_linked_suggested_merged_and_unmerged(app: TestApp) {
    let director = app.login("gd.hanoi").await;
    // One person under three spellings of the record: linked without asking.
    let a = case_for(
        &app,
        &director,
        beneficiary("Hoàng Văn Tùng", Some(BORN), Some(ID)),
    )
    .await;
    let b = case_for(
        &app,
        &director,
        beneficiary("HOANG VAN TUNG", None, Some("001 085 000 123")),
    )
    .await;
    let c = case_for(
        &app,
        &director,
        beneficiary("Hoàng Văn Tùng", Some(BORN), None),
    )
    .await;
    let p = person_of(&app, &director, &a).await;
    assert_eq!(
        person_of(&app, &director, &b).await,
        p,
        "the same ID number"
    );
    assert_eq!(
        person_of(&app, &director, &c).await,
        p,
        "name, birth date, province"
    );
    let mine = page(&app, &director, &p).await;
    assert_eq!(case_ids(&mine), ids(&[&a, &b, &c]));
    assert_eq!(mine["person"]["id_number"], ID);
    assert_eq!(mine["person"]["date_of_birth"], BORN);
    assert_eq!(mine["cases"][0]["roles"], json!(["beneficiary"]));

    // Weaker evidence: separate records, suggested with their reason.
    let d = case_for(
        &app,
        &director,
        beneficiary("Hoàng Văn Tùn", None, Some(ID)),
    )
    .await;
    // Tùng's namesake, born the same day, asks the Hồ Chí Minh City centre.
    let hcm = app.login("gd.hcm").await;
    let e = intake(
        &app,
        &hcm,
        app.units.hcm_centre,
        "ignored",
        json!({ "parties": [beneficiary("Hoàng Văn Tùng", Some(BORN), None)] }),
    )
    .await;
    let pd = person_of(&app, &director, &d).await;
    let pe = person_of(&app, &hcm, &e).await;
    assert!(pd != p && pe != p && pd != pe);
    let list = suggestions(&app, &director).await;
    assert_eq!(
        suggested(&list, &p, &pd).as_deref(),
        Some("same_id_number"),
        "{list:?}"
    );
    // Across provinces: the ministry's to decide, not a centre's.
    assert!(suggested(&list, &p, &pe).is_none(), "{list:?}");
    let admin = app.login("admin").await;
    let national = suggestions(&app, &admin).await;
    assert_eq!(
        suggested(&national, &p, &pe).as_deref(),
        Some("same_name_and_birth_date"),
        "{national:?}"
    );
    app.get("/api/v1/persons/duplicates?limit=0", &director)
        .await
        .problem(422, "validation_failed");
    let labels = app.get("/api/v1/persons/duplicates", &director).await.body;
    assert!(labels.to_string().contains("Trùng số định danh cá nhân"));
    // Not leadership: no merging, no list; another centre: no such person.
    let officer = app.login("tgv.hanoi").await;
    app.get("/api/v1/persons/duplicates", &officer)
        .await
        .problem(403, "forbidden");
    app.get(&format!("/api/v1/persons/{p}"), &hcm)
        .await
        .problem(404, "person.not_found");
    assert!(suggested(&suggestions(&app, &hcm).await, &p, &pd).is_none());
    // A reader who sees the case masked sees the person masked.
    let masked = page(&app, &app.login("stp.hanoi").await, &p).await;
    assert_eq!(masked["person"]["id_number"], Value::Null);
    assert_eq!(masked["person"]["date_of_birth"], Value::Null);
    assert_eq!(case_ids(&masked), ids(&[&a, &b, &c]));

    // The officer defends Tùn in case D.
    let d = act(&app, &director, &d, "accept", json!({}))
        .await
        .expect(200)
        .body;
    act(
        &app,
        &director,
        &d,
        "assign",
        json!({"practitioner_id": app.units.hn_officer}),
    )
    .await
    .expect(200);
    // A new case against Tùng: by name alone, no clash is seen.
    let extra = json!({"form_of_aid": "litigation_protection", "field_of_law": "civil_family",
        "parties": [{"role": "beneficiary", "full_name": "Phạm Thị Lan"},
                    {"role": "opposing_party", "full_name": "Hoàng Văn Tùng", "date_of_birth": BORN}]});
    let g = intake(&app, &director, app.units.hn_centre, "ignored", extra).await;
    let g = act(&app, &director, &g, "accept", json!({}))
        .await
        .expect(200)
        .body;

    // Leadership merges Tùn into Tùng: one person, audited.
    let merge = app
        .post(
            "/api/v1/person-merges",
            Some(&director),
            &json!({"kept_id": p, "merged_id": pd, "reason": "Cùng số CCCD, sai chính tả tên"}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(merge["parties_moved"], 1);
    // Tùng's page: his own requests, the case he is the other side of, and
    // now Tùn's.
    assert_eq!(
        case_ids(&page(&app, &director, &p).await),
        ids(&[&a, &b, &c, &d, &g])
    );
    let gone = page(&app, &director, &pd).await;
    assert_eq!(gone["person"]["merged_into_id"], p);
    assert!(suggested(&suggestions(&app, &director).await, &p, &pd).is_none());
    let trail = app.audit_actions("person", &json!({"id": pd})).await;
    assert!(trail.iter().any(|t| t == "person.merged"), "{trail:?}");
    app.post(
        "/api/v1/person-merges",
        Some(&director),
        &json!({"kept_id": p, "merged_id": pd}),
    )
    .await
    .problem(409, "person.already_merged");
    app.post(
        "/api/v1/person-merges",
        Some(&officer),
        &json!({"kept_id": p, "merged_id": pe}),
    )
    .await
    .problem(403, "forbidden");

    // The conflict check now sees Tùng as the officer's own client.
    act(
        &app,
        &director,
        &g,
        "assign",
        json!({"practitioner_id": app.units.hn_officer}),
    )
    .await
    .problem(409, "case.conflict_of_interest");

    // Undone: Tùn is a record of his own again, and the clash is gone.
    let undone = app
        .post(
            &format!(
                "/api/v1/person-merges/{}/undo",
                merge["id"].as_str().unwrap()
            ),
            Some(&director),
            &json!({}),
        )
        .await
        .expect(200)
        .body;
    assert!(undone["undone_at"].is_string());
    assert_eq!(
        case_ids(&page(&app, &director, &p).await),
        ids(&[&a, &b, &c, &g])
    );
    assert_eq!(case_ids(&page(&app, &director, &pd).await), ids(&[&d]));
    assert_eq!(
        page(&app, &director, &pd).await["person"]["merged_into_id"],
        Value::Null
    );
    let trail = app.audit_actions("person", &json!({"id": pd})).await;
    assert!(
        trail.iter().any(|t| t == "person.merge_undone"),
        "{trail:?}"
    );
    app.post(
        &format!(
            "/api/v1/person-merges/{}/undo",
            merge["id"].as_str().unwrap()
        ),
        Some(&director),
        &json!({}),
    )
    .await
    .problem(409, "person.merge_undone");
    act(
        &app,
        &director,
        &g,
        "assign",
        json!({"practitioner_id": app.units.hn_officer}),
    )
    .await
    .expect(200);

    // A pair judged to be two people is not suggested again.
    app.post(
        "/api/v1/persons/distinct-pairs",
        Some(&director),
        &json!({"first_id": pe, "second_id": p}),
    )
    .await
    .problem(422, "validation_failed");
    app.post(
        "/api/v1/persons/distinct-pairs",
        Some(&admin),
        &json!({"first_id": pe, "second_id": p}),
    )
    .await
    .expect(204);
    let list = suggestions(&app, &admin).await;
    assert!(suggested(&list, &p, &pe).is_none(), "{list:?}");
    assert!(suggested(&list, &p, &pd).is_some(), "{list:?}");
}

tgpl_tests::on_both_databases!(duplicate_people_are_linked_suggested_merged_and_unmerged);

/// A database from before the registry: its parties are linked by the
/// pass `tgpl serve` runs at start, by the same rules.
async fn parties_recorded_before_the_registry_are_linked(app: TestApp) {
    use tgpl_db::ConnectionTrait;
    let director = app.login("gd.hanoi").await;
    let a = case_for(
        &app,
        &director,
        beneficiary("Vũ Thị Mơ", Some("1979-09-09"), None),
    )
    .await;
    let b = case_for(
        &app,
        &director,
        beneficiary("Vu Thi Mo", Some("1979-09-09"), None),
    )
    .await;
    let conn = &app.state.app.db.conn;
    conn.execute_unprepared("UPDATE case_parties SET person_id = NULL")
        .await
        .unwrap();
    conn.execute_unprepared("DELETE FROM persons")
        .await
        .unwrap();
    let file = app
        .get(
            &format!("/api/v1/cases/{}", a["id"].as_str().unwrap()),
            &director,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(file["parties"][0]["person_id"], Value::Null);

    let linked = tgpl_app::service::persons::link_unlinked(&app.state.app)
        .await
        .unwrap();
    assert!(linked >= 2, "{linked}");
    let p = person_of(&app, &director, &a).await;
    assert_eq!(person_of(&app, &director, &b).await, p);
    assert_eq!(case_ids(&page(&app, &director, &p).await), ids(&[&a, &b]));
    // Nothing left to link: a second pass does nothing.
    assert_eq!(
        tgpl_app::service::persons::link_unlinked(&app.state.app)
            .await
            .unwrap(),
        0
    );
}

tgpl_tests::on_both_databases!(parties_recorded_before_the_registry_are_linked);
