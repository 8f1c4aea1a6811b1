"""Held-out round 12 (resil-o): route registrations are no requests, and OTLP exporters built
by `autoexport` keep the OTLP defaults. Tiny synthetic files."""

from __future__ import annotations

from integration_risk.resilience import analyze_sites
from integration_risk.resilience.rules import vocabulary
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned, verdicts_of

_GO_ROUTES = """package oidc

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

func New() *http.Client {
	return &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
}

func RegisterRoutes(apiGroup *gin.RouterGroup, h Handler) {
	apiGroup.GET("/.well-known/openid-configuration", h.Discovery)
	apiGroup.POST("/api/oidc/token", h.Token)
	apiGroup.DELETE("/api/oidc/clients/:id", h.DeleteClient)
}
"""


def test_router_verbs_in_capitals_register_routes() -> None:
    """gin/echo/httprouter register a handler with `group.GET(path, h)`: no request goes
    out, though `api.get(..)` (an axios instance) is one."""
    vocab = vocabulary()
    for callee in ("apiGroup.GET", "api.POST", "httpRouter.DELETE", "e.PATCH"):
        assert not vocab.is_network_call(callee), callee
    assert vocab.is_network_call("api.get")
    assert vocab.is_network_call("httpClient.Get")


def test_a_route_file_is_no_outbound_call_of_the_integration(make_tree: TreeBuilder) -> None:
    root = make_tree({"internal/oidc/module.go": _GO_ROUTES})
    item = scanned("opentelemetry", [("internal/oidc/module.go", 11)], category="observability")
    sites = analyze_sites(root, [item], use_cache=False)["opentelemetry"].sites
    assert not [s for s in sites if s.call.endswith((".GET", ".POST", ".DELETE")) and s.outbound]


_GO_AUTOEXPORT = """package bootstrap

import (
	"context"
	"net/http"

	"go.opentelemetry.io/contrib/exporters/autoexport"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func initTracing(ctx context.Context, client *http.Client) (*sdktrace.TracerProvider, error) {
	exporter, err := autoexport.NewSpanExporter(ctx)
	if err != nil {
		return nil, err
	}
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter)), nil
}
"""


def test_autoexport_builds_otlp_exporters_with_their_defaults(make_tree: TreeBuilder) -> None:
    root = make_tree({"internal/bootstrap/otel.go": _GO_AUTOEXPORT})
    found = verdicts_of(
        root, "opentelemetry", [("internal/bootstrap/otel.go", 12)], "client", "observability"
    )
    assert found["timeout"][0] == "yes", found["timeout"][1]
    assert "OTLP exporter (Go)" in found["timeout"][1]
    assert found["retry"][0] == "yes", found["retry"][1]


def _tesla_client(plugs: str) -> str:
    return f"""defmodule Relay.HTTP.HostMetaClient do
  use Tesla

  adapter(Tesla.Adapter.Hackney, [])
{plugs}
  plug(Tesla.Middleware.Headers, [{{"Accept", "application/xrd+xml"}}])
end
"""


_WEBFINGER = """defmodule Relay.WebFinger do
  alias Relay.HTTP.HostMetaClient

  def find_endpoint(domain) do
    case HostMetaClient.get("https://#{domain}/.well-known/host-meta") do
      {:ok, %{status: 200, body: body}} -> {:ok, body}
      _ -> {:error, :no_host_meta}
    end
  end
end
"""


def _host_meta(make_tree: TreeBuilder, plugs: str) -> dict[str, tuple[str, str]]:
    files = {
        "lib/relay/http/host_meta_client.ex": _tesla_client(plugs),
        "lib/relay/web_finger.ex": _WEBFINGER,
    }
    return verdicts_of(make_tree(files), "host-meta", [("lib/relay/web_finger.ex", 5)], "call")


def test_a_use_tesla_module_configures_its_calls(make_tree: TreeBuilder) -> None:
    """`HostMetaClient.get` is made by `use Tesla`: the module's Timeout plug bounds it."""
    found = _host_meta(make_tree, "  plug(Tesla.Middleware.Timeout, timeout: 10_000)\n")
    assert found["timeout"][0] == "yes", found["timeout"][1]
    assert "via client module HostMetaClient" in found["timeout"][1]
    assert found["retry"][0] == "no", found["retry"][1]


def test_a_use_tesla_module_with_a_retry_plug_retries(make_tree: TreeBuilder) -> None:
    found = _host_meta(make_tree, "  plug(Tesla.Middleware.Retry, max_retries: 3)\n")
    assert found["retry"][0] == "yes", found["retry"][1]
    assert found["timeout"][0] != "yes" or "library default" in found["timeout"][1]


def test_a_module_that_writes_the_function_is_followed_as_a_wrapper_only(
    make_tree: TreeBuilder,
) -> None:
    """A GenServer module is no client library: its body says nothing of the call."""
    genserver = """defmodule Relay.HostMetaClient do
  use GenServer
  @timeout 5_000
  def init(state), do: {:ok, state, @timeout}
end
"""
    root = make_tree(
        {"lib/relay/host_meta_client.ex": genserver, "lib/relay/web_finger.ex": _WEBFINGER}
    )
    found = verdicts_of(root, "host-meta", [("lib/relay/web_finger.ex", 5)], "call")
    assert "via client module" not in found["timeout"][1]


_HTTPARTY_CLIENT = """class GithubClient
  include HTTParty
  base_uri "https://api.github.com"
  default_timeout 5
end
"""
_RELEASE_CHECK = """class ReleaseCheck
  def latest
    response = GithubClient.get("/repos/acme/app/releases/latest")
    response["tag_name"]
  end
end
"""


def test_an_httparty_class_setting_bounds_its_calls(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/clients/github_client.rb": _HTTPARTY_CLIENT,
            "app/models/release_check.rb": _RELEASE_CHECK,
        }
    )
    found = verdicts_of(root, "github", [("app/models/release_check.rb", 3)], "call")
    assert found["timeout"][0] == "yes", found["timeout"][1]
    assert "via client module GithubClient" in found["timeout"][1]


_GENERIC_JSON_CLIENT = """defmodule Atlas.HTTP.JSONClient do
  def client(options \\\\ []) do
    middleware = [{Tesla.Middleware.Timeout, timeout: 10_000}, Tesla.Middleware.JSON]
    Tesla.client(middleware, Tesla.Adapter.Hackney)
  end

  def get(client, url), do: Tesla.get(client, url)
end
"""
_UNSPLASH = """defmodule Atlas.Pictures.Unsplash do
  alias Atlas.HTTP.JSONClient

  def search(location) do
    url = "#{endpoint()}/search/photos?query=#{location}"
    client = JSONClient.client(headers: [])

    case JSONClient.get(client, url) do
      {:ok, %{status: 200, body: body}} -> body["results"]
      _ -> nil
    end
  end

  defp endpoint do
    Application.get_env(:atlas, __MODULE__)[:endpoint] ||
      "https://api.unsplash.com"
  end
end
"""


def test_an_address_helper_is_called_where_its_callers_request(make_tree: TreeBuilder) -> None:
    """The evidence is the URL in `defp endpoint`; the request is `search`'s, through a
    client whose middleware bounds it."""
    root = make_tree(
        {"lib/atlas/http/json_client.ex": _GENERIC_JSON_CLIENT, "lib/atlas/unsplash.ex": _UNSPLASH}
    )
    item = scanned("unsplash", [("lib/atlas/unsplash.ex", 16)])
    analysis = analyze_sites(root, [item], use_cache=False)["unsplash"]
    assert [s.line for s in analysis.sites if s.path == "lib/atlas/unsplash.ex"] == [8]
    timeout = analysis.resilience.verdicts["timeout"]
    assert timeout.verdict == "yes", timeout.reasons


_PY_HELPER = """import os

import requests


def _api_base():
    return os.environ.get("GEO_API", "https://geo.example.org")


def lookup(query):
    response = requests.get(f"{_api_base()}/search", params={"q": query}, timeout=5)
    return response.json()


def reverse(lat, lon):
    return requests.get(f"{_api_base()}/reverse", params={"lat": lat, "lon": lon}).json()
"""


def test_a_python_address_helper_speaks_through_each_request(make_tree: TreeBuilder) -> None:
    root = make_tree({"geo/client.py": _PY_HELPER})
    item = scanned("geo-api", [("geo/client.py", 7)])
    analysis = analyze_sites(root, [item], use_cache=False)["geo-api"]
    assert sorted(s.line for s in analysis.sites) == [11, 16]
    assert {s.line: s.score for s in analysis.sites}[11] > {
        s.line: s.score for s in analysis.sites
    }[16]


def test_a_helper_that_requests_itself_stays_its_own_site(make_tree: TreeBuilder) -> None:
    code = """import requests


def fetch_status():
    return requests.get("https://status.example.org/api", timeout=3).json()


def banner():
    return fetch_status()["message"]
"""
    root = make_tree({"status.py": code})
    item = scanned("status-page", [("status.py", 5)])
    analysis = analyze_sites(root, [item], use_cache=False)["status-page"]
    assert [s.line for s in analysis.sites] == [5]


_APPRISE_HANDLER = """import apprise


def process_notification(urls, title, body):
    apobj = apprise.Apprise(debug=True)
    for url in urls:
        apobj.add(url)
    apobj.notify(title=title, body=body)
"""
_APPRISE_PLUGIN = """import requests
from apprise.decorators import notify


@notify(on="post")
def custom_post(body, title, notify_type, meta, *args, **kwargs):
    response = requests.request(method="POST", url=meta["url"], data=body)
    response.raise_for_status()
    return True
"""


def test_apprise_notifications_have_its_socket_timeouts(make_tree: TreeBuilder) -> None:
    """Apprise's own notify() speaks for it before a custom plugin's bare requests call."""
    root = make_tree(
        {"notify/handler.py": _APPRISE_HANDLER, "notify/custom_handlers.py": _APPRISE_PLUGIN}
    )
    spots = [("notify/handler.py", 8), ("notify/custom_handlers.py", 7)]
    found = verdicts_of(root, "apprise", spots, "call", "other")
    assert found["timeout"][0] == "yes", found["timeout"][1]
    assert "apprise: socket connect 4 s" in found["timeout"][1]
    assert found["retry"][0] == "no", found["retry"][1]


_LLM_CLIENT = """import litellm

RETRIES = 3


def completion(model, messages, timeout=300):
    attempt = 0
    while attempt < RETRIES:
        attempt += 1
        try:
            return litellm.completion(model=model, messages=messages, timeout=timeout)
        except (litellm.Timeout, litellm.APIConnectionError):
            if attempt < RETRIES:
                continue
            raise
"""
_LLM_COST = """import litellm
from litellm.cost_calculator import cost_per_token


def thinks(model):
    try:
        info = litellm.get_model_info(model)
        return bool(info.get("supports_reasoning"))
    except Exception:
        return False


def estimate(model, prompt_tokens, completion_tokens):
    try:
        prompt, completion = cost_per_token(model=model, prompt_tokens=prompt_tokens)
        return prompt + completion
    except Exception:
        return 0.0


def fits(model, messages):
    try:
        used = litellm.token_counter(model=model, messages=messages)
        return used < 4000
    except Exception:
        return True
"""


def test_litellm_registry_lookups_are_no_requests(make_tree: TreeBuilder) -> None:
    """`get_model_info`, `cost_per_token` and `token_counter` read litellm's tables: only `completion` calls
    out, in a loop that tries it again on a timeout."""
    root = make_tree({"llm/client.py": _LLM_CLIENT, "llm/cost.py": _LLM_COST})
    cost = _LLM_COST.splitlines()
    spots = [("llm/client.py", 11)] + [
        ("llm/cost.py", cost.index(line) + 1)
        for line in cost
        if "get_model_info" in line or "cost_per_token(" in line or "token_counter" in line
    ]
    found = verdicts_of(root, "litellm", spots, "call", "ai")
    assert found["retry"][0] == "yes", found["retry"][1]
    assert found["timeout"][0] == "yes", found["timeout"][1]


_GO_DOWNLOAD = """package geodb

import (
	"context"
	"net/http"
)

func downloadDatabase(ctx context.Context, client *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	return res.Body.Close()
}
"""
_GO_REFRESH = """package geodb

import (
	"context"
	"net/http"
	"time"
)

type refresher struct {
	client *http.Client
	url    string
}

func (r *refresher) refresh(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, 10*time.Minute)
	defer cancel()
	return downloadDatabase(ctx, r.client, r.url)
}
"""


def test_a_go_caller_in_another_file_of_the_package_bounds_the_request(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"geodb/download.go": _GO_DOWNLOAD, "geodb/refresh.go": _GO_REFRESH})
    found = verdicts_of(root, "maxmind", [("geodb/download.go", 13)], "call")
    assert found["timeout"][0] == "yes", found["timeout"][1]
    assert "refresh" in found["timeout"][1]


def test_a_caller_in_another_package_is_not_read(make_tree: TreeBuilder) -> None:
    root = make_tree({"geodb/download.go": _GO_DOWNLOAD, "jobs/refresh.go": _GO_REFRESH})
    found = verdicts_of(root, "maxmind", [("geodb/download.go", 13)], "call")
    assert found["timeout"][0] == "no", found["timeout"][1]


_GO_CERTS = """package web

import (
	"context"

	"golang.org/x/crypto/acme"
	"golang.org/x/crypto/acme/autocert"
)

func NewCertificateManager(ctx context.Context, certFile string) (*autocert.Manager, error) {
	return &autocert.Manager{Client: &acme.Client{DirectoryURL: acme.LetsEncryptURL}}, nil
}
"""
_GO_ENGINE = """package web

import (
	"context"
	"net/http"
	"time"
)

func Start(ctx context.Context) error {
	server := &http.Server{ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}
	if _, err := NewCertificateManager(ctx, "cert.pem"); err != nil {
		return err
	}
	return server.ListenAndServe()
}
"""


def test_a_package_caller_lends_only_its_context_deadline(make_tree: TreeBuilder) -> None:
    """The caller starts an http.Server with a ReadTimeout: a server setting, not a deadline
    of the certificate manager's requests."""
    root = make_tree({"web/ssl.go": _GO_CERTS, "web/engine.go": _GO_ENGINE})
    found = verdicts_of(root, "letsencrypt", [("web/ssl.go", 11)], "client")
    assert found["timeout"][0] == "no", found["timeout"][1]
