"""The merge rules of update_glossary, on plain JSON (no files)."""

from __future__ import annotations

from typing import Any

from integration_risk.glossary import core, merge, normalized

SEED: dict[str, Any] = {
    "integrations": {
        "StripePayment": {
            "canonical_name": "Stripe Payment Gateway",
            "type": "external-api",
            "discovered_by": "integration-mapper",
            "risk_level": "critical",
            "failure_impact": "Cannot process payments",
        }
    },
    "decisions": {"adr-1": ["keep stripe"]},
}


def test_names_compare_without_case_and_punctuation() -> None:
    assert normalized("Stripe-Payment") == normalized("stripe_payment") == "stripepayment"
    assert core("StripePayment") == core("stripe") == core("Stripe Payment Gateway") == "stripe"
    assert core("Payment Gateway") == "paymentgateway"  # all-generic names keep their words


def test_three_names_of_stripe_make_one_entry() -> None:
    proposals = {
        "stripe": {"category": "payment"},
        "Stripe Payment Gateway": {"evidence": ["app/pay.py:3"]},
        "STRIPE-PAYMENT": {"type": "external-api"},
    }
    doc, out = merge(SEED, proposals, "other-agent", "T1")
    assert list(doc["integrations"]) == ["StripePayment"]
    assert out.updated == ["StripePayment"] and not out.created
    assert out.matched == {
        "stripe": "StripePayment",
        "Stripe Payment Gateway": "StripePayment",
        "STRIPE-PAYMENT": "StripePayment",
    }
    entry = doc["integrations"]["StripePayment"]
    assert entry["aliases"] == ["stripe"]  # the other two already match exactly
    assert entry["evidence"] == ["app/pay.py:3"]


def test_a_batch_never_duplicates_itself() -> None:
    doc, out = merge({}, {"Redis": {"type": "cache"}, "redis": {"risk_level": "low"}}, "a", "T")
    assert list(doc["integrations"]) == ["Redis"]
    assert out.created == ["Redis"] and out.matched == {"redis": "Redis"}
    assert doc["integrations"]["Redis"]["risk_level"] == "low"


def test_other_agents_values_are_kept_and_reported() -> None:
    doc, out = merge(SEED, {"StripePayment": {"risk_level": "low"}}, "other-agent", "T1")
    entry = doc["integrations"]["StripePayment"]
    assert entry["risk_level"] == "critical"
    assert "risk_history" not in entry
    [conflict] = out.conflicts
    assert (conflict.field, conflict.owner, conflict.current, conflict.proposed) == (
        "risk_level",
        "integration-mapper",
        "critical",
        "low",
    )
    assert out.unchanged == ["StripePayment"]
    assert doc == SEED


def test_empty_fields_of_another_agents_entry_are_filled_and_owned() -> None:
    doc, _ = merge(SEED, {"StripePayment": {"category": "payment"}}, "b", "T1")
    entry = doc["integrations"]["StripePayment"]
    assert entry["category"] == "payment"
    assert entry["set_by"] == {"category": "b"}
    assert (entry["updated_by"], entry["updated_at"]) == ("b", "T1")
    # b owns category now: it may change it, the discoverer may not.
    doc2, out2 = merge(doc, {"StripePayment": {"category": "billing"}}, "b", "T2")
    assert doc2["integrations"]["StripePayment"]["category"] == "billing" and not out2.conflicts
    doc3, out3 = merge(doc2, {"StripePayment": {"category": "x"}}, "integration-mapper", "T3")
    assert doc3["integrations"]["StripePayment"]["category"] == "billing"
    assert [c.owner for c in out3.conflicts] == ["b"]


def test_owner_changes_risk_level_and_history_keeps_it() -> None:
    doc, out = merge(SEED, {"StripePayment": {"risk_level": "high"}}, "integration-mapper", "T1")
    entry = doc["integrations"]["StripePayment"]
    assert entry["risk_level"] == "high"
    assert entry["risk_history"] == [
        {"level": "high", "previous": "critical", "by": "integration-mapper", "at": "T1"}
    ]
    doc2, _ = merge(doc, {"StripePayment": {"risk_level": "medium"}}, "integration-mapper", "T2")
    history = doc2["integrations"]["StripePayment"]["risk_history"]
    changes = [(h["previous"], h["level"]) for h in history]
    assert changes == [("critical", "high"), ("high", "medium")]
    assert out.updated == ["StripePayment"]


def test_managed_fields_and_nulls_in_proposals_are_ignored() -> None:
    proposal = {"discovered_by": "mallory", "updated_at": "never", "failure_impact": None}
    doc, out = merge(SEED, {"StripePayment": proposal}, "integration-mapper", "T1")
    assert doc == SEED and out.unchanged == ["StripePayment"]


def test_new_entry_has_provenance_in_seed_order() -> None:
    doc, out = merge(
        {},
        {
            "SendGrid": {
                "failure_impact": "no mail",
                "canonical_name": "SendGrid",
                "risk_level": "low",
                "x-team": {"owner": "ops"},
            }
        },
        "a",
        "T",
    )
    entry = doc["integrations"]["SendGrid"]
    assert list(entry)[:4] == ["canonical_name", "discovered_by", "risk_level", "failure_impact"]
    assert entry["x-team"] == {"owner": "ops"}
    assert entry["risk_history"] == [{"level": "low", "previous": None, "by": "a", "at": "T"}]
    assert out.created == ["SendGrid"]


def test_rename_by_owner_keeps_old_name_as_alias() -> None:
    doc, _ = merge(SEED, {"StripePayment": {"canonical_name": "Stripe"}}, "integration-mapper", "T")
    entry = doc["integrations"]["StripePayment"]
    assert entry["canonical_name"] == "Stripe"
    assert entry["aliases"] == ["Stripe Payment Gateway"]


def test_ambiguous_match_is_reported() -> None:
    base = {"integrations": {"A": {"aliases": ["shared"]}, "B": {"aliases": ["shared"]}}}
    doc, out = merge(base, {"shared": {"type": "db"}}, "a", "T")
    assert doc["integrations"]["A"]["type"] == "db" and "type" not in doc["integrations"]["B"]
    assert [c.field for c in out.conflicts] == ["(identity)"]


def test_input_document_is_not_modified() -> None:
    import copy

    before = copy.deepcopy(SEED)
    merge(SEED, {"StripePayment": {"aliases": ["s"]}, "New": {"type": "x"}}, "q", "T")
    assert before == SEED
