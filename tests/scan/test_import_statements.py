"""One parser of import statements (`scan.imports.import_statements`) for the scan's neighbours:
resilience's bound names and the graph's Python imports (review 23, finding 7)."""

from __future__ import annotations

from integration_risk.graph.facts import FileFacts
from integration_risk.graph.imports import EXTRACTORS
from integration_risk.lines import LineIndex
from integration_risk.resilience.imported import binding_module, import_words
from integration_risk.scan.imports import import_statements, imported_from

_PARENTHESISED = (
    "from billing.clients import (  # the vendor's clients\n"
    "    LedgerClient,\n"
    "    RefundClient as Refunds,  # renamed\n"
    ")\n"
)


def _graph(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    facts = FileFacts(language="python")
    EXTRACTORS["python"](text, LineIndex(text), facts)
    return [(i.line, i.spec, i.names) for i in facts.imports]


def test_a_parenthesised_import_over_several_lines_binds_its_names() -> None:
    words = import_words(_PARENTHESISED, "python")
    assert words["LedgerClient"] == words["Refunds"] >= {"billing", "clients"}
    assert binding_module(_PARENTHESISED, "python", "Refunds") == "billing.clients"


def test_a_plain_import_with_a_comment_or_of_several_modules_binds_them() -> None:
    text = "import requests  # noqa: E402\nimport os, httpx as hx\n"
    assert set(import_words(text, "python")) == {"requests", "os", "hx"}
    assert binding_module(text, "python", "hx") == "httpx"


def test_the_graph_reads_no_comment_as_an_imported_name() -> None:
    assert _graph(_PARENTHESISED) == [(1, "billing.clients", ("LedgerClient", "RefundClient"))]


def test_the_graph_reads_plain_imports_of_a_crlf_file() -> None:
    text = "import billing.ledger\r\nfrom billing import refunds\r\n"
    assert _graph(text) == [(1, "billing.ledger", ()), (2, "billing", ("refunds",))]


def test_a_js_import_over_several_lines_binds_its_names() -> None:
    # prettier breaks a long import list over lines (review 24, F5)
    text = (
        'import {\n  HttpClient,\n  RetryPolicy as Policy,\n} from "./http";\n'
        'import { Ledger } from "./ledger";\n'
    )
    for family in ("javascript", "js"):
        assert imported_from(text, family, "HttpClient") == "./http"
        assert imported_from(text, family, "Policy") == "./http"
        assert imported_from(text, family, "Ledger") == "./ledger"
    assert [s.line for s in import_statements(text, "javascript")] == [1, 5]
    assert import_words(text, "javascript")["HttpClient"] >= {"http"}


def test_a_rust_use_group_over_several_lines_binds_its_names() -> None:
    text = "use reqwest::{\n    Client,\n    header,\n};\nuse std::io;\n"
    assert imported_from(text, "rust", "Client") == "reqwest"
    assert imported_from(text, "rust", "header") == "reqwest"
    assert [s.line for s in import_statements(text, "rust")] == [1, 5]
