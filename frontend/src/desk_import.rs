//! Import from the old system (issue #15), for the national admin: upload
//! an export (organisations, practitioners or cases; CSV or XLSX), check it
//! first with a dry run, follow the run's progress, read the refused rows
//! and download them as CSV. The screen is offered by `domain::policy`.
use crate::api;
use crate::desk::get;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Notice, SelectField, t, tx};
use crate::value::{items, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use tgpl_domain::import::ImportKind;

/// How often the list is read again while a run is going.
const POLL_MS: i32 = 1500;

fn running(runs: &[Value]) -> bool {
    runs.iter()
        .any(|r| matches!(r["status"].as_str(), Some("queued" | "running")))
}

/// A register's name in the user's language.
fn kind_label(kind: &str) -> &'static str {
    match kind {
        "organisations" => t("desk.import.kind.organisations"),
        "practitioners" => t("desk.import.kind.practitioners"),
        _ => t("desk.import.kind.cases"),
    }
}

fn num(v: &Value, key: &str) -> i64 {
    v[key].as_i64().unwrap_or(0)
}

#[component]
pub fn ImportScreen() -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let runs = RwSignal::new(Vec::<Value>::new());
    let selected = RwSignal::new(None::<String>);
    let polling = StoredValue::new(false);
    let load = move || async move {
        match get("/imports?limit=20").await {
            Ok(v) => runs.set(items(&v)),
            Err(e) => error.set(Some(e)),
        }
    };
    // Reads the list, and again while any run is queued or running.
    let follow = move || {
        if polling.get_value() {
            return;
        }
        polling.set_value(true);
        spawn_local(async move {
            loop {
                load().await;
                if !runs.with_untracked(|r| running(r)) {
                    break;
                }
                api::sleep_ms(POLL_MS).await;
            }
            polling.set_value(false);
        });
    };
    follow();
    view! {
        <p class="muted">{tx("desk.import.lead")}</p>
        <Notice message=notice/>
        <ErrorBox error=error/>
        <UploadForm notice=notice on_started=Callback::new(move |id: String| {
            selected.set(Some(id));
            follow();
        })/>
        <h2>{tx("desk.import.runs")}</h2>
        <table class="table" data-testid="import-runs">
            <thead><tr>
                <th scope="col">{tx("desk.import.file")}</th>
                <th scope="col">{tx("desk.import.kind")}</th>
                <th scope="col">{tx("desk.import.status")}</th>
                <th scope="col">{tx("desk.import.progress")}</th>
                <th scope="col">{tx("desk.import.counts")}</th>
                <th scope="col"><span class="sr-only">{tx("desk.import.problems")}</span></th>
            </tr></thead>
            <tbody>
                {move || {
                    let rows = runs.get();
                    if rows.is_empty() {
                        return view! { <tr><td colspan="6">{tx("desk.empty")}</td></tr> }.into_any();
                    }
                    rows.into_iter().map(|r| view! { <RunRow r=r selected=selected/> }).collect_view().into_any()
                }}
            </tbody>
        </table>
        {move || selected.get().map(|id| view! { <Problems id=id runs=runs/> })}
    }
}

#[component]
fn UploadForm(notice: RwSignal<Option<String>>, on_started: Callback<String>) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let kind = RwSignal::new("organisations".to_owned());
    let dry_run = RwSignal::new(true);
    let progress = RwSignal::new(None::<f64>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let kinds: Vec<(String, String)> = ImportKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), kind_label(k.as_str()).to_owned()))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        notice.set(None);
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            error.set(Some(crate::pages::local_error("file", "required")));
            return;
        };
        let Ok(form) = web_sys::FormData::new() else {
            return;
        };
        let _ = form.append_with_str("kind", &kind.get_untracked());
        let _ = form.append_with_str("dry_run", &dry_run.get_untracked().to_string());
        let _ = form.append_with_blob_and_filename("file", &file, &file.name());
        progress.set(Some(0.0));
        spawn_local(async move {
            let r = api::upload::<Value>("/imports", &form, move |p| progress.set(Some(p))).await;
            progress.set(None);
            match r {
                Ok(run) => {
                    input.set_value("");
                    notice.set(Some(format!(
                        "{}: {}",
                        t("desk.import.started"),
                        text(&run, "file_name")
                    )));
                    on_started.run(text(&run, "id"));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let mapping = move |_| {
        spawn_local(async move {
            if let Err(e) = api::download("/imports/default-mapping", "mapping.toml").await {
                error.set(Some(e));
            }
        })
    };
    view! {
        <form class="card upload" on:submit=submit data-testid="import-form">
            <ErrorBox error=error/>
            <SelectField id="import_kind" label_key="desk.import.kind" value=kind options=kinds error=error field="kind" required=true/>
            <div class="field">
                <label for="import_file">{tx("desk.import.file")}" *"</label>
                <input id="import_file" name="file" type="file" node_ref=file_input accept=".csv,.xlsx,text/csv"/>
                <crate::ui::FieldErr error=error field="file"/>
            </div>
            <div class="field">
                <label>
                    <input type="checkbox" name="dry_run" prop:checked=move || dry_run.get()
                        on:change=move |ev| dry_run.set(event_target_checked(&ev))/>
                    " "{tx("desk.import.dry_run")}
                </label>
            </div>
            {move || progress.get().map(|p| view! {
                <div class="progress">
                    <progress max="100" value=(p * 100.0).round() aria-label=tx("doc.progress")></progress>
                    <span>{format!("{:.0}%", p * 100.0)}</span>
                </div>
            })}
            <button type="submit" class="btn btn-primary" disabled=move || progress.get().is_some()>
                {move || if dry_run.get() { t("desk.import.check") } else { t("desk.import.run") }}
            </button>
            " "
            <button type="button" class="btn-link" on:click=mapping>{tx("desk.import.mapping")}</button>
        </form>
    }
}

#[component]
fn RunRow(r: Value, selected: RwSignal<Option<String>>) -> impl IntoView {
    let id = text(&r, "id");
    let status = text(&r, "status");
    let total = num(&r, "total_rows");
    let done = num(&r, "processed_rows");
    let status_label = format!(
        "{}{}",
        t(&format!("desk.import.status.{status}")),
        if r["dry_run"] == Value::Bool(true) {
            format!(" ({})", t("desk.import.dry"))
        } else {
            String::new()
        }
    );
    let counts = format!(
        "{} {} · {} {} · {} {} · {} {}",
        t("desk.import.inserted"),
        num(&r, "inserted"),
        t("desk.import.updated"),
        num(&r, "updated"),
        t("desk.import.unchanged"),
        num(&r, "unchanged"),
        t("desk.import.rejected"),
        num(&r, "rejected"),
    );
    let error = text(&r, "error");
    let show = {
        let id = id.clone();
        move |_| selected.set(Some(id.clone()))
    };
    view! {
        <tr data-testid="import-run" data-status=status.clone()>
            <td>{text(&r, "file_name")}</td>
            <td>{kind_label(&text(&r, "kind"))}</td>
            <td>{status_label}{(!error.is_empty()).then(|| view! { <div class="alert alert-error">{error}</div> })}</td>
            <td>
                <progress max=total.max(1) value=done aria-label=tx("desk.import.progress")></progress>
                " "{format!("{done}/{total}")}
            </td>
            <td>{counts}</td>
            <td>{(num(&r, "rejected") > 0).then(|| view! {
                <button type="button" class="btn-link" on:click=show>{tx("desk.import.problems")}</button>
            })}</td>
        </tr>
    }
}

/// The refused rows of one run: row, field, value, reason; and the CSV.
#[component]
fn Problems(id: String, runs: RwSignal<Vec<Value>>) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let rows = RwSignal::new(Vec::<Value>::new());
    let path = format!("/imports/{id}/problems?limit=200");
    // Read again when the run's refused count moves.
    let rejected = Memo::new({
        let id = id.clone();
        move |_| {
            runs.with(|r| {
                r.iter()
                    .find(|x| text(x, "id") == id)
                    .map(|x| num(x, "rejected"))
                    .unwrap_or(0)
            })
        }
    });
    Effect::new(move |_| {
        rejected.track();
        let path = path.clone();
        spawn_local(async move {
            match get(&path).await {
                Ok(v) => rows.set(items(&v)),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let csv = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            spawn_local(async move {
                let name = format!("loi-nhap-du-lieu-{id}.csv");
                if let Err(e) = api::download(&format!("/imports/{id}/problems.csv"), &name).await {
                    error.set(Some(e));
                }
            })
        }
    };
    view! {
        <section class="card" aria-labelledby="import-problems">
            <h2 id="import-problems">{tx("desk.import.problems")}</h2>
            <ErrorBox error=error/>
            <button type="button" class="btn" on:click=csv>{tx("desk.import.download")}</button>
            <table class="table" data-testid="import-problems">
                <thead><tr>
                    <th scope="col">{tx("desk.import.row")}</th>
                    <th scope="col">{tx("desk.import.column")}</th>
                    <th scope="col">{tx("desk.import.value")}</th>
                    <th scope="col">{tx("desk.import.reason")}</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|p| view! {
                        <tr>
                            <td>{p["row"].as_i64().unwrap_or(0)}</td>
                            <td>{text(&p, "column")}" "<code>{text(&p, "field")}</code></td>
                            <td>{text(&p, "value")}</td>
                            <td>{text(&p, if crate::ui::lang() == crate::i18n::Lang::Vi { "reason_vi" } else { "message" })}" "<code>{text(&p, "code")}</code></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
