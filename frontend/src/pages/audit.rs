//! The audit trail of one record: who did what, when, with the record
//! before and after.
use crate::api;
use crate::filters::encode_pairs;
use crate::format::fmt_datetime;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, ExportButtons, Loading, SelectField, TextField, label, tx};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use tgpl_api_model::Page;
use tgpl_api_model::common::AuditEventDto;

const ENTITIES: [&str; 4] = ["case", "organisation", "practitioner", "user"];

#[component]
pub fn Audit() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let entity = RwSignal::new(
        query
            .read_untracked()
            .get("entity")
            .unwrap_or_else(|| "case".into()),
    );
    let entity_id = RwSignal::new(query.read_untracked().get("entity_id").unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let events = crate::ui::resource(move || {
        let q = query.get();
        async move {
            let (Some(e), Some(id)) = (q.get("entity"), q.get("entity_id")) else {
                return Ok(None);
            };
            let qs = encode_pairs([
                ("entity", e.as_str()),
                ("entity_id", id.trim()),
                ("limit", "200"),
            ]);
            api::get::<Page<AuditEventDto>>(&format!("/audit-events?{qs}"))
                .await
                .map(Some)
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let qs = encode_pairs([
            ("entity", entity.get_untracked().as_str()),
            ("entity_id", entity_id.get_untracked().trim()),
        ]);
        navigate(&format!("/audit?{qs}"), Default::default());
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
            <TextField id="entity_id" label_key="audit.entity_id" value=entity_id error=error/>
            <div class="actions"><button type="submit" class="btn btn-primary">{tx("common.show")}</button></div>
        </form>
        {move || {
            let q = query.get();
            let (Some(e), Some(id)) = (q.get("entity"), q.get("entity_id")) else {
                return None;
            };
            let qs = encode_pairs([("entity", e.as_str()), ("entity_id", id.trim())]);
            let path = Callback::new(move |format: &'static str| format!("/audit-events/export/{format}?{qs}"));
            Some(view! { <ExportButtons path=path file="nhat-ky-he-thong" error=error/> })
        }}
        <ErrorBox error=error/>
        {rows}
    }
}
