"""A cloud vendor's core SDK folded into the one product of its family the project uses.

Vendors publish a generic API client (`aliyun-java-sdk-core`, `huaweicloud-sdk-core`) and
product packages built on it (`aliyun-java-sdk-dysmsapi`, `huaweicloud-sdk-obs`). A project
that declares the core beside exactly one product of the same family calls that product
through the core's request classes (`com.aliyuncs.CommonRequest` with the SMS API's domain):
the core is the product's transport, not another system. Only cores the catalog files as a
generic vendor API (category `other`) fold; a driver's `-core` artifact stays what it is.
"""

from __future__ import annotations

import re
from typing import TypeVar

from integration_risk.catalog.index import CatalogIndex
from integration_risk.scan.merge_features import Group

# `aliyun-java-sdk-core` in a manifest line: the family is `aliyun-java-sdk-`.
_CORE_PACKAGE = re.compile(r"(?<![\w.-])([a-z][\w.]*(?:-[\w.]+)*?-)core(?![\w.-])")


G = TypeVar("G", bound=Group)


def _families(group: Group) -> set[str]:
    return {
        family
        for _, f in group.items
        if f.kind == "dependency"
        for family in _CORE_PACKAGE.findall(f.snippet.lower())
    }


def _declares_product(group: Group, family: str) -> bool:
    product = re.compile(rf"(?<![\w.-]){re.escape(family)}(?!core(?![\w.-]))[a-z0-9]")
    return any(f.kind == "dependency" and product.search(f.snippet.lower()) for _, f in group.items)


def fold_core_sdks(groups: dict[str, G], index: CatalogIndex) -> None:
    for core in [k for k in groups if index.categories.get(k) == "other"]:
        for family in sorted(_families(groups[core])):
            products = [
                key for key in groups if key != core and _declares_product(groups[key], family)
            ]
            if len(products) != 1:
                continue
            target = groups[products[0]]
            target.items.extend(groups[core].items)
            target.aliases.add(core)
            target.aliases.update(groups[core].aliases)
            del groups[core]
            break
