"""Library defaults, round 4: widely used clients whose documented defaults were missing
(got, ky, Guzzle, Req), each through a tiny app that calls it with nothing set in code."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned


def _verdicts(root: object, item: object, ident: str) -> dict[str, tuple[str, str]]:
    result = analyze(root, [item], use_cache=False)[ident]  # type: ignore[arg-type, list-item]
    return {p: (v.verdict, " ".join(v.reasons)) for p, v in result.verdicts.items()}


_GOT = (
    'import got from "got";\n\n'
    "export async function latestRates(base: string) {\n"
    "  return got.get(`https://rates.example.org/${base}`).json();\n"  # line 4
    "}\n"
)


def test_got_retries_twice_and_sets_no_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree({"src/rates.ts": _GOT})
    item = scanned("ratesapi", [("src/rates.ts", 4)], "call")
    verdicts = _verdicts(root, item, "ratesapi")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "library default" in verdicts["retry"][1] and "got" in verdicts["retry"][1]
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]
    assert "got sets no timeout" in verdicts["timeout"][1]


def test_a_got_post_is_not_retried_by_default(make_tree: TreeBuilder) -> None:
    source = _GOT.replace("got.get(", "got.post(")
    root = make_tree({"src/rates.ts": source})
    item = scanned("ratesapi", [("src/rates.ts", 4)], "call")
    assert _verdicts(root, item, "ratesapi")["retry"][0] == "no"


def test_ky_has_its_ten_second_timeout_and_two_retries(make_tree: TreeBuilder) -> None:
    source = (
        'import ky from "ky";\n\n'
        "export async function forecast(city: string) {\n"
        "  return ky.get(`https://weather.example.org/v1/${city}`).json();\n"  # line 4
        "}\n"
    )
    root = make_tree({"src/weather.ts": source})
    item = scanned("weatherapi", [("src/weather.ts", 4)], "call")
    verdicts = _verdicts(root, item, "weatherapi")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "library default: ky: timeout 10 s" in verdicts["timeout"][1]
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "library default: ky" in verdicts["retry"][1]


def test_a_guzzle_client_names_its_missing_timeout(make_tree: TreeBuilder) -> None:
    source = (
        "<?php\n\nnamespace App\\Services;\n\nuse GuzzleHttp\\Client;\n\n"
        "class Geocoder\n{\n"
        "    public function lookup(string $q): array\n    {\n"
        "        $client = new Client();\n"
        "        $res = $client->request('GET', 'https://geo.example.org/search', "
        "['query' => ['q' => $q]]);\n"  # line 12
        "        return json_decode((string) $res->getBody(), true);\n"
        "    }\n}\n"
    )
    root = make_tree({"app/Services/Geocoder.php": source})
    item = scanned("geoapi", [("app/Services/Geocoder.php", 12)], "call")
    verdicts = _verdicts(root, item, "geoapi")
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]
    assert "Guzzle" in verdicts["timeout"][1], verdicts["timeout"]


_REQ = (
    "defmodule MyApp.Feeds do\n"
    "  def fetch(url) do\n"
    "    Req.get!(url).body\n"  # line 3
    "  end\n"
    "end\n"
)


def test_req_retries_safe_requests_by_default(make_tree: TreeBuilder) -> None:
    root = make_tree({"lib/my_app/feeds.ex": _REQ})
    item = scanned("feedsvc", [("lib/my_app/feeds.ex", 3)], "call")
    verdicts = _verdicts(root, item, "feedsvc")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "library default: Req" in verdicts["retry"][1]


def test_a_req_post_is_not_retried_by_default(make_tree: TreeBuilder) -> None:
    root = make_tree({"lib/my_app/feeds.ex": _REQ.replace("Req.get!(url)", "Req.post!(url)")})
    item = scanned("feedsvc", [("lib/my_app/feeds.ex", 3)], "call")
    assert _verdicts(root, item, "feedsvc")["retry"][0] == "no"
