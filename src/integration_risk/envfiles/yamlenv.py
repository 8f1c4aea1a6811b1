"""Env definitions inside YAML: docker-compose, Kubernetes ConfigMap/Secret, `env:` lists.

Walks PyYAML's node graph (not the loaded data) so every key keeps its line,
and aliases are visited once (no billion-laughs blow-up). PyYAML error text
quotes the offending line, so errors are reduced to their line number.
Kubernetes Secret `data` stays base64: it is never decoded, always secret.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from integration_risk.envfiles.classify import REFERENCE
from integration_risk.envfiles.raw import Assignment, LineProblem, RawValue
from integration_risk.envfiles.rules import is_safe_key
from integration_risk.models.env import SourceKind


@dataclass
class YamlEnv:
    assignments: list[tuple[SourceKind, Assignment]] = field(default_factory=list)  # (source, a)
    reads: list[tuple[str, int]] = field(default_factory=list)  # ${VAR} uses and pass-throughs
    env_files: list[tuple[str, int]] = field(default_factory=list)  # compose env_file paths
    problems: list[LineProblem] = field(default_factory=list)


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _items(node: Node) -> Iterator[tuple[str, Node, Node]]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield str(key.value), key, value


def _get(node: Node, name: str) -> Node | None:
    return next((v for k, _, v in _items(node) if k == name), None)


def _scalar(node: Node | None) -> str | None:
    return str(node.value) if isinstance(node, ScalarNode) else None


def _add(out: YamlEnv, source: SourceKind, assignment: Assignment) -> None:
    if not is_safe_key(assignment.key):
        problem = LineProblem(assignment.line, "not a valid variable name (text not shown)")
        out.problems.append(problem)
        return
    out.assignments.append((source, assignment))


def _env_list(node: Node, source: SourceKind, out: YamlEnv) -> None:
    """`env:` as a list of {name, value|valueFrom} or a mapping NAME: value."""
    if isinstance(node, SequenceNode):
        for item in node.value:
            name = _scalar(_get(item, "name"))
            if name is None:
                continue
            value = _scalar(_get(item, "value"))
            external = value is None and _get(item, "valueFrom") is not None
            _add(
                out, source, Assignment(name, RawValue(value or ""), _line(item), external=external)
            )
    elif isinstance(node, MappingNode):
        for key, key_node, value_node in _items(node):
            value = _scalar(value_node)
            if value is not None:
                _add(out, source, Assignment(key, RawValue(value), _line(key_node)))


def _compose_service(service: Node, out: YamlEnv) -> None:
    environment = _get(service, "environment")
    if isinstance(environment, SequenceNode):
        for item in environment.value:
            line_text = _scalar(item)
            if line_text is None:
                continue
            key, sep, value = line_text.partition("=")
            if sep:
                _add(out, "compose", Assignment(key.strip(), RawValue(value), _line(item)))
            elif is_safe_key(key.strip()):
                out.reads.append((key.strip(), _line(item)))  # passed through from the host
    elif isinstance(environment, MappingNode):
        for name, key_node, value_node in _items(environment):
            scalar = _scalar(value_node)
            if scalar is None or value_node.tag.endswith(":null"):
                if is_safe_key(name):
                    out.reads.append((name, _line(key_node)))
            else:
                _add(out, "compose", Assignment(name, RawValue(scalar), _line(key_node)))
    env_file = _get(service, "env_file")
    entries: list[Node | None] = (
        list(env_file.value) if isinstance(env_file, SequenceNode) else [env_file]
    )
    for entry in entries:
        node = _get(entry, "path") if isinstance(entry, MappingNode) else entry
        env_path = _scalar(node)
        if env_path and node is not None:
            out.env_files.append((env_path, _line(node)))


def _walk(node: Node, seen: set[int], out: YamlEnv, source: SourceKind) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        for match in REFERENCE.finditer(str(node.value)):
            out.reads.append((match.group("braced") or match.group("bare"), _line(node)))
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _walk(item, seen, out, source)
    elif isinstance(node, MappingNode):
        for key, _, value in _items(node):
            if key == "env" and source != "compose":
                _env_list(value, source, out)
            _walk(value, seen, out, source)


def _kubernetes(document: Node, out: YamlEnv) -> bool:
    kind = _scalar(_get(document, "kind"))
    if kind not in ("ConfigMap", "Secret"):
        return False
    for section in ("data", "stringData"):
        node = _get(document, section)
        for key, key_node, value_node in _items(node) if node is not None else ():
            value = _scalar(value_node) or ""
            secret = kind == "Secret"
            assignment = Assignment(
                key, RawValue(value), _line(key_node), interpolate=False, always_secret=secret
            )
            _add(out, "k8s-secret" if secret else "k8s-configmap", assignment)
    return True


def parse_yaml_env(text: str, compose: bool, helm: bool) -> YamlEnv:
    out = YamlEnv()
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else 0
        out.problems.append(LineProblem(line, "invalid YAML (text not shown)"))
        return out
    except yaml.YAMLError:
        out.problems.append(LineProblem(0, "invalid YAML (text not shown)"))
        return out
    seen: set[int] = set()
    for document in documents:
        if document is None:
            continue
        if compose:
            services = _get(document, "services")
            for _, _, service in _items(services) if services is not None else ():
                _compose_service(service, out)
            _walk(document, seen, out, "compose")
        elif not _kubernetes(document, out):
            _walk(document, seen, out, "helm" if helm else "yaml-env")
    return out
