"""Every reader of a cited `path:line` counts lines as the scanner does: at `\\n` only.

`str.splitlines` also cuts at form feeds, `\\x0b` and `\\x1c`-`\\x1e`, which shifts every
later line of a file holding one (a form feed as a page break is common in older code).
"""

from __future__ import annotations

from pathlib import Path

from integration_risk import api
from integration_risk.report.crosscheck import Subject, _Files, check_location

# Nine lines, each with a form feed inside, then the call on line 10 and nine more lines.
PAGED = "".join(f"x{n} = 1\x0c# page {n}\n" for n in range(1, 10))
TEXT = PAGED + "charge = stripe.Charge.create(amount=1)\n" + "pass\n" * 9


def _write(root: Path) -> None:
    (root / "paged.py").write_text(TEXT)


def test_grep_numbers_a_regex_match_by_newlines(tmp_path: Path) -> None:
    _write(tmp_path)
    (match,) = api.grep(tmp_path, r"stripe\.Charge", context_lines=1).matches
    assert (match.path, match.line) == ("paged.py", 10)
    assert match.context[1].startswith("10: charge = stripe.Charge")


def test_the_cross_check_reads_the_cited_line_by_newlines(tmp_path: Path) -> None:
    _write(tmp_path)
    files = _Files(tmp_path)
    stripe = Subject("Stripe", {"stripe"})
    assert check_location(files, "at", "paged.py:10", stripe) is None
    beyond = check_location(files, "at", "paged.py:25", stripe)
    assert beyond is not None and "paged.py has only 19 lines" in beyond.message
