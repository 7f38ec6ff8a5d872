//! Administering the registers (issue #13 item 4): create an organisation
//! (kind, name, abbreviation, province, parent, contract or registration
//! number, validity), deactivate or merge one (each confirmed: they cannot
//! be undone), register a practitioner, and transfer one to another
//! organisation. The kinds offered and the buttons come from the policy.
use crate::desk::{get, post};
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Notice, TextField, label, t, tx};
use crate::value::{items, opt, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};
use tgpl_domain::policy::{Actor, may_create_organisation, may_register_practitioners};
use tgpl_domain::{OrgKind, PractitionerKind};

fn signed_in() -> Option<Actor> {
    crate::session::globals()
        .session
        .with_untracked(|s| s.as_ref().map(crate::case_rules::actor))
}

/// Whether the registers screen has anything for this user.
pub fn opens(a: &Actor) -> bool {
    may_register_practitioners(a) || OrgKind::ALL.iter().any(|k| may_create_organisation(a, *k))
}

/// A labelled select over `(value, text)` pairs.
fn choice(
    id: &'static str,
    label_key: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{move || t(label_key)}</label>
            <select id=id name=id prop:value=move || value.get() on:change=move |e| value.set(event_target_value(&e))>
                <option value="">"—"</option>
                {move || options.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn RegistersScreen() -> impl IntoView {
    let actor = signed_in();
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let orgs = RwSignal::new(Vec::<Value>::new());
    let people = RwSignal::new(Vec::<Value>::new());
    let reload = move || {
        spawn_local(async move {
            match get("/organisations?limit=200").await {
                Ok(v) => orgs.set(items(&v)),
                Err(e) => error.set(Some(e)),
            }
            if let Ok(v) = get("/practitioners?limit=200").await {
                people.set(items(&v));
            }
        })
    };
    reload();
    let org_options = Signal::derive(move || {
        orgs.get()
            .iter()
            .filter(|o| text(o, "status") == "active")
            .map(|o| (text(o, "id"), text(o, "name")))
            .collect::<Vec<_>>()
    });
    let people_options = Signal::derive(move || {
        people
            .get()
            .iter()
            .filter(|p| text(p, "status") != "left")
            .map(|p| {
                (
                    text(p, "id"),
                    format!("{} ({})", text(p, "full_name"), text(p, "card_number")),
                )
            })
            .collect::<Vec<_>>()
    });
    let done = move |key: &'static str, name: String| {
        error.set(None);
        notice.set(Some(format!("{} {name}", t(key))));
        reload();
    };

    // --- A new organisation -------------------------------------------------
    let kinds: Vec<(String, String)> = OrgKind::ALL
        .iter()
        .filter(|k| {
            actor
                .as_ref()
                .is_some_and(|a| may_create_organisation(a, **k))
        })
        .map(|k| {
            (
                k.as_str().to_owned(),
                label("org_kind", k.as_str()).to_owned(),
            )
        })
        .collect();
    let has_kinds = !kinds.is_empty();
    let kinds = Signal::derive(move || kinds.clone());
    let o_kind = RwSignal::new(String::new());
    let o_name = RwSignal::new(String::new());
    let o_abbr = RwSignal::new(String::new());
    let o_province = RwSignal::new(
        actor
            .as_ref()
            .and_then(|a| a.province.map(|p| p.as_str().to_owned()))
            .unwrap_or_default(),
    );
    let o_parent = RwSignal::new(String::new());
    let o_address = RwSignal::new(String::new());
    let o_phone = RwSignal::new(String::new());
    let o_email = RwSignal::new(String::new());
    let o_number = RwSignal::new(String::new());
    let o_from = RwSignal::new(String::new());
    let o_to = RwSignal::new(String::new());
    let create_org = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = json!({
            "kind": opt(&o_kind.get_untracked()),
            "name": o_name.get_untracked().trim(),
            "abbreviation": o_abbr.get_untracked().trim(),
            "province_code": opt(&o_province.get_untracked()),
            "parent_id": opt(&o_parent.get_untracked()),
            "address": opt(&o_address.get_untracked()),
            "phone": opt(&o_phone.get_untracked()),
            "email": opt(&o_email.get_untracked()),
            "registration_number": opt(&o_number.get_untracked()),
            "valid_from": opt(&o_from.get_untracked()),
            "valid_to": opt(&o_to.get_untracked()),
        });
        spawn_local(async move {
            match post("/organisations", body).await {
                Ok(o) => {
                    for s in [
                        o_name, o_abbr, o_address, o_phone, o_email, o_number, o_from, o_to,
                    ] {
                        s.set(String::new());
                    }
                    done("registers.org_created", text(&o, "name"));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    // --- Deactivate or merge ------------------------------------------------
    let m_org = RwSignal::new(String::new());
    let m_into = RwSignal::new(String::new());
    let picked = move || {
        orgs.with(|l| {
            l.iter()
                .find(|o| text(o, "id") == m_org.get_untracked())
                .cloned()
        })
    };
    let deactivate = move |_| {
        let Some(o) = picked() else { return };
        if !crate::ui::confirmed(&format!(
            "{} {}?",
            t("registers.confirm_deactivate"),
            text(&o, "name")
        )) {
            return;
        }
        spawn_local(async move {
            let path = format!("/organisations/{}/deactivate", text(&o, "id"));
            match post(&path, json!({"version": o["version"]})).await {
                Ok(_) => done("registers.deactivated", text(&o, "name")),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let merge = move |_| {
        let Some(o) = picked() else { return };
        let into = m_into.get_untracked();
        let target = orgs.with_untracked(|l| {
            l.iter()
                .find(|x| text(x, "id") == into)
                .map(|x| text(x, "name"))
        });
        let Some(target) = target else { return };
        let q = format!(
            "{} {} → {}?",
            t("registers.confirm_merge"),
            text(&o, "name"),
            target
        );
        if !crate::ui::confirmed(&q) {
            return;
        }
        spawn_local(async move {
            let path = format!("/organisations/{}/merge", text(&o, "id"));
            match post(&path, json!({"into_id": into, "version": o["version"]})).await {
                Ok(_) => done("registers.merged", text(&o, "name")),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    // --- A new practitioner -------------------------------------------------
    let p_kind = RwSignal::new(String::new());
    let p_name = RwSignal::new(String::new());
    let p_card = RwSignal::new(String::new());
    let p_org = RwSignal::new(String::new());
    let p_phone = RwSignal::new(String::new());
    let p_email = RwSignal::new(String::new());
    let p_start = RwSignal::new(String::new());
    let p_end = RwSignal::new(String::new());
    let p_quota = RwSignal::new(String::new());
    let practitioner_kinds = Signal::derive(|| {
        PractitionerKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str().to_owned(),
                    label("practitioner_kind", k.as_str()).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let create_practitioner = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let quota = p_quota.get_untracked().trim().parse::<i32>().ok();
        let body = json!({
            "kind": opt(&p_kind.get_untracked()),
            "full_name": p_name.get_untracked().trim(),
            "card_number": p_card.get_untracked().trim(),
            "organisation_id": opt(&p_org.get_untracked()),
            "phone": opt(&p_phone.get_untracked()),
            "email": opt(&p_email.get_untracked()),
            "contract_start": opt(&p_start.get_untracked()),
            "contract_end": opt(&p_end.get_untracked()),
            "annual_quota": quota,
        });
        spawn_local(async move {
            match post("/practitioners", body).await {
                Ok(p) => {
                    for s in [p_name, p_card, p_phone, p_email, p_start, p_end, p_quota] {
                        s.set(String::new());
                    }
                    done("registers.practitioner_created", text(&p, "full_name"));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    // --- Transfer -----------------------------------------------------------
    let t_who = RwSignal::new(String::new());
    let t_to = RwSignal::new(String::new());
    let t_on = RwSignal::new(String::new());
    let t_reason = RwSignal::new(String::new());
    let transfer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = t_who.get_untracked();
        let Some(p) = people.with_untracked(|l| l.iter().find(|p| text(p, "id") == who).cloned())
        else {
            return;
        };
        let body = json!({
            "to_organisation_id": opt(&t_to.get_untracked()),
            "effective_on": opt(&t_on.get_untracked()),
            "reason": opt(&t_reason.get_untracked()),
            "version": p["version"],
        });
        spawn_local(async move {
            match post(&format!("/practitioners/{who}/transfer"), body).await {
                Ok(_) => done("registers.transferred", text(&p, "full_name")),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let practitioners = actor.as_ref().is_some_and(may_register_practitioners);

    view! {
        <p class="muted">{tx("registers.lead")}</p>
        <ErrorBox error=error/>
        <Notice message=notice/>
        {has_kinds.then(|| view! {
            <section class="card" aria-labelledby="org-new">
                <h2 id="org-new">{tx("registers.org_new")}</h2>
                <form class="form-grid" on:submit=create_org novalidate data-testid="org-create">
                    {choice("kind", "registers.kind", o_kind, kinds)}
                    <TextField id="name" label_key="org.name" kind="text" value=o_name error=error/>
                    <TextField id="abbreviation" label_key="org.abbreviation" kind="text" value=o_abbr error=error/>
                    <TextField id="province_code" label_key="registers.province" kind="text" value=o_province error=error/>
                    {choice("parent_id", "registers.parent", o_parent, org_options)}
                    <TextField id="address" label_key="org.address" kind="text" value=o_address error=error/>
                    <TextField id="phone" label_key="common.phone" kind="tel" value=o_phone error=error/>
                    <TextField id="email" label_key="common.email" kind="email" value=o_email error=error/>
                    <TextField id="registration_number" label_key="org.registration_number" kind="text" value=o_number error=error/>
                    <TextField id="valid_from" label_key="registers.valid_from" kind="date" value=o_from error=error/>
                    <TextField id="valid_to" label_key="registers.valid_to" kind="date" value=o_to error=error/>
                    <div class="actions"><button type="submit" class="btn btn-primary">{tx("registers.create")}</button></div>
                </form>
            </section>
            <section class="card" aria-labelledby="org-end">
                <h2 id="org-end">{tx("registers.org_end")}</h2>
                <div class="form-grid">
                    {choice("end_org", "registers.org", m_org, org_options)}
                    {choice("merge_into", "registers.merge_into", m_into, org_options)}
                </div>
                <div class="actions">
                    <button type="button" class="btn" data-testid="org-deactivate" on:click=deactivate>{tx("registers.deactivate")}</button>
                    <button type="button" class="btn" data-testid="org-merge" on:click=merge>{tx("registers.merge")}</button>
                </div>
            </section>
        })}
        {practitioners.then(|| view! {
            <section class="card" aria-labelledby="p-new">
                <h2 id="p-new">{tx("registers.practitioner_new")}</h2>
                <form class="form-grid" on:submit=create_practitioner novalidate data-testid="practitioner-create">
                    {choice("p_kind", "registers.practitioner_kind", p_kind, practitioner_kinds)}
                    <TextField id="full_name" label_key="practitioner.full_name" kind="text" value=p_name error=error/>
                    <TextField id="card_number" label_key="practitioner.card_number" kind="text" value=p_card error=error/>
                    {choice("organisation_id", "registers.org", p_org, org_options)}
                    <TextField id="p_phone" field="phone" label_key="common.phone" kind="tel" value=p_phone error=error/>
                    <TextField id="p_email" field="email" label_key="common.email" kind="email" value=p_email error=error/>
                    <TextField id="contract_start" label_key="practitioner.contract_start" kind="date" value=p_start error=error/>
                    <TextField id="contract_end" label_key="practitioner.contract_end" kind="date" value=p_end error=error/>
                    <TextField id="annual_quota" label_key="practitioner.quota" kind="number" value=p_quota error=error/>
                    <div class="actions"><button type="submit" class="btn btn-primary">{tx("registers.create")}</button></div>
                </form>
            </section>
            <section class="card" aria-labelledby="p-move">
                <h2 id="p-move">{tx("registers.transfer_title")}</h2>
                <form class="form-grid" on:submit=transfer novalidate data-testid="practitioner-transfer">
                    {choice("transfer_who", "registers.practitioner", t_who, people_options)}
                    {choice("to_organisation_id", "registers.transfer_to", t_to, org_options)}
                    <TextField id="effective_on" label_key="registers.effective_on" kind="date" value=t_on error=error/>
                    <TextField id="reason" label_key="registers.reason" kind="text" value=t_reason error=error/>
                    <div class="actions"><button type="submit" class="btn btn-primary">{tx("registers.transfer")}</button></div>
                </form>
            </section>
        })}
    }
}
