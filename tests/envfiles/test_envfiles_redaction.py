"""Each redaction and classification rule, one by one."""

from __future__ import annotations

import base64
import json

import pytest

from integration_risk.envfiles.classify import classify
from integration_risk.envfiles.raw import RawValue
from integration_risk.envfiles.rules import (
    is_wordlike,
    length_class,
    placeholder_kind,
)
from integration_risk.models.env import ValueShape
from integration_risk.sensitive import is_secret_name


def shape(key: str, value: str, **kwargs: bool) -> ValueShape:
    return classify(key, RawValue(value), **kwargs)


def dumped(s: ValueShape) -> str:
    return json.dumps(s.model_dump(mode="json"))


def test_raw_value_never_prints_itself() -> None:
    raw = RawValue("hunter2-very-secret")
    assert "hunter" not in repr(raw) + str(raw) + f"{raw}" + f"{raw!r}" + f"{[raw]}"
    with pytest.raises(TypeError):
        __import__("pickle").dumps(raw)


def test_url_keeps_scheme_host_port_database_only() -> None:
    s = shape("DATABASE_URL", "postgres://appuser:Pw9xQ2zLk7@db.internal:5433/orders")
    assert (s.kind, s.scheme, s.host, s.port, s.database, s.credentials) == (
        "url",
        "postgres",
        "db.internal",
        5433,
        "orders",
        True,
    )
    assert "appuser" not in dumped(s) and "Pw9xQ2" not in dumped(s)


def test_url_password_only_redis() -> None:
    s = shape("REDIS_URL", "redis://:Zq8wPx3nVb6@cache.local:6379/2")
    assert (s.host, s.port, s.database, s.credentials) == ("cache.local", 6379, "2", True)
    assert "Zq8wPx" not in dumped(s)


def test_url_query_values_are_dropped_except_safe_options() -> None:
    s = shape("HOOK_URL", "https://api.example.com/v1/hook?token=Tk7Yh3Lm9Qw2&sslmode=require")
    assert s.query_keys == ["token", "sslmode"]
    assert s.options == {"sslmode": "require"}
    assert "Tk7Yh3" not in dumped(s)


def test_http_url_path_is_never_shown() -> None:
    s = shape("SLACK_HOOK", "https://hooks.slack.com/services/T0AB12CD/B0XY34ZW/Rt5Gh8Jk2Lp4")
    assert s.host == "hooks.slack.com" and s.database is None
    assert "Rt5Gh8" not in dumped(s) and "T0AB12" not in dumped(s)


def test_url_with_unencoded_at_after_host_withholds_host() -> None:
    s = shape("DATABASE_URL", "mysql://root:ab/cd@Secret9Part@db:3306/app")
    assert s.host is None and s.credentials and s.note
    assert "Secret9" not in dumped(s)


def test_amqps_vhost_as_database() -> None:
    s = shape("AMQP_URL", "amqps://guest:Gx8Vn2Lq5@rabbit.example.com:5671/prod")
    assert (s.scheme, s.host, s.port, s.database) == ("amqps", "rabbit.example.com", 5671, "prod")


def test_url_with_interpolated_parts() -> None:
    s = shape("DATABASE_URL", "postgres://${DB_USER}:${DB_PASS}@${DB_HOST}:5432/app")
    assert s.host == "${DB_HOST}" and s.references == ["DB_USER", "DB_PASS", "DB_HOST"]


def test_url_placeholder_password() -> None:
    assert shape("DATABASE_URL", "postgres://u:changeme@localhost/app").placeholder


def test_secret_shows_kind_length_and_format_only() -> None:
    s = shape("STRIPE_SECRET_KEY", "sk_live_" + "Ab3" * 10)
    assert (s.kind, s.format, s.length, s.value) == (
        "secret",
        "stripe-live-secret-key",
        "32-63",
        None,
    )


def test_harmless_looking_value_under_secret_name_is_secret() -> None:
    for value in ("hello", "12345678", "/tmp/x", "db.example.com", "admin@example.com"):
        s = shape("DB_PASSWORD", value)
        assert s.kind in ("secret", "placeholder") and s.value is None and s.host is None


def test_boolean_under_secret_name_is_still_shown() -> None:
    assert shape("AUTH_ENABLED", "true").value == "true"  # safe suffix
    assert shape("SESSION_SECURE", "false").kind == "boolean"


def test_safe_suffix_names_are_not_secret() -> None:
    assert not is_secret_name("JWT_EXPIRES_IN")
    assert not is_secret_name("GOOGLE_APPLICATION_CREDENTIALS_PATH")
    assert is_secret_name("GOOGLE_APPLICATION_CREDENTIALS")
    assert is_secret_name("apiKey".upper())
    assert shape("TOKEN_TTL", "3600").value == "3600"


def test_pem_private_key() -> None:
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx9\n-----END RSA PRIVATE KEY-----"
    s = shape("TLS_KEY", pem)
    assert (s.kind, s.format) == ("secret", "pem-private-key")
    assert "MIIEow" not in dumped(s)


def test_pem_certificate_is_text_without_value() -> None:
    s = shape(
        "TLS_CHAIN_FILE_CONTENT", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"
    )
    assert (s.kind, s.format, s.value) == ("text", "pem-certificate", None)


def test_service_account_json_plain_and_base64() -> None:
    doc = json.dumps({"type": "service_account", "private_key_id": "Kd8sLq2Vx9"})
    assert shape("GCP_SA", doc).format == "service-account-json"
    encoded = base64.b64encode(doc.encode()).decode()
    s = shape("GCP_SA_B64", encoded)
    assert (s.kind, s.format) == ("secret", "base64-service-account-json")


def test_jwt_under_neutral_name_is_token() -> None:
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.Sfl4KxwRJSMeKKF2QT4fwpMeJf36POk6yJV"
    s = shape("ANON", jwt)
    assert (s.kind, s.format) == ("token", "jwt")
    assert shape("SUPABASE_ANON_KEY", jwt).kind == "secret"


def test_random_value_under_neutral_name_is_token() -> None:
    s = shape("SOMETHING", "q8Zr2Lx7Pn4Vw1Kd")
    assert s.kind == "token" and s.value is None


def test_number_boolean_path_host_email_text_are_shown() -> None:
    assert shape("PORT", "8080").value == "8080"
    assert shape("BIG_NUMBER", "4242424242424242").value is None  # long numbers hidden
    assert shape("DEBUG", "Yes").value == "yes"
    assert shape("UPLOAD_DIR", "/var/lib/app/uploads").value == "/var/lib/app/uploads"
    h = shape("SMTP_HOST", "smtp.sendgrid.net")
    assert (h.kind, h.host) == ("host", "smtp.sendgrid.net")
    hp = shape("KAFKA", "broker:9092")
    assert (hp.kind, hp.host, hp.port) == ("host", "broker", 9092)
    e = shape("SUPPORT_EMAIL", "help.desk@acme.io")
    assert (e.kind, e.host) == ("email", "acme.io") and "help" not in dumped(e)
    assert shape("APP_ENV", "production").value == "production"
    assert shape("MODEL", "gpt-4o-mini").value == "gpt-4o-mini"


def test_empty_and_reference() -> None:
    assert shape("X", "").kind == "empty"
    r = shape("DB", "${DATABASE_URL}")
    assert (r.kind, r.references) == ("reference", ["DATABASE_URL"])
    d = shape("PORT", "${PORT:-5432}")
    assert d.kind == "reference" and d.note == "default value is number"
    assert shape("LITERAL", "${NOT_A_REF}", interpolate=False).kind != "reference"


def test_reference_default_is_not_shown() -> None:
    s = shape("API_TOKEN", "${TOKEN:-Df7Hk2Lp9Qz4}")
    assert "Df7Hk2" not in dumped(s)


@pytest.mark.parametrize(
    "value",
    [
        "changeme",
        "CHANGE_ME",
        "xxx",
        "xxxxxxxxxxxx",
        "<your-api-key>",
        "your-key-here",
        "replace-me-please",
        "sk_live_xxxxxxxxxxxxxxxx",
        "TODO",
        "...",
    ],
)
def test_placeholders(value: str) -> None:
    s = shape("API_KEY", value)
    assert s.placeholder and s.value is None


def test_weak_placeholders_only_under_secret_names() -> None:
    assert placeholder_kind("password", secret_name=True) == "template"
    assert placeholder_kind("test", secret_name=False) is None
    assert shape("APP_ENV", "test").value == "test"


def test_stripe_test_key_is_placeholder_but_still_redacted() -> None:
    s = shape("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")
    assert s.placeholder and s.format == "stripe-test-secret-key" and s.kind == "secret"
    assert "4eC39H" not in dumped(s)


def test_k8s_secret_data_is_always_secret_and_never_decoded() -> None:
    encoded = base64.b64encode(b"plainword").decode()
    s = shape("password", encoded, always_secret=True, interpolate=False)
    assert s.kind == "secret" and "plainword" not in dumped(s)


def test_wordlike_and_length_classes() -> None:
    assert is_wordlike("us-east-1") and is_wordlike("My Shop")
    assert not is_wordlike("q8Zr2Lx7Pn4Vw1Kd") and not is_wordlike("bcdfghjk")
    assert [length_class(n) for n in (1, 8, 16, 32, 64, 128, 512)] == [
        "1-7",
        "8-15",
        "16-31",
        "32-63",
        "64-127",
        "128-511",
        "512+",
    ]
