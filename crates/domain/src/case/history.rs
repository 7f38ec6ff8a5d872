//! A case's history field by field (issue #13): what each write changed,
//! read from the audit trail's before/after copies of the record, masked as
//! the reader sees the case (DOMAIN §11).
use super::record::mask_json;
use serde_json::{Map, Value};
use uuid::Uuid;

/// One field's change.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// `summary`, `status`, `party.phone`; `party` when a party came or went.
    pub field: String,
    pub party_id: Option<Uuid>,
    pub before: Value,
    pub after: Value,
}

/// Bookkeeping, not the record's content.
const NOT_FIELDS: [&str; 5] = ["id", "version", "created_at", "updated_at", "parties"];
const NOT_PARTY_FIELDS: [&str; 2] = ["id", "person_id"];

fn object(v: &Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn parties(v: &Value) -> Vec<(Uuid, Map<String, Value>)> {
    v.get("parties")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let id = p.get("id")?.as_str()?.parse().ok()?;
            Some((id, object(p)))
        })
        .collect()
}

fn get(m: &Map<String, Value>, key: &str) -> Value {
    m.get(key).cloned().unwrap_or(Value::Null)
}

/// The fields that differ between two copies of a case record, with their
/// values as a reader who sees the case `masked` may read them: a masked
/// field's change is still shown, as a change between masked values.
pub fn field_changes(before: &Value, after: &Value, masked: bool) -> Vec<FieldChange> {
    let (mut shown_before, mut shown_after) = (before.clone(), after.clone());
    if masked {
        mask_json(&mut shown_before);
        mask_json(&mut shown_after);
    }
    let (b, a) = (object(before), object(after));
    let (sb, sa) = (object(&shown_before), object(&shown_after));
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out: Vec<FieldChange> = keys
        .into_iter()
        .filter(|k| !NOT_FIELDS.contains(&k.as_str()) && get(&b, k) != get(&a, k))
        .map(|k| FieldChange {
            field: k.clone(),
            party_id: None,
            before: get(&sb, k),
            after: get(&sa, k),
        })
        .collect();
    let (pb, pa) = (parties(before), parties(after));
    let (spb, spa) = (parties(&shown_before), parties(&shown_after));
    let shown = |list: &[(Uuid, Map<String, Value>)], id: Uuid| {
        list.iter()
            .find(|(i, _)| *i == id)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    };
    for (id, now) in &pa {
        let Some((_, was)) = pb.iter().find(|(i, _)| i == id) else {
            out.push(FieldChange {
                field: "party".into(),
                party_id: Some(*id),
                before: Value::Null,
                after: get(now, "full_name"),
            });
            continue;
        };
        let (sw, sn) = (shown(&spb, *id), shown(&spa, *id));
        let mut keys: Vec<&String> = was.keys().chain(now.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            if !NOT_PARTY_FIELDS.contains(&k.as_str()) && get(was, k) != get(now, k) {
                out.push(FieldChange {
                    field: format!("party.{k}"),
                    party_id: Some(*id),
                    before: get(&sw, k),
                    after: get(&sn, k),
                });
            }
        }
    }
    for (id, was) in &pb {
        if !pa.iter().any(|(i, _)| i == id) {
            out.push(FieldChange {
                field: "party".into(),
                party_id: Some(*id),
                before: get(was, "full_name"),
                after: Value::Null,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn case(phone: &str, summary: &str) -> Value {
        json!({
            "id": "0190d5a0-0000-7000-8000-000000000001",
            "version": 3,
            "summary": summary,
            "status": "received",
            "eligibility_codes": ["2"],
            "parties": [{
                "id": "0190d5a0-0000-7000-8000-000000000002",
                "role": "beneficiary",
                "full_name": "Nguyễn Văn An",
                "phone": phone,
                "address": "Hà Nội",
            }],
        })
    }

    #[test]
    fn names_each_changed_field_and_leaves_bookkeeping_out() {
        let mut after = case("0912345678", "Tranh chấp đất đai");
        after["version"] = json!(4);
        let changes = field_changes(&case("0987654321", "Tranh chấp"), &after, false);
        let fields: Vec<_> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["summary", "party.phone"]);
        assert_eq!(changes[1].before, json!("0987654321"));
        assert_eq!(changes[1].after, json!("0912345678"));
        assert!(changes[1].party_id.is_some());
    }

    #[test]
    fn a_masked_reader_sees_that_a_masked_field_changed_but_not_its_values() {
        let changes = field_changes(
            &case("0987654321", "Tranh chấp"),
            &case("0912345678", "Tranh chấp"),
            true,
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "party.phone");
        for v in [&changes[0].before, &changes[0].after] {
            assert!(!v.to_string().contains("09"), "{v} leaks the number");
        }
    }
}
