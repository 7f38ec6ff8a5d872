//! The Ed25519 key that signs access tokens.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use jsonwebtoken::{DecodingKey, EncodingKey};
use std::path::Path;
use tgpl_api_model::auth::Jwk;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read or write the signing key at {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("the signing key at {path} is not a PKCS#8 Ed25519 PEM key")]
    Format { path: String },
}

#[derive(Clone)]
pub struct JwtKeys {
    pub encoding: EncodingKey,
    pub decoding: DecodingKey,
    /// Key id: the first bytes of the public key's hash.
    pub kid: String,
    public: [u8; 32],
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtKeys")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl JwtKeys {
    pub fn from_signing_key(key: &SigningKey) -> Result<Self, KeyError> {
        let der = key.to_pkcs8_der().map_err(|_| KeyError::Format {
            path: "<memory>".into(),
        })?;
        let public = key.verifying_key().to_bytes();
        let kid = super::sha256_hex(&URL_SAFE_NO_PAD.encode(public))[..16].to_owned();
        Ok(Self {
            encoding: EncodingKey::from_ed_der(der.as_bytes()),
            decoding: DecodingKey::from_ed_der(&public),
            kid,
            public,
        })
    }

    /// A fresh random key (tests, or a first start before it is saved).
    pub fn generate() -> Result<Self, KeyError> {
        Self::from_signing_key(&SigningKey::from_bytes(&rand::random::<[u8; 32]>()))
    }

    /// Loads the PEM key at `path`, creating it (mode 0600) if absent.
    pub fn load_or_create(path: &Path) -> Result<Self, KeyError> {
        let shown = path.display().to_string();
        let io = |source| KeyError::Io {
            path: shown.clone(),
            source,
        };
        if path.exists() {
            let pem = std::fs::read_to_string(path).map_err(io)?;
            let key = SigningKey::from_pkcs8_pem(&pem).map_err(|_| KeyError::Format {
                path: shown.clone(),
            })?;
            return Self::from_signing_key(&key);
        }
        let key = SigningKey::from_bytes(&rand::random::<[u8; 32]>());
        let pem = key
            .to_pkcs8_pem(Default::default())
            .map_err(|_| KeyError::Format {
                path: shown.clone(),
            })?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        write_private(path, pem.as_bytes()).map_err(io)?;
        tracing::info!(path = %shown, "generated a new token signing key");
        Self::from_signing_key(&key)
    }

    pub fn jwk(&self) -> Jwk {
        Jwk {
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            x: URL_SAFE_NO_PAD.encode(self.public),
            kid: self.kid.clone(),
            alg: "EdDSA".into(),
            use_: "sig".into(),
        }
    }
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}
