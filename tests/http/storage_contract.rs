//! One contract, two document stores: the local disk and S3 (a real
//! S3-protocol server, s3s-fs, on 127.0.0.1) behave the same to callers.
use bytes::Bytes;
use futures_util::{StreamExt, stream};
use tgpl_storage::{ByteRange, ByteStream, StoreError};
use tgpl_tests::{StoreKind, open_store};

fn body_of(chunks: Vec<Vec<u8>>) -> ByteStream {
    stream::iter(chunks.into_iter().map(|c| Ok(Bytes::from(c)))).boxed()
}

async fn read_all(body: ByteStream) -> Vec<u8> {
    body.map(|c| c.unwrap().to_vec()).concat().await
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn local() {
                    super::$name(tgpl_tests::StoreKind::Local).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn s3() {
                    super::$name(tgpl_tests::StoreKind::S3).await
                }
            }
        )*
    };
}

on_both_backends!(
    objects_round_trip_whole_and_by_range,
    a_failing_upload_leaves_nothing_behind,
    large_objects_stream_through_in_parts,
);

async fn objects_round_trip_whole_and_by_range(kind: StoreKind) {
    let (store, _dir, _s3) = open_store(kind).await;
    let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let stored = store
        .put(body_of(vec![
            data[..1].to_vec(),
            data[1..70_000].to_vec(),
            data[70_000..].to_vec(),
        ]))
        .await
        .unwrap();
    assert_eq!(stored.size, 100_000);
    assert_eq!(stored.sha256.len(), 64);
    assert!(stored.created);
    assert!(store.exists(&stored.key).await.unwrap());
    let whole = store.get(&stored.key, None).await.unwrap();
    assert_eq!(whole.size, 100_000);
    assert_eq!(read_all(whole.body).await, data);
    let part = store
        .get(
            &stored.key,
            Some(ByteRange {
                first: 99_990,
                last: 99_999,
            }),
        )
        .await
        .unwrap();
    assert_eq!(part.size, 100_000, "the size of the whole object");
    assert_eq!(read_all(part.body).await, &data[99_990..]);
    let listed: Vec<_> = store.list().await.unwrap().collect().await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].as_ref().unwrap().key, stored.key);
    assert_eq!(listed[0].as_ref().unwrap().size, 100_000);
    store.delete(&stored.key).await.unwrap();
    assert!(!store.exists(&stored.key).await.unwrap());
    assert!(matches!(
        store.get(&stored.key, None).await,
        Err(StoreError::NotFound)
    ));
    store.delete(&stored.key).await.unwrap(); // twice is fine
    store.check().await.unwrap();
}

async fn a_failing_upload_leaves_nothing_behind(kind: StoreKind) {
    let (store, dir, _s3) = open_store(kind).await;
    // The client goes away after 9 MiB: past the first multipart part on S3.
    let chunks: Vec<std::io::Result<Bytes>> = (0..9)
        .map(|_| Ok(Bytes::from(vec![7u8; 1024 * 1024])))
        .chain(std::iter::once(Err(std::io::Error::other(
            "client went away",
        ))))
        .collect();
    let err = store.put(stream::iter(chunks).boxed()).await.unwrap_err();
    assert!(matches!(err, StoreError::Input(_)), "{err:?}");
    assert_eq!(store.list().await.unwrap().count().await, 0);
    if kind == StoreKind::Local {
        let temp = std::fs::read_dir(dir.join("tmp")).unwrap().count();
        assert_eq!(temp, 0, "no temp file left");
    }
}

async fn large_objects_stream_through_in_parts(kind: StoreKind) {
    let (store, _dir, _s3) = open_store(kind).await;
    // 8 MiB parts on S3: three full parts and a partial fourth.
    let chunk: Vec<u8> = (0..1024 * 1024u32).map(|i| (i % 241) as u8).collect();
    let stored = store
        .put(body_of((0..27).map(|_| chunk.clone()).collect()))
        .await
        .unwrap();
    assert_eq!(stored.size, 27 * 1024 * 1024);
    let (sha, size) =
        tgpl_storage::VerifiedStream::digest(store.get(&stored.key, None).await.unwrap().body)
            .await
            .unwrap();
    assert_eq!((sha, size), (stored.sha256.clone(), stored.size));
    if kind == StoreKind::Local {
        // Content-addressed: the same bytes again are the same object.
        let again = store
            .put(body_of((0..27).map(|_| chunk.clone()).collect()))
            .await
            .unwrap();
        assert_eq!(again.key, stored.key);
        assert!(!again.created);
    }
}
