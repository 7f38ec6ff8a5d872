//! argon2id hashing, always off the async executor.
use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Verifies `password` against `stored`; with no stored hash (unknown user,
/// service account) a dummy hash is checked so timing does not tell.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let hash = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok();
        ok && hash != DUMMY_HASH
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// argon2id hash of a random string nobody knows.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Y3lJQ8mnnT8b2m0qGmB3qlxT0sU4g2rQ7Ku6gS0p8Q";

/// The password policy: the domain's length and common-password rules,
/// then a strength estimate (zxcvbn, the estimator Dropbox maintains) that
/// knows dictionaries, keyboard walks, dates and the user's own names.
pub fn check_strength(password: &str, user_inputs: &[&str]) -> Result<(), tgpl_domain::ParseError> {
    tgpl_domain::user::check_password_strength(password)?;
    let estimate = zxcvbn::zxcvbn(password, user_inputs);
    if (estimate.score() as u8) < 3 {
        let hint = estimate
            .feedback()
            .and_then(|f| f.warning().map(|w| w.to_string()))
            .unwrap_or_else(|| "it would be guessed quickly".into());
        return Err(tgpl_domain::ParseError::new(
            "user.password_guessable",
            format!("this password is easy to guess ({hint}); add words only you would choose"),
        ));
    }
    Ok(())
}
