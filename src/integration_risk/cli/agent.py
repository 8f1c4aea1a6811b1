"""`agent run`: one of the plugin's agents, headless, over the anthropic SDK."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from integration_risk.cli.app import app
from integration_risk.cli.common import run_or_exit

agent_app = typer.Typer(help="Run the plugin's agents without Claude Code.", no_args_is_help=True)
app.add_typer(agent_app, name="agent")


AgentName = Annotated[str, typer.Argument(help="integration-mapper or integration-failure-expert.")]
StartDir = Annotated[
    Path,
    typer.Argument(
        help="Directory to examine; the project root is the nearest folder up with .claude/ or .git."
    ),
]
BaseRef = Annotated[
    str | None, typer.Option("--base", help="Git ref the change is compared against (pre-mortem).")
]
ModelName = Annotated[
    str | None,
    typer.Option("--model", help="Model id or alias (sonnet, haiku) instead of the agent's own."),
]
MaxTurns = Annotated[
    int, typer.Option("--max-turns", min=1, help="Stop after this many model turns.")
]


@agent_app.command("run")
def agent_run(
    agent: AgentName,
    path: StartDir = Path("."),
    base: BaseRef = None,
    model: ModelName = None,
    max_turns: MaxTurns = 40,
) -> None:
    """Run AGENT on PATH: progress on stderr, then the report path and token usage."""
    from integration_risk.agent import load_agent, run_agent
    from integration_risk.paths import confine, project_root, relative_to_root, require_dir

    def run() -> object:
        definition = load_agent(agent)
        start = require_dir(Path(path).expanduser().resolve(), path)
        root = project_root(start)
        scope = relative_to_root(root, confine(root, start)) if start != root else "."
        return run_agent(
            definition,
            root,
            scope=scope,
            base=base,
            model=model,
            max_turns=max_turns,
            log=lambda line: typer.echo(line, err=True),
        )

    result = run_or_exit(run)
    from integration_risk.agent import AgentRun

    assert isinstance(result, AgentRun)
    for delivered in result.delivered:
        typer.echo(f"report: {delivered}")
    typer.echo(
        f"model {result.model}: {result.turns} turns, {result.tool_calls} tool calls "
        f"({result.tool_errors} errors, {result.tool_output_bytes} B of tool output), "
        f"tokens in {result.input_tokens} / out {result.output_tokens}"
    )
    if not result.delivered:
        typer.echo(
            "integration-risk: error: the agent finished without delivering a report", err=True
        )
        raise typer.Exit(1)
