"""examples/shop stays what EXPECTED.md and labels.yaml say it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

SHOP = Path(__file__).resolve().parent.parent / "examples" / "shop"
LABELS = yaml.safe_load((SHOP / "labels.yaml").read_text(encoding="utf-8"))
EVIDENCE = [(item["id"], ref) for item in LABELS["integrations"] for ref in item["evidence"]]


@pytest.mark.parametrize(("provider", "ref"), EVIDENCE, ids=[f"{p}:{r}" for p, r in EVIDENCE])
def test_label_evidence_points_at_code(provider: str, ref: str) -> None:
    path, line = ref.rsplit(":", 1)
    lines = (SHOP / path).read_text(encoding="utf-8").splitlines()
    assert 1 <= int(line) <= len(lines), ref
    assert lines[int(line) - 1].strip(), f"{ref} is a blank line"


def test_expected_md_lists_the_same_integrations_and_evidence() -> None:
    text = (SHOP / "EXPECTED.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| ([a-z0-9][a-z0-9-]*) \| [a-z-]+ \| (.+?) \|", text, re.M)
    rows = [row for row in table if row[0] != "id"]  # skip the header
    assert {row[0] for row in rows} == {item["id"] for item in LABELS["integrations"]}
    for provider, evidence in rows:
        refs = set(re.findall(r"([\w./-]+:\d+)", evidence))
        labelled = {ref for pid, ref in EVIDENCE if pid == provider}
        assert labelled <= refs, f"{provider}: EXPECTED.md misses {labelled - refs}"


def test_file_count_in_labels_is_current() -> None:
    # .claude/ is what the README's main command writes there (gitignored), not the app.
    app_files = [p for p in SHOP.rglob("*") if ".claude" not in p.relative_to(SHOP).parts]
    assert LABELS["files"] == sum(1 for p in app_files if p.is_file())


def test_env_example_holds_placeholders_only() -> None:
    secret_key = re.compile(r"(KEY|SECRET|PASSWORD|TOKEN)")
    for line in (SHOP / ".env.example").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, value = line.split("=", 1)
        if secret_key.search(key):
            assert re.search(r"replace[-_]me|change-me", value), f"{key} looks like a real value"


def test_compose_runs_the_backing_services() -> None:
    compose = yaml.safe_load((SHOP / "docker-compose.yml").read_text(encoding="utf-8"))
    images = {svc.get("image", "").split(":")[0] for svc in compose["services"].values()}
    assert {"postgres", "redis"} <= images


def test_both_languages_are_present() -> None:
    assert list((SHOP / "backend").rglob("*.py"))
    assert list((SHOP / "notifier").rglob("*.ts"))


def test_scan_of_the_example_finds_exactly_its_labelled_integrations() -> None:
    from integration_risk import api

    labels = yaml.safe_load((SHOP / "labels.yaml").read_text())
    wanted = {lab["id"]: {lab["id"], *lab.get("aliases", [])} for lab in labels["integrations"]}
    result = api.scan(SHOP, ".", use_cache=False)
    reported = {i.id: {i.id, *i.aliases} for i in result.integrations}
    unmatched = [
        rid for rid, names in reported.items() if not any(names & w for w in wanted.values())
    ]
    missed = [lid for lid, names in wanted.items() if not any(names & r for r in reported.values())]
    assert missed == [] and unmatched == []
