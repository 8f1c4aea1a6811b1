"""One answer to "does this file run in production?", shared by the scan (test code) and the
call-site analysis (which also leaves out migrations and deployment files)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integration_risk.scan.testcode import (
    _TEST_PATH,
    _test_path_match,
    is_runtime_code,
    is_test_path,
)


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


# Path pieces the test-path rules look at, mixed in any case with separators and noise.
_PIECES = (
    "test tests __tests__ spec e2e fixtures data-fixtures testdata test_utils testing mocks "
    "examples docs stories .github .gitlab scripts tools bin/dev dev lib/mix/tasks rel seeds "
    "db prisma Ombi.Core.Tests OrderServiceTests.cs FooIT.java Spec app.json openapi.yaml "
    "x.oas.json install.sh installer-dev.ps1 buildSrc .mvn gradle/wrapper magefile.go src lib "
    "internal pkg app tool smoke-tests perf conftest.py test_a.py a_test.go a.spec.ts "
    ".env.local .env.production crowdin.yml .tx/config Jenkinsfile mockServiceWorker.js"
).split()


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_PIECES),
            st.text(alphabet="aZ_-.9/ tT\n", max_size=6),
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_the_fast_test_path_rule_answers_as_the_regex_does(parts: list[str], upper: bool) -> None:
    """`is_test_path` asks RE2 on ASCII paths without a newline: the same answer as `re`."""
    path = "/".join(p.upper() if upper else p for p in parts)
    assert _test_path_match(path) is (_TEST_PATH.search(path) is not None)
