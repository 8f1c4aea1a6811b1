"""Library defaults of framework rules that call out: Laravel's `Password::uncompromised()`
queries the Pwned Passwords API through `NotPwnedVerifier`, 30 s timeout unless set."""

from __future__ import annotations

from integration_risk.models.scan import Evidence
from integration_risk.resilience import analyze_sites
from tests.resilience.test_fixture_verdicts import FIXTURES, integration, verdict
from tests.resilience.test_signal_fixtures import marks


def test_laravels_uncompromised_rule_has_the_verifiers_default_timeout() -> None:
    ((lang, path, line),) = marks("pwned-default")
    item = integration("haveibeenpwned", path, line)
    found = analyze_sites(FIXTURES / lang, [item], use_cache=False)["haveibeenpwned"]
    site = next(s for s in found.sites if s.line <= line <= s.line + 2)
    answer, reason = verdict(site, "timeout")
    assert answer == "yes", reason
    assert reason.startswith("library default: Laravel NotPwnedVerifier"), reason
    assert verdict(site, "retry")[0] == "no"


def test_tmdblib_calls_are_retried_once_on_429_by_the_library() -> None:
    ((lang, path, line),) = marks("tmdb-default")
    item = integration("tmdb", path, line)  # the scanner's evidence: the call and the import
    using = Evidence(path=path, line=1, kind="import", snippet="using TMDbLib.Client;")
    item = item.model_copy(update={"evidence": [using, *item.evidence]})
    found = analyze_sites(FIXTURES / lang, [item], use_cache=False)
    site = next(s for s in found["tmdb"].sites if s.line == line)
    answer, reason = verdict(site, "retry")
    assert answer == "yes", reason
    assert reason.startswith("library default: TMDbLib: on HTTP 429 only"), reason
    assert "re-sends once" in reason
    assert verdict(site, "timeout") == ("yes", verdict(site, "timeout")[1])
    assert "TMDbLib HttpClient 100 s" in verdict(site, "timeout")[1]
