"""The safe shape of a URL: scheme, host, port, database name; never credentials,
paths of non-database URLs, or query values.

Parsed by hand rather than with urllib because real env files hold passwords
with unencoded `/`, `?`, `#` and `@`, which make a standard parser take part of
the password for the host. Rule: the authority ends at the first `/`, `?` or
`#`; if any `@` appears after that point the split is ambiguous and the host is
withheld rather than guessed.
"""

from __future__ import annotations

import re
from functools import cache

from integration_risk.catalog.index import catalog_index
from integration_risk.envfiles.rules import is_wordlike, placeholder_kind
from integration_risk.models.env import ValueShape

URL_START = re.compile(r"(?i)(?:jdbc:)?([a-z][a-z0-9+.-]{0,30})://")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\]")
_DB_NAME = re.compile(r"[A-Za-z0-9_.$-]{1,64}")
_QUERY_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,31}")

# Schemes whose URL path names a database, keyspace or virtual host (safe to show): the
# catalog's schemes of database, cache and queue systems.
_NAMED_PATH_CATEGORIES = frozenset({"database", "cache", "queue"})


@cache
def database_schemes() -> frozenset[str]:
    index = catalog_index()
    return frozenset(
        scheme
        for scheme, provider in index.tokens["schemes"].items()
        if index.categories.get(provider) in _NAMED_PATH_CATEGORIES
    )


# URL options whose values are never secret and matter for failure modes.
SAFE_OPTIONS = frozenset(
    [
        "sslmode",
        "ssl",
        "tls",
        "connect_timeout",
        "connecttimeout",
        "connecttimeoutms",
        "sockettimeoutms",
        "timeout",
        "statement_timeout",
        "pool_size",
        "pool_timeout",
        "max_pool_size",
        "maxpoolsize",
        "minpoolsize",
        "retrywrites",
        "retryreads",
        "w",
        "readpreference",
        "authsource",
        "authmechanism",
        "replicaset",
        "application_name",
        "charset",
        "heartbeat",
        "connection_limit",
        "pgbouncer",
        "schema",
        "db",
        "region",
        "directconnection",
        "appname",
        "compressors",
    ]
)


def _hosts(hostport: str) -> tuple[list[str], int | None] | None:
    """Hosts and first port of `h1:p1,h2:p2`; None when any part is malformed."""
    hosts: list[str] = []
    port: int | None = None
    for part in hostport.split(","):
        match = re.fullmatch(r"(?P<h>[^:\[\]]*|\[[^\]]*\])(?::(?P<p>\d{1,5}))?", part)
        if match is None:
            return None
        host = match.group("h")
        if host and not _HOST.fullmatch(host):
            return None
        if host:
            hosts.append(host.lower())
        if match.group("p") and port is None:
            port = int(match.group("p"))
    return hosts, port


def _query(query: str, shape: ValueShape) -> None:
    for pair in re.split(r"[&;]", query):
        key, sep, value = pair.partition("=")
        if not sep or not _QUERY_KEY.fullmatch(key) or not is_wordlike(key, 32):
            continue
        shape.query_keys.append(key)
        if key.lower() in SAFE_OPTIONS and is_wordlike(value, 32):
            shape.options[key] = value


def url_shape(text: str) -> ValueShape | None:
    """Shape of `text` when it is a URL, else None."""
    start = URL_START.match(text)
    if start is None:
        return None
    scheme = start.group(1).lower()
    shape = ValueShape(kind="url", scheme=scheme)
    rest = text[start.end() :]
    auth_end = next((i for i, c in enumerate(rest) if c in "/?#"), len(rest))
    last_at = rest.rfind("@")
    if last_at >= auth_end:
        shape.credentials = True
        shape.note = "unencoded '@' after the host part: host withheld; drivers may mis-parse it"
        return shape
    if last_at >= 0:
        shape.credentials = True
        password = rest[:last_at].partition(":")[2]
        shape.placeholder = bool(password) and placeholder_kind(password, True) is not None
    parsed = _hosts(rest[last_at + 1 : auth_end])
    if parsed is None:
        shape.note = "malformed host part: host withheld"
        return shape
    hosts, shape.port = parsed
    shape.host = ",".join(hosts) or None
    tail = rest[auth_end:]
    path, _, query = tail.partition("?")
    path = path.partition("#")[0]
    query = query.partition("#")[0]
    if scheme in database_schemes() and path.strip("/"):
        segments = path.strip("/").split("/")
        name = segments[-1] if scheme.startswith(("sqlite", "libsql")) else segments[0]
        if _DB_NAME.fullmatch(name):
            shape.database = name
    if query:
        _query(query, shape)
    return shape
