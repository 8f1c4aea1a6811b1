"""Idioms of client configuration met on code the rules were not built on: settings
inside connection strings and dotted keys, a client held in a variable or field built
elsewhere in the file, a request object handed to a sending wrapper, a wrapper's timeout
passed positionally, and client libraries whose defaults bound or retry a call."""

from __future__ import annotations

import pytest

from integration_risk.models.scan import Evidence
from integration_risk.resilience import analyze, analyze_sites
from integration_risk.resilience.arguments import call_arguments, passed
from tests.conftest import TreeBuilder
from tests.resilience.test_unknowns_and_settings import integration


def _verdict(root: object, ident: str, path: str, line: int, kind: str = "call") -> dict[str, str]:
    result = analyze(root, [integration(ident, (path, line, kind))], use_cache=False)[ident]  # type: ignore[arg-type]
    return {p: v.verdict for p, v in result.verdicts.items()}


def test_a_busy_timeout_inside_a_dsn_string_is_a_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "store/db.go": (
                "package store\n\n"
                'import "database/sql"\n\n'
                "func Open(dsn string) (*sql.DB, error) {\n"
                '\treturn sql.Open("sqlite", dsn+"?_pragma=busy_timeout(7000)&_pragma=fk(0)")\n'
                "}\n"
            )
        }
    )
    assert _verdict(root, "sqlite", "store/db.go", 6)["timeout"] == "yes"


def test_a_zero_timeout_in_sql_and_a_prose_string_are_no_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/db.py": (
                "def purge(cursor):\n"
                '    cursor.execute("SET LOCAL statement_timeout=0")\n'
                '    cursor.execute("DELETE FROM events")  # the timeout is off\n'
                '    raise ValueError("the request timeout was 5 seconds")\n'
            )
        }
    )
    assert _verdict(root, "postgresql", "app/db.py", 3)["timeout"] == "no"


def test_a_dotted_settings_key_names_its_setting(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/main/java/shop/MailConfig.java": (
                "package shop;\n"
                "import java.util.Properties;\n"
                "public class MailConfig {\n"
                "    public Properties props(MailTransport transport) {\n"
                "        Properties p = new Properties();\n"
                '        p.put("mail.smtp.connectiontimeout", 4000);\n'
                "        transport.send(p);\n"
                "        return p;\n"
                "    }\n"
                "}\n"
            )
        }
    )
    verdicts = _verdict(root, "smtp", "src/main/java/shop/MailConfig.java", 7)
    assert verdicts["timeout"] == "yes"


def test_a_function_named_without_timeout_is_no_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/jobs.py": (
                "def purge(db):\n"
                "    return exec_without_timeout(db, 'DELETE FROM events')\n\n"
                "def exec_without_timeout(db, sql):\n"
                "    return db.execute(sql)\n"
            )
        }
    )
    assert _verdict(root, "postgresql", "app/jobs.py", 2)["timeout"] == "no"


def test_a_package_level_client_bounds_the_calls_made_on_it(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "hook/post.go": (
                "package hook\n\n"
                'import (\n\t"net/http"\n\t"time"\n)\n\n'
                "var shared = &http.Client{\n"
                "\tTimeout: 20 * time.Second,\n"
                "}\n\n"
                "func Post(req *http.Request) error {\n"
                "\t_, err := shared.Do(req)\n"
                "\treturn err\n"
                "}\n"
            )
        }
    )
    result = analyze_sites(
        root, [integration("webhooks", ("hook/post.go", 13, "call"))], use_cache=False
    )
    timeout = result["webhooks"].resilience.verdicts["timeout"]
    assert timeout.verdict == "yes", timeout.reasons
    assert "client `shared` built" in timeout.reasons[0]


def test_a_field_built_in_the_constructor_bounds_the_calls_made_on_it(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/Net/Fetcher.php": (
                "<?php\n"
                "namespace App\\Net;\n"
                "use Symfony\\Component\\HttpClient\\HttpClient;\n"
                "class Fetcher {\n"
                "    private $http;\n"
                "    public function __construct() {\n"
                "        $this->http = HttpClient::create(['timeout' => 12]);\n"
                "    }\n"
                "    public function page(string $url) {\n"
                "        return $this->http->request('GET', $url);\n"
                "    }\n"
                "}\n"
            )
        }
    )
    assert _verdict(root, "content-fetch", "src/Net/Fetcher.php", 10)["timeout"] == "yes"


def test_a_client_built_by_a_wrapper_with_a_positional_timeout_is_bounded(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/Http/Requests.php": (
                "<?php\n"
                "namespace App\\Http;\n"
                "class Requests {\n"
                "    public function build(int $timeout, array $options = []) {\n"
                "        return new CurlTransport(array_merge($options, ['timeout' => $timeout]));\n"
                "    }\n"
                "}\n"
            ),
            "app/Avatars.php": (
                "<?php\n"
                "namespace App;\n"
                "use App\\Http\\Requests;\n"
                "class Avatars {\n"
                "    public function __construct(protected Requests $http) {}\n"
                "    public function fetch(string $url) {\n"
                "        $client = $this->http->build(5);\n"
                "        return $client->sendRequest(new Request('GET', $url));\n"
                "    }\n"
                "    public function unbounded(string $url) {\n"
                "        $client = $this->http->build();\n"
                "        return $client->sendRequest(new Request('GET', $url));\n"
                "    }\n"
                "}\n"
            ),
        }
    )
    assert _verdict(root, "avatars", "app/Avatars.php", 8)["timeout"] == "yes"
    assert _verdict(root, "avatars", "app/Avatars.php", 12)["timeout"] == "no"


def test_a_request_object_is_protected_by_the_wrapper_that_sends_it(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "Shop/Api/IApi.cs": (
                "namespace Shop.Api {\n"
                "    public interface IApi { Task<T> Send<T>(Request request); }\n"
                "}\n"
            ),
            "Shop/Api/Api.cs": (
                "using Polly;\n"
                "namespace Shop.Api {\n"
                "    public class Api : IApi {\n"
                "        public async Task<T> Send<T>(Request request) {\n"
                "            var response = await Policy.Handle<HttpRequestException>()\n"
                "                .WaitAndRetryAsync(3, n => TimeSpan.FromSeconds(n))\n"
                "                .ExecuteAsync(() => _client.SendAsync(request.Message()));\n"
                "            return Read<T>(response);\n"
                "        }\n"
                "    }\n"
                "}\n"
            ),
            "Shop/Movies/MovieApi.cs": (
                "namespace Shop.Movies {\n"
                "    public class MovieApi {\n"
                "        private IApi Api { get; }\n"
                "        public async Task<Movie> Find(int id) {\n"
                '            var request = new Request($"movie/{id}", BaseUri, HttpMethod.Get);\n'
                '            request.AddQuery("lang", "en");\n'
                "            return await Api.Send<Movie>(request);\n"
                "        }\n"
                "    }\n"
                "}\n"
            ),
        }
    )
    assert _verdict(root, "movies", "Shop/Movies/MovieApi.cs", 5, "url")["retry"] == "yes"


@pytest.mark.parametrize(
    ("files", "ident", "path", "line", "pattern", "library"),
    [
        (
            {
                "Data/Setup.cs": (
                    "public static class Setup {\n"
                    "    public static void Configure(DbContextOptionsBuilder o, string cs) {\n"
                    "        o.UseNpgsql(cs);\n"
                    "    }\n"
                    "}\n"
                )
            },
            "postgresql",
            "Data/Setup.cs",
            3,
            "timeout",
            "Npgsql",
        ),
        (
            {
                "Mail/Sender.cs": (
                    "using MailKit.Net.Smtp;\n"
                    "public class Sender {\n"
                    "    public void Send(MimeMessage m) {\n"
                    "        using var client = new SmtpClient();\n"
                    '        client.Connect("smtp.example.com", 587);\n'
                    "        client.Send(m);\n"
                    "    }\n"
                    "}\n"
                )
            },
            "smtp",
            "Mail/Sender.cs",
            4,
            "timeout",
            "MailKit",
        ),
        (
            {
                "src/db.rs": (
                    "use sqlx::postgres::PgPoolOptions;\n"
                    "pub async fn pool(url: &str) -> sqlx::PgPool {\n"
                    "    PgPoolOptions::new().max_connections(5).connect(url).await.unwrap()\n"
                    "}\n"
                )
            },
            "postgresql",
            "src/db.rs",
            3,
            "timeout",
            "sqlx",
        ),
        (
            {
                "src/main/java/shop/Storage.java": (
                    "package shop;\n"
                    "import com.aliyun.oss.OSSClient;\n"
                    "public class Storage {\n"
                    "    public void put(String key, java.io.InputStream in) {\n"
                    "        new OSSClient(endpoint, id, secret).putObject(bucket, key, in);\n"
                    "    }\n"
                    "}\n"
                )
            },
            "aliyun-oss",
            "src/main/java/shop/Storage.java",
            5,
            "retry",
            "Aliyun OSS",
        ),
        (
            {
                "config/database.php": (
                    "<?php\n"
                    "return [\n"
                    "    'default' => env('DB_CONNECTION', 'mysql'),\n"
                    "    'connections' => ['mysql' => ['driver' => 'mysql', 'prefix_indexes' => true]],\n"
                    "];\n"
                )
            },
            "mysql",
            "config/database.php",
            4,
            "timeout",
            "pdo_mysql",
        ),
    ],
)
def test_client_library_defaults(
    make_tree: TreeBuilder,
    files: dict[str, str],
    ident: str,
    path: str,
    line: int,
    pattern: str,
    library: str,
) -> None:
    root = make_tree(files)
    result = analyze(root, [integration(ident, (path, line, "call"))], use_cache=False)[ident]
    verdict = result.verdicts[pattern]
    assert verdict.verdict == "yes", verdict.reasons
    assert verdict.reasons[-1].count("library default") or "library default" in verdict.reasons[0]
    assert library in " ".join(verdict.reasons)


def test_arguments_are_read_by_position_and_by_name() -> None:
    assert call_arguments("$c = $this->http->build(5, ['a' => 1]);", "build") == [
        "5",
        "['a' => 1]",
    ]
    assert passed("int $timeout, array $options = []", ["5"], {"timeout"}) == {"timeout"}
    assert passed("int $timeout, array $options = []", [], {"timeout"}) == set()
    assert passed("self, url, timeout=None", ["u", "timeout=3"], {"timeout"}) == {"timeout"}
    assert passed("self, url, timeout=None", ["u"], {"timeout"}) == set()
    assert passed("url, init?: { timeout?: number }", ["u", "{}"], {"timeout"}) == set()


def test_a_request_built_then_sent_on_a_package_client_gets_its_timeout(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "hook/post.go": (
                "package hook\n\n"
                'import (\n\t"net/http"\n\t"time"\n)\n\n'
                "var shared = &http.Client{Timeout: 20 * time.Second}\n\n"
                "func Post(url string) error {\n"
                '\treq, err := http.NewRequest("POST", url, nil)\n'
                "\tif err != nil {\n\t\treturn err\n\t}\n"
                '\treq.Header.Set("Content-Type", "application/json")\n'
                "\t_, err = shared.Do(req)\n"
                "\treturn err\n"
                "}\n"
            )
        }
    )
    assert _verdict(root, "webhooks", "hook/post.go", 11, "url")["timeout"] == "yes"


def test_a_typed_field_names_the_client_library(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "Shop/Api.cs": (
                "public class Api {\n"
                "    private readonly HttpClient _client;\n"
                "    public Api(HttpClient client) { _client = client; }\n"
                "    public async Task<string> Get(string url) {\n"
                "        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));\n"
                "        return await response.Content.ReadAsStringAsync();\n"
                "    }\n"
                "}\n"
            )
        }
    )
    result = analyze(root, [integration("movies", ("Shop/Api.cs", 5, "call"))], use_cache=False)
    timeout = result["movies"].verdicts["timeout"]
    assert timeout.verdict == "yes", timeout.reasons
    assert "HttpClient.Timeout defaults to 100 s" in timeout.reasons[0]


def test_a_method_inherited_from_a_base_class_in_another_file_is_followed(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "hc/transports.py": (
                "from hc import curl\n\n\n"
                "class HttpTransport:\n"
                "    @classmethod\n"
                "    def post(cls, url, json=None):\n"
                "        tries_left = 3\n"
                "        while True:\n"
                "            try:\n"
                "                return curl.request('post', url, json=json, timeout=30)\n"
                "            except OSError:\n"
                "                tries_left -= 1\n"
                "                if tries_left == 0:\n"
                "                    raise\n"
            ),
            "hc/chat.py": (
                "from hc.transports import HttpTransport\n\n\n"
                "class Chat(HttpTransport):\n"
                "    def notify(self, text):\n"
                "        self.post(self.channel.url, json={'text': text})\n"
            ),
        }
    )
    verdicts = _verdict(root, "chat", "hc/chat.py", 6)
    assert verdicts["timeout"] == "yes"
    assert verdicts["retry"] == "yes"


def test_a_django_request_session_is_no_outbound_call() -> None:
    from integration_risk.resilience.rules import vocabulary

    vocab = vocabulary()
    assert not vocab.is_network_call("request.session.get")
    assert vocab.is_network_call("self.session.get")


def test_a_handlers_req_and_a_fetch_that_reads_a_value_are_no_outbound_calls() -> None:
    from integration_risk.resilience.rules import vocabulary

    vocab = vocabulary()
    assert not vocab.is_network_call("req.json")  # the request a web handler was given
    assert not vocab.is_network_call("req.headers.get")
    assert vocab.is_network_call("Req.get")  # Elixir's Req keeps its name
    for reader in ("ENV.fetch", "Rails.cache.fetch", "Map.fetch", "Keyword.fetch!"):
        assert not vocab.is_network_call(reader), reader
    assert vocab.is_network_call("fetch")
    assert vocab.is_network_call("this.api.fetch")


def test_lines_that_only_mention_the_system_yield_to_calls(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "store/open.go": (
                "package store\n\n"
                'import "database/sql"\n\n'
                "func Open(driver, dsn string) (*sql.DB, error) {\n"
                '\tif driver == "sqlite" {\n'
                '\t\treturn sql.Open("sqlite", dsn+"?_pragma=busy_timeout(5000)")\n'
                "\t}\n"
                "\treturn nil, nil\n"
                "}\n"
            ),
            "profile/check.go": (
                "package profile\n\n"
                "func Check(driver string) bool {\n"
                '\tif driver == "sqlite" {\n\t\treturn true\n\t}\n'
                '\treturn driver == "sqlite3"\n'
                "}\n"
            ),
        }
    )
    evidence = [("profile/check.go", 4, "keyword"), ("profile/check.go", 7, "keyword")]
    item = integration("sqlite", ("store/open.go", 7, "call"), *evidence)
    result = analyze(root, [item], use_cache=False)["sqlite"]
    assert result.verdicts["timeout"].verdict == "yes", result.verdicts["timeout"].reasons


def test_rubys_retry_counts_only_for_the_begin_block_that_calls_out(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "lib/fetcher.rb": (
                "class Fetcher\n"
                "  def fetch(url)\n"
                "    retried = false\n"
                "    begin\n"
                "      ip = Resolv.getaddress(URI(url).host)\n"
                "    rescue Resolv::ResolvError\n"
                "      raise if retried\n"
                "      retried = true\n"
                "      retry\n"
                "    end\n"
                "    Net::HTTP.get(URI(url))\n"
                "  end\n"
                "\n"
                "  def post(url, body)\n"
                "    attempts = 0\n"
                "    begin\n"
                "      Net::HTTP.post(URI(url), body)\n"
                "    rescue Net::ReadTimeout\n"
                "      attempts += 1\n"
                "      retry if attempts < 3\n"
                "      raise\n"
                "    end\n"
                "  end\n"
                "end\n"
            ),
            "app/github.rb": (
                "class Github\n"
                "  def user(name)\n"
                "    fetcher = Fetcher.new\n"
                "    fetcher.fetch('https://api.github.com/users/' + name)\n"
                "  end\n"
                "end\n"
            ),
        }
    )
    assert _verdict(root, "github", "app/github.rb", 4)["retry"] == "no"
    assert _verdict(root, "github", "app/github.rb", 4)["timeout"] == "yes"  # reached: Net::HTTP
    assert _verdict(root, "chat", "lib/fetcher.rb", 17)["retry"] == "yes"


def test_a_retry_count_named_tries_is_a_retry() -> None:
    from integration_risk.resilience.rules import vocabulary

    vocab = vocabulary()
    for word in ("tries", "MAX_TRIES", "tries_left", "maxTries"):
        assert vocab.matches("retry", word), word
    for word in ("entries", "countries"):
        assert not vocab.matches("retry", word), word


def test_a_call_guarded_by_an_imported_error_type_is_a_site(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/mail.py": (
                "import time\n"
                "from smtplib import SMTPServerDisconnected\n\n\n"
                "def send(message, tries=3):\n"
                "    for attempt in range(tries):\n"
                "        try:\n"
                "            message.send()\n"
                "            return\n"
                "        except SMTPServerDisconnected:\n"
                "            time.sleep(1)\n"
                "    raise RuntimeError('gave up')\n"
            )
        }
    )
    result = analyze_sites(
        root, [integration("smtp", ("app/mail.py", 2, "import"))], use_cache=False
    )
    sites = result["smtp"].sites
    assert [(s.line, s.call) for s in sites] == [(8, "message.send")]
    assert result["smtp"].resilience.verdicts["retry"].verdict == "yes"


def test_a_project_package_named_like_a_library_is_followed(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "go.mod": "module example.com/app\n\nrequire modernc.org/sqlite v1.29.0\n",
            "store/sqlite/open.go": (
                "package sqlite\n\n"
                'import "database/sql"\n\n'
                "func NewDB(dsn string) (*sql.DB, error) {\n"
                '\treturn sql.Open("sqlite3", dsn+"?_busy_timeout=5000")\n'
                "}\n"
            ),
            "store/store.go": (
                "package store\n\n"
                'import "example.com/app/store/sqlite"\n\n'
                "func Open(dsn string) error {\n"
                "\t_, err := sqlite.NewDB(dsn)\n"
                "\treturn err\n"
                "}\n"
            ),
        }
    )
    item = integration("sqlite", ("go.mod", 3, "dependency"), ("store/store.go", 6, "call"))
    manifest = Evidence(
        path="go.mod", line=3, kind="dependency", snippet="modernc.org/sqlite v1.29.0"
    )
    item = item.model_copy(update={"evidence": [manifest, *item.evidence[1:]]})
    result = analyze(root, [item], use_cache=False)["sqlite"]
    timeout = result.verdicts["timeout"]
    assert timeout.verdict == "yes", timeout.reasons
    assert "via wrapper NewDB" in timeout.reasons[0]


def test_a_qualified_library_path_is_not_a_project_file_sharing_its_last_names(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "sdk/src/api/client.rs": (
                "pub struct Client { retries: u32 }\n"
                "impl Client {\n"
                "    pub fn new() -> Self {\n"
                "        let num_retries = 3;\n"
                "        Client { retries: num_retries }\n"
                "    }\n"
                "}\n"
            ),
            "server/src/main.rs": (
                "pub async fn fetch_spec(url: &str) -> String {\n"
                "    let client = reqwest::Client::new();\n"
                "    client.get(url).send().await.unwrap().text().await.unwrap()\n"
                "}\n"
            ),
            "server/src/spec.rs": (
                "pub fn load() -> crate::api::Client {\n    crate::api::Client::new()\n}\n"
            ),
        }
    )
    assert _verdict(root, "spec", "server/src/main.rs", 2)["retry"] == "no"


def test_a_wrapper_split_in_steps_of_one_class_is_followed_a_level_further(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/transport.py": (
                "from app import curl\n\n\n"
                "class Transport:\n"
                "    def post(self, url, body):\n"
                "        return self.request('post', url, body)\n\n"
                "    def request(self, method, url, body):\n"
                "        return self._request(method, url, body)\n\n"
                "    def _request(self, method, url, body):\n"
                "        return curl.request(method, url, data=body, timeout=30)\n"
            ),
            "app/notify.py": (
                "from app.transport import Transport\n\n\n"
                "def notify(url, text):\n"
                "    transport = Transport()\n"
                "    transport.post(url, text)\n"
            ),
            "app/other.py": ("from app.helpers import first\n\n\ndef ping(url):\n    first(url)\n"),
            "app/helpers.py": (
                "from app.more import second\n\n\ndef first(url):\n    return second(url)\n"
            ),
            "app/more.py": (
                "from app.last import third\n\n\ndef second(url):\n    return third(url)\n"
            ),
            "app/last.py": (
                "import requests\n\n\ndef third(url):\n    return requests.get(url, timeout=5)\n"
            ),
        }
    )
    assert _verdict(root, "chat", "app/notify.py", 6)["timeout"] == "yes"
    # three hops across modules stay out of reach (two levels)
    assert _verdict(root, "ping", "app/other.py", 5)["timeout"] == "no"


def test_methods_chained_on_a_builder_are_followed_into_its_package(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "internal/client/builder.go": (
                "package client\n\n"
                'import (\n\t"net/http"\n\t"time"\n)\n\n'
                "type Builder struct{ url string }\n\n"
                "func NewBuilder(url string) *Builder { return &Builder{url: url} }\n\n"
                "func (b *Builder) WithJSON(v any) *Builder { return b }\n\n"
                "func (b *Builder) Do() (*http.Response, error) {\n"
                "\tc := &http.Client{Timeout: 10 * time.Second}\n"
                '\treturn c.Post(b.url, "application/json", nil)\n'
                "}\n"
            ),
            "internal/chat/chat.go": (
                "package chat\n\n"
                'import "example.com/app/internal/client"\n\n'
                "func Send(url string, msg any) error {\n"
                "\t_, err := client.NewBuilder(url).\n"
                "\t\tWithJSON(msg).\n"
                "\t\tDo()\n"
                "\treturn err\n"
                "}\n"
            ),
        }
    )
    assert _verdict(root, "chat", "internal/chat/chat.go", 6)["timeout"] == "yes"


@pytest.mark.parametrize(
    ("source", "ident", "pattern", "library"),
    [
        (
            "import { createClient } from 'redis';\nexport const c = createClient({ url });\n",
            "redis",
            "timeout",
            "node-redis",
        ),
        (
            "import { Kafka } from 'kafkajs';\nexport const k = new Kafka({ brokers });\n",
            "kafka",
            "retry",
            "kafkajs",
        ),
        (
            "import { createClient } from '@clickhouse/client';\nexport const c = createClient({ url });\n",
            "clickhouse",
            "timeout",
            "@clickhouse/client",
        ),
    ],
)
def test_node_client_defaults(
    make_tree: TreeBuilder, source: str, ident: str, pattern: str, library: str
) -> None:
    root = make_tree({"src/lib/client.ts": source})
    evidence = [("src/lib/client.ts", 1, "import"), ("src/lib/client.ts", 2, "call")]
    result = analyze(root, [integration(ident, *evidence)], use_cache=False)[ident]
    verdict = result.verdicts[pattern]
    assert verdict.verdict == "yes", verdict.reasons
    assert library in " ".join(verdict.reasons)


@pytest.mark.parametrize(
    ("source", "ident", "library"),
    [
        (
            "class Pay\n  def initialize(key)\n    @client = Stripe::StripeClient.new(key)\n  end\nend\n",
            "stripe",
            "Stripe SDK",
        ),
        (
            "class Llm\n  def initialize(token)\n    @client = ::OpenAI::Client.new(access_token: token)\n  end\nend\n",
            "openai",
            "ruby-openai",
        ),
        (
            "class Cache\n  def initialize(url)\n    @redis = Redis.new(url: url)\n  end\nend\n",
            "redis",
            "redis-rb",
        ),
    ],
)
def test_ruby_client_timeouts(
    make_tree: TreeBuilder, source: str, ident: str, library: str
) -> None:
    root = make_tree({"app/models/client.rb": source})
    result = analyze(
        root, [integration(ident, ("app/models/client.rb", 3, "call"))], use_cache=False
    )
    verdict = result[ident].verdicts["timeout"]
    assert verdict.verdict == "yes", verdict.reasons
    assert library in " ".join(verdict.reasons)


def test_a_package_named_after_the_system_is_its_client_not_its_settings_file(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "config/openbank.php": "<?php\nreturn ['url' => env('OPENBANK_URL')];\n",
            "app/Services/OpenBank/Request/Request.php": (
                "<?php\n"
                "namespace App\\Services\\OpenBank\\Request;\n"
                "use GuzzleHttp\\Client;\n"
                "class Request {\n"
                "    public function get(string $url) {\n"
                "        $client = new Client(['connect_timeout' => 3, 'timeout' => 20]);\n"
                "        return $client->request('GET', $url);\n"
                "    }\n"
                "}\n"
            ),
        }
    )
    item = integration("openbank", ("config/openbank.php", 2, "env"))
    result = analyze(root, [item], use_cache=False)["openbank"]
    timeout = result.verdicts["timeout"]
    assert timeout.verdict == "yes", timeout.reasons
    assert "app/Services/OpenBank/Request/Request.php" in timeout.reasons[0]


@pytest.mark.parametrize(
    ("source", "ident", "pattern", "library"),
    [
        (
            "defmodule App.Accounts do\n  alias App.Repo\n  def get(id) do\n    Repo.get(User, id)\n  end\nend\n",
            "postgresql",
            "timeout",
            "Ecto/Postgrex",
        ),
        (
            'defmodule App.Files do\n  def put(key, body) do\n    ExAws.S3.put_object("bucket", key, body) |> ExAws.request()\n  end\nend\n',
            "s3",
            "retry",
            "ExAws",
        ),
    ],
)
def test_elixir_client_defaults(
    make_tree: TreeBuilder, source: str, ident: str, pattern: str, library: str
) -> None:
    root = make_tree({"lib/app/client.ex": source})
    result = analyze(root, [integration(ident, ("lib/app/client.ex", 3, "call"))], use_cache=False)
    verdict = result[ident].verdicts[pattern]
    assert verdict.verdict == "yes", verdict.reasons
    assert library in " ".join(verdict.reasons)


def test_an_exaws_request_is_an_outbound_call() -> None:
    from integration_risk.resilience.rules import vocabulary

    assert vocabulary().is_network_call("ExAws.request")


@pytest.mark.parametrize(("configured", "expected"), [(True, "yes"), (False, "no")])
def test_tesla_is_bounded_by_the_adapter_the_project_configures(
    make_tree: TreeBuilder, configured: bool, expected: str
) -> None:
    files = {
        "lib/app/hooks.ex": (
            "defmodule App.Hooks do\n"
            "  def notify(url, event) do\n"
            "    [Tesla.Middleware.JSON] |> Tesla.client() |> Tesla.post(url, event)\n"
            "  end\n"
            "end\n"
        ),
        "config/config.exs": "import Config\n\nconfig :app, App.Repo, pool_size: 10\n",
    }
    if configured:
        files["config/config.exs"] += "config :tesla, adapter: Tesla.Adapter.Hackney\n"
    root = make_tree(files)
    result = analyze(
        root, [integration("webhooks", ("lib/app/hooks.ex", 3, "call"))], use_cache=False
    )
    verdict = result["webhooks"].verdicts["timeout"]
    assert verdict.verdict == expected, verdict.reasons
    assert "Tesla" in verdict.reasons[0]


@pytest.mark.parametrize(
    ("client", "call", "expected"),
    [
        # Laravel's Http facade (over Guzzle) has a 30 s request timeout by default
        ("Illuminate\\Support\\Facades\\Http", "return Http::get($url)->json();", "yes"),
        # raw Guzzle has none: its `timeout` option defaults to 0, wait forever
        ("GuzzleHttp\\Client", "return (new Client())->request('GET', $url);", "no"),
    ],
    ids=["laravel-http", "raw-guzzle"],
)
def test_only_laravels_http_client_has_a_default_timeout(
    make_tree: TreeBuilder, client: str, call: str, expected: str
) -> None:
    source = (
        f"<?php\nnamespace App\\Feeds;\nuse {client};\n"
        f"class FeedReader {{\n    public function read(string $url) {{\n        {call}\n"
        "    }\n}\n"
    )
    root = make_tree({"app/Feeds/FeedReader.php": source})
    verdicts = _verdict(root, "feed-reader", "app/Feeds/FeedReader.php", 6)
    assert verdicts["timeout"] == expected
