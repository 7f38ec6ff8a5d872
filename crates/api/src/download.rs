//! Serving a document: single byte ranges (RFC 9110 §14) and a
//! `Content-Disposition` that keeps Vietnamese file names (RFC 6266/8187).
use tgpl_storage::ByteRange;

/// What a `Range` header asks of an object of `size` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeAsk {
    /// No usable range: send the whole object. Multi-range and malformed
    /// headers land here too, as RFC 9110 allows.
    Whole,
    Part(ByteRange),
    /// A well-formed range wholly outside the object: 416.
    Unsatisfiable,
}

pub fn parse_range(header: Option<&str>, size: u64) -> RangeAsk {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return RangeAsk::Whole;
    };
    if spec.contains(',') {
        return RangeAsk::Whole;
    }
    let Some((a, b)) = spec.trim().split_once('-') else {
        return RangeAsk::Whole;
    };
    let (a, b) = (a.trim(), b.trim());
    let parsed = match (a.is_empty(), b.is_empty()) {
        // bytes=-N: the last N bytes.
        (true, false) => match b.parse::<u64>() {
            Ok(0) => return RangeAsk::Unsatisfiable,
            Ok(n) if size == 0 => return unsatisfiable_if(n > 0),
            Ok(n) => Some((size.saturating_sub(n), size - 1)),
            Err(_) => None,
        },
        // bytes=A-: from A to the end.
        (false, true) => a.parse::<u64>().ok().map(|a| (a, size.saturating_sub(1))),
        (false, false) => match (a.parse::<u64>(), b.parse::<u64>()) {
            (Ok(a), Ok(b)) if a <= b => Some((a, b.min(size.saturating_sub(1)))),
            _ => None,
        },
        (true, true) => None,
    };
    match parsed {
        None => RangeAsk::Whole,
        Some((first, _)) if first >= size => RangeAsk::Unsatisfiable,
        Some((first, last)) => RangeAsk::Part(ByteRange { first, last }),
    }
}

fn unsatisfiable_if(cond: bool) -> RangeAsk {
    if cond {
        RangeAsk::Unsatisfiable
    } else {
        RangeAsk::Whole
    }
}

/// `attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded`.
pub fn content_disposition(filename: &str) -> String {
    let fallback: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in filename.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(first: u64, last: u64) -> RangeAsk {
        RangeAsk::Part(ByteRange { first, last })
    }

    #[test]
    fn ranges_by_rfc_9110() {
        assert_eq!(parse_range(None, 100), RangeAsk::Whole);
        assert_eq!(parse_range(Some("bytes=0-9"), 100), part(0, 9));
        assert_eq!(parse_range(Some("bytes=90-"), 100), part(90, 99));
        assert_eq!(parse_range(Some("bytes=-10"), 100), part(90, 99));
        assert_eq!(parse_range(Some("bytes=-500"), 100), part(0, 99));
        assert_eq!(parse_range(Some("bytes=50-1000"), 100), part(50, 99));
        assert_eq!(
            parse_range(Some("bytes=100-"), 100),
            RangeAsk::Unsatisfiable
        );
        assert_eq!(parse_range(Some("bytes=-0"), 100), RangeAsk::Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=9-3"), 100), RangeAsk::Whole);
        assert_eq!(parse_range(Some("bytes=0-1,5-6"), 100), RangeAsk::Whole);
        assert_eq!(parse_range(Some("items=0-1"), 100), RangeAsk::Whole);
        assert_eq!(parse_range(Some("bytes=x-"), 100), RangeAsk::Whole);
    }

    #[test]
    fn vietnamese_names_survive_in_content_disposition() {
        assert_eq!(
            content_disposition("Bản án.pdf"),
            "attachment; filename=\"B_n _n.pdf\"; filename*=UTF-8''B%E1%BA%A3n%20%C3%A1n.pdf"
        );
        assert!(content_disposition("a\"b.pdf").contains("filename=\"a_b.pdf\""));
    }
}
