"""An integration as the scan would report it, built for the call-site analysis tests, and
the verdicts the analysis gives it."""

from __future__ import annotations

from pathlib import Path

from integration_risk.models.scan import Evidence, Integration
from integration_risk.resilience import analyze


def scanned(
    ident: str,
    spots: list[tuple[str, int]],
    kind: str = "client",
    *,
    name: str | None = None,
    category: str = "http-api",
    in_catalog: bool = True,
) -> Integration:
    """`ident` found at each (path, line) of `spots` by evidence of `kind`."""
    evidence = [Evidence(path=path, line=line, kind=kind, snippet="") for path, line in spots]
    return Integration(
        id=ident,
        name=name or ident,
        category=category,
        confidence=0.9,
        in_catalog=in_catalog,
        evidence_kinds=[kind],
        files=len({path for path, _ in spots}),
        evidence_count=len(evidence),
        evidence=evidence,
    )


def verdicts_of(
    root: Path, ident: str, spots: list[tuple[str, int]], kind: str, category: str = "http-api"
) -> dict[str, tuple[str, str]]:
    """(verdict, joined reasons) per property of `ident` found at `spots` under `root`."""
    item = scanned(ident, spots, kind, category=category)
    result = analyze(root, [item], use_cache=False)[ident]
    return {p: (v.verdict, " ".join(v.reasons)) for p, v in result.verdicts.items()}
