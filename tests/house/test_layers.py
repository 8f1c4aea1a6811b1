"""The house map (layers.toml) is complete and obeyed: imports only point down or sideways.

Reads every module of src/integration_risk and mcp_server with `ast` (imports inside
functions and TYPE_CHECKING blocks count too) and fails with the exact fix to make.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LAYERS_FILE = REPO / "layers.toml"
SOURCES = {"integration_risk": REPO / "src" / "integration_risk", "mcp_server": REPO / "mcp_server"}
MAX_LINES = 400


def _layers() -> dict[str, int]:
    data = tomllib.loads(LAYERS_FILE.read_text(encoding="utf-8"))
    return {
        unit: number for number, layer in enumerate(data["layer"], 1) for unit in layer["modules"]
    }


def _modules() -> Iterator[tuple[str, Path]]:
    """(dotted module name, file) for every Python file of the library and the server."""
    for package, directory in SOURCES.items():
        for path in sorted(directory.rglob("*.py")):
            parts = [package, *path.relative_to(directory).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


def _unit(module: str) -> str:
    """The map entry a module belongs to: its top-level module or package."""
    parts = module.split(".")
    return parts[0] if parts[0] != "integration_risk" else ".".join(parts[:2])


def _imports(module: str, path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import, `from pkg import sub` giving `pkg.sub`."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: len(module.split(".")) - node.level + is_package]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def _ours(name: str) -> bool:
    return name.split(".")[0] in SOURCES


def test_every_top_level_module_is_in_the_map() -> None:
    layers = _layers()
    missing = sorted({_unit(m) for m, _ in _modules()} - set(layers))
    assert not missing, (
        f"{', '.join(missing)} not in layers.toml: add each to the `modules` of the layer it "
        "belongs to (see the layer order at the top of layers.toml and ARCHITECTURE.md), "
        "and say what it owns in ARCHITECTURE.md's table"
    )


def _upward(modules: Iterable[tuple[str, Path]], layers: dict[str, int]) -> list[str]:
    upward = []
    for module, path in modules:
        own = layers.get(_unit(module))
        for line, name in _imports(module, path):
            target = layers.get(_unit(name)) if _ours(name) else None
            if own is not None and target is not None and target < own:
                upward.append(
                    f"{path.name}:{line} imports {name} (layer {target}) from layer {own}"
                )
    return upward


def test_imports_only_point_down_or_sideways() -> None:
    upward = _upward(_modules(), _layers())
    assert not upward, (
        "imports that point up the layer order of layers.toml:\n  "
        + "\n  ".join(upward)
        + "\nmove the code you need down into the lower layer (or into a new small module "
        "there), or pass it in as an argument from the caller; never import upward"
    )


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    fake = tmp_path / "fake.py"
    fake.write_text(
        "from integration_risk.models import scan\n"
        "def f():\n    from integration_risk import api\n    from ..cli import app\n"
    )
    found = _upward([("integration_risk.scan.fake", fake)], _layers())
    assert found == [
        "fake.py:3 imports integration_risk.api (layer 2) from layer 5",
        "fake.py:4 imports integration_risk.cli.app (layer 1) from layer 5",
    ]


def test_library_never_imports_mcp() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line} imports {name}"
        for module, path in _modules()
        if module.startswith("integration_risk")
        for line, name in _imports(module, path)
        if name.split(".")[0] == "mcp"
    ]
    assert not found, (
        "the library must not import the MCP SDK:\n  "
        + "\n  ".join(found)
        + "\nput MCP-specific code in mcp_server/ and call the library from there"
    )


def test_no_module_is_over_the_size_limit() -> None:
    too_long = [
        f"{path.relative_to(REPO)}: {count} lines"
        for _, path in _modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not too_long, (
        f"modules over {MAX_LINES} lines:\n  "
        + "\n  ".join(too_long)
        + "\nsplit each into modules of one concept each (a package if they belong together)"
    )


def test_the_checks_see_what_they_check() -> None:
    modules = dict(_modules())
    assert "integration_risk.scan.walk" in modules and "mcp_server.server" in modules
    imports = {
        name for _, name in _imports("integration_risk.api", modules["integration_risk.api"])
    }
    assert "integration_risk.api.evidence.scan" in imports
    assert _unit("integration_risk.scan.walk") == "integration_risk.scan"
