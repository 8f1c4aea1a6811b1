"""Where the client a call uses was built, and what the calling code hands on.

- A call on a client held in a variable or field (`safeClient.Do(req)`,
  `$this->httpClient->request(...)`, `self.session.get(...)`) uses the client built where
  that name is assigned a construction: at module level or in a constructor of the same
  file (`var safeClient = &http.Client{Timeout: ...}`, `$this->httpClient =
  HttpClient::create(['timeout' => 10])`), or earlier in the call's own function
  (`$client = $this->http->buildClient(5)`). That statement becomes a `client` scope of
  the site and its calls are followed as wrappers.
- A site that builds a request object (`var request = new Request(url)`) is sent by the
  later calls of its function that take that object (`Api.Request(request)`): they are
  followed as wrappers too.
- A site that passes a variable built earlier (`discover(url, &http_client)`) reaches the
  call that built it, and methods chained on what it returns
  (`client.NewRequestBuilder(url).Do()`) are named from its package.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from integration_risk.resilience.factindex import CALLEE_SEPARATORS, matching_lines
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.languages import family_of
from integration_risk.resilience.sites import Scope, Site

_GENERIC = re.compile(r"<[\w\s,.?\[\]]*>")
_SELF = frozenset("this self cls $this @ Self static".split())
MAX_CONSUMERS = 3
MAX_STATEMENT_LINES = 30


def callee_parts(callee: str) -> list[str]:
    """A callee as written split into its names: `$this->client.send` -> this, client, send;
    type arguments dropped (`Api.Request<Movie>` -> Api, Request)."""
    for _ in range(3):  # nested: `Get<List<Movie>>`
        callee = _GENERIC.sub("", callee)
    return [p.lstrip("$@") for p in CALLEE_SEPARATORS.split(callee) if p.strip("$@")]


def receiver_of(callee: str, capitalised: bool = False) -> str | None:
    """The variable or field a call is made on: `client.Do` -> client,
    `$this->httpClient->request` -> httpClient; None for a bare call or a call on a type.
    `capitalised`: a capitalised name too (`CLIENT.get`), which may be a type (`Http.get`)
    or a variable (a Rust `static CLIENT`, a Go `var Client`, a C# field `Client`)."""
    parts = callee_parts(callee)
    if len(parts) < 2:
        return None
    name = parts[-2]
    if name in _SELF or not re.match(r"^[A-Za-z_]\w*$" if capitalised else r"^[a-z_]\w*$", name):
        return None  # `HttpClient::create`, `Http.get`: a type or module, no variable
    return name


# A type annotation between a name and its `=` (`client: AxiosInstance =`): not a scope
# operator (`Http::timeout(..)`) nor a call's text, whose URL may hold a `=` (`?domain=`).
_ANNOTATION = r"""(?::(?!:)[^=\n()'"]*)?"""


def _assignment(name: str) -> re.Pattern[str]:
    # `name = ...`, `name := ...`, `var name = ...`, `self.name = ...`, `$this->name = ...`,
    # `let name: T = ...`; not `==`, `=>`, `!=`.
    return re.compile(rf"(?<![\w$])\$?{re.escape(name)}\s*{_ANNOTATION}:?=(?![=>])")


def client_statement(
    lines: list[str], facts: Facts, site: Site, name: str
) -> tuple[int, int] | None:
    """(first, last) line of the statement that assigns `name` a construction: the
    nearest earlier one in the site's function, else one at module level or in another
    function of the file (a constructor)."""
    assigned = matching_lines(facts, lines, _assignment(name))
    func = facts.function_at(site.line)
    if func >= 0:
        nearest = bisect_left(assigned, site.line) - 1  # the last one before the call
        if nearest >= 0 and assigned[nearest] >= facts.funcs[func][1]:
            return _statement(facts, assigned[nearest])
    for number in assigned:
        if number == site.line:
            continue
        if func >= 0 and facts.function_at(number) == func:
            continue  # a later assignment in the same function is not what the call used
        statement = _statement(facts, number)
        if statement is not None:
            return statement
    return _keyed_field(lines, facts, site, name)


def _keyed(name: str) -> re.Pattern[str]:
    # `httpClient: &http.Client{..}` in a Go composite literal, `http: axios.create(..)` in
    # an object literal, `client: Faraday.new(..)` in a Ruby hash: a field set by its key
    return re.compile(rf"^\s*{re.escape(name)}\s*:(?![:=])\s*\S")


def _keyed_field(lines: list[str], facts: Facts, site: Site, name: str) -> tuple[int, int] | None:
    """A constructor's literal that sets the field by its key (`return &Client{httpClient:
    &http.Client{Timeout: ..}}`): its extent when it builds something (a call, or a
    composite literal's braces), outside the site's own function."""
    func = facts.function_at(site.line)
    for number in matching_lines(facts, lines, _keyed(name)):
        if func >= 0 and facts.function_at(number) == func:
            continue
        extent = construction_extent(lines, facts, number, lines[number - 1].split(":", 1)[1])
        if extent is not None:
            return extent
    return None


def construction_extent(
    lines: list[str], facts: Facts, line: int, value: str
) -> tuple[int, int] | None:
    """(first, last) line of what `line` builds, `value` being the text assigned: its call
    (`new Stripe(..)`), else the braces of a literal (`&http.Client{..}`); None for neither."""
    statement = _statement(facts, line)
    if statement is not None:
        return statement
    if "{" in value:
        return line, _closing_line(lines, line)
    return None


def _closing_line(lines: list[str], line: int) -> int:
    """Where the brackets opened from `line` close (at most MAX_STATEMENT_LINES on)."""
    depth = 0
    for number in range(line, min(len(lines), line + MAX_STATEMENT_LINES) + 1):
        text = lines[number - 1]
        depth += sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
        if depth <= 0:
            return number
    return min(len(lines), line + MAX_STATEMENT_LINES)


def _statement(facts: Facts, line: int) -> tuple[int, int] | None:
    """The assignment's extent when it holds a call (a construction), else None."""
    calls = [(c_line, c_end) for c_line, c_end, _, _ in facts.calls if c_line == line]
    if not calls:
        return None
    end = max(c_end for _, c_end in calls)
    return line, min(end, line + MAX_STATEMENT_LINES)


def add_client_scope(
    lines: list[str], facts: Facts, site: Site, callee: str | None = None
) -> list[str]:
    """Add the scope of the client the site's call (or `callee`, a later call of its
    function that sends what the site built) is made on; return the callees of its
    construction (to be followed as wrappers)."""
    # a capitalised name counts only where the file assigns it a construction (below)
    name = receiver_of(callee or site.call, capitalised=True)
    if name is None:
        return []
    callees: list[str] = []
    if not any(s.kind == "client" for s in site.scopes):
        found = client_statement(lines, facts, site, name)
        if found is not None and found[0] <= site.line <= found[1]:
            return []  # the site is the construction itself
        if found is not None:
            start, end = found
            site.scopes.append(Scope(site.path, start, end, f"client `{name}` built", "client"))
            callees = [callee for c_line, _, callee, _ in facts.calls if start <= c_line <= end]
    # `self.es.indices.create(..)`: the field the chain starts from
    head = next((p for p in callee_parts(callee or site.call) if p not in _SELF), name)
    aliased = _aliased_client(lines, facts, site, name) or _aliased_client(lines, facts, site, head)
    if aliased is not None and all((s.start, s.end) != aliased[1] for s in site.scopes):
        # what it turns off there holds too (`max_retries=0`)
        site.scopes.append(Scope(site.path, *aliased[1], f"client `{aliased[0]}` built", "client"))
    return callees


# `= self.client.es`, `= this.client.es;`, `= $this->client->es;`: a member of another field
_ALIAS = re.compile(r"=\s*(?:self\.|this\.|\$this->|@)([A-Za-z_]\w*)(?:\.|->)\w+\s*;?\s*$")


def _aliased_client(
    lines: list[str], facts: Facts, site: Site, name: str
) -> tuple[str, tuple[int, int]] | None:
    """`self.es = self.client.es` in the site's own class: the field `client` and the
    statement that built it (`self.client = EsWrapper(hosts, max_retries=0)`)."""
    func = facts.function_at(site.line)
    if func < 0 or "." not in facts.funcs[func][0]:
        return None
    owner = facts.funcs[func][0].rsplit(".", 1)[0]
    for number in matching_lines(facts, lines, _assignment(name)):
        index = facts.function_at(number)
        if index < 0 or index == func or facts.funcs[index][0].rsplit(".", 1)[0] != owner:
            continue
        alias = _ALIAS.search(lines[number - 1])
        if alias is None or alias.group(1) == name:
            continue
        for built in matching_lines(facts, lines, _assignment(alias.group(1))):
            inner = facts.function_at(built)
            if inner >= 0 and facts.funcs[inner][0].rsplit(".", 1)[0] == owner:
                statement = _statement(facts, built)
                if statement is not None:
                    return alias.group(1), statement
    return None


# `var request = new Request(..)`, `Request req = ..`, `$request = ..`, `let req = ..`
_ASSIGNED = re.compile(
    r"^\s*(?:(?:var|let|const|val|final|auto|my)\s+)?(?:[\w<>\[\]?.]+\s+)?\$?([A-Za-z_]\w*)"
    rf"\s*{_ANNOTATION}:?=(?![=>])"
)
_TUPLE = re.compile(r"^\s*(?:var\s+)?([A-Za-z_]\w*)\s*,\s*\w+\s*:?=(?![=>])")  # `req, err :=`


def consumers(lines: list[str], facts: Facts, site: Site) -> list[str]:
    """Callees of the later calls in the site's function that take the object the site
    assigns (`request = new Request(...)` ... `api.Request(request)`), and of the calls that
    take what those build from it (`uri = new Uri(base)`, `request = new WebRequest(uri)`,
    `client.Send(request)`)."""
    func = facts.function_at(site.line)
    if func < 0:
        return []
    found: list[str] = []
    frontier = [(site.line, site.end)]
    for _ in range(MAX_CONSUMER_HOPS):
        next_frontier: list[tuple[int, int]] = []
        for line, end in frontier:
            for callee, c_line, c_end in _takers(lines, facts, func, line, end):
                if callee not in found and len(found) < MAX_CONSUMERS:
                    found.append(callee)
                    next_frontier.append((c_line, c_end))
        frontier = next_frontier
    return found


MAX_CONSUMER_HOPS = 2


def _takers(
    lines: list[str], facts: Facts, func: int, line: int, end: int
) -> list[tuple[str, int, int]]:
    """(callee, line, end) of the later calls of the function taking what `line` assigns."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    assigned = _TUPLE.match(text) or _ASSIGNED.match(text)
    if assigned is None:
        return []
    name = assigned.group(1)
    used = re.compile(rf"(?<![\w.$])\$?{re.escape(name)}(?!\w)")
    stop = facts.funcs[func][2]
    found: list[tuple[str, int, int]] = []
    for c_line, c_end, callee, c_func in facts.calls:
        if c_func != func or c_line <= end or c_line > stop:
            continue
        arguments = " ".join(lines[c_line - 1 : c_end])
        parts = callee_parts(callee)
        call_at = arguments.find(parts[-1]) if parts else -1
        if call_at < 0 or not used.search(arguments[call_at:]):
            continue
        if name in parts:
            continue  # a call on the object itself (`request.AddHeader`) sends nothing
        found.append((callee, c_line, c_end))
    return found


MAX_BUILT_ARGUMENTS = 3


def built_by(lines: list[str], facts: Facts, site: Site) -> list[str]:
    """The call that built a variable the site passes (`discover(url, &http_client)` after
    `let http_client = OidcHttpClient::new()`): the client's construction is followed too."""
    index = facts.function_at(site.line)
    if index < 0:
        return []
    start = facts.funcs[index][1]
    text = " ".join(lines[site.line - 1 : site.end])
    called = {
        p for line, _, c, _ in facts.calls if site.line <= line <= site.end for p in callee_parts(c)
    }
    found: list[str] = []
    for word in dict.fromkeys(re.findall(r"(?<![\w.$])&?(?:mut\s+)?([a-z_]\w{2,})\b", text)):
        if word in called or len(found) >= MAX_BUILT_ARGUMENTS:
            continue
        assign = re.compile(rf"\b{re.escape(word)}\s*{_ANNOTATION}=(?![=>])")
        for number in range(site.line - 1, start - 1, -1):
            if assign.search(lines[number - 1]):
                found.extend(c for line, _, c, _ in facts.calls if line in (number, number + 1))
                break
    return found[:6]


_CHAINED = re.compile(r"\)\s*\.\s*([A-Za-z_]\w*)\s*[(<]")
MAX_CHAINED = 8
MAX_CHAIN_LINES = 40


def chained(lines: list[str], facts: Facts, site: Site) -> list[str]:
    """Methods chained on what the site's call returns, named from its package:
    `client.NewRequestBuilder(url).WithMethod(..).Do()` -> client.WithMethod, client.Do (a
    builder's `Do` is where its client is configured)."""
    parts = callee_parts(site.call)
    if len(parts) < 2 or parts[0] in _SELF:
        return []
    # the chain's calls all start on the site's line and share its callee text
    end = max(
        (
            c_end
            for c_line, c_end, callee, _ in facts.calls
            if c_line == site.line and callee == site.call
        ),
        default=site.end,
    )
    text = " ".join(lines[site.line - 1 : min(end, site.line + MAX_CHAIN_LINES)])
    return [f"{parts[0]}.{name}" for name in _CHAINED.findall(text)[:MAX_CHAINED]]


# `new Ollama({host, fetch: timedFetch})`: a JS client handed its own fetch function sends
# every request through it (a bare `fetch: fetch` is the global one)
_FETCH_OPTION = re.compile(r"\bfetch\s*:\s*([A-Za-z_$][\w$]*)\s*(?=[,}\n])")


def handed_fetch(lines: list[str], site: Site) -> list[str]:
    """The project function a JavaScript client construction takes as its `fetch`."""
    if family_of(site.language) != "javascript":
        return []
    text = "\n".join(lines[site.line - 1 : site.end])
    return [name for name in _FETCH_OPTION.findall(text) if name != "fetch"]


# A name the function binds itself: assigned (`req := ..`, `client = ..`, `res, err := ..`)
# or taken as a parameter of it or of a closure in it (`func(req *resty.Request)`,
# `(req, res) =>`, `def send(client, url)`).
_BOUND_LOCAL = re.compile(
    r"(?<![\w.$])([A-Za-z_]\w*)(?:\s*,\s*[A-Za-z_]\w*)*\s*:?=(?![=>])"
    r"|\b(?:func|function|def|fn)\s*\w*\s*\(\s*([A-Za-z_]\w*)"
    r"|\(\s*([A-Za-z_]\w*)\s*(?:,[^()]*)?\)\s*=>"
)


def local_names(lines: list[str], start: int, end: int) -> frozenset[str]:
    """Names the lines `start`..`end` (a function) bind as locals or parameters: a call on
    one (`req.SetBody(..)`) is no call of a project function named like it."""
    text = "\n".join(lines[max(start - 1, 0) : end])
    return frozenset(name for groups in _BOUND_LOCAL.findall(text) for name in groups if name)
