"""Everything one source file says about the module graph; pure, so it runs in workers."""

from __future__ import annotations

from integration_risk.graph.entrypoints import find_entries
from integration_risk.graph.facts import FileFacts
from integration_risk.graph.imports import EXTRACTORS
from integration_risk.lines import LineIndex
from integration_risk.scan.languages import language_of


def graph_language(relpath: str) -> str | None:
    """The graph's language key for a path, or None when the graph does not model it."""
    language = language_of(relpath)
    return language if language in EXTRACTORS else None


def extract_facts(relpath: str, text: str) -> FileFacts | None:
    language = graph_language(relpath)
    if language is None:
        return None
    facts = FileFacts(language)
    lines = LineIndex(text)
    EXTRACTORS[language](text, lines, facts)
    facts.entries = find_entries(relpath, text, language, lines, facts.namespace)
    return facts
