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
