//! `tgpl`: the TGPL server and its administration commands.
#![deny(clippy::unwrap_used, clippy::panic)]
// A command-line program: printing to stdout is its job.
#![allow(clippy::print_stdout)]

use clap::{Parser, Subcommand};
use std::net::TcpListener;
use tgpl_server::config::Settings;
use tgpl_server::{build_server, build_state, maintenance, seed};

#[derive(Parser)]
#[command(
    name = "tgpl",
    version,
    about = "TGPL — Hệ thống quản lý trợ giúp pháp lý"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the API and the web app (migrates first).
    Serve {
        /// HTTP worker threads (default: one per core).
        #[arg(long)]
        workers: Option<usize>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo data set into an empty database.
    SeedDemo {
        /// Also add this many practitioners spread over all centres (benchmarks).
        #[arg(long, default_value_t = 0)]
        extra_practitioners: usize,
    },
    /// Add N synthetic cases spread over the country (load tests, benchmarks).
    SeedSynthetic {
        #[arg(long)]
        cases: usize,
        /// Seed of the generator: the same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Create a national administrator account.
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long)]
        full_name: String,
        /// Read from TGPL_ADMIN_PASSWORD if not given.
        #[arg(long, env = "TGPL_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Print the OpenAPI document (as served at /api/openapi.json).
    Openapi,
    /// Write a consistent backup of the embedded installation (SQLite
    /// databases, documents, signing key, manifest of SHA-256 sums) into a
    /// new directory, while the server runs. PostgreSQL and S3: deploy/BACKUP.md.
    Backup {
        /// A new or empty directory.
        dir: std::path::PathBuf,
    },
    /// Restore a backup into the configured data directory, which must be
    /// empty: every checksum is verified first.
    Restore {
        dir: std::path::PathBuf,
        /// Only verify the backup's checksums; write nothing.
        #[arg(long)]
        verify_only: bool,
    },
    /// Import the old system's export (CSV or XLSX): organisations first,
    /// then practitioners, then cases. Rerunning updates what changed;
    /// an interrupted run (Ctrl-C) resumes with the same command.
    /// Exit status 1 if any row was refused. See docs/import/README.md.
    Import {
        /// organisations, practitioners or cases
        kind: String,
        file: std::path::PathBuf,
        /// Check every row and report the bad ones; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// A column mapping (TOML) other than docs/import/mapping.toml.
        #[arg(long)]
        mapping: Option<std::path::PathBuf>,
        /// Write the refused rows (row, column, field, value, code, reason) to this CSV file.
        #[arg(long)]
        report: Option<std::path::PathBuf>,
    },
    /// Maintenance of the document store.
    Storage {
        #[command(subcommand)]
        action: StorageCommand,
    },
}

#[derive(Subcommand)]
enum StorageCommand {
    /// Remove objects no document row names (older than the grace period)
    /// and report rows whose objects are missing. Exit status 1 if any are.
    Sweep {
        /// Leave objects younger than this alone: their upload may be in flight.
        #[arg(long, default_value_t = 60)]
        grace_minutes: i64,
        /// Report only; remove nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Re-hash every stored document and report corrupted or missing ones.
    /// Exit status 1 if any are.
    Verify,
}

fn init_tracing(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("TGPL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// A serving process allocates and frees many small buffers per request
/// (rows, JSON); mimalloc does so with less CPU than glibc's malloc under
/// several worker threads (BENCHMARKS.md, issue #3).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        print!("{}", tgpl_api::openapi::spec_json());
        return std::process::ExitCode::SUCCESS;
    }
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tgpl: configuration error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    init_tracing(&settings.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tgpl: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, settings)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("tgpl: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// This machine's name, to tell job workers apart in the jobs table.
fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "tgpl".into())
}

async fn run(command: Command, settings: Settings) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        Command::Serve { workers } => {
            let state = build_state(&settings).await?;
            if settings.seed_demo && state.db.is_empty().await? {
                let hash = tgpl_app::auth::password::hash(seed::DEMO_PASSWORD.to_owned()).await?;
                seed::seed_demo(&state.db, &hash).await?;
                tracing::info!("seeded the demo data set (accounts in README.md)");
            }
            // Parties recorded before the person registry existed are linked
            // in the background; new ones are linked as they are written.
            let app = state.app.clone();
            tokio::spawn(async move {
                match tgpl_app::service::persons::link_unlinked(&app).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(parties = n, "parties linked to the person registry"),
                    Err(e) => {
                        tracing::warn!(error = %e, "linking parties to the person registry failed")
                    }
                }
            });
            let listener = TcpListener::bind(&settings.listen)?;
            let workers = workers
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
            tracing::info!(listen = %settings.listen, data_dir = %settings.data_dir.display(), "TGPL serving on http://{}", settings.listen);
            let api = build_server(state.clone(), listener, workers)?;
            if settings.jobs {
                // Background jobs run beside the API in every replica; leases
                // keep them from running a job twice (DESIGN: Events and jobs).
                let worker = format!("{}:{}", hostname(), std::process::id());
                let runner = tgpl_app::jobs::Runner::new(state.app.clone(), worker);
                let every = std::time::Duration::from_millis(settings.jobs_poll_ms);
                tokio::spawn(runner.run(every));
            }
            match &settings.metrics_listen {
                Some(addr) => {
                    // Prometheus scrapes a port of its own, never the public one.
                    let metrics =
                        tgpl_server::build_metrics_server(state, TcpListener::bind(addr)?)?;
                    tracing::info!(metrics = %addr, "metrics on http://{addr}/metrics");
                    let (a, m) = tokio::join!(api, metrics);
                    a?;
                    m?;
                }
                None => api.await?,
            }
        }
        Command::Migrate => {
            build_state(&settings).await?;
            tracing::info!("migrations applied");
        }
        Command::SeedDemo {
            extra_practitioners,
        } => {
            let state = build_state(&settings).await?;
            if state.db.is_empty().await? {
                let hash = tgpl_app::auth::password::hash(seed::DEMO_PASSWORD.to_owned()).await?;
                seed::seed_demo(&state.db, &hash).await?;
                tracing::info!("seeded the demo data set");
            } else {
                tracing::info!("the database already holds data: demo hierarchy not re-seeded");
            }
            if extra_practitioners > 0 {
                seed::seed_practitioners(&state.db, extra_practitioners).await?;
                tracing::info!(extra_practitioners, "added practitioners");
            }
        }
        Command::SeedSynthetic { cases, seed } => {
            let state = build_state(&settings).await?;
            if state.db.is_empty().await? {
                let hash = tgpl_app::auth::password::hash(seed::DEMO_PASSWORD.to_owned()).await?;
                seed::seed_demo(&state.db, &hash).await?;
            }
            let started = std::time::Instant::now();
            let n =
                tgpl_server::synthetic::seed_cases(&state.db, cases, seed, state.moment()).await?;
            tracing::info!(
                cases = n,
                seconds = started.elapsed().as_secs_f64(),
                "synthetic cases added"
            );
        }
        Command::CreateAdmin {
            username,
            full_name,
            password,
        } => {
            let state = build_state(&settings).await?;
            let id = seed::create_admin(&state.db, &username, &full_name, password).await?;
            tracing::info!(%id, username, "national administrator created");
        }
        Command::Openapi => {}
        Command::Storage { action } => return storage(action, &settings).await,
        Command::Import {
            kind,
            file,
            dry_run,
            mapping,
            report,
        } => {
            let kind = tgpl_domain::import::ImportKind::parse(&kind)?;
            let mapping = mapping.map(std::fs::read_to_string).transpose()?;
            let state = build_state(&settings).await?;
            let s = tgpl_server::import::run(
                &state.app,
                kind,
                &file,
                dry_run,
                mapping,
                report.as_deref(),
            )
            .await?;
            let r = &s.run;
            let verb = if dry_run { "would be " } else { "" };
            println!(
                "{} rows of {}: {} {verb}added, {} {verb}updated, {} unchanged, {} refused",
                r.processed_rows,
                file.display(),
                r.inserted,
                r.updated,
                r.unchanged,
                r.rejected
            );
            if let Some(e) = &r.error {
                return Err(format!("the import stopped: {e}").into());
            }
            if s.interrupted {
                println!(
                    "interrupted: run the same command again to resume after row {}",
                    r.processed_rows + 1
                );
            }
            if r.rejected > 0 {
                match &report {
                    Some(p) => println!("refused rows: {}", p.display()),
                    None => println!("refused rows: rerun with --report FILE.csv to list them"),
                }
                return Err(format!("{} row(s) refused", r.rejected).into());
            }
        }
        Command::Backup { dir } => {
            let state = build_state(&settings).await?;
            let r = tgpl_server::backup::backup(
                &state.db,
                state.store.as_ref(),
                &settings.jwt_key_file,
                &dir,
                state.moment().now,
            )
            .await?;
            println!(
                "backup written to {}: {} file(s), {} document object(s), {} bytes; manifest {}",
                dir.display(),
                r.manifest.files.len(),
                r.manifest.objects.len(),
                r.bytes,
                dir.join(tgpl_server::backup::MANIFEST).display()
            );
        }
        Command::Restore { dir, verify_only } => {
            if verify_only {
                let m = tgpl_server::backup::verify(&dir).await?;
                println!(
                    "backup of {} verified: {} file(s) and {} object(s) match their SHA-256",
                    m.created_at,
                    m.files.len(),
                    m.objects.len()
                );
                return Ok(());
            }
            let embedded = format!("sqlite://{}/tgpl.db?mode=rwc", settings.data_dir.display());
            let objects = match &settings.storage {
                tgpl_server::config::Storage::Local { root } => Some(root.clone()),
                tgpl_server::config::Storage::S3(_) => None,
            };
            let (true, Some(objects)) = (settings.database_url == embedded, objects) else {
                return Err(
                    "restore fills an embedded installation (SQLite in the data directory, \
                    local documents); for PostgreSQL and S3 see deploy/BACKUP.md"
                        .into(),
                );
            };
            let r = tgpl_server::backup::restore(&dir, &settings.data_dir, &objects).await?;
            println!(
                "restored into {}: {} file(s), {} document object(s), every checksum verified; integrity check: {}",
                settings.data_dir.display(),
                r.files,
                r.objects,
                r.integrity
            );
        }
    }
    Ok(())
}

async fn storage(
    action: StorageCommand,
    settings: &Settings,
) -> Result<(), Box<dyn std::error::Error>> {
    let state = build_state(settings).await?;
    let store = state.store.as_ref();
    let problems = match action {
        StorageCommand::Sweep {
            grace_minutes,
            dry_run,
        } => {
            let grace = chrono::Duration::minutes(grace_minutes.max(0));
            let r = maintenance::sweep(&state.db, store, grace, dry_run).await?;
            let verb = if dry_run { "would remove" } else { "removed" };
            println!(
                "objects in the {} store: {}",
                store.backend(),
                r.objects_seen
            );
            println!("orphan objects {verb}: {}", r.orphans.len());
            for key in &r.orphans {
                println!("  orphan {key}");
            }
            println!(
                "recent unrecorded objects kept (upload may be in flight): {}",
                r.young_orphans
            );
            println!(
                "interrupted-upload temp files removed: {}",
                r.temp_files_removed
            );
            println!("document rows whose object is MISSING: {}", r.missing.len());
            for m in &r.missing {
                println!(
                    "  missing document {} of case {} (object {})",
                    m.document_id, m.case_id, m.key
                );
            }
            r.missing.len()
        }
        StorageCommand::Verify => {
            let r = maintenance::verify(&state.db, store).await?;
            println!(
                "documents checked: {} ({} bytes intact)",
                r.checked, r.bytes
            );
            println!("CORRUPTED: {}", r.corrupted.len());
            for id in &r.corrupted {
                println!("  corrupted document {id}");
            }
            println!("MISSING: {}", r.missing.len());
            for id in &r.missing {
                println!("  missing document {id}");
            }
            r.corrupted.len() + r.missing.len()
        }
    };
    if problems > 0 {
        return Err(format!("{problems} document(s) need attention").into());
    }
    Ok(())
}
