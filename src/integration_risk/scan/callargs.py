"""Reading one call on a line: where its line starts and ends, its receiver chain, and its
first arguments (which may go on for a few lines). Shared by the call-site extractors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from integration_risk.scan.windows import window_end

ARGUMENT = re.compile(r"\s*((?:[^,()\n]|\((?:[^()\n]|\([^()\n]*\))*\))*)")
_MAX_ARGUMENT_LINES = 3
# Helpers named for running a request: the name says HTTP whatever the receiver is.
# Also fetch wrappers that guard the target (SSRF checks, errors caught): `safeFetch(url)`,
# `safe_request("GET", url)`, `send_request(method, url)`.
REQUEST_HELPER = (
    r"(?:(?:[Ee]xecute|[Dd]o|[Mm]ake|[Pp]erform|[Ii]ssue|[Ff]ire|[Ss]afe|[Ss]end)_?[Rr]equest(?:Async)?"
    r"|(?:[Ss]afe|[Tt]ry)_?[Ff]etch)"
)
# The name of a function that sends a request: an HTTP or RPC verb (`http_get`,
# `HttpRequest`, `httpGet`, `JsonRpcRequest`) or a request helper (`REQUEST_HELPER`).
REQUEST_HELPER_NAME = r"\w*(?i:http|rpc)_?(?i:request|get|post|fetch|call)\w*|" + REQUEST_HELPER


@dataclass(frozen=True, slots=True)
class HttpCall:
    """One call site: where it starts, and its URL argument (`literal`, `path`, `data`)."""

    offset: int
    target: str
    argument: str
    receiver: str = ""


# Line breaks and indentation of a call read whole: dropped just inside its parentheses,
# one space elsewhere.
_INSIDE = re.compile(r"(?<=\()\s+|\s+(?=\))")
_BREAK = re.compile(r"\s*\n\s*")
_MAX_ARGUMENT_CHARS = 600
_MAX_OBJECT_CHARS = 1500
# The URL member of an options object, on a line of its own: `  url: '/p/order',`.
_URL_MEMBER = re.compile(
    r"""(?m)^[ \t]*['"]?(?:url|uri)['"]?[ \t]*:[ \t]*([^\n]+?)[ \t]*,?[ \t]*$"""
)


def closing(text: str, at: int, limit: int = _MAX_ARGUMENT_CHARS) -> int:
    """The bracket closing the `(` or `{` at `at`, within `limit` characters (strings
    skipped), or -1."""
    opener = text[at]
    closer = ")" if opener == "(" else "}"
    depth, quote = 0, ""
    for pos in range(at, min(len(text), at + limit)):
        char = text[pos]
        if quote:
            if char == quote and text[pos - 1] != "\\":
                quote = ""
        elif char in '"`':
            quote = char
        elif char == "\n" and text.startswith("\n", pos + 1):
            return -1  # an empty line: the code at hand stops (the prefilter's windows)
        elif char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return pos
    return -1


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _chain_start(text: str, end: int, floor: int) -> int:
    """Start of the expression chain ending at `end` (`$this->http`, `HTTP.impl()`,
    `_factory.CreateClient(NamedClient.Default)`): words, member operators and balanced
    parentheses, scanning back no further than `floor`."""
    at = end
    while at > floor:
        char = text[at - 1]
        if char == ")":
            depth = 0
            while at > floor:
                at -= 1
                if text[at] == ")":
                    depth += 1
                elif text[at] == "(":
                    depth -= 1
                    if depth == 0:
                        break
            continue
        if char.isalnum() or char in "_$@.:->?!":
            at -= 1
            continue
        break
    return at


def receiver(text: str, at: int) -> str:
    """The receiver chain before `.verb(`; for a call chained onto a new line
    (`.GetAsync(url)` under `CreateClient(...)`) the chain ending the line before."""
    start, _ = line_bounds(text, at)
    if not text[start:at].strip() and start > 0:
        prev_start, prev_end = line_bounds(text, start - 1)
        end = prev_end
        while end > prev_start and text[end - 1].isspace():
            end -= 1
        return text[_chain_start(text, end, prev_start) : end]
    return text[_chain_start(text, at, start) : at]


def arguments(text: str, at: int) -> list[str]:
    """The first three arguments of the call whose `(` is at `at`. An argument list that
    breaks its line after `(` or `,` (`fetch(\n  url,\n  opts)`) goes on for a few lines; so
    does a call inside an argument (`get(format!(\n "{}/x",\n base))`, read whole) and an
    options object opened at the line's end (`request({\n  url: u,`, read as its URL)."""
    _, end = line_bounds(text, at)
    args: list[str] = []
    pos = at + 1
    breaks = 0
    while len(args) < 3:
        if not text[pos:end].strip():
            if breaks == _MAX_ARGUMENT_LINES or end >= len(text):
                break
            breaks += 1
            pos = end + 1
            _, end = line_bounds(text, pos)
            continue
        match = ARGUMENT.match(text, pos, end)
        if match is None:
            break
        argument, pos = match.group(1).strip(), match.end()
        if pos < end and text[pos] == "(":
            # a call broken over lines inside the argument: `format!(\n "{}/room", base)`
            close = closing(text, pos)
            if close < 0:  # it closes beyond the lines at hand: as much of it as they hold
                stop = text.find("\n\n", pos, pos + _MAX_ARGUMENT_CHARS)
                partial = text[pos : stop if stop > 0 else pos + _MAX_ARGUMENT_CHARS]
                args.append(_BREAK.sub(" ", _INSIDE.sub("", argument + partial)).rstrip(" ,"))
                break
            argument = _BREAK.sub(" ", _INSIDE.sub("", argument + text[pos : close + 1]))
            pos = close + 1
            _, end = line_bounds(text, pos)
        elif argument.endswith("{") and pos >= end:
            # an options object opened at the line's end (`http.request({` / `  url: u,`):
            # its URL member is the URL the call is given
            # (the object may close beyond the lines at hand: its first lines then)
            close = closing(text, pos - 1, _MAX_OBJECT_CHARS)
            member = _URL_MEMBER.search(text, pos, close if close > 0 else window_end(text, pos, 3))
            if member is not None:
                argument = "url: " + member.group(1)
            if member is not None and close > 0:
                pos = close + 1
                _, end = line_bounds(text, pos)
        args.append(argument)
        if pos >= end or text[pos] != ",":
            break
        pos += 1
    return args


_OPENERS, _CLOSERS = "([{", ")]}"
# A Rust lifetime (`&'a str`, `Cow<'static, str>`): a quote that opens no string.
_LIFETIME = re.compile(r"(?<=[&<])'[A-Za-z_]\w*(?!['\w])")


def _string_end(text: str, at: int) -> int:
    """Where the string whose quote is at `at` closes, or -1: `'...'` and `"..."` on their
    line, a backslash escaping the next character (none in a C# verbatim `@"..."`);
    `` `...` `` (a JS template, a Go raw string) across lines."""
    quote = text[at]
    verbatim = quote == '"' and (text[at - 1 : at] == "@" or text[max(0, at - 2) : at] == "@$")
    pos = at + 1
    while pos < len(text):
        char = text[pos]
        if char == quote:
            return pos
        if char == "\n" and quote != "`":
            return -1
        pos += 2 if char == "\\" and not verbatim else 1
    return -1


def split_top_level(text: str) -> list[str]:
    """The top-level parts of an argument or parameter list (the text inside its
    parentheses), each stripped, empty ones left out: a comma inside a string or inside a
    bracket pair that closes in `text` splits nothing. A quote or bracket that never closes
    (an apostrophe, a list cut short) is an ordinary character, and so is a Rust lifetime's
    quote (`a: &'a str, b: &'a str`)."""
    inside = [False] * len(text)  # in a string, or a bracket pair's own character or content
    openers: list[int] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if (
            char in "'\"`"
            and not _LIFETIME.match(text, pos)
            and (end := _string_end(text, pos)) >= 0
        ):
            inside[pos : end + 1] = [True] * (end + 1 - pos)
            pos = end + 1
            continue
        if char in _OPENERS:
            openers.append(pos)
        elif char in _CLOSERS:
            opener = _OPENERS[_CLOSERS.index(char)]
            if any(text[at] == opener for at in openers):
                # it closes the nearest of its kind; any opened since never close
                while text[start := openers.pop()] != opener:
                    pass
                inside[start : pos + 1] = [True] * (pos + 1 - start)
        pos += 1
    cuts = [-1, *(i for i, char in enumerate(text) if char == "," and not inside[i]), len(text)]
    parts = (text[a + 1 : b].strip() for a, b in pairwise(cuts))
    return [p for p in parts if p]


# A named argument: `url: 'https://...'` (PHP 8, C#, Ruby, Elixir), `url="https://..."`
# (Python, Kotlin). The value after the name is what the call receives.
_NAMED = re.compile(r"^[A-Za-z_]\w*\s*(?::(?!:)|=(?![=>~]))\s*(?=\S)")


def unlabelled(argument: str) -> str:
    """The argument without its parameter name: `url: $u` -> `$u`."""
    named = _NAMED.match(argument)
    return argument[named.end() :] if named else argument


_MEMBER_START = re.compile(
    r"[ \t]*(?:(?:public|private|protected|static|async|override)\s+)*[\w$]+\s*$"
)
_BODY_AFTER = re.compile(r"[ \t]*(?::[^{;=\n]+)?\{")


def defines_method(text: str, at: int) -> bool:
    """The name before the `(` at `at` is a class method being defined (JS/TS shorthand:
    `async fetch(@User() user: UserDto): Promise<T> {`), not a function being called."""
    start, _ = line_bounds(text, at)
    if not _MEMBER_START.fullmatch(text, start, at):
        return False
    depth = 0
    for pos in range(at, min(len(text), at + 2000)):
        depth += {"(": 1, ")": -1}.get(text[pos], 0)
        if depth == 0:
            return _BODY_AFTER.match(text, pos + 1) is not None
    return False


_DEFINED_HERE = re.compile(
    r"(?:\b(?:def|defp|fn|func|fun|function|sub)\s+|\bfunc\s*\([^()\n]*\)\s*"
    r"|\b(?:public|private|protected|internal|static|async|override|virtual)\s+[\w<>\[\],.? ]*)$"
)
# C# and Java: a member declared without modifiers, led by its return type alone (an
# interface's `Task<string> SendRequestAsync(Uri url);`, a package-private Java method):
# the helper declared, not called. A statement keyword is not a type (`return Fetch(url);`).
_TYPED_MEMBER_HERE = re.compile(
    r"(?m:^)[ \t]*(?!(?:return|await|yield|throw|new|else|case|in|is|as|out|ref|assert|goto)\b)"
    r"[A-Za-z_][\w.]*(?:<[^\n]*>)?(?:\[\])?\??[ \t]+$"
)


def defines_helper(text: str, at: int, language: str) -> bool:
    """The helper named at `at` is being defined (or declared) on its line, not called."""
    start = line_bounds(text, at)[0]
    if _DEFINED_HERE.search(text, start, at):
        return True
    return language in ("csharp", "java") and _TYPED_MEMBER_HERE.search(text, start, at) is not None


def unlabelled_arguments(args: list[str]) -> list[str]:
    """The arguments without their names: `request(method: 'GET', url: $url)` ->
    [`'GET'`, `$url`]."""
    return [unlabelled(a) for a in args]


# A C# attribute line (`[HttpGet("{id}/icon.png")]`, `[HttpPost("webhook")]`): an inbound
# route the controller serves, never a request it sends.
_ATTRIBUTE_LINE = re.compile(r"[ \t]*\[[^\n]*\][ \t]*(?:\r?\n|$)")


def on_attribute_line(text: str, offset: int, language: str) -> bool:
    if language != "csharp":
        return False
    start, _ = line_bounds(text, offset)
    return _ATTRIBUTE_LINE.match(text, start) is not None


# A client builder's product with the request chained below it: reqwest
# `ClientBuilder::new()\n  .timeout(t)\n  .build()?\n  .get(url)`, `Client::builder()...build()?`.
_BUILT_CLIENT = re.compile(r"\bbuild\(\)\s*(?:\?|\.unwrap\(\)|\.expect\([^()\n]*\))?$")
_CLIENT_BUILDER = re.compile(r"(?i)client_?builder\b|\bclient::builder\(")
_BUILDER_REACH = 400  # characters above a built client's request searched for its builder


def on_built_client(receiver: str, text: str, offset: int) -> bool:
    return bool(
        _BUILT_CLIENT.search(receiver)
        and _CLIENT_BUILDER.search(text, max(0, offset - _BUILDER_REACH), offset)
    )
