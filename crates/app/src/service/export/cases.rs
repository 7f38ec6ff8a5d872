//! The case list and a report cell's cases as files.
use super::{Chunk, Export, PAGE, Table, date, yes};
use crate::error::{AppError, Fields};
use crate::service::cases::{CaseView, list_filtered};
use crate::service::{page_request, statistics};
use crate::{App, Caller};
use std::collections::HashMap;
use tgpl_api_model::reports::FormReportQuery;
use tgpl_db::Page;
use tgpl_db::cases::CaseFilter;
use tgpl_domain::case::record::PartyRole;
use uuid::Uuid;

/// The columns, as the list names them.
pub static CASES: Table = Table {
    sheet: "Vụ việc",
    file: "danh-sach-vu-viec",
    columns: &[
        "Mã vụ việc",
        "Trạng thái",
        "Ngày yêu cầu",
        "Ngày thụ lý",
        "Ngày kết thúc",
        "Hình thức trợ giúp",
        "Lĩnh vực",
        "Đơn vị",
        "Tỉnh, thành phố",
        "Người được trợ giúp",
        "Diện được trợ giúp",
        "Người thực hiện",
        "Khẩn cấp",
        "Quá hạn",
        "Mức đầy đủ hồ sơ (%)",
    ],
};

/// A report cell's cases: the case list's columns, its own file name.
static CELL: Table = Table {
    sheet: "Vụ việc",
    file: "vu-viec-theo-o-bao-cao",
    columns: CASES.columns,
};

/// One page's rows, with the units' and practitioners' names looked up.
async fn rows(state: &App, page: &[CaseView]) -> Result<Vec<Vec<String>>, AppError> {
    let conn = state.db.read();
    let units =
        tgpl_db::organisations::names(conn, page.iter().map(|v| v.case.organisation_id)).await?;
    let people: HashMap<Uuid, String> =
        tgpl_db::practitioners::names(conn, page.iter().filter_map(|v| v.case.practitioner_id))
            .await?;
    Ok(page
        .iter()
        .map(|v| {
            let c = &v.case;
            let beneficiary = c
                .parties
                .iter()
                .find(|p| p.role == PartyRole::Beneficiary)
                .map(|p| p.full_name.clone())
                .unwrap_or_default();
            vec![
                c.code.as_ref().map(ToString::to_string).unwrap_or_default(),
                c.status.label_vi().to_owned(),
                date(Some(c.request_date)),
                date(c.accepted_on),
                date(c.closed_on),
                c.form_of_aid.label_vi().to_owned(),
                c.field_of_law.label_vi().to_owned(),
                units
                    .get(&c.organisation_id)
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                c.province_code
                    .map(|p| p.name().to_owned())
                    .unwrap_or_default(),
                beneficiary,
                c.eligibility_codes.join(", "),
                c.practitioner_id
                    .and_then(|p| people.get(&p).cloned())
                    .unwrap_or_default(),
                yes(c.urgent),
                yes(c.overdue(v.today)),
                v.completeness.score.to_string(),
            ]
        })
        .collect())
}

async fn chunk(state: &App, page: Page<CaseView>) -> Result<Chunk, AppError> {
    Ok(Chunk {
        rows: rows(state, &page.items).await?,
        next: page.next,
    })
}

/// The case list with its filters (checked by `cases::filter_of`): every
/// page masked for the reader and audited as a list read, as on screen.
pub fn cases(app: App, caller: Caller, filter: CaseFilter) -> Export {
    let filter = std::sync::Arc::new(filter);
    Export::new(&CASES, move |after| {
        let (app, caller, filter) = (app.clone(), caller.clone(), filter.clone());
        async move {
            let mut f = Fields::new();
            let page = page_request(&mut f, after.as_deref(), Some(PAGE));
            f.finish()?;
            let page = list_filtered(&app, &caller, &filter, page.unwrap_or_default()).await?;
            chunk(&app, page).await
        }
    })
}

/// The cases counted in one cell of a statistical form (the drill-down).
pub fn report_cell(app: App, caller: Caller, form: String, q: FormReportQuery) -> Export {
    Export::new(&CELL, move |after| {
        let (app, caller, form) = (app.clone(), caller.clone(), form.clone());
        let q = FormReportQuery {
            after,
            limit: Some(PAGE),
            ..q.clone()
        };
        async move {
            let page = statistics::cell_cases(&app, &caller, &form, q).await?;
            chunk(&app, page).await
        }
    })
}
