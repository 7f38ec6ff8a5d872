//! TGPL web application: a Leptos client-side-rendered SPA over the REST
//! API (`/api/v1`). View logic with rules (i18n, dates, filters ⇄ URL,
//! error messages, which acts a case offers) lives in plain modules with
//! unit tests that run natively.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::unit_arg)]

pub mod api;
pub mod app;
pub mod case_rules;
pub mod categories;
pub mod charts;
pub mod decode;
pub mod desk;
pub mod desk_api_keys;
pub mod desk_case;
pub mod desk_category;
pub mod desk_hearings;
pub mod desk_import;
pub mod desk_persons;
pub mod desk_privacy;
pub mod desk_quality;
pub mod desk_reference;
pub mod desk_registers;
pub mod desk_reports;
pub mod desk_users;
pub mod filters;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod problem;
pub mod public;
pub mod reauth;
pub mod session;
pub mod ui;
pub mod value;

/// Entry point of the wasm module: the staff app; with the `public`
/// feature the citizens' pages alone (their own light module), with `desk`
/// the staff's queues of the public services (issue #12, ADR 0021).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    // Create the global signals before any component exists.
    let _ = session::globals();
    session::set_lang(session::globals().lang.get_untracked());
    // The page's static first screen gives way to the app; a login typed
    // into it is carried over (issue #13 item 8).
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"))
    {
        session::take_shell_login(&shell);
        shell.remove();
    }
    #[cfg(not(any(feature = "public", feature = "desk")))]
    leptos::mount::mount_to_body(app::App);
    #[cfg(feature = "public")]
    leptos::mount::mount_to_body(public::PublicApp);
    #[cfg(all(feature = "desk", not(feature = "public")))]
    leptos::mount::mount_to_body(desk::DeskApp);
    // Refusals are said from the server's catalogue of error codes (after
    // mounting: that starts the executor the request runs on).
    problem::load_catalogue();
}

#[cfg(target_arch = "wasm32")]
use leptos::prelude::GetUntracked;
