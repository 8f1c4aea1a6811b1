"""A long wrapper the call runs (a 90-line `http_get`) makes the call outbound: the length
limit is for the site's own function (a router, a main that calls out for many reasons)."""

from __future__ import annotations

from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

FILLER = "".join(f"    step_{n} = {n}\n" for n in range(90))


def test_a_call_through_a_long_wrapper_is_outbound(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/net.py": (
                "import requests\n\n"
                "def http_get(url):\n" + FILLER + "    return requests.get(url, timeout=10)\n"
            ),
            "app/feeds.py": (
                "import requests\n"
                "from app.net import http_get\n\n"
                "def load(url):\n"
                "    return http_get(url)\n\n"
                "def ping(hub):\n"
                "    return requests.post(hub)\n"
            ),
        }
    )
    feeds = scanned("feeds", [("app/feeds.py", 5), ("app/feeds.py", 8)], "url", in_catalog=False)
    result = analyze_sites(root, [feeds], use_cache=False)["feeds"]
    load = next(s for s in result.sites if s.line == 5)
    assert load.outbound
    assert result.resilience.verdicts["timeout"].verdict == "yes"
