"""A call inside a closure, lambda or block passed to a project function is protected by
what that function does with it (tests/fixtures/closures/<lang>, marked `site: retried`
and `site: plain` on the call's line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.models.callsites import CallSite
from integration_risk.resilience import analyze_sites
from integration_risk.resilience.enclosing import enclosing_callees, receivers_of, retries_argument
from integration_risk.resilience.facts import extract_facts
from integration_risk.resilience.languages import specs
from tests.resilience.test_fixture_verdicts import integration, marked_sites, verdict

FIXTURES = Path(__file__).parent.parent / "fixtures" / "closures"
LANGUAGES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
# The project function each language's retried closure is passed to, and the file it is in.
WRAPPERS = {
    "csharp": ("RunAsync", "Shop/Resilience/Patience.cs"),
    "go": ("Do", "internal/patience/patience.go"),
    "py": ("with_patience", "lib/patience.py"),
    "ruby": ("persist", "lib/patience.rb"),
    "rust": ("persist", "src/util.rs"),
    "ts": ("attemptLoop", "src/lib/loop.ts"),  # reached through withPatience, two levels
}


def judged(lang: str, kind: str) -> CallSite:
    app = FIXTURES / lang
    path, line = marked_sites(app)[kind]
    result = analyze_sites(app, [integration("example-pay", path, line)], use_cache=False)
    return next(s for s in result["example-pay"].sites if s.path == path and s.line <= line)


def test_fixtures_cover_the_languages() -> None:
    assert set(LANGUAGES) == set(WRAPPERS)
    for lang in LANGUAGES:
        assert {"retried", "plain"} <= set(marked_sites(FIXTURES / lang)), lang
    passed = [lang for lang in LANGUAGES if "passed" in marked_sites(FIXTURES / lang)]
    assert passed == ["py", "rust", "ts"]
    assert "locked" in marked_sites(FIXTURES / "ts")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_closure_passed_to_a_retrying_function_is_retried(lang: str) -> None:
    answer, reason = verdict(judged(lang, "retried"), "retry")
    name, path = WRAPPERS[lang]
    assert answer == "yes", reason
    assert reason.startswith("via wrapper "), reason
    assert name in reason and path in reason, reason
    assert "hand-written retry" in reason, reason


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_closure_passed_to_a_function_that_runs_it_once_is_not_retried(lang: str) -> None:
    answer, reason = verdict(judged(lang, "plain"), "retry")
    assert answer == "no", reason


@pytest.mark.parametrize("lang", ["py", "rust", "ts"])
def test_a_function_passed_as_a_value_to_a_retrying_function_is_retried(lang: str) -> None:
    answer, reason = verdict(judged(lang, "passed"), "retry")
    assert answer == "yes", reason
    assert reason.startswith("via wrapper "), reason
    assert WRAPPERS[lang][1] in reason and "hand-written retry" in reason, reason


def test_a_lock_that_waits_in_a_loop_then_runs_the_closure_once_is_no_retry() -> None:
    answer, reason = verdict(judged("ts", "locked"), "retry")
    assert answer == "no", reason


def test_ts_names_the_whole_wrapper_chain() -> None:
    _, reason = verdict(judged("ts", "retried"), "retry")
    assert "withPatience -> attemptLoop" in reason


def test_enclosing_calls_innermost_first_and_only_around_the_site() -> None:
    source = b"""
async function sync(items) {
  return withPatience(() =>
    db.transaction(async (tx) => {
      await tx.insert(items);
    }),
  );
}

async function other() {
  await withPatience(() => ping());
  await notify();
}
"""
    facts = extract_facts(source, specs()["typescript"])
    assert enclosing_callees(facts, 5, 5) == ["db.transaction", "withPatience"]
    assert enclosing_callees(facts, 12, 12) == []  # after the call, not inside it
    assert enclosing_callees(facts, 3, 3) == []  # starts on the site's line: followed already


def test_a_loop_retries_the_argument_when_it_runs_it_again_on_a_failure() -> None:
    source = b"""
def persist(op, tries=3):
    for _ in range(tries):
        try:
            return op()
        except OSError:
            time.sleep(1)

def spin(key, op):
    while locked(key):
        time.sleep(1)
    return op()

def pages(op):
    for page in range(10):
        op(page)
        time.sleep(1)
"""
    facts = extract_facts(source, specs()["python"])
    lines = source.decode().splitlines()
    first, second, third = sorted(facts.loops)
    assert retries_argument(facts, lines, 2, first)
    assert not retries_argument(facts, lines, 9, second)  # waits, then runs it once
    assert not retries_argument(facts, lines, 14, third)  # runs it per page, not on failure
    ruby = b"def persist(tries: 3)\n  while true\n    begin\n      return yield\n    rescue IOError\n      sleep 1\n    end\n  end\nend\n"
    ruby_facts = extract_facts(ruby, specs()["ruby"])
    assert retries_argument(ruby_facts, ruby.decode().splitlines(), 1, ruby_facts.loops[0])


def test_a_function_used_as_a_value_is_not_one_it_calls_or_reads() -> None:
    source = b"""
def push(order):
    return client.put(order)

def sync(order):
    with_patience(push, tries=2)
    push(order)
    log(push.__name__)
    other(pusher)
"""
    facts = extract_facts(source, specs()["python"])
    func = facts.function_at(3)
    assert receivers_of(facts, source.decode().splitlines(), func) == ["with_patience"]


TYPED = Path(__file__).parent.parent / "fixtures" / "typedowners"


def typed_site(lang: str, kind: str) -> CallSite:
    app = TYPED / lang
    path, line = marked_sites(app)[kind]
    result = analyze_sites(app, [integration("example-pay", path, line)], use_cache=False)
    return next(s for s in result["example-pay"].sites if s.path == path and s.line == line)


@pytest.mark.parametrize(
    ("lang", "kind", "pattern", "type_name"),
    [
        ("java", "retried", "retry", "RetryTemplate"),
        ("java", "broken", "circuit_breaker", "CircuitBreaker"),
        ("csharp", "retried", "retry", "AsyncRetryPolicy"),
    ],
)
def test_a_closure_run_by_a_declared_protection_object_is_protected(
    lang: str, kind: str, pattern: str, type_name: str
) -> None:
    answer, reason = verdict(typed_site(lang, kind), pattern)
    assert answer == "yes", reason
    assert reason.startswith("runs inside `") and f"is a {type_name}" in reason, reason


@pytest.mark.parametrize("lang", ["java", "csharp"])
def test_a_closure_run_by_an_executor_is_not_protected(lang: str) -> None:
    site = typed_site(lang, "plain")
    for pattern in ("retry", "circuit_breaker"):
        assert verdict(site, pattern)[0] == "no", verdict(site, pattern)
