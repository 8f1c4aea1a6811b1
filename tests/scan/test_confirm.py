"""RE2 supersets mark where a pattern extractor's regex can match; Python's `re` confirms."""

from __future__ import annotations

import re

import pytest

from integration_risk.scan import calls, confirm, drivers, prefilter
from tests.scan.test_prefilter import FILLER

pytestmark = pytest.mark.skipif(confirm.re2 is None, reason="google-re2 wheel missing")


@pytest.mark.parametrize(
    ("source", "superset"),
    [
        (r"(?<![\w.$>:])fetch\s*\(", r"fetch[\t-\r ]*\("),
        (r"new URL\((?=[^\n;]*\)\.open)", r"new URL\("),
        (r"a(?!b)c(?<=[)(])d", r"acd"),
        (r"[\s,]+(?=x)", r"[\t-\r ,]+"),
        (r"\((?:a|b)\)\[(?=\])", r"\((?:a|b)\)\["),
        (r"[](?=]x", r"[](?=]x"),  # a class that holds `](?=`, not a lookahead
    ],
)
def test_superset_source_drops_lookarounds_and_widens_space(source: str, superset: str) -> None:
    assert confirm.superset_source(source) == superset


def test_a_lookahead_only_line_pattern_is_left_to_literal_confirmation() -> None:
    lookaheads_only = re.compile(r"(?im)^(?=[^\n]*driver)(?=[^\n]*==)[^\n]*$")
    marker = confirm.build((lookaheads_only, calls.LINE_PATTERNS[0]))
    assert marker is not None
    assert marker.positions == {1}  # the first one's superset is `^[^\n]*$`: every line


def test_every_pattern_extractor_is_marked_by_re2() -> None:
    # One left to literal confirmation (the driver-comparison line, confirmed around every
    # `type` of a TypeScript tree) cost a quarter of a cold scan.
    marker = confirm.confirmer()
    assert marker is not None
    assert marker.positions == set(range(len(prefilter.PATTERN_EXTRACTORS)))


@pytest.mark.parametrize(
    ("line", "compares"),
    [
        ("if (getDriverName() === 'sqlite') {", True),
        ("in_array($driver, ['mysql', 'pgsql'])", True),
        ("case 'postgres': // the driver", True),
        ("if connection.vendor == 'postgresql':", True),
        ("if db==type:", True),  # the comparison inside `db\W{0,3}type`
        ("dbType: 'sqlite',", False),  # a selector, not a comparison
        ("const type = 'sqlite'", False),
        ("x = driver\nif y == 'a'", False),  # the two words on different lines
    ],
)
def test_the_driver_line_needs_a_driver_word_and_a_comparison(line: str, compares: bool) -> None:
    text = FILLER + line + "\n" + FILLER
    expected = [m.span() for m in drivers.LINE_PATTERNS[1].finditer(text)]
    assert bool(expected) == compares
    marker = confirm.confirmer()
    assert marker is not None
    position = prefilter.PATTERN_EXTRACTORS.index(drivers.LINE_PATTERNS[1])
    assert marker.matches(text, text.encode(), prefilter.WINDOW).get(position, []) == expected


def test_matches_are_the_python_matches_including_lookbehinds() -> None:
    marker = confirm.confirmer()
    assert marker is not None
    text = FILLER + "x = api.fetch(u)\ny = fetch(url)\nz = $fetch(a)\n" + FILLER
    position = prefilter.PATTERN_EXTRACTORS.index(calls.LINE_PATTERNS[2])
    found = marker.matches(text, text.encode(), prefilter.WINDOW)[position]
    expected = [m.span() for m in calls.LINE_PATTERNS[2].finditer(text)]
    assert found == expected and len(expected) == 2  # `api.fetch(` fails the lookbehind


def test_the_call_hyperscans_regex_compiler_missed_is_marked() -> None:
    # Hyperscan's regex mode (even as a prefilter) reports no match for `->get(` here:
    # a `::` on the line before, 16 spaces of indent. RE2 does.
    text = "Http::withUserAgent(u())\n                ->get($url)\n"
    marker = confirm.confirmer()
    assert marker is not None
    position = prefilter.PATTERN_EXTRACTORS.index(calls.LINE_PATTERNS[0])
    assert marker.matches(text, text.encode(), 2)[position] == [
        m.span() for m in calls.LINE_PATTERNS[0].finditer(text)
    ]


def test_a_vertical_tab_inside_a_match_is_still_marked() -> None:
    pattern = re.compile(r"(?<!\w)client\s*\(")
    marker = confirm.build((pattern,))
    assert marker is not None
    text = "x = client\x0b(1)\n"
    assert marker.matches(text, text.encode(), 2) == {0: [(4, 12)]}


def test_without_re2_every_regex_is_confirmed_by_its_literals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(confirm, "re2", None)
    assert confirm.build(prefilter.PATTERN_EXTRACTORS) is None
