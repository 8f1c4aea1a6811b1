"""One answer to "may this hold a secret?" for the env-file reader, the scan's snippets, the
call-site excerpts and the headless agent's Read."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.agent.tools import read_lines
from integration_risk.envfiles.discovery import dotenv_name
from integration_risk.errors import InvalidInput
from integration_risk.scan.masking import mask_line, safe_snippet
from integration_risk.sensitive import is_env_file, is_env_template, is_secret_name


@pytest.mark.parametrize(
    ("line", "hidden"),
    [
        ('connect(user="root", pwd="hunter2")', "hunter2"),
        ('SMTP_PASS = "hunter2x"', "hunter2x"),
        ('SIGNING_KEY = "abcDEF123"', "abcDEF123"),
        ('JWT_KEY: "abcDEF123"', "abcDEF123"),
        ('SESSION_KEY = "s3cr3tval"', "s3cr3tval"),
        ('const signingKey = "abcDEF123";', "abcDEF123"),
        ("'password' => 'hunter2',", "hunter2"),
        ('headers = {"Authorization": "Bearer abc123"}', "abc123"),
        ("client_secret: hunter2", "hunter2"),
    ],
)
def test_a_value_given_to_a_secret_name_is_masked_in_code(line: str, hidden: str) -> None:
    shown = safe_snippet(line)
    assert hidden not in shown and shown.endswith("***"), shown


@pytest.mark.parametrize(
    "line",
    [
        'const url = "https://api.stripe.com/v1"',
        "if a == b: timeout = 30",
        "session_timeout = 30",  # about a secret, not one
        "resp = requests.get(API_URL, timeout=5)",
    ],
)
def test_other_lines_are_shown(line: str) -> None:
    assert safe_snippet(line) == line


@pytest.mark.parametrize(
    ("name", "env_file", "dotenv"),
    [
        (".env", True, True),
        (".env.production", True, True),
        ("prod.env", True, True),
        ("env.production", True, True),
        (".envrc", True, True),
        (".env_example", True, True),
        (".ENV.LOCAL", True, True),
        (".env.yaml", True, False),  # read as YAML, masked as env
        (".env.sh", True, False),
        ("env.ts", False, False),  # code that reads the environment
        (".env.js", False, False),
        ("env.py", False, False),
        ("environment.rb", False, False),
        ("settings.py", False, False),
    ],
)
def test_env_files_are_named_one_way(name: str, env_file: bool, dotenv: bool) -> None:
    assert is_env_file(name) is env_file
    assert dotenv_name(name) is dotenv


def test_an_env_file_line_shows_its_key_only_whatever_its_name() -> None:
    for path in ("deploy/env.production", "config/prod.env", ".env.local"):
        assert mask_line(path, "STRIPE_SECRET_KEY=sk_live_abc") == "STRIPE_SECRET_KEY=***"
    assert "sk_live" not in mask_line("src/env.ts", 'const key = "sk_live_abc"')


@pytest.mark.parametrize(
    ("relpath", "template"),
    [
        (".env.example", True),
        ("example.env", True),
        (".env_sample", True),
        ("config/app.template.yml", True),
        (".env.defaults", False),  # the values the app runs with
        (".env.production", False),
        ("config/examples.yml", False),
    ],
)
def test_templates(relpath: str, template: bool) -> None:
    assert is_env_template(relpath) is template


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("DB_PASSWORD", True),
        ("signingKey", True),
        ("STRIPE_SECRET_KEY", True),
        ("JWT_EXPIRES_IN", False),
        ("TOKEN_URL", False),
        ("LOG_LEVEL", False),
    ],
)
def test_secret_names(name: str, secret: bool) -> None:
    assert is_secret_name(name) is secret


def test_the_headless_read_refuses_every_env_file(tmp_path: Path) -> None:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "env.production").write_text("STRIPE_SECRET_KEY=sk_live_abc\n")
    (tmp_path / "env.ts").write_text("export const key = process.env.STRIPE_SECRET_KEY;\n")
    with pytest.raises(InvalidInput, match="read_env_files"):
        read_lines(tmp_path, {"file_path": "deploy/env.production"})
    assert "process.env" in read_lines(tmp_path, {"file_path": "env.ts"})


def test_the_worst_call_excerpt_of_a_report_is_masked(tmp_path: Path) -> None:
    from integration_risk.models.callsites import CallSite
    from integration_risk.report.callsites import worst_excerpt

    (tmp_path / "pay.py").write_text(
        'requests.post("https://user:hunter2@api.example.com/charge", api_key="sk_live_abc")\n'
    )
    site = CallSite(
        path="pay.py",
        line=1,
        kind="call",
        call="requests.post",
        function="<module>",
        language="python",
        signals=[],
        score=2,
        error_handling="none",
    )
    excerpt = worst_excerpt(tmp_path, [site])
    assert excerpt is not None
    assert "hunter2" not in excerpt.code and "sk_live" not in excerpt.code
    assert "api.example.com/charge" in excerpt.code


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ('SID = os.environ["TWILIO_ACCOUNT_SID"]', 'SID = os.environ["TWILIO_ACCOUNT_SID"]'),
        ("apiKey: process.env.OPENAI_API_KEY,", "apiKey: process.env.OPENAI_API_KEY,"),
        ("password: ${DB_PASSWORD}", "password: ${DB_PASSWORD}"),
        ('DB_PASS = os.getenv("DB_PASS", "ADMIN123")', 'DB_PASS = os.getenv("DB_PASS", ***)'),
        ("'password' => env('DB_PASSWORD', 'secret'),", "'password' => env('DB_PASSWORD', ***),"),
    ],
)
def test_a_secret_read_from_the_environment_shows_the_variable_not_its_default(
    line: str, shown: str
) -> None:
    assert safe_snippet(line) == shown
