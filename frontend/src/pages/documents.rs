//! The documents of a case file: the list, upload with a progress bar
//! (XMLHttpRequest upload events), download, removal. 413 (too large) and
//! 415 (type not accepted) are explained; the chosen file stays chosen.
use crate::api;
use crate::format::{fmt_datetime, fmt_size};
use crate::problem::ApiError;
use crate::ui::{ErrorBox, Loading, Notice, SelectField, label, lang, t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tgpl_api_model::Page;
use tgpl_api_model::documents::{DocumentDto, RemoveDocument};
use tgpl_domain::case::document::{CaseStep, DocumentKind};

/// Kinds of paper in a case file (Circular 12/2018 Art. 15), from the domain.
pub fn kinds() -> Vec<&'static str> {
    DocumentKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// Steps of the case a paper belongs to, from the domain.
pub fn steps() -> Vec<&'static str> {
    CaseStep::ALL.iter().map(|s| s.as_str()).collect()
}

fn options(all: &[&str], prefix: &str) -> Vec<(String, String)> {
    all.iter()
        .map(|k| ((*k).to_owned(), format!("{prefix}.{k}")))
        .collect()
}

#[component]
pub fn Documents(
    case_id: Memo<String>,
    /// What the policy lets this user do here (buttons follow it).
    powers: Signal<crate::case_rules::DocPowers>,
) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let docs = crate::ui::resource(move || {
        tick.track();
        let id = case_id.get();
        async move { api::get::<Page<DocumentDto>>(&format!("/cases/{id}/documents?limit=200")).await }
    });
    let kind = RwSignal::new("other".to_owned());
    let step = RwSignal::new(String::new());
    let progress = RwSignal::new(None::<f64>);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let file_input = NodeRef::<leptos::html::Input>::new();

    let upload = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(None);
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            error.set(Some(crate::pages::local_error("file", "required")));
            return;
        };
        let Ok(form) = web_sys::FormData::new() else {
            return;
        };
        let _ = form.append_with_str("kind", &kind.get_untracked());
        let s = step.get_untracked();
        if !s.is_empty() {
            let _ = form.append_with_str("step", &s);
        }
        let _ = form.append_with_blob_and_filename("file", &file, &file.name());
        progress.set(Some(0.0));
        let id = case_id.get_untracked();
        spawn_local(async move {
            let r =
                api::upload::<DocumentDto>(&format!("/cases/{id}/documents"), &form, move |p| {
                    progress.set(Some(p))
                })
                .await;
            progress.set(None);
            match r {
                Ok(d) => {
                    done.set(Some(format!("{}: {}", t("doc.uploaded"), d.filename)));
                    input.set_value("");
                    tick.update(|x| *x += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let download = move |doc: DocumentDto| {
        let id = case_id.get_untracked();
        spawn_local(async move {
            if let Err(e) = api::download(
                &format!("/cases/{id}/documents/{}/content", doc.id),
                &doc.filename,
            )
            .await
            {
                error.set(Some(e));
            }
        });
    };
    let remove = move |doc: DocumentDto| {
        // Removal is audited and needs a reason (kept on file, marked removed).
        let reason = web_sys::window()
            .and_then(|w| {
                w.prompt_with_message(&format!(
                    "{} {}: {}",
                    t("doc.remove_confirm"),
                    doc.filename,
                    t("doc.remove_reason")
                ))
                .ok()
                .flatten()
            })
            .unwrap_or_default();
        if reason.trim().is_empty() {
            return;
        }
        let id = case_id.get_untracked();
        spawn_local(async move {
            let body = RemoveDocument {
                version: None,
                reason,
            };
            match api::send::<_, DocumentDto>(
                "DELETE",
                &format!("/cases/{id}/documents/{}", doc.id),
                &body,
                Some(doc.version),
            )
            .await
            {
                Ok(_) => tick.update(|x| *x += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let list = move || {
        match docs.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <p class="muted">{e.message(lang())}</p> }.into_any(),
        Some(Ok(page)) if page.items.is_empty() => view! { <p class="muted">{tx("doc.none")}</p> }.into_any(),
        Some(Ok(page)) => view! {
            <div class="table-wrap"><table class="table" data-testid="documents">
                <thead><tr>
                    <th scope="col">{tx("doc.filename")}</th>
                    <th scope="col">{tx("doc.kind")}</th>
                    <th scope="col">{tx("doc.step")}</th>
                    <th scope="col">{tx("doc.size")}</th>
                    <th scope="col">{tx("doc.uploaded_at")}</th>
                    <th scope="col"><span class="sr-only">{tx("common.actions")}</span></th>
                </tr></thead>
                <tbody>
                    {page.items.into_iter().map(|d| {
                        let kind = d.kind.as_str();
                        let step = d.step.as_str();
                        let d2 = d.clone();
                        let d3 = d.clone();
                        view! { <tr>
                            <td><span title=d.sha256.clone()>{d.filename.clone()}</span></td>
                            <td>{move || label("doc_kind", kind)}</td>
                            <td>{move || label("step", step)}</td>
                            <td>{fmt_size(d.size)}</td>
                            <td>{fmt_datetime(d.uploaded_at)}</td>
                            <td class="row-actions">
                                {move || powers.get().download.then(|| {
                                    let d2 = d2.clone();
                                    view! { <button type="button" class="btn btn-small" on:click=move |_| download(d2.clone())>{tx("doc.download")}</button> }
                                })}
                                {move || powers.get().remove.then(|| {
                                    let d3 = d3.clone();
                                    view! { <button type="button" class="btn btn-small btn-danger" on:click=move |_| remove(d3.clone())>{tx("doc.remove")}</button> }
                                })}
                            </td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table></div>
        }.into_any(),
    }
    };

    view! {
        <section class="card" aria-labelledby="docs-title">
            <h2 id="docs-title">{tx("doc.title")}</h2>
            <Notice message=done/>
            <ErrorBox error=error/>
            {list}
            <Show when=move || powers.get().upload>
            <form class="upload" on:submit=upload data-testid="upload-form">
                <SelectField id="doc_kind" label_key="doc.kind" value=kind options=options(&kinds(), "doc_kind") error=error field="kind"/>
                <SelectField id="doc_step" label_key="doc.step" value=step blank_key="common.none" options=options(&steps(), "step") error=error field="step"/>
                <div class="field">
                    <label for="doc_file">{tx("doc.file")}" *"</label>
                    <input id="doc_file" name="file" type="file" node_ref=file_input
                        accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.odt,.xlsx,application/pdf,image/*"/>
                    <crate::ui::FieldErr error=error field="file"/>
                </div>
                {move || progress.get().map(|p| view! {
                    <div class="progress">
                        <progress max="100" value=(p * 100.0).round() aria-label=tx("doc.progress") data-testid="upload-progress"></progress>
                        <span>{format!("{:.0}%", p * 100.0)}</span>
                    </div>
                })}
                <button type="submit" class="btn btn-primary" disabled=move || progress.get().is_some()>{tx("doc.upload")}</button>
            </form>
            </Show>
        </section>
    }
}
