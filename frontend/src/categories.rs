//! The eligibility table as the server keeps it (the national admin edits
//! it, issue #13 item 4): read once per page load, so intake offers and
//! judges the categories the server will judge by, and the case page names
//! them as the table does. Until it arrives, and if it cannot be read, the
//! table built into the domain stands in.
use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tgpl_domain::eligibility::{CATEGORIES, Category};

thread_local! {
    // Reference-counted, not owned by whichever screen first asked: an
    // arena signal made inside a memo would be disposed with it.
    static TABLE: ArcRwSignal<Option<Arc<Vec<Category>>>> = ArcRwSignal::new(None);
    /// The built-in table, copied once (screens ask on every redraw).
    static BUILT_IN: Arc<Vec<Category>> = Arc::new(CATEGORIES.to_vec());
}
static LOADING: AtomicBool = AtomicBool::new(false);

/// Reads the table from the server, once (again after a failure).
fn load() {
    if LOADING.swap(true, Ordering::SeqCst) {
        return;
    }
    leptos::task::spawn_local(async {
        match crate::api::get::<Vec<Category>>("/reference/eligibility-categories").await {
            Ok(table) => TABLE.with(|t| t.set(Some(Arc::new(table)))),
            Err(_) => LOADING.store(false, Ordering::SeqCst),
        }
    });
}

/// Every version of every category (reactive: screens redraw when the
/// server's table arrives).
pub fn table() -> Arc<Vec<Category>> {
    load();
    TABLE
        .with(|t| t.get())
        .unwrap_or_else(|| BUILT_IN.with(Arc::clone))
}

/// The categories in force on `date`.
pub fn in_force(date: chrono::NaiveDate) -> Vec<Category> {
    table()
        .iter()
        .filter(|c| c.in_force_on(date))
        .cloned()
        .collect()
}

/// A category code as its clause and name in force on `date` ("5. Người
/// từ đủ 16 tuổi…"), else its latest version's; the code itself if the
/// table has none.
pub fn name_on(code: &str, date: chrono::NaiveDate) -> String {
    let table = table();
    let versions = || table.iter().filter(|c| c.code == code);
    versions()
        .find(|c| c.in_force_on(date))
        .or_else(|| versions().max_by_key(|c| c.valid_from))
        .map_or_else(
            || code.to_owned(),
            |c| format!("{}. {}", c.clause, crate::ui::category_name(c)),
        )
}
