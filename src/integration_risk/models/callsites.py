"""Call-site resilience: where each integration is called and how well it is protected.

Verdicts are `yes`, `no` or `unknown`; every verdict carries reasons that cite
`path:line`, so an agent or a report can quote facts instead of impressions.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from integration_risk.models.fields import LineNumber, NextCursor, RepoFile

Verdict = Literal["yes", "no", "unknown"]
PATTERNS = (
    "timeout",
    "retry",
    "circuit_breaker",
    "fallback",
    "health_check",
    "logging",
    "idempotency",
)
# The three facts the scan's per-integration "resilience" block carries.
SCAN_FACTS = ("timeout", "retry", "circuit_breaker")


class Signal(BaseModel):
    """One protection (or its absence) found for a call site, with its source."""

    pattern: str = Field(description=f"One of: {', '.join(PATTERNS)}.")
    verdict: Verdict = Field(description="yes, no or unknown.")
    reason: str = Field(
        description="Why, citing path:line; 'library default' when only the client library's "
        "documented default applies; 'via wrapper NAME' when a project function supplies it."
    )


class CallSite(BaseModel):
    """One place the integration is constructed or called."""

    path: RepoFile
    line: LineNumber
    kind: str = Field(
        description="call (a client call), construction (a client built), config (a settings "
        "file line), reference (evidence line with no call on it, or a client module as a "
        "whole), dependency (only a manifest line: library defaults alone)."
    )
    call: str = Field(description="The callee as written, shortened (e.g. 'requests.get').")
    function: str = Field(
        description="Enclosing function or method ('Class.method'); '<module>' at top level."
    )
    language: str = Field(description="Source language, or the file kind for config files.")
    outbound: bool = Field(
        default=False,
        description="True when the site's function, or a wrapper it reaches, makes an outbound "
        "request (such sites speak for the integration first).",
    )
    library: str | None = Field(
        default=None,
        description="Client library recognised at this site (an id from the library-defaults "
        "data, e.g. 'httpx', 'dotnet-httpclient'), when one is.",
    )
    signals: list[Signal] = Field(description="One verdict per pattern for this site.")
    score: int = Field(description="1-10 resilience score of this site (10 = well protected).")
    error_handling: str = Field(
        description="What happens on failure: fallback (returns a default), rethrow, crash "
        "(panics: `.unwrap()`), swallow (caught and dropped), logged (caught, logged, "
        "dropped), none (no handler), unknown."
    )


class CallSiteVerdict(BaseModel):
    """One pattern judged over all call sites of an integration."""

    verdict: Verdict = Field(description="yes, no or unknown.")
    reasons: list[str] = Field(description="Why, each citing path:line; at most a few.")


class IntegrationResilience(BaseModel):
    """How well one integration is protected, judged from its call sites."""

    integration_id: str = Field(description="The scan's integration id.")
    verdicts: dict[str, CallSiteVerdict] = Field(
        description=f"Per pattern ({', '.join(PATTERNS)}): verdict and reasons."
    )
    score: int = Field(description="1-10 resilience score (10 = well protected).")
    score_reasons: list[str] = Field(description="What moved the score up or down.")
    worst_site: str | None = Field(
        default=None, description="path:line of the least protected call site."
    )
    sites_total: int = Field(description="Call sites found (before paging).")
    sites_unknown: int = Field(
        default=0, description="Evidence files that could not be analysed (no grammar, no parse)."
    )

    def scan_facts(self) -> dict[str, bool | None]:
        """The scan JSON's compact block: true / false / null (unknown)."""
        out: dict[str, bool | None] = {}
        for fact in SCAN_FACTS:
            verdict = self.verdicts[fact].verdict if fact in self.verdicts else "unknown"
            out[fact] = None if verdict == "unknown" else verdict == "yes"
        return out


class CallSiteReport(BaseModel):
    """inspect_call_sites answer: the integration's verdicts and one page of its sites."""

    integration_id: str = Field(description="The integration asked about.")
    resilience: IntegrationResilience = Field(description="Verdicts over all its call sites.")
    sites: list[CallSite] = Field(description="Call sites on this page, least protected first.")
    next_cursor: NextCursor = None
