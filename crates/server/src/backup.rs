//! `tgpl backup DIR` and `tgpl restore DIR` for the embedded installation
//! (issue #15, ADR 0025): a consistent snapshot taken while the server
//! runs (each SQLite file through `VACUUM INTO`, then every object the
//! snapshot names, checked against its recorded SHA-256 as it is copied),
//! the signing key, and a manifest of every file's SHA-256 written last. A
//! restore checks every checksum before it writes anything, fills an empty
//! data directory, and opens the result (migrations, integrity check).
//! PostgreSQL and S3 are backed up with their own tools (deploy/BACKUP.md).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tgpl_db::Db;
use tgpl_storage::files::{digest_file, read_file, write_file};
use tgpl_storage::{DocumentStore, LocalStore, VerifiedStream};

/// The manifest's format name; a restore refuses any other.
pub const FORMAT: &str = "tgpl-backup-1";
pub const MANIFEST: &str = "manifest.json";
const MAIN_DB: &str = "tgpl.db";
const READS_DB: &str = "tgpl-reads.db";
const KEY: &str = "jwt_ed25519.pem";
const OBJECTS: &str = "objects";

/// One file of the backup and its checksum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Path inside the backup directory.
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub created_at: DateTime<Utc>,
    /// The databases and the signing key.
    pub files: Vec<Entry>,
    /// The document objects, by store key (`objects/<key>`).
    pub objects: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Db(#[from] tgpl_db::DbError),
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{0} is not empty: a backup goes to a new directory, a restore into an empty data directory"
    )]
    NotEmpty(PathBuf),
    #[error("the backup is not usable: {0}")]
    Invalid(String),
    /// Objects the database names that could not be copied intact, or
    /// files of a backup whose bytes no longer match the manifest.
    #[error("{} problem(s): {}", .0.len(), .0.join("; "))]
    Problems(Vec<String>),
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> BackupError {
    let what = what.into();
    move |source| BackupError::Io { what, source }
}

/// Whether `dir` is absent or holds nothing.
async fn empty_or_absent(dir: &Path) -> Result<bool, BackupError> {
    match tokio::fs::read_dir(dir).await {
        Ok(mut entries) => Ok(entries
            .next_entry()
            .await
            .map_err(io(dir.display().to_string()))?
            .is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(io(dir.display().to_string())(e)),
    }
}

async fn private_dir(dir: &Path) -> Result<(), BackupError> {
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(io(dir.display().to_string()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Personal data and the signing key: readable by the owner only.
        tokio::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .await
            .map_err(io(dir.display().to_string()))?;
    }
    Ok(())
}

/// The signing key stays readable by its owner only, in the backup and
/// once restored.
async fn owner_only(path: &Path) -> Result<(), BackupError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tokio::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .await
            .map_err(io(path.display().to_string()))?;
    }
    Ok(())
}

async fn entry(dir: &Path, path: &str) -> Result<Entry, BackupError> {
    let (sha256, size) = digest_file(&dir.join(path)).await.map_err(io(path))?;
    Ok(Entry {
        path: path.to_owned(),
        sha256,
        size,
    })
}

/// What a backup wrote.
#[derive(Debug, Clone)]
pub struct BackupReport {
    pub manifest: Manifest,
    pub bytes: u64,
}

/// Writes a consistent backup of the running installation into `out`, a
/// new or empty directory. `key_file` is the signing key, when it exists.
pub async fn backup(
    db: &Db,
    store: &dyn DocumentStore,
    key_file: &Path,
    out: &Path,
    now: DateTime<Utc>,
) -> Result<BackupReport, BackupError> {
    if !empty_or_absent(out).await? {
        return Err(BackupError::NotEmpty(out.to_owned()));
    }
    private_dir(out).await?;
    private_dir(&out.join(OBJECTS)).await?;
    let has_reads = db
        .snapshot_sqlite(&out.join(MAIN_DB), &out.join(READS_DB))
        .await?;
    let mut files = vec![entry(out, MAIN_DB).await?];
    if has_reads {
        files.push(entry(out, READS_DB).await?);
    }
    if tokio::fs::try_exists(key_file).await.unwrap_or(false) {
        let body = read_file(key_file).await.map_err(io(KEY))?;
        let (sha256, size) = write_file(&out.join(KEY), body).await.map_err(io(KEY))?;
        files.push(Entry {
            path: KEY.to_owned(),
            sha256,
            size,
        });
    }
    // The objects the snapshot names, each checked against its row.
    let mut objects = Vec::new();
    let mut problems = Vec::new();
    for named in tgpl_db::backup::objects_named(&out.join(MAIN_DB)).await? {
        let path = format!("{OBJECTS}/{}", named.key);
        let copied = match store.get(&named.key, None).await {
            Ok(object) => {
                let body = VerifiedStream::new(object.body, named.size, &named.sha256);
                write_file(&out.join(&path), Box::pin(body))
                    .await
                    .map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        };
        match copied {
            Ok((sha256, size)) => objects.push(Entry { path, sha256, size }),
            Err(why) => {
                let _ = tokio::fs::remove_file(out.join(&path)).await;
                problems.push(format!("object {}: {why}", named.key));
            }
        }
    }
    if !problems.is_empty() {
        return Err(BackupError::Problems(problems));
    }
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        created_at: now,
        files,
        objects,
    };
    let json =
        serde_json::to_vec_pretty(&manifest).map_err(|e| BackupError::Invalid(e.to_string()))?;
    let body = futures_util::StreamExt::boxed(futures_util::stream::iter([Ok(
        tgpl_storage::Bytes::from(json),
    )]));
    write_file(&out.join(MANIFEST), body)
        .await
        .map_err(io(MANIFEST))?;
    let bytes = manifest
        .files
        .iter()
        .chain(&manifest.objects)
        .map(|e| e.size)
        .sum();
    Ok(BackupReport { manifest, bytes })
}

/// Reads a backup's manifest.
pub async fn manifest(dir: &Path) -> Result<Manifest, BackupError> {
    let raw = tokio::fs::read(dir.join(MANIFEST))
        .await
        .map_err(io(format!("{} (an incomplete backup has none)", MANIFEST)))?;
    let m: Manifest =
        serde_json::from_slice(&raw).map_err(|e| BackupError::Invalid(e.to_string()))?;
    if m.format != FORMAT {
        return Err(BackupError::Invalid(format!(
            "format {} (this version reads {FORMAT})",
            m.format
        )));
    }
    Ok(m)
}

/// Checks every file of the backup in `dir` against its manifest.
pub async fn verify(dir: &Path) -> Result<Manifest, BackupError> {
    let m = manifest(dir).await?;
    let mut problems = Vec::new();
    for e in m.files.iter().chain(&m.objects) {
        if e.path.contains("..") || e.path.starts_with('/') {
            problems.push(format!("{}: not a path inside the backup", e.path));
            continue;
        }
        match digest_file(&dir.join(&e.path)).await {
            Ok((sha, size)) if sha == e.sha256 && size == e.size => {}
            Ok((sha, size)) => problems.push(format!(
                "{}: sha256 {sha} ({size} bytes), the manifest says {} ({} bytes)",
                e.path, e.sha256, e.size
            )),
            Err(err) => problems.push(format!("{}: {err}", e.path)),
        }
    }
    if !m.files.iter().any(|f| f.path == MAIN_DB) {
        problems.push(format!("{MAIN_DB} is missing from the manifest"));
    }
    if problems.is_empty() {
        Ok(m)
    } else {
        Err(BackupError::Problems(problems))
    }
}

/// What a restore wrote.
#[derive(Debug, Clone)]
pub struct RestoreReport {
    pub files: usize,
    pub objects: usize,
    pub integrity: String,
}

/// Restores the backup in `from` into `data_dir` (documents under
/// `objects_root`, usually the same), which must be empty or absent: checks every checksum first (nothing is written when one
/// fails), copies the databases and the key, puts every object into the
/// local store (content-addressed: its key must come out the same), then
/// opens the database (migrations) and runs SQLite's integrity check.
pub async fn restore(
    from: &Path,
    data_dir: &Path,
    objects_root: &Path,
) -> Result<RestoreReport, BackupError> {
    let m = verify(from).await?;
    if !empty_or_absent(data_dir).await? {
        return Err(BackupError::NotEmpty(data_dir.to_owned()));
    }
    private_dir(data_dir).await?;
    for f in &m.files {
        let body = read_file(&from.join(&f.path)).await.map_err(io(&f.path))?;
        let (sha, _) = write_file(&data_dir.join(&f.path), body)
            .await
            .map_err(io(&f.path))?;
        if f.path == KEY {
            owner_only(&data_dir.join(KEY)).await?;
        }
        if sha != f.sha256 {
            return Err(BackupError::Problems(vec![format!(
                "{} changed while being restored",
                f.path
            )]));
        }
    }
    if objects_root != data_dir && !empty_or_absent(&objects_root.join(OBJECTS)).await? {
        return Err(BackupError::NotEmpty(objects_root.join(OBJECTS)));
    }
    let store = LocalStore::open(objects_root)
        .await
        .map_err(|e| BackupError::Invalid(e.to_string()))?;
    for o in &m.objects {
        let body = read_file(&from.join(&o.path)).await.map_err(io(&o.path))?;
        let stored = store
            .put(body)
            .await
            .map_err(|e| BackupError::Invalid(format!("{}: {e}", o.path)))?;
        let key = o.path.trim_start_matches("objects/");
        if stored.key != key || stored.sha256 != o.sha256 {
            return Err(BackupError::Problems(vec![format!(
                "{} came back as {} (sha256 {})",
                o.path, stored.key, stored.sha256
            )]));
        }
    }
    let main = data_dir.join(MAIN_DB);
    // Opening applies any migration a newer version brings.
    let url = format!("sqlite://{}?mode=rwc", main.display());
    drop(Db::connect(&url).await?);
    let integrity = tgpl_db::backup::integrity(&main).await?;
    if integrity != "ok" {
        return Err(BackupError::Invalid(format!(
            "integrity check: {integrity}"
        )));
    }
    Ok(RestoreReport {
        files: m.files.len(),
        objects: m.objects.len(),
        integrity,
    })
}
