"""Held-out round 5 (resil-h): a project-wide axios timeout, SDK defaults (slack_sdk's
connection retry, pdpyras, the jira client, Elixir's amqp and brod, Exposed), Req requests
built in one function and sent by another, Go clients held in another package's variable,
and Markdown that is no circuit breaker. Each through a tiny synthetic app."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TreeBuilder
from tests.resilience.builders import verdicts_of


def _verdicts(
    root: Path, ident: str, spots: list[tuple[str, int]], category: str = "http-api"
) -> dict[str, tuple[str, str]]:
    return verdicts_of(root, ident, spots, "call", category)


_NOTIFY = (
    'const axios = require("axios");\n\n'
    "async function notify(token, chat, text) {\n"
    "  const params = { chat_id: chat, text, parse_mode: 'MarkdownV2' };\n"
    "  await axios.post(`https://chat.example.org/bot${token}/send`, params);\n"  # line 5
    "}\n\nmodule.exports = { notify };\n"
)
_SERVER = (
    'const axios = require("axios");\n\n'
    "class Server {\n"
    "  constructor() {\n"
    "    axios.defaults.timeout = 300 * 1000;\n"  # line 5
    "  }\n}\n\nmodule.exports = Server;\n"
)


def test_axios_defaults_timeout_set_by_the_project_bounds_its_calls(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"server/notify.js": _NOTIFY, "server/server.js": _SERVER})
    verdicts = _verdicts(root, "chatapi", [("server/notify.js", 5)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "set at server/server.js:5" in verdicts["timeout"][1]
    # `parse_mode: 'MarkdownV2'` marks nothing down
    assert verdicts["circuit_breaker"][0] == "no", verdicts["circuit_breaker"]


def test_a_zero_axios_default_is_no_timeout(make_tree: TreeBuilder) -> None:
    server = _SERVER.replace("300 * 1000", "0")
    root = make_tree({"server/notify.js": _NOTIFY, "server/server.js": server})
    verdicts = _verdicts(root, "chatapi", [("server/notify.js", 5)])
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


def test_a_mark_down_call_is_still_a_breaker(make_tree: TreeBuilder) -> None:
    source = (
        'const axios = require("axios");\n\n'
        "async function ping(node) {\n"
        "  try {\n"
        "    await axios.get(node.url, { timeout: 2000 });\n"  # line 5
        "  } catch (err) {\n"
        "    node.markDown();\n"
        "  }\n}\n\nmodule.exports = { ping };\n"
    )
    root = make_tree({"server/ping.js": source})
    verdicts = _verdicts(root, "nodes", [("server/ping.js", 5)])
    assert verdicts["circuit_breaker"][0] == "yes", verdicts["circuit_breaker"]


def test_slack_sdk_retries_a_connection_error_once(make_tree: TreeBuilder) -> None:
    source = (
        "from slack_sdk import WebClient\n\n\n"
        "def post(token, channel, text):\n"
        "    client = WebClient(token=token)\n"
        "    return client.chat_postMessage(channel=channel, text=text)\n"  # line 6
    )
    root = make_tree({"app/slack.py": source})
    verdicts = _verdicts(root, "slack", [("app/slack.py", 6)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "ConnectionErrorRetryHandler" in verdicts["retry"][1]


def test_pdpyras_sessions_time_out_and_retry(make_tree: TreeBuilder) -> None:
    source = (
        "from pdpyras import APISession\n\n\n"
        "def oncall(api_key, service_id):\n"
        "    session = APISession(api_key)\n"
        '    return session.rget(f"/services/{service_id}")\n'  # line 6
    )
    root = make_tree({"app/paging.py": source})
    verdicts = _verdicts(root, "pagerduty", [("app/paging.py", 6)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "pdpyras" in verdicts["timeout"][1]
    assert verdicts["retry"][0] == "yes", verdicts["retry"]


_JIRA = (
    "import requests\n"
    "from jira import JIRA\n\n\n"
    "def open_ticket(url, user, token, fields):\n"
    "    client = JIRA(url, basic_auth=(user, token))\n"
    "    return client.create_issue(fields=fields)\n"  # line 7
    "\n\n"
    "def lookup(url, email):\n"
    '    return requests.get(f"{url}/rest/api/2/user/search?query={email}").json()\n'  # line 11
)


def test_the_jira_client_retries_but_sets_no_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/tickets.py": _JIRA.split("\n\n\ndef lookup")[0] + "\n"})
    verdicts = _verdicts(root, "jira", [("app/tickets.py", 7)])
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "ResilientSession" in verdicts["retry"][1]
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


def test_a_plain_requests_call_beside_the_jira_client_gets_no_jira_retry(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"app/tickets.py": _JIRA})
    verdicts = _verdicts(root, "jira", [("app/tickets.py", 2), ("app/tickets.py", 11)])
    assert verdicts["retry"][0] == "no", verdicts["retry"]


def test_elixir_amqp_and_brod_defaults(make_tree: TreeBuilder) -> None:
    amqp = (
        "defmodule MyApp.Publisher do\n"
        "  alias AMQP.Basic\n\n"
        "  def publish(channel, payload) do\n"
        '    Basic.publish(channel, "events", "created", payload)\n'  # line 5
        "  end\nend\n"
    )
    brod = (
        "defmodule MyApp.Stream do\n"
        "  def publish(client, topic, value) do\n"
        '    :brod.produce_sync(client, topic, 0, "key", value)\n'  # line 3
        "  end\nend\n"
    )
    root = make_tree({"lib/my_app/publisher.ex": amqp, "lib/my_app/stream.ex": brod})
    rabbit = _verdicts(root, "rabbitmq", [("lib/my_app/publisher.ex", 5)], "queue")
    assert rabbit["timeout"][0] == "yes", rabbit["timeout"]
    assert "connection_timeout 60 s" in rabbit["timeout"][1]
    kafka = _verdicts(root, "kafka", [("lib/my_app/stream.ex", 3)], "queue")
    assert kafka["timeout"][0] == "yes", kafka["timeout"]
    assert kafka["retry"][0] == "yes", kafka["retry"]
    assert "brod" in kafka["retry"][1]


def test_exposed_transactions_are_retried(make_tree: TreeBuilder) -> None:
    source = (
        "package app.db\n\n"
        "import org.jetbrains.exposed.v1.jdbc.Database\n"
        "import org.jetbrains.exposed.v1.jdbc.transactions.transaction\n\n"
        "object Books {\n"
        "    fun connect(url: String, user: String, pass: String): Database =\n"
        '        Database.connect(url, "org.postgresql.Driver", user = user, password = pass)\n'
        "\n"
        "    fun count(db: Database): Long = transaction(db) { BookTable.selectAll().count() }\n"
        "}\n"
    )
    root = make_tree({"src/main/kotlin/app/db/Books.kt": source})
    verdicts = _verdicts(root, "postgresql", [("src/main/kotlin/app/db/Books.kt", 8)], "database")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "Exposed" in verdicts["retry"][1]


_LOOPS = (
    "defmodule MyApp.Mailer.Api do\n"
    '  @base_url "https://mail.example.org/api/v1"\n\n'
    "  def send_mail(params, key) do\n"
    '    [json: params, url: "/send", auth: {:bearer, key}]\n'
    "    |> base_req()\n"
    "    |> Req.post()\n"
    "  end\n\n"
    "  defp base_req(opts) do\n"
    "    [base_url: @base_url]\n"  # line 11
    "    |> Req.new()\n"
    "    |> Req.merge(opts)\n"
    "  end\nend\n"
)


def test_a_req_builder_whose_file_only_posts_gets_no_default_retry(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"lib/my_app/mailer/api.ex": _LOOPS})
    verdicts = _verdicts(root, "mailapi", [("lib/my_app/mailer/api.ex", 11)])
    assert verdicts["retry"][0] == "no", verdicts["retry"]
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]


def test_a_req_builder_whose_file_gets_keeps_the_default_retry(make_tree: TreeBuilder) -> None:
    root = make_tree({"lib/my_app/mailer/api.ex": _LOOPS.replace("Req.post()", "Req.get()")})
    verdicts = _verdicts(root, "mailapi", [("lib/my_app/mailer/api.ex", 11)])
    assert verdicts["retry"][0] == "yes", verdicts["retry"]


_GO_MOD = "module example.com/drive\n\ngo 1.22\n"
_GO_BASE = (
    "package base\n\n"
    "import (\n"
    '\t"net/http"\n'
    '\t"time"\n\n'
    '\t"github.com/go-resty/resty/v2"\n'
    ")\n\n"
    "var (\n"
    "\tRestyClient *resty.Client\n"
    "\tHTTPClient  *http.Client\n"
    ")\n\n"
    "func InitClient() {\n"
    "\tRestyClient = NewRestyClient()\n"
    "\tHTTPClient = &http.Client{Timeout: time.Hour}\n"
    "}\n\n"
    "func NewRestyClient() *resty.Client {\n"
    "\treturn resty.New().SetRetryCount(3).SetTimeout(30 * time.Second)\n"
    "}\n"
)
_GO_DRIVER = (
    "package cloud\n\n"
    "import (\n"
    '\t"net/http"\n\n'
    '\t"example.com/drive/drivers/base"\n'
    '\t"github.com/go-resty/resty/v2"\n'
    ")\n\n"
    "type Cloud struct{ token string }\n\n"
    "func (d *Cloud) request(url string, callback func(req *resty.Request)) ([]byte, error) {\n"
    "\treq := base.RestyClient.R()\n"
    '\treq.SetHeader("Authorization", d.token)\n'
    "\tcallback(req)\n"
    "\tres, err := req.Post(url)\n"
    "\tif err != nil {\n\t\treturn nil, err\n\t}\n"
    "\treturn res.Body(), nil\n"
    "}\n\n"
    "func (d *Cloud) List() ([]byte, error) {\n"
    '\treturn d.request("https://api.cloud.example.org/list", func(req *resty.Request) {\n'  # 24
    '\t\treq.SetBody("{}")\n'
    "\t})\n"
    "}\n\n"
    "func (d *Cloud) Upload(url string) error {\n"
    '\treq, err := http.NewRequest("PUT", url, nil)\n'  # line 30
    "\tif err != nil {\n\t\treturn err\n\t}\n"
    "\t_, err = base.HTTPClient.Do(req)\n"
    "\treturn err\n"
    "}\n"
)
# A project function named like the closure's parameter: `req.SetBody` is no call of it.
_GO_WEBDAV = (
    "package webdav\n\n"
    'import "net/http"\n\n'
    "type Client struct{ c *http.Client }\n\n"
    "func (c *Client) req(method, path string) (*http.Response, error) {\n"
    "\tretries := 5\n"
    "\tfor i := 0; i < retries; i++ {\n"
    "\t}\n"
    "\treturn nil, nil\n"
    "}\n"
)


def test_a_go_client_held_in_another_packages_variable(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "go.mod": _GO_MOD,
            "drivers/base/client.go": _GO_BASE,
            "drivers/cloud/driver.go": _GO_DRIVER,
            "pkg/webdav/client.go": _GO_WEBDAV,
        }
    )
    listed = _verdicts(root, "cloudapi", [("drivers/cloud/driver.go", 24)])
    assert listed["timeout"][0] == "yes", listed["timeout"]
    assert "client `base.RestyClient` built at drivers/base/client.go:16" in listed["timeout"][1]
    assert listed["retry"][0] == "yes", listed["retry"]
    assert "SetRetryCount" in listed["retry"][1]
    assert "pkg/webdav" not in listed["retry"][1]
    uploaded = _verdicts(root, "cloudapi", [("drivers/cloud/driver.go", 30)])
    assert uploaded["timeout"][0] == "yes", uploaded["timeout"]
    assert "base.HTTPClient" in uploaded["timeout"][1]
    assert uploaded["retry"][0] == "no", uploaded["retry"]


def test_a_go_package_is_found_under_its_module_path_in_a_subdirectory(
    make_tree: TreeBuilder,
) -> None:
    # the import path resolves as the module graph resolves it (go.mod module path +
    # package directory), not by the longest tail of the path that is a project folder
    root = make_tree(
        {
            "backend/go.mod": _GO_MOD,
            "backend/drivers/base/client.go": _GO_BASE,
            "backend/drivers/cloud/driver.go": _GO_DRIVER,
        }
    )
    listed = _verdicts(root, "cloudapi", [("backend/drivers/cloud/driver.go", 24)])
    assert "built at backend/drivers/base/client.go:16" in listed["timeout"][1]
    assert listed["retry"][0] == "yes", listed["retry"]


def test_another_modules_package_is_not_the_project_folder_of_the_same_name(
    make_tree: TreeBuilder,
) -> None:
    vendor = "github.com/acme/cloud-sdk/drivers/base"
    root = make_tree(
        {
            "go.mod": _GO_MOD,
            "drivers/base/client.go": _GO_BASE,
            "drivers/cloud/driver.go": _GO_DRIVER.replace("example.com/drive/drivers/base", vendor),
        }
    )
    listed = _verdicts(root, "cloudapi", [("drivers/cloud/driver.go", 24)])
    assert "drivers/base/client.go" not in listed["timeout"][1], listed["timeout"]
    assert "SetRetryCount" not in listed["retry"][1], listed["retry"]


_SETTINGS_KT = (
    "package app.config\n\n"
    "class Settings {\n"
    "    fun mapSetting(key: String) = MapSetting<String, String>(\n"
    "        key = key,\n"
    "        defaultValue = emptyMap(),\n"
    "    )\n\n"
    "    val databaseUrl: String by StringSetting(\n"
    "        protoNumber = 70,\n"
    '        defaultValue = "postgresql://localhost:5432/app",\n'  # line 11
    "    )\n"
    "}\n"
)
_POOL_KT = (
    "package app.db\n\n"
    "import com.zaxxer.hikari.HikariConfig\n"
    "import com.zaxxer.hikari.HikariDataSource\n"
    "import org.jetbrains.exposed.v1.jdbc.Database\n\n"
    "object Pool {\n"
    "    fun source(url: String): HikariDataSource {\n"
    "        val config = HikariConfig().apply {\n"  # line 9
    '            jdbcUrl = "jdbc:$url"\n'
    '            driverClassName = "org.postgresql.Driver"\n'
    "            connectionTimeout = 45_000\n"
    "        }\n"
    "        return HikariDataSource(config)\n"
    "    }\n\n"
    "    fun connect(url: String): Database = Database.connect(source(url))\n"
    "}\n"
)


def test_a_named_argument_of_a_top_level_call_is_no_constant(make_tree: TreeBuilder) -> None:
    """`defaultValue = "postgresql://.."` inside a delegate's call is an argument: the other
    `defaultValue = emptyMap()` of the file is no use of it. The pool's file imports
    Exposed, whose transactions retry."""
    root = make_tree(
        {
            "src/main/kotlin/app/config/Settings.kt": _SETTINGS_KT,
            "src/main/kotlin/app/db/Pool.kt": _POOL_KT,
        }
    )
    spots = [("src/main/kotlin/app/config/Settings.kt", 11), ("src/main/kotlin/app/db/Pool.kt", 11)]
    verdicts = _verdicts(root, "postgresql", spots, "database")
    assert "emptyMap" not in " ".join(v[1] for v in verdicts.values())
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "Exposed" in verdicts["retry"][1]


def test_a_construction_takes_no_other_systems_library_from_its_files_imports(
    make_tree: TreeBuilder,
) -> None:
    source = (
        "from imap_tools import MailBox\n"
        "from tika_client import TikaClient\n\n\n"
        "def body_text(url, html):\n"
        "    with TikaClient(tika_url=url) as client:\n"  # line 6
        "        return client.tika.as_text.from_buffer(html)\n"
    )
    root = make_tree({"app/mail.py": source})
    verdicts = _verdicts(root, "tika", [("app/mail.py", 6)])
    assert "imap" not in verdicts["timeout"][1].lower(), verdicts["timeout"]


_BEHAVIOUR = (
    "defmodule MyApp.Sinks.Queue do\n"
    "  @callback publish(term()) :: :ok | {:error, term()}\n\n"
    "  @module Application.compile_env(:my_app, :queue_module, MyApp.Sinks.Queue.Client)\n\n"
    "  def publish(message), do: @module.publish(message)\n"
    "end\n"
)
_READER = (
    "defmodule MyApp.Sinks.Cache do\n"
    "  def store(message), do: impl().store(message)\n\n"
    "  defp impl, do: Application.get_env(:my_app, :cache_module, MyApp.Sinks.CacheStore.Client)\n"
    "end\n"
)
_IMPLEMENTATION = (
    "defmodule {module} do\n"
    "  @max_retry_count 5\n\n"
    "  def {function}(message), do: do_send(message, 0)\n\n"
    "  defp do_send(message, attempt) when attempt <= @max_retry_count do\n"
    "    case :gen_tcp.send(:queue, message) do\n"
    "      :ok -> :ok\n"
    "      {{:error, _}} ->\n"
    "        :timer.sleep(200 * attempt)\n"
    "        do_send(message, attempt + 1)\n"
    "    end\n"
    "  end\n\n"
    "  defp do_send(_message, _attempt), do: {{:error, :gave_up}}\n"
    "end\n"
)
_PIPELINE = (
    "defmodule MyApp.Pipeline do\n"
    "  alias MyApp.Sinks.Cache\n"
    "  alias MyApp.Sinks.Queue\n\n"
    "  def handle_batch(messages) do\n"
    "    Enum.each(messages, &Queue.publish/1)\n"
    "    Queue.publish(messages)\n"  # line 7
    "    Cache.store(messages)\n"  # line 8
    "  end\n"
    "end\n"
)


def test_an_elixir_behaviour_runs_its_default_implementation(make_tree: TreeBuilder) -> None:
    """`@module.publish(..)` with `@module Application.compile_env(.., Default)` and
    `impl().store(..)` reach the default module's function and its own retrying helper."""
    root = make_tree(
        {
            "lib/my_app/sinks/queue.ex": _BEHAVIOUR,
            "lib/my_app/sinks/queue/client.ex": _IMPLEMENTATION.format(
                module="MyApp.Sinks.Queue.Client", function="publish"
            ),
            "lib/my_app/sinks/cache.ex": _READER,
            "lib/my_app/sinks/cache_store/client.ex": _IMPLEMENTATION.format(
                module="MyApp.Sinks.CacheStore.Client", function="store"
            ),
            "lib/my_app/pipeline.ex": _PIPELINE,
        }
    )
    queue = _verdicts(root, "queueapi", [("lib/my_app/pipeline.ex", 7)], "queue")
    assert queue["retry"][0] == "yes", queue["retry"]
    assert "lib/my_app/sinks/queue/client.ex" in queue["retry"][1]
    cache = _verdicts(root, "cacheapi", [("lib/my_app/pipeline.ex", 8)], "cache")
    assert cache["retry"][0] == "yes", cache["retry"]
    assert "cache_store/client.ex" in cache["retry"][1]
