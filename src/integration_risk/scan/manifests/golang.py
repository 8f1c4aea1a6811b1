"""Go `go.mod`: `require` lines and blocks; `// indirect` marks transitive."""

from __future__ import annotations

from integration_risk.scan.manifests.model import Dependency, ManifestResult

_BLOCKS = frozenset({"require", "replace", "exclude", "retract", "tool", "godebug", "ignore"})


def _require(tokens: list[str], comment: str, number: int) -> Dependency | None:
    if not tokens:
        return None
    path = tokens[0].strip('"`')
    if not path or path == ")":
        return None
    indirect = comment.strip().startswith("indirect")
    return Dependency("go", path, number, False, transitive=indirect)


def parse(relpath: str, text: str) -> ManifestResult:
    deps: list[Dependency] = []
    block: str | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        code, _, comment = raw.partition("//")
        tokens = code.split()
        if block is not None:
            if tokens[:1] == [")"]:
                block = None
            elif block == "require" and (dep := _require(tokens, comment, number)):
                deps.append(dep)
            continue
        if not tokens:
            continue
        verb = tokens[0]
        if verb.endswith("(") and verb[:-1] in _BLOCKS:  # `require(`
            block = verb[:-1]
        elif verb in _BLOCKS and tokens[1:2] == ["("]:
            block = verb
        elif verb == "require" and (dep := _require(tokens[1:], comment, number)):
            deps.append(dep)
    return ManifestResult(tuple(deps))
