"""One module per tool group; importing a module registers its tools on `server`.

No map of tool -> module is kept by hand: `python -m mcp_server.snapshot` imports every
module of this package (`load_all`) and records in the reviewed snapshot which module
registered each tool. The server answers `tools/list` from that snapshot and imports a
tool's module on its first call, so starting it imports none of them. A new tool: write
it in a module here and regenerate the snapshot.
"""

from __future__ import annotations

import importlib
import pkgutil


def tool_modules() -> list[str]:
    """Every module of this package, by name."""
    return sorted(f"{__name__}.{info.name}" for info in pkgutil.iter_modules(__path__))


def load_all() -> None:
    """Register every tool now (the snapshot generator and its test need them all)."""
    for module in tool_modules():
        importlib.import_module(module)
