//! Local-disk backend: objects are content-addressed by SHA-256 under
//! `<root>/objects/ab/cd/<sha256>`. An upload goes to a temp file under
//! `<root>/tmp`, is fsynced, then renamed into place (and the directory
//! fsynced), so a crash leaves either the whole object or only a temp file.
use crate::hashing::hex;
use crate::{ByteRange, ByteStream, DocumentStore, Object, ObjectInfo, StoreError, Stored};
use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use sha2::{Digest, Sha256};
use std::io;
use std::io::Write;
use std::path::{Path, PathBuf};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

/// Bytes read from disk per chunk when downloading.
const READ_CHUNK: usize = 256 * 1024;
/// Bytes gathered before each write to disk when uploading.
const WRITE_BUFFER: usize = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct LocalStore {
    objects: PathBuf,
    tmp: PathBuf,
}

impl LocalStore {
    /// Opens (creating if needed) a store rooted at `root`.
    pub async fn open(root: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let root = root.into();
        let store = Self {
            objects: root.join("objects"),
            tmp: root.join("tmp"),
        };
        tokio::fs::create_dir_all(&store.objects)
            .await
            .map_err(unavailable)?;
        tokio::fs::create_dir_all(&store.tmp)
            .await
            .map_err(unavailable)?;
        Ok(store)
    }

    /// Where an object lives: two levels of fan-out keep directories small.
    fn path_of(&self, key: &str) -> Result<PathBuf, StoreError> {
        if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::NotFound);
        }
        Ok(self.objects.join(&key[..2]).join(&key[2..4]).join(key))
    }

    /// Writes the stream to `tmp` and fsyncs it. Hashing and writing run
    /// on a blocking thread of their own, so that on a multi-core machine
    /// receiving the next bytes overlaps with hashing the last ones
    /// (SHA-256 is the most expensive step of an upload).
    async fn write_temp(
        &self,
        tmp: &Path,
        mut body: ByteStream,
    ) -> Result<(String, u64), StoreError> {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Bytes>(16);
        let path = tmp.to_owned();
        let writer = tokio::task::spawn_blocking(move || -> io::Result<(String, u64)> {
            let file = std::fs::File::create(&path)?;
            // Requests arrive in small chunks: write a megabyte at a time.
            let mut out = std::io::BufWriter::with_capacity(WRITE_BUFFER, file);
            let mut hasher = Sha256::new();
            let mut size = 0u64;
            while let Some(chunk) = rx.blocking_recv() {
                hasher.update(&chunk);
                size += chunk.len() as u64;
                out.write_all(&chunk)?;
            }
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            Ok((hex(&hasher.finalize()), size))
        });
        let mut input = Ok(());
        while let Some(chunk) = body.next().await {
            match chunk {
                Ok(c) => {
                    if tx.send(c).await.is_err() {
                        break; // the writer failed; its error is reported below
                    }
                }
                Err(e) => {
                    input = Err(StoreError::Input(e));
                    break;
                }
            }
        }
        drop(tx);
        let written = writer
            .await
            .map_err(|e| StoreError::Unavailable(format!("local disk writer: {e}")))?
            .map_err(unavailable);
        input?;
        written
    }
}

fn unavailable(e: io::Error) -> StoreError {
    StoreError::Unavailable(format!("local disk: {e}"))
}

/// Makes a rename durable: fsync the directory that holds the new name.
async fn sync_dir(dir: &Path) -> io::Result<()> {
    let dir = dir.to_owned();
    tokio::task::spawn_blocking(move || std::fs::File::open(dir)?.sync_all())
        .await
        .map_err(io::Error::other)?
}

#[async_trait]
impl DocumentStore for LocalStore {
    async fn put(&self, body: ByteStream) -> Result<Stored, StoreError> {
        let tmp = self.tmp.join(format!("{}.part", uuid::Uuid::now_v7()));
        let (sha256, size) = match self.write_temp(&tmp, body).await {
            Ok(v) => v,
            Err(e) => {
                tokio::fs::remove_file(&tmp).await.ok();
                return Err(e);
            }
        };
        let path = self.path_of(&sha256)?;
        let dir = path.parent().map(Path::to_owned).unwrap_or_default();
        let placed = async {
            if tokio::fs::try_exists(&path).await? {
                // Same content already stored: it is the same object.
                tokio::fs::remove_file(&tmp).await?;
                return Ok(false);
            }
            tokio::fs::create_dir_all(&dir).await?;
            tokio::fs::rename(&tmp, &path).await?;
            sync_dir(&dir).await?;
            Ok::<_, io::Error>(true)
        }
        .await;
        match placed {
            Ok(created) => Ok(Stored {
                key: sha256.clone(),
                sha256,
                size,
                created,
            }),
            Err(e) => {
                tokio::fs::remove_file(&tmp).await.ok();
                Err(unavailable(e))
            }
        }
    }

    async fn get(&self, key: &str, range: Option<ByteRange>) -> Result<Object, StoreError> {
        let path = self.path_of(key)?;
        let mut file = match tokio::fs::File::open(&path).await {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(StoreError::NotFound),
            Err(e) => return Err(unavailable(e)),
        };
        let size = file.metadata().await.map_err(unavailable)?.len();
        let body = match range {
            None => ReaderStream::with_capacity(file, READ_CHUNK).boxed(),
            Some(r) => {
                file.seek(io::SeekFrom::Start(r.first))
                    .await
                    .map_err(unavailable)?;
                ReaderStream::with_capacity(file.take(r.len()), READ_CHUNK).boxed()
            }
        };
        Ok(Object { size, body })
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        let path = self.path_of(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }

    async fn exists(&self, key: &str) -> Result<bool, StoreError> {
        match self.path_of(key) {
            Ok(path) => tokio::fs::try_exists(path).await.map_err(unavailable),
            Err(_) => Ok(false),
        }
    }

    async fn list(&self) -> Result<BoxStream<'static, Result<ObjectInfo, StoreError>>, StoreError> {
        // A blocking walk on its own thread, streamed through a bounded channel.
        let root = self.objects.clone();
        let (tx, rx) = tokio::sync::mpsc::channel(256);
        tokio::task::spawn_blocking(move || {
            if let Err(e) = walk(&root, &tx) {
                tx.blocking_send(Err(unavailable(e))).ok();
            }
        });
        Ok(tokio_stream_from(rx))
    }

    async fn check(&self) -> Result<(), StoreError> {
        let meta = tokio::fs::metadata(&self.objects)
            .await
            .map_err(unavailable)?;
        if meta.permissions().readonly() {
            return Err(StoreError::Unavailable(
                "local disk: the objects directory is read-only".into(),
            ));
        }
        // "Can serve" means an upload can land: write, sync and remove a
        // small probe (a full or read-only disk fails here, not mid-upload).
        let probe = self.tmp.join(format!(".ready-{}", uuid::Uuid::now_v7()));
        let written = async {
            use tokio::io::AsyncWriteExt;
            let mut f = tokio::fs::File::create(&probe).await?;
            f.write_all(&[0u8; 4096]).await?;
            f.sync_all().await
        }
        .await;
        let _ = tokio::fs::remove_file(&probe).await;
        written.map_err(|e| StoreError::Unavailable(format!("local disk: cannot write: {e}")))
    }

    fn backend(&self) -> &'static str {
        "local"
    }

    async fn sweep_temp(&self, age: std::time::Duration) -> Result<u64, StoreError> {
        let mut removed = 0;
        let mut dir = tokio::fs::read_dir(&self.tmp).await.map_err(unavailable)?;
        while let Some(e) = dir.next_entry().await.map_err(unavailable)? {
            let modified = e.metadata().await.and_then(|m| m.modified());
            if modified.is_ok_and(|m| m.elapsed().unwrap_or_default() > age)
                && tokio::fs::remove_file(e.path()).await.is_ok()
            {
                removed += 1;
            }
        }
        Ok(removed)
    }
}

type ListTx = tokio::sync::mpsc::Sender<Result<ObjectInfo, StoreError>>;

fn walk(root: &Path, tx: &ListTx) -> io::Result<()> {
    for a in std::fs::read_dir(root)? {
        let a = a?;
        if !a.file_type()?.is_dir() {
            continue;
        }
        for b in std::fs::read_dir(a.path())? {
            let b = b?;
            if !b.file_type()?.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(b.path())? {
                let f = f?;
                let meta = f.metadata()?;
                if !meta.is_file() {
                    continue;
                }
                let info = ObjectInfo {
                    key: f.file_name().to_string_lossy().into_owned(),
                    size: meta.len(),
                    modified: DateTime::<Utc>::from(meta.modified()?),
                };
                if tx.blocking_send(Ok(info)).is_err() {
                    return Ok(()); // the reader stopped listening
                }
            }
        }
    }
    Ok(())
}

fn tokio_stream_from<T: Send + 'static>(
    rx: tokio::sync::mpsc::Receiver<T>,
) -> BoxStream<'static, T> {
    futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
    .boxed()
}
