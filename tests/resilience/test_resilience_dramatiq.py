"""Dramatiq actors (held-out round 11, resil-n): the Retries middleware, on by default,
re-runs a failed actor up to 20 times; `max_retries=0` in its decorator, also on a line of its
own in a long decorator, turns that off. Tiny synthetic files."""

from __future__ import annotations

from tests.conftest import TreeBuilder
from tests.resilience.builders import verdicts_of

_TASKS = """import dramatiq
import requests


@dramatiq.actor(queue_name="hooks")
def deliver_hook(url: str, payload: dict) -> None:
    requests.post(url, json=payload, timeout=10)


@dramatiq.actor(
    queue_name="exports",
    time_limit=600_000,
    max_retries=0,
)
def push_export(url: str, payload: dict) -> None:
    requests.post(url, json=payload, timeout=10)
"""


def test_a_dramatiq_actor_is_retried_by_default(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/tasks.py": _TASKS})
    verdict, reasons = verdicts_of(root, "webhook", [("app/tasks.py", 7)], "call")["retry"]
    assert verdict == "yes", reasons
    assert "Dramatiq" in reasons


def test_max_retries_zero_on_its_own_decorator_line_turns_it_off(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/tasks.py": _TASKS})
    verdict, reasons = verdicts_of(root, "export-target", [("app/tasks.py", 16)], "call")["retry"]
    assert verdict == "no", reasons


def test_a_local_max_retries_in_the_body_leaves_the_default(make_tree: TreeBuilder) -> None:
    # review 25: a body's own `max_retries = 0` is no decorator keyword
    source = (
        'import dramatiq\nimport requests\n\n\n@dramatiq.actor(queue_name="hooks")\n'
        "def deliver_hook(url: str, payload: dict) -> None:\n    max_retries = 0\n"
        "    requests.post(url, json=payload, timeout=10)\n\n\n"
        '@dramatiq.actor(queue_name="hooks", max_retries=0)\n'
        "def push(url: str, payload: dict) -> None:\n"
        "    requests.post(url, json=payload, timeout=10)\n"
    )
    root = make_tree({"app/tasks.py": source})
    verdict, reasons = verdicts_of(root, "webhook", [("app/tasks.py", 8)], "call")["retry"]
    assert verdict == "yes", reasons
    verdict, reasons = verdicts_of(root, "export-target", [("app/tasks.py", 13)], "call")["retry"]
    assert verdict == "no", reasons


_BROKER = """import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import Retries, ShutdownNotifications, TimeLimit


def init_broker(redis_url: str) -> None:
    middleware = [
        TimeLimit(),
        ShutdownNotifications(),
        Retries(max_retries=5),
    ]
    broker = RedisBroker(middleware=middleware, url=redis_url)
    dramatiq.set_broker(broker)
"""
_APP = """import os

from app.broker import init_broker

REDIS_URL = os.getenv("REDIS_URL", "redis://")


def create_app() -> None:
    init_broker(REDIS_URL)
"""


def test_a_brokers_actor_middleware_protects_no_call_of_its_connection(
    make_tree: TreeBuilder,
) -> None:
    # held-out FitTrackee: `init_dramatiq_broker(app, abortable, REDIS_URL)` reached a wrapper
    # whose middleware list holds `TimeLimit()` and `Retries()`; they limit and re-run actors,
    # not the broker's Redis commands (redis timeout and retry were yes)
    root = make_tree({"app/broker.py": _BROKER, "app/__init__.py": _APP})
    verdicts = verdicts_of(root, "redis", [("app/__init__.py", 9)], "call", category="cache")
    for prop in ("timeout", "retry"):
        verdict, reasons = verdicts[prop]
        assert verdict == "no", (prop, reasons)


_ONE_LINE = """import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import Retries, TimeLimit


def init_broker(redis_url: str) -> None:
    broker = RedisBroker(url=redis_url, socket_timeout=5, middleware=[TimeLimit(), Retries(max_retries=5)])
    dramatiq.set_broker(broker)
"""


def test_the_brokers_own_options_beside_its_middleware_still_count(
    make_tree: TreeBuilder,
) -> None:
    # only the middleware calls are job policy: the socket_timeout passed to the broker on the
    # same line is the connection's timeout
    root = make_tree({"app/broker.py": _ONE_LINE, "app/__init__.py": _APP})
    verdict, reasons = verdicts_of(root, "redis", [("app/broker.py", 7)], "call", category="cache")[
        "timeout"
    ]
    assert verdict == "yes" and "socket_timeout" in reasons, reasons
    # and the middleware's own words on that line are still no protection
    bare = _ONE_LINE.replace("socket_timeout=5, ", "").replace(
        "TimeLimit()", "TimeLimit(time_limit=60)"
    )
    root = make_tree({"app/broker.py": bare, "app/__init__.py": _APP})
    verdict, reasons = verdicts_of(root, "redis", [("app/broker.py", 7)], "call", category="cache")[
        "timeout"
    ]
    assert verdict == "no", reasons


def test_the_middleware_module_import_spells_the_same_policy(make_tree: TreeBuilder) -> None:
    # `from dramatiq import middleware`, then `middleware.TimeLimit()`
    broker = (
        _BROKER.replace(
            "from dramatiq.middleware import Retries, ShutdownNotifications, TimeLimit",
            "from dramatiq import middleware as mw",
        )
        .replace("TimeLimit()", "mw.TimeLimit()")
        .replace("ShutdownNotifications()", "mw.ShutdownNotifications()")
        .replace("Retries(max_retries=5)", "mw.Retries(max_retries=5)")
    )
    root = make_tree({"app/broker.py": broker, "app/__init__.py": _APP})
    verdicts = verdicts_of(root, "redis", [("app/__init__.py", 9)], "call", category="cache")
    for prop in ("timeout", "retry"):
        verdict, reasons = verdicts[prop]
        assert verdict == "no", (prop, reasons)
