"""Reachability in Python and JS/TS fixtures: known paths, cycles and dynamic imports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.errors import InvalidInput
from integration_risk.graph.facts import Import
from integration_risk.graph.resolve_files import PythonResolver
from integration_risk.models.graph import IntegrationGraph, IntegrationReach
from tests.conftest import TreeBuilder


def by_id(graph: IntegrationGraph) -> dict[str, IntegrationReach]:
    return {row.id: row for row in graph.integrations}


PYTHON_APP = {
    "app/__init__.py": "",
    "app/api/__init__.py": "",
    "app/api/routes.py": (
        "from flask import Flask\n"
        "from app.services import billing_service\n"
        "from ..cache import store\n"
        "app = Flask(__name__)\n\n"
        "@app.route('/pay')\n"
        "def pay():\n"
        "    return billing_service.charge()\n"
    ),
    "app/services/__init__.py": "",
    "app/services/billing_service.py": "from app import billing\n",
    "app/billing.py": "import stripe\n\ndef charge():\n    return stripe.PaymentIntent.create(amount=1)\n",
    "app/cache.py": "import redis\nimport importlib\nstore = redis.Redis()\nplugin = importlib.import_module(name)\n",
    "app/a.py": "from app import b\n",
    "app/b.py": "from app import a\n",
    "worker.py": "from celery import shared_task\nfrom app import cache\n\n@shared_task\ndef job():\n    pass\n",
    "app/mailer.py": "import sendgrid\nclient = sendgrid.SendGridAPIClient()\n",
    "cli.py": "import sendgrid\n\nif __name__ == '__main__':\n    pass\n",
}


def test_python_reachability_paths_and_shares(make_tree: TreeBuilder) -> None:
    root = make_tree(PYTHON_APP)
    graph = api.integration_graph(root)
    rows = by_id(graph)
    stripe = rows["stripe"]
    assert stripe.example_path == [
        "app/api/routes.py",
        "app/services/billing_service.py",
        "app/billing.py",
    ]
    assert stripe.entry_points == 1
    assert stripe.top_entry_points == ["app/api/routes.py:6 http flask/fastapi"]
    # three entry files: the route module, the celery worker and the CLI main
    assert graph.summary.entry_files == 3
    assert stripe.entry_share == pytest.approx(1 / 3, abs=0.001)
    redis = rows["redis"]
    assert redis.entry_points == 2  # the route (relative import) and the worker
    assert redis.entry_kinds == {"http": 1, "worker": 1}
    assert redis.layer == "data" and stripe.layer == "external"
    sendgrid = rows["sendgrid"]
    assert sendgrid.entry_kinds == {"cli": 1}  # mailer.py is imported by nobody
    assert sendgrid.modules_reaching == 2


def test_dynamic_imports_and_cycles_are_unknown_edges_not_crashes(make_tree: TreeBuilder) -> None:
    graph = api.integration_graph(make_tree(PYTHON_APP))
    reasons = {(u.path, u.reason) for u in graph.unknown_edges}
    assert ("app/cache.py", "dynamic") in reasons
    assert graph.summary.cycles == 1
    cycle = [u for u in graph.unknown_edges if u.reason == "cycle"]
    assert cycle and cycle[0].detail == "app/a.py -> app/b.py -> app/a.py"


def test_layers_come_from_evidence(make_tree: TreeBuilder) -> None:
    graph = api.integration_graph(make_tree(PYTHON_APP))
    layers = {layer.layer: layer for layer in graph.layers}
    assert layers["edge"].modules == 3
    assert "app/cache.py" in layers["data"].examples
    assert layers["data"].integrations == ["redis"]
    assert set(layers["external"].integrations) == {"sendgrid", "stripe"}


def test_one_integration_and_paging(make_tree: TreeBuilder) -> None:
    root = make_tree(PYTHON_APP)
    one = api.integration_graph(root, integration_id="redis")
    assert [r.id for r in one.integrations] == ["redis"]
    first = api.integration_graph(root, limit=1)
    assert len(first.integrations) == 1 and first.next_cursor
    second = api.integration_graph(root, limit=5, cursor=first.next_cursor)
    assert first.integrations[0].id not in {r.id for r in second.integrations}
    assert second.layers == [] and second.next_cursor is None
    with pytest.raises(InvalidInput, match="no integration 'nope'"):
        api.integration_graph(root, integration_id="nope")


JS_APP = {
    "package.json": '{"name": "shop", "workspaces": ["packages/*"]}',
    "tsconfig.json": (
        "{\n  // comments and trailing commas are tsconfig's dialect\n"
        '  "compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"],},},\n}\n'
    ),
    "src/server.ts": (
        "import express from 'express'\n"
        "import { charge } from '@/payments/charge'\n"
        "import { send } from '@shop/notify'\n"
        "const app = express()\n"
        "app.post('/checkout', async (req, res) => { await charge(); await send() })\n"
    ),
    "src/payments/charge.ts": "import Stripe from 'stripe'\nimport { log } from '../util/log.js'\nexport const charge = () => new Stripe('k')\n",
    "src/util/log.ts": "import { charge } from '../payments/charge'\nexport const log = () => 1\n",
    "src/jobs/nightly.ts": "import cron from 'node-cron'\nimport { queue } from '../queue'\ncron.schedule('0 0 * * *', () => queue())\n",
    "src/queue.ts": "const name = process.env.PLUGIN\nconst mod = require(name)\nimport { Queue } from 'bullmq'\nexport const queue = () => new Queue('q')\n",
    # fixtures are not the running app: never entry points or modules
    "src/__fixtures__/app.ts": "import express from 'express'\nconst app = express()\napp.get('/x', () => 1)\n",
    "packages/notify/package.json": '{"name": "@shop/notify", "main": "dist/index.js"}',
    "packages/notify/src/index.ts": "import sgMail from '@sendgrid/mail'\nexport const send = () => sgMail.send({})\n",
}


def test_js_tsconfig_aliases_workspaces_cycles_and_dynamic(make_tree: TreeBuilder) -> None:
    graph = api.integration_graph(make_tree(JS_APP))
    rows = by_id(graph)
    assert rows["stripe"].example_path == ["src/server.ts", "src/payments/charge.ts"]
    assert rows["sendgrid"].example_path == ["src/server.ts", "packages/notify/src/index.ts"]
    assert rows["stripe"].entry_kinds == {"http": 1}
    bull = rows["redis"]  # bullmq is a Redis client
    assert bull.entry_kinds == {"scheduled": 1}
    assert graph.summary.cycles == 1  # charge.ts <-> log.ts (imported as log.js)
    assert graph.summary.entry_files == 2 and graph.summary.modules == 6
    dynamic = [u for u in graph.unknown_edges if u.reason == "dynamic"]
    assert [(u.path, u.line) for u in dynamic] == [("src/queue.ts", 2)]


def test_second_run_is_served_from_the_cache(make_tree: TreeBuilder) -> None:
    root = make_tree(JS_APP)
    cold = api.integration_graph(root)
    warm = api.integration_graph(root)
    assert cold.summary.cache_hits == 0
    assert warm.summary.cache_hits == cold.summary.modules
    assert warm.integrations == cold.integrations


def test_mermaid_diagram_names_layers_and_entry_kinds(make_tree: TreeBuilder) -> None:
    root = make_tree(PYTHON_APP)
    text = api.integration_graph_mermaid(root)
    assert text.startswith("flowchart LR\n")
    nodes = dict(re.findall(r'^\s*(n\d+)\["([^"<]*)', text, re.M))
    node_of = {label: node for node, label in nodes.items()}
    assert "HTTP routes (1)" in node_of
    redis = next(node for node, label in nodes.items() if label.lower().startswith("redis"))
    assert f"{node_of['Workers / consumers (1)']} -->|1| {redis}" in text
    assert 'subgraph data_layer["Data"]' in text


def test_mermaid_node_ids_never_collide() -> None:
    from integration_risk.graph.mermaid import render_mermaid
    from integration_risk.models.graph import GraphSummary, IntegrationGraph, IntegrationReach

    def reach(ident: str) -> IntegrationReach:
        return IntegrationReach.model_validate(
            {
                "id": ident,
                "name": ident,
                "category": "http-api",
                "layer": "external",
                "entry_share": 0.5,
                "entry_kinds": {},
                "cascade": [],
                "evidence_modules": 1,
                "modules_reaching": 1,
                "entry_points": 1,
            }
        )

    graph = IntegrationGraph(
        integrations=[reach("~host:a.b"), reach("~host:a-b")],
        summary=GraphSummary.model_validate(
            {
                "files": 1,
                "modules": 1,
                "edges": 0,
                "entry_points": 0,
                "entry_files": 0,
                "unknown_edges": 0,
                "entry_kinds": {},
                "cycles": 0,
                "integrations": 2,
                "seconds": 0.0,
            }
        ),
    )
    text = render_mermaid(graph)
    assert len(re.findall(r"^\s*n\d+\[", text, re.M)) == 2


def test_empty_tree_has_an_empty_graph(tmp_path: Path) -> None:
    graph = api.integration_graph(tmp_path)
    assert graph.integrations == [] and graph.summary.modules == 0


def test_a_bare_python_import_names_a_module_of_an_import_root_only() -> None:
    """Python 3 has no implicit relative import: `import logging` in a package holding its
    own logging.py is the standard library's; a script's directory is an import root."""
    resolver = PythonResolver(
        {
            "src/app/__init__.py",
            "src/app/logging.py",
            "src/app/main.py",
            "jobs/run.py",
            "jobs/store.py",
        }
    )
    assert resolver.resolve("src/app/main.py", Import(1, "logging")) == []
    assert resolver.resolve("src/app/main.py", Import(1, "app.logging")) == ["src/app/logging.py"]
    assert resolver.resolve("jobs/run.py", Import(1, "store")) == ["jobs/store.py"]


def test_a_script_in_a_package_imports_its_siblings(make_tree: TreeBuilder) -> None:
    """`python bot/main.py` puts bot/ first on sys.path, package or not (review 24, F13):
    `import db` is bot/db.py. A module without a `__main__` guard keeps the rule above."""
    root = make_tree(
        {
            "bot/__init__.py": "",
            "bot/main.py": "import db\n\nif __name__ == '__main__':\n    db.ping()\n",
            "bot/db.py": "import redis\n\nstore = redis.Redis()\n\ndef ping():\n    store.ping()\n",
        }
    )
    redis = by_id(api.integration_graph(root))["redis"]
    assert redis.example_path == ["bot/main.py", "bot/db.py"]
    assert redis.entry_points == 1


def test_a_script_does_not_import_a_sibling_named_like_the_stdlib_or_a_declared_package() -> None:
    files = {
        "bot/__init__.py",
        "bot/main.py",
        "bot/app.py",
        "bot/db.py",
        "bot/logging.py",
        "bot/celery.py",
    }
    resolver = PythonResolver(files, scripts={"bot/main.py"}, declared={"celery"})
    assert resolver.resolve("bot/main.py", Import(1, "db")) == ["bot/db.py"]
    assert resolver.resolve("bot/main.py", Import(1, "logging")) == []
    assert resolver.resolve("bot/main.py", Import(1, "celery")) == []
    assert resolver.resolve("bot/app.py", Import(1, "db")) == []  # imported as bot.app
