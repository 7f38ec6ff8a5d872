use crate::auth::{JwtKeys, SessionCache};
use std::path::PathBuf;
use std::sync::Arc;
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
}

impl Default for ApiSettings {
    fn default() -> Self {
        Self {
            json_limit: 1024 * 1024,
            static_dir: None,
            max_upload_bytes: 50 * 1024 * 1024,
        }
    }
}

/// Everything a request handler may use.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Where case documents live.
    pub store: Arc<dyn DocumentStore>,
    pub keys: Arc<JwtKeys>,
    pub sessions: Arc<SessionCache>,
    pub settings: Arc<ApiSettings>,
}

impl AppState {
    pub fn new(
        db: Db,
        store: Arc<dyn DocumentStore>,
        keys: JwtKeys,
        settings: ApiSettings,
    ) -> Self {
        Self {
            db,
            store,
            keys: Arc::new(keys),
            sessions: Arc::new(SessionCache::default()),
            settings: Arc::new(settings),
        }
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("db", &self.db)
            .field("store", &self.store.backend())
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}
