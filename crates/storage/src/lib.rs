//! The document store (DESIGN: Documents): a [`DocumentStore`] trait with a
//! local-disk backend (the default) and an S3 backend. Uploads arrive as a
//! stream and are never held whole in memory; the SHA-256 is computed on
//! the way. A `put` returns only once the object is durable.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod files;
mod hashing;
pub mod local;
pub mod s3;

pub use bytes::Bytes;
pub use hashing::{Sha256Hex, VerifiedStream};
pub use local::LocalStore;
pub use s3::{S3Config, S3Store};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use std::io;

/// Bytes flowing in or out of the store.
pub type ByteStream = BoxStream<'static, io::Result<Bytes>>;

/// What a successful `put` stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Where the object lives in this store.
    pub key: String,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
    pub size: u64,
    /// False when identical content was already stored under this key
    /// (content-addressed backends): the caller must not delete it on failure.
    pub created: bool,
}

/// One object found when listing the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub key: String,
    pub size: u64,
    pub modified: DateTime<Utc>,
}

/// A byte range of an object, both ends inclusive (HTTP `Range` semantics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange {
    pub first: u64,
    pub last: u64,
}

impl ByteRange {
    pub fn len(&self) -> u64 {
        self.last - self.first + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

/// An object opened for reading.
pub struct Object {
    /// Size of the whole object.
    pub size: u64,
    pub body: ByteStream,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading the upload failed (client gone, or a limit the caller
    /// enforces in the stream was hit). The caller's error is inside.
    #[error("reading the upload failed: {0}")]
    Input(#[source] io::Error),
    /// The store cannot be reached, timed out or refused the request for
    /// reasons of its own: retry later.
    #[error("the document store is unavailable: {0}")]
    Unavailable(String),
    #[error("no such object")]
    NotFound,
    /// A request the store should have accepted was refused (bad
    /// credentials, missing bucket): a configuration problem.
    #[error("the document store refused the request: {0}")]
    Backend(String),
}

/// Where case documents live. Implementations must make `put` durable
/// before returning and leave nothing behind when it fails.
#[async_trait]
pub trait DocumentStore: Send + Sync + 'static {
    /// Stores the stream; an error from the stream aborts the upload and
    /// comes back as [`StoreError::Input`].
    async fn put(&self, body: ByteStream) -> Result<Stored, StoreError>;
    /// Opens an object, or the given range of it.
    async fn get(&self, key: &str, range: Option<ByteRange>) -> Result<Object, StoreError>;
    /// Removes an object; removing a missing object is not an error.
    async fn delete(&self, key: &str) -> Result<(), StoreError>;
    async fn exists(&self, key: &str) -> Result<bool, StoreError>;
    /// Every object in the store, for the sweep.
    async fn list(&self) -> Result<BoxStream<'static, Result<ObjectInfo, StoreError>>, StoreError>;
    /// Whether the store answers (readiness probe).
    async fn check(&self) -> Result<(), StoreError>;
    /// A short name for logs and reports: `local` or `s3`.
    fn backend(&self) -> &'static str;
    /// Removes leftovers of interrupted uploads older than `age`; returns
    /// how many. (S3 keeps no temp objects: an interrupted multipart upload
    /// is aborted, or expired by the bucket's lifecycle rule.)
    async fn sweep_temp(&self, _age: std::time::Duration) -> Result<u64, StoreError> {
        Ok(0)
    }
}
