"""One call site of each kind per language, in small synthetic apps under
tests/fixtures/resilience/<lang>: each site is marked `site: <kind>` on its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.models.callsites import CallSite
from integration_risk.models.scan import Integration
from integration_risk.resilience import analyze_sites
from tests.resilience.builders import scanned

FIXTURES = Path(__file__).parent.parent / "fixtures" / "resilience"
LANGUAGES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
KINDS = ("direct", "wrapper", "bare", "swallowed", "default")
# The library whose default the `default` site relies on is per integration in the data.
DEFAULT_IDS = {"go": "ldap", "js": "smtp", "ts": "smtp", "rust": "smtp"}
# Error handling is modelled in every fixture language (try/catch, Go's `if err != nil`,
# Rust's and Elixir's expression forms); a language without it would say `unknown`.
UNMODELLED_ERRORS: set[str] = set()


def marked_sites(app: Path) -> dict[str, tuple[str, int]]:
    found = {}
    for path in sorted(app.rglob("*")):
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "site: " in line:
                kind = line.split("site: ")[1].split()[0]
                found[kind] = (path.relative_to(app).as_posix(), number)
    return found


def integration(ident: str, path: str, line: int) -> Integration:
    return scanned(ident, [(path, line)])


def judged(lang: str, kind: str) -> CallSite:
    app = FIXTURES / lang
    path, line = marked_sites(app)[kind]
    ident = DEFAULT_IDS.get(lang, "example-pay") if kind == "default" else "example-pay"
    result = analyze_sites(app, [integration(ident, path, line)], use_cache=False)[ident]
    site = next(s for s in result.sites if s.path == path and s.line <= line)
    return site


def verdict(site: CallSite, pattern: str) -> tuple[str, str]:
    signal = next(s for s in site.signals if s.pattern == pattern)
    return signal.verdict, signal.reason


def test_every_fixture_app_marks_each_kind_once() -> None:
    assert LANGUAGES
    for lang in LANGUAGES:
        assert set(marked_sites(FIXTURES / lang)) == set(KINDS), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_protected_directly(lang: str) -> None:
    answer, reason = verdict(judged(lang, "direct"), "timeout")
    assert answer == "yes"
    assert "library default" not in reason and "via wrapper" not in reason


@pytest.mark.parametrize("lang", LANGUAGES)
def test_protected_through_a_wrapper_two_files_away(lang: str) -> None:
    site = judged(lang, "wrapper")
    for pattern in ("timeout", "retry"):
        answer, reason = verdict(site, pattern)
        assert answer == "yes", (pattern, reason)
        assert "via wrapper" in reason and "->" in reason, reason


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unprotected(lang: str) -> None:
    site = judged(lang, "bare")
    assert verdict(site, "timeout")[0] == "no"
    assert verdict(site, "retry")[0] == "no"
    assert verdict(site, "circuit_breaker")[0] == "no"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_swallowed_error(lang: str) -> None:
    site = judged(lang, "swallowed")
    if lang in UNMODELLED_ERRORS:  # said, not guessed
        assert site.error_handling == "unknown"
        assert verdict(site, "fallback") == ("unknown", f"error handling of {lang} is not modelled")
        return
    assert site.error_handling in ("swallow", "logged")
    assert verdict(site, "fallback")[0] == "no"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_library_default(lang: str) -> None:
    answer, reason = verdict(judged(lang, "default"), "timeout")
    assert answer == "yes"
    assert reason.startswith("library default")
