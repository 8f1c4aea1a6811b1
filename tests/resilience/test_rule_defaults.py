"""Library defaults of framework rules that call out: Laravel's `Password::uncompromised()`
queries the Pwned Passwords API through `NotPwnedVerifier`, 30 s timeout unless set."""

from __future__ import annotations

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
