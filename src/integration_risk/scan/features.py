"""Names for outbound-URL features: the module or job that makes an HTTP call to a URL
that comes from data (a webhook target, a feed, a media URL, a configured server).

The name comes from the code's own layout, the way a person would name it:
`app/models/agents/rss_agent.rb` -> `rss-agent`, `Plugins/Tmdb/Movies/TmdbMovieProvider.cs`
-> `tmdb` (the directory that the file name starts with), `lib/app/billing/app.ex`
-> `billing` (a file named after the project or a generic role says nothing).
"""

from __future__ import annotations

import re

from integration_risk.namewords import name_words
from integration_risk.scan.fundefs import defined_name, definition_at

# Vendor umbrellas whose name in a package says nothing about which service it talks to.
UMBRELLA_WORDS = frozenset(
    {"google", "microsoft", "amazon", "aws", "azure", "apple", "cloud", "github"}
)

# Roles, layers and plumbing (and a monorepo's `crates/`, `packages/`): a file or directory
# named only with these says nothing.
GENERIC_WORDS = frozenset(
    """
    app apps src lib libs source sources main index mod init base core common shared internal pkg
    cmd server servers service services client clients provider providers manager managers helper
    helpers util utils utility utilities support impl implementation implementations default
    http https api apis rest web net network request requests response fetch fetcher fetchers
    controller controllers handler handlers job jobs task tasks worker workers queue queues
    processor processors command commands model models module modules concern concerns component
    components plugin plugins extension extensions integration integrations adapter adapters
    adaptor adaptors based
    connector connectors action actions route routes router middleware middlewares lib interface
    interfaces abstract generic remote external io data value values entity entities domain
    infrastructure application features feature logic runtime backend frontend v1 v2 v3 api_v1
    this self props get set new my the item items config configuration settings setting options
    env environment params conf cfg default defaults global local custom transport transports
    crates packages
    """.split()
)
# Trailing role words dropped from a module name: `SentryClient` -> `sentry`.
_ROLE_SUFFIXES = frozenset(
    "client clients service services provider providers api adapter impl manager helper "
    "connector fetcher transport adaptor".split()
)


# Leading qualifiers of an implementation class: `DefaultUrlFetcher`, `StandardWebhookSender`.
_QUALIFIERS = frozenset("default standard simple basic generic abstract base".split())
_COMPOUND_PARTS = GENERIC_WORDS | _ROLE_SUFFIXES | _QUALIFIERS


def _meaningful(parts: list[str], project: frozenset[str]) -> bool:
    return any(w not in GENERIC_WORDS and w not in project for w in parts)


# A file named by one of these says what it does, not to what: `icon/finder.go`,
# `license/check.go` (what is checked; `health/check.go` is still the app's own probe).
_AGENT_NOUNS = frozenset(
    "finder poller loader check checker crawler scraper parser sender notifier publisher downloader "
    "importer exporter resolver validator verifier updater refresher collector detector "
    "fetcher puller pusher syncer uploader ingester ingestor writer forwarder shipper emitter "
    "dispatcher".split()
)


def _role_compound(word: str) -> list[str] | None:
    """A lowercase name run together from role words only (`externalapi`, `apiclient`,
    `baseservice`): its parts, the last a role suffix; None for any other word."""
    ends: dict[int, list[str]] = {0: []}
    for end in range(2, len(word) + 1):
        for start in sorted(ends):
            part = word[start:end]
            if start < end - 1 and part in _COMPOUND_PARTS and end not in ends:
                ends[end] = [*ends[start], part]
    parts = ends.get(len(word))
    return parts if parts and len(parts) > 1 and parts[-1] in _ROLE_SUFFIXES else None


def feature_name(relpath: str, project: frozenset[str] = frozenset()) -> str | None:
    """The feature a file implements, as a lowercase slug; None when the file and every
    directory above it are named only by roles (`lib/http.ex`, `api/externalapi.ts`: a
    wrapper, not a feature)."""
    *dirs, filename = relpath.split("/")
    stem = [p for w in name_words(filename.split(".", 1)[0]) for p in _role_compound(w) or [w]]
    # a directory run together from role words (`httpclient/`, `apiclient/`) names a role too
    dir_words = [
        [p for w in name_words(d) for p in _role_compound(w) or [w] if p not in GENERIC_WORDS]
        for d in dirs
    ]
    # A file named after its feature's directory: Tmdb/Movies/TmdbMovieProvider -> tmdb,
    # PassThePopcorn/PassThePopcornSearch -> pass-the-popcorn (a generic word inside a name).
    for directory, parts in reversed(list(zip(dirs, dir_words, strict=True))[-3:]):
        for named in (name_words(directory), parts):  # CloudService/CloudMobileX -> cloud
            if parts and len(stem) > len(named) and stem[: len(named)] == named:
                return "-".join(named)
    if _meaningful(stem, project):
        while len(stem) > 1 and stem[-1] in _ROLE_SUFFIXES:
            stem = stem[:-1]
        while len(stem) > 1 and stem[0] in _QUALIFIERS:
            stem = stem[1:]
        parent = dir_words[-1] if dir_words else []
        if (
            len(stem) == 1
            and stem[0] in _AGENT_NOUNS
            and len(parent) == 1
            and parent[0] not in project
            and parent[0] != stem[0]
        ):
            # `reader/icon/finder.go`, `reader/subscription/finder.go`: what it finds
            return f"{parent[0]}-{stem[0]}"
        return "-".join(stem)
    # The file's name is a role (client.py, app.ex): the nearest meaningful directory.
    for parts in reversed(dir_words):
        if parts:
            return "-".join(parts)
    return None


# Settings named like an endpoint: push_relay_uri, @fastly_url, billingUrl, itunes.endpoint;
# only where the expression reads configuration (a config object, an env var, a module
# attribute, a module of constants, a CONSTANT), so a local `event_url` is not taken for a setting.
_CONFIG_READ = re.compile(
    r"(?i:config|setting|option|env\b|environ|getenv|get_env|fetch_env|constants?\.)"
    r"|(?<![\w.])@\w|:\w+_ur[il]\b"
    r"|\b[A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*(?:URL|URI|ENDPOINT|HOST|SERVER)\b"
)
_SETTING = re.compile(
    r"(?P<name>[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)*?)[_.]?"
    r"(?:_?(?:base_?)?(?:url|uri|endpoint|host|server|address|addr)|(?:Base)?(?:Url|Uri|URL|URI|Endpoint|Host|Server|Address)"
    r"|_(?:BASE_)?(?:URL|URI|ENDPOINT|HOST|SERVER|ADDRESS|ADDR))"
    r"s?\b"
)


# Words of a URL-valued name that say what it is for, not which system it reaches: a method
# that builds the URL (`BuildUrl(settings)`, `GetBaseUrl()`, `ToUrlHost()`) or a role any
# integration has (`WebHookUrl`, `OAuthUrl`, `CallbackUrl`). The file's feature names those.
_NOT_A_SYSTEM = frozenset(
    """
    build get to make create compose format resolve combine parse read load find compute
    generate construct prepare full absolute relative base root
    url uri hook hooks webhook webhooks callback callbacks redirect oauth auth token
    host address endpoint
    access jwks userinfo authorize authorization introspect introspection
    """.split()
)


def _system_words(setting: str) -> list[str]:
    parts = [w for w in name_words(setting.replace("WebHook", "Webhook")) if w not in GENERIC_WORDS]
    return [w for w in parts if len(w) > 1 and w not in _NOT_A_SYSTEM]


def setting_of(expression: str) -> tuple[str, str] | None:
    """The URL-valued setting an expression reads, as (setting token, system):
    `CONFIG.push_relay_uri()` -> (`push_relay_uri`, `push-relay`), `@fastly_url <> path`
    -> (`fastly_url`, `fastly`); None for generic ones (`ApiUrl`, `base_url`)."""
    if not _CONFIG_READ.search(expression):
        return None
    for match in _SETTING.finditer(expression):
        setting = match.group("name").rsplit(".", 1)[-1]
        parts = _system_words(setting)
        if parts and len(parts[-1]) >= 3:
            token = match.group(0).rsplit(".", 1)[-1]
            return token, "-".join(parts[-2:])
    for match in _URL_TABLE.finditer(expression):
        parts = _system_words(match.group(1))
        if parts and len(parts[-1]) >= 3:
            return match.group(1), "-".join(parts[-2:])
    return None


# A setting in a table of addresses: `config.hosts.voice_relay`, `settings.urls.geocoder`.
_URL_TABLE = re.compile(r"\b(?:hosts|urls|uris|endpoints|servers)\.([A-Za-z][A-Za-z0-9_]*)\b")


# The last link of a receiver chain named after the system it talks to: `pictrs_client()`,
# `self.stripe_client`, `this.slackApi`, `$this->mailgunClient`.
_NAMED_CLIENT = re.compile(
    r"(?:^|[.:>])\s*\$?(?P<name>[A-Za-z][A-Za-z0-9]*?)_?(?:[Cc]lient|[Aa]pi|API)\s*(?:\(\s*\))?\s*$"
)

_FACTORY_VERBS = frozenset(
    "create build make new get init use with open request send fetch call".split()
)


def client_system(receiver: str) -> str | None:
    """The system an HTTP client's name says it serves (`context.pictrs_client()` ->
    `pictrs`); None for generic ones (`httpClient`, `api_client`, `client`)."""
    match = _NAMED_CLIENT.search(receiver)
    if match is None:
        return None
    named = name_words(match.group("name"))
    if named[0] in _FACTORY_VERBS:
        return None  # `factory.CreateClient()`, `buildApi()`: made here, not named
    parts = [w for w in named if w not in GENERIC_WORDS]
    if not parts or len(parts[-1]) < 3:
        return None
    return "-".join(parts[-2:])


# Verbs a function's name starts with: `fetch_link_metadata` is about link metadata.
_ACTION_WORDS = frozenset(
    "fetch get send post put make do perform execute handle process run call load download "
    "update create check try build read write retrieve request query sync refresh async deliver "
    "dispatch trigger emit publish notify submit upload".split()
)
# What a fetch helper fetches, not what for: `fetchUrl`, `get_json`, `requestPage`.
_PLUMBING_WORDS = frozenset(
    "url uri urls json html xml text body response page content resource file stream bytes "
    "buffer headers raw with retry retries timeout safe safely remote from into for by via".split()
)
# The app probing itself (`doHealthCheck(endpoint)` in a CLI): not a system.
_PROBE_WORDS = frozenset("health healthcheck check ping alive liveness readiness status".split())
_LOOK_BACK = 300  # lines searched above a call for the function it is in


# How a delivery is made, not to what: `SendTestWebhookRequestJob`, `RetryWebhookJob`.
_DELIVERY_QUALIFIERS = frozenset("test retry resend redeliver bulk batch scheduled".split())


def system_word(name: str) -> str | None:
    """The one word of a feature's name left after its actions, roles and delivery
    qualifiers (`send-test-webhook-request-job` -> `webhook`), or None when none or several
    are left."""
    parts = [
        w
        for w in name.split("-")
        if w not in _ACTION_WORDS and w not in GENERIC_WORDS and w not in _DELIVERY_QUALIFIERS
    ]
    return parts[0] if len(parts) == 1 else None


def is_self_probe(name: str, configured: bool = False) -> bool:
    """A feature named only for a health probe (`health-check`, `ping`). `configured`: the
    name is a URL setting's (`PING_ACCESS_TOKEN_URL`): an operator's address is probed
    only when the setting says health (`HEALTHCHECK_URL`), not for `ping` or `status`."""
    parts = name.split("-")
    # `AliveJob`, `health-check-task`: a job or task named for the probe is the probe
    if not configured and all(p in _PROBE_WORDS for p in parts):
        return True
    return any(p in _SELF_WORDS for p in parts) and all(
        p in _PROBE_WORDS or p in _PROBE_ROLES for p in parts
    )


# A URL read from a field of each record a loop walks (`Get(book.URL)` under
# `for _, book := range bookmarks`): the stored links' targets, never the app itself.
_RECORD_FIELD = re.compile(r"^[&*(]*\$?(?P<var>[A-Za-z_]\w*)\s*(?:\.|->|\[)")
_LOOP_REACH = 40  # lines above a call searched for the loop that binds its record
_ITERATORS = (
    r"each\w*|find_each|map|flat_map|filter_map|for_each|forEach|ForEach\w*|Select|collect"
    r"|async_stream|pmap|par_iter"
)


def _loop_binding(variable: str) -> re.Pattern[str]:
    """A line binding `variable` to each element of a collection, in the languages the
    scanner reads: a `for`/`foreach` header or a block or lambda passed to an iterator."""
    v = re.escape(variable)
    return re.compile(
        # for v in xs / for (const v of xs) / for (Link v : xs) / for _, v := range xs / for v <- xs
        rf"\bfor(?:each)?\b\s*\(?\s*(?:(?:const|let|var|val|final|auto|my|[\w<>\[\],.?]+)\s+)?"
        rf"(?:\$?\w+\s*,\s*)?\$?{v}\s*(?:\bin\b|\bof\b|:(?!=)|:?=\s*range\b|<-)"
        # foreach ($xs as $v) / foreach ($xs as $k => $v)
        rf"|\bforeach\s*\(.*\bas\s+(?:\$\w+\s*=>\s*)?\${v}\s*\)"
        # xs.each do |v| / xs.iter().for_each(|v| / xs.forEach((v) => / xs.map(v -> / fn v ->
        rf"|\b(?:{_ITERATORS})\b.*?(?:\|\s*(?:\w+\s*,\s*)?{v}\s*(?:,\s*\w+\s*)?\|"
        rf"|\(\s*(?:\w+\s+)?{v}\s*(?:[:,][^()]*)?\)\s*(?:=>|->)|\b{v}\s*(?:=>|->)"
        rf"|\bfn\s*\(?\s*{v}\b)"
    )


def record_field(lines: list[str], at: int, argument: str) -> bool:
    """The call at `lines[at]` reads its URL from a field of a record bound by a loop a few
    lines above (or on the same line: a comprehension)."""
    match = _RECORD_FIELD.match(argument.strip())
    if match is None or match.group("var") in ("self", "this", "cls", "super"):
        return False
    binding = _loop_binding(match.group("var"))
    return any(binding.search(lines[n]) for n in range(at, max(-1, at - _LOOP_REACH - 1), -1))


# Words that can only mean the app's own health (a `ping-job` may ping others' servers).
_SELF_WORDS = frozenset("health healthcheck alive liveness readiness".split())
_PROBE_ROLES = frozenset("job jobs task tasks worker service".split())


def function_feature(
    lines: list[str], index: int, memo: dict[int, int] | None = None
) -> str | None:
    """The feature the function around line `index` (0-based) of `lines` is about, from its
    name: `fetch_link_metadata` -> `link-metadata`; None for generic names (`get`, `run`).
    `memo` (one per file) remembers the definition line found above each line read, so
    many calls in one long file read each line once."""
    memo = {} if memo is None else memo
    floor = max(-1, index - _LOOK_BACK)
    found = -1
    passed: list[int] = []
    for number in range(index, floor, -1):
        if number in memo:
            found = memo[number] if memo[number] > floor else -1
            break
        passed.append(number)
        if definition_at(lines, number):
            found = number
            break
    for number in passed:
        memo[number] = found
    match = definition_at(lines, found) if found >= 0 else None
    if match is None:
        return None
    name = defined_name(match)
    parts = [w for w in name_words(name) if w not in GENERIC_WORDS]
    while parts and parts[0] in _ACTION_WORDS:
        parts = parts[1:]
    parts = [w for w in parts if w not in _ACTION_WORDS and w not in _PLUMBING_WORDS]
    return "-".join(parts[-3:]) if parts and len(parts[-1]) >= 3 else None


_LINK_WORDS = frozenset("url urls uri link links href permalink".split())
_CALLED_WORDS = frozenset("api base endpoint request fetch webhook callback".split())  # api_url


def far_link_builders(spots: list[int], at: int, lines: list[str], memo: dict[int, int]) -> bool:
    """Every one of `spots` (1-based lines naming a system) lies more than `_FAR` lines from
    a call at line `at`, inside functions that build a link (`def archiveorg_url`,
    `getShareLink()`): a URL the app shows, not the target of a call elsewhere in a long
    module. `memo` as `function_feature`'s."""
    return bool(spots) and all(
        abs(spot - at) > _FAR and _builds_link(lines, spot - 1, memo) for spot in spots
    )


_FAR = 60  # lines: another function of a long module (outbound's reach for several systems)


def _builds_link(lines: list[str], index: int, memo: dict[int, int]) -> bool:
    """Line `index` (0-based) of `lines` is inside a function named for the URL or link it
    builds (`def archiveorg_url`, `getShareLink()`); `memo` as `function_feature`'s."""
    function_feature(lines, index, memo)
    definition = memo.get(index, -1)
    match = definition_at(lines, definition) if definition >= 0 else None
    if match is None:
        return False
    named = name_words(defined_name(match))
    return bool(named) and named[-1] in _LINK_WORDS and not _CALLED_WORDS.intersection(named)


# A local variable that holds a setting's URL with a path added: `search_url =
# f"{SEARXNG_URL}/search"`, `$endpoint = $this->config['relay_url'] . '/send';`.
_BARE_IDENTIFIER = re.compile(r"^\$?[A-Za-z_]\w*$")
_URL_CONSTANT_NAME = re.compile(
    r"\b[A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*(?:URL|URI|ENDPOINT|HOST|SERVER)\b"
)
_ASSIGN_REACH = 12  # lines above a call searched for its URL variable's assignment


def assigned_setting(lines: list[str], at: int, argument: str) -> tuple[str, str] | None:
    """The setting a call's bare-variable URL argument was assigned from a few lines above
    the call at `lines[at]`, as `setting_of` gives it; None when it was assigned anything
    else (or reassigned nearer the call)."""
    found = assigned_setting_at(lines, at, argument)
    return found[1] if found else None


def assigned_setting_at(
    lines: list[str], at: int, argument: str
) -> tuple[int, tuple[str, str]] | None:
    """`assigned_setting` with the (0-based) line of the assignment."""
    if not _BARE_IDENTIFIER.match(argument):
        return None
    assignment = re.compile(
        rf"^\s*(?:(?:const|let|var|val|my|local)\s+)?{re.escape(argument)}\s*(?::\s*\w+\s*)?:?=(?!=)\s*(.+)$"
    )
    for number in range(at - 1, max(-1, at - _ASSIGN_REACH - 1), -1):
        match = assignment.match(lines[number])
        if match:
            # a named constant or env var only: a key read from a config map
            # (`Keyword.fetch!(config, :report_url)`) names the URL's role, not its system
            constant = _URL_CONSTANT_NAME.search(match.group(1))
            setting = setting_of(constant.group(0)) if constant else None
            return (number, setting) if setting else None
    return None
