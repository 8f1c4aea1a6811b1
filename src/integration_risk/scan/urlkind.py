"""What an HTTP call's URL argument is: a literal absolute URL (its host names the system),
a path of the app's own (or anything not a URL), or data (a variable, a field, a string
built from a configured base)."""

from __future__ import annotations

import re
from collections.abc import Callable

from integration_risk.scan.findings import Finding

# The app's own URL: a call to itself (health pings, internal routes) is not outbound.
_SELF_URL = re.compile(
    r"(?i)\bapp[._]url\b|\bAPP_URL\b|\bsite_?url\b|\bpublic_?url\b|\bself_?url\b|\blocalhost\b"
    r"|127\.0\.0\.1|\blocal_?root_?url\b|\burl\(\s*['\"]/"
    r"|^(?:\w+\.)*\w*routes?\.\w"  # `fetch(CONST.ROUTES.getConfig)`: the app's own route table
    # Blazor's own origin: `new Uri(builder.HostEnvironment.BaseAddress)`, `Navigation.BaseUri`
    r"|\bHostEnvironment\.BaseAddress\b|\.BaseUri\b"
)
# A request object built inline (`send(new GetArtistRequest($id))`): its class holds the URL.
REQUEST_OBJECT = re.compile(r"^new\s+(?!(?:Uri|URI|URL|HttpRequestMessage)\b)\w")
_URL_OBJECT = re.compile(
    r"^(?:new\s+)?(?:URI|Uri|URL|Url)(?:\.(?:create|parse|of|new))?\s*\(\s*(.+?)\s*\)$"
)
# Prefixes: C# verbatim/interpolated (`@"`, `$"`, `$@"`), Python raw/bytes/f-strings.
_LITERAL = re.compile(r"""^(?:\$?@|@?\$|[rbuf]{1,2})?(['"`])""")
_ABSOLUTE = re.compile(r"^\w[\w+.-]*://")
_INTERPOLATION = ("${", "#{", "{", "$", "%s", "%v")
# A string that spells an absolute http(s) URL, literal or templated: the call is HTTP
# whatever the receiver is called (`sponge.fetch("https://...")`).
_PATH_PREFIX = re.compile(r"(?:\$\{|#\{|\{)\s*(?:[\w.]+\.)?\w*(?i:path)(?:\(|\s*\})")
HTTP_STRING = re.compile(r"""^(?:\$?@|@?\$|[rbuf]{1,2})?['"`]https?://""")


def classify(argument: str) -> str:
    """`literal` (a string holding an absolute URL), `path` (a string of the app's own
    routes or anything not a URL), or `data` (a variable, field or built string).
    A URL object built in place (`URI.create("...")`, `new Uri(x)`) is its argument."""
    wrapped = _URL_OBJECT.match(argument)
    if wrapped is not None:
        argument = wrapped.group(1)
    if _SELF_URL.search(argument) or REQUEST_OBJECT.match(argument):
        return "path"
    literal = _LITERAL.match(argument)
    if literal is None:
        return "data"
    body = argument[literal.end() :]
    absolute = _ABSOLUTE.match(body)
    if absolute:
        # `"https://#{instance}/api/v1"`, `f"https://{host}/x"`: the host is configured.
        return "data" if body.startswith(_INTERPOLATION, absolute.end()) else "literal"
    # A template that starts with an interpolation is a configured base: `${base}/x`, "#{host}/x";
    # unless what it starts with is a path (`$"{urlpath}api/list"`, `${this.basePath}/x`).
    if body.startswith(_INTERPOLATION):
        return "path" if _PATH_PREFIX.match(body) else "data"
    return "path"


# A URL-named argument: url, imageUrl, $podcast->url, &token_url, new Uri(manifest), uri;
# an ActivityPub inbox (`&inbox`, `actor.shared_inbox`, `sharedInbox`) is one too.
URLISH_ARG = re.compile(
    r"(?i)ur[li]s?\b|ur[li][A-Z_]|_ur[li]|link|href|endpoint|feed|webhook|callback|"
    r"\bsrc\b|address|\bhost|\bdomain\b|server|location|inbox\b|\b(?:new\s+)?(?:Uri|URI|URL)\s*\(|Ur[il]\s*\("
)


# A URL argument that starts with a constant: `self::ENDPOINT_URL . "/search"`, `Api.BASE_URL +
# path`, `this.BASE`, `ROOT + "/v1"` (a class member, or a name in capitals; never a call).
_LEADING_CONSTANT = re.compile(
    r"^(?:(?:self|static|this|[A-Z]\w*)\s*(?:::|\.|->)\s*\$?(?P<member>[A-Za-z_]\w*)"
    r"|(?P<upper>[A-Z][A-Z0-9_]*[A-Z0-9]))\b(?!\s*\()"
)
_HOPS = 3  # constants built from another (`SEARCH_URL = self::BASE_URL . "/search"`) followed


def literal_constant(argument: str, source: str) -> tuple[str, int] | None:
    """The constant of `source` holding a literal absolute URL that `argument` starts with,
    followed through constants built from another, and the offset of its definition; None
    when it starts with none."""
    for _ in range(_HOPS):
        match = _LEADING_CONSTANT.match(argument.strip())
        if match is None:
            return None
        name = match.group("member") or match.group("upper")
        definition = re.search(
            rf"(?<![\w$]){re.escape(name)}\s*(?::\s*[\w.<>\[\]| ]+?)?\s*=(?![=>])\s*(?P<value>[^;\n]+)",
            source,
        )
        if definition is None:
            return None
        argument = definition.group("value")
        if HTTP_STRING.match(argument.strip()):
            return name, definition.start()
    return None


def constant_host(
    argument: str, source: str, findings: list[Finding], line_in_source: Callable[[int], int]
) -> str | None:
    """The host of the literal URL a constant `argument` starts with holds: the file's URL
    finding on the line of the definition that holds it (`line_in_source` maps a finding's
    line to its line in `source`). Not a line that merely mentions the name: `URL` is in
    `AUTH_URL`, and a comment may name it too."""
    found = literal_constant(argument, source)
    if found is None:
        return None
    line = source.count("\n", 0, found[1]) + 1
    defined = (f for f in findings if f.kind == "url" and line_in_source(f.line) == line)
    return next((f.provider for f in defined), None)


def holds_path(name: str, source: str) -> bool:
    """`source` binds the constant `name` to a literal path (`SEARCH_ENDPOINT = '/search/v3'`):
    a route of whatever base comes before it, no setting of a system's address."""
    bound = rf"(?<![\w$]){re.escape(name)}\s*(?::\s*[\w.<>\[\]| ]+?)?\s*=\s*[@$]?['\"`]/(?!/)"
    return re.search(bound, source) is not None
