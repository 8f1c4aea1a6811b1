"""Everything the analysis needs from one source file, read from its tree-sitter parse.

The result is language-neutral plain data (functions, calls, signal tokens, error
handlers, loops), so it caches as JSON by content hash and every later step works on
lines and names, not on trees. Comments and prose strings never produce tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from integration_risk.resilience import factindex, tokenplace
from integration_risk.resilience.envgate import ENV_GATE, ENV_READ, env_set_block
from integration_risk.resilience.languages import LanguageSpec, parser_for
from integration_risk.resilience.rules import vocabulary
from integration_risk.resilience.tokenplace import Ancestors
from integration_risk.resilience.tokenplace import node_text as _text

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*[!?]?$")
_RETURNS_ERROR = re.compile(r"\berr\b|\bErr\b|[Ee]rror[(!]|\berror\b")
MAX_FILE_BYTES = 1_500_000
MAX_CALLEE_HEAD = 2_000  # bytes of a call read for its callee (which is cut to 120 characters)


@dataclass
class Facts:
    """One file's facts. Lines are 1-based; `func` is an index into `funcs` or -1."""

    language: str
    error: str | None = None
    funcs: list[tuple[str, int, int]] = field(default_factory=list)  # qualname, start, end
    params: list[tuple[int, int]] = field(default_factory=list)  # per func: parameter lines
    calls: list[tuple[int, int, str, int]] = field(default_factory=list)  # line, end, callee, func
    tokens: list[tuple[str, int, str]] = field(default_factory=list)  # signal, line, token
    handlers: list[tuple[int, int, int, int]] = field(default_factory=list)  # try s/e, handler s/e
    throws: list[int] = field(default_factory=list)  # rethrow lines
    value_returns: list[int] = field(default_factory=list)  # `return <value>` lines
    loops: list[tuple[int, int]] = field(default_factory=list)
    broken: list[tuple[int, int]] = field(default_factory=list)  # ERROR node line ranges
    # `if (request.Retry) {...}`: start, end, owner, flag of an `if` that a signal word
    # of some value gates (the protection inside holds only when that value is set)
    guards: list[tuple[int, int, str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        # `_`-keys are `factindex`'s lookup tables, rebuilt on demand
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        facts = cls(language=data["language"], error=data.get("error"))
        facts.funcs = [tuple(f) for f in data["funcs"]]
        facts.params = [tuple(p) for p in data["params"]]
        facts.calls = [tuple(c) for c in data["calls"]]
        facts.tokens = [tuple(t) for t in data["tokens"]]
        facts.handlers = [tuple(h) for h in data["handlers"]]
        facts.throws = list(data["throws"])
        facts.value_returns = list(data["value_returns"])
        facts.loops = [tuple(lp) for lp in data["loops"]]
        facts.broken = [tuple(b) for b in data["broken"]]
        facts.guards = [tuple(g) for g in data.get("guards", [])]
        return facts

    def function_at(self, line: int) -> int:
        """Index of the innermost named function containing `line`, or -1."""
        return factindex.function_at(self, line)


def _line(node: Any) -> int:
    return int(node.start_point[0]) + 1


def _end(node: Any) -> int:
    return int(node.end_point[0]) + 1


_NAME_KINDS = frozenset({"identifier", "simple_identifier", "name", "type_identifier"})


def _declared_name(node: Any) -> Any:
    """The name node of a declaration: its `name` field, else (Kotlin) its first identifier."""
    name = node.child_by_field_name("name")
    if name is not None or not node.type.endswith(("declaration", "definition")):
        return name
    return next((c for c in node.named_children if c.type in _NAME_KINDS), None)


def _name_of_function(node: Any, parent: Any) -> str:
    name = _declared_name(node)
    if name is not None:
        return _text(name)
    if parent is not None:  # `const send = async () => ...`, `{ send: function () {} }`
        for key in ("name", "key", "left"):
            target = parent.child_by_field_name(key)
            if target is not None and target != node:
                return _text(target).split(".")[-1]
    return ""


def _elixir_def_name(node: Any) -> str:
    args = node.child_by_field_name("arguments") or (
        node.children[1] if len(node.children) > 1 else None
    )
    if args is None or not args.named_children:
        return ""
    head = args.named_children[0]
    target = head.child_by_field_name("target")
    return _text(target if target is not None else head).split("(")[0].strip()


# A callee is its call's text up to the arguments, first line only, without `new`/`await`,
# spaces around its separators dropped (`client\n  .get` -> `client.get`).
_CALLEE_CUT = re.compile(r"[({\n]")
_NEW_OR_AWAIT = re.compile(r"^\s*(?:new|await)\s+")
_SPACED_SEPARATOR = re.compile(r"\s*([.:>-])\s*")
_WHITESPACE = re.compile(r"\s")


def _callee(node: Any, source: bytes) -> str:
    args = node.child_by_field_name("arguments")
    if args is None:
        for key in ("body", "type"):  # Go composite literal `http.Client{...}`
            part = node.child_by_field_name("type" if key == "body" else key)
            if part is not None:
                return _text(part)[:120]
    target = node.child_by_field_name("target")  # Elixir
    if target is not None:
        return _text(target)[:120]
    # The head before the arguments, read from the source: a call's own text holds every
    # call nested in it, and copying it for each link of a long chain is quadratic.
    end = node.end_byte
    if args is not None and args.start_byte > node.start_byte:
        end = args.start_byte
    text = source[node.start_byte : min(end, node.start_byte + MAX_CALLEE_HEAD)].decode(
        "utf-8", errors="replace"
    )
    text = _NEW_OR_AWAIT.sub("", _CALLEE_CUT.split(text, maxsplit=1)[0]).strip()
    if _WHITESPACE.search(text):  # most callees have no space at all
        text = _SPACED_SEPARATOR.sub(r"\1", text)
    return text.split(" ")[0][:120]


def _call_target(node: Any) -> str:
    """The called name of an Elixir-style `call` node (def, defmodule, ...)."""
    target = node.child_by_field_name("target")
    return _text(target) if target is not None else ""


def _normalise_token(text: str) -> str:
    return text.strip().strip(":").strip("'\"").strip()


def extract_facts(source: bytes, spec: LanguageSpec) -> Facts:
    """Parse `source` with the language's grammar and collect its facts."""
    facts = Facts(language=spec.name)
    if len(source) > MAX_FILE_BYTES:
        facts.error = f"file larger than {MAX_FILE_BYTES // 1000} KB, not parsed"
        return facts
    try:
        tree = parser_for(spec.name).parse(source)
    except Exception as exc:  # a grammar that cannot load or parse is an unknown, not a crash
        facts.error = f"{spec.name} parser failed: {type(exc).__name__}"
        return facts
    root = tree.root_node
    if root.type == "ERROR" or (root.has_error and _error_share(root) > 0.5):
        facts.error = "file does not parse"
        return facts
    vocab = vocabulary()
    watched = _watched_kinds(spec)
    class_stack: list[tuple[str, int]] = []  # class name, end byte
    # Each node travels with its ancestors: tree-sitter's `parent` descends from the root
    # every time, which is quadratic in a chain of thousands of nested calls.
    stack: list[tuple[Any, Ancestors]] = [(root, None)]
    while stack:
        node, above = stack.pop()
        kind = node.type
        if not kind[:1].isalpha() and not node.is_named:
            continue  # punctuation and operators (`(`, `=>`, `"`): about half the leaves, no fact
        while class_stack and node.start_byte >= class_stack[-1][1]:
            class_stack.pop()
        if kind in watched:
            _visit(facts, node, above, kind, spec, vocab, class_stack, source)
        if node.child_count == 0 or kind in ("string_content", "string_fragment", "keyword"):
            _add_token(facts, node, above, vocab, spec)
            if kind != "keyword":
                continue
        link = (node, above)
        stack.extend([(child, link) for child in reversed(node.children)])
    _assign_functions(facts)
    facts.__dict__.pop("_assigned", None)  # the walk's own memo, not a fact
    lines = source.count(b"\n") + 1
    broken = sum(end - start + 1 for start, end in facts.broken)
    if root.has_error and broken * 3 > lines:
        facts.error = "file does not parse (most of it is parse errors)"
    return facts


def _visit(
    facts: Facts,
    node: Any,
    above: Ancestors,
    kind: str,
    spec: LanguageSpec,
    vocab: Any,
    class_stack: list[tuple[str, int]],
    source: bytes,
) -> None:
    """What a node of a watched kind adds: a function, class, call, loop, handler..."""
    if kind == "ERROR":
        facts.broken.append((_line(node), _end(node)))
        return
    if kind in _IF_KINDS:
        _add_guard(facts, node, vocab)
    if kind in spec.classes:
        name = _declared_name(node)
        class_stack.append((_text(name) if name is not None else "", node.end_byte))
    elif kind in spec.functions or (
        spec.def_calls and kind == "call" and _call_target(node) in spec.def_calls
    ):
        _add_function(facts, node, above, spec, class_stack)
    elif spec.class_calls and kind == "call" and _call_target(node) in spec.class_calls:
        args = node.child_by_field_name("arguments")
        class_stack.append((_text(args).split()[0] if args else "", node.end_byte))
    if kind in spec.calls:
        facts.calls.append((_line(node), _end(node), _callee(node, source), -1))
    elif kind == "identifier" and spec.bare_call_parents:
        _add_bare_call(facts, node, above, spec)
    elif kind in spec.loops:
        facts.loops.append((_line(node), _end(node)))
    elif kind in spec.handlers:
        start = _line(above[0]) if above is not None else _line(node)
        facts.handlers.append((start, max(start, _line(node) - 1), _line(node), _end(node)))
    elif spec.handler_if and kind == "if_statement":
        condition = node.child_by_field_name("condition")
        if condition is not None and spec.handler_if in _text(condition):
            body = node.child_by_field_name("consequence") or node
            line = _line(node)
            facts.handlers.append((max(1, line - 3), line, _line(body), _end(body)))
    elif kind in spec.throws:
        facts.throws.append(_line(node))
    elif kind in spec.returns:
        _add_return(facts, node)


_WATCHED: dict[str, frozenset[str]] = {}


def _add_bare_call(facts: Facts, node: Any, above: Ancestors, spec: LanguageSpec) -> None:
    """A bare name standing as a statement (Ruby's `send_request`), or a local variable
    assigned before it (`result` as a method's last line), which is no call."""
    parent = above[0] if above is not None else None
    if parent is None or parent.type not in spec.bare_call_parents:
        if parent is not None and parent.type == "assignment":
            facts.__dict__.setdefault("_assigned", set()).add(node.text)
        return
    if parent.type.endswith("_modifier") and parent.child_by_field_name("body") != node:
        return  # the condition of `x if ready`
    if node.text not in facts.__dict__.get("_assigned", ()):
        facts.calls.append((_line(node), _end(node), _text(node), -1))


def _watched_kinds(spec: LanguageSpec) -> frozenset[str]:
    """The node kinds `extract_facts` does more with than read their tokens."""
    kinds = _WATCHED.get(spec.name)
    if kinds is None:
        kinds = frozenset(
            {"ERROR", *_IF_KINDS, *spec.classes, *spec.functions, *spec.calls, *spec.loops}
            | {*spec.handlers, *spec.throws, *spec.returns}
            | ({"call"} if spec.def_calls or spec.class_calls else set())
            | ({"if_statement"} if spec.handler_if else set())
            | ({"identifier"} if spec.bare_call_parents else set())
        )
        _WATCHED[spec.name] = kinds
    return kinds


def _add_function(
    facts: Facts,
    node: Any,
    above: Ancestors,
    spec: LanguageSpec,
    class_stack: list[tuple[str, int]],
) -> None:
    if spec.def_calls and node.type == "call":
        name = _elixir_def_name(node)
    else:
        name = _name_of_function(node, above[0] if above is not None else None)
    if not name:
        return  # anonymous callbacks belong to the function around them
    start = _line(node)
    parent = above[0] if above is not None else None
    if parent is not None and parent.type in spec.decorated:
        start = _line(parent)  # decorators (@retry, @shared_task(...)) belong to the function
    owner = class_stack[-1][0] if class_stack else ""
    facts.funcs.append((f"{owner}.{name}" if owner else name, start, _end(node)))
    params = node.child_by_field_name("parameters") or next(
        (c for c in node.named_children if "parameters" in c.type), None
    )
    facts.params.append((_line(params), _end(params)) if params is not None else (0, -1))


_IF_KINDS = frozenset({"if_statement", "if_expression", "if", "unless"})
# A condition that only reads one flag of a value: `request.Retry`, `$opts->retry`,
# `options[:retry]`, `(self.retry_enabled)`; negations and comparisons are not gates.
_FLAG = re.compile(
    r"^\(?\s*([\w$@]+)\s*(?:\.|->|\?\.)\s*(\w+)\s*\)?$"
    r"|^\(?\s*([\w$@]+)\s*\[\s*:?[\"']?(\w+)[\"']?\s*\]\s*\)?$"
)
_GATED = ("retry", "timeout", "circuit_breaker")


def _add_guard(facts: Facts, node: Any, vocab: Any) -> None:
    condition = node.child_by_field_name("condition")
    if condition is None:
        return
    text = _text(condition)
    if ENV_READ.search(text):
        block = env_set_block(node, text)
        for word in re.findall(r"[A-Za-z_]\w*", text) if block is not None else ():
            if any(signal in _GATED for signal in vocab.classify(word)):
                facts.guards.append((_line(node), _end(block), ENV_GATE, word))
                return
    match = _FLAG.match(text.strip())
    if match is None:
        return
    owner, flag = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    if any(signal in _GATED for signal in vocab.classify(flag)):
        facts.guards.append((_line(node), _end(node), owner.lstrip("$@"), flag))


def _add_return(facts: Facts, node: Any) -> None:
    if node.named_child_count == 0:
        return
    if _RETURNS_ERROR.search(_text(node)):
        facts.throws.append(_line(node))  # Go/Rust: returning the error propagates it
    else:
        facts.value_returns.append(_line(node))


# Per language, identifiers already found to signal nothing: most tokens repeat, and
# their answer does not depend on where they stand. Bounded so memory stays flat.
_QUIET: dict[str, set[bytes]] = {}
MAX_QUIET_TOKENS = 200_000


def _add_token(facts: Facts, node: Any, above: Ancestors, vocab: Any, spec: LanguageSpec) -> None:
    raw = node.text or b""
    quiet = _QUIET.setdefault(spec.name, set())
    if raw in quiet or "comment" in node.type or len(raw) > tokenplace.MAX_SETTING_STRING:
        return
    token = _normalise_token(raw.decode("utf-8", errors="replace"))
    if not _IDENT.match(token):
        facts.tokens.extend(tokenplace.string_settings(node, above, token, vocab))
        return
    if len(raw) > 64:
        return
    throws = token in spec.throw_words
    exits = token in spec.exit_words
    signals = vocab.signals_of(token)
    if not (throws or exits or signals):
        if len(quiet) < MAX_QUIET_TOKENS:
            quiet.add(raw)
        return  # most identifiers: no need to look at where they stand
    if tokenplace.in_type(above) or tokenplace.stored_only(node, above, spec.calls):
        return  # `this.timeout = x` keeps a value; only where it is passed does it protect
    if signals and tokenplace.zero_setting(node, above, spec.calls):
        # `max_retries=0` protects nothing, but turns the library's default off
        signals = [f"{s}_off" if s in ("timeout", "retry") else s for s in signals]
    if "timeout" in signals and tokenplace.not_a_request_bound(node, above, spec.calls):
        signals = [s for s in signals if s != "timeout"]
    line = _line(node)
    if throws:
        facts.throws.append(line)
    if exits:
        facts.tokens.append(("exit", line, token))
    for signal in signals:
        facts.tokens.append((signal, line, token))


def _assign_functions(facts: Facts) -> None:
    facts.calls = [
        (line, end, callee, facts.function_at(line)) for line, end, callee, _ in facts.calls
    ]


def _error_share(root: Any) -> float:
    """Share of top-level children that are parse errors."""
    children = root.children
    if not children:
        return 1.0
    bad = sum(1 for child in children if child.type == "ERROR" or child.is_missing)
    return bad / len(children)
