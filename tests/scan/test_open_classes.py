"""Miss classes the held-out rounds left open, each checked on a small synthetic tree:
AWS services named through a project's own client factory, and project-defined HTTP
helpers called through their package or class."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.trees import scan, write

_AWS_FACTORY = """import boto3


def aws_client(service):
    def decorator(f):
        def wrapped(*args, **kwargs):
            kwargs["client"] = boto3.Session().client(service)
            return f(*args, **kwargs)

        return wrapped

    return decorator
"""


def test_aws_service_named_at_a_project_client_factory(tmp_path: Path) -> None:
    # the service's name is passed to the project's decorator, whose body calls
    # `session.client(service)`; aiobotocore's `create_client("sqs")` names one too
    write(
        tmp_path,
        {
            "requirements.txt": "boto3\naiobotocore\n",
            "app/aws.py": _AWS_FACTORY,
            "app/archive.py": "from .aws import aws_client\n\n\n"
            '@aws_client("s3")\ndef store(bucket, body, **kwargs):\n'
            '    kwargs["client"].put_object(Bucket=bucket, Body=body)\n\n\n'
            '@aws_client("elbv2")\ndef balancers(**kwargs):\n'
            '    return kwargs["client"].describe_load_balancers()\n',
            "app/notify.py": "from aiobotocore.session import get_session\n\n\n"
            "async def push(body):\n"
            '    async with get_session().create_client("sqs") as client:\n'
            '        await client.send_message(QueueUrl="q", MessageBody=body)\n',
        },
    )
    found = scan(tmp_path)
    assert ("app/archive.py", 4) in {(e.path, e.line) for e in found["s3"].evidence}
    assert ("app/archive.py", 9) in {(e.path, e.line) for e in found["aws-elb"].evidence}
    assert ("app/notify.py", 5) in {(e.path, e.line) for e in found["sqs"].evidence}


def test_a_factory_name_outside_python_or_a_non_aws_name_is_no_service(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/cache.js": 'const conn = getClient("s3");\nmodule.exports = conn;\n',
            "app/store.py": 'store = get_client("blobs")\n',
        },
    )
    found = scan(tmp_path)
    assert "s3" not in found


def test_a_rest_wrapper_given_a_service_word_is_no_aws_service(tmp_path: Path) -> None:
    # no boto3 in the file and no factory from a module named for AWS: a REST wrapper's
    # `get_resource("events")` is a calendar's events, `make_client("es")` a search client
    write(
        tmp_path,
        {
            "requirements.txt": "requests\n",
            "app/calendar_api.py": "from .http import Api\n\n\nclass Calendar(Api):\n"
            "    def upcoming(self):\n"
            '        events = self.get_resource("events")\n'
            '        return self.fetch_resource("logs"), events\n',
            "app/search.py": "from .clients import make_client\n\n"
            'es = make_client("es")\nqueue = make_client("batch")\n',
        },
    )
    found = scan(tmp_path)
    assert not {"eventbridge", "aws-cloudwatch", "opensearch", "aws-batch"} & set(found)


def test_the_apps_own_load_balancer_in_terraform_is_no_integration(tmp_path: Path) -> None:
    # an `aws_lb` carries inbound traffic to the app; the app never calls the ELB API
    write(
        tmp_path,
        {
            "app.py": "from flask import Flask\n\napp = Flask(__name__)\n",
            "deploy/main.tf": 'resource "aws_lb" "web" {\n  name = "web"\n}\n\n'
            'resource "aws_lb_target_group" "web" {\n  port = 80\n}\n',
        },
    )
    assert "aws-elb" not in scan(tmp_path)


_GO_HELPER = """package utils

import (
\t"io"
\t"net/http"
)

func HttpRequest(endpoint, method string, body io.Reader) ([]byte, error) {
\treq, err := http.NewRequest(method, endpoint, body)
\tif err != nil {
\t\treturn nil, err
\t}
\tresp, err := http.DefaultClient.Do(req)
\tif err != nil {
\t\treturn nil, err
\t}
\tdefer resp.Body.Close()
\treturn io.ReadAll(resp.Body)
}
"""


def test_a_project_http_helper_called_through_its_package(tmp_path: Path) -> None:
    # `utils.HttpRequest(c.WebhookURL, ..)`: a call whose URL is data (a feature named after
    # its file); `utils.HttpRequest("https://push.beacon.io/..")` on the project's own
    # domain is a call, not a link; `utils.HttpRequest(s.Domain, ..)` too
    write(
        tmp_path,
        {
            "go.mod": "module example.org/beacon\n\ngo 1.21\n",
            "utils/http.go": _GO_HELPER,
            "notify/chatops.go": 'package notify\n\nimport (\n\t"strings"\n\n'
            '\t"example.org/beacon/utils"\n)\n\n'
            "type chatops struct{ WebhookURL string }\n\n"
            "func (c *chatops) send(msg string) error {\n"
            '\t_, err := utils.HttpRequest(c.WebhookURL, "POST", strings.NewReader(msg))\n'
            "\treturn err\n}\n",
            "notify/mobile.go": 'package notify\n\nimport "example.org/beacon/utils"\n\n'
            "func push() error {\n"
            '\t_, err := utils.HttpRequest("https://push.beacon.io/api/push", "POST", nil)\n'
            "\treturn err\n}\n",
            "checks/probe.go": 'package checks\n\nimport "example.org/beacon/utils"\n\n'
            "type Site struct{ Domain string }\n\n"
            "func (s *Site) probe() error {\n"
            '\t_, err := utils.HttpRequest(s.Domain, "GET", nil)\n'
            "\treturn err\n}\n",
        },
    )
    found = scan(tmp_path)
    assert ("notify/chatops.go", 12) in {(e.path, e.line) for e in found["chatops"].evidence}
    assert ("notify/mobile.go", 6) in {(e.path, e.line) for e in found["push.beacon.io"].evidence}
    assert ("checks/probe.go", 8) in {(e.path, e.line) for e in found["probe"].evidence}


def test_a_store_method_named_like_a_helper_is_no_request(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/views.py": "def show(cache, link_url):\n"
            "    return cache.http_get_cached(link_url)\n",
        },
    )
    assert not any(key.startswith("views") for key in scan(tmp_path))


_LINK_CHECKS = """import requests

LOOKUP_API = "https://backlinks.linkscan.io/api/check"


def has_backlink(site):
    return requests.get(LOOKUP_API, params={"site": site}, timeout=5).ok


def page_icon(page_url):
    return requests.get(page_url, timeout=5).text
"""


def test_a_url_parameter_is_not_the_host_another_function_calls(tmp_path: Path) -> None:
    # `page_icon(page_url)` fetches what its caller gives it: the feature of its file, not
    # the host `has_backlink` calls; a helper the file calls with a literal URL, or whose
    # parameter defaults to one, keeps that host
    write(
        tmp_path,
        {
            "app/linkcheck.py": _LINK_CHECKS,
            "app/regions.py": "import requests\n\n\n"
            "def fetch_region(lookup_url, key):\n"
            "    return requests.get(lookup_url, timeout=5).text\n\n\n"
            "def region(key):\n"
            '    return fetch_region("https://api.storebox.io/region/" + key, key)\n',
            "app/essays.py": "import requests\n\n\n"
            'def essay(page_url="https://essays.example-writer.net/index.html"):\n'
            "    return requests.get(page_url, timeout=5).text\n",
        },
    )
    found = scan(tmp_path)
    host = {(e.path, e.line) for e in found["backlinks.linkscan.io"].evidence}
    assert ("app/linkcheck.py", 7) in host and ("app/linkcheck.py", 11) not in host
    assert ("app/linkcheck.py", 11) in {(e.path, e.line) for e in found["linkcheck"].evidence}
    assert ("app/regions.py", 5) in {(e.path, e.line) for e in found["api.storebox.io"].evidence}
    assert "essays" not in found


def test_a_broker_url_of_the_scheme_alone_names_the_broker(tmp_path: Path) -> None:
    # Celery/kombu take the rest of the URL from their defaults: `broker_url = "sqs://"`
    write(
        tmp_path / "sqs",
        {
            "worker/celery_app.py": "from celery import Celery\n\n"
            'app = Celery("jobs")\napp.conf.broker_url = "sqs://"\n',
        },
    )
    assert ("worker/celery_app.py", 4) in {
        (e.path, e.line) for e in scan(tmp_path / "sqs")["sqs"].evidence
    }
    # a scheme compared with, cut off or joined to a host is no setting
    write(
        tmp_path / "prefixes",
        {
            "app/paths.py": "def remote(path):\n"
            '    return path.startswith("smb://")\n\n\n'
            "def mail_server(host):\n"
            '    return "smtp://" + host\n',
            "src/Storage.php": "<?php\n\n"
            "function local($location) {\n"
            "    return Str::after($location, 'sftp://');\n}\n",
        },
    )
    assert not {"smb", "smtp", "sftp"} & set(scan(tmp_path / "prefixes"))


def test_a_request_function_imported_from_an_http_library_is_a_call(tmp_path: Path) -> None:
    # `from aiohttp import request`, then `request(method, url)` far below the import; a
    # `get(` the file defines itself is no request
    filler = "".join(f"\n\ndef helper_{n}(value):\n    return value + {n}\n" for n in range(12))
    write(
        tmp_path,
        {
            "app/connectors/hub.py": "from urllib.parse import urljoin\n\n"
            "from aiohttp import request\n"
            + filler
            + "\n\nasync def call(config, method, path, data):\n"
            "    async with request(method, urljoin(config.url, path), json=data) as response:\n"
            "        return await response.json()\n",
            "app/lookup.py": "def get(table, key):\n    return table[key]\n\n\n"
            "def find(table, feed_url):\n    return get(table, feed_url)\n",
        },
    )
    found = scan(tmp_path)
    assert any(e.path == "app/connectors/hub.py" for e in found["hub"].evidence)
    assert not any(e.path == "app/lookup.py" for i in found.values() for e in i.evidence)


# A module named only by probe words (`check.go`, `ping.py`) that gets each stored record's
# URL in a loop checks the records' links; a probe of the app's own address stays dropped.
_PROBED_LINKS = {
    "go": (
        "internal/cmd/check.go",
        "package cmd\n\nfunc checkHandler(db DB) {\n\tbooks, _ := db.Bookmarks()\n"
        "\tfor _, book := range books {\n\t\tgo func(book Bookmark) {\n"
        "\t\t\t_, err := httpClient.Get(book.URL)\n\t\t\t_ = err\n\t\t}(book)\n\t}\n}\n",
        7,
    ),
    "python": (
        "app/tasks/ping.py",
        "import requests\n\n\ndef run(session):\n    for link in session.query(Link):\n"
        "        requests.head(link.url, timeout=10)\n",
        6,
    ),
    "ruby": (
        "app/jobs/status.rb",
        "class Status\n  def perform\n    Link.find_each do |link|\n"
        "      Faraday.get(link[:url])\n    end\n  end\nend\n",
        4,
    ),
    "php": (
        "src/Check.php",
        "<?php\nclass Check {\n  public function run($links) {\n"
        "    foreach ($links as $link) {\n      $this->http->get($link->url);\n    }\n  }\n}\n",
        5,
    ),
}


@pytest.mark.parametrize("language", sorted(_PROBED_LINKS))
def test_a_probe_named_module_checking_stored_links_is_a_feature(
    tmp_path: Path, language: str
) -> None:
    path, text, line = _PROBED_LINKS[language]
    write(tmp_path, {path: text})
    found = scan(tmp_path)
    assert [(e.path, e.line) for i in found.values() for e in i.evidence] == [(path, line)]
    assert not next(iter(found.values())).in_catalog


def test_a_probe_of_the_apps_own_address_in_a_loop_stays_dropped(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "cmd/health/check.go": "package health\n\nfunc check(cfg Config) {\n"
            "\tfor i := 0; i < 3; i++ {\n\t\t_, _ = http.Get(cfg.BaseURL)\n\t}\n}\n",
            "app/ping.py": "def ping(settings):\n    for _ in range(3):\n"
            "        requests.get(settings.BASE_URL + '/health')\n",
        },
    )
    assert scan(tmp_path) == {}


# A helper of the file makes the request to the URL it is given; each caller hands it a URL
# setting, which names the system of that caller's request (and the setting's read is cited).
_HELPER_CALLERS = {
    "python": (
        "app/auth/views.py",
        "import requests\n\n\ndef exchange_code(\n    code, secret, token_url=None, verify=True\n):\n"
        "    return requests.post(token_url, data={'code': code}, timeout=5).json()\n\n\n"
        "class Login:\n    def post(self, code):\n"
        "        token_url = current_app.config.get('ZEPHYR_IDP_TOKEN_URL')\n"
        "        secret = current_app.config.get('ZEPHYR_IDP_SECRET')\n"
        "        return exchange_code(\n            code,\n            secret,\n"
        "            token_url=token_url,\n        )\n",
        {12, 14},
    ),
    "go": (
        "internal/auth/login.go",
        "package auth\n\nfunc exchange(code string, tokenURL string) (*http.Response, error) {\n"
        '\treturn http.PostForm(tokenURL, url.Values{"code": {code}})\n}\n\n'
        "func Login(code string) {\n"
        '\tendpoint := os.Getenv("ZEPHYR_IDP_TOKEN_URL")\n\texchange(code, endpoint)\n}\n',
        {8, 9},
    ),
    "php": (
        "src/Auth/Login.php",
        "<?php\nclass Login {\n  private function exchange($code, $tokenUrl) {\n"
        "    return $this->http->post($tokenUrl, ['code' => $code]);\n  }\n"
        "  public function handle($code) {\n"
        "    return $this->exchange($code, env('ZEPHYR_IDP_TOKEN_URL'));\n  }\n}\n",
        {7},
    ),
}


@pytest.mark.parametrize("language", sorted(_HELPER_CALLERS))
def test_a_url_setting_handed_to_a_helper_names_the_callers_system(
    tmp_path: Path, language: str
) -> None:
    path, text, lines = _HELPER_CALLERS[language]
    write(tmp_path, {path: text})
    found = scan(tmp_path)
    assert "zephyr-idp" in found, sorted(found)
    assert {e.line for e in found["zephyr-idp"].evidence if e.path == path} >= lines


# A class extending an HTTP library's session is the project's client of the system its name
# says, whoever hands it the URL; a name of roles only (`RetrySession`) says no system.
_SESSION_SUBCLASSES = {
    "app/plugins/cluster.py": "import requests\n\n\nclass K8sSession(requests.Session):\n"
    "    def __init__(self, token):\n        super().__init__()\n",
    "src/Forge/GiteaHttpClient.cs": "namespace Forge;\n\npublic sealed class GiteaHttpClient : HttpClient\n{\n}\n",
    "lib/tracker/connection.rb": "class JiraConnection < Faraday::Connection\nend\n",
    "app/net.py": "import requests\n\n\nclass RetrySession(requests.Session):\n    pass\n",
}


def test_an_http_session_subclass_names_its_system(tmp_path: Path) -> None:
    write(tmp_path, _SESSION_SUBCLASSES)
    found = scan(tmp_path)
    spots = {i: {(e.path, e.line) for e in found[i].evidence} for i in ("k8s", "gitea", "jira")}
    assert ("app/plugins/cluster.py", 4) in spots["k8s"]
    assert ("src/Forge/GiteaHttpClient.cs", 3) in spots["gitea"]
    assert ("lib/tracker/connection.rb", 1) in spots["jira"]
    assert not any(e.path == "app/net.py" for i in found.values() for e in i.evidence)


def test_a_go_oauth2_endpoint_at_a_configured_token_url_is_a_sign_in_provider(
    tmp_path: Path,
) -> None:
    # x/oauth2's config.Exchange posts to Endpoint.TokenURL: from settings, a provider the
    # operator configures (a protobuf `TokenUrl:` copy or a literal URL is not this rule's)
    write(
        tmp_path,
        {
            "handlers/sso_custom.go": 'package handlers\n\nimport "golang.org/x/oauth2"\n\n'
            "func customConfig(auth Settings) *oauth2.Config {\n\treturn &oauth2.Config{\n"
            "\t\tClientID: auth.ClientID,\n\t\tEndpoint: oauth2.Endpoint{\n"
            "\t\t\tAuthURL:  auth.EndpointAuth,\n\t\t\tTokenURL: auth.EndpointToken,\n\t\t},\n\t}\n}\n",
            "api/convert.go": "package api\n\nfunc toProto(c Config) *pb.OAuth2Config {\n"
            "\treturn &pb.OAuth2Config{\n\t\tTokenUrl: c.TokenUrl,\n\t}\n}\n",
        },
    )
    found = scan(tmp_path)
    spots = {(e.path, e.line) for i in found.values() for e in i.evidence}
    assert ("handlers/sso_custom.go", 10) in spots
    assert not any(path == "api/convert.go" for path, _ in spots)


def test_a_host_in_a_link_builder_does_not_claim_a_far_call(tmp_path: Path) -> None:
    # `archive_url` builds a link the page shows; the story's own URL fetched 80 lines
    # further down is the module's feature, not the Wayback Machine
    filler = "".join(f"  def field_{n}\n    @f{n}\n  end\n" for n in range(25))
    write(
        tmp_path,
        {
            "app/models/story.rb": "class Story\n  def archive_url\n"
            '    "https://web.archive.org/web/3/#{CGI.escape(url)}"\n  end\n'
            + filler
            + "  def fetched_title\n    res = Sponge.new.try_fetch(url)\n    res.body\n  end\nend\n",
        },
    )
    found = scan(tmp_path)
    call_line = 4 + 25 * 3 + 2
    owners = [i for i, f in found.items() if any(e.line == call_line for e in f.evidence)]
    assert owners == ["story"], sorted(found)


def test_an_api_url_builder_is_a_call_target_not_a_shown_link(tmp_path: Path) -> None:
    # review 25: `def api_url` names an address the app calls; its host keeps a far call
    filler = "".join(f"\n    def helper_{n}(self, x):\n        return x + {n}\n" for n in range(25))
    write(
        tmp_path,
        {
            "requirements.txt": "requests\n",
            "app/sync.py": "import requests\n\n\nclass Repo:\n    def api_url(self):\n"
            '        return "https://api.github.com/repos/" + self.name\n'
            + filler
            + "\n    def pulls(self, link):\n        return requests.get(link, timeout=5)\n",
        },
    )
    found = scan(tmp_path)
    call_line = 6 + 25 * 3 + 3
    owners = [i for i, f in found.items() if any(e.line == call_line for e in f.evidence)]
    assert owners == ["github"], sorted(found)


def test_a_url_setting_reaching_a_helper_through_a_parameter_default(tmp_path: Path) -> None:
    # SANDBOX_URL holds the env key; `run` hands its defaulted parameter to `execute`, whose
    # `async with session.post(url)` is the request (a statement, not a method definition)
    write(
        tmp_path,
        {
            "src/acme/tools/run_code.py": "import os\n\nimport aiohttp\n\n"
            'SANDBOX_URL = os.getenv("ZEPHYRBOX_URL")\n\n\n'
            "async def run(code, sandbox_url: str = SANDBOX_URL):\n"
            "    return await execute(code, sandbox_url)\n\n\n"
            "async def execute(code, sandbox_url):\n"
            "    async with aiohttp.ClientSession() as session:\n"
            "        async with session.post(sandbox_url, json={'code': code}) as response:\n"
            "            return await response.json()\n",
        },
    )
    found = scan(tmp_path)
    owner = [i for i, f in found.items() if any(e.line == 5 for e in f.evidence)]
    assert owner, sorted(found)
    assert {5, 9, 14} <= {e.line for e in found[owner[0]].evidence}
    assert "zephyrbox" in owner[0]


def test_a_typed_client_registration_names_the_system_not_the_wiring_file(
    tmp_path: Path,
) -> None:
    # C# DI: the class `AddHttpClient<T>` configures is what the calls are for; the wiring
    # file (`MauiProgram.cs`, `ServiceCollectionExtensions.cs`) says nothing
    write(
        tmp_path,
        {
            "src/Shop/MauiProgram.cs": "public static class MauiProgram {\n"
            "  public static MauiApp Create(MauiAppBuilder builder) {\n"
            "    builder.Services.AddHttpClient<InventoryService>(o => o.BaseAddress = new(BffHost));\n"
            "    return builder.Build();\n  }\n}\n",
            "src/Blog/ServiceCollectionExtensions.cs": "public static class ServiceCollectionExtensions {\n"
            "  public static void AddPings(this IServiceCollection services, Settings s) {\n"
            "    services.AddHttpClient<IPingbackSender, PingbackSender>(client =>\n    {\n"
            "      client.BaseAddress = new Uri(s.PingbackRelay);\n    });\n  }\n}\n",
        },
    )
    found = scan(tmp_path)
    assert ("src/Shop/MauiProgram.cs", 3) in {(e.path, e.line) for e in found["inventory"].evidence}
    spots = {(e.path, e.line) for e in found["pingback-sender"].evidence}
    assert ("src/Blog/ServiceCollectionExtensions.cs", 5) in spots
    assert "maui-program" not in found and "service-collection-extensions" not in found


def test_code_inside_a_block_comment_wires_nothing(tmp_path: Path) -> None:
    # commented-out wiring (`/* import com.twilio.Twilio; Twilio.init(..) */`) is not used;
    # a `/*` inside a string (`"src/**/*.ts"`) opens no comment
    write(
        tmp_path,
        {
            "src/main/java/a/Sms.java": "package a;\n/*\nimport com.twilio.Twilio;\n"
            "Twilio.init(sid, token);\n*/\npublic class Sms {}\n",
            "src/files.ts": 'const glob = "src/**/*.ts";\nimport Stripe from "stripe";\n'
            "export const s = new Stripe(key);\n",
        },
    )
    found = scan(tmp_path)
    assert "twilio" not in found and "stripe" in found


def test_a_block_comment_opens_only_at_the_start_of_its_line(tmp_path: Path) -> None:
    # a `/*` after code is too often no comment (review 25): a JS regex literal, a PHP `#`
    # comment, a C# verbatim string; each had hidden the code down to the next `*/`
    write(
        tmp_path,
        {
            "src/trim.ts": 'const trim = (u) => u.replace(/\\/*$/, "");\n'
            'import Stripe from "stripe";\nexport const s = new Stripe(key);\n/** docs */\n',
            "src/pay.php": "<?php\n# routes under /api/* go here\n"
            "$twilio = new \\Twilio\\Rest\\Client($sid, $token);\n/** helper */\nfunction f() {}\n",
            "src/Mail.cs": 'var p = @"C:\\temp\\"; var g = "/*";\n'
            "var c = new SendGridClient(key);\n/* x */\n",
        },
    )
    found = scan(tmp_path)
    assert {"stripe", "twilio", "sendgrid"} <= set(found)
    spots = {(e.path, e.line) for e in found["twilio"].evidence}
    assert ("src/pay.php", 3) in spots


def test_a_method_of_the_same_name_on_another_receiver_hands_the_helper_nothing(
    tmp_path: Path,
) -> None:
    # `os.environ.get("SENTRY_URL")` is not a call of the file's own `def get(self, url)`
    # (review 25): the wrapper's request was reported as sentry
    write(
        tmp_path,
        {
            "requirements.txt": "requests\n",
            "app/http.py": "import os\nimport requests\n\n\nclass Http:\n"
            "    def get(self, url):\n        return requests.get(url, timeout=5)\n\n\n"
            'def sentry_dsn():\n    return os.environ.get("SENTRY_URL")\n',
        },
    )
    found = scan(tmp_path)
    assert ("app/http.py", 7) not in {(e.path, e.line) for e in found["sentry"].evidence}


def test_a_session_subclass_named_by_what_it_does_names_no_system() -> None:
    # review 25: `UserAgentSession`, `InsecureSession` were integrations `user-agent`, `insecure`
    from integration_risk.scan.named_clients import session_subclasses

    text = (
        "class UserAgentSession(requests.Session):\n    pass\n"
        "class InsecureSession(requests.Session):\n    pass\n"
        "class ProxySession(httpx.Client):\n    pass\n"
        "class K8sSession(requests.Session):\n    pass\n"
    )
    assert [name for name, _ in session_subclasses(text)] == ["k8s"]
