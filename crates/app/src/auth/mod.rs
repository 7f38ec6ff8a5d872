//! Authentication: passwords, signed access tokens, sessions, API keys.
pub mod keys;
pub mod password;
pub mod session_cache;
pub mod tokens;
pub mod totp;

pub use keys::JwtKeys;
pub use session_cache::SessionCache;
pub use tokens::Claims;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A random secret of `bytes` bytes, URL-safe.
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// Hex SHA-256 of a secret: what we store instead of the secret.
pub fn sha256_hex(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
