//! The public pages (issue #12): the services for citizens without an
//! account, built as their own light module (`--features public`,
//! `public.html`): a phone on a weak connection loads only these. Plain
//! Vietnamese first, English second; each page is a plain path under
//! `/public`, reached by ordinary links (no client router to load).
//!
//! Answers are read as JSON values: the wire types' derived decoders would
//! cost more than the pages.
use crate::api;
use crate::problem::ApiError;
use crate::session::globals;
use crate::ui::{ErrorBox, FieldErr, SelectField, TextArea, TextField, t, tx};
use crate::value::{opt, text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};
use tgpl_domain::case::{FieldOfLaw, FormOfAid};
use tgpl_domain::eligibility::CATEGORIES;
use tgpl_domain::province::PROVINCES;

/// The public pages and the i18n key of each one's title.
pub const PAGES: [(&str, &str); 7] = [
    ("/public", "pub.home.title"),
    ("/public/request", "pub.request.title"),
    ("/public/lookup", "pub.lookup.title"),
    ("/public/directory", "pub.directory.title"),
    ("/public/feedback", "pub.feedback.title"),
    ("/public/complaint", "pub.complaint.title"),
    ("/public/privacy", "pub.privacy.title"),
];

/// The page at `path` (unknown paths show the home page).
pub fn page_of(path: &str) -> &'static str {
    let p = path.trim_end_matches('/');
    PAGES
        .iter()
        .find(|(href, _)| *href == p)
        .map_or("/public", |(href, _)| href)
}

/// The province's name (not translated: a proper name).
fn province_select(value: RwSignal<String>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="province">{tx("pub.province")}</label>
            <select id="province" name="province"
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()>
                <option value="">{tx("pub.province_choose")}</option>
                {PROVINCES.iter().map(|p| view! { <option value=p.code>{p.name}</option> }).collect_view()}
            </select>
            <FieldErr error=error field="province"/>
        </div>
    }
}

#[component]
pub fn PublicApp() -> impl IntoView {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let page = page_of(&path);
    let title = PAGES
        .iter()
        .find(|(href, _)| *href == page)
        .map_or("pub.home.title", |(_, k)| k);
    let g = globals();
    Effect::new(move |_| {
        let _ = g.lang.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} — {}", t(title), t("pub.portal")));
        }
    });
    let body = match page {
        "/public/request" => view! { <RequestPage/> }.into_any(),
        "/public/lookup" => view! { <LookupPage/> }.into_any(),
        "/public/directory" => view! { <DirectoryPage/> }.into_any(),
        "/public/feedback" => view! { <FeedbackPage/> }.into_any(),
        "/public/complaint" => view! { <ComplaintPage/> }.into_any(),
        "/public/privacy" => view! { <PrivacyPage/> }.into_any(),
        _ => view! { <HomePage/> }.into_any(),
    };
    view! {
        <a class="skip" href="#main">{tx("nav.skip")}</a>
        <header class="top pub-top">
            <a class="brand" href="/public">
                <span class="logo" aria-hidden="true">"⚖"</span>
                <span>{tx("pub.portal")}</span>
            </a>
            <crate::app::LangSwitch/>
        </header>
        <main id="main" tabindex="-1" class="pub">
            <h1>{tx(title)}</h1>
            {body}
        </main>
        <footer class="pub-foot">
            <p>{tx("pub.hotline")}</p>
            <p><a href="/public">{tx("pub.home.title")}</a>" · "<a href="/">{tx("pub.staff_login")}</a></p>
        </footer>
    }
}

#[component]
fn HomePage() -> impl IntoView {
    view! {
        <p class="lead">{tx("pub.home.lead")}</p>
        <ul class="pub-menu">
            {PAGES[1..].iter().map(|&(href, key)| {
                let hint = match href {
                    "/public/request" => "pub.request.hint",
                    "/public/lookup" => "pub.lookup.hint",
                    "/public/directory" => "pub.directory.hint",
                    "/public/feedback" => "pub.feedback.hint",
                    "/public/privacy" => "pub.privacy.hint",
                    _ => "pub.complaint.hint",
                };
                view! {
                    <li><a class="pub-card" href=href>
                        <strong>{tx(key)}</strong>
                        <span>{tx(hint)}</span>
                    </a></li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The receipt's code and secret, shown once, printable.
#[component]
fn ReceiptBox(
    code: String,
    secret: String,
    #[prop(optional)] extra: Option<String>,
) -> impl IntoView {
    view! {
        <section class="card receipt" aria-labelledby="receipt-title" data-testid="receipt">
            <h2 id="receipt-title">{tx("pub.receipt.title")}</h2>
            <p>{tx("pub.receipt.keep")}</p>
            <dl>
                <dt>{tx("pub.code")}</dt><dd data-testid="receipt-code"><code>{code}</code></dd>
                <dt>{tx("pub.secret")}</dt><dd data-testid="receipt-secret"><code>{secret}</code></dd>
            </dl>
            {extra.map(|e| view! { <p>{e}</p> })}
            <button type="button" class="btn" on:click=move |_| {
                if let Some(w) = web_sys::window() { let _ = w.print(); }
            }>{tx("pub.print")}</button>
        </section>
    }
}

/// The form's live verdict on the chosen categories.
fn verdict_view(answer: Value) -> impl IntoView {
    let items = answer
        .get("categories")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    view! {
        <div class="alert alert-info" role="status" data-testid="verdict">
            <ul>
                {items.into_iter().map(|c| {
                    let docs: Vec<String> = c.get("proof_documents").and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                        .unwrap_or_default();
                    view! {
                        <li>
                            <strong>{
                                let en = text(&c, "label_en");
                                if crate::ui::lang() == crate::i18n::Lang::En && !en.is_empty() { en } else { text(&c, "label_vi") }
                            }</strong>": "{text(&c, "explanation_vi")}
                            {(!docs.is_empty()).then(|| view! {
                                <p class="small">{tx("pub.request.bring")}</p>
                                <ul>{docs.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

fn chosen_files() -> Option<web_sys::FileList> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .get_element_by_id("files")?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()
}

#[component]
fn RequestPage() -> impl IntoView {
    let province = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let dob = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let categories = RwSignal::new(Vec::<String>::new());
    let form_of_aid = RwSignal::new("advice".to_owned());
    let field_of_law = RwSignal::new("civil_family".to_owned());
    let summary = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let website = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let verdict = RwSignal::new(None::<Value>);
    let receipt = RwSignal::new(None::<(String, String, String)>);
    let sent_files = RwSignal::new(Vec::<String>::new());
    let consent_text = RwSignal::new((String::new(), String::new()));
    spawn_local(async move {
        if let Ok(v) = api::public_json("GET", "/public/consent-text", None).await {
            consent_text.set((text(&v, "version"), text(&v, "text_vi")));
        }
    });
    // The live verdict follows the categories and the date of birth.
    Effect::new(move |_| {
        let codes = categories.get();
        let born = dob.get();
        if codes.is_empty() {
            verdict.set(None);
            return;
        }
        spawn_local(async move {
            let body = json!({"categories": codes, "date_of_birth": opt(&born)});
            if let Ok(v) = api::public_json("POST", "/public/eligibility-check", Some(&body)).await
            {
                verdict.set(Some(v));
            }
        });
    });
    let toggle = move |code: String, on: bool| {
        categories.update(|c| {
            c.retain(|x| *x != code);
            if on {
                c.push(code);
            }
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let files = chosen_files();
        spawn_local(async move {
            let body = json!({
                "province": opt(&province.get_untracked()),
                "requester": {"full_name": name.get_untracked().trim(), "phone": opt(&phone.get_untracked()),
                              "date_of_birth": opt(&dob.get_untracked()), "address": opt(&address.get_untracked())},
                "categories": categories.get_untracked(),
                "form_of_aid": form_of_aid.get_untracked(),
                "field_of_law": field_of_law.get_untracked(),
                "summary": summary.get_untracked(),
                "consent": consent.get_untracked(),
                "consent_version": consent_text.get_untracked().0,
                "website": opt(&website.get_untracked()),
            });
            match api::public_json("POST", "/public/requests", Some(&body)).await {
                Ok(r) => {
                    let code = text(&r, "tracking_code");
                    let secret = text(&r, "secret");
                    let centre = r.get("centre").map(|c| text(c, "name")).unwrap_or_default();
                    if let Some(list) = files {
                        for i in 0..list.length() {
                            let Some(file) = list.item(i) else { continue };
                            let Ok(form) = web_sys::FormData::new() else {
                                continue;
                            };
                            if form
                                .append_with_blob_and_filename("file", &file, &file.name())
                                .is_err()
                            {
                                continue;
                            }
                            let path = format!("/public/requests/{code}/attachments");
                            match api::public_upload(&path, &form, &secret).await {
                                Ok(_) => sent_files.update(|s| s.push(file.name())),
                                Err(e) => error.set(Some(e)),
                            }
                        }
                    }
                    receipt.set(Some((code, secret, centre)));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let cats = CATEGORIES
        .iter()
        .filter(|c| c.valid_to.is_none())
        .map(|c| {
            let code = c.code.to_string();
            let id = format!("cat-{code}");
            let code2 = code.clone();
            view! {
                <li><label for=id.clone()>
                    <input type="checkbox" id=id.clone() value=code.clone()
                        on:change=move |ev| toggle(code2.clone(), event_target_checked(&ev))/>
                    " "{move || crate::ui::category_name(c)}
                </label></li>
            }
        })
        .collect_view();
    view! {
        {move || receipt.get().map(|(code, secret, centre)| view! {
            <ReceiptBox code=code secret=secret extra=format!("{} {}", t("pub.request.sent_to"), centre)/>
            {move || (!sent_files.get().is_empty()).then(|| view! {
                <p data-testid="sent-files">{tx("pub.request.files_sent")}" "{sent_files.get().join(", ")}</p>
            })}
            <p><a href="/public/lookup">{tx("pub.lookup.title")}</a></p>
        })}
        <ErrorBox error=error/>
        <form class="card pub-form" on:submit=submit novalidate
            style:display=move || if receipt.get().is_some() { "none" } else { "" }>
            <p>{tx("pub.request.lead")}</p>
            <fieldset>
                <legend>{tx("pub.request.you")}</legend>
                <TextField id="full_name" field="requester.full_name" label_key="pub.full_name" value=name error=error required=true autocomplete="name"/>
                <TextField id="phone" field="requester.phone" label_key="pub.phone" value=phone error=error kind="tel" required=true autocomplete="tel"/>
                <TextField id="dob" field="requester.date_of_birth" label_key="pub.dob" value=dob error=error kind="date"/>
                <TextField id="address" field="requester.address" label_key="pub.address" value=address error=error autocomplete="street-address"/>
                {province_select(province, error)}
            </fieldset>
            <fieldset>
                <legend>{tx("pub.request.who_qualifies")}</legend>
                <ul class="checks">{cats}</ul>
                <FieldErr error=error field="categories"/>
                {move || verdict.get().map(verdict_view)}
            </fieldset>
            <fieldset>
                <legend>{tx("pub.request.matter")}</legend>
                <SelectField id="form_of_aid" label_key="pub.request.form" value=form_of_aid
                    options=FormOfAid::ALL.iter().map(|f| (f.as_str().to_owned(), format!("form.{}", f.as_str()))).collect()/>
                <SelectField id="field_of_law" label_key="pub.request.field" value=field_of_law
                    options=FieldOfLaw::ALL.iter().map(|f| (f.as_str().to_owned(), format!("law.{}", f.as_str()))).collect()/>
                <TextArea id="summary" label_key="pub.request.summary" value=summary error=error required=true/>
                <div class="field">
                    <label for="files">{tx("pub.request.files")}</label>
                    <input type="file" id="files" name="files" multiple accept=".pdf,.jpg,.jpeg,.png,.webp,.tif,.tiff,.docx,.odt,.txt"/>
                    <p class="small">{tx("pub.request.files_hint")}</p>
                </div>
            </fieldset>
            <div class="hp" aria-hidden="true">
                <label for="website">"Website"</label>
                <input id="website" name="website" tabindex="-1" autocomplete="off" bind:value=website/>
            </div>
            <fieldset>
                <legend>{tx("pub.consent")}</legend>
                <p class="small consent-text">{move || consent_text.get().1}</p>
                <label for="consent"><input type="checkbox" id="consent"
                    on:change=move |ev| consent.set(event_target_checked(&ev))/>" "{tx("pub.consent_agree")}</label>
                <FieldErr error=error field="consent"/>
            </fieldset>
            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                {move || if busy.get() { t("pub.sending") } else { t("pub.request.send") }}
            </button>
        </form>
    }
}

#[component]
fn LookupPage() -> impl IntoView {
    let code = RwSignal::new(String::new());
    let case_code = RwSignal::new(String::new());
    let province = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let result = RwSignal::new(None::<Value>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        spawn_local(async move {
            let body = json!({"tracking_code": opt(&code.get_untracked()),
                              "case_code": opt(&case_code.get_untracked()),
                              "province": opt(&province.get_untracked()),
                              "secret": secret.get_untracked().trim()});
            match api::public_json("POST", "/public/lookup", Some(&body)).await {
                Ok(v) => result.set(Some(v)),
                Err(e) => {
                    result.set(None);
                    error.set(Some(e));
                }
            }
        });
    };
    view! {
        <form class="card pub-form" on:submit=submit novalidate>
            <p>{tx("pub.lookup.lead")}</p>
            <TextField id="tracking_code" label_key="pub.code" value=code error=error placeholder_key="pub.code_example"/>
            <details>
                <summary>{tx("pub.lookup.by_case")}</summary>
                <TextField id="case_code" label_key="pub.case_code" value=case_code error=error/>
                {province_select(province, error)}
            </details>
            <TextField id="secret" label_key="pub.secret" value=secret error=error required=true autocomplete="off"/>
            <button type="submit" class="btn btn-primary">{tx("pub.lookup.submit")}</button>
        </form>
        <ErrorBox error=error/>
        {move || result.get().map(progress_view)}
    }
}

fn progress_view(p: Value) -> impl IntoView {
    let steps = p
        .get("steps")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let helper = p.get("helper").filter(|h| !h.is_null()).cloned();
    let hearing = p.get("next_hearing").filter(|h| !h.is_null()).cloned();
    let missing: Vec<String> = p
        .get("missing_proof")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let case_code = text(&p, "case_code");
    let reason = text(&p, "rejection_reason");
    let due = text(&p, "proof_due_on");
    view! {
        <section class="card" aria-live="polite" data-testid="progress">
            <h2>{tx("pub.lookup.status")}</h2>
            {(!case_code.is_empty()).then(|| view! {
                <p>{tx("pub.case_code")}": "<strong data-testid="case-code">{case_code}</strong></p>
            })}
            <ol class="steps" data-testid="steps">
                {steps.into_iter().map(|s| view! {
                    <li data-kind=text(&s, "kind")><strong>{text(&s, "label_vi")}</strong>" — "{text(&s, "on")}</li>
                }).collect_view()}
            </ol>
            {(!reason.is_empty()).then(|| view! { <p>{tx("pub.lookup.rejected")}" "{reason}</p> })}
            {helper.map(|h| view! {
                <p data-testid="helper">{tx("pub.lookup.helper")}": "<strong>{text(&h, "full_name")}</strong>
                    " ("{text(&h, "organisation_name")}")"</p>
            })}
            {hearing.map(|h| view! {
                <p>{tx("pub.lookup.hearing")}": "{text(&h, "starts_at")}</p>
            })}
            {(!missing.is_empty()).then(|| view! {
                <div class="alert alert-info">
                    <p>{tx("pub.lookup.missing")}{(!due.is_empty()).then(|| format!(" ({} {})", t("pub.lookup.until"), due))}</p>
                    <ul>{missing.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            })}
            {p.get("centre").map(|c| view! {
                <p class="small">{text(c, "name")}" · "{text(c, "phone")}</p>
            })}
        </section>
    }
}

#[component]
fn DirectoryPage() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let province = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let orgs = RwSignal::new(Vec::<Value>::new());
    let people = RwSignal::new(Vec::<Value>::new());
    let search = move || {
        let query = q.get_untracked();
        let p = province.get_untracked();
        spawn_local(async move {
            let mut params = String::from("?limit=50");
            if !query.trim().is_empty() {
                let encoded = String::from(js_sys::encode_uri_component(query.trim()));
                params.push_str(&format!("&q={encoded}"));
            }
            if !p.is_empty() {
                params.push_str(&format!("&province={p}"));
            }
            match api::public_json("GET", &format!("/public/organisations{params}"), None).await {
                Ok(v) => orgs.set(crate::value::items(&v)),
                Err(e) => error.set(Some(e)),
            }
            match api::public_json("GET", &format!("/public/practitioners{params}"), None).await {
                Ok(v) => people.set(crate::value::items(&v)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    search();
    view! {
        <form class="card pub-form" role="search" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            error.set(None);
            search();
        }>
            <TextField id="q" label_key="pub.directory.q" value=q error=error kind="search"/>
            {province_select(province, error)}
            <button type="submit" class="btn btn-primary">{tx("pub.directory.search")}</button>
            <p class="small"><a href="/api/v1/public/open-data?dataset=organisations&format=csv">{tx("pub.directory.open_data")}</a></p>
        </form>
        <ErrorBox error=error/>
        <h2>{tx("pub.directory.organisations")}</h2>
        <ul class="pub-list" data-testid="organisations">
            {move || orgs.get().into_iter().map(|o| view! {
                <li><strong>{text(&o, "name")}</strong><br/>
                    <span class="small">{text(&o, "address")}" · "{text(&o, "phone")}</span></li>
            }).collect_view()}
        </ul>
        <h2>{tx("pub.directory.practitioners")}</h2>
        <ul class="pub-list" data-testid="practitioners">
            {move || people.get().into_iter().map(|p| view! {
                <li><strong>{text(&p, "full_name")}</strong>" — "{t(&format!("practitioner_kind.{}", text(&p, "kind")))}<br/>
                    <span class="small">{text(&p, "card_number")}" · "{text(&p, "organisation_name")}</span></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn FeedbackPage() -> impl IntoView {
    let code = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let satisfaction = RwSignal::new("satisfied".to_owned());
    let informed = RwSignal::new(String::new());
    let on_time = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let yes_no = |s: String| match s.as_str() {
        "yes" => json!(true),
        "no" => json!(false),
        _ => Value::Null,
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        spawn_local(async move {
            let body = json!({"tracking_code": opt(&code.get_untracked()),
                              "secret": secret.get_untracked().trim(),
                              "satisfaction": satisfaction.get_untracked(),
                              "kept_informed": yes_no(informed.get_untracked()),
                              "on_time": yes_no(on_time.get_untracked()),
                              "comment": opt(&comment.get_untracked())});
            match api::public_json("POST", "/public/feedback", Some(&body)).await {
                Ok(v) => done.set(Some(text(&v, "message_vi"))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let answers = || {
        vec![
            ("".to_owned(), "pub.feedback.no_answer".to_owned()),
            ("yes".to_owned(), "pub.yes".to_owned()),
            ("no".to_owned(), "pub.no".to_owned()),
        ]
    };
    view! {
        {move || done.get().map(|m| view! { <div class="alert alert-ok" role="status" data-testid="notice">{m}</div> })}
        <ErrorBox error=error/>
        <form class="card pub-form" on:submit=submit novalidate
            style:display=move || if done.get().is_some() { "none" } else { "" }>
            <p>{tx("pub.feedback.lead")}</p>
            <TextField id="tracking_code" label_key="pub.code" value=code error=error required=true/>
            <TextField id="secret" label_key="pub.secret" value=secret error=error required=true autocomplete="off"/>
            <SelectField id="satisfaction" label_key="pub.feedback.satisfaction" value=satisfaction
                options=vec![
                    ("very_satisfied".to_owned(), "pub.feedback.very_satisfied".to_owned()),
                    ("satisfied".to_owned(), "pub.feedback.satisfied".to_owned()),
                    ("neutral".to_owned(), "pub.feedback.neutral".to_owned()),
                    ("dissatisfied".to_owned(), "pub.feedback.dissatisfied".to_owned()),
                ]/>
            <SelectField id="kept_informed" label_key="pub.feedback.informed" value=informed options=answers()/>
            <SelectField id="on_time" label_key="pub.feedback.on_time" value=on_time options=answers()/>
            <TextArea id="comment" label_key="pub.feedback.comment" value=comment error=error/>
            <button type="submit" class="btn btn-primary">{tx("pub.feedback.send")}</button>
        </form>
    }
}

/// A request about one's own data (Law 91/2025): a copy, a correction or a
/// deletion, opened with the receipt's code and secret like the lookup.
#[component]
fn PrivacyPage() -> impl IntoView {
    let code = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let kind = RwSignal::new("access".to_owned());
    let details = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        spawn_local(async move {
            let body = json!({"tracking_code": opt(&code.get_untracked()),
                              "secret": secret.get_untracked().trim(),
                              "kind": kind.get_untracked(),
                              "details": opt(&details.get_untracked())});
            match api::public_json("POST", "/public/privacy-requests", Some(&body)).await {
                Ok(v) => done.set(Some(format!(
                    "{} {}",
                    t("pub.privacy.done"),
                    crate::format::parse_date(&text(&v, "due_on"))
                        .map(crate::format::fmt_date)
                        .unwrap_or_default()
                ))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let kinds = ["access", "correction", "deletion"]
        .iter()
        .map(|k| ((*k).to_owned(), format!("desk.privacy.kind.{k}")))
        .collect::<Vec<_>>();
    view! {
        {move || done.get().map(|m| view! { <div class="alert alert-ok" role="status" data-testid="notice">{m}</div> })}
        <ErrorBox error=error/>
        <form class="card pub-form" on:submit=submit novalidate
            style:display=move || if done.get().is_some() { "none" } else { "" }>
            <p>{tx("pub.privacy.lead")}</p>
            <TextField id="tracking_code" label_key="pub.code" value=code error=error required=true/>
            <TextField id="secret" label_key="pub.secret" value=secret error=error required=true autocomplete="off"/>
            <SelectField id="kind" label_key="desk.privacy.kind" value=kind options=kinds/>
            <TextArea id="details" label_key="pub.privacy.details" value=details error=error/>
            <button type="submit" class="btn btn-primary">{tx("pub.privacy.send")}</button>
        </form>
    }
}

#[component]
fn ComplaintPage() -> impl IntoView {
    let kind = RwSignal::new("complaint".to_owned());
    let province = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let content = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let receipt = RwSignal::new(None::<(String, String, String)>);
    let look_code = RwSignal::new(String::new());
    let look_secret = RwSignal::new(String::new());
    let look_error = RwSignal::new(None::<ApiError>);
    let answer = RwSignal::new(None::<Value>);
    let consent_version = RwSignal::new(String::new());
    spawn_local(async move {
        if let Ok(v) = api::public_json("GET", "/public/consent-text", None).await {
            consent_version.set(text(&v, "version"));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        spawn_local(async move {
            let body = json!({"kind": kind.get_untracked(),
                              "province": opt(&province.get_untracked()),
                              "complainant": {"full_name": name.get_untracked().trim(), "phone": opt(&phone.get_untracked())},
                              "content": content.get_untracked(),
                              "consent": consent.get_untracked(),
                              "consent_version": consent_version.get_untracked()});
            match api::public_json("POST", "/public/complaints", Some(&body)).await {
                Ok(r) => receipt.set(Some((
                    text(&r, "tracking_code"),
                    text(&r, "secret"),
                    format!(
                        "{} {} · {} {}",
                        t("pub.complaint.handler"),
                        r.get("handler")
                            .map(|h| text(h, "name"))
                            .unwrap_or_default(),
                        t("pub.complaint.due"),
                        text(&r, "answer_due_on")
                    ),
                ))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let look = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        look_error.set(None);
        spawn_local(async move {
            let body = json!({"tracking_code": look_code.get_untracked().trim(),
                              "secret": look_secret.get_untracked().trim()});
            match api::public_json("POST", "/public/complaints/lookup", Some(&body)).await {
                Ok(v) => answer.set(Some(v)),
                Err(e) => look_error.set(Some(e)),
            }
        });
    };
    view! {
        {move || receipt.get().map(|(code, secret, extra)| view! {
            <ReceiptBox code=code secret=secret extra=extra/>
        })}
        <ErrorBox error=error/>
        <form class="card pub-form" on:submit=submit novalidate
            style:display=move || if receipt.get().is_some() { "none" } else { "" }>
            <p>{tx("pub.complaint.lead")}</p>
            <SelectField id="kind" label_key="pub.complaint.kind" value=kind
                options=vec![
                    ("complaint".to_owned(), "pub.complaint.complaint".to_owned()),
                    ("recommendation".to_owned(), "pub.complaint.recommendation".to_owned()),
                ]/>
            {province_select(province, error)}
            <TextField id="full_name" field="complainant.full_name" label_key="pub.full_name" value=name error=error required=true autocomplete="name"/>
            <TextField id="phone" field="complainant.phone" label_key="pub.phone" value=phone error=error kind="tel" required=true autocomplete="tel"/>
            <TextArea id="content" label_key="pub.complaint.content" value=content error=error required=true/>
            <label for="consent"><input type="checkbox" id="consent"
                on:change=move |ev| consent.set(event_target_checked(&ev))/>" "{tx("pub.consent_agree")}</label>
            <FieldErr error=error field="consent"/>
            <button type="submit" class="btn btn-primary">{tx("pub.complaint.send")}</button>
        </form>
        <form class="card pub-form" on:submit=look novalidate>
            <h2>{tx("pub.complaint.read_answer")}</h2>
            <TextField id="complaint_code" field="tracking_code" label_key="pub.code" value=look_code error=look_error required=true/>
            <TextField id="complaint_secret" field="secret" label_key="pub.secret" value=look_secret error=look_error required=true autocomplete="off"/>
            <button type="submit" class="btn">{tx("pub.lookup.submit")}</button>
        </form>
        <ErrorBox error=look_error/>
        {move || answer.get().map(|a| view! {
            <section class="card" aria-live="polite" data-testid="complaint-answer">
                <p><strong>{text(&a, "status_label_vi")}</strong>" · "{text(&a, "handler_name")}</p>
                <p>{text(&a, "answer")}</p>
            </section>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_public_page_has_a_title_and_unknown_paths_go_home() {
        assert_eq!(page_of("/public/lookup/"), "/public/lookup");
        assert_eq!(page_of("/public/nowhere"), "/public");
        for (_, key) in PAGES {
            assert!(crate::i18n::has_key(key), "{key}");
        }
    }
}
