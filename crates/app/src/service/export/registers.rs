//! The registers (organisations, practitioners, user accounts) as files,
//! read through the services that serve their screens.
use super::{Chunk, Export, PAGE, Table, date, moment, text, yes};
use crate::service::{organisations as orgs, practitioners as people, users as accounts};
use crate::{App, Caller};
use tgpl_api_model::organisations::OrganisationQuery;
use tgpl_api_model::practitioners::PractitionerQuery;
use tgpl_api_model::users::UserQuery;
use tgpl_domain::ProvinceCode;
use uuid::Uuid;

static ORGANISATIONS: Table = Table {
    sheet: "Tổ chức",
    file: "danh-sach-to-chuc",
    columns: &[
        "Tên tổ chức",
        "Tên viết tắt",
        "Loại",
        "Tỉnh, thành phố",
        "Đơn vị cấp trên",
        "Trạng thái",
        "Số hợp đồng / đăng ký",
        "Hiệu lực từ",
        "Hiệu lực đến",
        "Địa chỉ",
        "Điện thoại",
        "Email",
    ],
};

static PRACTITIONERS: Table = Table {
    sheet: "Người thực hiện",
    file: "danh-sach-nguoi-thuc-hien",
    columns: &[
        "Họ và tên",
        "Loại người thực hiện",
        "Số thẻ / chứng chỉ",
        "Tổ chức",
        "Tỉnh, thành phố",
        "Trạng thái",
        "Hợp đồng từ",
        "Hợp đồng đến",
        "Chỉ tiêu vụ việc năm",
        "Điện thoại",
        "Email",
    ],
};

static USERS: Table = Table {
    sheet: "Tài khoản",
    file: "danh-sach-tai-khoan",
    columns: &[
        "Tên đăng nhập",
        "Họ và tên",
        "Vai trò",
        "Tổ chức",
        "Tỉnh, thành phố",
        "Trạng thái",
        "Bị khóa",
        "Phải đổi mật khẩu",
        "Đăng nhập lần cuối",
        "Điện thoại",
        "Email",
    ],
};

fn province(p: Option<ProvinceCode>) -> String {
    p.map(|p| p.name().to_owned()).unwrap_or_default()
}

/// The names of the units a page refers to.
async fn unit_names(
    app: &App,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, String>, crate::error::AppError> {
    Ok(tgpl_db::organisations::names(app.db.read(), ids)
        .await?
        .into_iter()
        .map(|(id, u)| (id, u.name))
        .collect())
}

/// The organisation register with its filters.
pub fn organisations(app: App, caller: Caller, q: OrganisationQuery) -> Export {
    Export::new(&ORGANISATIONS, move |after| {
        let (app, caller) = (app.clone(), caller.clone());
        let q = OrganisationQuery {
            after,
            limit: Some(PAGE),
            ..q.clone()
        };
        async move {
            let page = orgs::list(&app, &caller, q).await?;
            let parents = unit_names(&app, page.items.iter().filter_map(|o| o.parent_id)).await?;
            let rows = page
                .items
                .iter()
                .map(|o| {
                    vec![
                        o.name.clone(),
                        o.abbreviation.clone(),
                        o.kind.label_vi().to_owned(),
                        province(o.province_code),
                        o.parent_id
                            .and_then(|p| parents.get(&p).cloned())
                            .unwrap_or_default(),
                        o.status.label_vi().to_owned(),
                        text(&o.registration_number),
                        date(o.valid_from),
                        date(o.valid_to),
                        text(&o.address),
                        text(&o.phone),
                        text(&o.email),
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

/// The practitioner register with its filters.
pub fn practitioners(app: App, caller: Caller, q: PractitionerQuery) -> Export {
    Export::new(&PRACTITIONERS, move |after| {
        let (app, caller) = (app.clone(), caller.clone());
        let q = PractitionerQuery {
            after,
            limit: Some(PAGE),
            ..q.clone()
        };
        async move {
            let page = people::list(&app, &caller, q).await?;
            let units = unit_names(&app, page.items.iter().map(|p| p.organisation_id)).await?;
            let rows = page
                .items
                .iter()
                .map(|p| {
                    vec![
                        p.full_name.clone(),
                        p.kind.label_vi().to_owned(),
                        p.card_number.clone(),
                        units.get(&p.organisation_id).cloned().unwrap_or_default(),
                        province(p.province_code),
                        p.status.label_vi().to_owned(),
                        date(p.contract_start),
                        date(p.contract_end),
                        p.annual_quota.map(|q| q.to_string()).unwrap_or_default(),
                        text(&p.phone),
                        text(&p.email),
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

/// The user accounts with their filters.
pub fn users(app: App, caller: Caller, q: UserQuery) -> Export {
    Export::new(&USERS, move |after| {
        let (app, caller) = (app.clone(), caller.clone());
        let q = UserQuery {
            after,
            limit: Some(PAGE),
            ..q.clone()
        };
        async move {
            let page = accounts::list(&app, &caller, q).await?;
            let units = unit_names(&app, page.items.iter().map(|u| u.organisation_id)).await?;
            let rows = page
                .items
                .iter()
                .map(|u| {
                    vec![
                        u.username.clone(),
                        u.full_name.clone(),
                        u.role.label_vi().to_owned(),
                        units.get(&u.organisation_id).cloned().unwrap_or_default(),
                        province(u.province_code),
                        u.status.label_vi().to_owned(),
                        yes(u.locked),
                        yes(u.must_change_password),
                        u.last_login_at.map(moment).unwrap_or_default(),
                        text(&u.phone),
                        text(&u.email),
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
