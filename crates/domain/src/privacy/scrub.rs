//! Removing one person from what was written about them: the free texts
//! of a case (summary, notices, notes, file names) and the stored JSON of
//! the audit trail and the online request. The person's values are known
//! from their party record, taken before it is anonymised.
use super::ANONYMISED_NAME;
use crate::case::Party;
use crate::text;
use serde_json::Value;
use uuid::Uuid;

/// What replaces a removed value in a text.
pub const REDACTED: &str = "[đã ẩn danh]";

/// Shorter values would match ordinary words.
const SHORTEST: usize = 4;

/// The values that identify one person, as their party record held them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    party_id: Uuid,
    /// Longest first, so that a name is removed before a part of it.
    needles: Vec<String>,
}

impl Identity {
    pub fn of(p: &Party) -> Self {
        let mut needles: Vec<String> = Vec::new();
        let name = p.full_name.trim();
        if name != ANONYMISED_NAME {
            needles.extend([
                name.to_owned(),
                name.to_uppercase(),
                name.to_lowercase(),
                text::fold(name),
            ]);
        }
        for v in [&p.phone, &p.id_number, &p.address].into_iter().flatten() {
            needles.push(v.trim().to_owned());
        }
        if let Some(born) = p.date_of_birth {
            needles.push(born.format("%Y-%m-%d").to_string());
            needles.push(born.format("%d/%m/%Y").to_string());
        }
        needles.retain(|n| n.chars().count() >= SHORTEST);
        needles.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        needles.dedup();
        Self {
            party_id: p.id,
            needles,
        }
    }

    pub fn party_id(&self) -> Uuid {
        self.party_id
    }

    /// The text without the person's values; `None` when it names none.
    /// A number (phone, identity number) is found however it was grouped:
    /// `0903 111 222` and `0903.111.222` are `0903111222`.
    pub fn scrub_text(&self, s: &str) -> Option<String> {
        let mut out: Option<String> = None;
        for n in &self.needles {
            let cur = out.as_deref().unwrap_or(s);
            if n.chars().all(|c| c.is_ascii_digit()) {
                if let Some(t) = replace_grouped_number(cur, n) {
                    out = Some(t);
                }
            } else if cur.contains(n.as_str()) {
                out = Some(cur.replace(n.as_str(), REDACTED));
            }
        }
        out
    }

    /// Removes the person from stored JSON in place: the object of their
    /// party record loses its identity fields, and every text loses their
    /// values. Returns whether anything changed.
    pub fn scrub_json(&self, v: &mut Value) -> bool {
        match v {
            Value::String(s) => match self.scrub_text(s) {
                Some(t) => {
                    *s = t;
                    true
                }
                None => false,
            },
            Value::Array(items) => {
                // Every item is scrubbed: no short-circuit.
                let mut changed = false;
                for i in items {
                    changed |= self.scrub_json(i);
                }
                changed
            }
            Value::Object(map) => {
                let mut changed = false;
                let is_party = map.get("id").and_then(Value::as_str)
                    == Some(self.party_id.to_string().as_str())
                    && map.contains_key("full_name");
                if is_party {
                    for (k, val) in map.iter_mut() {
                        let blank = match k.as_str() {
                            "full_name" => Value::String(ANONYMISED_NAME.to_owned()),
                            "sex" | "date_of_birth" | "ethnicity" | "address" | "phone"
                            | "id_number" => Value::Null,
                            _ => continue,
                        };
                        if *val != blank {
                            *val = blank;
                            changed = true;
                        }
                    }
                }
                for i in map.values_mut() {
                    changed |= self.scrub_json(i);
                }
                changed
            }
            _ => false,
        }
    }
}

/// A text without the values of any of `ids`; `None` when it names none.
pub fn scrub_text_of(ids: &[Identity], s: &str) -> Option<String> {
    let mut out: Option<String> = None;
    for id in ids {
        if let Some(t) = id.scrub_text(out.as_deref().unwrap_or(s)) {
            out = Some(t);
        }
    }
    out
}

/// Stored JSON without any of `ids` (every one is applied); whether it changed.
pub fn scrub_json_of(ids: &[Identity], v: &mut Value) -> bool {
    let mut changed = false;
    for id in ids {
        changed |= id.scrub_json(v);
    }
    changed
}

/// Replaces every run of `digits` in `s` written with spaces, dots or
/// hyphens between its digits; `None` when there is none.
fn replace_grouped_number(s: &str, digits: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let want: Vec<char> = digits.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut found = false;
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        // A number starts at a digit that does not continue another one.
        let starts = c == want[0] && (i == 0 || !chars[i - 1].1.is_ascii_digit());
        if starts {
            let (mut j, mut k) = (i, 0);
            while j < chars.len() && k < want.len() {
                let d = chars[j].1;
                if d == want[k] {
                    k += 1;
                } else if !(k > 0 && matches!(d, ' ' | '.' | '-')) {
                    break;
                }
                j += 1;
            }
            let ends = j >= chars.len() || !chars[j].1.is_ascii_digit();
            if k == want.len() && ends {
                let end = chars.get(j).map_or(s.len(), |(b, _)| *b);
                out.push_str(&s[copied..start]);
                out.push_str(REDACTED);
                copied = end;
                found = true;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    found.then(|| {
        out.push_str(&s[copied..]);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::PartyRole;
    use chrono::NaiveDate;
    use serde_json::json;

    fn lan() -> Party {
        Party {
            id: Uuid::from_u128(9),
            role: PartyRole::Beneficiary,
            full_name: "Trần Thị Lan".into(),
            sex: Some("female".into()),
            date_of_birth: NaiveDate::from_ymd_opt(1990, 4, 2),
            procedural_role: None,
            ethnicity: Some("Kinh".into()),
            address: Some("12 Hàng Bạc, Hà Nội".into()),
            phone: Some("0912345678".into()),
            id_number: Some("001190012345".into()),
            person_id: None,
        }
    }

    #[test]
    fn a_text_loses_the_persons_values_and_keeps_the_rest() {
        let id = Identity::of(&lan());
        let s = "Bà Trần Thị Lan (SĐT 0912345678, sinh 02/04/1990) tranh chấp đất với ông Bình";
        let out = id.scrub_text(s).unwrap();
        for gone in ["Lan", "0912345678", "02/04/1990"] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
        assert!(out.contains("ông Bình"), "{out}");
        // A number grouped another way is the same number; a longer one is not.
        let grouped = id.scrub_text("gọi 0912 345.678 hoặc 09123456789").unwrap();
        assert_eq!(grouped, format!("gọi {REDACTED} hoặc 09123456789"));
        assert_eq!(id.scrub_text("nothing about her"), None);
        // The folded name of the search text goes too.
        assert!(id.scrub_text("tran thi lan").is_some());
    }

    #[test]
    fn stored_json_loses_the_party_record_and_mentions() {
        let id = Identity::of(&lan());
        let mut v = json!({
            "summary": "TRẦN THỊ LAN xin tư vấn",
            "parties": [
                serde_json::to_value(lan()).unwrap(),
                {"id": Uuid::from_u128(3).to_string(), "full_name": "Lê Văn Bình", "phone": "0988000111"}
            ]
        });
        assert!(id.scrub_json(&mut v));
        let text = v.to_string();
        for gone in [
            "Lan",
            "LAN",
            "0912345678",
            "001190012345",
            "Hàng Bạc",
            "1990",
            "Kinh",
        ] {
            assert!(!text.contains(gone), "{gone} left in {text}");
        }
        assert!(text.contains("Lê Văn Bình") && text.contains("0988000111"));
        assert_eq!(v["parties"][0]["role"], "beneficiary");
        assert!(!id.scrub_json(&mut v), "a second pass changes nothing");
    }
}
