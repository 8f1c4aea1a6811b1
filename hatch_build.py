"""Package build step: ship the catalog's index, so a first scan need not parse ~1,000 TOML
files (`integration_risk.catalog.index.PREBUILT`), and the prefilter's compiled Hyperscan
database, so it need not compile ~10,000 literals (`integration_risk.scan.native_db`).
Runs for wheels and editable installs; the files are generated, never committed, and used
only while they match what a scan would build (the catalog's provider files; the literals
the scan plans, Hyperscan's version and the CPU). A build never fails for them: without
a file its contents are built at run time, as before."""

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

            index = write_prebuilt()
        except Exception as error:  # a provider file being edited: ship no index
            print(f"catalog index not shipped: {error!r}", file=sys.stderr)
            index = None
        try:
            if index is not None:
                from integration_risk.scan import native

                if native.hyperscan is not None:
                    native.write_prebuilt(index)
        except Exception as error:  # no hyperscan or re2 in the build environment
            print(f"hyperscan database not shipped: {error!r}", file=sys.stderr)
        finally:
            sys.path.pop(0)
