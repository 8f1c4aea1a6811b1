"""One module per tool group; importing a module registers its tools on `server`.

The server imports a group's module on the first call of one of its tools (`MODULE_OF`)
and answers `tools/list` from the reviewed snapshot, so starting it imports none of them.
A new tool goes into `GROUPS` under the module that registers it.
"""

from __future__ import annotations

import importlib

GROUPS: dict[str, tuple[str, ...]] = {
    "evidence": ("scan_integrations", "grep_integrations", "read_env_files"),
    "glossary": ("read_glossary", "update_glossary"),
    "callsites": ("inspect_call_sites",),
    "graph": ("integration_graph", "changed_integrations"),
    "report": ("draft_risk_report", "write_risk_report", "write_failure_analysis"),
}

MODULE_OF: dict[str, str] = {
    tool: f"{__name__}.{group}" for group, tools in GROUPS.items() for tool in tools
}


def load_all() -> None:
    """Register every tool now (the snapshot generator and its test need them all)."""
    for group in GROUPS:
        importlib.import_module(f"{__name__}.{group}")
