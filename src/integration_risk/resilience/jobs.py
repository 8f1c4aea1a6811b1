"""Retries owned by job frameworks (Celery, Sidekiq, ActiveJob, delayed_job, Bull/BullMQ,
Oban, Hangfire): a call site whose function a job handler reaches, and whose error is not swallowed
on the way, is re-run when the job is retried.

Policies come from the text index (`data/jobs.toml`): a decorated task function, a job
class or module (and its subclasses, unless they declare their own policy), or every job
class of the project (delayed_job's global `max_attempts`). From each handler the calls are
followed two levels; a call on a receiver (`agent.receive`, `email.send`) reaches every
definition of that method in files named like the receiver or in the handler's own file
(dynamic dispatch).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integration_risk.resilience.bullqueues import queue_processors
from integration_risk.resilience.caught import absorbed
from integration_risk.resilience.clientvars import callee_parts
from integration_risk.resilience.defindex import class_above
from integration_risk.resilience.dispatch import receiver_targets
from integration_risk.resilience.enqueued import enqueued_calls, has_own_policy
from integration_risk.resilience.factindex import RECEIVERS
from integration_risk.resilience.jobdata import Framework, brokers, frameworks, lines_of
from integration_risk.resilience.languages import grammar_of
from integration_risk.resilience.sites import Site
from integration_risk.resilience.workspace import Workspace
from integration_risk.resilience.wrappers import GENERIC_NAMES

MAX_DEPTH = 2
MAX_DISPATCH = 60  # definitions one receiver call may reach
MAX_CALLS_PER_FUNCTION = 40
MAX_REACHED = 3000
MAX_INHERITANCE = 3
_GENERIC = GENERIC_NAMES | frozenset(
    "each map to_s to_h inspect log info debug warn error raise".split()
)
# A swallowed error never reaches the framework, so its retry does not re-run the call.
_REACHES_FRAMEWORK = frozenset({"none", "rethrow", "unknown"})


@dataclass(frozen=True)
class Policy:
    framework: Framework
    path: str
    line: int
    text: str
    default: bool  # the framework's default (a marked job without its own policy)

    def describe(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.default:
            return f"{self.framework.default}; job declared at {where}"
        return f"{self.framework.name} `{self.text}` at {where}"


@dataclass(frozen=True)
class Handler:
    policy: Policy
    path: str
    start: int
    name: str


def _short(name: str) -> str:
    return re.split(r"::|\.", name)[-1]


class JobIndex:
    """Job handlers of a project and the functions they reach, computed once per run."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._reached: dict[tuple[str, int], tuple[Handler, str]] | None = None
        self._policy_lines: dict[tuple[str, str], frozenset[int]] = {}
        self._targets: dict[tuple[str, str], list[tuple[str, int, str]]] = {}

    def retry_reason(self, site: Site, handling: str) -> tuple[str, bool] | None:
        """("job framework retries (...)", is_default) when a job handler reaches the site."""
        if handling not in _REACHES_FRAMEWORK or site.kind in ("config", "dependency"):
            return None
        reached = self.reached()
        if not reached:
            return None
        for scope in site.scopes:
            if scope.kind not in ("function", "caller"):
                continue
            hit = reached.get((scope.path, scope.start))
            if hit is None or (scope.call and absorbed(self.workspace, scope.path, scope.call)):
                continue  # a caller that catches and drops the error keeps it from the job
            handler, chain = hit
            policy = handler.policy
            route = f"{site.function} runs in job {handler.name} ({handler.path}:{handler.start})"
            if chain:
                route += f" via {chain}"
            text = f"job framework retries ({policy.describe()}; {route})"
            return (f"library default: {text}" if policy.default else text), policy.default
        return None

    def policy_lines(self, path: str, signal: str = "retry") -> frozenset[int]:
        """Lines of a file that declare a job framework's retry policy or job marker; for
        another `signal`, only the broker settings every job gets (`TimeLimit()` middleware),
        which are no protection of the code around them for any pattern. A broker setting's
        line that also holds the broker's own option for `signal` is kept (`lines_of`)."""
        key, broker = (path, signal), signal != "retry"
        if key not in self._policy_lines:
            entry = self.workspace.text_index().entries().get(path)
            jobs = [j for j in entry.jobs if not broker or j[0] in brokers()] if entry else []
            source = self.workspace.file(path)
            texts = source.lines if source is not None else []
            self._policy_lines[key] = lines_of(jobs, self._spans(path, jobs), texts, signal)
        return self._policy_lines[key]

    def _spans(
        self, path: str, jobs: list[tuple[str, int, str, str]]
    ) -> dict[int, tuple[int, int]]:
        """A policy inside a decorator or call (`use Oban.Worker, ...`) spans that call."""
        source = self.workspace.file(path)
        if source is None or source.facts is None:
            return {}
        spans = {}
        around = [(end - start, start, end) for start, end, _, _ in source.facts.calls]
        for _, line, _, _ in jobs:
            inner = min((a for a in around if a[1] <= line <= a[2]), default=None)
            spans[line] = (inner[1], inner[2]) if inner else (line, line)
        return spans

    def reached(self) -> dict[tuple[str, int], tuple[Handler, str]]:
        if self._reached is None:
            self._reached = self._reach(self.handlers())
        return self._reached

    def handlers(self) -> list[Handler]:
        entries = self.workspace.text_index().entries()
        by_id = {f.id: f for f in frameworks()}
        own: dict[tuple[str, str], list[tuple[str, int, str, str]]] = {}  # (path, class) -> lines
        handlers: list[Handler] = []
        for path, entry in entries.items():
            for framework_id, line, kind, text in entry.jobs:
                framework = by_id.get(framework_id)
                if framework is None:
                    continue
                if framework.scope == "function":
                    if kind == "on" and not self._turned_off(path, entry.jobs, framework_id, line):
                        handlers.extend(self._function_handler(framework, path, line, text))
                    continue
                if framework.scope == "queue":  # NestJS BullMQ: the queue's @Processor classes
                    queued = Policy(framework, path, line, text, default=False)
                    on = queue_processors(self.workspace, path, line) if kind == "on" else []
                    for job_path, job_class in on:
                        handlers.extend(self._class_handlers(queued, job_path, job_class))
                    continue
                if framework.scope == "enqueued":
                    if kind == "on":
                        handlers.extend(self._enqueued_handlers(framework, path, line, text))
                    continue
                owner = class_above(entry.classes, line)[0]
                if framework.scope == "class" and owner and self._within(framework, path, line):
                    own.setdefault((path, owner), []).append((framework_id, line, kind, text))
                elif framework.scope == "global" and kind == "on":
                    every = Policy(framework, path, line, text, default=False)
                    for job_path, job_class in self._subclasses(set(framework.bases)):
                        handlers.extend(self._class_handlers(every, job_path, job_class))
        for (path, owner), lines in own.items():
            policy = _class_policy(by_id, path, lines)
            if policy is None:
                continue
            handlers.extend(self._class_handlers(policy, path, owner))
            for sub_path, sub_class in self._subclasses({owner}):
                if (sub_path, sub_class) not in own:  # a subclass's own policy wins
                    handlers.extend(self._class_handlers(policy, sub_path, sub_class))
        return handlers

    def _turned_off(
        self, path: str, jobs: list[tuple[str, int, str, str]], framework_id: str, line: int
    ) -> bool:
        """Does a line of the same function turn it off (`max_retries=0` in a long decorator)?"""
        offs = [n for f, n, kind, _ in jobs if f == framework_id and kind == "off"]
        if not offs:
            return False
        function = self.workspace.function_at(path, line)
        return function is not None and any(function[1] <= n <= function[2] for n in offs)

    def _within(self, framework: Framework, path: str, line: int) -> bool:
        """Is a class-scope line in the class body, or in a function `within` allows?"""
        if framework.within is None:
            return True
        source = self.workspace.file(path)
        if source is None or source.facts is None:
            return False
        index = source.facts.function_at(line)
        return index < 0 or bool(framework.within.search(_short(source.facts.funcs[index][0])))

    def _function_handler(
        self, framework: Framework, path: str, line: int, text: str
    ) -> list[Handler]:
        source = self.workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            return []
        index = source.facts.function_at(line)
        if index < 0:
            return []
        name, start, _ = source.facts.funcs[index]
        policy = Policy(framework, path, line, text, default=False)
        if not text.startswith("@"):  # a policy in a body may be a decorator factory's
            factory = _outermost(source.facts.funcs, line)
            decorated = self._decorated_by(_short(factory), source.facts.language, path)
            if decorated:
                return [Handler(policy, p, s, n) for p, s, n in decorated]
        return [Handler(policy, path, start, name)]

    def _enqueued_handlers(
        self, framework: Framework, path: str, line: int, text: str
    ) -> list[Handler]:
        """The methods a job enqueued on `line` runs, under the framework's default."""
        policy = Policy(framework, path, line, text, default=True)
        return [
            Handler(policy, target, start, name)
            for callee in enqueued_calls(self.workspace, path, line)
            for target, start, name in self._resolve(path, callee)
            if not has_own_policy(self.workspace, target, start)
        ]

    def _decorated_by(self, name: str, language: str, home: str) -> list[tuple[str, int, str]]:
        """(path, start, name) of the functions decorated with `@name` or `@name(...)`: a
        project function that returns a task decorator (`return huey.task(retries=..)(fn)`)
        makes each of them a job. The factory's own file first, then every file of its
        language (read as text, parsed only where the decorator is used)."""
        if len(name) < 3 or language != "python":
            return []
        pattern = re.compile(rf"^[ \t]*@(?:[\w.]+\.)?{re.escape(name)}[ \t]*(?:\(|$)", re.M)
        paths = [home] + [
            p
            for p, _, _ in self.workspace.runtime_files()
            if p != home and getattr(grammar_of(p), "name", None) == language
        ]
        found: list[tuple[str, int, str]] = []
        for path in paths:
            try:
                text = (self.workspace.root / path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if name not in text:
                continue
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                function = self.workspace.function_at(path, line)
                if function is not None and len(found) < MAX_DISPATCH:
                    found.append((path, function[1], function[0]))
        return found

    def _class_handlers(self, policy: Policy, path: str, owner: str) -> list[Handler]:
        """The methods of a class: by qualified name, else (modules whose functions carry no
        owner, as in Elixir) the functions between its declaration and the next one."""
        source = self.workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            return []
        wanted = _short(owner)
        funcs = source.facts.funcs
        chosen = [
            (name, start)
            for name, start, _ in funcs
            if "." in name and _short(name.rsplit(".", 1)[0]) == wanted
        ]
        if not chosen:
            classes = self.workspace.text_index().entries()[path].classes
            lines = sorted(line for name, _, line in classes)
            begin = next((line for name, _, line in classes if name == owner), 0)
            stop = next((line for line in lines if line > begin), 1 << 30)
            chosen = [(name, start) for name, start, _ in funcs if begin <= start < stop]
        return [Handler(policy, path, start, name) for name, start in chosen]

    def _subclasses(self, parents: set[str]) -> list[tuple[str, str]]:
        """(path, class) of every class extending one of `parents`, a few levels down."""
        entries = self.workspace.text_index().entries()
        wanted = set(parents)
        found: list[tuple[str, str]] = []
        for _ in range(MAX_INHERITANCE):
            level = [
                (path, child)
                for path, entry in entries.items()
                for child, parent, _ in entry.classes
                if parent and _extends(parent, wanted) and (path, child) not in found
            ]
            if not level:
                break
            found.extend(level)
            wanted = {child for _, child in level}
        return found

    def _reach(self, handlers: list[Handler]) -> dict[tuple[str, int], tuple[Handler, str]]:
        reached: dict[tuple[str, int], tuple[Handler, str]] = {}
        frontier: list[tuple[str, int, Handler, str]] = []
        for handler in handlers:
            key = (handler.path, handler.start)
            if key not in reached:
                reached[key] = (handler, "")
                frontier.append((handler.path, handler.start, handler, ""))
        for _ in range(MAX_DEPTH):
            next_frontier: list[tuple[str, int, Handler, str]] = []
            for path, start, handler, chain in frontier:
                for callee in self._calls_in(path, start, passing=True):
                    for target_path, target_start, name in self._resolve(path, callee):
                        key = (target_path, target_start)
                        if key in reached or len(reached) >= MAX_REACHED:
                            continue
                        step = f"{chain} -> {name}" if chain else name
                        reached[key] = (handler, step)
                        next_frontier.append((target_path, target_start, handler, step))
            frontier = next_frontier
        return reached

    def resolve(self, from_path: str, callee: str) -> list[tuple[str, int, str]]:
        """Functions a call may run (receiver dispatch included): (path, start, name)."""
        return self._resolve(from_path, callee)

    def calls_of(self, path: str, start: int) -> list[str]:
        """The distinct callees of the function starting at `start`."""
        return self._calls_in(path, start)

    def _calls_in(self, path: str, start: int, passing: bool = False) -> list[str]:
        """The distinct callees of the function starting at `start`; `passing`: only those
        called somewhere an error reaches the job (not caught and dropped or replaced)."""
        function = self.workspace.function_at(path, start)
        if function is None:
            return []
        calls = self.workspace.calls_in(path, function[1], function[2])
        if passing:
            calls = tuple(c for c in calls if not absorbed(self.workspace, path, c[0]))
        return list(dict.fromkeys(callee for _, callee in calls))[:MAX_CALLS_PER_FUNCTION]

    def _resolve(self, from_path: str, callee: str) -> list[tuple[str, int, str]]:
        """Functions a call may run: (path, start, qualified name); handlers of one file
        share callees, so each is resolved once per run."""
        key = (from_path, callee)
        if key not in self._targets:
            self._targets[key] = self._lookup(from_path, callee)
        return self._targets[key]

    def _lookup(self, from_path: str, callee: str) -> list[tuple[str, int, str]]:
        spec = grammar_of(from_path)
        parts = callee_parts(callee)
        if spec is None or not parts or len(parts[-1]) < 3:
            return []
        name, receiver = parts[-1], (parts[-2] if len(parts) > 1 else "")
        definitions = self.workspace.definitions(spec.name, name)
        if receiver in RECEIVERS:
            definitions = [d for d in definitions if d[0] == from_path]
        elif receiver:  # a service the task looks up (`cacher.purge_key`) or is handed (typed)
            targets = receiver_targets(self.workspace, from_path, spec.name, receiver, definitions)
            definitions = targets
        elif name in _GENERIC or len(definitions) > 3:
            definitions = [d for d in definitions if d[0] == from_path]
        found = []
        for path, line in definitions[:MAX_DISPATCH]:
            function = self.workspace.function_at(path, line)
            if function is not None and _short(function[0]) == name:
                found.append((path, function[1], function[0]))
        return found


def _extends(parent: str, wanted: set[str]) -> bool:
    """`ActiveJob::Base` is wanted as itself; a bare `ApplicationJob` also matches a
    namespaced or generic parent (`Jobs::ApplicationJob`, `BaseTask<T>`)."""
    if parent in wanted:
        return True
    short = _short(parent)
    return any(short == name for name in wanted if not re.search(r"::|\.", name))


def _class_policy(
    by_id: dict[str, Framework], path: str, lines: list[tuple[str, int, str, str]]
) -> Policy | None:
    """A class's effective policy: an explicit one (turned off wins), else a marker's default."""
    explicit = [row for row in lines if row[2] in ("on", "off")]
    if any(kind == "off" for _, _, kind, _ in explicit):
        return None
    if explicit:
        framework_id, line, _, text = explicit[0]
        return Policy(by_id[framework_id], path, line, text, default=False)
    for framework_id, line, _, text in lines:
        framework = by_id[framework_id]
        if framework.default:
            return Policy(framework, path, line, text, default=True)
    return None


def _outermost(funcs: list[tuple[str, int, int]], line: int) -> str:
    """The name of the outermost function around `line` (a decorator factory holds the
    decorator and its wrapper as nested functions)."""
    around = [(end - start, name) for name, start, end in funcs if start <= line <= end]
    return max(around)[1] if around else ""
