"""Value classification: a raw value in, a `ValueShape` with only safe, derived data out.

Order matters and goes from most to least specific: empty, whole-value
reference, placeholder, PEM, JSON, JWT, URL, then the key name (a secret-ish
name redacts anything that is not a boolean), then the kinds whose text is
harmless (boolean, number, email domain, path, host, plain words). What is
left is a token or unclassified text, both shown as a length class only.
"""

from __future__ import annotations

import base64
import binascii
import json
import re

from integration_risk.envfiles.raw import RawValue
from integration_risk.envfiles.rules import (
    charset_format,
    is_wordlike,
    key_family,
    length_class,
    looks_random,
    placeholder_kind,
)
from integration_risk.envfiles.urlshape import url_shape
from integration_risk.models.env import ValueShape
from integration_risk.sensitive import is_secret_name

REFERENCE = re.compile(
    r"\$\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<default>(?::?[-=?+])[^}]*)?\}"
    r"|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
)


def references(text: str) -> list[str]:
    """Names of `${VAR}`, `${VAR:-default}` and `$VAR` interpolations, in order."""
    names: list[str] = []
    for match in REFERENCE.finditer(text):
        name = match.group("braced") or match.group("bare")
        if name not in names:
            names.append(name)
    return names


def _redacted(kind: str, text: str, fmt: str | None = None) -> ValueShape:
    shape = ValueShape(kind="secret" if kind == "secret" else "token")
    shape.length = length_class(len(text))
    shape.format = fmt or key_family(text) or charset_format(text)
    return shape


_PEM = re.compile(r"-----BEGIN ([A-Z0-9 ]{1,40})-----")
_B64_CHARS = re.compile(r"[A-Za-z0-9+/_-]{20,}={0,2}")


def _structured(text: str) -> ValueShape | None:
    """PEM blocks, JSON documents (service-account keys), base64 JSON and JWTs."""
    pem = _PEM.search(text)
    if pem is not None:
        label = pem.group(1)
        if "PRIVATE" in label:
            return _redacted("secret", text, "pem-private-key")
        fmt = "pem-certificate" if "CERTIFICATE" in label else "pem-public-key"
        return ValueShape(kind="text", format=fmt, length=length_class(len(text)))
    document: object = None
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            document = None
    elif _B64_CHARS.fullmatch(text) and text[:2] in ("ey", "ew"):
        try:
            padded = text + "=" * (-len(text) % 4)
            document = json.loads(base64.b64decode(padded.replace("-", "+").replace("_", "/")))
        except (ValueError, binascii.Error):
            document = None
    if isinstance(document, dict):
        account = document.get("type") == "service_account" or "private_key" in document
        fmt = "service-account-json" if account else "json"
        if not text.startswith("{"):
            fmt = "base64-" + fmt
        return _redacted("secret", text, fmt)
    if re.fullmatch(r"eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*", text):
        return _redacted("token", text, "jwt")
    return None


_IPV4 = re.compile(r"(?:\d{1,3}\.){3}\d{1,3}")
_HOSTNAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}")
_HOSTPORT = re.compile(r"(?P<h>[A-Za-z0-9.-]+):(?P<p>\d{1,5})")


def _host(text: str) -> ValueShape | None:
    """An IP address, localhost or a word-like host name, with or without a port."""
    hostport = _HOSTPORT.fullmatch(text)
    host = hostport.group("h") if hostport else text
    if (
        _IPV4.fullmatch(host)
        or host == "localhost"
        or (_HOSTNAME.fullmatch(host.lower()) and is_wordlike(host))
        or (hostport and is_wordlike(host))
    ):
        port = int(hostport.group("p")) if hostport else None
        return ValueShape(kind="host", host=host.lower(), port=port)
    return None


_BOOLEAN = re.compile(r"(?i)true|false|yes|no|on|off")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_EMAIL = re.compile(r"[^@\s:/]{1,64}@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_PATH = re.compile(r"(?:/|\./|\.\./|~/|[A-Za-z]:\\)[^\s]*")


def _plain(text: str) -> ValueShape:
    """Kinds whose text is harmless under a non-secret name."""
    if _BOOLEAN.fullmatch(text):
        return ValueShape(kind="boolean", value=text.lower())
    if _NUMBER.fullmatch(text):
        if len(text) <= 10:
            return ValueShape(kind="number", value=text)
        return ValueShape(kind="number", length=length_class(len(text)))
    email = _EMAIL.fullmatch(text)
    if email is not None:
        domain = email.group("domain")
        return ValueShape(kind="email", host=domain.lower() if is_wordlike(domain) else None)
    if _PATH.fullmatch(text):
        shown = text if is_wordlike(text, 200) else None
        return ValueShape(
            kind="path", value=shown, length=None if shown else length_class(len(text))
        )
    host = _host(text)
    if host is not None:
        return host
    if looks_random(text):
        return _redacted("token", text)
    if is_wordlike(text):
        return ValueShape(kind="text", value=text)
    return ValueShape(kind="text", length=length_class(len(text)))


_SENTINEL = "zzref{}zz"


def _with_sentinels(text: str) -> tuple[str, dict[str, str]]:
    """Replace interpolations by host-safe sentinels so `${HOST}:5432` still parses."""
    mapping: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        sentinel = _SENTINEL.format(len(mapping))
        mapping[sentinel] = "${" + (match.group("braced") or match.group("bare")) + "}"
        return sentinel

    return REFERENCE.sub(swap, text), mapping


def _restore(shape: ValueShape, mapping: dict[str, str]) -> None:
    for field in ("host", "database", "value"):
        current = getattr(shape, field)
        if current:
            for sentinel, ref in mapping.items():
                current = current.replace(sentinel, ref)
            setattr(shape, field, current)


def classify(
    key: str,
    value: RawValue,
    *,
    interpolate: bool = True,
    always_secret: bool = False,
    external: bool = False,
) -> ValueShape:
    """The safe shape of `value` defined under `key`."""
    if external:
        return ValueShape(kind="reference", note="set at deploy time from a Secret or ConfigMap")
    text = value.reveal().strip()
    secret_name = always_secret or is_secret_name(key)
    if not text:
        return ValueShape(kind="empty")
    refs = references(text) if interpolate else []
    whole = REFERENCE.fullmatch(text) if interpolate else None
    if whole is not None:
        reference = ValueShape(kind="reference", references=refs)
        default = (whole.group("default") or "").lstrip(":")[1:]
        if default:
            inner = classify(key, RawValue(default), always_secret=always_secret)
            reference.note = f"default value is {inner.kind}"
        return reference
    placeholder = placeholder_kind(text, secret_name)
    if placeholder is not None and placeholder == "template":
        return ValueShape(kind="placeholder", placeholder=True, length=length_class(len(text)))
    shape = _structured(text)
    if shape is None:
        swapped, mapping = _with_sentinels(text) if refs else (text, {})
        url = url_shape(swapped)
        if url is not None:
            _restore(url, mapping)
            shape = url
        elif secret_name and not _BOOLEAN.fullmatch(text):
            shape = _redacted("secret", text)
        else:
            shape = _plain(text)
    if secret_name and shape.kind == "token":
        shape.kind = "secret"
    if placeholder is not None:
        shape.placeholder = True
        shape.format = placeholder
    shape.references = refs
    return shape
