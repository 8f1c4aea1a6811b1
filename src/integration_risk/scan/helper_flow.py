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

from integration_risk.scan.callargs import closing, split_top_level
from integration_risk.scan.features import assigned_setting_at, setting_of
from integration_risk.scan.fundefs import definition_at

_MAX_CALL_CHARS = 2000  # a call's argument list read whole up to this size
_RECEIVERS = frozenset({"self", "cls", "this"})
_IDENT = re.compile(r"\$?[A-Za-z_]\w*")


def _argument_list(text: str, opened: int) -> list[str] | None:
    """The top-level arguments of the call or definition whose `(` is at `opened`, each
    stripped; None when it does not close within `_MAX_CALL_CHARS`."""
    close = closing(text, opened, _MAX_CALL_CHARS)
    return None if close < 0 else split_top_level(text[opened + 1 : close])


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


def _parameters(
    lines: list[str], text: str, starts: list[int], definition: int
) -> tuple[str, list[tuple[str, str]]] | None:
    """The name of the function defined at `lines[definition]` and its parameters as
    (name, default or ''), a receiver (`self`, `cls`, `this`) left out."""
    match = definition_at(lines, definition) if definition >= 0 else None
    name = (match.group("name") or match.group("method")) if match else None
    if match is None or not name:
        return None
    group = "name" if match.group("name") else "method"
    head = text.find("(", starts[definition] + match.end(group))
    params = _argument_list(text, head) if head >= 0 else None
    if not params:
        return None
    found = [(_parameter_name(p), p.split("=", 1)[1].strip() if "=" in p else "") for p in params]
    return name, found[1:] if found[0][0] in _RECEIVERS else found


_LOOK_BACK = 300  # lines searched above a call for the function it is in


def _enclosing(lines: list[str], at: int) -> int:
    """The line of the function definition above line `at`, or -1."""
    return next((n for n in range(at, max(-1, at - _LOOK_BACK), -1) if definition_at(lines, n)), -1)


def _constant_setting(
    lines: list[str], found: tuple[int, tuple[str, str]]
) -> tuple[int, tuple[str, str]]:
    """A setting read through a module constant (`SANDBOX_URL = os.getenv("X_TERRARIUM_URL")`):
    the env key the constant holds, and its line; else `found` as it is."""
    token = found[1][0]
    if not token.isupper():
        return found
    defined = re.compile(rf"^{re.escape(token)}\s*(?::\s*[\w\[\]| ]+)?=\s*(?P<value>.+)$")
    for number, line in enumerate(lines):
        match = defined.match(line)
        if match:
            setting = setting_of(match.group("value"))
            return (number, setting) if setting and setting[0] != token else found
    return found


# A method of the file's own class is called on its own instance or class; another
# receiver's method of the same name (`os.environ.get`) is someone else's.
_OWN_RECEIVER = re.compile(r"(?:(?<![\w$])(?:self|this|cls)\.|\$this->|(?:self|static)::)$")


def helper_settings(
    lines: list[str], text: str, starts: list[int], definition: int, argument: str
) -> Iterator[tuple[int, int, tuple[str, str]]]:
    """For the function defined at `lines[definition]` whose parameter `argument` is the URL
    of an HTTP call in it: (caller line, setting line, (setting token, system)) for each
    call of it in the file that hands that parameter a URL setting (0-based lines; the
    setting line is where a bare variable was assigned it, else the caller's own): given
    directly, assigned a few lines above, or the default of the caller's own parameter
    (`def run(code, url=SANDBOX_URL): execute(code, url)`). `text`: the lines joined by
    newlines; `starts`: `line_starts(lines)`."""
    declared = _parameters(lines, text, starts, definition)
    wanted = argument.lstrip("$")
    names = [n for n, _ in declared[1]] if declared else []
    if declared is None or wanted not in names:
        return
    name = declared[0]
    position = names.index(wanted)
    keyword = re.compile(rf"^\$?{re.escape(wanted)}\s*(?:=(?![=>])|:(?!:))\s*(?P<value>.+)$", re.S)
    call = re.compile(rf"(?<![\w$.>:]){re.escape(name)}\s*\(|(?<=[.>:]){re.escape(name)}\s*\(")
    for found in call.finditer(text):
        at = bisect.bisect_right(starts, found.start()) - 1
        if at == definition or definition_at(lines, at):
            continue
        if text[found.start() - 1 : found.start()] in ".>:" and not _OWN_RECEIVER.search(
            text, max(0, found.start() - 8), found.start()
        ):
            continue  # `os.environ.get(` is not the file's own `def get(self, url)`
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
        setting = _setting_in(lines, text, starts, at, value.strip())
        if setting is not None:
            read, named = _constant_setting(lines, setting)
            yield at, read, named


def _setting_in(
    lines: list[str], text: str, starts: list[int], at: int, value: str
) -> tuple[int, tuple[str, str]] | None:
    """The URL setting `value`, given at line `at`, is or holds, with the line naming it."""
    setting = setting_of(value)
    if setting is not None:
        return at, setting
    assigned = assigned_setting_at(lines, at, value)
    if assigned is not None:
        return assigned
    caller = _enclosing(lines, at)
    declared = _parameters(lines, text, starts, caller) if caller >= 0 else None
    default = dict(declared[1]).get(value.lstrip("$"), "") if declared else ""
    setting = setting_of(default) if default else None
    return (caller, setting) if setting is not None else None


def url_parameter(lines: list[str], definition: int, argument: str) -> bool:
    """The call's URL is a parameter of the function defined at `lines[definition]`
    (`def fetch(self, url)`, `String get(String url)`, `func ping(url string)`)."""
    if definition < 0 or _BARE_ARGUMENT.match(argument) is None:
        return False
    name = re.escape(argument.lstrip("$"))
    head = lines[definition]
    opened = head.find("(")
    if opened < 0 or "://" in head:
        return False  # `def essay(url \\ "https://..")`: its own default names the host
    parameter = rf"[(,]\s*(?:[\w<>\[\]?.]+\s+)*\$?{name}\b(?!\s*[(.])"
    if re.search(parameter, head[opened:]) is None:
        return False
    # ... and no caller in the file hands it a literal URL (`GetRegionAsync("https://..")`)
    called = "|".join(re.escape(f) for f in _CALLED_NAME.findall(head))
    literal = rf"\b(?:{called})\s*\(\s*[$@]?[\"'`]https?://"
    return not called or re.search(literal, "\n".join(lines)) is None


_BARE_ARGUMENT = re.compile(r"^\$?[A-Za-z_]\w*$")
_CALLED_NAME = re.compile(r"([A-Za-z_]\w*)\s*\(")
