"""Held-out round 6 (resil-i): a caller that skips the call while a failure it recorded is
recent (a cooldown: a circuit breaker that closes again), and an address helper in one file
whose users send with a client library another file names. Each through a tiny synthetic
app."""

from __future__ import annotations

from tests.conftest import TreeBuilder
from tests.resilience.test_resilience_held_out_round5 import _verdicts

_CHECKER = """using System;
using System.Net.Http;
using System.Threading.Tasks;

public class PackageChecker
{
    private readonly IHttpClientFactory _factory;
    private DateTimeOffset _lastFailure;

    public async Task Check(string host)
    {
        if (_lastFailure.AddHours(6) > DateTimeOffset.Now)
        {
            return;
        }
        try
        {
            using var client = _factory.CreateClient();
            using var response = await client.GetAsync(host + "/packages/latest");
            await Install(host);
        }
        catch (Exception ex)
        {
            Console.WriteLine(ex.Message);
        }
    }

    private async Task Install(string host)
    {
        try
        {
            using var client = _factory.CreateClient();
            await client.GetStringAsync(host + "/packages/download");
        }
        catch (Exception)
        {
            _lastFailure = DateTimeOffset.Now;
        }
    }
}
"""


def test_a_recent_failure_time_that_skips_the_call_is_a_breaker(make_tree: TreeBuilder) -> None:
    root = make_tree({"Agent/PackageChecker.cs": _CHECKER})
    verdicts = _verdicts(root, "package-feed", [("Agent/PackageChecker.cs", 19)])
    assert verdicts["circuit_breaker"][0] == "yes", verdicts["circuit_breaker"]
    assert "Agent/PackageChecker.cs:37" in verdicts["circuit_breaker"][1]
    assert "guard at Agent/PackageChecker.cs:12" in verdicts["circuit_breaker"][1]


def test_a_failure_time_only_logged_is_no_breaker(make_tree: TreeBuilder) -> None:
    source = _CHECKER.replace(
        "        if (_lastFailure.AddHours(6) > DateTimeOffset.Now)\n"
        "        {\n            return;\n        }\n",
        '        Console.WriteLine("last failure " + _lastFailure);\n\n\n\n',
    )
    root = make_tree({"Agent/PackageChecker.cs": source})
    verdicts = _verdicts(root, "package-feed", [("Agent/PackageChecker.cs", 19)])
    assert verdicts["circuit_breaker"][0] == "no", verdicts["circuit_breaker"]


_ADDRESS = (
    "module StatsReport\n"
    "  def self.endpoint\n"
    '    ENV.fetch("STATS_URL", "https://stats.example.org/report")\n'  # line 3
    "  end\nend\n"
)
_JOB = (
    'require "net/http"\n\n'
    "class StatsJob\n"
    "  def perform(data)\n"
    "    uri = URI.parse(StatsReport.endpoint)\n"
    '    Net::HTTP.post(uri, data, {"Content-Type": "application/json"})\n'
    "  end\nend\n"
)


def test_an_address_helper_is_sent_with_its_users_client(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/lib/stats_report.rb": _ADDRESS, "app/jobs/stats_job.rb": _JOB})
    verdicts = _verdicts(root, "stats.example.org", [("app/lib/stats_report.rb", 3)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "app/jobs/stats_job.rb:5" in verdicts["timeout"][1]


def test_an_address_helper_nobody_uses_keeps_no_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/lib/stats_report.rb": _ADDRESS,
            "app/jobs/other.rb": _JOB.replace(
                "StatsReport.endpoint", '"https://other.example.org"'
            ),
        }
    )
    verdicts = _verdicts(root, "stats.example.org", [("app/lib/stats_report.rb", 3)])
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


def test_an_application_run_method_lends_no_client(make_tree: TreeBuilder) -> None:
    """A long function that calls every client the app has does not say which one sends
    the address it reads."""
    padding = "".join(f"    step_{n}(data)\n" for n in range(40))
    job = _JOB.replace("    Net::HTTP.post(", padding + "    Net::HTTP.post(")
    root = make_tree({"app/lib/stats_report.rb": _ADDRESS, "app/jobs/stats_job.rb": job})
    verdicts = _verdicts(root, "stats.example.org", [("app/lib/stats_report.rb", 3)])
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]
