"""Library defaults, round 4: widely used clients whose documented defaults were missing
(got, ky, Guzzle, Req), each through a tiny app that calls it with nothing set in code."""

from __future__ import annotations

from integration_risk.models.scan import Evidence, Integration
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


def _imported(item: Integration, path: str, line: int, snippet: str) -> Integration:
    """The import line among the integration's evidence, as the scan reports it."""
    found = Evidence(path=path, line=line, kind="import", snippet=snippet)
    return item.model_copy(update={"evidence": [*item.evidence, found]})


def _mongo_retry(
    make_tree: TreeBuilder, path: str, source: str, line: int, imported: int
) -> tuple[str, str]:
    root = make_tree({path: source})
    item = scanned("mongodb", [(path, line)], "call", category="database")
    item = _imported(item, path, imported, source.splitlines()[imported - 1])
    return _verdicts(root, item, "mongodb")["retry"]


def test_pymongo_retries_reads_and_writes_once(make_tree: TreeBuilder) -> None:
    source = (
        "from pymongo import MongoClient\n\n"
        'client = MongoClient("mongodb://db:27017")\n\n'
        "def profile(user_id):\n"
        '    return client.app.profiles.find_one({"_id": user_id})\n'  # line 6
    )
    verdict, reason = _mongo_retry(make_tree, "app/profiles.py", source, 6, 1)
    assert verdict == "yes", reason
    assert "library default: MongoDB driver" in reason


def test_a_mongoose_model_retries_by_the_node_driver(make_tree: TreeBuilder) -> None:
    source = (
        'import mongoose from "mongoose";\n\n'
        'const Note = mongoose.model("Note", new mongoose.Schema({ text: String }));\n\n'
        "export async function notes() {\n"
        "  return Note.find({}).lean();\n"  # line 6
        "}\n"
    )
    verdict, reason = _mongo_retry(make_tree, "src/notes.ts", source, 6, 1)
    assert verdict == "yes", reason
    assert "library default: MongoDB driver" in reason


def test_a_spring_mongo_template_retries_by_the_java_driver(make_tree: TreeBuilder) -> None:
    source = (
        "package shop;\n\n"
        "import org.springframework.data.mongodb.core.MongoTemplate;\n\n"
        "public class HistoryStore {\n"
        "    private final MongoTemplate mongo;\n\n"
        "    public HistoryStore(MongoTemplate mongo) {\n"
        "        this.mongo = mongo;\n"
        "    }\n\n"
        "    public void save(Visit visit) {\n"
        "        mongo.insert(visit);\n"  # line 13
        "    }\n}\n"
    )
    verdict, reason = _mongo_retry(make_tree, "src/main/java/shop/HistoryStore.java", source, 13, 3)
    assert verdict == "yes", reason
    assert "library default: MongoDB driver" in reason


def test_the_go_mongo_driver_retries_once(make_tree: TreeBuilder) -> None:
    source = (
        "package store\n\n"
        'import (\n\t"context"\n\n\t"go.mongodb.org/mongo-driver/mongo"\n)\n\n'
        "func Save(ctx context.Context, c *mongo.Collection, doc any) error {\n"
        "\t_, err := c.InsertOne(ctx, doc)\n"  # line 10
        "\treturn err\n}\n"
    )
    verdict, reason = _mongo_retry(make_tree, "internal/store/save.go", source, 10, 6)
    assert verdict == "yes", reason
    assert "library default: MongoDB driver" in reason


def test_the_csharp_mongo_driver_retries_once(make_tree: TreeBuilder) -> None:
    source = (
        "using MongoDB.Driver;\n\n"
        "namespace Shop.Data;\n\n"
        "public class Orders(IMongoCollection<Order> orders)\n{\n"
        "    public Task Add(Order order) =>\n"
        "        orders.InsertOneAsync(order);\n"  # line 8
        "}\n"
    )
    verdict, reason = _mongo_retry(make_tree, "src/Shop/Data/Orders.cs", source, 8, 1)
    assert verdict == "yes", reason
    assert "library default: MongoDB driver" in reason


def test_slack_sdk_python_times_out_at_thirty_seconds(make_tree: TreeBuilder) -> None:
    source = (
        "import os\n\nfrom slack_sdk import WebClient\n\n"
        'client = WebClient(token=os.environ["SLACK_BOT_TOKEN"])\n\n'
        "def announce(text):\n"
        '    client.chat_postMessage(channel="#releases", text=text)\n'  # line 8
    )
    root = make_tree({"app/announce.py": source})
    item = scanned("slack", [("app/announce.py", 8)], "call", category="messaging")
    verdicts = _verdicts(root, item, "slack")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "library default: slack_sdk" in verdicts["timeout"][1]


def test_slack_web_api_node_retries_by_its_default_policy(make_tree: TreeBuilder) -> None:
    source = (
        'import { WebClient } from "@slack/web-api";\n\n'
        "const slack = new WebClient(process.env.SLACK_TOKEN);\n\n"
        "export async function notify(text: string) {\n"
        '  await slack.chat.postMessage({ channel: "#ops", text });\n'  # line 6
        "}\n"
    )
    root = make_tree({"src/notify.ts": source})
    item = scanned("slack", [("src/notify.ts", 6)], "call", category="messaging")
    item = _imported(item, "src/notify.ts", 1, source.splitlines()[0])
    verdicts = _verdicts(root, item, "slack")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "library default: @slack/web-api" in verdicts["retry"][1]
