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


def identity_provider(module: str, index: CatalogIndex) -> str | None:
    """The provider an imported module wires in: a catalog id when the segment is one (or
    one of its aliases), else the segment itself as a name the catalog does not know."""
    match = _PROVIDER_MODULE.match(module)
    if match is None:
        return None
    segment = (match.group("js") or match.group("go") or match.group("py")).lower()
    segment = segment.replace("_", "-")
    if segment in _NOT_A_PROVIDER:
        return None
    if segment in index.names:
        return segment
    for candidate in (segment, segment.replace("-", "")):
        found = index.words.get(candidate)
        if found is not None:
            return found
    return LONGTAIL_IDP + segment
