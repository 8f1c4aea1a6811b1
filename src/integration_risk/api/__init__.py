"""The operations, one function per MCP tool.

The CLI, the MCP adapter and the agent runner call these and nothing else, so
the three front doors cannot drift apart. Each takes the project root plus
plain arguments and returns a pydantic model; bad input raises an
`IntegrationRiskError` whose text says what to do.
"""

from __future__ import annotations

from integration_risk.api.evidence import (
    DEFAULT_MIN_CONFIDENCE,
    Progress,
    grep,
    read_env_files,
    scan,
)
from integration_risk.api.glossary import (
    read_glossary,
    repair_glossary,
    update_glossary,
    validate_glossary,
)
from integration_risk.api.reports import (
    draft_risk_report,
    validate_document,
    validate_file,
    write_failure_analysis,
    write_risk_report,
)

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "Progress",
    "draft_risk_report",
    "grep",
    "read_env_files",
    "read_glossary",
    "repair_glossary",
    "scan",
    "update_glossary",
    "validate_document",
    "validate_file",
    "validate_glossary",
    "write_failure_analysis",
    "write_risk_report",
]
