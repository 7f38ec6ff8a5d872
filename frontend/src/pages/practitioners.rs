//! The practitioner directory and its edit form (If-Match; a 412 reloads
//! the saved record beside the form and keeps what was typed).
use crate::api;
use crate::filters::encode_pairs;
use crate::format::{fmt_opt_date, parse_date};
use crate::pages::directory::{SavedDiffers, changed, differ, follow};
use crate::problem::ApiError;
use crate::ui::{
    ErrorBox, ExportButtons, Loading, Notice, SelectField, TextField, enum_options, label, t, tx,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tgpl_api_model::Page;
use tgpl_api_model::practitioners::{PractitionerDto, UpdatePractitioner};
use tgpl_domain::{PractitionerKind, PractitionerStatus};

#[component]
pub fn Practitioners() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let applied = RwSignal::new((String::new(), String::new(), String::new()));
    let after = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    // The filters applied, as the list and its export both send them.
    let filters = |(q, kind, status): (String, String, String)| {
        let mut pairs = Vec::new();
        if !q.trim().is_empty() {
            pairs.push(("q", q));
        }
        if !kind.is_empty() {
            pairs.push(("kind", kind));
        }
        if !status.is_empty() {
            pairs.push(("status", status));
        }
        pairs
    };
    let list = crate::ui::resource(move || {
        let mut pairs = filters(applied.get());
        pairs.push(("limit", "50".to_owned()));
        if let Some(a) = after.get() {
            pairs.push(("after", a));
        }
        async move {
            let qs = encode_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
            api::get::<Page<PractitionerDto>>(&format!("/practitioners?{qs}")).await
        }
    });
    let export = Callback::new(move |format: &'static str| {
        let pairs = filters(applied.get_untracked());
        let qs = encode_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        format!("/practitioners/export/{format}?{qs}")
    });
    let rows = move || match list.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => {
            error.set(Some(e));
            ().into_any()
        }
        Some(Ok(page)) => {
            let next = page.next.clone();
            let total = crate::ui::total_line(page.total, "list-total", "common.matching");
            view! {
                {total}
                <div class="table-wrap"><table class="table" data-testid="practitioner-table">
                    <thead><tr>
                        <th scope="col">{tx("practitioner.full_name")}</th>
                        <th scope="col">{tx("practitioner.kind")}</th>
                        <th scope="col">{tx("practitioner.card_number")}</th>
                        <th scope="col">{tx("practitioner.quota")}</th>
                        <th scope="col">{tx("common.status")}</th>
                    </tr></thead>
                    <tbody>{page.items.into_iter().map(|p| {
                        let k = p.kind; let st = p.status;
                        view! { <tr>
                            <td><a rel="external" href=format!("/desk/practitioners/{}", p.id)>{p.full_name}</a></td>
                            <td>{move || label("practitioner_kind", k.as_str())}</td>
                            <td>{p.card_number}</td>
                            <td>{p.annual_quota.map(|q| q.to_string()).unwrap_or_default()}</td>
                            <td>{move || label("practitioner_status", st.as_str())}</td>
                        </tr> }
                    }).collect_view()}</tbody>
                </table></div>
                <div class="pager">
                    {move || after.get().is_some().then(|| view! { <button type="button" class="btn" on:click=move |_| after.set(None)>{tx("common.first_page")}</button> })}
                    {next.map(|n| view! { <button type="button" class="btn" on:click=move |_| after.set(Some(n.clone()))>{tx("common.next_page")}</button> })}
                </div>
            }.into_any()
        }
    };
    let statuses = vec![
        ("active".to_owned(), "practitioner_status.active".to_owned()),
        (
            "suspended".to_owned(),
            "practitioner_status.suspended".to_owned(),
        ),
        ("left".to_owned(), "practitioner_status.left".to_owned()),
    ];
    view! {
        <h1>{tx("practitioner.title")}</h1>
        <form class="card filters" role="search" on:submit=move |ev| { ev.prevent_default(); after.set(None); applied.set((q.get_untracked(), kind.get_untracked(), status.get_untracked())); }>
            <TextField id="pr-q" label_key="common.search" value=q error=error/>
            <SelectField id="pr-kind" label_key="practitioner.kind" value=kind blank_key="common.all" options=enum_options(&PractitionerKind::ALL, PractitionerKind::as_str, "practitioner_kind")/>
            <SelectField id="pr-status" label_key="common.status" value=status blank_key="common.all" options=statuses/>
            <div class="actions"><button type="submit" class="btn btn-primary">{tx("common.apply")}</button></div>
        </form>
        <ExportButtons path=export file="danh-sach-nguoi-thuc-hien" error=error/>
        <ErrorBox error=error/>
        {rows}
    }
}

/// The form's fields of a saved record, as the form shows them.
fn texts(p: &PractitionerDto) -> [String; 8] {
    [
        p.full_name.clone(),
        p.card_number.clone(),
        p.phone.clone().unwrap_or_default(),
        p.email.clone().unwrap_or_default(),
        p.annual_quota.map(|q| q.to_string()).unwrap_or_default(),
        p.status.as_str().to_owned(),
        fmt_opt_date(p.contract_start),
        fmt_opt_date(p.contract_end),
    ]
}

#[component]
pub fn PractitionerEdit(id: String) -> impl IntoView {
    let id = StoredValue::new(id);
    let id = move || id.get_value();
    let saved = RwSignal::new(None::<PractitionerDto>);
    let version = RwSignal::new(None::<i32>);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let full_name = RwSignal::new(String::new());
    let card = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let quota = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let contract_start = RwSignal::new(String::new());
    let contract_end = RwSignal::new(String::new());
    let reloaded = RwSignal::new(false);
    let differs = Signal::derive(move || {
        let mut out = Vec::new();
        if reloaded.get()
            && let Some(p) = saved.get()
        {
            differ(&mut out, "practitioner.full_name", &p.full_name, full_name);
            differ(&mut out, "practitioner.card_number", &p.card_number, card);
            differ(
                &mut out,
                "common.phone",
                p.phone.as_deref().unwrap_or(""),
                phone,
            );
            differ(
                &mut out,
                "common.email",
                p.email.as_deref().unwrap_or(""),
                email,
            );
            let q = p.annual_quota.map(|q| q.to_string()).unwrap_or_default();
            differ(&mut out, "practitioner.quota", &q, quota);
        }
        out
    });
    let load = move |fill: bool| {
        let id = id();
        spawn_local(async move {
            match api::get_versioned::<PractitionerDto>(&format!("/practitioners/{id}")).await {
                Ok((p, v)) => {
                    version.set(v.or(Some(p.version)));
                    let form = [
                        full_name,
                        card,
                        phone,
                        email,
                        quota,
                        status,
                        contract_start,
                        contract_end,
                    ];
                    let now = texts(&p);
                    if fill {
                        for (sig, v) in form.into_iter().zip(now) {
                            sig.set(v);
                        }
                    } else if let Some(old) = saved.get_untracked() {
                        for ((sig, was), v) in form.into_iter().zip(texts(&old)).zip(now) {
                            follow(sig, &was, &v);
                        }
                    }
                    saved.set(Some(p));
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    load(true);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(None);
        let Some(p) = saved.get_untracked() else {
            return;
        };
        // Only what the user changed is sent (a 412 never reverts another's change).
        let base = texts(&p);
        let annual_quota = match changed(quota, &base[4]) {
            None => None,
            Some(q) => match q.parse::<i32>() {
                Ok(q) => Some(q),
                Err(_) => {
                    return error.set(Some(crate::pages::local_error("annual_quota", "range")));
                }
            },
        };
        let body = UpdatePractitioner {
            version: None,
            full_name: changed(full_name, &base[0]),
            card_number: changed(card, &base[1]),
            status: changed(status, &base[5])
                .and_then(|s| PractitionerStatus::parse(&s).ok())
                .filter(|s| *s != PractitionerStatus::Left),
            sex: None,
            date_of_birth: None,
            phone: changed(phone, &base[2]),
            email: changed(email, &base[3]),
            contract_start: changed(contract_start, &base[6]).and_then(|d| parse_date(&d)),
            contract_end: changed(contract_end, &base[7]).and_then(|d| parse_date(&d)),
            annual_quota,
        };
        let v = version.get_untracked();
        let id = id();
        spawn_local(async move {
            match api::send::<_, PractitionerDto>(
                "PATCH",
                &format!("/practitioners/{id}"),
                &body,
                v,
            )
            .await
            {
                Ok(p) => {
                    version.set(Some(p.version));
                    saved.set(Some(p));
                    done.set(Some(t("common.saved").to_owned()));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let statuses = vec![
        ("active".to_owned(), "practitioner_status.active".to_owned()),
        (
            "suspended".to_owned(),
            "practitioner_status.suspended".to_owned(),
        ),
    ];
    view! {
        <h1>{move || saved.with(|p| p.as_ref().map(|p| p.full_name.clone()).unwrap_or_default())}</h1>
        <Notice message=done/>
        <ErrorBox error=error on_reload=Callback::new(move |_| { error.set(None); reloaded.set(true); load(false) })/>
        <SavedDiffers rows=differs/>
        {move || saved.get().map(|p| { let k = p.kind; view! {
            <p class="muted" data-testid="saved-version">{move || label("practitioner_kind", k.as_str())}" · "{tx("common.version")}" "{p.version}</p>
        }})}
        <form class="card form-grid" on:submit=submit>
            <TextField id="full_name" label_key="practitioner.full_name" value=full_name error=error required=true/>
            <TextField id="card_number" label_key="practitioner.card_number" value=card error=error required=true/>
            <TextField id="phone" label_key="common.phone" value=phone error=error/>
            <TextField id="email" label_key="common.email" value=email error=error kind="email"/>
            <TextField id="annual_quota" label_key="practitioner.quota" value=quota error=error/>
            <SelectField id="status" label_key="common.status" value=status options=statuses error=error/>
            <TextField id="contract_start" label_key="practitioner.contract_start" value=contract_start error=error placeholder_key="common.date_hint"/>
            <TextField id="contract_end" label_key="practitioner.contract_end" value=contract_end error=error placeholder_key="common.date_hint"/>
            <div class="actions">
                <button type="submit" class="btn btn-primary">{tx("common.save")}</button>
                <a class="btn" href="/practitioners">{tx("common.back")}</a>
                {move || saved.get().map(|p| view! { <a class="btn" rel="external" href=format!("/desk/audit?entity=practitioner&entity_id={}", p.id)>{tx("nav.audit")}</a> })}
            </div>
        </form>
    }
}
