//! The shell: routes, the header with navigation for the user's role, the
//! language switch, and the guard that shows the login page to anyone
//! without a session.
use crate::i18n::Lang;
use crate::pages;
use crate::session::{self, globals};
use crate::ui::{t, tx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use tgpl_domain::policy::{
    Actor, Resource, has_evaluation_work, read_filter, watches_leadership_dashboard,
    works_with_reports,
};
use tgpl_domain::{Role, ScopeFilter};

/// Which screens a role uses (the API decides what each may do on them).
pub fn nav_items(actor: &Actor) -> Vec<(&'static str, &'static str)> {
    use Role::*;
    let role = actor.role;
    let mut items = vec![("/", "nav.dashboard"), ("/cases", "nav.cases")];
    if matches!(
        role,
        CentreDirector | CentreDeputy | CentreClerk | BranchHead | ParticipatingOrgAccount
    ) {
        items.push(("/cases/new", "nav.intake"));
    }
    items.push(("/organisations", "nav.organisations"));
    items.push(("/practitioners", "nav.practitioners"));
    if matches!(
        role,
        NationalAdmin
            | NationalStaff
            | JusticeDepartmentStaff
            | CentreDirector
            | CentreDeputy
            | BranchHead
    ) {
        // In the desk module (desk.html), with the queues.
        items.push(("/desk/users", "nav.users"));
    }
    // The statistical reports, quality evaluation and the leadership
    // dashboard live in the desk module (desk.html), offered by the policy.
    if works_with_reports(actor) {
        items.push(("/desk/reports", "nav.reports"));
    }
    if has_evaluation_work(actor) {
        items.push(("/desk/evaluations", "nav.quality"));
    }
    if watches_leadership_dashboard(actor) {
        items.push(("/desk/leadership", "nav.leadership"));
    }
    // Whoever the policy lets read the trail (the data-protection officer:
    // who read a beneficiary's record).
    if read_filter(actor, Resource::AuditLog) != ScopeFilter::Nothing {
        // In the administration module (ADR 0032).
        items.push(("/desk/audit", "nav.audit"));
    }
    // The queues of the public services live in their own module (desk.html):
    // offered to whoever the policy lets read one of them.
    if [
        Resource::Intake,
        Resource::Complaint,
        Resource::HotlineCall,
        Resource::SubjectRequest,
    ]
    .into_iter()
    .any(|r| read_filter(actor, r) != ScopeFilter::Nothing)
    {
        items.push(("/desk", "nav.desk"));
    }
    items
}

/// The i18n key naming the screen at `path`.
pub fn page_title_key(path: &str) -> &'static str {
    match path.trim_end_matches('/') {
        "" => "nav.dashboard",
        "/cases" => "nav.cases",
        "/cases/new" => "nav.intake",
        p if p.starts_with("/cases/") => "case.title",
        p if p.starts_with("/organisations") => "nav.organisations",
        p if p.starts_with("/practitioners") => "nav.practitioners",
        "/account" => "account.title",
        _ => "app.name",
    }
}

#[component]
pub fn App() -> impl IntoView {
    spawn_local(session::restore());
    let g = globals();
    // Only signing in or out swaps the screen: a change inside the session
    // (a new token, the profile reloaded) must not re-mount the page and
    // drop what it shows, such as recovery codes shown once.
    let signed_in = Memo::new(move |_| g.session.with(Option::is_some));
    view! {
        <Router>
            <a class="skip" href="#main">{tx("nav.skip")}</a>
            {move || {
                if !g.ready.get() {
                    view! { <p class="boot">{tx("common.loading")}</p> }.into_any()
                } else if !signed_in.get() {
                    view! { <pages::login::Login/> }.into_any()
                } else {
                    view! { <Shell/> }.into_any()
                }
            }}
        </Router>
    }
}

/// The language switch every module's header shows.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let g = globals();
    view! {
        <div class="lang" role="group" aria-label=tx("lang.label")>
            <button type="button" aria-pressed=move || (g.lang.get() == Lang::Vi).to_string()
                on:click=move |_| session::set_lang(Lang::Vi)>"Tiếng Việt"</button>
            <button type="button" aria-pressed=move || (g.lang.get() == Lang::En).to_string()
                on:click=move |_| session::set_lang(Lang::En)>"English"</button>
        </div>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let g = globals();
    // A memo: the page swaps only when the flag itself changes, not on every
    // change of the session (a new token must not drop what a page shows).
    let must_change = Memo::new(move |_| {
        g.session
            .with(|s| s.as_ref().is_some_and(|s| s.must_change_password))
    });
    let location = use_location();
    let actor = move || g.session.with(|s| s.as_ref().map(crate::case_rules::actor));
    // Each screen's title names it (WCAG 2.4.2), in the current language.
    Effect::new(move |_| {
        let path = location.pathname.get();
        let key = page_title_key(&path);
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} — TGPL", t(key)));
        }
    });
    let nav = move || {
        let path = location.pathname.get();
        actor()
            .map(|a| nav_items(&a))
            .unwrap_or_default()
            .into_iter()
            .map(|(href, key)| {
                let current = if href == "/" {
                    path == "/"
                } else if href == "/cases" {
                    path == "/cases" || (path.starts_with("/cases/") && path != "/cases/new")
                } else {
                    path.starts_with(href)
                };
                view! {
                    <li><a href=href rel=href.starts_with("/desk").then_some("external")
                        aria-current=current.then_some("page")>{move || t(key)}</a></li>
                }
            })
            .collect_view()
    };
    let who = move || {
        g.session.with(|s| {
            s.as_ref().map(|s| {
                let name = if s.full_name.is_empty() {
                    s.username.clone()
                } else {
                    s.full_name.clone()
                };
                format!("{name} · {}", t(&format!("role.{}", s.role().as_str())))
            })
        })
    };
    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">"⚖"</span>
                <span>{tx("app.name")}</span>
            </div>
            <nav aria-label=tx("nav.label")><ul>{nav}</ul></nav>
            <div class="user">
                <pages::notifications::Bell/>
                <a href="/account" data-testid="who">{who}</a>
                <LangSwitch/>
                <button type="button" class="btn-link" on:click=move |_| spawn_local(session::logout())>
                    {tx("nav.logout")}
                </button>
            </div>
        </header>
        {move || must_change.get().then(|| view! {
            <div class="alert alert-info banner" role="status" data-testid="must-change-password">
                {tx("account.must_change")}" "<a href="/account">{tx("account.change_now")}</a>
            </div>
        })}
        {move || g.session.with(|s| s.as_ref().is_some_and(|s| s.must_enrol_second_factor)).then(|| view! {
            <div class="alert alert-info banner" role="status" data-testid="must-enrol-second-factor">
                {tx("mfa.must_enrol")}" "<a href="/account">{tx("mfa.start")}</a>
            </div>
        })}
        <crate::reauth::ReauthDialog/>
        <main id="main" tabindex="-1">
            // A temporary password opens only its change (the server refuses
            // the rest until then).
            {move || if must_change.get() {
                view! { <pages::account::Account/> }.into_any()
            } else { view! {
            <Routes fallback=|| view! { <h1>{tx("common.page_not_found")}</h1> }>
                <Route path=path!("/") view=pages::dashboard::Dashboard/>
                <Route path=path!("/cases") view=pages::cases::CaseList/>
                <Route path=path!("/cases/new") view=pages::intake::Intake/>
                <Route path=path!("/cases/:id") view=pages::case_detail::CaseDetail/>
                <Route path=path!("/organisations") view=pages::directory::Organisations/>
                <Route path=path!("/practitioners") view=pages::practitioners::Practitioners/>
                <Route path=path!("/account") view=pages::account::Account/>
            </Routes>
            }.into_any() }}
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_has_a_title() {
        assert_eq!(page_title_key("/"), "nav.dashboard");
        assert_eq!(page_title_key("/cases/new"), "nav.intake");
        assert_eq!(page_title_key("/cases/0190-aa"), "case.title");
        assert_eq!(page_title_key("/practitioners/x"), "nav.practitioners");
        assert_eq!(page_title_key("/nowhere"), "app.name");
    }

    #[test]
    fn intake_is_offered_to_intake_roles_only() {
        let actor = |role| Actor {
            user_id: uuid::Uuid::nil(),
            role,
            org_id: uuid::Uuid::nil(),
            centre_id: Some(uuid::Uuid::nil()),
            province: tgpl_domain::ProvinceCode::parse("01").ok(),
            practitioner_id: None,
        };
        let has = |r: Role, p: &str| nav_items(&actor(r)).iter().any(|(h, _)| *h == p);
        assert!(has(Role::CentreClerk, "/cases/new"));
        assert!(!has(Role::LegalAidOfficer, "/cases/new"));
        assert!(has(Role::CentreDirector, "/desk/users"));
        assert!(!has(Role::CentreClerk, "/desk/users"));
        assert!(!has(Role::NationalStaff, "/desk/audit"));
        assert!(has(Role::NationalAdmin, "/desk/audit"));
        // The queues go to whoever the policy lets read one of them.
        assert!(has(Role::CentreClerk, "/desk"));
        assert!(has(Role::HotlineOperator, "/desk"));
        assert!(has(Role::JusticeDepartmentStaff, "/desk"));
        assert!(!has(Role::LegalAidOfficer, "/desk"));
        assert!(!has(Role::IntegrationService, "/desk"));
        // The data-protection officer: the requests and who read what.
        assert!(has(Role::DataProtectionOfficer, "/desk"));
        assert!(has(Role::DataProtectionOfficer, "/desk/audit"));
        assert!(!has(Role::DataProtectionOfficer, "/cases/new"));
    }
}
