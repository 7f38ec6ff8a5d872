//! Receiving a document: multipart/form-data (form fields, then the `file`
//! part) or a raw body. The bytes are piped, chunk by chunk, from the
//! request into the document store through a small bounded channel; the
//! size limit and the magic-byte check run on the way, so nothing is ever
//! held whole in memory and an oversized or mistyped file is stopped as
//! soon as it shows itself.
use crate::error::{AppError, Fields};
use crate::extract::Caller;
use crate::state::AppState;
use actix_multipart::{Field, Multipart};
use actix_web::{HttpMessage, HttpRequest, http::header, web};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use std::fmt::Display;
use std::io;
use tgpl_api_model::documents::UploadQuery;
use tgpl_app::service::documents::{self as service, Prepared, UploadMeta};
use tgpl_app::service::public::attachments::{self, Attachment};
use tgpl_domain::case::document::{
    CaseStep, Document, DocumentKind, MediaType, SNIFF_LEN, clean_filename, content_matches,
};
use tgpl_storage::ByteStream;
use uuid::Uuid;

/// Chunks in flight between the request and the store.
const PIPE_DEPTH: usize = 8;
/// After a refusal, read at most this much more so the client gets the answer.
const DRAIN_LIMIT: u64 = 16 * 1024 * 1024;
/// Room for multipart boundaries and form fields around the file.
const MULTIPART_SLACK: u64 = 1024 * 1024;
/// Longest text form field.
const FIELD_LIMIT: usize = 1024;

/// Why an upload was stopped while streaming.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rejection {
    TooLarge(u64),
    TypeMismatch(MediaType),
    Empty,
    Incomplete(String),
}

impl Rejection {
    fn into_error(self) -> AppError {
        match self {
            Rejection::TooLarge(limit) => too_large(limit),
            Rejection::TypeMismatch(declared) => AppError::UnsupportedMediaType {
                code: "document.type_mismatch",
                detail: format!(
                    "the file's content is not {declared} as declared; send the file with its real type"
                ),
            },
            Rejection::Empty => AppError::field("file", "document.empty", "the file is empty"),
            Rejection::Incomplete(why) => AppError::BadRequest {
                code: "document.upload_incomplete",
                detail: format!(
                    "the upload did not arrive whole ({why}); nothing was saved, send it again"
                ),
            },
        }
    }
}

fn too_large(limit: u64) -> AppError {
    AppError::PayloadTooLarge {
        code: "document.too_large",
        detail: format!(
            "the file is larger than the {} MB limit",
            limit.div_ceil(1024 * 1024)
        ),
    }
}

/// Copies `source` into `tx`, enforcing the limit and the declared type.
async fn pump<S, E>(
    source: &mut S,
    tx: tokio::sync::mpsc::Sender<io::Result<Bytes>>,
    max: u64,
    declared: MediaType,
) -> Result<(), Rejection>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Display,
{
    let refuse = |r: Rejection| {
        let tx = tx.clone();
        async move {
            tx.send(Err(io::Error::other(format!("{r:?}")))).await.ok();
            Err(r)
        }
    };
    let mut head: Vec<Bytes> = Vec::new();
    let mut head_len = 0usize;
    let mut sniffed = false;
    let mut total = 0u64;
    loop {
        let chunk = match source.next().await {
            Some(Ok(c)) => c,
            Some(Err(e)) => return refuse(Rejection::Incomplete(e.to_string())).await,
            None => break,
        };
        total += chunk.len() as u64;
        if total > max {
            return refuse(Rejection::TooLarge(max)).await;
        }
        if sniffed {
            if tx.send(Ok(chunk)).await.is_err() {
                return Ok(()); // the store gave up; it reports why
            }
            continue;
        }
        head_len += chunk.len();
        head.push(chunk);
        if head_len >= SNIFF_LEN {
            if let Err(r) = release_head(&mut head, declared, &tx).await {
                return refuse(r).await;
            }
            sniffed = true;
        }
    }
    if !sniffed {
        if total == 0 {
            return refuse(Rejection::Empty).await;
        }
        if let Err(r) = release_head(&mut head, declared, &tx).await {
            return refuse(r).await;
        }
    }
    Ok(())
}

/// Checks the first bytes against the declared type, then sends them on.
async fn release_head(
    head: &mut Vec<Bytes>,
    declared: MediaType,
    tx: &tokio::sync::mpsc::Sender<io::Result<Bytes>>,
) -> Result<(), Rejection> {
    let sample: Vec<u8> = head
        .iter()
        .flat_map(|c| c.iter().copied())
        .take(SNIFF_LEN)
        .collect();
    if !content_matches(declared, &sample) {
        return Err(Rejection::TypeMismatch(declared));
    }
    for c in head.drain(..) {
        if tx.send(Ok(c)).await.is_err() {
            break;
        }
    }
    Ok(())
}

/// Reads and drops what is left of a refused body, up to a cap, so that a
/// client still sending gets the problem response instead of a reset.
async fn drain<S, E>(source: &mut S)
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    let mut read = 0u64;
    while read < DRAIN_LIMIT {
        match source.next().await {
            Some(Ok(c)) => read += c.len() as u64,
            _ => break,
        }
    }
}

/// The `Idempotency-Key` and `X-Checksum-SHA256` headers, checked.
fn headers(req: &HttpRequest, f: &mut Fields) -> (Option<String>, Option<String>) {
    let text = |name: &str| {
        req.headers()
            .get(name)
            .map(|v| v.to_str().map(|s| s.trim().to_owned()))
    };
    let key = match text("idempotency-key") {
        None => None,
        Some(Ok(k)) if !k.is_empty() && k.len() <= 255 => Some(k),
        Some(_) => {
            f.push(
                "Idempotency-Key",
                "invalid",
                "use 1 to 255 visible ASCII characters",
            );
            None
        }
    };
    let checksum = text("x-checksum-sha256")
        .and_then(|c| checksum_value(&c.unwrap_or_default(), "X-Checksum-SHA256", f));
    (key, checksum)
}

fn checksum_value(raw: &str, field: &str, f: &mut Fields) -> Option<String> {
    let v = raw.trim().to_ascii_lowercase();
    if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some(v)
    } else {
        f.push(
            field,
            "invalid",
            "give the SHA-256 as 64 hexadecimal digits",
        );
        None
    }
}

/// Metadata gathered from the query string and the form fields.
#[derive(Default)]
struct Form {
    kind: Option<String>,
    step: Option<String>,
    filename: Option<String>,
    checksum: Option<String>,
    dry_run: Option<String>,
    mapping: Option<String>,
}

/// Turns the gathered values into checked metadata (422 on any fault).
fn meta(
    form: Form,
    declared: Option<&str>,
    idempotency_key: Option<String>,
    mut f: Fields,
) -> Result<UploadMeta, AppError> {
    let kind = match form.kind.as_deref().map(str::trim) {
        None | Some("") => {
            f.push("kind", "required", "say what the document is (kind)");
            None
        }
        Some(k) => DocumentKind::parse(k).or_else(|| {
            f.push(
                "kind",
                "invalid",
                "not a document kind of the case-file list",
            );
            None
        }),
    };
    let step = match form.step.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => CaseStep::parse(s).or_else(|| {
            f.push("step", "invalid", "not a case step");
            None
        }),
    };
    let filename = match clean_filename(form.filename.as_deref().unwrap_or("")) {
        Ok(n) => Some(n),
        Err(e) => {
            f.push("filename", "invalid", e.to_string());
            None
        }
    };
    let checksum = form
        .checksum
        .and_then(|c| checksum_value(&c, "checksum_sha256", &mut f));
    f.finish()?;
    let (Some(kind), Some(filename)) = (kind, filename) else {
        return Err(AppError::Internal(
            "upload metadata checked but absent".into(),
        ));
    };
    let media_type = media_type_of(declared, &filename)?;
    Ok(UploadMeta {
        kind,
        step,
        filename,
        media_type,
        checksum,
        idempotency_key,
    })
}

/// 413 at once when the body says it is larger than the limit allows.
fn refuse_declared_oversize(req: &HttpRequest, max: u64) -> Result<(), AppError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max + MULTIPART_SLACK) {
        return Err(too_large(max));
    }
    Ok(())
}

/// The type a raw-body upload declares.
fn raw_content_type(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The declared type, or the one the name suggests when the client sent
/// none (or only `application/octet-stream`); 415 outside the accepted list.
fn media_type_of(declared: Option<&str>, filename: &str) -> Result<MediaType, AppError> {
    let declared = declared
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.starts_with("application/octet-stream"));
    match declared {
        Some(d) => MediaType::from_mime(d),
        None => MediaType::from_filename(filename),
    }
    .ok_or_else(|| AppError::UnsupportedMediaType {
        code: "document.unsupported_type",
        detail: "accepted: PDF, JPEG, PNG, TIFF, WebP, DOCX, XLSX, ODT, ODS and plain text".into(),
    })
}

/// The form fields a case document's multipart upload may carry before
/// its file.
const DOCUMENT_FIELDS: &[&str] = &["kind", "step", "checksum_sha256"];

/// Receives one upload on a case: returns the document and whether this
/// request created it (false: a retry with the same `Idempotency-Key`).
pub async fn receive(
    state: &AppState,
    caller: &Caller,
    case_id: Uuid,
    req: &HttpRequest,
    payload: web::Payload,
    query: UploadQuery,
) -> Result<(Document, bool), AppError> {
    let mut f = Fields::new();
    let (idempotency_key, header_checksum) = headers(req, &mut f);
    let max = state.settings.max_upload_bytes;
    refuse_declared_oversize(req, max)?;
    let case = match service::prepare_upload(
        state,
        caller,
        case_id,
        idempotency_key.as_deref(),
        header_checksum.as_deref(),
    )
    .await?
    {
        Prepared::Existing(doc) => return Ok((doc, false)),
        Prepared::Ready(case) => case,
    };
    let mut form = Form {
        kind: query.kind,
        step: query.step,
        filename: query.filename,
        checksum: header_checksum,
        ..Form::default()
    };
    if req.content_type() == "multipart/form-data" {
        let mut parts = Multipart::new(req.headers(), payload);
        let (mut file, content_type) =
            file_part(&mut parts, &mut form, &mut f, DOCUMENT_FIELDS, FIELD_LIMIT).await?;
        if form.kind.is_some() {
            let meta = meta(form, content_type.as_deref(), idempotency_key, f)?;
            return transfer(state, caller, &case, meta, &mut file, max).await;
        }
        // The fields follow the file (generated clients order parts so):
        // the file is stored as it streams, checked against its own type,
        // and kept only if the fields that follow are right.
        let filename = clean_filename(form.filename.as_deref().unwrap_or(""))
            .map_err(|e| AppError::field("filename", "invalid", e.to_string()))?;
        let declared = media_type_of(content_type.as_deref(), &filename)?;
        let stored = pipe(&mut file, max, declared, |stream| {
            service::store(state, stream)
        })
        .await?;
        drop(file);
        let fields = fields_after_file(&mut parts, &mut form, &mut f, DOCUMENT_FIELDS).await;
        match fields.and_then(|()| meta(form, content_type.as_deref(), idempotency_key, f)) {
            Ok(meta) => service::keep(state, caller, &case, meta, stored).await,
            Err(e) => {
                service::discard(state, &stored).await;
                Err(e)
            }
        }
    } else {
        let content_type = raw_content_type(req);
        if form.filename.is_none() {
            f.push(
                "filename",
                "required",
                "name the file (?filename=…) or send multipart/form-data",
            );
        }
        let meta = meta(form, content_type.as_deref(), idempotency_key, f)?;
        let mut body = payload;
        transfer(state, caller, &case, meta, &mut body, max).await
    }
}

/// A multipart body that breaks off or does not parse.
fn incomplete(e: actix_multipart::MultipartError) -> AppError {
    AppError::BadRequest {
        code: "document.upload_incomplete",
        detail: format!("the multipart body is malformed or cut short: {e}"),
    }
}

/// Reads the form fields up to the `file` part and returns that part.
async fn file_part(
    parts: &mut Multipart,
    form: &mut Form,
    f: &mut Fields,
    fields: &[&str],
    field_limit: usize,
) -> Result<(Field, Option<String>), AppError> {
    while let Some(part) = parts.next().await {
        let mut part = part.map_err(incomplete)?;
        let name = part.name().unwrap_or("").to_owned();
        if name == "file" {
            if let Some(filename) = part.content_disposition().and_then(|cd| cd.get_filename()) {
                form.filename.get_or_insert_with(|| filename.to_owned());
            }
            let content_type = part.content_type().map(|m| m.to_string());
            return Ok((part, content_type));
        }
        read_field(&mut part, &name, form, f, fields, field_limit).await?;
    }
    f.push(
        "file",
        "required",
        "attach the file in a part named `file`, after the other fields",
    );
    Err(std::mem::take(f)
        .finish()
        .err()
        .unwrap_or(AppError::BadRequest {
            code: "document.no_file",
            detail: "no file part".into(),
        }))
}

/// Reads one form field (not the file) into `form`; an unknown name is
/// recorded in `f`.
async fn read_field(
    part: &mut Field,
    name: &str,
    form: &mut Form,
    f: &mut Fields,
    fields: &[&str],
    field_limit: usize,
) -> Result<(), AppError> {
    let mut value = Vec::new();
    while let Some(chunk) = part.next().await {
        value.extend_from_slice(&chunk.map_err(incomplete)?);
        if value.len() > field_limit {
            return Err(AppError::field(name, "too_long", "form field too long"));
        }
    }
    let value = String::from_utf8(value)
        .map_err(|_| AppError::field(name, "invalid", "form fields must be UTF-8 text"))?;
    if value.chars().any(crate::extract::is_control) {
        return Err(crate::extract::control_character(name));
    }
    match name {
        n if !fields.contains(&n) => f.push(
            n,
            "unknown_field",
            if fields.is_empty() {
                "send only the file, in a part named `file`".to_owned()
            } else {
                format!("send {} and the file", fields.join(", "))
            },
        ),
        "kind" => form.kind = Some(value),
        "step" => form.step = Some(value),
        "checksum_sha256" => form.checksum = Some(value),
        "dry_run" => form.dry_run = Some(value),
        "mapping" => form.mapping = Some(value),
        _ => {}
    }
    Ok(())
}

/// Reads the fields that follow the file part; a second file is refused.
async fn fields_after_file(
    parts: &mut Multipart,
    form: &mut Form,
    f: &mut Fields,
    fields: &[&str],
) -> Result<(), AppError> {
    while let Some(part) = parts.next().await {
        let mut part = part.map_err(incomplete)?;
        let name = part.name().unwrap_or("").to_owned();
        if name == "file" {
            return Err(AppError::field(
                "file",
                "invalid",
                "send one file per upload",
            ));
        }
        read_field(&mut part, &name, form, f, fields, FIELD_LIMIT).await?;
    }
    Ok(())
}

/// Pipes the body into the store while the service records it.
async fn transfer<S, E>(
    state: &AppState,
    caller: &Caller,
    case: &tgpl_domain::case::Case,
    meta: UploadMeta,
    source: &mut S,
    max: u64,
) -> Result<(Document, bool), AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Display,
{
    let declared = meta.media_type;
    pipe(source, max, declared, |stream| {
        service::upload(state, caller, case, meta, stream)
    })
    .await
}

/// Feeds `source` to `save` as a stream, checking size and type on the
/// way; a refusal on either side wins, and what is left of a refused body
/// is read so the client gets the answer.
async fn pipe<S, E, T, F, Fut>(
    source: &mut S,
    max: u64,
    declared: MediaType,
    save: F,
) -> Result<T, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Display,
    F: FnOnce(ByteStream) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let (tx, rx) = tokio::sync::mpsc::channel(PIPE_DEPTH);
    let stream: ByteStream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
    .boxed();
    // Fused: the drain below may follow a pump that read to the end.
    let mut source = source.fuse();
    let (pumped, saved) = tokio::join!(pump(&mut source, tx, max, declared), save(stream));
    let result = match pumped {
        Err(rejection) => Err(rejection.into_error()),
        Ok(()) => saved,
    };
    if result.is_err() {
        drain(&mut source).await;
    }
    result
}

/// The header that carries the receipt's secret on a citizen's upload.
pub const SECRET_HEADER: &str = "x-tracking-secret";

/// Receives one file a citizen attaches to their online request, opened
/// by the tracking code and the receipt's secret (header
/// `X-Tracking-Secret`): multipart/form-data with one `file` part, or a
/// raw body named by `?filename=`. Same limits as case documents.
pub async fn receive_attachment(
    state: &AppState,
    visitor: &tgpl_app::Visitor,
    tracking_code: &str,
    req: &HttpRequest,
    payload: web::Payload,
    filename: Option<String>,
) -> Result<Attachment, AppError> {
    let secret = req
        .headers()
        .get(SECRET_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 64)
        .map(str::to_owned)
        .ok_or_else(|| {
            AppError::field(
                "X-Tracking-Secret",
                "public.secret_required",
                "send the secret of the receipt in the X-Tracking-Secret header",
            )
        })?;
    let max = state.settings.max_upload_bytes;
    refuse_declared_oversize(req, max)?;
    let item = attachments::prepare(state, visitor, tracking_code, &secret).await?;
    let mut f = Fields::new();
    let mut form = Form {
        filename,
        ..Form::default()
    };
    let name = |form: &Form, f: &mut Fields| match clean_filename(
        form.filename.as_deref().unwrap_or(""),
    ) {
        Ok(n) => Some(n),
        Err(e) => {
            f.push("filename", "invalid", e.to_string());
            None
        }
    };
    if req.content_type() == "multipart/form-data" {
        let mut parts = Multipart::new(req.headers(), payload);
        let (mut file, content_type) =
            file_part(&mut parts, &mut form, &mut f, &[], FIELD_LIMIT).await?;
        let filename = name(&form, &mut f);
        f.finish()?;
        let filename = filename.unwrap_or_default();
        let media = media_type_of(content_type.as_deref(), &filename)?;
        pipe(&mut file, max, media, |s| {
            attachments::attach(state, visitor, &item, filename, media, s)
        })
        .await
    } else {
        let content_type = raw_content_type(req);
        let filename = name(&form, &mut f);
        f.finish()?;
        let filename = filename.unwrap_or_default();
        let media = media_type_of(content_type.as_deref(), &filename)?;
        let mut body = payload;
        pipe(&mut body, max, media, |s| {
            attachments::attach(state, visitor, &item, filename, media, s)
        })
        .await
    }
}

/// Largest import file (the old system's export of a whole province's
/// cases runs to a few hundred megabytes).
pub const IMPORT_LIMIT: u64 = 2 * 1024 * 1024 * 1024;
/// Longest mapping sent with an import.
const MAPPING_LIMIT: usize = 64 * 1024;
/// The form fields of an import's multipart upload, before its file.
const IMPORT_FIELDS: &[&str] = &["kind", "dry_run", "mapping"];

/// Receives an import file (multipart with `kind`, `dry_run`, `mapping`,
/// then `file`; or a raw body with `?kind=&filename=&dry_run=`) into the
/// document store and queues the run.
pub async fn receive_import(
    state: &AppState,
    caller: &Caller,
    req: &HttpRequest,
    payload: web::Payload,
    query: tgpl_api_model::imports::ImportQuery,
) -> Result<tgpl_domain::import::ImportRun, AppError> {
    use tgpl_app::service::import;
    use tgpl_domain::import::ImportKind;
    refuse_declared_oversize(req, IMPORT_LIMIT)?;
    let mut f = Fields::new();
    let mut form = Form {
        kind: query.kind,
        filename: query.filename,
        dry_run: query.dry_run.map(|d| d.to_string()),
        ..Form::default()
    };
    // The multipart reader must live while its file part is read.
    let mut parts = None;
    let (file, raw) = if req.content_type() == "multipart/form-data" {
        let parts = parts.insert(Multipart::new(req.headers(), payload));
        let (part, _) = file_part(parts, &mut form, &mut f, IMPORT_FIELDS, MAPPING_LIMIT).await?;
        (Some(part), None)
    } else {
        (None, Some(payload))
    };
    let kind = match form.kind.as_deref().map(str::trim) {
        None | Some("") => {
            f.push("kind", "required", "organisations, practitioners or cases");
            None
        }
        Some(k) => match ImportKind::parse(k) {
            Ok(k) => Some(k),
            Err(e) => {
                f.push("kind", e.code, e.message);
                None
            }
        },
    };
    let dry_run = match form.dry_run.as_deref().map(str::trim) {
        None | Some("" | "false" | "0") => false,
        Some("true" | "1" | "on") => true,
        Some(_) => {
            f.push("dry_run", "invalid", "true or false");
            false
        }
    };
    let filename = match clean_filename(form.filename.as_deref().unwrap_or("")) {
        Ok(n) => Some(n),
        Err(e) => {
            f.push("filename", "invalid", e.to_string());
            None
        }
    };
    f.finish()?;
    let (Some(kind), Some(filename)) = (kind, filename) else {
        return Err(AppError::Internal("import form checked but absent".into()));
    };
    // CSV is UTF-8 text; XLSX a zip: checked on the first bytes.
    let declared = match import::source::format_of(&filename) {
        Some("xlsx") => MediaType::Xlsx,
        Some(_) => MediaType::PlainText,
        None => {
            return Err(AppError::field(
                "file",
                "import.format_unknown",
                "send the old system's export as .csv (UTF-8) or .xlsx",
            ));
        }
    };
    let save = |stream| {
        import::start(
            state,
            caller,
            kind,
            &filename,
            dry_run,
            form.mapping.clone(),
            stream,
        )
    };
    let result = match (file, raw) {
        (Some(mut part), _) => pipe(&mut part, IMPORT_LIMIT, declared, save).await,
        (None, Some(mut body)) => pipe(&mut body, IMPORT_LIMIT, declared, save).await,
        (None, None) => Err(AppError::Internal("no import body".into())),
    };
    drop(parts);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::stream;

    async fn run(
        chunks: Vec<&'static [u8]>,
        max: u64,
        declared: MediaType,
    ) -> (Result<(), Rejection>, Vec<u8>, bool) {
        let (tx, mut rx) = tokio::sync::mpsc::channel(64);
        let mut src = stream::iter(
            chunks
                .into_iter()
                .map(|c| Ok::<_, io::Error>(Bytes::from_static(c))),
        );
        let r = pump(&mut src, tx, max, declared).await;
        let mut out = Vec::new();
        let mut errored = false;
        while let Some(item) = rx.recv().await {
            match item {
                Ok(b) => out.extend_from_slice(&b),
                Err(_) => errored = true,
            }
        }
        (r, out, errored)
    }

    #[tokio::test]
    async fn a_matching_file_passes_through_whole() {
        let (r, out, errored) =
            run(vec![b"%PD", b"F-1.7 body", b" end"], 100, MediaType::Pdf).await;
        assert_eq!(r, Ok(()));
        assert_eq!(out, b"%PDF-1.7 body end");
        assert!(!errored);
    }

    #[tokio::test]
    async fn oversize_and_mistyped_files_are_stopped_with_an_error_downstream() {
        let (r, _, errored) = run(vec![b"%PDF-", b"0123456789"], 12, MediaType::Pdf).await;
        assert_eq!(r, Err(Rejection::TooLarge(12)));
        assert!(errored);
        let (r, out, errored) = run(vec![b"MZ\x90\0 not a pdf"], 100, MediaType::Pdf).await;
        assert_eq!(r, Err(Rejection::TypeMismatch(MediaType::Pdf)));
        assert!(
            out.is_empty(),
            "nothing of a refused file reaches the store"
        );
        assert!(errored);
        let (r, _, _) = run(vec![], 100, MediaType::PlainText).await;
        assert_eq!(r, Err(Rejection::Empty));
    }
}
