"""Load and validate every provider file; fail loudly naming the file and field."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from integration_risk.catalog.constants import PROVIDERS_DIR, catalog_version
from integration_risk.catalog.model import Catalog, Provider
from integration_risk.errors import InvalidInput


def load_provider(path: Path) -> Provider:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        provider = Provider.model_validate(data)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{path.name}: not valid TOML: {exc}", "fix the provider file") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(
            f"{path.name}: {where}: {first['msg']}", "fix the provider file"
        ) from None
    if provider.id != path.stem:
        raise InvalidInput(
            f"{path.name}: id {provider.id!r} differs from the file name",
            f"rename the file to {provider.id}.toml",
        )
    return provider


@lru_cache(maxsize=4)
def load_catalog(directory: Path = PROVIDERS_DIR) -> Catalog:
    providers: dict[str, Provider] = {}
    for path in sorted(directory.glob("*.toml")):
        provider = load_provider(path)
        providers[provider.id] = provider
    return Catalog(providers=providers, version=catalog_version(directory))
