"""``listlint init``: set a repository up for listlint in one command.

It writes a starter ``[tool.listlint]`` (appended to ``pyproject.toml`` when there is one, else
a ``.listlint.toml``) whose conventions are inferred from the README as it is, the pre-commit
hook (``.pre-commit-config.yaml``) and two GitHub workflows (pull-request checks, weekly link
check). It never overwrites a file: what exists is skipped, with the reason and, for the
pre-commit config, the snippet to add by hand. Every file is checked before it is written (the
configuration loads, the YAML is what the templates say), so ``init`` cannot break a repository.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from listlint import __version__, data_text
from listlint.config import FAMILY_TABLES, ConfigError, config_from_table
from listlint.document import Document, parse
from listlint.registry import all_rules
from listlint.source import Source

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"
# The check hook's arguments (as in .pre-commit-hooks.yaml, written out so users see them):
# problems of warning and above on the lines a commit adds or changes block it.
HOOK_ARGS = ("--diff-base=HEAD", "--fail-on=warning")
WORKFLOWS = {
    ".github/workflows/listlint.yml": ("workflow-listlint.yml",
                                       "pull-request checks, annotations on the changed lines"),
    ".github/workflows/listlint-links.yml": ("workflow-listlint-links.yml",
                                             "weekly link check that updates one tracking issue"),
}
# Sections of a list that are not part of the list.
_NOT_LIST = re.compile(r"^(contribut\w*|licen[cs]e|acknowledg\w*|code of conduct|"
                       r"contributors|sponsors?|star history|citation|footnotes?)$", re.I)


class InitError(Exception):
    """``init`` cannot start; the message is one line that says what to do."""


@dataclass(frozen=True, slots=True)
class Conventions:
    """What the README does most often, as evidence for the starter configuration."""

    entries: int
    separator: str | None  # e.g. ": " or " - "; None when entries have no descriptions
    list_marker: str | None  # "-", "*", "+" or "1."
    checkbox_share: float  # fraction of entries with a task checkbox
    skip_sections: tuple[str, ...]

    def summary(self) -> str:
        parts = [f"{self.entries} entries"]
        if self.list_marker:
            parts.append(f"marker {self.list_marker!r}")
        if self.separator:
            parts.append(f"separator {self.separator!r}")
        if self.checkbox_share:
            parts.append(f"checkboxes on {self.checkbox_share:.0%}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Step:
    """One file ``init`` wrote, or skipped and why."""

    verb: str  # "created", "appended to" or "skipped"
    path: str
    what: str
    extra: str = ""  # lines to show after the message (e.g. a snippet to paste)

    @property
    def done(self) -> bool:
        return self.verb != "skipped"

    def describe(self, dry_run: bool = False) -> str:
        verb = f"would have {self.verb}" if dry_run and self.done else self.verb
        head = f"{verb} {self.path}: {self.what}"
        return head + ("\n" + self.extra if self.extra else "")


def _dominant(values: Sequence[str]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def infer_conventions(doc: Document) -> Conventions:
    """The list's dominant separator, list marker and checkbox use, and its non-list sections.

    A small stand-in for :mod:`listlint.rules.style` when that module is not installed.
    """
    items = [e for e in doc.entries if e.kind == "item"]
    marker = _dominant([e.list_marker for e in items])
    separator = _dominant([e.separator for e in doc.entries if e.description])
    boxes = sum(1 for e in items if e.checked is not None)
    share = boxes / len(items) if items else 0.0
    skip = tuple(dict.fromkeys(s.title for s in doc.sections if _NOT_LIST.match(s.title.strip())))
    return Conventions(len(doc.entries), separator, marker, share, skip)


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_toml_str(v) for v in values) + "]"


@dataclass(frozen=True, slots=True)
class Measured:
    """One convention of ``[tool.listlint.style]`` as the list uses it today."""

    key: str
    value: str | None  # the dominant value; None when nothing dominates (stays "auto")
    top: str  # the most frequent value
    count: int
    total: int
    of: str  # what was counted: "entries", "descriptions"

    def line(self) -> str:
        if self.value is None:
            return (f"# {self.key} = \"auto\"  # nothing dominates: {self.top!r} in "
                    f"{self.count} of {self.total} {self.of}")
        return f"{self.key} = {_toml_str(self.value)}  # {self.count} of {self.total} {self.of}"


def measure_style(doc: Document) -> list[Measured]:
    """Marker, separator and checkbox as the whole list uses them, judged like the style family.

    Empty when the style family (:mod:`listlint.rules.style`, issue 4) is not installed: its table
    would not be a valid key then.
    """
    all_rules()  # rule families register their tables on import
    if "style" not in FAMILY_TABLES:
        return []
    from listlint.entry_text import separator_kind
    from listlint.rules.style import settings as style

    threshold = float(style.STYLE_DEFAULTS["threshold"])
    min_entries = int(style.STYLE_DEFAULTS["min-entries"])
    items = [e for e in doc.entries if e.kind == "item"]
    observed = {
        "marker": ([e.list_marker for e in items if e.list_marker in ("-", "*", "+")],
                   "entries"),
        "separator": ([e.separator for e in doc.entries
                       if e.description and separator_kind(e.separator)],
                      "descriptions"),
        "checkbox": (["always" if e.checked is not None else "never" for e in items],
                     "entries"),
    }
    out: list[Measured] = []
    for key, (values, of) in observed.items():
        if not values:
            continue
        top, n = Counter(values).most_common(1)[0]
        dominant = len(values) >= min_entries and n >= threshold * len(values)
        out.append(Measured(key, top if dominant else None, top, n, len(values), of))
    return out


def _no_worse(doc: Document, measured: list[Measured]) -> list[Measured]:
    """Unpin a convention when pinning it reports more than inferring it section by section."""
    from listlint.engine import run_rules
    from listlint.inputs import RunInputs

    rules = [r for r in all_rules() if r.family == "style" and r.default]
    pinned = [m for m in measured if m.value is not None]
    if not rules or not pinned:
        return measured
    inputs = RunInputs.for_path(doc.source.path)

    def count(style: dict[str, str]) -> int:
        config = config_from_table({"style": style}, None)
        return len(run_rules(doc, config, rules, inputs))

    baseline = count({})
    keep = {m.key for m in pinned if count({m.key: m.value or "auto"}) <= baseline}
    return [m if m.value is None or m.key in keep else
            Measured(m.key, None, m.top, m.count, m.total, m.of) for m in measured]


def starter_config(doc: Document, readme: str, *, pyproject: bool) -> str:
    """The starter configuration text (a ``[tool.listlint]`` table, or a .listlint.toml)."""
    conv = infer_conventions(doc)
    head = "[tool.listlint]\n" if pyproject else ""
    family = "tool.listlint." if pyproject else ""
    lines = [
        f"# Written by `listlint init` {__version__} from {readme} as it is "
        f"({conv.summary()}).",
        "# Every key is optional. `listlint rules` lists the rules; `listlint rule CODE` "
        "explains one.",
        'fail-on = "error"  # error | warning | info: the lowest severity that fails a check',
        f"skip-sections = {_toml_list(conv.skip_sections)}  # headings that are not the list",
        "words = []  # extra words the spelling rules accept: names, jargon",
        "ignore-urls = []  # regular expressions of URLs that are never reported",
        '# select = ["LL0", "LL1"]  # only these rules (codes, prefixes or names)',
        "# ignore = []  # rules to skip",
        '# preset = "awesome"  # the house style of awesome lists (as awesome-lint checks it)',
    ]
    body = head + "\n".join(lines) + "\n"
    measured = _no_worse(doc, measure_style(doc))
    if measured:
        body += (f"\n# The list's own conventions, measured on {readme}: the style rules (LL5xx) "
                 "report entries\n# that drift from them. \"auto\" infers them section by "
                 "section; \"off\" turns one off.\n"
                 f"[{family}style]\n" + "".join(m.line() + "\n" for m in measured))
    else:
        body += (f"# Conventions of {readme}: marker {conv.list_marker or 'none'!r}, separator "
                 f"{conv.separator or 'none'!r}, checkboxes on {conv.checkbox_share:.0%} of "
                 "entries.\n")
    return body


def _validate_config(text: str, path: Path, pyproject: bool) -> None:
    data = tomllib.loads(text)
    table = data.get("tool", {}).get("listlint", {}) if pyproject else data
    config_from_table(table, path, "tool.listlint." if pyproject else "")


def render_template(name: str, **values: str) -> str:
    """A file of ``listlint/data`` with its ``@LISTLINT_*@`` placeholders filled in."""
    text = data_text(name)
    values = {"VERSION": __version__, **values}
    for key, value in values.items():
        text = text.replace(f"@LISTLINT_{key}@", value)
    leftover = re.search(r"@LISTLINT_[A-Z_]+@", text)
    if leftover:  # pragma: no cover - a template and this code disagree
        raise ValueError(f"{name}: no value for {leftover.group()}")
    return text


def pre_commit_snippet(readme: str, args: Sequence[str] = HOOK_ARGS) -> str:
    files = "'^" + re.escape(readme).replace("'", "''") + "$'"
    text = render_template("pre-commit-config.yaml", FILES=files,
                           HOOK_ARGS="[" + ", ".join(args) + "]")
    return text if args else re.sub(r"(?m)^        # .*\n        args: \[\]\n", "", text)


def _count_failing(source: Source, config_text: str | None, folder: Path, pyproject: bool
                   ) -> int:
    """How many problems the README has today under the configuration it will have."""
    from listlint.engine import Selection
    from listlint.lint import check_source, config_for

    if config_text is None:
        config = config_for(folder / source.path)
    else:
        data = tomllib.loads(config_text)
        table = data.get("tool", {}).get("listlint", {}) if pyproject else data
        config = config_from_table(table, None)
    rules = Selection().rules(config)
    diags = check_source(source, config, rules).diagnostics
    return sum(1 for d in diags if d.severity >= config.fail_on)


def init_project(folder: Path, readme: str = "README.md", *, dry_run: bool = False
                 ) -> list[Step]:
    """Write the starter files into ``folder`` (skipping any that exist); say what happened."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InitError(f"{folder}: no such folder")
    readme_path = folder / readme
    if not readme_path.is_file():
        raise InitError(f"no {readme} in {folder.resolve()}; run `listlint init` in the folder "
                        "that holds your list, or name the list: `listlint init --readme "
                        "docs/list.md`")
    rel = Path(readme).as_posix()
    source = Source.read(readme_path)
    source = Source(rel, source.text, source.eols, source.bom)
    doc = parse(source)
    steps: list[Step] = []

    # 1. The configuration.
    config_text, pyproject = _config_step(folder, doc, rel, steps, dry_run)

    # 2. The pre-commit hook: it blocks what a commit adds, never what was there before.
    failing = _count_failing(source, config_text, folder, pyproject)
    why = (f"the listlint hook on {rel}: it blocks a commit that adds a problem (warning or "
           "worse) on the lines it changes"
           + (f"; the {failing} problem{'s' if failing != 1 else ''} there today "
              "(`listlint check` lists them) do not block" if failing else "")
           + "; then run `pre-commit install`")
    snippet = pre_commit_snippet(rel, HOOK_ARGS)
    target = folder / PRE_COMMIT_CONFIG
    if target.exists():
        hook = snippet[snippet.index("  - repo:"):]
        steps.append(Step("skipped", PRE_COMMIT_CONFIG, "it exists; add this to its `repos:` list",
                          hook.rstrip("\n")))
    else:
        _write(target, snippet, dry_run)
        steps.append(Step("created", PRE_COMMIT_CONFIG, why))

    # 3. The workflows.
    for name, (template, what) in WORKFLOWS.items():
        target = folder / name
        if target.exists():
            steps.append(Step("skipped", name, "it exists; docs/workflows.md shows the current "
                              "version"))
            continue
        _write(target, render_template(template, PATH=shlex.quote(rel)), dry_run)
        steps.append(Step("created", name, what))
    return steps


def _config_step(folder: Path, doc: Document, readme: str, steps: list[Step], dry_run: bool
                 ) -> tuple[str | None, bool]:
    """Write the configuration; return (its text or None when skipped, whether pyproject)."""
    dot = folder / ".listlint.toml"
    py = folder / "pyproject.toml"
    summary = f"conventions inferred from {readme} ({infer_conventions(doc).summary()})"
    for name in (".listlint.toml", "listlint.toml"):
        if (folder / name).exists():
            steps.append(Step("skipped", name, "it exists; your configuration stays as it is"))
            return None, False
    if py.exists():
        raw = py.read_bytes()
        try:
            original = raw.decode("utf-8")
            data = tomllib.loads(original)
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            steps.append(Step("skipped", "pyproject.toml", f"it is not valid TOML ({exc}); fix it "
                              "and run `listlint init` again"))
            return None, True
        if "listlint" in data.get("tool", {}):
            steps.append(Step("skipped", "pyproject.toml", "it already has a [tool.listlint] table"))
            return None, True
        table = starter_config(doc, readme, pyproject=True)
        eol = "\r\n" if "\r\n" in original else "\n"
        glue = "" if not original or original.endswith(("\n", "\r")) else eol
        glue += eol if original.strip() else ""
        new = original + glue + table.replace("\n", eol)
        try:
            _validate_config(new, py, pyproject=True)
        except (tomllib.TOMLDecodeError, ConfigError) as exc:
            steps.append(Step("skipped", "pyproject.toml", f"a [tool.listlint] table would not fit "
                              f"in it ({exc}); create .listlint.toml by hand"))
            return None, True
        if not dry_run:
            with open(py, "ab") as fh:
                fh.write((glue + table.replace("\n", eol)).encode("utf-8"))
        steps.append(Step("appended to", "pyproject.toml", f"[tool.listlint] with {summary}"))
        return table, True
    text = starter_config(doc, readme, pyproject=False)
    _validate_config(text, dot, pyproject=False)
    _write(dot, text, dry_run)
    steps.append(Step("created", ".listlint.toml", summary))
    return text, False


def _write(path: Path, text: str, dry_run: bool) -> None:
    if dry_run:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite
        fh.write(text)
