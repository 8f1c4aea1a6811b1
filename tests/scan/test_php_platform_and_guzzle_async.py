"""PHP: a composer platform requirement on a client extension (`ext-ldap`, `ext-redis`)
names that system, and Guzzle's promise methods (`->postAsync($url)`) are calls, also to
a host on the project's own domain."""

from __future__ import annotations

import json
from pathlib import Path

from integration_risk.scan.calls import http_calls
from integration_risk.scan.manifests.composer import parse
from tests.scan.trees import scan, write


def test_extensions_stay_and_platform_names_go() -> None:
    text = json.dumps(
        {"require": {"php": "^8.2", "ext-ldap": "*", "ext-JSON": "*", "lib-pcre": "*", "a/b": "1"}}
    )
    names = {d.name for d in parse("composer.json", text).dependencies}
    assert names == {"ext-ldap", "ext-json", "a/b"}


def test_a_required_client_extension_names_its_system(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "composer.json": json.dumps(
                {"name": "acme/desk", "require": {"php": "^8.2", "ext-ldap": "*", "ext-gd": "*"}}
            ),
        },
    )
    found = scan(tmp_path)
    assert [(e.path, e.kind) for e in found["ldap"].evidence] == [("composer.json", "dependency")]
    assert set(found) == {"ldap"}


def test_guzzle_promise_methods_are_calls() -> None:
    text = "<?php\n$p = $client->postAsync('https://hooks.vendor-x.io/in', ['json' => $d]);\n"
    assert [c.argument for c in http_calls(text, "php")] == ["'https://hooks.vendor-x.io/in'"]


def test_a_ping_to_the_projects_own_domain_through_a_promise_is_kept(tmp_path: Path) -> None:
    root = tmp_path / "deskflow"
    write(
        root,
        {
            "app/Reports.php": "<?php\nclass Reports {\n  public function send($client, $data) {\n"
            "    return $client->postAsync('https://telemetry.deskflow.io', ['form_params' => $data]);\n"
            "  }\n}\n",
            "app/About.php": "<?php\n// See https://deskflow.io/docs for help\n",
        },
    )
    found = scan(root)
    assert [(e.path, e.line) for e in found["telemetry.deskflow.io"].evidence] == [
        ("app/Reports.php", 4)
    ]
