//! The binary as an operator meets it: start-up errors, `migrate`,
//! `jobs run --at`, `--help`.
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use std::process::{Command, Output};

fn guichet(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guichet"))
        .current_dir(dir)
        .args(args)
        // The tests' own settings must not leak into the binary's.
        .env_remove("GUICHET_DATABASE_URL")
        .env("GUICHET_LOG__FILTER", "warn")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn an_unknown_configuration_key_stops_start_up_naming_it() {
    // proves: OPS-1
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("guichet.toml"),
        "[jobs]\ntick_seconds = 5\n",
    )
    .unwrap();
    let o = guichet(dir.path(), &["migrate"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("tick_seconds"), "{}", text(&o));
}

#[test]
fn an_unreachable_database_is_a_clear_error_and_a_failing_exit() {
    // proves: OPS-1
    let dir = tempfile::tempdir().unwrap();
    // Port 1 on loopback: nothing listens there.
    let o = guichet(
        dir.path(),
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            "postgres://guichet:s3cret@127.0.0.1:1/guichet",
        ],
    );
    assert!(!o.status.success());
    let t = text(&o);
    assert!(
        t.contains("cannot reach the database at postgres://127.0.0.1:1/guichet"),
        "{t}"
    );
    assert!(!t.contains("s3cret"), "the password leaked: {t}");
}

#[test]
fn migrate_then_jobs_run_as_of_a_date_on_sqlite() {
    // proves: OPS-1, OPS-2
    let dir = tempfile::tempdir().unwrap();
    let o = guichet(dir.path(), &["migrate"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(dir.path().join("guichet-data/guichet.db").exists());
    let o = guichet(dir.path(), &["jobs", "run", "--at", "2027-02-28"]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    for sweep in [
        "outbox.deliver",
        "tokens.deactivate_unused",
        "accounts.purge",
    ] {
        assert!(t.contains(sweep), "{sweep} missing from {t}");
    }
    let o = guichet(dir.path(), &["jobs", "run", "--at", "2027-02-30"]);
    assert!(!o.status.success(), "an impossible date must be refused");
}

#[test]
fn help_documents_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let t = text(&guichet(dir.path(), &["--help"]));
    for cmd in ["serve", "migrate", "jobs", "admin", "show-config"] {
        assert!(t.contains(cmd), "{cmd} missing from --help");
    }
    let t = text(&guichet(dir.path(), &["admin", "--help"]));
    for cmd in [
        "create-staff",
        "create-staff-token",
        "create-user",
        "send-test-mail",
    ] {
        assert!(t.contains(cmd), "{cmd} missing from admin --help");
    }
}

#[test]
fn show_config_redacts_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let o = guichet(
        dir.path(),
        &["show-config", "--database-url", "postgres://u:hunter2@db/x"],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(!text(&o).contains("hunter2"));
}
