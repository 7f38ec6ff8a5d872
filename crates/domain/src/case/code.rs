//! The case code (mã vụ việc) issued on acceptance (DOMAIN §6):
//! `<org abbreviation>.<form code>.<register number>.<year>`, e.g.
//! `TT.TV.01.2018` (centre, advice, entry 01 of 2018) or `CN1.TGTT.01.2018`.
use super::FormOfAid;
use crate::{OrgAbbreviation, ParseError};
use serde::{Deserialize, Serialize};
use std::fmt;

const CODE: &str = "case.code_invalid";

/// A well-formed case code. The register number is the entry's sequence in
/// the organisation's register for the year, written with at least 2 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseCode {
    abbreviation: OrgAbbreviation,
    form_code: String,
    number: u32,
    year: i32,
}

/// A form code: 2–10 capital letters (`TV`, `TGTT`, `ĐDNTT`).
fn parse_form_code(input: &str) -> Result<String, ParseError> {
    let s = input.trim().to_uppercase();
    let ok = (2..=10).contains(&s.chars().count())
        && s.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ');
    if ok {
        Ok(s)
    } else {
        Err(ParseError::new(
            CODE,
            format!("'{input}' is not a form code such as TV, TGTT or ĐDNTT"),
        ))
    }
}

fn check_number(number: u32) -> Result<u32, ParseError> {
    if number == 0 {
        return Err(ParseError::new(CODE, "register numbers start at 01"));
    }
    Ok(number)
}

fn check_year(year: i32) -> Result<i32, ParseError> {
    if (1000..=9999).contains(&year) {
        Ok(year)
    } else {
        Err(ParseError::new(
            CODE,
            format!("{year} is not a four-digit year"),
        ))
    }
}

impl CaseCode {
    /// The code for entry `number` of `year` in the register of the
    /// organisation `abbreviation`, with the form's default form code.
    pub fn new(
        abbreviation: &OrgAbbreviation,
        form: FormOfAid,
        number: u32,
        year: i32,
    ) -> Result<Self, ParseError> {
        Self::with_form_code(abbreviation, form.form_code(), number, year)
    }

    /// As [`CaseCode::new`], with a form code from configuration.
    pub fn with_form_code(
        abbreviation: &OrgAbbreviation,
        form_code: &str,
        number: u32,
        year: i32,
    ) -> Result<Self, ParseError> {
        Ok(Self {
            abbreviation: abbreviation.clone(),
            form_code: parse_form_code(form_code)?,
            number: check_number(number)?,
            year: check_year(year)?,
        })
    }

    /// Parses a written code; letters may be in either case. Only the
    /// canonical number (`01`, not `1` or `001`) is accepted, so that
    /// `CaseCode::parse(&code.to_string()) == Ok(code)` and one case has one code.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let parts: Vec<&str> = input.trim().split('.').collect();
        let [abbreviation, form_code, number, year] = parts[..] else {
            return Err(ParseError::new(
                CODE,
                format!("'{input}' is not a case code like TT.TV.01.2018"),
            ));
        };
        let abbreviation =
            OrgAbbreviation::parse(abbreviation).map_err(|e| ParseError::new(CODE, e.message))?;
        let parsed_number = number
            .parse::<u32>()
            .ok()
            .filter(|n| number.bytes().all(|b| b.is_ascii_digit()) && format!("{n:02}") == number)
            .ok_or_else(|| {
                ParseError::new(CODE, format!("'{number}' is not a register number like 01"))
            })?;
        let parsed_year = year
            .parse::<i32>()
            .ok()
            .filter(|_| year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| ParseError::new(CODE, format!("'{year}' is not a four-digit year")))?;
        Self::with_form_code(&abbreviation, form_code, parsed_number, parsed_year)
    }

    pub fn abbreviation(&self) -> &OrgAbbreviation {
        &self.abbreviation
    }

    pub fn form_code(&self) -> &str {
        &self.form_code
    }

    pub fn number(&self) -> u32 {
        self.number
    }

    pub fn year(&self) -> i32 {
        self.year
    }
}

impl fmt::Display for CaseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}.{:02}.{}",
            self.abbreviation.as_str(),
            self.form_code,
            self.number,
            self.year
        )
    }
}

// On the wire a case code is a plain string.
#[cfg(feature = "utoipa")]
impl utoipa::PartialSchema for CaseCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "Case code `<org abbreviation>.<form code>.<register number>.<year>`",
            ))
            .examples(["CN1.TGTT.01.2018"])
            .into()
    }
}

#[cfg(feature = "utoipa")]
impl utoipa::ToSchema for CaseCode {}

impl TryFrom<String> for CaseCode {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CaseCode> for String {
    fn from(value: CaseCode) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn abbr(s: &str) -> OrgAbbreviation {
        OrgAbbreviation::parse(s).unwrap()
    }

    #[test]
    fn the_examples_of_the_circular() {
        let tt = CaseCode::new(&abbr("TT"), FormOfAid::Advice, 1, 2018).unwrap();
        assert_eq!(tt.to_string(), "TT.TV.01.2018");
        let cn1 = CaseCode::new(&abbr("CN1"), FormOfAid::LitigationDefence, 1, 2018).unwrap();
        assert_eq!(cn1.to_string(), "CN1.TGTT.01.2018");
        let rep = CaseCode::new(&abbr("TT"), FormOfAid::OutOfCourtRepresentation, 123, 2026);
        assert_eq!(rep.unwrap().to_string(), "TT.ĐDNTT.123.2026");
    }

    #[test]
    fn parse_round_trips_and_exposes_the_parts() {
        for s in ["TT.TV.01.2018", "CN1.TGTT.01.2018", "TT.ĐDNTT.1234.2025"] {
            let code = CaseCode::parse(s).unwrap();
            assert_eq!(code.to_string(), s);
        }
        let code = CaseCode::parse("cn1.tgtt.07.2025").unwrap();
        assert_eq!(code.to_string(), "CN1.TGTT.07.2025");
        assert_eq!(code.abbreviation().as_str(), "CN1");
        assert_eq!(
            (code.form_code(), code.number(), code.year()),
            ("TGTT", 7, 2025)
        );
    }

    #[test]
    fn malformed_codes_are_refused() {
        for s in [
            "",
            "TT.TV.01",
            "TT.TV.01.2018.1",
            "TT.TV.1.2018",
            "TT.TV.001.2018",
            "TT.TV.00.2018",
            "TT.TV.+1.2018",
            "TT.TV.01.18",
            "TT.TV.01.+018",
            "TT.T1.01.2018",
            "1T.TV.01.2018",
            "TT..01.2018",
        ] {
            let err = CaseCode::parse(s).unwrap_err();
            assert_eq!(err.code, "case.code_invalid", "{s}");
        }
        assert!(CaseCode::new(&abbr("TT"), FormOfAid::Advice, 0, 2018).is_err());
        assert!(CaseCode::new(&abbr("TT"), FormOfAid::Advice, 1, 99).is_err());
    }

    #[test]
    fn serialises_as_a_string() {
        let code = CaseCode::parse("TT.TV.01.2018").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"TT.TV.01.2018\"");
        let back: CaseCode = serde_json::from_str("\"TT.TV.01.2018\"").unwrap();
        assert_eq!(back, code);
        assert!(serde_json::from_str::<CaseCode>("\"TT.TV.1.2018\"").is_err());
    }

    proptest! {
        #[test]
        fn new_then_parse_is_identity(
            a in "[A-Z][A-Z0-9]{0,7}",
            form in proptest::sample::select(FormOfAid::ALL.to_vec()),
            number in 1u32..1_000_000,
            year in 1000i32..=9999,
        ) {
            let code = CaseCode::new(&abbr(&a), form, number, year).unwrap();
            let written = code.to_string();
            prop_assert_eq!(CaseCode::parse(&written), Ok(code));
            prop_assert!(written.split('.').nth(2).is_some_and(|n| n.len() >= 2));
        }
    }
}
