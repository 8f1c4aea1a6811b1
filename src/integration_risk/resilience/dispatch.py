"""Which definitions a call on a receiver may run, for the job reach (`jobs.py`): a method of
a file named like the receiver (`agent.receive` -> agents/email_agent.rb, `Mailer` ->
mailer.ex), or, when no such file defines it, of the class the receiver is: the type the
calling file declares it with, or implementations of that interface (`private mailDriver:
MailDriver` -> `class SmtpDriver implements MailDriver`), or the class a module-level instance
it imports is built from (`from app import mailer` where app/__init__.py says
`mailer = Mailer()`)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from weakref import WeakKeyDictionary

from integration_risk.resilience.defindex import class_above
from integration_risk.resilience.exported import ExportedClients
from integration_risk.resilience.receivers import declared_types
from integration_risk.resilience.workspace import Workspace

_EXPORTED: WeakKeyDictionary[Workspace, ExportedClients] = WeakKeyDictionary()
_BUILT = re.compile(r"=\s*(?:new\s+)?([A-Z]\w*)\s*\(")


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def receiver_targets(
    workspace: Workspace,
    from_path: str,
    language: str,
    receiver: str,
    definitions: list[tuple[str, int]],
) -> list[tuple[str, int]]:
    """The definitions (path, line) a call on `receiver` from `from_path` may run."""
    wanted = norm(receiver)
    named = [d for d in definitions if d[0] == from_path or named_like(d[0], wanted)]
    if named:
        return named
    types = declared_types(workspace.raw_text(from_path), language, receiver)
    types = types or _built_from(workspace, from_path, language, receiver)
    if not types:
        return []
    alternatives = "|".join(re.escape(t) for t in types)
    the_class = re.compile(
        rf"\bclass\s+(?:{alternatives})\b|\bclass\s+\w+[^{{\n]*\bimplements\b[^{{\n]*\b(?:{alternatives})\b"
    )
    return [d for d in definitions if _in_class(workspace, d, the_class)]


def _in_class(
    workspace: Workspace, definition: tuple[str, int], the_class: re.Pattern[str]
) -> bool:
    """Is the definition a method of a class `the_class` matches (the nearest class the
    text index knows above it), not of another class of the same file?"""
    source = workspace.file(definition[0])
    entry = workspace.text_index().entries().get(definition[0])
    if source is None or entry is None:
        return False
    _, start = class_above(entry.classes, definition[1])
    return 0 < start <= len(source.lines) and bool(the_class.search(source.lines[start - 1]))


def _built_from(workspace: Workspace, from_path: str, language: str, receiver: str) -> list[str]:
    """The class a module-level instance the file imports is built from."""
    if workspace not in _EXPORTED:
        _EXPORTED[workspace] = ExportedClients(workspace)
    found = _EXPORTED[workspace].assignment(from_path, language, receiver)
    source = workspace.file(found[0]) if found else None
    if found is None or source is None:
        return []
    built = _BUILT.search(" ".join(source.lines[found[1] - 1 : found[2]]))
    return [built.group(1)] if built else []


def named_like(path: str, receiver: str) -> bool:
    """Is the file named like the receiver (`email` -> BaseEmail.tsx, `agent` ->
    agents/email_agent.rb, `Mailer` -> mailer.ex, `notification` -> Notifications/**)?"""
    if len(receiver) < 3:
        return False
    pure = PurePosixPath(path)
    if receiver in norm(pure.stem) or receiver == norm(pure.parent.name):
        return True
    # `notification.OnGrab` -> Notifications/Webhook/Webhook.cs: a package named for its kind
    return any(norm(part) == receiver + "s" for part in pure.parts[:-1])
