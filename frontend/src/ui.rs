//! Small building blocks every screen uses: translated text, the error
//! banner, labelled fields that show their API field error.
use crate::i18n::{Lang, lookup};
use crate::problem::{ApiError, field_message_key};
use crate::session::globals;
use leptos::prelude::*;

/// The text of `key` in the current language (reactive).
pub fn t(key: &str) -> &'static str {
    lookup(globals().lang.get(), key)
}

/// The text of `key` as a reactive view (it follows the language switch).
/// One closure type for every call site: a closure written out at each
/// site is a new type, and each type got its own copy of the rendering
/// code in the wasm module (BENCHMARKS.md, web app size).
pub fn tx(key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || t(key)
}

pub fn lang() -> Lang {
    globals().lang.get()
}

/// Text of `key` with `{}` replaced by `arg`.
pub fn tf(key: &str, arg: impl std::fmt::Display) -> String {
    t(key).replacen("{}", &arg.to_string(), 1)
}

/// A missing item of a case file (`beneficiary.address`) for people; an item
/// the domain adds later shows as its code until it has a text.
pub fn missing_label(item: &str) -> String {
    let key = format!("missing.{}", item.replace('.', "_"));
    if crate::i18n::has_key(&key) {
        t(&key).to_owned()
    } else {
        item.to_owned()
    }
}

/// How the audit trail and a case's history name a write: the act's button
/// label (`case.accept` → "Thụ lý"), "Sửa, bổ sung hồ sơ" for a correction,
/// else the code itself.
pub fn action_label(action: &str) -> String {
    let (entity, act) = action.split_once('.').unwrap_or(("", action));
    let key = match (entity, act) {
        ("case", "amend") => "edit.action".to_owned(),
        ("case", "create" | "read" | "list_read") => format!("audit.case_{act}"),
        ("case", act) => format!("cmd.{act}"),
        (entity, act) => format!("audit.{entity}_{act}"),
    };
    if crate::i18n::has_key(&key) {
        t(&key).to_owned()
    } else {
        action.to_owned()
    }
}

/// An eligibility category's name in the user's language (the English
/// one when given, issue #13 item 7).
pub fn category_name(c: &tgpl_domain::eligibility::Category) -> String {
    if lang() == Lang::En && !c.label_en.is_empty() {
        c.label_en.to_string()
    } else {
        c.label_vi.to_string()
    }
}

/// How many a list's filters select, above the list ("20.002 …", or
/// "Hơn 10.000 …" past the count's cap).
pub fn total_line(
    total: Option<tgpl_api_model::Total>,
    testid: &'static str,
    noun_key: &'static str,
) -> impl IntoView {
    total.map(|t| {
        let more = (!t.exact).then(|| view! { {tx("cases.total_more")}" " });
        view! { <p class="total" data-testid=testid>{more}<strong>{crate::format::fmt_count(t.count)}</strong>" "{tx(noun_key)}</p> }
    })
}

/// Label of a domain enum value, e.g. `label("state", "accepted")`.
pub fn label(prefix: &str, value: &str) -> &'static str {
    t(&format!("{prefix}.{value}"))
}

/// "Tải Excel" and "Tải CSV": the list as shown (its filters, every page,
/// masked as the reader sees it) as a file.
#[component]
pub fn ExportButtons(
    /// The export's path for `csv` or `xlsx`, with the list's filters.
    path: Callback<&'static str, String>,
    /// The file's name without its extension.
    file: &'static str,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let export = move |format: &'static str| {
        let path = path.run(format);
        leptos::task::spawn_local(async move {
            if let Err(e) = crate::api::download(&path, &format!("{file}.{format}")).await {
                error.set(Some(e));
            }
        });
    };
    view! {
        <div class="actions export">
            <button type="button" class="btn" data-testid="export-xlsx" on:click=move |_| export("xlsx")>{tx("common.export_xlsx")}</button>
            <button type="button" class="btn" data-testid="export-csv" on:click=move |_| export("csv")>{tx("common.export_csv")}</button>
        </div>
    }
}

/// The error of a request, translated; a 412 offers to reload the record.
#[component]
pub fn ErrorBox(
    error: RwSignal<Option<ApiError>>,
    #[prop(optional)] on_reload: Option<Callback<()>>,
) -> impl IntoView {
    // The summary takes focus when it appears (GOV.UK pattern): keyboard
    // and screen-reader users land on what went wrong.
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if error.with(Option::is_some)
            && let Some(el) = node.get()
        {
            let _ = el.focus();
        }
    });
    move || {
        error.get().map(|e| {
            let stale = e.is_stale();
            // The server's detail is English: shown only for a code the
            // catalogue does not know.
            let detail = (!e.catalogued())
                .then(|| e.detail().map(str::to_owned))
                .flatten();
            view! {
                <div class="alert alert-error" role="alert" data-testid="error" tabindex="-1" node_ref=node>
                    <p><strong>{e.message(lang())}</strong></p>
                    {detail.map(|d| view! { <p class="detail">{d}</p> })}
                    {(stale && on_reload.is_some()).then(|| view! {
                        <button type="button" class="btn" on:click=move |_| {
                            if let Some(cb) = on_reload { cb.run(()) }
                        }>{t("action.reload")}</button>
                    })}
                </div>
            }
        })
    }
}

/// A success message (role=status: screen readers announce it).
#[component]
pub fn Notice(message: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! { <div class="alert alert-ok" role="status" data-testid="notice">{m}</div> }
        })
    }
}

/// Asks the user to confirm an act that cannot be undone (merge, reset,
/// revoke): the browser's own dialog.
pub fn confirmed(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// The API's 422 message for `field` in the user's language.
pub fn field_text(error: &ApiError, field: &str) -> Option<String> {
    let fe = error.field_error(field)?;
    if let Some(text) = crate::problem::catalogue_text(&fe.code, lang()) {
        return Some(text);
    }
    Some(match field_message_key(&fe.code) {
        Some(k) => t(k).to_owned(),
        None => fe.message.clone(),
    })
}

/// The API's 422 message for one field, placed under the field.
#[component]
pub fn FieldErr(error: RwSignal<Option<ApiError>>, field: &'static str) -> impl IntoView {
    move || {
        error
            .with(|e| e.as_ref().and_then(|e| field_text(e, field)))
            .map(|m| view! { <span class="field-error" id=format!("err-{field}")>{m}</span> })
    }
}

fn invalid(
    error: RwSignal<Option<ApiError>>,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> {
    move || {
        error
            .with(|e| e.as_ref().and_then(|e| e.field_error(field)).is_some())
            .then_some("true")
    }
}

/// A labelled text input bound to `value`.
#[component]
pub fn TextField(
    id: &'static str,
    label_key: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
    /// The API's name of the field (for its 422 error).
    #[prop(optional)]
    field: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] placeholder_key: &'static str,
    #[prop(optional)] autocomplete: &'static str,
) -> impl IntoView {
    let field = if field.is_empty() { id } else { field };
    view! {
        <div class="field">
            <label for=id>{move || t(label_key)}{required.then_some(" *")}</label>
            <input
                id=id
                name=id
                type=kind
                required=required
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                placeholder=move || (!placeholder_key.is_empty()).then(|| t(placeholder_key))
                aria-invalid=invalid(error, field)
                aria-describedby=format!("err-{field}")
                bind:value=value
            />
            <FieldErr error=error field=field/>
        </div>
    }
}

/// A labelled multi-line input.
#[component]
pub fn TextArea(
    id: &'static str,
    label_key: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
    #[prop(optional)] field: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let field = if field.is_empty() { id } else { field };
    view! {
        <div class="field">
            <label for=id>{move || t(label_key)}{required.then_some(" *")}</label>
            <textarea
                id=id
                name=id
                rows="4"
                required=required
                aria-invalid=invalid(error, field)
                aria-describedby=format!("err-{field}")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <FieldErr error=error field=field/>
        </div>
    }
}

/// A labelled select. `options` are (value, i18n key of its label); an
/// empty `blank_key` means no empty choice.
#[component]
pub fn SelectField(
    id: &'static str,
    label_key: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    #[prop(optional)] blank_key: &'static str,
    #[prop(optional)] error: Option<RwSignal<Option<ApiError>>>,
    #[prop(optional)] field: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let field = if field.is_empty() { id } else { field };
    let error = error.unwrap_or_else(|| RwSignal::new(None));
    let opts = options
        .into_iter()
        .map(|(v, k)| {
            let v2 = v.clone();
            view! {
                <option value=v selected=move || value.get() == v2>{move || t(&k)}</option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{move || t(label_key)}{required.then_some(" *")}</label>
            <select
                id=id
                name=id
                required=required
                aria-invalid=invalid(error, field)
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
            >
                {(!blank_key.is_empty()).then(|| view! {
                    <option value="" selected=move || value.get().is_empty()>{move || t(blank_key)}</option>
                })}
                {opts}
            </select>
            <FieldErr error=error field=field/>
        </div>
    }
}

/// Options for a domain enum: `(as_str, "prefix.as_str")`.
pub fn enum_options<T: Copy>(
    all: &[T],
    as_str: impl Fn(T) -> &'static str,
    prefix: &str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| {
            let s = as_str(*v);
            (s.to_owned(), format!("{prefix}.{s}"))
        })
        .collect()
}

/// A plain button row "loading…" placeholder.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="muted" aria-live="polite">{tx("common.loading")}</p> }
}

/// Data loaded by `fetch` and loaded again when a signal `fetch` reads
/// (before its first await) changes; `None` until the first answer, then
/// the latest answer (an older request finishing late is dropped). A plain
/// signal and an effect: each `LocalResource<T>` type would add ~5 KB of
/// async machinery to the wasm module.
pub fn resource<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> RwSignal<Option<T>>
where
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + 'static,
{
    let out = RwSignal::new(None::<T>);
    let generation = std::rc::Rc::new(std::cell::Cell::new(0u64));
    Effect::new(move |_| {
        let fut = fetch();
        let current = generation.get() + 1;
        generation.set(current);
        let generation = generation.clone();
        leptos::task::spawn_local(async move {
            let value = fut.await;
            if generation.get() == current {
                let _ = out.try_set(Some(value));
            }
        });
    });
    out
}
