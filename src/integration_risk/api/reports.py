"""Report operations: validate, write the risk report and pre-mortems, draft a baseline."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from integration_risk.api.evidence import Progress
from integration_risk.paths import relative_to_root, resolve_root

if TYPE_CHECKING:  # the report stack (jinja2, jsonschema) loads when used
    from integration_risk.models.delivery import (
        CrossCheckWarning,
        DocumentKind,
        DraftResult,
        GlossaryRecord,
        SelfCheckItem,
        ValidationReport,
        WriteResult,
    )
    from integration_risk.models.failure import FailureAnalysis
    from integration_risk.models.report import ArchitectureLayer, RiskReport
    from integration_risk.models.scan import Integration

CROSSCHECK_EVIDENCE = -1  # every evidence item: call-site analysis reads them all


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _scanned(base: Path, scope: str, progress: Progress | None) -> list[Integration]:
    """The scanner's view (default confidence) of `scope`, or of the root when the scope
    is not a directory inside it."""
    from integration_risk.errors import IntegrationRiskError
    from integration_risk.paths import confine

    try:
        start = confine(base, scope)
    except IntegrationRiskError:
        start = base
    return _scan(base, start if start.is_dir() else base, progress)


def _scan(base: Path, start: Path, progress: Progress | None) -> list[Integration]:
    from integration_risk.scan.report import build_scan_result

    result = build_scan_result(
        base, start, evidence_per_integration=CROSSCHECK_EVIDENCE, progress=progress
    )
    return result.integrations


def _record(base: Path, entries: Mapping[str, Any], agent: str) -> GlossaryRecord:
    from integration_risk.api.glossary import update_glossary
    from integration_risk.errors import IntegrationRiskError
    from integration_risk.models.delivery import GlossaryRecord

    if not entries:
        return GlossaryRecord()
    try:
        update = update_glossary(base, entries, agent)
    except IntegrationRiskError as exc:
        return GlossaryRecord(error=str(exc))
    return GlossaryRecord(
        created=update.created, updated=update.updated, conflicts=len(update.conflicts)
    )


def _contradictions(
    base: Path, report: RiskReport, scanned: list[Integration], progress: Progress | None
) -> list[CrossCheckWarning]:
    """'No retry' / 'no timeout' claims the call sites disprove (analysed only for the
    integrations the report claims something is missing from)."""
    from integration_risk.report import callsites

    ids = callsites.claimed_absent(report, scanned)
    if not ids:
        return []
    results, _ = callsites.analyse(base, scanned, ids, progress)
    return callsites.contradictions(report, scanned, results)


def _shown(base: Path, path: Path) -> str:
    return relative_to_root(base, path)


def write_risk_report(
    root: str | Path,
    report: RiskReport | Mapping[str, Any],
    *,
    out_dir: str | Path | None = None,
    progress: Progress | None = None,
) -> WriteResult:
    """Validate, cross-check against the code, render and write
    `INTEGRATION_RISK_ANALYSIS.md` + `.json`, and record the integrations in the glossary."""
    from integration_risk.models.report import RiskReport
    from integration_risk.report import crosscheck, entries, selfcheck, store
    from integration_risk.report.render import render_risk_report
    from integration_risk.report.validate import parse_document

    base = resolve_root(root)
    parsed = parse_document(RiskReport, report, "the risk report")
    if parsed.metadata.generated_at is None:
        parsed = parsed.model_copy(
            update={"metadata": parsed.metadata.model_copy(update={"generated_at": _now()})}
        )
    scanned = _scanned(base, parsed.metadata.scope, progress)
    warnings = [
        *crosscheck.check_report_locations(base, parsed, scanned),
        *crosscheck.check_missing_integrations(parsed, scanned),
        *crosscheck.check_scores(parsed),
        *_contradictions(base, parsed, scanned, progress),
    ]
    markdown = render_risk_report(parsed)
    directory = Path(out_dir) if out_dir is not None else store.integrations_dir(base)
    written = store.write_risk_report(directory, markdown, parsed.model_dump(mode="json"))
    checks = selfcheck.risk_report_checks(parsed, written.bytes, scanned=len(scanned))
    glossary = _record(base, entries.risk_report_entries(parsed), parsed.metadata.discovered_by)
    return _result(base, written, checks, warnings, glossary)


def _result(
    base: Path,
    written: Any,
    checks: list[SelfCheckItem],
    warnings: list[CrossCheckWarning],
    glossary: GlossaryRecord,
) -> WriteResult:
    """What a writer returns: where the files went, the self-check and the warnings."""
    from integration_risk.models.delivery import WriteResult
    from integration_risk.report import selfcheck

    return WriteResult(
        path=_shown(base, written.markdown),
        json_path=_shown(base, written.sidecar),
        bytes=written.bytes,
        replaced=written.replaced,
        self_check=checks,
        self_check_score=selfcheck.score(checks),
        warnings=warnings,
        glossary=glossary,
    )


def _analysis_slug(analysis: FailureAnalysis, name: str | None) -> str:
    from integration_risk.report.store import slugify

    for candidate in (name, analysis.name, analysis.metadata.base_ref):
        if candidate and slugify(candidate):
            return slugify(candidate)
    targets = dict.fromkeys(
        slugify(p.integration_id or p.target) for p in analysis.integration_points
    )
    joined = "-".join(t for t in list(targets)[:3] if t)
    return joined or "analysis"


def write_failure_analysis(
    root: str | Path,
    analysis: FailureAnalysis | Mapping[str, Any],
    name: str | None = None,
    *,
    out_dir: str | Path | None = None,
    progress: Progress | None = None,
) -> WriteResult:
    """Validate, cross-check, render and write `PRE_MORTEM_<slug>.md` + `.json` (a new
    name when a different analysis holds it), and record the integrations in the glossary."""
    from integration_risk.models.failure import FailureAnalysis
    from integration_risk.report import crosscheck, entries, selfcheck, store
    from integration_risk.report.render import render_failure_analysis
    from integration_risk.report.validate import parse_document

    base = resolve_root(root)
    parsed = parse_document(FailureAnalysis, analysis, "the failure analysis")
    if parsed.metadata.generated_at is None:
        parsed = parsed.model_copy(
            update={"metadata": parsed.metadata.model_copy(update={"generated_at": _now()})}
        )
    slug = _analysis_slug(parsed, name)
    scanned = _scanned(base, ".", progress)
    warnings = crosscheck.check_analysis_locations(base, parsed, scanned)
    directory = Path(out_dir) if out_dir is not None else store.integrations_dir(base)

    def render(title: str) -> str:
        return render_failure_analysis(parsed, title)

    written, _ = store.write_pre_mortem(directory, slug, render, parsed.model_dump(mode="json"))
    checks = selfcheck.failure_analysis_checks(parsed)
    glossary = _record(
        base, entries.failure_analysis_entries(parsed), parsed.metadata.discovered_by
    )
    return _result(base, written, checks, warnings, glossary)


def validate_document(document: object, kind: DocumentKind) -> ValidationReport:
    """Every schema problem of a risk report, failure analysis or glossary document,
    each by JSON path with what is wrong and the allowed values."""
    from pydantic import BaseModel, ValidationError

    from integration_risk.models.delivery import ValidationReport
    from integration_risk.models.failure import FailureAnalysis
    from integration_risk.models.glossary import GlossaryDocument
    from integration_risk.models.report import RiskReport
    from integration_risk.report.validate import problems_of

    models: dict[str, type[BaseModel]] = {
        "risk-report": RiskReport,
        "failure-analysis": FailureAnalysis,
        "glossary": GlossaryDocument,
    }
    model = models[kind]
    try:
        model.model_validate(document, strict=kind == "glossary")
    except ValidationError as exc:
        return ValidationReport(kind=kind, valid=False, problems=problems_of(exc, model))
    return ValidationReport(kind=kind, valid=True)


def validate_file(path: str | Path, kind: DocumentKind) -> ValidationReport:
    """`validate_document` on a JSON file; unreadable or non-JSON files are input errors."""
    from integration_risk.errors import InvalidInput

    file = Path(path)
    if not file.is_file():
        raise InvalidInput(f"{path} is not a file", "pass the path of a JSON document")
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}", "pass a readable file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{path} is not valid JSON: {exc}", "pass a JSON document") from None
    return validate_document(document, kind)


def _keep_in_layer(
    layer: ArchitectureLayer, names: set[str], everyone: set[str]
) -> ArchitectureLayer:
    """An architecture layer without the integrations a truncated draft left out."""
    left_out = everyone - names
    return layer.model_copy(
        update={
            "components": [c for c in layer.components if c not in left_out],
            "failure_impact": [
                f
                for f in layer.failure_impact
                if not any(f.startswith(f"If {n} is down") for n in left_out)
            ],
        }
    )


def draft_risk_report(
    root: str | Path,
    path: str = ".",
    *,
    max_integrations: int | None = None,
    progress: Progress | None = None,
) -> DraftResult:
    """A deterministic baseline `RiskReport` for `path` from scan, env, call-site and
    import-graph evidence (no model): real integrations with evidence and env keys, rule-based
    criticality and mitigations, resilience verdicts and score from the call sites; what
    needs judgement is left empty and listed in `needs_judgement`.
    `max_integrations` keeps the most critical ones and lists the rest in `omitted`."""
    from integration_risk import envfiles
    from integration_risk.errors import InvalidInput
    from integration_risk.graph.report import build_integration_graph
    from integration_risk.models.delivery import DraftResult
    from integration_risk.paths import confine, require_dir
    from integration_risk.report import callsites, crosscheck
    from integration_risk.report.baseline import SiteEvidence, draft_report
    from integration_risk.report.graphinfo import apply_graph

    if max_integrations is not None and max_integrations < 1:
        raise InvalidInput("max_integrations must be at least 1", "omit it to keep every one")
    base = resolve_root(root)
    start = require_dir(confine(base, path), path)
    scanned = _scan(base, start, progress)
    env = envfiles.read_env_files(base, start, None)
    results, sites = callsites.analyse(base, scanned, progress=progress)
    evidence = {
        key: SiteEvidence(
            callsites.assessment(result),
            callsites.worst_excerpt(base, sites[key]),
            callsites.covered_everywhere(sites[key]),
        )
        for key, result in results.items()
    }
    report = draft_report(
        scanned,
        env,
        project=base.name,
        scope=relative_to_root(base, start) or ".",
        sites=evidence,
    )
    graph = build_integration_graph(
        base, start, integration_id=None, cursor=None, limit=None, use_cache=True, progress=None
    )
    report = crosscheck.drop_unbacked(base, apply_graph(report, graph), scanned)
    omitted: list[str] = []
    if max_integrations is not None and len(report.integrations) > max_integrations:
        kept = report.integrations[:max_integrations]
        omitted = [i.id or i.name for i in report.integrations[max_integrations:]]
        names = {i.name for i in kept}
        everyone = {i.name for i in report.integrations}
        report = report.model_copy(
            update={
                "integrations": kept,
                "dependency_graph": [c for c in report.dependency_graph if c.integration in names],
                "architecture": [
                    _keep_in_layer(layer, names, everyone)
                    for layer in report.architecture
                    if any(c in names for c in layer.components)
                    or not any(c in everyone for c in layer.components)
                ],
            }
        )
    return DraftResult(
        report=report, omitted=omitted, sources=["scan", "env", "call-sites", "graph"]
    )
