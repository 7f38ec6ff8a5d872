//! The staff's queues of the public services (issue #12), as their own
//! module (`--features desk`, `desk.html`, served for `/desk/…`): a
//! centre's intake queue (online requests, hotline forwards), a Justice
//! Department's complaint queue, and the hotline's call log. The staff app
//! links here and back with ordinary links: the modules split the screens
//! so that neither outgrows its size budget (ADR 0021). The menu and the
//! buttons come from `tgpl_domain::policy`, as in the staff app.
// The administration module (ADR 0032) leaves the queues out.
#![cfg_attr(feature = "admin", allow(dead_code, unused_imports))]
use crate::api;
use crate::case_rules::actor;
use crate::problem::ApiError;
use crate::session::{self, globals};
use crate::ui::{ErrorBox, Notice, SelectField, TextArea, TextField, t, tx};
use crate::value::{items, opt, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};
use tgpl_domain::ScopeFilter;
use tgpl_domain::case::FieldOfLaw;
use tgpl_domain::policy::{
    Action, Actor, Resource, has_evaluation_work, read_filter, watches_leadership_dashboard,
    works_with_reports,
};

/// The desk's screens: path, title key, and who the policy lets open it.
/// User administration lives here too (it left the staff module to make
/// room there), shown to the roles the staff app's menu names; so do the
/// statistical reports, quality evaluation and the leadership dashboard
/// (issue #11).
pub const SCREENS: [(&str, &str, Opens); 15] = [
    ("/desk/intake", "desk.intake.title", |a| {
        reads(a, Resource::Intake)
    }),
    ("/desk/complaints", "desk.complaints.title", |a| {
        reads(a, Resource::Complaint)
    }),
    ("/desk/hotline", "desk.hotline.title", |a| {
        reads(a, Resource::HotlineCall)
    }),
    ("/desk/privacy", "desk.privacy.title", |a| {
        reads(a, Resource::SubjectRequest)
    }),
    ("/desk/reports", "nav.reports", works_with_reports),
    ("/desk/evaluations", "nav.quality", has_evaluation_work),
    (
        "/desk/leadership",
        "nav.leadership",
        watches_leadership_dashboard,
    ),
    ("/desk/imports", "desk.import.title", |a| {
        tgpl_domain::policy::authorize(a, Action::ImportData, &Default::default()).is_ok()
    }),
    ("/desk/persons", "desk.persons.title", |a| {
        tgpl_domain::policy::may_merge_persons(a)
    }),
    (
        "/desk/registers",
        "registers.title",
        crate::desk_registers::opens,
    ),
    ("/desk/users", "nav.users", |_| false),
    // Everyone's own calendar feed, linked from "My account".
    ("/desk/calendar", "calendar.title", |_| true),
    ("/desk/audit", "nav.audit", |_| false),
    (
        "/desk/reference",
        "reference.title",
        crate::desk_reference::keeps,
    ),
    // Everyone's inbox, linked from the bell.
    ("/desk/notifications", "notif.title", |_| true),
];

/// Whether the policy lets this actor open a screen.
pub type Opens = fn(&Actor) -> bool;

fn reads(a: &Actor, r: Resource) -> bool {
    read_filter(a, r) != ScopeFilter::Nothing
}

pub(crate) async fn get(path: &str) -> Result<Value, ApiError> {
    let r = api::call("GET", path, None, None).await?;
    Ok(serde_json::from_str(&r.text).unwrap_or(Value::Null))
}

pub(crate) async fn post(path: &str, body: Value) -> Result<Value, ApiError> {
    let body = serde_json::to_string(&body).unwrap_or_default();
    let r = api::call("POST", path, Some(body), None).await?;
    Ok(serde_json::from_str(&r.text).unwrap_or(Value::Null))
}

#[component]
pub fn DeskApp() -> impl IntoView {
    spawn_local(session::restore());
    let g = globals();
    let signed_in = Memo::new(move |_| g.session.with(Option::is_some));
    view! {
        <a class="skip" href="#main">{tx("nav.skip")}</a>
        {move || {
            if !g.ready.get() {
                view! { <p class="boot">{tx("common.loading")}</p> }.into_any()
            } else if !signed_in.get() {
                view! { <crate::pages::login::Login/> }.into_any()
            } else {
                view! { <DeskShell/> }.into_any()
            }
        }}
    }
}

/// Screens that title their own page (the shell adds no second `<h1>`).
const TITLED_BY_SCREEN: [&str; 4] = [
    "nav.users",
    "nav.audit",
    "nav.organisations",
    "nav.practitioners",
];

#[component]
fn DeskShell() -> impl IntoView {
    let g = globals();
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let menu = g
        .session
        .with_untracked(|s| s.as_ref().map(|s| crate::app::nav_items(&actor(s))))
        .unwrap_or_default();
    let visible = |href: &str, opens: Opens| {
        g.session.with_untracked(|s| {
            s.as_ref()
                .is_some_and(|s| opens(&actor(s)) || menu.iter().any(|(h, _)| *h == href))
        })
    };
    let open: Vec<(&'static str, &'static str)> = SCREENS
        .iter()
        .filter(|(href, _, opens)| visible(href, *opens))
        .map(|(href, key, _)| (*href, *key))
        .collect();
    let here = path.trim_end_matches('/').to_owned();
    let current = open
        .iter()
        .find(|(href, _)| here == *href)
        .or(open
            .iter()
            .find(|(href, _)| !menu.iter().any(|(m, _)| m == href)))
        .copied();
    // A person's page (`/desk/persons/<id>`), linked from a case's parties.
    let person = here
        .strip_prefix("/desk/persons/")
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    // A case's correction and history (`/desk/cases/<id>/edit|history`),
    // linked from the case page.
    let case_screen = here
        .strip_prefix("/desk/cases/")
        .and_then(|r| r.split_once('/'))
        .map(|(id, what)| (id.to_owned(), what.to_owned()));
    // A record's edit page in the administration module
    // (`/desk/organisations/<id>`, `/desk/practitioners/<id>`,
    // `/desk/users/<id>/edit`), linked from the lists.
    let record = [
        ("/desk/organisations/", "nav.organisations"),
        ("/desk/practitioners/", "nav.practitioners"),
        ("/desk/users/", "user_edit.title"),
    ]
    .into_iter()
    .find_map(|(prefix, key)| {
        let id = here.strip_prefix(prefix)?.trim_end_matches("/edit");
        (!id.is_empty()).then(|| ((prefix, key), id.to_owned()))
    });
    let current = if person.is_some() {
        Some(("/desk/persons/", "desk.person.title"))
    } else if let Some((screen, _)) = record {
        Some(screen)
    } else if let Some((_, what)) = &case_screen {
        Some(if what == "history" {
            ("/desk/cases/history", "history.title")
        } else {
            ("/desk/cases/edit", "edit.title")
        })
    } else {
        current
    };
    if let Some((_, key)) = current
        && let Some(doc) = web_sys::window().and_then(|w| w.document())
    {
        doc.set_title(&format!("{} — TGPL", t(key)));
    }
    // The staff app's menu, the same in every module (plain links).
    let nav = menu
        .iter()
        .map(|&(href, key)| {
            let on = if href == "/desk" {
                current.is_some_and(|(h, _)| !menu.iter().any(|(m, _)| *m == h))
            } else {
                current.is_some_and(|(h, _)| h == href)
            };
            view! { <li><a href=href aria-current=on.then_some("page")>{tx(key)}</a></li> }
        })
        .collect_view();
    // The queues this user has, under the menu.
    let queues = open
        .iter()
        .filter(|(href, _)| !menu.iter().any(|(m, _)| m == href))
        .map(|&(href, key)| {
            let on = current.is_some_and(|(h, _)| h == href);
            view! { <li><a href=href aria-current=on.then_some("page")>{tx(key)}</a></li> }
        })
        .collect_view();
    // Each module holds its own screens (the server sends the
    // administration's paths to admin.html, ADR 0032).
    let record_id = record.map(|(_, id)| id).unwrap_or_default();
    let _ = &record_id;
    let body = match current.map(|(h, _)| h) {
        #[cfg(feature = "admin")]
        Some("/desk/organisations/") => {
            view! { <crate::pages::directory::OrganisationEdit id=record_id/> }.into_any()
        }
        #[cfg(feature = "admin")]
        Some("/desk/practitioners/") => {
            view! { <crate::pages::practitioners::PractitionerEdit id=record_id/> }.into_any()
        }
        #[cfg(feature = "admin")]
        Some("/desk/users/") => view! { <crate::desk_users::UserEdit id=record_id/> }.into_any(),
        #[cfg(feature = "admin")]
        Some("/desk/users") => view! { <crate::pages::users::Users/> }.into_any(),
        #[cfg(feature = "admin")]
        Some("/desk/registers") => view! { <crate::desk_registers::RegistersScreen/> }.into_any(),
        #[cfg(feature = "admin")]
        Some("/desk/imports") => view! { <crate::desk_import::ImportScreen/> }.into_any(),
        #[cfg(feature = "admin")]
        Some("/desk/audit") => view! { <crate::pages::audit::Audit/> }.into_any(),
        #[cfg(feature = "admin")]
        Some("/desk/reference") => view! { <crate::desk_reference::ReferenceScreen/> }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/persons/") => {
            view! { <crate::desk_persons::PersonPage id=person.unwrap_or_default()/> }.into_any()
        }
        #[cfg(not(feature = "admin"))]
        Some("/desk/persons") => view! { <crate::desk_persons::DuplicatesScreen/> }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/cases/edit") => {
            view! { <crate::desk_case::CaseEdit id=case_screen.map(|c| c.0).unwrap_or_default()/> }.into_any()
        }
        #[cfg(not(feature = "admin"))]
        Some("/desk/cases/history") => {
            view! { <crate::desk_case::CaseHistory id=case_screen.map(|c| c.0).unwrap_or_default()/> }.into_any()
        }
        #[cfg(not(feature = "admin"))]
        Some("/desk/intake") => view! { <IntakeQueue/> }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/complaints") => view! { <ComplaintQueue/> }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/hotline") => view! { <HotlineLog/> }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/privacy") => view! { <crate::desk_privacy::PrivacyQueue/> }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/reports") => view! { <crate::desk_reports::ReportsScreen/> }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/evaluations") => view! { <crate::desk_quality::EvaluationScreen/> }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/leadership") => view! { <crate::desk_quality::LeadershipScreen/> }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/calendar") => view! {
            <crate::desk_hearings::HearingsCalendar/>
            <crate::pages::calendar_feed::CalendarFeed/>
        }.into_any(),
        #[cfg(not(feature = "admin"))]
        Some("/desk/notifications") => view! { <crate::pages::notifications::Notifications/> }.into_any(),
        _ => view! { <p>{tx("desk.nothing")}</p> }.into_any(),
    };
    let title = current.map_or("desk.nothing", |(_, k)| k);
    // A temporary password opens only its change (as in the staff app).
    let must_change = g
        .session
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.must_change_password));
    view! {
        <header class="top">
            <a class="brand" href="/"><span class="logo" aria-hidden="true">"⚖"</span><span>{tx("app.name")}</span></a>
            <nav aria-label=tx("nav.label")><ul>{nav}</ul></nav>
            <div class="user">
                <crate::app::LangSwitch/>
                <button type="button" class="btn-link" on:click=move |_| spawn_local(session::logout())>
                    {tx("nav.logout")}
                </button>
            </div>
        </header>
        <nav class="subnav" aria-label=tx("nav.desk")><ul>{queues}</ul></nav>
        <crate::reauth::ReauthDialog/>
        <main id="main" tabindex="-1">
            // User administration titles its own page.
            {(!TITLED_BY_SCREEN.contains(&title)).then(|| view! { <h1>{tx(title)}</h1> })}
            {if must_change {
                view! { <crate::pages::account::Account/> }.into_any()
            } else {
                body
            }}
        </main>
    }
}

/// Whether the signed-in user may do `action` on a record at `scope`.
pub(crate) fn may(action: Action, scope: &tgpl_domain::ResourceScope) -> bool {
    globals().session.with_untracked(|s| {
        s.as_ref()
            .is_some_and(|s| tgpl_domain::policy::authorize(&actor(s), action, scope).is_ok())
    })
}

/// Where a complaint sits for the policy: with its holder, in its province;
/// the server showed it, so a centre-level user's centre is its centre.
fn held_scope(org: &str, province: Option<&str>) -> tgpl_domain::ResourceScope {
    let mut scope = own_scope(org);
    scope.province = province.and_then(|p| tgpl_domain::ProvinceCode::parse(p).ok());
    scope
}

/// The user's own centre and province, for the scope of what their
/// queue shows (the server showed it, so it is in their reach).
pub(crate) fn own_scope(org: &str) -> tgpl_domain::ResourceScope {
    globals().session.with_untracked(|s| {
        let a = s.as_ref().map(actor);
        tgpl_domain::ResourceScope {
            org_id: org.parse().ok(),
            centre_id: a.as_ref().and_then(|a| a.centre_id),
            province: a.as_ref().and_then(|a| a.province),
            user_id: None,
            practitioner_id: None,
        }
    })
}

#[component]
fn IntakeQueue() -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let list = RwSignal::new(Vec::<Value>::new());
    let created = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            match get("/intake-items?limit=50").await {
                Ok(v) => list.set(items(&v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    reload();
    view! {
        <p class="muted">{tx("desk.intake.lead")}</p>
        {move || created.get().map(|id| view! {
            <div class="alert alert-ok" role="status">
                {tx("desk.intake.converted")}" "
                <a href=format!("/cases/{id}") data-testid="created-case">{tx("desk.intake.open_case")}</a>
            </div>
        })}
        <Notice message=notice/>
        <ErrorBox error=error/>
        <ul class="pub-list" data-testid="intake-queue">
            {move || {
                let rows = list.get();
                if rows.is_empty() {
                    return view! { <li>{tx("desk.empty")}</li> }.into_any();
                }
                rows.into_iter().map(|item| {
                    let id = text(&item, "id");
                    let version = item.get("version").and_then(Value::as_i64).unwrap_or(1);
                    let details = item.get("details").cloned().unwrap_or(Value::Null);
                    let requester = details.get("requester").cloned().unwrap_or(Value::Null);
                    let codes: Vec<String> = details.get("categories").and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                        .unwrap_or_default();
                    let files: Vec<String> = item.get("attachments").and_then(Value::as_array)
                        .map(|a| a.iter().map(|f| text(f, "filename")).collect())
                        .unwrap_or_default();
                    let may_triage = may(Action::TriageIntake, &own_scope(&text(&item, "organisation_id")));
                    let held = RwSignal::new(Vec::<String>::new());
                    let reason = RwSignal::new(String::new());
                    let id2 = id.clone();
                    let convert = move |_| {
                        let id = id2.clone();
                        spawn_local(async move {
                            let body = json!({"version": version, "proof_documents_present": held.get_untracked()});
                            match post(&format!("/intake-items/{id}/convert"), body).await {
                                Ok(v) => {
                                    created.set(v.get("case").map(|c| text(c, "id")));
                                    reload();
                                }
                                Err(e) => error.set(Some(e)),
                            }
                        });
                    };
                    let id3 = id.clone();
                    let reject = move |_| {
                        let id = id3.clone();
                        spawn_local(async move {
                            let body = json!({"version": version, "reason": reason.get_untracked()});
                            match post(&format!("/intake-items/{id}/reject"), body).await {
                                Ok(_) => {
                                    notice.set(Some(t("desk.intake.rejected").to_owned()));
                                    reload();
                                }
                                Err(e) => error.set(Some(e)),
                            }
                        });
                    };
                    view! {
                        <li data-testid="intake-item" data-code=text(&item, "tracking_code")>
                            <p><strong>{text(&requester, "full_name")}</strong>" · "{text(&requester, "phone")}
                               " · "<code>{text(&item, "tracking_code")}</code>" · "
                               {t(&format!("channel.{}", text(&item, "channel")))}" · "
                               {format!("{} {}", text(&item, "age_working_days"), t("desk.intake.days"))}</p>
                            <p>{text(&details, "summary")}</p>
                            {(!files.is_empty()).then(|| view! {
                                <p class="small" data-testid="intake-files">{tx("desk.intake.files")}" "{files.join(", ")}</p>
                            })}
                            {may_triage.then(|| view! {
                                <fieldset>
                                    <legend>{tx("desk.intake.proof_held")}</legend>
                                    {codes.into_iter().map(|c| {
                                        let c2 = c.clone();
                                        view! { <label><input type="checkbox" data-testid=format!("held-{c}")
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let c = c2.clone();
                                                held.update(|h| { h.retain(|x| *x != c); if on { h.push(c); } });
                                            }/>" "{tx("desk.category")}" "{c.clone()}</label> }
                                    }).collect_view()}
                                </fieldset>
                                <button type="button" class="btn btn-primary" data-testid="convert" on:click=convert>{tx("desk.intake.convert")}</button>
                                <div class="field">
                                    <label>{tx("desk.intake.reason")}
                                        <input on:input=move |ev| reason.set(event_target_value(&ev))/></label>
                                </div>
                                <button type="button" class="btn" on:click=reject>{tx("desk.intake.reject")}</button>
                            })}
                        </li>
                    }
                }).collect_view().into_any()
            }}
        </ul>
    }
}

#[component]
fn ComplaintQueue() -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let list = RwSignal::new(Vec::<Value>::new());
    let units = RwSignal::new(Vec::<(String, String)>::new());
    let reload = move || {
        spawn_local(async move {
            match get("/complaints?limit=50").await {
                Ok(v) => list.set(items(&v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    reload();
    spawn_local(async move {
        if let Ok(v) = get("/organisations?limit=200").await {
            units.set(
                items(&v)
                    .into_iter()
                    .filter(|o| {
                        matches!(
                            text(o, "kind").as_str(),
                            "justice_department" | "centre" | "branch" | "ministry_department"
                        )
                    })
                    .map(|o| (text(&o, "id"), text(&o, "name")))
                    .collect(),
            );
        }
    });
    view! {
        <p class="muted">{tx("desk.complaints.lead")}</p>
        <Notice message=notice/>
        <ErrorBox error=error/>
        <ul class="pub-list" data-testid="complaint-queue">
            {move || {
                let rows = list.get();
                if rows.is_empty() {
                    return view! { <li>{tx("desk.empty")}</li> }.into_any();
                }
                rows.into_iter().map(|c| {
                    let id = text(&c, "id");
                    let version = c.get("version").and_then(Value::as_i64).unwrap_or(1);
                    let status = text(&c, "status");
                    let scope = held_scope(&text(&c, "handler_org_id"), c.get("province").and_then(Value::as_str));
                    let may_handle = may(Action::HandleComplaint, &scope);
                    let late = c.get("answer_overdue").and_then(Value::as_bool).unwrap_or(false);
                    let to = RwSignal::new(String::new());
                    let note = RwSignal::new(String::new());
                    let answer = RwSignal::new(String::new());
                    let local = RwSignal::new(None::<ApiError>);
                    let id2 = id.clone();
                    let forward = move |_| {
                        let id = id2.clone();
                        spawn_local(async move {
                            let body = json!({"version": version, "organisation_id": to.get_untracked(), "note": opt(&note.get_untracked())});
                            match post(&format!("/complaints/{id}/forward"), body).await {
                                Ok(_) => { notice.set(Some(t("desk.complaints.forwarded").to_owned())); reload(); }
                                Err(e) => local.set(Some(e)),
                            }
                        });
                    };
                    let id3 = id.clone();
                    let send_answer = move |_| {
                        let id = id3.clone();
                        spawn_local(async move {
                            let body = json!({"version": version, "answer": answer.get_untracked()});
                            match post(&format!("/complaints/{id}/answer"), body).await {
                                Ok(_) => { notice.set(Some(t("desk.complaints.answered").to_owned())); reload(); }
                                Err(e) => local.set(Some(e)),
                            }
                        });
                    };
                    let complainant = c.get("complainant").cloned().unwrap_or(Value::Null);
                    view! {
                        <li data-testid="complaint" data-code=text(&c, "tracking_code")>
                            <p><code>{text(&c, "tracking_code")}</code>" · "<strong>{t(&format!("desk.complaints.{status}"))}</strong>
                                " · "{tx("desk.complaints.due")}" "{text(&c, "answer_due_on")}
                                {late.then(|| view! { " · "<strong class="late">{tx("desk.late")}</strong> })}</p>
                            <p>{text(&complainant, "full_name")}" · "{text(&complainant, "phone")}</p>
                            <p>{text(&c, "content")}</p>
                            {(status == "answered").then(|| view! { <p class="small">{text(&c, "answer")}</p> })}
                            {(may_handle && status != "answered").then(|| view! {
                                <ErrorBox error=local/>
                                <div class="field">
                                    <label>{tx("desk.complaints.forward_to")}
                                        <select on:change=move |ev| to.set(event_target_value(&ev))>
                                            <option value="">{tx("desk.choose")}</option>
                                            {units.get_untracked().into_iter().map(|(id, name)| view! {
                                                <option value=id>{name}</option>
                                            }).collect_view()}
                                        </select>
                                    </label>
                                </div>
                                <TextField id="forward-note" label_key="desk.complaints.note" value=note error=local field="note"/>
                                <button type="button" class="btn" on:click=forward>{tx("desk.complaints.forward")}</button>
                                <TextArea id="answer" label_key="desk.complaints.answer" value=answer error=local/>
                                <button type="button" class="btn btn-primary" on:click=send_answer>{tx("desk.complaints.send_answer")}</button>
                            })}
                        </li>
                    }
                }).collect_view().into_any()
            }}
        </ul>
    }
}

#[component]
fn HotlineLog() -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let list = RwSignal::new(Vec::<Value>::new());
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let field = RwSignal::new(String::new());
    let advice = RwSignal::new(String::new());
    let outcome = RwSignal::new("advised".to_owned());
    let minutes = RwSignal::new("5".to_owned());
    let province = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let reload = move || {
        spawn_local(async move {
            match get("/hotline/calls?limit=50").await {
                Ok(v) => list.set(items(&v)),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    reload();
    let may_record = may(
        Action::RecordCall,
        &own_scope(&globals().session.with_untracked(|s| {
            s.as_ref()
                .map(|s| s.me.organisation_id.to_string())
                .unwrap_or_default()
        })),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        spawn_local(async move {
            let seconds = minutes.get_untracked().trim().parse::<u32>().unwrap_or(0) * 60;
            let forwarded = outcome.get_untracked() == "forwarded";
            let law = field.get_untracked();
            let body = json!({
                "caller_name": opt(&name.get_untracked()), "caller_phone": opt(&phone.get_untracked()),
                "topic": topic.get_untracked(), "field_of_law": opt(&law),
                "advice": opt(&advice.get_untracked()), "outcome": outcome.get_untracked(),
                "duration_seconds": seconds,
                "forward": if forwarded { json!({
                    "province": opt(&province.get_untracked()), "categories": [],
                    "form_of_aid": "advice", "field_of_law": if law.is_empty() { "other".to_owned() } else { law.clone() },
                    "summary": summary.get_untracked(), "consent": true, "consent_version": "2026-01"}) } else { Value::Null },
            });
            match post("/hotline/calls", body).await {
                Ok(v) => {
                    let fw = v.get("forwarded").filter(|f| !f.is_null());
                    notice.set(Some(match fw {
                        Some(f) => format!(
                            "{} {} · {} {}",
                            t("desk.hotline.read_out"),
                            text(f, "tracking_code"),
                            t("pub.secret"),
                            text(f, "secret")
                        ),
                        None => t("desk.hotline.recorded").to_owned(),
                    }));
                    topic.set(String::new());
                    reload();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let fields: Vec<(String, String)> = FieldOfLaw::ALL
        .iter()
        .map(|f| (f.as_str().to_owned(), format!("law.{}", f.as_str())))
        .collect();
    view! {
        <Notice message=notice/>
        <ErrorBox error=error/>
        {may_record.then(|| view! {
        <form class="card" on:submit=submit novalidate>
            <h2>{tx("desk.hotline.new")}</h2>
            <TextField id="caller_name" label_key="pub.full_name" value=name error=error/>
            <TextField id="caller_phone" label_key="pub.phone" value=phone error=error kind="tel"/>
            <TextField id="topic" label_key="desk.hotline.topic" value=topic error=error required=true/>
            <SelectField id="field_of_law" label_key="pub.request.field" value=field options=fields blank_key="desk.choose"/>
            <TextArea id="advice" label_key="desk.hotline.advice" value=advice error=error/>
            <SelectField id="outcome" label_key="desk.hotline.outcome" value=outcome options=vec![
                ("advised".to_owned(), "desk.hotline.advised".to_owned()),
                ("callback_promised".to_owned(), "desk.hotline.callback_promised".to_owned()),
                ("forwarded".to_owned(), "desk.hotline.forwarded".to_owned()),
            ]/>
            <TextField id="minutes" label_key="desk.hotline.minutes" value=minutes error=error kind="number"/>
            {move || (outcome.get() == "forwarded").then(|| view! {
                <TextField id="fw-province" field="forward.province" label_key="desk.hotline.province_code" value=province error=error/>
                <TextArea id="fw-summary" field="forward.summary" label_key="pub.request.summary" value=summary error=error/>
                <p class="small">{tx("desk.hotline.consent")}</p>
            })}
            <button type="submit" class="btn btn-primary">{tx("desk.hotline.record")}</button>
        </form>
        })}
        <h2>{tx("desk.hotline.log")}</h2>
        <ul class="pub-list" data-testid="call-log">
            {move || list.get().into_iter().map(|c| {
                let id = text(&c, "id");
                let version = c.get("version").and_then(Value::as_i64).unwrap_or(1);
                let missed = c.get("callback_missed").and_then(Value::as_bool).unwrap_or(false);
                let pending = c.get("callback_due_at").is_some_and(|d| !d.is_null())
                    && c.get("called_back_at").is_none_or(Value::is_null);
                let called = move |_| {
                    let id = id.clone();
                    spawn_local(async move {
                        match post(&format!("/hotline/calls/{id}/callback"), json!({"version": version})).await {
                            Ok(_) => reload(),
                            Err(e) => error.set(Some(e)),
                        }
                    });
                };
                view! {
                    <li data-testid="call">
                        <p><strong>{text(&c, "caller_name")}</strong>" · "{text(&c, "caller_phone")}" · "{text(&c, "topic")}</p>
                        <p class="small">{t(&format!("desk.hotline.{}", text(&c, "outcome")))}
                            {pending.then(|| format!(" · {} {}", t("desk.hotline.due"), text(&c, "callback_due_at")))}
                            {missed.then(|| view! { " · "<strong class="late">{tx("desk.late")}</strong> })}</p>
                        {(pending && may_record).then(|| view! {
                            <button type="button" class="btn" on:click=called.clone()>{tx("desk.hotline.called_back")}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
