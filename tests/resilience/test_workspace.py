"""The workspace's shared views of a file: the function around a line, the calls in a span."""

from __future__ import annotations

from integration_risk.resilience.workspace import Workspace
from tests.conftest import TreeBuilder

SOURCE = """import requests


def fetch(url):
    response = requests.get(url, timeout=5)
    return response.json()


def main():
    fetch("https://api.example.com")
"""


def test_function_at_and_calls_in_span(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/fetch.py": SOURCE})
    workspace = Workspace(root, use_cache=False)
    assert workspace.function_at("app/fetch.py", 5) == ("fetch", 4, 6)
    assert workspace.function_at("app/fetch.py", 1) is None  # module level
    assert workspace.function_at("app/missing.py", 1) is None
    calls = workspace.calls_in("app/fetch.py", 4, 6)
    assert calls == ((5, "requests.get"), (6, "response.json"))
    assert workspace.calls_in("app/fetch.py", 4, 6) is calls  # listed once per run
    assert workspace.calls_in("app/fetch.py", 9, 10) == ((10, "fetch"),)
    assert workspace.calls_in("app/missing.py", 1, 9) == ()
    workspace.close()
