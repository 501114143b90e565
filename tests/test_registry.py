"""Every rule is registered properly and documented the same way."""

from __future__ import annotations

import re

from listlint.registry import FAMILIES, all_rules, get, iter_selected, matches

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Fix safety")


def test_codes_names_and_families():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for r in rules:
        assert re.fullmatch(r"LL\d{3}", r.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.name
        assert r.code[:3] in FAMILIES
        assert r.summary and r.summary.endswith((".", ")")), r.code


def test_every_rule_has_a_doc_page_with_the_four_sections():
    for r in all_rules():
        for heading in SECTIONS:
            assert heading in r.doc, f"{r.code} {r.name}: missing {heading!r}"


def test_lookup_and_selectors():
    r = get("LL003")
    assert r is get("broken-anchor") is get("ll003")
    assert matches("LL0", r) and matches("structure", r) and matches("ALL", r)
    assert not matches("LL1", r)
    selected = {x.code for x in iter_selected(["LL0"], ["LL005"])}
    assert "LL003" in selected and "LL005" not in selected


def test_online_rules_need_online():
    offline = list(iter_selected(None, []))
    assert all(not r.online for r in offline)


def test_rule_pages_and_readme_table_are_generated_from_the_code():
    from listlint.docs import main

    assert main(["--check"]) == 0, "run `python -m listlint.docs`"


def test_opt_in_rules_follow_family_and_prefix_selectors_but_not_all():
    opt_in = [r for r in all_rules() if not r.default and not r.online]
    assert opt_in, "the awesome family is opt-in"
    fam = opt_in[0].family
    assert opt_in[0].code in {r.code for r in iter_selected([fam], [])}
    assert opt_in[0].code in {r.code for r in iter_selected([opt_in[0].code[:3]], [])}
    assert opt_in[0].code not in {r.code for r in iter_selected(["ALL"], [])}


def test_family_catalogue_matches_the_rules():
    """FAMILY_MODULES says which module holds each family and what all its rules share: the
    registry trusts it to leave modules unloaded, so it must be exact."""
    from pathlib import Path

    import listlint.rules as pkg
    from listlint.registry import FAMILY_MODULES

    by_prefix = {f.prefix: f for f in FAMILY_MODULES}
    for r in all_rules():
        fam = by_prefix[r.code[:3]]
        assert f"{r.check.__module__}.".startswith(f"{fam.module}."), r.code
        assert r.default is not fam.opt_in, r.code
        assert r.online is fam.online, r.code
    modules = {f"listlint.rules.{p.stem}" for p in Path(pkg.__file__).parent.glob("[!_]*.py")}
    modules |= {f"listlint.rules.{p.parent.name}"
                for p in Path(pkg.__file__).parent.glob("[!_]*/__init__.py")}
    assert modules == {f.module for f in FAMILY_MODULES}


def test_family_tables_are_registered_by_the_modules_named():
    import importlib

    from listlint.config import FAMILY_TABLES, OTHER_TABLE_MODULES, table_modules
    from listlint.registry import FAMILY_MODULES

    all_rules()
    for module in OTHER_TABLE_MODULES.values():  # tables of no rule family (the server's)
        importlib.import_module(module)
    modules = table_modules()
    assert set(FAMILY_TABLES) == set(modules)
    assert {f.name for f in FAMILY_MODULES if f.table} <= set(modules)  # from the registry
    for table, module in modules.items():
        assert FAMILY_TABLES[table] is vars(importlib.import_module(module)).get(
            f"{table.upper()}_DEFAULTS", FAMILY_TABLES[table]), table


SELECTIONS = [
    (None, [], [], False),
    (None, [], [], True),
    (None, ["LL5"], ["awesome"], False),
    (None, [], ["canonical-spelling"], False),
    (["LL6"], [], [], False),
    (["ALL"], ["LL2"], [], False),
    (["LL"], [], [], True),
    (["duplicate-link", "style"], [], [], False),
    (["LL60"], [], ["LL401"], False),
]


def _fresh(code: str) -> str:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_lazy_loading_selects_exactly_what_loading_everything_selects():
    """Each selection, in a fresh interpreter where only the needed families get imported,
    picks the same rules as with every family loaded."""
    for select, ignore, extend, online in SELECTIONS:
        args = f"{select!r}, {ignore!r}, {extend!r}, online={online!r}"
        lazy = _fresh(f"from listlint.registry import iter_selected as s; "
                      f"print(' '.join(r.code for r in s({args})))")
        full = " ".join(r.code for r in iter_selected(select, ignore, extend, online=online))
        assert lazy == full, args


def test_a_default_check_imports_neither_the_opt_in_nor_the_online_families(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# List\n\n- [a](https://a.example) - A.\n", encoding="utf-8")
    loaded = _fresh(
        "import sys\nfrom listlint.cli import main\n"
        f"try:\n    main(['check', {str(readme)!r}])\nexcept SystemExit:\n    pass\n"
        "print('MODULES', *sorted(sys.modules))"
    ).rpartition("MODULES")[2].split()
    assert "listlint.rules.style" in loaded  # the probe works
    for module in ("listlint.rules.awesome", "listlint.rules.links", "listlint.net.verdict",
                   "requests", "importlib.resources"):
        assert module not in loaded
