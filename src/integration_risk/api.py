"""The operations, one function per MCP tool.

The CLI, the MCP adapter and the agent runner call these and nothing else, so
the three front doors cannot drift apart. Each takes the project root plus
plain arguments and returns a pydantic model; bad input raises an
`IntegrationRiskError` whose text says what to do.
"""

from __future__ import annotations

from pathlib import Path

from integration_risk import glossary
from integration_risk.models.env import EnvReport
from integration_risk.models.glossary import GlossaryView
from integration_risk.paths import resolve_root


def read_glossary(root: str | Path) -> GlossaryView:
    """The project's shared glossary (empty when the file does not exist yet)."""
    return glossary.read_glossary(resolve_root(root))


def read_env_files(
    root: str | Path, path: str = ".", files: list[str] | None = None
) -> EnvReport:
    """Env keys under `path` (or exactly `files`, relative to the root) with redacted
    value shapes, provider guesses, code reads and cross-checks. Never a secret value."""
    from integration_risk import envfiles
    from integration_risk.paths import confine, require_dir, require_file

    base = resolve_root(root)
    start = require_dir(confine(base, path), path)
    chosen = None
    if files is not None:
        chosen = [require_file(confine(base, name), name) for name in files]
    return envfiles.read_env_files(base, start, chosen)
