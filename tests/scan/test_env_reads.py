"""env_reads: one case per read form and language, with the line it is on."""

from __future__ import annotations

import pytest

from integration_risk.scan.env_reads import env_reads

CASES: list[tuple[str, str, list[tuple[str, int]]]] = [
    (
        "python",
        'import os\nA = os.environ["DB_URL"]\nB = os.environ.get("REDIS_URL", "x")\n'
        "C = os.getenv('API_KEY')\nfrom os import environ\nD = environ['SECRET']\n"
        'E = env("DJANGO_DEBUG")\nF = env.str("MAIL_HOST")\nG = env.bool("USE_TLS")\n'
        'H = config("SENTRY_DSN")\nI = getenv_bool("FEATURE_X")\n'
        'J = os.environ.setdefault("TZ_NAME", "UTC")\n',
        [
            ("DB_URL", 2),
            ("REDIS_URL", 3),
            ("API_KEY", 4),
            ("SECRET", 6),
            ("DJANGO_DEBUG", 7),
            ("MAIL_HOST", 8),
            ("USE_TLS", 9),
            ("SENTRY_DSN", 10),
            ("FEATURE_X", 11),
            ("TZ_NAME", 12),
        ],
    ),
    (
        "js",
        "const a = process.env.STRIPE_KEY;\nconst b = process.env['PG_URL'];\n"
        "const c = import.meta.env.VITE_API_URL;\n"
        "const { AWS_REGION, S3_BUCKET: bucket,\n  LOG_LEVEL = 'info' } = process.env;\n"
        'const d = Deno.env.get("DENO_TOKEN");\n',
        [
            ("STRIPE_KEY", 1),
            ("PG_URL", 2),
            ("VITE_API_URL", 3),
            ("AWS_REGION", 4),
            ("S3_BUCKET", 4),
            ("LOG_LEVEL", 5),
            ("DENO_TOKEN", 6),
        ],
    ),
    (
        "go",
        'package main\nfunc f() {\n\tu := os.Getenv("DATABASE_URL")\n'
        '\tv, ok := os.LookupEnv("KAFKA_BROKERS")\n}\n',
        [("DATABASE_URL", 3), ("KAFKA_BROKERS", 4)],
    ),
    (
        "ruby",
        'url = ENV["REDIS_URL"]\nkey = ENV.fetch("MAILGUN_KEY")\nx = ENV.fetch "TWILIO_SID"\n',
        [("REDIS_URL", 1), ("MAILGUN_KEY", 2), ("TWILIO_SID", 3)],
    ),
    (
        "java",
        'class A {\n  String u = System.getenv("JDBC_URL");\n'
        '  val k = System.getenv("KOTLIN_KEY")\n  val s = sys.env("SCALA_KEY")\n}\n',
        [("JDBC_URL", 2), ("KOTLIN_KEY", 3), ("SCALA_KEY", 4)],
    ),
    (
        "csharp",
        'var c = Environment.GetEnvironmentVariable("SQL_CONN");\n',
        [("SQL_CONN", 1)],
    ),
    (
        "php",
        "<?php\n$a = getenv('DB_PASSWORD');\n$b = $_ENV['APP_KEY'];\n$c = $_SERVER['MAIL_FROM'];\n"
        "$d = $_SERVER['HTTP_HOST'];\n$e = $_SERVER['lower'];\n$f = env('STRIPE_SECRET');\n",
        [("DB_PASSWORD", 2), ("APP_KEY", 3), ("MAIL_FROM", 4), ("STRIPE_SECRET", 7)],
    ),
    (
        "rust",
        'let a = std::env::var("PG_HOST");\nlet b = env::var_os("PG_PORT");\n'
        'const C: &str = env!("BUILD_SHA");\nlet d = option_env!("OPT_FLAG");\n',
        [("PG_HOST", 1), ("PG_PORT", 2), ("BUILD_SHA", 3), ("OPT_FLAG", 4)],
    ),
    (
        "elixir",
        'config :app, url: System.get_env("APP_URL")\nkey = System.fetch_env!("SECRET_KEY_BASE")\n',
        [("APP_URL", 1), ("SECRET_KEY_BASE", 2)],
    ),
    (
        "dart",
        "final a = Platform.environment['HOME_DIR'];\n"
        "const b = String.fromEnvironment('API_BASE');\nfinal c = dotenv.env['OPENAI_KEY'];\n",
        [("HOME_DIR", 1), ("API_BASE", 2), ("OPENAI_KEY", 3)],
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_reads_per_language(language: str, text: str, expected: list[tuple[str, int]]) -> None:
    assert env_reads(text, language) == expected


@pytest.mark.parametrize(
    "text",
    [
        'settings.get("NOT_ENV")\n',
        'print("DATABASE_URL")\n',
        'prevent("UPPER")\n',
        'env("lowercase_is_not_config")\n',
    ],
)
def test_non_reads_are_ignored(text: str) -> None:
    assert env_reads(text, "python") == []


def test_crlf_and_match_counted_once() -> None:
    text = 'a = 1\r\nb = os.environ.get("ONE")\r\nc = os.getenv("TWO")\r\n'
    assert env_reads(text, "python") == [("ONE", 2), ("TWO", 3)]


def test_a_big_file_is_read_to_its_last_line() -> None:
    # its speed is benchmarks/large_files.py's to measure, not a timed test's
    line = "value = compute(x) + other_function(y)  # filler\n"
    text = (line * 20_000) + 'k = os.getenv("LAST_ONE")\n'
    reads = env_reads(text, "python")
    assert reads == [("LAST_ONE", 20_001)]


def test_js_env_wrapper_objects_count_as_reads() -> None:
    text = "export const url = env.DATABASE_URL;\nconst id = environment.OIDC_CLIENT_ID;\nconst x = env.lowercase;\n"
    assert env_reads(text, "js") == [("DATABASE_URL", 1), ("OIDC_CLIENT_ID", 2)]


def test_pydantic_settings_fields_are_environment_reads() -> None:
    text = (
        "from pydantic_settings import BaseSettings\n\n"
        "class Settings(BaseSettings):\n"
        "    SMTP_HOST: str | None = None\n"
        "    MAIL_PORT: int = 587\n"
        "    OIDC_CONFIGURATION_URL: str | None\n"
        "    debug_mode: bool = False\n\n"
        "    @property\n"
        "    def SMTP_ENABLED(self) -> bool:\n"
        "        return True\n"
    )
    assert env_reads(text, "python") == [
        ("SMTP_HOST", 4),
        ("MAIL_PORT", 5),
        ("OIDC_CONFIGURATION_URL", 6),
    ]


def test_upper_case_fields_outside_a_settings_class_are_not_reads() -> None:
    text = "from typing import NamedTuple\n\nclass Limits(NamedTuple):\n    MAX_ITEMS: int = 5\n"
    assert env_reads(text, "python") == []
    # candidate lines of a settings file: the whole file says it is one
    assert env_reads("    SMTP_HOST: str = ''\n", "python", whole="class S(BaseSettings):\n") == [
        ("SMTP_HOST", 1)
    ]
