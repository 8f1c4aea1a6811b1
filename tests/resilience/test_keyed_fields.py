"""A client field set by its key in a constructor's literal (`return &Client{httpClient:
&http.Client{Timeout: ..}}`, `{ http: axios.create({ timeout }) }`) is where the calls on
that field get their settings."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

_GO = (
    "package notify\n\n"
    'import (\n\t"bytes"\n\t"net/http"\n\t"time"\n)\n\n'
    "type Client struct {\n\tbaseURL    string\n\thttpClient *http.Client\n}\n\n"
    "func NewClient(baseURL string) *Client {\n"
    "\treturn &Client{\n"
    "\t\tbaseURL:    baseURL,\n"
    "\t\thttpClient: FIELD,\n"
    "\t}\n}\n\n"
    "func (c *Client) Send(body []byte) error {\n"
    '\treq, _ := http.NewRequest("POST", c.baseURL+"/send", bytes.NewReader(body))\n'
    "\tresp, err := c.httpClient.Do(req)\n"  # line 23
    "\tif err != nil {\n\t\treturn err\n\t}\n"
    "\treturn resp.Body.Close()\n}\n"
)


def _timeout(make_tree: TreeBuilder, files: dict[str, str], path: str, line: int) -> str:
    root = make_tree(files)
    result = analyze(root, [scanned("notify", [(path, line)], "call")], use_cache=False)
    return result["notify"].verdicts["timeout"].verdict


def test_a_go_constructor_sets_the_client_field_with_a_timeout(make_tree: TreeBuilder) -> None:
    files = {
        "pkg/notify/client.go": _GO.replace("FIELD", "&http.Client{Timeout: 10 * time.Second}")
    }
    assert _timeout(make_tree, files, "pkg/notify/client.go", 23) == "yes"


def test_a_go_field_set_to_the_default_client_has_no_timeout(make_tree: TreeBuilder) -> None:
    files = {"pkg/notify/client.go": _GO.replace("FIELD", "http.DefaultClient")}
    assert _timeout(make_tree, files, "pkg/notify/client.go", 23) == "no"


def test_an_object_literal_field_built_by_a_factory(make_tree: TreeBuilder) -> None:
    files = {
        "src/notify.ts": (
            "import axios from 'axios';\n\n"
            "export const makeNotifier = (baseURL: string) => {\n"
            "  const deps = {\n"
            "    http: axios.create({ baseURL, timeout: 4000 }),\n"
            "  };\n"
            "  return { send: (body: string) => deps.http.post('/send', body) };\n"  # line 7
            "};\n"
        )
    }
    assert _timeout(make_tree, files, "src/notify.ts", 7) == "yes"
