//! Time-based one-time passwords (RFC 6238) with `totp-rs`: SHA-1, six
//! digits, 30-second steps, one step of drift either way; and the QR code
//! of the enrolment URI, drawn as SVG with `qrcodegen` (no image crates).
use crate::error::AppError;
use chrono::{DateTime, Utc};
use qrcodegen::{QrCode, QrCodeEcc};
use rand::RngCore;
use std::fmt::Write;
use totp_rs::{Builder, Secret, Totp};

const ISSUER: &str = "TGPL";

fn totp(secret_b32: &str, account: &str) -> Result<Totp, AppError> {
    let secret = Secret::try_from_base32(secret_b32)
        .map_err(|_| AppError::Internal("a stored TOTP secret is not base32".into()))?;
    Builder::new()
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', "_"))
        .build()
        .map_err(|e| AppError::Internal(format!("TOTP parameters refused: {e}")))
}

/// A new random secret of 160 bits (RFC 4226 §4), base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

/// The `otpauth://` URI an authenticator app reads.
pub fn enrolment_uri(secret_b32: &str, account: &str) -> Result<String, AppError> {
    totp(secret_b32, account)?
        .to_url()
        .map_err(|e| AppError::Internal(format!("TOTP URI: {e}")))
}

fn unix(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or(0)
}

/// The step a code is valid for at `now` (±1 step), if it is.
pub fn matching_step(
    secret_b32: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    Ok(totp(secret_b32, "")?
        .check(&code, unix(now))
        .and_then(|s| i64::try_from(s).ok()))
}

/// The code at `now` (what the user's app shows; tests and the CLI use it).
pub fn code_at(secret_b32: &str, now: DateTime<Utc>) -> Result<String, AppError> {
    Ok(totp(secret_b32, "")?.generate(unix(now)).to_string())
}

/// The URI as a QR code in SVG (black modules on white, 4-module margin).
pub fn qr_svg(text: &str) -> Result<String, AppError> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium)
        .map_err(|_| AppError::Internal("the enrolment URI is too long for a QR code".into()))?;
    let border = 4;
    let side = qr.size() + 2 * border;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                let _ = write!(path, "M{},{}h1v1h-1z", x + border, y + border);
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// Ten single-use recovery codes, `xxxx-xxxx-xxxx` in lowercase base32
/// (60 bits each): shown once, stored hashed.
pub fn new_recovery_codes() -> Vec<String> {
    (0..10)
        .map(|_| {
            let mut bytes = [0u8; 10];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            let s = Secret::from(bytes).to_base32().to_lowercase();
            format!("{}-{}-{}", &s[0..4], &s[4..8], &s[8..12])
        })
        .collect()
}

/// A recovery code as typed (case, spaces and dashes ignored), normalised
/// before hashing.
pub fn normalise_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_code_is_valid_one_step_either_side_and_not_beyond() {
        let secret = new_secret();
        let t0 = Utc
            .with_ymd_and_hms(2026, 11, 16, 2, 0, 0)
            .single()
            .unwrap();
        let code = code_at(&secret, t0).unwrap();
        let step = t0.timestamp() / 30;
        assert_eq!(matching_step(&secret, &code, t0).unwrap(), Some(step));
        let later = t0 + chrono::Duration::seconds(30);
        assert_eq!(matching_step(&secret, &code, later).unwrap(), Some(step));
        let too_late = t0 + chrono::Duration::seconds(90);
        assert_eq!(matching_step(&secret, &code, too_late).unwrap(), None);
        assert_eq!(matching_step(&secret, "12345", t0).unwrap(), None);
        assert_eq!(matching_step(&secret, "abcdef", t0).unwrap(), None);
    }

    #[test]
    fn rfc_6238_vector() {
        // Appendix B, SHA-1, T = 59 s: 94287082 (8 digits); the last six.
        let secret = Secret::from(*b"12345678901234567890").to_base32();
        let t = Utc.timestamp_opt(59, 0).single().unwrap();
        assert_eq!(code_at(&secret, t).unwrap(), "287082");
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalise() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut set: Vec<_> = codes.iter().map(|c| normalise_recovery_code(c)).collect();
        set.sort();
        set.dedup();
        assert_eq!(set.len(), 10);
        assert_eq!(normalise_recovery_code(" AbCd-efgh-IJKL "), "abcdefghijkl");
    }

    #[test]
    fn the_qr_code_is_an_svg() {
        let svg = qr_svg("otpauth://totp/TGPL:admin?secret=ABC&issuer=TGPL").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
    }
}
