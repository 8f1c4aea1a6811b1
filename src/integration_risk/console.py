"""What the CLI writes, without typer: a result's JSON on stdout, one-line errors on stderr.

The typer commands and the launcher's quick `scan` path (`scan_command`) share these, so
both print the same bytes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Protocol, TypeVar

from integration_risk.errors import IntegrationRiskError


def emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


class _Dumpable(Protocol):
    def model_dump(self, *, mode: str) -> object: ...


R = TypeVar("R", bound=_Dumpable)


def print_result(result: R, output: str, table: Callable[[R], None]) -> None:
    """`--format json`: the result's JSON on stdout; otherwise the human table."""
    if output == "json":
        emit_json(result.model_dump(mode="json"))
    else:
        table(result)


def report_error(exc: IntegrationRiskError) -> int:
    """Print an expected failure as one line on stderr; return the exit code it maps to."""
    sys.stderr.write(f"integration-risk: error: {exc}\n")
    sys.stderr.flush()
    return exc.exit_code
