//! Intake of a new request (form 02-TP-TGPL). Eligibility is assessed as the
//! clerk types, by the domain's rules in force on the request date (the same
//! `tgpl_domain::eligibility::assess_in` over the same table the server
//! judges by, `crate::categories`).
use crate::api;
use crate::format::{fmt_date, parse_date, parse_vn_datetime, to_vn};
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{ErrorBox, FieldErr, SelectField, TextArea, TextField, enum_options, label, t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::collections::BTreeMap;
use tgpl_api_model::cases::{CaseCreated, CreateCase, PartyInput};
use tgpl_domain::case::{Channel, FieldOfLaw, FormOfAid, PartyRole, ProceduralRole};
use tgpl_domain::eligibility::{Beneficiary, ClaimOutcome, ClaimedCategory, Verdict, assess_in};

/// What intake has ticked for one category: (proof documents present, financial hardship proven).
type Claims = BTreeMap<String, (bool, bool)>;

pub fn claimed(claims: &Claims) -> Vec<ClaimedCategory> {
    claims
        .iter()
        .map(|(code, (proof, hardship))| ClaimedCategory {
            code: code.clone(),
            proof_documents_present: *proof,
            financial_hardship_proven: *hardship,
        })
        .collect()
}

#[derive(Clone, Copy)]
struct PartyRow {
    role: RwSignal<String>,
    full_name: RwSignal<String>,
    date_of_birth: RwSignal<String>,
    procedural_role: RwSignal<String>,
    address: RwSignal<String>,
    phone: RwSignal<String>,
    id_number: RwSignal<String>,
    sex: RwSignal<String>,
    ethnicity: RwSignal<String>,
}

impl PartyRow {
    fn new(role: PartyRole) -> Self {
        PartyRow {
            role: RwSignal::new(role.as_str().to_owned()),
            full_name: RwSignal::new(String::new()),
            date_of_birth: RwSignal::new(String::new()),
            procedural_role: RwSignal::new(String::new()),
            address: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            id_number: RwSignal::new(String::new()),
            sex: RwSignal::new(String::new()),
            ethnicity: RwSignal::new(String::new()),
        }
    }

    fn to_input(self) -> Option<PartyInput> {
        let name = self.full_name.get_untracked().trim().to_owned();
        if name.is_empty() {
            return None;
        }
        let opt = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
        };
        Some(PartyInput {
            role: PartyRole::parse(&self.role.get_untracked()).unwrap_or(PartyRole::Beneficiary),
            full_name: name,
            sex: opt(self.sex),
            date_of_birth: parse_date(&self.date_of_birth.get_untracked()),
            procedural_role: ProceduralRole::parse(&self.procedural_role.get_untracked()).ok(),
            ethnicity: opt(self.ethnicity),
            address: opt(self.address),
            phone: opt(self.phone),
            id_number: opt(self.id_number),
        })
    }
}

#[component]
pub fn Intake() -> impl IntoView {
    let g = globals();
    let navigate = use_navigate();
    let today = fmt_date(to_vn(crate::format::now()).date_naive());
    let request_date = RwSignal::new(today.clone());
    let channel = RwSignal::new(Channel::InPerson.as_str().to_owned());
    let form = RwSignal::new(String::new());
    let field = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let claims = RwSignal::new(Claims::new());
    let parties = RwSignal::new(vec![PartyRow::new(PartyRole::Beneficiary)]);
    let limitation = RwSignal::new(String::new());
    let trial = RwSignal::new(String::new());
    let court_appointed = RwSignal::new(false);
    // Referrals: when the notice from police, prosecution or court came
    // (they must pass a detained person's request on within 12 h).
    let referral_date = RwSignal::new(String::new());
    let referral_time = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let date = Memo::new(move |_| parse_date(&request_date.get()));
    let in_force = Memo::new(move |_| {
        date.get()
            .map(|d| {
                // The server's table (the admin may have changed it).
                crate::categories::in_force(d)
            })
            .unwrap_or_default()
    });
    // Categories not in force on a changed request date are dropped from the claims.
    Effect::new(move |_| {
        let codes: Vec<String> = in_force.get().iter().map(|c| c.code.to_string()).collect();
        claims.update(|m| m.retain(|k, _| codes.contains(k)));
    });
    let assessment = Memo::new(move |_| {
        let d = date.get()?;
        let c = claims.with(claimed);
        // Clauses 3, 5, 6, 7(c), 7(đ) read the beneficiary's age and role.
        let person = parties.with(|ps| {
            ps.iter()
                .find(|p| p.role.get() == PartyRole::Beneficiary.as_str())
                .map(|p| Beneficiary {
                    date_of_birth: parse_date(&p.date_of_birth.get()),
                    procedural_role: ProceduralRole::parse(&p.procedural_role.get()).ok(),
                })
                .unwrap_or_default()
        });
        (!c.is_empty()).then(|| assess_in(&crate::categories::table(), d, &person, &c))
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        error.set(None);
        let Some(org) = g
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.me.organisation_id))
        else {
            return;
        };
        let body = CreateCase {
            organisation_id: org,
            channel: Channel::parse(&channel.get_untracked()).unwrap_or(Channel::InPerson),
            referral_received_at: if channel.get_untracked() == Channel::Referral.as_str() {
                parse_vn_datetime(
                    &referral_date.get_untracked(),
                    &referral_time.get_untracked(),
                )
            } else {
                None
            },
            // Today's date is left to the server (its clock decides "today").
            request_date: date
                .get_untracked()
                .filter(|_| request_date.get_untracked() != today),
            form_of_aid: match FormOfAid::parse(&form.get_untracked()) {
                Ok(f) => f,
                Err(_) => {
                    return error.set(Some(crate::pages::local_error("form_of_aid", "required")));
                }
            },
            field_of_law: match FieldOfLaw::parse(&field.get_untracked()) {
                Ok(f) => f,
                Err(_) => {
                    return error.set(Some(crate::pages::local_error("field_of_law", "required")));
                }
            },
            summary: summary.get_untracked(),
            eligibility: claims.with_untracked(claimed),
            parties: parties
                .get_untracked()
                .into_iter()
                .filter_map(PartyRow::to_input)
                .collect(),
            limitation_period_ends: parse_date(&limitation.get_untracked()),
            trial_date: parse_date(&trial.get_untracked()),
            court_appointed_defence: court_appointed.get_untracked(),
        };
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::send::<_, CaseCreated>("POST", "/cases", &body, None).await {
                Ok(created) => navigate(&format!("/cases/{}", created.case.id), Default::default()),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    let categories = move || {
        in_force
            .get()
            .into_iter()
            .map(|c| {
                let code = c.code.to_string();
                let (c1, c2, c3) = (code.clone(), code.clone(), code.clone());
                let is_claimed = Signal::derive(move || claims.with(|m| m.contains_key(&c1)));
                let hardship_needed = c.requires_financial_hardship;
                let proofs = c.proof_documents.join("; ");
                let id = format!("cat-{code}");
                let id2 = id.clone();
                let proof_id = format!("proof-{code}");
                view! {
                    <li class="category">
                        <input type="checkbox" id=id.clone() data-testid=id.clone()
                            prop:checked=move || is_claimed.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                claims.update(|m| { if on { m.entry(c2.clone()).or_insert((false, false)); } else { m.remove(&c2); } });
                            }/>
                        <label for=id2>{format!("{}. ", c.clause)}{move || crate::ui::category_name(&c)}</label>
                        {move || is_claimed.get().then(|| {
                            let (p1, p2, h1, h2) = (c3.clone(), c3.clone(), c3.clone(), c3.clone());
                            view! {
                                <div class="sub">
                                    <label><input type="checkbox" data-testid=proof_id.clone()
                                        prop:checked=move || claims.with(|m| m.get(&p1).is_some_and(|v| v.0))
                                        on:change=move |ev| { let on = event_target_checked(&ev); claims.update(|m| if let Some(v) = m.get_mut(&p2) { v.0 = on; }); }/>
                                        " " {tx("intake.proof_present")}</label>
                                    <span class="muted small">{proofs.clone()}</span>
                                    {hardship_needed.then(|| view! {
                                        <label><input type="checkbox"
                                            prop:checked=move || claims.with(|m| m.get(&h1).is_some_and(|v| v.1))
                                            on:change=move |ev| { let on = event_target_checked(&ev); claims.update(|m| if let Some(v) = m.get_mut(&h2) { v.1 = on; }); }/>
                                            " " {tx("intake.hardship_proven")}</label>
                                    })}
                                </div>
                            }
                        })}
                    </li>
                }
            })
            .collect_view()
    };

    // The beneficiary's age on the request date, from the recorded birth date.
    let beneficiary_age = move || {
        let d = date.get_untracked()?;
        parties.with_untracked(|ps| {
            ps.iter()
                .find(|p| p.role.get_untracked() == PartyRole::Beneficiary.as_str())
                .and_then(|p| parse_date(&p.date_of_birth.get_untracked()))
                .and_then(|b| tgpl_domain::eligibility::age_on(b, d))
        })
    };
    let verdict_panel = move || match assessment.get() {
        None => {
            view! { <p class="muted" data-testid="verdict">{tx("intake.no_claim")}</p> }.into_any()
        }
        Some(a) => {
            let (class, code, key) = match a.verdict {
                Verdict::Eligible => ("verdict ok", "eligible", "verdict.eligible"),
                Verdict::EligiblePendingProof => (
                    "verdict pending",
                    "eligible_pending_proof",
                    "verdict.eligible_pending_proof",
                ),
                Verdict::NotEligible => ("verdict bad", "not_eligible", "verdict.not_eligible"),
            };
            view! {
                <div class=class data-testid="verdict" data-verdict=code>
                    <strong>{move || t(key)}</strong>
                    <ul>
                        {a.claims.into_iter().map(|c| {
                            let o: ClaimOutcome = c.outcome;
                            // The category by its clause and name, and, where
                            // age decides, the age on the request date.
                            let name = in_force.with(|cs| cs.iter().find(|k| k.code == c.code.as_str())
                                .map(|k| format!("{}. {}", k.clause, crate::ui::category_name(k)))).unwrap_or_else(|| c.code.clone());
                            let age = matches!(o, ClaimOutcome::AgeNotCovered | ClaimOutcome::Satisfied)
                                .then(beneficiary_age)
                                .flatten()
                                .filter(|_| in_force.with(|cs| cs.iter().any(|k| k.code == c.code.as_str() && (k.min_age.is_some() || k.age_under.is_some()))));
                            view! { <li>{name}": "{move || label("claim", o.as_str())}
                                {age.map(|n| view! { " ("{tx("intake.age_on_request")}" "{n}")" })}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        }
    };

    let party_rows = move || {
        parties
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let nid = format!("party-{i}-name");
                let did = format!("party-{i}-dob");
                let aid = format!("party-{i}-address");
                let rid = format!("party-{i}-role");
                let iid = format!("party-{i}-id");
                let pid = format!("party-{i}-procedural-role");
                let sid = format!("party-{i}-sex");
                let eid = format!("party-{i}-ethnicity");
                let tid = format!("party-{i}-phone");
                view! {
                    <fieldset class="party">
                        <legend>{tx("party.legend")}" "{i + 1}</legend>
                        <div class="field"><label for=rid.clone()>{tx("party.role")}</label>
                            <select id=rid on:change=move |ev| p.role.set(event_target_value(&ev)) prop:value=move || p.role.get()>
                                {PartyRole::ALL.into_iter().map(|r| {
                                    let s = r.as_str();
                                    view! { <option value=s selected=move || p.role.get() == s>{move || label("party_role", s)}</option> }
                                }).collect_view()}
                            </select></div>
                        <div class="field"><label for=nid.clone()>{tx("party.full_name")}" *"</label>
                            <input id=nid type="text" bind:value=p.full_name/></div>
                        <div class="field"><label for=sid.clone()>{tx("party.sex")}</label>
                            <select id=sid on:change=move |ev| p.sex.set(event_target_value(&ev)) prop:value=move || p.sex.get()>
                                <option value="">"—"</option>
                                {["male", "female"].into_iter().map(|s| view! { <option value=s>{move || label("sex", s)}</option> }).collect_view()}
                            </select></div>
                        <div class="field"><label for=did.clone()>{tx("party.date_of_birth")}</label>
                            <input id=did type="text" placeholder=tx("common.date_hint") bind:value=p.date_of_birth/></div>
                        <div class="field"><label for=pid.clone()>{tx("party.procedural_role")}</label>
                            <select id=pid on:change=move |ev| p.procedural_role.set(event_target_value(&ev)) prop:value=move || p.procedural_role.get()>
                                <option value="" selected=move || p.procedural_role.get().is_empty()>{tx("party.procedural_role_none")}</option>
                                {ProceduralRole::ALL.into_iter().map(|r| {
                                    let s = r.as_str();
                                    view! { <option value=s selected=move || p.procedural_role.get() == s>{move || label("procedural_role", s)}</option> }
                                }).collect_view()}
                            </select></div>
                        <div class="field"><label for=eid.clone()>{tx("party.ethnicity")}</label>
                            <input id=eid type="text" bind:value=p.ethnicity/></div>
                        <div class="field"><label for=tid.clone()>{tx("party.phone")}</label>
                            <input id=tid type="tel" autocomplete="off" bind:value=p.phone/></div>
                        <div class="field"><label for=iid.clone()>{tx("party.id_number")}</label>
                            <input id=iid type="text" bind:value=p.id_number/></div>
                        <div class="field wide"><label for=aid.clone()>{tx("party.address")}</label>
                            <input id=aid type="text" bind:value=p.address/></div>
                        {(i > 0).then(|| view! {
                            <button type="button" class="btn btn-small" on:click=move |_| parties.update(|v| { v.remove(i); })>{tx("party.remove")}</button>
                        })}
                    </fieldset>
                }
            })
            .collect_view()
    };

    view! {
        <h1>{tx("intake.title")}</h1>
        <form class="intake" on:submit=submit novalidate>
            <ErrorBox error=error/>
            <div class="grid2">
                <section class="card">
                    <h2>{tx("intake.request")}</h2>
                    <TextField id="request_date" label_key="case.request_date" value=request_date error=error placeholder_key="common.date_hint" required=true/>
                    <SelectField id="channel" label_key="case.channel" value=channel options=enum_options(&Channel::ALL, Channel::as_str, "channel") error=error/>
                    {move || (channel.get() == Channel::Referral.as_str()).then(|| view! {
                        <TextField id="referral_date" field="referral_received_at" label_key="intake.referral_date" value=referral_date error=error placeholder_key="common.date_hint"/>
                        <TextField id="referral_time" label_key="intake.referral_time" value=referral_time error=error placeholder_key="hearing.time_hint"/>
                    })}
                    <SelectField id="form_of_aid" label_key="case.form_of_aid" value=form blank_key="common.choose" required=true
                        options=enum_options(&FormOfAid::ALL, FormOfAid::as_str, "form") error=error/>
                    <SelectField id="field_of_law" label_key="case.field_of_law" value=field blank_key="common.choose" required=true
                        options=enum_options(&FieldOfLaw::ALL, FieldOfLaw::as_str, "law") error=error/>
                    <TextArea id="summary" label_key="intake.summary" value=summary error=error required=true/>
                    <h3>{tx("intake.urgency")}</h3>
                    <TextField id="limitation_period_ends" label_key="intake.limitation" value=limitation error=error placeholder_key="common.date_hint"/>
                    <TextField id="trial_date" label_key="intake.trial_date" value=trial error=error placeholder_key="common.date_hint"/>
                    <div class="field check"><label><input type="checkbox" bind:checked=court_appointed/>" "{tx("intake.court_appointed")}</label></div>
                </section>
                <section class="card">
                    <h2>{tx("case.eligibility")}</h2>
                    <div aria-live="polite">{verdict_panel}</div>
                    <FieldErr error=error field="eligibility"/>
                    {move || date.get().is_none().then(|| view! { <p class="field-error">{tx("field.date_format")}</p> })}
                    <ul class="categories">{categories}</ul>
                </section>
            </div>
            <section class="card">
                <h2>{tx("case.parties")}</h2>
                <FieldErr error=error field="parties"/>
                {party_rows}
                <button type="button" class="btn" on:click=move |_| parties.update(|v| v.push(PartyRow::new(PartyRole::Requester)))>{tx("party.add")}</button>
            </section>
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="intake-submit" disabled=move || busy.get()>{tx("intake.submit")}</button>
            </div>
        </form>
    }
}
