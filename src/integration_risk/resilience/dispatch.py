"""Which definitions a call on a receiver may run, for the job reach (`jobs.py`) and the wrapper
reach (`wrappers.py`, through `through_type` and `alternatives`): a method of
a file named like the receiver (`agent.receive` -> agents/email_agent.rb, `Mailer` ->
mailer.ex), or, when no such file defines it, of the class the receiver is: the type the
calling file declares it with, or a class that extends or implements that type, as each
language writes it (`class SmtpDriver implements MailDriver`, `class Smtp extends Sender`,
`class Smtp : IMailSender`, `class Smtp(...) : Sender`, `class Smtp(Sender):`; also Kotlin's
`object Smtp : Sender`, C#'s `record Smtp(..) : ISender`) when the project
itself declares the type (a framework base such as `BaseModel` names no implementation), or
the class a module-level instance it imports is built from (`from app import mailer` where
app/__init__.py says `mailer = Mailer()`)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from weakref import WeakKeyDictionary

from integration_risk.resilience.defindex import class_above
from integration_risk.resilience.exported import ExportedClients
from integration_risk.resilience.languages import family_of, grammar_of
from integration_risk.resilience.overrides import declared_abstract
from integration_risk.resilience.receivers import declared_types, type_declaration
from integration_risk.resilience.workspace import Workspace

_EXPORTED: WeakKeyDictionary[Workspace, ExportedClients] = WeakKeyDictionary()
_BUILT = re.compile(r"=\s*(?:new\s+)?([A-Z]\w*)\s*\(")
_HEADER_LINES = 8  # a class header may wrap (a Kotlin primary constructor, long base lists)


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
    return implementations(workspace, from_path, types, definitions)


def through_type(
    workspace: Workspace,
    from_path: str,
    types: list[str],
    definitions: list[tuple[str, int]],
    own: list[tuple[str, int]],
) -> list[tuple[str, int]]:
    """What a call on a receiver declared with `types` runs, given `own`, the methods the
    types define themselves: those, unless they are abstract (`abstract send(`, Python's
    `@abstractmethod`, a stub that throws) or missing (an interface), when the classes that
    implement or extend the types run instead."""
    concrete = [d for d in own if not _abstract_at(workspace, d)]
    if concrete:
        return own
    return own + [
        d for d in implementations(workspace, from_path, types, definitions) if d not in own
    ]


def alternatives(
    workspace: Workspace, reached: list[tuple[str, int]], own: list[tuple[str, int]]
) -> list[tuple[str, int]]:
    """The implementations `through_type` reached beyond the type's own methods when they are
    of several classes: a call through the base may run any one of them, so each holds for
    the call only where it reaches the site's integration (`wrappers.py` keeps those in its
    files). The one implementation there is runs for every call."""
    added = [d for d in reached if d not in own]
    owners = {(d[0], owner_of(workspace, d)) for d in added}
    return added if len(owners) > 1 else []


def _abstract_at(workspace: Workspace, definition: tuple[str, int]) -> bool:
    function = workspace.function_at(*definition)
    text = workspace.raw_text(definition[0])
    return function is not None and declared_abstract(text, function[0].split(".")[-1])


def implementations(
    workspace: Workspace, from_path: str, types: list[str], definitions: list[tuple[str, int]]
) -> list[tuple[str, int]]:
    """The `definitions` that are methods of one of the project's `types` or of a class that
    extends or implements one of them (also the wrapper reach's, `wrappers.py`)."""
    wanted_types = {t for t in types if _project_type(workspace, t, from_path, definitions)}
    if not wanted_types:
        return []
    return [d for d in definitions if _in_class(workspace, d, wanted_types)]


def _in_class(workspace: Workspace, definition: tuple[str, int], types: set[str]) -> bool:
    """Is the definition a method of a class (the nearest class the text index knows above
    it, not another class of the same file) that is one of `types` or names one of them
    among the types it declares it extends or implements?"""
    source = workspace.file(definition[0])
    entry = workspace.text_index().entries().get(definition[0])
    if not types or source is None or entry is None:
        return False
    _, start = class_above(entry.classes, definition[1])
    if not 0 < start <= len(source.lines):
        return False
    header = "\n".join(source.lines[start - 1 : start - 1 + _HEADER_LINES])
    spec = grammar_of(definition[0])
    name, bases = class_bases(header, family_of(spec.name) if spec else "")
    return name in types or not bases.isdisjoint(types)


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


# `class`, Kotlin's and Scala's `object`, C#'s `record` (`record class`, `record struct`) and
# `struct`
_CLASS_NAME = re.compile(
    r"\b(?:class|object|record|struct)\s+(?:(?:class|struct)\s+)?([A-Za-z_]\w*)"
)
# Kotlin's primary constructor with annotations or a modifier (`@Inject constructor(`): its
# parameters' types are no bases
_CONSTRUCTOR = re.compile(
    r"(?:@[\w.]+(?:\([^()]*\))?\s*)*(?:(?:private|internal|protected|public)\s+)?constructor\b\s*"
)
# What follows the name and type parameters: Java/TS/PHP/Dart `extends` and `implements`,
# Dart/Scala `with`, C#/Kotlin `:` (after a Kotlin primary constructor); C#'s `where T :`
# constraints and the body end the header.
_CLAUSE = re.compile(r"\b(?:extends|implements|with)\b|:")
_HEADER_END = re.compile(r"\{|;|\bwhere\b|=>")  # `;`: a C# record without a body
_OPEN, _CLOSE = "<([", ">)]"


def class_bases(header: str, family: str) -> tuple[str, frozenset[str]]:
    """The class a declaration names and the short names of the types it says it extends or
    implements: `class A(B, metaclass=M):` (Python), `class A extends B implements C, D<E>`
    (Java, TS, PHP, Dart), `class A : B, IC` (C#), `class A(val x: X) : B(), C` (Kotlin).
    Only top-level names count: a type argument (`Generic[T]`, `Base<Sender>`) or a Kotlin
    constructor parameter's type is no base."""
    match = _CLASS_NAME.search(header)
    if match is None:
        return "", frozenset()
    rest = _skip_group(header[match.end() :].lstrip(), "<")
    if family == "python":
        rest = _skip_group(rest, "[")  # `class Box[T](Base):`
        if not rest.startswith("("):
            return match.group(1), frozenset()
        inner = rest[1 : len(rest) - len(_skip_group(rest, "("))]
        items = [i for i in _split(inner.rstrip(")")) if "=" not in i]
        return match.group(1), frozenset(filter(None, map(_short, items)))
    constructor = _CONSTRUCTOR.match(rest)
    rest = rest[constructor.end() :] if constructor else rest
    rest = _skip_group(rest, "(")  # a Kotlin primary constructor, a C# record's parameters
    end = _HEADER_END.search(rest)
    rest = rest[: end.start()] if end else rest
    bases: set[str] = set()
    for part in _CLAUSE.split(rest)[1:]:
        bases.update(filter(None, map(_short, _split(part))))
    return match.group(1), frozenset(bases)


def _skip_group(text: str, opener: str) -> str:
    """`text` after the bracketed group it starts with (nested brackets included)."""
    if not text.startswith(opener):
        return text
    depth = 0
    for at, char in enumerate(text):
        depth += (char in _OPEN) - (char in _CLOSE)
        if depth == 0:
            return text[at + 1 :].lstrip()
    return ""


def _split(text: str) -> list[str]:
    """Top-level comma-separated items (commas inside <>, () or [] stay)."""
    items, depth, start = [], 0, 0
    for at, char in enumerate(text):
        depth += (char in _OPEN) - (char in _CLOSE)
        if char == "," and depth == 0:
            items.append(text[start:at])
            start = at + 1
    items.append(text[start:])
    return items


def _short(item: str) -> str:
    """`App\\Mail\\Sender` -> Sender, `mail.Sender<T>` -> Sender, `Base()` -> Base."""
    named = re.match(r"\s*(?:(?:public|private|protected|virtual|open)\s+)*([\w.\\:]+)", item)
    return re.split(r"[.\\:]+", named.group(1))[-1] if named else ""


def _project_type(
    workspace: Workspace, type_name: str, from_path: str, definitions: list[tuple[str, int]]
) -> bool:
    """Does the project itself declare `type_name` (a class, abstract class, interface,
    protocol or trait)? A framework base a receiver may be typed with (`BaseModel`,
    `Controller`, `Exception`) makes no project class an implementation. Asked of the
    text index's classes, then of the files that may declare it: the caller's, the
    candidate implementations', and those named like the type (`mail-driver.interface.ts`)."""
    if type_name in workspace.text_index().class_names():
        return True
    stem = norm(type_name)
    prefixed = re.match(r"I[A-Z]", type_name)  # C#'s `INotifier` in notifier.cs
    named = workspace.files_named(
        {stem, stem + "interface", norm(type_name[prefixed is not None :])}
    )
    paths = dict.fromkeys([from_path, *(path for path, _ in definitions), *named[:8]])
    declared = type_declaration(type_name)
    return any(declared.search(workspace.raw_text(path)) for path in paths)


def owner_of(workspace: Workspace, definition: tuple[str, int]) -> str:
    """The class, struct or impl a function is a method of; "" for a plain function."""
    path, line = definition
    source = workspace.file(path)
    if source is None or source.facts is None:
        return ""
    index = source.facts.function_at(line)
    if index < 0:
        return ""
    qualname = source.facts.funcs[index][0]
    if "." in qualname:
        return qualname.split(".")[-2]
    go = _GO_RECEIVER.match(source.lines[line - 1]) if line <= len(source.lines) else None
    if go:
        return go.group(1)
    for number in range(line - 1, max(0, line - 300), -1):
        impl = _IMPL.match(source.lines[number - 1])  # Rust: methods carry no owner
        if impl:
            return impl.group(1)
    return ""


_GO_RECEIVER = re.compile(r"^func\s*\(\s*\w*\s*\*?\s*(\w+)")
_IMPL = re.compile(r"^\s*impl\b(?:<[^>]*>)?\s+(?:[\w:<>']+\s+for\s+)?(\w+)")
