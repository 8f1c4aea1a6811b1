"""One answer to "does this file run in production?", shared by the scan (test code) and the
call-site analysis (which also leaves out migrations and deployment files)."""

from __future__ import annotations

import pytest

from integration_risk.scan.testcode import is_runtime_code, is_test_path


@pytest.mark.parametrize(
    "path",
    [
        "app/services/payment.rb",
        "src/Data/Repository.cs",
        "internal/build/client.go",  # `build/` holds source in many repositories
        "lib/deployer.ex",
        "src/docker_client.py",
        "config/environments/production.rb",
        "src/main/resources/application.yml",
        "appsettings.json",
    ],
)
def test_application_code_is_runtime(path: str) -> None:
    assert is_runtime_code(path)


@pytest.mark.parametrize(
    ("path", "test_code"),
    [
        ("tests/test_pay.py", True),
        ("src/Tests/DbTests.cs", True),
        ("pkg/api/client_test.go", True),
        ("src/test_utils/fake_stripe.py", True),
        ("scripts/backfill.py", True),
        ("docs/examples/send.js", True),
        # named or configured here, called nowhere
        ("db/migrate/20240101_create_users.rb", False),
        ("src/Migrations/20250101_Init.Designer.cs", False),
        ("docker/entrypoint.sh", False),
        ("deploy/helm/values.yaml", False),
        (".devcontainer/setup.sh", False),
        ("docker-compose.override.yml", False),
        ("dist/bundle.js", False),
        ("config/environments/development.rb", False),
        ("src/main/resources/application-dev.yml", False),
        ("appsettings.Development.json", False),
    ],
)
def test_tests_tooling_migrations_and_deployment_are_not_runtime(
    path: str, test_code: bool
) -> None:
    assert not is_runtime_code(path)
    # only tests, tooling and docs are test code for the scan: a migration still shows
    # which database the app uses
    assert is_test_path(path) is test_code
