"""Held-out round 4 (resil-g): a lock's timeout and a `*_timeout_key` name are no request
timeout; a static facade is no client variable; a task reaches the service class of its
own module; a field inherited from a base class has that class's type; Spring's
RestTemplate built by a factory that sets its timeouts bounds the templates it hands out;
and library defaults of stripe-python, Algolia, Elasticsearch, Dalli and Rails mail."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned


def _verdicts(root: object, item: object, ident: str) -> dict[str, tuple[str, str]]:
    result = analyze(root, [item], use_cache=False)[ident]  # type: ignore[arg-type, list-item]
    return {p: (v.verdict, " ".join(v.reasons)) for p, v in result.verdicts.items()}


def test_stripe_python_retries_twice_by_default(make_tree: TreeBuilder) -> None:
    source = (
        "import stripe\n\n\n"
        "def charge(customer, amount):\n"
        "    return stripe.PaymentIntent.create(customer=customer, amount=amount)\n"  # line 5
    )
    root = make_tree({"shop/billing.py": source, "requirements/main.txt": "stripe==11.6.0 \\\n"})
    item = scanned("stripe", [("shop/billing.py", 5)], "call", category="payment")
    verdicts = _verdicts(root, item, "stripe")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "max_network_retries 2" in verdicts["retry"][1]


_LOCKED = (
    "import redis\n\n\n"
    "class SearchLock:\n"
    "    def __init__(self, client, timeout=None, blocking_timeout=None):\n"
    "        self.client = client\n\n\n"
    "def unindex(url, key):\n"
    "    r = redis.StrictRedis.from_url(url)\n"  # line 10
    "    with SearchLock(r, timeout=600, blocking_timeout=30):\n"
    "        r.delete(key)\n"  # line 12
)


def test_a_lock_timeout_is_not_a_request_timeout(make_tree: TreeBuilder) -> None:
    """`SearchLock(r, timeout=..)` holds a lock for a while; the Redis call is unbounded."""
    root = make_tree({"app/search.py": _LOCKED})
    item = scanned("redis", [("app/search.py", 10), ("app/search.py", 12)], "call")
    verdicts = _verdicts(root, item, "redis")
    assert verdicts["timeout"][0] != "yes", verdicts["timeout"]


def test_a_socket_timeout_next_to_a_lock_still_counts(make_tree: TreeBuilder) -> None:
    source = _LOCKED.replace("from_url(url)", "from_url(url, socket_timeout=5)")
    root = make_tree({"app/search.py": source})
    item = scanned("redis", [("app/search.py", 10), ("app/search.py", 12)], "call")
    assert _verdicts(root, item, "redis")["timeout"][0] == "yes"


def test_a_timeout_key_name_is_not_a_timeout(make_tree: TreeBuilder) -> None:
    source = (
        "import redis\n\n\n"
        "def store_keyset(url, issuer, keys):\n"
        "    marker_timeout_key = f'{issuer}/expiry'\n"
        "    with redis.StrictRedis.from_url(url) as r:\n"  # line 6
        "        r.setex(marker_timeout_key, 60, 'x')\n"
        "        r.set(issuer, keys)\n"
    )
    root = make_tree({"app/keys.py": source})
    item = scanned("redis", [("app/keys.py", 6)], "call")
    assert _verdicts(root, item, "redis")["timeout"][0] != "yes"


_REMOTE = (
    "<?php\n\nnamespace App\\Services;\n\nuse Illuminate\\Support\\Facades\\Http;\n\n"
    "class RemoteAuth\n{\n"
    "    public static function token($domain, $code)\n    {\n"
    "        return Http::asForm()->post('https://' . $domain . '/oauth/token', "
    "['code' => $code]);\n"  # line 11
    "    }\n\n"
    "    public static function compatible($domain)\n    {\n"
    "        return Http::timeout(20)->retry(3, 750)->get("
    "'https://directory.example.org/api/v1/domain?domain=' . $domain);\n"
    "    }\n}\n"
)


def test_a_static_facade_call_is_not_a_client_built_elsewhere(make_tree: TreeBuilder) -> None:
    """`Http::timeout(20)->retry(3)->get('..?domain=' . $d)` is no assignment to `Http`:
    the token request keeps its own (absent) retry."""
    root = make_tree({"app/Services/RemoteAuth.php": _REMOTE})
    item = scanned("mastodon", [("app/Services/RemoteAuth.php", 11)], "call")
    verdicts = _verdicts(root, item, "mastodon")
    assert verdicts["retry"][0] == "no", verdicts["retry"]


def test_a_task_reaches_the_service_class_of_its_module(make_tree: TreeBuilder) -> None:
    source = (
        "import requests\n\nfrom app import tasks\n\n\n"
        "@tasks.task(bind=True, ignore_result=True)\n"
        "def purge_key(task, request, key):\n"
        "    cacher = request.find_service(name='origin-cache')\n"
        "    try:\n"
        "        cacher.purge_key(key)\n"
        "    except requests.ConnectionError as exc:\n"
        "        raise task.retry(exc=exc)\n\n\n"
        "class EdgeCache:\n"
        "    def purge_key(self, key):\n"
        "        resp = requests.post(f'https://api.edge.example.com/purge/{key}')\n"  # line 16
        "        resp.raise_for_status()\n"
    )
    root = make_tree({"app/cache/origin/edge.py": source, "app/tasks.py": "def task(**kw): ...\n"})
    item = scanned("edgecdn", [("app/cache/origin/edge.py", 16)], "call")
    verdicts = _verdicts(root, item, "edgecdn")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "job framework retries" in verdicts["retry"][1]


_JAVA = "src/main/java/com/acme/portal/"
_FACTORY = (
    "package com.acme.portal;\n\n"
    "import org.springframework.web.client.RestTemplate;\n"
    "import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;\n\n"
    "public class RestTemplateFactory {\n"
    "  private RestTemplate restTemplate;\n\n"
    "  public void afterPropertiesSet() {\n"
    "    HttpComponentsClientHttpRequestFactory requestFactory =\n"
    "        new HttpComponentsClientHttpRequestFactory();\n"
    "    requestFactory.setConnectTimeout(3000);\n"
    "    requestFactory.setReadTimeout(10000);\n"
    "    restTemplate = new RestTemplate(converters());\n"
    "    restTemplate.setRequestFactory(requestFactory);\n"
    "  }\n\n"
    "  public RestTemplate getObject() {\n"
    "    return restTemplate;\n"
    "  }\n"
    "}\n"
)
_RETRYING = (
    "package com.acme.portal;\n\n"
    "import org.springframework.web.client.RestTemplate;\n\n"
    "public class RetryingTemplate {\n"
    "  private RestTemplate restTemplate;\n\n"
    "  public RetryingTemplate(RestTemplateFactory factory) {\n"
    "    this.restTemplate = factory.getObject();\n"
    "  }\n\n"
    "  public <T> T get(String env, String path, Class<T> type) {\n"
    "    for (String host : hosts(env)) {\n"
    "      try {\n"
    "        return restTemplate.getForObject(host + path, type);\n"
    "      } catch (RuntimeException e) {\n"
    "        if (!canRetry(e)) {\n"
    "          throw e;\n"
    "        }\n"
    "      }\n"
    "    }\n"
    '    throw new IllegalStateException("all servers down");\n'
    "  }\n"
    "}\n"
)
_BASE = (
    "package com.acme.portal;\n\n"
    "public abstract class API {\n"
    "  protected RetryingTemplate restTemplate;\n"
    "}\n"
)
_CALLER = (
    "package com.acme.portal;\n\n"
    "public class ServiceApis {\n"
    "  public static class AppApi extends API {\n"
    "    public App loadApp(String env, String id) {\n"
    '      return restTemplate.get(env, "apps/" + id, App.class);\n'  # line 6
    "    }\n"
    "  }\n"
    "}\n"
)


def test_a_field_of_a_base_class_reaches_its_retrying_template(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            _JAVA + "RestTemplateFactory.java": _FACTORY,
            _JAVA + "RetryingTemplate.java": _RETRYING,
            _JAVA + "API.java": _BASE,
            _JAVA + "ServiceApis.java": _CALLER,
        }
    )
    item = scanned("admin", [(_JAVA + "ServiceApis.java", 6)], "call")
    verdicts = _verdicts(root, item, "admin")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "RetryingTemplate" in verdicts["retry"][1]
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "every RestTemplate client the project builds sets a timeout" in verdicts["timeout"][1]


def test_a_default_rest_template_anywhere_proves_nothing(make_tree: TreeBuilder) -> None:
    plain = (
        "package com.acme.portal;\n\n"
        "import org.springframework.web.client.RestTemplate;\n\n"
        "public class Pinger {\n"
        "  public String ping(String url) {\n"
        "    return new RestTemplate().getForObject(url, String.class);\n"
        "  }\n"
        "}\n"
    )
    root = make_tree(
        {
            _JAVA + "RestTemplateFactory.java": _FACTORY,
            _JAVA + "RetryingTemplate.java": _RETRYING,
            _JAVA + "API.java": _BASE,
            _JAVA + "ServiceApis.java": _CALLER,
            _JAVA + "Pinger.java": plain,
        }
    )
    item = scanned("admin", [(_JAVA + "ServiceApis.java", 6)], "call")
    assert _verdicts(root, item, "admin")["timeout"][0] == "no"


def test_algolia_and_elasticsearch_js_clients_have_their_defaults(make_tree: TreeBuilder) -> None:
    source = (
        "const algoliasearch = require('algoliasearch')\n"
        "const { Client } = require('@elastic/elasticsearch')\n\n"
        "module.exports = {\n"
        "  async init(config) {\n"
        "    this.client = algoliasearch(config.appId, config.apiKey)\n"  # line 6
        "    this.es = new Client({ node: config.host })\n"  # line 7
        "  }\n"
        "}\n"
    )
    root = make_tree({"server/search/engine.js": source})
    for ident, line, default in (
        ("algolia", 6, "Algolia API clients"),
        ("elasticsearch", 7, "@elastic/elasticsearch"),
    ):
        item = scanned(ident, [("server/search/engine.js", line)], "client", category="search")
        verdicts = _verdicts(root, item, ident)
        assert verdicts["timeout"][0] == "yes", (ident, verdicts["timeout"])
        assert verdicts["retry"][0] == "yes", (ident, verdicts["retry"])
        assert default in verdicts["retry"][1], (ident, verdicts["retry"])


_PRODUCTION = (
    "Rails.application.configure do\n"
    "  config.cache_store = [:mem_cache_store, ENV['MEMCACHE_SERVERS'].split(','),\n"  # line 2
    "    {failover: true}]\n"
    "end\n"
)


def test_dalli_has_a_socket_timeout_and_retries_a_failed_operation(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"config/environments/production.rb": _PRODUCTION, "Gemfile": 'gem "dalli"\n'})
    item = scanned(
        "memcached", [("config/environments/production.rb", 2), ("Gemfile", 1)], "config"
    )
    verdicts = _verdicts(root, item, "memcached")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "dalli" in verdicts["retry"][1]


_MAIL = (
    "ActionMailer::Base.smtp_settings = {\n"
    '  address: "smtp.sendgrid.net",\n'  # line 2
    '  port: "587",\n'
    '  user_name: ENV["SENDGRID_USERNAME"],\n'
    "}\n"
)
_APPLICATION = (
    "module Shop\n  class Application < Rails::Application\n"
    "    config.active_job.queue_adapter = :sidekiq\n  end\nend\n"
)
_JOB = (
    "class DigestJob < ApplicationJob\n"
    "  def perform(user)\n"
    "    UserMailer.digest(user: user).deliver_later\n"
    "  end\n"
    "end\n"
)


def test_mail_delivered_later_on_sidekiq_is_retried(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "config/initializers/mail.rb": _MAIL,
            "config/application.rb": _APPLICATION,
            "app/jobs/digest_job.rb": _JOB,
        }
    )
    for ident in ("smtp", "sendgrid"):
        item = scanned(ident, [("config/initializers/mail.rb", 2)], "config", category="email")
        verdicts = _verdicts(root, item, ident)
        assert verdicts["timeout"][0] == "yes", (ident, verdicts["timeout"])
        assert verdicts["retry"][0] == "yes", (ident, verdicts["retry"])
        assert "Sidekiq" in verdicts["retry"][1]


def test_mail_sent_inline_is_not_retried(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "config/initializers/mail.rb": _MAIL,
            "config/application.rb": _APPLICATION,
            "app/jobs/digest_job.rb": _JOB.replace("deliver_later", "deliver_now"),
        }
    )
    item = scanned("sendgrid", [("config/initializers/mail.rb", 2)], "config", category="email")
    assert _verdicts(root, item, "sendgrid")["retry"][0] != "yes"


def test_aws_sdk_v2_per_service_imports_are_found_with_their_defaults(
    make_tree: TreeBuilder,
) -> None:
    """`require('aws-sdk/clients/s3')` is S3 through the v2 SDK: 2 min timeout, 3 retries."""
    from tests.scan.trees import scan

    source = (
        "const S3 = require('aws-sdk/clients/s3')\n\n"
        "module.exports = class Storage {\n"
        "  init(config) {\n"
        "    this.s3 = new S3({ accessKeyId: config.key, params: { Bucket: config.bucket } })\n"
        "  }\n"
        "  async upload(path, body) {\n"
        "    await this.s3.putObject({ Key: path, Body: body }).promise()\n"
        "  }\n"
        "}\n"
    )
    root = make_tree(
        {"server/storage/s3.js": source, "package.json": '{"dependencies": {"aws-sdk": "2.1"}}'}
    )
    found = scan(root)
    assert "s3" in found, sorted(found)
    verdicts = _verdicts(root, found["s3"], "s3")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "AWS SDK v2" in verdicts["retry"][1]


def test_a_url_in_a_request_options_object_is_called(make_tree: TreeBuilder) -> None:
    """`request({ method: 'POST', uri: 'https://..' })`: the options object's URL is the
    endpoint the call sends to; a `url:` entry of a plain data object is not."""
    from tests.scan.trees import scan

    source = (
        "const request = require('request-promise')\n\n"
        "module.exports = {\n"
        "  async sponsors () {\n"
        "    const resp = await request({\n"
        "      method: 'POST',\n"
        "      uri: 'https://graph.vendorhub.io',\n"
        "      json: true\n"
        "    })\n"
        "    return resp\n"
        "  },\n"
        "  links: [\n"
        "    { title: 'Home',\n"
        "      url: 'https://www.vendorpage.io/about' }\n"
        "  ]\n"
        "}\n"
    )
    root = make_tree({"server/graph/sponsors.js": source, "package.json": "{}"})
    found = scan(root)
    assert "graph.vendorhub.io" in found, sorted(found)
    assert not any("vendorpage" in ident for ident in found), sorted(found)
    verdicts = _verdicts(root, found["graph.vendorhub.io"], "graph.vendorhub.io")
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


def test_the_code_of_a_plugin_directory_named_after_the_system_is_its_client(
    make_tree: TreeBuilder,
) -> None:
    """Only a manifest names the client (an npm alias, `"es8": "npm:@elastic/elasticsearch@8"`);
    `search/elasticsearch/engine.js`, the directory's one code file, is where it is called."""
    engine = (
        "const { Client } = require('es8')\n\n"
        "module.exports = {\n"
        "  async init () {\n"
        "    this.client = new Client({ nodes: this.config.hosts.split(',') })\n"
        "  },\n"
        "  async query (q) {\n"
        "    return this.client.search({ index: this.config.index, q })\n"
        "  }\n"
        "}\n"
    )
    manifest = '{\n  "dependencies": {\n    "es8": "npm:@elastic/elasticsearch@8"\n  }\n}\n'
    root = make_tree(
        {"server/modules/search/elasticsearch/engine.js": engine, "package.json": manifest}
    )
    item = scanned("elasticsearch", [("package.json", 3)], "dependency", category="search")
    item.evidence[0].snippet = '"es8": "npm:@elastic/elasticsearch@8"'
    verdicts = _verdicts(root, item, "elasticsearch")
    assert verdicts["circuit_breaker"][0] == "no", verdicts["circuit_breaker"]
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "engine.js" in verdicts["timeout"][1], verdicts["timeout"]


def test_a_plugin_directorys_code_is_any_file_the_analysis_has_a_grammar_for(
    make_tree: TreeBuilder,
) -> None:
    """The plugin's one file is an ES module in TypeScript (`engine.mts`): code as much as
    engine.js (resilience/data/languages.toml), not a suffix left off a list of its own."""
    engine = (
        "import { Client } from 'es8'\n\n"
        "export default {\n"
        "  async init () {\n"
        "    this.client = new Client({ nodes: this.config.hosts.split(',') })\n"
        "  },\n"
        "  async query (q: string) {\n"
        "    return this.client.search({ index: this.config.index, q })\n"
        "  }\n"
        "}\n"
    )
    manifest = '{\n  "dependencies": {\n    "es8": "npm:@elastic/elasticsearch@8"\n  }\n}\n'
    root = make_tree(
        {"server/modules/search/elasticsearch/engine.mts": engine, "package.json": manifest}
    )
    item = scanned("elasticsearch", [("package.json", 3)], "dependency", category="search")
    item.evidence[0].snippet = '"es8": "npm:@elastic/elasticsearch@8"'
    verdicts = _verdicts(root, item, "elasticsearch")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "engine.mts" in verdicts["timeout"][1], verdicts["timeout"]


_CACHE_CHECK = (
    "from django.core.cache import cache\n"
    "from redis.exceptions import RedisError\n\n\n"
    "def check_caches():\n"
    "    try:\n"
    "        cache.set('probe', 'ok', timeout=1)\n"  # line 7
    "    except RedisError:\n"
    "        return ['unreachable']\n"
    "    return []\n"
)
_PROJECT_CACHE = (
    "from django.core.cache import caches\n\n\n"
    "class NamespacedCache:\n"
    "    def __init__(self, name='default'):\n"
    "        self.cache = caches[name]\n\n"
    "    def set(self, key, value, timeout=300):\n"
    "        return self.cache.set(key, value, timeout)\n"
)
_SETTINGS = (
    "CACHES = {\n"
    "    'default': {\n"
    "        'BACKEND': 'django.core.cache.backends.redis.RedisCache',\n"
    "        'LOCATION': 'redis://localhost:6379/1',\n"
    "        'TIMEOUT': 3600,\n"
    "    }\n"
    "}\n"
)


def test_a_cache_entry_timeout_is_no_redis_timeout(make_tree: TreeBuilder) -> None:
    """`cache.set(.., timeout=1)` of Django's cache (imported from django, not the project's
    own `common/cache.py`) and a CACHES `TIMEOUT` set how long entries live."""
    root = make_tree(
        {
            "app/checks.py": _CACHE_CHECK,
            "app/common/cache.py": _PROJECT_CACHE,
            "app/settings.py": _SETTINGS,
            "requirements.txt": "redis==5.0.8\n",
        }
    )
    item = scanned("redis", [("app/checks.py", 7), ("requirements.txt", 1)], "call")
    item.evidence[1].snippet = "redis==5.0.8"
    verdicts = _verdicts(root, item, "redis")
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]
    assert verdicts["retry"][0] == "no", verdicts["retry"]  # redis-py 5: no default retry


def test_redis_py_retries_by_default_since_6(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/checks.py": _CACHE_CHECK,
            "app/settings.py": _SETTINGS,
            "pyproject.toml": '[project]\ndependencies = [\n  "redis~=8.1.0",\n]\n',
        }
    )
    item = scanned("redis", [("app/checks.py", 7), ("pyproject.toml", 3)], "call")
    item.evidence[1].snippet = '"redis~=8.1.0",'
    verdicts = _verdicts(root, item, "redis")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "redis-py 6+" in verdicts["retry"][1]


def test_stripe_python_before_11_does_not_retry(make_tree: TreeBuilder) -> None:
    source = (
        "import stripe\n\n\n"
        "def charge(customer, amount):\n"
        "    return stripe.PaymentIntent.create(customer=customer, amount=amount)\n"  # line 5
    )
    root = make_tree({"shop/billing.py": source, "requirements.txt": "stripe==10.12.0\n"})
    item = scanned("stripe", [("shop/billing.py", 5)], "call", category="payment")
    assert _verdicts(root, item, "stripe")["retry"][0] == "no"


_CS = "src/Acme.Common/"
_BASE_CLIENT = (
    "namespace Acme.Common.Clients\n{\n"
    "    public abstract class WebClient\n    {\n"
    "        public virtual async Task<WebResult> GetResultAsync(WebRequest request)\n"
    "        {\n"
    "            var result = await Run(request);\n"
    "            return result;\n"
    "        }\n\n"
    "        protected virtual Task<WebResult> Run(WebRequest request) => "
    "throw new NotImplementedException();\n"
    "    }\n}\n"
)
_HTTP_CLIENT = (
    "namespace Acme.Common.Clients\n{\n"
    "    public class HttpWebClient : WebClient\n    {\n"
    "        protected override async Task<WebResult> Run(WebRequest request)\n"
    "        {\n"
    "            using var client = new HttpClient();\n"
    "            client.Timeout = TimeSpan.FromSeconds(100);\n"
    "            var response = await client.SendAsync(request.ToMessage());\n"
    '            foreach (var value in response.Headers.GetValues("Refresh"))\n'
    "            {\n"
    '                var wait = int.Parse(value.Substring(0, value.IndexOf(";")));\n'
    "                System.Threading.Thread.Sleep(wait * 1000);\n"
    "            }\n"
    "            return new WebResult(response);\n"
    "        }\n"
    "    }\n}\n"
)
_RESOLVER = (
    "namespace Acme.Common.Services\n{\n"
    "    public class MovieResolver\n    {\n"
    "        private readonly WebClient _webClient;\n\n"
    "        public async Task<Movie> MovieForId(string id)\n"
    "        {\n"
    '            var baseUri = new Uri("https://movies.vendorhub.io");\n'  # line 9
    '            var request = new WebRequest(new Uri(baseUri, $"/?i={id}").AbsoluteUri);\n'
    "            var result = await _webClient.GetResultAsync(request);\n"
    "            return Movie.From(result);\n"
    "        }\n"
    "    }\n}\n"
)


def test_a_base_client_stub_runs_its_subclass_and_the_request_is_followed(
    make_tree: TreeBuilder,
) -> None:
    """`Run` only throws in the base class: the call runs `HttpWebClient.Run`, reached from a
    URL built two statements before the send; its header loop that sleeps sends nothing."""
    root = make_tree(
        {
            _CS + "Clients/WebClient.cs": _BASE_CLIENT,
            _CS + "Clients/HttpWebClient.cs": _HTTP_CLIENT,
            _CS + "Services/MovieResolver.cs": _RESOLVER,
        }
    )
    item = scanned("movies", [(_CS + "Services/MovieResolver.cs", 9)], "url")
    verdicts = _verdicts(root, item, "movies")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "HttpWebClient" in verdicts["timeout"][1], verdicts["timeout"]
    assert verdicts["retry"][0] == "no", verdicts["retry"]
