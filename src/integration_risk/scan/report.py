"""Shape a scan for its reader: filter, order, truncate evidence, page with a cursor."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from integration_risk.catalog.constants import CATEGORIES, DEFAULT_MIN_CONFIDENCE
from integration_risk.catalog.index import catalog_index
from integration_risk.errors import InvalidInput
from integration_risk.lines import clip
from integration_risk.paging import decode_cursor, encode_cursor
from integration_risk.scan.engine import scan_tree
from integration_risk.scan.findings import Finding
from integration_risk.scan.ruby_gems import ruby_gems
from integration_risk.scan.walk import WalkResult

if TYPE_CHECKING:
    # The result models (pydantic, a tenth of a second to import) and the merge that builds
    # them are loaded once the walk is done, while the workers read the files (`_load_merge`),
    # not before the scan can start them.
    from integration_risk.models.scan import Integration, ScanResult, ScanSummary


class ScanOptions(TypedDict, total=False):
    """What `build_scan_result` (and `api.scan`) accept besides the root and start; an
    omitted option takes `build_scan_result`'s default."""

    categories: list[str] | None
    min_confidence: float
    evidence_per_integration: int
    cursor: str | None
    limit: int | None
    use_cache: bool
    compact: bool
    workers: int | None


def check_categories(categories: list[str] | None) -> set[str] | None:
    if not categories:
        return None
    unknown = sorted(set(categories) - set(CATEGORIES))
    if unknown:
        raise InvalidInput(
            f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}",
            f"use some of: {', '.join(CATEGORIES)}",
        )
    return set(categories)


def php_packages(root: Path, files: Iterable[str]) -> frozenset[str] | None:
    """The Composer packages the project installs: the requirements of its composer.json
    files and the packages of the composer.lock beside each (the walk does not read lock
    files), lowercased; None without a composer.json."""
    manifests = [f for f in files if f.rsplit("/", 1)[-1] == "composer.json"]
    if not manifests:
        return None
    names: set[str] = set()
    for relpath in [*manifests, *(m[: -len("json")] + "lock" for m in manifests)]:
        try:
            data = json.loads((root / relpath).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict):
            continue
        for table in ("require", "require-dev"):
            if isinstance(data.get(table), dict):
                names.update(str(name).lower() for name in data[table])
        for table in ("packages", "packages-dev"):
            for package in data.get(table) or ():
                if isinstance(package, dict) and isinstance(package.get("name"), str):
                    names.add(package["name"].lower())
    return frozenset(names)


# Names a checkout, package or module may have that say nothing of the project.
_GENERIC_ROOT_NAMES = frozenset(
    "main master repo project monorepo root workspace src code server backend frontend service".split()
)
_GO_MODULE = re.compile(r"(?m)^module\s+\"?([^\s\"]+)")


def _head(path: Path) -> str:
    """The first 4 KB of a file, or "" when it cannot be read."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.read(4096)
    except OSError:
        return ""


def project_names(root: Path) -> frozenset[str]:
    """The project's own names, from its directory, its root package.json name and its Go
    module's last path element:
    `outline`, `medusa`, the words of `uptime-kuma` and the whole of it. Parts shorter than
    four letters are too generic to use."""
    names = set(re.split(r"[^a-z0-9]+", root.name.lower()))
    whole = [root.name.lower().rpartition("__")[2]]  # a checkout named `owner__repo`
    try:
        package = json.loads((root / "package.json").read_text(encoding="utf-8"))
        if isinstance(package, dict) and isinstance(package.get("name"), str):
            names.update(re.split(r"[^a-z0-9]+", package["name"].lower()))
            whole.append(package["name"].lower().rpartition("/")[2])  # `@scope/name`
    except (OSError, ValueError):
        pass
    module = _GO_MODULE.search(_head(root / "go.mod"))
    if module:  # `module go.flipt.io/flipt` (a `/v2` major-version suffix is no name)
        last = re.sub(r"/v\d+$", "", module.group(1)).rpartition("/")[2].lower()
        names.update(re.split(r"[^a-z0-9]+", last))
        whole.append(last)
    # and each whole name in its words (`uptime-kuma`): `merge_features` strips it as a prefix
    names.update("-".join(p for p in re.split(r"[^a-z0-9]+", name) if p) for name in whole)
    return frozenset(n for n in names if len(n) >= 4 and n not in _GENERIC_ROOT_NAMES)


def merge_tree(root: Path, findings: dict[str, list[Finding]]) -> list[Integration]:
    """One integration per system from the per-file findings of a scan of `root`, with what
    the project says of itself: its names, the PHP packages and Ruby gems it installs."""
    from integration_risk.scan.merge import merge_findings

    return merge_findings(
        findings,
        catalog_index(),
        project_names(root),
        php_packages(root, findings),
        ruby_gems(root, findings),
    )


def build_scan_result(
    root: Path,
    start: Path,
    *,
    categories: list[str] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    evidence_per_integration: int = 3,
    cursor: str | None = None,
    limit: int | None = None,
    use_cache: bool = True,
    compact: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    walked: WalkResult | None = None,
    on_walked: Callable[[WalkResult], None] | None = None,
) -> ScanResult:
    """`walked`: the walk of `start` when the caller already has it; else `on_walked` is
    told of the scan's own walk."""
    wanted = check_categories(categories)
    if not 0.0 <= min_confidence <= 1.0:
        raise InvalidInput("min_confidence must be between 0 and 1", "for example 0.3")
    if limit is not None and limit < 1:
        raise InvalidInput("limit must be at least 1", "omit it for the default page size")
    offset = decode_cursor(cursor)
    raw = scan_tree(
        root,
        start,
        use_cache=use_cache,
        workers=workers,
        progress=progress,
        walked=walked,
        on_walked=_load_merge(on_walked),
    )
    from integration_risk.models.scan import ScanResult, ScanSummary

    everything = merge_tree(root, raw.findings)
    kept = [
        i
        for i in everything
        if i.confidence >= min_confidence and (wanted is None or i.category in wanted)
    ]
    page = kept[offset : offset + limit] if limit is not None else kept[offset:]
    shown = [_truncate(i, evidence_per_integration, compact) for i in page]
    summary = ScanSummary(
        files_scanned=raw.files_scanned,
        files_ignored=raw.files_ignored,
        skipped=dict(sorted(raw.skipped.items())),
        integrations=len(everything),
        by_category=dict(sorted(Counter(i.category for i in kept).items())),
        cache_hits=raw.cache_hits,
        seconds=raw.seconds,
        catalog_version=raw.catalog_version,
    )
    if compact:
        return fit_budget(shown, kept, offset, summary)
    end = offset + len(shown)
    return ScanResult(
        integrations=shown,
        summary=summary,
        next_cursor=encode_cursor(end) if end < len(kept) else None,
    )


def _load_merge(
    on_walked: Callable[[WalkResult], None] | None,
) -> Callable[[WalkResult], None]:
    """`on_walked`, after importing the merge and the result models: the walk is done and a
    cold scan's workers are reading the files, so the import overlaps them."""

    def walked(result: WalkResult) -> None:
        from integration_risk.models import scan  # noqa: F401
        from integration_risk.scan import merge  # noqa: F401

        if on_walked is not None:
            on_walked(result)

    return walked


def full_scan(root: Path, start: Path, *, use_cache: bool = True) -> ScanResult:
    """Every integration under `start` with all its evidence: no filter, no page."""
    return build_scan_result(
        root, start, min_confidence=0.0, evidence_per_integration=-1, use_cache=use_cache
    )


# The compact answer is what the model reads (MCP `scan_integrations`): it names every
# integration within this many bytes of compact JSON, detailed ones first.
COMPACT_BUDGET = 7_800
MIN_DETAILED = 5
COMPACT_SNIPPET = 48  # long repo paths (C#, Java) eat the 8 KB default answer
COMPACT_ALIASES = 4


def _truncate(integration: Integration, keep: int, compact: bool) -> Integration:
    evidence = integration.evidence if keep < 0 else integration.evidence[:keep]
    if not compact:
        return integration.model_copy(update={"evidence": evidence})
    where = [f"{e.path}:{e.line} {e.kind}: {clip(e.snippet, COMPACT_SNIPPET)}" for e in evidence]
    return integration.model_copy(
        update={"evidence": [], "where": where, "aliases": integration.aliases[:COMPACT_ALIASES]}
    )


def answer_bytes(result: ScanResult) -> int:
    """Size of the answer as a client shows it to the model: compact JSON."""
    return len(json.dumps(result.model_dump(mode="json"), separators=(",", ":")))


def trailing_name(integration: Integration) -> str:
    """How `more` names an integration: its id; a system the scanner named itself also
    gets its first evidence location, since the name alone does not say where it is."""
    if integration.in_catalog or not integration.evidence:
        return integration.id
    first = integration.evidence[0]
    return f"{integration.id} {first.path}:{first.line}"


def fit_budget(
    shown: list[Integration], kept: list[Integration], offset: int, summary: ScanSummary
) -> ScanResult:
    """The page's integrations in detail while the answer stays within COMPACT_BUDGET
    (at least MIN_DETAILED), every later one named in `more`; `next_cursor` resumes
    after the last detailed one."""
    from integration_risk.models.scan import ScanResult

    count = len(shown)
    while True:
        end = offset + count
        result = ScanResult(
            integrations=shown[:count],
            summary=summary,
            next_cursor=encode_cursor(end) if end < len(kept) else None,
            more=[trailing_name(i) for i in kept[end:]],
        )
        if answer_bytes(result) <= COMPACT_BUDGET or count <= min(MIN_DETAILED, len(shown)):
            break
        count -= 1
    while result.more and answer_bytes(result) > COMPACT_BUDGET:
        result.more.pop()  # a huge tree: the rest stays reachable through next_cursor
    return result
