"""The HTTP checker against real servers on loopback addresses (no mocks, no internet)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time

import pytest

from links_server import BIG, TLS_CA, LinkServer, closed_port, loopback_hosts_available
from listlint.config import Config
from listlint.engine import Selection
from listlint.inputs import RunInputs
from listlint.lint import check_source
from listlint.net.http import HEAD_TRUST, USER_AGENT, Checker, Settings, parse_retry_after
from listlint.net.run import LinkSettings, check_urls
from listlint.net.verdict import LinkVerdicts, Status
from listlint.source import Source

FAST = Settings(timeout=0.5, retries=1, backoff=0.02, concurrency=16)

pytestmark = pytest.mark.skipif(not loopback_hosts_available(),
                                reason="needs 127.0.0.0/8 on loopback (Linux)")


@pytest.fixture(scope="module")
def srv():
    with LinkServer("127.0.0.2") as s:
        yield s


@pytest.fixture
def fresh():
    """A server of its own, for tests that count requests."""
    with LinkServer("127.0.0.3") as s:
        yield s


def check(url: str, settings: Settings = FAST):
    return Checker(settings).check_all([url])[url]


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/ok", Status.OK, 200),
    ("/dead", Status.DEAD, 404),
    ("/gone", Status.DEAD, 410),
    ("/moved", Status.REDIRECTED, 200),
    ("/moved308", Status.REDIRECTED, 200),
    ("/temp", Status.OK, 200),
    ("/forbidden", Status.BLOCKED, 403),
    ("/challenge", Status.BLOCKED, 403),
    ("/denied", Status.BLOCKED, 999),
    ("/error", Status.UNREACHABLE, 503),
    ("/slow", Status.OK, 200),
    ("/loop", Status.UNREACHABLE, 301),
])
def test_verdicts(srv: LinkServer, path: str, status: Status, code: int) -> None:
    v = check(srv.url(path))
    assert (v.status, v.code) == (status, code), v.detail


def test_moved_hops(srv: LinkServer) -> None:
    v = check(srv.url("/moved308"))
    assert v.hops == ((308, srv.url("/new")),) and v.all_permanent
    assert v.moved_to == srv.url("/new")


def test_redirect_loop_detail(srv: LinkServer) -> None:
    assert check(srv.url("/loop")).detail.startswith("redirect loop: 2 redirects back to")


def test_challenge_detail(srv: LinkServer) -> None:
    assert check(srv.url("/challenge")).detail == "403 Forbidden, bot challenge"


def test_dead_is_confirmed_by_get(fresh: LinkServer) -> None:
    assert check(fresh.url("/dead")).status is Status.DEAD
    assert fresh.hits[("HEAD", "/dead")] == 1 and fresh.hits[("GET", "/dead")] == 1


def test_head_refused_falls_back_to_get(fresh: LinkServer) -> None:
    checker = Checker(FAST)
    a, b = fresh.url("/nohead"), fresh.url("/ok")
    assert checker.check_all([a])[a].status is Status.OK
    assert fresh.hits[("HEAD", "/nohead")] == 1 and fresh.hits[("GET", "/nohead")] == 1
    checker.check_all([b])  # the host refused HEAD once: GET only from now on
    assert fresh.hits[("HEAD", "/ok")] == 0 and fresh.hits[("GET", "/ok")] == 1


def test_head_is_believed_once_get_has_confirmed_it(fresh: LinkServer) -> None:
    checker = Checker(FAST)
    paths = [f"/s/{410 if i % 2 else 404}/{i}" for i in range(HEAD_TRUST + 5)]
    for path in paths:  # one by one: the order of learning is known
        assert checker.check(fresh.url(path)).status is Status.DEAD
    gets = [fresh.hits[("GET", p)] for p in paths]
    assert gets == [1] * HEAD_TRUST + [0] * 5
    assert all(fresh.hits[("HEAD", p)] == 1 for p in paths)
    # a transient answer is never taken from HEAD alone
    assert checker.check(fresh.url("/s/503/x")).status is Status.UNREACHABLE
    assert fresh.hits[("GET", "/s/503/x")] >= 1


def test_a_head_that_lies_makes_the_host_get_only(fresh: LinkServer) -> None:
    checker = Checker(FAST)
    paths = [f"/hl/{i}" for i in range(4)]
    assert all(checker.check(fresh.url(p)).status is Status.OK for p in paths)
    assert fresh.hits[("HEAD", "/hl/0")] == 1
    assert [fresh.hits[("HEAD", p)] for p in paths[1:]] == [0, 0, 0]
    assert all(fresh.hits[("GET", p)] == 1 for p in paths)


def test_a_lying_head_after_trust_is_not_believed_elsewhere(srv: LinkServer) -> None:
    """Trust is per host: another host's HEAD is still confirmed by GET."""
    checker = Checker(FAST)
    with LinkServer("127.0.0.7") as other:
        for i in range(HEAD_TRUST):
            checker.check(srv.url(f"/s/404/trust{i}"))
        assert checker.check(other.url("/hl/a")).status is Status.OK


def test_head_is_enough_when_it_works(fresh: LinkServer) -> None:
    check(fresh.url("/ok"))
    assert fresh.hits[("HEAD", "/ok")] == 1 and fresh.hits[("GET", "/ok")] == 0


def test_big_body_is_not_downloaded(fresh: LinkServer) -> None:
    v = check(fresh.url("/big"))
    assert v.status is Status.OK and fresh.hits[("GET", "/big")] == 1
    assert fresh.bytes_sent < BIG // 10  # socket buffers at most, never the 200 MB


@pytest.mark.parametrize(("path", "scheme"), [("/to-ftp", "ftp://"), ("/to-file", "file://")])
def test_redirect_to_other_scheme_is_refused(srv: LinkServer, path: str, scheme: str) -> None:
    v = check(srv.url(path))
    assert v.status is Status.UNREACHABLE
    assert "to a non-http(s) URL " + scheme in v.detail and v.detail.endswith("(not followed)")


def test_temporary_failure_is_retried(fresh: LinkServer) -> None:
    assert check(fresh.url("/flaky")).status is Status.OK
    assert fresh.requests("/flaky") == 3  # HEAD 503, GET 503 (confirm), GET 200 (retry)


def test_retry_after_is_honoured(fresh: LinkServer) -> None:
    v = check(fresh.url("/ratelimit"), Settings(timeout=2, retries=1, backoff=0.01))
    assert v.status is Status.OK
    first, second = fresh.times["/ratelimit"]
    assert second - first >= 0.95  # Retry-After: 1


def test_rate_limited_after_retries_is_blocked(fresh: LinkServer) -> None:
    v = check(fresh.url("/ratelimited"), Settings(timeout=1, retries=2, backoff=0.01))
    assert (v.status, v.code) == (Status.BLOCKED, 429)
    assert fresh.requests("/ratelimited") == 3


def test_retry_after_beyond_the_cap_is_not_waited_for(fresh: LinkServer) -> None:
    v = check(fresh.url("/come-back-tomorrow"), Settings(timeout=1, retries=2))
    assert (v.status, v.code) == (Status.BLOCKED, 429)
    assert fresh.requests("/come-back-tomorrow") == 1


def test_parse_retry_after() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None


def test_hanging_server_times_out(srv: LinkServer) -> None:
    v = check(srv.url("/hang"), Settings(timeout=0.3, retries=0))
    assert (v.status, v.code) == (Status.UNREACHABLE, None)
    assert v.detail == "no answer within 0.3 s" and not v.connect_failure


def test_connection_reset(fresh: LinkServer) -> None:
    v = check(fresh.url("/reset"))
    assert v.status is Status.UNREACHABLE and v.detail == "connection reset by the server"
    assert fresh.requests("/reset") == 2  # retried once


def test_connection_refused() -> None:
    v = check(f"http://127.0.0.9:{closed_port('127.0.0.9')}/", Settings(retries=0))
    assert v.status is Status.UNREACHABLE and v.detail == "connection refused"
    assert v.connect_failure


def test_unknown_host_is_dead() -> None:
    v = check("http://no-such-host.listlint-test/x", Settings(retries=0))
    assert v.status is Status.DEAD and v.detail.startswith("unknown host")


def test_invalid_url_is_dead() -> None:
    assert check("http://[::1/x").status is Status.DEAD


def test_honest_user_agent(fresh: LinkServer) -> None:
    check(fresh.url("/ok"))
    assert fresh.agents == {USER_AGENT} and USER_AGENT.startswith("listlint/")


def test_per_host_limit_is_never_exceeded() -> None:
    with LinkServer("127.0.0.4", latency=0.05) as a, LinkServer("127.0.0.5", latency=0.05) as b:
        urls = [s.url(f"/s/200/{i}") for i in range(24) for s in (a, b)]
        checker = Checker(Settings(per_host=3, concurrency=16, min_interval=0.0))
        verdicts = checker.check_all(urls)
    assert all(v.status is Status.OK for v in verdicts.values()) and len(verdicts) == 48
    assert a.max_in_flight <= 3 and b.max_in_flight <= 3
    assert max(checker.limiter.peak.values()) <= 3
    assert a.max_in_flight >= 2  # and the pool did work in parallel


def test_each_identity_is_asked_once(fresh: LinkServer) -> None:
    urls = [fresh.url("/ok"), fresh.url("/ok/"), fresh.url("/ok#a"), fresh.url("/ok?utm_source=x")]
    report = check_urls(urls, LinkSettings(FAST))
    assert fresh.requests("/ok") == 1 and fresh.requests("/ok/") == 0
    assert {v.status for v in report.verdicts} == {Status.OK}
    assert report.verdicts.get(fresh.url("/ok/")) is not None


def test_redirected_spellings_are_checked_on_their_own(fresh: LinkServer) -> None:
    a, b = fresh.url("/moved"), fresh.url("/moved/")
    report = check_urls([a, b], LinkSettings(FAST))
    assert report.verdicts.get(a).status is Status.REDIRECTED
    assert fresh.requests("/moved/") == 2  # asked itself (HEAD, GET confirms the 404)
    assert report.verdicts.get(b).status is Status.DEAD


def test_network_down_gives_one_message() -> None:
    hosts = [f"127.0.0.{i}:{closed_port(f'127.0.0.{i}')}" for i in (21, 22, 23)]
    urls = [f"http://{h}/p{j}" for h in hosts for j in range(5)]
    report = check_urls(urls, LinkSettings(Settings(retries=0)))
    assert report.down is not None and report.down.startswith("network unreachable: none of the 3")
    assert len(report.verdicts) == 0


def test_some_hosts_down_is_not_network_down(srv: LinkServer) -> None:
    urls = [f"http://127.0.0.{i}:{closed_port(f'127.0.0.{i}')}/" for i in (21, 22, 23)]
    report = check_urls([*urls, srv.url("/ok")], LinkSettings(Settings(retries=0)))
    assert report.down is None
    assert sum(v.status is Status.UNREACHABLE for v in report.verdicts) == 3


def _sent(server: LinkServer) -> int:
    return sum(server.hits.values())


def test_second_run_within_the_failure_ttl_asks_nothing(fresh: LinkServer, tmp_path) -> None:
    settings = LinkSettings(FAST, cache_file=tmp_path / "links.json")
    urls = [fresh.url("/ok"), fresh.url("/dead"), fresh.url("/moved"), fresh.url("/forbidden")]
    t0 = 1_800_000_000.0
    first = check_urls(urls, settings, now=t0)
    sent = _sent(fresh)
    second = check_urls(urls, settings, now=t0 + 600)  # ten minutes later
    assert (first.cached, second.cached, second.requests) == (0, 4, 0)
    assert _sent(fresh) == sent  # the server saw nothing
    dead = second.verdicts.get(fresh.url("/dead"))
    assert (dead.status, dead.from_cache, dead.failing_since, dead.failing_runs) == \
        (Status.DEAD, True, t0, 1)
    assert second.verdicts.get(fresh.url("/moved")).status is Status.REDIRECTED
    assert second.verdicts.get(fresh.url("/forbidden")).status is Status.BLOCKED


def test_a_stale_failure_is_asked_again_and_keeps_its_history(fresh: LinkServer,
                                                              tmp_path) -> None:
    settings = LinkSettings(FAST, cache_file=tmp_path / "links.json")
    urls = [fresh.url("/ok"), fresh.url("/dead")]
    t0 = 1_800_000_000.0
    check_urls(urls, settings, now=t0)
    sent = _sent(fresh)
    later = check_urls(urls, settings, now=t0 + 2 * 3600)  # past the default hour
    assert later.cached == 1 and _sent(fresh) - sent == 2  # HEAD + GET for /dead only
    assert fresh.hits[("GET", "/dead")] == 2
    dead = later.verdicts.get(fresh.url("/dead"))
    assert (dead.from_cache, dead.failing_since, dead.failing_runs) == (False, t0, 2)
    cached = check_urls(urls, settings, now=t0 + 2 * 3600 + 60).verdicts.get(fresh.url("/dead"))
    assert (cached.from_cache, cached.failing_since, cached.failing_runs) == (True, t0, 2)


def test_recheck_failures_forces_the_question(fresh: LinkServer, tmp_path) -> None:
    settings = LinkSettings(FAST, cache_file=tmp_path / "links.json")
    urls = [fresh.url("/ok"), fresh.url("/dead")]
    check_urls(urls, settings)
    sent = _sent(fresh)
    again = check_urls(urls, dataclasses.replace(settings, failure_age=0.0))
    assert again.cached == 1 and _sent(fresh) - sent == 2  # /dead only, at once
    longer = dataclasses.replace(settings, failure_age=3 * 3600.0)
    check_urls(urls, longer, now=time.time() + 2 * 3600)  # a configured longer TTL holds
    assert _sent(fresh) - sent == 2


def test_only_stale_links_are_asked_within_the_per_host_limit(tmp_path) -> None:
    settings = LinkSettings(Settings(per_host=3, concurrency=16, min_interval=0.0, retries=0),
                            cache_file=tmp_path / "links.json")
    t0 = 1_800_000_000.0
    with LinkServer("127.0.0.6", latency=0.05) as server:
        dead = [server.url(f"/s/404/{i}") for i in range(12)]
        fine = [server.url(f"/s/200/{i}") for i in range(12)]
        check_urls([*dead, *fine], settings, now=t0)
        server.max_in_flight = 0
        server.hits.clear()
        report = check_urls([*dead, *fine], settings, now=t0 + 2 * 3600)  # failures stale
    # HEAD for each dead link; GET for the first ones, until the host's HEAD is believed
    # (up to two more GETs were already under way: three at once on the host)
    assert report.cached == 12 and 12 + HEAD_TRUST <= report.requests <= 14 + HEAD_TRUST
    assert {p for _, p in server.hits} == {f"/s/404/{i}" for i in range(12)}
    assert 2 <= server.max_in_flight <= 3 and report.peak_per_host <= 3
    assert all(report.verdicts.get(u).status is Status.DEAD for u in dead)


def test_a_warm_run_imports_no_http_client(fresh: LinkServer, tmp_path) -> None:
    cache = tmp_path / "links.json"
    urls = [fresh.url("/ok"), fresh.url("/dead")]
    check_urls(urls, LinkSettings(FAST, cache_file=cache))
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from listlint.net.run import LinkSettings, check_urls\n"
            f"r = check_urls({urls!r}, LinkSettings(None, cache_file=Path({str(cache)!r})))\n"
            "print(r.cached, r.requests, 'requests' in sys.modules, 'urllib3' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["2", "0", "False", "False"]


def test_a_cold_run_asks_through_urllib3_without_requests(fresh: LinkServer, tmp_path) -> None:
    # requests costs twice the CPU per request; the link checker talks to urllib3 directly
    urls = [fresh.url("/ok"), fresh.url("/dead")]
    code = ("import sys\n"
            "from listlint.net.run import LinkSettings, check_urls\n"
            f"r = check_urls({urls!r}, LinkSettings(None))\n"
            "print(r.requests, sorted(v.status.name for v in r.verdicts.by_url.values()),"
            " 'requests' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["3", "['DEAD',", "'OK']", "False"], out


def test_failing_since_across_runs(tmp_path) -> None:
    port = closed_port("127.0.0.31")
    url = f"http://127.0.0.31:{port}/"
    settings = LinkSettings(Settings(retries=0), cache_file=tmp_path / "links.json")
    day = 86400.0
    t0 = 1_800_000_000.0
    runs = [check_urls([url], settings, now=t0 + k * day).verdicts.get(url) for k in range(4)]
    assert [v.failing_runs for v in runs] == [1, 2, 3, 4]
    assert {v.failing_since for v in runs} == {t0}
    assert all(v.status is Status.UNREACHABLE for v in runs)
    severities = []
    for v in runs:  # the rule turns the history into a warning, then an error
        rules = Selection(select=["LL404"], online=True).rules(Config())
        [d] = check_source(Source.from_text(f"- [a]({url})\n"), Config(), rules,
                           RunInputs(link_verdicts=LinkVerdicts({url: v}))).diagnostics
        severities.append(str(d.severity))
    assert severities == ["warning", "warning", "warning", "error"]
    assert d.message.endswith("(failing since 2027-01-15, 4 runs)")


def test_many_hosts_down_stop_early(tmp_path) -> None:
    # four at a time, so that the run cannot have sent everything before the failures come
    settings = LinkSettings(Settings(retries=0, concurrency=4),
                            cache_file=tmp_path / "links.json")
    with LinkServer("127.0.1.99") as known:  # answered once; then the network goes
        check_urls([known.url("/ok")], settings)
    urls = [f"http://127.0.1.{i}:{closed_port(f'127.0.1.{i}')}/p" for i in range(1, 31)]
    report = check_urls(urls, settings)
    assert report.down is not None
    # the breaker stopped the run: 8 hosts failed, at most 4 more were under way, 1 witness
    assert report.requests <= 8 + 4 + 1 < len(urls)


def test_a_burst_of_dead_domains_is_not_an_outage(srv: LinkServer) -> None:
    dead = [f"http://gone{i}.listlint-test/" for i in range(12)]
    report = check_urls([*dead, srv.url("/slow")], LinkSettings(Settings(retries=0)))
    assert report.down is None
    assert [report.verdicts.get(u).status for u in dead] == [Status.DEAD] * 12
    assert report.verdicts.get(srv.url("/slow")).status is Status.OK


def test_hosts_take_turns() -> None:
    from listlint.net.limiter import HostLimiter

    limiter = HostLimiter(["http://a/1", "http://a/2", "http://b/1", "http://c/1"], 1, 0.0)
    assert [limiter.take(), limiter.take(), limiter.take()] == ["http://a/1", "http://b/1",
                                                                "http://c/1"]
    limiter.release("a")
    assert limiter.take() == "http://a/2"
    assert limiter.take() is None


def test_limiter_under_contention_takes_everything_once() -> None:
    import threading
    import time as _time

    from listlint.net.limiter import HostLimiter

    urls = [f"http://h{i % 7}.test/{i}" for i in range(300)]
    limiter = HostLimiter(urls, 2, 0.001)
    taken: list[str] = []
    active: dict[str, int] = {}
    worst = [0]
    lock = threading.Lock()

    def work() -> None:
        while (url := limiter.take()) is not None:
            host = url.split("/")[2]
            with lock:
                taken.append(url)
                active[host] = active.get(host, 0) + 1
                worst[0] = max(worst[0], active[host])
            _time.sleep(0.0005)
            with lock:
                active[host] -= 1
            limiter.release(host)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert not any(t.is_alive() for t in threads)  # nobody left waiting forever
    assert sorted(taken) == sorted(urls) and worst[0] <= 2


def test_dead_domains_with_a_working_network_are_reported(fresh: LinkServer, tmp_path) -> None:
    settings = LinkSettings(Settings(retries=0), cache_file=tmp_path / "links.json")
    check_urls([fresh.url("/ok")], settings)  # the cache now knows a host that answers
    dead = [f"http://gone{i}.listlint-test/" for i in range(4)]
    report = check_urls([fresh.url("/ok"), *dead], settings)
    assert report.down is None and fresh.requests("/ok") == 2  # asked again, as a witness
    assert [report.verdicts.get(u).status for u in dead] == [Status.DEAD] * 4


def test_network_down_with_a_cache_needs_one_host(tmp_path) -> None:
    settings = LinkSettings(Settings(retries=0), cache_file=tmp_path / "links.json")
    with LinkServer("127.0.0.41") as gone_soon:  # answers now, then "the network goes"
        url = gone_soon.url("/ok")
        check_urls([url], settings)
    other = f"http://127.0.0.42:{closed_port('127.0.0.42')}/"
    report = check_urls([url, other], settings)  # url is cached: only `other` is asked
    assert report.down is not None and "none of the 2 hosts tried" in report.down
    assert report.requests == 2  # `other`, then the witness
    stale = check_urls([url, other], dataclasses.replace(settings, max_age=0.0))
    assert stale.down is None  # both asked and failed, no witness left: two dead hosts


def test_an_unreachable_host_is_asked_once(srv: LinkServer) -> None:
    host = f"127.0.0.61:{closed_port('127.0.0.61')}"
    urls = [f"http://{host}/p{i}" for i in range(20)]
    checker = Checker(Settings(retries=0, per_host=2))
    verdicts = checker.check_all([*urls, srv.url("/ok")])
    assert checker.requests_sent <= 3  # HEAD /ok, and the refused ones already under way
    assert {verdicts[u].detail for u in urls} == {"connection refused"}


# -- HTTPS ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tls_srv():
    with LinkServer("127.0.0.1", tls=True) as s:
        yield s


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/ok", Status.OK, 200), ("/dead", Status.DEAD, 404), ("/moved", Status.REDIRECTED, 200)])
def test_https_links_are_checked(tls_srv: LinkServer, path: str, status: Status, code: int,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # the deadline guard wraps the TLS connection too (it once failed on every https link)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS_CA))
    v = check(tls_srv.url(path))
    assert (v.status, v.code) == (status, code), v
    assert "internal error" not in v.detail


def test_an_untrusted_certificate_is_named(tls_srv: LinkServer,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    v = check(tls_srv.url("/ok"))
    assert v.status is Status.UNREACHABLE and "TLS certificate rejected" in v.detail, v


def test_links_command_checks_https_from_the_command_line(tls_srv: LinkServer, tmp_path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# L\n\n- [A]({tls_srv.url('/ok')}) - a.\n- [B]({tls_srv.url('/dead')}) - b.\n")
    env = {**__import__("os").environ, "REQUESTS_CA_BUNDLE": str(TLS_CA)}
    proc = subprocess.run([sys.executable, "-m", "listlint", "links", "--no-cache",
                           "--no-progress", str(readme)], capture_output=True, text=True, env=env,
                          timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert "LL401" in proc.stdout and ":4:" in proc.stdout and "internal error" not in proc.stdout


# -- the first requests go out while the list is still being read ------------------------
def _paper_list(server: LinkServer, n: int) -> str:
    rows = "".join(f"- [Paper {i}]({server.url(f'/s/200/{i}')}) - Note {i}.\n" for i in range(n))
    return "# Papers\n\n## Part one\n\n" + rows + "\n## Part two\n\nSee <" + \
        server.url("/s/200/bare") + ">.\n"


def _watching_early(monkeypatch, on_feed):
    """Make ``link_pass``'s parse hook call ``on_feed(check)`` after each time it fed links."""
    from listlint.net import run

    real = run._early

    def early(text, config, exclude, check):
        hook = real(text, config, exclude, check)
        if hook is None:
            return None

        def seen(links):
            hook(links)
            on_feed(check)
        return seen

    monkeypatch.setattr(run, "_early", early)


def test_links_are_asked_while_the_file_is_still_parsed(fresh: LinkServer, monkeypatch) -> None:
    from listlint.net.run import link_pass

    seen_during_parse: list[bool] = []

    def wait_for_a_request(check) -> None:
        if check.todo and not seen_during_parse:  # a URL was handed over: did it go out?
            until = time.monotonic() + 10
            while not fresh.hits and time.monotonic() < until:
                time.sleep(0.005)
            seen_during_parse.append(bool(fresh.hits))

    _watching_early(monkeypatch, wait_for_a_request)
    source = Source.from_text(_paper_list(fresh, 400))
    report, docs = link_pass([(source, Config())], LinkSettings(FAST))
    assert seen_during_parse == [True]
    assert len(docs[0].entries) == 400
    assert report.urls == 401 and report.checked == 401  # the bare URL too, after the parse
    assert all(v.status is Status.OK for v in report.verdicts)
    assert sum(fresh.hits.values()) == 401  # each link once


def test_a_file_disabling_the_links_family_asks_nothing_early(fresh: LinkServer,
                                                              monkeypatch) -> None:
    from listlint.net.run import link_pass

    fed: list[int] = []
    _watching_early(monkeypatch, lambda check: fed.append(len(check.todo)))
    text = _paper_list(fresh, 200) + "\n<!-- listlint-disable-file LL4 -->\n"
    report, _ = link_pass([(Source.from_text(text), Config())], LinkSettings(FAST))
    assert fed == [] and report.urls == 0 and not fresh.hits


def test_a_failure_while_parsing_stops_the_requests_under_way(fresh: LinkServer,
                                                             monkeypatch) -> None:
    import threading

    from listlint.net.run import link_pass

    def fail(check) -> None:
        if check.todo:
            raise RuntimeError("parse failed")

    _watching_early(monkeypatch, fail)
    with pytest.raises(RuntimeError, match="parse failed"):
        link_pass([(Source.from_text(_paper_list(fresh, 300)), Config())], LinkSettings(FAST))
    assert not [t for t in threading.enumerate() if t.name.startswith("listlint-link")]
    assert sum(fresh.hits.values()) < 300  # it stopped starting new checks


# -- what a browser does that a checker must too -------------------------------------------
def test_a_cookie_set_on_a_redirect_is_sent_back(fresh: LinkServer) -> None:
    # sites that set a cookie and send the visitor back to the same page would otherwise
    # look like a redirect loop
    v = check(fresh.url("/cookie-gate"))
    assert (v.status, v.code) == (Status.OK, 200), v.detail
    assert fresh.requests("/cookie-gate") == 2


def test_a_utf8_location_header_is_followed_and_quoted(srv: LinkServer) -> None:
    v = check(srv.url("/to-cafe"))
    assert (v.status, v.code) == (Status.REDIRECTED, 200), v.detail
    assert v.hops == ((301, srv.url("/caf%C3%A9")),)


@pytest.fixture
def proxy_env(monkeypatch: pytest.MonkeyPatch):
    """A forward proxy on 127.0.0.4 named by the environment, as a corporate network has."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with LinkServer("127.0.0.4") as proxy:
        monkeypatch.setenv("http_proxy", proxy.url("")[:-1] if proxy.url("").endswith("/")
                           else proxy.url(""))
        yield proxy, monkeypatch


def test_links_go_through_the_environments_proxy(proxy_env) -> None:
    proxy, _ = proxy_env
    url = f"http://127.0.0.5:{closed_port('127.0.0.5')}/dead"  # reachable only via the proxy
    v = check(url)
    assert (v.status, v.code) == (Status.DEAD, 404), v.detail
    assert proxy.forwarded and all(u == url for u in proxy.forwarded)


def test_no_proxy_hosts_are_asked_directly(proxy_env, srv: LinkServer) -> None:
    proxy, monkeypatch = proxy_env
    monkeypatch.setenv("no_proxy", "127.0.0.2")
    before = srv.requests("/ok")
    assert check(srv.url("/ok")).status is Status.OK
    assert srv.requests("/ok") == before + 1 and not proxy.forwarded


def test_a_non_ascii_path_is_sent_percent_encoded(fresh: LinkServer) -> None:
    v = check(fresh.url("/café au lait"))
    assert (v.status, v.code) == (Status.OK, 200), v.detail
    assert {p for _, p in fresh.hits} == {"/caf%C3%A9%20au%20lait"}


def test_a_missing_ca_bundle_is_one_clear_line(tmp_path) -> None:
    import os

    readme = tmp_path / "README.md"
    readme.write_text("# L\n\n- [A](http://127.0.0.1:9/x) - a.\n")
    env = {**os.environ, "REQUESTS_CA_BUNDLE": str(tmp_path / "missing.pem")}
    proc = subprocess.run([sys.executable, "-m", "listlint", "links", "--no-cache",
                           "--no-progress", str(readme)], capture_output=True, text=True, env=env,
                          timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == (
        f"listlint: cannot read the CA bundle {tmp_path / 'missing.pem'} (named by "
        "REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE): No such file or directory")


@pytest.mark.parametrize(("url", "quoted"), [
    ("/a%20b?x=100%", "/a%20b?x=100%"), ("/café x", "/caf%C3%A9%20x"), ("/a%zz", "/a%25zz")])
def test_a_redirect_target_is_quoted_as_requests_did(url: str, quoted: str) -> None:
    from listlint.net.client import requote

    assert requote(url) == quoted
