"""Our dotenv parser reads every text the way python-dotenv's public API does."""

from __future__ import annotations

import io

import pytest
from dotenv import dotenv_values
from dotenv.parser import parse_stream  # the oracle's own reading, for the one difference
from hypothesis import example, given, settings
from hypothesis import strategies as st

from integration_risk.envfiles.dotenv import parse_dotenv
from integration_risk.envfiles.rules import is_safe_key

# The characters the dialect gives meaning to, plus a little plain text.
_ALPHABET = "AB_x1 =#'\"\\\nnt\t-."
_LINE = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=12),
    st.builds(
        lambda export, key, quote, value, comment: f"{export}{key}={quote}{value}{quote}{comment}",
        st.sampled_from(["", "export "]),
        st.from_regex(r"[A-Z_][A-Z0-9_]{0,6}", fullmatch=True),
        st.sampled_from(["", "'", '"']),
        st.text(alphabet=_ALPHABET, max_size=10),
        st.sampled_from(["", " # note", "#x"]),
    ),
)


def ours(text: str) -> dict[str, str]:
    assignments, _ = parse_dotenv(text)
    return {a.key: a.value.reveal() for a in assignments}


def theirs(text: str) -> dict[str, str]:
    values = dotenv_values(stream=io.StringIO(text), interpolate=False)
    last_valued = {b.key: b.value for b in parse_stream(io.StringIO(text)) if b.value is not None}
    # One deliberate difference: python-dotenv lets a bare `KEY` line (no `=`) replace an
    # earlier `KEY=value` by None; we report that line as a problem and keep the value the
    # file did assign, so a key whose last word is bare keeps its last valued binding.
    return {
        k: v if v is not None else last_valued[k]
        for k, v in values.items()
        if (v is not None or k in last_valued) and is_safe_key(k)
    }


@pytest.mark.slow
@settings(max_examples=400)
@given(st.lists(_LINE, max_size=6).map("\n".join))
@example('A="multi\nline"\nB=2')
@example("A='it\\'s' # c\nexport B=\"x\\ty\"\nC= #empty\nD=#kept")
@example('BROKEN="never closed\nNEXT=1')
@example("A=\nA")  # bare key after an assignment: the value stays, the line is a problem
def test_agrees_with_python_dotenv(text: str) -> None:
    assert ours(text) == theirs(text)


@pytest.mark.slow
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[A-Z][A-Z_]{0,8}[0-9]?", fullmatch=True),  # printable keys
            st.text(alphabet="abc \n", max_size=8),
            st.integers(0, 2),
        ),
        max_size=6,
        unique_by=lambda t: t[0],
    )
)
def test_each_key_is_reported_on_the_line_it_starts(
    rows: list[tuple[str, str, int]],
) -> None:
    text = ""
    expected: dict[str, int] = {}
    for key, value, blanks in rows:
        text += "\n" * blanks
        expected[key] = text.count("\n") + 1  # a multi-line value pushes the next key down
        text += f'{key}="{value}"\n'
    assignments, problems = parse_dotenv(text)
    assert problems == []
    assert {a.key: a.line for a in assignments} == expected


def test_bare_key_after_assignment_keeps_value_and_is_a_problem() -> None:
    assignments, problems = parse_dotenv("A=1\nA\n")
    assert [(a.key, a.value.reveal(), a.line) for a in assignments] == [("A", "1", 1)]
    assert [p.line for p in problems] == [2]
