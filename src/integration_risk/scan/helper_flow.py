"""URLs handed to the project's own helper: the caller's setting says where the call goes.

A helper such as `exchange_for_access_token(code, ..., access_token_url)` calls
`requests.post(access_token_url)`; the helper itself names no system, but each caller in
the same file hands it a URL read from a setting (`access_token_url =
config.get("PING_ACCESS_TOKEN_URL")`, `retrieve_user(config.get("OAUTH2_USER_API_URL"))`):
that setting names the system of that caller's request, as it would if the caller made the
request itself. Same-file helpers only, in every language the scanner reads (keyword and
positional arguments; Python's `self`/`cls` and Rust's `self` receivers skipped).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import pairwise

from integration_risk.scan.callargs import closing
from integration_risk.scan.features import FUNCTION_DEF, assigned_setting_at, setting_of

_MAX_CALL_CHARS = 2000  # a call's argument list read whole up to this size
_RECEIVERS = frozenset({"self", "cls", "this"})
_IDENT = re.compile(r"\$?[A-Za-z_]\w*")


# A string or a bracketed group inside an argument list: masked, so its commas split nothing.
_STRING = re.compile(r""""(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'""")
_GROUP = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")


def _argument_list(text: str, opened: int) -> list[str] | None:
    """The top-level arguments of the call or definition whose `(` is at `opened`, each
    stripped; None when it does not close within `_MAX_CALL_CHARS`."""
    close = closing(text, opened, _MAX_CALL_CHARS)
    if close < 0:
        return None
    inner = text[opened + 1 : close]
    masked = _STRING.sub(lambda m: "_" * len(m.group()), inner)
    while (flat := _GROUP.sub(lambda m: "_" * len(m.group()), masked)) != masked:
        masked = flat
    cuts = [-1, *(i for i, char in enumerate(masked) if char == ","), len(inner)]
    parts = (inner[a + 1 : b].strip() for a, b in pairwise(cuts))
    return [p for p in parts if p]


def _parameter_name(parameter: str) -> str:
    """`access_token_url=None`, `url string`, `String url`, `url: &str`, `$url` -> its name."""
    names: list[str] = _IDENT.findall(re.split(r"\s*[=:]\s*", parameter, maxsplit=1)[0])
    names = names or ["?"]
    if len(names) == 1:
        return names[0].lstrip("$")
    if any(n.startswith("$") for n in names):
        return next(n for n in names if n.startswith("$")).lstrip("$")
    # Go `url string`, `u *url.URL`: name, then type; Java/C# `String url`: type, then name
    first, last = names[0], names[-1]
    return first if last in ("string", "str", "URL", "Url", "Uri") else last


def line_starts(lines: list[str]) -> list[int]:
    """The offset of each of `lines` in their text joined by newlines."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return starts


def helper_settings(
    lines: list[str], text: str, starts: list[int], definition: int, argument: str
) -> Iterator[tuple[int, int, tuple[str, str]]]:
    """For the function defined at `lines[definition]` whose parameter `argument` is the URL
    of an HTTP call in it: (caller line, setting line, (setting token, system)) for each
    call of it in the file that hands that parameter a URL setting (0-based lines; the
    setting line is where a bare variable was assigned it, else the caller's own). `text`:
    the lines joined by newlines; `starts`: `line_starts(lines)`."""
    match = FUNCTION_DEF.match(lines[definition]) if definition >= 0 else None
    if match is None:
        return
    name = match.group("name") or match.group("method")
    if not name:
        return
    head = text.find(
        "(", starts[definition] + match.end("name" if match.group("name") else "method")
    )
    params = _argument_list(text, head) if head >= 0 else None
    if not params:
        return
    names = [_parameter_name(p) for p in params]
    if names[0] in _RECEIVERS:  # `def get(self, url)` is called as `x.get(url)`
        names = names[1:]
    wanted = argument.lstrip("$")
    if wanted not in names:
        return
    position = names.index(wanted)
    keyword = re.compile(rf"^\$?{re.escape(wanted)}\s*(?:=(?![=>])|:(?!:))\s*(?P<value>.+)$", re.S)
    call = re.compile(rf"(?<![\w$.>:]){re.escape(name)}\s*\(|(?<=[.>:]){re.escape(name)}\s*\(")
    for found in call.finditer(text):
        at = bisect.bisect_right(starts, found.start()) - 1
        if at == definition or FUNCTION_DEF.match(lines[at]):
            continue
        args = _argument_list(text, found.end() - 1)
        if not args:
            continue
        value = next((m.group("value") for a in args if (m := keyword.match(a))), None)
        if (
            value is None
            and position < len(args)
            and not re.match(r"^\$?\w+\s*[=:](?![=:])", args[position])
        ):
            value = args[position]
        if value is None:
            continue
        value = value.strip()
        setting = setting_of(value)
        if setting is not None:
            yield at, at, setting
            continue
        assigned = assigned_setting_at(lines, at, value)
        if assigned is not None:
            yield at, assigned[0], assigned[1]
