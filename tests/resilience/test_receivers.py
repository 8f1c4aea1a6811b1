"""Calls through a receiver whose type the calling file declares (`$this->http->get()` with
`private readonly SafeHttp $http`) reach that type's methods, marked `signal: typed-*`
in the fixture apps under tests/fixtures/resilience/<lang>."""

from __future__ import annotations

import pytest

from integration_risk.resilience import analyze, analyze_sites
from integration_risk.resilience.receivers import declared_types
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned
from tests.resilience.test_fixture_verdicts import integration, verdict
from tests.resilience.test_resilience_held_out_round4 import (
    _BASE,
    _CALLER,
    _FACTORY,
    _JAVA,
    _RETRYING,
)
from tests.resilience.test_signal_fixtures import ids, judged_at, marks

DECLARATIONS = [
    ("php", "    public function __construct(private readonly SafeHttp $http) {}", "http"),
    ("php", "    private ?\\App\\Net\\SafeHttp $http = null;", "http"),
    (
        "php",
        "    public function __construct(SafeHttp $client) {\n  $this->http = $client;",
        "http",
    ),
    ("php", "        $this->http = new SafeHttp(5);", "http"),
    ("php", "    /** @var \\App\\Net\\SafeHttp */\n    protected $http;", "http"),
    ("php", "        $this->http = app(SafeHttp::class);", "http"),
    ("java", "    private final SafeHttp http;", "http"),
    ("java", "    public FeedReader(shop.net.SafeHttp http) {", "http"),
    ("csharp", "    private readonly SafeHttp _http;", "_http"),
    ("csharp", "        _http = services.GetRequiredService<SafeHttp>();", "_http"),
    ("java", "        this.http = context.getBean(SafeHttp.class);", "http"),
    ("csharp", "    public SafeHttp Http { get; }", "Http"),
    ("typescript", "  constructor(private readonly http: SafeHttp) {}", "http"),
    ("tsx", "  private http?: SafeHttp;", "http"),
    ("javascript", "    this.http = new SafeHttp({ retries: 2 });", "http"),
    ("kotlin", "class FeedReader(private val http: SafeHttp) {", "http"),
    ("python", "        self.http: SafeHttp = make_http()", "http"),
    ("python", "    def __init__(self, client: SafeHttp):\n        self.http = client", "http"),
    ("python", "        self.http = SafeHttp(timeout=5)", "http"),
    ("python", "    def __init__(self, http: Optional[SafeHttp] = None):", "http"),
    ("rust", "pub struct FeedReader {\n    http: Arc<crate::net::SafeHttp>,\n}", "http"),
    ("rust", "fn new(http: &SafeHttp) -> Self {", "http"),
    ("go", "type FeedReader struct {\n\thttp *SafeHttp\n}", "http"),
    ("go", 'type FeedReader struct {\n\thttp *net.SafeHttp `json:"-"`\n}', "http"),
    ("go", "func NewReader(name string, http *SafeHttp) *FeedReader {", "http"),
    ("ruby", "    @http = SafeHttp.new(timeout: 5)", "http"),
]


@pytest.mark.parametrize(("language", "text", "name"), DECLARATIONS)
def test_a_declared_receiver_names_its_type(language: str, text: str, name: str) -> None:
    assert declared_types(text, language, name) == ["SafeHttp"]


def test_an_interface_type_also_names_the_class_without_its_prefix() -> None:
    text = "    private readonly ISafeHttp _http;\n"
    assert declared_types(text, "csharp", "_http") == ["ISafeHttp", "SafeHttp"]
    assert declared_types("  IOStream io;\n", "java", "io") == ["IOStream"]


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("php", "    private $http;\n    $this->http = make();", "http"),  # untyped
        ("java", "    return http;\n    http = url;", "http"),  # no declaration
        ("go", "type R struct {\n\thttp string\n}", "http"),
        ("python", "        self.http = http_client()", "http"),  # a factory, not a class
        ("typescript", "  constructor(private readonly http: SafeHttp) {}", "client"),
    ],
)
def test_no_declared_type_gives_none(language: str, text: str, name: str) -> None:
    assert declared_types(text, language, name) == []


def test_a_name_declared_with_too_many_types_gives_none() -> None:
    text = "".join(f"class C{n} {{ private T{n} http; }}\n" for n in range(5))
    assert declared_types(text, "java", "http") == []


TYPED_DEFAULT = marks("typed-default")
TYPED_SET = marks("typed-set")
TYPED_UNSET = marks("typed-unset")


def test_typed_receiver_fixtures_cover_the_languages() -> None:
    langs = {lang for lang, _, _ in TYPED_DEFAULT + TYPED_SET}
    assert langs >= {"php", "java", "csharp", "ts", "py"}
    assert TYPED_UNSET


@pytest.mark.parametrize(("lang", "path", "line"), TYPED_DEFAULT, ids=ids(TYPED_DEFAULT))
def test_a_library_default_reached_through_a_typed_property(
    lang: str, path: str, line: int
) -> None:
    answer, reason = verdict(judged_at(lang, path, line), "timeout")
    assert answer == "yes", reason
    assert reason.startswith("library default: "), reason
    assert f"({path}:{line}, via wrapper " in reason and " -> " in reason, reason


@pytest.mark.parametrize(("lang", "path", "line"), TYPED_SET, ids=ids(TYPED_SET))
def test_a_timeout_set_in_the_typed_propertys_class(lang: str, path: str, line: int) -> None:
    answer, reason = verdict(judged_at(lang, path, line), "timeout")
    assert answer == "yes", reason
    assert reason.startswith("via wrapper ") and " -> " in reason, reason
    assert "library default" not in reason


@pytest.mark.parametrize(("lang", "path", "line"), TYPED_UNSET, ids=ids(TYPED_UNSET))
def test_a_typed_propertys_class_without_a_timeout(lang: str, path: str, line: int) -> None:
    answer, reason = verdict(judged_at(lang, path, line), "timeout")
    assert answer == "no", reason
    assert "fetch has no timeout" in reason, reason


def test_the_laravel_wrapper_chain_is_cited() -> None:
    site = judged_at("php", "app/Services/Feeds/FeedReader.php", 18)
    assert site.call == "Channel::fromXml"
    answer, reason = verdict(site, "timeout")
    assert answer == "yes" and "Laravel Http" in reason, reason
    assert "via wrapper get -> buildRequest (app/Support/Net/SafeHttp.php:20)" in reason


def test_a_go_struct_field_reaches_the_methods_of_its_type(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "internal/feeds/reader.go": (
                "package feeds\n\n"
                'import "example.com/shop/internal/netx"\n\n'
                "type Reader struct {\n\tclient *netx.Fetcher\n}\n\n"
                "func (r *Reader) Read(url string) ([]byte, error) {\n"
                "\treturn r.client.Fetch(url)\n"
                "}\n"
            ),
            "internal/netx/fetch.go": (
                'package netx\n\nimport (\n\t"io"\n\t"net/http"\n\t"time"\n)\n\n'
                "type Fetcher struct{}\n\n"
                "func (f *Fetcher) Fetch(url string) ([]byte, error) {\n"
                "\tc := &http.Client{Timeout: 10 * time.Second}\n"
                "\tresp, err := c.Get(url)\n"
                "\tif err != nil {\n\t\treturn nil, err\n\t}\n"
                "\treturn io.ReadAll(resp.Body)\n"
                "}\n"
            ),
        }
    )
    found = analyze_sites(
        root, [integration("feeds", "internal/feeds/reader.go", 10)], use_cache=False
    )
    answer, reason = verdict(next(s for s in found["feeds"].sites if s.line > 1), "timeout")
    assert answer == "yes", reason
    assert "via wrapper Fetch (internal/netx/fetch.go:11)" in reason, reason


def test_a_method_of_another_type_is_not_followed(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/reader.py": (
                "from app.net import SafeHttp\n\n"
                "class Reader:\n"
                "    def __init__(self, http: SafeHttp):\n        self.http = http\n\n"
                "    def read(self, url):\n        return self.http.fetch_text(url)\n"
            ),
            "app/net.py": (
                "import requests\n\nclass SafeHttp:\n    pass\n\n"
                "class Other:\n    def fetch_text(self, url):\n"
                "        return requests.get(url, timeout=5).text\n"
            ),
        }
    )
    found = analyze_sites(root, [integration("feeds", "app/reader.py", 8)], use_cache=False)
    answer, reason = verdict(next(s for s in found["feeds"].sites if s.line > 1), "timeout")
    assert answer == "no", reason


def test_a_rust_struct_field_reaches_its_impl_in_another_file(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/feeds.rs": (
                "use crate::net::Fetcher;\n\n"
                "pub struct Reader {\n    client: Fetcher,\n}\n\n"
                "impl Reader {\n"
                "    pub async fn read(&self, url: &str) -> Option<String> {\n"
                "        self.client.fetch_text(url).await.ok()\n"
                "    }\n}\n"
            ),
            "src/net/transport.rs": (
                "pub struct Fetcher;\n\n"
                "impl Fetcher {\n"
                "    pub async fn fetch_text(&self, url: &str) -> reqwest::Result<String> {\n"
                "        let c = reqwest::Client::builder()\n"
                "            .timeout(std::time::Duration::from_secs(10))\n"
                "            .build()?;\n"
                "        c.get(url).send().await?.text().await\n"
                "    }\n}\n"
            ),
        }
    )
    found = analyze_sites(root, [integration("feeds", "src/feeds.rs", 9)], use_cache=False)
    answer, reason = verdict(next(s for s in found["feeds"].sites if s.line > 1), "timeout")
    assert answer == "yes", reason
    assert "via wrapper fetch_text (src/net/transport.rs:4)" in reason, reason


def test_a_kotlin_constructor_property_reaches_its_class(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/src/main/kotlin/shop/Reader.kt": (
                "package shop\n\n"
                "class Reader(private val client: Fetcher) {\n"
                "    fun read(url: String): String = client.fetchText(url)\n"
                "}\n"
            ),
            "app/src/main/kotlin/shop/net/Transport.kt": (
                "package shop.net\n\n"
                "import okhttp3.OkHttpClient\nimport okhttp3.Request\n\n"
                "class Fetcher {\n"
                "    fun fetchText(url: String): String {\n"
                "        val ok = OkHttpClient.Builder().build()\n"
                "        return ok.newCall(Request.Builder().url(url).build()).execute().body!!.string()\n"
                "    }\n}\n"
            ),
        }
    )
    item = integration("feeds", "app/src/main/kotlin/shop/Reader.kt", 4)
    found = analyze_sites(root, [item], use_cache=False)
    answer, reason = verdict(next(s for s in found["feeds"].sites if s.line > 1), "timeout")
    assert answer == "yes", reason
    assert reason.startswith("library default: OkHttp"), reason
    assert "via wrapper fetchText (app/src/main/kotlin/shop/net/Transport.kt:7)" in reason, reason


def test_types_are_read_near_the_name_and_through_an_alias_declared_elsewhere() -> None:
    filler = "".join(f"    private Other{i} $other{i};\n" for i in range(200))
    text = (
        "<?php\nclass Feed {\n"
        + filler
        + "    /** @var SafeHttp */\n\n    private $http;\n"
        + filler
        + "    public function __construct(\n        Mailer $client,\n    ) {\n"
        + "        $this->mailer = $client;\n    }\n}\n"
    )
    assert declared_types(text, "php", "http") == ["SafeHttp"]
    assert declared_types(text, "php", "mailer") == ["Mailer"]  # `$client`, typed 3 lines up
    assert declared_types(text, "php", "missing") == []


_KOTLIN = "src/main/kotlin/com/acme/portal/"
_KOTLIN_CALLER = (
    "package com.acme.portal\n\n"
    "class ServiceApis {\n"
    "  class AppApi : API() {\n"
    "    fun loadApp(env: String, id: String): App {\n"
    '      return restTemplate.get(env, "apps/" + id, App::class.java)\n'  # line 6
    "    }\n"
    "  }\n"
    "}\n"
)
_KOTLIN_BASE = (
    "package com.acme.portal\n\n"
    "abstract class API {\n"
    "  protected lateinit var restTemplate: RetryingTemplate\n"
    "}\n"
)


@pytest.mark.parametrize(
    ("base", "caller"),
    [
        (_JAVA + "API.java", _KOTLIN + "ServiceApis.kt"),
        (_KOTLIN + "API.kt", _JAVA + "ServiceApis.java"),
    ],
)
def test_a_field_inherited_across_java_and_kotlin_has_its_declared_type(
    make_tree: TreeBuilder, base: str, caller: str
) -> None:
    """Kotlin and Java are one family: a Kotlin class extending a Java base class (or the
    reverse) inherits the type that base declares for the field in its own syntax."""
    kotlin = caller.endswith(".kt")
    root = make_tree(
        {
            _JAVA + "RestTemplateFactory.java": _FACTORY,
            _JAVA + "RetryingTemplate.java": _RETRYING,
            base: _KOTLIN_BASE if base.endswith(".kt") else _BASE,
            caller: _KOTLIN_CALLER if kotlin else _CALLER,
        }
    )
    result = analyze(root, [scanned("admin", [(caller, 6)], "call")], use_cache=False)["admin"]
    retry = result.verdicts["retry"]
    assert retry.verdict == "yes", retry.reasons
    assert "RetryingTemplate" in " ".join(retry.reasons)
