"""Ruby `Gemfile` (groups as blocks or options) and `*.gemspec`."""

from __future__ import annotations

import re

from integration_risk.scan.manifests.model import Dependency, ManifestResult

_DEV_GROUPS = frozenset({"development", "test", "dev", "ci", "lint", "linting"})
_GEM = re.compile(r"""^\s*gem\s*\(?\s*(?:"([^"]+)"|'([^']+)')""")
_GROUP_BLOCK = re.compile(r"^\s*group\s*\(?(.*?)\)?\s*do\b")
_SYMBOLS = re.compile(r""":(\w+)\b(?!:)|["'](\w+)["']""")
_INLINE_GROUP = re.compile(r"""(?:\bgroups?:|:groups?\s*=>)\s*(\[[^\]]*\]|:\w+|"\w+"|'\w+')""")
_OPENS = re.compile(
    r"^\s*(?:if|unless|case|while|until|begin|def|class|module)\b|\bdo\s*(?:\|[^|]*\|)?\s*$"
)
_END = re.compile(r"^\s*end\b")
_TRAILING_COMMENT = re.compile(r"\s+#[^'\"]*$")
_GEMSPEC = re.compile(
    r"""\.add_(runtime_|development_)?dependency\s*\(?\s*(?:"([^"]+)"|'([^']+)')"""
)


def _all_dev(groups: str) -> bool:
    names = [a or b for a, b in _SYMBOLS.findall(groups)]
    return bool(names) and all(name in _DEV_GROUPS for name in names)


def parse_gemfile(relpath: str, text: str) -> ManifestResult:
    deps: list[Dependency] = []
    blocks: list[bool] = []  # dev flag of each open block (inherited inward)
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.lstrip().startswith("#"):
            continue
        line = _TRAILING_COMMENT.sub("", raw)
        outer_dev = blocks[-1] if blocks else False
        gem = _GEM.match(line)
        if gem:
            inline = _INLINE_GROUP.search(line)
            dev = outer_dev or (inline is not None and _all_dev(inline.group(1)))
            deps.append(Dependency("rubygems", gem.group(1) or gem.group(2), number, dev))
        if _END.match(line):
            if blocks:
                blocks.pop()
            continue
        group = _GROUP_BLOCK.match(line)
        if group:
            blocks.append(outer_dev or _all_dev(group.group(1)))
        elif _OPENS.search(line):
            blocks.append(outer_dev)
    return ManifestResult(tuple(deps))


def parse_gemspec(relpath: str, text: str) -> ManifestResult:
    deps: list[Dependency] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith("#"):
            continue
        for match in _GEMSPEC.finditer(line):
            dev = match.group(1) == "development_"
            deps.append(Dependency("rubygems", match.group(2) or match.group(3), number, dev))
    return ManifestResult(tuple(deps))
