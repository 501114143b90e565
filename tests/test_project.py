"""The project's own promises: README's commands, CI script, generated docs."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_install_run_and_test_commands():
    first, second = readme_commands()[:2]
    assert "pip install" in first and first.endswith("listlint check README.md")
    assert "pip install -e '.[test]'" in second and "pytest" in second


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_own_readme_passes_listlint(cli):
    r = cli("check", ROOT / "README.md", "--no-color")
    assert r.exit_code == 0, r.output


# Files whose mypy errors are being fixed on branches that edit them now (issue 15): once
# they are clean, remove them here; every other file must stay clean.
MYPY_PENDING: set[str] = set()


def test_mypy_src_is_clean(tmp_path):
    """``mypy src`` (a few seconds; mypy is in the test extra): no type error outside the
    files listed as pending."""
    import re
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "src"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    errors = [line for line in r.stdout.splitlines() if re.match(r"\S+:\d+: error:", line)]
    assert errors or r.returncode == 0, r.stdout + r.stderr
    unexpected = [e for e in errors if e.split(":", 1)[0] not in MYPY_PENDING]
    assert not unexpected, "\n".join(unexpected)


# -- the shape of the code (issue 15) --------------------------------------------------------

SRC = ROOT / "src"
PACKAGE = SRC / "listlint"

# Files being split by another branch of issue 15 right now; every other file must stay
# within the limit.
PENDING: set[str] = set()
MAX_LINES = 600


def _module_name(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules():
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node):
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name, path, modules, *, everywhere, type_checking=None):
    """The ``listlint`` modules that module ``name`` imports. With ``everywhere=False``, only
    the imports that run when the module is imported: module level (class bodies and
    ``try`` blocks included), not inside functions (deliberately lazy: they run at call time)
    and not under ``if TYPE_CHECKING:`` (they never run; ``type_checking=True`` counts them).
    ``from pkg import name`` counts as an import of ``pkg.name`` when that is a module; a
    package's parents, which Python imports on the way, do not count."""
    type_checking = everywhere if type_checking is None else type_checking
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()

    def visit(body):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) \
                    and not everywhere:
                continue
            if isinstance(node, ast.If) and _type_checking_only(node) and not type_checking:
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[:len(parts) - node.level + 1] +
                                    ([node.module] if node.module else []))
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    found.add(sub if sub in modules else base)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    visit([child])
                elif isinstance(child, ast.excepthandler):
                    visit(child.body)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return {m for m in found if m in modules and m != name}


def _import_graph(*, everywhere=False):
    modules = _modules()
    return {name: _imports(name, path, modules, everywhere=everywhere)
            for name, path in modules.items()}


def _cycles(graph):
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_the_import_graph_reader_sees_imports_and_cycles():
    """The checks below can fail: the reader finds module-level, relative and
    ``from pkg import module`` imports, skips lazy and type-only ones, and finds a cycle."""
    modules = {"listlint.a": None, "listlint.b": None, "listlint.pkg": None,
               "listlint.pkg.c": None}
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        a = Path(tmp) / "a.py"
        a.write_text("from typing import TYPE_CHECKING\nimport listlint.b\n"
                     "from listlint.pkg import c\nif TYPE_CHECKING:\n    from . import pkg\n"
                     "def f():\n    from listlint import pkg\n", encoding="utf-8")
        assert _imports("listlint.a", a, modules, everywhere=False) == \
            {"listlint.b", "listlint.pkg.c"}
        assert _imports("listlint.a", a, modules, everywhere=True) == \
            {"listlint.b", "listlint.pkg.c", "listlint.pkg"}
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_among_listlint_modules():
    """Imports point one way: no cycle among the imports that run when a module is imported
    (see :func:`_imports`: lazy imports inside functions and ``TYPE_CHECKING`` ones aside)."""
    graph = _import_graph()
    assert "listlint.registry" in graph["listlint.lint"]  # the reader works on the tree
    assert _cycles(graph) == []


def test_config_does_not_import_the_registry():
    """The registry (and the rules' Context) know the configuration; the configuration
    checks rule names against the registry only while it reads a file (a lazy import)."""
    modules = _modules()
    at_import = _imports("listlint.config", modules["listlint.config"], modules,
                         everywhere=False, type_checking=True)
    assert "listlint.model" in at_import
    assert "listlint.registry" not in at_import


def test_rules_import_neither_the_engine_nor_the_cli():
    """Rules get what they need from the Document and their typed inputs: nothing under
    ``rules/`` imports the engine, the run pipeline or the CLI, not even inside a function."""
    graph = _import_graph(everywhere=True)
    banned = ("listlint.engine", "listlint.lint", "listlint.cli")
    bad = {name: sorted(m for m in imported if m.startswith(banned))
           for name, imported in graph.items() if name.startswith("listlint.rules")}
    assert any(name.startswith("listlint.rules.") for name in graph)
    assert {k: v for k, v in bad.items() if v} == {}


def test_engine_pipeline_and_cli_name_no_rule_code():
    """A rule's behaviour is declared on its registration (``tidy=True``, ``needs=...``,
    the family's ``prepare``/``worker``), never by its code in the engine, the pipeline,
    the fixer or the CLI."""
    code = re.compile(r"""["']LL\d""")
    files = [PACKAGE / "engine.py", PACKAGE / "lint.py", *sorted((PACKAGE / "cli").glob("*.py"))]
    files += sorted(PACKAGE.glob("fix*.py")) + sorted(PACKAGE.glob("fix/*.py"))
    hits = [f"{p.relative_to(PACKAGE)}:{n}" for p in files
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if code.search(line)]
    assert hits == []


def test_no_source_file_over_600_lines():
    """No file of ``src`` is over 600 lines, apart from the ones being split now
    (:data:`PENDING`)."""
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert sizes["lint.py"] > 0 and "rules/style/markers.py" in sizes
    over = {rel: n for rel, n in sizes.items() if n > MAX_LINES and rel not in PENDING}
    assert over == {}


# the spelling family's word store and its `typos` process are a known leftover (issue 15);
# the venue settings take the look-up services' URLs from the environment, with the config
_READS_THE_SYSTEM = {"listlint.rules.spelling", "listlint.rules.venues.settings"}
_SYSTEM = ("os", "subprocess", "pathlib", "shutil", "socket", "requests", "listlint.git",
           "listlint.fsio", "listlint.net")


def _all_imported(path):
    """Every module an ``import`` of ``path`` names, wherever it is (a function included)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return out


def test_rules_read_no_files_and_run_no_processes():
    """Rules get the files beside the list (relative links, contributing.md, the code of
    conduct, the git remote) as ``ctx.inputs``: no rule module imports the file system, a
    process, git or the network (the link verdicts of ``listlint.net.verdict`` are data)."""
    bad = {}
    for name, path in _modules().items():
        if not name.startswith("listlint.rules.") or name.startswith(tuple(_READS_THE_SYSTEM)):
            continue
        hits = {m for m in _all_imported(path)
                if any(m == s or m.startswith(s + ".") for s in _SYSTEM)
                and not m.startswith("listlint.net.verdict")}
        if hits:
            bad[name] = sorted(hits)
    assert "listlint.rules.awesome.files" in _modules()
    assert bad == {}


def test_families_and_the_network_stay_apart():
    """A rule family imports no other family (what two of them share lives in a neutral
    module: ``entry_text``, ``venue``, ``linkid``), and nothing under ``net/`` imports
    ``rules/``; lazy and type-only imports count too."""
    graph = _import_graph(everywhere=True)

    def family(name):
        parts = name.split(".")
        return parts[2] if len(parts) > 2 and parts[1] == "rules" else None

    crossing = {name: sorted(m for m in imported if family(m) not in (None, family(name)))
                for name, imported in graph.items() if family(name)}
    assert {k: v for k, v in crossing.items() if v} == {}
    assert family("listlint.rules.style.settings") == "style"
    into_rules = {name: sorted(m for m in imported if m.startswith("listlint.rules"))
                  for name, imported in graph.items() if name.startswith("listlint.net")}
    assert "listlint.net.lookup" in into_rules
    assert {k: v for k, v in into_rules.items() if v} == {}


def test_memo_keys_name_their_family():
    """A family's memo entries are keyed ``<family>.…`` so that ``check`` can let them go
    once the family's last rule has run (``run_rules(release_memo=True)``)."""
    keys = {}
    for path in (ROOT / "src" / "listlint" / "rules").rglob("*.py"):
        family = path.relative_to(ROOT / "src" / "listlint" / "rules").parts[0]
        for key in re.findall(r"memo\.get\(\s*[\"']([^\"']+)[\"']", path.read_text("utf-8")):
            keys[key] = family
    assert len(keys) >= 5
    assert {k: f for k, f in keys.items() if not k.startswith(f + ".")} == {}
