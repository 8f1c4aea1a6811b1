"""The per-file lookup tables answer exactly what a pass over every function or call did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from integration_risk.resilience import factindex
from integration_risk.resilience.facts import Facts

spans = st.tuples(st.integers(1, 60), st.integers(0, 50)).map(lambda s: (s[0], s[0] + s[1]))
funcs = st.lists(spans.map(lambda s: ("f", s[0], s[1])), max_size=12)
callees = st.sampled_from(["send", "client.send", "api.v2.get", "a::b", "x->get", "get", "x."])
calls = st.lists(
    st.tuples(spans, callees, st.integers(-1, 5)).map(lambda c: (c[0][0], c[0][1], c[1], c[2])),
    max_size=20,
)


def _linear_function_at(facts: Facts, line: int) -> int:
    best, size = -1, 1 << 30
    for index, (_, start, end) in enumerate(facts.funcs):
        if start <= line <= end and end - start < size:
            best, size = index, end - start
    return best


def _linear_innermost_call(facts: Facts, line: int) -> tuple[int, int, str, int] | None:
    best = None
    for call in facts.calls:
        fits = call[0] <= line <= call[1] and call[1] - call[0] <= factindex.MAX_CALL_SPAN
        if fits and (best is None or call[1] - call[0] < best[1] - best[0]):
            best = call
    return best


@settings(max_examples=300, deadline=None)
@given(funcs, calls)
def test_lookups_agree_with_a_pass_over_every_function_and_call(
    func_list: list[tuple[str, int, int]], call_list: list[tuple[int, int, str, int]]
) -> None:
    facts = Facts(language="python", funcs=func_list, calls=call_list)
    for line in range(0, 115):
        assert facts.function_at(line) == _linear_function_at(facts, line)
        assert factindex.innermost_call(facts, line) == _linear_innermost_call(facts, line)
    for name in ("send", "get", "b", "", "nothing"):
        expected = [c for c in call_list if factindex.last_name(c[2]) == name]
        assert factindex.calls_named(facts, name) == expected


def test_tables_follow_the_lists_they_were_built_from() -> None:
    facts = Facts(language="python", funcs=[("outer", 1, 20)], calls=[(3, 3, "a.send", -1)])
    assert facts.function_at(5) == 0
    facts.funcs.append(("inner", 4, 6))  # grown in place, as the extraction appends
    assert facts.function_at(5) == 1
    facts.calls = [(3, 3, "a.send", 1)]  # replaced, as functions are assigned to calls
    assert factindex.calls_named(facts, "send") == [(3, 3, "a.send", 1)]
    assert factindex.innermost_call(facts, 3) == (3, 3, "a.send", 1)


def test_the_tables_never_reach_the_cached_json() -> None:
    facts = Facts(language="python", funcs=[("f", 1, 3)], calls=[(2, 2, "x.get", 0)])
    facts.function_at(2)
    factindex.calls_named(facts, "get")
    factindex.innermost_call(facts, 2)
    assert Facts.from_json(facts.to_json()) == facts
    assert not [key for key in facts.to_json() if key.startswith("_")]
