//! Saved views of a list: the wire types.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tgpl_domain::saved_view::{SavedView, ViewList};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A view to save.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreateSavedView {
    pub list: ViewList,
    /// 1 to 100 characters, unique among your views of the list.
    pub name: String,
    /// The list's query string as in its URL, e.g.
    /// `status=assigned&sort=deadline_asc` (`after`, `back` and `limit` are
    /// dropped).
    pub query: String,
}

/// One of your saved views.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SavedViewDto {
    pub id: Uuid,
    pub list: ViewList,
    pub name: String,
    pub query: String,
    pub created_at: DateTime<Utc>,
}

impl From<SavedView> for SavedViewDto {
    fn from(v: SavedView) -> Self {
        Self {
            id: v.id,
            list: v.list,
            name: v.name,
            query: v.query,
            created_at: v.created_at,
        }
    }
}

/// Query parameters of `GET /saved-views`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SavedViewQuery {
    pub list: ViewList,
}
