//! Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL database on the
//! local server. PostgreSQL tests print why they were skipped when the server is missing,
//! and fail instead when `CIVIC_REQUIRE_POSTGRES=1` (as CI sets it).

use crate::{Store, connect};
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use std::path::PathBuf;
use std::sync::Arc;

/// The server tests create their databases on, unless `CIVIC_TEST_POSTGRES_URL` says otherwise.
pub const DEFAULT_POSTGRES_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A database made for one test, dropped by [`TestDatabase::drop_database`].
pub struct TestDatabase {
    /// The URL the application would be given.
    pub url: String,
    /// A migrated store over it.
    pub store: Arc<dyn Store>,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(PathBuf),
    Postgres { admin_url: String, name: String },
}

fn random_suffix() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..12)
        .map(|_| char::from(b'a' + rng.random_range(0..26u8)))
        .collect()
}

/// A new, migrated SQLite database in a temporary file.
pub async fn sqlite() -> TestDatabase {
    let path = std::env::temp_dir().join(format!("civic-test-{}.db", random_suffix()));
    let url = format!("sqlite://{}", path.display());
    let store = match connect(&url).await {
        Ok(store) => store,
        Err(e) => panic!("could not create test SQLite database {url}: {e}"),
    };
    TestDatabase {
        url,
        store,
        cleanup: Cleanup::SqliteFile(path),
    }
}

/// True when the test run must not skip PostgreSQL.
pub fn postgres_required() -> bool {
    std::env::var("CIVIC_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

/// A new, migrated PostgreSQL database, or `None` (with the reason printed) when no server
/// is reachable and PostgreSQL is not required.
pub async fn postgres() -> Option<TestDatabase> {
    let admin_url = std::env::var("CIVIC_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| DEFAULT_POSTGRES_ADMIN_URL.to_string());
    let mut admin = match PgConnection::connect(&admin_url).await {
        Ok(conn) => conn,
        Err(e) => {
            let reason = format!("cannot reach {}: {e}", crate::redact(&admin_url));
            if postgres_required() {
                panic!("PostgreSQL is required (CIVIC_REQUIRE_POSTGRES=1) but {reason}");
            }
            eprintln!("skipped PostgreSQL: {reason}");
            return None;
        }
    };
    let name = format!("civic_test_{}", random_suffix());
    if let Err(e) = sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
    {
        panic!("could not create test database {name}: {e}");
    }
    let _ = admin.close().await;
    let base = admin_url
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(&admin_url);
    let url = format!("{base}/{name}");
    let store = match connect(&url).await {
        Ok(store) => store,
        Err(e) => panic!("could not migrate test database {name}: {e}"),
    };
    Some(TestDatabase {
        url,
        store,
        cleanup: Cleanup::Postgres { admin_url, name },
    })
}

impl TestDatabase {
    /// Removes the database and its files.
    pub async fn drop_database(self) {
        drop(self.store);
        match self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(mut admin) = PgConnection::connect(&admin_url).await {
                    let _ = sqlx::query(AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&mut admin)
                    .await;
                    let _ = admin.close().await;
                }
            }
        }
    }
}

/// Expands one async test body into a SQLite test and a PostgreSQL test, each on a fresh
/// database bound to `$db` (a [`TestDatabase`]).
#[macro_export]
macro_rules! db_test {
    ($name:ident, |$db:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let $db = $crate::testing::sqlite().await;
                $body
                $db.drop_database().await;
            }

            #[tokio::test]
            async fn postgres() {
                let Some($db) = $crate::testing::postgres().await else {
                    return;
                };
                $body
                $db.drop_database().await;
            }
        }
    };
}
