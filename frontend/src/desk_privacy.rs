//! The data-protection officer's queue (Law 91/2025; issue #12): requests
//! for a copy of one's data, a correction or a deletion, recorded at the
//! centre or sent online, each answered by its due day; and the way to see
//! who read the person's record. Buttons come from `domain::policy`.
use crate::desk::{get, may, own_scope, post};
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Notice, SelectField, TextArea, TextField, t, tx};
use crate::value::{items, opt, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};
use tgpl_domain::policy::Action;

const KINDS: [&str; 3] = ["access", "correction", "deletion"];

#[component]
pub fn PrivacyQueue() -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let list = RwSignal::new(Vec::<Value>::new());
    let reload = move || {
        spawn_local(async move {
            match get("/privacy-requests?limit=50").await {
                Ok(v) => list.set(items(&v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    reload();
    view! {
        <p class="muted">{tx("desk.privacy.lead")}</p>
        <Notice message=notice/>
        <ErrorBox error=error/>
        <NewRequest notice=notice on_done=Callback::new(move |_| reload())/>
        <ul class="pub-list" data-testid="privacy-queue">
            {move || {
                let rows = list.get();
                if rows.is_empty() {
                    return view! { <li>{tx("desk.empty")}</li> }.into_any();
                }
                rows.into_iter()
                    .map(|r| view! { <RequestItem r=r notice=notice on_done=Callback::new(move |_| reload())/> })
                    .collect_view()
                    .into_any()
            }}
        </ul>
    }
}

/// A request made at the centre: find the case, say what the person asks.
#[component]
fn NewRequest(notice: RwSignal<Option<String>>, on_done: Callback<()>) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let q = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<Value>::new());
    let case_id = RwSignal::new(String::new());
    let kind = RwSignal::new("access".to_owned());
    let details = RwSignal::new(String::new());
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        spawn_local(async move {
            let query =
                crate::filters::encode_pairs([("q", q.get_untracked().trim()), ("limit", "10")]);
            match get(&format!("/cases?{query}")).await {
                Ok(v) => {
                    let rows = items(&v);
                    case_id.set(rows.first().map(|c| text(c, "id")).unwrap_or_default());
                    found.set(rows);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let record = move |_| {
        error.set(None);
        spawn_local(async move {
            let body = json!({"case_id": case_id.get_untracked(), "kind": kind.get_untracked(),
                              "details": opt(&details.get_untracked())});
            match post("/privacy-requests", body).await {
                Ok(_) => {
                    notice.set(Some(t("desk.privacy.recorded").to_owned()));
                    details.set(String::new());
                    on_done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let kinds: Vec<(String, String)> = KINDS
        .iter()
        .map(|k| ((*k).to_owned(), format!("desk.privacy.kind.{k}")))
        .collect();
    view! {
        <section class="card">
            <h2>{tx("desk.privacy.new")}</h2>
            <ErrorBox error=error/>
            <form on:submit=search novalidate>
                <TextField id="privacy-q" field="q" label_key="desk.privacy.find" value=q error=error/>
                <button type="submit" class="btn">{tx("desk.privacy.search")}</button>
            </form>
            {move || (!found.get().is_empty()).then(|| {
                let options: Vec<(String, String)> = found.get().iter().map(|c| {
                    let who = c.get("parties").and_then(Value::as_array)
                        .and_then(|p| p.first()).map(|p| text(p, "full_name")).unwrap_or_default();
                    let code = text(c, "code");
                    (text(c, "id"), if code.is_empty() { who } else { format!("{code} · {who}") })
                }).collect();
                view! {
                    <div class="field">
                        <label for="privacy-case">{tx("desk.privacy.case")}</label>
                        <select id="privacy-case" data-testid="privacy-case"
                            on:change=move |ev| case_id.set(event_target_value(&ev))>
                            {options.into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                        </select>
                    </div>
                    <SelectField id="privacy-kind" field="kind" label_key="desk.privacy.kind" value=kind options=kinds.clone()/>
                    <TextArea id="privacy-details" field="details" label_key="desk.privacy.details" value=details error=error/>
                    <button type="button" class="btn btn-primary" data-testid="privacy-record" on:click=record>
                        {tx("desk.privacy.record")}
                    </button>
                }
            })}
        </section>
    }
}

/// A labelled input whose id is the request's own (several items show at once).
#[component]
fn Input(
    id: String,
    label_key: &'static str,
    value: RwSignal<String>,
    kind: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{tx(label_key)}</label>
            <input id=id type=kind on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

/// One request, with the step its kind calls for.
#[component]
fn RequestItem(r: Value, notice: RwSignal<Option<String>>, on_done: Callback<()>) -> impl IntoView {
    let local = RwSignal::new(None::<ApiError>);
    let id = text(&r, "id");
    let kind = text(&r, "kind");
    let status = text(&r, "status");
    let case_id = text(&r, "case_id");
    let version = r.get("version").and_then(Value::as_i64).unwrap_or(1);
    let late = r.get("overdue").and_then(Value::as_bool).unwrap_or(false);
    let open = status == "received"
        && may(
            Action::HandleSubjectRequest,
            &own_scope(&text(&r, "organisation_id")),
        );
    let answer = RwSignal::new(String::new());
    let copy = RwSignal::new(None::<String>);
    let [name, phone, address, birth, id_number] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let step = move |path: &'static str, extra: Value| {
        let id = id.clone();
        move |_| {
            if path == "delete"
                && !web_sys::window().is_some_and(|w| {
                    w.confirm_with_message(t("desk.privacy.confirm_delete"))
                        .unwrap_or(false)
                })
            {
                return;
            }
            let id = id.clone();
            let mut body = json!({"version": version, "answer": answer.get_untracked()});
            if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
                for (k, v) in e {
                    b.insert(k.clone(), v.clone());
                }
            }
            if path == "correct" {
                for (k, v) in [
                    ("full_name", name),
                    ("phone", phone),
                    ("address", address),
                    ("date_of_birth", birth),
                    ("id_number", id_number),
                ] {
                    let v = v.get_untracked();
                    if !v.trim().is_empty() {
                        body[k] = json!(v.trim());
                    }
                }
            }
            spawn_local(async move {
                match post(&format!("/privacy-requests/{id}/{path}"), body).await {
                    Ok(_) => {
                        notice.set(Some(t("desk.privacy.done").to_owned()));
                        on_done.run(());
                    }
                    Err(e) => local.set(Some(e)),
                }
            });
        }
    };
    let export_id = text(&r, "id");
    let rid = text(&r, "id");
    let show_copy = move |_| {
        let id = export_id.clone();
        spawn_local(async move {
            match get(&format!("/privacy-requests/{id}/export")).await {
                Ok(v) => copy.set(serde_json::to_string_pretty(&v).ok()),
                Err(e) => local.set(Some(e)),
            }
        });
    };
    view! {
        <li data-testid="privacy-request" data-kind=kind.clone()>
            <p><strong>{t(&format!("desk.privacy.kind.{kind}"))}</strong>" · "
                {text(&r, "person_name")}" · "<code>{text(&r, "case_code")}</code>" · "
                {t(&format!("desk.privacy.status.{status}"))}" · "
                {tx("desk.privacy.due")}" "{crate::format::parse_date(&text(&r, "due_on")).map(crate::format::fmt_date).unwrap_or_default()}
                {late.then(|| view! { " · "<strong class="late">{tx("desk.late")}</strong> })}</p>
            {(!text(&r, "details").is_empty()).then(|| view! { <p>{text(&r, "details")}</p> })}
            {(!text(&r, "answer").is_empty()).then(|| view! { <p class="small">{text(&r, "answer")}</p> })}
            <p class="small"><a rel="external" href=format!("/desk/audit?entity=case&entity_id={case_id}")>{tx("desk.privacy.reads")}</a></p>
            {open.then(|| view! {
                <ErrorBox error=local/>
                {(kind == "access").then(|| view! {
                    <button type="button" class="btn" data-testid="privacy-export" on:click=show_copy.clone()>{tx("desk.privacy.export")}</button>
                    {move || copy.get().map(|c| view! { <pre class="small" data-testid="privacy-copy">{c}</pre> })}
                })}
                {(kind == "correction").then(|| view! {
                    <Input id=format!("fix-name-{rid}") label_key="desk.privacy.new_name" value=name kind="text"/>
                    <Input id=format!("fix-phone-{rid}") label_key="desk.privacy.new_phone" value=phone kind="tel"/>
                    <Input id=format!("fix-address-{rid}") label_key="desk.privacy.new_address" value=address kind="text"/>
                    <Input id=format!("fix-birth-{rid}") label_key="desk.privacy.new_birth" value=birth kind="date"/>
                    <Input id=format!("fix-id-{rid}") label_key="desk.privacy.new_id" value=id_number kind="text"/>
                })}
                <div class="field">
                    <label for=format!("answer-{rid}")>{tx("desk.privacy.answer")}</label>
                    <textarea id=format!("answer-{rid}") data-testid="privacy-answer"
                        on:input=move |ev| answer.set(event_target_value(&ev))></textarea>
                </div>
                {match kind.as_str() {
                    "access" => view! { <button type="button" class="btn btn-primary" data-testid="privacy-provide" on:click=step("provide", json!({}))>{tx("desk.privacy.provide")}</button> }.into_any(),
                    "correction" => view! { <button type="button" class="btn btn-primary" data-testid="privacy-correct" on:click=step("correct", json!({}))>{tx("desk.privacy.correct")}</button> }.into_any(),
                    _ => view! { <button type="button" class="btn btn-primary" data-testid="privacy-delete" on:click=step("delete", json!({}))>{tx("desk.privacy.delete")}</button> }.into_any(),
                }}
                <button type="button" class="btn" data-testid="privacy-refuse" on:click=step("refuse", json!({}))>{tx("desk.privacy.refuse")}</button>
            })}
        </li>
    }
}
