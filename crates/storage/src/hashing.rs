//! SHA-256 on the way through, and a download stream that refuses to
//! deliver the end of an object whose bytes do not match its recorded hash.
use crate::ByteStream;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Lowercase hex of a SHA-256 digest.
pub struct Sha256Hex;

impl Sha256Hex {
    pub fn of(hasher: Sha256) -> String {
        hex(&hasher.finalize())
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0xf) as usize] as char);
    }
    s
}

/// Passes a whole object through while hashing it, holding back the last
/// chunk until the digest and size are known to match: a corrupted object
/// ends in an error (the client sees a broken transfer), never in a
/// complete-looking wrong file.
pub struct VerifiedStream {
    inner: ByteStream,
    hasher: Sha256,
    seen: u64,
    expected_size: u64,
    expected_sha256: String,
    held: Option<Bytes>,
    done: bool,
}

/// The object's bytes do not match what was recorded at upload.
#[derive(Debug, thiserror::Error)]
#[error(
    "stored object is corrupted: expected sha256 {expected}, {size} bytes; found {found}, {seen} bytes"
)]
pub struct Corrupted {
    pub expected: String,
    pub found: String,
    pub size: u64,
    pub seen: u64,
}

impl VerifiedStream {
    pub fn new(inner: ByteStream, expected_size: u64, expected_sha256: &str) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            seen: 0,
            expected_size,
            expected_sha256: expected_sha256.to_owned(),
            held: None,
            done: false,
        }
    }

    /// Reads a whole stream and reports its digest and size.
    pub async fn digest(mut body: ByteStream) -> io::Result<(String, u64)> {
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        while let Some(chunk) = body.next().await {
            let chunk = chunk?;
            size += chunk.len() as u64;
            hasher.update(&chunk);
        }
        Ok((Sha256Hex::of(hasher), size))
    }
}

impl Stream for VerifiedStream {
    type Item = io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        loop {
            match this.inner.poll_next_unpin(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Err(e))) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(Some(Ok(chunk))) => {
                    if chunk.is_empty() {
                        continue;
                    }
                    this.seen += chunk.len() as u64;
                    this.hasher.update(&chunk);
                    if let Some(prev) = this.held.replace(chunk) {
                        return Poll::Ready(Some(Ok(prev)));
                    }
                }
                Poll::Ready(None) => {
                    this.done = true;
                    let found = hex(&std::mem::take(&mut this.hasher).finalize());
                    if found == this.expected_sha256 && this.seen == this.expected_size {
                        return Poll::Ready(this.held.take().map(Ok));
                    }
                    return Poll::Ready(Some(Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        Corrupted {
                            expected: this.expected_sha256.clone(),
                            found,
                            size: this.expected_size,
                            seen: this.seen,
                        },
                    ))));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::stream;

    fn body(chunks: &[&'static [u8]]) -> ByteStream {
        stream::iter(
            chunks
                .iter()
                .map(|c| Ok(Bytes::from_static(c)))
                .collect::<Vec<_>>(),
        )
        .boxed()
    }

    fn sha(data: &[u8]) -> String {
        hex(&Sha256::digest(data))
    }

    #[tokio::test]
    async fn intact_objects_pass_whole() {
        let s = VerifiedStream::new(body(&[b"ab", b"", b"cd"]), 4, &sha(b"abcd"));
        let out: Vec<_> = s.collect().await;
        let bytes: Vec<u8> = out.into_iter().flat_map(|c| c.unwrap().to_vec()).collect();
        assert_eq!(bytes, b"abcd");
    }

    #[tokio::test]
    async fn corrupted_objects_end_in_an_error_before_their_last_chunk() {
        let s = VerifiedStream::new(body(&[b"ab", b"cX"]), 4, &sha(b"abcd"));
        let out: Vec<_> = s.collect().await;
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().unwrap().as_ref(), b"ab");
        let err = out[1].as_ref().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        // A truncated object is caught too.
        let short: Vec<_> = VerifiedStream::new(body(&[b"abc"]), 4, &sha(b"abcd"))
            .collect()
            .await;
        assert!(short[0].is_err());
    }
}
