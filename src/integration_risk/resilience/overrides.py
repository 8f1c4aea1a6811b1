"""Template methods: a call of a method its own class leaves to subclasses (`Run(request)` in
`WebClient.GetResultAsync`, whose `Run` is abstract or only throws NotImplementedException)
runs the overrides of the classes extending it (`HttpWebClient2.Run`, `HttpWebClient.Run`),
wherever they live. Read from the text index's class lines; only a handful are followed."""

from __future__ import annotations

import re
from functools import lru_cache

from integration_risk.resilience.workspace import Workspace

MAX_OVERRIDES = 3


@lru_cache(maxsize=256)
def _abstract(name: str) -> re.Pattern[str]:
    """A method without an implementation of its own: `protected abstract Task<WebResult>
    Run(`, `abstract fun send(`; a stub that only throws (`protected virtual Task<WebResult>
    Run(WebRequest r) => throw new NotImplementedException();`, Java's
    `UnsupportedOperationException`, Python's `raise NotImplementedError` or `@abstractmethod`)."""
    word = re.escape(name)
    return re.compile(
        rf"\babstract\b[^;{{}}\n=]*\b{word}\s*\("
        rf"|\b{word}\s*\([^)]*\)[^;{{}}\n=]*(?:=>|\{{)\s*throw\s+new\s+"
        r"(?:NotImplemented|NotSupported|UnsupportedOperation)\w*"
        rf"|\bdef\s+{word}\s*\([^)]*\)[^:\n]*:\s*(?:\n\s*(?:\"\"\"[^\n]*\"\"\"|#[^\n]*))*"
        r"\n\s*raise\s+NotImplementedError"
        rf"|@(?:abc\.)?abstractmethod\s*\n\s*(?:async\s+)?def\s+{word}\s*\("
    )


def declared_abstract(text: str, name: str) -> bool:
    """Does the file leave method `name` to its subclasses (abstract, or a stub that throws)?"""
    return _abstract(name).search(text) is not None


def _short(parent: str) -> str:
    """`Base<T>` -> Base, `App.Clients.WebClient` -> WebClient, `Foo::Bar` -> Bar."""
    return re.split(r"::|\.", re.sub(r"<.*", "", parent).strip())[-1]


def overrides(workspace: Workspace, language: str, path: str, name: str) -> list[tuple[str, int]]:
    """(path, line) of the overrides of `name` when the file at `path` declares it abstract."""
    text = workspace.raw_text(path)
    if not _abstract(name).search(text):
        return []
    entries = workspace.text_index().entries()
    entry = entries.get(path)
    own = {_short(child) for child, _, _ in entry.classes} if entry else set()
    if not own:
        return []
    subclasses = {
        other
        for other, found in entries.items()
        for _, parent, _ in found.classes
        if parent and _short(parent) in own
    }
    found = [d for d in workspace.definitions(language, name) if d[0] in subclasses]
    return found[:MAX_OVERRIDES]
