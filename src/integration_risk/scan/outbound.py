"""Outbound HTTP call sites turned into findings.

A call whose URL is data goes to, in order: the system a URL-valued setting in
the call names (`CONFIG.push_relay_uri()` -> `push-relay`), the system the client's
own name says (`context.pictrs_client().get(url)` -> `pictrs`), the system the same
file already names by host or client package (a wrapper calling `API_URL + path`),
or the feature the file implements (`rss_agent.rb` -> `rss-agent`), or in a file named by
roles only the function the call is in (`fn fetch_link_metadata` -> `link-metadata`): an
outbound-URL feature, reported as an `http-api` integration the scanner names itself.
A call with a literal URL is a call context for that URL's host.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from integration_risk.catalog.index import EVERYDAY_IDS, CatalogIndex
from integration_risk.lines import LineIndex
from integration_risk.namewords import name_words
from integration_risk.scan.calls import HttpCall, http_calls
from integration_risk.scan.clients import client_constructions, http_subclass
from integration_risk.scan.features import (
    UMBRELLA_WORDS,
    assigned_setting,
    client_system,
    far_link_builders,
    feature_name,
    function_feature,
    is_self_probe,
    record_field,
    setting_of,
    system_word,
)
from integration_risk.scan.findings import LONGTAIL_FEATURE, LONGTAIL_HOST, Finding
from integration_risk.scan.helper_flow import helper_settings, line_starts, url_parameter
from integration_risk.scan.longtail import BROWSER_ONLY_PREFIXES
from integration_risk.scan.named_clients import (
    SERVER_CLIENT_FILES,
    project_clients,
    typed_client_system,
)
from integration_risk.scan.urlkind import constant_host, holds_path

# Browser and mobile-app code calls its own backend (or third parties through the user's
# device).
_BROWSER_PATH = re.compile(
    r"(?i)(?:^|/)(?:public|static|assets|frontend|client|web|www|components|pages|views|ui|"
    r"javascript|resources/js|templates|service-?worker[^/]*|sw|webui|webapp|spa)(?:/|\.[jt]s$)"
    r"|\.(?:jsx|tsx|vue|svelte)$"
    # a front-end package named for it: `komga-webui/`, `next-ui/`, `admin-frontend/`
    r"|(?:^|/)[\w.]+[-_](?:web|ui|webui|frontend|webapp|spa)/"
)
# Server code inside a web app's tree: Next.js API routes (`pages/api/`) and route handlers
# (`app/**/route.ts`), SvelteKit `+server.ts` / `*.server.ts` (also Remix), Nuxt `server/`.
_SERVER_ROUTE = re.compile(
    r"(?:^|/)pages/api/|(?:^|/)app/(?:[^/]+/)*route\.[jt]s$|(?:^|[/+.])server\.[jt]s$"
    r"|(?:^|/)server/(?:api|routes|middleware)/"
)
# An SDK or client of the project's own API shipped in the same repository.
_OWN_SDK_PATH = re.compile(r"(?i)(?:^|/)[\w.-]*(?:sdk|api-client)[\w.-]*/")
_BROWSER_CODE = re.compile(
    r"""from\s+['"](?:react|react-dom|vue|svelte|@angular/core|mobx|mobx-react|preact|"""
    r"""prosemirror-[\w-]+|@tiptap/[\w-]+|lexical|slate|"""
    # a React Native / Expo app runs on the user's device, as browser code does
    r"""react-native(?:-[\w-]+)?|@react-native[\w-]*/[\w-]+|expo(?:-[\w-]+)?)['"]"""
    r"|\bwindow\.|\bdocument\.|\blocalStorage\b|\bnavigator\."
    # settings a front-end build inlines (`process.env.VUE_APP_BASE_API`, `import.meta.env.VITE_X`)
    rf"|\bprocess\.env\.(?:{'|'.join(BROWSER_ONLY_PREFIXES)})|\bimport\.meta\.env\.VITE_"
)
# Categories a file's own client package can stand for when the file calls a URL from data.
# Not storage or databases: a storage module that fetches a URL downloads into the bucket.
_CALLABLE = frozenset(
    {
        "http-api",
        "ai",
        "payment",
        "email",
        "sms",
        "auth",
        "search",
        "observability",
        "webhook",
        "analytics",
        "cdn",
    }
)

AddFinding = Callable[[str, str, int], None]


# A stage of an HTTP client's pipeline (C# `DelegatingHandler`, OkHttp `Interceptor`, Go
# `RoundTripper`) sends whatever request its client was given: the calls are the client's
# users', not a feature of the stage.
_PIPELINE_STAGE = re.compile(
    r":\s*(?:DelegatingHandler|HttpMessageHandler)\b|\bimplements\s+(?:okhttp3\.)?Interceptor\b"
    r"|\bfunc\s*\([^()]*\)\s*RoundTrip\s*\(\s*\w+\s+\*http\.Request\s*\)"
)


# Rust compiled to WebAssembly for the browser: Yew components, gloo's fetch, web-sys.
_RUST_BROWSER = re.compile(r"^\s*use\s+(?:gloo_net|gloo|web_sys|yew)\b", re.M)


def is_browser_code(relpath: str, text: str, language: str) -> bool:
    if language == "rust":
        return _RUST_BROWSER.search(text) is not None
    if language != "js" or _SERVER_ROUTE.search(relpath):
        return False
    return _BROWSER_PATH.search(relpath) is not None or _BROWSER_CODE.search(text) is not None


def _namespace_words(relpath: str) -> frozenset[str]:
    """Words of the directories above the file's parent: a file named after one of them
    (`lib/app/billing/app.ex`) is named after the application, not a feature."""
    dirs = relpath.split("/")[:-2]
    return frozenset(w for d in dirs for w in name_words(d))


def _known_systems(findings: list[Finding], index: CatalogIndex) -> list[tuple[int, str, str]]:
    """(line, system, kind) of the systems this file names by host, else by client package,
    else by env key: the strongest kind that names any."""
    for kinds in (("url",), ("import", "client"), ("env",)):
        found = [
            (f.line, f.provider, f.kind)
            for f in findings
            if f.kind in kinds
            and (
                f.provider.startswith(LONGTAIL_HOST)
                or index.categories.get(f.provider) in _CALLABLE
            )
            # an error reporter's package (`from sentry_sdk import capture_exception`) is
            # imported to report the call's failures, not to make it
            and not (f.kind != "url" and index.categories.get(f.provider) == "observability")
        ]
        if found:
            return found
    return []


# A client built this many lines from a call may be the one it uses; further away (another
# function of a long module) it says nothing about the call.
_CLIENT_REACH = 30
# With several systems in a file, the one named this many lines from a call may be its target.
_SYSTEM_REACH = 60


def _nearest(
    systems: list[tuple[int, str, str]], line: int, original: Callable[[int], int]
) -> str | None:
    """The one system, or with several (a file of client helpers called with several
    literal hosts) the one named nearest to the call. A client construction counts only
    near the call (`OpenAIService()` in another function is not this call's client)."""
    at = original(line)
    near = [
        (number, system)
        for number, system, kind in systems
        if kind != "client" or abs(original(number) - at) <= _CLIENT_REACH
    ]
    if len({system for _, system in near}) == 1:
        return near[0][1]
    # Several systems: the nearest only when it is near; in a long module of unrelated
    # handlers a host named 300 lines away is another handler's.
    near = [(n, system) for n, system in near if abs(original(n) - at) <= _SYSTEM_REACH]
    return min(near, key=lambda item: (abs(item[0] - line), item[1]))[1] if near else None


_SIGN_IN_WORDS = frozenset("oauth oauth2 oidc openid saml sso o auth login signin jwks".split())


def _catalog_or_feature(name: str, index: CatalogIndex, configured: bool = False) -> str | None:
    """A catalog provider when the name is one (`sentry`) or starts with one
    (`oidc-discovery`), else an outbound-URL feature of that name; None for the app's
    probe of itself (`health-check`)."""
    first = name.split("-", 1)[0]
    # `webhook-sender` -> webhooks; a vendor umbrella first (`google-pinger`) whose entry is
    # one product of it (Google or Apple sign-in) names not that product (`github-version`
    # is the GitHub API all right), unless the rest says sign-in (`apple-sign-in`)
    signs_in = bool(_SIGN_IN_WORDS.intersection(name.split("-"))) or "-sign-in" in name
    umbrella = first in UMBRELLA_WORDS and index.categories.get(first) == "auth" and not signs_in
    firsts: tuple[str, ...] = (first, first + "s") if len(first) >= 4 and not umbrella else ()
    for candidate in (name, name + "s", name.removesuffix("s"), *firsts):
        # one everyday word (`telemetry/transmission.py`) is a feature, the vendor's if the
        # project uses its package (merge_features)
        if candidate in index.names and ("-" in name or candidate not in EVERYDAY_IDS):
            return candidate
        # a plural made up here names a provider, never an alias: `team_by_name` is about
        # a team, not the `teams` of Microsoft Teams
        if candidate in index.words and candidate not in (name + "s", first + "s"):
            return index.words[candidate]
    if "-" in name and first in index.names and not umbrella:
        return first  # a short provider id spelled whole: `duo_oidc.rs` -> `duo`
    # `DispatchWebhookJob` -> webhooks: one provider named among actions and roles
    only = system_word(name) if "-" in name else None
    for candidate in (only, f"{only}s") if only else ():
        if candidate in index.names:
            return candidate
    # `oauth_gitea.go`, `GitlabOAuth`: beside a sign-in protocol, the other word is the system
    rest = [w for w in name.split("-") if w not in _SIGN_IN_WORDS]
    if 0 < len(rest) < len(name.split("-")) and "-".join(rest) in index.names:
        return "-".join(rest)
    return None if is_self_probe(name, configured) else LONGTAIL_FEATURE + name


def _setting_target(
    token: str, system: str, index: CatalogIndex, findings: list[Finding], lines: LineIndex
) -> str | None:
    """A setting defined in this file with a literal URL (`RATES_URL = "https://..."`) is
    that host; an env key the catalog knows (`MERCHANT_WEBHOOK_URL`) is its provider;
    otherwise the setting's own system. `lines`: the file's lines the findings number (their
    raw text: a snippet is masked and clipped, and may have lost the name)."""
    for finding in findings:
        if finding.kind == "url" and token in lines.line_text(finding.line):
            return finding.provider
    if token.isupper():
        known = index.env_provider(token)
        if known:
            return known
    return _catalog_or_feature(system, index, configured=True)


def calls_of(relpath: str, text: str, language: str, whole: str | None = None) -> list[HttpCall]:
    """The outbound HTTP call sites of a server-side code file (none for browser code).
    `whole`: the full file when `text` holds its candidate lines only."""
    if _OWN_SDK_PATH.search(relpath):
        return []
    source = text if whole is None else whole
    found = list(http_calls(text, language, http_subclass(source), source))
    # The whole-file check costs a pass over the file: only files that call something pay it.
    if found and (is_browser_code(relpath, source, language) or _PIPELINE_STAGE.search(source)):
        return []
    return found


def add_data_calls(
    relpath: str,
    text: str,
    calls: list[HttpCall],
    index: CatalogIndex,
    findings: list[Finding],
    add: AddFinding,
    whole: str | None = None,
    line_map: list[int] | None = None,
) -> None:
    """A `call` finding for every call whose URL is data, named as the module docstring says.
    `findings` are the file's other findings (its hosts and client packages); `whole` and
    `line_map`: the full file and each line of `text`'s number in it, when `text` holds
    candidate lines only."""
    systems: list[tuple[int, str, str]] | None = None
    feature: str | None = None
    name: str | None = None  # the file's feature name
    helpers: dict[tuple[int, str], list[int]] = {}  # (definition, argument): call offsets
    targets: set[str] = set()
    whole_lines: list[str] | None = None
    definitions: dict[int, int] = {}  # function_feature's memo for this file
    settings: dict[tuple[str, str], str | None] = {}  # each setting's target, read once
    lines = LineIndex(text)  # a count of newlines per call was quadratic in a generated client

    def original(number: int) -> int:
        return line_map[number - 1] if line_map is not None else number

    for call in calls:
        if call.target != "data":
            continue
        # `request('GET', self::ENDPOINT_URL . '/search')`: the literal the constant holds
        host = constant_host(call.argument, text if whole is None else whole, findings, original)
        if host is not None:
            add(host, "call", call.offset)
            targets.add(host)
            continue
        setting = setting_of(call.argument)
        if setting is None:
            if whole_lines is None:
                whole_lines = (text if whole is None else whole).split("\n")
            at = original(lines.line_of(call.offset)) - 1
            setting = assigned_setting(whole_lines, at, call.argument)
        if setting is not None and holds_path(setting[0], text if whole is None else whole):
            setting = None  # `SEARCH_ENDPOINT = '/search'`: a path of the base before it
        named = client_system(call.receiver)
        if named is None and relpath.endswith(".cs"):
            whole_lines = whole_lines or (text if whole is None else whole).split("\n")
            named = typed_client_system(whole_lines, original(lines.line_of(call.offset)) - 1)
        if setting is not None and setting not in settings:
            settings[setting] = _setting_target(*setting, index, findings, lines)
        # `CONFIG.push_relay_uri()`, then `context.pictrs_client().get(url)`: whose it is
        given = (
            settings[setting]
            if setting is not None
            else _catalog_or_feature(named, index)
            if named is not None
            else None
        )
        if setting is not None or named is not None:
            if given is not None:
                add(given, "call", call.offset)
            continue
        if systems is None:
            systems = _known_systems(findings, index)
            name = feature_name(relpath, _namespace_words(relpath))
            feature = _catalog_or_feature(name, index) if name else None
        line = lines.line_of(call.offset)
        if whole_lines is None:
            whole_lines = (text if whole is None else whole).split("\n")
        # the function the call is in says what it is for (`fn fetch_link_metadata`); one
        # named for a known system (`sendGotify(settings)`) is that system's call, whatever
        # other hosts the file names
        named = function_feature(whole_lines, original(line) - 1, definitions)
        key = (definitions.get(original(line) - 1, -1), call.argument)
        helpers.setdefault(key, []).append(call.offset)
        by_function = _catalog_or_feature(named, index) if named else None
        known = (
            by_function if by_function and not by_function.startswith(LONGTAIL_FEATURE) else None
        )
        nearest = _nearest(systems, line, original)
        far = [original(n) for n, system, _ in systems if system == nearest]
        if nearest and far_link_builders(far, original(line), whole_lines, definitions):
            nearest = None  # a host in `def archive_url` 800 lines away: a shown link
        if (
            by_function
            and nearest is not None
            and nearest.startswith(LONGTAIL_HOST)
            and url_parameter(whole_lines, definitions.get(original(line) - 1, -1), call.argument)
        ):
            # `getFavicon(String url)` calling `get(url)`: its caller says where it goes, not
            # the host another function of the file calls
            nearest = None
        # else: a file and directories named by roles only (`crates/api/src/request.rs`)
        target = known or nearest or feature or by_function
        probe = next((n for n in (name, named) if n and is_self_probe(n)), None)
        if not target and probe and record_field(whole_lines, original(line) - 1, call.argument):
            # `check.go` getting each stored bookmark's URL checks links, not the app itself
            target = LONGTAIL_FEATURE + probe
        if target:
            add(target, "call", call.offset)
            targets.add(target)
    if whole_lines is not None and helpers:
        # a helper's callers hand it their URL settings (`exchange(.., PING_TOKEN_URL)`)
        numbers = {n: i + 1 for i, n in enumerate(line_map)} if line_map is not None else None
        source = text if whole is None else whole
        starts = line_starts(whole_lines)
        for definition, argument in sorted(helpers):
            found = helper_settings(whole_lines, source, starts, definition, argument)
            for caller, read, setting in found:
                if setting not in settings:
                    settings[setting] = _setting_target(*setting, index, findings, lines)
                system = settings[setting]
                if system is None:
                    continue
                for number in (read, caller):
                    kept = numbers.get(number + 1) if numbers is not None else number + 1
                    if kept is not None:
                        add(system, "call", lines.start_of(kept))
                for offset in helpers[(definition, argument)]:
                    add(system, "call", offset)  # the request the setting reaches
    if len(targets) == 1:  # the client built here serves that one system
        only = next(iter(targets))
        for offset in client_constructions(text):
            add(only, "call", offset)
        # its requests by path (`base_uri API` then `self.class.post("/links")`) go there too
        for call in calls:
            if call.target == "path":
                add(only, "call", call.offset)


def add_built_clients(
    relpath: str, text: str, index: CatalogIndex, add: AddFinding, whole: str | None = None
) -> None:
    """A `call` finding where a JS/TS or Java/Kotlin file builds the project's own client class
    of a system with its address (`new RadarrAPI({ url: .. })` -> radarr), a PHP Saloon connector
    says where its system is (`UnifiConnector::resolveBaseUrl`), or a Python, C# or Ruby class
    extends an HTTP session for one (`class K8sSession(requests.Session)`; see `named_clients`)."""
    source = text if whole is None else whole
    found = project_clients(relpath, text, source)
    if (
        found
        and not relpath.endswith(SERVER_CLIENT_FILES)
        and is_browser_code(relpath, source, "js")
    ):
        return
    for name, offset in found:
        target = _catalog_or_feature(name, index)
        if target is not None:
            add(target, "call", offset)
