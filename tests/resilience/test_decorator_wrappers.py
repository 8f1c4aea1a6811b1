"""A project decorator runs the function it decorates: its retry (or the retry its factory
returns) protects the calls inside."""

from __future__ import annotations

import pytest

from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.test_fixture_verdicts import integration, verdict

RESILIENCE = (
    "import time\n"
    "import functools\n"
    "from tenacity import retry, stop_after_attempt, wait_exponential\n\n"
    "def resilient(attempts=3):\n"
    "    return retry(stop=stop_after_attempt(attempts), wait=wait_exponential())\n\n"
    "def patient(fn):\n"
    "    @functools.wraps(fn)\n"
    "    def run(*args):\n"
    "        for attempt in range(3):\n"
    "            try:\n"
    "                return fn(*args)\n"
    "            except IOError:\n"
    "                time.sleep(2 ** attempt)\n"
    "    return run\n\n"
    "def audited(fn):\n"
    "    return fn\n"
)


@pytest.mark.parametrize(
    ("decorator", "expected"), [("@resilient()", "yes"), ("@patient", "yes"), ("@audited", "no")]
)
def test_a_project_decorator_protects_the_calls_inside(
    make_tree: TreeBuilder, decorator: str, expected: str
) -> None:
    root = make_tree(
        {
            "app/resilience.py": RESILIENCE,
            "app/pay.py": (
                "import requests\n"
                "from app.resilience import audited, patient, resilient\n\n"
                f"{decorator}\n"
                "def charge(amount):\n"
                "    return requests.post('https://api.example-pay.com', json=amount, timeout=5)\n"
            ),
        }
    )
    result = analyze_sites(root, [integration("example-pay", "app/pay.py", 6)], use_cache=False)
    site = next(s for s in result["example-pay"].sites if s.line == 6)
    answer, reason = verdict(site, "retry")
    assert answer == expected, reason
