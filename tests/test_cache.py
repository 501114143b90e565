"""The cache folder, the shelf of built word lists, and ``listlint --version --verbose``."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from listlint.net.store import Shelf, cache_dir, cache_file
from listlint.rules.spelling.english import english_from, words_shelf

DAY = 86400.0


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LISTLINT_CACHE_DIR", str(folder))
    return folder


def _dictionary(folder: Path, words: dict[str, int]) -> Path:
    """A word list in the shipped format (gzipped JSON of word counts), as another install of
    listlint would hold its own copy."""
    pkg = folder / "spellchecker"
    (pkg / "resources").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    path = pkg / "resources" / "en.json.gz"
    path.write_bytes(gzip.compress(json.dumps(words).encode()))
    return path


def _stamp(paths: list[Path]) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in paths}


def test_every_cache_lives_in_one_folder(_own_cache: Path) -> None:
    assert cache_dir() == _own_cache
    assert cache_file("links.json").parent == cache_file("venues.json").parent == _own_cache
    assert words_shelf().folder.parent == _own_cache


def test_the_platform_folder_without_the_variable(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.delenv("LISTLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    expected = tmp_path / "xdg" / "listlint" if sys.platform.startswith("linux") else None
    if expected is not None:
        assert cache_dir() == expected
    assert cache_dir().name in ("listlint", "Cache")


def test_two_installs_alternate_without_rebuilding(tmp_path: Path) -> None:
    a = _dictionary(tmp_path / "a", {"alpha": 5000, "common": 9000})
    b = _dictionary(tmp_path / "b", {"beta": 5000, "common": 9000})
    assert "alpha" in english_from(a) and "beta" in english_from(b)
    entries = [p for _, _, p in words_shelf().entries()]
    assert len(entries) == 2
    before = _stamp(entries)
    for _ in range(3):  # each finds its own entry: nothing is written again
        assert "alpha" in english_from(a) and "beta" not in english_from(a)
        assert "beta" in english_from(b)
    assert _stamp([p for _, _, p in words_shelf().entries()]) == before


def test_the_same_dictionary_copied_elsewhere_shares_the_entry(tmp_path: Path) -> None:
    words = {"gamma": 5000}
    english_from(_dictionary(tmp_path / "a", words))
    time.sleep(0.01)
    english_from(_dictionary(tmp_path / "b", words))  # other path, other mtime, same bytes
    assert len(words_shelf().entries()) == 1


def test_two_processes_with_different_dictionaries(tmp_path: Path, _own_cache: Path) -> None:
    installs = [_dictionary(tmp_path / "a", {"alpha": 5000}),
                _dictionary(tmp_path / "b", {"beta": 5000})]
    # each process is an install whose shipped word list is its own file
    code = ("import pathlib, sys\nimport listlint.rules.spelling.english as s\n"
            "s.ENGLISH_WORDS = pathlib.Path(sys.argv[1])\n"
            "w = s.english(); print(s.english_entry().name, 'alpha' in w, 'beta' in w)\n")
    seen = []
    for install in [*installs, *installs, *installs]:
        env = {**os.environ, "LISTLINT_CACHE_DIR": str(_own_cache)}
        out = subprocess.run([sys.executable, "-c", code, str(install)], env=env,
                             capture_output=True, text=True, check=True).stdout.split()
        seen.append(out)
        if len(seen) == 2:
            before = _stamp([p for _, _, p in words_shelf().entries()])
    assert [s[1:] for s in seen] == [["True", "False"], ["False", "True"]] * 3
    assert len({s[0] for s in seen}) == 2
    assert _stamp([p for _, _, p in words_shelf().entries()]) == before  # no rebuilds


def test_a_damaged_entry_is_rebuilt(tmp_path: Path) -> None:
    path = _dictionary(tmp_path / "a", {"delta": 5000})
    english_from(path)
    [(_, _, entry)] = words_shelf().entries()
    entry.write_bytes(b"listlint-words-4 truncated")
    assert "delta" in english_from(path)
    assert entry.stat().st_size > 100


def _shelf_with(folder: Path, ages: dict[str, float], now: float, size: int = 10) -> Shelf:
    shelf = Shelf(folder, "w-", ".bin", max_entries=3, max_bytes=10_000, max_idle=30 * DAY,
                  in_use=DAY)
    folder.mkdir(parents=True, exist_ok=True)
    for key, age in ages.items():
        path = shelf.path(key)
        path.write_bytes(b"x" * size)
        os.utime(path, (now - age, now - age))
    return shelf


def test_eviction_by_idle_time_then_count(tmp_path: Path) -> None:
    now = time.time()
    shelf = _shelf_with(tmp_path, {"idle": 40 * DAY, "old": 5 * DAY, "older": 6 * DAY,
                                   "recent": 2 * DAY}, now)
    shelf.put("new", b"fresh", now=now)
    kept = sorted(p.name for _, _, p in shelf.entries())
    assert kept == ["w-new.bin", "w-old.bin", "w-recent.bin"]  # idle, then least recent


def test_entries_in_use_are_never_evicted(tmp_path: Path) -> None:
    now = time.time()
    ages = {f"k{i}": 60.0 * i for i in range(5)}  # all used within the last few minutes
    shelf = _shelf_with(tmp_path, ages, now)
    shelf.put("new", b"fresh", now=now)
    assert len(shelf.entries()) == 6  # over the limit, but every one may be running now
    gone = shelf.evict(now=now + 2 * DAY)  # two days later none is in use any more
    assert len(gone) == 3 and len(shelf.entries()) == 3


def test_eviction_by_size(tmp_path: Path) -> None:
    now = time.time()
    shelf = _shelf_with(tmp_path, {"a": 3 * DAY, "b": 2 * DAY}, now, size=4_000)
    shelf.put("c", b"y" * 4_000, now=now)  # 12,000 bytes > 10,000: the oldest goes
    assert sorted(p.name for _, _, p in shelf.entries()) == ["w-b.bin", "w-c.bin"]


def test_a_hit_marks_the_entry_used(tmp_path: Path) -> None:
    now = time.time()
    shelf = _shelf_with(tmp_path, {"a": 3 * DAY}, now)
    assert shelf.get("a", now=now) == shelf.path("a")
    assert now - shelf.path("a").stat().st_mtime < 5
    assert shelf.get("missing", now=now) is None


@pytest.mark.skipif(os.name == "nt", reason="Windows refuses to delete a mapped file")
def test_a_mapped_word_list_survives_its_eviction(tmp_path: Path) -> None:
    from listlint.rules.spelling.english import WordList

    path = _dictionary(tmp_path / "a", {"epsilon": 5000})
    english_from(path)
    [(_, _, entry)] = words_shelf().entries()
    words = WordList.open(entry)
    entry.unlink()  # what another install's eviction would do on POSIX
    assert words is not None and "epsilon" in words


def test_version_verbose_tells_where_the_caches_are(cli, _own_cache: Path) -> None:
    plain = cli("--version")
    assert plain.exit_code == 0 and plain.stdout.strip() == "listlint 0.1.0"
    for args in (("--version", "--verbose"), ("-v", "-V")):
        r = cli(*args)
        assert r.exit_code == 0
        assert f"caches: {_own_cache} ($LISTLINT_CACHE_DIR" in r.stdout
        assert f"link cache (default): {_own_cache / 'links.json'}" in r.stdout
        assert str(_own_cache / "words") in r.stdout and "Python " in r.stdout
        assert "urllib3 2." in r.stdout and "missing" not in r.stdout  # each dependency's version


# -- the one JSON cache file of the link cache and the look-up caches -----------------------
def test_json_cache_round_trip_through_the_atomic_writer(tmp_path: Path) -> None:
    from listlint.net.jsoncache import JsonCache

    path = tmp_path / "deep" / "folder" / "c.json"
    JsonCache(path, "answers").save({"k": {"v": "Zürich"}, "j": {"v": 1}})
    assert JsonCache(path, "answers").load() == {"k": {"v": "Zürich"}, "j": {"v": 1}}
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    assert [p.name for p in path.parent.iterdir()] == ["c.json"]  # no temporary file left
    assert JsonCache(path, "answers", version=2).load() == {}  # another format: afresh
    assert JsonCache(None, "answers").load() == {}
    JsonCache(None, "answers").save({"k": {}})  # nowhere to write: nothing happens


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"version": 1, "links": [1]}',
                                     b"\xff\xfe\x00garbage"])
def test_a_damaged_cache_is_empty_with_one_warning(tmp_path: Path, content: str | bytes,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from listlint.net.cache import LinkCache
    from listlint.net.service import LookupCache

    monkeypatch.setenv("LISTLINT_CACHE_DIR", str(tmp_path))  # in the cache folder: ours
    path = tmp_path / "links.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    assert LinkCache(path).entries == {}
    warned = capsys.readouterr().err.splitlines()
    assert len(warned) == 1 and "damaged cache ignored" in warned[0] and str(path) in warned[0]
    lookups = tmp_path / "venues.json"
    lookups.write_bytes(path.read_bytes().replace(b"links", b"answers"))
    cache = LookupCache(lookups)  # the look-up cache reads the same way
    assert cache.data == {} and len(capsys.readouterr().err.splitlines()) == 1
    cache.put("q", "a")
    cache.save()  # the next save replaces the damaged file
    assert LookupCache(lookups).get("q") == (True, "a") and capsys.readouterr().err == ""
    assert not (tmp_path / "missing.json").exists()
    assert LinkCache(tmp_path / "missing.json").entries == {}  # no file yet: no warning
    assert capsys.readouterr().err == ""


def test_a_cache_file_from_a_config_stays_in_the_repository_or_the_cache_folder(
        tmp_path: Path, _own_cache: Path) -> None:
    from listlint.config import Config, ConfigError
    from listlint.net.run import settings_from

    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    config = Config(path=repo / ".listlint.toml")
    config.extra["links"] = {"cache-file": ".cache/links.json"}
    assert settings_from(config).cache_file == (repo / ".cache" / "links.json").resolve()
    config.extra["links"] = {"cache-file": str(_own_cache / "mine.json")}
    assert settings_from(config).cache_file == (_own_cache / "mine.json").resolve()
    config.extra["links"] = {"cache-file": "../outside.json"}
    with pytest.raises(ConfigError, match="outside the config file.s folder"):
        settings_from(config)
    assert settings_from(Config(path=repo / ".listlint.toml")).cache_file == \
        _own_cache / "links.json"
    assert settings_from(config, cache_file=tmp_path / "any.json").cache_file == \
        tmp_path / "any.json"  # the command line may point anywhere


@pytest.mark.parametrize("name", ["README.md", "pyproject.toml", "package.json", "links.json"])
def test_a_cache_file_named_outside_the_cache_folder_is_never_overwritten_if_foreign(
        tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from listlint.net.cache import LinkCache
    from listlint.net.jsoncache import JsonCache, NotACache

    monkeypatch.setenv("LISTLINT_CACHE_DIR", str(tmp_path / "cache"))
    theirs = {"README.md": "# My list\n\n- [A](https://a.example) - a.\n",
              "pyproject.toml": "[tool.listlint.links]\ncache-file = 'pyproject.toml'\n",
              "package.json": '{"name": "x", "links": {}}', "links.json": "{not json"}[name]
    path = tmp_path / name
    path.write_text(theirs)
    with pytest.raises(NotACache, match="not a listlint cache"):
        LinkCache(path)
    assert path.read_text() == theirs
    # an empty file, or a listlint cache of any version, is one to write
    path.write_text("")
    assert LinkCache(path).entries == {}
    JsonCache(path, "links").save({"https://a.example": {"status": "ok"}})
    assert LinkCache(path).entries == {"https://a.example": {"status": "ok"}}
