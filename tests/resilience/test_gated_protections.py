"""A wrapper's protection behind a flag of the request it is given (`if (request.Retry)`)
holds only for callers that set that flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.models.callsites import CallSite
from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.test_fixture_verdicts import integration, verdict

PY_WRAPPER = (
    "import requests\n"
    "from tenacity import Retrying, retry_if_exception_type, stop_after_attempt\n\n"
    "def send_request(request):\n"
    "    if request.retry:\n"
    "        for attempt in Retrying(retry=retry_if_exception_type(IOError)):\n"
    "            with attempt:\n"
    "                return requests.post(request.url, timeout=5)\n"
    "    return requests.post(request.url, timeout=5)\n"
)
PY_CALLER = (
    "from app.http_wrapper import send_request\n"
    "from app.model import Request\n\n"
    "def push(url):\n"
    "    req = Request(url)\n"
    "{flag}"
    "    return send_request(req)\n"
)
CS_WRAPPER = (
    "using Polly;\n\nnamespace App.Api\n{\n    public class Api\n    {\n"
    "        public async Task<string> Execute(Request request)\n        {\n"
    "            var response = await _client.SendAsync(request.Message);\n"
    "            if (request.Retry)\n            {\n"
    "                response = await Policy.Handle<HttpRequestException>()\n"
    "                    .WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i))\n"
    "                    .ExecuteAsync(() => _client.SendAsync(request.Message));\n"
    "            }\n            return await response.Content.ReadAsStringAsync();\n"
    "        }\n    }\n}\n"
)
CS_CALLER = (
    "namespace App.Feeds\n{\n    public class FeedApi\n    {\n"
    "        public async Task<string> Pull(string url)\n        {\n"
    "            var request = new Request(url) { FLAG };\n"
    "            return await _api.Execute(request);\n"
    "        }\n    }\n}\n"
)


def judged(root: Path, path: str, line: int) -> CallSite:
    result = analyze_sites(root, [integration("feeds", path, line)], use_cache=False)["feeds"]
    return next(s for s in result.sites if s.path == path and s.line == line)


@pytest.mark.parametrize(("flag", "expected"), [("    req.retry = True\n", "yes"), ("", "no")])
def test_python_flag_on_the_request(make_tree: TreeBuilder, flag: str, expected: str) -> None:
    root = make_tree(
        {
            "app/http_wrapper.py": PY_WRAPPER,
            "app/feeds.py": PY_CALLER.format(flag=flag),
        }
    )
    line = 7 if flag else 6
    answer, reason = verdict(judged(root, "app/feeds.py", line), "retry")
    assert answer == expected, reason
    # the timeout is not behind the flag: it holds either way
    assert verdict(judged(root, "app/feeds.py", line), "timeout")[0] == "yes"


@pytest.mark.parametrize(("flag", "expected"), [("Retry = true", "yes"), ("Verbose = true", "no")])
def test_csharp_flag_in_an_initializer(make_tree: TreeBuilder, flag: str, expected: str) -> None:
    root = make_tree(
        {
            "src/App.Api/Api.cs": CS_WRAPPER,
            "src/App.Feeds/FeedApi.cs": CS_CALLER.replace("FLAG", flag),
        }
    )
    answer, reason = verdict(judged(root, "src/App.Feeds/FeedApi.cs", 8), "retry")
    assert answer == expected, reason
