//! Plain files hashed on the way, for backups (issue #15): a stream written
//! to a file and fsynced, and a file read back as a stream or a digest.
use crate::ByteStream;
use crate::hashing::hex;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use std::io;
use std::path::Path;
use tokio::io::AsyncWriteExt;
use tokio_util::io::ReaderStream;

/// Writes `body` to a new file at `path` (never over an existing one),
/// fsyncs it, and returns its SHA-256 and size.
pub async fn write_file(path: &Path, mut body: ByteStream) -> io::Result<(String, u64)> {
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .await?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    while let Some(chunk) = body.next().await {
        let chunk = chunk?;
        hasher.update(&chunk);
        size += chunk.len() as u64;
        file.write_all(&chunk).await?;
    }
    file.flush().await?;
    file.sync_all().await?;
    Ok((hex(&hasher.finalize()), size))
}

/// A file's bytes as a stream.
pub async fn read_file(path: &Path) -> io::Result<ByteStream> {
    let file = tokio::fs::File::open(path).await?;
    Ok(ReaderStream::with_capacity(file, 256 * 1024).boxed())
}

/// An open file's bytes, from where it stands, as a stream.
pub fn stream_of(file: std::fs::File) -> ByteStream {
    ReaderStream::with_capacity(tokio::fs::File::from_std(file), 256 * 1024).boxed()
}

/// A file's SHA-256 and size.
pub async fn digest_file(path: &Path) -> io::Result<(String, u64)> {
    crate::VerifiedStream::digest(read_file(path).await?).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    #[tokio::test]
    async fn a_written_file_reads_back_with_the_same_digest_and_is_never_overwritten() {
        let dir = std::env::temp_dir().join(format!("tgpl-files-{}", std::process::id()));
        let _ = tokio::fs::remove_dir_all(&dir).await;
        tokio::fs::create_dir_all(&dir).await.unwrap();
        let path = dir.join("a.bin");
        let body = futures_util::stream::iter([Ok(Bytes::from_static(b"abc"))]).boxed();
        let (sha, size) = write_file(&path, body).await.unwrap();
        // SHA-256 of "abc".
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(size, 3);
        assert_eq!(digest_file(&path).await.unwrap(), (sha, 3));
        let again = futures_util::stream::iter([Ok(Bytes::from_static(b"x"))]).boxed();
        assert!(write_file(&path, again).await.is_err());
        let _ = tokio::fs::remove_dir_all(&dir).await;
    }
}
