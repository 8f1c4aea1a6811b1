"""Print the catalog's size, providers per category and providers per package ecosystem.

Usage: uv run python scripts/catalog_stats.py
"""

from __future__ import annotations

from collections import Counter

from integration_risk.catalog import load_catalog


def main() -> None:
    providers = load_catalog().providers.values()
    categories = Counter(p.category for p in providers)
    ecosystems = Counter(eco for p in providers for eco, names in p.packages.items() if names)
    examples = sum(len(p.examples) for p in providers)
    print(f"providers: {len(providers)}  examples: {examples}")
    print("per category:")
    for name, count in categories.most_common():
        print(f"  {name:<14} {count}")
    print("providers with packages, per ecosystem:")
    for name, count in ecosystems.most_common():
        print(f"  {name:<14} {count}")


if __name__ == "__main__":
    main()
