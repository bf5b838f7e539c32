//! `guichet`: the one binary (OPS-1). Serve the console and the API, migrate
//! the database, run scheduled work, and operators' tasks.

mod config;

/// mimalloc instead of the system allocator: request handling allocates many
/// small, short-lived values, and measured with `scripts/bench` it serves
/// the API faster with a flatter memory profile (per-thread arenas are
/// smaller than glibc's, which kept the blocking pool's Argon2 buffers).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::{path::PathBuf, process::ExitCode, sync::Arc};

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use guichet_core::{Ctx, accounts, clock, db::Db, jobs, staff};

#[derive(Parser, Debug)]
#[command(
    name = "guichet",
    version,
    about = "Guichet: the customer manager of a hosting provider, in one binary.",
    long_about = "Guichet: the customer manager of a hosting provider, in one binary.\n\n\
        Configuration is read from guichet.toml (see guichet.example.toml), then from GUICHET_* \
        environment variables (nested keys with a double underscore, e.g. GUICHET_MAIL__SMTP__HOST), \
        then from the flags below, each overriding the one before."
)]
struct Cli {
    /// Configuration file. Missing is fine when it is the default one.
    #[arg(
        long,
        short = 'c',
        global = true,
        value_name = "FILE",
        env = "GUICHET_CONFIG",
        default_value = "guichet.toml"
    )]
    config: PathBuf,
    /// Database: postgres://user@host/db or sqlite://path (default: SQLite in the data folder). Env: GUICHET_DATABASE_URL.
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    /// Folder for the SQLite database and the file outbox (default ./guichet-data). Env: GUICHET_DATA_DIR.
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Log format: text or json. Env: GUICHET_LOG__FORMAT.
    #[arg(long, global = true, value_name = "FORMAT", value_parser = ["text", "json"])]
    log_format: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the console and the API (and run scheduled work unless jobs.enabled = false).
    Serve {
        /// Address to listen on (default 127.0.0.1:8080). Env: GUICHET_LISTEN.
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
    },
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Scheduled work (renewals, reminders, outbox delivery, …).
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
    /// Operators' tasks.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Print the configuration in effect (secrets redacted), then exit.
    ShowConfig,
    /// The ledger: check that the books hold.
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Invoices by hand, for operators.
    Invoices {
        #[command(subcommand)]
        command: InvoicesCommand,
    },
    /// Bank statements: import what the bank sent (BNK-2).
    Bank {
        #[command(subcommand)]
        command: BankCommand,
    },
    /// Run the sandbox payment gateway alone (a fake provider for tests and demos; no real money). Its key and webhook secret are [payments.sandbox]'s.
    SandboxGateway {
        /// Address to listen on.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8090")]
        listen: String,
        /// Where to post its signed notifications (Guichet's notification endpoint); without it they are only kept in memory.
        #[arg(long, value_name = "URL")]
        notify_url: Option<String>,
        /// Its base URL as browsers see it (default http://ADDR).
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        /// Seconds the "delayed" test card (4000000000000077) waits before its success is notified.
        #[arg(long, value_name = "SECONDS", default_value_t = 2)]
        delay: u64,
    },
}

#[derive(Subcommand, Debug)]
enum LedgerCommand {
    /// Check every invariant of the ledger and its documents; exit 1 naming what is wrong.
    Verify,
}

#[derive(Subcommand, Debug)]
enum BankCommand {
    /// Import camt.054 and camt.053 files (.001.04, .001.08): each credit is matched by its reference and booked once, whatever was imported before. A bad file is refused whole; the others are still imported. Exit 1 if any file was refused.
    Import {
        /// The files, in the order to import them.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<std::path::PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum InvoicesCommand {
    /// Issue an invoice for an organisation from a JSON file of lines; print it as JSON, as the API answers it.
    Issue {
        /// The organisation invoiced.
        #[arg(long, value_name = "ORG_ID")]
        org: String,
        /// `{"billing_address_id": "…" (optional), "lines": [{"description", "quantity", "unit_price", "vat_class", "period": {"from", "to"}}]}`.
        #[arg(long, value_name = "FILE.json")]
        lines: std::path::PathBuf,
    },
    /// Write an issued invoice's (or credit note's) PDF to a file.
    Pdf {
        /// An invoice id (`bill_…`) or credit note id (`crn_…`).
        #[arg(value_name = "INVOICE_ID")]
        id: String,
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum JobsCommand {
    /// Run every sweep once and print what each did.
    Run {
        /// Run as of this business date (YYYY-MM-DD, at noon in the provider's time zone) instead of now.
        #[arg(long, value_name = "YYYY-MM-DD")]
        at: Option<jiff::civil::Date>,
    },
    /// List the sweeps and how often `serve` runs them.
    List,
}

#[derive(Subcommand, Debug)]
enum AdminCommand {
    /// Make a staff account (roles apart from customer roles) and print a one-time link to set its password.
    CreateStaff {
        /// The staff member's address (their login).
        #[arg(long)]
        email: String,
        /// Staff roles: support, billing, fraud, admin (repeat or separate with commas).
        #[arg(long, value_delimiter = ',', required = true)]
        role: Vec<String>,
    },
    /// Make a staff API token (`gcs_…`) for a staff member and print it once.
    CreateStaffToken {
        /// The staff member's address.
        #[arg(long)]
        email: String,
        /// A name to recognise the token by.
        #[arg(long)]
        name: String,
        /// Days of validity, 1 to 90.
        #[arg(long, default_value_t = 30)]
        days: i64,
    },
    /// Import a customer account; the password is read from standard input (one line).
    CreateUser {
        /// The customer's login address.
        #[arg(long)]
        email: String,
        /// Read the password from standard input (required: never pass passwords as arguments).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// Mark the address as verified (otherwise a verification link is mailed).
        #[arg(long)]
        verified: bool,
    },
    /// Queue a test mail and deliver it now, to check the mail settings.
    SendTestMail {
        /// Recipient address.
        #[arg(long)]
        to: String,
        /// Language of the mail: en, fr, de or it.
        #[arg(long, default_value = "en")]
        lang: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let cfg = match config::load(
        &cli.config,
        &config::Overrides {
            database_url: cli.database_url.clone(),
            data_dir: cli.data_dir.clone(),
            log_format: cli.log_format.clone(),
            listen: match &cli.command {
                Command::Serve { listen } => listen.clone(),
                _ => None,
            },
        },
    ) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("guichet: configuration error: {e:#}");
            return ExitCode::from(2);
        }
    };
    config::init_tracing(&cfg);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("guichet: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, cfg)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("guichet: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, cfg: guichet_core::config::Config) -> anyhow::Result<()> {
    match command {
        Command::ShowConfig => {
            println!("{cfg:#?}");
            // BIL-2: which font the invoices are drawn with (the system's
            // Liberation Sans, a configured folder, or a fallback).
            match guichet_core::billing::pdf::Fonts::load(cfg.billing.fonts_dir.as_deref()) {
                Ok(fonts) => println!("invoice font: {}", fonts.describe()),
                Err(e) => println!("invoice font: none usable ({e})"),
            }
            Ok(())
        }
        Command::Migrate => {
            let db = connect(&cfg).await?;
            db.migrate().await.context("migration failed")?;
            println!("database is up to date");
            Ok(())
        }
        Command::Serve { .. } => serve(cfg).await,
        Command::SandboxGateway {
            listen,
            notify_url,
            public_url,
            delay,
        } => serve_sandbox_gateway(&cfg, &listen, notify_url, public_url, delay).await,
        Command::Jobs {
            command: JobsCommand::List,
        } => {
            for s in jobs::all() {
                println!("{:<24} every {} s", s.name, s.every.as_secs());
            }
            Ok(())
        }
        Command::Jobs {
            command: JobsCommand::Run { at },
        } => {
            let tz = cfg.timezone_parsed().map_err(anyhow::Error::msg)?;
            let clock: Arc<dyn clock::Clock> = match at {
                Some(date) => {
                    let noon = date
                        .at(12, 0, 0, 0)
                        .to_zoned(tz)
                        .context("--at")?
                        .timestamp();
                    Arc::new(clock::FixedClock::new(noon))
                }
                None => Arc::new(clock::SystemClock),
            };
            let ctx = context(cfg, clock).await?;
            let holder = jobs::new_holder_id(ctx.clock.now());
            let mut failed = false;
            for (name, outcome) in jobs::run_all_once(&ctx, &holder).await {
                match outcome {
                    jobs::SweepOutcome::Ran(r) => {
                        println!("{name:<24} ok       done {} failed {}", r.done, r.failed)
                    }
                    jobs::SweepOutcome::Skipped => {
                        println!("{name:<24} skipped  (another instance holds it)")
                    }
                    jobs::SweepOutcome::Failed(e) => {
                        failed = true;
                        println!("{name:<24} error    {e}");
                    }
                }
            }
            if failed {
                anyhow::bail!("some sweeps failed")
            } else {
                Ok(())
            }
        }
        Command::Ledger {
            command: LedgerCommand::Verify,
        } => {
            let ctx = context(cfg, Arc::new(clock::SystemClock)).await?;
            let mut c = ctx.db.acquire().await?;
            let found = guichet_core::billing::verify::violations(c.conn())
                .await
                .map_err(describe)?;
            if found.is_empty() {
                println!("the ledger holds: every invariant checked");
                Ok(())
            } else {
                for f in &found {
                    println!("BROKEN {f}");
                }
                anyhow::bail!("{} invariant(s) broken", found.len())
            }
        }
        Command::Invoices {
            command: InvoicesCommand::Issue { org, lines },
        } => {
            let text = std::fs::read_to_string(&lines)
                .with_context(|| format!("reading {}", lines.display()))?;
            let input: guichet_core::billing::InvoiceInput = serde_json::from_str(&text)
                .with_context(|| format!("{} is not an invoice's lines", lines.display()))?;
            let org = guichet_core::ids::OrgId::parse(&org)
                .with_context(|| format!("`{org}` is not an organisation's id (org_…)"))?;
            let ctx = context(cfg, Arc::new(clock::SystemClock)).await?;
            let invoice = guichet_core::billing::invoices::create_and_issue(
                &ctx,
                guichet_core::billing::Issuer::Operator,
                &org,
                &input,
            )
            .await
            .map_err(describe)?;
            println!("{}", serde_json::to_string_pretty(&invoice)?);
            Ok(())
        }
        Command::Invoices {
            command: InvoicesCommand::Pdf { id, out },
        } => {
            let ctx = context(cfg, Arc::new(clock::SystemClock)).await?;
            let by = guichet_core::billing::Issuer::Operator;
            let (number, pdf) = if let Some(id) = guichet_core::ids::CreditNoteId::parse(&id) {
                guichet_core::billing::credit_notes::staff_credit_note_pdf(&ctx, by, &id).await
            } else if let Some(id) = guichet_core::ids::InvoiceId::parse(&id) {
                guichet_core::billing::invoices::staff_invoice_pdf(&ctx, by, &id).await
            } else {
                anyhow::bail!(
                    "`{id}` is neither an invoice's id (bill_…) nor a credit note's (crn_…)"
                )
            }
            .map_err(describe)?;
            std::fs::write(&out, &pdf).with_context(|| format!("writing {}", out.display()))?;
            println!("{number}: {} bytes written to {}", pdf.len(), out.display());
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::CreateStaff { email, role },
        } => {
            let roles = role
                .iter()
                .map(|r| {
                    staff::StaffRole::parse(r.trim()).with_context(|| {
                        format!("unknown staff role `{r}` (support, billing, fraud, admin)")
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let ctx = context(cfg, Arc::new(clock::SystemClock)).await?;
            let setup = staff::create_staff(&ctx, &email, &roles)
                .await
                .map_err(describe)?;
            match setup.setup_link {
                Some(link) => println!(
                    "staff account {} created; send this one-time link to set its password (valid {} h):\n{link}",
                    setup.user_id, ctx.config.accounts.staff_setup_link_hours
                ),
                None => println!(
                    "{} already had an account ({}); roles granted, password unchanged",
                    email, setup.user_id
                ),
            }
            Ok(())
        }
        Command::Bank {
            command: BankCommand::Import { files },
        } => {
            let ctx = context(cfg, Arc::new(clock::SystemClock)).await?;
            import_statements(&ctx, &files).await
        }
        Command::Admin {
            command: AdminCommand::CreateStaffToken { email, name, days },
        } => {
            let ctx = context(cfg, Arc::new(clock::SystemClock)).await?;
            let made = staff::create_token_for(&ctx, &email, &name, days)
                .await
                .map_err(describe)?;
            println!(
                "staff token {} for {email}, valid {days} days; shown this once:\n{}",
                made.view.id, made.token
            );
            Ok(())
        }
        Command::Admin {
            command:
                AdminCommand::CreateUser {
                    email,
                    password_stdin: _,
                    verified,
                },
        } => {
            let mut password = String::new();
            std::io::stdin()
                .read_line(&mut password)
                .context("reading the password from standard input")?;
            let password = password.trim_end_matches(['\n', '\r']);
            let ctx = context(cfg, Arc::new(clock::SystemClock)).await?;
            let id = accounts::create_user(&ctx, &email, password, verified)
                .await
                .map_err(describe)?;
            println!(
                "user {id} created{}",
                if verified {
                    ""
                } else {
                    "; a verification link was mailed"
                }
            );
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::SendTestMail { to, lang },
        } => {
            let lang = guichet_core::i18n::Lang::parse(&lang)
                .context("--lang must be en, fr, de or it")?;
            let ctx = context(cfg, Arc::new(clock::SystemClock)).await?;
            let mut tx = ctx.db.begin().await?;
            let id = guichet_core::outbox::enqueue_mail(
                tx.conn(),
                &ctx,
                guichet_core::outbox::MailRequest {
                    to: &to,
                    lang,
                    template: "test",
                    args: vec![],
                },
            )
            .await?;
            tx.commit().await?;
            let report = guichet_core::outbox::deliver::deliver_due(&ctx).await?;
            println!(
                "queued {id}; delivered {}, failed {}",
                report.done, report.failed
            );
            if report.failed > 0 {
                anyhow::bail!("delivery failed; see the log above")
            } else {
                Ok(())
            }
        }
    }
}

/// `guichet bank import`: each file in its own transaction, a progress bar
/// on a terminal (indicatif hides it otherwise), a summary per file and for
/// all of them.
async fn import_statements(
    ctx: &guichet_core::Ctx,
    files: &[std::path::PathBuf],
) -> anyhow::Result<()> {
    use guichet_core::bank::{self, ImportSummary, Importer};
    let mut total = ImportSummary::default();
    let mut refused = 0;
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                refused += 1;
                continue;
            }
        };
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let bar = indicatif::ProgressBar::new(size);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_message(name.clone());
        let input = std::io::BufReader::with_capacity(256 * 1024, file);
        let done = bank::import(ctx, Importer::Operator, &name, input, &mut |bytes| {
            bar.set_position(bytes)
        })
        .await;
        bar.finish_and_clear();
        match done {
            Ok(s) => {
                println!(
                    "{name} ({}): {} read, {} booked, {} matched, {} parked ({} in suspense), {} reversed, {} skipped as already booked, {} not credits",
                    s.message,
                    s.entries_read,
                    s.booked,
                    s.matched,
                    s.parked,
                    s.suspense,
                    s.reversed,
                    s.already_booked,
                    s.not_credits
                );
                total.entries_read += s.entries_read;
                total.booked += s.booked;
                total.matched += s.matched;
                total.parked += s.parked;
                total.suspense += s.suspense;
                total.reversed += s.reversed;
                total.already_booked += s.already_booked;
            }
            Err(e) => {
                eprintln!("{}", describe(e));
                refused += 1;
            }
        }
    }
    if files.len() > 1 {
        println!(
            "all {} files: {} read, {} booked, {} matched, {} parked ({} in suspense), {} reversed, {} skipped as already booked; {refused} refused",
            files.len(),
            total.entries_read,
            total.booked,
            total.matched,
            total.parked,
            total.suspense,
            total.reversed,
            total.already_booked
        );
    }
    if refused > 0 {
        anyhow::bail!("{refused} file(s) refused: nothing of them was booked")
    }
    Ok(())
}

/// A service error as an operator reads it: validation errors list fields.
fn describe(e: guichet_core::Error) -> anyhow::Error {
    match e {
        guichet_core::Error::Validation(fields) => {
            anyhow::anyhow!(
                fields
                    .iter()
                    .map(|f| format!("{}: {}", f.attribute, f.description))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        }
        other => anyhow::anyhow!("{}", other.public_description()),
    }
}

/// Connect, saying clearly which database could not be reached (without
/// its password).
async fn connect(cfg: &guichet_core::config::Config) -> anyhow::Result<Db> {
    let url = cfg.effective_database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&cfg.data_dir)
            .with_context(|| format!("cannot create the data folder {}", cfg.data_dir.display()))?;
    }
    Db::connect(&url, &cfg.pool_settings())
        .await
        .with_context(|| {
            format!(
                "cannot reach the database at {}",
                config::describe_url(&url)
            )
        })
}

async fn context(
    cfg: guichet_core::config::Config,
    clock: Arc<dyn clock::Clock>,
) -> anyhow::Result<Ctx> {
    let db = connect(&cfg).await?;
    db.migrate().await.context("migration failed")?;
    let ctx = Ctx::new(cfg, db, clock).map_err(anyhow::Error::msg)?;
    // The newest catalogue staff published overrides the file (CAT-1); one
    // this binary cannot read is logged and the file's is sold instead
    // (`catalog::versions`).
    guichet_core::catalog::versions::load_newest(&ctx)
        .await
        .context("cannot read the published catalogue versions")?;
    Ok(ctx)
}

async fn serve(cfg: guichet_core::config::Config) -> anyhow::Result<()> {
    let listen = cfg.listen.clone();
    let jobs_enabled = cfg.jobs.enabled;
    let ctx = context(cfg, Arc::new(clock::SystemClock)).await?;
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, database = ?ctx.db.engine(), "guichet is serving");
    println!("Guichet is serving on http://{addr}");
    if ctx.config.payments.gateway == "sandbox" {
        // Test cards pay for real orders here: fine for a demo, never for
        // a provider taking money (docs/payments.md, Gateways).
        tracing::warn!(
            "payments go through the sandbox gateway (test cards, no real money); set [payments] gateway for production"
        );
    }

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let scheduler = jobs_enabled.then(|| {
        let ctx = ctx.clone();
        let mut rx = stop_rx.clone();
        tokio::spawn(jobs::run_scheduler(ctx, jobs::all(), async move {
            let _ = rx.wait_for(|stop| *stop).await;
        }))
    });
    // Mail and events go out right after their commit; the sweep above is
    // the fallback (ADR 0009).
    let deliverer = (jobs_enabled && ctx.config.outbox.deliver_at_once).then(|| {
        let ctx = ctx.clone();
        let mut rx = stop_rx.clone();
        tokio::spawn(guichet_core::outbox::run_deliverer(ctx, async move {
            let _ = rx.wait_for(|stop| *stop).await;
        }))
    });
    // Histogram samples wait in buckets until drained: drain them now and
    // then, so memory stays flat even when nobody scrapes /metrics.
    let metrics = guichet_web::ops::prometheus();
    let upkeep = tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            every.tick().await;
            metrics.run_upkeep();
        }
    });
    let http = &ctx.config.http;
    let timeouts = guichet_web::server::Timeouts {
        header_read: std::time::Duration::from_secs(http.header_read_timeout_secs),
        idle: std::time::Duration::from_secs(http.idle_timeout_secs),
    };
    let app = guichet_web::router(guichet_web::AppState::new(ctx.clone()));
    guichet_web::server::serve(listener, app, timeouts, shutdown_signal()).await;
    upkeep.abort();
    let _ = stop_tx.send(true);
    for handle in [scheduler, deliverer].into_iter().flatten() {
        let _ = handle.await;
    }
    ctx.db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// BIL-3: the sandbox gateway on its own port, as a remote provider.
async fn serve_sandbox_gateway(
    cfg: &guichet_core::config::Config,
    listen: &str,
    notify_url: Option<String>,
    public_url: Option<String>,
    delay: u64,
) -> anyhow::Result<()> {
    use secrecy::ExposeSecret as _;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr()?;
    let settings = &cfg.payments.sandbox;
    let (router, _) = sandbox_gateway::router(sandbox_gateway::Config {
        api_key: settings.api_key.expose_secret().to_owned(),
        webhook_secret: settings.webhook_secret.expose_secret().to_owned(),
        notify_url,
        public_url: public_url.unwrap_or_else(|| format!("http://{addr}")),
        delay: std::time::Duration::from_secs(delay),
    });
    println!("The sandbox payment gateway is serving on http://{addr} (no real money)");
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
