"""The project's own client classes built for a URL from data, named after their system.

A JS/TS app wraps each remote app it drives in a class (`class RadarrAPI extends ServarrBase`)
whose requests go through a shared base; the URL arrives where the class is built:
`new RadarrAPI({ apiKey, url: RadarrAPI.buildUrl(settings) })`. The class name says which
system (`RadarrAPI` -> radarr), the `url:` entry that it is reached at a configured address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.namewords import name_words
from integration_risk.scan.features import GENERIC_WORDS
from integration_risk.scan.imports import js_imported_names

# `new RadarrAPI({` ... `url:` within the object literal (over a few lines), given a value from
# data (a vendor SDK's class is usually given its literal host: `new SendMailClient({ url: '..' })`).
_BUILT = re.compile(
    r"\bnew\s+(?P<cls>(?P<name>[A-Z][A-Za-z0-9]*?)(?:Api|API|Client))\s*\(\s*\{[^{}()]{0,300}?"
    r"(?<![\w.])(?:url|baseUrl|baseURL|base_url|endpoint)\s*:\s*(?![\s'\"`])"
)
# A module of the project itself: relative (`./radarr`), or under a path alias with a path
# below it (`@server/api/servarr/radarr`, `@/api/radarr`, `~/api`); not a package (`zeptomail`,
# `@scope/sdk`).
_OWN_MODULE = re.compile(r"^(?:\.|[@~#]/|@[\w-]+/[^/]+/)")
# PHP: a Saloon connector (`class UnifiConnector extends Connector`) is the project's client of
# the system it is named after; its `resolveBaseUrl()` says where that system is.
_SALOON_CLASS = re.compile(
    r"\bclass\s+(?P<name>[A-Z]\w*?)Connector\s+extends\s+\\?(?:Saloon\\Http\\)?Connector\b"
)
_BASE_URL = re.compile(r"\bfunction\s+resolveBaseUrl\s*\(")
# A class extending an HTTP library's session or client: `class K8sSession(requests.Session)`
# (Python requests/httpx/aiohttp), `class GiteaClient : HttpClient` (C#), `class
# GitlabConnection < Faraday::Connection` (Ruby): the project's client of the system it is
# named after, its requests sent to wherever its callers say.
_SESSION_SUBCLASS = re.compile(
    r"^[ \t]*(?:(?:public|internal|sealed|partial)\s+)*class\s+(?P<name>[A-Z]\w*)\s*"
    r"(?:\(\s*(?P<module>requests|httpx|aiohttp)\.(?:Session|Client|AsyncClient|ClientSession)\s*\)"
    r"|:\s*(?:System\.Net\.Http\.)?HttpClient\b|<\s*Faraday::Connection\b)",
    re.M,
)
# Words of such a class's name that say what kind of client it is, not for which system.
_CLIENT_ROLES = frozenset(
    "session sessions client http https api o auth oauth oauth2 retry retrying timeout custom "
    "logging cached throttled rate limited safe async sync base default wrapped connection "
    "json rest user agent insecure unverified verified proxy proxied tls ssl secure mock fake "
    "stub dummy debug traced tracing instrumented signed pooled shared global persistent".split()
)
# Lines the prefilter must keep: where such a class is built, a connector's base URL, a session
# subclass.
LINE_PATTERNS = (
    re.compile(r"\bnew\s+[A-Z]\w*(?:Api|API|Client)\s*\("),
    _BASE_URL,
    _SESSION_SUBCLASS,
)
# Words that name a protocol or a kind of client, not a system (`new GraphQLClient({ url })`).
_NOT_A_SYSTEM = frozenset("graph ql graphql soap json xml rpc grpc ws socket websocket".split())


def built_clients(text: str, whole: str) -> Iterator[tuple[str, int]]:
    """(system name, offset) of each project client class built with a URL entry: a class the
    file does not import, or imports from the project's own modules. `whole`: the full file."""
    imported: dict[str, str] | None = None
    for match in _BUILT.finditer(text):
        if imported is None:
            imported = js_imported_names(whole)
        module = imported.get(match.group("cls"))
        if module is not None and not _OWN_MODULE.match(module):
            continue
        parts = [w for w in name_words(match.group("name")) if w not in GENERIC_WORDS]
        if parts and not any(p in _NOT_A_SYSTEM for p in parts) and len("".join(parts)) >= 3:
            yield "-".join(parts), match.start()


def saloon_connectors(text: str, whole: str) -> Iterator[tuple[str, int]]:
    """(system name, offset of `resolveBaseUrl`) of a PHP Saloon connector class."""
    found = _SALOON_CLASS.search(whole)
    if found is None or "Saloon\\" not in whole:
        return
    parts = [w for w in name_words(found.group("name")) if w not in GENERIC_WORDS]
    if not parts or any(p in _NOT_A_SYSTEM for p in parts):
        return
    for match in _BASE_URL.finditer(text):
        # a brand spelled in one CamelCase word: `MusicBrainzConnector` -> musicbrainz
        yield "".join(parts), match.start()


def session_subclasses(text: str) -> Iterator[tuple[str, int]]:
    """(system name, offset) of each class extending an HTTP library's session or client
    whose name says which system it serves (`K8sSession` -> k8s; `RetrySession` says none)."""
    for match in _SESSION_SUBCLASS.finditer(text):
        parts = [
            w for w in name_words(match.group("name")) if w not in GENERIC_WORDS | _CLIENT_ROLES
        ]
        if parts and len(parts[-1]) >= 3 and not any(p in _NOT_A_SYSTEM for p in parts):
            yield "-".join(parts[-2:]), match.start()


# Java/Kotlin: the project's own client class built with the address it is to call
# (`new RetryingKafkaConnectClient(cfg.toBuilder().address(url).build(), ..)`, `KsqlApiClient(url)`,
# a generated `new PrometheusClientApi(new ApiClient(web).setBasePath(url))`). A vendor SDK's
# class is imported from the vendor's package; a class of the file's own package root is ours.
_JVM_BUILT = re.compile(
    r"\b(?:new\s+)?(?P<cls>(?P<name>[A-Z][A-Za-z0-9]*?)(?:Api|API|Client)+)\s*\("
)
# The address among the arguments: a bare variable or getter named for one, never a literal.
_ADDRESS_ARG = re.compile(
    r"(?<![\w\"'.])(?:url|uri|baseUrl|baseUri|baseURL|address|endpoint|basePath)\b(?!\s*[=:])"
)
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"' + r"|'(?:[^'\\\n]|\\.)*'")
_ARGS_REACH = 300  # characters of a constructor's arguments searched for the address
_JVM_PACKAGE = re.compile(r"^\s*package\s+([\w.]+)", re.M)


def _own_jvm_class(cls: str, whole: str) -> bool:
    """No import names `cls` from outside the file's package root (its first two segments)."""
    imported = re.search(r"^\s*import\s+([\w.]+)\." + re.escape(cls) + r"\b", whole, re.M)
    if imported is None:
        return True
    package = _JVM_PACKAGE.search(whole)
    if package is None:
        return False
    root = package.group(1).split(".")[:2]
    return imported.group(1).split(".")[:2] == root


def jvm_built_clients(text: str, whole: str) -> Iterator[tuple[str, int]]:
    """(system name, offset) of each Java/Kotlin project client class built with an address."""
    for match in _JVM_BUILT.finditer(text):
        # a string's words and brackets are no argument (`new FooClient("see url docs")`)
        args = _QUOTED.sub('""', text[match.end() : match.end() + _ARGS_REACH])
        depth, end = 1, None
        for at, char in enumerate(args):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0:
                end = at
                break
        if end is None:  # the call does not close in reach: what follows is not its arguments
            continue
        if not _ADDRESS_ARG.search(args[:end]) or not _own_jvm_class(match.group("cls"), whole):
            continue
        parts = [
            w for w in name_words(match.group("name")) if w not in GENERIC_WORDS | _CLIENT_ROLES
        ]
        if parts and len(parts[-1]) >= 3 and not any(p in _NOT_A_SYSTEM for p in parts):
            yield "-".join(parts[-2:]), match.start()


# C#'s DI registration of a typed HTTP client: `services.AddHttpClient<CatalogService>(o =>
# o.BaseAddress = ..)`, `AddHttpClient<IReleaseClient, ReleaseClient>(client => {`: the class
# it configures names the system, not the wiring file (`MauiProgram.cs`, `Extensions.cs`).
_TYPED_CLIENT = re.compile(r"\bAddHttpClient\s*<\s*(?:[\w.]+\s*,\s*)?(?:[\w]+\.)*(?P<type>\w+)\s*>")
_TYPED_REACH = 3  # lines above a call searched for the registration it configures


def typed_client_system(lines: list[str], at: int) -> str | None:
    """The system of the typed client registered on line `at` (0-based) of `lines` or a few
    lines above (`AddHttpClient<CatalogService>` -> `catalog`); None for a generic class."""
    for number in range(at, max(-1, at - _TYPED_REACH - 1), -1):
        match = _TYPED_CLIENT.search(lines[number])
        if match:
            parts = [
                w for w in name_words(match.group("type")) if w not in GENERIC_WORDS | _CLIENT_ROLES
            ]
            return "-".join(parts[-2:]) if parts and len(parts[-1]) >= 3 else None
    return None


# Files of the languages whose clients are found otherwise than by `built_clients` (which reads
# JS/TS, where the browser's files are left out).
SERVER_CLIENT_FILES = (".php", ".py", ".cs", ".rb", ".java", ".kt")


def project_clients(relpath: str, text: str, whole: str) -> list[tuple[str, int]]:
    """(system name, offset) of the project's own clients of a system that `relpath` builds or
    defines, by the file's language."""
    if relpath.endswith(".php"):
        return list(saloon_connectors(text, whole))
    if relpath.endswith(SERVER_CLIENT_FILES[1:4]):
        return list(session_subclasses(text))
    if relpath.endswith((".java", ".kt")):
        return list(jvm_built_clients(text, whole))
    return list(built_clients(text, whole))
