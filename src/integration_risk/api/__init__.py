"""The operations: one function per thing the tool does, one module per area.

`evidence` (scan, grep, read_env_files) and `glossary` (read, update, validate,
repair); each MCP tool and CLI command is a thin call to one of these, so the
front doors cannot drift apart. Each takes the project root plus plain
arguments and returns a pydantic model; bad input raises an
`IntegrationRiskError` whose text says what to do. New areas add
`api/<area>.py` and re-export its functions here.
"""

from __future__ import annotations

from integration_risk.api.callsites import inspect_call_sites
from integration_risk.api.evidence import (
    Progress,
    grep,
    read_env_files,
    scan,
    scan_answer,
)
from integration_risk.api.glossary import (
    read_glossary,
    repair_glossary,
    update_glossary,
    validate_glossary,
)
from integration_risk.api.graph import (
    changed_integrations,
    integration_graph,
    integration_graph_mermaid,
)
from integration_risk.api.reports import (
    draft_risk_report,
    validate_document,
    validate_file,
    write_failure_analysis,
    write_risk_report,
)

__all__ = [
    "Progress",
    "changed_integrations",
    "draft_risk_report",
    "grep",
    "inspect_call_sites",
    "integration_graph",
    "integration_graph_mermaid",
    "read_env_files",
    "read_glossary",
    "repair_glossary",
    "scan",
    "scan_answer",
    "update_glossary",
    "validate_document",
    "validate_file",
    "validate_glossary",
    "write_failure_analysis",
    "write_risk_report",
]
