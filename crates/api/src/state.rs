use crate::auth::{JwtKeys, SessionCache};
use std::path::PathBuf;
use std::sync::Arc;
use tgpl_db::Db;

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct ApiSettings {
    /// Largest JSON body accepted.
    pub json_limit: usize,
    /// Where the built SPA lives (`frontend/dist`); not served when absent.
    pub static_dir: Option<PathBuf>,
}

impl Default for ApiSettings {
    fn default() -> Self {
        Self {
            json_limit: 1024 * 1024,
            static_dir: None,
        }
    }
}

/// Everything a request handler may use.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub keys: Arc<JwtKeys>,
    pub sessions: Arc<SessionCache>,
    pub settings: Arc<ApiSettings>,
}

impl AppState {
    pub fn new(db: Db, keys: JwtKeys, settings: ApiSettings) -> Self {
        Self {
            db,
            keys: Arc::new(keys),
            sessions: Arc::new(SessionCache::default()),
            settings: Arc::new(settings),
        }
    }
}
