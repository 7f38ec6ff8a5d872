//! The hearings calendar and the audit trail as files, read through the
//! services that serve their screens.
use super::{Chunk, Export, PAGE, Table, moment, text};
use crate::service::{audit, hearings as calendar};
use crate::{App, Caller};
use tgpl_api_model::cases::HearingQuery;
use uuid::Uuid;

static HEARINGS: Table = Table {
    sheet: "Lịch phiên tòa",
    file: "lich-phien-toa",
    columns: &[
        "Thời gian",
        "Tòa án",
        "Hình thức",
        "Địa điểm",
        "Mã vụ việc",
        "Người thực hiện",
        "Ghi chú",
    ],
};

static AUDIT: Table = Table {
    sheet: "Nhật ký",
    file: "nhat-ky-he-thong",
    columns: &[
        "Thời điểm",
        "Người thực hiện",
        "Vai trò",
        "Hành động",
        "Đối tượng",
        "Mã đối tượng",
        "Trước",
        "Sau",
        "Mã yêu cầu",
    ],
};

/// The hearings calendar with its filters (upcoming by default).
pub fn hearings(app: App, caller: Caller, q: HearingQuery) -> Export {
    Export::new(&HEARINGS, move |after| {
        let (app, caller) = (app.clone(), caller.clone());
        let q = HearingQuery {
            after,
            limit: Some(PAGE),
            ..q.clone()
        };
        async move {
            let page = calendar::calendar(&app, &caller, q).await?;
            let conn = app.db.read();
            let codes = tgpl_db::cases::codes(conn, page.items.iter().map(|h| h.case_id)).await?;
            let people = tgpl_db::practitioners::names(
                conn,
                page.items.iter().filter_map(|h| h.practitioner_id),
            )
            .await?;
            let rows = page
                .items
                .iter()
                .map(|h| {
                    vec![
                        moment(h.starts_at),
                        h.court.clone(),
                        h.mode.label_vi().to_owned(),
                        text(&h.location),
                        codes.get(&h.case_id).cloned().unwrap_or_default(),
                        h.practitioner_id
                            .and_then(|p| people.get(&p).cloned())
                            .unwrap_or_default(),
                        text(&h.notes),
                    ]
                })
                .collect();
            Ok(Chunk {
                rows,
                next: page.next,
            })
        }
    })
}

/// What the audit trail is filtered by.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
}

/// The audit trail with its filters, its before/after values masked as
/// the reader sees them on screen.
pub fn audit_trail(app: App, caller: Caller, q: AuditQuery) -> Export {
    Export::new(&AUDIT, move |after| {
        let (app, caller, q) = (app.clone(), caller.clone(), q.clone());
        async move {
            let page = audit::list(
                &app,
                &caller,
                q.entity,
                q.entity_id,
                q.actor_id,
                after.as_deref(),
                Some(PAGE),
            )
            .await?;
            let actors =
                tgpl_db::users::names(app.db.read(), page.items.iter().filter_map(|e| e.actor_id))
                    .await?;
            let json = |v: &Option<serde_json::Value>| {
                v.as_ref().map(ToString::to_string).unwrap_or_default()
            };
            let rows = page
                .items
                .iter()
                .map(|e| {
                    vec![
                        moment(e.occurred_at),
                        e.actor_id
                            .and_then(|a| actors.get(&a).cloned())
                            .unwrap_or_default(),
                        e.actor_role
                            .as_deref()
                            .and_then(|r| tgpl_domain::Role::parse(r).ok())
                            .map(|r| r.label_vi().to_owned())
                            .unwrap_or_default(),
                        e.action.clone(),
                        e.entity.clone(),
                        e.entity_id.to_string(),
                        json(&e.before),
                        json(&e.after),
                        text(&e.request_id),
                    ]
                })
                .collect();
            Ok(Chunk {
                rows,
                next: page.next,
            })
        }
    })
}
