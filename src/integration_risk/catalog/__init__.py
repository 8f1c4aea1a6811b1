"""The provider catalog: one TOML file per external system, loaded and validated.

Names resolve lazily: the scanner's hot path needs only `constants` and the cached
index, not the pydantic models that validate provider files.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CATEGORIES", "ECOSYSTEMS", "LANGUAGES", "Catalog", "Provider", "load_catalog"]


def __getattr__(name: str) -> Any:
    if name in ("CATEGORIES", "ECOSYSTEMS", "LANGUAGES"):
        from integration_risk.catalog import constants

        return getattr(constants, name)
    if name in ("Catalog", "Provider"):
        from integration_risk.catalog import model

        return getattr(model, name)
    if name == "load_catalog":
        from integration_risk.catalog.loader import load_catalog

        return load_catalog
    raise AttributeError(name)
