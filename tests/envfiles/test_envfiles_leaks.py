"""Property tests: random secrets in every position users put them, and no 6-character
window of any of them in any output path (api JSON, CLI stdout/stderr in both formats,
MCP structuredContent and text, exception text, log records)."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import string
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mcp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from integration_risk import api
from integration_risk.cli import app
from integration_risk.envfiles import collect as collect_module
from integration_risk.envfiles.classify import classify
from integration_risk.envfiles.raw import RawValue
from integration_risk.errors import IntegrationRiskError
from mcp_server.server import server

WINDOW = 6
ALNUM = string.ascii_letters + string.digits
SPECIAL = "@/#?:%!&=+ "
WORDS = ("sunny", "marble", "violet", "copper", "falcon", "meadow", "harbor", "quartz")


# Random credentials: at least 4 letters and 4 digits, shuffled, 16-40 characters.
secrets = (
    st.tuples(
        st.text(string.ascii_letters, min_size=4, max_size=12),
        st.text(string.digits, min_size=4, max_size=8),
        st.text(ALNUM, min_size=8, max_size=20),
    )
    .flatmap(lambda parts: st.permutations(list("".join(parts))))
    .map("".join)
)
# Passwords as people type them into URLs: unencoded @ / # ? : and friends.
passwords = st.tuples(secrets, st.lists(st.sampled_from(SPECIAL), max_size=3)).map(
    lambda pair: pair[0][:8] + "".join(pair[1]) + pair[0][8:]
)
harmless = st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map("-".join)
secret_names = st.sampled_from(
    ("DB_PASSWORD", "STRIPE_SECRET_KEY", "API_TOKEN", "JWT_SECRET", "GITHUB_TOKEN", "AUTH_SALT")
)


def leaks(output: str, secret_values: list[str]) -> list[str]:
    return [
        s[i : i + WINDOW]
        for s in secret_values
        for i in range(len(s) - WINDOW + 1)
        if s[i : i + WINDOW] in output
    ]


@dataclass
class Tree:
    files: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)


def _jwt(secret: str) -> str:
    payload = base64.urlsafe_b64encode(json.dumps({"sub": secret}).encode()).decode().rstrip("=")
    return f"eyJhbGciOiJIUzI1NiJ9.{payload}.{secret}"


def _service_account(secret: str) -> str:
    doc = {"type": "service_account", "private_key": f"-----BEGIN PRIVATE KEY-----\n{secret}\n"}
    return base64.b64encode(json.dumps(doc).encode()).decode()


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    tree = Tree()
    s = [draw(secrets) for _ in range(12)]
    pw = draw(passwords)
    word = draw(harmless)
    name = draw(secret_names)
    sa = _service_account(s[6])
    tree.secrets = [*s, pw, word, sa]
    tree.files[".env"] = (
        "\n".join(
            [
                f"{name}={word}",
                f"export UNQUOTED_KEY={s[0]}",
                f'DOUBLE_QUOTED_SECRET="{s[1]}"',
                f"SINGLE_QUOTED_TOKEN='{s[2]}'",
                f'TLS_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\n{s[3]}\n{s[4]}\n-----END PRIVATE KEY-----"',
                f"DATABASE_URL=postgres://app:{pw}@db.example.com:5432/shop",
                f"REDIS_URL=redis://:{s[5]}@cache:6379/0",
                f"GCP_SERVICE_ACCOUNT={sa}",
                f"WEBHOOK_URL=https://hooks.example.com/services/{s[7]}?token={s[8]}",
                f"SESSION_JWT={_jwt(s[9])}",
                f"INNOCENT_SETTING={s[10]}",
                f"AMQP_URL=amqps://{s[11]}:{s[5]}@mq.example.com/vhost",
                "BROKEN_PEM=-----BEGIN PRIVATE KEY-----",
                s[3],
                f"DEFAULTED_SECRET=${{OTHER:-{s[8]}}}",
                f'UNTERMINATED="{s[4]}',
            ]
        )
        + "\n"
    )
    tree.files["docker-compose.yml"] = (
        f'services:\n  api:\n    environment:\n      POSTGRES_PASSWORD: "{pw}"\n'
        f"      PLAIN: {s[10]}\n  worker:\n    environment:\n      - SMTP_PASS={s[1]}\n"
    )
    tree.files["k8s/secret.yaml"] = (
        f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: {s[2]}\n"
        f"data:\n  token: {base64.b64encode(s[7].encode()).decode()}\n"
    )
    tree.files["Procfile"] = f"web: API_TOKEN={s[9]} gunicorn app\n"
    tree.files["deploy/app.service"] = f"[Service]\nEnvironment=SERVICE_SECRET={s[11]}\n"
    tree.files["app.py"] = "import os\nos.environ['DATABASE_URL']\nos.getenv('MISSING_ONE')\n"
    return tree


def materialise(tree: Tree, root: Path) -> None:
    for rel, text in tree.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def with_tree(tree: Tree, check: Callable[[Path], list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        materialise(tree, root)
        outputs = check(root)
    for output in outputs:
        assert not leaks(output, tree.secrets)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@SETTINGS
@given(trees())
def test_no_leak_in_api_result_logs_or_cli(tree: Tree) -> None:
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage() + repr(record.args))

    handler = Collect(level=logging.DEBUG)
    root_logger = logging.getLogger()
    previous = root_logger.level
    root_logger.addHandler(handler)
    root_logger.setLevel(logging.DEBUG)

    def check(root: Path) -> list[str]:
        report = api.read_env_files(root)
        # the tree really was read: these keys must be there, redacted
        names = {k.name for k in report.keys}
        assert {"DATABASE_URL", "TLS_PRIVATE_KEY", "API_TOKEN", "password"} <= names
        runner = CliRunner()
        outputs = [report.model_dump_json(), json.dumps(report.as_json())]
        for fmt in ("json", "table"):
            result = runner.invoke(app, ["env", str(root), "--format", fmt])
            assert result.exit_code == 0, result.output
            outputs += [result.stdout, result.stderr]
        return outputs

    try:
        with_tree(tree, check)
    finally:
        root_logger.removeHandler(handler)
        root_logger.setLevel(previous)
    assert not leaks("\n".join(records), tree.secrets)


async def _mcp_outputs(root: Path) -> list[str]:
    async with mcp.Client(server) as client:
        import os

        old = os.environ.get("CLAUDE_PROJECT_DIR")
        os.environ["CLAUDE_PROJECT_DIR"] = str(root)
        try:
            result = await client.call_tool("read_env_files", {"path": "."})
        finally:
            if old is None:
                os.environ.pop("CLAUDE_PROJECT_DIR", None)
            else:
                os.environ["CLAUDE_PROJECT_DIR"] = old
    assert not result.is_error
    texts = [getattr(block, "text", "") for block in result.content]
    return [json.dumps(result.structured_content), *texts]


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees())
def test_no_leak_through_mcp(tree: Tree) -> None:
    def check(root: Path) -> list[str]:
        outputs = asyncio.run(_mcp_outputs(root))
        assert "DATABASE_URL" in outputs[0]
        return outputs

    with_tree(tree, check)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    name=st.one_of(secret_names, st.sampled_from(("SETTING", "URL", "CONFIG_VALUE"))),
    secret=st.one_of(secrets, passwords),
    template=st.sampled_from(
        (
            "postgres://user:{s}@db:5432/app",
            "redis://:{s}@cache",
            "mysql://{s}@h/db",
            "https://api.example.com/x?key={s}&mode=a",
            "https://example.com/hook/{s}",
            '"{s}"',
            "{s}",
            "${{VAR:-{s}}}",
            "prefix {s} suffix",
        )
    ),
)
def test_classifier_never_shows_a_secret_in_any_position(
    name: str, secret: str, template: str
) -> None:
    shape = classify(name, RawValue(template.format(s=secret)))
    dumped = json.dumps(shape.model_dump(mode="json"))
    assert not leaks(dumped, [secret])


@pytest.mark.slow
@SETTINGS
@given(trees())
def test_no_leak_in_exception_text(tree: Tree) -> None:
    """An error raised while a value is in hand prints the RawValue, which redacts itself;
    input errors name paths only."""

    def broken(key: str, value: RawValue, **_: Any) -> Any:
        raise ValueError(f"cannot classify {key}={value} ({value!r})")

    def check(root: Path) -> list[str]:
        messages: list[str] = []
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(collect_module, "classify", broken)
            with pytest.raises(ValueError) as caught:
                api.read_env_files(root)
            messages.append(str(caught.value))
        for bad in ([".env", "missing.env"], ["k8s"], ["../outside.env"]):
            with pytest.raises(IntegrationRiskError) as error:
                api.read_env_files(root, files=bad)
            messages.append(str(error.value))
        return messages

    with_tree(tree, check)
