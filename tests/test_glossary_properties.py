"""Properties of the merge: idempotent, order-free for disjoint upserts, sections survive."""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integration_risk.glossary import dump_document, merge
from integration_risk.schemas import schema_problems

AGENTS = st.sampled_from(["mapper", "failure-expert", "other-plugin"])
LEVELS = st.sampled_from(["critical", "high", "medium", "low"])
SHORT = st.text(min_size=1, max_size=8)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)


def fields_for(number: int) -> st.SearchStrategy[dict[str, Any]]:
    """Fields whose names all belong to system `number` (so systems never match each other)."""
    return st.fixed_dictionaries(
        {},
        optional={
            "canonical_name": st.just(f"System {number} Cloud"),
            "type": SHORT,
            "risk_level": LEVELS,
            "failure_impact": SHORT,
            "category": SHORT,
            "aliases": st.lists(
                st.sampled_from([f"sys{number}-alias", f"SYS {number} ALIAS"]), max_size=2
            ),
            "evidence": st.lists(SHORT, max_size=2),
            "x-extra": json_values,
        },
    )


def key_for(number: int) -> st.SearchStrategy[str]:
    return st.sampled_from([f"sys{number}x", f"Sys{number}X", f"System {number} Cloud"])


PROPOSALS = {n: st.tuples(key_for(n), fields_for(n)) for n in range(10)}


@functools.cache
def upserts(numbers: tuple[int, ...]) -> st.SearchStrategy[dict[str, dict[str, Any]]]:
    """One upsert proposing entries for some of the systems `numbers`."""
    return st.lists(st.one_of([PROPOSALS[n] for n in numbers]), min_size=1, max_size=4).map(dict)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid glossary built by merges from several agents, plus unknown sections."""
    document: dict[str, Any] = draw(
        st.dictionaries(
            st.text(max_size=6).filter(lambda s: s != "integrations"), json_values, max_size=3
        )
    )
    for _ in range(draw(st.integers(0, 3))):
        document, _ = merge(document, draw(upserts(tuple(range(6)))), draw(AGENTS), "T0")
    return document


@pytest.mark.slow
@settings(max_examples=75, deadline=None)
@given(documents(), upserts(tuple(range(8))), AGENTS)
def test_merge_is_idempotent(document: dict[str, Any], upsert: dict[str, Any], agent: str) -> None:
    once, _ = merge(document, upsert, agent, "T1")
    twice, outcome = merge(once, upsert, agent, "T2")
    assert twice == once
    assert not outcome.created and not outcome.updated


@pytest.mark.slow
@settings(max_examples=75, deadline=None)
@given(documents(), upserts((0, 2, 4, 6, 8)), upserts((1, 3, 5, 7, 9)), AGENTS, AGENTS)
def test_order_of_disjoint_upserts_does_not_matter(
    document: dict[str, Any],
    first: dict[str, Any],
    second: dict[str, Any],
    agent_a: str,
    agent_b: str,
) -> None:
    ab, _ = merge(merge(document, first, agent_a, "T1")[0], second, agent_b, "T2")
    ba, _ = merge(merge(document, second, agent_b, "T2")[0], first, agent_a, "T1")
    assert ab == ba


@pytest.mark.slow
@settings(max_examples=75, deadline=None)
@given(documents(), st.lists(st.tuples(upserts(tuple(range(8))), AGENTS), max_size=5))
def test_unknown_sections_survive_any_upserts(
    document: dict[str, Any], sequence: list[tuple[dict[str, Any], str]]
) -> None:
    others = {k: v for k, v in document.items() if k != "integrations"}
    current = document
    for step, (upsert, agent) in enumerate(sequence):
        current, _ = merge(current, upsert, agent, f"T{step}")
    assert {k: v for k, v in current.items() if k != "integrations"} == others
    assert schema_problems("glossary.schema.json", current) == []
    assert json.loads(dump_document(current)) == current
