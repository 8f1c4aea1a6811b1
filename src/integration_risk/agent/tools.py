"""The runner's tools: the MCP server's tools (definitions from the reviewed snapshot
`mcp_tools.json`, calls over the same `api` operations) plus a confined `Read`.

Each MCP tool maps to one adapter that turns the model's arguments (validated against the
server's own input schema, defaults filled from it) into the `api` call the server's
adapter makes. A tool error goes back to the model as an error result with the text that
says what to do; it never ends the run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from integration_risk.agent.definition import MCP_PREFIX
from integration_risk.agent.snapshot import snapshot_tools
from integration_risk.errors import IntegrationRiskError, InvalidInput
from integration_risk.lines import split_lines
from integration_risk.sensitive import is_env_file

Adapter = Callable[[Path, dict[str, Any]], BaseModel]


def _scan(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.scan(
        root,
        a["path"],
        categories=a.get("categories"),
        min_confidence=a["min_confidence"],
        evidence_per_integration=a["evidence_per_integration"],
        cursor=a.get("cursor"),
        limit=a["limit"],
        compact=not a["full_evidence"],
    )


def _grep(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.grep(
        root,
        a["provider_or_pattern"],
        a["path"],
        glob=a.get("glob"),
        context_lines=a["context_lines"],
        cursor=a.get("cursor"),
        limit=a["limit"],
    )


def _env(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.read_env_files(
        root,
        a["path"],
        a.get("files"),
        provider=a.get("provider"),
        limit=a["limit"],
        cursor=a.get("cursor"),
    )


def _read_glossary(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.read_glossary(root, a.get("section"), a.get("key"))


def _update_glossary(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.update_glossary(root, a["entries"], a["discovered_by"])


def _call_sites(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.inspect_call_sites(
        root, a["integration_id"], a["path"], max_sites=a["max_sites"], cursor=a.get("cursor")
    )


def _graph(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.integration_graph(
        root, a["path"], a.get("integration_id"), cursor=a.get("cursor"), limit=a["limit"]
    )


def _changed(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.changed_integrations(root, a["base"], a["path"], a["include_uncommitted"])


def _draft(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.draft_risk_report(root, a["path"], max_integrations=a["max_integrations"])


def _write_report(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.write_risk_report(root, a["report"])


def _write_analysis(root: Path, a: dict[str, Any]) -> BaseModel:
    from integration_risk import api

    return api.write_failure_analysis(root, a["analysis"], a.get("name"))


# Documents the library validates itself (as the server does: it passes them through
# unvalidated), so the model gets the library's one-line-per-field errors.
LIBRARY_VALIDATED = {"write_risk_report": "report", "write_failure_analysis": "analysis"}

ADAPTERS: dict[str, Adapter] = {
    "scan_integrations": _scan,
    "grep_integrations": _grep,
    "read_env_files": _env,
    "read_glossary": _read_glossary,
    "update_glossary": _update_glossary,
    "inspect_call_sites": _call_sites,
    "integration_graph": _graph,
    "changed_integrations": _changed,
    "draft_risk_report": _draft,
    "write_risk_report": _write_report,
    "write_failure_analysis": _write_analysis,
}


def register(name: str, adapter: Adapter) -> None:
    """Add the adapter of a server tool (the reports tools register theirs this way)."""
    ADAPTERS[name] = adapter


READ_TOOL = {
    "name": "Read",
    "description": (
        "Read lines of one text file of the project (paths relative to the project root), "
        "numbered like `cat -n`. Read only the lines around a call site a tool pointed you "
        "to: pass offset (first line, 1-based) and limit (lines). Env files are refused: "
        "use read_env_files, which never shows secret values."
    ),
    "input_schema": {
        "type": "object",
        "properties": {
            "file_path": {
                "type": "string",
                "description": "File path, relative to the project root.",
            },
            "offset": {
                "type": "integer",
                "minimum": 1,
                "description": "First line to read (1-based).",
            },
            "limit": {
                "type": "integer",
                "minimum": 1,
                "maximum": 2000,
                "description": "Lines to read (default 200).",
            },
        },
        "required": ["file_path"],
    },
}


@dataclass(frozen=True)
class ToolOutcome:
    text: str
    is_error: bool
    data: dict[str, Any] | None = None


def definitions(declared: tuple[str, ...]) -> list[dict[str, Any]]:
    """Messages API tool definitions for an agent's `tools:` list, named as declared."""
    listed = snapshot_tools()
    out: list[dict[str, Any]] = []
    for name in declared:
        if name == "Read":
            out.append(READ_TOOL)
            continue
        short = name.removeprefix(MCP_PREFIX)
        if not name.startswith(MCP_PREFIX) or short not in listed or short not in ADAPTERS:
            raise InvalidInput(
                f"the agent declares tool {name!r}, which the runner does not provide",
                "declare only Read and this plugin's MCP tools",
            )
        tool = listed[short]
        out.append(
            {"name": name, "description": tool["description"], "input_schema": tool["inputSchema"]}
        )
    return out


def _with_defaults(schema: Mapping[str, Any], arguments: Mapping[str, Any]) -> dict[str, Any]:
    filled = dict(arguments)
    for field, spec in schema.get("properties", {}).items():
        if field not in filled and "default" in spec:
            filled[field] = spec["default"]
    return filled


def _checked_schema(tool: str, schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """The schema the runner enforces: the server's, minus a document the library checks."""
    document = LIBRARY_VALIDATED.get(tool)
    if document is None:
        return schema
    properties = {**schema.get("properties", {}), document: {"type": "object"}}
    return {**schema, "properties": properties}


def _validation_error(schema: Mapping[str, Any], arguments: Mapping[str, Any]) -> str | None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    problems = sorted(validator.iter_errors(arguments), key=lambda e: list(e.path))
    if not problems:
        return None
    lines = [f"{'.'.join(map(str, p.path)) or '(arguments)'}: {p.message}" for p in problems[:5]]
    return "invalid arguments: " + "; ".join(lines) + ". Fix them and call the tool again."


def read_lines(root: Path, arguments: Mapping[str, Any]) -> str:
    from integration_risk.paths import confine, require_file

    shown = str(arguments.get("file_path", ""))
    path = require_file(confine(root, shown), shown)
    if is_env_file(path.name):
        raise InvalidInput(
            f"{shown} is an env file", "use read_env_files: it never shows secret values"
        )
    offset = int(arguments.get("offset") or 1)
    limit = int(arguments.get("limit") or 200)
    with path.open(encoding="utf-8", errors="replace") as handle:
        lines = split_lines(handle.read())
    chosen = lines[offset - 1 : offset - 1 + limit]
    body = "\n".join(f"{offset + i:>6}\t{line[:500]}" for i, line in enumerate(chosen))
    more = len(lines) - (offset - 1 + len(chosen))
    return body + (f"\n({more} more lines; pass offset={offset + len(chosen)})" if more > 0 else "")


def call_tool(root: Path, name: str, arguments: Mapping[str, Any]) -> ToolOutcome:
    """Run one tool call; expected failures become error results the model can act on."""
    try:
        if name == "Read":
            return ToolOutcome(read_lines(root, arguments), False)
        short = name.removeprefix(MCP_PREFIX)
        tool = snapshot_tools().get(short)
        if tool is None or short not in ADAPTERS:
            return ToolOutcome(f"no tool named {name}; use one of the tools you were given", True)
        problem = _validation_error(_checked_schema(short, tool["inputSchema"]), arguments)
        if problem:
            return ToolOutcome(problem, True)
        result = ADAPTERS[short](root, _with_defaults(tool["inputSchema"], arguments))
        data = result.model_dump(mode="json", by_alias=True)
        return ToolOutcome(json.dumps(data, separators=(",", ":"), ensure_ascii=False), False, data)
    except IntegrationRiskError as exc:
        return ToolOutcome(str(exc), True)
    except ValidationError as exc:  # a model the library builds from the arguments
        return ToolOutcome(
            f"invalid arguments: {exc.errors()[0]['msg']}. Fix them and call again.", True
        )
