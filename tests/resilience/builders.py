"""An integration as the scan would report it, built for the call-site analysis tests."""

from __future__ import annotations

from integration_risk.models.scan import Evidence, Integration


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
