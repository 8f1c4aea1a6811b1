"""A setting read by its key in another file: the URL or host an integration's evidence line
defines in a settings module is used where the code reads that key.

- Laravel: `'latestReleaseUrl' => 'https://..'` in `config/app.php` (under `return [`) is
  read as `config('app.latestReleaseUrl')` or `Config::get('app.latestReleaseUrl')`; nested
  arrays add their keys (`config('services.github.url')`).
- Flask and Django: an upper-case setting (`TILE_SERVER = {"URL": ..}` in a config class or
  module) is read as `app.config["TILE_SERVER"]["URL"]`, `config.get("TILE_SERVER")` or
  `settings.TILE_SERVER`.

The readers' lines (in functions of runtime code files) become call sites: the request the
reading function makes is the one the setting configures."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from integration_risk.models.scan import Evidence
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.workspace import SourceFile, Workspace

if TYPE_CHECKING:
    from integration_risk.resilience.sites import Site

_PY_KEY = re.compile(r"""^\s*(?:(["'])(\w+)\1\s*:|([A-Z][A-Z0-9_]*)\s*(?::[^=]*)?=(?![=>]))""")
_PHP_KEY = re.compile(r"""^\s*(["'])([\w-]+)\1\s*=>""")
_PY_STOP = re.compile(r"^\s*(class|def|async\s+def)\b")
_PHP_ROOT = re.compile(r"^\s*return\s*(\[|array\s*\()")
MAX_READERS = 12


def reading_sites(
    workspace: Workspace,
    source: SourceFile,
    items: Iterable[Evidence],
    site_at: Callable[[SourceFile, Facts, int], Site],
) -> list[Site]:
    """Call sites where other files read the settings that `items` (evidence lines of
    `source` outside its functions) define, marked `read_key`."""
    if source.facts is None or PurePosixPath(source.path).suffix.lower() not in (".py", ".php"):
        return []
    sites = []
    for item in items:
        if item.kind == "import" or source.facts.function_at(item.line) >= 0:
            continue
        for other, line in setting_readers(workspace, source, item.line):
            reader = workspace.file(other)
            if reader is not None and reader.facts is not None:
                site = site_at(reader, reader.facts, line)
                site.read_key = True
                sites.append(site)
    return sites


def requests_with(workspace: Workspace, site: Site, category: str, ident: str) -> bool:
    """Does the site's own function make an outbound request with what the line reads: the
    read inside the request's call, or the variable it is stored in among its arguments
    (`$url = config('app.url'); Http::get($url)`)? A check that the key is set
    (`return (bool) config(..)`, `if config[..].startswith(..)`) is no request."""
    source = workspace.file(site.path)
    if source is None or source.facts is None or not 0 < site.line <= len(source.lines):
        return False
    stored = _ASSIGNED.match(source.lines[site.line - 1])
    used = re.compile(rf"(?<!\w){re.escape(stored.group(1))}(?!\w)") if stored else None
    from integration_risk.resilience.rules import vocabulary  # rules reads the sites

    vocab = vocabulary()
    for scope in site.scopes:
        if scope.kind != "function":
            continue
        for start, end, callee, _ in source.facts.calls:
            if not scope.start <= start <= scope.end:
                continue
            if not vocab.calls_out_for(callee, category, ident):
                continue
            if start <= site.line <= end:
                return True
            written = " ".join(source.lines[start - 1 : end])
            if used is not None and start > site.line and used.search(written):
                return True
    return False


# `url = ..`, `$url = ..`, `const url = ..`, `url := ..` (the variable a setting is read into)
_ASSIGNED = re.compile(
    r"^\s*(?:(?:const|let|var|final|val)\s+)?\$?([A-Za-z_]\w*)\s*(?::[^=]*)?:?=(?![=>])"
)


def setting_readers(workspace: Workspace, source: SourceFile, line: int) -> list[tuple[str, int]]:
    """(path, line) of the runtime code lines that read the setting defined at `line` of
    `source`, in functions; empty when the line is no keyed setting or nobody reads it by key."""
    path = source.path
    if source.facts is None or not 0 < line <= len(source.lines):
        return []
    suffix = PurePosixPath(path).suffix.lower()
    if suffix not in (".py", ".php"):
        return []
    keys = _key_path(source.lines, line, suffix)
    if not keys or (suffix == ".py" and not _settings_module(path, source.lines, line)):
        return []
    stem = PurePosixPath(path).stem if suffix == ".php" else ""
    key = (suffix, stem, *keys)
    if key not in workspace.setting_readers:
        workspace.setting_readers[key] = _readers(workspace, path, keys, suffix, stem)
    return workspace.setting_readers[key]


def _readers(
    workspace: Workspace, path: str, keys: list[str], suffix: str, stem: str
) -> list[tuple[str, int]]:
    reader = _reader(keys, suffix, stem)
    found: list[tuple[str, int]] = []
    for other, _, _ in workspace.runtime_files():
        if other == path or PurePosixPath(other).suffix.lower() != suffix:
            continue
        text = workspace.raw_text(other)
        if keys[-1] not in text:
            continue  # most files: one substring test, no regex
        lines = [n for n, written in enumerate(text.split("\n"), 1) if reader.search(written)]
        if not lines:
            continue
        code = workspace.file(other)
        if code is None or code.facts is None:
            continue
        found.extend((other, n) for n in lines if code.facts.function_at(n) >= 0)
        if len(found) >= MAX_READERS:
            break
    return found[:MAX_READERS]


# Where Flask and Django settings live: a settings or config module or package
# (`settings.py`, `config/production.py`, `app_settings.py`), or a `*Config` class.
_SETTINGS_NAME = re.compile(r"(?:^|_)(?:settings|config|conf|configuration)(?:$|_)", re.I)
_CLASS = re.compile(r"^\s*class\s+(\w+)")


def _settings_module(path: str, lines: list[str], line: int) -> bool:
    """Is the upper-case setting at `line` a setting of the app, not a module's constant
    (`API_URL = ..` beside the client that uses it is read as `API_URL`, never by key)?"""
    parts = PurePosixPath(path)
    if any(_SETTINGS_NAME.search(name) for name in (parts.stem, *parts.parent.parts)):
        return True
    width = len(lines[line - 1]) - len(lines[line - 1].lstrip())
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if text.strip() and len(text) - len(text.lstrip()) < width:
            found = _CLASS.match(text)
            return found is not None and found.group(1).endswith(
                ("Config", "Settings", "Configuration")
            )
    return False


def _key_path(lines: list[str], line: int, suffix: str) -> list[str]:
    """The keys the line sits under, outermost first (`["TILE_SERVER", "URL"]`); for a
    Laravel config file `<file>` leads, for the file's name (`["<file>", "url"]`)."""
    key = _PHP_KEY if suffix == ".php" else _PY_KEY
    keys: list[str] = []
    limit: int | None = None
    for number in range(line, 0, -1):
        text = lines[number - 1]
        if not text.strip():
            continue
        width = len(text) - len(text.lstrip())
        if limit is not None and width >= limit:
            continue
        if suffix == ".php" and _PHP_ROOT.match(text):
            return ["<file>", *reversed(keys)] if keys else []
        if suffix == ".py" and (_PY_STOP.match(text) or (width == 0 and not key.match(text))):
            break
        match = key.match(text)
        if match:
            keys.append(match.group(2) or match.group(3))
            if suffix == ".py" and match.group(3):  # the setting itself: the outermost key
                return list(reversed(keys))
        limit = width
        if width == 0:
            break
    return []


def _reader(keys: list[str], suffix: str, stem: str) -> re.Pattern[str]:
    """A line that reads the key path."""
    if suffix == ".php":
        dotted = re.escape(".".join([stem, *keys[1:]]))
        return re.compile(rf"""(?:\bconfig|\bConfig::get)\(\s*["']{dotted}["']""")
    first, rest = re.escape(keys[0]), keys[1:]
    head = (
        rf"""(?:\bconfig\s*\[\s*["']{first}["']\s*\]|\bconfig\.get\(\s*["']{first}["']"""
        rf"""|\bsettings\.{first}\b)"""
    )
    tail = "".join(
        rf"""[^\n]*?(?:\[\s*["']{re.escape(k)}["']\s*\]|\.get\(\s*["']{re.escape(k)}["'])"""
        for k in rest
    )
    return re.compile(head + tail)
