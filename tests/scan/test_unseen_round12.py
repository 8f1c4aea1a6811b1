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
