//! Configuration: defaults < `tgpl.toml` < `TGPL_*` environment variables.
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `TGPL_LISTEN`, default `127.0.0.1:8080`.
    pub listen: String,
    /// `TGPL_DATA_DIR`, default `./data`: SQLite file, documents, signing key.
    pub data_dir: PathBuf,
    /// `TGPL_DATABASE_URL`; default SQLite at `<data_dir>/tgpl.db`.
    pub database_url: String,
    /// `TGPL_JWT_KEY_FILE`; default `<data_dir>/jwt_ed25519.pem`, generated on first start.
    pub jwt_key_file: PathBuf,
    /// `TGPL_STATIC_DIR`, default `frontend/dist`.
    pub static_dir: PathBuf,
    /// `TGPL_JSON_LIMIT` in bytes, default 1 MiB.
    pub json_limit: usize,
    /// `TGPL_LOG_FORMAT`: `text` (default) or `json`.
    pub log_format: String,
    /// `TGPL_SEED_DEMO=auto`: seed demo data when the database is new.
    pub seed_demo: bool,
}

/// The optional keys of `tgpl.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    jwt_key_file: Option<PathBuf>,
    static_dir: Option<PathBuf>,
    json_limit: Option<usize>,
    log_format: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("invalid {0}: {1}")]
    Parse(String, String),
}

impl Settings {
    /// Reads `tgpl.toml` (or `$TGPL_CONFIG`) if present, then the environment.
    pub fn load() -> Result<Self, ConfigError> {
        let path = std::env::var("TGPL_CONFIG")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from("tgpl.toml"));
        let file = read_file(&path)?;
        Self::resolve(file, |k| std::env::var(k).ok())
    }

    fn resolve(
        file: FileConfig,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let data_dir = env("TGPL_DATA_DIR")
            .map(PathBuf::from)
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = env("TGPL_DATABASE_URL")
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("tgpl.db").display()));
        let json_limit = match env("TGPL_JSON_LIMIT") {
            Some(v) => v
                .parse()
                .map_err(|_| ConfigError::Parse("TGPL_JSON_LIMIT".into(), v))?,
            None => file.json_limit.unwrap_or(1024 * 1024),
        };
        Ok(Self {
            listen: env("TGPL_LISTEN")
                .or(file.listen)
                .unwrap_or_else(|| "127.0.0.1:8080".into()),
            jwt_key_file: env("TGPL_JWT_KEY_FILE")
                .map(PathBuf::from)
                .or(file.jwt_key_file)
                .unwrap_or_else(|| data_dir.join("jwt_ed25519.pem")),
            static_dir: env("TGPL_STATIC_DIR")
                .map(PathBuf::from)
                .or(file.static_dir)
                .unwrap_or_else(|| PathBuf::from("frontend/dist")),
            log_format: env("TGPL_LOG_FORMAT")
                .or(file.log_format)
                .unwrap_or_else(|| "text".into()),
            seed_demo: env("TGPL_SEED_DEMO")
                .is_some_and(|v| v == "auto" || v == "1" || v == "true"),
            data_dir,
            database_url,
            json_limit,
        })
    }
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    if !path.exists() {
        return Ok(FileConfig::default());
    }
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read(shown.clone(), e))?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse(shown, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_put_everything_under_data() {
        let s = Settings::resolve(FileConfig::default(), env(&[])).unwrap();
        assert_eq!(s.listen, "127.0.0.1:8080");
        assert_eq!(s.database_url, "sqlite://data/tgpl.db?mode=rwc");
        assert_eq!(s.jwt_key_file, PathBuf::from("data/jwt_ed25519.pem"));
        assert!(!s.seed_demo);
    }

    #[test]
    fn environment_beats_file_beats_defaults() {
        let file: FileConfig =
            toml::from_str("listen = \"0.0.0.0:9000\"\ndata_dir = \"/srv/tgpl\"").unwrap();
        let s = Settings::resolve(file, env(&[("TGPL_LISTEN", "127.0.0.1:8181")])).unwrap();
        assert_eq!(s.listen, "127.0.0.1:8181");
        assert_eq!(s.data_dir, PathBuf::from("/srv/tgpl"));
        assert_eq!(s.database_url, "sqlite:///srv/tgpl/tgpl.db?mode=rwc");
    }

    #[test]
    fn unknown_file_keys_and_bad_numbers_are_errors() {
        assert!(toml::from_str::<FileConfig>("lisen = \"x\"").is_err());
        assert!(
            Settings::resolve(FileConfig::default(), env(&[("TGPL_JSON_LIMIT", "lots")])).is_err()
        );
    }
}
