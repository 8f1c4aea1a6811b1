"""A cooldown written by the caller: a function that returns early while a failure it
recorded is recent (`if (_lastFailure.AddDays(1) > DateTimeOffset.Now) return;`), the
failure's time stored by an error handler of the same file (`_lastFailure =
DateTimeOffset.Now;` in a `catch`). The calls after the guard stop while the target keeps
failing and resume when the time has passed: a circuit breaker that closes again."""

from __future__ import annotations

import re

from integration_risk.resilience.sites import Site
from integration_risk.resilience.workspace import SourceFile

# The current time, as the languages write it.
_NOW = (
    r"(?:DateTime(?:Offset)?\.(?:Utc)?Now|DateTime\.now|Time\.(?:now|current)|Time\.zone\.now"
    r"|time\.(?:time|monotonic)\(\)|datetime\.(?:utc)?now\(|Date\.now\(\)|new\s+Date\(\)"
    r"|Instant\.now\(\)|System\.(?:currentTimeMillis|nanoTime)\(\)|Local(?:Date)?Time\.now\(\)"
    r"|time\.Now\(\)|Carbon::now\(\)|now\(\)|microtime\(|time\(\))"
)
# `_lastUpdateFailure = DateTimeOffset.Now;`, `self.failed_at = time.time()`: a name that
# speaks of a failure or an error given the current time.
_STAMP = re.compile(r"^\s*(?:self\.|this\.|@|\$this->)?(\w*(?:[Ff]ail|[Ee]rror)\w*)\s*=\s*" + _NOW)
MAX_GUARD_LINES = 4  # the `return` within this many lines of the `if`
# The guard compares the time (`> DateTimeOffset.Now`, `since`, `elapsed`), not a null check.
_COMPARED = re.compile(r"[<>]|" + _NOW + r"|(?i:since|ago|elapsed|cool)")


def cooldown_reason(source: SourceFile, site: Site) -> str | None:
    """ "a failure time ... skips the call" when the site's function (or a caller of it in
    the same file) returns early on a failure time an error handler of the file stores."""
    facts = source.facts
    if facts is None or site.kind in ("config", "dependency"):
        return None
    stamps = _stamps(source)
    if not stamps:
        return None
    for scope in site.scopes:
        if scope.kind not in ("function", "caller") or scope.path != site.path:
            continue
        before = scope.call if scope.kind == "caller" else site.line
        for number in range(scope.start, min(before, len(source.lines) + 1)):
            text = source.lines[number - 1]
            name = next((n for n in stamps if re.search(rf"\b{re.escape(n)}\b", text)), None)
            if name is None or not re.search(r"\bif\b", text) or not _COMPARED.search(text):
                continue
            if not _returns(source, number):
                continue
            stored = stamps[name]
            return (
                f"a failure time `{name}` stored by the error handler at {site.path}:{stored} "
                f"skips the call until it ages (guard at {site.path}:{number})"
            )
    return None


def _stamps(source: SourceFile) -> dict[str, int]:
    """Names an error handler of the file sets to the current time, with the line."""
    found: dict[str, int] = {}
    assert source.facts is not None
    for _, _, h_start, h_end in source.facts.handlers:
        for number in range(h_start, min(h_end, len(source.lines)) + 1):
            match = _STAMP.search(source.lines[number - 1])
            if match is not None:
                found.setdefault(match.group(1), number)
    return found


def _returns(source: SourceFile, line: int) -> bool:
    """A `return` on the guard's line or within the next few lines."""
    stop = min(line + MAX_GUARD_LINES, len(source.lines))
    return any(re.search(r"\breturn\b", source.lines[n - 1]) for n in range(line, stop + 1))
