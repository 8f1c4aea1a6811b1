"""What may hold a secret: the one answer for every reader that shows text.

- `is_secret_name`: a variable or key whose value is (or could be) a credential. The env-file
  reader redacts such values, and the scan's snippets mask what code assigns to them.
- `is_env_file`: a file named as environment settings (`.env`, `.env.production`,
  `prod.env`, `env.staging`, `.envrc`). Any value in it may be a secret: snippets show its
  keys only and the headless agent's Read refuses it. Code that reads the environment
  (`env.ts`, `.env.js`) is code, not one.
- `is_env_template`: such a file, or any config file, meant to be copied and filled in
  (`.env.example`, `example.env`, `config.sample.yml`): its values are placeholders.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

_SECRET_WORDS = (
    "SECRET|PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|TOKEN|KEY|APIKEY|PRIVATE|CREDENTIAL|"
    "CREDENTIALS|CREDS|SALT|SIGNATURE|SIGNING|DSN|AUTH|COOKIE|SESSION|PIN|OTP|CERT|PEM|JWT|"
    "ACCESS|SID|WEBHOOK"
)
_SECRET_NAME = re.compile(rf"(?:^|[_.-])(?:{_SECRET_WORDS})S?(?:[_.-]|$)", re.IGNORECASE)
_GLUED_SECRET = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|APIKEY|PRIVATEKEY", re.IGNORECASE)
# A last name segment that says the value is about the secret, not the secret itself.
_SAFE_SUFFIX = frozenset(
    "TTL EXPIRY EXPIRES EXPIRE EXPIRATION IN TIMEOUT LENGTH LEN SIZE PATH FILE DIR NAME "
    "HEADER ALGORITHM ALG ENABLED DISABLED REQUIRED URL URI ENDPOINT HOST PORT REGION MODE "
    "TYPE VERSION AGE FIELD PARAM COUNT RETRIES PROVIDER ISSUER AUDIENCE SCOPE SCOPES "
    "DOMAIN".split()
)
# camelCase names split into segments: `signingKey` -> `signing_Key`
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def is_secret_name(name: str) -> bool:
    """True when the variable name says its value is (or could be) a credential."""
    name = _CAMEL.sub("_", name)
    if not (_SECRET_NAME.search(name) or _GLUED_SECRET.search(name)):
        return False
    last = re.split(r"[_.-]", name.upper())[-1]
    return last not in _SAFE_SUFFIX


# Suffixes of code and documents: `.env.ts` reads the environment, `.env.md` describes it.
_CODE_SUFFIXES = frozenset(
    ".js .mjs .cjs .ts .mts .cts .jsx .tsx .py .rb .go .php .java .kt .rs .ex .exs .dart .cs "
    ".swift .md .lock".split()
)
# `defaults` is not one: `.env.defaults`, `defaults.yml` hold the values the app runs with.
_TEMPLATE_WORDS = frozenset(["example", "sample", "template", "dist", "tmpl", "tpl"])


def is_env_file(name: str) -> bool:
    """Whether the file called `name` (no directory) holds environment settings."""
    lower = name.lower()
    if lower in (".env", ".envrc") or lower.endswith(".env"):
        return True
    if lower.startswith((".env.", ".env-", ".env_", "env.")):
        return PurePosixPath(lower).suffix not in _CODE_SUFFIXES
    return False


def is_env_template(relpath: str) -> bool:
    """Whether the file at `relpath` is a template to copy (`.env.example`, `app.sample.yml`)."""
    parts = {p.lower() for p in re.split(r"[./_-]", PurePosixPath(relpath).name) if p}
    return bool(parts & _TEMPLATE_WORDS)
