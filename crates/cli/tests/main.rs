//! The binary as an operator meets it: start-up errors, `migrate`,
//! `jobs run --at`, `--help`, invoices and `ledger verify`.
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
    for cmd in [
        "serve",
        "migrate",
        "jobs",
        "admin",
        "show-config",
        "ledger",
        "invoices",
        "bank",
        "sandbox-gateway",
    ] {
        assert!(t.contains(cmd), "{cmd} missing from --help");
    }
    // proves: BIL-3
    let o = guichet(dir.path(), &["sandbox-gateway", "--help"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    for flag in ["--listen", "--notify-url", "--public-url", "--delay"] {
        assert!(
            text(&o).contains(flag),
            "{flag} missing from sandbox-gateway --help"
        );
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

/// Statements straight on the binary's SQLite database: what no command
/// makes (an organisation and its address, normally the customer's doing),
/// and a hand-broken ledger.
fn on_db(dir: &std::path::Path, statements: &[&str]) {
    let url = format!("sqlite://{}", dir.join("guichet-data/guichet.db").display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
        for s in statements {
            sqlx::query(s).execute(&mut c).await.unwrap();
        }
    });
}

#[test]
fn invoices_are_issued_and_the_ledger_verified_from_the_command_line() {
    // proves: BIL-1, BIL-2, BIL-7 // issue 11: `guichet invoices issue`,
    // `guichet invoices pdf`, `guichet ledger verify` exits non-zero naming
    // what is wrong
    let dir = tempfile::tempdir().unwrap();
    let o = guichet(dir.path(), &["migrate"]);
    assert!(o.status.success(), "{}", text(&o));
    let org = "org_01kkbfjym0fw1d1dz7spsg48sa";
    on_db(
        dir.path(),
        &[
            &format!(
                "INSERT INTO orgs (id, name, kind, country, language, currency, created_at, updated_at) VALUES ('{org}', 'Example SA', 'company', 'CH', 'fr', 'CHF', 0, 0)"
            ),
            &format!(
                "INSERT INTO billing_addresses (id, org_id, name, street, building_number, postcode, town, country, is_default, created_at, updated_at) VALUES ('adr_01kkbfjym0fw1d1dz7spsg48sa', '{org}', 'Example SA', 'Rue du Lac', '12', '1204', 'Genève', 'CH', 1, 0, 0)"
            ),
        ],
    );
    let lines = dir.path().join("lines.json");
    std::fs::write(
        &lines,
        r#"{"lines": [{"description": "Web hosting Pro", "quantity": 1, "unit_price": "120.00", "vat_class": "standard", "period": {"from": "2026-01-01", "to": "2026-12-31"}}]}"#,
    )
    .unwrap();
    let o = guichet(
        dir.path(),
        &[
            "invoices",
            "issue",
            "--org",
            org,
            "--lines",
            lines.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let invoice: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(invoice["status"], "issued");
    assert_eq!(
        invoice["total"],
        serde_json::json!({"amount": "129.72", "currency": "CHF"})
    );
    let id = invoice["id"].as_str().unwrap();
    let out = dir.path().join("invoice.pdf");
    let o = guichet(
        dir.path(),
        &["invoices", "pdf", id, "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));

    let o = guichet(dir.path(), &["ledger", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
    // One more entry in the invoice's transaction: the books no longer hold.
    on_db(
        dir.path(),
        &[&format!(
            "INSERT INTO ledger_entries (transaction_id, line, account_key, amount_minor, currency, invoice_id)
             SELECT id, 99, 'revenue:CHF', -5, 'CHF', NULL FROM ledger_transactions WHERE document_id = '{id}'"
        )],
    );
    let o = guichet(dir.path(), &["ledger", "verify"]);
    assert!(!o.status.success(), "a broken ledger must fail");
    let t = text(&o);
    assert!(
        t.contains("BROKEN a transaction's entries sum to zero"),
        "{t}"
    );
}

/// A camt.054.001.08 of one booked credit on the demo account.
fn camt054(amount: &str, reference: &str, bank_ref: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-12-01T18:00:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>N-1</Id>
      <Acct><Id><IBAN>CH9300762011623852957</IBAN></Id></Acct>
      <Ntry>
        <Amt Ccy="CHF">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-12-01</Dt></BookgDt>
        <NtryDtls><TxDtls>
          <Refs><AcctSvcrRef>{bank_ref}</AcctSvcrRef></Refs>
          <Amt Ccy="CHF">{amount}</Amt>
          <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{reference}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
"#
    )
}

#[test]
fn bank_statements_are_imported_from_the_command_line_once() {
    // proves: OPS-1, BNK-2, BNK-4
    let dir = tempfile::tempdir().unwrap();
    let o = guichet(dir.path(), &["migrate"]);
    assert!(o.status.success(), "{}", text(&o));
    let org = "org_01kkbfjym0fw1d1dz7spsg48sb";
    on_db(
        dir.path(),
        &[
            &format!(
                "INSERT INTO orgs (id, name, kind, country, language, currency, created_at, updated_at) VALUES ('{org}', 'Example SA', 'company', 'CH', 'fr', 'CHF', 0, 0)"
            ),
            &format!(
                "INSERT INTO billing_addresses (id, org_id, name, street, building_number, postcode, town, country, is_default, created_at, updated_at) VALUES ('adr_01kkbfjym0fw1d1dz7spsg48sb', '{org}', 'Example SA', 'Rue du Lac', '12', '1204', 'Genève', 'CH', 1, 0, 0)"
            ),
        ],
    );
    let lines = dir.path().join("lines.json");
    std::fs::write(
        &lines,
        r#"{"lines": [{"description": "Web hosting", "quantity": 1, "unit_price": "100.00", "vat_class": "standard"}]}"#,
    )
    .unwrap();
    let o = guichet(
        dir.path(),
        &[
            "invoices",
            "issue",
            "--org",
            org,
            "--lines",
            lines.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let invoice: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let reference = invoice["reference"].as_str().unwrap().replace(' ', "");
    let good = dir.path().join("day.xml");
    std::fs::write(&good, camt054("108.10", &reference, "CLI-1")).unwrap();
    let bad = dir.path().join("cut.xml");
    let text_of_good = camt054("5.00", &reference, "CLI-2");
    std::fs::write(&bad, &text_of_good[..text_of_good.len() / 2]).unwrap();
    let o = guichet(
        dir.path(),
        &[
            "bank",
            "import",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "a file was refused: {}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("day.xml (camt.054.001.08): 1 read, 1 booked, 1 matched"),
        "{}",
        text(&o)
    );
    assert!(out.contains("all 2 files"), "{out}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cut.xml: line "), "{err}");
    assert!(err.contains("Nothing of this file was booked"), "{err}");
    // Again: booked before, so nothing moves.
    let o = guichet(dir.path(), &["bank", "import", good.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(
            "0 booked, 0 matched, 0 parked (0 in suspense), 0 reversed, 1 skipped as already booked"
        ),
        "{}",
        text(&o)
    );
    let o = guichet(dir.path(), &["ledger", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
}
