"""Environment-variable reads in code: `(VAR_NAME, line)` for every read, per language.

A few compiled regexes per language run over the whole text (no per-line loop);
line numbers come from counting newlines between sorted match offsets, so a big
file costs one pass of C-speed scanning per pattern. Two generic patterns cover
the long tail of helpers: any call whose name contains `env` (`getenv_bool`,
`env.str`, `dotenvy::var`, Laravel `env`) and any subscript of a name containing
`env` (`ENV[...]`, `$_ENV[...]`, `dotenv.env[...]`), both only with an
UPPER_CASE string literal so ordinary code is not mistaken for configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Q = r"[\"'`]"
_UPPER = r"(?P<n>[A-Z_][A-Z0-9_]*)"
_ANY = r"(?P<n>[A-Za-z_][A-Za-z0-9_]*)"

_GENERIC = (
    # getenv_bool("X"), env.str("X"), env("X"), dotenvy::var("X"), Env.fetch("X")
    re.compile(r"[Ee][Nn][Vv][\w.:!?]*\s*\(\s*(?:[rbuf]|[rR][bB])?" + _Q + _UPPER + _Q),
    # ENV["X"], $_ENV['X'], os.environ["X"], dotenv.env['X']
    re.compile(r"[Ee][Nn][Vv]\w*\s*\[\s*" + _Q + _UPPER + _Q + r"\s*\]"),
)

_PY_STR = r"(?:[rbuf]|[rR][bB])?[\"']"
_BY_LANGUAGE: dict[str, tuple[re.Pattern[str], ...]] = {
    "python": (
        re.compile(r"environ(?:\.get|\.setdefault|\.pop)?\s*[\[(]\s*" + _PY_STR + _ANY + "[\"']"),
        re.compile(r"getenv[bs]?\s*\(\s*" + _PY_STR + _ANY + "[\"']"),
        # python-decouple / starlette Config
        re.compile(r"config\s*\(\s*[\"']" + _UPPER + "[\"']"),
    ),
    "js": (
        re.compile(r"(?:process|Bun|import\.meta)\.env\.(?P<n>[A-Za-z_$][\w$]*)"),
        re.compile(r"(?:process|Bun|import\.meta)\.env\s*\[\s*" + _Q + _ANY + _Q + r"\s*\]"),
        re.compile(r"Deno\.env\.get\s*\(\s*" + _Q + _ANY + _Q),
        # validated env wrappers: t3-env / envalid `env.DATABASE_URL`, `environment.X`
        re.compile(r"env(?:ironment)?\.(?P<n>[A-Z][A-Z0-9_]{2,})\b"),
    ),
    "go": (re.compile(r"os\.(?:Getenv|LookupEnv)\s*\(\s*\"" + _ANY + '"'),),
    "ruby": (
        re.compile(r"ENV\s*\[\s*[\"']" + _ANY + r"[\"']\s*\]"),
        re.compile(r"ENV\.(?:fetch|key\?|include\?)\s*\(?\s*[\"']" + _ANY + "[\"']"),
    ),
    "java": (
        re.compile(r"System\.getenv\s*\(\s*\"" + _ANY + '"'),
        re.compile(r"sys\.env(?:\.get(?:OrElse)?)?\s*\(\s*\"" + _ANY + '"'),
    ),
    "csharp": (re.compile(r"Environment\.GetEnvironmentVariable\s*\(\s*@?\"" + _ANY + '"'),),
    "php": (
        re.compile(r"getenv\s*\(\s*[\"']" + _ANY + "[\"']"),
        re.compile(r"\$_ENV\s*\[\s*[\"']" + _ANY + r"[\"']\s*\]"),
        re.compile(r"\$_SERVER\s*\[\s*[\"']" + _UPPER + r"[\"']\s*\]"),
    ),
    "rust": (
        re.compile(r"env::var(?:_os)?\s*\(\s*\"" + _ANY + '"'),
        re.compile(r"(?:option_)?env!\s*\(\s*\"" + _ANY + '"'),
    ),
    "elixir": (re.compile(r"System\.(?:get_env|fetch_env!?)\s*\(?\s*\"" + _ANY + '"'),),
    "dart": (
        re.compile(r"Platform\.environment\s*\[\s*[\"']" + _ANY + r"[\"']\s*\]"),
        re.compile(r"(?:String|int|bool)\.fromEnvironment\s*\(\s*[\"']" + _ANY + "[\"']"),
    ),
}

# `const { A, B: b, C = 1 } = process.env` (also let/var and import.meta.env)
_JS_DESTRUCTURE = re.compile(
    r"\b(?:const|let|var)\s*\{(?P<body>[^{}]*)\}\s*=\s*(?:process|Bun|import\.meta)\.env\b"
)
_JS_DESTRUCTURED_NAME = re.compile(r"(?:^|,)\s*(?:\.\.\.)?(?P<n>[A-Za-z_$][\w$]*)")

# pydantic-settings: each field of a `BaseSettings` class is read from the environment
# variable of its name (`SMTP_HOST: str | None = None`); UPPER_CASE fields only, so
# ordinary attributes are not taken for configuration.
_PYDANTIC_SETTINGS = "BaseSettings"
_SETTINGS_FIELD = re.compile(r"(?m)^[ \t]+(?P<n>[A-Z][A-Z0-9_]{2,})[ \t]*:[ \t]*[^=\n:]+(?:=|$)")

# $_SERVER keys the web server sets per request: not configuration.
_PHP_CGI = re.compile(
    r"^(?:HTTP_|REQUEST_|SERVER_|REMOTE_|SCRIPT_|PHP_|CONTENT_|REDIRECT_)|"
    r"^(?:DOCUMENT_ROOT|QUERY_STRING|PATH_INFO|HTTPS|ARGV|ARGC|GATEWAY_INTERFACE|PATH_TRANSLATED)$"
)


# Patterns start with a literal so the regex engine can skip ahead fast; the one
# left boundary that matters (`config(` but not `app.config(`) is checked per match.
def _bounded(text: str, start: int, matched: str) -> bool:
    if start == 0 or not matched.startswith("config"):
        return True
    before = text[start - 1]
    return not (before.isalnum() or before in "_.")


def _hits(text: str, language: str) -> Iterable[tuple[int, str]]:
    for pattern in (*_BY_LANGUAGE.get(language, ()), *_GENERIC):
        for match in pattern.finditer(text):
            if _bounded(text, match.start(), match.group()):
                yield match.start("n"), match.group("n")
    if language == "js":
        for match in _JS_DESTRUCTURE.finditer(text):
            base = match.start("body")
            for name in _JS_DESTRUCTURED_NAME.finditer(match.group("body")):
                yield base + name.start("n"), name.group("n")


def env_reads(text: str, language: str, whole: str | None = None) -> list[tuple[str, int]]:
    """Every environment-variable read in `text` as (VAR_NAME, 1-based line), in
    file order. `language` is the key from `scan.languages.language_of`; unknown
    languages get only the generic patterns. Each (name, offset) counts once even
    when several patterns match it. `whole`: the full file when `text` holds some of
    its lines (whole-file checks read it)."""
    settings = language == "python" and _PYDANTIC_SETTINGS in (text if whole is None else whole)
    anchors = ("env", "ENV", "Env", "config", "$_SERVER")
    if not settings and not any(anchor in text for anchor in anchors):
        return []
    found: dict[int, str] = {}
    hits = _hits(text, language)
    if settings:
        hits = (*hits, *((m.start("n"), m.group("n")) for m in _SETTINGS_FIELD.finditer(text)))
    for offset, name in hits:
        if language == "php" and _PHP_CGI.match(name):
            continue
        found.setdefault(offset, name)
    result: list[tuple[str, int]] = []
    line, last = 1, 0
    for offset in sorted(found):
        line += text.count("\n", last, offset)
        last = offset
        result.append((found[offset], line))
    return result
