"""Result types of the manifest extractor (frozen, cheap, picklable across processes)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Dependency:
    """One declared dependency.

    `name` is as declared, except maven (`group:artifact`) and pypi (PEP 503
    normalised). `dev` marks dev/test/build-only declarations; `transitive`
    marks go.mod `// indirect` requirements.
    """

    ecosystem: str
    name: str
    line: int
    dev: bool
    transitive: bool = False


@dataclass(frozen=True, slots=True)
class ManifestResult:
    """Dependencies of one manifest, or a short `error` when it could not be parsed."""

    dependencies: tuple[Dependency, ...]
    error: str | None = None
