"""The unit every extractor produces."""

from __future__ import annotations

from dataclasses import dataclass

# Provider keys outside the catalog carry a prefix naming how they were found.
LONGTAIL_HOST = "~host:"
LONGTAIL_NAME = "~name:"
# An outbound-URL feature: the module that calls URLs taken from data.
LONGTAIL_FEATURE = "~feature:"
# An identity provider a sign-in library wires in by module (`next-auth/providers/osu`).
LONGTAIL_IDP = "~idp:"
LONGTAIL_PREFIXES = (LONGTAIL_HOST, LONGTAIL_NAME, LONGTAIL_FEATURE, LONGTAIL_IDP)


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of evidence. `test_code`: found in tests, examples, docs or tooling;
    `dev_dependency`: declared as a dev/test/lint dependency. Either means the
    evidence is not the running app's. `called`: the line calls a host or sets a constant
    to it (`endpoints.calls_host` on the raw line), asked for hosts outside the catalog."""

    provider: str
    kind: str
    line: int
    snippet: str
    test_code: bool = False
    dev_dependency: bool = False
    called: bool = False

    @property
    def runtime(self) -> bool:
        return not (self.test_code or self.dev_dependency)
