"""Settings that pick or tune a client without code around a call: a storage backend named
by its dotted path brings its client library's defaults to the store it talks to (and to
no other system of the same file), and a timeout set only when the operator sets its
environment variable is no default of the code."""

from __future__ import annotations

from tests.conftest import TreeBuilder
from tests.resilience.builders import verdicts_of

_SETTINGS = """import os

import environ

env = environ.Env()
GS_BUCKET_NAME = env("GS_BUCKET_NAME")
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
if os.getenv("EMAIL_TIMEOUT"):
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT")
"""


def test_a_django_storages_s3_backend_has_botocores_defaults(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/settings.py": _SETTINGS})
    verdicts = verdicts_of(root, "s3", [("app/settings.py", 9)], "reference", "storage")
    assert (verdicts["timeout"][0], verdicts["retry"][0]) == ("yes", "yes"), verdicts
    assert "library default" in verdicts["timeout"][1], verdicts
    other = verdicts_of(root, "gcs", [("app/settings.py", 6)], "reference", "storage")
    assert "django-storages" not in other["timeout"][1] + other["retry"][1], other


def test_a_timeout_set_only_when_its_env_variable_is_set_is_no_default(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"app/settings.py": _SETTINGS})
    verdicts = verdicts_of(root, "smtp", [("app/settings.py", 11)], "reference", "email")
    assert verdicts["timeout"][0] == "no", verdicts


def test_a_typescript_option_behind_its_env_variable_is_no_default(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/queue.ts": (
                "import axios from 'axios';\n"
                "export async function push(url: string) {\n"
                "  const options: { timeout?: number } = {};\n"
                "  if (process.env.HOOK_TIMEOUT_MS) {\n"
                "    options.timeout = Number(process.env.HOOK_TIMEOUT_MS);\n"
                "  }\n"
                "  return axios.post(url, {}, options);\n"  # line 7
                "}\n"
            )
        }
    )
    verdicts = verdicts_of(root, "hook", [("src/queue.ts", 7)], "call")
    assert verdicts["timeout"][0] == "no", verdicts


def _smtp_timeout(make_tree: TreeBuilder, settings: str) -> str:
    root = make_tree({"app/settings.py": settings})
    verdicts = verdicts_of(root, "smtp", [("app/settings.py", 2)], "reference", "email")
    return str(verdicts["timeout"][0])


def test_the_default_beside_an_env_variable_is_the_codes_default(make_tree: TreeBuilder) -> None:
    # the `else` runs when the variable is unset: a timeout there is the code's own default
    settings = (
        "import os\n"
        'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\n'
        'if os.getenv("EMAIL_TIMEOUT"):\n'
        '    EMAIL_TIMEOUT = int(os.environ["EMAIL_TIMEOUT"])\n'
        "else:\n"
        "    EMAIL_TIMEOUT = 10\n"
    )
    assert _smtp_timeout(make_tree, settings) == "yes"


def test_a_negated_env_test_guards_the_default_path(make_tree: TreeBuilder) -> None:
    settings = (
        "import os\n"
        'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\n'
        'if not os.getenv("DISABLE_EMAIL_TIMEOUT"):\n'
        "    EMAIL_TIMEOUT = 10\n"
    )
    assert _smtp_timeout(make_tree, settings) == "yes"


def test_an_env_read_with_a_default_is_always_set(make_tree: TreeBuilder) -> None:
    settings = (
        "import os\n"
        'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\n'
        'if os.environ.get("EMAIL_TIMEOUT", "30"):\n'
        '    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))\n'
    )
    assert _smtp_timeout(make_tree, settings) == "yes"
