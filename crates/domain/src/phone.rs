use crate::ParseError;
use serde::{Deserialize, Serialize};

/// A Vietnamese phone number, normalised to the national form `0xxxxxxxxx`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Accepts `0912 345 678`, `+84 912345678`, `84912345678`, `024.3826.1234`.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
            .collect();
        let national = if let Some(rest) = digits.strip_prefix("+84") {
            format!("0{rest}")
        } else if digits.len() == 11 && digits.starts_with("84") {
            format!("0{}", &digits[2..])
        } else {
            digits
        };
        let ok = national.starts_with('0')
            && national.len() >= 10
            && national.len() <= 11
            && national.chars().all(|c| c.is_ascii_digit());
        if ok {
            Ok(Self(national))
        } else {
            Err(ParseError::new(
                "phone.invalid",
                "phone number must be a Vietnamese number such as 0912345678 or +84912345678",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_international_and_spaced_forms() {
        assert_eq!(
            PhoneNumber::parse("+84 912 345 678").unwrap().as_str(),
            "0912345678"
        );
        assert_eq!(
            PhoneNumber::parse("84912345678").unwrap().as_str(),
            "0912345678"
        );
        assert_eq!(
            PhoneNumber::parse("024.3826.1234").unwrap().as_str(),
            "02438261234"
        );
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", "12345", "0912abc678", "+1 555 123 4567", "091234567890"] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad}");
        }
    }
}
