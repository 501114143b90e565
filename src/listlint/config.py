"""Configuration: ``[tool.listlint]`` in pyproject.toml, or a ``.listlint.toml`` / ``listlint.toml``.

The nearest such file above the checked file wins (like ruff). Validation is strict: an
unknown key or a value of the wrong type raises :class:`ConfigError` naming the file and key,
which the CLI turns into one line and exit status 2.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from listlint.model import Severity
from listlint.presets import PRESETS, Preset


class RuleDefaults(Protocol):
    """What the configuration reads of a rule (a :class:`listlint.registry.Rule`): its code,
    default severity and default options. The registry imports this module, never the
    reverse: rule names in a config file are checked against it when the file is read."""

    @property
    def code(self) -> str: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def default_options(self) -> dict[str, Any]: ...


def _toml() -> Any:
    """The TOML reader (imported only when there is a config file to read)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib

CONFIG_FILES = (".listlint.toml", "listlint.toml", "pyproject.toml")  # in this order, as ruff
# A [tool.listlint] or [tool.listlint.x] table header in a pyproject.toml's text.
_OUR_TABLE = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*listlint[ \t]*[\].]", re.M)


class ConfigError(Exception):
    """A configuration problem, worded for the user: ``file: key: what is wrong``."""


@dataclass(slots=True)
class Config:
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    preset: str | None = None
    severity: dict[str, Severity] = field(default_factory=dict)  # rule code -> severity
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> options
    skip_sections: list[str] = field(default_factory=list)
    ignore_urls: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # family tables, e.g. venues, style
    _url_re: re.Pattern[str] | None = None

    def severity_for(self, rule: RuleDefaults) -> Severity:
        return self.severity.get(rule.code, rule.severity)

    def options_for(self, rule: RuleDefaults) -> dict[str, Any]:
        opts = rule.default_options
        opts.update(self.rule_options.get(rule.code, {}))
        return opts

    def url_ignored(self, url: str) -> bool:
        if not self.ignore_urls:
            return False
        if self._url_re is None:
            self._url_re = re.compile("|".join(f"(?:{p})" for p in self.ignore_urls))
        return self._url_re.search(url) is not None

    def section_skipped(self, path: tuple[str, ...]) -> bool:
        if not self.skip_sections:
            return False
        wanted = {s.casefold() for s in self.skip_sections}
        return any(title.casefold() in wanted for title in path)


# Top-level keys and a validator for each.
def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


_TOP_KEYS = {
    "select": _str_list,
    "ignore": _str_list,
    "extend-select": _str_list,
    "fail-on": lambda v: isinstance(v, str),
    "preset": lambda v: isinstance(v, str),
    "severity": lambda v: isinstance(v, dict),
    "rules": lambda v: isinstance(v, dict),
    "skip-sections": _str_list,
    "ignore-urls": _str_list,
    "words": _str_list,
}
# What each top-level key wants, with an example, for the message when it gets something else.
_TOP_EXPECTED = {
    "select": 'a list of strings, e.g. select = ["LL1"]',
    "ignore": 'a list of strings, e.g. ignore = ["LL005"]',
    "extend-select": 'a list of strings, e.g. extend-select = ["LL4"]',
    "fail-on": 'a string, e.g. fail-on = "warning"',
    "preset": 'a string, e.g. preset = "awesome"',
    "severity": 'a table, e.g. [tool.listlint.severity] with LL005 = "info"',
    "rules": 'a table, e.g. [tool.listlint.rules.duplicate-title] with min-words = 4',
    "skip-sections": 'a list of strings, e.g. skip-sections = ["Contributing"]',
    "ignore-urls": 'a list of strings, e.g. ignore-urls = ["^https://example\\.com/"]',
    "words": 'a list of strings, e.g. words = ["foo"]',
}
# Tables owned by rule families (validated by their own code), registered when the module
# that owns the table is imported; :func:`table_modules` names that module for each table.
FAMILY_TABLES: dict[str, dict[str, Any]] = {}
#: The tables of no rule family, and the module that registers each (a rule family names
#: its own on its registry entry, ``Family.table``).
OTHER_TABLE_MODULES = {"server": "listlint.server.settings"}


def table_modules() -> dict[str, str]:
    """The module that registers each ``[tool.listlint.<table>]``: a rule family's module
    named by the registry, or one of :data:`OTHER_TABLE_MODULES`."""
    from listlint.registry import FAMILY_MODULES

    return {**{f.name: f.table for f in FAMILY_MODULES if f.table}, **OTHER_TABLE_MODULES}


FAMILY_VALIDATORS: dict[str, Any] = {}


def repository_of(config_file: Path) -> Path:
    """The repository a config file belongs to: the nearest folder above it holding ``.git``,
    else the config file's own folder."""
    folder = config_file.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def config_path(config: Config, key: str, value: str, cache_dir: Path) -> Path:
    """A path read from a config file, made safe to write to.

    A repository's config is written by its contributors, not by the user who runs listlint,
    so a path in it (relative paths start at the config file's folder, ``~`` is expanded)
    must resolve, symbolic links followed, inside the repository (not in its ``.git``) and
    under the config file's own folder, or inside ``cache_dir``, the user's listlint cache
    folder; anything else raises :class:`ConfigError`. (The config's folder, not merely the
    repository: an unpacked list inside a home folder that is a git repository must not
    reach the dotfiles above it.) Paths given on the command line are the user's and are not
    checked."""
    where = str(config.path) if config.path else "config"
    if config.path is None:
        return Path(value).expanduser()
    base = config.path.resolve().parent
    target = (base / Path(value).expanduser()).resolve()
    repo = repository_of(config.path)
    inside = target.is_relative_to(repo) and target.is_relative_to(base) \
        and ".git" not in target.relative_to(repo).parts
    if inside or target.is_relative_to(cache_dir.expanduser().resolve()):
        return target
    raise ConfigError(f"{where}: {key}: {value!r} resolves to {target}, outside the config "
                      f"file's folder ({base}) and the listlint cache folder; a path from a "
                      "config file must stay inside them (give it on the command line to write "
                      "elsewhere)")


def register_family_table(name: str, defaults: dict[str, Any], validate: Any = None) -> None:
    """Let a rule family own a ``[tool.listlint.<name>]`` table with these keys/defaults.

    ``validate(table, fail)``, if given, checks the merged table when the config is loaded;
    ``fail(key, message)`` returns the :class:`ConfigError` to raise."""
    FAMILY_TABLES[name] = defaults
    if validate is not None:
        FAMILY_VALIDATORS[name] = validate


def find_config_file(start: Path) -> Path | None:
    """The nearest .listlint.toml or listlint.toml, or pyproject.toml with [tool.listlint], above
    ``start`` (in one folder, in that order)."""
    start = start.resolve()
    return _find_config_file(start if start.is_dir() else start.parent)


def forget_found_configs() -> None:
    """Search again next time (a long-running process: the user may add or remove a file)."""
    _find_config_file.cache_clear()


@lru_cache(maxsize=64)
def _find_config_file(folder: Path) -> Path | None:
    for d in (folder, *folder.parents):
        for name in CONFIG_FILES[:2]:
            found = d / name
            if found.exists() and not found.is_dir():  # not a regular file: refused when read
                return found
        py = d / "pyproject.toml"
        if py.is_file():
            tomllib = _toml()
            try:
                text = py.read_text(encoding="utf-8")
                data = tomllib.loads(text)
            except (OSError, UnicodeDecodeError):
                continue
            except tomllib.TOMLDecodeError:
                # Ours if it names our table (load_config says where it is broken, as ruff
                # does); another tool's broken file is not.
                if _OUR_TABLE.search(text):
                    return py
                continue
            if "listlint" in data.get("tool", {}):
                return py
    return None


def load_config(path: Path | None) -> Config:
    """Read and validate a config file (None: defaults)."""
    if path is None:
        return Config()
    from listlint.source import InputError, read_regular

    try:  # a regular file only: a FIFO or /dev/zero would never end
        text = read_regular(path, only="a config file must be one")[0].decode("utf-8")
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None
    tomllib = _toml()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("listlint", {})
        prefix = "tool.listlint."
    else:
        table = data.get("tool", {}).get("listlint", data) if "tool" in data else data
        prefix = ""
    return config_from_table(table, path, prefix)


def config_from_table(table: dict[str, Any], path: Path | None, prefix: str = "") -> Config:
    from listlint.registry import get, is_known_selector

    where = str(path) if path else "config"
    cfg = Config(path=path)
    tables = table_modules()
    for key in table:  # the modules owning the tables used here register them on import
        if key in tables:
            importlib.import_module(tables[key])

    def fail(key: str, msg: str) -> ConfigError:
        return ConfigError(f"{where}: {prefix}{key}: {msg}")

    for key, value in table.items():
        if key in FAMILY_TABLES:
            if not isinstance(value, dict):
                raise fail(key, "must be a table")
            defaults = FAMILY_TABLES[key]
            for k, v in value.items():
                if k not in defaults:
                    known = ", ".join(sorted(defaults)) or "none"
                    raise fail(f"{key}.{k}", f"unknown key (known: {known})")
                _check_type(defaults[k], v, lambda m, k=k, key=key: fail(f"{key}.{k}", m))
            cfg.extra[key] = {**defaults, **value}
            if key in FAMILY_VALIDATORS:
                FAMILY_VALIDATORS[key](cfg.extra[key], lambda k, m, key=key: fail(f"{key}.{k}", m))
            continue
        check = _TOP_KEYS.get(key)
        if check is None:
            hint = _did_you_mean(key, [*_TOP_KEYS, *tables])
            known = ", ".join(sorted([*_TOP_KEYS, *tables]))
            raise fail(key, "unknown key" + (f"; did you mean {hint!r}?" if hint
                                             else f" (known: {known})"))
        if not check(value):
            raise fail(key, f"expected {_TOP_EXPECTED[key]}, got {value!r}")
    for key in ("select", "ignore", "extend-select"):
        for sel in table.get(key, []):
            if not is_known_selector(sel):
                raise fail(key, f"no rule matches {sel!r} (see `listlint rules`)")
    if "select" in table:
        cfg.select = list(table["select"])
    cfg.ignore = list(table.get("ignore", []))
    cfg.extend_select = list(table.get("extend-select", []))
    if "fail-on" in table:
        try:
            cfg.fail_on = Severity.parse(table["fail-on"])
        except ValueError as exc:
            raise fail("fail-on", str(exc)) from None
    if "preset" in table:
        if table["preset"] not in PRESETS:
            known = ", ".join(sorted(PRESETS))
            raise fail("preset", f"unknown preset {table['preset']!r} (known: {known})")
        cfg.preset = table["preset"]
    for k, v in table.get("severity", {}).items():
        r = get(k)
        if r is None:
            raise fail(f"severity.{k}", _no_such_rule(k))
        if not isinstance(v, str):
            raise fail(f"severity.{k}", "must be error, warning or info")
        try:
            cfg.severity[r.code] = Severity.parse(v)
        except ValueError as exc:
            raise fail(f"severity.{k}", str(exc)) from None
    for k, opts in table.get("rules", {}).items():
        r = get(k)
        if r is None:
            raise fail(f"rules.{k}", _no_such_rule(k))
        if not isinstance(opts, dict):
            raise fail(f"rules.{k}", "must be a table of options")
        defaults = r.default_options
        for ok, ov in opts.items():
            if ok == "severity":
                try:
                    cfg.severity[r.code] = Severity.parse(str(ov))
                except ValueError as exc:
                    raise fail(f"rules.{k}.severity", str(exc)) from None
                continue
            if ok not in defaults:
                known = ", ".join(["severity", *sorted(defaults)])
                raise fail(f"rules.{k}.{ok}", f"unknown option (known: {known})")
            _check_type(defaults[ok], ov, lambda m, ok=ok, k=k: fail(f"rules.{k}.{ok}", m))
            cfg.rule_options.setdefault(r.code, {})[ok] = ov
    cfg.skip_sections = list(table.get("skip-sections", []))
    cfg.ignore_urls = list(table.get("ignore-urls", []))
    for pattern in cfg.ignore_urls:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise fail("ignore-urls", f"bad regular expression {pattern!r}: {exc}") from None
    cfg.words = list(table.get("words", []))
    for name, defaults in FAMILY_TABLES.items():
        cfg.extra.setdefault(name, dict(defaults))
    return cfg


def _check_type(default: Any, value: Any, fail: Any) -> None:
    if default is None:
        return
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(default, list):
        ok = isinstance(value, list)
    elif isinstance(default, dict):
        ok = isinstance(value, dict)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise fail(f"expected {_kind(default)}, got {value!r}")


def _kind(default: Any) -> str:
    """How a message names the type of an option's default value."""
    if isinstance(default, bool):
        return "bool (true or false)"
    if isinstance(default, (int, float)):
        return "a number"
    if isinstance(default, list):
        return "a list, e.g. [\"a\", \"b\"]"
    if isinstance(default, dict):
        return "a table"
    if isinstance(default, str):
        return "a string (in quotes)"
    return type(default).__name__


def _no_such_rule(name: str) -> str:
    from listlint.registry import all_rules

    rules = all_rules()
    hint = _did_you_mean(name, [r.name for r in rules]) or \
        _did_you_mean(name.upper(), [r.code for r in rules])
    return f"no such rule; did you mean {hint!r}?" if hint else \
        "no such rule (see `listlint rules`)"


def _did_you_mean(word: str, options: list[str]) -> str | None:
    import difflib

    hits = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return hits[0] if hits else None


# -- presets ----------------------------------------------------------------------------------
def get_preset(name: str) -> Preset:
    """The preset called ``name``; :class:`~listlint.config.ConfigError` if there is none."""
    preset = PRESETS.get(name.strip().lower())
    if preset is None:
        raise ConfigError(f"unknown preset {name!r} (known: {', '.join(sorted(PRESETS))})")
    return preset


def apply_preset(config: Config, name: str | None = None) -> Config:
    """``config`` with preset ``name`` (default: the config's own ``preset``) applied.

    Returns a new :class:`~listlint.config.Config`; ``config`` is not changed. The preset's
    rules are added to ``extend-select``; its pins replace the defaults of the family tables
    and its severities and rule options apply where the config sets none, while a value the
    user set in the config file is kept.
    Applying the same preset twice changes nothing more.
    """
    name = name or config.preset
    if not name:
        return config
    preset = get_preset(name)
    extend = list(config.extend_select)
    extend.extend(s for s in preset.select if s not in extend)
    extra = dict(config.extra)
    for table, pins in preset.pins.items():
        defaults = FAMILY_TABLES.get(table, {})
        current = dict(extra.get(table, defaults))
        for key, value in pins.items():
            if key not in current or current[key] == defaults.get(key):
                current[key] = value
        extra[table] = current
    severity = dict(config.severity)
    for code, value in preset.severity.items():
        severity.setdefault(code, Severity.parse(value))
    options = {code: dict(opts) for code, opts in config.rule_options.items()}
    for code, opts in preset.options.items():
        mine = options.setdefault(code, {})
        for key, value in opts.items():
            mine.setdefault(key, list(value) if isinstance(value, tuple) else value)
    return dataclasses.replace(config, preset=preset.name, extend_select=extend, extra=extra,
                               severity=severity, rule_options=options)
