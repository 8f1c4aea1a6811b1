"""MCP prompts `map` and `pre-mortem`: the plugin's slash commands for other MCP clients.

Claude Code users get `commands/map.md` and `commands/pre-mortem.md`, which dispatch
the plugin's subagents. A client without those subagents gets the same task with the
workflow spelled out, over this server's tools, and the same deliverable.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from mcp_server.app import server

MAP = """\
Map the external integrations of this project and assess how each one will fail.
Scope: {scope}.

Work only through the integration-risk tools, citing `file:line` for every claim:
1. read_glossary, to reuse the names other agents already recorded;
2. scan_integrations (path = the scope), paging with next_cursor;
3. read_env_files, for the configuration each integration needs;
4. inspect_call_sites for each critical or high integration, for its timeout, retry,
   circuit breaker, fallback, health check, logging and idempotency verdicts;
5. integration_graph, for who uses each integration and where failures cascade;
6. judge criticality (1-10), resilience (1-10), RTO target vs actual and cost of
   downtime (state your assumptions), single points of failure and mitigations with
   effort in hours; draft_risk_report gives a skeleton to refine;
7. write_risk_report, which validates and writes
   .claude/memory/integrations/INTEGRATION_RISK_ANALYSIS.md (fix what it rejects and
   call it again);
8. update_glossary with one entry per integration (discovered_by: integration-mapper).

Then summarise the top risks, the single points of failure and the first three
mitigations to schedule."""

PRE_MORTEM = """\
Run an integration pre-mortem of the changes since the git ref `{base}`: assume the
change has already failed in production and work out at which system boundary.

Work only through the integration-risk tools, citing `file:line` for every claim:
1. read_glossary, to reuse known names and risk levels;
2. changed_integrations (base = {base}) for the boundaries the change touches;
3. inspect_call_sites for each of them (compact pages, no whole-file reads);
4. walk each boundary through contract, protocol, data-format and network-boundary
   failures; rate likelihood and impact, and check whether the code handles each;
5. write_failure_analysis, which validates and writes
   .claude/memory/integrations/PRE_MORTEM_<slug>.md (fix what it rejects and call it
   again);
6. update_glossary for new or changed verdicts (discovered_by:
   integration-failure-expert).

Then name the three failures most likely to page someone, each with its trigger and
mitigation."""


MapScope = Annotated[
    str, Field(description="What to map, relative to the project root ('.': all).")
]
BaseRef = Annotated[str, Field(description="Git ref the change is compared against, e.g. 'main'.")]


@server.prompt(name="map", title="Map integrations and their failure risks")
def map_prompt(
    path: MapScope = ".",
) -> str:
    """Map every external integration and write the integration risk analysis."""
    scope = "the whole project" if path.strip() in ("", ".") else f"`{path.strip()}`"
    return MAP.format(scope=scope)


@server.prompt(name="pre-mortem", title="Integration pre-mortem of a change")
def pre_mortem_prompt(
    base: BaseRef = "main",
) -> str:
    """Predict how the integrations a change touches will fail in production."""
    return PRE_MORTEM.format(base=base.strip() or "main")
