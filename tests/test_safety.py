"""Nothing lost, nothing hijacked: special files, concurrent edits, signals, escapes, config
paths (issue 17). Everything runs on real files, real processes and 127.0.0.1 servers."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from listlint.fsio import WriteRefused, write_atomic
from listlint.source import Source
from tests.conftest import run_listlint

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX special files and signals")
LIST = "# Tools\n\n- [Alpha](https://alpha.example) - First tool.\n"
# Fixable (LL5 style drift: one item in another bullet marker) so that fix writes.
FIXABLE = "# Tools\n\n" + "".join(f"- [T{i}](https://t{i}.example) - Tool {i}.\n"
                                  for i in range(20)) + "* [Odd](https://odd.example) - Odd.\n"


# -- special files (point 2) ----------------------------------------------------------------
@posix_only
@pytest.mark.parametrize("command", ["check", "fix", "stats", "links", "report"])
def test_fifo_without_writer_is_refused_at_once(command, tmp_path):
    fifo = tmp_path / "list.md"
    os.mkfifo(fifo)
    r = run_listlint(command, fifo, timeout=20)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        f"listlint: {fifo}: is a named pipe (FIFO), not a regular file; only regular files "
        "and - (standard input) are read"]


@posix_only
def test_a_fifo_beside_the_list_named_like_its_contributing_guide_is_skipped(tmp_path):
    # the awesome preset reads contributing.md and the code of conduct beside the list
    os.mkfifo(tmp_path / "contributing.md")
    (tmp_path / "README.md").write_text("# Awesome X\n\n- [A](https://a.example) - A.\n")
    r = run_listlint("check", "--preset", "awesome", tmp_path / "README.md", timeout=30)
    assert r.returncode in (0, 1), r.stderr
    assert "contributing" in r.stdout.lower()  # LL605: no (readable) contributing guide


@posix_only
def test_fifo_with_writer_is_not_replaced_by_fix(tmp_path):
    fifo = tmp_path / "list.md"
    os.mkfifo(fifo)

    def write() -> None:
        try:
            fifo.write_text(FIXABLE)
        except OSError:  # the reader went away: that is the point
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    r = run_listlint("fix", fifo, timeout=20)
    assert r.returncode == 2 and "named pipe" in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a FIFO, not a regular file
    with open(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:  # release the writer
        fh.read()


@posix_only
@pytest.mark.parametrize("command", ["check", "fix"])
def test_character_device_is_not_linted_as_empty(command):
    r = run_listlint(command, os.devnull)
    assert r.returncode == 2
    assert "is a character device, not a regular file" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@posix_only
def test_socket_is_refused(tmp_path):
    path = tmp_path / "s.md"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        r = run_listlint("check", path)
    finally:
        sock.close()
    assert r.returncode == 2 and "is a socket, not a regular file" in r.stderr


@pytest.mark.parametrize(("data", "message"), [
    (None, "no such file"),
    (b"# T\x00\x01\x02", "binary file"),
    (b"# T\n\xff\xfe bad\n", "not valid UTF-8"),
])
def test_bad_files_get_one_line(data, message, tmp_path):
    path = tmp_path / "list.md"
    if data is not None:
        path.write_bytes(data)
    for command in ("check", "fix"):
        r = run_listlint(command, path)
        assert r.returncode == 2 and message in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_stdin_is_still_read(tmp_path):
    r = subprocess.run([sys.executable, "-m", "listlint", "check", "-"], input=LIST.encode(),
                       capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr


@posix_only
@pytest.mark.parametrize("command", ["check", "fix"])
def test_never_ending_binary_stdin_stops_at_the_first_nul(command):
    with open("/dev/zero", "rb") as zero:
        r = subprocess.run([sys.executable, "-m", "listlint", command, "-"], stdin=zero,
                           capture_output=True, text=True, timeout=20)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        "listlint: <stdin>: binary input (contains NUL bytes), not Markdown"]


@posix_only
def test_never_ending_text_stdin_stops_at_the_cap():
    yes = subprocess.Popen(["yes", "* [a](https://a.example) - x"], stdout=subprocess.PIPE)
    try:
        r = subprocess.run([sys.executable, "-m", "listlint", "check", "-"], stdin=yes.stdout,
                           capture_output=True, text=True, timeout=120)
    finally:
        yes.kill()
        yes.wait()
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == ["listlint: <stdin>: more than 256 MB, the most read from "
                                     "standard input; name the file instead"]


def test_stdin_in_utf16_is_named_so():
    r = subprocess.run([sys.executable, "-m", "listlint", "check", "-"],
                       input=LIST.encode("utf-16"), capture_output=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.decode() == "listlint: <stdin>: UTF-16 text; save it as UTF-8\n"


@posix_only
@pytest.mark.parametrize("kind", ["character device", "FIFO"])
def test_config_must_be_a_regular_file(kind, tmp_path):
    path = tmp_path / "list.md"
    path.write_text(LIST)
    if kind == "FIFO":
        config = tmp_path / "conf.toml"
        os.mkfifo(config)
        said = "is a named pipe (FIFO), not a regular file"
    else:
        config, said = Path("/dev/zero"), "is a character device, not a regular file"
    for command in ("check", "fix"):
        r = run_listlint(command, "--config", config, path, timeout=20)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert r.stderr.splitlines() == [f"listlint: {config}: {said}; a config file must be one"]


@posix_only
def test_a_found_config_that_is_a_fifo_is_refused(tmp_path):
    path = tmp_path / "list.md"
    path.write_text(LIST)
    os.mkfifo(tmp_path / ".listlint.toml")
    r = run_listlint("check", path, timeout=20)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"listlint: {tmp_path / '.listlint.toml'}: is a named pipe "
                                     "(FIFO), not a regular file; a config file must be one"]


@posix_only
def test_add_reads_urls_from_a_regular_file_only(tmp_path):
    path = tmp_path / "list.md"
    path.write_text(LIST)
    fifo = tmp_path / "urls.txt"
    os.mkfifo(fifo)
    r = run_listlint("add", "--file", path, "--from", fifo, "--offline", timeout=20)
    assert r.returncode == 2 and "is a named pipe (FIFO), not a regular file" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


# -- lost update and the atomic writer (point 1) --------------------------------------------
def test_write_refused_when_the_file_changed_after_reading(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(LIST)
    source = Source.read(path)
    with path.open("a") as fh:  # another program appends while listlint works
        fh.write("- [Beta](https://beta.example) - Second.\n")
    with pytest.raises(WriteRefused, match="changed on disk"):
        write_atomic(path, b"replaced\n", expect=source.stamp)
    assert "Beta" in path.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_write_refused_when_content_changed_with_same_size_and_time(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(LIST)
    source = Source.read(path)
    st = path.stat()
    path.write_text(LIST.replace("Alpha", "Omega"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # a coarse clock: same mtime
    with pytest.raises(WriteRefused):
        write_atomic(path, b"replaced\n", expect=source.stamp)
    assert "Omega" in path.read_text()


def test_write_goes_through_when_unchanged_and_keeps_mode(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(LIST)
    path.chmod(0o640)
    source = Source.read(path)
    write_atomic(path, b"new\n", expect=source.stamp)
    assert path.read_bytes() == b"new\n" and stat.S_IMODE(path.stat().st_mode) == 0o640


@posix_only
def test_hard_link_is_refused(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(FIXABLE)
    os.link(path, tmp_path / "copy.md")
    r = run_listlint("fix", path)
    assert r.returncode == 2 and "2 hard links" in r.stderr
    assert path.read_text() == FIXABLE == (tmp_path / "copy.md").read_text()


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write")
def test_permission_errors_name_the_list_not_the_temp_file(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "README.md"
    path.write_text(FIXABLE)
    folder.chmod(0o555)
    try:
        r = run_listlint("fix", path)
    finally:
        folder.chmod(0o755)
    assert r.returncode == 2
    assert r.stderr.startswith(f"listlint: {path}: cannot write (Permission denied")
    assert ".tmp" not in r.stderr
    path.chmod(0o444)
    r = run_listlint("fix", path)
    assert r.returncode == 2 and f"{path}: not writable" in r.stderr
    assert path.read_text() == FIXABLE


def _big_list(path: Path, megabytes: float) -> None:
    row = "- [Tool {i}](https://tool{i}.example/x) - Does thing {i}.\n"
    parts, size, i = ["# Big\n\n"], 0, 0
    while size < megabytes * 1_000_000:
        if i % 400 == 0:
            parts.append(f"\n## Part {i}\n\n")
        line = row.format(i=i) if i % 97 else "* " + row.format(i=i)[2:]  # fixable markers
        parts.append(line)
        size += len(line)
        i += 1
    path.write_text("".join(parts))


def _wait_until_read(proc: subprocess.Popen[bytes], size: int, limit: float = 60) -> bool:
    """True once ``proc`` has read ``size`` bytes (Linux /proc/PID/io; imports count too, so a
    short pause follows) and still runs."""
    io = Path(f"/proc/{proc.pid}/io")
    end = time.monotonic() + limit
    while time.monotonic() < end and proc.poll() is None:
        try:
            rchar = int(io.read_text().split("rchar:")[1].split()[0])
        except (OSError, IndexError, ValueError):
            return False
        if rchar >= size:
            time.sleep(0.5)
            return proc.poll() is None
        time.sleep(0.005)
    return False


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc/PID/io")
def test_fix_does_not_lose_a_line_appended_while_it_runs(tmp_path):
    path = tmp_path / "README.md"
    _big_list(path, 0.3)
    size = path.stat().st_size
    proc = subprocess.Popen([sys.executable, "-m", "listlint", "fix", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        if not _wait_until_read(proc, size):
            pytest.skip("fix finished before the file could be changed")
        with path.open("a") as fh:
            fh.write("- [Late](https://late.example) - Appended meanwhile.\n")
        if proc.poll() is not None:
            pytest.skip("fix finished before the file could be changed")
        out, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
    late = "- [Late](https://late.example) - Appended meanwhile.\n"
    assert path.read_text().endswith(late)  # the bug: the fixed text replaced it (exit 0)
    if proc.returncode == 0:
        pytest.skip("the append came before fix read the file")
    assert proc.returncode == 2, err
    assert b"changed on disk while listlint worked on it" in err
    assert path.read_text().endswith("- [Late](https://late.example) - Appended meanwhile.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


@posix_only
@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc/PID/io")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_fix_leaves_the_file_and_no_temp_file(signum, tmp_path):
    path = tmp_path / "README.md"
    _big_list(path, 0.3)
    before = path.read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "listlint", "fix", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        if not _wait_until_read(proc, len(before)):
            pytest.skip("fix finished before the signal could be sent")
        proc.send_signal(signum)
        proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode != 0
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


# -- terminal and CI injection (point 5) ----------------------------------------------------
HOSTILE = ("# Tools\x1b]0;pwned\x07\n\n## Part\x1b[2J\n\n"
           "- [Alpha](https://alpha.example/x\"><img/src=x/onerror=alert(1)>) - First.\n"
           "- [Alpha](https://alpha.example/x\"><img/src=x/onerror=alert(1)>) - First.\n"
           "- [Jump](#%1b%5d8%3b%3bhttp%3a%2f%2fevil%1b%5c) - Anchor with OSC.\n"
           "- [Line](#a%0A::error::pwned) - Anchor with a newline.\n"
           "- [Ret](#b%0D%1b[31mred%07) - CR and BEL.\n"
           "- [Flip](#c%E2%80%AEevil) - Right-to-left override.\n")
_CONTROL = ("\x1b", "\x07", "\r", "\u202e")


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "sarif", "json"])
def test_file_content_cannot_reach_the_terminal_or_the_ci(fmt, tmp_path):
    path = tmp_path / "README.md"
    path.write_text(HOSTILE, encoding="utf-8")
    r = run_listlint("check", path, "--no-color", "--format", fmt)
    assert r.returncode == 1, r.stderr
    assert "broken-anchor" in r.stdout or "LL003" in r.stdout
    for c in _CONTROL:  # JSON keeps the text as data: "\u202e", the same string once read
        assert c not in r.stdout and c not in r.stderr
    if fmt in ("json", "sarif"):
        json.loads(r.stdout)  # still JSON
    lines = r.stdout.splitlines()
    own = ("::error file=", "::warning file=", "::notice file=")
    assert all(line.startswith(own) for line in lines if line.startswith("::"))
    if fmt in ("text", "github", "markdown"):
        assert "\\x1b]8;;http://evil\\x1b\\" in r.stdout  # shown, escaped
    if fmt == "markdown":
        assert "<img" not in r.stdout and "&lt;img" in r.stdout


def test_fix_diff_shows_control_characters_as_escapes(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("# T\n\n- [A](https://a.example) - teh \x07\x1b]0;X\x07\x1b[2J end\n",
                    encoding="utf-8")
    r = run_listlint("fix", "--diff", path)
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    # shown, not dropped: the diff says what the file holds
    assert "+- [A](https://a.example) - the \\x07\\x1b]0;X\\x07\\x1b[2J end\n" in r.stdout


@pytest.mark.parametrize("command", [("stats",), ("stats", "--format", "markdown"),
                                     ("venues",), ("entries",), ("entries", "--format", "json"),
                                     ("fix", "--diff")])
def test_other_commands_escape_file_content(command, tmp_path):
    path = tmp_path / "README.md"
    path.write_text(HOSTILE, encoding="utf-8")
    r = run_listlint(*command, path)
    assert r.returncode in (0, 1), r.stderr
    for c in _CONTROL:
        assert c not in r.stdout and c not in r.stderr


# -- config that writes anywhere (point 6) --------------------------------------------------
def _repo_with_cache_file(tmp_path: Path, value: str, url: str) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(f"[tool.listlint.links]\ncache-file = {value!r}\n")
    (repo / "README.md").write_text(f"# Tools\n\n- [Alpha]({url}) - First tool.\n")
    return repo


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}


def _run_in(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "listlint", *args], cwd=repo, env=_env(home),
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("value", ["~/.bashrc", "../outside.json", "/tmp/../{home}/.bashrc",
                                   ".git/hooks/pre-commit", "escape/links.json"])
def test_repository_config_cannot_write_outside_the_repository(value, tmp_path):
    from tests.links_server import LinkServer

    home = tmp_path / "home"
    home.mkdir()
    bashrc = home / ".bashrc"
    bashrc.write_text("export SAFE=1\n")
    with LinkServer() as server:
        repo = _repo_with_cache_file(tmp_path, value.format(home=home), server.url("/ok"))
        (repo / ".git" / "hooks").mkdir()
        (repo / ".git" / "hooks" / "pre-commit").write_text("#!/bin/sh\nexit 0\n")
        (repo / "escape").symlink_to(home)  # a committed symbolic link out of the repository
        for command in (("check", "--online"), ("links",)):
            r = _run_in(repo, home, *command, "README.md")
            assert r.returncode == 2, r.stderr
            assert "outside the config file's folder" in r.stderr and "cache-file" in r.stderr
            assert len(r.stderr.strip().splitlines()) == 1
    assert bashrc.read_text() == "export SAFE=1\n"
    assert (repo / ".git" / "hooks" / "pre-commit").read_text() == "#!/bin/sh\nexit 0\n"
    assert not (tmp_path / "outside.json").exists() and not (home / "links.json").exists()


def test_a_list_inside_a_home_folder_repository_cannot_reach_the_dotfiles(tmp_path):
    # an unpacked list (no .git of its own) in a home folder that is a git repository: the
    # repository is the home folder, but the config may only write under its own folder
    home = tmp_path / "home"
    (home / ".git").mkdir(parents=True)
    profile = home / ".profile"
    profile.write_text("export SAFE=1\n")
    lst = home / "downloads" / "list"
    lst.mkdir(parents=True)
    (lst / "pyproject.toml").write_text('[tool.listlint.links]\ncache-file = "../../new.json"\n')
    (lst / "README.md").write_text("# Tools\n\n- [Alpha](http://127.0.0.1:9/x) - First tool.\n")
    r = _run_in(lst, home, "links", "README.md")
    assert r.returncode == 2 and "outside the config file's folder" in r.stderr
    assert not (home / "new.json").exists() and profile.read_text() == "export SAFE=1\n"


def test_cache_file_inside_the_repository_or_given_by_the_user_is_written(tmp_path):
    from tests.links_server import LinkServer

    home = tmp_path / "home"
    home.mkdir()
    with LinkServer() as server:
        repo = _repo_with_cache_file(tmp_path, ".cache/links.json", server.url("/ok"))
        (repo / ".cache").mkdir()
        r = _run_in(repo, home, "links", "README.md")
        assert r.returncode == 0, r.stderr
        assert (repo / ".cache" / "links.json").is_file()
        mine = tmp_path / "elsewhere" / "mine.json"  # the command line may point anywhere
        mine.parent.mkdir()
        r = _run_in(repo, home, "links", "README.md", "--cache-file", str(mine))
        assert r.returncode == 0, r.stderr
        assert mine.is_file()


# -- deadlines (point 4) --------------------------------------------------------------------
class DripServer:
    """A raw HTTP server on 127.0.0.1 that answers one byte every ``every`` seconds, for at
    most ``limit`` seconds per connection: headers that never end."""

    def __init__(self, every: float = 0.5, limit: float = 40.0, head: bytes = b"") -> None:
        self.every, self.limit, self.head = every, limit, head
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        data = b"HTTP/1.1 200 OK\r\nX-Drip: " + b"a" * 10_000
        end = time.monotonic() + self.limit
        try:
            conn.recv(65536)
            conn.sendall(self.head)
            for byte in data[len(self.head):]:
                if self.stop.is_set() or time.monotonic() > end:
                    break
                conn.sendall(bytes([byte]))
                time.sleep(self.every)
        except OSError:
            pass
        finally:
            conn.close()

    def __enter__(self) -> DripServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.sock.close()


def test_slow_drip_link_is_unreachable_within_its_deadline(tmp_path):
    path = tmp_path / "README.md"
    with DripServer() as server:
        path.write_text(f"# Tools\n\n- [Drip]({server.url('/drip')}) - Slow.\n")
        r = run_listlint("check", path, "--online", "--timeout", "2", "--deadline", "1.5",
                         "--format", "json", timeout=120)
    assert r.returncode in (0, 1), r.stderr
    found = {d["code"]: d["message"] for d in __import__("json").loads(r.stdout)}
    assert "LL404" in found, found  # before: 200 OK, after as long as the server dripped
    assert "within the deadline of 1.5 s" in found["LL404"]


@pytest.mark.parametrize("head", [b"", b"HTTP/1.1 200 OK\r\n"], ids=["status", "headers"])
def test_default_deadline_is_three_timeouts(head):
    from listlint.net.http import Checker, Settings
    from listlint.net.verdict import Status

    with DripServer(every=0.2, head=head) as server:  # cut off in the status line or after it
        verdict = Checker(Settings(timeout=0.5, retries=2)).check(server.url("/x"))
    assert verdict.status is Status.UNREACHABLE
    assert verdict.detail == "no complete answer within the deadline of 1.5 s"


def test_run_budget_leaves_the_rest_unchecked(tmp_path):
    path = tmp_path / "README.md"
    with DripServer() as server:
        path.write_text("# Tools\n\n" + "".join(
            f"- [D{i}]({server.url(f'/d{i}')}) - Slow {i}.\n" for i in range(12)))
        r = run_listlint("links", path, "--no-cache", "--deadline", "30", "--budget", "1",
                         "--concurrency", "2", timeout=120)
    assert "not checked (run budget spent)" in r.stderr, r.stderr
    assert "LL404" not in r.stdout  # a link cut off by the budget gets no verdict


def test_venue_lookup_requests_have_a_deadline():
    import requests

    from listlint.net.service import Service
    from listlint.net.session import guard_session

    with DripServer(every=0.2) as server:
        service = Service("drip", server.url(), 0.0, retries=0,
                          session=guard_session(requests.Session()), deadline=1.0)
        assert service.call("GET", "/paper") is None


# -- memory and time on hostile input (point 7) ---------------------------------------------
def test_dense_markup_is_read_as_plain_text_beyond_the_limits():
    from listlint.document import markdown_parser
    from listlint.parse_guard import BLOCK_MARKUP_LIMIT, PLAIN_TEXT_KEY

    md = markdown_parser()
    env: dict = {}
    hostile = "*_" * (BLOCK_MARKUP_LIMIT // 2 + 1)
    tokens = md.parse(f"- [Alpha](https://alpha.example) - *First*.\n\n{hostile}\n", env)
    inline = [t for t in tokens if t.type == "inline"]
    assert [c.type for c in inline[0].children][:3] == ["link_open", "text", "link_close"]
    assert [c.type for c in inline[1].children] == ["text"]  # one token, not 100,002
    assert env[PLAIN_TEXT_KEY] == [inline[1].map]


def test_many_small_dense_blocks_share_one_budget():
    from listlint.document import markdown_parser
    from listlint.parse_guard import DENSE_MARKUP_BUDGET, PLAIN_TEXT_KEY

    block = "[" * 1000
    n = DENSE_MARKUP_BUDGET // 1000 + 5
    env: dict = {}
    markdown_parser().parse("\n\n".join([block] * n) + "\n\n[ok](https://ok.example)\n", env)
    assert len(env[PLAIN_TEXT_KEY]) == 5  # the blocks past the budget; the link is parsed


@pytest.mark.skipif(not Path("../shared/corpus").is_dir() and
                    not (Path(__file__).parent.parent.parent / "shared" / "corpus").is_dir(),
                    reason="../shared/corpus is absent")
def test_no_real_list_reaches_the_limits():
    from listlint.document import markdown_parser
    from listlint.parse_guard import PLAIN_TEXT_KEY
    from tests.conftest import CORPUS

    md = markdown_parser()
    files = sorted(CORPUS.rglob("*.md"))
    assert files
    for path in files:
        env: dict = {}
        md.parse(path.read_text(encoding="utf-8", errors="replace"), env)
        assert PLAIN_TEXT_KEY not in env, path


def test_links_after_a_million_brackets_are_found():
    from listlint.inline import scan_links

    text = "[" * 200_000 + " [ok](https://ok.example) " + "[a](" * 5_000 + " [b](https://b.example)"
    assert [r.dest for r in scan_links(text)] == ["https://ok.example", "https://b.example"]


def _peak_rss_of_check(path: Path) -> int:
    """Peak resident memory (bytes) of `listlint check path` in its own process (Linux)."""
    probe = ("import resource, subprocess, sys; "
             "subprocess.run([sys.executable, '-m', 'listlint', 'check', sys.argv[1], '--format',"
             " 'json'], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    r = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True,
                       timeout=600)
    return int(r.stdout) * 1024


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KiB on Linux")
@pytest.mark.parametrize("unit", ["*_", "[", "![", "[a]("])
def test_hostile_line_memory_stays_bounded(unit, tmp_path):
    path = tmp_path / "README.md"
    path.write_text(unit * (1_500_000 // len(unit)) + "\n")
    peak = _peak_rss_of_check(path)
    assert peak < 300 * 2**20, f"{peak / 2**20:.0f} MiB"  # before: 700 MiB for "*_"


# -- fuzz: any text, every format, no crash and no control character out --------------------
_ALPHABET = "ab #*_[]()!<>`\\:|-\n\r\t\x1b\x07\u202e%0A1"


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def test_fuzzed_lists_never_crash_or_leak_control_characters(fuzz_dir):
    from click.testing import CliRunner
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from listlint.cli import main

    runner = CliRunner()
    path = fuzz_dir / "README.md"

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.text(alphabet=_ALPHABET, max_size=300), st.sampled_from(["text", "github",
                                                                       "markdown", "sarif"]))
    def check(body: str, fmt: str) -> None:
        path.write_text("# List\n\n- [A](https://a.example#x%1b) - " + body + "\n",
                        encoding="utf-8", newline="")
        r = runner.invoke(main, ["check", str(path), "--no-color", "--format", fmt])
        assert r.exit_code in (0, 1), r.output
        assert not any(c in r.output for c in _CONTROL)
        assert all(line.startswith(("::error file=", "::warning file=", "::notice file="))
                   for line in r.output.splitlines() if line.startswith("::"))

    check()
