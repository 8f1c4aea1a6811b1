"""Python manifests: requirements files, pyproject.toml, setup.py, setup.cfg, Pipfile."""

from __future__ import annotations

from integration_risk.scan.manifests import Dependency, ManifestResult, parse_manifest


def triples(result: ManifestResult) -> list[tuple[str, int, bool]]:
    assert result.error is None, result.error
    assert all(d.ecosystem == "pypi" for d in result.dependencies)
    return [(d.name, d.line, d.dev) for d in result.dependencies]


REQUIREMENTS = """# core web stack
-r base.txt
-c constraints.txt
--index-url https://pypi.example.org/simple
Django>=4.2,<5.0  # LTS
psycopg[binary,pool]~=3.1.12
redis==5.0.1 ; python_version >= "3.8"
celery[redis] >= 5.3
Flask_SQLAlchemy==3.1.1
zope.interface
boto3 \\
    --hash=sha256:0123abcd
-e git+https://github.com/acme/billing-client.git@v1.2#egg=Acme_Billing_Client
-e .
-e ./libs/shared
requests @ https://files.example.org/requests-2.31.0-py3-none-any.whl
https://files.example.org/stripe-7.0.0.tar.gz#egg=stripe
./vendor/local_pkg
   sentry-sdk>=1.40

"""


def test_requirements_txt() -> None:
    assert triples(parse_manifest("requirements.txt", REQUIREMENTS)) == [
        ("django", 5, False),
        ("psycopg", 6, False),
        ("redis", 7, False),
        ("celery", 8, False),
        ("flask-sqlalchemy", 9, False),
        ("zope-interface", 10, False),
        ("boto3", 11, False),
        ("acme-billing-client", 13, False),
        ("requests", 16, False),
        ("stripe", 17, False),
        ("sentry-sdk", 19, False),
    ]


def test_requirements_dev_files_by_name() -> None:
    text = "pytest==8.0\nmoto[s3]>=5\n"
    for path in (
        "requirements-dev.txt",
        "requirements/test.txt",
        "dev-requirements.in",
        "requirements_test.txt",
        "requirements.lint.txt",
        "docs/requirements.txt",
    ):
        assert [d.dev for d in parse_manifest(path, text).dependencies] == [True, True], path
    for path in (
        "requirements.txt",
        "requirements/base.txt",
        "requirements/production.txt",
        "requirements-docker.txt",
    ):
        assert [d.dev for d in parse_manifest(path, text).dependencies] == [False, False], path


def test_requirements_crlf_bom_and_empty() -> None:
    text = "\ufeffflask==3.0\r\n# comment\r\nstripe>=7\r\n"
    assert triples(parse_manifest("requirements.txt", text)) == [
        ("flask", 1, False),
        ("stripe", 3, False),
    ]
    assert parse_manifest("requirements.txt", "").dependencies == ()


PYPROJECT = """[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "Order_Service"
description = '''
[not-a-table]
dependencies = ["fake"]
'''
dependencies = [
    "fastapi>=0.110",
    'SQLAlchemy[asyncio]~=2.0',  # ORM
    "aiokafka; python_version >= '3.9'",
    "fastapi>=0.110",
]

[project.optional-dependencies]
postgres = ["asyncpg>=0.29"]
test = [
  "pytest>=8",
  "testcontainers[postgres]",
  "order-service[postgres]",
]

[dependency-groups]
dev = ["ruff", {include-group = "typing"}]
typing = ["mypy>=1.8", "types-redis"]
server = ["gunicorn"]

[tool.uv]
dev-dependencies = ["pre-commit"]
"""


def test_pyproject_pep621_pep735_uv() -> None:
    assert triples(parse_manifest("services/orders/pyproject.toml", PYPROJECT)) == [
        ("fastapi", 12, False),
        ("sqlalchemy", 13, False),
        ("aiokafka", 14, False),
        ("fastapi", 15, False),
        ("asyncpg", 19, False),
        ("pytest", 21, True),
        ("testcontainers", 22, True),
        ("ruff", 27, True),
        ("mypy", 28, True),
        ("types-redis", 28, True),
        ("gunicorn", 29, False),
        ("pre-commit", 32, True),
    ]


POETRY = """[tool.poetry]
name = "payments"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.11"
stripe = "^7.0"
"Flask-Login" = {version = "^0.6", optional = true}
redis = [
    {version = "^5", python = ">=3.8"},
]

[tool.poetry.dependencies.boto3]
version = "^1.34"

[tool.poetry.group.dev.dependencies]
black = "^24"

[tool.poetry.group.test.dependencies]
moto = "^5"

[tool.poetry.group.worker.dependencies]
celery = "^5"

[tool.poetry.dev-dependencies]
pytest-mock = "*"
"""


def test_poetry_tables_groups_and_dev() -> None:
    assert triples(parse_manifest("pyproject.toml", POETRY)) == [
        ("stripe", 7, False),
        ("flask-login", 8, False),
        ("redis", 9, False),
        ("boto3", 13, False),
        ("pytest-mock", 26, True),
        ("black", 17, True),
        ("moto", 20, True),
        ("celery", 23, False),
    ]


def test_pyproject_invalid_and_empty() -> None:
    bad = parse_manifest("pyproject.toml", '[project]\nname = "x"\ndependencies = [\n"a",,\n]\n')
    assert bad.dependencies == ()
    assert bad.error == "pyproject.toml is not valid TOML: line 4"
    assert parse_manifest("pyproject.toml", "").error == "pyproject.toml is empty"
    assert parse_manifest("pyproject.toml", "[tool.black]\nline-length = 100\n") == (
        ManifestResult(())
    )


SETUP_PY = """import os
from setuptools import setup, find_packages

TESTS = [
    "pytest>=7",
    "responses",  # mocks requests
]

setup(
    name="notifier",
    packages=find_packages(),
    install_requires=[
        "twilio>=8.0",
        'sendgrid',
        "pika>=1.3; python_version>='3.7'",
    ],
    tests_require=TESTS,
    setup_requires=("setuptools_scm",),
    extras_require={
        "slack": ["slack_sdk>=3"],
        "dev": [
            "black",
        ],
        "docs": ["Sphinx"],
    },
)
"""


def test_setup_py_without_executing() -> None:
    assert triples(parse_manifest("setup.py", SETUP_PY)) == [
        ("twilio", 13, False),
        ("sendgrid", 14, False),
        ("pika", 15, False),
        ("pytest", 5, True),
        ("responses", 6, True),
        ("setuptools-scm", 18, True),
        ("slack-sdk", 20, False),
        ("black", 22, True),
        ("sphinx", 24, True),
    ]


def test_setup_py_dict_call_and_unreadable_values() -> None:
    text = (
        "from setuptools import setup\n"
        "setup(install_requires=read('requirements.txt'),\n"
        "      extras_require=dict(test=['pytest'], s3=['boto3']))\n"
    )
    assert triples(parse_manifest("setup.py", text)) == [("pytest", 3, True), ("boto3", 3, False)]
    assert parse_manifest("setup.py", "setup(install_requires=[\n'unterminated").error is None


SETUP_CFG = """[metadata]
name = mailer

[options]
packages = find:
install_requires =
    requests>=2.31
    # pinned for the broker
    kombu[redis]==5.3.4
    pyyaml; python_version<"3.12"
tests_require = pytest
python_requires = >=3.9

[options.extras_require]
aws =
    boto3
testing =
    pytest-cov
    freezegun

[flake8]
install_requires = not-a-dependency
"""


def test_setup_cfg_multiline_values() -> None:
    assert triples(parse_manifest("setup.cfg", SETUP_CFG)) == [
        ("requests", 7, False),
        ("kombu", 9, False),
        ("pyyaml", 10, False),
        ("pytest", 11, True),
        ("boto3", 16, False),
        ("pytest-cov", 18, True),
        ("freezegun", 19, True),
    ]


PIPFILE = """[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
django = "*"
"psycopg2-binary" = ">=2.9"
Celery = {extras = ["redis"], version = "*"}

[dev-packages]
pytest_django = "*"

[requires]
python_version = "3.11"
"""


def test_pipfile() -> None:
    assert triples(parse_manifest("Pipfile", PIPFILE)) == [
        ("django", 7, False),
        ("psycopg2-binary", 8, False),
        ("celery", 9, False),
        ("pytest-django", 12, True),
    ]


def test_dependency_type_is_frozen() -> None:
    dep = Dependency("pypi", "x", 1, False)
    try:
        dep.name = "y"  # type: ignore[misc]
    except AttributeError:
        return
    raise AssertionError("Dependency must be immutable")
