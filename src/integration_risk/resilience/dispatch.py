"""Which definitions a call on a receiver may run, for the job reach (`jobs.py`): a method of
a file named like the receiver (`agent.receive` -> agents/email_agent.rb, `Mailer` ->
mailer.ex), or, when no such file defines it, of a class implementing the interface the
calling file declares the receiver with (`private mailDriver: MailDriver` ->
`class SmtpDriver implements MailDriver` in smtp.driver.ts)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from integration_risk.resilience.receivers import declared_types
from integration_risk.resilience.workspace import Workspace


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
    if not types:
        return []
    implementing = re.compile(
        r"\bclass\s+\w+[^{\n]*\bimplements\b[^{\n]*\b(?:"
        + "|".join(re.escape(t) for t in types)
        + r")\b"
    )
    return [d for d in definitions if implementing.search(workspace.raw_text(d[0]))]


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
