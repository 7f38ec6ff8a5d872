//! The case list: the API's filters, diacritic-insensitive search, keyset
//! pages, and the filters kept in the URL (bookmarkable, back button works).
use crate::api;
use crate::filters::CaseFilter;
use crate::format::{fmt_date, parse_date};
use crate::problem::ApiError;
use crate::ui::{
    ErrorBox, ExportButtons, Loading, SelectField, TextField, enum_options, label, t, tx,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use tgpl_api_model::Page;
use tgpl_api_model::cases::CaseDto;
use tgpl_api_model::organisations::OrganisationDto;
use tgpl_api_model::practitioners::PractitionerDto;
use tgpl_api_model::saved_views::{CreateSavedView, SavedViewDto};
use tgpl_domain::case::{CaseSort, CaseState, FieldOfLaw, FormOfAid, PartyRole};
use tgpl_domain::saved_view::ViewList;

/// Rows per page.
pub const PAGE_SIZE: u32 = 50;

fn yes_no_options() -> Vec<(String, String)> {
    vec![
        ("true".into(), "common.yes".into()),
        ("false".into(), "common.no".into()),
    ]
}

#[component]
pub fn CaseList() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| CaseFilter::from_query(&query.read().to_query_string()));

    // The form's fields, set from the URL (also when Back changes it).
    let status = RwSignal::new(String::new());
    let form = RwSignal::new(String::new());
    let field = RwSignal::new(String::new());
    let org = RwSignal::new(String::new());
    let practitioner = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let overdue = RwSignal::new(String::new());
    let urgent = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let sort = RwSignal::new(String::new());
    let form_error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        let f = filter.get();
        status.set(f.status.map(|s| s.as_str().to_owned()).unwrap_or_default());
        form.set(
            f.form_of_aid
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        );
        field.set(
            f.field_of_law
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        );
        org.set(f.organisation_id.map(|s| s.to_string()).unwrap_or_default());
        practitioner.set(f.practitioner_id.map(|s| s.to_string()).unwrap_or_default());
        from.set(f.requested_from.map(fmt_date).unwrap_or_default());
        to.set(f.requested_to.map(fmt_date).unwrap_or_default());
        overdue.set(f.overdue.map(|b| b.to_string()).unwrap_or_default());
        urgent.set(f.urgent.map(|b| b.to_string()).unwrap_or_default());
        q.set(f.q.clone());
        sort.set(f.sort.map(|s| s.as_str().to_owned()).unwrap_or_default());
    });

    let from_form = move || CaseFilter {
        status: CaseState::parse(&status.get_untracked()).ok(),
        form_of_aid: FormOfAid::parse(&form.get_untracked()).ok(),
        field_of_law: FieldOfLaw::parse(&field.get_untracked()).ok(),
        organisation_id: org.get_untracked().parse().ok(),
        practitioner_id: practitioner.get_untracked().parse().ok(),
        requested_from: parse_date(&from.get_untracked()),
        requested_to: parse_date(&to.get_untracked()),
        overdue: overdue.get_untracked().parse().ok(),
        urgent: urgent.get_untracked().parse().ok(),
        q: q.get_untracked(),
        sort: CaseSort::parse(&sort.get_untracked()).filter(|s| *s != CaseSort::Newest),
        after: None,
        back: Vec::new(),
    };
    let go = {
        let navigate = navigate.clone();
        move |f: CaseFilter| {
            if f == filter.get_untracked() {
                return;
            }
            let qs = f.to_url_query();
            let url = if qs.is_empty() {
                "/cases".to_owned()
            } else {
                format!("/cases?{qs}")
            };
            navigate(
                &url,
                NavigateOptions {
                    replace: false,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let apply = {
        let go = go.clone();
        move || go(from_form())
    };
    let on_submit = {
        let apply = apply.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            apply();
        }
    };
    // Selects apply at once.
    for s in [
        status,
        form,
        field,
        org,
        practitioner,
        overdue,
        urgent,
        sort,
    ] {
        let apply = apply.clone();
        Effect::new(move |prev: Option<String>| {
            let v = s.get();
            if prev.is_some_and(|p| p != v) {
                apply();
            }
            v
        });
    }

    let cases = crate::ui::resource(move || {
        let f = filter.get();
        async move {
            let qs = f.to_query();
            let sep = if qs.is_empty() { "" } else { "&" };
            api::get::<Page<CaseDto>>(&format!("/cases?limit={PAGE_SIZE}{sep}{qs}")).await
        }
    });
    let orgs = crate::ui::resource(|| async {
        api::get::<Page<OrganisationDto>>("/organisations?limit=200&status=active")
            .await
            .map(|p| p.items)
            .unwrap_or_default()
    });
    let practitioners = crate::ui::resource(|| async {
        api::get::<Page<PractitionerDto>>("/practitioners?limit=200&status=active")
            .await
            .map(|p| p.items)
            .unwrap_or_default()
    });
    let error = RwSignal::new(None::<ApiError>);
    let go_rows = go.clone();
    let rows = move || match cases.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => {
            error.set(Some(e));
            ().into_any()
        }
        Some(Ok(page)) => {
            error.set(None);
            let next = page.next.clone();
            let empty = page.items.is_empty();
            let go_next = go_rows.clone();
            let go_back = go_rows.clone();
            let previous = filter.with(|f| f.previous_page());
            let total = crate::ui::total_line(page.total, "case-total", "cases.total");
            view! {
                {total}
                <p class="muted" aria-live="polite" data-testid="case-count">{page.items.len()}" "{tx("cases.shown")}</p>
                {if empty {
                    view! { <p data-testid="no-cases">{tx("cases.none")}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                        <table class="table cards" data-testid="case-table">
                            <thead><tr>
                                <th scope="col">{tx("case.code")}</th>
                                <th scope="col">{tx("case.beneficiary")}</th>
                                <th scope="col">{tx("case.status")}</th>
                                <th scope="col">{tx("case.form_of_aid")}</th>
                                <th scope="col">{tx("case.request_date")}</th>
                                <th scope="col">{tx("case.next_deadline")}</th>
                                <th scope="col">{tx("case.completeness")}</th>
                            </tr></thead>
                            <tbody>
                                {page.items.into_iter().map(case_row).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any()
                }}
                <nav class="pager" aria-label=tx("cases.results")>
                    {previous.map(|p| view! {
                        <button type="button" class="btn" data-testid="previous-page" on:click=move |_| go_back(p.clone())>{tx("common.previous_page")}</button>
                    })}
                    {next.map(|n| view! {
                        <button type="button" class="btn" data-testid="next-page" on:click=move |_| {
                            go_next(filter.get_untracked().next_page(n.clone()))
                        }>{tx("common.next_page")}</button>
                    })}
                </nav>
            }
            .into_any()
        }
    };

    let clear = {
        let go = go.clone();
        move |_| go(CaseFilter::default())
    };
    let views = SavedViews(SavedViewsProps {
        current: filter,
        open: Callback::new(move |f: CaseFilter| go(f)),
    });
    // On a phone the filters fold away behind a button (CSS shows them on
    // wider screens whatever this says).
    let unfolded = RwSignal::new(false);
    view! {
        <div class="page-head">
            <h1>{tx("cases.title")}</h1>
        </div>
        <button type="button" class="btn filter-toggle" aria-controls="case-filters" data-testid="filter-toggle"
            aria-expanded=move || unfolded.get().to_string() on:click=move |_| unfolded.update(|o| *o = !*o)>
            {tx("cases.filters")}
        </button>
        <form id="case-filters" class="card filters" class:folded=move || !unfolded.get() on:submit=on_submit role="search" aria-label=tx("cases.filters")>
            <TextField id="q" label_key="cases.search" value=q error=form_error placeholder_key="cases.search_hint"/>
            <SelectField id="f-status" label_key="case.status" value=status blank_key="common.all"
                options=enum_options(&CaseState::ALL, CaseState::as_str, "state")/>
            <SelectField id="f-form" label_key="case.form_of_aid" value=form blank_key="common.all"
                options=enum_options(&FormOfAid::ALL, FormOfAid::as_str, "form")/>
            <SelectField id="f-field" label_key="case.field_of_law" value=field blank_key="common.all"
                options=enum_options(&FieldOfLaw::ALL, FieldOfLaw::as_str, "law")/>
            {move || {
                let opts: Vec<(String, String)> = orgs.get().unwrap_or_default().into_iter().map(|o| (o.id.to_string(), o.name)).collect();
                view! { <RawSelect id="f-org" label_key="case.organisation" value=org options=opts/> }
            }}
            {move || {
                let opts: Vec<(String, String)> = practitioners.get().unwrap_or_default().into_iter().map(|p| (p.id.to_string(), p.full_name)).collect();
                view! { <RawSelect id="f-practitioner" label_key="case.practitioner" value=practitioner options=opts/> }
            }}
            <TextField id="f-from" label_key="cases.requested_from" value=from error=form_error placeholder_key="common.date_hint"/>
            <TextField id="f-to" label_key="cases.requested_to" value=to error=form_error placeholder_key="common.date_hint"/>
            <SelectField id="f-overdue" label_key="cases.overdue" value=overdue blank_key="common.all" options=yes_no_options()/>
            <SelectField id="f-urgent" label_key="cases.urgent" value=urgent blank_key="common.all" options=yes_no_options()/>
            <SelectField id="f-sort" label_key="cases.sort" value=sort blank_key="sort.newest"
                options=enum_options(&CaseSort::ALL[1..], CaseSort::as_str, "sort")/>
            <div class="actions">
                <button type="submit" class="btn btn-primary">{tx("common.apply")}</button>
                <button type="button" class="btn" on:click=clear>{tx("common.clear")}</button>
            </div>
        </form>
        {views}
        <ExportButtons path=Callback::new(move |f| filter.get_untracked().export_path(f)) file="danh-sach-vu-viec" error=error/>
        <ErrorBox error=error/>
        <section aria-label=tx("cases.results")>{rows}</section>
    }
}

/// A select whose option labels are data (names), not i18n keys.
#[component]
pub fn RawSelect(
    id: &'static str,
    label_key: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{move || t(label_key)}</label>
            <select id=id name=id on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                <option value="" selected=move || value.get().is_empty()>{tx("common.all")}</option>
                {options.into_iter().map(|(v, l)| {
                    let v2 = v.clone();
                    view! { <option value=v selected=move || value.get() == v2>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

fn case_row(c: CaseDto) -> impl IntoView {
    let beneficiary = c
        .parties
        .iter()
        .find(|p| p.role == PartyRole::Beneficiary)
        .map(|p| p.full_name.clone())
        .unwrap_or_default();
    let code = c
        .code
        .clone()
        .unwrap_or_else(|| t("case.no_code").to_owned());
    let status = c.status;
    let form = c.form_of_aid;
    view! {
        <tr>
            <td data-label=tx("case.code")><a href=format!("/cases/{}", c.id)>{code}</a></td>
            <td data-label=tx("case.beneficiary")>{beneficiary}</td>
            <td data-label=tx("case.status")>
                <span class=format!("badge st-{}", status.as_str())>{move || label("state", status.as_str())}</span>
                {c.overdue.then(|| view! { " " <span class="badge badge-warn">{tx("cases.overdue_badge")}</span> })}
                {c.urgent.then(|| view! { " " <span class="badge badge-urgent">{tx("cases.urgent_badge")}</span> })}
            </td>
            <td data-label=tx("case.form_of_aid")>{move || label("form", form.as_str())}</td>
            <td data-label=tx("case.request_date")>{fmt_date(c.request_date)}</td>
            <td data-label=tx("case.next_deadline")>{c.next_deadline.map(fmt_date)}</td>
            <td data-label=tx("case.completeness")>{c.completeness.score}"%"</td>
        </tr>
    }
}

/// The user's saved views of the list (kept on the server, so they follow
/// the user to any browser): open one, save the filters and order shown
/// under a name, delete one.
#[component]
fn SavedViews(current: Memo<CaseFilter>, open: Callback<CaseFilter>) -> impl IntoView {
    let views = RwSignal::new(Vec::<SavedViewDto>::new());
    let chosen = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            if let Ok(v) = api::get::<Vec<SavedViewDto>>("/saved-views?list=cases").await {
                views.set(v);
            }
        })
    };
    load();
    // Picking a view opens it (on its first page).
    Effect::new(move |prev: Option<String>| {
        let id = chosen.get();
        if prev.is_some_and(|p| p != id)
            && let Some(v) =
                views.with_untracked(|vs| vs.iter().find(|v| v.id.to_string() == id).cloned())
        {
            open.run(CaseFilter::from_query(&v.query));
        }
        id
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CreateSavedView {
            list: ViewList::Cases,
            name: name.get_untracked(),
            query: current.get_untracked().first_page().to_query(),
        };
        spawn_local(async move {
            error.set(None);
            match api::send::<_, SavedViewDto>("POST", "/saved-views", &body, None).await {
                Ok(v) => {
                    notice.set(Some(format!("{} {}", t("views.saved"), v.name)));
                    name.set(String::new());
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let delete = move |_| {
        let id = chosen.get_untracked();
        if id.is_empty() || !crate::ui::confirmed(t("views.confirm_delete")) {
            return;
        }
        spawn_local(async move {
            match api::send_empty("DELETE", &format!("/saved-views/{id}")).await {
                Ok(()) => {
                    chosen.set(String::new());
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="card form-grid saved-views" on:submit=save aria-label=tx("views.title") data-testid="saved-views">
            <div class="field">
                <label for="view">{tx("views.title")}</label>
                <select id="view" prop:value=move || chosen.get() on:change=move |e| chosen.set(event_target_value(&e))>
                    <option value="">"—"</option>
                    {move || views.get().into_iter().map(|v| view! { <option value=v.id.to_string()>{v.name}</option> }).collect_view()}
                </select>
            </div>
            <TextField id="view_name" field="name" label_key="views.name" value=name error=error/>
            <div class="actions">
                <button type="submit" class="btn" data-testid="save-view">{tx("views.save")}</button>
                {move || (!chosen.get().is_empty()).then(|| view! {
                    <button type="button" class="btn btn-danger" data-testid="delete-view" on:click=delete>{tx("views.delete")}</button>
                })}
            </div>
            <div class="wide"><ErrorBox error=error/><crate::ui::Notice message=notice/></div>
        </form>
    }
}
