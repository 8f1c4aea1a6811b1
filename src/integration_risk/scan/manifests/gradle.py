"""Gradle build scripts (Groovy `build.gradle` and Kotlin `build.gradle.kts`)
and version catalogs (`gradle/libs.versions.toml`).

`libs.x.y` references in scripts are not resolved here: the catalog file is a
manifest of its own and reports those libraries with their lines."""

from __future__ import annotations

import re
from typing import Any

from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.tomlscan import TomlLines, load_toml

_CONFIG = re.compile(r"^\s*([a-z][A-Za-z0-9]*)\b\s*[(\s]")
_BASE_CONFIGS = frozenset(
    {
        "implementation",
        "api",
        "compileOnly",
        "runtimeOnly",
        "compile",
        "runtime",
        "annotationProcessor",
        "compileOnlyApi",
        "kapt",
        "ksp",
        "classpath",
        "developmentOnly",
        "detektPlugins",
        "lintChecks",
        "coreLibraryDesugaring",
    }
)
# testImplementation, debugApi, kaptTest, androidTestRuntimeOnly ...
_VARIANT = re.compile(
    r"^[a-z][A-Za-z0-9]*(?:Implementation|Api|CompileOnly|RuntimeOnly|Compile|Runtime"
    r"|AnnotationProcessor)$|^(?:kapt|ksp)[A-Z][A-Za-z0-9]*$"
)
_BUILD_ONLY = frozenset({"classpath", "developmentOnly", "detektPlugins", "lintChecks"})
# 'group:artifact' or 'group:artifact:version[:classifier][@ext]' in either quote style
_COORDINATE = re.compile(r"""["']([A-Za-z0-9_.\-${}]+):([A-Za-z0-9_.\-${}]+)(?::[^"'\s]*)?["']""")
_GROUP_KW = re.compile(r"""\bgroup\s*[:=]\s*["']([^"']+)["']""")
_NAME_KW = re.compile(r"""\bname\s*[:=]\s*["']([^"']+)["']""")


def _is_config(name: str) -> bool:
    return name in _BASE_CONFIGS or _VARIANT.match(name) is not None


def _is_dev_config(name: str) -> bool:
    return "test" in name.lower() or name.startswith("debug") or name in _BUILD_ONLY


def parse_script(relpath: str, text: str) -> ManifestResult:
    deps: list[Dependency] = []
    in_comment = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw
        if in_comment:
            end = line.find("*/")
            if end == -1:
                continue
            line, in_comment = line[end + 2 :], False
        start = line.find("/*")
        if start != -1 and line.find("*/", start) == -1:
            line, in_comment = line[:start], True
        if line.lstrip().startswith("//"):
            continue
        config = _CONFIG.match(line)
        if config is None or not _is_config(config.group(1)):
            continue
        dev = _is_dev_config(config.group(1))
        rest = line[config.end(1) :]
        found = _COORDINATE.findall(rest)
        if not found:
            group, name = _GROUP_KW.search(rest), _NAME_KW.search(rest)
            if group and name:
                found = [(group.group(1), name.group(1))]
        for group_id, artifact in found:
            deps.append(Dependency("maven", f"{group_id}:{artifact}", number, dev))
    return ManifestResult(tuple(deps))


def _module(entry: Any) -> str | None:
    if isinstance(entry, str):
        parts = entry.split(":")
        return f"{parts[0]}:{parts[1]}" if len(parts) >= 2 and parts[0] and parts[1] else None
    if not isinstance(entry, dict):
        return None
    module = entry.get("module")
    if isinstance(module, str) and ":" in module:
        return module
    group, name = entry.get("group"), entry.get("name")
    if isinstance(group, str) and isinstance(name, str) and group and name:
        return f"{group}:{name}"
    return None


def parse_catalog(relpath: str, text: str) -> ManifestResult:
    data = load_toml(relpath, text)
    if isinstance(data, ManifestResult):
        return data
    libraries = data.get("libraries")
    if not isinstance(libraries, dict):
        return ManifestResult(())
    lines = TomlLines(text)
    header = lines.line(("libraries",))
    deps: list[Dependency] = []
    for alias, entry in libraries.items():
        module = _module(entry)
        if module:
            line = lines.line(("libraries", alias), header)
            deps.append(Dependency("maven", module, line, False))
    return ManifestResult(tuple(deps))
