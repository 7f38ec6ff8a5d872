//! The scope an API key needs for each operation, read from the spec: an
//! operation's `api_key` security requirement names it (`api_key:
//! ["cases:read"]`; `[]` is any key; no `api_key` requirement means keys
//! are not accepted). What is documented is what is enforced, by the one
//! rule in `tgpl_domain::policy::authorize_key`.
use actix_web::http::Method;
use std::collections::HashMap;
use std::sync::LazyLock;
use tgpl_domain::policy::KeyScope;

/// `(METHOD, path with every `{param}` as `{}`)` → the scopes needed, or
/// `None` where keys are not accepted.
type Table = HashMap<(String, String), Option<Vec<KeyScope>>>;

static TABLE: LazyLock<Table> = LazyLock::new(|| table(&crate::openapi::document()));

/// The scopes a key needs to call `method` on the route `pattern` (actix's
/// match pattern, e.g. `/api/v1/cases/{id}`): `None` when the operation
/// does not accept keys, or is unknown.
pub fn required(method: &Method, pattern: &str) -> Option<&'static [KeyScope]> {
    TABLE
        .get(&(method.as_str().to_owned(), normalise(pattern)))
        .and_then(|s| s.as_deref())
}

/// Builds the table now (at start-up), not on the first key's request.
pub fn load() {
    LazyLock::force(&TABLE);
}

fn normalise(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

fn table(doc: &utoipa::openapi::OpenApi) -> Table {
    let mut table = Table::new();
    let Ok(json) = serde_json::to_value(doc) else {
        return table;
    };
    let Some(paths) = json.get("paths").and_then(|p| p.as_object()) else {
        return table;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            let scopes = op
                .get("security")
                .and_then(|s| s.as_array())
                .and_then(|reqs| reqs.iter().find_map(|r| r.get("api_key")))
                .and_then(|s| s.as_array())
                .map(|names| {
                    names
                        .iter()
                        .filter_map(|n| n.as_str())
                        .map(str::parse::<KeyScope>)
                        .collect::<Result<Vec<_>, _>>()
                });
            let scopes = match scopes {
                None => None,
                Some(Ok(s)) => Some(s),
                Some(Err(e)) => {
                    tracing::error!(%path, %method, error = %e, "spec names an unknown key scope; keys are refused there");
                    None
                }
            };
            table.insert((method.to_ascii_uppercase(), normalise(path)), scopes);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use tgpl_domain::policy::{KeyAccess, KeyArea};

    #[test]
    fn every_operation_for_keys_names_one_known_scope_of_its_own_area() {
        let doc = crate::openapi::document();
        let json = serde_json::to_value(&doc).unwrap();
        let mut for_keys = 0;
        for (path, item) in json["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let Some(req) = op["security"]
                    .as_array()
                    .and_then(|r| r.iter().find_map(|r| r.get("api_key")))
                else {
                    continue;
                };
                for_keys += 1;
                let tag = op["tags"][0].as_str().unwrap();
                let names: Vec<&str> = req
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_str().unwrap())
                    .collect();
                if tag == "auth" {
                    assert!(
                        names.is_empty(),
                        "{method} {path}: one's own account needs no scope"
                    );
                    continue;
                }
                assert_eq!(names.len(), 1, "{method} {path}: {names:?}");
                let scope: KeyScope = names[0].parse().unwrap();
                // The score sheets are reference data shown under evaluation.
                if path != "/api/v1/reference/score-sheets" {
                    assert_eq!(scope.area.as_str(), tag, "{method} {path}");
                }
                if method == "get" {
                    assert_eq!(scope.access, KeyAccess::Read, "{method} {path}");
                } else {
                    assert_ne!(scope.access, KeyAccess::Read, "{method} {path}");
                }
                let table_scopes = required(
                    &Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(),
                    path,
                );
                assert_eq!(table_scopes, Some(&[scope][..]), "{method} {path}");
            }
        }
        assert!(for_keys > 100, "{for_keys}");
    }

    #[test]
    fn routes_match_whatever_their_parameters_are_called() {
        let cases_read = KeyScope::new(KeyArea::Cases, KeyAccess::Read);
        assert_eq!(
            required(&Method::GET, "/api/v1/cases/{case_id}"),
            Some(&[cases_read][..])
        );
        assert_eq!(
            required(&Method::POST, "/api/v1/cases"),
            Some(&[KeyScope::new(KeyArea::Cases, KeyAccess::Create)][..])
        );
        // People-only operations and unknown routes take no key.
        assert_eq!(required(&Method::POST, "/api/v1/auth/password"), None);
        assert_eq!(required(&Method::GET, "/api/v1/nowhere"), None);
        assert_eq!(required(&Method::GET, "/api/v1/auth/me"), Some(&[][..]));
    }
}
