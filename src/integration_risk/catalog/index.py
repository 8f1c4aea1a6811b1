"""Dictionaries built once from the catalog: every lookup the scanner does is here.

Detection is token extraction plus dictionary lookups: each extractor yields
tokens (a package name, an imported module, a host, ...) and asks this index
which provider, if any, owns it. Prefix rules (a package name covering deeper
paths, a host covering its subdomains) are answered by walking the token's
own prefixes, never by looping over providers.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from integration_risk.atomic import atomic_write
from integration_risk.catalog.constants import (
    PREBUILT_INDEX,
    PROVIDERS_DIR,
    catalog_version,
    version_of,
)
from integration_risk.paths import user_cache_root

if TYPE_CHECKING:
    from integration_risk.catalog.model import Catalog

_SEPARATORS = re.compile(r"[/.:\\]")


def _prefixes(token: str) -> list[str]:
    """`a/b/c` -> [`a/b/c`, `a/b`, `a`]; the longest (most specific) first."""
    out = [token]
    for match in reversed(list(_SEPARATORS.finditer(token))):
        head = token[: match.start()]
        if head:
            out.append(head)
    return out


def normalise_package(ecosystem: str, name: str) -> str:
    """The name as the registry compares names: PyPI's canonical form, else lowercase."""
    name = name.strip()
    if ecosystem != "pypi":
        return name.lower()
    # Imported here: `packaging.utils` pulls in `packaging.tags` (~35 ms), which a warm
    # scan, reading no manifest, does not need.
    from packaging.utils import canonicalize_name

    return canonicalize_name(name)


# The provider fields whose values are looked up as they are written, lowercased: one
# table (value -> provider id) per field in `CatalogIndex.tokens`.
TokenField = Literal["schemes", "images", "terraform", "boto3", "programs", "keywords"]
TOKEN_FIELDS: tuple[TokenField, ...] = get_args(TokenField)


def _token_tables() -> dict[TokenField, dict[str, str]]:
    return {name: {} for name in TOKEN_FIELDS}


@dataclass
class CatalogIndex:
    version: str
    names: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    packages: dict[str, dict[str, str]] = field(default_factory=dict)
    imports: dict[str, dict[str, str]] = field(default_factory=dict)
    tokens: dict[TokenField, dict[str, str]] = field(default_factory=_token_tables)
    classes: dict[str, str] = field(default_factory=dict)
    # Lowercase `classes` entries: framework methods that call a provider (`uncompromised`).
    methods: dict[str, str] = field(default_factory=dict)
    env_names: dict[str, str] = field(default_factory=dict)
    env_prefixes: dict[str, str] = field(default_factory=dict)
    hosts: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)

    # -- lookups -------------------------------------------------------------

    def package_provider(self, ecosystem: str, name: str) -> str | None:
        table = self.packages.get(ecosystem)
        if not table:
            return None
        for candidate in _prefixes(normalise_package(ecosystem, name)):
            found = table.get(candidate)
            if found:
                return found
        return None

    def import_provider(self, language: str, module: str) -> str | None:
        table = self.imports.get(language)
        if not table:
            return None
        for candidate in _prefixes(module.lower()):
            found = table.get(candidate)
            if found:
                return found
        return None

    def env_provider(self, name: str) -> str | None:
        upper = name.upper()
        found = self.env_names.get(upper)
        if found:
            return found
        # Longest matching vendor prefix wins (`AWS_SES_` over `AWS_`).
        vendor, vendor_end = None, 0
        for end in range(len(upper), 1, -1):
            vendor = self.env_prefixes.get(upper[:end])
            if vendor:
                vendor_end = end
                break
        # An app prefix before a known name: `PAPERLESS_EMAIL_HOST` ends with `EMAIL_HOST`.
        # Only suffixes of two or more words, so a lone `HOST` or `URL` never matches. A
        # vendor's prefix before it names the vendor's own setting: `TELEGRAM_BOT_WEBHOOK_URL`
        # is Telegram's, not an outgoing webhook.
        at = upper.find("_")
        while at >= 0:
            suffix = upper[at + 1 :]
            if "_" in suffix:
                found = self.env_names.get(suffix)
                if found:
                    return vendor if vendor and vendor_end <= at + 1 else found
            at = upper.find("_", at + 1)
        return vendor

    def host_provider(self, host: str) -> str | None:
        parts = host.lower().rstrip(".").split(".")
        for start in range(len(parts) - 1):
            found = self.hosts.get(".".join(parts[start:]))
            if found:
                return found
        return None

    def google_api_provider(self, api: str) -> str | None:
        """The catalog's entry for one Google API by its discovery name (`gmail`,
        `calendar`, `drive`): its `<api>.googleapis.com` host, else a `google-<api>` id."""
        found = self.host_provider(f"{api}.googleapis.com")
        if found and found != self.hosts.get("www.googleapis.com"):
            return found
        for pid in (f"google-{api}", api):
            if pid in self.names and pid.startswith(("google-", "gmail", "youtube")):
                return pid
        return None

    def domain_provider(self, domain: str) -> str | None:
        """The one provider whose catalog hosts all lie under `domain` (`paypal.com` for
        `api.paypal.com`, `api-m.paypal.com`, ...); None when there are several or none."""
        domain = domain.lower().rstrip(".")
        if domain.count(".") < 1:
            return None
        owners = {p for h, p in self.hosts.items() if h == domain or h.endswith("." + domain)}
        return owners.pop() if len(owners) == 1 else None

    def scheme_provider(self, scheme: str) -> str | None:
        return self.tokens["schemes"].get(scheme.lower())

    def image_provider(self, image: str) -> str | None:
        """`docker.io/bitnami/redis:7.2@sha256:..` -> provider of `bitnami/redis` or `redis`."""
        name = image.lower().split("@", 1)[0]
        last = name.rsplit("/", 1)[-1]
        if ":" in last:
            name = name[: len(name) - len(last)] + last.split(":", 1)[0]
        segments = name.split("/")
        if len(segments) > 1 and ("." in segments[0] or ":" in segments[0]):
            segments = segments[1:]  # drop a registry host
        for start in range(len(segments)):
            found = self.tokens["images"].get("/".join(segments[start:]))
            if found:
                return found
        return None

    def terraform_provider(self, resource_type: str) -> str | None:
        lowered = resource_type.lower()
        for end in range(len(lowered), 2, -1):
            found = self.tokens["terraform"].get(lowered[:end])
            if found:
                return found
        return None


# Provider ids that are also everyday words: never inferred from a setting's name alone.
AMBIGUOUS_IDS = frozenset(
    """
    box split heap magic here loops knock courier sanity square wise ory mux neon druid chroma
    consul temporal pulsar apple zoom segment amplitude pendo fathom axiom highlight raygun
    bandwidth plaid paddle affirm clerk kinde duo radius oracle spanner unleash vespa statsig
    monday crisp drift loops resend knock novu ably mercury ghost
    graphql grpc webhooks pubsub
    gmail line steam genius matrix daily agora naver nasa tenor maxmind fixer kraken alpaca drip
    pocket adjust shortcut harvest greenhouse lever front flare iterable emailjs convex mega smarty
    materialize runway minimax unstructured ups vercel netlify heroku nomad kubernetes linear
    transmission deluge keygen
    """.split()
)
# Of those, the ones that name a vendor, not a protocol (a `webhook` feature is webhooks):
# a feature named by one of them alone is not that vendor without its package.
EVERYDAY_IDS = AMBIGUOUS_IDS - frozenset("graphql grpc webhooks pubsub".split())


def _put(table: dict[str, str], key: str, provider_id: str) -> None:
    # First writer wins; the catalog test reports collisions, lookups stay deterministic.
    table.setdefault(key, provider_id)


def build_index(catalog: Catalog) -> CatalogIndex:
    """The index of a validated catalog (what the catalog tests check)."""
    raw = {pid: provider.model_dump() for pid, provider in catalog.providers.items()}
    return index_of_raw(catalog.version, raw)


def index_of_raw(version: str, providers: dict[str, dict[str, Any]]) -> CatalogIndex:
    """The index from provider files as parsed TOML (missing fields are empty). The scan
    builds it this way, without pydantic: validating every file is the catalog test's job."""
    index = CatalogIndex(version=version)
    for pid, provider in sorted(providers.items()):
        aliases = tuple(provider.get("aliases", ()))
        env = provider.get("env", {})
        index.names[pid] = provider["name"]
        index.categories[pid] = provider["category"]
        index.aliases[pid] = aliases
        for ecosystem, names in provider.get("packages", {}).items():
            table = index.packages.setdefault(ecosystem, {})
            for name in names:
                _put(table, normalise_package(ecosystem, name), pid)
        for language, modules in provider.get("imports", {}).items():
            table = index.imports.setdefault(language, {})
            for module in modules:
                # PHP `A\B` and Rust `a::b` are looked up dotted, as the import extractor yields them.
                _put(table, module.lower().replace("\\", ".").replace("::", "."), pid)
        for cls in provider.get("classes", ()):
            _put(index.classes, cls, pid)
            if cls[:1].islower():
                _put(index.methods, cls, pid)
        for env_name in env.get("names", ()):
            _put(index.env_names, env_name.upper(), pid)
        for prefix in env.get("prefixes", ()):
            _put(index.env_prefixes, prefix.upper(), pid)
        for host in provider.get("hosts", ()):
            _put(index.hosts, host.lower().lstrip("*.").rstrip("."), pid)
        for field_name, table in index.tokens.items():
            for value in provider.get(field_name, ()):
                _put(table, value.lower(), pid)
        for word in (pid, *aliases):
            if len(word) >= 3 and "." not in word and word not in AMBIGUOUS_IDS:
                _put(index.words, word.lower(), pid)
    return index


# The index of the shipped catalog, written by the package build (`hatch_build.py` at the
# checkout's root) and shipped in the wheel; not in git. Used only when it is the index of
# the provider files and of this module as they are (the version it records says so).
PREBUILT = PREBUILT_INDEX


def _toml_loads() -> Any:
    try:
        import tomli  # compiled: ~3x the standard library's parser on these files
    except ImportError:  # the package build's environment: the same parser, pure Python
        import tomllib

        return tomllib.loads
    return tomli.loads


def _parse_shipped_catalog() -> CatalogIndex:
    """Read every provider file once: its bytes give the version, its TOML the index."""
    loads = _toml_loads()
    contents = [(path, path.read_bytes()) for path in sorted(PROVIDERS_DIR.glob("*.toml"))]
    raw = {}
    for path, data in contents:
        parsed = loads(data.decode("utf-8"))
        raw[str(parsed.get("id", path.stem))] = parsed
    return index_of_raw(version_of(contents), raw)


def _builder() -> str:
    """This module's source, hashed: a change to how the index is built (a word added to
    AMBIGUOUS_IDS) must not be hidden by an index or scan cached under the same catalog."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8]


def _read_index(path: Path, version: str) -> CatalogIndex | None:
    """The index stored in `path` when it is the one of `version`; None otherwise."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("version") != version or not _well_formed(data):
            return None
        data["aliases"] = {k: tuple(v) for k, v in data["aliases"].items()}
        return CatalogIndex(**data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


_FIELDS = frozenset(f.name for f in fields(CatalogIndex))


def _well_formed(data: dict[str, Any]) -> bool:
    """Every table of the index there, as a table (a file cut short or edited by hand is
    rebuilt, not read into a scan that fails on a missing key)."""
    tables = [value for key, value in data.items() if key != "version"]
    return (
        data.keys() == _FIELDS
        and all(isinstance(table, dict) for table in tables)
        and data["tokens"].keys() == set(TOKEN_FIELDS)
    )


def _encoded(index: CatalogIndex) -> bytes:
    # vars, not asdict: every field is already JSON (asdict deep-copies ~40k values)
    return json.dumps(vars(index)).encode("utf-8")


def write_prebuilt(path: Path = PREBUILT) -> CatalogIndex:
    """Write the shipped catalog's index to `path` (what the package build ships)."""
    index = _parse_shipped_catalog()
    index.version = f"{index.version}-{_builder()}"
    encoded = _encoded(index)
    try:
        if path.read_bytes() == encoded:
            return index  # each build (a wheel, `uv sync`) leaves an unchanged index untouched
    except OSError:
        pass
    atomic_write(path, encoded)
    return index


@lru_cache(maxsize=1)
def catalog_index() -> CatalogIndex:
    """The index of the shipped catalog. Parsing ~1,000 TOML files costs more than a warm
    scan, so the index is read from JSON keyed by the catalog's content hash and this
    module's: the user cache's, else the one the package build shipped (`PREBUILT`), else
    built from the TOML files and cached; a corrupt or stale file is simply not used."""
    builder = _builder()
    version = f"{catalog_version()}-{builder}"
    cached = user_cache_root() / "catalog" / f"index-{version}.json"
    found = _read_index(cached, version) or _read_index(PREBUILT, version)
    if found is not None:
        return found
    index = _parse_shipped_catalog()
    index.version = f"{index.version}-{builder}"  # scan caches keyed by it follow the builder too
    if index.version != version:  # a file changed while we read: key by what we indexed
        cached = cached.with_name(f"index-{index.version}.json")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cached, _encoded(index))
    except OSError:
        pass  # no writable cache dir: rebuild next time
    return index
