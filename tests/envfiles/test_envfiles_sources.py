"""Discovery, safe reading and the non-dotenv sources, through read_env_files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.envfiles.reading import MAX_BYTES
from integration_risk.errors import OutsideRoot
from integration_risk.models.env import EnvReport


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def key(report: EnvReport, name: str) -> dict[str, object]:
    found = [k for k in report.as_json()["keys"] if k["name"] == name]
    assert found, f"{name} not in report"
    return found[0]


def test_discovers_dotenv_variants_even_when_gitignored(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", ".env*\n*.env\n")
    for rel in (".env", ".env.local", ".env.production", "config/app.env", ".envrc"):
        write(tmp_path, rel, f"K_{rel.strip('.').replace('/', '_').replace('.', '_').upper()}=1\n")
    write(tmp_path, ".env.ts", "export const x = 1\n")  # code, not an env file
    write(tmp_path, "node_modules/pkg/.env", "VENDORED=1\n")
    report = api.read_env_files(tmp_path)
    assert sorted(f.path for f in report.files) == [
        ".env",
        ".env.local",
        ".env.production",
        ".envrc",
        "config/app.env",
    ]


def test_compose_environment_and_env_file(tmp_path: Path) -> None:
    write(tmp_path, "deploy/web.env", "SMTP_HOST=smtp.example.com\n")
    write(
        tmp_path,
        "deploy/docker-compose.yml",
        (
            "services:\n"
            "  web:\n"
            "    environment:\n"
            "      DATABASE_URL: postgres://app:Sx9Lk2Pq7@db:5432/app\n"
            "      PASSTHROUGH:\n"
            "      API_BASE: ${API_BASE_URL}\n"
            "    env_file: web.env\n"
            "  worker:\n"
            "    environment:\n"
            "      - QUEUE=jobs\n"
            "      - HOST_VAR\n"
        ),
    )
    report = api.read_env_files(tmp_path)
    db = key(report, "DATABASE_URL")["defined"][0]  # type: ignore[index]
    assert db["at"] == "deploy/docker-compose.yml:4" and db["host"] == "db"
    assert key(report, "QUEUE")["defined"][0]["value"] == "jobs"  # type: ignore[index]
    assert key(report, "SMTP_HOST")["defined"][0]["at"] == "deploy/web.env:1"  # type: ignore[index]
    undefined = {u.name for u in report.used_but_undefined}
    assert {"PASSTHROUGH", "API_BASE_URL", "HOST_VAR"} <= undefined
    assert "Sx9Lk2" not in report.model_dump_json()


def test_compose_env_file_outside_root_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, "repo/compose.yaml", "services:\n  a:\n    env_file: ../outside.env\n")
    write(tmp_path, "outside.env", "LEAK=1\n")
    report = api.read_env_files(tmp_path / "repo")
    assert not report.keys and "outside the project root" in report.problems[0].message


def test_kubernetes_configmap_secret_and_deployment_env(tmp_path: Path) -> None:
    write(
        tmp_path,
        "k8s/app.yaml",
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LOG_LEVEL: info\n"
            "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n"
            "  DB_PASS: cGxhaW53b3Jk\nstringData:\n  API_TOKEN: Vb5Nm8Qw2Er4\n"
            "---\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n"
            "      containers:\n        - name: app\n          env:\n"
            '            - name: FEATURE_FLAG\n              value: "on"\n'
            "            - name: FROM_SECRET\n              valueFrom:\n"
            "                secretKeyRef: {name: s, key: DB_PASS}\n"
        ),
    )
    report = api.read_env_files(tmp_path)
    assert key(report, "LOG_LEVEL")["defined"][0]["source"] == "k8s-configmap"  # type: ignore[index]
    secret = key(report, "DB_PASS")["defined"][0]  # type: ignore[index]
    assert secret["kind"] == "secret" and secret["source"] == "k8s-secret"
    assert key(report, "API_TOKEN")["defined"][0]["kind"] == "secret"  # type: ignore[index]
    assert key(report, "FEATURE_FLAG")["defined"][0]["value"] == "on"  # type: ignore[index]
    assert key(report, "FROM_SECRET")["defined"][0]["kind"] == "reference"  # type: ignore[index]
    dumped = report.model_dump_json()
    assert "cGxhaW" not in dumped and "plainword" not in dumped and "Vb5Nm8" not in dumped


def test_helm_values_env_list(tmp_path: Path) -> None:
    write(tmp_path, "chart/values.yaml", "image: app\nenv:\n  - name: CACHE_TTL\n    value: '60'\n")
    report = api.read_env_files(tmp_path)
    assert key(report, "CACHE_TTL")["defined"][0]["source"] == "helm"  # type: ignore[index]


def test_invalid_yaml_reports_line_without_text(tmp_path: Path) -> None:
    write(
        tmp_path, "docker-compose.yml", 'services:\n  a:\n    environment:\n      K: "Qz8Xc3Vb5 \n'
    )
    report = api.read_env_files(tmp_path)
    assert report.problems and "text not shown" in report.problems[0].message
    assert "Qz8Xc3" not in report.model_dump_json()


def test_procfile_and_systemd(tmp_path: Path) -> None:
    write(tmp_path, "Procfile", "web: WEB_CONCURRENCY=3 gunicorn app -b 0.0.0.0:$PORT\n")
    write(
        tmp_path,
        "deploy/app.service",
        ('[Service]\nEnvironment=RUST_LOG=info "APP_MODE=batch job"\nExecStart=/bin/app $EXTRA\n'),
    )
    report = api.read_env_files(tmp_path)
    assert key(report, "WEB_CONCURRENCY")["defined"][0]["at"] == "Procfile:1"  # type: ignore[index]
    assert key(report, "APP_MODE")["defined"][0]["value"] == "batch job"  # type: ignore[index]
    assert {"PORT", "EXTRA"} <= {u.name for u in report.used_but_undefined}


def test_symlinked_env_outside_root_is_refused(tmp_path: Path) -> None:
    outside = write(tmp_path, "outside/.env", "LEAKED_KEY=Mk3Nb8Vc1Xz7\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".env").symlink_to(outside)
    report = api.read_env_files(repo)
    assert not report.keys
    assert (
        report.skipped[0].path == ".env" and "outside the project root" in report.skipped[0].reason
    )
    with pytest.raises(OutsideRoot):
        api.read_env_files(repo, files=[".env"])


def test_size_cap_and_binary_are_skipped_with_reason(tmp_path: Path) -> None:
    write(tmp_path, ".env.big", "A=" + "x" * (MAX_BYTES + 10) + "\n")
    (tmp_path / ".env.bin").write_bytes(b"KEY=\x00\x01\x02binary")
    report = api.read_env_files(tmp_path)
    reasons = {s.path: s.reason for s in report.skipped}
    assert "cap" in reasons[".env.big"] and reasons[".env.bin"] == "binary file"


def test_explicit_files_only(tmp_path: Path) -> None:
    write(tmp_path, ".env", "A=1\n")
    write(tmp_path, "other/x.env", "B=2\n")
    report = api.read_env_files(tmp_path, files=["other/x.env"])
    assert [k.name for k in report.keys] == ["B"]


def test_cross_checks_and_duplicates(tmp_path: Path) -> None:
    write(tmp_path, ".env.example", "DATABASE_URL=\nSTRIPE_SECRET_KEY=sk_test_xxx\nOLD_ONLY=\n")
    write(
        tmp_path,
        ".env.production",
        "DATABASE_URL=postgres://db/app\nSTRIPE_SECRET_KEY=a\nNEW_ONLY=1\nNEW_ONLY=2\n",
    )
    write(tmp_path, ".env.local", "LOCAL_ONLY=1\n")
    write(
        tmp_path,
        "src/app.ts",
        "const u = process.env.DATABASE_URL;\n"
        "const m = process.env.MISSING_VAR;\nconst h = process.env.HOME;\n",
    )
    report = api.read_env_files(tmp_path)
    assert [(u.name, u.first_read) for u in report.used_but_undefined] == [
        ("MISSING_VAR", "src/app.ts:2")
    ]
    assert (
        "NEW_ONLY" in report.defined_but_unused and "DATABASE_URL" not in report.defined_but_unused
    )
    drift = {(d.env_file, d.template): d for d in report.drift}
    prod = drift[(".env.production", ".env.example")]
    assert prod.missing_from_template == ["NEW_ONLY"] and prod.missing_from_env == ["OLD_ONLY"]
    local = drift[(".env.local", ".env.example")]
    assert local.missing_from_template == ["LOCAL_ONLY"] and local.missing_from_env == []
    assert any(
        "NEW_ONLY is defined again" in p.message and p.at == ".env.production:4"
        for p in report.problems
    )
    db = key(report, "DATABASE_URL")
    assert db["reads"] == 1 and db["first_read"] == "src/app.ts:1"
    assert key(report, "STRIPE_SECRET_KEY")["provider"] == "stripe"


def test_path_must_stay_inside_root(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    with pytest.raises(OutsideRoot):
        api.read_env_files(tmp_path / "repo", "..")


def test_symlinked_directory_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path, "outside/.env", "OUT=1\n")
    (tmp_path / "repo").mkdir()
    os.symlink(tmp_path / "outside", tmp_path / "repo" / "linked")
    assert not api.read_env_files(tmp_path / "repo").keys
