"""Held-out round 3 (resil-f): a timeout or retry count set to a literal zero turns it off;
library defaults of StackExchange.Utils.Http, StackExchange.Redis and aws-sdk-go v1."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned


def _verdicts(root: object, item: object, ident: str) -> dict[str, tuple[str, str]]:
    result = analyze(root, [item], use_cache=False)[ident]  # type: ignore[arg-type, list-item]
    return {p: (v.verdict, " ".join(v.reasons)) for p, v in result.verdicts.items()}


_GO_ZERO = (
    "package storage\n\n"
    'import "example.com/app/pkg/web"\n\n'
    "func Put(c *web.Client, url string) error {\n"
    '\treturn c.Send("PUT", url, web.WithTimeout(0))\n'  # line 6
    "}\n"
)


_GO_OPTIONS = (
    "package web\n\n"
    'import "time"\n\n'
    "type options struct{ timeout time.Duration }\n\n"
    "type Option func(o *options)\n\n"
    "func WithTimeout(t time.Duration) Option {\n"
    "\treturn func(o *options) {\n"
    "\t\to.timeout = t\n"
    "\t}\n"
    "}\n"
)


def test_a_go_timeout_option_of_zero_is_no_timeout(make_tree: TreeBuilder) -> None:
    """The project's own setter is not followed: its body stores whatever it is handed."""
    root = make_tree({"pkg/storage/put.go": _GO_ZERO, "pkg/web/options.go": _GO_OPTIONS})
    item = scanned("blobstore", [("pkg/storage/put.go", 6)], "call")
    verdicts = _verdicts(root, item, "blobstore")
    assert verdicts["timeout"][0] != "yes", verdicts["timeout"]


def test_a_go_timeout_option_with_a_duration_is_a_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "pkg/storage/put.go": _GO_ZERO.replace("WithTimeout(0)", "WithTimeout(30)"),
            "pkg/web/options.go": _GO_OPTIONS,
        }
    )
    item = scanned("blobstore", [("pkg/storage/put.go", 6)], "call")
    assert _verdicts(root, item, "blobstore")["timeout"][0] == "yes"


def test_a_js_timeout_entry_of_zero_is_no_timeout(make_tree: TreeBuilder) -> None:
    source = (
        'import axios from "axios";\n\n'
        "export async function ping(url: string) {\n"
        "  return axios.get(url, { timeout: 0 });\n"  # line 4
        "}\n"
    )
    root = make_tree({"src/ping.ts": source})
    item = scanned("status-page", [("src/ping.ts", 4)], "call")
    assert _verdicts(root, item, "status-page")["timeout"][0] == "no"
    root = make_tree({"src/ping.ts": source.replace("timeout: 0", "timeout: 5000")})
    assert _verdicts(root, item, "status-page")["timeout"][0] == "yes"


def test_a_python_keyword_of_zero_retries_is_no_retry(make_tree: TreeBuilder) -> None:
    source = (
        "from example_sdk import Client\n\n"
        "def push(payload):\n"
        "    return Client(max_retries=0, timeout=10).send(payload)\n"  # line 4
    )
    root = make_tree({"app/push.py": source})
    item = scanned("pushsvc", [("app/push.py", 4)], "call")
    verdicts = _verdicts(root, item, "pushsvc")
    assert verdicts["retry"][0] == "no", verdicts["retry"]
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]


def test_a_stackexchange_utils_http_request_has_its_default_timeout(make_tree: TreeBuilder) -> None:
    source = (
        "using System.Threading.Tasks;\n"
        "using StackExchange.Utils;\n\n"
        "namespace Monitor.Data\n{\n"
        "    public class StatusClient\n    {\n"
        "        public async Task<string> Fetch(string url)\n        {\n"
        "            var result = await Http.Request(url).ExpectString().GetAsync();\n"  # line 10
        "            return result.Data;\n        }\n    }\n}\n"
    )
    root = make_tree({"src/StatusClient.cs": source})
    item = scanned("statuspage", [("src/StatusClient.cs", 10)], "call")
    verdicts = _verdicts(root, item, "statuspage")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "StackExchange.Utils.Http" in verdicts["timeout"][1]
    # the same `Http.Request` without the library's namespace is some other helper
    root = make_tree({"src/StatusClient.cs": source.replace("using StackExchange.Utils;", "")})
    assert "StackExchange" not in _verdicts(root, item, "statuspage")["timeout"][1]


def test_a_stackexchange_redis_connection_has_its_default_timeouts(make_tree: TreeBuilder) -> None:
    source = (
        "using StackExchange.Redis;\n\n"
        "namespace Monitor.Cache\n{\n"
        "    public class Store\n    {\n"
        "        public static IDatabase Open(string host)\n        {\n"
        "            var mux = ConnectionMultiplexer.Connect(host);\n"  # line 9
        "            return mux.GetDatabase();\n        }\n    }\n}\n"
    )
    root = make_tree({"src/Store.cs": source})
    item = scanned("redis", [("src/Store.cs", 9)], "call", category="cache")
    verdicts = _verdicts(root, item, "redis")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "StackExchange.Redis" in verdicts["timeout"][1]


def test_aws_sdk_go_v1_retries_by_default_without_a_timeout(make_tree: TreeBuilder) -> None:
    source = (
        "package blob\n\n"
        "import (\n"
        '\t"github.com/aws/aws-sdk-go/aws"\n'
        '\t"github.com/aws/aws-sdk-go/aws/session"\n'
        '\t"github.com/aws/aws-sdk-go/service/s3"\n'
        ")\n\n"
        "func List(bucket string) error {\n"
        "\tsess := session.Must(session.NewSession(&aws.Config{}))\n"
        "\tsvc := s3.New(sess)\n"
        "\t_, err := svc.ListObjects(&s3.ListObjectsInput{Bucket: aws.String(bucket)})\n"  # line 12
        "\treturn err\n"
        "}\n"
    )
    root = make_tree({"blob/list.go": source})
    item = scanned("s3", [("blob/list.go", 12)], "call", category="storage")
    verdicts = _verdicts(root, item, "s3")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "aws-sdk-go v1" in verdicts["retry"][1]
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


_PROBE = (
    "class Probe\n"
    "  class Failure < StandardError; end\n"
    "  class FetchFailure < Failure; end\n\n"
    "  def self.check(url)\n"
    "    result = {}\n"
    "    begin\n"
    "      probe = new(url); probe.fetch_info\n"  # line 8
    "    rescue Failure => e\n"
    "      result[:error] = e\n"
    "    end\n"
    "    result\n"
    "  end\n\n"
    "  def initialize(url)\n"
    "    @url = url\n"
    "  end\n\n"
    "  def fetch_info\n"
    "    Faraday.get(@url).body\n"  # line 20
    "  rescue Faraday::Error => e\n"
    "    raise FetchFailure, e.message\n"
    "  end\n"
    "end\n"
)
_PROBE_JOB = (
    "class ProbeJob\n"
    "  include Sidekiq::Worker\n"
    "  sidekiq_options retry: 5\n\n"
    "  def perform(url)\n"
    "    Probe.check(url)\n"
    "  end\n"
    "end\n"
)


def test_a_caller_that_rescues_the_projects_own_error_keeps_it_from_the_job(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"lib/probe.rb": _PROBE, "app/workers/probe_job.rb": _PROBE_JOB})
    item = scanned("node-probe", [("lib/probe.rb", 20)], "call")
    verdicts = _verdicts(root, item, "node-probe")
    assert verdicts["retry"][0] == "no", verdicts["retry"]


def test_a_caller_that_rescues_a_library_error_lets_the_job_retry(make_tree: TreeBuilder) -> None:
    probe = _PROBE.replace("rescue Failure => e", "rescue ActiveRecord::RecordNotFound => e")
    root = make_tree({"lib/probe.rb": probe, "app/workers/probe_job.rb": _PROBE_JOB})
    item = scanned("node-probe", [("lib/probe.rb", 20)], "call")
    verdicts = _verdicts(root, item, "node-probe")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "Sidekiq" in verdicts["retry"][1]


def test_a_job_step_called_inside_a_catch_all_does_not_reach_the_job(
    make_tree: TreeBuilder,
) -> None:
    job = _PROBE_JOB.replace(
        "    Probe.check(url)\n",
        "    begin\n      probe = Probe.new(url)\n      probe.fetch_info\n    rescue => e\n      nil\n    end\n",
    )
    root = make_tree({"lib/probe.rb": _PROBE, "app/workers/probe_job.rb": job})
    item = scanned("node-probe", [("lib/probe.rb", 20)], "call")
    assert _verdicts(root, item, "node-probe")["retry"][0] == "no"
    root = make_tree(
        {
            "lib/probe.rb": _PROBE,
            "app/workers/probe_job.rb": job.replace("      nil\n", "      raise\n"),
        }
    )
    assert _verdicts(root, item, "node-probe")["retry"][0] == "yes"


def test_caught_types_of_handler_lines() -> None:
    from integration_risk.resilience.caught import caught_types

    assert caught_types("  rescue => e", "ruby") == []
    assert caught_types("  rescue Net::OpenTimeout, Failure => e", "ruby") == [
        "OpenTimeout",
        "Failure",
    ]
    assert caught_types("    except (requests.Timeout, AppError) as exc:", "python") == [
        "Timeout",
        "AppError",
    ]
    assert caught_types("    except:", "python") == []
    assert caught_types("} catch (IOException | ApiException e) {", "java") == [
        "IOException",
        "ApiException",
    ]
    assert caught_types("} catch (err) {", "typescript") == []
    assert caught_types("catch {", "csharp") == []
    assert caught_types("x = 1", "ruby") is None


_TIMED_FETCH = (
    "export function timedFetch(input: string, init?: RequestInit) {\n"
    "  return fetch(input, { ...init, signal: AbortSignal.timeout(30000) });\n"
    "}\n"
)
_MODEL_CLIENT = (
    'import { Ollama } from "ollama";\n'
    'import { timedFetch } from "./timedFetch";\n\n'
    "export function modelClient(host: string) {\n"
    "  return new Ollama({ host, fetch: timedFetch });\n"  # line 5
    "}\n"
)


def test_a_js_client_handed_the_projects_fetch_sends_through_it(make_tree: TreeBuilder) -> None:
    root = make_tree({"src/timedFetch.ts": _TIMED_FETCH, "src/model.ts": _MODEL_CLIENT})
    item = scanned("ollama", [("src/model.ts", 5)], "call", category="ai")
    verdicts = _verdicts(root, item, "ollama")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "timedFetch" in verdicts["timeout"][1]


def test_a_js_client_handed_the_global_fetch_has_no_timeout(make_tree: TreeBuilder) -> None:
    model = _MODEL_CLIENT.replace("fetch: timedFetch", "fetch: fetch")
    root = make_tree({"src/timedFetch.ts": _TIMED_FETCH, "src/model.ts": model})
    item = scanned("ollama", [("src/model.ts", 5)], "call", category="ai")
    assert _verdicts(root, item, "ollama")["timeout"][0] != "yes"
