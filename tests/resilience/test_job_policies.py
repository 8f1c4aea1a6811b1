"""Job-framework retries written in ways the fixture apps do not show: Huey tasks, and a
project's own decorator factory that returns the framework's task decorator."""

from __future__ import annotations

from pathlib import Path

from integration_risk.models.callsites import CallSite
from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.test_fixture_verdicts import integration, verdict

FETCH = "import requests\n\ndef fetch_icon(url):\n    return requests.get(url, timeout=5).content\n"


def site_at(root: Path, path: str, line: int) -> CallSite:
    result = analyze_sites(root, [integration("icons", path, line)], use_cache=False)["icons"]
    return next(s for s in result.sites if s.path == path and s.line == line)


def test_a_huey_task_with_retries_retries_what_it_calls(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/icons.py": FETCH,
            "app/tasks.py": (
                "from huey.contrib.djhuey import db_task\n"
                "from app import icons\n\n"
                "@db_task(retries=3, retry_delay=10)\n"
                "def refresh_icon(url):\n"
                "    icons.fetch_icon(url)\n"
            ),
        }
    )
    answer, reason = verdict(site_at(root, "app/icons.py", 4), "retry")
    assert answer == "yes", reason
    assert "Huey" in reason and "app/tasks.py:4" in reason and "refresh_icon" in reason


def test_a_decorator_factory_returning_a_huey_task_makes_its_users_tasks(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/icons.py": FETCH,
            "app/jobs.py": (
                "import functools\n"
                "from huey.contrib.djhuey import HUEY as huey\n\n"
                "def background(retries=4, retry_delay=30):\n"
                "    def deco(fn):\n"
                "        @functools.wraps(fn)\n"
                "        def inner(*args, **kwargs):\n"
                "            return fn(*args, **kwargs)\n"
                "        return huey.task(retries=retries, retry_delay=retry_delay)(inner)\n"
                "    return deco\n"
            ),
            "app/work.py": (
                "from app.jobs import background\n"
                "from app import icons\n\n"
                "@background()\n"
                "def refresh_icon(url):\n"
                "    icons.fetch_icon(url)\n"
            ),
        }
    )
    answer, reason = verdict(site_at(root, "app/icons.py", 4), "retry")
    assert answer == "yes", reason
    assert "app/jobs.py:9" in reason and "refresh_icon (app/work.py:4)" in reason, reason


def test_a_huey_task_without_retries_or_with_zero_is_no_retry(make_tree: TreeBuilder) -> None:
    for decorator in ("@db_task()", "@db_task(retries=0)"):
        root = make_tree(
            {
                "app/icons.py": FETCH,
                "app/tasks.py": (
                    "from huey.contrib.djhuey import db_task\n"
                    "from app import icons\n\n"
                    f"{decorator}\n"
                    "def refresh_icon(url):\n"
                    "    icons.fetch_icon(url)\n"
                ),
            }
        )
        answer, reason = verdict(site_at(root, "app/icons.py", 4), "retry")
        assert answer == "no", (decorator, reason)
