"""Candidate lines: one native multi-pattern pass decides which lines extractors may see.

Every finding an extractor makes is about a token on its line: a catalog name
(client class, imported module, env name or prefix, image, keyword, provider
word), a URL (`://`), a URL-like setting suffix (`_URL`, `_HOST`, ...), an SDK
call (`client(`). An Aho-Corasick automaton of all of them (pyahocorasick,
C) finds the lines that hold one in a single pass over the lowered text; the
extractors then run on those lines only (with a few lines around each, for
calls and reads split over lines), and each finding's line is mapped back.
Pattern extractors (HTTP call sites, driver selectors and checks, outbound-URL
client construction) anchor on the literals their regexes cannot match without
(`regex_literals`); whole-file checks (browser code) read the full text.
The kept lines are unchanged, so findings are too.
On by default; `SCAN_PREFILTER=0` turns it off (the differential tests compare both ways).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from integration_risk.catalog.index import CatalogIndex
from integration_risk.scan import calls, drivers, endpoints, idp_modules, named_clients, native
from integration_risk.scan.bare_hosts import anchor_hosts
from integration_risk.scan.longtail import CONNECTION_SUFFIXES
from integration_risk.scan.regex_literals import required_literals
from integration_risk.scan.typed_senders import PY_HTTP_CALL_TOKENS
from integration_risk.scan.windows import chain_end, window_end, window_start

WINDOW = 2  # lines kept before and after a candidate line
BLOCK_LINES = 200  # `const {\n A,\n ...\n} = process.env`: a destructuring's names come first
BLOCK_ENDS = ("process.env", "import.meta.env", "bun.env")
# Boundaries a token needs around it in the lowered text: none, no letter or digit
# (`_` allowed: `APP_STRIPE_KEY` ends with `stripe_key`), or no identifier character.
ANY, WORD, IDENT = (
    "",
    "abcdefghijklmnopqrstuvwxyz0123456789",
    "abcdefghijklmnopqrstuvwxyz0123456789_",
)
Anchor = tuple[str, str]  # (left boundary, right boundary)
_SEGMENTS = re.compile(r"[/.:\\]+")
_MIN_WORD = 4  # provider words shorter than this never name a package (`word_provider`)
# Languages whose import statements spell the module as the catalog does (a key is a literal
# prefix of it); Python's `from a.b import c` spells only `a` for sure, PHP and Rust use
# their own separators.
_LITERAL_IMPORTS = frozenset({"js", "go", "ruby", "java", "csharp", "elixir"})


# Line regexes of extractors that fire without a catalog token on the line.
PATTERN_EXTRACTORS: tuple[re.Pattern[str], ...] = (
    *calls.LINE_PATTERNS,
    *drivers.LINE_PATTERNS,
    *endpoints.LINE_PATTERNS,
    *idp_modules.LINE_PATTERNS,
    *named_clients.LINE_PATTERNS,
)


def enabled() -> bool:
    """On unless `SCAN_PREFILTER=0` (a switch to compare against full-text extraction)."""
    return os.environ.get("SCAN_PREFILTER", "1") != "0"


def _import_tokens(language: str, module: str) -> list[str]:
    if language in _LITERAL_IMPORTS:
        return [module]
    if language == "php":
        return [module.replace(".", "\\")]
    if language == "rust":
        return [module.replace(".", "::")]
    return [_SEGMENTS.split(module)[0] or max(_SEGMENTS.split(module), key=len)]


def put_anchor(found: dict[str, Anchor], token: str, left: str, right: str) -> None:
    """Add a lowercased token; two sources of one token keep the looser boundary each side."""
    token = token.lower()
    if not token:
        return
    old = found.get(token)
    found[token] = (
        (min(left, old[0], key=len), min(right, old[1], key=len)) if old else (left, right)
    )


def token_anchors(index: CatalogIndex) -> dict[str, Anchor]:
    """The anchors of every extractor except the pattern extractors' regexes: catalog
    names, URL and setting markers."""
    found: dict[str, Anchor] = {}

    def put(token: str, left: str, right: str) -> None:
        put_anchor(found, token, left, right)

    for token in ("://", "client(", "resource(", *BLOCK_ENDS):
        put(token, ANY, ANY)
    for suffix in CONNECTION_SUFFIXES:
        put("_" + suffix, ANY, IDENT)
    for token in PY_HTTP_CALL_TOKENS:  # `from aiohttp import request` .. `request(m, url)`
        put(token, IDENT, ANY)
    for cls in index.classes:
        put(cls, IDENT, IDENT)
    for language, table in index.imports.items():
        for module in table:
            for token in _import_tokens(language, module):
                put(token, IDENT, IDENT)
    for name in index.env_names:
        put(name, WORD, IDENT)
    for prefix in index.env_prefixes:
        put(prefix, IDENT, ANY)
    for token in (*index.tokens["images"], *index.tokens["keywords"], *index.tokens["programs"]):
        put(token, ANY, ANY)
    for word in index.words:
        if len(word) >= _MIN_WORD:
            put(word, WORD, WORD)
    for host in anchor_hosts(index.hosts):  # `"smtp.mailgun.org"`: a bare host (`bare_hosts`)
        put(host, IDENT, IDENT)
    return found


def anchors(index: CatalogIndex) -> dict[str, Anchor]:
    """Lowercased literals, each with the boundaries it needs, such that every line an
    extractor can report holds one of them (pattern extractors: their required literals)."""
    found = token_anchors(index)
    for pattern in PATTERN_EXTRACTORS:
        for token in required_literals(pattern):
            put_anchor(found, token, ANY, ANY)
    return found


_AUTOMATA: dict[str, Any] = {}


def automaton(index: CatalogIndex) -> Any:
    built = _AUTOMATA.get(index.version)
    if built is None:
        # Imported here: the native engine does without it, and so does the package build
        # that compiles its database (`native_db`), whose environment lacks the wheel.
        import ahocorasick  # type: ignore[import-not-found]  # no stubs published

        built = ahocorasick.Automaton()
        for token, (left, right) in anchors(index).items():
            built.add_word(token, (len(token), left, right, token in BLOCK_ENDS))
        built.make_automaton()
        _AUTOMATA.clear()
        _AUTOMATA[index.version] = built
    return built


def prepare(index: CatalogIndex) -> None:
    """Start building the native engine in the background (a no-op without it)."""
    if enabled() and native.enabled():
        native.prepare(index)


def ready(index: CatalogIndex) -> None:
    """Build whatever `candidate_text` will use now, so forked workers inherit it."""
    if not enabled():
        return
    if native.enabled():
        native.engine(index)  # the automaton is built on demand, for non-ASCII text only
    else:
        automaton(index)


def _python_hits(lowered: str, index: CatalogIndex) -> Iterator[tuple[int, int, bool]]:
    """(first, last, block_end) of every anchor hit whose neighbours are allowed."""
    size = len(lowered)
    for last, (length, left, right, block_end) in automaton(index).iter(lowered):
        first = last - length + 1
        if (left and first > 0 and lowered[first - 1] in left) or (
            right and last + 1 < size and lowered[last + 1] in right
        ):
            continue
        yield first, last, block_end


@dataclass(frozen=True)
class Candidates:
    """The kept regions of a file, the original number of each of their lines, and the
    pattern extractors that cannot match anywhere in the file (native engine only)."""

    text: str
    line_map: list[int]
    absent: frozenset[re.Pattern[str]] = frozenset()


def candidate_text(text: str, index: CatalogIndex) -> tuple[str, list[int]] | None:
    """`candidates` as (kept text, line map)."""
    found = candidates(text, index)
    return None if found is None else (found.text, found.line_map)


def candidates(text: str, index: CatalogIndex) -> Candidates | None:
    """The regions of `text` around lines that can hold a finding, joined with an empty
    line between them, and the original number of each of its lines (`line_map[n - 1]`
    for line n); None when no line can hold a finding."""
    absent: frozenset[re.Pattern[str]] = frozenset()
    hits: Iterable[tuple[int, int, bool]]
    if native.enabled():
        # hits on a view of the same length: kept regions are cut from `text` itself
        view = text if native.suits(text) else native.ascii_view(text)
        hits, absent = native.hits(view, index)
    else:
        lowered = text.lower()
        if len(lowered) != len(text):  # a character whose lowercase is longer: keep it all
            return Candidates(text, list(range(1, text.count("\n") + 2)))
        hits = _python_hits(lowered, index)
    spans: list[tuple[int, int]] = []  # kept regions: line start .. newline (or EOF)
    covered = -1  # hits before this offset are on lines already kept
    for first, last, block_end in hits:
        if last < covered:
            continue
        start = window_start(text, first, BLOCK_LINES if block_end else WINDOW)
        line_end = window_end(text, last, 0)
        end = chain_end(text, window_end(text, line_end, WINDOW))
        while spans and start <= spans[-1][1] + 1:
            kept_start, kept_end = spans.pop()
            start, end = min(start, kept_start), max(end, kept_end)
        spans.append((start, end))
        covered = line_end
    if not spans:
        return None
    # Kept regions in order, one empty line between them (a region never runs into the next).
    line_map: list[int] = []
    line = 1
    last = 0
    for start, end in spans:
        line += text.count("\n", last, start)
        count = text.count("\n", start, end) + 1
        line_map.extend(range(line, line + count))
        line_map.append(0)  # the empty separator line
        line += count - 1
        last = end
    return Candidates("\n\n".join(text[start:end] for start, end in spans), line_map, absent)
