"""General rules found on the twelfth round of never-seen repositories (Go, Python,
Java), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

from tests.scan.trees import scan, write


def test_acme_client_packages_are_lets_encrypt(tmp_path: Path) -> None:
    # the PyPI `acme` package (certbot's ACME client) and Go's foomo/simplecert talk to an ACME CA
    write(tmp_path / "py", {"requirements.txt": "flask\nacme==2.9.0\n"})
    assert "letsencrypt" in scan(tmp_path / "py")
    write(
        tmp_path / "go",
        {
            "go.mod": "module example.com/status\n\ngo 1.21\n\nrequire github.com/foomo/simplecert v1.7.5\n",
            "server.go": 'package main\n\nimport "github.com/foomo/simplecert"\n\n'
            "func tls() { cfg := simplecert.Default; _ = cfg }\n",
        },
    )
    assert "letsencrypt" in scan(tmp_path / "go")


def test_an_error_reporter_imported_next_to_a_call_is_not_its_target(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "sentry-sdk\nrequests\n",
            "app/dns_zones.py": "import requests\nfrom sentry_sdk import capture_exception\n\n\n"
            "def get_zones(base_uri, path):\n    try:\n"
            '        resp = requests.get(f"{base_uri}{path}", timeout=5)\n'
            "    except Exception as e:\n        capture_exception(e)\n        raise\n"
            "    return resp.json()\n",
        },
    )
    found = scan(tmp_path)
    assert ("app/dns_zones.py", 7) not in {(e.path, e.line) for e in found["sentry"].evidence}
    assert ("app/dns_zones.py", 7) in {(e.path, e.line) for e in found["dns-zones"].evidence}
