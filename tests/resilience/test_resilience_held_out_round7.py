"""Held-out round 7 (resil-j): an adapter built into a name before it is mounted on a
session (`adapter = HTTPAdapter(max_retries=policy)`, then `self.session.mount(prefix,
adapter)` in `__init__`) gives the session's calls in the class's other methods its retry
policy, as an adapter built inside the mount call does. Through a tiny synthetic app."""

from __future__ import annotations

from tests.conftest import TreeBuilder
from tests.resilience.test_resilience_held_out_round5 import _verdicts

_ISSUER = """import requests
from urllib3.util.retry import Retry


class CertIssuer:
    def __init__(self, base):
        self.base = base
        self.session = requests.Session()
        self.session.headers.update({"Accept": "application/json"})
        policy = Retry(total=3, backoff_factor=0.2, status_forcelist=[502, 503])
        adapter = requests.adapters.HTTPAdapter(max_retries=policy)
        self.session.mount("https://", adapter)

    def order(self, csr):
        response = self.session.post(self.base + "/orders", json={"csr": csr})
        return response.json()
"""

_PLAIN = """import requests


class CertIssuer:
    def __init__(self, base):
        self.base = base
        self.session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=4)
        self.session.mount("https://", adapter)

    def order(self, csr):
        response = self.session.post(self.base + "/orders", json={"csr": csr})
        return response.json()
"""


def test_an_adapter_named_before_its_mount_gives_the_session_its_retry(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"app/issuer.py": _ISSUER})
    verdicts = _verdicts(root, "cert-issuer", [("app/issuer.py", 15)])
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "app/issuer.py:11" in verdicts["retry"][1]


def test_an_adapter_without_a_retry_policy_gives_none(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/issuer.py": _PLAIN})
    verdicts = _verdicts(root, "cert-issuer", [("app/issuer.py", 12)])
    assert verdicts["retry"][0] == "no", verdicts["retry"]
