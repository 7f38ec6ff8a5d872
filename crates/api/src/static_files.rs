//! The web app's files (issue #13 item 8). The build names each asset by
//! its content (`tgpl_web_bg.<hash>.wasm`) and writes Brotli and gzip
//! copies beside it, so the server sends the smallest copy the browser
//! accepts without compressing on every request, and lets browsers keep a
//! hashed file for a year: a new build has new names. The pages themselves
//! (`index.html`, `desk.html`, `admin.html`, `public.html`) are `no-cache`: they name the
//! current assets, so the browser checks them every time (an ETag makes
//! that a 304).
use actix_files::NamedFile;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use std::path::{Path, PathBuf};

/// A year: a hashed file never changes under its name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Pages and unhashed files: kept, but checked before each use.
const REVALIDATE: &str = "no-cache";

/// A file name the build writes: one segment, no path, no hidden file.
fn is_asset_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Whether the name carries a content hash (`name.<8+ hex>.ext`).
pub fn is_hashed(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    let _ext = parts.next();
    parts
        .next()
        .is_some_and(|h| h.len() >= 8 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether the `Accept-Encoding` value accepts `token` (not with `q=0`).
fn accepts(header: &str, token: &str) -> bool {
    header.split(',').any(|part| {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim();
        let refused = it.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        name.eq_ignore_ascii_case(token) && !refused
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The file `req` names in `dir`, if it is one of the app's files; `None`
/// sends the request on to the client routes.
pub async fn serve(req: &HttpRequest, dir: &Path) -> Option<actix_web::Result<HttpResponse>> {
    let name = match req.path().trim_start_matches('/') {
        "" => "index.html",
        n => n,
    };
    if !is_asset_name(name) {
        return None;
    }
    let file = dir.join(name);
    if !file.is_file() {
        return None;
    }
    let offered = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // Compressed copies are written for what compresses (wasm, js, css, html).
    let variant = [
        ("br", ".br", ContentEncoding::Brotli),
        ("gzip", ".gz", ContentEncoding::Gzip),
    ]
    .into_iter()
    .map(|(token, suffix, enc)| (token, with_suffix(&file, suffix), enc))
    .find(|(token, path, _)| accepts(offered, token) && path.is_file());
    let ext = name.rsplit('.').next().unwrap_or("");
    let opened = match &variant {
        Some((_, path, enc)) => NamedFile::open_async(path)
            .await
            .map(|f| f.set_content_encoding(*enc)),
        None => NamedFile::open_async(&file).await,
    };
    Some(opened.map_err(Into::into).map(|f| {
        // Named after the compressed copy, the file would otherwise be
        // offered as a download (`attachment`): it is the page's own asset.
        let inline = header::ContentDisposition {
            disposition: header::DispositionType::Inline,
            parameters: Vec::new(),
        };
        let mut res = f
            .set_content_type(actix_files::file_extension_to_mime(ext))
            .set_content_disposition(inline)
            .into_response(req);
        let headers = res.headers_mut();
        let policy = if is_hashed(name) {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        res
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_and_accepted_encodings() {
        assert!(is_hashed("tgpl_web_bg.3f9a1c2be0d4.wasm"));
        assert!(!is_hashed("style.css"));
        assert!(!is_hashed("index.html"));
        assert!(is_asset_name("boot.0a1b2c3d.js"));
        assert!(!is_asset_name("../etc/passwd"));
        assert!(!is_asset_name(".env"));
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(accepts("gzip;q=0.5", "gzip"));
        assert!(!accepts("identity", "gzip"));
    }
}
