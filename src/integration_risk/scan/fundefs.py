"""Function definition lines, in the languages the scanner reads: the definition a call
sits in names what the call is for (`sendGotifyNotification` -> gotify)."""

from __future__ import annotations

import re

# Statements and block calls written like a method head (`if (x) {`, `synchronized (lock) {`,
# `when (state) {`, `foreach ($rows as $row) {`).
_STATEMENTS = (
    "if|elif|elseif|else|for|foreach|while|until|unless|switch|when|match|catch|with|using|"
    "lock|fixed|synchronized|return|do|try|new|await|typeof|void|yield|super|this|function|"
    "defer|go|select|guard|loop"
)

# A function, method or arrow-function definition line, in the languages the scanner reads.
FUNCTION_DEF = re.compile(
    r"^\s*(?:export\s+)?(?:default\s+)?(?:pub(?:\([\w:]+\))?\s+)?(?:async\s+)?"
    r"(?:fn|def|defp|func|function|fun)\s+(?:\([^()]*\)\s*)?(?P<name>[A-Za-z_]\w*)"
    r"|^\s*(?:export\s+)?(?:const|let|var)\s+(?P<arrow>[A-Za-z_]\w*)\s*(?::[^=]+)?=\s*"
    # (its parameters may go on over the next lines, as prettier writes a long list)
    r"(?:async\s*)?(?:(?:\([^()]*\)|\w+)\s*(?::[^=]+)?=>|\((?=[^()]*$))"
    # an object's function-valued property: `gotify: async (settings) => {`
    r"|^\s*(?P<prop>[A-Za-z_]\w*)\s*:\s*(?:async\s*)?"
    r"(?:function\b|(?:\([^()]*\)|\w+)\s*(?::[^=]+)?=>|\((?=[^()]*$))"
    # a JS/TS class method without modifiers: `sendGotify(settings) {` (its parameters are
    # names, not a Kotlin block call's values: `repeat(3) {`, `withContext(Dispatchers.IO) {`)
    rf"|^\s*(?!(?:{_STATEMENTS})\b)(?P<jsmethod>[A-Za-z_$][\w$]*)\s*"
    r"\((?:[A-Za-z_${\[][^().]*)?\)\s*(?::[^{};=()]+)?\{\s*$"
    # (not Python's `async with session.post(url)`, `async for x in y(..)`: statements)
    r"|^\s*(?!async\s+(?:with|for)\b)"
    r"(?:(?:public|private|protected|internal|static|async|override|virtual)\s+)+"
    # (the name starts a word: a lazy scan that tried every letter of a long one was quadratic)
    r"[\w<>\[\],.? ]*?\b(?P<method>[A-Za-z_]\w*)\s*\("
)


def defined_name(match: re.Match[str]) -> str:
    """The name a `FUNCTION_DEF` match defines, whichever form the definition took."""
    return next(name for name in match.group("name", "arrow", "prop", "jsmethod", "method") if name)


# Lines longer than this are minified or generated code, not a definition (the scanner's
# grep cuts lines at the same length).
_LONGEST = 4_000
# A line that opens a class body (its head may go on over the next lines) or an object literal: the only places a method is written
# as `name(params) {` in JS/TS. Elsewhere (Kotlin, Swift, Groovy, Ruby) that is a call with a
# trailing block: `transaction(db) {`, `launch(scope) {`, `runCatching(url) {`.
_METHOD_HOLDER = re.compile(r"(?:^|\s)class\s|(?:[=:(,\[]|\breturn|\bdefault)\s*\{\s*$")


def _holder_line(lines: list[str], at: int) -> str | None:
    """The nearest line above `at` indented less than it (the block it is written in)."""
    line = lines[at]
    indent = len(line) - len(line.lstrip())
    for number in range(at - 1, max(-1, at - 400), -1):
        above = lines[number]
        if above.strip() and len(above) - len(above.lstrip()) < indent:
            return above
    return None


def definition_at(lines: list[str], at: int) -> re.Match[str] | None:
    """The `FUNCTION_DEF` match of `lines[at]` when it defines a function: a JS/TS method
    without modifiers only directly in a class body or an object literal."""
    line = lines[at]
    if len(line) > _LONGEST:
        return None
    match = FUNCTION_DEF.match(line)
    if match is None or match.group("jsmethod") is None:
        return match
    holder = _holder_line(lines, at)
    return match if holder is not None and _METHOD_HOLDER.search(holder) else None
