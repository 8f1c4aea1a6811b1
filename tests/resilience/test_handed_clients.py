"""A client handed in by the caller: a call on a parameter uses whatever client the callers
in the same file or directory pass, built right in the call or just before it, followed
through functions that pass the parameter on unchanged."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned


def _verdicts(root: object, ident: str, path: str, line: int) -> dict[str, str]:
    result = analyze(root, [scanned(ident, [(path, line)], "call")], use_cache=False)[ident]  # type: ignore[arg-type]
    return {p: v.verdict for p, v in result.verdicts.items()}


_HTTP_FACTORY = (
    "<?php\nnamespace Shop\\Net;\n\nuse GuzzleHttp\\Client;\n\n"
    "class HttpFactory\n{\n"
    "    public function make(int $timeout, array $options = []): Client\n    {\n"
    "        return new Client(array_merge($options, ['timeout' => $timeout]));\n"
    "    }\n}\n"
)

_DISCOVERY = (
    "<?php\nnamespace Shop\\Sso;\n\nuse Psr\\Http\\Client\\ClientInterface;\n"
    "use GuzzleHttp\\Psr7\\Request;\n\n"
    "class Discovery\n{\n"
    "    public function discover(ClientInterface $client, string $issuer): array\n    {\n"
    "        return $this->keys($issuer . '/keys', $client);\n"
    "    }\n\n"
    "    protected function keys(string $uri, ClientInterface $client): array\n    {\n"
    "        $response = $client->sendRequest(new Request('GET', $uri));\n"  # line 16
    "        return json_decode((string) $response->getBody(), true);\n"
    "    }\n}\n"
)


def test_a_client_a_caller_in_the_same_directory_builds_with_a_timeout(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/Net/HttpFactory.php": _HTTP_FACTORY,
            "src/Sso/Discovery.php": _DISCOVERY,
            "src/Sso/SsoService.php": (
                "<?php\nnamespace Shop\\Sso;\n\nuse Shop\\Net\\HttpFactory;\n\n"
                "class SsoService\n{\n"
                "    public function __construct(private HttpFactory $http) {}\n\n"
                "    public function settings(Discovery $discovery): array\n    {\n"
                "        return $discovery->discover($this->http->make(5), 'https://id.example');\n"
                "    }\n}\n"
            ),
        }
    )
    assert _verdicts(root, "oidc", "src/Sso/Discovery.php", 16)["timeout"] == "yes"


def test_a_caller_that_hands_in_a_client_without_its_timeout_gives_none(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/Net/HttpFactory.php": _HTTP_FACTORY.replace(
                "int $timeout, array", "array"
            ).replace("'timeout' => $timeout", "'verify' => true"),
            "src/Sso/Discovery.php": _DISCOVERY,
            "src/Sso/SsoService.php": (
                "<?php\nnamespace Shop\\Sso;\n\nuse Shop\\Net\\HttpFactory;\n\n"
                "class SsoService\n{\n"
                "    public function __construct(private HttpFactory $http) {}\n\n"
                "    public function settings(Discovery $discovery): array\n    {\n"
                "        return $discovery->discover($this->http->make([]), 'https://id.example');\n"
                "    }\n}\n"
            ),
        }
    )
    assert _verdicts(root, "oidc", "src/Sso/Discovery.php", 16)["timeout"] == "no"


def test_a_go_client_built_by_the_caller_of_the_package(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "feeds/fetch.go": (
                "package feeds\n\n"
                'import "net/http"\n\n'
                "func fetch(client *http.Client, url string) (*http.Response, error) {\n"
                '\treq, _ := http.NewRequest("GET", url, nil)\n'
                "\treturn client.Do(req)\n"  # line 7
                "}\n"
            ),
            "feeds/poll.go": (
                "package feeds\n\n"
                'import (\n\t"net/http"\n\t"time"\n)\n\n'
                "func Poll(url string) error {\n"
                "\tclient := &http.Client{Timeout: 20 * time.Second}\n"
                "\t_, err := fetch(client, url)\n"
                "\treturn err\n"
                "}\n"
            ),
        }
    )
    assert _verdicts(root, "feed-fetch", "feeds/fetch.go", 7)["timeout"] == "yes"


def test_a_session_built_in_another_directory_is_not_followed(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/sync/pull.py": (
                "def pull(session, url):\n    return session.get(url)\n"  # line 2
            ),
            "app/jobs/nightly.py": (
                "import requests\n"
                "from app.sync.pull import pull\n\n"
                "def nightly():\n"
                "    session = requests.Session()\n"
                "    session.request = partial(session.request, timeout=9)\n"
                "    return pull(session, 'https://api.example.com')\n"
            ),
        }
    )
    assert _verdicts(root, "example-api", "app/sync/pull.py", 2)["timeout"] == "no"


def test_a_python_session_handed_on_through_a_helper_of_the_same_file(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/sync/pull.py": (
                "import requests\n\n"
                "def pull(session, url):\n"
                "    return session.get(url)\n\n"  # line 4
                "def pull_all(session, urls):\n"
                "    return [pull(session, u) for u in urls]\n"
            ),
            "app/sync/run.py": (
                "import requests\n"
                "from requests.adapters import HTTPAdapter, Retry\n"
                "from app.sync.pull import pull_all\n\n"
                "def run(urls):\n"
                "    session = make_session(retries=Retry(total=3, backoff_factor=1))\n"
                "    return pull_all(session, urls)\n"
            ),
        }
    )
    assert _verdicts(root, "example-api", "app/sync/pull.py", 4)["retry"] == "yes"


def test_a_settings_function_configures_the_client_its_caller_builds(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "packages/db/url.ts": (
                "export const databaseUrl = () => {\n"
                "  if (process.env.PG_URL) {\n"  # line 2
                "    return process.env.PG_URL;\n"
                "  }\n"
                "  return 'postgres://localhost/app';\n"
                "};\n"
            ),
            "packages/db/client.ts": (
                "import { OrmClient } from 'orm';\n"
                "import { databaseUrl } from './url';\n\n"
                "export const db = new OrmClient({\n"
                "  url: databaseUrl(),\n"
                "  statementTimeout: 10000,\n"
                "});\n"
            ),
        }
    )
    verdicts = _verdicts(root, "postgresql", "packages/db/url.ts", 2)
    assert verdicts["timeout"] == "yes"


def test_a_settings_function_whose_value_is_only_logged_configures_nothing(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "packages/db/url.ts": (
                "export const databaseUrl = () => {\n"
                "  if (process.env.PG_URL) {\n"  # line 2
                "    return process.env.PG_URL;\n"
                "  }\n"
                "  return 'postgres://localhost/app';\n"
                "};\n"
            ),
            "packages/db/banner.ts": (
                "import { databaseUrl } from './url';\n\n"
                "export const banner = (timeout: number) => {\n"
                "  console.log(databaseUrl(), timeout);\n"
                "};\n"
            ),
        }
    )
    assert _verdicts(root, "postgresql", "packages/db/url.ts", 2)["timeout"] == "no"


def test_a_sibling_calling_a_common_method_name_hands_in_nothing(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/hooks/sender.py": (
                "class Sender:\n"
                "    def send(self, session, url):\n"
                "        return session.post(url)\n"  # line 3
            ),
            "app/hooks/mailer.py": (
                "def notify(mailer):\n    mailer.send(build_smtp(timeout=30), 'hello')\n"
            ),
        }
    )
    assert _verdicts(root, "example-api", "app/hooks/sender.py", 3)["timeout"] == "no"
