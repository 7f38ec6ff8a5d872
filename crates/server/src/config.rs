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
    /// `TGPL_STORAGE`: `local` (default, under the data dir) or `s3`.
    pub storage: Storage,
    /// `TGPL_MAX_UPLOAD_MB`, default 50: the largest document accepted.
    pub max_upload_bytes: u64,
    /// `TGPL_TLS=true`: the site is served over HTTPS (directly or by the
    /// proxy in front): responses carry HSTS.
    pub tls: bool,
    /// `TGPL_METRICS_LISTEN`: where `/metrics` is served, apart from the API
    /// port (default `127.0.0.1:9090`; `off` serves none).
    pub metrics_listen: Option<String>,
    /// `TGPL_DB_POOL_SIZE`: connections per replica to PostgreSQL (default 32).
    pub db_pool_size: Option<u32>,
    /// `TGPL_MFA_GRACE_DAYS` (default 7): how long, from its first login, an
    /// account whose role must use a second factor may log in without one.
    pub mfa_grace_days: u32,
    /// `TGPL_SMTP_URL` (`smtp://host:port`, `smtp://host?tls=required`,
    /// `smtps://user:pass@host`): where notices are mailed; none = in-app only.
    pub smtp_url: Option<String>,
    /// `TGPL_MAIL_FROM`, default `Hệ thống TGPL <no-reply@tgpl.localhost>`.
    pub mail_from: String,
    /// `TGPL_JOBS` (default on): run the background jobs in this replica.
    pub jobs: bool,
    /// `TGPL_JOBS_POLL_MS` (default 5000): how often the job runner looks.
    pub jobs_poll_ms: u64,
    /// `TGPL_TRUSTED_PROXIES` (comma-separated addresses): proxies whose
    /// `X-Forwarded-For` names the client for the login throttle and the
    /// public services' limits. Default none: the peer is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Origins (`https://host[:port]`) whose web pages may call the API
    /// from the browser (CORS), e.g. a province's portal. Default none.
    pub cors_origins: Vec<String>,
    /// `TGPL_RATE_LIMIT` (default 600; `off`): requests per minute per API
    /// key or session; `TGPL_RATE_LIMIT_ANONYMOUS` (default 120; `off`):
    /// per client address for requests without credentials.
    pub rate_limits: tgpl_api::rate_limit::RateLimitSettings,
}

/// Where case documents live.
#[derive(Debug, Clone, PartialEq)]
pub enum Storage {
    /// `<root>/objects`, temp files in `<root>/tmp`.
    Local {
        root: PathBuf,
    },
    S3(S3Settings),
}

/// `TGPL_S3_ENDPOINT`, `_REGION` (default us-east-1), `_BUCKET`,
/// `_ACCESS_KEY`, `_SECRET_KEY`, `_PATH_STYLE` (default true),
/// `_TIMEOUT_SECS` (default 30).
#[derive(Debug, Clone, PartialEq)]
pub struct S3Settings {
    pub endpoint: Option<String>,
    pub region: String,
    pub bucket: String,
    pub access_key: String,
    pub secret_key: String,
    pub path_style: bool,
    pub timeout_secs: u64,
}

impl S3Settings {
    pub fn to_config(&self) -> tgpl_storage::S3Config {
        tgpl_storage::S3Config {
            endpoint: self.endpoint.clone(),
            region: self.region.clone(),
            bucket: self.bucket.clone(),
            access_key: self.access_key.clone(),
            secret_key: self.secret_key.clone(),
            path_style: self.path_style,
            timeout: std::time::Duration::from_secs(self.timeout_secs),
        }
    }
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
    storage: Option<String>,
    max_upload_mb: Option<u64>,
    tls: Option<bool>,
    metrics_listen: Option<String>,
    db_pool_size: Option<u32>,
    mfa_grace_days: Option<u32>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    jobs: Option<bool>,
    jobs_poll_ms: Option<u64>,
    trusted_proxies: Option<String>,
    cors_origins: Option<String>,
    rate_limit: Option<String>,
    rate_limit_anonymous: Option<String>,
    s3_endpoint: Option<String>,
    s3_region: Option<String>,
    s3_bucket: Option<String>,
    s3_access_key: Option<String>,
    s3_secret_key: Option<String>,
    s3_path_style: Option<bool>,
    s3_timeout_secs: Option<u64>,
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
            .or(file.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from("data"));
        let storage = storage(&file, &env, &data_dir)?;
        let database_url = env("TGPL_DATABASE_URL")
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("tgpl.db").display()));
        let json_limit = match env("TGPL_JSON_LIMIT") {
            Some(v) => v
                .parse()
                .map_err(|_| ConfigError::Parse("TGPL_JSON_LIMIT".into(), v))?,
            None => file.json_limit.unwrap_or(1024 * 1024),
        };
        let max_upload_mb = match env("TGPL_MAX_UPLOAD_MB") {
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| ConfigError::Parse("TGPL_MAX_UPLOAD_MB".into(), v))?,
            None => file.max_upload_mb.unwrap_or(50),
        };
        let tls = match env("TGPL_TLS") {
            Some(v) => matches!(v.as_str(), "1" | "true" | "yes"),
            None => file.tls.unwrap_or(false),
        };
        let metrics_listen = env("TGPL_METRICS_LISTEN")
            .or(file.metrics_listen.clone())
            .unwrap_or_else(|| "127.0.0.1:9090".into());
        let db_pool_size = match env("TGPL_DB_POOL_SIZE") {
            Some(v) => Some(
                v.parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| ConfigError::Parse("TGPL_DB_POOL_SIZE".into(), v))?,
            ),
            None => file.db_pool_size,
        };
        let mfa_grace_days = match env("TGPL_MFA_GRACE_DAYS") {
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 90)
                .ok_or_else(|| ConfigError::Parse("TGPL_MFA_GRACE_DAYS (0-90)".into(), v))?,
            None => file.mfa_grace_days.unwrap_or(7),
        };
        let jobs = match env("TGPL_JOBS") {
            Some(v) => !matches!(v.as_str(), "0" | "false" | "off" | "no"),
            None => file.jobs.unwrap_or(true),
        };
        let jobs_poll_ms = match env("TGPL_JOBS_POLL_MS") {
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| (50..=3_600_000).contains(n))
                .ok_or_else(|| ConfigError::Parse("TGPL_JOBS_POLL_MS (50-3600000)".into(), v))?,
            None => file.jobs_poll_ms.unwrap_or(5_000),
        };
        let trusted_proxies = match env("TGPL_TRUSTED_PROXIES").or(file.trusted_proxies.clone()) {
            Some(v) => v
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| a.parse::<std::net::IpAddr>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| ConfigError::Parse("TGPL_TRUSTED_PROXIES (IP addresses)".into(), v))?,
            None => Vec::new(),
        };
        let cors_origins = match env("TGPL_CORS_ORIGINS").or(file.cors_origins.clone()) {
            Some(v) => v
                .split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(|o| {
                    let ok = (o.starts_with("https://") || o.starts_with("http://"))
                        && !o
                            .trim_end_matches('/')
                            .contains(|c: char| c == '*' || c.is_whitespace())
                        && o.splitn(4, '/').nth(3).is_none_or(str::is_empty);
                    ok.then(|| o.trim_end_matches('/').to_owned())
                        .ok_or_else(|| {
                            ConfigError::Parse(
                                "TGPL_CORS_ORIGINS (origins such as https://host)".into(),
                                v.clone(),
                            )
                        })
                })
                .collect::<Result<Vec<_>, _>>()?,
            None => Vec::new(),
        };
        let per_minute =
            |name: &str, v: Option<String>, default: u32| match v.as_deref().map(str::trim) {
                None => Ok(std::num::NonZeroU32::new(default)),
                Some("off") => Ok(None),
                Some(n) => n.parse::<std::num::NonZeroU32>().map(Some).map_err(|_| {
                    ConfigError::Parse(format!("{name} (requests per minute, or off)"), n.into())
                }),
            };
        let rate_limits = tgpl_api::rate_limit::RateLimitSettings {
            per_credential: per_minute(
                "TGPL_RATE_LIMIT",
                env("TGPL_RATE_LIMIT").or(file.rate_limit.clone()),
                600,
            )?,
            per_address: per_minute(
                "TGPL_RATE_LIMIT_ANONYMOUS",
                env("TGPL_RATE_LIMIT_ANONYMOUS").or(file.rate_limit_anonymous.clone()),
                120,
            )?,
        };
        Ok(Self {
            trusted_proxies,
            cors_origins,
            rate_limits,
            smtp_url: env("TGPL_SMTP_URL")
                .or(file.smtp_url)
                .filter(|s| !s.is_empty()),
            mail_from: env("TGPL_MAIL_FROM")
                .or(file.mail_from)
                .unwrap_or_else(|| "Hệ thống TGPL <no-reply@tgpl.localhost>".into()),
            jobs,
            jobs_poll_ms,
            storage,
            tls,
            mfa_grace_days,
            metrics_listen: (metrics_listen != "off").then_some(metrics_listen),
            db_pool_size,
            max_upload_bytes: max_upload_mb * 1024 * 1024,
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

fn storage(
    file: &FileConfig,
    env: &impl Fn(&str) -> Option<String>,
    data_dir: &Path,
) -> Result<Storage, ConfigError> {
    let kind = env("TGPL_STORAGE")
        .or(file.storage.clone())
        .unwrap_or_else(|| "local".into());
    let text = |key: &str, from_file: &Option<String>| env(key).or(from_file.clone());
    match kind.as_str() {
        "local" => Ok(Storage::Local {
            root: data_dir.to_owned(),
        }),
        "s3" => {
            let required = |key: &str, from_file: &Option<String>| {
                text(key, from_file)
                    .filter(|v| !v.is_empty())
                    .ok_or_else(|| {
                        ConfigError::Parse(key.into(), "required when TGPL_STORAGE=s3".into())
                    })
            };
            let path_style = match env("TGPL_S3_PATH_STYLE") {
                Some(v) => v != "false" && v != "0",
                None => file.s3_path_style.unwrap_or(true),
            };
            let timeout_secs = match env("TGPL_S3_TIMEOUT_SECS") {
                Some(v) => v
                    .parse()
                    .map_err(|_| ConfigError::Parse("TGPL_S3_TIMEOUT_SECS".into(), v))?,
                None => file.s3_timeout_secs.unwrap_or(30),
            };
            Ok(Storage::S3(S3Settings {
                endpoint: text("TGPL_S3_ENDPOINT", &file.s3_endpoint),
                region: text("TGPL_S3_REGION", &file.s3_region)
                    .unwrap_or_else(|| "us-east-1".into()),
                bucket: required("TGPL_S3_BUCKET", &file.s3_bucket)?,
                access_key: required("TGPL_S3_ACCESS_KEY", &file.s3_access_key)?,
                secret_key: required("TGPL_S3_SECRET_KEY", &file.s3_secret_key)?,
                path_style,
                timeout_secs,
            }))
        }
        other => Err(ConfigError::Parse(
            "TGPL_STORAGE".into(),
            format!("{other:?}: use local or s3"),
        )),
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
    fn storage_is_local_by_default_and_s3_needs_its_bucket_and_keys() {
        let s = Settings::resolve(FileConfig::default(), env(&[])).unwrap();
        assert_eq!(
            s.storage,
            Storage::Local {
                root: PathBuf::from("data")
            }
        );
        assert_eq!(s.max_upload_bytes, 50 * 1024 * 1024);
        assert!(Settings::resolve(FileConfig::default(), env(&[("TGPL_STORAGE", "s3")])).is_err());
        let s = Settings::resolve(
            FileConfig::default(),
            env(&[
                ("TGPL_STORAGE", "s3"),
                ("TGPL_S3_ENDPOINT", "http://127.0.0.1:9000"),
                ("TGPL_S3_BUCKET", "tgpl"),
                ("TGPL_S3_ACCESS_KEY", "AK"),
                ("TGPL_S3_SECRET_KEY", "SK"),
                ("TGPL_MAX_UPLOAD_MB", "100"),
            ]),
        )
        .unwrap();
        let Storage::S3(s3) = &s.storage else {
            panic!("expected s3")
        };
        assert!(s3.path_style);
        assert_eq!(s3.bucket, "tgpl");
        assert_eq!(s.max_upload_bytes, 100 * 1024 * 1024);
        assert!(Settings::resolve(FileConfig::default(), env(&[("TGPL_STORAGE", "ftp")])).is_err());
        assert!(
            Settings::resolve(FileConfig::default(), env(&[("TGPL_MAX_UPLOAD_MB", "0")])).is_err()
        );
    }

    #[test]
    fn cors_origins_are_origins_only() {
        let s = Settings::resolve(FileConfig::default(), env(&[])).unwrap();
        assert!(s.cors_origins.is_empty());
        let s = Settings::resolve(
            FileConfig::default(),
            env(&[(
                "TGPL_CORS_ORIGINS",
                "https://a.gov.vn, http://127.0.0.1:3000/",
            )]),
        )
        .unwrap();
        assert_eq!(
            s.cors_origins,
            ["https://a.gov.vn", "http://127.0.0.1:3000"]
        );
        for bad in ["*", "a.gov.vn", "https://*.gov.vn", "https://a.gov.vn/path"] {
            assert!(
                Settings::resolve(FileConfig::default(), env(&[("TGPL_CORS_ORIGINS", bad)]))
                    .is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn rate_limits_default_on_and_can_be_set_or_turned_off() {
        let s = Settings::resolve(FileConfig::default(), env(&[])).unwrap();
        assert_eq!(
            s.rate_limits,
            tgpl_api::rate_limit::RateLimitSettings::default()
        );
        assert_eq!(s.rate_limits.per_credential.map(|n| n.get()), Some(600));
        let s = Settings::resolve(
            FileConfig::default(),
            env(&[
                ("TGPL_RATE_LIMIT", "30"),
                ("TGPL_RATE_LIMIT_ANONYMOUS", "off"),
            ]),
        )
        .unwrap();
        assert_eq!(s.rate_limits.per_credential.map(|n| n.get()), Some(30));
        assert_eq!(s.rate_limits.per_address, None);
        for bad in ["0", "-1", "lots"] {
            assert!(
                Settings::resolve(FileConfig::default(), env(&[("TGPL_RATE_LIMIT", bad)])).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn unknown_file_keys_and_bad_numbers_are_errors() {
        assert!(toml::from_str::<FileConfig>("lisen = \"x\"").is_err());
        assert!(
            Settings::resolve(FileConfig::default(), env(&[("TGPL_JSON_LIMIT", "lots")])).is_err()
        );
    }
}
