"""Rust clients kept in a static: `HTTP_CLIENT.get().unwrap().post(..)`, or an accessor
`fn http_client() -> &'static Client { HTTP_CLIENT.get().unwrap() }`, sends with the client
the project stores there. A `OnceLock`/`OnceCell` is filled by `HTTP_CLIENT.set(client)`,
often at start-up in another crate: the client is the `let` that builds the value handed to
`set` (`let client = { reqwest::Client::builder().timeout(..)..build() };`), else the `set`
statement; `Lazy::new(|| ..)`, `LazyLock::new(..)` and `lazy_static!` build it where the static
is declared, `get_or_init(|| ..)` where it is read. That code becomes a `client` scope of the
site, and its calls are followed as wrappers (`let client = Self::build_client().await;`).
When several places fill the same static (two binaries, each its own client), a protection
counts only if each filled client has it (`Setters`): any of them may be the one in use."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import PurePosixPath

from integration_risk.models.callsites import Signal
from integration_risk.resilience.clientvars import callee_parts, construction_extent
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import Workspace

MAX_SETTERS = 2  # more places that fill the same name: too many to tell which one is used
MAX_LET_LINES = 120  # how far above `set(name)` the `let name = ..` may start
_STATIC_NAME = re.compile(r"^[A-Z][A-Z0-9_]*[A-Z0-9]$")
# the crates of the toolchain: `core::fmt`, `std::sync` never name a workspace crate
_SYSROOT = frozenset({"core", "std", "alloc", "proc_macro", "test"})
_BUILT_IN_PLACE = re.compile(r"\b(?:Lazy|LazyLock|LazyCell)::new\b|\blazy_static!")

# `client `NAME` filled at path:line`, alone or as the head of a wrapper's chain
_FILLED = re.compile(r"^(?:via wrapper )?(client `(\w+)` filled at [^\s()]+)")

Found = tuple[str, int, int, str]  # path, first and last line, a function named as its value


@lru_cache(maxsize=512)
def _declaration(name: str) -> re.Pattern[str]:
    # `static NAME: ..`, `pub static NAME: ..`, `pub(crate) static ref NAME: ..`
    return re.compile(
        rf"(?m)^[ \t]*(?:pub(?:\([\w: ]+\))?[ \t]+)?static[ \t]+(?:ref[ \t]+)?{name}[ \t]*:"
    )


@lru_cache(maxsize=512)
def _setter(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){name}\s*\.\s*(set|get_or_init|get_or_try_init)\s*\(")


class StaticClients:
    """Per run: the Rust files' texts are searched once per static name."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._rust: list[str] | None = None
        self._memo: dict[tuple[str, str], list[Found]] = {}
        self._crates: dict[str, str] = {}  # folder -> package name of its Cargo.toml ("" none)

    def crate_named(self, path: str, text: str) -> bool:
        """Does `text` name the workspace crate holding the Rust file `path` in a path
        (`use acme_core::http_client;` for core/src/lib.rs of the package `acme-core`)?"""
        if not path.endswith(".rs"):
            return False
        crate = self._crate_of(str(PurePosixPath(path).parent))
        # a whole first segment: `acme_core::`, `::acme_core::`, not `my_acme_core::`/`x::acme_core::`
        return bool(crate) and _crate_path(crate).search(text) is not None

    def _crate_of(self, folder: str) -> str:
        if folder not in self._crates:
            manifest = self.workspace.raw_text(
                f"{folder}/Cargo.toml" if folder != "." else "Cargo.toml"
            )
            name = _package_name(manifest)
            if name is not None:
                self._crates[folder] = name.replace("-", "_")
            elif folder in (".", ""):
                self._crates[folder] = ""
            else:
                self._crates[folder] = self._crate_of(str(PurePosixPath(folder).parent))
        return self._crates[folder]

    def extend(
        self, site: Site, calls: list[str] | tuple[tuple[int, str], ...], path: str = ""
    ) -> list[tuple[str, str, str]]:
        """Add the `client` scope of the static one of `calls` (the site's own, or a wrapper's
        at `path`) reads; return (callee, its path, label) of the construction's calls."""
        if site.language != "rust":
            return []  # (a `client` scope already there is the static's `OnceLock::new()`)
        origin = path or site.path
        for call in calls:
            callee = call[1] if isinstance(call, tuple) else call
            parts = callee_parts(callee)
            if len(parts) < 2 or not _STATIC_NAME.match(parts[0]):
                continue
            key = (origin, parts[0])
            if key not in self._memo:
                self._memo[key] = self._find(origin, parts[0])
            follow: list[tuple[str, str, str]] = []
            for found_path, start, end, named in self._memo[key]:
                label = f"client `{parts[0]}` filled at {found_path}:{start}"
                if not any((s.path, s.start) == (found_path, start) for s in site.scopes):
                    site.scopes.append(Scope(found_path, start, end, label, "client"))
                calls_there = self.workspace.calls_in(found_path, start, end)
                follow += [(c, found_path, label) for c in [named] * bool(named)]
                follow += [(c, found_path, label) for _, c in calls_there]
            if self._memo[key]:
                return follow
        return []

    def _find(self, origin: str, name: str) -> list[Found]:
        declaring = [p for p in self._rust_files() if _declaration(name).search(self._text(p))]
        if not declaring:
            return []  # a constant or an enum variant, not a static the project fills
        # the file's own static, else its crate's, else one of a crate it names (`acme_core::`)
        home = [origin] if origin in declaring else []
        home = home or [p for p in declaring if self._same_crate(p, origin)]
        home = home or [p for p in declaring if self.crate_named(p, self._text(origin))]
        if len(home) != 1:
            return []
        built = self._built_in_place(home[0], name)
        if built is not None:
            return [built]
        found: list[Found] = []
        for path in self._rust_files():  # filled where it lives, or by a crate that names it
            if not _setter(name).search(self._text(path)):
                continue
            if path == home[0] or (
                path not in declaring  # not a namesake's own static
                and (self._same_crate(path, home[0]) or self.crate_named(home[0], self._text(path)))
            ):
                found += self._filled_in(path, name)
        return found if len(found) <= MAX_SETTERS else []

    def _same_crate(self, path: str, other: str) -> bool:
        crate = self._crate_of(str(PurePosixPath(path).parent))
        return bool(crate) and crate == self._crate_of(str(PurePosixPath(other).parent))

    def _built_in_place(self, path: str, name: str) -> Found | None:
        """`static NAME: Lazy<Client> = Lazy::new(|| ..)`: the declaration's extent."""
        source = self.workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            return None
        match = _declaration(name).search(source.text)
        if match is None:
            return None
        line = source.text.count("\n", 0, match.start()) + 1
        text = source.lines[line - 1]
        if not _BUILT_IN_PLACE.search(text) and not _BUILT_IN_PLACE.search(
            "\n".join(source.lines[max(0, line - 3) : line])
        ):
            return None
        extent = construction_extent(source.lines, source.facts, line, text)
        return (path, *extent, "") if extent is not None else None

    def _filled_in(self, path: str, name: str) -> list[Found]:
        """Each `NAME.set(value)`: the `let value = ..` statement above it in the same
        function, else the call; `NAME.get_or_init(|| ..)`: the call (and the function it
        names)."""
        source = self.workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            return []
        found: list[Found] = []
        for match in _setter(name).finditer(source.text):
            line = source.text.count("\n", 0, match.start()) + 1
            ends = [end for c_line, end, _, _ in source.facts.calls if c_line == line]
            end = max(ends, default=line)
            start, named = line, ""
            # `set(client)`, `set(builder.build()?)`: a local; `set(make())`: a call followed
            argument = re.match(r"\s*(?:&\s*)?(\w+)\s*([),.?])", source.text[match.end() :])
            if match.group(1) == "set" and argument is not None:
                func = source.facts.function_at(line)
                first = source.facts.funcs[func][1] if func >= 0 else 1
                let = _let_line(source.lines, first, line, argument.group(1))
                value = source.lines[let - 1].split("=", 1)[1] if let else ""
                built = construction_extent(source.lines, source.facts, let, value) if let else None
                start, end = built or (line, end)  # the `let` statement only, not what follows
            elif argument is not None and argument.group(2) in "),":  # `get_or_init(build)`
                named = argument.group(1)
            found.append((path, start, end, named))
        return found

    def _rust_files(self) -> list[str]:
        if self._rust is None:
            self._rust = [
                rel for rel, _, _ in self.workspace.runtime_files() if rel.endswith(".rs")
            ]
        return self._rust

    def _text(self, path: str) -> str:
        return self.workspace.raw_text(path)


class Setters:
    """The places filling one static with a client are alternatives: the site may send with
    any of them, so a protection proven in one holds only if each of the others has it too."""

    def __init__(self, scopes: list[Scope]) -> None:
        self._of: dict[str, list[str]] = {}  # static -> its setters' labels
        for scope in scopes:
            filled = _FILLED.match(scope.label) if scope.kind == "client" else None
            if filled is not None and filled.group(1) == scope.label:
                self._of.setdefault(filled.group(2), []).append(scope.label)
        self._proven: dict[str, str] = {}  # setter label -> the first reason found in it

    def vote(self, label: str, reason: str) -> str | None:
        """The reason of a `yes` found in the scope `label`, or None while another client
        filled into the same static has not shown it."""
        filled = _FILLED.match(label)
        setters = self._of.get(filled.group(2), []) if filled is not None else []
        if filled is None or len(setters) < 2:
            return reason
        self._proven.setdefault(filled.group(1), reason)
        if any(setter not in self._proven for setter in setters):
            return None
        return "; ".join(self._proven[setter] for setter in setters)

    def noted(self, signal: Signal) -> Signal:
        """A `no` that names the filled client lacking what another one has."""
        for name, setters in self._of.items():
            lacking = [s for s in setters if s not in self._proven]
            if signal.verdict == "no" and lacking and len(lacking) < len(setters):
                where = f"{len(setters)} places fill `{name}`: {lacking[0]} has none"
                return Signal(
                    pattern=signal.pattern, verdict="no", reason=f"{signal.reason}; {where}"
                )
        return signal


def _package_name(manifest: str) -> str | None:
    """`[package] name` of a Cargo.toml ("" for one that is no valid TOML: no crate to tell
    by; None without a package table, a workspace root or no file)."""
    try:
        package = tomllib.loads(manifest).get("package")
    except tomllib.TOMLDecodeError:
        return ""
    name = package.get("name") if isinstance(package, dict) else None
    if not isinstance(name, str) or name.replace("-", "_") in _SYSROOT:
        return "" if isinstance(package, dict) else None
    return name


@lru_cache(maxsize=256)
def _crate_path(crate: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w:])(?:::)?{re.escape(crate)}::")


def _let_line(lines: list[str], first: int, line: int, name: str) -> int | None:
    """The line of `let [mut] name =` above `line`, not above `first` (its function's start)."""
    pattern = re.compile(rf"^\s*let\s+(?:mut\s+)?{re.escape(name)}\b[^=]*=")
    for number in range(line - 1, max(first, line - MAX_LET_LINES) - 1, -1):
        if pattern.match(lines[number - 1]):
            return number
    return None
