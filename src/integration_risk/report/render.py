"""Render reports to Markdown with the Jinja2 templates shipped in `report/templates/`.

The templates only lay out; figures come from `view` (derived counts, matrix,
plan tiers) and `mermaid`. Filters keep table cells and code fences intact
whatever text the model wrote.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from integration_risk.models.failure import FailureAnalysis
from integration_risk.models.report import RiskReport
from integration_risk.models.report_common import level_of
from integration_risk.report import view
from integration_risk.report.mermaid import dependency_graph

MARKS = {
    "yes": "✅",
    "good": "✅",
    "partial": "⚠️",
    "warning": "⚠️",
    "no": "❌",
    "bad": "❌",
    "unknown": "❔",
    "n/a": "➖",  # noqa: RUF001  (a symbol, not a minus sign)
}


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split()) or " "


def fence(code: str, language: str = "") -> str:
    """A fenced code block longer than any backtick run inside the code."""
    runs = [len(m) for m in re.findall(r"`{3,}", code)]
    ticks = "`" * max(3, *(n + 1 for n in runs)) if runs else "```"
    return f"{ticks}{language}\n{code.rstrip()}\n{ticks}"


def money(amount: float, currency: str) -> str:
    if currency.upper() == "USD":
        return f"${amount:,.0f}"
    return f"{amount:,.0f} {currency}"


def score_text(score: float | None) -> str:
    if score is None:
        return "not assessed"
    shown = f"{score:g}" if isinstance(score, float) else str(score)
    return f"{shown}/10"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("integration_risk.report", "templates"),
        autoescape=False,  # Markdown, not HTML; cells and fences are escaped by filters
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        cell=cell,
        fence=fence,
        mark=lambda status: MARKS.get(str(status), str(status)),
        level=lambda score: level_of(int(score)).upper(),
        money=money,
        score=score_text,
    )
    env.globals.update(
        patterns=view.MATRIX_PATTERNS,
        pattern_titles=view.PATTERN_TITLES,
        rating=view.rating,
    )
    return env


def _risk_context(report: RiskReport) -> dict[str, Any]:
    return {
        "r": report,
        "counts": view.counts_by_level(report),
        "spofs": view.spofs(report),
        "overall": view.overall_resilience(report),
        "tiers": view.plan_tiers(report),
        "mitigations": view.mitigation_counts(report),
        "placements": {p: view.placements(report, p) for p in view.MATRIX_PATTERNS},
        "mermaid": dependency_graph(report),
        "judgement": [
            (i.name, i.needs_judgement) for i in report.integrations if i.needs_judgement
        ],
    }


def render_risk_report(report: RiskReport) -> str:
    """The Markdown of `INTEGRATION_RISK_ANALYSIS.md`."""
    return environment().get_template("risk_report.md.j2").render(_risk_context(report))


def render_failure_analysis(analysis: FailureAnalysis, title: str) -> str:
    """The Markdown of `PRE_MORTEM_<slug>.md`."""
    template = environment().get_template("failure_analysis.md.j2")
    return template.render(a=analysis, title=title)
