//! Provinces in force since 2025-07-01 (Resolution 202/2025/QH15: 63 → 34),
//! with the administrative-unit codes of Decision 19/2025/QĐ-TTg.
use crate::ParseError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A province-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Province {
    pub code: &'static str,
    pub name: &'static str,
    /// Centrally-governed city (thành phố trực thuộc trung ương).
    pub is_city: bool,
    /// The former provinces merged into this one on 2025-07-01.
    pub merged_from: &'static [&'static str],
}

/// The date the 34-province map took effect.
pub fn provinces_effective_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

const fn p(
    code: &'static str,
    name: &'static str,
    is_city: bool,
    merged_from: &'static [&'static str],
) -> Province {
    Province {
        code,
        name,
        is_city,
        merged_from,
    }
}

pub const PROVINCES: [Province; 34] = [
    p("01", "Thành phố Hà Nội", true, &[]),
    p("04", "Tỉnh Cao Bằng", false, &[]),
    p(
        "08",
        "Tỉnh Tuyên Quang",
        false,
        &["Tỉnh Hà Giang", "Tỉnh Tuyên Quang"],
    ),
    p("11", "Tỉnh Điện Biên", false, &[]),
    p("12", "Tỉnh Lai Châu", false, &[]),
    p("14", "Tỉnh Sơn La", false, &[]),
    p(
        "15",
        "Tỉnh Lào Cai",
        false,
        &["Tỉnh Yên Bái", "Tỉnh Lào Cai"],
    ),
    p(
        "19",
        "Tỉnh Thái Nguyên",
        false,
        &["Tỉnh Bắc Kạn", "Tỉnh Thái Nguyên"],
    ),
    p("20", "Tỉnh Lạng Sơn", false, &[]),
    p("22", "Tỉnh Quảng Ninh", false, &[]),
    p(
        "24",
        "Tỉnh Bắc Ninh",
        false,
        &["Tỉnh Bắc Giang", "Tỉnh Bắc Ninh"],
    ),
    p(
        "25",
        "Tỉnh Phú Thọ",
        false,
        &["Tỉnh Vĩnh Phúc", "Tỉnh Hòa Bình", "Tỉnh Phú Thọ"],
    ),
    p(
        "31",
        "Thành phố Hải Phòng",
        true,
        &["Tỉnh Hải Dương", "Thành phố Hải Phòng"],
    ),
    p(
        "33",
        "Tỉnh Hưng Yên",
        false,
        &["Tỉnh Thái Bình", "Tỉnh Hưng Yên"],
    ),
    p(
        "37",
        "Tỉnh Ninh Bình",
        false,
        &["Tỉnh Hà Nam", "Tỉnh Nam Định", "Tỉnh Ninh Bình"],
    ),
    p("38", "Tỉnh Thanh Hóa", false, &[]),
    p("40", "Tỉnh Nghệ An", false, &[]),
    p("42", "Tỉnh Hà Tĩnh", false, &[]),
    p(
        "44",
        "Tỉnh Quảng Trị",
        false,
        &["Tỉnh Quảng Bình", "Tỉnh Quảng Trị"],
    ),
    p("46", "Thành phố Huế", true, &[]),
    p(
        "48",
        "Thành phố Đà Nẵng",
        true,
        &["Tỉnh Quảng Nam", "Thành phố Đà Nẵng"],
    ),
    p(
        "51",
        "Tỉnh Quảng Ngãi",
        false,
        &["Tỉnh Kon Tum", "Tỉnh Quảng Ngãi"],
    ),
    p(
        "52",
        "Tỉnh Gia Lai",
        false,
        &["Tỉnh Bình Định", "Tỉnh Gia Lai"],
    ),
    p(
        "56",
        "Tỉnh Khánh Hòa",
        false,
        &["Tỉnh Ninh Thuận", "Tỉnh Khánh Hòa"],
    ),
    p(
        "66",
        "Tỉnh Đắk Lắk",
        false,
        &["Tỉnh Phú Yên", "Tỉnh Đắk Lắk"],
    ),
    p(
        "68",
        "Tỉnh Lâm Đồng",
        false,
        &["Tỉnh Đắk Nông", "Tỉnh Bình Thuận", "Tỉnh Lâm Đồng"],
    ),
    p(
        "75",
        "Tỉnh Đồng Nai",
        false,
        &["Tỉnh Bình Phước", "Tỉnh Đồng Nai"],
    ),
    p(
        "79",
        "Thành phố Hồ Chí Minh",
        true,
        &[
            "Tỉnh Bà Rịa - Vũng Tàu",
            "Tỉnh Bình Dương",
            "Thành phố Hồ Chí Minh",
        ],
    ),
    p(
        "80",
        "Tỉnh Tây Ninh",
        false,
        &["Tỉnh Long An", "Tỉnh Tây Ninh"],
    ),
    p(
        "82",
        "Tỉnh Đồng Tháp",
        false,
        &["Tỉnh Tiền Giang", "Tỉnh Đồng Tháp"],
    ),
    p(
        "86",
        "Tỉnh Vĩnh Long",
        false,
        &["Tỉnh Bến Tre", "Tỉnh Trà Vinh", "Tỉnh Vĩnh Long"],
    ),
    p(
        "91",
        "Tỉnh An Giang",
        false,
        &["Tỉnh Kiên Giang", "Tỉnh An Giang"],
    ),
    p(
        "92",
        "Thành phố Cần Thơ",
        true,
        &["Tỉnh Sóc Trăng", "Tỉnh Hậu Giang", "Thành phố Cần Thơ"],
    ),
    p(
        "96",
        "Tỉnh Cà Mau",
        false,
        &["Tỉnh Bạc Liêu", "Tỉnh Cà Mau"],
    ),
];

/// The code of a province in force; parsing checks it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProvinceCode([u8; 2]);

impl ProvinceCode {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let code = input.trim();
        match PROVINCES.iter().find(|p| p.code == code) {
            Some(p) => {
                let b = p.code.as_bytes();
                Ok(Self([b[0], b[1]]))
            }
            None => Err(ParseError::new(
                "province.unknown",
                format!("'{code}' is not the code of one of the 34 provinces in force"),
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    pub fn province(&self) -> Option<&'static Province> {
        PROVINCES.iter().find(|p| p.code == self.as_str())
    }

    pub fn name(&self) -> &'static str {
        self.province().map(|p| p.name).unwrap_or("")
    }
}

impl std::fmt::Display for ProvinceCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for ProvinceCode {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ProvinceCode> for String {
    fn from(value: ProvinceCode) -> Self {
        value.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn thirty_four_distinct_provinces() {
        let codes: HashSet<_> = PROVINCES.iter().map(|p| p.code).collect();
        assert_eq!(codes.len(), 34);
        assert_eq!(PROVINCES.iter().filter(|p| p.is_city).count(), 6);
        // 11 units were left unchanged, 23 were formed by merging 52 former ones.
        assert_eq!(
            PROVINCES
                .iter()
                .filter(|p| p.merged_from.is_empty())
                .count(),
            11
        );
        let former: usize = PROVINCES.iter().map(|p| p.merged_from.len().max(1)).sum();
        assert_eq!(former, 63);
    }

    #[test]
    fn parses_known_codes_only() {
        assert_eq!(
            ProvinceCode::parse("79").unwrap().name(),
            "Thành phố Hồ Chí Minh"
        );
        assert!(
            ProvinceCode::parse("02").is_err(),
            "Hà Giang's old code is gone"
        );
        assert!(ProvinceCode::parse("7").is_err());
    }
}
