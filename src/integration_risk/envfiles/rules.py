"""Redaction rules as small pure predicates: printable key names, word-like text,
placeholders (secret-ish names: `integration_risk.sensitive`).

A value's characters are shown only when it is provably boring: made of short
dictionary-like words, small numbers or enumerations. Anything that could be
random (long mixed letter/digit runs, many case switches, consonant clusters)
is treated as a possible secret and reduced to a length class.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s_.,:/@=+\-]+")
_ALPHA = re.compile(r"[A-Za-z]{1,20}")
_ALNUM = re.compile(r"[A-Za-z]{1,12}\d{1,3}[A-Za-z]{0,3}|\d{1,3}[A-Za-z]{1,3}")
_DIGITS = re.compile(r"\d{1,8}")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{6,}", re.IGNORECASE)
_CASE_SWITCH = re.compile(r"[a-z][A-Z]")


def _word_ok(word: str) -> bool:
    letters = re.sub(r"\d", "", word)
    return not (_CONSONANT_RUN.search(letters) or len(_CASE_SWITCH.findall(letters)) > 2)


def is_wordlike(text: str, max_len: int = 64) -> bool:
    """True for boring text such as `production`, `us-east-1`, `gpt-4o-mini`, `info`:
    short segments of dictionary-like letters, small numbers and version tags."""
    if not text or len(text) > max_len:
        return False
    for segment in _SEPARATORS.split(text):
        if not segment:
            continue
        if _DIGITS.fullmatch(segment):
            continue
        if (_ALPHA.fullmatch(segment) or _ALNUM.fullmatch(segment)) and _word_ok(segment):
            continue
        return False
    return True


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,127}")


def is_safe_key(key: str) -> bool:
    """A variable name we may print: identifier-like, short segments, few digits and case
    switches per segment. Pasted tokens and base64 lines fail this and are not shown."""
    if not _KEY.fullmatch(key):
        return False
    for segment in re.split(r"[_.-]", key):
        digits = sum(c.isdigit() for c in segment)
        if len(segment) > 24 or digits > 3 or len(_CASE_SWITCH.findall(segment)) > 2:
            return False
    return True


_PLACEHOLDER_WHOLE = re.compile(
    r"(?:change[-_ ]?me|change[-_ ]?this.*|replace[-_ ]?(?:me|this).*|todo|tbd|fixme|"
    r"placeholder|dummy|redacted|insert[-_ ].*|put[-_ ].*|enter[-_ ].*|set[-_ ]?me|"
    r"your[-_ ].*|<.*>|\[.*\]|\{\{.*\}\}|\.{3,}|…|-+|\*+|x+)",
    re.IGNORECASE,
)
# Filler only when it stands in for a credential (`DB_PASSWORD=password`).
_WEAK_SECRET = re.compile(
    r"(?:example|sample|secret|password|passw0rd|test|testing|none|null|nil|undefined|"
    r"1234|12345|123456|1234567|12345678|123456789|abc123|abcdef|qwerty|foo|bar|baz|foobar|"
    r"admin|root|pass|pass123|secret123|password123|s3cr3t|supersecret|mysecret)",
    re.IGNORECASE,
)
_PLACEHOLDER_INSIDE = re.compile(
    r"x{6,}|X{6,}|\*{4,}|0{12,}|your[-_]?(?:api|secret|key|token|password)|[-_]here$|"
    r"<[a-z0-9 _-]{2,40}>",
    re.IGNORECASE,
)
_TEST_KEYS = (
    ("sk_test_", "stripe-test-secret-key"),
    ("pk_test_", "stripe-test-publishable-key"),
    ("rk_test_", "stripe-test-restricted-key"),
)


def placeholder_kind(text: str, secret_name: bool) -> str | None:
    """'template' for filler text, a key-family label for well-known test keys, else None.
    Weak fillers (`password`, `test`, `1234`) count only under a secret-ish name."""
    stripped = text.strip()
    for prefix, label in _TEST_KEYS:
        if stripped.startswith(prefix):
            return label
    if _PLACEHOLDER_WHOLE.fullmatch(stripped) or _PLACEHOLDER_INSIDE.search(stripped):
        return "template"
    if secret_name and _WEAK_SECRET.fullmatch(stripped):
        return "template"
    return None


# Known credential families by prefix. Labels, never the prefix itself, go to output.
KEY_FAMILIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), label)
    for pattern, label in (
        (r"sk_live_", "stripe-live-secret-key"),
        (r"pk_live_", "stripe-live-publishable-key"),
        (r"rk_live_", "stripe-live-restricted-key"),
        (r"whsec_", "stripe-webhook-secret"),
        (r"gh[pousr]_|github_pat_", "github-token"),
        (r"glpat-", "gitlab-token"),
        (r"xox[abposr]-", "slack-token"),
        (r"AKIA[0-9A-Z]{16}$|ASIA[0-9A-Z]{16}$", "aws-access-key-id"),
        (r"AIza[\w-]{30,}", "google-api-key"),
        (r"sk-ant-", "anthropic-api-key"),
        (r"sk-(?:proj-)?[\w-]{20,}", "openai-api-key"),
        (r"SG\.[\w-]{10,}\.[\w-]{10,}", "sendgrid-api-key"),
        (r"npm_[A-Za-z0-9]{30,}", "npm-token"),
        (r"hf_[A-Za-z0-9]{30,}", "huggingface-token"),
        (r"AC[0-9a-f]{32}$", "twilio-account-sid"),
        (r"SK[0-9a-f]{32}$", "twilio-api-key"),
        (r"key-[0-9a-f]{32}$", "mailgun-api-key"),
    )
)


def key_family(text: str) -> str | None:
    for pattern, label in KEY_FAMILIES:
        if pattern.match(text):
            return label
    return None


_LENGTH_CLASSES = (
    (8, "1-7"),
    (16, "8-15"),
    (32, "16-31"),
    (64, "32-63"),
    (128, "64-127"),
    (512, "128-511"),
)


def length_class(length: int) -> str:
    for bound, label in _LENGTH_CLASSES:
        if length < bound:
            return label
    return "512+"


_HEX = re.compile(r"[0-9a-fA-F]{16,}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_B64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_B64URL = re.compile(r"[A-Za-z0-9_-]{16,}={0,2}")


def charset_format(text: str) -> str | None:
    """hex, uuid, base64 or base64url for opaque strings, else None."""
    if _UUID.fullmatch(text):
        return "uuid"
    if _HEX.fullmatch(text):
        return "hex"
    if _B64.fullmatch(text) and len(text) % 4 == 0 and re.search(r"[+/=]|[0-9]", text):
        return "base64"
    if _B64URL.fullmatch(text) and re.search(r"[0-9]", text) and re.search(r"[A-Za-z]", text):
        return "base64url"
    return None


def looks_random(text: str) -> bool:
    """No whitespace, 12+ characters and not word-like: treat as a credential."""
    return len(text) >= 12 and not re.search(r"\s", text) and not is_wordlike(text)
