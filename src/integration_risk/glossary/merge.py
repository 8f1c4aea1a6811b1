"""Merge rules of `update_glossary`: pure functions over the glossary's JSON.

Several agents (ours and other plugins') write `.claude/memory/glossary.json`.
An upsert is a set of proposed entries `{key: fields}` from one agent, merged
into the `integrations` section one entry at a time:

1. Matching. A proposed entry joins an existing one when their names meet:
   the exact key first; otherwise any of key, `canonical_name` and `aliases`
   on one side equals one on the other after case folding and dropping
   everything but letters and digits ("Stripe-Payment" == "stripepayment").
   Failing that, the *core* of the names is compared: camelCase and
   punctuation split the name into words and kind words (api, gateway,
   payment, service, sdk, client, ...) are dropped, so "StripePayment",
   "stripe" and "Stripe Payment Gateway" all have the core "stripe". Exact
   names win over cores; among equals the entry that comes first in the file
   wins and the others are reported as an `(identity)` conflict. Proposals of
   one upsert can match each other, so a batch never creates duplicates.
2. No match: a new entry under the proposed key, `discovered_by` = the agent.
3. Match: the existing key is kept. Names the entry does not answer to yet
   (the proposed key, a proposed canonical name that was not applied, the
   old canonical name after a rename) are added to `aliases`.
4. `aliases` and `evidence` are unions: existing items first, new ones
   appended, nothing removed.
5. Every other field (canonical_name, type, risk_level, failure_impact,
   category, and fields we do not know) has an owner: `set_by[field]` when
   present, else the entry's `discovered_by`. The agent may set the field
   when it is empty, has no owner, or is its own; the agent then becomes its
   owner (recorded in `set_by` unless it is `discovered_by`). A different
   value in a field another agent owns is not applied: the existing value is
   kept and a conflict is returned (field, owner, current, proposed).
6. Every applied change of `risk_level` (including the first value) appends
   `{level, previous, by, at}` to `risk_history`.
7. `discovered_by`, `updated_at`, `updated_by`, `risk_history` and `set_by`
   are managed here; proposed values for them are ignored. `null` means "no
   value proposed": an upsert never deletes a field or an entry.
8. `updated_at`/`updated_by` change only when the entry changed, so merging
   the same proposal twice changes nothing the second time (idempotent).
   Sections other than `integrations`, and unknown fields of entries, are
   carried over untouched.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from integration_risk.models.glossary import GlossaryConflict

MANAGED_FIELDS = frozenset({"discovered_by", "updated_at", "updated_by", "risk_history", "set_by"})
LIST_FIELDS = ("aliases", "evidence")
IDENTITY = "(identity)"

# Words that describe the kind of system rather than name it.
KIND_WORDS = frozenset(
    {
        "api", "apis", "client", "gateway", "integration", "payment", "payments", "platform",
        "provider", "rest", "sdk", "server", "service", "services", "the",
    }
)  # fmt: skip

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^\W\d_A-Za-z]+")


_NOT_ALNUM = re.compile(r"[\W_]+")


# Cached: every upsert indexes every name in the file, and names repeat across upserts.
@functools.lru_cache(maxsize=1 << 16)
def normalized(name: str) -> str:
    """`name` case-folded with everything but letters and digits removed."""
    return _NOT_ALNUM.sub("", name.casefold())


@functools.lru_cache(maxsize=1 << 16)
def core(name: str) -> str:
    """`name` without generic words ("Stripe Payment Gateway" -> "stripe")."""
    words = [w.casefold() for w in _WORD.findall(name)]
    specific = [w for w in words if w not in KIND_WORDS]
    return "".join(specific or words)


def names_of(key: str, entry: Mapping[str, Any]) -> list[str]:
    """Key, canonical name and aliases of an entry (raw strings)."""
    names = [key]
    canonical = entry.get("canonical_name")
    if isinstance(canonical, str):
        names.append(canonical)
    aliases = entry.get("aliases")
    if isinstance(aliases, list):
        names.extend(a for a in aliases if isinstance(a, str))
    return names


def _full_forms(names: Iterable[str]) -> set[str]:
    return {n for n in map(normalized, names) if n}


def _core_forms(names: Iterable[str]) -> set[str]:
    return {c for c in map(core, names) if c}


@functools.lru_cache(maxsize=1 << 14)
def _forms(names: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    # Cached: every upsert indexes every entry of the file, and entries repeat.
    return frozenset(_full_forms(names)), frozenset(_core_forms(names))


class NameIndex:
    """Exact and core name forms -> keys, in file order."""

    def __init__(self, section: Mapping[str, Any]) -> None:
        self.order: dict[str, int] = {}
        self.full: dict[str, list[str]] = {}
        self.cores: dict[str, list[str]] = {}
        for key, entry in section.items():
            self.add(key, entry)

    def add(self, key: str, entry: Mapping[str, Any]) -> None:
        self.order.setdefault(key, len(self.order))
        full, cores = _forms(tuple(names_of(key, entry)))
        for table, forms in ((self.full, full), (self.cores, cores)):
            for form in forms:
                keys = table.setdefault(form, [])
                if key not in keys:
                    keys.append(key)

    def lookup(self, key: str, entry: Mapping[str, Any]) -> list[str]:
        """Matching keys, best first: exact key, then exact names, then cores."""
        if key in self.order:
            return [key]
        names = names_of(key, entry)
        for table, forms in ((self.full, _full_forms(names)), (self.cores, _core_forms(names))):
            found = {k for form in forms for k in table.get(form, [])}
            if found:
                return sorted(found, key=self.order.__getitem__)
        return []


@dataclass
class MergeOutcome:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    matched: dict[str, str] = field(default_factory=dict)
    conflicts: list[GlossaryConflict] = field(default_factory=list)


@dataclass(frozen=True)
class _Upsert:
    """Who proposes a batch and when; `conflicts` collects what it could not apply."""

    agent: str
    now: str
    conflicts: list[GlossaryConflict]


def _same_agent(a: object, b: str) -> bool:
    return isinstance(a, str) and a.strip().casefold() == b.strip().casefold()


def _proposal(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k not in MANAGED_FIELDS and v is not None}


def _union(existing: object, proposed: object, key_of: Any) -> list[Any]:
    items = list(existing) if isinstance(existing, list) else []
    seen = {key_of(i) for i in items}
    for item in proposed if isinstance(proposed, list) else []:
        if key_of(item) not in seen:
            seen.add(key_of(item))
            items.append(item)
    return items


def _alias_form(item: object) -> object:
    return normalized(item) if isinstance(item, str) else item


def _evidence_form(item: object) -> object:
    return item if isinstance(item, str) else repr(item)


def _list_union(name: str, existing: object, proposed: object) -> list[Any]:
    """A list field's items joined: aliases compare by their normalized form."""
    return _union(existing, proposed, _alias_form if name == "aliases" else _evidence_form)


SEED_ORDER = ("canonical_name", "type", "discovered_by", "risk_level", "failure_impact")


def _seed_ordered(entry: dict[str, Any]) -> dict[str, Any]:
    """New entries list the seed format's fields first, as hand-written ones do."""
    ordered = {name: entry[name] for name in SEED_ORDER if name in entry}
    ordered.update((k, v) for k, v in entry.items() if k not in ordered)
    return ordered


def _combine(previous: dict[str, Any] | None, fields: dict[str, Any]) -> dict[str, Any]:
    """Two proposals of one batch for the same entry: later scalars win, lists are joined."""
    if previous is None:
        return dict(fields)
    combined = dict(previous)
    for name, value in fields.items():
        if name in LIST_FIELDS:
            combined[name] = _list_union(name, combined.get(name), value)
        else:
            combined[name] = value
    return combined


def _merge_into(
    key: str, current: dict[str, Any], fields: dict[str, Any], names: list[str], by: _Upsert
) -> dict[str, Any]:
    """The merged entry (a new dict; `current` is not modified).

    `names` are names the entry must keep answering to (the proposed key and
    canonical name, the old canonical name); those it lost or never had become
    aliases. `by` names the agent that owns what it sets and the time stamp.
    """
    entry = copy.deepcopy(current)
    owners: dict[str, Any] = dict(entry["set_by"]) if isinstance(entry.get("set_by"), dict) else {}
    discoverer = entry.get("discovered_by")
    for name, value in fields.items():
        if name in LIST_FIELDS:
            merged = _list_union(name, entry.get(name), value)
            if merged != entry.get(name) and (merged or name in entry):
                entry[name] = merged
            continue
        old = entry.get(name)
        if old == value:
            continue
        owner = owners.get(name, discoverer)
        if old is not None and isinstance(owner, str) and not _same_agent(owner, by.agent):
            by.conflicts.append(
                GlossaryConflict(
                    key=key,
                    field=name,
                    owner=owner,
                    current=old,
                    proposed=value,
                    note=f"kept the value {owner} set; only its owner changes a field, "
                    "so mention your view in your own report instead",
                )
            )
            continue
        entry[name] = value
        if _same_agent(discoverer, by.agent):
            owners.pop(name, None)
        else:
            owners[name] = by.agent
        if name == "risk_level":
            history = entry.get("risk_history")
            history = list(history) if isinstance(history, list) else []
            history.append({"level": value, "previous": old, "by": by.agent, "at": by.now})
            entry["risk_history"] = history
    lost = _identity_aliases(key, entry, names)
    if lost:
        entry["aliases"] = _union(entry.get("aliases"), lost, _alias_form)
    if owners:
        entry["set_by"] = owners
    else:
        entry.pop("set_by", None)
    if entry != current:
        entry["updated_at"] = by.now
        entry["updated_by"] = by.agent
    return entry


def _identity_aliases(key: str, entry: Mapping[str, Any], proposed: list[str]) -> list[str]:
    """Proposed names the entry is not known by yet (exact forms)."""
    known = _full_forms(names_of(key, entry))
    new: list[str] = []
    for name in proposed:
        form = normalized(name)
        if form and form not in known:
            known.add(form)
            new.append(name)
    return new


def merge(
    document: Mapping[str, Any],
    proposals: Mapping[str, Mapping[str, Any]],
    agent: str,
    now: str,
) -> tuple[dict[str, Any], MergeOutcome]:
    """Merge `proposals` by `agent` into `document` (not modified); returns the new document.

    First every proposal is matched to its target entry (earlier proposals of the batch
    count, so they can be matched too); proposals for the same target are combined and
    each target is merged once, which keeps a repeated upsert a no-op.
    """
    result = dict(document)
    section_in = document.get("integrations")
    section: dict[str, Any] = dict(section_in) if isinstance(section_in, Mapping) else {}
    index = NameIndex(section)
    outcome = MergeOutcome()
    by = _Upsert(agent, now, outcome.conflicts)
    targets: dict[str, dict[str, Any]] = {}
    names: dict[str, list[str]] = {}
    for proposed_key, raw in proposals.items():
        fields = _proposal(raw)
        matches = index.lookup(proposed_key, fields)
        key = matches[0] if matches else proposed_key
        if len(matches) > 1:
            outcome.conflicts.append(
                GlossaryConflict(
                    key=key,
                    field=IDENTITY,
                    proposed=proposed_key,
                    note=f"{proposed_key!r} also matches {', '.join(map(repr, matches[1:]))}; "
                    f"merged into {key!r}. Use the exact key to pick another entry.",
                )
            )
        if key != proposed_key:
            outcome.matched[proposed_key] = key
        own_names = names_of(proposed_key, fields)
        index.add(key, {"aliases": own_names})
        targets[key] = _combine(targets.get(key), fields)
        canonical = fields.get("canonical_name")
        names.setdefault(key, []).extend([proposed_key, *([canonical] if canonical else [])])
    for key, fields in targets.items():
        current = section.get(key)
        if current is None:
            created = _merge_into(key, {"discovered_by": agent}, fields, names[key], by)
            section[key] = _seed_ordered(created)
            outcome.created.append(key)
            continue
        canonical = current.get("canonical_name")
        also = [canonical] if isinstance(canonical, str) else []
        merged = _merge_into(key, current, fields, [*names[key], *also], by)
        if merged == current:
            outcome.unchanged.append(key)
        else:
            section[key] = merged
            outcome.updated.append(key)
    result["integrations"] = section
    return result, outcome
