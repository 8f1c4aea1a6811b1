"""Package build step: ship the catalog's index, so a first scan need not parse ~1,000 TOML
files (`integration_risk.catalog.index.PREBUILT`). Runs for wheels and editable installs;
the file is generated, never committed, and used only while it matches the provider files
it was built from. A build never fails for it: without the file the index is built from the
TOML files at run time, as before."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogIndexHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from integration_risk.catalog.index import write_prebuilt

            write_prebuilt()
        except Exception as error:  # a provider file being edited: ship no index
            print(f"catalog index not shipped: {error!r}", file=sys.stderr)
        finally:
            sys.path.pop(0)
