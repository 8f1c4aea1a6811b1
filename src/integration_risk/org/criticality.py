"""How much a failure of each category usually hurts: a rule for the inventory, not judgement.

The agents judge criticality per integration with context; the organisation view only
needs a stable ordering, so it reads these defaults (1-10) by catalog category.
"""

from __future__ import annotations

CATEGORY_CRITICALITY: dict[str, int] = {
    "payment": 9,
    "database": 9,
    "auth": 9,
    "queue": 8,
    "storage": 7,
    "cache": 6,
    "email": 6,
    "sms": 6,
    "ai": 6,
    "search": 5,
    "http-api": 5,
    "webhook": 5,
    "cdn": 4,
    "other": 4,
    "observability": 3,
    "analytics": 2,
}
DEFAULT_CRITICALITY = 4
# A category this critical with a single provider in a repository has no fallback there.
SPOF_THRESHOLD = 7


def criticality(category: str) -> int:
    return CATEGORY_CRITICALITY.get(category, DEFAULT_CRITICALITY)
