"""One integration's verdicts from its call sites: per pattern yes / no / unknown with
reasons, a 1-10 score with what moved it, and the worst site."""

from __future__ import annotations

from integration_risk.models.callsites import (
    PATTERNS,
    CallSite,
    CallSiteVerdict,
    IntegrationResilience,
    Signal,
)
from integration_risk.resilience.defaults import generic_clients, in_process_calls, system_sdks

MAX_REASONS = 3


def judge(
    integration_id: str, sites: list[CallSite], unknown_files: dict[str, str]
) -> IntegrationResilience:
    verdicts = {p: _pattern(p, sites, unknown_files) for p in PATTERNS}
    score, reasons = _score(verdicts, sites)
    known = [s for s in sites if any(sig.verdict != "unknown" for sig in s.signals)]
    worst = min(known, key=lambda s: (s.score, s.path, s.line)) if known else None
    return IntegrationResilience(
        integration_id=integration_id,
        verdicts=verdicts,
        score=score,
        score_reasons=reasons,
        worst_site=f"{worst.path}:{worst.line}" if worst else None,
        sites_total=len(sites),
        sites_unknown=len(unknown_files),
    )


def _pattern(pattern: str, sites: list[CallSite], unknown_files: dict[str, str]) -> CallSiteVerdict:
    # a call its SDK answers in-process (a model registry lookup) makes no request to judge
    sites = [s for s in sites if not _in_process(s)] or sites
    answers = [(s, sig) for s in sites for sig in s.signals if sig.pattern == pattern]
    known = [(s, sig) for s, sig in answers if sig.verdict != "unknown"]
    if not known:
        why = [sig.reason for _, sig in answers[:MAX_REASONS]]
        why += [f"{path}: {reason}" for path, reason in list(unknown_files.items())[:MAX_REASONS]]
        return CallSiteVerdict(verdict="unknown", reasons=why or ["no call site found to judge"])
    # Calls inside functions speak for the integration; top-level code and settings lines
    # only when there is nothing else.
    code = [(s, sig) for s, sig in known if s.kind not in ("config", "dependency")]
    # A module named after the system (`<module memcached.rake>`) stands in for missing
    # calls; without a client library in it, it is only a name: top-level code.
    in_functions = [
        (s, sig)
        for s, sig in code
        if s.function != "<module>" and (s.library or not s.function.startswith("<module"))
    ]
    outbound = [(s, sig) for s, sig in in_functions if s.outbound]
    # Then sites where a known client library is in use: a site that shows neither a
    # request nor a client (an orchestrating service, a value object) says least.
    identified = [(s, sig) for s, sig in in_functions if s.library]
    pool = (
        _mentions_defer(outbound)
        or _calls_first(identified)
        or _calls_first(in_functions)
        or code
        or known
    )
    if outbound and all(s.library in generic_clients() for s, _ in outbound):
        # Its own SDK's method calls (`stripe.subscriptions.retrieve(..)`) are its API even
        # where no word says "request": a general client's call beside them in the same
        # evidence (a `fetch` to another service in the billing file) speaks for less.
        own = [(s, sig) for s, sig in in_functions if s.kind == "call" and _own_sdk_call(s)]
        pool = own or pool
    # An integration called through its own SDK and through a general HTTP client (its
    # images fetched from a CDN with HttpClient): the SDK's calls are its API.
    sdk = [(s, sig) for s, sig in pool if s.library and s.library not in generic_clients()]
    if sdk and any(s.library in generic_clients() for s, _ in pool):
        pool = sdk
    if pattern == "retry":
        # A retry wraps a request: calls speak for it before client constructions and
        # settings reads in the same functions.
        pool = [(s, sig) for s, sig in pool if s.kind == "call"] or pool
    pool = _siblings_share(pool)
    yes = [(s, sig) for s, sig in pool if sig.verdict == "yes"]
    no = [(s, sig) for s, sig in pool if sig.verdict == "no"]
    explicit = [(s, sig) for s, sig in yes if not sig.reason.startswith("library default")]
    config_yes = [(s, sig) for s, sig in known if s.kind == "config" and sig.verdict == "yes"]
    if pattern in ("timeout", "retry") and not explicit and config_yes:
        yes = config_yes + yes  # a setting (spring.redis.timeout) covers the code's calls
        pool = pool + [pair for pair in config_yes if pair not in pool]  # counted as sites
    if pattern == "health_check" and yes:  # one check that exercises it is enough
        reasons = [f"{len(yes)} of {len(pool)} sites; " + yes[0][1].reason]
        return CallSiteVerdict(verdict="yes", reasons=_unique(reasons))
    if yes and (len(yes) >= len(no) or (explicit and len(explicit) * 3 >= len(pool))):
        share = f"{len(yes)} of {len(pool)} sites" if no else f"all {len(pool)} sites"
        reasons = [f"{share}; " + yes[0][1].reason] + [sig.reason for _, sig in yes[1:MAX_REASONS]]
        if no:
            reasons.append(f"missing at {no[0][0].path}:{no[0][0].line}")
        return CallSiteVerdict(verdict="yes", reasons=_unique(reasons))
    share = f"{len(no)} of {len(pool)} sites" if yes else f"all {len(pool)} sites"
    reasons = [f"{share}; " + no[0][1].reason] + [sig.reason for _, sig in no[1:MAX_REASONS]]
    if yes:
        reasons.append(f"present at {yes[0][0].path}:{yes[0][0].line}")
    return CallSiteVerdict(verdict="no", reasons=_unique(reasons))


def _siblings_share(pairs: list[tuple[CallSite, Signal]]) -> list[tuple[CallSite, Signal]]:
    """Evidence lines of one function share what the code set for its request: a function
    that builds a message over ten lines (`new InternetAddress(..)`, `message.setSubject(..)`)
    and sends it with the timeout its settings helper configured makes one protected call,
    not ten unprotected ones. A site whose function shows the protection in code at another
    of its sites takes that site's `yes`; a library default is no such proof (another call
    in the function may use another client). Top-level code keeps its own answer per line."""
    shown: dict[tuple[str, str], Signal] = {}
    for site, sig in pairs:
        if site.function == "<module>" or site.kind == "config" or sig.verdict != "yes":
            continue
        if sig.reason.startswith("library default"):
            continue
        shown.setdefault((site.path, site.function), sig)
    if not shown:
        return pairs
    return [
        (site, shown.get((site.path, site.function), sig) if sig.verdict == "no" else sig)
        for site, sig in pairs
    ]


def _in_process(site: CallSite) -> bool:
    local = in_process_calls().get(site.library or "", frozenset())
    return site.kind == "call" and site.call.split(".")[-1].lower() in local


def _own_sdk_call(site: CallSite) -> bool:
    """A method call (`client.charges.create`) through a library that is one system's SDK."""
    return "." in site.call and site.library in system_sdks()


def _mentions_defer(pairs: list[tuple[CallSite, Signal]]) -> list[tuple[CallSite, Signal]]:
    """A line that only names the system (a URL literal, whose library only the file's
    imports suggest) speaks through the request its own function makes with it."""
    calling = {(s.path, s.function) for s, _ in pairs if s.kind != "reference"}
    return [
        (s, sig) for s, sig in pairs if s.kind != "reference" or (s.path, s.function) not in calling
    ]


def _calls_first(pairs: list[tuple[CallSite, Signal]]) -> list[tuple[CallSite, Signal]]:
    """Sites that call or build something before lines that only mention the system (a
    driver name compared in a settings check, a struct field)."""
    return [(s, sig) for s, sig in pairs if s.kind != "reference"] or pairs


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))[: MAX_REASONS + 1]


_POINTS = {"timeout": 3, "retry": 2, "circuit_breaker": 1, "fallback": 1, "logging": 1}


def _score(verdicts: dict[str, CallSiteVerdict], sites: list[CallSite]) -> tuple[int, list[str]]:
    score, reasons = 2, ["base 2"]
    for pattern, points in _POINTS.items():
        verdict = verdicts[pattern]
        if verdict.verdict == "yes":
            score += points
            default = verdict.reasons and "library default" in verdict.reasons[0]
            reasons.append(f"+{points} {pattern}{' (library default)' if default else ''}")
        elif verdict.verdict == "no" and pattern in ("timeout", "retry"):
            reasons.append(f"+0 no {pattern}")
    swallowed = [s for s in sites if s.error_handling == "swallow"]
    if swallowed:
        score -= 1
        reasons.append(f"-1 error swallowed at {swallowed[0].path}:{swallowed[0].line}")
    if verdicts["health_check"].verdict == "yes":
        score += 1
        reasons.append("+1 health check")
    return max(1, min(10, score)), reasons
