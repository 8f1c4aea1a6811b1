"""Review 23: answers that lived in two places and disagreed now come from one."""

from __future__ import annotations

from integration_risk.graph.collect import left_out
from integration_risk.models.scan import Integration
from integration_risk.resilience.modules import _names
from integration_risk.scan.longtail import system_of_url_setting
from integration_risk.scan.outbound import _BROWSER_CODE


def test_a_host_names_its_registrable_label_even_under_a_two_part_suffix() -> None:
    item = Integration.model_validate(
        {
            "id": "api.example.co.uk",
            "name": "api.example.co.uk",
            "category": "http-api",
            "confidence": 0.5,
            "evidence_kinds": ["url"],
            "in_catalog": False,
            "files": 1,
            "evidence_count": 1,
            "aliases": ["www.shop.com.au"],
        }
    )
    assert _names(item) == {"example", "shop"}


def test_vue_settings_name_their_system_like_the_other_front_end_prefixes() -> None:
    assert system_of_url_setting("VUE_APP_RATES_API_URL") == "rates"
    assert system_of_url_setting("REACT_APP_RATES_API_URL") == "rates"
    assert _BROWSER_CODE.search("const base = process.env.VUE_APP_RATES_API_URL;")
    # server code of a Next.js app reads NEXT_PUBLIC_ settings too: not browser code by that
    assert not _BROWSER_CODE.search("const base = process.env.NEXT_PUBLIC_APP_URL;")


def test_the_graph_leaves_out_what_does_not_run_in_production() -> None:
    for path in (
        "src/__fixtures__/user.ts",
        "db/migrate/20240101_users.rb",
        "deploy/seed.py",
        "tests/test_app.py",
    ):
        assert left_out(path), path
    assert not left_out("src/app/server.ts")


def test_every_per_file_cache_is_stamped_with_the_whole_package_version(tmp_path: object) -> None:
    """A stamp made of one package's files missed what they import (masking, languages)."""
    from pathlib import Path

    from integration_risk.filecache import code_version
    from integration_risk.graph import cache as graph_cache
    from integration_risk.resilience import cache as resilience_cache
    from integration_risk.resilience import defindex
    from integration_risk.scan import cache as scan_cache

    version = code_version()
    assert graph_cache.VERSION == defindex.VERSION == scan_cache.EXTRACTOR_VERSION == version
    facts = resilience_cache.CallSiteFactsCache(Path(str(tmp_path)), enabled=False)
    assert facts.stamp.startswith(version) and "tree-sitter=" in facts.stamp


def test_one_criticality_per_category_for_every_view() -> None:
    """The scan's order, the org inventory and the baseline report disagreed (cdn 3, 4, 6)."""
    from integration_risk.catalog.constants import CATEGORIES, CATEGORY_CRITICALITY
    from integration_risk.org.criticality import criticality as org_criticality
    from integration_risk.report.baseline import rules

    assert sorted(CATEGORY_CRITICALITY) == sorted(CATEGORIES)
    assert sorted(rules()) == sorted(CATEGORIES)
    for category in CATEGORIES:
        score = CATEGORY_CRITICALITY[category]
        assert 1 <= score <= 10
        assert rules()[category].score == org_criticality(category) == score


def test_the_report_and_the_call_site_analysis_judge_the_same_patterns() -> None:
    from integration_risk.models import callsites, risk

    assert set(callsites.PATTERNS) == set(risk.PATTERNS)
    assert list(risk.ResiliencePatterns.model_fields) == list(risk.PATTERNS)


def test_one_comment_rule() -> None:
    from integration_risk.lines import is_comment_line

    for comment in ("# note", "// note", "/* note", " * @param timeout 30", "<!-- x -->", "; ini"):
        assert is_comment_line(comment), comment
    for code in (
        "#[derive(Debug)]",
        "#!/usr/bin/env python",
        ";(async () => { await import('x') })()",
        "timeout: 30",
        "x = 1 // trailing",
    ):
        assert not is_comment_line(code), code


def test_one_answer_to_is_this_host_local() -> None:
    from integration_risk.scan.urls import is_local_host, is_noise_host

    for host in (
        "localhost",
        "127.0.0.1",
        "10.0.0.5",
        "redis",
        "billing.svc.cluster.local",
        "db.internal",
        "api.local",
    ):
        assert is_local_host(host) and is_noise_host(host), host
    for host in ("api.stripe.com", "8.8.8.8.nip.io"):
        assert not is_local_host(host), host


def test_env_sources_number_lines_as_every_other_reader() -> None:
    from integration_risk.envfiles.dotenv import parse_dotenv
    from integration_risk.envfiles.unitfiles import parse_procfile

    assignments, _, _ = parse_procfile("web: A=1 run --title 'a\x0cb'\nworker: B=2 run\n")
    assert [(a.key, a.line) for a in assignments] == [("A", 1), ("B", 2)]
    found, _ = parse_dotenv("".join(f"KEY_{n}=v\r\n" for n in range(1, 901)))
    assert found[-1].line == 900 and found[0].line == 1


def test_the_call_site_analysis_knows_every_manifest_the_scan_parses(tmp_path: object) -> None:
    from pathlib import Path

    from integration_risk.models.scan import Evidence
    from integration_risk.resilience.sites import find_sites
    from integration_risk.resilience.workspace import Workspace

    root = Path(str(tmp_path))
    evidence = [
        Evidence(path=name, line=2, kind="dependency", snippet='requests = "*"')
        for name in ("Pipfile", "requirements-dev.txt", "app/App.fsproj", "pubspec.yaml")
    ]
    found = find_sites(Workspace(root, use_cache=False), evidence)
    assert sorted(path for path, _ in found.manifests) == sorted(e.path for e in evidence)
    assert "requests" in found.library_words


def test_a_manifest_line_speaks_for_its_own_ecosystem(make_tree: object) -> None:
    """Only manifests name the integration: the default cited for pyproject.toml's line is
    stripe-python's, though a package.json beside it brings stripe-node."""
    from integration_risk.resilience import analyze
    from tests.resilience.builders import scanned

    root = make_tree(  # type: ignore[operator]
        {
            "backend/pyproject.toml": '[project]\nname = "b"\ndependencies = ["stripe>=11.4"]\n',
            "web/package.json": '{\n  "dependencies": {\n    "stripe": "^17.0.0"\n  }\n}\n',
        }
    )
    item = scanned("stripe", [("backend/pyproject.toml", 3), ("web/package.json", 3)], "dependency")
    for evidence, snippet in zip(
        item.evidence, ('"stripe>=11.4"', '"stripe": "^17.0.0"'), strict=True
    ):
        evidence.snippet = snippet
    timeout = analyze(root, [item], use_cache=False)["stripe"].verdicts["timeout"]
    assert "stripe-python" in timeout.reasons[0] and "stripe-node" not in timeout.reasons[0]


def test_a_scan_of_a_project_under_examples_judges_paths_below_it(make_tree: object) -> None:
    from integration_risk import api

    root = make_tree(  # type: ignore[operator]
        {
            "examples/shop/app.py": "import stripe\n\nstripe.Charge.create(amount=1)\n",
            "examples/shop/tests/test_cache.py": "import redis\n\nredis.Redis()\n",
        }
    )
    scoped = {i.id for i in api.scan(root, path="examples/shop").integrations}
    assert "stripe" in scoped and "redis" not in scoped  # its own tests stay tests
    assert not {i.id for i in api.scan(root).integrations}  # from the root: an example


def test_a_database_name_is_shown_for_every_database_scheme_the_catalog_knows() -> None:
    from integration_risk.envfiles.urlshape import url_shape

    for url in (
        "postgis://user:secret@db.example.com:5432/shop",
        "mysql2://user:secret@db.example.com/shop",
        "postgresql+asyncpg://user:secret@db.example.com/shop",
        "valkey://cache.example.com:6379/shop",
    ):
        shape = url_shape(url)
        assert shape is not None and shape.database == "shop", url
        assert "secret" not in shape.model_dump_json()
    shape = url_shape("https://api.example.com/shop")
    assert shape is not None and shape.database is None
