"""Side by side: awesome-lint 2.3.0 and ``listlint check --preset awesome``, per requirement.

    .venv/bin/python benchmarks/compare_awesome.py            # the four awesome-style lists
    .venv/bin/python benchmarks/compare_awesome.py --details  # plus the lines they disagree on
    .venv/bin/python benchmarks/compare_awesome.py FILE.md ...
    .venv/bin/python benchmarks/compare_awesome.py --fixtures           # per-rule parity table
    .venv/bin/python benchmarks/compare_awesome.py --fixtures --record  # re-record awesome-lint

``--fixtures`` runs both tools on every case of ``tests/fixtures/awesome/`` (one small README
per awesome-lint rule case; a folder when the case needs more files) and prints, per
awesome-lint rule, how many of awesome-lint's reports listlint makes on the same line, and how
many reports listlint makes on the fixtures awesome-lint keeps clean. ``--record`` writes what
awesome-lint reports to ``tests/fixtures/awesome/expected.json``, which the parity test
(``tests/test_awesome_parity.py``) reads.

Each list is copied into a fresh temporary folder as ``readme.md`` in a git repository with
a GitHub ``origin`` remote (awesome-lint's github rule needs one; without network its API call
fails quietly, and listlint's LL613 says it did not check). awesome-lint runs through a small
Node script that prints its messages as JSON; listlint runs in-process. Every message of both
tools is put under one requirement of anchors.md; the table shows how many each tool reports,
how many lines both flag, and what ``listlint fix --preset awesome`` leaves (and how much of
that is still fixable: it should be nothing).

Needs awesome-lint: ``bash ../shared/peers/install.sh`` (or PEERS=DIR).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("LISTLINT_SHARED", ROOT.parent / "shared")) / "corpus"
PEERS = Path(os.environ.get("PEERS", Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                            / "listlint-peers"))
LISTS = ("sindresorhus__awesome.md", "sindresorhus__awesome-nodejs.md",
         "vinta__awesome-python.md", "avelino__awesome-go.md")

DUMP_JS = """
const [lib, file] = process.argv.slice(-2);
const {default: lint} = await import(lib + '/index.js');
const vfiles = await lint({filename: file});
const out = [];
for (const vf of vfiles) for (const m of vf.messages)
  out.push({line: m.line || 1, rule: m.ruleId, message: m.reason, file: vf.basename});
console.log(JSON.stringify(out));
"""

# requirement -> (awesome-lint rule ids or "rule:message fragment", listlint codes)
REQUIREMENTS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("main heading", ("awesome-heading", "no-multiple-toplevel-headings"), ("LL601",)),
    ("badge", ("awesome-badge",), ("LL602",)),
    ("table of contents", ("awesome-toc",), ("LL603", "LL006")),
    ("license section", ("awesome-license",), ("LL604",)),
    ("contributing.md", ("awesome-contributing",), ("LL605",)),
    ("code of conduct", ("awesome-code-of-conduct",), ("LL616",)),
    ("CI badge", ("awesome-no-ci-badge",), ("LL606",)),
    ("balanced punctuation", ("balanced-punctuation",), ("LL607",)),
    ("name repeated in description", ("no-repeat-item-in-description",), ("LL608",)),
    ("canonical spellings", ("awesome-spell-check",), ("LL609",)),
    ("undefined references", ("no-undefined-references",), ("LL610",)),
    ("unused definitions", ("no-unused-definitions",), ("LL611",)),
    ("unneeded full references", ("no-unneeded-full-reference-link",
                                  "no-unneeded-full-reference-image"), ("LL618",)),
    ("final newline", ("final-newline",), ("LL514",)),
    ("item: separator ' - '", ("awesome-list-item:separated",), ("LL503", "LL504")),
    ("item: description case", ("awesome-list-item:casing",), ("LL507",)),
    ("item: final punctuation", ("awesome-list-item:punctuation",), ("LL508",)),
    ("item: space after marker", ("awesome-list-item:followed by a space", "list-item-indent"),
     ("LL502", "LL612")),
    ("item: link/URL valid", ("awesome-list-item:Invalid list item",), ("LL001", "LL004", "LL614")),
    ("consistent markers", ("unordered-list-marker-style",), ("LL501",)),
    ("item: indented, two markers, emoji end", ("list-item-bullet-indent",), ("LL615",)),
    ("duplicate links", ("double-link",), ("LL617", "LL101")),
    ("GitHub repository facts", ("awesome-github",), ("LL613",)),
]


def requirement_of_awesome(msg: dict) -> str:
    rule, text = msg["rule"] or "", msg["message"] or ""
    for name, keys, _ in REQUIREMENTS:
        for key in keys:
            rid, _, fragment = key.partition(":")
            if rule == rid and (not fragment or fragment in text):
                return name
    return f"other: {rule}"


def requirement_of_listlint(code: str) -> str | None:
    for name, _, codes in REQUIREMENTS:
        if code in codes:
            return name
    return None


def run_awesome_lint(folder: Path) -> list[dict]:
    lib = PEERS / "node_modules" / "awesome-lint"
    script = folder.parent / "dump.mjs"
    script.write_text(DUMP_JS, encoding="utf-8")
    out = subprocess.run(["node", str(script), str(lib), "readme.md"], cwd=folder,
                         capture_output=True, text=True, timeout=600, check=True)
    return json.loads(out.stdout)


def run_listlint(path: Path, fix: bool = False) -> tuple[list[tuple[str, int]], int]:
    """(code, line) of every finding of the preset; with ``fix``, fix first (in place)."""
    sys.path.insert(0, str(ROOT / "src"))
    from listlint.config import Config, apply_preset
    from listlint.engine import Selection
    from listlint.fix import fix_source, fixable
    from listlint.lint import check_source
    from listlint.source import Source

    config = apply_preset(Config(), "awesome")
    rules = Selection().rules(config)
    source = Source.read(path)
    if fix:
        result = fix_source(source, config, rules)
        path.write_bytes(result.render())
        source = Source.read(path)
    checked = check_source(source, config, rules)
    src = checked.source
    diags = checked.diagnostics
    return [(d.code, src.line_of(d.start)) for d in diags], len(fixable(diags))


def prepare(tmp: Path, md: Path) -> Path:
    folder = tmp / md.stem
    folder.mkdir()
    shutil.copyfile(md, folder / "readme.md")
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "remote", "add", "origin", f"https://github.com/example/{md.stem}.git"],
                   cwd=folder, check=True)
    subprocess.run(["git", "config", "branch.main.remote", "origin"], cwd=folder, check=True)
    return folder


def compare(md: Path, details: bool) -> tuple[int, int, int, int]:
    """Print the per-requirement table of ``md``; return (awesome-lint's findings, listlint's
    findings under awesome-lint's requirements, what listlint reports after its fix, how many
    of those are still fixable)."""
    with tempfile.TemporaryDirectory(prefix="compare-awesome-") as t:
        folder = prepare(Path(t), md)
        peer = run_awesome_lint(folder)
        ours, _ = run_listlint(folder / "readme.md")
        after, still_fixable = run_listlint(folder / "readme.md", fix=True)
    a_lines: dict[str, list[int]] = defaultdict(list)
    for m in peer:
        a_lines[requirement_of_awesome(m)].append(m["line"])
    l_lines: dict[str, list[int]] = defaultdict(list)
    other: Counter[str] = Counter()
    for code, line in ours:
        req = requirement_of_listlint(code)
        if req is None:
            other[code] += 1
        else:
            l_lines[req].append(line)
    left: Counter[str] = Counter()
    for code, _ in after:
        left[requirement_of_listlint(code) or f"other: {code}"] += 1
    names = [n for n, _, _ in REQUIREMENTS] + sorted(k for k in a_lines if k.startswith("other"))
    print(f"\n## {md.name}\n")
    print("| requirement | awesome-lint | listlint | same lines | after fix |")
    print("|---|---:|---:|---:|---:|")
    totals = [0, 0, 0]
    for name in names:
        a, b = a_lines.get(name, []), l_lines.get(name, [])
        if not a and not b and not left.get(name):
            continue
        same = len(set(a) & set(b))
        print(f"| {name} | {len(a)} | {len(b)} | {same} | {left.get(name, 0)} |")
        totals[0] += len(a)
        totals[1] += len(b)
        totals[2] += left.get(name, 0)
    print(f"| **total** | {totals[0]} | {totals[1]} | | {totals[2]} |")
    if other:
        print("\nlistlint findings outside awesome-lint's requirements (other families): "
              + ", ".join(f"{c} {n}" for c, n in sorted(other.items())))
    print(f"\nafter `fix --preset awesome`: {len(after)} findings remain, "
          f"{still_fixable} of them fixable")
    if details:
        for name in names:
            a, b = set(a_lines.get(name, [])), set(l_lines.get(name, []))
            if a != b:
                print(f"- {name}: only awesome-lint at lines {sorted(a - b)[:40]}; "
                      f"only listlint at lines {sorted(b - a)[:40]}")
    return totals[0], totals[1], totals[2], still_fixable


FIXTURES = ROOT / "tests" / "fixtures" / "awesome"
EXPECTED = FIXTURES / "expected.json"
CONTRIBUTING = "# Contributing\n\nOpen a pull request that adds one entry.\n"


def fixture_cases() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix == ".md" or p.is_dir())


def prepare_case(tmp: Path, case: Path) -> Path:
    """A git checkout holding the case as ``readme.md`` (and contributing.md if it has none)."""
    folder = tmp / case.stem
    if case.is_dir():
        shutil.copytree(case, folder)
        readme = folder / "readme.md"
    else:
        folder.mkdir()
        readme = folder / "readme.md"
        shutil.copyfile(case, readme)
    if not any(p.name.lower() == "contributing.md" for p in folder.iterdir()):
        (folder / "contributing.md").write_text(CONTRIBUTING, encoding="utf-8")
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "remote", "add", "origin", "https://github.com/example/fixture.git"],
                   cwd=folder, check=True)
    subprocess.run(["git", "config", "branch.main.remote", "origin"], cwd=folder, check=True)
    return readme


def listlint_findings(readme: Path) -> list[tuple[str, int]]:
    """(code, line) of every finding of ``check --preset awesome``, LL613's info line left out."""
    sys.path.insert(0, str(ROOT / "src"))
    from listlint.config import Config, apply_preset
    from listlint.engine import Selection
    from listlint.inputs import RunInputs
    from listlint.lint import check_source
    from listlint.source import Source

    config = apply_preset(Config(), "awesome")
    checked = check_source(Source.read(readme), config, Selection().rules(config),
                           RunInputs(base_dir=readme.parent))
    src = checked.source
    return [(d.code, src.line_of(d.start)) for d in checked.diagnostics if d.code != "LL613"]


def record(cases: list[Path]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="compare-awesome-") as t:
        for case in cases:
            readme = prepare_case(Path(t), case)
            msgs = run_awesome_lint(readme.parent)
            out[case.stem] = [{"line": m["line"], "rule": m["rule"], "message": m["message"],
                               **({} if m["file"] == "readme.md" else {"file": m["file"]})}
                              for m in msgs if m["rule"] != "awesome-github"]
    EXPECTED.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def fixture_table(details: bool) -> None:
    """Per awesome-lint rule: its expected reports, how many listlint makes on the same line."""
    sys.path.insert(0, str(ROOT / "src"))
    from listlint.presets import AWESOME_LINT_RULES

    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    differences = json.loads((FIXTURES / "differences.json").read_text(encoding="utf-8"))
    deliberate_missing = {(d["case"], d["line"], d["rule"]) for d in differences["not_reported"]}
    deliberate_extra = {(d["case"], d["line"], d["code"]) for d in differences["extra"]}
    kept_out = added = 0
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean_cases = clean_extra = 0
    misses: list[str] = []
    with tempfile.TemporaryDirectory(prefix="compare-awesome-") as t:
        for case in fixture_cases():
            readme = prepare_case(Path(t), case)
            ours = listlint_findings(readme)
            want = expected.get(case.stem, [])
            if not want:
                clean_cases += 1
                clean_extra += len(ours)
                added += sum((case.stem, ln, c) in deliberate_extra for c, ln in ours)
                misses.extend(f"{case.stem}: listlint {c} line {ln} on a clean fixture"
                              for c, ln in ours)
            for m in want:
                codes = AWESOME_LINT_RULES.get(m["rule"], ())
                row = per_rule[m["rule"]]
                row[0] += 1
                if any(c in codes and (ln == m["line"] or "file" in m) for c, ln in ours):
                    row[1] += 1
                else:
                    kept_out += (case.stem, m["line"], m["rule"]) in deliberate_missing
                    misses.append(f"{case.stem}: awesome-lint {m['rule']} line {m['line']} "
                                  f"({m['message']}) not made")
    print(f"\n## {len(fixture_cases())} fixtures of tests/fixtures/awesome\n")
    print("| awesome-lint rule | its reports | listlint on the same line | share |")
    # (a report on another file, code-of-conduct.md, counts when listlint makes it at all)
    print("|---|---:|---:|---:|")
    total = [0, 0]
    for name in sorted(per_rule):
        n, same = per_rule[name]
        total[0] += n
        total[1] += same
        print(f"| {name} | {n} | {same} | {same / n:.0%} |")
    share = total[1] / total[0] if total[0] else 1.0
    print(f"| **total** | {total[0]} | {total[1]} | {share:.0%} |")
    rest = total[0] - kept_out
    print(f"\nleaving out the {kept_out} reports listlint deliberately does not make "
          f"(differences.json): {total[1]} of {rest} ({total[1] / rest if rest else 1:.0%})")
    print(f"fixtures awesome-lint keeps clean: {clean_cases}; listlint reports on them: "
          f"{clean_extra}, of which {added} are deliberate differences (differences.json)")
    if details:
        for line in misses:
            print(f"- {line}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--details", action="store_true", help="list the lines the tools disagree on")
    ap.add_argument("--fixtures", action="store_true", help="the per-rule table of the fixtures")
    ap.add_argument("--record", action="store_true",
                    help="with --fixtures: record awesome-lint's reports in expected.json first")
    args = ap.parse_args()
    if args.fixtures and not args.record:
        fixture_table(args.details)
        return
    if not (PEERS / "node_modules" / "awesome-lint").is_dir():
        sys.exit(f"awesome-lint not found under {PEERS}; run bash ../shared/peers/install.sh")
    if args.fixtures:
        record(fixture_cases())
        fixture_table(args.details)
        return
    files = args.files or [CORPUS / name for name in LISTS]
    rows = [(md, compare(md, args.details)) for md in files]
    if len(rows) > 1:
        print("\n## Summary\n")
        print("| list | awesome-lint | listlint | listlint after fix | of which fixable |")
        print("|---|---:|---:|---:|---:|")
        for md, (theirs, ours, after, still) in rows:
            print(f"| {md.stem.replace('__', '/')} | {theirs} | {ours} | {after} | {still} |")
        sums = [sum(r[1][k] for r in rows) for k in range(4)]
        print(f"| **{len(rows)} lists** | {sums[0]} | {sums[1]} | {sums[2]} | {sums[3]} |")


if __name__ == "__main__":
    main()
