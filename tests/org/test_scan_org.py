"""scan-org: sources, one task per repository, order-independent merge, resume, failures."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from integration_risk.cli import app
from integration_risk.errors import InvalidInput, PathNotFound
from integration_risk.models.org import RepoIntegration, RepoResult
from integration_risk.models.report_common import level_of
from integration_risk.org import engine, expand_sources, output, scan_org
from integration_risk.org.inventory import Inventory

SNIPPETS = [
    "import stripe\nstripe.PaymentIntent.create(amount=1)\n",
    "import redis\nclient = redis.Redis(host='cache')\n",
    "import boto3\ns3 = boto3.client('s3')\n",
    "from sendgrid import SendGridAPIClient\n",
    "import psycopg2\nconn = psycopg2.connect(dsn)\n",
]


def make_org(base: Path, count: int = 20) -> Path:
    """`count` small git checkouts, each using a different mix of integrations."""
    org = base / "org"
    for n in range(count):
        repo = org / f"svc-{n:02d}"
        repo.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        for k, snippet in enumerate(SNIPPETS):
            if (n >> k) & 1 or k == n % len(SNIPPETS):
                (repo / f"mod{k}.py").write_text(snippet)
    return org


def inventory_json(out: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((out / "inventory.json").read_text())
    return data


def test_a_folder_of_checkouts_is_each_checkout(tmp_path: Path) -> None:
    org = make_org(tmp_path, 3)
    specs = expand_sources([str(org)])
    assert [Path(s.source).name for s in specs] == ["svc-00", "svc-01", "svc-02"]


def test_a_list_file_names_paths_relative_to_itself_and_urls(tmp_path: Path) -> None:
    make_org(tmp_path, 2)
    listing = tmp_path / "repos.txt"
    listing.write_text("# services\norg/svc-00\n\nhttps://example.invalid/a/b.git\n")
    specs = expand_sources([str(listing)])
    by_source = {s.source: s for s in specs}
    assert by_source["https://example.invalid/a/b.git"].url == "https://example.invalid/a/b.git"
    assert by_source[str((tmp_path / "org" / "svc-00").resolve())].url is None


def test_missing_source_and_option_like_url_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PathNotFound, match="does not exist"):
        expand_sources([str(tmp_path / "nowhere")])
    listing = tmp_path / "repos.txt"
    listing.write_text("-oProxyCommand=touch@host:x\n")
    with pytest.raises(InvalidInput, match="refusing git URL"):
        expand_sources([str(listing)])


def test_broken_repositories_are_reported_and_do_not_stop_the_run(tmp_path: Path) -> None:
    org = make_org(tmp_path, 2)
    listing = tmp_path / "repos.txt"
    listing.write_text(f"{org / 'svc-00'}\n{tmp_path / 'gone'}\nfile://{tmp_path}/no-such.git\n")
    run = scan_org([str(listing)], tmp_path / "out", sequential=True, clone_dir=tmp_path / "c")
    assert len(run.scanned) == 1 and len(run.failed) == 2
    repos = {r["source"]: r for r in inventory_json(tmp_path / "out")["repos"]}  # type: ignore[union-attr, index]
    assert "PathNotFound" in repos[str(tmp_path / "gone")]["error"]
    assert repos[f"file://{tmp_path}/no-such.git"]["error"].startswith("GitCommandError")
    assert "stripe" in repos[str(org / "svc-00")]["integrations"]
    assert "Not scanned" in (tmp_path / "out" / "ORG_INTEGRATIONS.md").read_text()


def test_resume_does_no_repeated_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = make_org(tmp_path, 20)
    out = tmp_path / "out"
    first = scan_org([str(org)], out, sequential=True)
    assert len(first.scanned) == 20
    calls: list[str] = []
    real = engine.scan_repo

    def counting(spec: object, *args: object) -> RepoResult:
        calls.append(str(spec))
        return real(spec, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "scan_repo", counting)
    again = scan_org([str(org)], out, sequential=True, resume=True)
    assert calls == [] and len(again.resumed) == 20
    assert inventory_json(out) == json.loads(json.dumps(first.inventory.as_json()))
    (org / "svc-20").mkdir()
    (org / "svc-20" / ".git").mkdir()
    (org / "svc-20" / "app.py").write_text("import stripe\n")
    scan_org([str(org)], out, sequential=True, resume=True)
    assert len(calls) == 1 and "svc-20'" in calls[0]


def test_glossary_gets_one_entry_per_integration(tmp_path: Path) -> None:
    org = make_org(tmp_path, 4)
    scan_org([str(org)], tmp_path / "out", sequential=True)
    glossary = json.loads((tmp_path / "out" / "glossary.json").read_text())
    stripe = next(e for e in glossary["integrations"].values() if "stripe" in e["aliases"])
    assert stripe["risk_level"] == "critical"
    assert stripe["discovered_by"] == "integration-risk-scan-org"


def test_org_glossary_levels_agree_with_the_reports(tmp_path: Path) -> None:
    """A criticality-4 category (cdn) is `medium` in the org glossary, as `level_of`
    makes it in a per-repository risk report: both write the same glossary."""
    found = [
        RepoIntegration(id=i, name=i, category=c, confidence=0.9, evidence=1, in_catalog=True)
        for i, c in (("cloudflare", "cdn"), ("stripe", "payment"), ("mixpanel", "analytics"))
    ]
    inventory = Inventory.of([RepoResult(path="/r/a", source="/r/a", integrations=found)])
    glossary = json.loads(output.write_glossary(tmp_path, inventory).read_text())
    levels = {e["aliases"][0]: e["risk_level"] for e in glossary["integrations"].values()}
    expected = {row.id: level_of(row.criticality) for row in inventory.integrations()}
    assert levels == expected == {"cloudflare": "medium", "stripe": "critical", "mixpanel": "low"}


@pytest.mark.slow
def test_two_dask_workers_give_the_sequential_inventory(tmp_path: Path) -> None:
    org = make_org(tmp_path, 20)
    scan_org([str(org)], tmp_path / "seq", sequential=True)
    scan_org([str(org)], tmp_path / "dask", workers=2)
    assert inventory_json(tmp_path / "dask") == inventory_json(tmp_path / "seq")
    assert len(inventory_json(tmp_path / "seq")["repos"]) == 20  # type: ignore[arg-type]


def test_shallow_clone_of_a_git_url(tmp_path: Path) -> None:
    import git

    upstream = tmp_path / "upstream"
    repo = git.Repo.init(upstream)
    (upstream / "pay.py").write_text(SNIPPETS[0])
    repo.index.add(["pay.py"])
    repo.index.commit("first")
    url = f"file://{upstream}"
    run = scan_org([url], tmp_path / "out", sequential=True, clone_dir=tmp_path / "clones")
    assert run.failed == [] and run.scanned == [url]
    (result,) = run.inventory.repos.values()
    assert Path(result.path).parent == tmp_path / "clones"
    assert [i.id for i in result.integrations] == ["stripe"]


def test_cli_prints_counts_and_where_the_inventory_is(tmp_path: Path) -> None:
    org = make_org(tmp_path, 2)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["scan-org", str(org), "--out", str(out), "--sequential"])
    assert result.exit_code == 0, result.output
    assert "2 scanned, 0 resumed, 0 failed" in result.output
    assert (out / "ORG_INTEGRATIONS.md").exists()


def _result(path: str, ids: list[str], error: str | None) -> RepoResult:
    found = [
        RepoIntegration(
            id=i, name=i, category="database", confidence=0.9, evidence=1, in_catalog=True
        )
        for i in ids
    ]
    return RepoResult(path=path, source=path, integrations=found, error=error)


results = st.builds(
    _result,
    st.sampled_from(["/r/a", "/r/b", "/r/c"]),
    st.lists(st.sampled_from(["postgresql", "redis", "stripe"]), unique=True),
    st.one_of(st.none(), st.just("boom")),
)
inventories = st.lists(results, max_size=5).map(Inventory.of)


@given(inventories, inventories, inventories)
def test_merge_is_associative_and_commutative(a: Inventory, b: Inventory, c: Inventory) -> None:
    assert a.merge(b).as_json() == b.merge(a).as_json()
    assert a.merge(b).merge(c).as_json() == a.merge(b.merge(c)).as_json()
