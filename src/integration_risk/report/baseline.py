"""The deterministic baseline report: scan and env evidence turned into a `RiskReport`
by rules (`rules.toml`), without any model.

What evidence can tell is filled in: the integrations with `path:line`
evidence, the env keys each needs, where they are used, a criticality from the
category rule, the usual failure impact, a mitigation plan, secret storage and
TLS where env values show it. What needs judgement (resilience until call sites
are analysed, recovery targets, single points of failure, downtime cost) is
left empty and listed in `needs_judgement`; no number is invented.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePosixPath

from integration_risk.catalog.constants import criticality as default_criticality
from integration_risk.models.env import EnvKey, EnvReport
from integration_risk.models.report import (
    AgentGuidance,
    ArchitectureLayer,
    CodeExcerpt,
    ExecutiveSummary,
    FailureCascade,
    FailureImpact,
    IntegrationRisk,
    KeyRisk,
    Mitigation,
    ReportMetadata,
    ResilienceAssessment,
    RiskReport,
    SecurityAssessment,
    SecurityCheck,
)
from integration_risk.models.report_common import Priority, Score, level_of
from integration_risk.models.scan import Integration
from integration_risk.scan.languages import language_of
from integration_risk.scan.urls import is_local_host

BASELINE_AUTHOR = "integration-risk-baseline"
MAX_EVIDENCE = 5
MAX_EXCERPTS = 2
MAX_USERS = 5
CALL_KINDS = ("client", "sdk-service", "url")
CODE_KINDS = ("import", "client", "sdk-service", "url", "env")
ENV_NAME = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")
LOWER: dict[Priority, Priority] = {
    "critical": "high",
    "high": "medium",
    "medium": "low",
    "low": "low",
}
FENCE_LANGUAGE = {"js": "typescript", "csharp": "csharp", "java": "java"}
LAYERS = (
    ("Data layer", ("database", "cache", "storage", "search")),
    ("Messaging", ("queue",)),
    ("External services", ("payment", "auth", "email", "sms", "ai", "http-api", "webhook", "cdn")),
    ("Telemetry", ("observability", "analytics")),
)
PER_INTEGRATION_JUDGEMENT = ["resilience", "rto", "single_point_of_failure", "downtime_cost"]
REPORT_JUDGEMENT = ["critical_paths", "pattern_assessment", "best_practices", "anti_patterns"]
GUIDANCE_DOS = [
    "Give every call to an external system an explicit timeout",
    "Retry only transient failures, with exponential backoff and a limit",
    "Send an idempotency key with every write that may be retried",
    "Degrade gracefully: cached data, a queue, or a clear error instead of a hang",
    "Read credentials from the environment or a secret manager",
]
GUIDANCE_DONTS = [
    "Assume an external system is always available",
    "Rely on library default timeouts without checking them",
    "Swallow provider errors without logging them",
    "Commit secret values to the repository",
]


@dataclass(frozen=True)
class Rule:
    score: int
    type: str
    why: str
    immediate: str
    user: str
    data_loss: str
    cascading: str
    mitigations: tuple[tuple[str, str, str, tuple[str, ...]], ...]


@cache
def rules() -> dict[str, Rule]:
    text = resources.files("integration_risk.report").joinpath("rules.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {
        category: Rule(
            **{k: v for k, v in table.items() if k != "mitigations"},
            score=default_criticality(category),
            mitigations=tuple(
                (m[0], m[1], m[2], tuple(m[3]) if len(m) > 3 else ()) for m in table["mitigations"]
            ),
        )
        for category, table in data.items()
    }


def _rule(category: str) -> Rule:
    table = rules()
    return table.get(category, table["other"])


def _is_code(path: str) -> bool:
    return language_of(path) is not None


def _criticality(integration: Integration, rule: Rule) -> Score:
    in_code = any(_is_code(e.path) for e in integration.evidence)
    score = rule.score if in_code else max(1, rule.score - 1)
    reason = f"Default for {integration.category}: {rule.why}."
    if not in_code:
        reason += " No code evidence (declared only), so one lower."
    return Score(score=score, reason=reason)


def _used_by(integration: Integration) -> list[str]:
    users: dict[str, None] = {}
    for e in integration.evidence:
        if e.kind in CODE_KINDS and _is_code(e.path):
            users.setdefault(str(PurePosixPath(e.path).parent), None)
    return list(users)[:MAX_USERS]


def _excerpts(integration: Integration) -> list[CodeExcerpt]:
    out: list[CodeExcerpt] = []
    for e in integration.evidence:
        if e.kind in CALL_KINDS and _is_code(e.path) and len(out) < MAX_EXCERPTS:
            language = language_of(e.path) or ""
            out.append(
                CodeExcerpt(
                    location=f"{e.path}:{e.line}",
                    language=FENCE_LANGUAGE.get(language, language),
                    code=e.snippet,
                    note=f"{e.kind} found by the scanner; its error handling is not analysed yet",
                )
            )
    return out


def _env_keys(integration: Integration, keys: list[EnvKey], known: set[str]) -> list[str]:
    """Keys guessed for this provider, plus known env names its env evidence mentions
    (`known`: defined in an env file or read in code; other capitals are not env keys)."""
    names = {k.name for k in keys if k.provider == integration.id}
    for e in integration.evidence:
        if e.kind in ("env", "config"):
            names |= set(ENV_NAME.findall(e.snippet)) & known
    return sorted(names)


def _security(integration_keys: list[EnvKey], templates: set[str]) -> SecurityAssessment:
    security = SecurityAssessment()
    if not integration_keys:
        return security
    exposed = [
        (k.name, d.at)
        for k in integration_keys
        for d in k.defined
        if d.kind in ("secret", "token")
        and not d.placeholder
        and d.at.rpartition(":")[0] not in templates
    ]
    read = sorted(k.name for k in integration_keys if k.reads)
    if exposed:
        name, at = exposed[0]
        security.secret_storage = SecurityCheck(
            status="bad", detail=f"a real-looking value of {name} is committed at {at}"
        )
    elif read:
        security.secret_storage = SecurityCheck(
            status="good", detail=f"read from the environment ({', '.join(read[:3])})"
        )
    schemes = {(d.scheme, d.host) for k in integration_keys for d in k.defined if d.scheme}
    plain = sorted(h or "" for s, h in schemes if s == "http" and h and not is_local_host(h))
    if plain:
        security.tls = SecurityCheck(status="warning", detail=f"plain http to {plain[0]}")
    elif schemes and all(s in ("https", "rediss", "amqps", "wss") for s, _ in schemes):
        security.tls = SecurityCheck(status="good", detail="encrypted URL schemes")
    return security


def _mitigations(name: str, score: int, rule: Rule, present: set[str]) -> list[Mitigation]:
    """The rule's mitigations, minus those whose patterns the call sites already have."""
    top = level_of(score)
    return [
        Mitigation(
            priority=top if rank == "top" else LOWER[top],
            action=action.format(name=name),
            why=why.format(name=name),
        )
        for rank, action, why, patterns in rule.mitigations
        if not patterns or not set(patterns) <= present
    ]


@dataclass(frozen=True)
class SiteEvidence:
    """What call-site analysis says about one integration (None fields: nothing found)."""

    resilience: ResilienceAssessment | None
    worst: CodeExcerpt | None
    covered: frozenset[str] = frozenset()  # patterns present at every call site


def draft_integration(
    integration: Integration,
    keys: list[EnvKey],
    templates: set[str],
    known: set[str],
    sites: SiteEvidence | None = None,
) -> IntegrationRisk:
    rule = _rule(integration.category)
    criticality = _criticality(integration, rule)
    name = integration.name
    own_keys = [k for k in keys if k.provider == integration.id]
    kinds = ", ".join(integration.evidence_kinds)
    assessed = sites.resilience if sites is not None else None
    present = set(sites.covered) if sites is not None else set()
    handling = _excerpts(integration)
    if sites is not None and sites.worst is not None:
        handling = [sites.worst, *(h for h in handling if h.location != sites.worst.location)]
    judgement = [j for j in PER_INTEGRATION_JUDGEMENT if j != "resilience" or assessed is None]
    return IntegrationRisk(
        id=integration.id,
        name=name,
        type=rule.type,
        category=integration.category,
        criticality=criticality,
        used_by=_used_by(integration),
        integration_pattern=f"found through {kinds} evidence in {integration.files} file(s)",
        failure_impact=FailureImpact(
            immediate=rule.immediate.format(name=name),
            user=rule.user.format(name=name),
            data_loss=rule.data_loss.format(name=name),
            cascading=rule.cascading.format(name=name),
        ),
        current_handling=handling[:MAX_EXCERPTS],
        resilience=assessed
        or ResilienceAssessment(
            reason="not analysed: no call site found; inspect how the code calls it"
        ),
        security=_security(own_keys, templates),
        mitigations=_mitigations(name, criticality.score, rule, present),
        evidence=[f"{e.path}:{e.line}" for e in integration.evidence[:MAX_EVIDENCE]],
        env_keys=_env_keys(integration, keys, known),
        needs_judgement=judgement,
    )


def _architecture(items: list[IntegrationRisk]) -> list[ArchitectureLayer]:
    layers = []
    for title, categories in LAYERS:
        members = [i for i in items if i.category in categories]
        if members:
            layers.append(
                ArchitectureLayer(
                    name=title,
                    components=[i.name for i in members],
                    failure_impact=[
                        f"If {i.name} is down: {i.failure_impact.immediate}" for i in members
                    ],
                )
            )
    return layers


def _summary(items: list[IntegrationRisk], categories: Iterable[str]) -> ExecutiveSummary:
    counts: dict[str, int] = {}
    for category in categories:
        counts[category] = counts.get(category, 0) + 1
    listed = ", ".join(f"{n} {c}" for c, n in sorted(counts.items()))
    overview = (
        f"Baseline from static evidence: {len(items)} integrations ({listed or 'none'}). "
        "Criticality comes from category rules, resilience from call-site analysis where "
        "call sites were found; recovery targets, single points of failure and downtime "
        "cost still need judgement."
    )
    risks = [
        KeyRisk(
            integration=i.name,
            risk=f"{i.failure_impact.immediate}; resilience "
            + (f"{i.resilience.score}/10" if i.resilience.score else "not assessed"),
            score=i.criticality.score,
        )
        for i in items[:3]
        if i.criticality.score >= 7
    ]
    return ExecutiveSummary(overview=overview, key_risks=risks)


def draft_report(
    scanned: list[Integration],
    env: EnvReport | None,
    *,
    project: str | None,
    scope: str,
    sites: dict[str, SiteEvidence] | None = None,
) -> RiskReport:
    """The baseline report, most critical integration first; `sites` per integration id."""
    keys = env.keys if env is not None else []
    templates = {f.path for f in env.files if f.template} if env is not None else set()
    known = {k.name for k in keys}
    if env is not None:
        known |= {u.name for u in env.used_but_undefined}
    found = sites or {}
    drafted = [draft_integration(i, keys, templates, known, found.get(i.id)) for i in scanned]
    confidence = {i.id: i.confidence for i in scanned}
    drafted.sort(key=lambda d: (-d.criticality.score, -confidence.get(d.id or "", 0), d.id or ""))
    return RiskReport(
        metadata=ReportMetadata(discovered_by=BASELINE_AUTHOR, project=project, scope=scope),
        executive_summary=_summary(drafted, (i.category or "other" for i in drafted)),
        integrations=drafted,
        architecture=_architecture(drafted),
        dependency_graph=[
            FailureCascade(
                integration=i.name,
                breaks=[i.failure_impact.immediate],
                cascades=[i.failure_impact.cascading] if i.failure_impact.cascading else [],
            )
            for i in drafted
        ],
        for_ai_agents=AgentGuidance(dos=list(GUIDANCE_DOS), donts=list(GUIDANCE_DONTS)),
        needs_judgement=list(REPORT_JUDGEMENT),
    )
