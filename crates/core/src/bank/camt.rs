//! Reading ISO 20022 camt.053 (account statements) and camt.054 (credit
//! notifications), versions .001.04 and .001.08 — the Swiss banks' current
//! ones — told apart by the document's namespace (BNK-2).
//!
//! A pull parser (quick-xml) walks the file once and hands out one
//! [`Item`] per transaction as each entry (`Ntry`) ends: a large file is
//! never held whole. Only the subset the import needs is read; anything
//! else is skipped. What a real file shows and this reads:
//! - batch entries: one `Ntry` with many `TxDtls`, split into one item
//!   each (their amounts must add up to the entry's);
//! - the status as text (`<Sts>BOOK</Sts>`, .04) or as a code
//!   (`<Sts><Cd>BOOK</Cd></Sts>`, .08); only booked entries count;
//! - the debtor's name under `Dbtr` (.04) or `Dbtr/Pty` (.08);
//! - the amount per transaction at `TxDtls/Amt` (.08) or
//!   `TxDtls/AmtDtls/TxAmt/Amt` (.04 and .08), written like `100.5`;
//! - reversals (`RvslInd` true) and returned payments (`RtrInf`, or the
//!   bank transaction code `RRTN`): they undo an earlier credit;
//! - charges (`Chrgs`): recorded with the credit.
//!
//! A file that is not one of these, is cut short, names an account that
//! is not the provider's, or holds an amount that is not an exact decimal
//! is refused with the element and the line ([`CamtError`]).

use std::collections::VecDeque;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use sha2::{Digest, Sha256};

use crate::money::{Currency, Money};

/// The messages and versions read, by namespace.
pub const SUPPORTED: [&str; 4] = [
    "camt.053.001.04",
    "camt.053.001.08",
    "camt.054.001.04",
    "camt.054.001.08",
];

const NAMESPACE_PREFIX: &str = "urn:iso:std:iso:20022:tech:xsd:";

/// Why a file is refused: what, and on which line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CamtError {
    pub line: u64,
    pub message: String,
}

/// One transaction of a booked entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// The provider's account it was booked on (electronic form).
    pub account_iban: String,
    /// The once-only key of this transaction (BNK-4), see [`bank_key`].
    pub bank_ref: String,
    /// The bank's own reference as read (`AcctSvcrRef` of the transaction,
    /// else of the entry).
    pub servicer_ref: Option<String>,
    pub amount: Money,
    /// `BookgDt`, as `YYYY-MM-DD`.
    pub booked_on: Option<String>,
    /// The structured creditor reference (QRR or RF), spaces removed.
    pub reference: Option<String>,
    /// Unstructured remittance text (`Ustrd`), when there is any.
    pub remittance: Option<String>,
    pub debtor_name: Option<String>,
    pub debtor_iban: Option<String>,
    pub end_to_end_id: Option<String>,
    /// The entry's charges, on its first transaction only.
    pub charges: Option<Money>,
    /// The line the entry ends on, for messages.
    pub line: u64,
}

/// What one transaction of the file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Money received.
    Credit(Transaction),
    /// A credit undone: a reversal or a returned payment.
    Reversal(Transaction),
    /// An entry that moves no money in: not booked yet (`PDNG`, `INFO`),
    /// or a debit.
    Skipped { line: u64, why: &'static str },
}

/// A `BufRead` that counts the lines it has handed out, so that errors can
/// say where they are without keeping the file.
struct Lines<R> {
    inner: R,
    lines: u64,
    bytes: u64,
}

impl<R: BufRead> std::io::Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        self.bytes += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            self.lines += buf[..amt].iter().filter(|b| **b == b'\n').count() as u64;
        }
        self.bytes += amt as u64;
        self.inner.consume(amt);
    }
}

/// What is gathered of one transaction (`TxDtls`) while it is read.
#[derive(Debug, Default)]
struct TxFields {
    servicer_ref: Option<String>,
    end_to_end_id: Option<String>,
    amount: Option<(String, String)>,
    tx_amount: Option<(String, String)>,
    reference: Option<String>,
    remittance: Vec<String>,
    debtor_name: Option<String>,
    debtor_iban: Option<String>,
    returned: bool,
    sub_family: Option<String>,
}

/// What is gathered of one entry (`Ntry`) while it is read.
#[derive(Debug, Default)]
struct EntryFields {
    amount: Option<(String, String)>,
    credit_debit: Option<String>,
    reversal: bool,
    status: Option<String>,
    booked_on: Option<String>,
    servicer_ref: Option<String>,
    charges_total: Option<(String, String)>,
    charges_records: Vec<(String, String)>,
    sub_family: Option<String>,
    txs: Vec<TxFields>,
}

/// The streaming reader of one camt file.
pub struct CamtReader<R: BufRead> {
    xml: quick_xml::Reader<Lines<R>>,
    buf: Vec<u8>,
    /// The provider's accounts (electronic form); an entry on any other is
    /// refused.
    accounts: Vec<String>,
    message: Option<&'static str>,
    path: Vec<String>,
    text: String,
    /// The `Ccy` of the `Amt` element being read.
    amount_currency: String,
    account: Option<String>,
    entry: Option<EntryFields>,
    /// Where `Ntry` sits in `path`, while one is read.
    entry_depth: usize,
    ready: VecDeque<Item>,
    done: bool,
}

impl<R: BufRead> CamtReader<R> {
    /// A reader of `input`, accepting entries on `accounts` only.
    pub fn new(input: R, accounts: Vec<String>) -> CamtReader<R> {
        let mut xml = quick_xml::Reader::from_reader(Lines {
            inner: input,
            lines: 0,
            bytes: 0,
        });
        let config = xml.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = true;
        CamtReader {
            xml,
            buf: Vec::new(),
            accounts,
            message: None,
            path: Vec::new(),
            text: String::new(),
            amount_currency: String::new(),
            account: None,
            entry: None,
            entry_depth: 0,
            ready: VecDeque::new(),
            done: false,
        }
    }

    /// The message and version, once the root element is read
    /// (`camt.054.001.08`).
    pub fn message(&self) -> Option<&'static str> {
        self.message
    }

    /// How many bytes of the input have been read (for a progress bar).
    pub fn bytes_read(&self) -> u64 {
        self.xml.get_ref().bytes
    }

    fn line(&self) -> u64 {
        self.xml.get_ref().lines + 1
    }

    fn error(&self, message: impl Into<String>) -> CamtError {
        CamtError {
            line: self.line(),
            message: message.into(),
        }
    }

    /// The next transaction, or `None` at the end of a well-formed file.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Item>, CamtError> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Ok(Some(item));
            }
            if self.done {
                return Ok(None);
            }
            self.step()?;
        }
    }

    /// Read one XML event.
    fn step(&mut self) -> Result<(), CamtError> {
        self.buf.clear();
        let event = match self.xml.read_event_into(&mut self.buf) {
            Ok(e) => e.into_owned(),
            Err(e) => {
                let inside = self
                    .path
                    .last()
                    .map(|p| format!(" (inside <{p}>)"))
                    .unwrap_or_default();
                return Err(self.error(format!("not well-formed XML{inside}: {e}")));
            }
        };
        match event {
            Event::Start(start) => self.start(&start),
            Event::End(_) => self.end(),
            Event::Text(t) => {
                let text = t
                    .decode()
                    .map_err(|e| self.error(format!("text is not UTF-8: {e}")))?;
                self.text.push_str(&text);
                Ok(())
            }
            Event::CData(t) => {
                let text = t
                    .decode()
                    .map_err(|e| self.error(format!("text is not UTF-8: {e}")))?;
                self.text.push_str(&text);
                Ok(())
            }
            Event::GeneralRef(r) => {
                let name = r
                    .decode()
                    .map_err(|e| self.error(format!("text is not UTF-8: {e}")))?;
                match r.resolve_char_ref() {
                    Ok(Some(c)) => self.text.push(c),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => self.text.push_str(s),
                        None => return Err(self.error(format!("unknown entity &{name};"))),
                    },
                    Err(e) => return Err(self.error(format!("bad character reference: {e}"))),
                }
                Ok(())
            }
            Event::Eof => {
                if self.message.is_none() {
                    return Err(self.error("empty file: no camt document"));
                }
                if let Some(open) = self.path.last() {
                    return Err(
                        self.error(format!("the file ends inside <{open}>: it is cut short"))
                    );
                }
                self.done = true;
                Ok(())
            }
            Event::Empty(_) => Ok(()),
            _ => Ok(()),
        }
    }

    fn start(&mut self, start: &BytesStart<'_>) -> Result<(), CamtError> {
        let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
        self.text.clear();
        if self.path.is_empty() {
            self.root(start, &name)?;
        }
        match name.as_str() {
            "Amt" | "TtlChrgsAndTaxAmt" => {
                self.amount_currency = start
                    .try_get_attribute("Ccy")
                    .ok()
                    .flatten()
                    .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                    .unwrap_or_default();
            }
            "Stmt" | "Ntfctn" if self.path.len() == 2 => self.account = None,
            "Ntry" if self.entry.is_none() => {
                let Some(account) = &self.account else {
                    return Err(self.error("<Ntry> before its account's <Acct><Id><IBAN>"));
                };
                if !self.accounts.iter().any(|a| a == account) {
                    return Err(self.error(format!(
                        "account {account} is not one of the provider's (billing.iban, qr_iban, eur_iban)"
                    )));
                }
                self.entry = Some(EntryFields::default());
                self.entry_depth = self.path.len();
            }
            "TxDtls" if self.entry.is_some() => {
                if let Some(e) = self.entry.as_mut() {
                    e.txs.push(TxFields::default());
                }
            }
            "RtrInf" => {
                if let Some(tx) = self.entry.as_mut().and_then(|e| e.txs.last_mut()) {
                    tx.returned = true;
                }
            }
            _ => {}
        }
        self.path.push(name);
        Ok(())
    }

    /// The root element says what the file is.
    fn root(&mut self, start: &BytesStart<'_>, name: &str) -> Result<(), CamtError> {
        let namespace = start
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == b"xmlns")
            .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
            .unwrap_or_default();
        let message = namespace.strip_prefix(NAMESPACE_PREFIX).unwrap_or("");
        if name != "Document" || !message.starts_with("camt.05") {
            return Err(self.error(format!(
                "not a camt.053 or camt.054 file: the root is <{name}> in namespace \"{namespace}\""
            )));
        }
        match SUPPORTED.iter().find(|s| **s == message) {
            Some(s) => {
                self.message = Some(s);
                Ok(())
            }
            None => Err(self.error(format!(
                "unsupported version {message}: Guichet reads {}",
                SUPPORTED.join(", ")
            ))),
        }
    }

    fn end(&mut self) -> Result<(), CamtError> {
        let text = std::mem::take(&mut self.text);
        let text = text.trim();
        let depth = self.path.len();
        if self.entry.is_some() && depth == self.entry_depth + 1 {
            // </Ntry>
            let entry = self.entry.take().unwrap_or_default();
            self.path.pop();
            return self.entry_done(entry);
        }
        if self.entry.is_some() {
            let path = std::mem::take(&mut self.path);
            let rel: Vec<&str> = path[self.entry_depth + 1..]
                .iter()
                .map(String::as_str)
                .collect();
            let done = self.entry_field(&rel, text);
            self.path = path;
            done?;
        } else if depth >= 4 {
            let tail: Vec<&str> = self.path[depth - 4..].iter().map(String::as_str).collect();
            if matches!(tail.as_slice(), ["Stmt" | "Ntfctn", "Acct", "Id", "IBAN"]) {
                self.account = Some(text.chars().filter(|c| !c.is_whitespace()).collect());
            }
        }
        self.path.pop();
        Ok(())
    }

    /// A field of the entry being read, by its path under `Ntry`.
    fn entry_field(&mut self, rel: &[&str], text: &str) -> Result<(), CamtError> {
        let currency = std::mem::take(&mut self.amount_currency);
        let amount = || (text.to_owned(), currency.clone());
        let Some(e) = self.entry.as_mut() else {
            return Ok(());
        };
        match rel {
            ["Amt"] => e.amount = Some(amount()),
            ["CdtDbtInd"] => e.credit_debit = Some(text.to_owned()),
            ["RvslInd"] => e.reversal = text == "true" || text == "1",
            ["Sts"] if !text.is_empty() => e.status = Some(text.to_owned()),
            ["Sts", "Cd"] => e.status = Some(text.to_owned()),
            ["BookgDt", "Dt"] => e.booked_on = Some(text.to_owned()),
            ["BookgDt", "DtTm"] => e.booked_on = Some(text.chars().take(10).collect()),
            ["AcctSvcrRef"] => e.servicer_ref = Some(text.to_owned()),
            ["Chrgs", "TtlChrgsAndTaxAmt"] => e.charges_total = Some(amount()),
            ["Chrgs", "Rcrd", "Amt"] => e.charges_records.push(amount()),
            ["BkTxCd", "Domn", "Fmly", "SubFmlyCd"] => e.sub_family = Some(text.to_owned()),
            ["NtryDtls", "TxDtls", field @ ..] => {
                let Some(tx) = e.txs.last_mut() else {
                    return Ok(());
                };
                match field {
                    ["Refs", "AcctSvcrRef"] => tx.servicer_ref = Some(text.to_owned()),
                    ["Refs", "EndToEndId"] => {
                        tx.end_to_end_id = Some(text.to_owned()).filter(|t| t != "NOTPROVIDED")
                    }
                    ["Amt"] => tx.amount = Some(amount()),
                    ["AmtDtls", "TxAmt", "Amt"] => tx.tx_amount = Some(amount()),
                    ["RltdPties", "Dbtr", "Nm"] | ["RltdPties", "Dbtr", "Pty", "Nm"] => {
                        tx.debtor_name = Some(text.to_owned())
                    }
                    ["RltdPties", "DbtrAcct", "Id", "IBAN"] => {
                        tx.debtor_iban = Some(text.chars().filter(|c| !c.is_whitespace()).collect())
                    }
                    ["RmtInf", "Strd", "CdtrRefInf", "Ref"] => {
                        tx.reference = Some(text.chars().filter(|c| !c.is_whitespace()).collect())
                    }
                    ["RmtInf", "Ustrd"] if !text.is_empty() => tx.remittance.push(text.to_owned()),
                    ["BkTxCd", "Domn", "Fmly", "SubFmlyCd"] => {
                        tx.sub_family = Some(text.to_owned())
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// An entry is read: what it holds becomes items.
    fn entry_done(&mut self, mut e: EntryFields) -> Result<(), CamtError> {
        let line = self.line();
        let at = |message: String| CamtError { line, message };
        if e.status.as_deref() != Some("BOOK") {
            self.ready.push_back(Item::Skipped {
                line,
                why: "not booked",
            });
            return Ok(());
        }
        let returned = e.sub_family.as_deref() == Some("RRTN")
            || e.txs
                .iter()
                .any(|t| t.returned || t.sub_family.as_deref() == Some("RRTN"));
        let undoes = e.reversal || returned;
        let credit = match e.credit_debit.as_deref() {
            Some("CRDT") => true,
            Some("DBIT") => false,
            other => {
                return Err(at(format!(
                    "<Ntry> has <CdtDbtInd> {:?}: CRDT or DBIT expected",
                    other.unwrap_or("(missing)")
                )));
            }
        };
        // A credit, or a debit that undoes a credit; the rest (debits, and
        // reversals of debits) moves no money in.
        if credit == undoes {
            self.ready.push_back(Item::Skipped {
                line,
                why: "not a credit",
            });
            return Ok(());
        }
        let (amount_text, amount_currency) = e
            .amount
            .as_ref()
            .ok_or_else(|| at("<Ntry> without <Amt>".into()))?;
        let entry_amount = parse_amount(amount_text, amount_currency).map_err(&at)?;
        let charges = match (&e.charges_total, e.charges_records.as_slice()) {
            (Some((t, c)), _) => Some(parse_amount(t, c).map_err(&at)?),
            (None, []) => None,
            (None, records) => {
                let mut sum: Option<Money> = None;
                for (t, c) in records {
                    let m = parse_amount(t, c).map_err(&at)?;
                    sum = Some(match sum {
                        None => m,
                        Some(s) => s
                            .checked_add(m)
                            .map_err(|_| at("<Chrgs> in several currencies".into()))?,
                    });
                }
                sum
            }
        };
        let account = self.account.clone().unwrap_or_default();
        let mut txs = std::mem::take(&mut e.txs);
        if txs.is_empty() {
            txs.push(TxFields::default());
        }
        let batch = txs.len() > 1;
        let mut amounts = Vec::with_capacity(txs.len());
        for tx in &txs {
            let amount = match tx.amount.as_ref().or(tx.tx_amount.as_ref()) {
                Some((t, c)) => parse_amount(t, c).map_err(&at)?,
                None if !batch => entry_amount,
                None => {
                    return Err(at(format!(
                        "a batch <Ntry> of {} transactions without each one's <Amt>",
                        txs.len()
                    )));
                }
            };
            amounts.push(amount);
        }
        if batch {
            let sum = Money::checked_sum(entry_amount.currency, amounts.iter().copied())
                .map_err(|_| at("transactions in another currency than their entry".into()))?;
            if sum != entry_amount {
                return Err(at(format!(
                    "the {} transactions of this <Ntry> add up to {sum}, the entry says {entry_amount}",
                    txs.len()
                )));
            }
        }
        for (i, (tx, amount)) in txs.into_iter().zip(amounts).enumerate() {
            // Nothing moved (a bank's zero-amount advice): nothing to book.
            if amount.is_zero() {
                self.ready.push_back(Item::Skipped {
                    line,
                    why: "zero amount",
                });
                continue;
            }
            let servicer_ref = tx.servicer_ref.clone().or_else(|| e.servicer_ref.clone());
            let t = Transaction {
                bank_ref: bank_key(&account, &e, &tx, i, batch, amount),
                account_iban: account.clone(),
                servicer_ref,
                amount,
                booked_on: e.booked_on.clone(),
                reference: tx.reference.filter(|r| !r.is_empty()),
                remittance: Some(tx.remittance.join(" ")).filter(|r| !r.is_empty()),
                debtor_name: tx.debtor_name,
                debtor_iban: tx.debtor_iban,
                end_to_end_id: tx.end_to_end_id,
                charges: if i == 0 { charges } else { None },
                line,
            };
            self.ready.push_back(if undoes {
                Item::Reversal(t)
            } else {
                Item::Credit(t)
            });
        }
        Ok(())
    }
}

/// BNK-4's once-only key of a transaction, within the provider's account:
/// the bank's own reference of the transaction (`TxDtls/Refs/AcctSvcrRef`);
/// else the entry's (`Ntry/AcctSvcrRef`), followed by `#n` for the n-th
/// transaction of a batch entry; else `sha256:` and the first 32 hex
/// digits of the SHA-256 of the transaction's content — booking date,
/// amount, currency, reference, debtor's IBAN, end-to-end id and position,
/// joined by `|` — which the same entry in a camt.054 and in the day's
/// camt.053 share.
fn bank_key(
    account: &str,
    e: &EntryFields,
    tx: &TxFields,
    i: usize,
    batch: bool,
    amount: Money,
) -> String {
    if let Some(r) = &tx.servicer_ref {
        return format!("{account}/{r}");
    }
    if let Some(r) = &e.servicer_ref {
        return if batch {
            format!("{account}/{r}#{}", i + 1)
        } else {
            format!("{account}/{r}")
        };
    }
    let content = [
        e.booked_on.as_deref().unwrap_or(""),
        &amount.amount_string(),
        amount.currency.code(),
        tx.reference.as_deref().unwrap_or(""),
        tx.debtor_iban.as_deref().unwrap_or(""),
        tx.end_to_end_id.as_deref().unwrap_or(""),
        &(i + 1).to_string(),
    ]
    .join("|");
    let digest = hex::encode(Sha256::digest(content.as_bytes()));
    format!("{account}/sha256:{}", &digest[..32])
}

/// An amount as camt writes it (an `xs:decimal`: `100.5`, `1250.00`),
/// exactly, in CHF or EUR. Digits past the cents must be zeros.
pub fn parse_amount(text: &str, currency: &str) -> Result<Money, String> {
    let Some(c) = Currency::parse(currency) else {
        return Err(format!(
            "amount {text} in currency \"{currency}\": CHF or EUR expected"
        ));
    };
    let trimmed = match text.split_once('.') {
        Some((units, fraction)) if fraction.len() > 2 => {
            let (kept, rest) = fraction.split_at(2);
            if !rest.bytes().all(|b| b == b'0') {
                return Err(format!("amount {text} has fractions of a cent"));
            }
            format!("{units}.{kept}")
        }
        _ => text.to_owned(),
    };
    match Money::parse(&trimmed, c) {
        Ok(m) if !m.is_negative() => Ok(m),
        _ => Err(format!(
            "amount \"{text}\" is not a decimal number (like 1250.00)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "CH4431999123000889012";

    fn read_all(xml: &str) -> Result<Vec<Item>, CamtError> {
        let mut r = CamtReader::new(xml.as_bytes(), vec![ACCOUNT.into()]);
        let mut items = Vec::new();
        while let Some(i) = r.next()? {
            items.push(i);
        }
        Ok(items)
    }

    fn doc(version: &str, entries: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:{version}">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>M1</MsgId></GrpHdr>
    <Ntfctn>
      <Id>N1</Id>
      <Acct><Id><IBAN>{ACCOUNT}</IBAN></Id></Acct>
      {entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>"#
        )
    }

    #[test]
    fn amounts_are_exact_decimals() {
        // proves: BNK-2
        let chf = |m| Money::new(m, Currency::Chf);
        assert_eq!(parse_amount("100.5", "CHF"), Ok(chf(10050)));
        assert_eq!(parse_amount("1250.00", "CHF"), Ok(chf(125000)));
        assert_eq!(parse_amount("7", "CHF"), Ok(chf(700)));
        assert_eq!(parse_amount("0.100", "CHF"), Ok(chf(10)));
        assert!(parse_amount("0.105", "CHF").is_err());
        assert!(parse_amount("12,50", "CHF").is_err());
        assert!(parse_amount("-5.00", "CHF").is_err());
        assert!(parse_amount("1e3", "CHF").is_err());
        assert!(parse_amount("5.00", "USD").is_err());
    }

    #[test]
    fn a_batch_entry_is_split_and_must_add_up() {
        // proves: BNK-2
        let tx = |amount: &str, r: &str| {
            format!(
                r#"<TxDtls><Amt Ccy="CHF">{amount}</Amt><RmtInf><Strd><CdtrRefInf><Ref>{r}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>"#
            )
        };
        let entry = |total: &str| {
            format!(
                r#"<Ntry><Amt Ccy="CHF">{total}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><Dt>2026-11-30</Dt></BookgDt><AcctSvcrRef>E-1</AcctSvcrRef>
                <NtryDtls>{}{}</NtryDtls></Ntry>"#,
                tx("10.5", "RF18539007547034"),
                tx("2.25", "RF18 5390 0754 7034")
            )
        };
        let items = read_all(&doc("camt.054.001.08", &entry("12.75"))).unwrap();
        let Item::Credit(first) = &items[0] else {
            panic!("{items:?}")
        };
        let Item::Credit(second) = &items[1] else {
            panic!("{items:?}")
        };
        assert_eq!(first.amount, Money::new(1050, Currency::Chf));
        assert_eq!(second.amount, Money::new(225, Currency::Chf));
        assert_eq!(first.bank_ref, format!("{ACCOUNT}/E-1#1"));
        assert_eq!(second.bank_ref, format!("{ACCOUNT}/E-1#2"));
        assert_eq!(second.reference.as_deref(), Some("RF18539007547034"));
        assert_eq!(items.len(), 2);
        let e = read_all(&doc("camt.054.001.08", &entry("13.00"))).unwrap_err();
        assert!(e.message.contains("add up to 12.75 CHF"), "{e}");
    }

    #[test]
    fn what_is_not_a_booked_credit_is_skipped() {
        // proves: BNK-2
        let entry = |cd: &str, sts: &str, rvsl: &str| {
            format!(
                r#"<Ntry><Amt Ccy="CHF">5.00</Amt><CdtDbtInd>{cd}</CdtDbtInd>{rvsl}<Sts>{sts}</Sts><AcctSvcrRef>X</AcctSvcrRef></Ntry>"#
            )
        };
        let all = [
            entry("CRDT", "PDNG", "").replace("5.00", "0.00"),
            entry("CRDT", "BOOK", "").replace("5.00", "0.00"),
            entry("CRDT", "PDNG", ""),
            entry("DBIT", "BOOK", ""),
            entry("CRDT", "BOOK", "<RvslInd>true</RvslInd>"),
            entry("DBIT", "BOOK", "<RvslInd>true</RvslInd>"),
            entry("CRDT", "BOOK", ""),
        ]
        .concat();
        let items = read_all(&doc("camt.054.001.04", &all)).unwrap();
        let kinds: Vec<&str> = items
            .iter()
            .map(|i| match i {
                Item::Credit(_) => "credit",
                Item::Reversal(_) => "reversal",
                Item::Skipped { why, .. } => why,
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "not booked",
                "zero amount",
                "not booked",
                "not a credit",
                "not a credit",
                "reversal",
                "credit"
            ]
        );
    }

    #[test]
    fn bad_files_name_what_and_where() {
        // proves: BNK-2
        let not_camt = r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn/></Document>"#;
        assert!(
            read_all(not_camt)
                .unwrap_err()
                .message
                .contains("not a camt")
        );
        let old = doc("camt.054.001.02", "");
        assert!(
            read_all(&old)
                .unwrap_err()
                .message
                .contains("unsupported version camt.054.001.02")
        );
        let full = doc(
            "camt.054.001.08",
            r#"<Ntry><Amt Ccy="CHF">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts></Ntry>"#,
        );
        let cut = &full[..full.find("<Sts>").unwrap() + 3];
        let e = read_all(cut).unwrap_err();
        assert!(
            e.message.contains("cut short") || e.message.contains("not well-formed"),
            "{e}"
        );
        let other = full.replace(ACCOUNT, "CH5604835012345678009");
        let e = read_all(&other).unwrap_err();
        assert!(
            e.message
                .contains("CH5604835012345678009 is not one of the provider's"),
            "{e}"
        );
        assert_eq!(e.line, 8);
        let comma = full.replace("5.00", "5,00");
        assert!(read_all(&comma).unwrap_err().message.contains("\"5,00\""));
        assert!(read_all("").is_err());
    }

    #[test]
    fn without_the_banks_reference_the_key_is_a_stable_hash() {
        // proves: BNK-4
        let entry = r#"<Ntry><Amt Ccy="CHF">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-30</Dt></BookgDt>
            <NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>"#;
        let once = read_all(&doc("camt.054.001.04", entry)).unwrap();
        let again = read_all(&doc("camt.053.001.04", entry).replace("Ntfctn>", "Stmt>")).unwrap();
        let (Item::Credit(a), Item::Credit(b)) = (&once[0], &again[0]) else {
            panic!("{once:?}")
        };
        assert!(a.bank_ref.starts_with(&format!("{ACCOUNT}/sha256:")));
        assert_eq!(a.bank_ref, b.bank_ref);
        let other = read_all(&doc("camt.054.001.04", &entry.replace("5.00", "5.05"))).unwrap();
        let Item::Credit(c) = &other[0] else { panic!() };
        assert_ne!(a.bank_ref, c.bank_ref);
    }
}
