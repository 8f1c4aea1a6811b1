"""`integration-risk scan` without typer: the launcher's quick path for the hot command.

A warm re-scan of a large tree takes about half a second, and importing typer (click and
its adapters) would add a fifth to it. So the launcher parses the arguments a scan is
usually given here, exactly as typer would (a test compares the two on many argument
lists), and hands anything else (`--help`, an unknown option, a bad value) to typer,
which parses and reports it. The typer `scan` command runs the same `run_scan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from integration_risk.catalog.constants import DEFAULT_MIN_CONFIDENCE
from integration_risk.console import emit_json, report_error
from integration_risk.errors import IntegrationRiskError

if TYPE_CHECKING:
    from integration_risk.models.scan import ScanResult

DEFAULT_EVIDENCE = 5
OUTPUT_FORMATS = ("json", "table")

# option spelling -> ScanArgs field; the typer command declares the same spellings
_VALUED = {
    "--format": "output",
    "-f": "output",
    "--category": "categories",
    "-c": "categories",
    "--min-confidence": "min_confidence",
    "--evidence": "evidence",
}
_FLAGS = {
    "--no-cache": ("use_cache", False),
    "--resilience": ("resilience", True),
    "--no-resilience": ("resilience", False),
}


@dataclass(frozen=True)
class ScanArgs:
    path: Path = Path(".")
    output: str = "table"
    categories: tuple[str, ...] = ()
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    evidence: int = DEFAULT_EVIDENCE
    use_cache: bool = True
    resilience: bool | None = None  # None: on for json, off for the table


def parse_scan_args(argv: Sequence[str]) -> ScanArgs | None:
    """The arguments after `scan`, or None when typer should parse them instead."""
    positional: list[str] = []
    values: dict[str, str] = {}  # the last one wins, as in click
    flags: dict[str, bool] = {}
    categories: list[str] = []
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            positional.extend(rest)
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in _FLAGS and not equals:
            field, flag = _FLAGS[name]
            flags[field] = flag
        elif name in _VALUED:
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            if _VALUED[name] == "categories":
                categories.append(value)
            else:
                values[_VALUED[name]] = value
        else:
            return None
    if len(positional) > 1:
        return None
    try:
        return ScanArgs(
            path=Path(positional[0]) if positional else Path("."),
            output=_choice(values.get("output", "table")),
            categories=tuple(categories),
            min_confidence=float(values.get("min_confidence", DEFAULT_MIN_CONFIDENCE)),
            evidence=int(values.get("evidence", DEFAULT_EVIDENCE)),
            use_cache=flags.get("use_cache", True),
            resilience=flags.get("resilience"),
        )
    except ValueError:
        return None


def _choice(output: str) -> str:
    if output not in OUTPUT_FORMATS:
        raise ValueError(output)
    return output


def run_scan(args: ScanArgs) -> int:
    """Scan, print the result as `args.output` says, and return the exit code. The JSON
    comes from `api.scan_answer`: an unchanged tree's answer is printed from the cache."""
    from integration_risk import api
    from integration_risk.progress import progress_reporter

    operation = api.scan_answer if args.output == "json" else api.scan
    try:
        with progress_reporter("scanning") as report:
            result = operation(
                args.path,
                ".",
                categories=list(args.categories) or None,
                min_confidence=args.min_confidence,
                evidence_per_integration=args.evidence,
                use_cache=args.use_cache,
                progress=report,
                resilience=args.resilience
                if args.resilience is not None
                else args.output == "json",
            )
    except IntegrationRiskError as exc:
        return report_error(exc)
    if isinstance(result, dict):
        emit_json(result)
    else:
        _print_table(result)
    return 0


def _print_table(result: ScanResult) -> None:
    from integration_risk.render_table import print_scan_table

    print_scan_table(result)
