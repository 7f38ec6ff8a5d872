//! Keyset pagination: `?after=<cursor>&limit=`, stable order by id
//! (UUID v7, so creation order).
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use uuid::Uuid;

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageRequest {
    pub after: Option<Uuid>,
    /// For a list ordered by other keys than the id: the values of those
    /// keys on the previous page's last row, as the cursor carried them (so
    /// a change to that row between pages cannot move the page).
    pub keys: Option<CursorKeys>,
    pub limit: u64,
}

/// Up to two sort keys as integers (days, micro-seconds, numbers); `None`
/// for a null.
pub type CursorKeys = [Option<i64>; MAX_CURSOR_KEYS];
pub const MAX_CURSOR_KEYS: usize = 2;

impl PageRequest {
    /// Builds a page request from the query string values, rejecting a
    /// cursor we did not issue.
    pub fn parse(after: Option<&str>, limit: Option<u64>) -> Result<Self, &'static str> {
        let (after, keys) = match after.filter(|s| !s.is_empty()) {
            None => (None, None),
            Some(s) => {
                let (id, keys) =
                    decode_keyed_cursor(s).ok_or("cursor is not one this server issued")?;
                (Some(id), keys)
            }
        };
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err("limit must be between 1 and 200");
        }
        Ok(Self { after, keys, limit })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Cursor of the next page, if there is one.
    pub next: Option<String>,
    /// How many items the query selects, where the list counts them.
    pub total: Option<Total>,
}

/// A list's count, taken up to a cap so it stays cheap on a national list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    /// The number of items, at most the cap.
    pub count: u64,
    /// False when more than `count` items match.
    pub exact: bool,
}

impl<T> Page<T> {
    /// Cuts a `limit + 1` fetch into a page and its next cursor.
    pub fn from_overfetch(mut items: Vec<T>, limit: u64, id_of: impl Fn(&T) -> Uuid) -> Self {
        let more = items.len() as u64 > limit;
        items.truncate(limit as usize);
        let next = if more {
            items.last().map(|t| encode_cursor(id_of(t)))
        } else {
            None
        };
        Self {
            items,
            next,
            total: None,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
            total: self.total,
        }
    }
}

pub fn encode_cursor(id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

/// A cursor that also carries the last row's sort keys: the id's 16 bytes,
/// then per key a null flag and 8 bytes.
pub fn encode_keyed_cursor(id: Uuid, keys: &[Option<i64>]) -> String {
    let mut bytes = id.as_bytes().to_vec();
    for k in keys.iter().take(MAX_CURSOR_KEYS) {
        match k {
            Some(v) => {
                bytes.push(1);
                bytes.extend_from_slice(&v.to_be_bytes());
            }
            None => bytes.extend_from_slice(&[0; 9]),
        }
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A cursor's id and, if it carries them, its sort keys.
pub fn decode_keyed_cursor(s: &str) -> Option<(Uuid, Option<CursorKeys>)> {
    let bytes = URL_SAFE_NO_PAD.decode(s).ok()?;
    let (id, rest) = bytes.split_at_checked(16)?;
    let id = Uuid::from_slice(id).ok()?;
    if rest.is_empty() {
        return Some((id, None));
    }
    if rest.len() % 9 != 0 || rest.len() / 9 > MAX_CURSOR_KEYS {
        return None;
    }
    let mut keys: CursorKeys = [None; MAX_CURSOR_KEYS];
    for (slot, chunk) in keys.iter_mut().zip(rest.chunks(9)) {
        *slot = match chunk[0] {
            0 => None,
            1 => Some(i64::from_be_bytes(chunk[1..].try_into().ok()?)),
            _ => return None,
        };
    }
    Some((id, Some(keys)))
}

pub fn decode_cursor(s: &str) -> Option<Uuid> {
    let bytes = URL_SAFE_NO_PAD.decode(s).ok()?;
    Uuid::from_slice(&bytes).ok()
}

/// Runs a filtered query as one ascending keyset page on `id_col`.
pub(crate) async fn ascending<E, C, T>(
    conn: &C,
    mut q: sea_orm::Select<E>,
    id_col: E::Column,
    page: PageRequest,
    convert: impl Fn(E::Model) -> Result<T, crate::DbError>,
    id_of: impl Fn(&T) -> Uuid,
) -> Result<Page<T>, crate::DbError>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    let total = count_up_to(conn, q.clone(), id_col, TOTAL_CAP).await?;
    if let Some(after) = page.after {
        q = q.filter(id_col.gt(after));
    }
    let rows = q
        .order_by_asc(id_col)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let items = rows
        .into_iter()
        .map(convert)
        .collect::<Result<Vec<_>, _>>()?;
    let mut page = Page::from_overfetch(items, page.limit, id_of);
    page.total = Some(total);
    Ok(page)
}

/// Lists count their matches up to this many (`Page::total`).
pub const TOTAL_CAP: u64 = 10_000;

/// How many rows a filtered query selects, counted up to `cap`: a list of
/// a million says "more than 10,000" at the cost of 10,000 index entries.
pub(crate) async fn count_up_to<E, C>(
    conn: &C,
    q: sea_orm::Select<E>,
    id_col: impl sea_orm::sea_query::IntoColumnRef,
    cap: u64,
) -> Result<Total, crate::DbError>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::sea_query::{Alias, Expr, Query};
    use sea_orm::{QuerySelect, QueryTrait};
    let ids = q
        .select_only()
        .column_as(Expr::col(id_col), "id")
        .limit(cap + 1)
        .into_query();
    let count = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(ids, Alias::new("selected"))
        .to_owned();
    let n: i64 = match conn.query_one(&count).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    let n = u64::try_from(n).unwrap_or(0);
    Ok(Total {
        count: Ord::min(n, cap),
        exact: n <= cap,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let id = Uuid::now_v7();
        assert_eq!(decode_cursor(&encode_cursor(id)), Some(id));
        assert_eq!(decode_cursor("not a cursor!"), None);
        assert!(PageRequest::parse(Some("zz"), None).is_err());
        assert!(PageRequest::parse(None, Some(0)).is_err());
        assert!(PageRequest::parse(None, Some(201)).is_err());
        assert_eq!(PageRequest::parse(None, None).unwrap().limit, 50);
    }

    #[test]
    fn overfetch_gives_next_cursor_only_when_more_exist() {
        let ids: Vec<Uuid> = (0..3).map(Uuid::from_u128).collect();
        let keyed = encode_keyed_cursor(ids[0], &[Some(-5), None]);
        assert_eq!(
            decode_keyed_cursor(&keyed),
            Some((ids[0], Some([Some(-5), None])))
        );
        assert_eq!(
            decode_keyed_cursor(&encode_cursor(ids[1])),
            Some((ids[1], None))
        );
        assert_eq!(decode_keyed_cursor("AAAA"), None);
        let page = Page::from_overfetch(ids.clone(), 2, |u| *u);
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.next, Some(encode_cursor(ids[1])));
        let last = Page::from_overfetch(ids, 3, |u| *u);
        assert_eq!(last.next, None);
    }
}
