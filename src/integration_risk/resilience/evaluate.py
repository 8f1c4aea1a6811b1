"""Verdicts for one call site: each pattern from the site's scopes (the call's own
arguments, its function, the client's construction, the wrappers it reaches), then the
client library's documented default, else `no`. A site in code the parser could not read
is `unknown` for every pattern."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial

from integration_risk.lines import is_comment_line
from integration_risk.models.callsites import CallSite, Signal, Verdict
from integration_risk.models.fields import build_from
from integration_risk.resilience.arguments import passed_by_caller
from integration_risk.resilience.breakers import BreakerIndex
from integration_risk.resilience.defaults import LibraryDefault
from integration_risk.resilience.enclosing import retries_argument, sends_in
from integration_risk.resilience.errorforms import handling_at
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.forwarded import unset_forwards
from integration_risk.resilience.gates import caller_controlled, env_gated, gated, sets_flag, words
from integration_risk.resilience.jobs import JobIndex
from integration_risk.resilience.projectclients import ProjectClients
from integration_risk.resilience.recursion import recursive_retry
from integration_risk.resilience.rescheduled import rescheduled_by_caller
from integration_risk.resilience.retrykeyword import idle_retry_words, leading_functions
from integration_risk.resilience.rules import vocabulary
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.statics import Setters
from integration_risk.resilience.workspace import Workspace

_SCOPED = ("timeout", "retry", "circuit_breaker")
_WORDS = {"timeout": "timeout", "retry": "retry", "circuit_breaker": "circuit breaker"}


def _tokens_in(
    facts: Facts,
    signal: str,
    scope: Scope,
    lines: list[str],
    skip: frozenset[int],
    passed_by: Callable[[set[str]], set[str]] | None = None,
    site_line: int | None = None,
    flag_set: Callable[[str], bool] | None = None,
    leads_to_site: frozenset[str] = frozenset(),
) -> tuple[int, str] | None:
    wrapper = scope.kind == "wrapper"
    caller_set = caller_controlled(facts, scope, lines) if wrapper else set()
    if caller_set and passed_by is not None:
        caller_set -= passed_by(caller_set)  # the caller does pass it: it applies
    bookkeeping = idle_retry_words(facts, signal, scope, (site_line, leads_to_site))
    behind_flags = (gated(facts, scope, lines, flag_set) if wrapper else []) + env_gated(
        facts, signal
    )
    for kind, line, token in facts.tokens:
        if kind != signal or not scope.start <= line <= scope.end or line in skip:
            continue
        if any(start <= line <= end for start, end in behind_flags):
            continue  # `if (request.Retry)`: only a caller that sets the flag gets it
        if caller_set and (token in caller_set or caller_set & set(words(lines[line - 1]))):
            continue  # the line only acts on an option the caller may pass
        if token in bookkeeping:
            continue  # Ruby's `retry` re-runs its `begin` block only (a DNS lookup)
        if signal in _SCOPED and _switched_off(token).search(lines[line - 1]):
            continue  # `timeout=None`, `retries: 0`, `retry: false` set none
        return line, token
    return None


@lru_cache(maxsize=4096)
def _switched_off(token: str) -> re.Pattern[str]:
    """The token given a value that turns the protection off (`timeout=None`, `timeout: 0`,
    `max_retries=0`, `retry: false`, `Timeout = Timeout.InfiniteTimeSpan`). Not `null` or
    `nil`: a settings file's `'timeout' => null` leaves the library's default in place."""
    return re.compile(
        rf"(?<![\w$]){re.escape(token)}['\"]?\s*(?:=(?![=>])|:(?!:)|=>)\s*"
        r"(?:None|false|False|Infinity|math\.inf|Timeout\.Infinite\w*|0(?![\w.]))"
    )


def _config_tokens(workspace: Workspace, signal: str, scope: Scope) -> tuple[int, str] | None:
    source = workspace.file(scope.path)
    if source is None:
        return None
    vocab = vocabulary()
    for number in range(scope.start, min(scope.end, len(source.lines)) + 1):
        text = source.lines[number - 1].strip()
        if is_comment_line(text):
            continue
        for token in words(text):
            if vocab.matches(signal, token):
                return number, token
    return None


def _find(
    workspace: Workspace, site: Site, signal: str, jobs: JobIndex | None, setters: Setters
) -> str | None:
    """Reason for a `yes` from the site's own scopes, or None. A job framework's retry
    option (`max_retries=3` on a task) is no retry in the code: `jobs` judges it; its broker
    settings (`TimeLimit()` middleware) are no protection of the code for any pattern. Clients
    filled into one static count only together (`setters`)."""
    leads = leading_functions(workspace, site) if signal == "retry" else frozenset()
    for scope in site.scopes:
        source = workspace.file(scope.path)
        if source is None:
            continue
        if source.facts is None:
            hit = _config_tokens(workspace, signal, scope)
        else:
            skip = jobs.policy_lines(scope.path, signal) if jobs is not None else frozenset()
            if scope.kind == "client":  # `Api(timeout=timeout)` from a `timeout=None` parameter
                skip |= unset_forwards(workspace, source.facts, source.lines, scope, signal)
            hit = _tokens_in(
                source.facts,
                signal,
                scope,
                source.lines,
                skip,
                partial(passed_by_caller, workspace, site, scope),
                site.line if scope.path == site.path else None,
                partial(sets_flag, workspace, site, scope),
                leads,
            )
        if hit is not None:
            reason = setters.vote(
                scope.label, f"{scope.label}: `{hit[1]}` at {scope.path}:{hit[0]}"
            )
            if reason is not None:
                return reason
    return None


def _hand_written_retry(workspace: Workspace, site: Site) -> str | None:
    """A loop around the call (or inside a wrapper it reaches) that also sleeps."""
    for scope in site.scopes:
        source = workspace.file(scope.path)
        if source is None or source.facts is None:
            continue
        facts = source.facts
        wrapper = scope.kind == "wrapper"
        for start, end in facts.loops:
            if wrapper:
                if not scope.start <= start <= scope.end:
                    continue
            elif scope.path != site.path or not start <= site.line <= end:
                continue
            sleeps = [ln for kind, ln, _ in facts.tokens if kind == "sleep" and start <= ln <= end]
            # A function given the closure retries only if its loop runs it again on a
            # failure (a lock that spins before running it once does not).
            handed = (scope.path, scope.start) in site.runners
            if handed and not retries_argument(facts, source.lines, scope.start, (start, end)):
                continue
            if wrapper and not handed and not sends_in(facts, (start, end)):
                continue  # a wrapper's loop that only parses (headers, a wait) sends nothing
            if sleeps:
                return (
                    f"{scope.label}: loop at {scope.path}:{start} sleeps at "
                    f"{scope.path}:{sleeps[0]} (hand-written retry)"
                )
        again = recursive_retry(workspace, facts, scope, site)
        if again is not None:
            return again
    return None


def evaluate_site(
    workspace: Workspace,
    site: Site,
    libraries: list[LibraryDefault],
    category: str,
    jobs: JobIndex | None = None,
    breakers: BreakerIndex | None = None,
    projects: ProjectClients | None = None,
) -> CallSite:
    signals: list[Signal] = []
    if site.kind == "dependency":
        return _finish(site, _defaults_only(site, libraries), "unknown")
    if site.unknown:
        signals = [Signal(pattern=p, verdict="unknown", reason=site.unknown) for p in _SCOPED]
        return _finish(site, signals, "unknown")
    source = workspace.file(site.path)
    facts = source.facts if source is not None else None
    handling, handler, logged = "unknown", None, False
    if source is not None and facts is not None:
        handling, handler, logged = handling_at(facts, source.lines, site.line, site.end)
    for pattern in _SCOPED:
        signal = _scoped(workspace, site, pattern, libraries, jobs, handling)
        if pattern == "timeout" and signal.verdict == "no" and projects is not None:
            built = projects.reason(site)  # its client is one the project builds bounded
            signal = Signal(pattern=pattern, verdict="yes", reason=built) if built else signal
        if pattern == "circuit_breaker" and signal.verdict == "no" and breakers is not None:
            held = breakers.reason(site, handling)  # a caller that stops calling on failure
            signal = Signal(pattern=pattern, verdict="yes", reason=held) if held else signal
        signals.append(signal)
    if facts is not None:
        signals.extend(_handler_signals(site, handling, handler, logged))
    else:
        note = f"{site.path}:{site.line} is a settings line; error handling is in the code"
        signals.append(Signal(pattern="fallback", verdict="unknown", reason=note))
        signals.append(Signal(pattern="logging", verdict="unknown", reason=note))
    signals.append(_health(site))
    signals.append(_idempotency(workspace, site, category))
    return _finish(site, signals, handling, libraries[0].id if libraries else None)


def _scoped(
    workspace: Workspace,
    site: Site,
    pattern: str,
    libraries: list[LibraryDefault],
    jobs: JobIndex | None,
    handling: str,
) -> Signal:
    """A scoped pattern: in the code around the call, else (retry) a hand-written loop or
    the job framework running it, else the library's default, else `no`."""
    job = jobs.retry_reason(site, handling) if jobs is not None and pattern == "retry" else None
    if job is not None and not job[1]:  # an explicit job policy names the framework
        return Signal(pattern=pattern, verdict="yes", reason=job[0])
    reason = next((text for signal, text in site.owned if signal == pattern), None)
    if reason is None and pattern == "retry":  # the loop is the better proof than a count
        reason = _hand_written_retry(workspace, site) or rescheduled_by_caller(workspace, site)
    setters = Setters(site.scopes)
    if reason is None:
        reason = _find(workspace, site, pattern, jobs, setters)
    if reason is None and job is not None:
        reason = job[0]
    if reason is not None:
        return Signal(pattern=pattern, verdict="yes", reason=reason)
    off = _turned_off(workspace, site, pattern)
    if off is not None:  # `httpx.Client(timeout=None)`: the library's default no longer holds
        return Signal(pattern=pattern, verdict="no", reason=off)
    source = workspace.file(site.path)
    return setters.noted(_default_or_no(site, pattern, libraries, source.text if source else ""))


def _turned_off(workspace: Workspace, site: Site, pattern: str) -> str | None:
    """Where the site's code turns the protection off (`timeout=None`, `retries: 0`)."""
    for scope in site.scopes:
        source = workspace.file(scope.path)
        if source is None or source.facts is None or scope.kind in ("window", "settings"):
            continue
        for kind, line, token in source.facts.tokens:
            if scope.start <= line <= scope.end and (
                kind == f"{pattern}_off"  # set to a literal zero (facts.py)
                or (kind == pattern and _switched_off(token).search(source.lines[line - 1]))
            ):
                return f"{scope.label}: `{token}` turned off at {scope.path}:{line}"
    return None


def _defaults_only(site: Site, libraries: list[LibraryDefault]) -> list[Signal]:
    """No call site to read: the client library's documented defaults, else unknown."""
    signals = []
    for pattern in (*_SCOPED, "fallback", "logging", "health_check", "idempotency"):
        signal = _default_or_no(site, pattern, libraries) if pattern in _SCOPED else None
        if signal is None or signal.verdict != "yes":
            signal = Signal(
                pattern=pattern,
                verdict="unknown",
                reason=f"only a dependency ({site.path}:{site.line}); no call site to read",
            )
        signals.append(signal)
    return signals


_CALLED = re.compile(r"(?:\.|->)(\w+)!?(?:\s*\(|$)")
_SENDS = frozenset("get head post put patch delete options request".split())


def _default_or_no(
    site: Site, pattern: str, libraries: list[LibraryDefault], text_of_file: str = ""
) -> Signal:
    where = f"{site.path}:{site.line}"
    called = _CALLED.search(site.call)  # `got.post`, `Req.post!(url).body` -> post
    verb = called.group(1).lower() if called else ""
    for library in libraries:
        text = (
            library.timeout if pattern == "timeout" else library.retry if pattern == "retry" else ""
        )
        if pattern == "retry" and library.no_retry_calls and verb not in _SENDS:
            verbs = _sent_with(library, text_of_file)  # a builder: its file's calls send
            verb = next(iter(verbs)) if verbs and verbs <= library.no_retry_calls else verb
            # a wrapper's client sends on the site's line: `rest().postForObject(url, ..)`
            verb = _chained(site, text_of_file, library.no_retry_calls) or verb
        if pattern == "retry" and verb in library.no_retry_calls:
            text = ""  # the library retries idempotent methods only: not this POST
        if text:
            cited = f"{where}, {library.via}" if library.via else where
            return Signal(
                pattern=pattern, verdict="yes", reason=f"library default: {text} ({cited})"
            )
    for library in libraries:
        if pattern == "timeout" and library.no_timeout:
            return Signal(
                pattern=pattern, verdict="no", reason=f"none set at {where}; {library.no_timeout}"
            )
    return Signal(
        pattern=pattern,
        verdict="no",
        reason=f"no {_WORDS[pattern]} at {where}, in {site.function} or the wrappers it reaches",
    )


def _chained(site: Site, text: str, verbs: frozenset[str]) -> str:
    """A call of `verbs` chained on the site's own lines (`rest().postForObject(..)`)."""
    lines = text.splitlines()[site.line - 1 : site.end] if text else []
    found = [m.lower() for m in re.findall(r"\.(\w+)\s*\(", " ".join(lines))]
    return next((name for name in found if name in verbs), "")


def _sent_with(library: LibraryDefault, text: str) -> set[str]:
    """The request methods a file calls on the library (`Req.post(req)`, `|> Req.post()`): a
    site that only builds the request (`defp base_req`) is sent by them."""
    if not text or not library.tokens:
        return set()
    names = "|".join(re.escape(token) for token in sorted(library.tokens))
    calls = re.findall(rf"(?<![\w.$])(?:{names})\.(\w+)!?\s*\(", text)
    return {call.lower() for call in calls} & _SENDS


def _handler_signals(site: Site, handling: str, handler: int | None, logged: bool) -> list[Signal]:
    where = f"{site.path}:{handler}" if handler else f"{site.path}:{site.line}"
    text = {
        "fallback": f"handler at {where} returns a default value",
        "rethrow": f"handler at {where} rethrows",
        "crash": f"{where} stops on the error (panics, unwraps or exits the process)",
        "swallow": f"handler at {where} swallows the error",
        "logged": f"handler at {where} logs and drops the error",
        "none": f"no error handler around {site.path}:{site.line} in {site.function}",
        "unknown": f"error handling of {site.language} is not modelled",
    }[handling]
    fallback: Verdict = (
        "unknown" if handling == "unknown" else "yes" if handling == "fallback" else "no"
    )
    log: Verdict = "unknown" if handling == "unknown" else "yes" if logged else "no"
    log_text = (
        text if handling != "none" else f"no handler to log in around {site.path}:{site.line}"
    )
    return [
        Signal(pattern="fallback", verdict=fallback, reason=text),
        Signal(pattern="logging", verdict=log, reason=log_text),
    ]


def _health(site: Site) -> Signal:
    vocab = vocabulary()
    name = site.function.split(".")[-1]
    if site.kind != "config" and vocab.matches("health_check", name):
        return Signal(
            pattern="health_check",
            verdict="yes",
            reason=f"called from health check {site.function} ({site.path}:{site.line})",
        )
    return Signal(
        pattern="health_check", verdict="no", reason=f"{site.function} is not a health check"
    )


def _idempotency(workspace: Workspace, site: Site, category: str) -> Signal:
    if category != "payment":
        return Signal(
            pattern="idempotency", verdict="unknown", reason="checked on payment calls only"
        )
    reason = _find(workspace, site, "idempotency", None, Setters(site.scopes))
    if reason:
        return Signal(pattern="idempotency", verdict="yes", reason=reason)
    return Signal(
        pattern="idempotency", verdict="no", reason=f"no idempotency key at {site.path}:{site.line}"
    )


def _finish(
    site: Site, signals: list[Signal], handling: str, library: str | None = None
) -> CallSite:
    return build_from(
        CallSite,
        site,
        signals=signals,
        score=site_score(signals, handling),
        error_handling=handling,
        library=library,
    )


_WEIGHTS = {"timeout": 3, "retry": 2, "circuit_breaker": 1, "fallback": 1, "logging": 1}


def site_score(signals: list[Signal], handling: str) -> int:
    """1-10: starts at 2, each protection found adds its weight; a swallowed error costs one."""
    score = 2
    for signal in signals:
        if signal.verdict == "yes":
            score += _WEIGHTS.get(signal.pattern, 0)
    if handling == "swallow":
        score -= 1
    return max(1, min(10, score))
