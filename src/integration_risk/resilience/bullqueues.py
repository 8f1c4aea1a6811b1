"""NestJS BullMQ queues (`jobs.py`, scope `queue` in `data/jobs.toml`): the job options a queue
is registered with (`BullModule.registerQueue({ name: QueueName.EMAIL, defaultJobOptions: {
attempts: 3 } })`), or the shared ones of `BullModule.forRoot(..)` for every queue that sets
none of its own, hold for the `@Processor(QueueName.EMAIL)` class that runs the queue's jobs."""

from __future__ import annotations

import re

from integration_risk.resilience.languages import grammar_of
from integration_risk.resilience.workspace import Workspace

_MODULE_CALL = re.compile(r"\bBullModule\.(forRoot|forRootAsync|registerQueue|registerQueueAsync)$")
_NAME = re.compile(r"\bname\s*:\s*([^,}\n]+)")
_ATTEMPTS = re.compile(r"\battempts\s*:")
_PROCESSOR = re.compile(
    r"@Processor\(\s*([^,)\n]+?)\s*[,)][^\n]*\n(?:[^\n]*\n){0,3}?[^\n]*\bclass\s+(\w+)"
)
_SCRIPTS = frozenset({"typescript", "tsx", "javascript"})


def queue_processors(workspace: Workspace, path: str, line: int) -> list[tuple[str, str]]:
    """(path, class) of the processors a job-options line at `path:line` applies to."""
    source = workspace.file(path)
    if source is None or source.facts is None:
        return []
    around = [
        (end - start, start, end, callee)
        for start, end, callee, _ in source.facts.calls
        if start <= line <= end and _MODULE_CALL.search(callee)
    ]
    if not around:
        return []
    _, start, end, callee = min(around)
    written = "\n".join(source.lines[start - 1 : end])
    processors = _processors(workspace)
    if "registerQueue" in callee:
        names = {_plain(name) for name in _NAME.findall(written)}
        return [(p, c) for queue, p, c in processors if queue in names]
    # the shared options: queues registered anywhere with options of their own keep them
    # (`forRoot` in app.module, a feature module's `registerQueue` with its own attempts)
    own = _queues_with_own_attempts(workspace)
    return [(p, c) for queue, p, c in processors if queue not in own]


def _queues_with_own_attempts(workspace: Workspace) -> set[str]:
    found: set[str] = set()
    for path, _, _ in workspace.runtime_files():
        if "registerQueue" not in workspace.raw_text(path):
            continue
        source = workspace.file(path)
        if source is None or source.facts is None:
            continue
        for start, end, called, _ in source.facts.calls:
            text = "\n".join(source.lines[start - 1 : end])
            if "registerQueue" in called and _ATTEMPTS.search(text):
                found.update(_plain(name) for name in _NAME.findall(text))
    return found


def _processors(workspace: Workspace) -> list[tuple[str, str, str]]:
    """(queue, path, class) of every `@Processor(queue)` class of the project's scripts."""
    found = []
    for path, _, _ in workspace.runtime_files():
        if getattr(grammar_of(path), "name", None) not in _SCRIPTS:
            continue
        text = workspace.raw_text(path)
        if "@Processor(" not in text:
            continue
        found += [(_plain(m.group(1)), path, m.group(2)) for m in _PROCESSOR.finditer(text)]
    return found


def _plain(name: str) -> str:
    return name.strip().strip("'\"`")
