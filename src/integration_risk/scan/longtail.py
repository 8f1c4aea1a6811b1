"""Naming systems the catalog does not know: URL-valued settings and client SDK packages.

These heuristics are deliberately conservative: a name is produced only when
the token clearly points at a separate system (`EXCHANGE_RATES_API_URL`,
`acme-billing-client`), and generic words never become integrations.
"""

from __future__ import annotations

import re

# Suffixes that make an env/config key point at a remote system.
CONNECTION_SUFFIXES = (
    "API_URL API_BASE_URL BASE_URL API_BASE API_ENDPOINT ENDPOINT ENDPOINT_URL URL URI DSN "
    "HOST HOSTNAME SERVER ADDR ADDRESS API_KEY API_TOKEN API_SECRET ACCESS_TOKEN CLIENT_ID "
    "CLIENT_SECRET APP_ID APP_KEY SECRET_KEY TOKEN PORT USERNAME USER PASSWORD BUCKET REGION "
    "WEBHOOK_URL ENABLED"
).split()
_CONNECTION_SUFFIX = re.compile(r"_(?:" + "|".join(CONNECTION_SUFFIXES) + r")$")
# Suffixes strong enough on their own to name a long-tail system.
_URL_SUFFIX = re.compile(
    r"_(?:API_URL|API_BASE_URL|BASE_URL|API_BASE|API_ENDPOINT|ENDPOINT|ENDPOINT_URL|URL|URI)$"
)
# Prefixes a front-end build inlines into the bundle: settings read only in the browser
# (`outbound` takes a file reading them for browser code) and those server code reads too.
BROWSER_ONLY_PREFIXES = ("REACT_APP_", "VUE_APP_", "GATSBY_", "EXPO_PUBLIC_")
_FRAMEWORK_PREFIXES = (*BROWSER_ONLY_PREFIXES, "NEXT_PUBLIC_", "VITE_", "NUXT_PUBLIC_", "PUBLIC_")
# Words of a URL setting's name that say what kind of setting it is, not which system.
GENERIC_SETTING_WORDS = frozenset(
    """
    APP API BASE SERVER SERVICE BACKEND FRONTEND WEB SITE PUBLIC PRIVATE INTERNAL EXTERNAL ADMIN
    STORE SHOP CLIENT CALLBACK REDIRECT RETURN CORS ALLOWED ORIGIN HOME ROOT LOGIN LOGOUT AUTH
    DATABASE DB CACHE QUEUE BROKER STORAGE FILE FILES UPLOAD UPLOADS MEDIA STATIC ASSET ASSETS CDN
    PROXY HTTP HTTPS HTTP_PROXY HTTPS_PROXY NO_PROXY SOCKET WS WSS GRPC EVENT EVENTS HOOK HOOKS
    SELF LOCAL DEV TEST PROD PRODUCTION STAGING PREVIEW DEFAULT MAIN PRIMARY SECONDARY READ WRITE
    REPLICA NODE HOSTNAME PORT URL URI ENDPOINT TARGET DEST SOURCE UPSTREAM DOWNSTREAM REMOTE
    SMTP_FROM MAIL EMAIL SECRET KEY TOKEN SESSION COOKIE JWT OAUTH OIDC SSO DOCS HELP SUPPORT
    REDIRECT_URI CALLBACK_URL WEBHOOK BUCKET REGION ACCOUNT PROJECT ORG TEAM USER PASSWORD
    """.split()
)
_CLIENT_PACKAGE = re.compile(
    r"^(?P<name>[a-z][a-z0-9]+(?:[-_][a-z0-9]+)*?)[-_.](?:client|sdk|api-client)$", re.I
)
GENERIC_PACKAGE_STEMS = frozenset(
    """
    http https api rest graphql openapi swagger grpc web node js ts py python go java api-client
    redis-om core common base shared internal test mock fake dev cli oauth oauth2 auth jwt sso
    websocket ws socket socket-io socketio sse mqtt xml json soap json-rpc jsonrpc rpc ftp s3
    apollo urql relay react vue angular svelte next nuxt query tanstack-query trpc
    """.split()
)


def strip_framework_prefix(name: str) -> str:
    for prefix in _FRAMEWORK_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def has_connection_suffix(name: str) -> bool:
    return _CONNECTION_SUFFIX.search(name) is not None


def system_of_url_setting(name: str) -> str | None:
    """`EXCHANGE_RATES_API_URL` -> `exchange-rates`; None for generic settings."""
    name = strip_framework_prefix(name.upper())
    match = _URL_SUFFIX.search(name)
    if not match:
        return None
    stem = name[: match.start()]
    words = [w for w in stem.split("_") if w]
    if not words or stem in GENERIC_SETTING_WORDS or all(w in GENERIC_SETTING_WORDS for w in words):
        return None
    return "-".join(w.lower() for w in words)


def system_of_client_package(name: str) -> str | None:
    """`acme-billing-client` -> `acme-billing`; scoped and generic packages -> None."""
    if name.startswith("@") or "/" in name:
        return None
    match = _CLIENT_PACKAGE.match(name)
    if not match:
        return None
    stem = match.group("name").lower().replace("_", "-")
    if stem in GENERIC_PACKAGE_STEMS or len(stem) < 3:
        return None
    return stem


def env_words(name: str) -> list[str]:
    """Candidate system words of an env name, longest runs first (`GOOGLE_CLOUD_X` ->
    `google-cloud`, `google`, `cloud`...)."""
    words = [w.lower() for w in strip_framework_prefix(name.upper()).split("_") if w]
    out: list[str] = []
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            out.append("-".join(words[start : start + size]))
    return out
