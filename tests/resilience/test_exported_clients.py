"""A client built in another module: a call on a name the file imports from the project,
or on a Go package variable of another file of the package, is protected by what that
module's construction sets."""

from __future__ import annotations

import pytest

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned


def _verdicts(root: object, ident: str, path: str, line: int) -> dict[str, str]:
    result = analyze(root, [scanned(ident, [(path, line)], "call")], use_cache=False)[ident]  # type: ignore[arg-type]
    return {p: v.verdict for p, v in result.verdicts.items()}


# `'../lib/queue.js'`: ESM TypeScript (NodeNext) names the file the compiler emits; the
# source is `queue.ts`. `'@lib/queue'`: an alias of tsconfig's `paths`, resolved as the
# module graph resolves it (a guess from the path's last two segments found nothing).
@pytest.mark.parametrize("module", ["../lib/queue", "../lib/queue.js", "@lib/queue"])
def test_a_typescript_client_exported_by_another_module(
    make_tree: TreeBuilder, module: str
) -> None:
    root = make_tree(
        {
            "tsconfig.json": (
                '{\n  // path aliases\n  "compilerOptions": {"paths": {"@lib/*": ["./src/lib/*"]}},\n}\n'
            ),
            "src/lib/queue.ts": (
                "import { Broker } from 'broker-sdk';\n\n"
                "export const broker = new Broker(process.env.BROKER_URL ?? '', {\n"
                "  maxRetries: 4,\n"
                "  requestTimeoutMs: 5000,\n"
                "});\n"
            ),
            "src/orders/publish.ts": (
                f"import {{ broker }} from '{module}';\n\n"
                "export async function publishOrder(id: string) {\n"
                "  return broker.topics.send('orders', { id });\n"  # line 4
                "}\n"
            ),
        }
    )
    verdicts = _verdicts(root, "broker", "src/orders/publish.ts", 4)
    assert verdicts["retry"] == "yes"
    assert verdicts["timeout"] == "yes"


# `from store import cache` beside store.py: a top-level project module (the script's
# directory is on sys.path), resolved as the module graph resolves it though its name has
# no dot.
@pytest.mark.parametrize(
    ("module", "store", "caller"),
    [
        ("app.clients.store", "app/clients/store.py", "app/jobs/warm.py"),
        ("store", "worker/store.py", "worker/warm.py"),
    ],
)
def test_a_python_client_built_in_the_module_it_is_imported_from(
    make_tree: TreeBuilder, module: str, store: str, caller: str
) -> None:
    root = make_tree(
        {
            store: (
                "import redis\n\n"
                "cache = redis.Redis(host='cache', socket_timeout=2, retry_on_timeout=True)\n"
            ),
            caller: (
                f"from {module} import cache\n\n\n"
                "def warm(key, value):\n"
                "    cache.set(key, value)\n"  # line 5
            ),
        }
    )
    verdicts = _verdicts(root, "redis", caller, 5)
    assert verdicts["timeout"] == "yes"
    assert verdicts["retry"] == "yes"


def test_a_go_package_variable_built_in_another_file(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "feeds/client.go": (
                "package feeds\n\n"
                'import (\n\t"net/http"\n\t"time"\n)\n\n'
                "var feedClient = &http.Client{\n\tTimeout: 15 * time.Second,\n}\n"
            ),
            "feeds/fetch.go": (
                "package feeds\n\n"
                'import "net/http"\n\n'
                "func Fetch(url string) (*http.Response, error) {\n"
                '\treq, _ := http.NewRequest("GET", url, nil)\n'
                "\treturn feedClient.Do(req)\n"  # line 7
                "}\n"
            ),
        }
    )
    assert _verdicts(root, "feeds", "feeds/fetch.go", 7)["timeout"] == "yes"


def test_a_variable_local_to_a_function_of_another_file_is_not_the_client(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "feeds/probe.go": (
                "package feeds\n\n"
                'import (\n\t"net/http"\n\t"time"\n)\n\n'
                "func probe() {\n"
                "\tfeedClient := &http.Client{Timeout: 2 * time.Second}\n"
                "\t_ = feedClient\n"
                "}\n"
            ),
            "feeds/fetch.go": (
                "package feeds\n\n"
                'import "net/http"\n\n'
                "var feedClient = http.DefaultClient\n\n"
                "func Fetch(url string) (*http.Response, error) {\n"
                "\treturn feedClient.Get(url)\n"  # line 8
                "}\n"
            ),
        }
    )
    assert _verdicts(root, "feeds", "feeds/fetch.go", 8)["timeout"] == "no"


def test_a_name_imported_from_a_package_is_not_looked_for_in_the_project(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/vendorish/axios.ts": "export const axios = makeClient({ timeout: 1000 });\n",
            "src/api/users.ts": (
                "import axios from 'axios';\n\n"
                "export async function users() {\n"
                "  return axios.get('https://api.example.com/users');\n"  # line 4
                "}\n"
            ),
        }
    )
    assert _verdicts(root, "example-api", "src/api/users.ts", 4)["timeout"] == "no"
