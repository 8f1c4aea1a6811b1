"""Check a report's claims against the code; every disagreement becomes a warning.

- A cited `path:line` must exist, and for an integration's own citations the
  line (±3) must mention it: by id, name, alias, or a catalog token (package,
  import, client class, env name or prefix, host, scheme, image, boto3 service),
  an env key the report lists, or an env name in the scanner's evidence.
- Every integration the scanner reports (at the default confidence) should be
  in the report.
- Resilience scores must agree with the verdicts listed beside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from integration_risk.errors import IntegrationRiskError
from integration_risk.lines import split_lines
from integration_risk.models.delivery import CrossCheckWarning
from integration_risk.models.failure import FailureAnalysis
from integration_risk.models.report import IntegrationRisk, RiskReport
from integration_risk.models.scan import Integration
from integration_risk.paths import confine
from integration_risk.report.baseline import ENV_NAME
from integration_risk.scan.imports import is_import_line

WINDOW = 3
SHORT = 3  # terms this short match as whole words only
STATEMENT = 3  # lines above a mention where the statement binding it may start


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


@cache
def _catalog_terms(provider_id: str) -> tuple[str, ...]:
    from integration_risk.catalog.loader import load_catalog

    provider = load_catalog().providers.get(provider_id)
    if provider is None:
        return ()
    terms: list[str] = [provider.id, provider.name, *provider.aliases, *provider.classes]
    for group in (provider.packages, provider.imports):
        for names in group.values():
            terms += names
    terms += [*provider.env.names, *provider.env.prefixes, *provider.hosts, *provider.schemes]
    terms += [*provider.images, *provider.boto3, *provider.keywords]
    return tuple(terms)


_PATTERNS: dict[frozenset[str], re.Pattern[str] | None] = {}


@dataclass
class Subject:
    """What a citation must mention: an integration's names and tokens."""

    label: str
    terms: set[str] = field(default_factory=set)

    def pattern(self) -> re.Pattern[str] | None:
        key = frozenset(self.terms)
        if key not in _PATTERNS:
            _PATTERNS[key] = self._compile()
        return _PATTERNS[key]

    def _compile(self) -> re.Pattern[str] | None:
        parts = []
        for term in sorted({t.strip() for t in self.terms if len(t.strip()) >= 2}):
            escaped = re.escape(term)
            parts.append(rf"\b{escaped}\b" if len(term) <= SHORT else escaped)
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _keys(integration: Integration) -> set[str]:
    return {norm(k) for k in (integration.id, integration.name, *integration.aliases) if norm(k)}


def match_scanned(
    name: str, integration_id: str | None, scanned: list[Integration]
) -> Integration | None:
    """The scanned integration a report entry stands for (by id, name or alias)."""
    wanted = {norm(x) for x in (integration_id, name) if x}
    for candidate in scanned:
        if wanted & _keys(candidate):
            return candidate
    full = norm(name)
    for candidate in scanned:
        if any(len(k) >= 3 and k in full for k in _keys(candidate)):
            return candidate
    return None


def subject_for(
    name: str, integration_id: str | None, env_keys: list[str], scanned: list[Integration]
) -> Subject:
    subject = Subject(name, {name, *env_keys, *name.split()})
    if integration_id:
        subject.terms |= {integration_id, *_catalog_terms(integration_id)}
    found = match_scanned(name, integration_id, scanned)
    if found is not None:
        subject.terms |= {found.id, found.name, *found.aliases, *_catalog_terms(found.id)}
        for item in found.evidence:
            subject.terms |= set(ENV_NAME.findall(item.snippet))
    return subject


_QUOTED = re.compile(r"""(["'`]).*?\1""")
_ASSIGN = re.compile(
    r"^\s*(?:export\s+)?(?:const|let|var|val|final)?\s*([A-Za-z_]\w*)\s*(?::[^=]*)?:?=(?!=)"
)
_WORD = re.compile(r"[A-Za-z_]\w{2,}")
_KEYWORDS = frozenset(
    "import from as require const let var val use using export default global alias include "
    "extern crate".split()
)


def bound_names(line: str) -> set[str]:
    """Names a line binds: what an import line imports, the target of an assignment.
    A file that imports the SDK as `sgMail` then mentions the integration as `sgMail`."""
    code = _QUOTED.sub("", line)
    if is_import_line(line):
        return {w for w in _WORD.findall(code) if w not in _KEYWORDS}
    match = _ASSIGN.match(code)
    return {match.group(1)} if match and len(match.group(1)) >= 3 else set()


class _Files:
    """Lines of cited files, read once per check."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[str, list[str] | None] = {}
        self.local: dict[tuple[str, str], re.Pattern[str] | None] = {}

    def local_names(
        self, rel: str, subject: Subject, pattern: re.Pattern[str]
    ) -> re.Pattern[str] | None:
        """Names bound in `rel` on lines that mention the subject."""
        key = (rel, subject.label)
        if key not in self.local:
            names: set[str] = set()
            lines = self.lines(rel) or []
            for n, line in enumerate(lines):
                if pattern.search(line):
                    # The statement may start a few lines above (a call split over lines).
                    for above in lines[max(0, n - STATEMENT) : n + 1]:
                        names |= bound_names(above)
            self.local[key] = (
                re.compile("|".join(rf"\b{re.escape(n)}\b" for n in sorted(names)))
                if names
                else None
            )
        return self.local[key]

    def lines(self, rel: str) -> list[str] | None:
        if rel not in self.cache:
            try:
                path = confine(self.root, rel)
                text = (
                    path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
                )
            except (IntegrationRiskError, OSError):
                text = None
            self.cache[rel] = split_lines(text) if text is not None else None
        return self.cache[rel]


def check_location(
    files: _Files, at: str, location: str, subject: Subject | None
) -> CrossCheckWarning | None:
    rel, _, span = location.rpartition(":")
    first, _, last = span.partition("-")
    start, end = int(first), int(last or first)
    lines = files.lines(rel)
    if lines is None:
        return CrossCheckWarning(
            kind="missing-location",
            at=at,
            message=f"{location}: no such file in the project; cite paths from tool evidence",
        )
    if start > len(lines) or end < start:
        return CrossCheckWarning(
            kind="missing-location",
            at=at,
            message=f"{location}: {rel} has only {len(lines)} lines",
        )
    if subject is None:
        return None
    pattern = subject.pattern()
    window = "\n".join(lines[max(0, start - 1 - WINDOW) : min(len(lines), end + WINDOW)])
    if pattern is not None:
        if pattern.search(window):
            return None
        local = files.local_names(rel, subject, pattern)
        if local is not None and local.search(window):
            return None
    return CrossCheckWarning(
        kind="unrelated-location",
        at=at,
        message=f"{location} does not mention {subject.label} within {WINDOW} lines; "
        "cite the line that uses it (grep_integrations shows them)",
    )


def _integration_locations(prefix: str, i: IntegrationRisk) -> Iterator[tuple[str, str]]:
    for n, loc in enumerate(i.evidence):
        yield f"{prefix}.evidence[{n}]", loc
    for n, excerpt in enumerate(i.current_handling):
        yield f"{prefix}.current_handling[{n}].location", excerpt.location
    for pattern, verdict in i.resilience.patterns:
        for n, loc in enumerate(verdict.evidence):
            yield f"{prefix}.resilience.patterns.{pattern}.evidence[{n}]", loc
    for n, m in enumerate(i.mitigations):
        if m.code is not None and m.code.location:
            yield f"{prefix}.mitigations[{n}].code.location", m.code.location


def _report_locations(report: RiskReport) -> Iterator[tuple[str, str]]:
    for n, a in enumerate(report.pattern_assessment):
        for which in ("bad_example", "good_example"):
            example = getattr(a, which)
            if example is not None and example.location:
                yield f"pattern_assessment[{n}].{which}.location", example.location
    guide = report.for_ai_agents
    for n, ref in enumerate(guide.best_practices):
        yield f"for_ai_agents.best_practices[{n}].location", ref.location
    for n, ref in enumerate(guide.anti_patterns):
        yield f"for_ai_agents.anti_patterns[{n}].location", ref.location


Citation = tuple[str, str, Subject | None]  # JSON path, 'path:line', what it should mention


def _check_citations(root: Path, citations: Iterator[Citation]) -> list[CrossCheckWarning]:
    files = _Files(root)
    found = (check_location(files, at, loc, subject) for at, loc, subject in citations)
    return [w for w in found if w is not None]


def _report_citations(report: RiskReport, scanned: list[Integration]) -> Iterator[Citation]:
    for n, i in enumerate(report.integrations):
        subject = subject_for(i.name, i.id, i.env_keys, scanned)
        for at, loc in _integration_locations(f"integrations[{n}]", i):
            yield at, loc, subject
    for at, loc in _report_locations(report):
        yield at, loc, None


def check_report_locations(
    root: Path, report: RiskReport, scanned: list[Integration]
) -> list[CrossCheckWarning]:
    return _check_citations(root, _report_citations(report, scanned))


def check_missing_integrations(
    report: RiskReport, scanned: list[Integration]
) -> list[CrossCheckWarning]:
    covered = {
        found.id
        for i in report.integrations
        if (found := match_scanned(i.name, i.id, scanned)) is not None
    }
    excused = " ".join(report.needs_judgement).casefold()
    return [
        CrossCheckWarning(
            kind="missing-integration",
            at="integrations",
            message=f"the scanner found {s.id} ({s.name}, {s.category}, confidence "
            f"{s.confidence:.2f}) but the report leaves it out; add it, or name it in the "
            "report's needs_judgement with why it is left out",
        )
        for s in scanned
        if s.id not in covered and s.id.casefold() not in excused
    ]


def check_scores(report: RiskReport) -> list[CrossCheckWarning]:
    warnings: list[CrossCheckWarning] = []
    scores = []
    for n, i in enumerate(report.integrations):
        r = i.resilience
        if r.score is None:
            continue
        scores.append(r.score)
        p = r.patterns
        core = [p.circuit_breaker, p.retry, p.timeout, p.fallback, p.health_check]
        at = f"integrations[{n}].resilience.score"
        if r.score >= 6 and all(v.verdict == "no" for v in (p.timeout, p.retry, p.circuit_breaker)):
            warnings.append(
                CrossCheckWarning(
                    kind="score",
                    at=at,
                    message=f"{i.name}: resilience {r.score}/10 while timeout, retry and circuit "
                    "breaker are all 'no'; lower the score or correct the verdicts",
                )
            )
        if r.score <= 3 and sum(v.verdict == "yes" for v in core) >= 4:
            warnings.append(
                CrossCheckWarning(
                    kind="score",
                    at=at,
                    message=f"{i.name}: resilience {r.score}/10 while 4+ core patterns are 'yes'",
                )
            )
        for k, m in enumerate(i.mitigations):
            if m.risk_from is not None and m.risk_to is not None and m.risk_to > m.risk_from:
                warnings.append(
                    CrossCheckWarning(
                        kind="score",
                        at=f"integrations[{n}].mitigations[{k}]",
                        message=f"risk goes up from {m.risk_from} to {m.risk_to} after the fix",
                    )
                )
    stated = report.executive_summary.overall_resilience
    if stated is not None and scores:
        mean = sum(scores) / len(scores)
        if abs(stated.score - mean) > 2:
            warnings.append(
                CrossCheckWarning(
                    kind="score",
                    at="executive_summary.overall_resilience.score",
                    message=f"overall {stated.score}/10 is far from the integrations' mean "
                    f"{mean:.1f}/10",
                )
            )
    return warnings


def _analysis_citations(
    analysis: FailureAnalysis, scanned: list[Integration]
) -> Iterator[Citation]:
    for n, point in enumerate(analysis.integration_points):
        subject = subject_for(point.target, point.integration_id, [], scanned)
        for k, loc in enumerate(point.evidence):
            yield f"integration_points[{n}].evidence[{k}]", loc, subject
    for n, failure in enumerate(analysis.predicted_failures):
        target = failure.integration.replace("→", "->").rpartition("->")[2].strip()
        subject = subject_for(target or failure.integration, None, [], scanned)
        for k, loc in enumerate(failure.evidence):
            yield f"predicted_failures[{n}].evidence[{k}]", loc, subject


def check_analysis_locations(
    root: Path, analysis: FailureAnalysis, scanned: list[Integration]
) -> list[CrossCheckWarning]:
    return _check_citations(root, _analysis_citations(analysis, scanned))


def drop_unbacked(root: Path, report: RiskReport, scanned: list[Integration]) -> RiskReport:
    """The report without the integration citations the location check rejects: the draft
    cites only lines that show the integration (a tool's `retries:` in a compose health
    check near no mention of the database, say, is left out)."""
    bad = {w.at for w in check_report_locations(root, report, scanned)}
    if not bad:
        return report
    data = report.model_dump(mode="json")
    for n, integration in enumerate(data["integrations"]):
        prefix = f"integrations[{n}]"
        integration["evidence"] = [
            loc
            for k, loc in enumerate(integration["evidence"])
            if f"{prefix}.evidence[{k}]" not in bad
        ]
        integration["current_handling"] = [
            ex
            for k, ex in enumerate(integration["current_handling"])
            if f"{prefix}.current_handling[{k}].location" not in bad
        ]
        for pattern, verdict in integration["resilience"]["patterns"].items():
            at = f"{prefix}.resilience.patterns.{pattern}.evidence"
            verdict["evidence"] = [
                loc for k, loc in enumerate(verdict["evidence"]) if f"{at}[{k}]" not in bad
            ]
    return RiskReport.model_validate(data)
