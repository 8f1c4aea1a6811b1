"""An error handler that ends the process (`log.Fatalf`, `sys.exit`, `process.exit`, `die`)
neither swallows the error nor falls back: the failure is loud. A handler that only logs
still drops the error."""

from __future__ import annotations

import pytest

from integration_risk.models.callsites import CallSiteVerdict
from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.test_unknowns_and_settings import integration

_CASES = [
    (
        "cmd/install.go",
        'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\n'
        "func install(url string) {\n"
        "\tif _, err := http.Get(url); err != nil {\n"
        '\t\tlog.Fatalf("install: %v", err)\n'
        "\t}\n}\n",
        9,
        "yes",
    ),
    (
        "app/sync.py",
        "import sys\nimport requests\n\n\ndef sync(url):\n"
        "    try:\n        requests.get(url, timeout=5)\n"
        "    except requests.RequestException:\n        sys.exit(1)\n",
        7,
        "no",
    ),
    (
        "src/seed.js",
        "const axios = require('axios');\n\nasync function seed(url) {\n"
        "  try {\n    await axios.get(url);\n  } catch (e) {\n"
        "    process.exit(1);\n  }\n}\n",
        5,
        "no",
    ),
    (
        "bin/import.php",
        "<?php\nfunction fetchAll($client, $url) {\n"
        "    try {\n        return $client->request('GET', $url);\n"
        "    } catch (Exception $e) {\n        die('import failed');\n    }\n}\n",
        4,
        "no",
    ),
]


def _verdicts(
    make_tree: TreeBuilder, path: str, code: str, line: int
) -> dict[str, CallSiteVerdict]:
    root = make_tree({path: code})
    result = analyze_sites(root, [integration("api", (path, line, "call"))], use_cache=False)
    return result["api"].resilience.verdicts


@pytest.mark.parametrize(("path", "code", "line", "logged"), _CASES)
def test_a_handler_that_ends_the_process_stops_on_the_error(
    make_tree: TreeBuilder, path: str, code: str, line: int, logged: str
) -> None:
    verdicts = _verdicts(make_tree, path, code, line)
    fallback = verdicts["fallback"]
    assert fallback.verdict == "no"
    assert "stops on the error" in fallback.reasons[-1], fallback.reasons
    assert verdicts["logging"].verdict == logged, verdicts["logging"].reasons


def test_a_handler_that_only_logs_still_drops_the_error(make_tree: TreeBuilder) -> None:
    path, code, line, _ = _CASES[0]
    logs_only = code.replace("log.Fatalf(", "log.Printf(")
    verdicts = _verdicts(make_tree, path, logs_only, line)
    assert "logs and drops the error" in verdicts["logging"].reasons[-1]


_CAUGHT = [
    (
        "src/Feed.java",
        "import java.net.http.HttpClient;\n\nclass Feed {\n  String get(HttpClient c, Object r) {\n"
        "    try {\n      return c.send(r, null).body();\n    } catch (Exception e) {\n"
        "      return null;\n    }\n  }\n}\n",
        6,
    ),
    (
        "Feeds/Feed.cs",
        "using System.Net.Http;\n\nclass Feed {\n  async Task<string> Get(HttpClient c, string u) {\n"
        "    try {\n      return await c.GetStringAsync(u);\n    } catch (Exception ex) {\n"
        "      return null;\n    }\n  }\n}\n",
        6,
    ),
    (
        "app/feed.py",
        "import requests\n\n\ndef get(url):\n    try:\n"
        "        return requests.get(url, timeout=5).text\n    except Exception as e:\n"
        "        return None\n",
        6,
    ),
    (
        "app/feed.rb",
        "require 'net/http'\n\ndef get(uri)\n  begin\n    Net::HTTP.get(uri)\n"
        "  rescue Exception => e\n    return nil\n  end\nend\n",
        5,
    ),
]


@pytest.mark.parametrize(("path", "code", "line"), _CAUGHT)
def test_the_type_a_handler_catches_is_no_logging(
    make_tree: TreeBuilder, path: str, code: str, line: int
) -> None:
    verdicts = _verdicts(make_tree, path, code, line)
    assert verdicts["logging"].verdict == "no", verdicts["logging"].reasons
    assert verdicts["fallback"].verdict == "yes", verdicts["fallback"].reasons
