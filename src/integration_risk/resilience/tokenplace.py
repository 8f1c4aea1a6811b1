"""Where a signal token stands in the tree, read while `facts` walks a file: a type
annotation names a type and configures nothing, a value stored in a field protects nothing
until a call uses it, and a string that is a settings key or carries settings
(`mail.smtp.timeout`, `busy_timeout(10000)`) names its setting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any, TypeAlias

# A node's ancestors as the walk carries them down: (parent, the parent's ancestors), None
# above the root. tree-sitter's own `parent` descends from the root on every call.
Ancestors: TypeAlias = "tuple[Any, Ancestors] | None"


def ancestors(above: Ancestors) -> Iterator[Any]:
    """Parent first, then each node further up."""
    while above is not None:
        parent, above = above
        yield parent


def node_text(node: Any) -> str:
    return node.text.decode("utf-8", errors="replace") if node.text is not None else ""


MAX_SETTING_STRING = 400
# A dotted or dashed settings key (`mail.smtp.timeout`, `socket-timeout`): its last part names it.
_KEY = re.compile(r"^[A-Za-z_]\w*(?:[.\-]\w+)+$")
# A setting written inside a connection string, DSN or SQL (`busy_timeout(10000)`,
# `connect_timeout=10`, `PRAGMA busy_timeout = 5000`): a name, `=` or `(`, a non-zero number.
_SETTING = re.compile(r"\b([A-Za-z_][\w ]{0,30}?)\s*[=(]\s*'?[1-9]")


def string_settings(
    node: Any, above: Ancestors, text: str, vocab: Any
) -> list[tuple[str, int, str]]:
    """Signal tokens of a string that is a settings key or carries settings; prose
    (spaces without `=`) matches neither shape."""
    names: list[str] = []
    if len(text) <= 64 and _KEY.match(text):
        names.append(re.split(r"[.\-]", text)[-1])
    names += [m.group(1).split()[-1] for m in _SETTING.finditer(text)]
    if not names:
        return []
    in_string = node.type.startswith(("string", "interpreted_string", "raw_string", "encapsed"))
    if not in_string and (above is None or "string" not in above[0].type):
        return []
    line = int(node.start_point[0]) + 1
    return [
        (signal, line, name)
        for name in dict.fromkeys(names)
        for signal in vocab.classify(name)
        if signal in ("timeout", "retry", "circuit_breaker")
    ]


_MEMBER = frozenset(
    "member_expression attribute field_expression selector_expression member_access_expression "
    "property_access_expression navigation_expression".split()
)


_TYPE_CONTEXT = frozenset(
    {"type_annotation", "nested_type_identifier", "type_parameter", "type", "user_type"}
    # the type a handler catches: `catch (Exception e)` (Java, C#, PHP), `rescue Exception`,
    # `except Exception as e:`; it names what is caught, it does not log it
    | {"catch_type", "catch_declaration", "named_type", "exceptions", "except_clause"}
)


def in_type(above: Ancestors) -> bool:
    """A type annotation (`timer: NodeJS.Timeout`) or a caught type names a type, it
    configures or logs nothing. A handler's body (a block) is no type."""
    for parent in islice(ancestors(above), 3):
        if parent.type in ("block", "body_statement", "compound_statement"):
            return False
        if parent.type in _TYPE_CONTEXT:
            return True
    return False


_SELF = frozenset({"this", "self", "$this", "Self"})


def stored_only(node: Any, above: Ancestors, calls: frozenset[str]) -> bool:
    """Is the token part of a plain value stored in a field (`this.timeout = opts.timeout`)?
    Such a value protects nothing until a call uses it, and that call shows its own token."""
    for parent in islice(ancestors(above), 5):
        if parent.type in calls:
            return False
        if "assignment" in parent.type:
            left = parent.child_by_field_name("left")
            if left is None or left.type not in _MEMBER:
                return False
            owner = left.child_by_field_name("object") or (
                left.children[0] if left.children else None
            )
            return (
                owner is not None and node_text(owner) in _SELF
            )  # `client.Timeout = x` configures
    return False


# A literal zero: `0`, `0.0`, `0L`, `0m`; a timeout or retry count of zero turns it off.
_ZERO = re.compile(r"^\(?\s*0+(?:\.0+)?[lLfFdDmMuU]*\s*\)?$")
# Where a name is given a value: keyword arguments, object/map entries, Go keyed elements
# and initialisers, C# object initialisers, assignments.
_VALUED = (
    "pair",
    "keyword_argument",
    "keyed_element",
    "assignment",
    "named_argument",
    "initializer",
)


# A lock's call (`SearchLock(r, timeout=..)`, `redis.lock(name, timeout=..)`,
# `with_lock(timeout: 5)`): its timeout is how long the lock is held or awaited.
_LOCK_CALL = re.compile(r"(?i)(?:lock|mutex|semaphore)\w*$")
# A cache write (`cache.set(key, value, timeout=60)`, `caches["x"].get_or_set(..)`): its
# timeout is how long the entry lives.
_CACHE_WRITE = re.compile(
    r"(?i)\bcache\w*(?:\[[^\]]*\])?\s*(?:\.|->)\s*(?:set|add|set_many|get_or_set|touch|setdefault)$"
)
# A cache backend's settings (Django's `CACHES = {"default": {"BACKEND": "..cache..",
# "TIMEOUT": 300}}`): the default lifetime of its entries.
_CACHE_BACKEND = re.compile(r"""(?i)["']backend["']\s*(?::|=>)\s*["'][^"']*cache""")
_MAPPING = ("dictionary", "object", "hash", "array")


def not_a_request_bound(node: Any, above: Ancestors, calls: frozenset[str]) -> bool:
    """Is the token a lock's or a cache entry's timeout rather than a request's: an
    argument of a lock's call or of a cache write, or a key of a cache backend's settings?
    Such a timeout bounds the lock or the entry's life, not a call to the system."""
    named = False
    for parent in islice(ancestors(above), 5):
        if parent.type in calls:
            if not named:
                return False
            head = node_text(parent).split("(", 1)[0].strip()
            name = re.split(r"::|\.|->|\s", head)[-1]
            return bool(_LOCK_CALL.search(name) or _CACHE_WRITE.search(head))
        if any(kind in parent.type for kind in _MAPPING) and named:
            return bool(_CACHE_BACKEND.search(node_text(parent)[:MAX_SETTING_STRING]))
        if any(kind in parent.type for kind in _VALUED):
            value = parent.named_children[-1] if parent.named_children else None
            if value is None or value.start_byte < node.end_byte:
                return False  # the token stands in the value, not the name
            named = True
    return False


def zero_setting(node: Any, above: Ancestors, calls: frozenset[str]) -> bool:
    """Is the token set to a literal zero (`WithTimeout(0)`, `timeout: 0`, `Timeout = 0`)?
    Clients read 0 as "no timeout" / "no retries": the setting protects nothing."""
    for parent in islice(ancestors(above), 2):
        if parent.type in calls:
            args = parent.child_by_field_name("arguments") or next(
                (
                    c
                    for c in parent.named_children
                    if c.type.endswith(("arguments", "argument_list"))
                ),
                None,
            )
            if args is None or args.start_byte < node.end_byte:
                return False  # the token is an argument, not the setter called
            values = [c for c in args.named_children if "comment" not in c.type]
            return len(values) == 1 and bool(_ZERO.match(node_text(values[0])))
        if any(kind in parent.type for kind in _VALUED):
            value = parent.named_children[-1] if parent.named_children else None
            if value is None or value.start_byte < node.end_byte:
                return False  # the token stands in the value, not the name
            return bool(_ZERO.match(node_text(value)))
    return False


def zero_call(line: str, callee: str, vocab: Any) -> bool:
    """`web.WithTimeout(0)` on this line: a timeout or retry setter handed a literal zero,
    whose body (`o.timeout = t`) must not be read as a timeout the call sets."""
    name = re.split(r"::|\.|->", callee)[-1]
    if not name or not {"timeout", "retry"} & set(vocab.signals_of(name)):
        return False
    return bool(re.search(rf"(?<!\w){re.escape(name)}\s*\(\s*0+[lL]?\s*\)", line))
