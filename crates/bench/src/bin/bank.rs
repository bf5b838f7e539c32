//! `bank DATABASE_URL DATA_DIR ENGINE CREDITS`: a camt.054 of CREDITS
//! credits imported (BNK-2, issue 15), timed, with the import's peak
//! memory. 1,000 invoices of 1,081.00 CHF are issued over 10 organisations
//! through the service; the file (written to DATA_DIR, batch entries of 10
//! transactions) holds 80 % credits of 13.50 quoting an invoice's
//! reference (each invoice paid in parts, the last parts beyond what it
//! owes going to the prepaid account), 10 % without a reference from a
//! debtor's account known from its earlier credits (to that org's prepaid
//! account) and 10 % with an unknown reference from an unknown account (to
//! suspense). The import runs in a child process (`bank import URL
//! DATA_DIR FILE`, the same code as `guichet bank import`), so its peak
//! resident memory is the import's alone: it streams the file, so the
//! peak does not grow with it. Prints a row of scripts/bench's table, then
//! checks `ledger verify`.

/// The allocator the `guichet` binary runs its sweeps with (its
/// `main.rs`): the sweep is measured as a provider runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::time::Instant;

use anyhow::Context;
use guichet_bench::{billed_org, context, fail};
use guichet_core::{
    bank::{self, Importer},
    billing::{self, InvoiceInput, Issuer, LineInput, vat::VatClass},
};

const ORGS: usize = 10;
const INVOICES: usize = 1_000;
const ACCOUNT: &str = "CH9300762011623852957";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let [_, mode, url, data_dir, file] = args.as_slice()
        && mode == "import"
    {
        return import(url, data_dir, file).await;
    }
    let [_, url, data_dir, engine, credits] = args.as_slice() else {
        anyhow::bail!("usage: bank DATABASE_URL DATA_DIR ENGINE CREDITS");
    };
    let credits: usize = credits.parse().context("CREDITS")?;
    let ctx = context(url, data_dir).await?;
    let seeded = Instant::now();
    let mut references = Vec::with_capacity(INVOICES);
    for o in 0..ORGS {
        let (_, org) = billed_org(
            &ctx,
            &format!("bench-bank-{o}@example.test"),
            &format!("Bench Bank {o} SA"),
        )
        .await?;
        for _ in 0..INVOICES / ORGS {
            let v = billing::invoices::create_and_issue(
                &ctx,
                Issuer::Operator,
                &org,
                &InvoiceInput {
                    billing_address_id: None,
                    lines: vec![LineInput {
                        description: "Web hosting".into(),
                        quantity: 1,
                        unit_price: "1000.00".into(),
                        vat_class: VatClass::Standard,
                        period: None,
                    }],
                },
            )
            .await
            .map_err(fail)?;
            references.push(v.reference.unwrap_or_default().replace(' ', ""));
        }
    }
    let file = std::path::Path::new(data_dir).join("bank-bench.xml");
    write_file(&file, credits, &references)?;
    eprintln!(
        "bank: {INVOICES} invoices issued and a file of {credits} credits ({:.1} MB) written in {:.1} s",
        std::fs::metadata(&file)?.len() as f64 / 1e6,
        seeded.elapsed().as_secs_f64()
    );
    let child = std::process::Command::new(std::env::current_exe()?)
        .args(["import", url, data_dir, &file.display().to_string()])
        .output()?;
    anyhow::ensure!(
        child.status.success(),
        "the import failed: {}",
        String::from_utf8_lossy(&child.stderr)
    );
    let out = String::from_utf8(child.stdout)?;
    let mut c = ctx.db.acquire().await.map_err(fail)?;
    let broken = billing::verify::violations(c.conn()).await.map_err(fail)?;
    anyhow::ensure!(broken.is_empty(), "ledger verify: {broken:?}");
    println!("| {engine} | {}", out.trim());
    Ok(())
}

/// The child: import FILE, then print the row's cells.
async fn import(url: &str, data_dir: &str, file: &str) -> anyhow::Result<()> {
    let ctx = context(url, data_dir).await?;
    let input = std::io::BufReader::with_capacity(256 * 1024, std::fs::File::open(file)?);
    let started = Instant::now();
    let s = bank::import(
        &ctx,
        Importer::Operator,
        "bank-bench.xml",
        input,
        &mut |_| {},
    )
    .await
    .map_err(fail)?;
    let secs = started.elapsed().as_secs_f64();
    anyhow::ensure!(s.booked == s.entries_read, "not all booked: {s:?}");
    println!(
        "bank import: a camt.054 of {} credits ({} matched, {} parked, {} in suspense; ledger verify holds) | {secs:.1} s | {:.0} credits/s | | | {} |",
        s.entries_read,
        s.matched,
        s.parked,
        s.suspense,
        s.booked as f64 / secs,
        peak_mib()
    );
    Ok(())
}

/// This process's peak resident memory (`VmHWM`), in MiB.
fn peak_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or_else(|| "?".into(), |kb| format!("{:.0} MiB", kb / 1024.0))
}

/// The camt.054.001.08 of `credits` credits, in batch entries of 10.
fn write_file(path: &std::path::Path, credits: usize, references: &[String]) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    write!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
<BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>BENCH-1</MsgId><CreDtTm>2026-12-01T18:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>BENCH-N1</Id><CreDtTm>2026-12-01T18:00:00</CreDtTm>
<Acct><Id><IBAN>{ACCOUNT}</IBAN></Id><Ccy>CHF</Ccy></Acct>
"#
    )?;
    let mut i = 0;
    while i < credits {
        let n = (credits - i).min(10);
        let mut txs = String::new();
        let mut total = 0i64;
        for k in i..i + n {
            let (amount, reference, debtor) = match k % 10 {
                // From org k's account: its first such credit pays an
                // invoice of that org (below), the next ones are known.
                0 => (1350, None, debtor_of(k % ORGS)),
                1 => (
                    990,
                    Some("RF18539007547034".to_string()),
                    format!("CH56048350{k:011}"),
                ),
                _ => {
                    let invoice = k % INVOICES;
                    (
                        1350,
                        Some(references[invoice].clone()),
                        debtor_of(invoice / (INVOICES / ORGS)),
                    )
                }
            };
            total += amount;
            let reference = reference
                .map(|r| {
                    format!(
                        "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{r}</Ref></CdtrRefInf></Strd></RmtInf>"
                    )
                })
                .unwrap_or_default();
            txs.push_str(&format!(
                r#"<TxDtls><Refs><AcctSvcrRef>BENCH-{k}</AcctSvcrRef></Refs><Amt Ccy="CHF">{}.{:02}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RltdPties><Dbtr><Pty><Nm>Customer {k}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>{debtor}</IBAN></Id></DbtrAcct></RltdPties>{reference}</TxDtls>
"#,
                amount / 100,
                amount % 100
            ));
        }
        write!(
            out,
            r#"<Ntry><Amt Ccy="CHF">{}.{:02}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-01</Dt></BookgDt><AcctSvcrRef>BENCH-E{i}</AcctSvcrRef>
<NtryDtls>
{txs}</NtryDtls></Ntry>
"#,
            total / 100,
            total % 100
        )?;
        i += n;
    }
    write!(out, "</Ntfctn>\n</BkToCstmrDbtCdtNtfctn>\n</Document>\n")?;
    out.flush()?;
    Ok(())
}

/// The account org `o` pays from.
fn debtor_of(o: usize) -> String {
    format!("CH36007001100{o:08}")
}
