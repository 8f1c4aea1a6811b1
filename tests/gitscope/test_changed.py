"""changed_integrations on fixture repositories: the exact changed set per kind of change."""

from __future__ import annotations

import git

from integration_risk import api
from integration_risk.models.change import ChangeScope
from tests.gitscope.conftest import Commit, root_of


def ids(scope: ChangeScope) -> tuple[list[str], list[str], list[str]]:
    return (
        [i.id for i in scope.added],
        [i.id for i in scope.removed],
        [i.id for i in scope.changed],
    )


def test_no_change_touches_nothing(repo: git.Repo) -> None:
    scope = api.changed_integrations(root_of(repo), "main")
    assert ids(scope) == ([], [], [])
    assert scope.files_changed == 0 and scope.inspect_first == []
    assert scope.head == "feature" and scope.merge_base == scope.base_commit


def test_new_dependency_is_added(repo: git.Repo, commit: Commit) -> None:
    commit(
        {
            "requirements.txt": "flask==3.0\nstripe==8.0\nsendgrid==6.0\n",
            "app/mail.py": "import sendgrid\n\nclient = sendgrid.SendGridAPIClient()\n",
        },
        "send mail",
    )
    scope = api.changed_integrations(root_of(repo), "main")
    assert ids(scope) == (["sendgrid"], [], [])
    evidence = scope.added[0].evidence
    assert "+app/mail.py:1 import: import sendgrid" in evidence
    assert "+requirements.txt:3 dependency: sendgrid==6.0" in evidence
    assert scope.inspect_first[0].startswith("app/mail.py:3 sendgrid client:")
    assert {f.path: f.status for f in scope.files} == {
        "app/mail.py": "added",
        "requirements.txt": "modified",
    }


def test_new_env_var_adds_its_provider(repo: git.Repo, commit: Commit) -> None:
    commit(
        {"app/sms.py": "import os\n\nSID = os.environ['TWILIO_ACCOUNT_SID']\n"},
        "configure sms",
    )
    scope = api.changed_integrations(root_of(repo), "main")
    assert ids(scope) == (["twilio"], [], [])
    assert scope.added[0].evidence == ["+app/sms.py:3 env: SID = os.environ['TWILIO_ACCOUNT_SID']"]


def test_removed_integration_and_changed_evidence_line(repo: git.Repo, commit: Commit) -> None:
    commit(
        {
            "app/cache.py": None,
            "requirements.txt": "flask==3.0\nstripe==9.0\n",
        },
        "drop cache, upgrade the stripe SDK",
    )
    scope = api.changed_integrations(root_of(repo), "main")
    assert ids(scope) == ([], ["redis"], ["stripe"])
    assert scope.removed[0].evidence == [
        "-app/cache.py:3 client: client = redis.Redis()",
        "-app/cache.py:1 import: import redis",
    ]
    moved = scope.changed[0].evidence
    assert moved == [
        "+requirements.txt:2 dependency: stripe==9.0",
        "-requirements.txt:2 dependency: stripe==8.0",
    ]
    assert scope.changed[0].reason == "evidence lines changed"


def test_wrapper_change_reaches_the_integrations_behind_it(repo: git.Repo, commit: Commit) -> None:
    # routes -> payments -> http: changing the http wrapper touches what it calls,
    # and the route module that imports payments reaches stripe.
    commit(
        {
            "app/http.py": "import requests\n\n\ndef get(url):\n    return requests.get(url, timeout=5)\n"
        },
        "timeout in the wrapper",
    )
    scope = api.changed_integrations(root_of(repo), "main")
    added, removed, changed = ids(scope)
    assert (added, removed) == ([], [])
    assert "stripe" not in changed  # http.py does not import stripe, it is imported by it
    commit(
        {
            "app/routes.py": (
                BASE_FILES_ROUTES + "\n\n@app.route('/health')\ndef health():\n    return 'ok'\n"
            )
        },
        "health route",
    )
    scope = api.changed_integrations(root_of(repo), "main")
    stripe = next(c for c in scope.changed if c.id == "stripe")
    assert stripe.reason == "a module reaching it changed"
    assert stripe.via_modules == ["app/routes.py"]


def test_change_beside_the_evidence_is_named_so(repo: git.Repo, commit: Commit) -> None:
    commit(
        {
            "app/payments.py": (
                "import stripe\nfrom app import http\n\n\ndef charge():\n"
                "    return stripe.PaymentIntent.create(amount=100, idempotency_key='k')\n"
            )
        },
        "idempotent charge",
    )
    scope = api.changed_integrations(root_of(repo), "main")
    stripe = next(c for c in scope.changed if c.id == "stripe")
    assert stripe.reason == "code in a file holding its evidence changed"
    assert stripe.via_modules == ["app/payments.py"]


BASE_FILES_ROUTES = (
    "from flask import Flask\nfrom app import payments\n\napp = Flask(__name__)\n\n"
    "@app.route('/pay')\ndef pay():\n    return payments.charge()\n"
)


def test_uncommitted_changes_count_unless_excluded(repo: git.Repo) -> None:
    root = root_of(repo)
    (root / "app" / "queue.py").write_text("import pika\n\nconn = pika.BlockingConnection()\n")
    with_dirty = api.changed_integrations(root, "main")
    assert ids(with_dirty) == (["rabbitmq"], [], [])
    committed = api.changed_integrations(root, "main", include_uncommitted=False)
    assert ids(committed) == ([], [], [])
    assert committed.include_uncommitted is False


def test_subdirectory_path_limits_the_scope(repo: git.Repo, commit: Commit) -> None:
    commit(
        {
            "app/mail.py": "import sendgrid\n",
            "tools/sms.py": "import os\nSID = os.environ['TWILIO_ACCOUNT_SID']\n",
        },
        "two places",
    )
    scope = api.changed_integrations(root_of(repo), "main", path="app")
    assert [f.path for f in scope.files] == ["app/mail.py"]
    assert "twilio" not in ids(scope)[0]


def test_deleting_files_the_walk_never_reads_removes_nothing(
    repo: git.Repo, commit: Commit
) -> None:
    """A minified bundle, a lockfile or a package in a manifest's vendor-dir is not scanned on
    disk; deleted, its blob at the base must not be scanned either ("removed" otherwise)."""
    repo.git.checkout("main")
    commit(
        {
            "composer.json": (
                '{"require": {"acme/sdk": "^1"}, "config": {"vendor-dir": "libs"}}\n'
            ),
            "libs/acme/sdk/src/Client.php": (
                "<?php\n$base = 'https://api.twilio.com/2010-04-01';\n"
                "$client = new \\GuzzleHttp\\Client();\n$client->post($base);\n"
            ),
            "public/app.min.js": 'fetch("https://api.sendgrid.com/v3/mail/send",{method:"POST"});\n',
        },
        "vendored code and a bundle",
    )
    repo.git.checkout("feature")
    repo.git.merge("main")
    commit({"libs/acme/sdk/src/Client.php": None, "public/app.min.js": None}, "drop them")
    scope = api.changed_integrations(root_of(repo), "main")
    assert ids(scope) == ([], [], [])
