"""The prefilter's native engine: one Hyperscan database of every anchor and line regex.

The pure-Python prefilter (pyahocorasick) anchors a pattern extractor on the literals
its regex cannot match without (`get`, `put`, `client`), which keeps every line that
says `get`. Hyperscan (Intel's multi-pattern regex engine, C) compiles the extractor
regexes themselves, so a line is kept only where a regex truly matches, next to the
catalog tokens as caseless literals (their word boundaries are checked per hit, as the
Python path does: boundary classes would multiply the compile time a hundredfold).

A regex Hyperscan refuses (lookarounds) is compiled in prefilter mode, which matches a
superset of what the regex matches; a regex whose superset matches a neutral line (the
lookaheads of `drivers._DRIVER_LINE` are all that selects its lines) falls back to its
required literals. Both rules are applied to whatever `prefilter.PATTERN_EXTRACTORS`
holds, so a new extractor regex needs no change here.

Hyperscan reads bytes and its `\\s`, `\\w` and case folding are ASCII; Python's are
Unicode. So only ASCII text free of the separators Python counts as space (`\\x1c`-`\\x1f`)
is scanned here; any other text goes to the Python path. Without the `hyperscan` wheel,
or with `SCAN_NATIVE=0`, everything does.

The compiled database is cached under the user cache dir (compiling takes about a
second; loading a few milliseconds), keyed by catalog and extractor version; the first
compile of a run starts in a thread while the tree is walked (it releases the GIL).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integration_risk.catalog.index import CatalogIndex
from integration_risk.paths import user_cache_root
from integration_risk.scan import regex_superset
from integration_risk.scan.regex_literals import literal_score, required_literals

try:
    import hyperscan  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - the wheel exists for the platforms CI runs on
    hyperscan = None

_PY_ONLY_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f")
_FORMAT = 1  # bump when the cache file layout changes


def enabled() -> bool:
    return hyperscan is not None and os.environ.get("SCAN_NATIVE", "1") != "0"


def suits(text: str) -> bool:
    """Text whose regex semantics are the same in bytes-and-ASCII Hyperscan as in Python."""
    return text.isascii() and not any(char in text for char in _PY_ONLY_SPACE)


@dataclass(frozen=True)
class Token:
    """A caseless literal hit that needs a boundary check: characters that must not
    stand just before and after it (both cases), and whether it ends a block."""

    length: int
    left: str
    right: str
    block_end: bool


@dataclass
class Engine:
    database: Any
    tokens: list[Token]  # pattern id i < len(tokens): tokens[i]; larger ids: line regexes


def _flags(python_flags: int) -> int:
    assert hyperscan is not None
    flags = 0
    if python_flags & re.IGNORECASE:
        flags |= hyperscan.HS_FLAG_CASELESS
    if python_flags & re.MULTILINE:
        flags |= hyperscan.HS_FLAG_MULTILINE
    if python_flags & re.DOTALL:
        flags |= hyperscan.HS_FLAG_DOTALL
    return flags


def _compile(expressions: list[bytes], flags: list[int], literal: bool = False) -> Any:
    assert hyperscan is not None
    database = hyperscan.Database()
    database.compile(
        expressions=expressions,
        ids=list(range(len(expressions))),
        elements=len(expressions),
        flags=flags,
        literal=literal,
    )
    return database


def native_form(pattern: re.Pattern[str]) -> tuple[bytes, int] | None:
    """The expression and flags Hyperscan compiles for `pattern`: its superset, else (when
    that selects nothing) the most selective of its leading lookaheads; None when neither
    selects anything (the caller anchors on the pattern's required literals)."""
    flags = pattern.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL)
    whole = regex_superset.superset(pattern)
    if whole is not None and whole.isascii() and not regex_superset.is_loose(whole, flags):
        return whole.encode(), _flags(flags)
    best: tuple[tuple[int, int], str] | None = None
    for body in regex_superset.leading_lookaheads(pattern):
        if not body.isascii() or regex_superset.is_loose(body, flags):
            continue
        try:
            score = literal_score(required_literals(re.compile(body, flags)))
        except ValueError:
            continue
        if best is None or score > best[0]:
            best = (score, body)
    return (best[1].encode(), _flags(flags)) if best else None


def _both_cases(chars: str) -> str:
    return chars + chars.upper()


def _plan(index: CatalogIndex) -> tuple[list[tuple[str, str, str, bool]], list[tuple[bytes, int]]]:
    """(tokens with their boundaries, native line regexes) for the catalog and extractors."""
    from integration_risk.scan import prefilter

    found = prefilter.token_anchors(index)
    regexes: list[tuple[bytes, int]] = []
    for pattern in prefilter.PATTERN_EXTRACTORS:
        form = native_form(pattern)
        if form is not None:
            regexes.append(form)
            continue
        for literal in required_literals(pattern):  # the Python path's anchors for it
            prefilter.put_anchor(found, literal, prefilter.ANY, prefilter.ANY)
    tokens = [
        (token, left, right, token in prefilter.BLOCK_ENDS)
        for token, (left, right) in found.items()
    ]
    return tokens, regexes


def _cache_file(key: str) -> Path:
    return user_cache_root() / "scan" / f"hyperscan-{key}.db"


def _key(index: CatalogIndex) -> str:
    from integration_risk.scan.cache import EXTRACTOR_VERSION

    assert hyperscan is not None
    raw = f"{_FORMAT}:{index.version}:{EXTRACTOR_VERSION}:{hyperscan.__version__}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def _load(path: Path) -> Engine | None:
    assert hyperscan is not None
    try:
        with open(path, "rb") as handle:
            header = json.loads(handle.readline())
            database = hyperscan.loadb(handle.read(), hyperscan.HS_MODE_BLOCK)
        database.scratch = hyperscan.Scratch(database)
        tokens = [Token(n, left, right, block) for n, left, right, block in header["tokens"]]
    except (OSError, ValueError, KeyError, TypeError, hyperscan.error):
        return None  # missing, damaged or built for another CPU: compile again
    return Engine(database, tokens)


def _save(path: Path, database: Any, tokens: list[Token]) -> None:
    from integration_risk.atomic import atomic_write

    assert hyperscan is not None
    header = [[t.length, t.left, t.right, t.block_end] for t in tokens]
    payload = json.dumps({"tokens": header}).encode() + b"\n" + hyperscan.dumpb(database)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, payload)
    except OSError:
        pass  # a read-only cache dir only costs the compile next time


def build(index: CatalogIndex, use_cache: bool = True) -> Engine:
    path = _cache_file(_key(index))
    if use_cache and (loaded := _load(path)) is not None:
        return loaded
    planned, regexes = _plan(index)
    tokens = [
        Token(len(tok), _both_cases(left), _both_cases(right), block)
        for tok, left, right, block in planned
    ]
    expressions = [re.escape(tok).encode() for tok, *_ in planned]
    flags = [hyperscan.HS_FLAG_CASELESS] * len(planned) if hyperscan else []
    expressions += [expression for expression, _ in regexes]
    flags += [flag for _, flag in regexes]
    database = _compile(expressions, flags)
    if use_cache:
        _save(path, database, tokens)
    return Engine(database, tokens)


_ENGINES: dict[str, Engine] = {}
_PENDING: dict[str, threading.Thread] = {}
_LOCK = threading.Lock()


def prepare(index: CatalogIndex) -> None:
    """Start loading or compiling the engine in a thread (the compile releases the GIL)."""
    with _LOCK:
        if index.version in _ENGINES or index.version in _PENDING:
            return
        thread = threading.Thread(target=_build_into, args=(index,), daemon=True)
        _PENDING[index.version] = thread
    thread.start()


def _build_into(index: CatalogIndex) -> None:
    engine = build(index)
    with _LOCK:
        _ENGINES.clear()
        _ENGINES[index.version] = engine


def engine(index: CatalogIndex) -> Engine:
    """The engine for this catalog, waiting for `prepare`'s thread or building it here."""
    found = _ENGINES.get(index.version)
    if found is not None:
        return found
    with _LOCK:
        thread = _PENDING.pop(index.version, None)
    if thread is not None:
        thread.join()
        found = _ENGINES.get(index.version)
        if found is not None:
            return found
    _build_into(index)
    return _ENGINES[index.version]


def hits(text: str, index: CatalogIndex) -> Iterator[tuple[int, int, bool]]:
    """(first, last, block_end) offsets of every anchor hit in `text` (which `suits`), in
    order of `last`: a token whose neighbours are allowed, or the last character of a
    line-regex match."""
    found = engine(index)
    raw: list[tuple[int, int]] = []
    add = raw.append
    found.database.scan(text.encode(), match_event_handler=lambda i, _f, to, _fl, _c: add((to, i)))
    raw.sort()
    tokens = found.tokens
    count = len(tokens)
    size = len(text)
    for to, pattern_id in raw:
        if pattern_id >= count:
            yield to - 1, to - 1, False
            continue
        token = tokens[pattern_id]
        first = to - token.length
        if (token.left and first > 0 and text[first - 1] in token.left) or (
            token.right and to < size and text[to] in token.right
        ):
            continue
        yield first, to - 1, token.block_end
