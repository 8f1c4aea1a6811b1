"""Signals beyond the five site kinds, marked `signal: <name>` in the fixture apps under
tests/fixtures/resilience/<lang>: job-framework retries, and what is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.models.callsites import CallSite
from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.test_fixture_verdicts import FIXTURES, integration, verdict


def marks(name: str) -> list[tuple[str, str, int]]:
    """(language app, path, line) of every `signal: NAME` mark."""
    found = []
    for app in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for path in sorted(app.rglob("*")):
            if not path.is_file():
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if f"signal: {name}" in line.split("site: ")[0] and line.rstrip().endswith(name):
                    found.append((app.name, path.relative_to(app).as_posix(), number))
    return found


def judged_at(lang: str, path: str, line: int) -> CallSite:
    app = FIXTURES / lang
    result = analyze_sites(app, [integration("example-pay", path, line)], use_cache=False)
    return next(s for s in result["example-pay"].sites if s.path == path and s.line == line)


def ids(cases: list[tuple[str, str, int]]) -> list[str]:
    return [f"{lang}:{Path(path).name}" for lang, path, _ in cases]


JOB_RETRY = marks("job-retry")
JOB_DEFAULT = marks("job-default")
JOB_NOT = marks("job-swallowed") + marks("job-off")


def test_job_fixtures_cover_each_framework_language() -> None:
    assert {lang for lang, _, _ in JOB_RETRY} == {"py", "ruby", "ts", "elixir"}
    assert {lang for lang, _, _ in JOB_DEFAULT} == {"ruby", "elixir"}
    assert {lang for lang, _, _ in JOB_NOT} >= {"py", "ts", "ruby"}


@pytest.mark.parametrize(("lang", "path", "line"), JOB_RETRY, ids=ids(JOB_RETRY))
def test_a_call_a_job_handler_reaches_is_retried_by_the_framework(
    lang: str, path: str, line: int
) -> None:
    answer, reason = verdict(judged_at(lang, path, line), "retry")
    assert answer == "yes", reason
    assert reason.startswith("job framework retries ("), reason
    assert "runs in job" in reason and ":" in reason.split("` at ")[1], reason


@pytest.mark.parametrize(("lang", "path", "line"), JOB_DEFAULT, ids=ids(JOB_DEFAULT))
def test_a_job_without_a_policy_gets_the_frameworks_default(
    lang: str, path: str, line: int
) -> None:
    answer, reason = verdict(judged_at(lang, path, line), "retry")
    assert answer == "yes", reason
    assert reason.startswith("library default: job framework retries ("), reason


@pytest.mark.parametrize(("lang", "path", "line"), JOB_NOT, ids=ids(JOB_NOT))
def test_a_swallowed_error_or_a_policy_turned_off_is_no_job_retry(
    lang: str, path: str, line: int
) -> None:
    answer, reason = verdict(judged_at(lang, path, line), "retry")
    assert "job framework" not in reason
    assert answer == "no", reason


def test_delayed_job_max_attempts_covers_every_active_job(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "config/initializers/delayed_job.rb": "Delayed::Worker.max_attempts = 5\n",
            "app/jobs/application_job.rb": "class ApplicationJob < ActiveJob::Base\nend\n",
            "app/jobs/push_job.rb": (
                "class PushJob < ApplicationJob\n"
                "  def perform(id)\n"
                '    Net::HTTP.post(URI("https://api.example-pay.com/x"), id.to_s)\n'
                "  end\n"
                "end\n"
            ),
            "app/controllers/pay_controller.rb": (
                "class PayController < ActionController::Base\n"
                "  def create\n"
                '    Net::HTTP.post(URI("https://api.example-pay.com/x"), "1")\n'
                "  end\n"
                "end\n"
            ),
        }
    )
    job, web = (
        analyze_sites(root, [integration(n, p, 3)], use_cache=False)[n].sites[0]
        for n, p in (("a", "app/jobs/push_job.rb"), ("b", "app/controllers/pay_controller.rb"))
    )
    answer, reason = verdict(job, "retry")
    assert answer == "yes" and "config/initializers/delayed_job.rb:1" in reason, reason
    assert verdict(web, "retry")[0] == "no"


ERROR_FORMS = {
    "err-fallback": ("fallback", "yes"),
    "err-rethrow": ("rethrow", "no"),
    "err-crash": ("crash", "no"),
    "err-swallow": ("logged", "no"),
}
ERROR_CASES = [(mark, *case) for mark in ERROR_FORMS for case in marks(mark)]


def test_error_form_fixtures_cover_rust_and_elixir() -> None:
    for mark in ERROR_FORMS:
        langs = {lang for name, lang, _, _ in ERROR_CASES if name == mark}
        assert langs >= ({"rust"} if mark == "err-crash" else {"rust", "elixir"}), mark


@pytest.mark.parametrize(
    ("mark", "lang", "path", "line"),
    ERROR_CASES,
    ids=[f"{m}:{lang}:{line}" for m, lang, _, line in ERROR_CASES],
)
def test_error_handling_written_as_expressions(mark: str, lang: str, path: str, line: int) -> None:
    site = judged_at(lang, path, line)
    handling, fallback = ERROR_FORMS[mark]
    assert site.error_handling == handling
    answer, reason = verdict(site, "fallback")
    assert answer == fallback, reason
    assert f"{path}:" in reason


# (mark, pattern) -> verdict, for client configuration written away from the call.
CONFIGURED = {
    ("net-typed", "timeout"): "yes",
    ("net-typed", "retry"): "yes",
    ("net-named", "timeout"): "yes",
    ("net-named", "retry"): "yes",
    ("net-named", "circuit_breaker"): "yes",
    ("net-plain", "retry"): "no",
    ("net-plain", "circuit_breaker"): "no",
    ("session-class", "timeout"): "yes",
    ("session-class", "retry"): "yes",
    ("session-mount", "retry"): "yes",
    ("session-mount", "timeout"): "no",
    ("session-plain", "retry"): "no",
    ("session-plain", "timeout"): "no",
}
CONFIG_CASES = [(mark, pattern, *case) for mark, pattern in CONFIGURED for case in marks(mark)]


def test_client_configuration_fixtures_exist() -> None:
    found = {mark for mark, *_ in CONFIG_CASES}
    assert found == {mark for mark, _ in CONFIGURED}


@pytest.mark.parametrize(
    ("mark", "pattern", "lang", "path", "line"),
    CONFIG_CASES,
    ids=[f"{m}:{p}" for m, p, *_ in CONFIG_CASES],
)
def test_client_configured_where_it_is_registered_or_built(
    mark: str, pattern: str, lang: str, path: str, line: int
) -> None:
    answer, reason = verdict(judged_at(lang, path, line), pattern)
    assert answer == CONFIGURED[(mark, pattern)], reason
    if answer == "yes":
        where = "Shop/Startup.cs:" if lang == "csharp" else "app/sessions.py:"
        assert where in reason, reason


HEALTH = marks("health-db") + marks("health-registered")


def test_health_fixtures_cover_routes_indicators_and_registrations() -> None:
    assert {lang for lang, _, _ in HEALTH} >= {"go", "py", "java", "ruby", "csharp"}


@pytest.mark.parametrize(("lang", "path", "line"), HEALTH, ids=ids(HEALTH))
def test_a_health_check_that_exercises_the_dependency(lang: str, path: str, line: int) -> None:
    ident, category = ("postgresql", "database") if lang != "py" else ("redis", "cache")
    item = integration(ident, path, line).model_copy(update={"category": category})
    result = analyze_sites(FIXTURES / lang, [item], use_cache=False)[ident]
    health = result.resilience.verdicts["health_check"]
    assert health.verdict == "yes", health.reasons
    assert any(w in health.reasons[0] for w in ("health route", "HealthIndicator", "registered"))


def test_an_integration_no_health_check_exercises_is_no(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/health.py": (
                "from flask import Flask\napp = Flask(__name__)\n\n"
                '@app.get("/health")\ndef health():\n    return {"ok": True}\n'
            ),
            "app/pay.py": (
                "import requests\n\ndef charge():\n"
                '    return requests.post("https://api.example-pay.com/charge")\n'
            ),
        }
    )
    result = analyze_sites(root, [integration("example-pay", "app/pay.py", 4)], use_cache=False)
    assert result["example-pay"].resilience.verdicts["health_check"].verdict == "no"


def test_a_client_passed_to_the_call_is_followed_to_its_construction(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/http_client.rs": (
                "pub fn client_builder() -> reqwest::ClientBuilder {\n"
                "    reqwest::Client::builder().timeout(std::time::Duration::from_secs(10))\n"
                "}\n"
            ),
            "src/sso.rs": (
                "use crate::http_client::client_builder;\n"
                "pub struct SsoHttp {\n    client: reqwest::Client,\n}\n"
                "impl SsoHttp {\n"
                "    fn new() -> Result<Self, reqwest::Error> {\n"
                "        client_builder().build().map(|client| Self { client })\n"
                "    }\n}\n"
                "pub async fn discover(url: String) -> Option<String> {\n"
                "    let http = SsoHttp::new().ok()?;\n"
                "    Metadata::discover_async(url, &http).await.ok()\n"
                "}\n"
            ),
        }
    )
    site = analyze_sites(root, [integration("oidc", "src/sso.rs", 12)], use_cache=False)
    answer, reason = verdict(site["oidc"].sites[0], "timeout")
    assert answer == "yes", reason
    assert "new -> client_builder" in reason and "src/http_client.rs:2" in reason
