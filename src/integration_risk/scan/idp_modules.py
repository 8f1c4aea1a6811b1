"""Sign-in libraries that ship one module per identity provider: the module names it.

`import GitHub from "next-auth/providers/github"`, Go's `goth/providers/gitlab`,
django-allauth's `allauth.socialaccount.providers.discord`: importing the module wires
that provider's OAuth endpoints into the app, whether or not the catalog lists the
provider's own SDK. The last segment is the provider; one the catalog does not know is
reported under its own name.
"""

from __future__ import annotations

import re

from integration_risk.catalog.index import CatalogIndex
from integration_risk.scan.findings import LONGTAIL_IDP

# Module paths whose last segment is an identity provider, per import language.
_PROVIDER_MODULE = re.compile(
    r"^(?:next-auth|@auth/[\w-]+)/providers/(?P<js>[\w-]+)$"
    r"|^github\.com/markbates/goth/providers/(?P<go>\w+)$"
    r"|^(?:allauth\.socialaccount\.providers|social_core\.backends|httpx_oauth\.clients)"
    r"\.(?P<py>\w+)$"
)
# The prefilter keeps lines with these (a provider the catalog lacks has no other anchor).
LINE_PATTERNS = (
    re.compile(r"(?:next-auth|@auth/[\w-]+)/providers/|goth/providers/"),
    re.compile(r"socialaccount\.providers\.|social_core\.backends\.|httpx_oauth\.clients\."),
)
# Modules of these libraries that sign users in without a third party (or are the index).
_NOT_A_PROVIDER = frozenset(
    {"credentials", "email", "passkey", "webauthn", "index", "base", "oauth", "oauth2", "utils"}
)


# Packages that add one provider to a sign-in library: Laravel Socialite's
# `socialiteproviders/kanidm`, OmniAuth's `omniauth-gitlab`, Passport's
# `passport-google-oauth20`, ASP.NET Core's `AspNet.Security.OAuth.Discord`, Elixir's
# `ueberauth_github`.
_PROVIDER_PACKAGE = {
    "packagist": re.compile(r"^socialiteproviders/(?P<name>[\w.-]+)$", re.I),
    "rubygems": re.compile(r"^omniauth-(?P<name>[\w.-]+)$", re.I),
    "npm": re.compile(r"^passport-(?P<name>[\w.-]+)$", re.I),
    "hex": re.compile(r"^ueberauth_(?P<name>\w+)$", re.I),
    "nuget": re.compile(
        r"^(?:AspNet\.Security\.OAuth|Microsoft\.AspNetCore\.Authentication)\.(?P<name>\w+)$", re.I
    ),
}
# The protocol or version a package name adds after the provider: `google-oauth20`.
_PROTOCOL_TAIL = re.compile(r"[-_.]?(?:oauth2?0?|openid|v?\d+)$")
# Packages of those families that are the library itself, a local strategy or a token check.
_NOT_A_PROVIDER_PACKAGE = frozenset(
    {
        "manager",
        "rails-csrf-protection",
        "identity",
        "local",
        "jwt",
        "jwtbearer",
        "http",
        "http-bearer",
        "bearer",
        "custom",
        "anonymous",
        "strategy",
        "headerapikey",
        "cookie",
        "cookies",
        "session",
        "remember-me",
        "negotiate",
        "certificate",
        "multipassword",
        "password",
        "apikey",
        "api-key",
        "magic-login",
        "unique-token",
        "totp",
    }
)


def identity_provider_package(ecosystem: str, package: str, index: CatalogIndex) -> str | None:
    """The provider a sign-in library's provider package wires in (`socialiteproviders/
    kanidm` -> `kanidm`), resolved like an imported provider module; None for others."""
    pattern = _PROVIDER_PACKAGE.get(ecosystem)
    match = pattern.match(package) if pattern else None
    if match is None:
        return None
    name = match.group("name").lower().replace("_", "-")
    if name in _NOT_A_PROVIDER_PACKAGE:
        return None
    name = name.replace("openidconnect", "openid-connect")  # ASP.NET's spelling
    return _resolve(_PROTOCOL_TAIL.sub("", name) or name, index)


def identity_provider(module: str, index: CatalogIndex) -> str | None:
    """The provider an imported module wires in: a catalog id when the segment is one (or
    one of its aliases), else the segment itself as a name the catalog does not know."""
    match = _PROVIDER_MODULE.match(module)
    if match is None:
        return None
    segment = (match.group("js") or match.group("go") or match.group("py")).lower()
    return _resolve(segment.replace("_", "-"), index)


def _resolve(segment: str, index: CatalogIndex) -> str | None:
    if segment in _NOT_A_PROVIDER:
        return None
    if segment in index.names:
        return segment
    for candidate in (segment, segment.replace("-", "")):
        found = index.words.get(candidate)
        if found is not None:
            return found
    return LONGTAIL_IDP + segment
