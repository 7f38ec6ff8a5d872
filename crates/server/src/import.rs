//! `tgpl import organisations|practitioners|cases FILE`: the old system's
//! export into TGPL from the command line, with a progress bar. Ctrl-C
//! stops after the batch being written; the same command resumes there.
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tgpl_app::App;
use tgpl_app::service::import::{self, Options, problem_line, report_header};
use tgpl_db::imports;
use tgpl_domain::import::{ImportKind, ImportRun, ImportStatus};

/// What the command prints at the end; exit status 1 when a row was refused.
pub struct Summary {
    pub run: ImportRun,
    pub interrupted: bool,
}

/// Runs (or resumes) the import of one file.
pub async fn run(
    app: &App,
    kind: ImportKind,
    file: &Path,
    dry_run: bool,
    mapping: Option<String>,
    report: Option<&Path>,
) -> Result<Summary, Box<dyn std::error::Error>> {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                stop.store(true, Ordering::SeqCst);
            }
        });
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} dòng ({per_sec}, còn {eta}) {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut on_batch = |r: &ImportRun| {
        bar.set_length(u64::try_from(r.total_rows.unwrap_or(0)).unwrap_or(0));
        bar.set_position(u64::try_from(r.processed_rows).unwrap_or(0));
        bar.set_message(format!(
            "thêm {} · cập nhật {} · giữ nguyên {} · lỗi {}",
            r.inserted, r.updated, r.unchanged, r.rejected
        ));
        !stop.load(Ordering::SeqCst)
    };
    let run = import::run_file(
        app,
        kind,
        file,
        dry_run,
        mapping,
        Options::default(),
        &mut on_batch,
    )
    .await?;
    bar.finish();
    if let Some(path) = report {
        write_report(app, &run, path).await?;
    }
    let interrupted = run.status == ImportStatus::Running;
    Ok(Summary { run, interrupted })
}

/// Writes the refused rows as CSV (row, field, value, code, reason).
async fn write_report(
    app: &App,
    run: &ImportRun,
    path: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    out.write_all(report_header().as_bytes())?;
    let mut after = None;
    loop {
        let page = imports::problems(app.db.read(), run.id, after, 1000).await?;
        let Some((last, _)) = page.last() else { break };
        after = Some(*last);
        for (_, p) in &page {
            out.write_all(problem_line(p).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(())
}
