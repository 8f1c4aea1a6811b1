"""Does a caller's error handler keep a call's error from reaching the job that runs it?
A handler that drops the error, logs it or returns a value absorbs what it catches: a
bare or broad one (`rescue => e`, `except Exception`, JavaScript's `catch (e)`) catches
everything, a typed one the project's own error classes (`rescue Failure` where the
project declares `Failure` and wraps the network errors in it). A library's type
(`rescue ActiveRecord::RecordNotFound`) lets the network error through."""

from __future__ import annotations

import re

from integration_risk.resilience.errorforms import handling_at
from integration_risk.resilience.languages import family_of
from integration_risk.resilience.workspace import Workspace

_ABSORBING = frozenset({"swallow", "logged", "fallback"})
_BROAD = frozenset({"Exception", "BaseException", "StandardError", "Throwable", "Error", "Object"})
_RUBY = re.compile(r"\brescue\b\s*([^=\n]*?)\s*(?:=>|\bthen\b|$)")
_PYTHON = re.compile(r"\bexcept\b\s*([^:]*?)\s*(?:\bas\s+\w+\s*)?:")
_CATCH = re.compile(r"\bcatch\b\s*(?:\(\s*([^)]*)\))?")
_NAME = re.compile(r"[A-Za-z_][\w:.\\]*")


def caught_types(text: str, language: str) -> list[str] | None:
    """Short names of the types a handler line catches; [] for a bare or untyped one;
    None when the line shows no handler."""
    pattern = {"ruby": _RUBY, "python": _PYTHON}.get(language, _CATCH)
    match = pattern.search(text)
    if match is None:
        return None
    clause = (match.group(1) or "").strip().strip("()")
    if language not in ("ruby", "python"):  # `IOException | TimeoutException e`, `Exception $e`
        clause = re.sub(r"\s+\$?\w+\s*$", "", clause) if " " in clause.strip() else clause
        if family_of(language) == "javascript":
            return []
    names = [re.split(r"::|\.|\\", name)[-1] for name in _NAME.findall(clause)]
    return [name for name in names if name]


def absorbed(workspace: Workspace, path: str, line: int) -> bool:
    """Is the call on `line` inside a handler that drops, logs or replaces its error?"""
    source = workspace.file(path)
    if source is None or source.facts is None:
        return False
    kind, handler, _ = handling_at(source.facts, source.lines, line, line)
    if kind not in _ABSORBING or handler is None or not 0 < handler <= len(source.lines):
        return False
    types = caught_types(source.lines[handler - 1], source.facts.language)
    if types is None:
        return source.facts.language in ("rust", "elixir")  # arms written as expressions
    if not types or _BROAD & set(types):
        return True
    own = workspace.text_index().class_names()
    return all(name in own for name in types)
