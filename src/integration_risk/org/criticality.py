"""How much a failure of each category usually hurts: a rule for the inventory, not judgement.

The agents judge criticality per integration with context; the organisation view only
needs a stable ordering, so it reads the catalog's defaults (1-10) by category
(`catalog/categories.toml`).
"""

from __future__ import annotations

from integration_risk.catalog.constants import criticality

__all__ = ["SPOF_THRESHOLD", "criticality"]

# A category this critical with a single provider in a repository has no fallback there.
SPOF_THRESHOLD = 7
