"""Clients handed in by the caller: a call on a parameter (`$httpClient->sendRequest(..)` in
`loadKeys(string $uri, ClientInterface $httpClient)`, `client.Do(req)` in
`func fetch(client *http.Client, ..)`, `session.get(..)` in `def sync(session, ..)`) uses
whatever client its callers pass. The callers are looked for in the site's own file and in
the other files of its directory (a package), following a parameter passed on unchanged
up to three functions; the call that hands in a construction (`buildClient(5)`,
`&http.Client{Timeout: ..}`), or the statement that built the variable it passes, becomes
a `client` scope of the site, and its calls are followed as wrappers from the caller's
file (where its receiver's type is declared).

The same callers configure a client with what a settings function returns: a function that
calls nothing out (`getDatabaseUrl()` reading env) is used where a caller of its directory
builds a client with its result (`new PrismaClient({ datasourceUrl: getDatabaseUrl(),
transactionOptions: { timeout: 10000 } })`): that construction is a `client` scope too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import PurePosixPath

from integration_risk.resilience import factindex
from integration_risk.resilience.arguments import bracketed, call_arguments
from integration_risk.resilience.clientvars import callee_parts, receiver_of
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.languages import family_of, grammar_of
from integration_risk.resilience.rules import vocabulary
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import SourceFile, Workspace
from integration_risk.scan.callargs import split_top_level

MAX_HOPS = 3
MAX_HANDERS = 2
MAX_DIR_FILES = 40
MAX_STATEMENT_LINES = 12
_RECEIVER_PARAM = re.compile(r"^\s*&?(?:mut\s+)?(?:self|cls|this)\b")
_CONSTRUCTORS = frozenset({"__init__", "constructor", "__construct", "initialize", "init"})
_NAME = re.compile(r"^[&*$]*([A-Za-z_]\w*)$")
_OPTIONS = re.compile(r"^(options|client) handed in by ")
# What builds a client: a class (`new PrismaClient`, `Redis(..)`) or a factory by its verb.
_CONSTRUCTION = re.compile(r"^(New|new|create|Create|connect|Connect|open|Open)|^[A-Z]\w*[a-z]\w*$")
MAX_CONSTRUCTION_LINES = 40
# Function names too vague to find their callers by.
_VAGUE = frozenset("main init load config settings default handler index setup options".split())
# Method names many types share: only bare calls of them (a function of the package) are
# taken for calls of the site's function.
_COMMON = frozenset(
    "get post put patch delete send call run execute request fetch create update find save "
    "new init initialize constructor perform handle process apply invoke query publish "
    "notify deliver upload download read write open close connect start stop".split()
)

Handed = tuple[Scope, list[str]]  # the handing call's scope, its callees to follow


class HandedClients:
    """Per run: the directory listings and answers, each looked up once."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._dirs: dict[tuple[str, str], list[str]] | None = None
        # Each (path, line, name, hops) is traced once; `_look` recurses through it.
        self._trace = cache(self._look)
        self._built_with: dict[tuple[str, int], list[Scope]] = {}

    def extend(self, site: Site, callees: list[str]) -> list[tuple[str, str, str]]:
        """Add a `client` scope for each caller that hands in the client the site's call (or
        `callees`, later calls of its function that send what it built) is made on; return
        (callee, caller's path, label) for the calls to follow as wrappers."""
        if site.kind == "config":
            return []
        if any(s.kind == "client" for s in site.scopes):  # built in reach; options may come in
            self._options_handed(site)
            return []
        follow: list[tuple[str, str, str]] = []
        for callee in dict.fromkeys([site.call, *callees]):
            name = receiver_of(callee)
            if name is None:
                continue
            for scope, names in self._trace(site.path, site.line, name, MAX_HOPS):
                site.scopes.append(scope)
                follow += [(n, scope.path, scope.label) for n in names]
            if follow:
                break
        if not follow:
            self._options_handed(site)
        return follow

    def _options_handed(self, site: Site) -> None:
        """The request's options passed on from a parameter (`$client->get($url, $data)` in
        `getRemote($url, $data = [])`): the literal its callers hand in (`['timeout' => 100]`)
        is an `options` scope of the site."""
        source = self.workspace.file(site.path)
        if source is None or source.facts is None or not site.call:
            return
        text = " ".join(source.lines[site.line - 1 : site.end])
        arguments = (
            call_arguments(text, callee_parts(site.call)[-1]) if callee_parts(site.call) else None
        )
        for argument in (arguments or [])[1:]:  # the first is the URL or the payload
            bare = _NAME.match(argument.strip())
            if bare is None:
                continue
            for scope, _ in self._trace(site.path, site.line, bare.group(1), 1):
                if _OPTIONS.match(scope.label):
                    site.scopes.append(scope)

    def configured_by_caller(self, site: Site) -> None:
        """Add, as `client` scopes, the constructions in the site's file or directory that
        take what the site's function returns, when that function calls nothing out."""
        if site.kind == "config" or any(s.kind == "client" for s in site.scopes):
            return
        source = self.workspace.file(site.path)
        if source is None or source.facts is None or source.facts.error:
            return
        index = source.facts.function_at(site.line)
        if index < 0:
            return
        key = (site.path, index)
        if key not in self._built_with:
            self._built_with[key] = self._constructions_taking(site.path, index)
        site.scopes.extend(self._built_with[key])

    def _constructions_taking(self, path: str, index: int) -> list[Scope]:
        source = self.workspace.file(path)
        assert source is not None and source.facts is not None
        qualname, start, stop = source.facts.funcs[index]
        name = qualname.split(".")[-1]
        if len(name) < 4 or name.lower() in _VAGUE or not re.match(r"^[A-Za-z_]\w*$", name):
            return []
        vocab = vocabulary()
        if any(vocab.is_network_call(c) for _, c in self.workspace.calls_in(path, start, stop)):
            return []  # it calls out itself: its own client speaks
        scopes: list[Scope] = []
        for caller, (c_line, c_end, _, _) in self._calls_of(path, name, index):
            assert caller.facts is not None  # `_calls_of` yields parsed files only
            outer = _enclosing_construction(caller.facts, c_line, c_end)
            if outer is None:
                continue
            o_line, o_end, built = outer
            label = f"client {built} built with {name}() at {caller.path}:{o_line}"
            scopes.append(Scope(caller.path, o_line, o_end, label, "client"))
            if len(scopes) >= MAX_HANDERS:
                return scopes
        return scopes

    def _look(self, path: str, line: int, name: str, hops: int) -> list[Handed]:
        source = self.workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            return []
        found = _parameter_of(source, source.facts, line, name)
        if found is None:
            return []
        called, position, func = found
        handed: list[Handed] = []
        for caller, (c_line, c_end, callee, _) in self._calls_of(path, called, func):
            if called.lower() in _COMMON and len(callee_parts(callee)) > 1:
                continue  # `mailer.send(..)`: a method many types share is another's
            handed += self._at_call(caller, (c_line, c_end, callee), called, position, hops)
            if len(handed) >= MAX_HANDERS:
                return handed[:MAX_HANDERS]
        return handed

    def _calls_of(
        self, path: str, name: str, func: int
    ) -> Iterator[tuple[SourceFile, factindex.Call]]:
        """The calls of function `name` (index `func` of `path`) in the parsed files that may
        call it; not its own recursive calls, which hand on what it was handed."""
        for other in self._callers_files(path, name):
            caller = self.workspace.file(other)
            if caller is None or caller.facts is None or caller.facts.error:
                continue
            for call in factindex.calls_named(caller.facts, name):
                if other != path or call[3] != func:
                    yield caller, call

    def _at_call(
        self, caller: SourceFile, call: tuple[int, int, str], called: str, position: int, hops: int
    ) -> list[Handed]:
        """What the call at `call` hands in at `position`: a construction, a variable built
        before it in its function, or a parameter of its own (followed one hop further)."""
        assert caller.facts is not None
        c_line, c_end, callee = call
        text = " ".join(caller.lines[c_line - 1 : c_end])
        arguments = call_arguments(text, called)
        if arguments is None or len(arguments) <= position:
            return []
        argument = arguments[position].strip()
        function = caller.facts.function_at(c_line)
        where = caller.facts.funcs[function][0] if function >= 0 else "<module>"
        label = f"client handed in by {where} ({caller.path}:{c_line})"
        if "(" in argument or "{" in argument:  # built right there: `buildClient(5)`
            names = _callees_in(caller.facts, c_line, c_end, argument, callee)
            return [(Scope(caller.path, c_line, c_end, label, "client"), names)]
        if argument.startswith("["):  # options written right there: `['timeout' => 100]`
            label = f"options handed in by {where} ({caller.path}:{c_line})"
            return [(Scope(caller.path, c_line, c_end, label, "client"), [])]
        bare = _NAME.match(argument)
        if bare is None:
            return []
        variable = bare.group(1)
        built = _built_before(caller, function, c_line, variable)
        if built is not None:
            start, end = built
            names = [c for at, _, c, _ in caller.facts.calls if start <= at <= end]
            return [(Scope(caller.path, start, end, label, "client"), names)]
        if hops <= 1:
            return []
        return self._trace(caller.path, c_line, variable, hops - 1)

    def _callers_files(self, path: str, called: str) -> list[str]:
        """The site's file, then the other files of its directory in its language family
        that name the called function (read, not parsed, to choose)."""
        if self._dirs is None:
            self._dirs = {}
            for rel, _, _ in self.workspace.runtime_files():
                spec = grammar_of(rel)
                if spec is not None:
                    key = (str(PurePosixPath(rel).parent), family_of(spec.name))
                    self._dirs.setdefault(key, []).append(rel)
        spec = grammar_of(path)
        if spec is None:
            return [path]
        siblings = self._dirs.get((str(PurePosixPath(path).parent), family_of(spec.name)), [])
        word = re.compile(rf"(?<![\w$]){re.escape(called)}\s*[(<]")
        found = [path]
        for rel in siblings[:MAX_DIR_FILES]:
            if rel == path:
                continue
            if word.search(self.workspace.raw_text(rel)):
                found.append(rel)
        return found


def _enclosing_construction(facts: Facts, line: int, end: int) -> tuple[int, int, str] | None:
    """The innermost call around the call at `line`..`end` when it builds something
    (`new PrismaClient({..})`, `createClient(..)`, `NewClient(..)`): (line, end, callee)."""
    around = [
        (c_end - c_line, c_line, c_end, callee)
        for c_line, c_end, callee, _ in facts.calls
        if c_line <= line
        and c_end >= end
        and (c_line, c_end) != (line, end)
        and c_end - c_line <= MAX_CONSTRUCTION_LINES
    ]
    if not around:
        return None
    _, c_line, c_end, callee = min(around)
    if not _CONSTRUCTION.search(factindex.last_name(callee)):
        return None
    return c_line, c_end, callee


def _local_assignment(name: str) -> re.Pattern[str]:
    # `name = ..`, `$name = ..`, `name := ..`, `name: T = ..`; not a field of the same name
    # (`self.name =`, `$this->name =`), nor `==` or `=>`
    return re.compile(rf"(?<![\w$.>])\$?{re.escape(name)}\s*(?::[^=\n]*)?:?=(?![=>])")


def _parameter_of(
    source: SourceFile, facts: Facts, line: int, name: str
) -> tuple[str, int, int] | None:
    """(name callers call it by, parameter position, function index) of the innermost
    function around `line` that takes `name` as a parameter and does not assign it first;
    None when `name` is no parameter (a field, a local, a global)."""
    assign = _local_assignment(name)
    candidates = sorted(
        (stop - start, i)
        for i, (_, start, stop) in enumerate(facts.funcs)
        if start <= line <= stop and i < len(facts.params)
    )
    for _, i in candidates:
        qualname, start, _ = facts.funcs[i]
        if any(_replaced(assign, name, source.lines[n - 1]) for n in range(start + 1, line)):
            return None  # built in the function: not what a caller handed in
        position = _position(source.lines, facts.params[i], qualname, name)
        if position is None:
            continue  # a closure over its function's parameter (`use ($httpClient)`)
        parts = qualname.split(".")
        called = parts[-1]
        if called in _CONSTRUCTORS:
            if len(parts) < 2:
                return None
            called = parts[-2]  # `new Client(http)` calls the class by name
        return called, position, i
    return None


def _replaced(assign: re.Pattern[str], name: str, text: str) -> bool:
    """Is `name` given a new value on the line? Not when the new value is built from it
    (`$data = array_merge($data, $headers)`, `opts = {**opts, ..}`): the caller's keys stay."""
    match = assign.search(text)
    if match is None:
        return False
    return re.search(rf"(?<![\w$.>])\$?{re.escape(name)}(?!\w)", text[match.end() :]) is None


def _position(lines: list[str], span: tuple[int, int], qualname: str, name: str) -> int | None:
    start, end = span
    if start < 1 or end < start:
        return None
    declared = " ".join(lines[start - 1 : end])
    own = qualname.split(".")[-1]
    params = call_arguments(declared, own)
    if params is None:
        inner = declared[declared.find("(") :] if "(" in declared else ""
        params = split_top_level(bracketed(inner, 0) or "") if inner else []
    if params and _RECEIVER_PARAM.match(params[0]):
        params = params[1:]
    word = re.compile(rf"(?<![\w$])\$?{re.escape(name)}(?!\w)")
    for position, param in enumerate(params):
        head = re.split(r"=(?!>)", param, maxsplit=1)[0]  # not its default value
        if word.search(head):
            return position
    return None


def _callees_in(facts: Facts, start: int, end: int, argument: str, outer: str) -> list[str]:
    """Callees of the calls written inside the handed argument (`$this->http->buildClient`
    in `discover($this->http->buildClient(5), ..)`)."""
    found = []
    for at, _, callee, _ in facts.calls:
        if start <= at <= end and callee != outer:
            parts = callee_parts(callee)
            if parts and re.search(rf"(?<!\w){re.escape(parts[-1])}\s*[(<{{]", argument):
                found.append(callee)
    return found


def _built_before(
    caller: SourceFile, function: int, line: int, variable: str
) -> tuple[int, int] | None:
    """The statement before `line` in the caller's function that assigns `variable` a
    call (`client := &http.Client{..}`, `$client = $http->buildClient(5)`)."""
    assert caller.facts is not None
    if function < 0:
        return None
    start = caller.facts.funcs[function][1]
    assign = _local_assignment(variable)
    for number in range(line - 1, start - 1, -1):
        if assign.search(caller.lines[number - 1]):
            calls = [c_end for at, c_end, _, _ in caller.facts.calls if at == number]
            text = caller.lines[number - 1]
            if not calls and "{" not in text:
                return None  # assigned something else: no construction to read
            end = max(calls, default=number)
            return number, min(end, number + MAX_STATEMENT_LINES)
    return None
