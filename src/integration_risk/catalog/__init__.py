"""The provider catalog: one TOML file per external system, loaded and validated."""

from integration_risk.catalog.loader import load_catalog
from integration_risk.catalog.model import CATEGORIES, ECOSYSTEMS, LANGUAGES, Catalog, Provider

__all__ = ["CATEGORIES", "ECOSYSTEMS", "LANGUAGES", "Catalog", "Provider", "load_catalog"]
