//! The audit trail of one record: who did what, when, with the record
//! before and after. The record is picked by searching for it (a case by
//! code or name, an organisation, a practitioner, an account), or by its id.
//! In the administration module (`/desk/audit`, ADR 0032): no client router,
//! the query lives in the page URL.
use crate::api;
use crate::filters::encode_pairs;
use crate::format::fmt_datetime;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, ExportButtons, Loading, SelectField, TextField, label, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use tgpl_api_model::Page;
use tgpl_api_model::common::AuditEventDto;

const ENTITIES: [&str; 4] = ["case", "organisation", "practitioner", "user"];

#[component]
pub fn Audit() -> impl IntoView {
    let query = RwSignal::new(Shown::from_location());
    let entity = RwSignal::new(query.with_untracked(|q| q.entity.clone()));
    let entity_id = RwSignal::new(query.with_untracked(|q| q.id.clone()));
    // Back and Forward move through the records shown.
    let on_pop = leptos::ev::popstate;
    let listener = window_event_listener(on_pop, move |_| {
        let q = Shown::from_location();
        entity.set(q.entity.clone());
        entity_id.set(q.id.clone());
        query.set(q);
    });
    on_cleanup(move || listener.remove());
    let error = RwSignal::new(None::<ApiError>);
    let events = crate::ui::resource(move || {
        let q = query.get();
        async move {
            if q.id.trim().is_empty() {
                return Ok(None);
            }
            let qs = encode_pairs([
                ("entity", q.entity.as_str()),
                ("entity_id", q.id.trim()),
                ("limit", "200"),
            ]);
            api::get::<Page<AuditEventDto>>(&format!("/audit-events?{qs}"))
                .await
                .map(Some)
        }
    });
    let show = move || {
        let q = Shown {
            entity: entity.get_untracked(),
            id: entity_id.get_untracked().trim().to_owned(),
        };
        q.push();
        query.set(q);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        show();
    };
    // The picker: records of the chosen kind whose name or code matches.
    let search = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<(String, String)>::new());
    let find = move |_| {
        let (kind, text) = (entity.get_untracked(), search.get_untracked());
        spawn_local(async move {
            let path = match kind.as_str() {
                "case" => "/cases",
                "organisation" => "/organisations",
                "practitioner" => "/practitioners",
                _ => "/users",
            };
            // Archived files too: their trail is what is often looked up.
            let qs = encode_pairs([("q", text.trim()), ("limit", "10")]);
            let qs = if kind == "case" {
                format!("{qs}&archived=true")
            } else {
                qs
            };
            match api::get::<Value>(&format!("{path}?{qs}")).await {
                Ok(v) => found.set(
                    crate::value::items(&v)
                        .iter()
                        .map(|r| (crate::value::text(r, "id"), record_name(r)))
                        .collect(),
                ),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let rows = move || {
        match events.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => { error.set(Some(e)); ().into_any() }
        Some(Ok(None)) => view! { <p class="muted">{tx("audit.pick")}</p> }.into_any(),
        Some(Ok(Some(page))) if page.items.is_empty() => view! { <p class="muted">{tx("audit.none")}</p> }.into_any(),
        Some(Ok(Some(page))) => view! {
            <ol class="audit" data-testid="audit-list">
                {page.items.into_iter().map(|e| {
                    let before = e.before.map(|v| serde_json::to_string_pretty(&v).unwrap_or_default());
                    let after = e.after.map(|v| serde_json::to_string_pretty(&v).unwrap_or_default());
                    let role = e.actor_role.clone().unwrap_or_default();
                    view! {
                        <li class="card">
                            <div><strong>{crate::ui::action_label(&e.action)}</strong>" · "{fmt_datetime(e.occurred_at)}" · "
                                {e.actor_name.clone().unwrap_or_default()}" "
                                {move || if role.is_empty() { String::new() } else { format!("({})", label("role", &role)) }}</div>
                            <div class="muted small">{e.action.clone()}" "{e.request_id.unwrap_or_default()}</div>
                            {before.map(|b| view! { <details><summary>{tx("audit.before")}</summary><pre>{b}</pre></details> })}
                            {after.map(|a| view! { <details><summary>{tx("audit.after")}</summary><pre>{a}</pre></details> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        }.into_any(),
    }
    };
    let opts: Vec<(String, String)> = ENTITIES
        .iter()
        .map(|e| ((*e).to_owned(), format!("entity.{e}")))
        .collect();
    view! {
        <h1>{tx("audit.title")}</h1>
        <form class="card filters" on:submit=submit>
            <SelectField id="entity" label_key="audit.entity" value=entity options=opts/>
            <TextField id="record_search" label_key="audit.find" value=search error=error placeholder_key="audit.find_hint"/>
            <div class="actions">
                <button type="button" class="btn" data-testid="audit-find" on:click=find>{tx("audit.find_button")}</button>
            </div>
            {move || (!found.get().is_empty()).then(|| view! {
                <ul class="picks wide" data-testid="audit-picks">{found.get().into_iter().map(|(id, name)| {
                    let pick = id.clone();
                    view! { <li><button type="button" class="btn-link" on:click=move |_| { entity_id.set(pick.clone()); found.set(Vec::new()); show(); }>{name}</button></li> }
                }).collect_view()}</ul>
            })}
            <TextField id="entity_id" label_key="audit.entity_id" value=entity_id error=error/>
            <div class="actions"><button type="submit" class="btn btn-primary">{tx("common.show")}</button></div>
        </form>
        {move || {
            let q = query.get();
            if q.id.trim().is_empty() {
                return None;
            }
            let qs = encode_pairs([("entity", q.entity.as_str()), ("entity_id", q.id.trim())]);
            let path = Callback::new(move |format: &'static str| format!("/audit-events/export/{format}?{qs}"));
            Some(view! { <ExportButtons path=path file="nhat-ky-he-thong" error=error/> })
        }}
        <ErrorBox error=error/>
        {rows}
    }
}

/// The record whose trail is shown, as in the page URL.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    entity: String,
    id: String,
}

impl Shown {
    fn from_location() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let pairs = crate::filters::decode_query(&search);
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        Shown {
            entity: get("entity")
                .filter(|e| ENTITIES.contains(&e.as_str()))
                .unwrap_or_else(|| "case".into()),
            id: get("entity_id").unwrap_or_default(),
        }
    }

    /// Puts the record in the page URL (Back returns to the previous one).
    fn push(&self) {
        let url = format!(
            "/desk/audit?{}",
            encode_pairs([
                ("entity", self.entity.as_str()),
                ("entity_id", self.id.as_str())
            ])
        );
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// A found record as the picker lists it: a case by code and beneficiary,
/// anything else by name (and username).
fn record_name(r: &Value) -> String {
    use crate::value::text;
    let code = text(r, "code");
    let name = ["full_name", "name"]
        .iter()
        .map(|k| text(r, k))
        .find(|n| !n.is_empty());
    let beneficiary = r["parties"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["role"] == "beneficiary"))
        .map(|p| text(p, "full_name"));
    let user = text(r, "username");
    [Some(code), beneficiary, name, Some(user)]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}
