"""Targeted search: every place one provider appears, or one regex, with file:line.

A provider query reuses the scanner's findings (so it sees imports,
manifests, env reads, hosts...), a regex query searches the same gitignore-aware
file set line by line. Regexes run with the `regex` module's timeout so a
catastrophic pattern fails with a clear error instead of hanging the server.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import regex
from pathspec import GitIgnoreSpec

from integration_risk.catalog.index import catalog_index
from integration_risk.errors import InvalidInput
from integration_risk.lines import clip, split_lines
from integration_risk.models.grep import GrepMatch, GrepResult
from integration_risk.paging import decode_cursor, encode_cursor
from integration_risk.scan.engine import scan_tree
from integration_risk.scan.findings import LONGTAIL_PREFIXES
from integration_risk.scan.masking import SNIPPET_LIMIT, mask_line, masker
from integration_risk.scan.walk import walk_tree

REGEX_BUDGET_SECONDS = 5.0
MAX_LINE = 4_000


def compile_pattern(pattern: str) -> regex.Pattern[str]:
    if not pattern:
        raise InvalidInput("the pattern is empty", "pass a provider id such as 'stripe' or a regex")
    try:
        return regex.compile(pattern, regex.V0)
    except regex.error as exc:
        raise InvalidInput(
            f"invalid regex {pattern!r}: {exc}", "escape special characters or pass a provider id"
        ) from None


def path_filter(glob: str | None) -> Callable[[str], bool]:
    """A relative path matches `glob` the way a .gitignore line at the root would match it:
    `*.ts` at any depth, `src/*.ts` only directly in `src/`, `src/**/*.ts` anywhere below
    it, `src/` everything below `src/`."""
    if glob is None:
        return lambda _path: True
    pattern = glob.strip()
    if not pattern or pattern.startswith(("!", "#")):
        raise InvalidInput(
            f"glob {glob!r} selects nothing (empty, a negation or a comment)",
            "pass a path pattern such as 'src/**/*.ts', or omit glob to search everything",
        )
    try:
        return GitIgnoreSpec.from_lines([pattern]).match_file
    except ValueError as error:  # pathspec's GitIgnorePatternError: `\\` alone
        raise InvalidInput(
            f"glob {glob!r} is not a gitignore-style pattern ({error})",
            "pass a path pattern such as 'src/**/*.ts', or omit glob to search everything",
        ) from None


def _provider_key(query: str, findings_keys: set[str]) -> str | None:
    lowered = query.strip().lower()
    index = catalog_index()
    if lowered in index.names:
        return lowered
    for pid, aliases in index.aliases.items():
        if lowered in aliases:
            return pid
    for prefix in LONGTAIL_PREFIXES:
        if prefix + lowered in findings_keys:
            return prefix + lowered
    return None


def grep(
    root: Path,
    start: Path,
    query: str,
    *,
    glob: str | None,
    context_lines: int,
    cursor: str | None,
    limit: int,
) -> GrepResult:
    if limit < 1:
        raise InvalidInput("limit must be at least 1", "omit it for the default page size")
    if not 0 <= context_lines <= 10:
        raise InvalidInput("context_lines must be between 0 and 10", "use 0-3 for compact output")
    offset = decode_cursor(cursor)
    selected = path_filter(glob)
    raw = scan_tree(root, start)
    keys = {f.provider for items in raw.findings.values() for f in items}
    provider = _provider_key(query, keys)
    if provider is not None:
        matches = [
            GrepMatch(path=path, line=f.line, kind=f.kind, snippet=f.snippet)
            for path, items in sorted(raw.findings.items())
            for f in items
            if f.provider == provider and selected(path)
        ]
        matches = _dedupe(matches)
        mode, searched, truncated = "provider", raw.files_scanned, 0
    else:
        matches, searched, truncated = _regex_search(root, start, compile_pattern(query), selected)
        mode = "regex"
    page = matches[offset : offset + limit]
    if context_lines:
        page = [_with_context(root, m, context_lines) for m in page]
    end = offset + len(page)
    return GrepResult(
        query=query,
        mode=mode,
        matches=page,
        total=len(matches),
        files_searched=searched,
        truncated_lines=truncated,
        next_cursor=encode_cursor(end) if end < len(matches) else None,
    )


def _dedupe(matches: list[GrepMatch]) -> list[GrepMatch]:
    seen: set[tuple[str, int]] = set()
    out = []
    for match in matches:
        if (match.path, match.line) not in seen:
            seen.add((match.path, match.line))
            out.append(match)
    return out


def _regex_search(
    root: Path, start: Path, pattern: regex.Pattern[str], selected: Callable[[str], bool]
) -> tuple[list[GrepMatch], int, int]:
    deadline = time.monotonic() + REGEX_BUDGET_SECONDS
    matches: list[GrepMatch] = []
    searched = truncated = 0
    for item in sorted(walk_tree(root, start).files, key=lambda f: f.relpath):
        if not selected(item.relpath):
            continue
        try:
            data = Path(item.abspath).read_bytes()
        except OSError:
            continue
        if b"\0" in data[:8192]:
            continue
        searched += 1
        mask = masker(item.relpath)
        for number, line in enumerate(split_lines(data.decode("utf-8", errors="replace")), 1):
            if len(line) > MAX_LINE:
                line = line[:MAX_LINE]
                truncated += 1
            remaining = deadline - time.monotonic()
            try:
                found = remaining > 0 and pattern.search(line, timeout=remaining) is not None
            except TimeoutError:
                found = False
            if remaining <= 0 or (not found and time.monotonic() >= deadline):
                raise InvalidInput(
                    f"the regex took longer than {REGEX_BUDGET_SECONDS:.0f}s "
                    "(catastrophic backtracking or a very large tree)",
                    "simplify the pattern (avoid nested quantifiers like (a+)+) or narrow path/glob",
                )
            if not found:
                continue
            # A match must still match once values are masked: otherwise a regex could
            # probe secret values one character at a time without ever seeing them.
            shown = mask(line, MAX_LINE)
            try:
                visible = pattern.search(shown, timeout=max(remaining, 0.01)) is not None
            except TimeoutError:
                visible = False
            if visible:
                matches.append(
                    GrepMatch(
                        path=item.relpath,
                        line=number,
                        kind="match",
                        snippet=clip(shown, SNIPPET_LIMIT),
                    )
                )
    return matches, searched, truncated


def _with_context(root: Path, match: GrepMatch, radius: int) -> GrepMatch:
    try:
        lines = split_lines((root / match.path).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return match
    low = max(0, match.line - 1 - radius)
    high = min(len(lines), match.line + radius)
    context = [f"{n + 1}: {mask_line(match.path, lines[n])}" for n in range(low, high)]
    return match.model_copy(update={"context": context})
