"""The bottom-layer helpers each concept has one home in: lines, paging, skip dirs, names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integration_risk.catalog.index import normalise_package
from integration_risk.envfiles.discovery import PRUNE
from integration_risk.errors import InvalidInput
from integration_risk.lines import LineIndex, clip, split_lines
from integration_risk.paging import decode_cursor, encode_cursor
from integration_risk.scan import walk
from integration_risk.skipdirs import BUILD_OUTPUT_DIRS, SKIPPED_DIRS


@given(st.text(alphabet="ab\n\r", max_size=40), st.data())
def test_line_index_agrees_with_counting_newlines(text: str, data: st.DataObject) -> None:
    index = LineIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    line = text.count("\n", 0, offset) + 1
    assert index.line_of(offset) == line
    assert index.line_text(line) == text.split("\n")[line - 1]


@given(st.text(alphabet="ab\n\r\x0b\x0c\x1c\x85\u2028", max_size=40))
def test_split_lines_numbers_lines_as_line_index_does(text: str) -> None:
    index = LineIndex(text)
    lines = split_lines(text)
    assert len(lines) == text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    for number, line in enumerate(lines, 1):
        assert line == index.line_text(number).removesuffix("\r")
    plain = text.replace("\r", "").replace("\x0b", "").replace("\x0c", "")
    plain = plain.replace("\x1c", "").replace("\x85", "").replace("\u2028", "")
    assert split_lines(plain) == plain.splitlines()  # where they cannot differ, they agree


def test_clip_marks_a_cut_and_keeps_short_text() -> None:
    assert clip("abcdef", 6) == "abcdef"
    assert clip("abcdefg", 6) == "abcde…"
    assert len(clip("x" * 500, 140)) == 140


@given(st.integers(0, 10**9))
def test_cursor_round_trip(offset: int) -> None:
    assert decode_cursor(encode_cursor(offset)) == offset


@pytest.mark.parametrize("bad", ["nope", "bzo6MQ==", encode_cursor(1)[:-2] + "!!", "LTE="])
def test_foreign_cursor_is_refused_with_a_hint(bad: str) -> None:
    with pytest.raises(InvalidInput) as info:
        decode_cursor(bad)
    assert "next_cursor" in (info.value.hint or "")


def test_one_skip_list_env_walk_prunes_build_outputs_too() -> None:
    assert walk.SKIPPED_DIRS is SKIPPED_DIRS
    assert PRUNE == SKIPPED_DIRS | BUILD_OUTPUT_DIRS
    assert not BUILD_OUTPUT_DIRS & SKIPPED_DIRS
    assert walk.is_vendored_dir("node_modules") and not walk.is_vendored_dir("build")


@pytest.mark.parametrize(
    ("ecosystem", "name", "expected"),
    [
        ("pypi", " Foo.Bar_baz ", "foo-bar-baz"),
        ("pypi", "google-cloud--storage", "google-cloud-storage"),
        ("npm", "@Scope/Pkg_Name", "@scope/pkg_name"),
    ],
)
def test_package_names_compare_as_their_registry_does(
    ecosystem: str, name: str, expected: str
) -> None:
    assert normalise_package(ecosystem, name) == expected
