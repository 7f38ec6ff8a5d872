//! Reading and writing the JSON values the public pages and the desk send
//! and receive (their answers are read as values: the wire types' derived
//! decoders would cost more than the screens, BENCHMARKS.md).
use serde_json::{Value, json};

/// A field as text: a string, a number, or empty.
pub fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// What a person typed, trimmed; nothing typed is `null`.
pub fn opt(s: &str) -> Value {
    let s = s.trim();
    if s.is_empty() { Value::Null } else { json!(s) }
}

/// The `items` of a page of results.
pub fn items(v: &Value) -> Vec<Value> {
    v.get("items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_people_see_them() {
        let v = json!({"a": "x", "n": 3, "items": [1, 2]});
        assert_eq!(text(&v, "a"), "x");
        assert_eq!(text(&v, "n"), "3");
        assert_eq!(text(&v, "missing"), "");
        assert_eq!(opt("  "), Value::Null);
        assert_eq!(opt(" Hà Nội "), json!("Hà Nội"));
        assert_eq!(items(&v).len(), 2);
    }
}
