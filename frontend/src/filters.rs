//! The case list's filters: one struct that writes itself as a query string
//! (the API's `GET /cases` parameters, also kept in the page URL so that a
//! filtered list can be bookmarked and shared) and reads itself back.
use chrono::NaiveDate;
use tgpl_domain::case::{CaseSort, CaseState, FieldOfLaw, FormOfAid};
use uuid::Uuid;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub status: Option<CaseState>,
    pub form_of_aid: Option<FormOfAid>,
    pub field_of_law: Option<FieldOfLaw>,
    pub organisation_id: Option<Uuid>,
    pub practitioner_id: Option<Uuid>,
    pub requested_from: Option<NaiveDate>,
    pub requested_to: Option<NaiveDate>,
    pub overdue: Option<bool>,
    pub urgent: Option<bool>,
    /// Free text over case code and party names (the API ignores diacritics).
    pub q: String,
    /// Order of the list (absent: the API's default, newest first).
    pub sort: Option<CaseSort>,
    /// Keyset cursor of the page shown.
    pub after: Option<String>,
    /// The cursors of the pages before this one, oldest first (`None`: the
    /// first page), so "previous page" works on a keyset list. Kept in the
    /// page URL only, never sent to the API.
    pub back: Vec<Option<String>>,
}

impl CaseFilter {
    /// `key=value` pairs of the set filters, in a stable order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                out.push((k, v));
            }
        };
        put("status", self.status.map(|s| s.as_str().to_owned()));
        put(
            "form_of_aid",
            self.form_of_aid.map(|s| s.as_str().to_owned()),
        );
        put(
            "field_of_law",
            self.field_of_law.map(|s| s.as_str().to_owned()),
        );
        put(
            "organisation_id",
            self.organisation_id.map(|u| u.to_string()),
        );
        put(
            "practitioner_id",
            self.practitioner_id.map(|u| u.to_string()),
        );
        put("requested_from", self.requested_from.map(|d| d.to_string()));
        put("requested_to", self.requested_to.map(|d| d.to_string()));
        put("overdue", self.overdue.map(|b| b.to_string()));
        put("urgent", self.urgent.map(|b| b.to_string()));
        put("q", Some(self.q.trim().to_owned()));
        put("sort", self.sort.map(|s| s.as_str().to_owned()));
        put("after", self.after.clone());
        out
    }

    /// The API's query string (`GET /cases`).
    pub fn to_query(&self) -> String {
        encode_pairs(self.pairs().iter().map(|(k, v)| (*k, v.as_str())))
    }

    /// The page's URL query: the API's, and the way back through the pages.
    pub fn to_url_query(&self) -> String {
        let mut qs = self.to_query();
        if !self.back.is_empty() {
            let back: Vec<&str> = self
                .back
                .iter()
                .map(|c| c.as_deref().unwrap_or(FIRST_PAGE))
                .collect();
            let sep = if qs.is_empty() { "" } else { "&" };
            qs = format!("{qs}{sep}back={}", back.join("."));
        }
        qs
    }

    /// The next page, whose cursor is `next`.
    pub fn next_page(&self, next: String) -> Self {
        let mut f = self.clone();
        f.back.push(f.after.take());
        f.after = Some(next);
        f
    }

    /// The page before this one, if any.
    pub fn previous_page(&self) -> Option<Self> {
        let mut f = self.clone();
        f.after = f.back.pop()?;
        Some(f)
    }

    /// The list with these filters as a file (`csv` or `xlsx`): every
    /// page, so without the page's cursor.
    pub fn export_path(&self, format: &str) -> String {
        let qs = encode_pairs(
            self.pairs()
                .iter()
                .filter(|(k, _)| *k != "after")
                .map(|(k, v)| (*k, v.as_str())),
        );
        let sep = if qs.is_empty() { "" } else { "?" };
        format!("/cases/export/{format}{sep}{qs}")
    }

    /// Reads the pairs of a query string; unknown keys and bad values are ignored
    /// (a hand-edited URL shows the unfiltered list rather than an error).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = CaseFilter::default();
        for (k, v) in pairs {
            match k {
                "status" => f.status = CaseState::parse(v).ok(),
                "form_of_aid" => f.form_of_aid = FormOfAid::parse(v).ok(),
                "field_of_law" => f.field_of_law = FieldOfLaw::parse(v).ok(),
                "organisation_id" => f.organisation_id = Uuid::parse_str(v).ok(),
                "practitioner_id" => f.practitioner_id = Uuid::parse_str(v).ok(),
                "requested_from" => f.requested_from = v.parse().ok(),
                "requested_to" => f.requested_to = v.parse().ok(),
                "overdue" => f.overdue = v.parse().ok(),
                "urgent" => f.urgent = v.parse().ok(),
                "q" => f.q = v.to_owned(),
                "sort" => f.sort = CaseSort::parse(v),
                "back" => {
                    f.back = v
                        .split('.')
                        .map(|c| Some(c.to_owned()).filter(|c| c != FIRST_PAGE && !c.is_empty()))
                        .collect()
                }
                "after" => f.after = Some(v.to_owned()).filter(|s| !s.is_empty()),
                _ => {}
            }
        }
        f
    }

    pub fn from_query(query: &str) -> Self {
        let decoded = decode_query(query);
        Self::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The same filters on the first page (any change of filter starts over).
    pub fn first_page(&self) -> Self {
        CaseFilter {
            after: None,
            back: Vec::new(),
            ..self.clone()
        }
    }
}

/// The first page in a `back` trail (a cursor is 22 base64 characters).
const FIRST_PAGE: &str = "0";

/// Percent-encodes a query component (RFC 3986 unreserved characters stay).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_export_takes_the_filters_but_not_the_page() {
        let f = CaseFilter::from_pairs([("status", "accepted"), ("after", "abc"), ("q", "Lò")]);
        assert_eq!(
            f.export_path("csv"),
            "/cases/export/csv?status=accepted&q=L%C3%B2"
        );
        assert_eq!(
            CaseFilter::default().export_path("xlsx"),
            "/cases/export/xlsx"
        );
    }

    use super::*;

    fn full() -> CaseFilter {
        CaseFilter {
            status: Some(CaseState::InProgress),
            form_of_aid: Some(FormOfAid::LitigationDefence),
            field_of_law: Some(FieldOfLaw::CivilFamily),
            organisation_id: Some(Uuid::from_u128(7)),
            practitioner_id: Some(Uuid::from_u128(9)),
            requested_from: NaiveDate::from_ymd_opt(2026, 1, 1),
            requested_to: NaiveDate::from_ymd_opt(2026, 12, 31),
            overdue: Some(true),
            urgent: Some(false),
            q: "Nguyễn Văn Nam & co".into(),
            sort: Some(CaseSort::DeadlineAsc),
            after: Some("abc=/+".into()),
            back: Vec::new(),
        }
    }

    #[test]
    fn pages_go_forward_and_back_and_the_way_back_stays_out_of_the_api() {
        let f = CaseFilter {
            sort: Some(CaseSort::CodeAsc),
            ..Default::default()
        };
        assert!(f.previous_page().is_none(), "the first page has none");
        let second = f.next_page("AAAAAAAAAAAAAAAAAAAAAA".into());
        let third = second.next_page("BBBBBBBBBBBBBBBBBBBBBB".into());
        assert_eq!(
            third.to_url_query(),
            "sort=code_asc&after=BBBBBBBBBBBBBBBBBBBBBB&back=0.AAAAAAAAAAAAAAAAAAAAAA"
        );
        assert_eq!(
            third.to_query(),
            "sort=code_asc&after=BBBBBBBBBBBBBBBBBBBBBB"
        );
        // The URL brings the trail back (reload, Back button, bookmark).
        let reloaded = CaseFilter::from_query(&third.to_url_query());
        assert_eq!(reloaded, third);
        let back = reloaded.previous_page().unwrap();
        assert_eq!(back, second);
        assert_eq!(back.previous_page().unwrap(), f);
    }

    #[test]
    fn every_filter_survives_the_url() {
        let f = full();
        let q = f.to_query();
        assert_eq!(CaseFilter::from_query(&q), f);
        assert_eq!(CaseFilter::from_query(&format!("?{q}")), f);
    }

    #[test]
    fn empty_filters_write_nothing() {
        assert_eq!(CaseFilter::default().to_query(), "");
        let f = CaseFilter {
            q: "   ".into(),
            ..Default::default()
        };
        assert_eq!(f.to_query(), "");
        assert_eq!(CaseFilter::from_query(""), CaseFilter::default());
    }

    #[test]
    fn query_uses_the_api_names() {
        let f = CaseFilter {
            status: Some(CaseState::NeedsSupplement),
            overdue: Some(true),
            q: "tt.tv".into(),
            ..Default::default()
        };
        assert_eq!(f.to_query(), "status=needs_supplement&overdue=true&q=tt.tv");
    }

    #[test]
    fn bad_values_are_ignored() {
        let f = CaseFilter::from_query("status=bogus&overdue=maybe&organisation_id=x&zz=1&q=a%20b");
        assert_eq!(
            f,
            CaseFilter {
                q: "a b".into(),
                ..Default::default()
            }
        );
    }

    #[test]
    fn vietnamese_text_is_encoded() {
        assert_eq!(encode_component("đ ắ"), "%C4%91%20%E1%BA%AF");
        assert_eq!(decode_component("%C4%91+%E1%BA%AF"), "đ ắ");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz"), "%zz");
    }

    #[test]
    fn first_page_drops_the_cursor_only() {
        let f = full();
        let p = f.first_page();
        assert_eq!(p.after, None);
        assert_eq!(p.status, f.status);
    }
}
