//! The organisation directory and its edit form, and the helpers both
//! directories share. Edits send the version read (If-Match); a 412 reloads
//! the saved record beside the form and keeps what was typed.
use crate::api;
use crate::filters::encode_pairs;
use crate::problem::ApiError;
use crate::ui::{
    ErrorBox, ExportButtons, Loading, Notice, SelectField, TextField, enum_options, label, t, tx,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tgpl_api_model::Page;
use tgpl_api_model::organisations::{OrganisationDto, UpdateOrganisation};
use tgpl_domain::OrgKind;

/// After a 412 and a reload: the saved values that differ from the form's,
/// so the user sees what the other person changed before saving over it.
#[component]
pub fn SavedDiffers(rows: Signal<Vec<(&'static str, String)>>) -> impl IntoView {
    move || {
        let rows = rows.get();
        (!rows.is_empty()).then(|| {
            view! {
                <div class="alert alert-info" role="status" data-testid="saved-differs">
                    <p><strong>{tx("common.saved_differs")}</strong></p>
                    <ul>
                        {rows.into_iter().map(|(k, v)| view! { <li>{move || t(k)}": "{v}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

pub fn differ(
    out: &mut Vec<(&'static str, String)>,
    key: &'static str,
    saved: &str,
    typed: RwSignal<String>,
) {
    if saved.trim() != typed.get().trim() {
        out.push((key, saved.to_owned()));
    }
}

pub fn opt(s: RwSignal<String>) -> Option<String> {
    Some(s.get_untracked().trim().to_owned())
}

/// An edit form's field against the record it was filled from: sent only
/// when the user changed it, so a save never writes back a stale value.
pub fn changed(s: RwSignal<String>, base: &str) -> Option<String> {
    opt(s).filter(|v| v != base.trim())
}

/// After someone else saved (412 and reload): a field the user did not
/// touch takes the saved value; one they changed keeps theirs.
pub fn follow(s: RwSignal<String>, old: &str, new: &str) {
    if s.get_untracked().trim() == old.trim() {
        s.set(new.to_owned());
    }
}

#[component]
pub fn Organisations() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let applied = RwSignal::new((String::new(), String::new()));
    let after = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    // The filters applied, as the list and its export both send them.
    let filters = |(q, kind): (String, String)| {
        let mut pairs = Vec::new();
        if !q.trim().is_empty() {
            pairs.push(("q", q));
        }
        if !kind.is_empty() {
            pairs.push(("kind", kind));
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
            api::get::<Page<OrganisationDto>>(&format!("/organisations?{qs}")).await
        }
    });
    let export = Callback::new(move |format: &'static str| {
        let pairs = filters(applied.get_untracked());
        let qs = encode_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        format!("/organisations/export/{format}?{qs}")
    });
    Effect::new(move |prev: Option<String>| {
        let k = kind.get();
        if prev.is_some() {
            after.set(None);
            applied.set((q.get_untracked(), k.clone()));
        }
        k
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
                <div class="table-wrap"><table class="table" data-testid="org-table">
                    <thead><tr>
                        <th scope="col">{tx("org.name")}</th>
                        <th scope="col">{tx("org.abbreviation")}</th>
                        <th scope="col">{tx("org.kind")}</th>
                        <th scope="col">{tx("org.province")}</th>
                        <th scope="col">{tx("common.status")}</th>
                    </tr></thead>
                    <tbody>{page.items.into_iter().map(|o| {
                        let k = o.kind; let st = o.status;
                        view! { <tr>
                            <td><a rel="external" href=format!("/desk/organisations/{}", o.id)>{o.name}</a></td>
                            <td>{o.abbreviation}</td>
                            <td>{move || label("org_kind", k.as_str())}</td>
                            <td>{o.province_name.unwrap_or_default()}</td>
                            <td>{move || label("org_status", st.as_str())}</td>
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
    view! {
        <h1>{tx("org.title")}</h1>
        <form class="card filters" role="search" on:submit=move |ev| { ev.prevent_default(); after.set(None); applied.set((q.get_untracked(), kind.get_untracked())); }>
            <TextField id="org-q" label_key="common.search" value=q error=error/>
            <SelectField id="org-kind" label_key="org.kind" value=kind blank_key="common.all" options=enum_options(&OrgKind::ALL, OrgKind::as_str, "org_kind")/>
            <div class="actions"><button type="submit" class="btn btn-primary">{tx("common.apply")}</button></div>
        </form>
        <ExportButtons path=export file="danh-sach-to-chuc" error=error/>
        <ErrorBox error=error/>
        {rows}
    }
}

#[component]
pub fn OrganisationEdit(id: String) -> impl IntoView {
    let id = StoredValue::new(id);
    let id = move || id.get_value();
    let saved = RwSignal::new(None::<OrganisationDto>);
    let version = RwSignal::new(None::<i32>);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let abbreviation = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let registration = RwSignal::new(String::new());
    let reloaded = RwSignal::new(false);
    let differs = Signal::derive(move || {
        let mut out = Vec::new();
        if reloaded.get()
            && let Some(o) = saved.get()
        {
            differ(&mut out, "org.name", &o.name, name);
            differ(&mut out, "org.abbreviation", &o.abbreviation, abbreviation);
            differ(
                &mut out,
                "org.address",
                o.address.as_deref().unwrap_or(""),
                address,
            );
            differ(
                &mut out,
                "common.phone",
                o.phone.as_deref().unwrap_or(""),
                phone,
            );
            differ(
                &mut out,
                "common.email",
                o.email.as_deref().unwrap_or(""),
                email,
            );
            differ(
                &mut out,
                "org.registration_number",
                o.registration_number.as_deref().unwrap_or(""),
                registration,
            );
        }
        out
    });
    // `fill`: copy the saved record into the form (first load only, never over typed data).
    let load = move |fill: bool| {
        let id = id();
        spawn_local(async move {
            match api::get_versioned::<OrganisationDto>(&format!("/organisations/{id}")).await {
                Ok((o, v)) => {
                    version.set(v.or(Some(o.version)));
                    if fill {
                        name.set(o.name.clone());
                        abbreviation.set(o.abbreviation.clone());
                        address.set(o.address.clone().unwrap_or_default());
                        phone.set(o.phone.clone().unwrap_or_default());
                        email.set(o.email.clone().unwrap_or_default());
                        registration.set(o.registration_number.clone().unwrap_or_default());
                    } else if let Some(old) = saved.get_untracked() {
                        let s = |v: &Option<String>| v.clone().unwrap_or_default();
                        follow(name, &old.name, &o.name);
                        follow(abbreviation, &old.abbreviation, &o.abbreviation);
                        follow(address, &s(&old.address), &s(&o.address));
                        follow(phone, &s(&old.phone), &s(&o.phone));
                        follow(email, &s(&old.email), &s(&o.email));
                        follow(
                            registration,
                            &s(&old.registration_number),
                            &s(&o.registration_number),
                        );
                    }
                    saved.set(Some(o));
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
        let Some(o) = saved.get_untracked() else {
            return;
        };
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let body = UpdateOrganisation {
            version: None,
            name: changed(name, &o.name),
            abbreviation: changed(abbreviation, &o.abbreviation),
            address: changed(address, &s(&o.address)),
            phone: changed(phone, &s(&o.phone)),
            email: changed(email, &s(&o.email)),
            registration_number: changed(registration, &s(&o.registration_number)),
            valid_from: None,
            valid_to: None,
        };
        let v = version.get_untracked();
        let id = id();
        spawn_local(async move {
            match api::send::<_, OrganisationDto>(
                "PATCH",
                &format!("/organisations/{id}"),
                &body,
                v,
            )
            .await
            {
                Ok(o) => {
                    version.set(Some(o.version));
                    saved.set(Some(o));
                    done.set(Some(t("common.saved").to_owned()));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h1>{move || saved.with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default())}</h1>
        <Notice message=done/>
        <ErrorBox error=error on_reload=Callback::new(move |_| { error.set(None); reloaded.set(true); load(false) })/>
        <SavedDiffers rows=differs/>
        {move || saved.get().map(|o| { let k = o.kind; view! {
            <p class="muted" data-testid="saved-version">{move || label("org_kind", k.as_str())}" · "{o.province_name.clone().unwrap_or_default()}" · "{tx("common.version")}" "{o.version}</p>
        }})}
        <form class="card form-grid" on:submit=submit>
            <TextField id="name" label_key="org.name" value=name error=error required=true/>
            <TextField id="abbreviation" label_key="org.abbreviation" value=abbreviation error=error required=true/>
            <TextField id="address" label_key="org.address" value=address error=error/>
            <TextField id="phone" label_key="common.phone" value=phone error=error/>
            <TextField id="email" label_key="common.email" value=email error=error kind="email"/>
            <TextField id="registration_number" label_key="org.registration_number" value=registration error=error/>
            <div class="actions">
                <button type="submit" class="btn btn-primary">{tx("common.save")}</button>
                <a class="btn" href="/organisations">{tx("common.back")}</a>
                {move || saved.get().map(|o| view! { <a class="btn" rel="external" href=format!("/desk/audit?entity=organisation&entity_id={}", o.id)>{tx("nav.audit")}</a> })}
            </div>
        </form>
    }
}
