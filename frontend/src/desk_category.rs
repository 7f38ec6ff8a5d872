//! Editing the eligibility table (issue #13 item 4): correct a version of a
//! category, give a category a new text from a date (ending the one in
//! force the day before), or add a category. The server keeps one version
//! a day (`tgpl_domain::eligibility::put_version`). In the administration
//! module (ADR 0032).
use crate::format::{fmt_date, parse_date};
use crate::pages::local_error;
use crate::problem::ApiError;
use crate::ui::{ErrorBox, TextArea, TextField, label, t, tx};
use crate::value::text;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};
use tgpl_domain::case::ProceduralRole;

/// What the form does with the version it was opened on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Correct this version (its code and first day are its key).
    Edit,
    /// A new text of this category from a date.
    NewVersion,
    /// A category the table does not have yet.
    NewCategory,
}

/// An ISO date of the API as the form shows it (dd/mm/yyyy), blank if absent.
fn shown_date(c: &Value, key: &str) -> String {
    text(c, key).parse().map(fmt_date).unwrap_or_default()
}

/// An optional whole number of years typed in the form.
fn years(field: &str, typed: &str) -> Result<Value, ApiError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(Value::Null);
    }
    typed
        .parse::<u8>()
        .map(|n| json!(n))
        .map_err(|_| local_error(field, "invalid"))
}

/// The form over one version; `saved` gets the message to show once the
/// server has the version.
#[component]
pub fn CategoryForm(
    mode: Mode,
    version: Value,
    saved: Callback<String>,
    close: Callback<()>,
) -> impl IntoView {
    let blank = mode == Mode::NewCategory;
    let field = |key: &str| {
        RwSignal::new(if blank {
            String::new()
        } else {
            text(&version, key)
        })
    };
    let code = field("code");
    let clause = field("clause");
    let label_vi = field("label_vi");
    let label_en = field("label_en");
    let source = field("source");
    let valid_from = RwSignal::new(if mode == Mode::Edit {
        shown_date(&version, "valid_from")
    } else {
        String::new()
    });
    let valid_to = RwSignal::new(if mode == Mode::Edit {
        shown_date(&version, "valid_to")
    } else {
        String::new()
    });
    let number = |key: &str| {
        RwSignal::new(if blank {
            String::new()
        } else {
            version[key]
                .as_u64()
                .map(|n| n.to_string())
                .unwrap_or_default()
        })
    };
    let min_age = number("min_age");
    let age_under = number("age_under");
    let strings = |key: &str| -> Vec<String> {
        version[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let proof = RwSignal::new(if blank {
        String::new()
    } else {
        strings("proof_documents").join("\n")
    });
    let roles = RwSignal::new(if blank {
        Vec::new()
    } else {
        strings("procedural_roles")
    });
    let hardship = RwSignal::new(!blank && version["requires_financial_hardship"] == true);
    let supersede = RwSignal::new(true);
    let error = RwSignal::new(None::<ApiError>);
    // The form takes focus when it opens: keyboard and screen-reader users
    // land on what they opened.
    let node = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(form) = node.get() {
            let _ = form.focus();
        }
    });
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let from = match parse_date(&valid_from.get_untracked()) {
            Some(d) => d,
            None => return error.set(Some(local_error("valid_from", "invalid"))),
        };
        let until = valid_to.get_untracked();
        let to = match (until.trim().is_empty(), parse_date(&until)) {
            (true, _) => Value::Null,
            (false, Some(d)) => json!(d),
            (false, None) => return error.set(Some(local_error("valid_to", "invalid"))),
        };
        let (min, under) = match (
            years("min_age", &min_age.get_untracked()),
            years("age_under", &age_under.get_untracked()),
        ) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return error.set(Some(e)),
        };
        let proof: Vec<String> = proof
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let body = json!({
            "code": code.get_untracked().trim(),
            "clause": clause.get_untracked().trim(),
            "label_vi": label_vi.get_untracked().trim(),
            "label_en": label_en.get_untracked().trim(),
            "valid_from": from,
            "valid_to": to,
            "requires_financial_hardship": hardship.get_untracked(),
            "procedural_roles": roles.get_untracked(),
            "min_age": min,
            "age_under": under,
            "proof_documents": proof,
            "source": source.get_untracked().trim(),
        })
        .to_string();
        let query = if mode == Mode::NewVersion && supersede.get_untracked() {
            "?supersede=true"
        } else {
            ""
        };
        busy.set(true);
        spawn_local(async move {
            let path = format!("/reference/eligibility-categories{query}");
            match crate::api::call("PUT", &path, Some(body), None).await {
                Ok(_) => {
                    saved.run(format!("{} {}", t("category.saved"), fmt_date(from)));
                    close.run(());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let heading = match mode {
        Mode::Edit => "category.edit",
        Mode::NewVersion => "category.new_version",
        Mode::NewCategory => "category.new",
    };
    let role_boxes = ProceduralRole::ALL
        .iter()
        .map(|r| {
            let value = r.as_str();
            let on = move || roles.with(|rs| rs.iter().any(|x| x == value));
            let toggle = move |_| {
                roles.update(|rs| match rs.iter().position(|x| x == value) {
                    Some(i) => {
                        rs.remove(i);
                    }
                    None => rs.push(value.to_owned()),
                })
            };
            view! { <label class="check"><input type="checkbox" name="procedural_roles" value=value prop:checked=on on:change=toggle/>" "{move || label("procedural_role", value)}</label> }
        })
        .collect_view();
    let fixed = move |key: &'static str, shown: String| view! { <div class="field"><span class="label">{tx(key)}</span><p>{shown}</p></div> };
    view! {
        <form class="card form" tabindex="-1" node_ref=node on:submit=submit data-testid="category-form" aria-labelledby="category-form-title">
            <h3 id="category-form-title">{tx(heading)}</h3>
            <ErrorBox error=error/>
            {if blank {
                view! { <TextField id="category_code" field="code" label_key="category.code" value=code error=error required=true/> }.into_any()
            } else {
                fixed("category.code", text(&version, "code")).into_any()
            }}
            <TextField id="category_clause" field="clause" label_key="reference.clause" value=clause error=error required=true/>
            <TextField id="category_label_vi" field="label_vi" label_key="category.label_vi" value=label_vi error=error required=true/>
            <TextField id="category_label_en" field="label_en" label_key="category.label_en" value=label_en error=error/>
            {if mode == Mode::Edit {
                fixed("category.valid_from", shown_date(&version, "valid_from")).into_any()
            } else {
                view! { <TextField id="category_valid_from" field="valid_from" label_key="category.valid_from" value=valid_from error=error required=true placeholder_key="common.date_hint"/> }.into_any()
            }}
            <TextField id="category_valid_to" field="valid_to" label_key="category.valid_to" value=valid_to error=error placeholder_key="common.date_hint"/>
            {(mode == Mode::NewVersion).then(|| view! {
                <div class="field"><label class="check">
                    <input type="checkbox" name="supersede" prop:checked=move || supersede.get() on:change=move |ev| supersede.set(event_target_checked(&ev))/>
                    " "{tx("category.supersede")}
                </label></div>
            })}
            <div class="field"><label class="check">
                <input type="checkbox" name="requires_financial_hardship" prop:checked=move || hardship.get() on:change=move |ev| hardship.set(event_target_checked(&ev))/>
                " "{tx("category.hardship")}
            </label></div>
            <fieldset class="field"><legend>{tx("category.roles")}</legend>{role_boxes}</fieldset>
            <TextField id="category_min_age" field="min_age" label_key="category.min_age" value=min_age error=error kind="number"/>
            <TextField id="category_age_under" field="age_under" label_key="category.age_under" value=age_under error=error kind="number"/>
            <TextArea id="category_proof" field="proof_documents" label_key="category.proof" value=proof error=error/>
            <TextField id="category_source" field="source" label_key="category.source" value=source error=error/>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{tx("common.save")}</button>
                <button type="button" class="btn" on:click=move |_| close.run(())>{tx("common.cancel")}</button>
            </div>
        </form>
    }
}
