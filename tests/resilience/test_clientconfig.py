"""Client configuration away from the call: a session's scopes are found once per file,
and they say how a site calls out, never whether it does."""

from __future__ import annotations

import pytest

from integration_risk.resilience import _is_outbound, clientconfig
from integration_risk.resilience.clientconfig import ClientConfig
from integration_risk.resilience.sites import Scope, ScopeKind, Site
from integration_risk.resilience.workspace import Workspace
from tests.conftest import TreeBuilder

CLIENT = """import requests
from requests.adapters import HTTPAdapter

session = requests.Session()
session.mount("https://", HTTPAdapter(max_retries=3))


def first():
    return session.get("https://api.example.com/a")


def second():
    return session.post("https://api.example.com/b")
"""


def test_call_sites_of_one_file_share_its_session_scopes(
    make_tree: TreeBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree({"app/client.py": CLIENT})
    workspace = Workspace(root, use_cache=False)
    config = ClientConfig(workspace)
    searches: list[str] = []
    real = ClientConfig._mounts

    def counting(self: ClientConfig, path: str, receiver: str, text: str) -> object:
        searches.append(path)
        return real(self, path, receiver, text)

    monkeypatch.setattr(clientconfig.ClientConfig, "_mounts", counting)
    sites = [
        Site("app/client.py", 9, 9, "call", "session.get", "first", "python"),
        Site("app/client.py", 13, 13, "call", "session.post", "second", "python"),
    ]
    for site in sites:
        config.extend(site)
    workspace.close()
    assert searches == ["app/client.py"]  # the file's mounts searched for once
    labels = [[scope.label for scope in site.scopes] for site in sites]
    assert labels[0] == labels[1] == ["session `session` mounts an adapter (app/client.py:5)"]


@pytest.mark.parametrize(
    ("label", "kind", "outbound"),
    [
        ("in first", "function", True),
        ("session `x` said in a label", "function", True),  # the label text decides nothing
        ("requests.Session subclass S (app/client.py:8)", "client_config", False),
        ("a human's words", "client_config", False),
        ("a human's words", "window", False),
    ],
)
def test_outbound_is_decided_by_the_scope_kind_not_its_label(
    make_tree: TreeBuilder, label: str, kind: ScopeKind, outbound: bool
) -> None:
    root = make_tree({"app/client.py": CLIENT})
    workspace = Workspace(root, use_cache=False)
    site = Site("app/client.py", 9, 9, "call", "session.get", "first", "python")
    site.scopes.append(Scope("app/client.py", 8, 9, label, kind))
    assert _is_outbound(workspace, site) is outbound
    workspace.close()
