"""Our dotenv parser reads every text the way python-dotenv's public API does."""

from __future__ import annotations

import io

import pytest
from dotenv import dotenv_values
from hypothesis import example, given, settings
from hypothesis import strategies as st

from integration_risk.envfiles.dotenv import is_safe_key, parse_dotenv

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
    return {k: v for k, v in values.items() if v is not None and is_safe_key(k)}


@pytest.mark.slow
@settings(max_examples=400)
@given(st.lists(_LINE, max_size=6).map("\n".join))
@example('A="multi\nline"\nB=2')
@example("A='it\\'s' # c\nexport B=\"x\\ty\"\nC= #empty\nD=#kept")
@example('BROKEN="never closed\nNEXT=1')
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
