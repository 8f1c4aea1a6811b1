"""Walk a tree once: honour .gitignore, skip what is not worth reading, never leave the root.

Which files are ignored is git's answer (`scan.ignore`); this module applies
the scanner's own skip rules on top. The walk only looks at names and stat
data; it never reads file content (binary and minified checks happen when the
extractor reads the file). Every file that is not scanned is counted under a
reason so the summary can say why.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path

from integration_risk.scan import walkcache
from integration_risk.scan.declared_vendor import declared_vendor_dirs
from integration_risk.scan.ignore import IgnoreStack, git_listing
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
    ".tmpl .tpl .liquid .njk .cshtml .razor .sh .service .dockerfile .nix".split()
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

    def __reduce__(self) -> tuple[type[WalkedFile], tuple[object, ...]]:
        """Pickled as the constructor's arguments: a cold scan sends every walked file to
        a worker process, and the slotted dataclass's own state methods (`fields()` per
        object, each way) took 33 ms of CPU on a 15,000-file tree; this takes 17 ms."""
        return (WalkedFile, _WALKED_FIELDS(self))


_WALKED_FIELDS = attrgetter(*(f.name for f in fields(WalkedFile)))


@dataclass
class WalkResult:
    files: list[WalkedFile] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    ignored: int = 0  # files of kinds we never read (docs, images we did not flag, ...)


def is_readable_kind(name: str) -> bool:
    dot = name.rfind(".")
    if dot >= 0 and name[dot:].lower() in TEXT_SUFFIXES:
        return True
    if name in TEXT_NAMES or name.startswith((".env", "Dockerfile")) or name.endswith(".env"):
        return True
    # Imported here: a walk replayed from its cache never needs the manifest parsers.
    from integration_risk.scan.manifests import manifest_ecosystem

    return manifest_ecosystem(name) is not None  # go.mod and friends have no telling suffix


def _utf8(text: str) -> bool:
    """False for a name `os.fsdecode` could only spell with surrogates (bytes not UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def skip_reason(name: str) -> str | None:
    """Why a file of this name is not read whatever its size: a lockfile, a minified
    bundle, a binary; None when it is read."""
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


def walk_tree(
    root: Path,
    start: Path | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
    *,
    use_git: bool = True,
    use_cache: bool = False,
    on_file: Callable[[WalkedFile], None] | None = None,
) -> WalkResult:
    """Files under `start` (default: root) worth reading, plus skip counts by reason.

    Both paths must already be resolved and confined (see `paths.confine`). In a
    git checkout the candidates are `git ls-files`' answer (`use_git=False` forces
    the .gitignore reader, which tests compare with git). Directory symlinks are
    never followed (no loops, no escapes); file symlinks are followed only when
    their target stays inside the root. With `use_cache`, a whole-tree walk outside git
    is replayed from `walkcache` when no directory or ignore file changed. `on_file` is
    told of each file as the walk keeps it (a replayed walk tells nothing); the result
    may still leave some out (a manifest's declared vendor directory).
    """
    start = start or root
    rel_start = "" if start == root else start.relative_to(root).as_posix()
    listing = git_listing(start) if use_git else None
    cacheable = use_cache and listing is None and start == root
    if cacheable and (replayed := _replay(root, max_file_bytes)) is not None:
        return replayed
    walker = _Walker(root, max_file_bytes, walkcache.WalkRecord() if cacheable else None)
    walker.on_file = on_file
    if listing is None:
        if walker.record is not None:
            walker.record.ignore_file(str(root / ".git" / "info" / "exclude"))
        walker.walk_dir(str(start), rel_start, IgnoreStack.above(root, start))
    else:
        walker.listed(str(start), rel_start, listing)
    result = walker.result
    _drop_declared_vendor(result, walker.vendored)
    result.skipped["vendored or generated directory"] += len(walker.vendored)
    if not result.skipped["vendored or generated directory"]:
        del result.skipped["vendored or generated directory"]
    if walker.record is not None:
        by_name = {k: v for k, v in result.skipped.items() if k != "oversized"}
        counts = {"ignored": result.ignored, "skipped": by_name}
        walkcache.save(root, max_file_bytes, walker.record, counts)
    return result


def _drop_declared_vendor(result: WalkResult, vendored: set[str]) -> None:
    """Leave out libraries a manifest installs beside the code (Composer's `vendor-dir`)."""
    dirs = declared_vendor_dirs((f.relpath, f.abspath) for f in result.files)
    if not dirs:
        return
    kept = []
    for walked in result.files:
        lowered = walked.relpath.lower()
        hit = next((d for d in dirs if lowered.startswith(d + "/")), None)
        if hit is None:
            kept.append(walked)
        else:
            vendored.add(hit)
    result.files = kept


def _replay(root: Path, max_bytes: int) -> WalkResult | None:
    cached = walkcache.load(root, max_bytes)
    if cached is None:
        return None
    kept, ignored, skipped = cached
    result = WalkResult(skipped=skipped, ignored=ignored)
    for path, rel, info in kept:
        if info.st_size > max_bytes:
            result.skipped["oversized"] += 1
        else:
            result.files.append(WalkedFile(path, rel, info.st_size, info.st_mtime_ns))
    _drop_declared_vendor(result, set())  # the saved counts include these directories
    return result


class _Walker:
    def __init__(self, root: Path, max_bytes: int, record: walkcache.WalkRecord | None) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.record = record
        self.result = WalkResult()
        self.vendored: set[str] = set()  # vendored directories met (relative paths)
        self.on_file: Callable[[WalkedFile], None] | None = None
        self._parent_vendored: dict[str, bool] = {}
        # name -> (skip reason, whether it is read or skipped): a tree repeats its file
        # names (a third of medusa's 15,000 files are distinct), and both depend on it alone
        self._kinds: dict[str, tuple[str | None, bool]] = {}

    # -- git's listing ---------------------------------------------------------

    def listed(self, start: str, rel_start: str, paths: list[str]) -> None:
        """Classify `git ls-files` output (paths relative to `start`)."""
        for path in paths:
            nested_repo = path.endswith("/")
            path = path.rstrip("/")
            slash = path.rfind("/")
            if slash >= 0 and self._under_vendored(path[:slash]):
                continue
            rel = f"{rel_start}/{path}" if rel_start else path
            abspath = os.path.join(start, path)
            name = path[slash + 1 :]
            if nested_repo:
                self.visit_dir(abspath, name, rel, IgnoreStack())
                continue
            try:
                info = os.lstat(abspath)
            except FileNotFoundError:
                continue  # tracked but deleted in the work tree
            except OSError:
                self.result.skipped["unreadable"] += 1
                continue
            if stat.S_ISLNK(info.st_mode):
                self.visit_symlink(abspath, name, rel, None)
            elif stat.S_ISDIR(info.st_mode):  # a submodule: git lists it, not its files
                self.visit_dir(abspath, name, rel, IgnoreStack())
            else:
                self.visit_file(abspath, name, rel, info, None)

    def _under_vendored(self, parent: str) -> bool:
        known = self._parent_vendored.get(parent)
        if known is None:
            known = False
            parts = parent.split("/")
            for depth, part in enumerate(parts, 1):
                if is_vendored_dir(part):
                    self.vendored.add("/".join(parts[:depth]))
                    known = True
                    break
            self._parent_vendored[parent] = known
        return known

    # -- reading directories ourselves ------------------------------------------

    def visit_dir(self, abspath: str, name: str, rel: str, ignores: IgnoreStack) -> None:
        if is_vendored_dir(name):
            self.vendored.add(rel)
        else:
            self.walk_dir(abspath, rel, ignores)

    def walk_dir(self, directory: str, rel_dir: str, parent: IgnoreStack) -> None:
        if self.record is not None:  # before listing: a change while we list is seen next time
            self.record.directory(directory)
        try:
            with os.scandir(directory) as it:
                entries = list(it)  # unsorted: callers order their results themselves
        except OSError:
            self.result.skipped["unreadable directory"] += 1
            return
        has_gitignore = any(e.name == ".gitignore" for e in entries)
        if has_gitignore and self.record is not None:
            self.record.ignore_file(os.path.join(directory, ".gitignore"))
        ignores = parent.child(directory, rel_dir) if has_gitignore else parent
        for entry in entries:
            name = entry.name
            if name == ".git":
                continue
            rel = f"{rel_dir}/{name}" if rel_dir else name
            try:
                if entry.is_symlink():
                    self.visit_symlink(entry.path, name, rel, ignores)
                elif entry.is_dir(follow_symlinks=False):
                    if not ignores.ignored(rel, True):
                        self.visit_dir(entry.path, name, rel, ignores)
                elif entry.is_file(follow_symlinks=False):
                    self.visit_file(entry.path, name, rel, entry.stat, ignores)
            except OSError:
                self.result.skipped["unreadable"] += 1

    # -- one entry -------------------------------------------------------------

    def visit_symlink(self, path: str, name: str, rel: str, ignores: IgnoreStack | None) -> None:
        if self.record is not None:
            self.record.has_symlinks = True
        target = Path(path).resolve()
        if target != self.root and not target.is_relative_to(self.root):
            self.result.skipped["symlink out of the root"] += 1
        elif target.is_dir():
            self.result.skipped["symlinked directory (not followed)"] += 1
        elif target.is_file():
            self.visit_file(path, name, rel, target.stat, ignores)

    def visit_file(
        self,
        path: str,
        name: str,
        rel: str,
        stat_of: os.stat_result | Callable[[], os.stat_result],
        ignores: IgnoreStack | None,
    ) -> None:
        """`ignores` is None when git already left ignored files out; `stat_of` is the
        stat itself or, when the walk has none yet, how to get it."""
        # Cheap name checks first: most files are settled without a .gitignore match or a stat.
        kind = self._kinds.get(name)
        if kind is None:
            reason = skip_reason(name)
            kind = self._kinds[name] = (reason, reason is not None or is_readable_kind(name))
        reason, counted = kind
        if not counted:
            self.result.ignored += 1
            return
        if ignores is not None and ignores.ignored(rel, False):
            return
        if reason is None and not rel.isascii() and not _utf8(rel):
            reason = "file name not UTF-8"  # caches, JSON and reports all spell paths in UTF-8
        if reason:
            self.result.skipped[reason] += 1
            return
        info = stat_of if isinstance(stat_of, os.stat_result) else stat_of()
        if not stat.S_ISREG(info.st_mode):
            return
        if self.record is not None:
            self.record.kept.append((path, rel))
        if info.st_size > self.max_bytes:
            self.result.skipped["oversized"] += 1
            return
        kept = WalkedFile(path, rel, info.st_size, info.st_mtime_ns)
        self.result.files.append(kept)
        if self.on_file is not None:
            self.on_file(kept)
