"""The operations, one function per MCP tool.

The CLI, the MCP adapter and the agent runner call these and nothing else, so
the three front doors cannot drift apart. Each takes the project root plus
plain arguments and returns a pydantic model; bad input raises an
`IntegrationRiskError` whose text says what to do.
"""

from __future__ import annotations

from pathlib import Path

from integration_risk import glossary
from integration_risk.models.glossary import GlossaryView
from integration_risk.paths import resolve_root


def read_glossary(root: str | Path) -> GlossaryView:
    """The project's shared glossary (empty when the file does not exist yet)."""
    return glossary.read_glossary(resolve_root(root))
