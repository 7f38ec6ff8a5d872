//! The acts a case screen offers (the lifecycle's commands the user may
//! give, and hearings), each with its form. A failed act keeps what was
//! typed; a 412 offers to reload the case.
use crate::api;
use crate::case_rules::{actor, available_commands, can_schedule_hearing};
use crate::format::{fmt_date, parse_date, parse_vn_datetime, to_vn};
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{ErrorBox, Notice, SelectField, TextArea, TextField, enum_options, label, t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tgpl_api_model::Page;
use tgpl_api_model::case_acts::{
    AcceptCase, ArchiveCase, AssignPractitioner, CaseAct, ConcludeCase, DiscontinueCase,
    EvaluateCase, ReassignPractitioner, ReceiveSupplement, RecordActivity, RefuseCase,
    RequestSupplement,
};
use tgpl_api_model::cases::{CaseDto, HearingDto, ReassignmentRequest, ScheduleHearing};
use tgpl_api_model::practitioners::PractitionerDto;
use tgpl_domain::case::success::{CRITERIA, SuccessAssessment, SuccessGroup};
use tgpl_domain::case::{
    ActivityKind, CommandKind, DiscontinuationGround, HearingMode, RefusalGround,
};
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, PartialEq)]
enum Act {
    Cmd(CommandKind),
    Hearing,
    /// The beneficiary asks for another practitioner (form 04).
    ReassignmentRequest,
}

fn today_text() -> String {
    fmt_date(to_vn(crate::format::now()).date_naive())
}

#[component]
pub fn Actions(
    case: RwSignal<Option<CaseDto>>,
    tick: RwSignal<u32>,
    reload: Callback<()>,
) -> impl IntoView {
    let g = globals();
    let open = RwSignal::new(None::<Act>);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // Form fields: kept across failures and reloads.
    let refusal = RwSignal::new(String::new());
    let disc = RwSignal::new(String::new());
    let practitioner = RwSignal::new(String::new());
    let missing = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let criterion = RwSignal::new(String::new());
    let evidence = RwSignal::new(String::new());
    let activity_kind = RwSignal::new(ActivityKind::Meeting.as_str().to_owned());
    let occurred_on = RwSignal::new(today_text());
    let requested_on = RwSignal::new(today_text());
    let r_reason = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let court = RwSignal::new(String::new());
    let h_date = RwSignal::new(String::new());
    let h_time = RwSignal::new("08:00".to_owned());
    let h_mode = RwSignal::new(HearingMode::InPerson.as_str().to_owned());
    let h_location = RwSignal::new(String::new());

    // Asked when a practitioner is picked (conflict of interest, Art. 25(2)),
    // before anything is submitted.
    let warning = RwSignal::new(String::new());
    let check_candidate = move |pid: String| {
        warning.set(String::new());
        let Some(id) = case.with_untracked(|c| c.as_ref().map(|c| c.id)) else {
            return;
        };
        if pid.is_empty() {
            return;
        }
        spawn_local(async move {
            let path = format!("/cases/{id}/candidate-check?practitioner_id={pid}");
            if let Ok(v) = api::get::<serde_json::Value>(&path).await
                && let Some(code) = v["code"].as_str()
            {
                let text = crate::problem::catalogue_text(code, crate::ui::lang())
                    .unwrap_or_else(|| v["detail"].as_str().unwrap_or(code).to_owned());
                warning.set(text);
            }
        });
    };
    let practitioners = crate::ui::resource(|| async {
        api::get::<Page<PractitionerDto>>("/practitioners?status=active&limit=200")
            .await
            .map(|p| p.items)
            .unwrap_or_default()
    });

    let offered = move || {
        let acts = g.session.with(|s| s.as_ref().map(actor));
        case.with(|c| match (c, acts) {
            (Some(c), Some(a)) => {
                let mut v: Vec<Act> = available_commands(c, &a)
                    .into_iter()
                    .map(Act::Cmd)
                    .collect();
                if can_schedule_hearing(c, &a) {
                    v.push(Act::Hearing);
                }
                // Whoever may reassign records the request; one pending at a time.
                if v.contains(&Act::Cmd(CommandKind::Reassign))
                    && c.reassignment_requested_on.is_none()
                {
                    v.push(Act::ReassignmentRequest);
                }
                v
            }
            _ => vec![],
        })
    };

    let submit = move |act: Act| {
        let Some(c) = case.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        error.set(None);
        done.set(None);
        let id = c.id;
        let version = c.version;
        let fut_error = error;
        match act {
            Act::ReassignmentRequest => {
                let typed = requested_on.get_untracked();
                let Some(d) = parse_date(&typed) else {
                    error.set(Some(crate::pages::local_error(
                        "requested_on",
                        "date_format",
                    )));
                    return;
                };
                let body = ReassignmentRequest {
                    // Today is left to the server (its clock decides "today").
                    requested_on: Some(d).filter(|_| typed != today_text()),
                    reason: r_reason.get_untracked(),
                    version: None,
                };
                busy.set(true);
                spawn_local(async move {
                    let path = format!("/cases/{id}/reassignment-requests");
                    match api::send::<_, CaseDto>("POST", &path, &body, Some(version)).await {
                        Ok(updated) => {
                            case.set(Some(updated));
                            open.set(None);
                            r_reason.set(String::new());
                            done.set(Some(t("act.reassignment_request_done").to_owned()));
                        }
                        Err(e) => fut_error.set(Some(e)),
                    }
                    busy.set(false);
                });
            }
            Act::Hearing => {
                let Some(starts_at) =
                    parse_vn_datetime(&h_date.get_untracked(), &h_time.get_untracked())
                else {
                    error.set(Some(crate::pages::local_error("starts_at", "date_format")));
                    return;
                };
                let body = ScheduleHearing {
                    court: court.get_untracked(),
                    starts_at,
                    mode: HearingMode::parse(&h_mode.get_untracked())
                        .unwrap_or(HearingMode::InPerson),
                    location: Some(h_location.get_untracked()).filter(|s| !s.trim().is_empty()),
                    notes: None,
                    practitioner_id: None,
                };
                busy.set(true);
                spawn_local(async move {
                    match api::send::<_, HearingDto>(
                        "POST",
                        &format!("/cases/{id}/hearings"),
                        &body,
                        None,
                    )
                    .await
                    {
                        Ok(_) => {
                            open.set(None);
                            court.set(String::new());
                            h_date.set(String::new());
                            done.set(Some(t("act.hearing_done").to_owned()));
                            tick.update(|x| *x += 1);
                        }
                        Err(e) => fut_error.set(Some(e)),
                    }
                    busy.set(false);
                });
            }
            Act::Cmd(k) => {
                // A required choice left empty is said at its field before
                // anything is sent.
                let required = |field: &str| {
                    error.set(Some(crate::pages::local_error(field, "required")));
                };
                let text = |s: String| Some(s).filter(|s| !s.trim().is_empty());
                let act = match k {
                    CommandKind::Accept => CaseAct::Accept(AcceptCase::default()),
                    CommandKind::SupplementReceived => {
                        CaseAct::ReceiveSupplement(ReceiveSupplement::default())
                    }
                    CommandKind::Evaluate => CaseAct::Evaluate(EvaluateCase::default()),
                    CommandKind::Archive => CaseAct::Archive(ArchiveCase::default()),
                    CommandKind::Refuse => {
                        let Ok(ground) = RefusalGround::parse(&refusal.get_untracked()) else {
                            return required("refusal_ground");
                        };
                        CaseAct::Refuse(RefuseCase {
                            version: None,
                            refusal_ground: ground,
                        })
                    }
                    CommandKind::Discontinue => {
                        let Ok(ground) = DiscontinuationGround::parse(&disc.get_untracked()) else {
                            return required("discontinuation_ground");
                        };
                        CaseAct::Discontinue(DiscontinueCase {
                            version: None,
                            discontinuation_ground: ground,
                            reason: text(reason.get_untracked()),
                        })
                    }
                    CommandKind::Assign | CommandKind::Reassign => {
                        let Ok(pid) = practitioner.get_untracked().parse() else {
                            return required("practitioner_id");
                        };
                        if k == CommandKind::Assign {
                            CaseAct::Assign(AssignPractitioner {
                                version: None,
                                practitioner_id: pid,
                                reason: None,
                            })
                        } else {
                            CaseAct::Reassign(ReassignPractitioner {
                                version: None,
                                practitioner_id: pid,
                                reason: None,
                            })
                        }
                    }
                    CommandKind::RequestSupplement => {
                        CaseAct::RequestSupplement(RequestSupplement {
                            version: None,
                            missing: missing
                                .get_untracked()
                                .lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .map(str::to_owned)
                                .collect(),
                        })
                    }
                    CommandKind::Conclude => {
                        let code = criterion.get_untracked();
                        CaseAct::Conclude(ConcludeCase {
                            version: None,
                            outcome: outcome.get_untracked(),
                            success: (!code.is_empty()).then(|| SuccessAssessment {
                                criterion: code,
                                evidence: evidence.get_untracked(),
                                evidence_document_id: None,
                            }),
                        })
                    }
                    CommandKind::RecordActivity => {
                        let Ok(kind) = ActivityKind::parse(&activity_kind.get_untracked()) else {
                            return required("activity_kind");
                        };
                        let typed = occurred_on.get_untracked();
                        let Some(d) = parse_date(&typed) else {
                            error.set(Some(crate::pages::local_error(
                                "occurred_on",
                                "date_format",
                            )));
                            return;
                        };
                        CaseAct::RecordActivity(RecordActivity {
                            version: None,
                            activity_kind: kind,
                            // Today is left to the server (its clock decides "today").
                            occurred_on: Some(d).filter(|_| typed != today_text()),
                            description: description.get_untracked(),
                        })
                    }
                };
                busy.set(true);
                spawn_local(async move {
                    let path = format!("/cases/{id}/{}", act.path_segment());
                    match api::send::<_, CaseDto>("POST", &path, &act, Some(version)).await {
                        Ok(updated) => {
                            case.set(Some(updated));
                            open.set(None);
                            description.set(String::new());
                            outcome.set(String::new());
                            missing.set(String::new());
                            done.set(Some(format!(
                                "{}: {}",
                                t(&format!("cmd.{}", k.as_str())),
                                t("act.done")
                            )));
                            tick.update(|x| *x += 1);
                        }
                        Err(e) => fut_error.set(Some(e)),
                    }
                    busy.set(false);
                });
            }
        }
    };

    let form_for = move |act: Act| -> AnyView {
        let fields = match act {
            Act::Cmd(CommandKind::Refuse) => view! {
                <SelectField id="refusal_ground" label_key="act.refusal_ground" value=refusal required=true blank_key="common.choose"
                    options=enum_options(&RefusalGround::ALL, RefusalGround::as_str, "refusal") error=error/>
            }.into_any(),
            Act::Cmd(CommandKind::Discontinue) => view! {
                <SelectField id="discontinuation_ground" label_key="act.discontinuation_ground" value=disc required=true blank_key="common.choose"
                    options=enum_options(&DiscontinuationGround::ALL, DiscontinuationGround::as_str, "discontinuation") error=error/>
                <TextField id="reason" label_key="act.reason" value=reason error=error/>
            }.into_any(),
            Act::Cmd(CommandKind::Assign | CommandKind::Reassign) => view! {
                <div class="field">
                    <label for="practitioner_id">{tx("act.practitioner")}" *"</label>
                    <select id="practitioner_id" required aria-describedby="candidate-warning"
                        on:change=move |ev| { let v = event_target_value(&ev); practitioner.set(v.clone()); check_candidate(v) }
                        prop:value=move || practitioner.get()>
                        <option value="">{tx("common.choose")}</option>
                        {move || practitioners.get().unwrap_or_default().into_iter().map(|p| {
                            let v = p.id.to_string();
                            let v2 = v.clone();
                            let kind = p.kind;
                            view! { <option value=v selected=move || practitioner.get() == v2>{p.full_name}" ("{move || label("practitioner_kind", kind.as_str())}")"</option> }
                        }).collect_view()}
                    </select>
                    <crate::ui::FieldErr error=error field="practitioner_id"/>
                    <p id="candidate-warning" class="field-error" role="alert" data-testid="candidate-warning">{move || warning.get()}</p>
                </div>
            }.into_any(),
            Act::Cmd(CommandKind::RequestSupplement) => view! {
                <TextArea id="missing" label_key="act.missing" value=missing error=error required=true/>
            }.into_any(),
            Act::Cmd(CommandKind::Conclude) => {
                // Litigation cases may be assessed successful against the
                // criteria of their field's group (Decision 1179, from the domain).
                let group = case.with_untracked(|c| {
                    c.as_ref()
                        .filter(|c| c.form_of_aid.is_litigation())
                        .map(|c| SuccessGroup::of_field(c.field_of_law))
                });
                view! {
                    <TextArea id="outcome" label_key="act.outcome" value=outcome error=error required=true/>
                    {group.map(|group| view! {
                        <div class="field">
                            <label for="success_criterion">{tx("act.success_criterion")}</label>
                            <select id="success_criterion" on:change=move |ev| criterion.set(event_target_value(&ev)) prop:value=move || criterion.get()>
                                <option value="">{tx("act.success_none")}</option>
                                {CRITERIA.iter().filter(|c| c.group == group).map(|c| {
                                    let code = c.code;
                                    view! { <option value=code selected=move || criterion.get() == code>{format!("{}. {}", c.number, c.label_vi)}</option> }
                                }).collect_view()}
                            </select>
                            <crate::ui::FieldErr error=error field="success.criterion"/>
                        </div>
                        {move || (!criterion.get().is_empty()).then(|| view! {
                            <TextField id="success_evidence" field="success.evidence" label_key="act.success_evidence" value=evidence error=error required=true/>
                        })}
                    })}
                }.into_any()
            }
            Act::Cmd(CommandKind::RecordActivity) => view! {
                <SelectField id="activity_kind" label_key="act.activity_kind" value=activity_kind
                    options=enum_options(&ActivityKind::ALL, ActivityKind::as_str, "activity") error=error/>
                <TextField id="occurred_on" label_key="act.occurred_on" value=occurred_on error=error placeholder_key="common.date_hint" required=true/>
                <TextArea id="description" label_key="act.description" value=description error=error required=true/>
            }.into_any(),
            Act::ReassignmentRequest => view! {
                <TextField id="requested_on" label_key="act.requested_on" value=requested_on error=error placeholder_key="common.date_hint" required=true/>
                <TextArea id="reassignment_reason" field="reason" label_key="act.reassignment_reason" value=r_reason error=error required=true/>
            }.into_any(),
            Act::Hearing => view! {
                <TextField id="court" label_key="hearing.court" value=court error=error required=true/>
                <TextField id="hearing_date" field="starts_at" label_key="hearing.date" value=h_date error=error placeholder_key="common.date_hint" required=true/>
                <TextField id="hearing_time" label_key="hearing.time" value=h_time error=error placeholder_key="hearing.time_hint" required=true/>
                <SelectField id="mode" label_key="hearing.mode" value=h_mode
                    options=enum_options(&[HearingMode::InPerson, HearingMode::Online], HearingMode::as_str, "hearing_mode") error=error/>
                <TextField id="location" label_key="hearing.location" value=h_location error=error/>
            }.into_any(),
            Act::Cmd(_) => view! { <p>{tx("act.confirm")}</p> }.into_any(),
        };
        let title = act_key(act);
        // Keyboard users land in the form they opened (WCAG 2.4.3), unless
        // they already went to one of its fields: focus moved under someone
        // typing sends their text to the wrong field.
        let form_ref = NodeRef::<leptos::html::Form>::new();
        request_animation_frame(move || {
            let Some(form) = form_ref.get_untracked() else {
                return;
            };
            let in_form = document()
                .active_element()
                .is_some_and(|a| form.contains(Some(a.as_ref())));
            if in_form {
                return;
            }
            let first = form
                .query_selector("input, select, textarea, button")
                .ok()
                .flatten();
            if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
        view! {
            <form class="act-form" data-testid="act-form" node_ref=form_ref on:submit=move |ev| { ev.prevent_default(); submit(act); }>
                <h3>{move || t(&title)}</h3>
                {fields}
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{tx("act.submit")}</button>
                    <button type="button" class="btn" on:click=move |_| { open.set(None); error.set(None); }>{tx("common.cancel")}</button>
                </div>
            </form>
        }
        .into_any()
    };

    view! {
        <section class="card" aria-labelledby="actions-title">
            <h2 id="actions-title">{tx("case.actions")}</h2>
            <Notice message=done/>
            <ErrorBox error=error on_reload=Callback::new(move |_| { error.set(None); reload.run(()) })/>
            {move || {
                let acts = offered();
                if acts.is_empty() {
                    view! { <p class="muted" data-testid="no-actions">{tx("case.no_actions")}</p> }.into_any()
                } else {
                    view! {
                        <div class="act-buttons">
                            {acts.into_iter().map(|a| {
                                let key = act_key(a);
                                let testid = match a { Act::Cmd(k) => format!("act-{}", k.as_str()), Act::Hearing => "act-hearing".into(), Act::ReassignmentRequest => "act-reassignment-request".into() };
                                view! {
                                    <button type="button" class="btn" data-testid=testid
                                        aria-expanded=move || (open.get() == Some(a)).to_string()
                                        on:click=move |_| { error.set(None); done.set(None); open.set(Some(a)); }>
                                        {move || t(&key)}
                                    </button>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }
            }}
            {move || open.get().map(form_for)}
        </section>
    }
}

fn act_key(a: Act) -> String {
    match a {
        Act::Cmd(k) => format!("cmd.{}", k.as_str()),
        Act::Hearing => "act.add_hearing".into(),
        Act::ReassignmentRequest => "act.reassignment_request".into(),
    }
}
