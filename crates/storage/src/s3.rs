//! S3 backend (AWS S3, MinIO, Ceph RGW, …) through `aws-sdk-s3` on rustls
//! with ring. Objects are keyed `documents/<uuid v7>` (the SHA-256 is only
//! known at the end of a streamed upload and S3 cannot rename); the hash is
//! kept in the database row. Uploads of more than one part go through a
//! multipart upload, one part uploading while the next is read, so memory
//! stays at about two parts whatever the file size.
use crate::hashing::hex;
use crate::{ByteRange, ByteStream, DocumentStore, Object, ObjectInfo, StoreError, Stored};
use async_trait::async_trait;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::http::HttpResponse;
use aws_sdk_s3::config::retry::RetryConfig;
use aws_sdk_s3::config::timeout::TimeoutConfig;
use aws_sdk_s3::config::{
    BehaviorVersion, Credentials, Region, RequestChecksumCalculation, ResponseChecksumValidation,
};
use aws_sdk_s3::error::{DisplayErrorContext, SdkError};
use aws_sdk_s3::primitives::ByteStream as AwsBody;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use bytes::{Bytes, BytesMut};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use sha2::{Digest, Sha256};
use std::time::Duration;

/// Size of one multipart part (S3's minimum is 5 MiB).
pub const PART_SIZE: usize = 8 * 1024 * 1024;
const PREFIX: &str = "documents/";

/// Connection settings (`TGPL_S3_*`).
#[derive(Debug, Clone)]
pub struct S3Config {
    pub endpoint: Option<String>,
    pub region: String,
    pub bucket: String,
    pub access_key: String,
    pub secret_key: String,
    /// `http://host/bucket/key` addressing, as MinIO-like servers want.
    pub path_style: bool,
    /// Give up on a store that does not answer within this time.
    pub timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct S3Store {
    client: Client,
    bucket: String,
}

impl S3Store {
    pub fn new(cfg: &S3Config) -> Self {
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
            .build_https();
        let mut conf = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(cfg.region.clone()))
            .credentials_provider(Credentials::new(
                cfg.access_key.clone(),
                cfg.secret_key.clone(),
                None,
                None,
                "tgpl-config",
            ))
            .force_path_style(cfg.path_style)
            .http_client(http)
            // Checksums only where S3 requires them: we hash with SHA-256 ourselves.
            .request_checksum_calculation(RequestChecksumCalculation::WhenRequired)
            .response_checksum_validation(ResponseChecksumValidation::WhenRequired)
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(3).min(cfg.timeout))
                    .read_timeout(cfg.timeout)
                    .build(),
            )
            .retry_config(RetryConfig::standard().with_max_attempts(2));
        if let Some(endpoint) = &cfg.endpoint {
            conf = conf.endpoint_url(endpoint);
        }
        Self {
            client: Client::from_conf(conf.build()),
            bucket: cfg.bucket.clone(),
        }
    }

    /// Creates the bucket when it does not exist (development servers).
    pub async fn ensure_bucket(&self) -> Result<(), StoreError> {
        match self.client.head_bucket().bucket(&self.bucket).send().await {
            Ok(_) => Ok(()),
            Err(e) => match classify(e) {
                StoreError::NotFound => {
                    self.client
                        .create_bucket()
                        .bucket(&self.bucket)
                        .send()
                        .await
                        .map_err(classify)?;
                    Ok(())
                }
                other => Err(other),
            },
        }
    }

    async fn upload_part(
        &self,
        key: &str,
        upload_id: &str,
        number: i32,
        part: Bytes,
    ) -> Result<CompletedPart, StoreError> {
        let out = self
            .client
            .upload_part()
            .bucket(&self.bucket)
            .key(key)
            .upload_id(upload_id)
            .part_number(number)
            .body(AwsBody::from(part))
            .send()
            .await
            .map_err(classify)?;
        Ok(CompletedPart::builder()
            .part_number(number)
            .set_e_tag(out.e_tag().map(str::to_owned))
            .build())
    }

    /// Streams `first` and the rest of `body` as a multipart upload.
    async fn multipart(
        &self,
        key: &str,
        first: Bytes,
        reader: &mut PartReader,
    ) -> Result<(), StoreError> {
        let created = self
            .client
            .create_multipart_upload()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(classify)?;
        let upload_id = created
            .upload_id()
            .ok_or_else(|| StoreError::Backend("no upload id in the answer".into()))?
            .to_owned();
        let result = self.upload_parts(key, &upload_id, first, reader).await;
        if result.is_err() {
            // Best effort: a store that is down keeps the parts until its own
            // lifecycle rule removes incomplete uploads.
            self.client
                .abort_multipart_upload()
                .bucket(&self.bucket)
                .key(key)
                .upload_id(&upload_id)
                .send()
                .await
                .ok();
        }
        result
    }

    async fn upload_parts(
        &self,
        key: &str,
        upload_id: &str,
        first: Bytes,
        reader: &mut PartReader,
    ) -> Result<(), StoreError> {
        let mut parts = Vec::new();
        let mut number = 1;
        let mut current = first;
        loop {
            // Upload this part while reading the next one.
            let (uploaded, next) = tokio::join!(
                self.upload_part(key, upload_id, number, current),
                reader.next_part()
            );
            parts.push(uploaded?);
            match next? {
                Some(part) => {
                    number += 1;
                    current = part;
                }
                None => break,
            }
        }
        self.client
            .complete_multipart_upload()
            .bucket(&self.bucket)
            .key(key)
            .upload_id(upload_id)
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .send()
            .await
            .map_err(classify)?;
        Ok(())
    }
}

/// Cuts the incoming stream into parts of [`PART_SIZE`], hashing as it goes.
struct PartReader {
    body: ByteStream,
    pending: Option<Bytes>,
    hasher: Sha256,
    size: u64,
    /// The body has ended (a stream must not be polled again after that).
    done: bool,
}

impl PartReader {
    /// The next part: full-sized unless the stream ended.
    async fn next_part(&mut self) -> Result<Option<Bytes>, StoreError> {
        let mut buf = BytesMut::with_capacity(PART_SIZE);
        loop {
            let chunk = match self.pending.take() {
                Some(c) => c,
                None if self.done => break,
                None => match self.body.next().await {
                    Some(c) => c.map_err(StoreError::Input)?,
                    None => {
                        self.done = true;
                        break;
                    }
                },
            };
            let room = PART_SIZE - buf.len();
            if chunk.len() > room {
                self.pending = Some(chunk.slice(room..));
                self.take(&mut buf, &chunk[..room]);
                break;
            }
            self.take(&mut buf, &chunk);
            if buf.len() == PART_SIZE {
                break;
            }
        }
        Ok((!buf.is_empty()).then(|| buf.freeze()))
    }

    fn take(&mut self, buf: &mut BytesMut, bytes: &[u8]) {
        self.hasher.update(bytes);
        self.size += bytes.len() as u64;
        buf.extend_from_slice(bytes);
    }
}

/// Maps an SDK failure: unreachable, timed out or 5xx → unavailable.
fn classify<E>(e: SdkError<E, HttpResponse>) -> StoreError
where
    E: std::error::Error + Send + Sync + 'static,
{
    let status = match &e {
        SdkError::ServiceError(se) => Some(se.raw().status().as_u16()),
        SdkError::ResponseError(re) => Some(re.raw().status().as_u16()),
        _ => None,
    };
    let msg = DisplayErrorContext(&e).to_string();
    match (&e, status) {
        (_, Some(404)) => StoreError::NotFound,
        (SdkError::TimeoutError(_) | SdkError::DispatchFailure(_), _) => {
            StoreError::Unavailable(msg)
        }
        (_, Some(s)) if s >= 500 || s == 429 => StoreError::Unavailable(msg),
        (SdkError::ResponseError(_), _) => StoreError::Unavailable(msg),
        _ => StoreError::Backend(msg),
    }
}

#[async_trait]
impl DocumentStore for S3Store {
    async fn put(&self, body: ByteStream) -> Result<Stored, StoreError> {
        let key = format!("{PREFIX}{}", uuid::Uuid::now_v7());
        let mut reader = PartReader {
            body,
            pending: None,
            hasher: Sha256::new(),
            size: 0,
            done: false,
        };
        let first = reader.next_part().await?.unwrap_or_default();
        if first.len() < PART_SIZE {
            self.client
                .put_object()
                .bucket(&self.bucket)
                .key(&key)
                .body(AwsBody::from(first))
                .send()
                .await
                .map_err(classify)?;
        } else {
            self.multipart(&key, first, &mut reader).await?;
        }
        Ok(Stored {
            key,
            sha256: hex(&std::mem::take(&mut reader.hasher).finalize()),
            size: reader.size,
            created: true,
        })
    }

    async fn get(&self, key: &str, range: Option<ByteRange>) -> Result<Object, StoreError> {
        let mut req = self.client.get_object().bucket(&self.bucket).key(key);
        if let Some(r) = range {
            req = req.range(format!("bytes={}-{}", r.first, r.last));
        }
        let out = req.send().await.map_err(classify)?;
        let size = match (range, out.content_range()) {
            // "bytes 0-9/1234": the whole size is after the slash.
            (Some(_), Some(cr)) => cr
                .rsplit('/')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or_default(),
            _ => out.content_length().unwrap_or_default().max(0) as u64,
        };
        let body = futures_util::stream::unfold(out.body, |mut b| async move {
            b.next()
                .await
                .map(|r| (r.map_err(std::io::Error::other), b))
        })
        .boxed();
        Ok(Object { size, body })
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        match self
            .client
            .delete_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(e) => match classify(e) {
                StoreError::NotFound => Ok(()),
                other => Err(other),
            },
        }
    }

    async fn exists(&self, key: &str) -> Result<bool, StoreError> {
        match self
            .client
            .head_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e) => match classify(e) {
                StoreError::NotFound => Ok(false),
                other => Err(other),
            },
        }
    }

    async fn list(&self) -> Result<BoxStream<'static, Result<ObjectInfo, StoreError>>, StoreError> {
        let pages = self
            .client
            .list_objects_v2()
            .bucket(&self.bucket)
            .prefix(PREFIX)
            .into_paginator()
            .send();
        let stream = futures_util::stream::unfold(pages, |mut pages| async move {
            let page = pages.next().await?;
            let items: Vec<Result<ObjectInfo, StoreError>> = match page {
                Err(e) => vec![Err(classify(e))],
                Ok(out) => out
                    .contents()
                    .iter()
                    .filter_map(|o| {
                        Some(Ok(ObjectInfo {
                            key: o.key()?.to_owned(),
                            size: o.size().unwrap_or_default().max(0) as u64,
                            modified: o
                                .last_modified()
                                .and_then(|t| DateTime::<Utc>::from_timestamp(t.secs(), 0))
                                .unwrap_or_default(),
                        }))
                    })
                    .collect(),
            };
            Some((futures_util::stream::iter(items), pages))
        })
        .flatten()
        .boxed();
        Ok(stream)
    }

    async fn check(&self) -> Result<(), StoreError> {
        self.client
            .head_bucket()
            .bucket(&self.bucket)
            .send()
            .await
            .map_err(classify)?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "s3"
    }
}
