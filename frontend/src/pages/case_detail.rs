//! One case file: its parties, eligibility, the timeline of assignments,
//! activities, hearings and notices, its documents, and the acts the user may perform now
//! (`case_actions`).
use crate::api;
use crate::format::{fmt_date, fmt_datetime, fmt_opt_date};
use crate::pages::case_actions::Actions;
use crate::pages::documents::Documents;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Loading, label, lang, t, tx};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::collections::HashMap;
use tgpl_api_model::case_file::CaseFileDto;
use tgpl_api_model::cases::{CaseDto, HearingDto, NoticeDto};
use tgpl_api_model::practitioners::PractitionerDto;
use uuid::Uuid;

/// One line of the timeline.
#[derive(Clone)]
struct Event {
    at: DateTime<Utc>,
    date: String,
    /// The event's label (an i18n key, or the server's Vietnamese label
    /// for a kind this build does not know).
    label: String,
    text: String,
}

/// What happened on the case, newest first: the event outbox's entries
/// (received, accepted with its code, assignments, activities, hearings,
/// conclusion with its success, discontinuation, evaluation, archiving),
/// told with the file's details, and the written notices.
fn timeline_of(
    file: &CaseFileDto,
    notices: Vec<NoticeDto>,
    names: &HashMap<Uuid, String>,
) -> Vec<Event> {
    let noon = |d: chrono::NaiveDate| {
        d.and_hms_opt(12, 0, 0)
            .map(|d| d.and_utc())
            .unwrap_or_default()
    };
    let mut out: Vec<Event> = file
        .timeline
        .iter()
        .map(|e| {
            let key = format!("event.{}", e.type_);
            let label = if crate::i18n::has_key(&key) {
                t(&key).to_owned()
            } else {
                e.label_vi.clone()
            };
            let (at, date) = match kind_of(&e.type_) {
                "hearing_scheduled" => {
                    let at = hearing_of(file, &e.event).map_or(e.recorded_at, |h| h.starts_at);
                    (at, fmt_datetime(at))
                }
                _ => (e.recorded_at, fmt_date(e.occurred_on)),
            };
            Event {
                at,
                date,
                label,
                text: event_text(file, &e.event, &e.type_, names),
            }
        })
        .collect();
    for n in notices {
        out.push(Event {
            at: noon(n.issued_on),
            date: fmt_date(n.issued_on),
            label: t("timeline.notice").to_owned(),
            text: n.title,
        });
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.at));
    out
}

/// An outbox type without its `case.` prefix (`accepted`, `assigned`, …).
fn kind_of(type_: &str) -> &str {
    type_.strip_prefix("case.").unwrap_or(type_)
}

fn hearing_of<'a>(file: &'a CaseFileDto, event: &serde_json::Value) -> Option<&'a HearingDto> {
    let id = event["hearing_id"].as_str()?;
    file.hearings.iter().find(|h| h.id.to_string() == id)
}

/// The details an event's line shows, from the event and the file (the
/// outbox holds ids and codes, never personal data).
fn event_text(
    file: &CaseFileDto,
    event: &serde_json::Value,
    kind: &str,
    names: &HashMap<Uuid, String>,
) -> String {
    let s = |k: &str| event[k].as_str().unwrap_or_default().to_owned();
    let name = |k: &str| {
        event[k]
            .as_str()
            .and_then(|id| id.parse().ok())
            .and_then(|id| names.get(&id).cloned())
            .unwrap_or_default()
    };
    match kind_of(kind) {
        "received" => label("channel", &s("channel")).to_owned(),
        "accepted" => s("code"),
        "assigned" | "reassigned" => name("practitioner_id"),
        "refused" => label("refusal", &s("ground")).to_owned(),
        "discontinued" => label("discontinuation", &s("ground")).to_owned(),
        "reassignment_requested" => event["answer_due_on"]
            .as_str()
            .and_then(|d| d.parse().ok())
            .map(|d| format!("{} {}", t("timeline.answer_by"), fmt_date(d)))
            .unwrap_or_default(),
        "activity_recorded" => {
            let id = s("activity_id");
            file.activities
                .iter()
                .find(|a| a.id.to_string() == id)
                .map(|a| format!("{}: {}", label("activity", a.kind.as_str()), a.description))
                .unwrap_or_default()
        }
        "hearing_scheduled" => hearing_of(file, event)
            .map(|h| format!("{} {}", h.court, h.location.clone().unwrap_or_default()))
            .unwrap_or_default(),
        "concluded" => {
            let success = file.case.success.as_ref().map(|x| {
                format!(
                    " · {}: {}",
                    t("case.success"),
                    x.label.clone().unwrap_or_else(|| x.criterion.clone())
                )
            });
            format!(
                "{}{}",
                file.case.outcome.clone().unwrap_or_default(),
                success.unwrap_or_default()
            )
        }
        "evaluated" => match (event["total"].as_u64(), event["grade"].as_str()) {
            (Some(total), Some(grade)) => format!("{total}/100 · {}", label("grade", grade)),
            _ => String::new(),
        },
        "amended" => s("fields"),
        _ => String::new(),
    }
}

/// Names of the practitioners the case was ever assigned to.
async fn practitioner_names(ids: Vec<Uuid>) -> HashMap<Uuid, String> {
    let mut names = HashMap::new();
    for p in ids {
        if let Ok(d) = api::get::<PractitionerDto>(&format!("/practitioners/{p}")).await {
            names.insert(p, d.full_name);
        }
    }
    names
}

#[component]
pub fn CaseDetail() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let case = RwSignal::new(None::<CaseDto>);
    // The whole file as last read (the `case` above follows acts at once).
    let file = RwSignal::new(None::<CaseFileDto>);
    let load_error = RwSignal::new(None::<ApiError>);
    let tick = RwSignal::new(0u32);
    let load = move || {
        spawn_local(async move {
            match api::get_case_file(&id.get_untracked()).await {
                Ok(f) => {
                    case.set(Some(f.case.clone()));
                    file.set(Some(f));
                    load_error.set(None);
                }
                Err(e) => load_error.set(Some(e)),
            }
        })
    };
    Effect::new(move |_| {
        id.track();
        case.set(None);
        file.set(None);
        load();
    });
    // An act changes the file (a new activity, assignment or notice): read it again.
    Effect::new(move |first: Option<()>| {
        tick.track();
        if first.is_some() {
            load();
        }
    });
    let notices = crate::ui::resource(move || {
        tick.track();
        let id = id.get();
        async move {
            api::get::<Vec<NoticeDto>>(&format!("/cases/{id}/notices"))
                .await
                .unwrap_or_default()
        }
    });
    // Who ever handled the case; a memo, so that reading the file again
    // after an act fetches names only when someone new appears.
    let practitioner_ids = Memo::new(move |_| {
        let mut ids: Vec<Uuid> = file.with(|f| {
            f.as_ref()
                .map(|f| f.assignments.iter().map(|a| a.practitioner_id).collect())
                .unwrap_or_default()
        });
        if let Some(p) = case.with(|c| c.as_ref().and_then(|c| c.practitioner_id)) {
            ids.push(p);
        }
        ids.sort();
        ids.dedup();
        ids
    });
    let names = crate::ui::resource(move || practitioner_names(practitioner_ids.get()));
    let practitioner_name = move || {
        let p = case.with(|c| c.as_ref().and_then(|c| c.practitioner_id))?;
        names.with(|n| n.as_ref().and_then(|n| n.get(&p).cloned()))
    };
    let timeline = move || {
        let notices = notices.get()?;
        let names = names.get().unwrap_or_default();
        file.with(|f| f.as_ref().map(|f| timeline_of(f, notices, &names)))
    };

    let g = crate::session::globals();
    let doc_powers = Signal::derive(move || {
        let who = g.session.with(|s| s.as_ref().map(crate::case_rules::actor));
        case.with(|c| match (c, who) {
            (Some(c), Some(a)) => crate::case_rules::document_powers(c, &a),
            _ => crate::case_rules::DocPowers::default(),
        })
    });
    let can_amend = move || {
        let who = g.session.with(|s| s.as_ref().map(crate::case_rules::actor));
        case.with(|c| matches!((c, who), (Some(c), Some(a)) if crate::case_rules::can_amend(c, &a)))
    };
    // The whole file as one ZIP (page, papers, checksums): for archiving
    // and handing over; offered to those who may open the papers.
    let archive_error = RwSignal::new(None::<ApiError>);
    let archive = move || {
        let name = case.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.code.clone())
                .unwrap_or_else(|| id.get_untracked())
        });
        let path = format!("/cases/{}/export", id.get_untracked());
        spawn_local(async move {
            archive_error.set(None);
            if let Err(e) = api::download(&path, &format!("ho-so-{name}.zip")).await {
                archive_error.set(Some(e));
            }
        });
    };
    let body = move || {
        if let Some(e) = load_error.get() {
            return view! {
                <h1>{tx("case.title")}</h1>
                <div class="alert alert-error" role="alert" data-testid="error">
                    <p><strong>{e.message(lang())}</strong></p>
                    <p><a href="/cases">{tx("case.back_to_list")}</a></p>
                </div>
            }
            .into_any();
        }
        let Some(c) = case.get() else {
            return view! { <Loading/> }.into_any();
        };
        let code = c
            .code
            .clone()
            .unwrap_or_else(|| t("case.no_code").to_owned());
        let status = c.status;
        let form = c.form_of_aid;
        let field = c.field_of_law;
        let channel = c.channel;
        let missing = c.completeness.missing.clone();
        let missing_items = move || {
            missing
                .iter()
                .map(|m| crate::ui::missing_label(m))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let parties = c.parties.clone();
        view! {
            <div class="page-head">
                <h1><span data-testid="case-code">{code}</span></h1>
                <span class=format!("badge st-{}", status.as_str()) data-testid="case-status">{move || label("state", status.as_str())}</span>
                {c.overdue.then(|| view! { <span class="badge badge-warn">{tx("cases.overdue_badge")}</span> })}
                {c.urgent.then(|| view! { <span class="badge badge-urgent">{tx("cases.urgent_badge")}</span> })}
                {move || can_amend().then(|| view! {
                    <a class="btn" rel="external" data-testid="case-edit" href=format!("/desk/cases/{}/edit", id.get_untracked())>{tx("case.edit")}</a>
                })}
                {move || doc_powers.get().download.then(|| view! {
                    <button type="button" class="btn" data-testid="case-archive" on:click=move |_| archive()>{tx("case.export_archive")}</button>
                })}
            </div>
            <ErrorBox error=archive_error/>
            <div class="grid2">
                <section class="card">
                    <h2>{tx("case.summary")}</h2>
                    <dl class="facts">
                        <dt>{tx("case.form_of_aid")}</dt><dd>{move || label("form", form.as_str())}</dd>
                        <dt>{tx("case.field_of_law")}</dt><dd>{move || label("law", field.as_str())}</dd>
                        <dt>{tx("case.channel")}</dt><dd>{move || label("channel", channel.as_str())}</dd>
                        <dt>{tx("case.request_date")}</dt><dd>{fmt_date(c.request_date)}</dd>
                        <dt>{tx("case.accepted_on")}</dt><dd>{fmt_opt_date(c.accepted_on)}</dd>
                        <dt>{tx("case.practitioner")}</dt><dd data-testid="case-practitioner">{move || practitioner_name().unwrap_or_default()}</dd>
                        <dt>{tx("case.eligibility")}</dt><dd data-testid="case-eligibility">{
                            let (codes, on) = (c.eligibility_codes.clone(), c.request_date);
                            move || codes.iter().map(|k| crate::categories::name_on(k, on)).collect::<Vec<_>>().join("; ")
                        }</dd>
                        <dt>{tx("case.missing_proof")}</dt><dd>{c.missing_proof.join(", ")}</dd>
                        <dt>{tx("case.proof_due_on")}</dt><dd>{fmt_opt_date(c.proof_due_on)}</dd>
                        {c.reassignment_requested_on.map(|on| view! {
                            <dt>{tx("case.reassignment_requested")}</dt>
                            <dd>{fmt_date(on)}" — "{tx("case.answer_by")}" "{fmt_opt_date(c.reassignment_due_on)}</dd>
                        })}
                        <dt>{tx("case.closed_on")}</dt><dd>{fmt_opt_date(c.closed_on)}</dd>
                        <dt>{tx("case.outcome")}</dt><dd data-testid="case-outcome">{c.outcome.clone().unwrap_or_default()}</dd>
                        {c.success.clone().map(|x| view! {
                            <dt>{tx("case.success")}</dt>
                            <dd data-testid="case-success">{x.label.unwrap_or(x.criterion)}" — "{x.evidence}</dd>
                        })}
                        <dt>{tx("case.completeness")}</dt><dd>{c.completeness.score}"% "<span class="muted">{missing_items}</span></dd>
                    </dl>
                    <p class="summary-text">{c.summary.clone()}</p>
                </section>
                <section class="card">
                    <h2>{tx("case.parties")}</h2>
                    <div class="table-wrap"><table class="table">
                        <thead><tr>
                            <th scope="col">{tx("party.role")}</th>
                            <th scope="col">{tx("party.full_name")}</th>
                            <th scope="col">{tx("party.date_of_birth")}</th>
                            <th scope="col">{tx("party.address")}</th>
                        </tr></thead>
                        <tbody>
                            {parties.into_iter().map(|p| {
                                let role = p.role;
                                view! { <tr>
                                    <td>{move || label("party_role", role.as_str())}</td>
                                    <td>{match p.person_id {
                                        // The person's page: their other cases (desk module).
                                        Some(person) => view! { <a href=format!("/desk/persons/{person}") rel="external">{p.full_name}</a> }.into_any(),
                                        None => p.full_name.into_any(),
                                    }}</td>
                                    <td>{fmt_opt_date(p.date_of_birth)}</td>
                                    <td>{p.address.unwrap_or_default()}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                </section>
            </div>
        }
        .into_any()
    };

    // Mounted once the case is loaded, not on every change of it: the
    // forms inside keep what was typed across acts and reloads.
    let loaded = Memo::new(move |_| case.with(Option::is_some));
    view! {
        {body}
        {move || loaded.get().then(|| view! { <Actions case=case tick=tick reload=Callback::new(move |_| load())/> })}
        {move || loaded.get().then(|| view! {
            <section class="card">
                <h2>{tx("case.timeline")}</h2>
                {move || match timeline() {
                    None => view! { <Loading/> }.into_any(),
                    Some(events) if events.is_empty() => view! { <p class="muted">{tx("case.timeline_empty")}</p> }.into_any(),
                    Some(events) => view! {
                        <ol class="timeline" data-testid="timeline">
                            {events.into_iter().map(|e| view! {
                                <li><span class="when">{e.date}</span>" "<strong>{e.label}</strong>
                                    {(!e.text.is_empty()).then(|| view! { " — "{e.text} })}</li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                }}
            </section>
            <Documents case_id=id powers=doc_powers/>
        })}
        <p><a href="/cases">{tx("case.back_to_list")}</a>
            {move || case.with(|c| c.as_ref().map(|c| view! {
                " · " <a rel="external" data-testid="case-history" href=format!("/desk/cases/{}/history", c.id)>{tx("case.history")}</a>
                " · " <a rel="external" href=format!("/desk/audit?entity=case&entity_id={}", c.id)>{tx("nav.audit")}</a>
            }))}
        </p>
    }
}
