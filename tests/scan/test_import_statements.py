"""One parser of import statements (`scan.imports.import_statements`) for the scan's neighbours:
resilience's bound names and the graph's Python imports (review 23, finding 7)."""

from __future__ import annotations

from pathlib import Path

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


# The graph's JS/TS, Go, Java and PHP imports are read by the same parser (issue 9): what the
# graph reaches and what the call-site analysis binds come from one reading of the file.


def _facts(language: str, text: str) -> FileFacts:
    facts = FileFacts(language=language)
    EXTRACTORS[language](text, LineIndex(text), facts)
    return facts


def test_the_graph_and_the_analysis_read_one_js_statement_alike() -> None:
    text = 'import type { Opts } from "./types"\nimport {\n  Client,\n} from "./http"\n'
    statements = list(import_statements(text, "javascript"))
    assert [(s.module, s.bound, s.line, s.kind) for s in statements] == [
        ("./types", ("Opts",), 1, "type-only"),
        ("./http", ("Client",), 2, "module"),
    ]
    # `import type` is erased at compile time: no edge; a statement's line is where it starts
    assert [(i.line, i.spec) for i in _facts("js", text).imports] == [(2, "./http")]


def test_a_commented_out_require_binds_nothing() -> None:
    text = '// const axios = require("axios")\nconst got = require("got")\n'
    assert imported_from(text, "javascript", "axios") == ""
    assert imported_from(text, "javascript", "got") == "got"


def test_a_go_import_with_a_trailing_comment_binds_its_name() -> None:
    text = (
        "package cache\n\nimport (\n"
        '\t"context"\n'
        '\tredis "github.com/redis/go-redis/v9" // the client\n'
        ")\n"
    )
    assert imported_from(text, "go", "redis") == "github.com/redis/go-redis/v9"
    assert imported_from(text, "go", "context") == "context"


def test_a_parenthesis_in_a_comment_does_not_end_a_go_import_block() -> None:
    # review 25: `"fmt" // print (debug)` ended the block, hiding every later import
    text = (
        'package a\n\nimport (\n\t"fmt" // print (debug)\n'
        '\tredis "github.com/redis/go-redis/v9"\n)\n\nimport ("os")\n'
    )
    assert imported_from(text, "go", "redis") == "github.com/redis/go-redis/v9"
    assert [s.module for s in import_statements(text, "go")] == [
        "fmt",
        "github.com/redis/go-redis/v9",
        "os",
    ]


def test_a_go_string_alone_on_a_line_is_no_import() -> None:
    text = 'package conf\n\nfunc Lang() string {\n\tif ok {\n\t\treturn "en"\n\t}\n}\n'
    assert list(import_statements(text, "go")) == []
    assert imported_from(text, "go", "return") == ""


def test_php_imports_with_a_leading_backslash_a_group_or_a_function_bind_their_names() -> None:
    text = (
        "<?php\nnamespace App;\n\n"
        "use \\GuzzleHttp\\Client;\n"
        "use Psr\\Http\\Message\\{RequestInterface, ResponseInterface as Response};\n"
        "use function Sentry\\captureException;\n"
    )
    assert imported_from(text, "php", "Client") == "GuzzleHttp\\Client"
    assert imported_from(text, "php", "Response") == "Psr\\Http\\Message\\ResponseInterface"
    assert imported_from(text, "php", "captureException") == "Sentry\\captureException"
    assert "GuzzleHttp" in import_words(text, "php")["Client"]


def test_java_package_and_scala_group_imports_bind_no_name_but_reach_the_graph() -> None:
    text = "package a;\nimport com.acme.http.*;\nimport com.acme.{Client, Retry => R}\n"
    assert [(s.module, s.bound, s.kind) for s in import_statements(text, "java")] == [
        ("com.acme.http", (), "namespace"),
        ("com.acme.Client", (), "type"),
        ("com.acme.Retry", (), "type"),
    ]
    assert [i.kind for i in _facts("java", text).imports] == ["namespace", "type", "type"]


def test_the_library_words_of_a_file_include_its_global_usings(tmp_path: Path) -> None:
    from integration_risk.resilience import _library_words
    from integration_risk.resilience.workspace import Workspace

    (tmp_path / "Api.cs").write_text(
        "global using RestSharp;\nclass Api {\n  void Go() { client.Execute(request); }\n}\n"
    )
    workspace = Workspace(tmp_path, use_cache=False)
    try:
        assert "RestSharp" in _library_words(workspace, "Api.cs")
        assert workspace.imports("Api.cs", "RestSharp")
        assert not workspace.imports("Api.cs", "Rest")
    finally:
        workspace.close()
