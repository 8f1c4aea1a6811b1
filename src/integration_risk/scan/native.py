"""The prefilter's native engine: every anchor literal in one Hyperscan database.

Hyperscan (Intel's multi-pattern matcher, C) finds every anchor of `prefilter` in one
pass over the file's bytes, about five times faster than the pure-Python path's
pyahocorasick automaton. Only its literal matcher is used: the extractor regexes
themselves stay with Python's `re` (Hyperscan's regex compiler was seen to miss
`->get(` after a long run of spaces with an alternation before it, and its
`\\s`, `\\w` and case folding are not Python's).

Two kinds of literals:
- catalog and marker tokens (`prefilter.token_anchors`): a hit whose neighbours are
  allowed keeps its line, as on the Python path;
- the literals a pattern extractor's regex cannot match without (`get`, `put`,
  `client`): a hit keeps its line only when the regex itself matches within the
  prefilter window around it. The Python path keeps every line that says `get`; this
  keeps the lines where an HTTP call, a driver selector or a driver check really is,
  and knows which pattern extractors match nowhere in the file (`gate`).
Both lists are derived from the catalog and `prefilter.PATTERN_EXTRACTORS`, so a new
catalog entry or extractor regex needs no change here.

Only ASCII text without the separators Python counts as space (`\\x1c`-`\\x1f`) comes
here (byte and character offsets agree, caseless means ASCII case): other text is
scanned as its `ascii_view`, each other character replaced by one ASCII stand-in.
Everything goes to the Python path without the `hyperscan` wheel or with
`SCAN_NATIVE=0`. The compiled database is cached under the user cache dir, keyed by
catalog and extractor version; without it, the one the package build shipped is used when
it holds the same literals (`native_db`); a run that must compile starts it in a thread
while the tree is walked (the compile releases the GIL).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from integration_risk.catalog.index import CatalogIndex
from integration_risk.paths import user_cache_root
from integration_risk.scan import confirm, native_db


def _import_hyperscan() -> ModuleType | None:
    try:
        import hyperscan
    except ImportError:  # pragma: no cover - the wheel exists for the platforms CI runs on
        return None
    return hyperscan


hyperscan = _import_hyperscan()
_PY_ONLY_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f")
_FORMAT = 2  # bump when the cache file layout changes


def enabled() -> bool:
    return hyperscan is not None and os.environ.get("SCAN_NATIVE", "1") != "0"


def suits(text: str) -> bool:
    """Text on which Hyperscan's byte offsets and ASCII case folding are Python's."""
    return text.isascii() and not any(char in text for char in _PY_ONLY_SPACE)


# What `ascii_view` replaces: characters beyond ASCII and the separators only Python reads
# as space. Every anchor and extractor literal is ASCII, so none of them is lost.
_NOT_SUITED = re.compile(r"[^\x00-\x1b\x20-\x7f]")


def ascii_view(text: str) -> str:
    """`text` made to `suit`, one character for one (offsets and newlines stay): a space
    for what Python reads as space (`\xa0`, `\u2028`, `\x1c`), `\x01` (no letter, digit,
    quote or space) for any other character. A BOM, an accented comment or a CJK string
    no longer sends a whole file to the slower Python path."""
    return _NOT_SUITED.sub(_ascii_stand_in, text)


def _ascii_stand_in(match: re.Match[str]) -> str:
    return " " if match.group().isspace() else "\x01"


@dataclass(frozen=True)
class Token:
    """One literal: as an anchor, the characters that must not stand just before and
    after it (both cases; None when it is no anchor) and whether it ends a block; the
    positions in `PATTERN_EXTRACTORS` of the regexes that need it."""

    length: int
    left: str | None
    right: str
    block_end: bool
    patterns: tuple[int, ...]


@dataclass
class Engine:
    database: Any
    tokens: list[Token]  # pattern id i: tokens[i]
    local: threading.local = field(default_factory=threading.local)

    def scan(self, data: bytes, on_match: Callable[..., Any]) -> None:
        """Scan with this thread's scratch space (a scratch serves one scan at a time:
        the MCP server scans in worker threads)."""
        assert hyperscan is not None
        scratch = getattr(self.local, "scratch", None)
        if scratch is None:
            scratch = self.local.scratch = hyperscan.Scratch(self.database)
        self.database.scan(data, match_event_handler=on_match, scratch=scratch)


def _both_cases(chars: str) -> str:
    return chars + chars.upper()


def literal_confirmed() -> tuple[int, ...]:
    """Positions in `PATTERN_EXTRACTORS` of the regexes whose required literals are
    matched here and confirmed around each hit: those `confirm` cannot mark."""
    from integration_risk.scan.prefilter import PATTERN_EXTRACTORS

    marked = confirm.confirmer()
    handled = marked.positions if marked is not None else frozenset()
    return tuple(p for p in range(len(PATTERN_EXTRACTORS)) if p not in handled)


def plan(index: CatalogIndex) -> dict[str, Token]:
    """Every literal with what a hit on it means, for this catalog and the extractors."""
    from integration_risk.scan import prefilter
    from integration_risk.scan.regex_literals import required_literals

    needed_by: dict[str, list[int]] = {}
    for position in literal_confirmed():
        for literal in required_literals(prefilter.PATTERN_EXTRACTORS[position]):
            needed_by.setdefault(literal, []).append(position)
    anchors = prefilter.token_anchors(index)
    out: dict[str, Token] = {}
    for literal in (*anchors, *needed_by):
        if literal in out:
            continue
        boundaries = anchors.get(literal)
        out[literal] = Token(
            len(literal),
            _both_cases(boundaries[0]) if boundaries else None,
            _both_cases(boundaries[1]) if boundaries else "",
            literal in prefilter.BLOCK_ENDS,
            tuple(needed_by.get(literal, ())),
        )
    return out


def _cache_file(key: str) -> Path:
    return user_cache_root() / "scan" / f"hyperscan-{key}.db"


def _key(index: CatalogIndex) -> str:
    from integration_risk.scan.cache import EXTRACTOR_VERSION

    version = getattr(hyperscan, "__version__", "")
    raw = f"{_FORMAT}:{index.version}:{EXTRACTOR_VERSION}:{version}:{literal_confirmed()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def _load(path: Path) -> Engine | None:
    assert hyperscan is not None
    try:
        with open(path, "rb") as handle:
            header = json.loads(handle.readline())
            database = hyperscan.loadb(handle.read(), hyperscan.HS_MODE_BLOCK)
        tokens = [Token(n, left, right, block, tuple(p)) for n, left, right, block, p in header]
    except (OSError, ValueError, KeyError, TypeError, hyperscan.error):
        return None  # missing, damaged or built for another CPU: compile again
    return Engine(database, tokens)


def _save(path: Path, found: Engine) -> None:
    from integration_risk.atomic import atomic_write

    assert hyperscan is not None
    header = [[t.length, t.left, t.right, t.block_end, list(t.patterns)] for t in found.tokens]
    payload = json.dumps(header).encode() + b"\n" + hyperscan.dumpb(found.database)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, payload)
    except OSError:
        pass  # a read-only cache dir only costs the compile next time


def build(index: CatalogIndex, use_cache: bool = True) -> Engine:
    """The engine from the user cache, else from the database the package build shipped
    when it holds this plan's literals, else compiled (and cached)."""
    assert hyperscan is not None
    path = _cache_file(_key(index))
    if use_cache and (loaded := _load(path)) is not None:
        return loaded
    planned = plan(index)
    literals = list(planned)
    shipped = native_db.load(hyperscan, literals) if use_cache else None
    database = shipped if shipped is not None else native_db.compile_literals(hyperscan, literals)
    built = Engine(database, list(planned.values()))
    if use_cache and shipped is None:
        _save(path, built)
    return built


def write_prebuilt(index: CatalogIndex, path: Path | None = None) -> None:
    """Compile this catalog's plan into the database the package ships (`hatch_build.py`)."""
    assert hyperscan is not None
    native_db.write(hyperscan, list(plan(index)), path)


_ENGINES: dict[str, Engine] = {}
_PENDING: dict[str, threading.Thread] = {}  # the one build under way per catalog version
_LOCK = threading.Lock()


def prepare(index: CatalogIndex) -> None:
    """Start loading or compiling the engine in a thread (the compile releases the GIL)."""
    with _LOCK:
        if index.version not in _ENGINES:
            _start(index)


def _start(index: CatalogIndex) -> threading.Thread:
    """The thread building this version's engine, started unless one is (hold `_LOCK`)."""
    thread = _PENDING.get(index.version)
    if thread is None:
        thread = threading.Thread(target=_build_into, args=(index,), daemon=True)
        _PENDING[index.version] = thread
        thread.start()
    return thread


def _build_into(index: CatalogIndex) -> Engine:
    try:
        built = build(index)
    finally:
        with _LOCK:
            _PENDING.pop(index.version, None)
    with _LOCK:
        _ENGINES.clear()
        _ENGINES[index.version] = built
    return built


def engine(index: CatalogIndex) -> Engine:
    """The engine for this catalog: every caller waits for the one build of it (started
    by `prepare` or by the first caller), so it is compiled once."""
    found = _ENGINES.get(index.version)
    if found is not None:
        return found
    with _LOCK:
        found = _ENGINES.get(index.version)
        thread = None if found is not None else _start(index)
    if thread is not None:
        thread.join()
        found = _ENGINES.get(index.version)
    # None only when the build failed (its error is raised here) or another catalog
    # version's engine replaced it meanwhile
    return found if found is not None else _build_into(index)


Hit = tuple[int, int, bool]  # first and last offset of a hit, whether it ends a block


@cache
def _pattern_extractors() -> tuple[tuple[re.Pattern[str], ...], int]:
    """`prefilter`'s pattern extractors and window (it imports this module: read on first
    use, once, not by an import statement for every file)."""
    from integration_risk.scan.prefilter import PATTERN_EXTRACTORS, WINDOW

    return PATTERN_EXTRACTORS, WINDOW


def hits(text: str, index: CatalogIndex) -> tuple[list[Hit], frozenset[re.Pattern[str]]]:
    """(first, last, block_end) offsets of every hit that keeps a line of `text` (which
    `suits`), in order of `last`, and the pattern extractors that match nowhere in it.
    A pattern extractor's hits are its real matches: found in the regions `confirm`'s
    RE2 supersets mark, or around its required literals when RE2 cannot mark it."""
    patterns, window = _pattern_extractors()
    found = engine(index)
    data = text.encode()
    raw: list[tuple[int, int]] = []
    add = raw.append
    found.scan(data, lambda i, _f, to, _fl, _c: add((to, i)))
    raw.sort()
    tokens = found.tokens
    size = len(text)
    out: list[Hit] = []
    marks: dict[int, list[tuple[int, int]]] = {}  # pattern position -> its literals' spans
    for to, pattern_id in raw:
        token = tokens[pattern_id]
        first = to - token.length
        if token.left is not None and not (
            (token.left and first > 0 and text[first - 1] in token.left)
            or (token.right and to < size and text[to] in token.right)
        ):
            out.append((first, to - 1, token.block_end))
        for position in token.patterns:
            marks.setdefault(position, []).append((first, to))
    matched = {
        position: confirm.confirmed_spans(text, patterns[position], sorted(spans), window)
        for position, spans in marks.items()
    }
    marker = confirm.confirmer()
    if marker is not None:
        matched.update(marker.matches(text, data, window))
    present = {position for position, spans in matched.items() if spans}
    for spans in matched.values():
        out.extend((start, max(start, end - 1), False) for start, end in spans)
    out.sort(key=lambda hit: hit[1])
    return out, _absent(frozenset(present))


# The pattern extractors outside each set of positions met so far. Built once per set:
# hashing a compiled pattern hashes its code (~0.4 us), 29 of them per file added a sixth
# to extraction on a large tree; most files share the same few sets (most: the empty one).
_ABSENT: dict[frozenset[int], frozenset[re.Pattern[str]]] = {}


def _absent(present: frozenset[int]) -> frozenset[re.Pattern[str]]:
    found = _ABSENT.get(present)
    if found is None:
        from integration_risk.scan.prefilter import PATTERN_EXTRACTORS

        found = frozenset(p for k, p in enumerate(PATTERN_EXTRACTORS) if k not in present)
        _ABSENT[present] = found
    return found
