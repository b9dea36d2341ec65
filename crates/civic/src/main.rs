//! The `civic` command: serve the site, migrate the database, load demo data, and
//! administer bodies and staff. A thin shell over the library crates.

use civic_domain::{BodyInput, Role, StaffInput};
use civic_storage::Store;
use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;
use std::sync::Arc;

mod demo;
mod import;
mod verify;

/// Civic: an open platform for public services.
#[derive(Parser)]
#[command(name = "civic", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DatabaseArg {
    /// Database URL: sqlite://PATH (created if missing) or postgres://USER@HOST:PORT/NAME.
    #[arg(long, env = "CIVIC_DATABASE_URL", default_value = "sqlite://civic.db")]
    database: String,
}

#[derive(Args, Clone)]
struct ServeArgs {
    #[command(flatten)]
    db: DatabaseArg,
    /// Address to listen on.
    #[arg(long, env = "CIVIC_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// The public https:// address when behind a TLS proxy: turns on Secure cookies and HSTS,
    /// and starts the links in emails.
    #[arg(long, env = "CIVIC_PUBLIC_URL")]
    public_url: Option<String>,
    /// SMTP server for email: smtp://HOST:PORT (STARTTLS when offered) or smtps://HOST:PORT,
    /// with user:password@ if needed. Without it, email is written to the log.
    #[arg(long, env = "CIVIC_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The From address of Civic's email.
    #[arg(
        long,
        env = "CIVIC_MAIL_FROM",
        default_value = "Civic <civic@localhost>"
    )]
    mail_from: String,
    /// Problem reports and Open311 submissions allowed per client per minute.
    #[arg(long, env = "CIVIC_SUBMISSIONS_PER_MINUTE", default_value_t = 30)]
    submissions_per_minute: u32,
    /// Password checks allowed per client address per minute (ten times as many per hour).
    #[arg(long, env = "CIVIC_PASSWORD_ATTEMPTS_PER_MINUTE", default_value_t = 10)]
    password_attempts_per_minute: u32,
    /// Wrong passwords one account may be sent per quarter hour before it refuses checks.
    #[arg(
        long,
        env = "CIVIC_PASSWORD_FAILURES_PER_ACCOUNT",
        default_value_t = 50
    )]
    password_failures_per_account: u32,
    /// Take the client address from X-Forwarded-For's last entry (only behind a proxy).
    #[arg(long, env = "CIVIC_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
    /// Connections served at once; more are closed on arrival.
    #[arg(long, env = "CIVIC_MAX_CONNECTIONS", default_value_t = 1024)]
    max_connections: usize,
    /// Let feed addresses staff give lead to private and loopback addresses (your own
    /// network); refused otherwise.
    #[arg(long, env = "CIVIC_ALLOW_PRIVATE_ADDRESSES")]
    allow_private_addresses: bool,
    /// Connections one client address may hold at once (ignored with --trust-forwarded-for).
    #[arg(long, env = "CIVIC_MAX_CONNECTIONS_PER_CLIENT", default_value_t = 64)]
    max_connections_per_client: usize,
    /// Megabytes of memory for pages shown to everyone (0 turns the page cache off).
    #[arg(long, env = "CIVIC_PAGE_CACHE_MB", default_value_t = 64)]
    page_cache_mb: usize,
    /// Seconds a client may take to send a request's headers (and an idle connection lives).
    #[arg(long, env = "CIVIC_HEADER_TIMEOUT", default_value_t = 10)]
    header_timeout: u64,
    /// Seconds a client may take to send a request's body.
    #[arg(long, env = "CIVIC_BODY_TIMEOUT", default_value_t = 60)]
    body_timeout: u64,
    /// A token that /metrics then requires as `Authorization: Bearer TOKEN`.
    #[arg(long, env = "CIVIC_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// Minutes a staff session may go unused before it ends (sessions last a working day at most).
    #[arg(long, env = "CIVIC_SESSION_IDLE_MINUTES", default_value_t = 30)]
    session_idle_minutes: u64,
    /// Who runs this deployment, named by the privacy notice and accessibility statement.
    #[arg(
        long,
        env = "CIVIC_OPERATOR",
        default_value = "the operator of this Civic deployment"
    )]
    operator: String,
    /// The same in Welsh, for Welsh pages and emails.
    #[arg(
        long,
        env = "CIVIC_OPERATOR_CY",
        default_value = "gweithredwr y gosodiad Civic hwn"
    )]
    operator_cy: String,
    /// Where people write about their data or the site's accessibility.
    #[arg(long, env = "CIVIC_CONTACT_EMAIL", default_value = "civic@localhost")]
    contact_email: String,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site.
    Serve(ServeArgs),
    /// Create or update the database schema, then exit.
    Migrate(DatabaseArg),
    /// Load demo data if the database has none, then serve (unless --no-serve).
    Demo {
        #[command(flatten)]
        serve: ServeArgs,
        /// How many bodies to generate (the three named demo councils come first).
        #[arg(long, default_value_t = 3)]
        bodies: usize,
        /// How many services each body gets.
        #[arg(long, default_value_t = 30)]
        services_per_body: usize,
        /// Load the data and exit without serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Manage public bodies.
    Body {
        #[command(subcommand)]
        command: BodyCommand,
    },
    /// Manage staff accounts.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Manage API keys (Open311 clients, partners, a body's own systems).
    Apikey {
        #[command(subcommand)]
        command: ApikeyCommand,
    },
    /// Manage partners: the organisations bodies issue API keys to.
    Partner {
        #[command(subcommand)]
        command: PartnerCommand,
    },
    /// Manage data sets of transaction events from services that run outside Civic.
    Dataset {
        #[command(subcommand)]
        command: DatasetCommand,
    },
    /// Publish open data in a body's catalogue.
    Catalogue {
        #[command(subcommand)]
        command: CatalogueCommand,
    },
    /// Import data.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Check a register: every entry, the root against the signed tree head, and
    /// consistency with a tree head saved earlier. SOURCE is a register's address on a Civic
    /// deployment (https://…/registers/NAME, read through its GOV.UK Registers paths), a
    /// file saved from its /download, or an RSF file from the GOV.UK registers archive.
    Verify {
        /// A register's URL or a saved RSF file.
        source: String,
        /// The deployment's public key (base64); fetched from the deployment for URLs.
        #[arg(long)]
        public_key: Option<String>,
        /// A signed tree head saved earlier (JSON) that the register must extend.
        #[arg(long)]
        since: Option<std::path::PathBuf>,
        /// Save the verified signed tree head here, for the next --since.
        #[arg(long)]
        save: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum DatasetCommand {
    /// Set up a data set for one of a body's services; prints its ingest token (last line).
    Create {
        #[command(flatten)]
        db: DatabaseArg,
        /// The body's identifier.
        #[arg(long)]
        body: String,
        /// The service the events are transactions of; leave out for a data set covering
        /// all the body's services (each event then names its `service`).
        #[arg(long, default_value = "")]
        service: String,
        /// The data set's name.
        #[arg(long)]
        name: String,
        /// Hours after which silence marks the data set stale.
        #[arg(long, default_value_t = 24)]
        every_hours: i32,
    },
    /// Rebuild the body-month summaries of the month counts from the measure cells, and the
    /// runs of exact times to outcome from the transactions.
    RebuildSummaries {
        #[command(flatten)]
        db: DatabaseArg,
    },
}

#[derive(Subcommand)]
enum CatalogueCommand {
    /// Publish a CSV file (any size; the web form takes up to 20 MB) as a dataset of a
    /// body, checked line by line first; prints the dataset's path (last line).
    Publish {
        #[command(flatten)]
        db: DatabaseArg,
        /// The body's identifier.
        #[arg(long)]
        body: String,
        /// The dataset's title.
        #[arg(long)]
        title: String,
        /// What the data is.
        #[arg(long, default_value = "")]
        description: String,
        /// The title in Welsh (needed when the body is subject to the Welsh Language
        /// Standards).
        #[arg(long, default_value = "")]
        title_cy: String,
        /// The description in Welsh (likewise).
        #[arg(long, default_value = "")]
        description_cy: String,
        /// How often it is updated (continuous, daily, weekly, monthly, quarterly, annual,
        /// irregular, never).
        #[arg(long, default_value = "irregular")]
        frequency: String,
        /// Licence identifier.
        #[arg(long, default_value = "OGL-UK-3.0")]
        licence: String,
        /// Contact email address.
        #[arg(long, default_value = "")]
        contact_email: String,
        /// The CSV file (UTF-8, header first).
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Load an address CSV (columns uprn, address_line_1, address_line_2, town, postcode,
    /// latitude, longitude) into the addresses register.
    Addresses {
        #[command(flatten)]
        db: DatabaseArg,
        /// The CSV file.
        file: std::path::PathBuf,
    },
    /// Import the services of an Open Referral UK feed (a JSON file, or an http(s) address:
    /// a page of services, a list of them, or one, as `/services/{id}` gives them) into a
    /// body's register, all or nothing; lists what the feed holds that Civic does not keep.
    Openreferral {
        #[command(flatten)]
        db: DatabaseArg,
        /// The body whose register receives the services.
        #[arg(long)]
        body: String,
        /// Check and report only; save nothing.
        #[arg(long)]
        dry_run: bool,
        /// The JSON file, or the feed's address.
        source: String,
    },
    /// Check the supplier register's org-ids of one scheme against that register's extract
    /// (GB-CHC: the Charity Commission's `publicextract.charity`; GB-COH: Companies House's
    /// BasicCompanyData CSV), recording each supplier as registered, removed or not listed.
    RegisterExtract {
        #[command(flatten)]
        db: DatabaseArg,
        /// The scheme whose register the extract is of: GB-CHC or GB-COH.
        #[arg(long)]
        scheme: String,
        /// What the extract is, as shown beside each check (for example "Charity Commission
        /// register extract, 1 December 2026").
        #[arg(long)]
        source: String,
        /// Who is making the check, as shown beside it.
        #[arg(long, default_value = "the hub's administrators")]
        checked_by: String,
        /// The extract file.
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum ApikeyCommand {
    /// Issue an API key for a partner or a system of a body; prints the key (last line).
    Create {
        #[command(flatten)]
        db: DatabaseArg,
        /// The body's identifier.
        #[arg(long)]
        body: String,
        /// What the key is for, shown to staff and in request histories.
        #[arg(long)]
        name: String,
        /// live, test (a sandbox: nothing sent is stored) or team (the body's own back office).
        #[arg(long, default_value = "live")]
        kind: String,
        /// Shorthand for --kind team: it may update any of the body's requests, not only
        /// public ones.
        #[arg(long)]
        back_office: bool,
        /// What it may do (repeat for several): open311:write, services:write,
        /// webhooks:manage, datasets:ID:read, events:DATA-SET:write.
        #[arg(long = "scope", default_value = "open311:write")]
        scopes: Vec<String>,
        /// The partner it is issued to, by identifier.
        #[arg(long)]
        partner: Option<String>,
        /// The last day it works (YYYY-MM-DD).
        #[arg(long, default_value = "")]
        expires: String,
        /// Requests a minute (the kind's default when not given).
        #[arg(long, default_value = "")]
        per_minute: String,
        /// The id of the body's data-sharing agreement it serves.
        #[arg(long)]
        agreement: Option<i64>,
    },
}

#[derive(Subcommand)]
enum PartnerCommand {
    /// Add a partner (an organisation bodies issue API keys to).
    Add {
        #[command(flatten)]
        db: DatabaseArg,
        /// Its name.
        #[arg(long)]
        name: String,
        /// Its org-id, such as GB-CHC-1234567.
        #[arg(long, default_value = "")]
        org_id: String,
        /// Its website.
        #[arg(long, default_value = "")]
        website: String,
        /// What it does with Civic's APIs.
        #[arg(long, default_value = "")]
        description: String,
    },
}

#[derive(Subcommand)]
enum BodyCommand {
    /// Add a public body.
    Add {
        #[command(flatten)]
        db: DatabaseArg,
        /// The body's name, such as "Northshire County Council".
        #[arg(long)]
        name: String,
        /// Its kind: county_council, district_council, city_council, unitary_authority,
        /// parish_council, government_department, health_trust or other.
        #[arg(long)]
        kind: String,
        /// Identifier in web addresses; made from the name when omitted.
        #[arg(long, default_value = "")]
        slug: String,
        /// Its website.
        #[arg(long, default_value = "")]
        website: String,
        /// Its name in Welsh, such as "Cyngor Gwynedd".
        #[arg(long, default_value = "")]
        name_cy: String,
        /// The body is subject to the Welsh Language Standards: it then publishes nothing
        /// (services, datasets) until it exists in Welsh and English. Needs --name-cy.
        #[arg(long)]
        welsh_standards: bool,
    },
    /// List public bodies.
    List(DatabaseArg),
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add a staff account to a body, or an administrator of the deployment with --admin.
    Add {
        #[command(flatten)]
        db: DatabaseArg,
        /// The body's identifier.
        #[arg(long, required_unless_present = "admin", conflicts_with = "admin")]
        body: Option<String>,
        /// Make a deployment administrator instead of body staff.
        #[arg(long)]
        admin: bool,
        /// Make a moderator of the body (hides and restores what residents published, sees
        /// nothing private) instead of staff.
        #[arg(long, conflicts_with = "admin")]
        moderator: bool,
        /// Sign-in email address.
        #[arg(long)]
        email: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// Initial password (12+ characters); read from CIVIC_STAFF_PASSWORD if unset, so it
        /// need not appear in the shell history.
        #[arg(long, env = "CIVIC_STAFF_PASSWORD", hide_env_values = true)]
        password: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("civic: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let json = std::env::var("CIVIC_LOG_FORMAT").is_ok_and(|f| f == "json");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn open(db: &DatabaseArg) -> Result<Arc<dyn Store>, String> {
    civic_storage::connect(&db.database).await.map_err(|e| {
        format!(
            "cannot open database {}: {e}",
            civic_storage::redact(&db.database)
        )
    })
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve(args) => {
            let store = open(&args.db).await?;
            serve(store, &args).await
        }
        Command::Migrate(db) => {
            open(&db).await?;
            println!(
                "Database {} is up to date.",
                civic_storage::redact(&db.database)
            );
            Ok(())
        }
        Command::Demo {
            serve: args,
            bodies,
            services_per_body,
            no_serve,
        } => {
            let store = open(&args.db).await?;
            demo::load(store.as_ref(), bodies, services_per_body).await?;
            if no_serve {
                Ok(())
            } else {
                serve(store, &args).await
            }
        }
        Command::Body { command } => match command {
            BodyCommand::Add {
                db,
                name,
                kind,
                slug,
                website,
                name_cy,
                welsh_standards,
            } => {
                let draft = BodyInput {
                    slug,
                    name,
                    kind,
                    website,
                    name_cy,
                    welsh_standards: if welsh_standards { "yes" } else { "" }.to_string(),
                }
                .validate()
                .map_err(|e| format!("the body is not valid: {e}"))?;
                let store = open(&db).await?;
                let body = store.create_body(&draft).await.map_err(|e| match e {
                    civic_storage::StorageError::Conflict(_) => {
                        format!("a body with the identifier '{}' already exists", draft.slug)
                    }
                    e => e.to_string(),
                })?;
                println!(
                    "Added {} ({}) at /bodies/{}",
                    body.name,
                    body.kind.label(),
                    body.slug
                );
                Ok(())
            }
            BodyCommand::List(db) => {
                let store = open(&db).await?;
                for body in store.list_bodies().await.map_err(|e| e.to_string())? {
                    println!("{}\t{}\t{}", body.slug, body.kind.as_str(), body.name);
                }
                Ok(())
            }
        },
        Command::Apikey { command } => match command {
            ApikeyCommand::Create {
                db,
                body,
                name,
                kind,
                back_office,
                scopes,
                partner,
                expires,
                per_minute,
                agreement,
            } => {
                let input = civic_domain::api_key::KeyInput {
                    name,
                    kind: if back_office { "team".into() } else { kind },
                    scopes: scopes.join(" "),
                    expires_on: expires,
                    per_minute,
                };
                create_api_key(&db, &body, &input, partner.as_deref(), agreement).await
            }
        },
        Command::Partner { command } => match command {
            PartnerCommand::Add {
                db,
                name,
                org_id,
                website,
                description,
            } => {
                let draft = civic_domain::partner::PartnerInput {
                    name,
                    org_id,
                    website,
                    description,
                }
                .validate()
                .map_err(|e| e.to_string())?;
                let store = open(&db).await?;
                let partner = store.create_partner(&draft).await.map_err(|e| match e {
                    civic_storage::StorageError::Conflict(what) => {
                        format!("{what} is in the register already")
                    }
                    e => e.to_string(),
                })?;
                println!(
                    "Added the partner {} ({})",
                    partner.details.name, partner.details.slug
                );
                Ok(())
            }
        },
        Command::Catalogue { command } => match command {
            CatalogueCommand::Publish {
                db,
                body,
                title,
                description,
                title_cy,
                description_cy,
                frequency,
                licence,
                contact_email,
                file,
            } => {
                let path = publish_csv(
                    &db,
                    &body,
                    civic_domain::catalogue::DatasetDescriptionInput {
                        title,
                        description,
                        title_cy,
                        description_cy,
                        frequency,
                        licence,
                        contact_email,
                        ..Default::default()
                    },
                    &file,
                )
                .await?;
                println!("{path}");
                Ok(())
            }
        },
        Command::Dataset { command } => match command {
            DatasetCommand::RebuildSummaries { db } => {
                let store = open(&db).await?;
                let written = store
                    .rebuild_month_summaries()
                    .await
                    .map_err(|e| e.to_string())?;
                println!("rebuilt {written} body-month summaries from the measure cells");
                let runs = store
                    .rebuild_duration_runs()
                    .await
                    .map_err(|e| e.to_string())?;
                println!("rebuilt {runs} runs of exact times to outcome from the transactions");
                Ok(())
            }
            DatasetCommand::Create {
                db,
                body,
                service,
                name,
                every_hours,
            } => {
                let draft = civic_domain::measures::DatasetInput {
                    name,
                    service: service.clone(),
                    expected_every_hours: every_hours.to_string(),
                }
                .validate()
                .map_err(|e| {
                    e.0.iter()
                        .map(|f| f.message.clone())
                        .collect::<Vec<_>>()
                        .join("; ")
                })?;
                let store = open(&db).await?;
                let token =
                    civic_web::app::tokens::new_api_key(civic_domain::api_key::KeyKind::Live);
                let set = store
                    .create_dataset(
                        &body,
                        &draft.slug,
                        &draft.name,
                        &draft.service,
                        &civic_web::app::tokens::token_hash(&token),
                        draft.expected_every_hours,
                    )
                    .await
                    .map_err(|e| match e {
                        civic_storage::StorageError::NotFound => {
                            format!("there is no service '{service}' of body '{body}'")
                        }
                        civic_storage::StorageError::Conflict(_) => {
                            format!("{body} already has a data set called '{}'", draft.slug)
                        }
                        e => e.to_string(),
                    })?;
                eprintln!(
                    "Set up data set '{}' of {} for {}. Send events to POST /api/events with this token as a Bearer token; it is shown once.",
                    set.slug, set.body, set.service
                );
                println!("{token}");
                Ok(())
            }
        },
        Command::Import { command } => match command {
            ImportCommand::RegisterExtract {
                db,
                scheme,
                source,
                checked_by,
                file,
            } => {
                let scheme = civic_domain::supplier::OrgScheme::ALL
                    .into_iter()
                    .find(|s| s.prefix().eq_ignore_ascii_case(scheme.trim()))
                    .ok_or_else(|| {
                        format!("'{scheme}' is not an org-id scheme, like GB-CHC or GB-COH")
                    })?;
                let opened = std::fs::File::open(&file)
                    .map_err(|e| format!("cannot open {}: {e}", file.display()))?;
                let extract =
                    civic_domain::supplier::read_extract(scheme, std::io::BufReader::new(opened))
                        .map_err(|e| e.to_string())?;
                let store = open(&db).await?;
                let counts = store
                    .verify_suppliers(
                        scheme,
                        &extract,
                        source.trim(),
                        checked_by.trim(),
                        time::OffsetDateTime::now_utc().date(),
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                println!(
                    "Read {} organisations from the extract. Checked {} suppliers and partners with {} identifiers: {} registered, {} removed, {} not listed.",
                    extract.len(),
                    counts.registered + counts.removed + counts.not_listed,
                    scheme.prefix(),
                    counts.registered,
                    counts.removed,
                    counts.not_listed
                );
                Ok(())
            }
            ImportCommand::Addresses { db, file } => {
                let store = open(&db).await?;
                let done = import::addresses(store.as_ref(), &file, true).await?;
                for (line, reason) in done.rejected.iter().take(100) {
                    eprintln!("line {line}: {reason}");
                }
                if done.rejected.len() > 100 {
                    eprintln!("… and {} more rejected rows", done.rejected.len() - 100);
                }
                println!(
                    "Read {} rows: {} loaded, {} rejected. The addresses register has {} entries.",
                    done.rows,
                    done.rows - done.rejected.len() as u64,
                    done.rejected.len(),
                    done.register_size
                );
                Ok(())
            }
            ImportCommand::Openreferral {
                db,
                body,
                dry_run,
                source,
            } => {
                let store = open(&db).await?;
                let done = import::open_referral(store.as_ref(), &body, &source, dry_run).await?;
                for line in &done.left_out {
                    eprintln!("not kept: {line}");
                }
                let services = if done.imported == 1 {
                    "service"
                } else {
                    "services"
                };
                if dry_run {
                    println!(
                        "Dry run: {} {services} would be imported into {body}.",
                        done.imported
                    );
                } else {
                    println!("Imported {} {services} into {body}.", done.imported);
                }
                Ok(())
            }
        },
        Command::Verify {
            source,
            public_key,
            since,
            save,
        } => {
            let since = match since {
                Some(path) => Some(
                    std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))
                        .and_then(|text| {
                            serde_json::from_str(&text).map_err(|e| {
                                format!("{} is not a signed tree head: {e}", path.display())
                            })
                        })?,
                ),
                None => None,
            };
            let options = verify::Options {
                public_key: public_key.clone(),
                since,
            };
            let verified = if source.starts_with("http://") || source.starts_with("https://") {
                verify::check_url(&source, &options).await?
            } else {
                let key = public_key.as_deref().map(verify::parse_key).transpose()?;
                let file = std::fs::File::open(&source)
                    .map_err(|e| format!("cannot open {source}: {e}"))?;
                verify::check(std::io::BufReader::new(file), key.as_ref(), &options)?
            };
            match &verified.head {
                Some(head) => println!(
                    "Verified register '{}': {} entries ({} redacted items), root {} signed by the deployment; {:.0} entries/s",
                    head.register,
                    verified.entries,
                    verified.redacted,
                    head.sha256_root_hash,
                    verified.rate
                ),
                None => println!(
                    "Verified a GOV.UK registers file: {} entries and {} system entries, every item against its hash, root sha-256:{} as its last assert-root-hash says (GOV.UK's registers never signed their tree heads, so nothing vouches for who wrote it); {:.0} entries/s",
                    verified.entries,
                    verified.system_entries,
                    verified.root.to_hex(),
                    verified.rate
                ),
            }
            if let Some(path) = save {
                let head = verified
                    .head
                    .as_ref()
                    .ok_or("there is no signed tree head to save: the copy had none")?;
                let json = serde_json::to_string_pretty(head).map_err(|e| e.to_string())?;
                std::fs::write(&path, json)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            Ok(())
        }
        Command::Staff { command } => match command {
            StaffCommand::Add {
                db,
                body,
                admin,
                moderator,
                email,
                name,
                password,
            } => {
                let draft = StaffInput {
                    email,
                    name,
                    password,
                    role: if moderator { "moderator" } else { "staff" }.into(),
                }
                .validate()
                .map_err(|e| format!("the account is not valid: {e}"))?;
                let store = open(&db).await?;
                let hash = civic_web::app::auth::hash_password(draft.password.clone())
                    .await
                    .map_err(|e| e.to_string())?;
                let role = if admin { Role::Admin } else { draft.role };
                let staff = store
                    .create_staff(body.as_deref(), &draft, &hash, role)
                    .await
                    .map_err(|e| match e {
                        civic_storage::StorageError::NotFound => format!(
                            "there is no body '{}'; list them with `civic body list`",
                            body.as_deref().unwrap_or("")
                        ),
                        civic_storage::StorageError::Conflict(_) => {
                            format!("an account for {} already exists", draft.email)
                        }
                        e => e.to_string(),
                    })?;
                match &staff.body {
                    Some(b) => println!("Added {} <{}> as staff of {b}", staff.name, staff.email),
                    None => println!("Added {} <{}> as an administrator", staff.name, staff.email),
                }
                Ok(())
            }
        },
    }
}

async fn create_api_key(
    db: &DatabaseArg,
    body: &str,
    input: &civic_domain::api_key::KeyInput,
    partner: Option<&str>,
    agreement: Option<i64>,
) -> Result<(), String> {
    let draft = input
        .validate(time::OffsetDateTime::now_utc().date())
        .map_err(|e| e.to_string())?;
    let store = open(db).await?;
    let key = civic_web::app::tokens::new_api_key(draft.kind);
    let issued = store
        .create_api_key(
            body,
            &civic_storage::NewApiKey {
                draft: &draft,
                partner,
                agreement,
                key_hash: &civic_web::app::tokens::token_hash(&key),
                shown: &civic_domain::api_key::display_prefix(&key),
            },
        )
        .await
        .map_err(|e| match e {
            civic_storage::StorageError::NotFound => format!(
                "there is no body '{body}', or the partner or agreement named is not there \
                 (list bodies with `civic body list`)"
            ),
            e => e.to_string(),
        })?;
    eprintln!(
        "Issued a {} API key for '{}' of {} ({}). It is shown once; keep it secret.",
        issued.kind.as_str(),
        issued.name,
        issued.body,
        civic_domain::api_key::Scope::join(&issued.scopes)
    );
    println!("{key}");
    Ok(())
}

/// Publishes a CSV file as an uploaded table, loading its rows in batches.
async fn publish_csv(
    db: &DatabaseArg,
    body: &str,
    input: civic_domain::catalogue::DatasetDescriptionInput,
    file: &std::path::Path,
) -> Result<String, String> {
    const BATCH: usize = 50_000;
    let store = open(db).await?;
    let owner = store
        .get_body(body)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("there is no body '{body}'"))?;
    // A body under the Welsh Language Standards publishes nothing without its Welsh.
    let description = input.validate_for(&owner, false).map_err(|e| {
        e.0.iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let table = civic_domain::catalogue::parse_table(&bytes)
        .map_err(|e| format!("{} was not published: {e}", file.display()))?;
    drop(bytes);
    let resources = civic_web::catalogue::files::upload_resources(
        &description.name,
        (&description.title, &description.title_cy),
        table.columns,
    );
    let first = table.rows.len().min(BATCH);
    let progress = indicatif::ProgressBar::new(table.rows.len() as u64);
    let dataset = store
        .add_catalogue_dataset(
            body,
            civic_domain::catalogue::DatasetSource::Upload,
            &description,
            &resources,
            &table.rows[..first],
        )
        .await
        .map_err(|e| match e {
            civic_storage::StorageError::NotFound => format!("there is no body '{body}'"),
            civic_storage::StorageError::Conflict(_) => {
                format!(
                    "{body} already publishes a dataset called '{}'",
                    description.name
                )
            }
            e => e.to_string(),
        })?;
    progress.inc(first as u64);
    for chunk in table.rows[first..].chunks(BATCH) {
        store
            .append_catalogue_rows(&resources[0].id, chunk)
            .await
            .map_err(|e| e.to_string())?;
        progress.inc(chunk.len() as u64);
    }
    progress.finish_and_clear();
    eprintln!(
        "Published {} rows as '{}'.",
        table.rows.len(),
        dataset.title
    );
    Ok(format!("/datasets/{}", dataset.name))
}

async fn serve(store: Arc<dyn Store>, args: &ServeArgs) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.bind))?;
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| args.bind.clone());
    let database = store.backend().name();
    let base_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{address}"));
    let state = civic_web::AppState::new(
        store,
        civic_web::Config {
            public_url: args.public_url.clone(),
            base_url,
            smtp_url: args.smtp_url.clone(),
            mail_from: args.mail_from.clone(),
            submissions_per_minute: args.submissions_per_minute,
            password_attempts_per_minute: args.password_attempts_per_minute,
            password_failures_per_account: args.password_failures_per_account,
            trust_forwarded_for: args.trust_forwarded_for,
            max_connections: args.max_connections,
            max_connections_per_client: args.max_connections_per_client,
            page_cache_bytes: args.page_cache_mb.saturating_mul(1024 * 1024),
            header_timeout: std::time::Duration::from_secs(args.header_timeout),
            body_timeout: std::time::Duration::from_secs(args.body_timeout),
            metrics_token: args.metrics_token.clone(),
            session_idle: std::time::Duration::from_secs(args.session_idle_minutes * 60),
            operator: args.operator.clone(),
            operator_cy: args.operator_cy.clone(),
            contact_email: args.contact_email.clone(),
            allow_private_addresses: args.allow_private_addresses,
            ..civic_web::Config::default()
        },
    )?;
    eprintln!("Starting on http://{address}…");
    // "Serving" is said only once the start-up work is done and requests are answered.
    civic_web::serve_when_ready(listener, state, shutdown_signal(), || {
        tracing::info!(database, "Civic is serving on http://{address}");
        eprintln!("Civic is serving on http://{address} (press Ctrl+C to stop)");
    })
    .await
    .map_err(|e| format!("server error: {e}"))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
