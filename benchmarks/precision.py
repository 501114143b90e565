"""Precision of the duplicates, spelling and venues rules on lists nobody tuned them on.

    python benchmarks/precision.py [--corpus ../shared/corpus] [--set wide|rest|all]
                                   [--labels benchmarks/precision_labels.csv] [--new-only]
                                   [--dump-unlabelled FILE]

Runs the default ``check`` (each file's own config, the default rule selection) on the lists
of ``corpus/wide/`` (the 32 "lists from strangers"; ``--set rest`` takes the other corpus
lists) and keeps the findings of the LL1 (duplicates), LL2 (spelling) and LL3 (venues)
families. Each finding is matched with the hand-judged labels of ``precision_labels.csv`` by
(file, code, severity, line, subject) -- the subject is the word, title or venue the message
quotes, or the line of the first occurrence for a duplicate -- so a report that changes
severity (an error that became an "also listed under" info) is judged again.

Prints, per rule: findings, labelled true / false, precision over the labelled ones, and how
many findings carry no label yet (new reports after a merge: judge them and add rows); then
the labelled findings that no longer fire (a fixed false alarm, or a lost true report).
``--dump-unlabelled FILE`` appends the unlabelled findings to FILE as CSV rows with an empty
label, to be judged by hand. No assertions; the exit status is 0.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from listlint.engine import Selection
from listlint.lint import check_source, config_for
from listlint.source import Source

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = ("LL1", "LL2", "LL3")
FIELDS = ("file", "code", "severity", "line", "subject", "label", "note")
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")
_LINE_OF = re.compile(r"\bline (\d+)\b")

Key = tuple[str, str, str, int, str]


def subject(code: str, message: str) -> str:
    """What the finding is about: the first line it points back to, else the first quoted text."""
    if code.startswith("LL1"):
        found = _LINE_OF.search(message)
        return found.group(1) if found else ""
    found = _QUOTED.search(message)
    return found.group(1).lower() if found else ""


def findings(paths: list[Path]) -> dict[Key, str]:
    """Every LL1/LL2/LL3 finding of the default check, keyed, with its message and line text."""
    found: dict[Key, str] = {}
    for path in paths:
        config = config_for(path)
        rules = [r for r in Selection().rules(config) if r.code.startswith(FAMILIES)]
        source = Source.read(path)
        for d in check_source(source, config, rules).diagnostics:
            line = source.line_of(d.start)
            key = (path.name, d.code, d.severity.name.lower(), line, subject(d.code, d.message))
            found[key] = f"{d.message} | {source.line_text(line).strip()[:160]}"
    return found


def read_labels(path: Path) -> dict[Key, tuple[str, str]]:
    if not path.exists():
        return {}
    rows = (r for r in path.read_text(encoding="utf-8").splitlines()
            if r and not r.startswith("#"))
    return {(r["file"], r["code"], r["severity"], int(r["line"]), r["subject"]):
            (r["label"].strip().upper(), r["note"]) for r in csv.DictReader(rows)}


def corpus_files(corpus: Path, which: str) -> list[Path]:
    wide = sorted(p for p in (corpus / "wide").glob("*.md") if p.name != "README.md")
    rest = sorted(p for p in corpus.glob("*.md") if p.name != "README.md")
    return {"wide": wide, "rest": rest, "all": wide + rest}[which]


def report(found: dict[Key, str], labels: dict[Key, tuple[str, str]], new_only: bool) -> None:
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for key in found:
        label = labels.get(key, ("", ""))[0]
        per_rule[key[1]][label or "?"] += 1
    if not new_only:
        print(f"{'rule':6} {'fired':>6} {'true':>5} {'false':>6} {'precision':>10} {'unlabelled':>11}")
        for code in sorted(per_rule):
            c = per_rule[code]
            judged = c["T"] + c["F"]
            prec = f"{100 * c['T'] / judged:.0f}%" if judged else "-"
            print(f"{code:6} {sum(c.values()):>6} {c['T']:>5} {c['F']:>6} {prec:>10} {c['?']:>11}")
        for family in FAMILIES:
            t = sum(per_rule[c]["T"] for c in per_rule if c.startswith(family))
            f = sum(per_rule[c]["F"] for c in per_rule if c.startswith(family))
            if t + f:
                print(f"{family}xx  precision {100 * t / (t + f):.1f}% ({t} true of {t + f} judged)")
        gone = [k for k in labels if k not in found and k[0] in {f[0] for f in found}]
        print(f"\nlabelled findings that no longer fire: {len(gone)}")
        for k in sorted(gone):
            print(f"  {labels[k][0]} {k[0]}:{k[3]} {k[1]} {k[4]!r}  {labels[k][1]}")
    new = sorted(k for k in found if k not in labels)
    print(f"\nunlabelled findings: {len(new)}")
    for k in new:
        print(f"  {k[0]}:{k[3]} {k[1]} [{k[2]}] {found[k]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpus")
    parser.add_argument("--set", choices=("wide", "rest", "all"), default="wide")
    parser.add_argument("--labels", type=Path, default=ROOT / "benchmarks" / "precision_labels.csv")
    parser.add_argument("--new-only", action="store_true")
    parser.add_argument("--dump-unlabelled", type=Path)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus} (use --corpus)", file=sys.stderr)
        return 2
    found = findings(corpus_files(args.corpus, args.set))
    labels = read_labels(args.labels)
    report(found, labels, args.new_only)
    if args.dump_unlabelled:
        fresh = not args.dump_unlabelled.exists()
        with args.dump_unlabelled.open("a", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            if fresh:
                writer.writerow(FIELDS)
            for k in sorted(k for k in found if k not in labels):
                writer.writerow([*k, "", found[k]])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
