//! Saved views of a list (issue #13 item 6): a user's named filters and
//! order, kept as the list's query string. The rules of a good one live
//! here: a name to recognise it by, a list it belongs to, and a query
//! without paging (a view opens on its first page).
use crate::ParseError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// At most this many views of one list per user.
pub const MAX_PER_LIST: u64 = 50;
/// The longest name and query kept.
pub const MAX_NAME: usize = 100;
pub const MAX_QUERY: usize = 2000;

/// The lists a view can be saved of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ViewList {
    Cases,
}

impl ViewList {
    pub fn as_str(self) -> &'static str {
        match self {
            ViewList::Cases => "cases",
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        match s {
            "cases" => Ok(ViewList::Cases),
            _ => Err(ParseError::new(
                "saved_view.list_unknown",
                format!("unknown list '{s}'"),
            )),
        }
    }
}

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    pub id: Uuid,
    pub user_id: Uuid,
    pub list: ViewList,
    pub name: String,
    /// The list's query string, without `after`, `back` or `limit`.
    pub query: String,
    pub created_at: DateTime<Utc>,
}

/// Why a view cannot be saved, at which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRefusal {
    pub field: &'static str,
    pub code: &'static str,
    pub message: &'static str,
}

impl SavedView {
    /// A view as saved: the name trimmed, the query without paging.
    pub fn new(
        id: Uuid,
        user_id: Uuid,
        list: ViewList,
        name: &str,
        query: &str,
        created_at: DateTime<Utc>,
    ) -> Result<Self, ViewRefusal> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return Err(ViewRefusal {
                field: "name",
                code: "length",
                message: "a view's name has 1 to 100 characters",
            });
        }
        let query = without_paging(query);
        if query.chars().count() > MAX_QUERY {
            return Err(ViewRefusal {
                field: "query",
                code: "length",
                message: "a view's query has at most 2000 characters",
            });
        }
        Ok(Self {
            id,
            user_id,
            list,
            name: name.to_owned(),
            query,
            created_at,
        })
    }
}

/// `query` without a leading `?` and without the paging parameters: a view
/// opens on its first page.
pub fn without_paging(query: &str) -> String {
    query
        .trim()
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or_default();
            !matches!(key, "after" | "back" | "limit")
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(name: &str, query: &str) -> Result<SavedView, ViewRefusal> {
        SavedView::new(
            Uuid::nil(),
            Uuid::nil(),
            ViewList::Cases,
            name,
            query,
            DateTime::<Utc>::MIN_UTC,
        )
    }

    #[test]
    fn a_view_keeps_its_filters_and_order_but_not_its_page() {
        let v = new(
            "  Quá hạn của tôi ",
            "?status=assigned&after=AAAA&sort=deadline_asc&back=0.AAAA&limit=50",
        )
        .unwrap();
        assert_eq!(v.name, "Quá hạn của tôi");
        assert_eq!(v.query, "status=assigned&sort=deadline_asc");
        assert_eq!(new("Tất cả", "").unwrap().query, "");
    }

    #[test]
    fn a_view_needs_a_name_and_a_sensible_query() {
        assert_eq!(new("   ", "status=received").unwrap_err().field, "name");
        assert_eq!(new(&"x".repeat(101), "").unwrap_err().field, "name");
        assert!(new(&"đ".repeat(100), "").is_ok(), "characters, not bytes");
        assert_eq!(new("Dài", &"q=a&".repeat(600)).unwrap_err().field, "query");
    }

    #[test]
    fn lists_are_named_as_on_the_wire() {
        assert_eq!(ViewList::parse("cases"), Ok(ViewList::Cases));
        assert!(ViewList::parse("secrets").is_err());
    }
}
