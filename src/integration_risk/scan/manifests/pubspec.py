"""Dart / Flutter `pubspec.yaml`: dependencies and dev_dependencies (SDK entries
such as `flutter: {sdk: flutter}` skipped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.text import failure

if TYPE_CHECKING:
    import yaml

_SECTIONS = {"dependencies": False, "dev_dependencies": True}


def _is_sdk(value: yaml.Node) -> bool:
    import yaml

    return isinstance(value, yaml.MappingNode) and any(
        isinstance(key, yaml.ScalarNode) and key.value == "sdk" for key, _ in value.value
    )


def parse(relpath: str, text: str) -> ManifestResult:
    if not text.strip():
        return failure(relpath, "is empty")
    import yaml  # here, not at import: a scan of a tree without a pubspec never needs it (~14 ms)

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f": line {mark.line + 1}" if mark is not None else ""
        return failure(relpath, f"is not valid YAML{where}")
    except (ValueError, RecursionError):
        return failure(relpath, "is not valid YAML")
    if not isinstance(root, yaml.MappingNode):
        return failure(relpath, "is not a YAML mapping")
    deps: list[Dependency] = []
    for key, section in root.value:
        dev = _SECTIONS.get(key.value) if isinstance(key, yaml.ScalarNode) else None
        if dev is None or not isinstance(section, yaml.MappingNode):
            continue
        for name, value in section.value:
            if isinstance(name, yaml.ScalarNode) and name.value and not _is_sdk(value):
                deps.append(Dependency("pub", str(name.value), name.start_mark.line + 1, dev))
    return ManifestResult(tuple(deps))
