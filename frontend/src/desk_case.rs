//! Correcting a case after intake and its history (issue #13), in the desk
//! module (the case page links here: the staff module is at its budget).
//!
//! Saving sends only the fields the user changed. When someone else saved
//! first (412), the fields the user did not touch take the saved values,
//! and each field both changed is shown side by side for the user to
//! choose: a stale untouched value is never sent back.
use crate::api;
use crate::desk::get;
use crate::format::fmt_datetime;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Notice, label, t, tx};
use crate::value::{items, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use tgpl_domain::case::{FieldOfLaw, FormOfAid};

type Values = BTreeMap<String, String>;

/// A party's fields the form edits, with their label keys.
const PARTY_FIELDS: [(&str, &str); 8] = [
    ("full_name", "party.full_name"),
    ("sex", "party.sex"),
    ("date_of_birth", "party.date_of_birth"),
    ("procedural_role", "party.procedural_role"),
    ("ethnicity", "party.ethnicity"),
    ("phone", "party.phone"),
    ("address", "party.address"),
    ("id_number", "party.id_number"),
];
const PROCEDURAL_ROLES: [&str; 7] = [
    "reported",
    "held_in_emergency",
    "accused",
    "victim",
    "witness",
    "under_diversion",
    "prisoner",
];

fn list(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_default()
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The case's editable values, flat: `summary`, `field_of_law`,
/// `form_of_aid`, `p.<party id>.<field>`.
fn flatten(case: &Value) -> Values {
    let mut out = Values::new();
    for k in ["summary", "field_of_law", "form_of_aid"] {
        out.insert(k.into(), value_text(&case[k]));
    }
    for p in list(&case["parties"]) {
        let id = text(&p, "id");
        for (f, _) in PARTY_FIELDS {
            out.insert(format!("p.{id}.{f}"), value_text(&p[f]));
        }
    }
    out
}

/// The body of the PATCH: only what differs from what was read. A party
/// field left empty clears it; a date or a role cannot be cleared.
fn changes(mine: &Values, base: &Values) -> Map<String, Value> {
    let mut body = Map::new();
    let mut parties: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for (k, v) in mine {
        if base.get(k) == Some(v) {
            continue;
        }
        match k.strip_prefix("p.").and_then(|r| r.split_once('.')) {
            Some((_, "date_of_birth" | "procedural_role")) if v.is_empty() => {}
            Some((id, f)) => {
                parties
                    .entry(id)
                    .or_default()
                    .insert(f.into(), Value::String(v.clone()));
            }
            None => {
                body.insert(k.clone(), Value::String(v.clone()));
            }
        }
    }
    if !parties.is_empty() {
        let list = parties
            .into_iter()
            .map(|(id, mut m)| {
                m.insert("id".into(), Value::String(id.into()));
                Value::Object(m)
            })
            .collect();
        body.insert("parties".into(), Value::Array(list));
    }
    body
}

/// After a 412: the fields the user changed that someone else changed too
/// (to something else), with the saved value; every other field takes the
/// saved value.
fn merge(mine: &mut Values, base: &Values, saved: &Values) -> Values {
    let mut clashes = Values::new();
    for (k, now) in saved {
        let was = base.get(k).cloned().unwrap_or_default();
        let typed = mine.get(k).cloned().unwrap_or_default();
        if typed == was {
            mine.insert(k.clone(), now.clone());
        } else if *now != was && *now != typed {
            clashes.insert(k.clone(), now.clone());
        }
    }
    clashes
}

/// The label of a flat key (`summary`, `p.<id>.phone`) or of a history
/// field (`status`, `party`): the case page's own labels where it has one.
fn field_label(key: &str) -> String {
    let f = key
        .strip_prefix("p.")
        .and_then(|r| r.split_once('.'))
        .map_or(key, |(_, f)| f);
    if let Some((_, l)) = PARTY_FIELDS.iter().find(|(k, _)| *k == f) {
        return t(l).to_owned();
    }
    let key = match f {
        "summary" => "edit.summary".to_owned(),
        "party" => "case.parties".to_owned(),
        "eligibility_codes" => "case.eligibility".to_owned(),
        "practitioner_id" => "case.practitioner".to_owned(),
        other => format!("case.{other}"),
    };
    if crate::i18n::has_key(&key) {
        t(&key).to_owned()
    } else {
        f.to_owned()
    }
}

/// How a stored value reads (a field's code as its label).
fn shown(key: &str, v: &str) -> String {
    let f = key.rsplit('.').next().unwrap_or(key);
    let prefix = match f {
        "field_of_law" => "law",
        "form_of_aid" => "form",
        "sex" => "sex",
        "procedural_role" => "procedural_role",
        "status" => "state",
        _ => return v.to_owned(),
    };
    if v.is_empty() {
        String::new()
    } else {
        label(prefix, v).to_owned()
    }
}

fn before_acceptance(case: &Value) -> bool {
    matches!(
        text(case, "status").as_str(),
        "received" | "needs_supplement"
    )
}

/// One input of the form, bound to `mine[key]`.
fn input(key: String, kind: &'static str, mine: RwSignal<Values>) -> impl IntoView {
    let id = key.replace('.', "-");
    let k = key.clone();
    let value = move || mine.with(|m| m.get(&k).cloned().unwrap_or_default());
    let set = move |v: String| {
        mine.update(|m| {
            m.insert(key.clone(), v);
        })
    };
    let options = |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(v, l)| view! { <option value=v.clone()>{l}</option> })
            .collect_view()
    };
    let f = id.rsplit('-').next().unwrap_or_default().to_owned();
    let choices: Option<Vec<(String, String)>> = match f.as_str() {
        "sex" => Some(
            ["male", "female"]
                .iter()
                .map(|s| (s.to_string(), label("sex", s).to_owned()))
                .collect(),
        ),
        "procedural_role" => Some(
            PROCEDURAL_ROLES
                .iter()
                .map(|s| (s.to_string(), label("procedural_role", s).to_owned()))
                .collect(),
        ),
        "field_of_law" => Some(
            FieldOfLaw::ALL
                .iter()
                .map(|f| (f.as_str().to_owned(), label("law", f.as_str()).to_owned()))
                .collect(),
        ),
        "form_of_aid" => Some(
            FormOfAid::ALL
                .iter()
                .map(|f| (f.as_str().to_owned(), label("form", f.as_str()).to_owned()))
                .collect(),
        ),
        _ => None,
    };
    let name = id.clone();
    match (choices, kind) {
        (Some(list), _) => view! {
            <select id=id name=name prop:value=value on:change=move |e| set(event_target_value(&e))>
                <option value="">"—"</option>
                {options(list)}
            </select>
        }
        .into_any(),
        (None, "area") => view! {
            <textarea id=id name=name rows="4" prop:value=value on:input=move |e| set(event_target_value(&e))></textarea>
        }
        .into_any(),
        (None, kind) => view! {
            <input id=id name=name type=kind prop:value=value on:input=move |e| set(event_target_value(&e))/>
        }
        .into_any(),
    }
}

fn row(
    key: String,
    kind: &'static str,
    mine: RwSignal<Values>,
    error: RwSignal<Option<ApiError>>,
    api_field: String,
) -> impl IntoView {
    let id = key.replace('.', "-");
    let label_key = key.clone();
    let message = move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| crate::ui::field_text(e, &api_field))
        })
    };
    view! {
        <div class="field">
            <label for=id>{move || field_label(&label_key)}</label>
            {input(key, kind, mine)}
            {move || message().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}

/// Correct and complete a case: `/desk/cases/<id>/edit`.
#[component]
pub fn CaseEdit(id: String) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let case = RwSignal::new(None::<Value>);
    let base = RwSignal::new(Values::new());
    let mine = RwSignal::new(Values::new());
    let clashes = RwSignal::new(Values::new());
    let version = RwSignal::new(0i64);
    let path = format!("/cases/{id}");
    let adopt = move |c: Value| {
        version.set(c["version"].as_i64().unwrap_or_default());
        base.set(flatten(&c));
        case.set(Some(c));
    };
    {
        let path = path.clone();
        spawn_local(async move {
            match get(&path).await {
                Ok(c) => {
                    mine.set(flatten(&c));
                    adopt(c);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    }
    let save = {
        let path = path.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = mine.with_untracked(|m| base.with_untracked(|b| changes(m, b)));
            if body.is_empty() {
                notice.set(Some(t("edit.nothing").to_owned()));
                return;
            }
            error.set(None);
            notice.set(None);
            let path = path.clone();
            let expected = i32::try_from(version.get_untracked()).ok();
            spawn_local(async move {
                let sent = serde_json::to_string(&Value::Object(body)).unwrap_or_default();
                match api::call("PATCH", &path, Some(sent), expected).await {
                    Ok(r) => {
                        let c: Value = serde_json::from_str(&r.text).unwrap_or(Value::Null);
                        mine.set(flatten(&c));
                        adopt(c);
                        notice.set(Some(t("edit.saved").to_owned()));
                    }
                    Err(e) if e.is_stale() => {
                        // Someone saved first: take their values, keep mine
                        // where only I changed, ask where we both did.
                        if let Ok(c) = get(&path).await {
                            let saved = flatten(&c);
                            let clash = mine
                                .try_update(|m| base.with_untracked(|b| merge(m, b, &saved)))
                                .unwrap_or_default();
                            clashes.set(clash);
                            adopt(c);
                        }
                        error.set(Some(e));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let choose = move |key: String, theirs: Option<String>| {
        if let Some(v) = theirs {
            mine.update(|m| {
                m.insert(key.clone(), v);
            });
        }
        clashes.update(|c| {
            c.remove(&key);
        });
    };
    let clash_list = move || {
        let list = clashes.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card conflict" data-testid="conflicts" aria-labelledby="conflicts-title">
                    <h2 id="conflicts-title">{tx("edit.conflict_title")}</h2>
                    <p>{tx("edit.conflict_lead")}</p>
                    <div class="table-wrap"><table class="table">
                        <thead><tr>
                            <th scope="col">{tx("history.field")}</th>
                            <th scope="col">{tx("edit.mine")}</th>
                            <th scope="col">{tx("edit.theirs")}</th>
                            <th scope="col"><span class="sr-only">{tx("edit.choose")}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|(k, theirs)| {
                                let typed = mine.with_untracked(|m| m.get(&k).cloned().unwrap_or_default());
                                let (k1, k2) = (k.clone(), k.clone());
                                let t2 = theirs.clone();
                                view! { <tr data-field=k.clone()>
                                    <th scope="row">{field_label(&k)}</th>
                                    <td>{shown(&k, &typed)}</td>
                                    <td>{shown(&k, &theirs)}</td>
                                    <td class="actions">
                                        <button type="button" class="btn" on:click=move |_| choose(k1.clone(), None)>{tx("edit.keep_mine")}</button>
                                        <button type="button" class="btn" on:click=move |_| choose(k2.clone(), Some(t2.clone()))>{tx("edit.take_theirs")}</button>
                                    </td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                </section>
            }
        })
    };
    let form = move || {
        case.get().map(|c| {
            let early = before_acceptance(&c);
            let parties = list(&c["parties"]);
            view! {
                <form class="card" on:submit=save.clone() novalidate>
                    {row("summary".into(), "area", mine, error, "summary".into())}
                    {row("field_of_law".into(), "select", mine, error, "field_of_law".into())}
                    {early.then(|| row("form_of_aid".into(), "select", mine, error, "form_of_aid".into()))}
                    {parties.into_iter().enumerate().map(|(i, p)| {
                        let pid = text(&p, "id");
                        let role = text(&p, "role");
                        view! {
                            <fieldset class="party">
                                <legend>{move || label("party_role", &role).to_owned()}" — "{text(&p, "full_name")}</legend>
                                {PARTY_FIELDS.iter().map(|(f, _)| {
                                    let kind = if *f == "date_of_birth" { "date" } else { "text" };
                                    row(format!("p.{pid}.{f}"), kind, mine, error, format!("parties[{i}].{f}"))
                                }).collect_view()}
                            </fieldset>
                        }
                    }).collect_view()}
                    <div class="actions">
                        <button type="submit" class="btn btn-primary" data-testid="edit-save"
                            disabled=move || clashes.with(|c| !c.is_empty())>{tx("common.save")}</button>
                        <a href=format!("/cases/{}", text(&c, "id"))>{tx("edit.back")}</a>
                        " · "
                        <a href=format!("/desk/cases/{}/history", text(&c, "id"))>{tx("history.title")}</a>
                    </div>
                </form>
            }
        })
    };
    view! {
        <p class="muted">{move || case.with(|c| c.as_ref().map(|c| text(c, "code")))}</p>
        <ErrorBox error=error/>
        <Notice message=notice/>
        {clash_list}
        {form}
    }
}

/// The case's history field by field: `/desk/cases/<id>/history`.
#[component]
pub fn CaseHistory(id: String) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let entries = RwSignal::new(Vec::<Value>::new());
    let next = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let base = format!("/cases/{id}/history?limit=50");
    let load = move |after: Option<String>| {
        let path = match &after {
            Some(a) => format!("{base}&after={a}"),
            None => base.clone(),
        };
        spawn_local(async move {
            match get(&path).await {
                Ok(page) => {
                    entries.update(|e| e.extend(items(&page)));
                    next.set(page["next"].as_str().map(str::to_owned));
                    loaded.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load(None);
    let load_more = load.clone();
    let list = move || {
        let all = entries.get();
        if loaded.get() && all.is_empty() {
            return view! { <p class="muted">{tx("history.none")}</p> }.into_any();
        }
        view! {
            <ol class="history" data-testid="history">
                {all.into_iter().map(|e| {
                    let at = e["at"].as_str().and_then(|s| s.parse().ok()).map(fmt_datetime).unwrap_or_default();
                    let what = crate::ui::action_label(&text(&e, "action"));
                    let who = text(&e, "actor_name");
                    view! {
                        <li class="card">
                            <p><strong>{what}</strong>" — "{at}" — "{who}</p>
                            <div class="table-wrap"><table class="table">
                                <thead><tr>
                                    <th scope="col">{tx("history.field")}</th>
                                    <th scope="col">{tx("history.before")}</th>
                                    <th scope="col">{tx("history.after")}</th>
                                </tr></thead>
                                <tbody>
                                    {list(&e["changes"]).into_iter().map(|c| {
                                        let f = text(&c, "field");
                                        let key = match f.strip_prefix("party.") { Some(pf) => format!("p.x.{pf}"), None => f.clone() };
                                        view! { <tr>
                                            <td>{field_label(&key)}</td>
                                            <td>{shown(&key, &value_text(&c["before"]))}</td>
                                            <td>{shown(&key, &value_text(&c["after"]))}</td>
                                        </tr> }
                                    }).collect_view()}
                                </tbody>
                            </table></div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <ErrorBox error=error/>
        {list}
        {move || next.get().map(|n| {
            let load_more = load_more.clone();
            view! { <button type="button" class="btn" on:click=move |_| load_more(Some(n.clone()))>{tx("history.more")}</button> }
        })}
        <p><a href=format!("/cases/{id}")>{tx("edit.back")}</a></p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn case(phone: &str, summary: &str) -> Value {
        json!({"summary": summary, "field_of_law": "civil_family", "form_of_aid": "advice",
               "parties": [{"id": "p1", "full_name": "Nguyễn Văn An", "phone": phone, "sex": null}]})
    }

    #[test]
    fn only_the_fields_changed_are_sent() {
        let base = flatten(&case("0912345678", "Tranh chấp đất"));
        let mut mine = base.clone();
        mine.insert("p.p1.sex".into(), "male".into());
        let body = changes(&mine, &base);
        assert_eq!(
            Value::Object(body),
            json!({"parties": [{"id": "p1", "sex": "male"}]})
        );
    }

    #[test]
    fn after_a_412_untouched_fields_take_the_saved_values_and_clashes_are_asked() {
        let base = flatten(&case("0912345678", "Tranh chấp đất"));
        let mut mine = base.clone();
        mine.insert("summary".into(), "Tranh chấp đất đai với hàng xóm".into());
        mine.insert("p.p1.sex".into(), "male".into());
        // Meanwhile someone saved another phone and another summary.
        let saved = flatten(&case("0987654321", "Tranh chấp ranh giới đất"));
        let clashes = merge(&mut mine, &base, &saved);
        assert_eq!(
            clashes.keys().collect::<Vec<_>>(),
            ["summary"],
            "only the field both changed"
        );
        assert_eq!(mine["p.p1.phone"], "0987654321", "their change is kept");
        // Resending against the saved values never sends their phone back.
        let body = changes(&mine, &saved);
        assert!(body.get("parties").is_some());
        assert!(!Value::Object(body).to_string().contains("0912345678"));
    }
}
