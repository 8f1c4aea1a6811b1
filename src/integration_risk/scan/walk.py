"""Walk a tree once: honour .gitignore, skip what is not worth reading, never leave the root.

The walk only looks at names and stat data; it never reads file content
(binary and minified checks happen when the extractor reads the file). Every
file that is not scanned is counted under a reason so the summary can say why.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

from integration_risk.scan.manifests import manifest_ecosystem
from integration_risk.skipdirs import SKIPPED_DIRS

MAX_FILE_BYTES = 1_000_000

LOCKFILES = frozenset(
    {
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "npm-shrinkwrap.json",
        "bun.lockb",
        "poetry.lock",
        "Pipfile.lock",
        "uv.lock",
        "pdm.lock",
        "Cargo.lock",
        "go.sum",
        "composer.lock",
        "Gemfile.lock",
        "mix.lock",
        "pubspec.lock",
        "packages.lock.json",
        "gradle.lockfile",
    }
)
BINARY_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .bmp .ico .icns .webp .avif .tif .tiff .psd .svgz .mp3 .mp4 .wav .ogg "
    ".flac .mov .avi .webm .mkv .woff .woff2 .ttf .otf .eot .zip .gz .tgz .bz2 .xz .7z .rar .tar "
    ".jar .war .ear .class .pyc .pyo .so .dylib .dll .exe .bin .o .a .lib .wasm .pdf .doc .docx "
    ".xls .xlsx .ppt .pptx .odt .sqlite .sqlite3 .db .pkl .npy .npz .parquet .onnx .pt .h5 "
    ".keystore .jks .p12 .pfx .der .crt .mo".split()
)
MINIFIED_SUFFIXES = (".min.js", ".min.css", ".min.mjs", ".bundle.js", ".map", ".chunk.js")
# Text we know how to read: code, manifests, config, infra, templates with snippets.
TEXT_SUFFIXES = frozenset(
    ".py .pyi .js .mjs .cjs .jsx .ts .tsx .mts .cts .vue .svelte .go .rb .rake .java .kt .kts "
    ".scala .groovy .gradle .cs .fs .vb .php .rs .ex .exs .dart .json .jsonc .json5 .yaml .yml "
    ".toml .ini .cfg .conf .properties .xml .csproj .fsproj .vbproj .props .config .env .tf "
    ".tfvars .hcl .txt .in .gemspec .lock .html .htm .ejs .hbs .erb .twig .jinja .jinja2 .j2 "
    ".tmpl .tpl .liquid .njk .sh .service .dockerfile .nix".split()
)
TEXT_NAMES = frozenset(
    {
        "Dockerfile",
        "Containerfile",
        "Procfile",
        "Gemfile",
        "Pipfile",
        "Makefile",
        "Jenkinsfile",
        "Vagrantfile",
        "Brewfile",
        "Caddyfile",
    }
)


@dataclass(frozen=True, slots=True)
class WalkedFile:
    abspath: str
    relpath: str
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        return Path(self.abspath)


@dataclass
class WalkResult:
    files: list[WalkedFile] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    ignored: int = 0  # files of kinds we never read (docs, images we did not flag, ...)


def is_readable_kind(name: str) -> bool:
    if manifest_ecosystem(name) is not None:  # go.mod and friends have no telling suffix
        return True
    if name in TEXT_NAMES or name.startswith((".env", "Dockerfile")) or name.endswith(".env"):
        return True
    dot = name.rfind(".")
    return dot >= 0 and name[dot:].lower() in TEXT_SUFFIXES


def _skip_reason(name: str) -> str | None:
    lowered = name.lower()
    if name in LOCKFILES:
        return "lockfile"
    if lowered.endswith(MINIFIED_SUFFIXES):
        return "minified"
    dot = lowered.rfind(".")
    if dot >= 0 and lowered[dot:] in BINARY_SUFFIXES:
        return "binary"
    return None


# `codemirror-5.17.0`, `jquery.datetimepicker-2.4.5`: a copied-in third-party release.
_VERSIONED_DIR = re.compile(r"^[A-Za-z][\w.\-]*?[-_.]v?\d+\.\d+(?:\.\d+)?(?:[-.][\w]+)?$")


def is_vendored_dir(name: str) -> bool:
    return name in SKIPPED_DIRS or _VERSIONED_DIR.match(name) is not None


_ANY_DEPTH = "^(?:.+/)?"


class _RuleSet:
    """Rules joined into one regex in reverse file order: the first alternative that
    matches is the last matching pattern; `lastindex` says which one it was."""

    def __init__(self, rules: list[tuple[int, str, bool]]) -> None:
        ordered = sorted(rules, reverse=True)
        self.rules = [(position, include) for position, _, include in ordered]
        self.regex = re.compile("|".join(f"({r})" for _, r, _ in ordered)) if rules else None

    def last_match(self, text: str) -> tuple[int, bool] | None:
        if self.regex is None:
            return None
        match = self.regex.match(text)
        if match is None or match.lastindex is None:
            return None
        return self.rules[match.lastindex - 1]


class _GitignoreFile:
    """One .gitignore. Git lets the last matching pattern decide.

    Patterns without a slash match a name at any depth. The walk checks every
    directory on the way down, so those are matched against the entry's own name
    (a cheap anchored regex) instead of the whole path (`^(?:.+/)?...`, which
    backtracks over every slash); patterns with a slash match the relative path.
    """

    def __init__(self, lines: list[str]) -> None:
        by_name: list[tuple[int, str, bool]] = []
        by_path: list[tuple[int, str, bool]] = []
        for position, line in enumerate(lines):
            regex, include = GitIgnoreSpecPattern.pattern_to_regex(line)
            if regex is None or include is None:
                continue
            regex = regex.replace("(?P<ps_d>/)", "/")
            if regex.startswith(_ANY_DEPTH):
                by_name.append((position, "^" + regex[len(_ANY_DEPTH) :], include))
            else:
                by_path.append((position, regex, include))
        self.empty = not by_name and not by_path
        self.names = _RuleSet(by_name)
        self.paths = _RuleSet(by_path)

    def decide(self, path: str, name: str) -> bool | None:
        """True ignore, False re-include, None no opinion; dirs end with `/`."""
        hits = [h for h in (self.names.last_match(name), self.paths.last_match(path)) if h]
        return max(hits)[1] if hits else None


class _Ignores:
    """The stack of .gitignore files that apply to one directory."""

    def __init__(self, specs: tuple[tuple[str, _GitignoreFile], ...] = ()) -> None:
        self.specs = specs

    def child(self, directory: str, rel_dir: str) -> _Ignores:
        """Add `directory/.gitignore` when it exists."""
        try:
            with open(
                os.path.join(directory, ".gitignore"), encoding="utf-8", errors="replace"
            ) as f:
                lines = [line.rstrip("\n") for line in f]
        except OSError:
            return self
        compiled = _GitignoreFile([line for line in lines if line.strip()])
        if compiled.empty:
            return self
        return _Ignores((*self.specs, (rel_dir, compiled)))

    def ignored(self, rel_path: str, is_dir: bool) -> bool:
        result = False
        suffix = "/" if is_dir else ""
        name = rel_path[rel_path.rfind("/") + 1 :] + suffix
        for base, spec in self.specs:
            sub = rel_path[len(base) + 1 :] if base else rel_path
            decision = spec.decide(sub + suffix, name)
            if decision is not None:
                result = decision
        return result


def walk_tree(
    root: Path, start: Path | None = None, max_file_bytes: int = MAX_FILE_BYTES
) -> WalkResult:
    """Files under `start` (default: root) worth reading, plus skip counts by reason.

    Both paths must already be resolved and confined (see `paths.confine`).
    Directory symlinks are never followed (no loops, no escapes); file symlinks
    are followed only when their target stays inside the root.
    """
    result = WalkResult()
    start = start or root
    ignores = _Ignores()
    # Apply .gitignore files of the ancestors between the root and the start.
    if start != root:
        rel_parts = start.relative_to(root).parts
        ignores = ignores.child(str(root), "")
        for depth in range(1, len(rel_parts)):
            sub = "/".join(rel_parts[:depth])
            ignores = ignores.child(str(root / sub), sub)
    rel_start = "" if start == root else start.relative_to(root).as_posix()
    _walk_dir(root, str(start), rel_start, ignores, result, max_file_bytes)
    return result


def _walk_dir(
    root: Path, directory: str, rel_dir: str, parent: _Ignores, result: WalkResult, max_bytes: int
) -> None:
    try:
        with os.scandir(directory) as it:
            entries = list(it)  # unsorted: callers order their results themselves
    except OSError:
        result.skipped["unreadable directory"] += 1
        return
    has_gitignore = any(e.name == ".gitignore" for e in entries)
    ignores = parent.child(directory, rel_dir) if has_gitignore else parent
    for entry in entries:
        name = entry.name
        rel = f"{rel_dir}/{name}" if rel_dir else name
        try:
            if entry.is_symlink():
                _visit_symlink(root, entry, rel, ignores, result, max_bytes)
                continue
            if entry.is_dir(follow_symlinks=False):
                if is_vendored_dir(name):
                    result.skipped["vendored or generated directory"] += 1
                elif not ignores.ignored(rel, True):
                    _walk_dir(root, entry.path, rel, ignores, result, max_bytes)
                continue
            if entry.is_file(follow_symlinks=False):
                stat_of = partial(entry.stat, follow_symlinks=False)
                _visit_file(entry.path, name, rel, stat_of, ignores, result, max_bytes)
        except OSError:
            result.skipped["unreadable"] += 1


def _visit_symlink(
    root: Path,
    entry: os.DirEntry[str],
    rel: str,
    ignores: _Ignores,
    result: WalkResult,
    max_bytes: int,
) -> None:
    target = Path(entry.path).resolve()
    if target != root and not target.is_relative_to(root):
        result.skipped["symlink out of the root"] += 1
        return
    if target.is_dir():
        result.skipped["symlinked directory (not followed)"] += 1
        return
    if target.is_file():
        _visit_file(entry.path, entry.name, rel, target.stat, ignores, result, max_bytes)


def _visit_file(
    path: str,
    name: str,
    rel: str,
    stat_of: Callable[[], os.stat_result],
    ignores: _Ignores,
    result: WalkResult,
    max_bytes: int,
) -> None:
    # Cheap name checks first: most files are settled without a .gitignore regex or a stat.
    reason = _skip_reason(name)
    readable = reason is None and is_readable_kind(name)
    if reason is None and not readable:
        result.ignored += 1
        return
    if ignores.ignored(rel, False):
        return
    if reason:
        result.skipped[reason] += 1
        return
    _keep(path, rel, stat_of(), result, max_bytes)


def _keep(path: str, rel: str, info: os.stat_result, result: WalkResult, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        return
    if info.st_size > max_bytes:
        result.skipped["oversized"] += 1
        return
    result.files.append(WalkedFile(path, rel, info.st_size, info.st_mtime_ns))
