use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;
use tgpl_app::App;
use tgpl_app::auth::JwtKeys;
use tgpl_db::Db;
use tgpl_storage::DocumentStore;

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct ApiSettings {
    /// Largest JSON body accepted.
    pub json_limit: usize,
    /// Where the built SPA lives (`frontend/dist`); not served when absent.
    pub static_dir: Option<PathBuf>,
    /// Largest document accepted, in bytes (default 50 MB).
    pub max_upload_bytes: u64,
    /// The site is served over HTTPS (directly or behind a proxy): send HSTS.
    pub https: bool,
    /// Proxies whose `X-Forwarded-For` names the client: behind them, the
    /// login throttle and the public limits count the citizen's address,
    /// not the proxy's. Empty: the peer address is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Origins whose pages may call `/api/v1` from a browser (CORS);
    /// empty: none (the SPA is same-origin).
    pub cors_origins: Vec<String>,
    /// Requests per minute per credential and per anonymous address.
    pub rate_limits: crate::rate_limit::RateLimitSettings,
}

impl Default for ApiSettings {
    fn default() -> Self {
        Self {
            json_limit: 1024 * 1024,
            static_dir: None,
            max_upload_bytes: 50 * 1024 * 1024,
            https: false,
            trusted_proxies: Vec::new(),
            cors_origins: Vec::new(),
            rate_limits: Default::default(),
        }
    }
}

/// Everything a request handler may use: the application and the HTTP settings.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub settings: Arc<ApiSettings>,
    /// The rate limiters, shared by every worker.
    pub limits: Arc<crate::rate_limit::RateLimits>,
    /// The outbox's events by type, as `/metrics` counted them so far.
    pub outbox_counts: Arc<crate::metrics::OutboxCounts>,
}

impl AppState {
    pub fn new(
        db: Db,
        store: Arc<dyn DocumentStore>,
        keys: JwtKeys,
        settings: ApiSettings,
    ) -> Self {
        Self::of(App::new(db, store, keys), settings)
    }

    pub fn of(app: App, settings: ApiSettings) -> Self {
        Self {
            app,
            limits: Arc::new(crate::rate_limit::RateLimits::new(settings.rate_limits)),
            outbox_counts: Arc::default(),
            settings: Arc::new(settings),
        }
    }
}

/// Handlers hand `&state` to the use cases, which take the [`App`].
impl Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("app", &self.app)
            .field("settings", &self.settings)
            .finish()
    }
}
