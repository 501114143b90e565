"""LL4xx rules on hand-made verdicts (no network), and the pure parts of the link checker."""

from __future__ import annotations

import json

import pytest

from listlint.config import Config, config_from_table
from listlint.document import parse_text
from listlint.engine import Selection
from listlint.fix import fix_source
from listlint.inputs import RunInputs
from listlint.lint import check_source
from listlint.model import Applicability, Severity
from listlint.net.cache import LinkCache, parse_age, streak
from listlint.net.run import collect_urls, parse_accept
from listlint.net.verdict import (
    LinkVerdicts,
    Status,
    Verdict,
    classify,
    host_of,
    site_of,
    url_key,
)
from listlint.source import Source

DAY = 86400.0


def lint(text: str, *verdicts: Verdict, config: Config | None = None, select=("LL4",)):
    config = config or Config()
    rules = Selection(select=list(select), online=True).rules(config)
    inputs = RunInputs(link_verdicts=LinkVerdicts({v.url: v for v in verdicts}))
    return check_source(Source.from_text(text), config, rules, inputs).diagnostics


def moved(url: str, *hops: tuple[int, str], code: int = 200) -> Verdict:
    return Verdict(url, Status.REDIRECTED, f"{code} OK", code, tuple(hops))


# -- classification -------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "status"), [
    (200, Status.OK), (204, Status.OK), (404, Status.DEAD), (410, Status.DEAD),
    (401, Status.BLOCKED), (403, Status.BLOCKED), (407, Status.BLOCKED), (429, Status.BLOCKED),
    (451, Status.BLOCKED), (999, Status.BLOCKED), (500, Status.UNREACHABLE),
    (503, Status.UNREACHABLE), (400, Status.UNREACHABLE), (300, Status.UNREACHABLE),
])
def test_classify(code: int, status: Status) -> None:
    assert classify(code) is status


def test_classify_challenge_and_accept() -> None:
    assert classify(200, challenge=True) is Status.BLOCKED
    assert classify(503, challenge=True) is Status.BLOCKED
    assert classify(403, accept=[403]) is Status.OK
    assert classify(403, challenge=True, accept=[403]) is Status.OK


def test_url_key_and_host() -> None:
    assert url_key(" https://a.org/x#frag ") == "https://a.org/x"
    assert host_of("https://A.org:8443/x") == "a.org:8443"
    assert host_of("http://[::1") == ""


def test_one_host_of_where_the_two_copies_differed() -> None:
    """The checker's copy kept a space, dropped the host of a URL with a bad port and told a
    default port from none; the stats' copy folded ``www.`` and every port. Now the server
    (host_of: politeness, ``refused`` messages) and the site (site_of: stats, "another
    domain") are two readings of one parse."""
    assert host_of(" https://x.org ") == "x.org"
    assert host_of("https://a.org:443/") == host_of("https://a.org/") == "a.org"
    assert host_of("http://a.org:80/x") == "a.org"
    assert host_of("https://a.org:99999/") == "a.org"  # a port that is no port
    assert host_of("https://www.GitHub.com/x") == "www.github.com"  # the server asked
    assert host_of("http://[::1]:8080/x") == "[::1]:8080"
    assert host_of("docs/paper.pdf") == host_of("mailto:a@b.c") == ""
    assert site_of("https://www.GitHub.com:8443/x") == "github.com"
    assert site_of("https://a.org:abc/") == "a.org"
    assert site_of("http://[::1") == ""


# -- the rules ------------------------------------------------------------------------------
def test_no_verdicts_no_diagnostics() -> None:
    config = Config()
    rules = Selection(select=["LL4"], online=True).rules(config)
    assert check_source(Source.from_text("- [a](https://a.org/x)\n"), config, rules).diagnostics == []


def test_online_rules_are_not_run_offline() -> None:
    assert not [r for r in Selection().rules(Config()) if r.code.startswith("LL4")]


def test_dead_link_message_and_span() -> None:
    text = "# L\n\n- [Gone](https://a.org/x#part) - note.\n"
    [d] = lint(text, Verdict("https://a.org/x", Status.DEAD, "404 Not Found", 404))
    assert (d.code, d.severity) == ("LL401", Severity.ERROR)
    assert d.message == "dead link: https://a.org/x#part answers 404 Not Found"
    assert text[d.start:d.end] == "[Gone](https://a.org/x#part)"


def test_dead_unknown_host() -> None:
    [d] = lint("- [a](https://nope.invalid/)\n",
               Verdict("https://nope.invalid/", Status.DEAD, "unknown host (DNS lookup failed)"))
    assert d.message == "dead link: https://nope.invalid/ - unknown host (DNS lookup failed)"


def test_clean_links_stay_clean() -> None:
    text = "- [a](https://a.org/) - x.\n- [b](https://b.org/t) - y.\n"
    ok = Verdict("https://a.org/", Status.OK, "200 OK", 200)
    temp = Verdict("https://b.org/t", Status.OK, "200 OK", 200, ((302, "https://b.org/login"),))
    assert lint(text, ok, temp) == []


def test_each_occurrence_is_reported() -> None:
    text = "- [a](https://a.org/x) and [again](https://a.org/x#y)\n"
    diags = lint(text, Verdict("https://a.org/x", Status.DEAD, "410 Gone", 410))
    assert [text[d.start:d.end] for d in diags] == ["[a](https://a.org/x)",
                                                    "[again](https://a.org/x#y)"]


def test_images_are_not_links() -> None:
    assert lint("![logo](https://a.org/x.png)\n",
                Verdict("https://a.org/x.png", Status.DEAD, "404 Not Found", 404)) == []


def test_redirect_fix_same_site_is_safe_and_keeps_fragment() -> None:
    text = "- [Tool](http://tool.dev/docs#install) - does things.\n"
    v = moved("http://tool.dev/docs", (301, "https://www.tool.dev/docs/"))
    [d] = lint(text, v)
    assert d.code == "LL402" and d.severity is Severity.WARNING
    assert d.message == ("http://tool.dev/docs#install moved permanently to "
                         "https://www.tool.dev/docs/#install; link the target")
    assert d.fix is not None and d.fix.applicability is Applicability.SAFE
    config = Config()
    rules = Selection(select=["LL402"], online=True).rules(config)
    inputs = RunInputs(link_verdicts=LinkVerdicts({v.url: v}))
    result = fix_source(Source.from_text(text), config, rules, inputs=inputs)
    assert result.text == "- [Tool](https://www.tool.dev/docs/#install) - does things.\n"
    assert result.remaining == []


def test_redirect_cross_domain_is_only_a_suggestion() -> None:
    [d] = lint("- [a](https://old.org/p)\n", moved("https://old.org/p", (308, "https://new.io/p")))
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize(("hops", "why"), [
    (((301, "https://a.org/p2"), (302, "https://a.org/p3")), "a hop is a temporary redirect"),
    (((301, "https://a.org/"),), "the target is the site's front page"),
    (((301, "https://a.org/users/sign_in?next=/p"),), "the target looks like a login page"),
    (((301, "https://login.a.org/p"),), "the target looks like a login page"),
])
def test_redirect_not_fixed(hops: tuple[tuple[int, str], ...], why: str) -> None:
    [d] = lint("- [a](https://a.org/p)\n", moved("https://a.org/p", *hops))
    assert d.fix is None
    assert d.message.endswith(f"(not fixed automatically: {why})")


def test_redirect_target_after_leading_permanent_hops() -> None:
    v = moved("https://a.org/p", (301, "https://a.org/q"), (302, "https://a.org/q?s=1"))
    [d] = lint("- [a](https://a.org/p)\n", v)
    assert "moved permanently to https://a.org/q via 2 redirects" in d.message


def test_root_to_root_is_fixed() -> None:
    [d] = lint("- [a](http://a.org/)\n", moved("http://a.org/", (301, "https://a.org/")))
    assert d.fix is not None and d.fix.edits[0].content == "https://a.org/"


@pytest.mark.parametrize("url", ["https://doi.org/10.1145/1", "https://arxiv.org/abs/2401.00001",
                                 "http://dx.doi.org/10.1/x", "https://hdl.handle.net/1/2"])
def test_persistent_identifiers_are_never_reported_as_moved(url: str) -> None:
    assert lint(f"- [p]({url})\n", moved(url, (301, "https://publisher.org/x"))) == []


def test_reference_links_are_reported_not_fixed() -> None:
    text = "- [a][r]\n\n[r]: http://a.org/p\n"
    [d] = lint(text, moved("http://a.org/p", (301, "https://a.org/p")))
    assert d.fix is None and "reference definition" in d.message


def test_autolink_is_fixed() -> None:
    text = "See <http://a.org/p>.\n"
    [d] = lint(text, moved("http://a.org/p", (301, "https://a.org/p")))
    assert d.fix is not None
    e = d.fix.edits[0]
    assert text[e.start:e.end] == "http://a.org/p"


def test_blocked_is_info() -> None:
    [d] = lint("- [p](https://dl.acm.org/doi/10.1/x)\n",
               Verdict("https://dl.acm.org/doi/10.1/x", Status.BLOCKED, "403 Forbidden", 403))
    assert (d.code, d.severity) == ("LL403", Severity.INFO)
    assert d.message.startswith("dl.acm.org refused the automated check (403 Forbidden)")


def test_unreachable_warning_then_error_when_it_persists() -> None:
    now = 1_800_000_000.0
    text = "- [a](https://a.org/)\n"
    first = Verdict("https://a.org/", Status.UNREACHABLE, "no answer within 10 s",
                    checked_at=now, failing_since=now, failing_runs=1)
    [d] = lint(text, first)
    assert d.severity is Severity.WARNING and d.message == \
        "unreachable: https://a.org/: no answer within 10 s"
    recent = Verdict("https://a.org/", Status.UNREACHABLE, "503 Service Unavailable", 503,
                     checked_at=now, failing_since=now - 1 * DAY, failing_runs=5)
    [d] = lint(text, recent)
    assert d.severity is Severity.WARNING and "(failing since" in d.message
    old = Verdict("https://a.org/", Status.UNREACHABLE, "503 Service Unavailable", 503,
                  checked_at=now, failing_since=now - 4 * DAY, failing_runs=3)
    [d] = lint(text, old)
    assert d.severity is Severity.ERROR
    assert d.message.endswith("(failing since 2027-01-11, 3 runs)")


def test_escalation_respects_options_and_overrides() -> None:
    now = 1_800_000_000.0
    v = Verdict("https://a.org/", Status.UNREACHABLE, "503", 503, checked_at=now,
                failing_since=now - 10 * DAY, failing_runs=3)
    strict = config_from_table({"rules": {"LL404": {"escalate-after-runs": 5}}}, None)
    assert lint("- [a](https://a.org/)\n", v, config=strict)[0].severity is Severity.WARNING
    quiet = config_from_table({"severity": {"LL404": "info"}}, None)
    assert lint("- [a](https://a.org/)\n", v, config=quiet)[0].severity is Severity.INFO


# -- collecting links ---------------------------------------------------------------------
def test_collect_urls() -> None:
    text = ("# A\n\n- [a](https://a.org/x#1) [a2](https://a.org/x#2) ![i](https://a.org/i.png)\n"
            "- [m](mailto:x@y.org) [rel](docs/x.md) [e](https://example.com/x)\n"
            "- [skip](https://skip.org/) [keep](HTTPS://b.org/)\n"
            "\n# Contributing\n\n- [c](https://c.org/)\n")
    config = config_from_table({"ignore-urls": ["^https://skip"],
                                "skip-sections": ["Contributing"]}, None)
    doc = parse_text(text)
    assert collect_urls(doc, config) == ["https://a.org/x", "HTTPS://b.org/"]
    assert collect_urls(doc, config, exclude=["b\\.org"]) == ["https://a.org/x"]


def test_disable_file_skips_collection() -> None:
    doc = parse_text("<!-- listlint-disable-file LL4 -->\n\n- [a](https://a.org/)\n")
    assert collect_urls(doc, Config()) == []


# -- cache ------------------------------------------------------------------------------------
def test_cache_keeps_good_news_long_and_failures_an_hour(tmp_path) -> None:
    path = tmp_path / "c" / "links.json"
    cache = LinkCache(path, max_age=DAY)
    now = 1_800_000_000.0
    cache.record(Verdict("https://a.org/", Status.OK, "200 OK", 200, checked_at=now), now)
    cache.record(Verdict("https://b.org/", Status.DEAD, "404", 404, checked_at=now), now)
    cache.record(Verdict("https://c.org/", Status.BLOCKED, "403", 403, checked_at=now), now)
    cache.save(now)
    again = LinkCache(path, max_age=DAY)
    assert again.fresh("https://a.org/", now + 0.5 * DAY).status is Status.OK
    assert again.fresh("https://a.org/", now + 1.01 * DAY) is None  # expired
    assert again.fresh("https://b.org/", now + 1800).status is Status.DEAD
    assert again.fresh("https://c.org/", now + 1800).status is Status.BLOCKED
    assert again.fresh("https://b.org/", now + 3601) is None  # stale: ask again
    assert again.fresh("https://b.org/", now - 60) is None  # a clock that went back
    assert LinkCache(path, max_age=DAY, failure_age=0).fresh("https://b.org/", now) is None
    assert LinkCache(path, max_age=DAY, failure_age=2 * 3600).fresh(
        "https://b.org/", now + 5400).status is Status.DEAD
    assert json.loads(path.read_text())["version"] == 1


def test_cache_expiry_has_jitter(tmp_path) -> None:
    cache = LinkCache(tmp_path / "l.json", max_age=10 * DAY)
    for i in range(40):
        cache.record(Verdict(f"https://a.org/{i}", Status.OK, "200 OK", 200), 0.0)
    expiries = {round(e["expires"]) for e in cache.entries.values()}
    assert len(expiries) > 30 and all(7 * DAY <= e <= 10 * DAY for e in expiries)


def test_damaged_cache_is_ignored(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LISTLINT_CACHE_DIR", str(tmp_path))
    path = tmp_path / "links.json"
    path.write_text("{not json")
    assert LinkCache(path).entries == {}


def test_streak() -> None:
    h = [[1.0, "ok"], [2.0, "unreachable"], [3.0, "dead"], [4.0, "unreachable"]]
    s = streak(h)
    assert (s.since, s.runs) == (2.0, 3)
    assert streak([[1.0, "unreachable"], [2.0, "ok"]]).runs == 0


def test_parse_age_and_accept() -> None:
    assert parse_age("7d") == 7 * DAY and parse_age("12h") == 12 * 3600
    assert parse_age("0") == 0 and parse_age("1.5") == 1.5 * DAY
    with pytest.raises(ValueError):
        parse_age("soon")
    assert parse_accept("200, 403,300..302") == [200, 403, 300, 301, 302]
    with pytest.raises(ValueError):
        parse_accept("2xx")


def test_links_config_table() -> None:
    cfg = config_from_table({"links": {"timeout": 3, "accept": [403]}}, None)
    assert cfg.extra["links"]["timeout"] == 3 and cfg.extra["links"]["per-host"] == 6
    with pytest.raises(Exception, match="links.bogus"):
        config_from_table({"links": {"bogus": 1}}, None)
