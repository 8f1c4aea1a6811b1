"""URLs in code and config: scheme and host of every URL literal, and which hosts are noise.

Hosts that are clearly local or documentary (localhost, private addresses,
example domains, XML namespaces, licence and docs links, package registries)
are never integrations and are dropped here, before any lookup.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass

_URL = re.compile(
    r"\b([a-zA-Z][a-zA-Z0-9+.\-]{1,24})://"  # scheme
    r"(?:(?:[^\s/@'\"`<>]*@)?"  # userinfo, discarded
    r"([A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*)"
    r"|(?=/)"  # no host: a file-backed store, `sqlite:///data/app.db`
    # ... or the scheme alone, the library's defaults for the rest: Celery's `broker_url =
    # "sqs://"`, `"redis://"` (a web scheme alone is a prefix being built: `"https://" + host`)
    r"|(?P<bare>)(?=[\"'`]))"
)
_WEB_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp", "ftps"})
# A scheme alone is a setting's whole value where it is assigned, a keyword's or a key's value
# or a fallback (`broker="sqs://"`, `'url': 'redis://'`, `or "sqlite://"`) and ends there; not
# a prefix compared with, cut off or searched for (`startsWith("smb://")`,
# `Str::after($path, 'sftp://')`) or joined to a host (`"smtp://" + host`).
_VALUE_BEFORE = re.compile(r"(?:[=:,]|\bor|\|\||\?\?)\s*$")
_PREFIX_TEST = re.compile(
    r"(?i)start_?s?_?with|hasprefix|\b(?:str::)?(?:after|before|replace|strip|trim|split|remove)\w*\("
    r"|index_?of|contains|includes"
)
_VALUE_AFTER = re.compile(r"\s*(?:[,;)\]}]|$)", re.M)
# ... nor an entry of a list of schemes (`'file://', 'smb://', 'sftp://',`: the protocols a
# sanitizer lets through), whose neighbour is another scheme alone.
_SCHEME_BEFORE = re.compile(r"""["'`][a-z][\w+.-]*://["'`]\s*,\s*$""")
_SCHEME_AFTER = re.compile(r"""\s*,\s*["'`][a-z][\w+.-]*://["'`]""")


def _whole_value(text: str, match: re.Match[str], scheme: str) -> bool:
    quote = match.start() - 1
    return (
        scheme not in _WEB_SCHEMES
        and quote >= 0
        and text[quote] == text[match.end()]  # the literal is the scheme alone
        and _VALUE_BEFORE.search(text, max(0, quote - 40), quote) is not None
        and _PREFIX_TEST.search(text, max(0, quote - 60), quote) is None
        and _VALUE_AFTER.match(text, match.end() + 1) is not None
        and _SCHEME_BEFORE.search(text, max(0, quote - 60), quote) is None
        and _SCHEME_AFTER.match(text, match.end() + 1) is None
    )


# A host whose first label is a template (`https://<%= ENV["ACCOUNT"] %>.r2.cloudflarestorage.com`,
# `https://${bucket}.s3.amazonaws.com`, `f"https://{tenant}.myshopify.com"`): the rest names it.
_TEMPLATED_HOST = re.compile(
    r"\b([a-zA-Z][a-zA-Z0-9+.\-]{1,24})://"
    r"(?:<%=[^%\n]*%>|\$\{[^}\n]*\}|\{\{[^}\n]*\}\}|#\{[^}\n]*\}|\{[^}\n]*\}|%s|%\([^)\n]*\)s)"
    r"\.((?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})"
)
# A first label with text around its template (`$"https://api{env}.paypal.com/v1"`,
# `` `https://api-${region}.vendor.io` ``, `f"https://{zone}api.vendor.io"`): the rest is
# the vendor's domain, and only the catalog can say whose (`UrlHit.partial`).
_PARTIAL_TEMPLATED_HOST = re.compile(
    r"\b([a-zA-Z][a-zA-Z0-9+.\-]{1,24})://"
    r"(?=[A-Za-z0-9\-]*(?:\$\{|#\{|\{))"
    r"(?:[A-Za-z0-9\-]+(?:\$\{[^}\n]*\}|#\{[^}\n]*\}|\{[^}\n]*\})[A-Za-z0-9\-]*"
    r"|(?:\$\{[^}\n]*\}|#\{[^}\n]*\}|\{[^}\n]*\})[A-Za-z0-9\-]+)"
    r"\.((?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})"
)

LOCAL_SUFFIXES = (
    ".local",
    ".localhost",
    ".internal",
    ".lan",
    ".home",
    ".test",
    ".example",
    ".invalid",
    ".svc",
    ".cluster.local",
    ".localdomain",
    ".docker",
)
NOISE_DOMAINS = frozenset(
    """
    localhost example.com example.org example.net example.io example.dev w3.org www.w3.org
    schemas.xmlsoap.org schemas.microsoft.com schemas.openxmlformats.org purl.org xmlns.com
    json-schema.org schema.org ogp.me opensource.org apache.org gnu.org fsf.org
    creativecommons.org mit-license.org spdx.org github.com gist.github.com
    raw.githubusercontent.com githubusercontent.com github.io gitlab.com bitbucket.org
    stackoverflow.com stackexchange.com wikipedia.org mozilla.org developer.mozilla.org
    npmjs.com npmjs.org registry.npmjs.org yarnpkg.com unpkg.com jsdelivr.net cdnjs.cloudflare.com
    pypi.org python.org readthedocs.io readthedocs.org docs.rs crates.io rubygems.org
    pkg.go.dev golang.org go.dev maven.apache.org nuget.org packagist.org hex.pm pub.dev
    medium.com dev.to youtube.com youtu.be twitter.com x.com facebook.com instagram.com
    linkedin.com reddit.com shields.io img.shields.io badge.fury.io travis-ci.org
    travis-ci.com circleci.com codecov.io coveralls.io fonts.googleapis.com fonts.gstatic.com
    google.com www.google.com goo.gl bit.ly tinyurl.com semver.org keepachangelog.com
    conventionalcommits.org microsoft.com docs.microsoft.com learn.microsoft.com aka.ms
    apple.com developer.apple.com android.com developer.android.com tools.ietf.org ietf.org
    rfc-editor.org iana.org datatracker.ietf.org json.org yaml.org toml.io ecma-international.org
    whatwg.org html.spec.whatwg.org caniuse.com nodejs.org typescriptlang.org reactjs.org
    react.dev vuejs.org angular.io svelte.dev nextjs.org vercel.com netlify.app netlify.com
    djangoproject.com docs.djangoproject.com flask.palletsprojects.com fastapi.tiangolo.com
    docker.com docs.docker.com kubernetes.io helm.sh terraform.io hashicorp.com
    postgresql.org mysql.com redis.io mongodb.com sqlite.org elastic.co
    en.wikipedia.org code.visualstudio.com marketplace.visualstudio.com openapis.org swagger.io
    jsonplaceholder.typicode.com httpbin.org placeholder.com placehold.co via.placeholder.com
    picsum.photos lorempixel.com dummyimage.com
    test.com domain.com yourdomain.com your-domain.com mydomain.com yoursite.com
    discord.gg t.me wa.me matrix.to forms.gle lnkd.in ko-fi.com buymeacoffee.com liberapay.com
    """.split()
)
# (the last row: invitation, short-link and donation domains, links for people with no API)
# `localhost.com`, `localhost.localdomain`: placeholders for the machine itself
NOISE_PREFIXES = (
    "docs.",
    "doc.",
    "documentation.",
    "help.",
    "support.",
    "blog.",
    "www.docs.",
    "localhost.",
    "wiki.",
)
_SCHEME_NOISE = frozenset(
    {"file", "data", "about", "chrome", "javascript", "mailto", "blob", "urn"}
)


@dataclass(frozen=True, slots=True)
class UrlHit:
    scheme: str
    host: str
    offset: int
    partial: bool = False  # `host` is the domain under a first label built around a template


def _is_ip_private(host: str) -> bool | None:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    return (
        address.is_private or address.is_loopback or address.is_unspecified or address.is_link_local
    )


def is_local_host(host: str) -> bool:
    """A host on the machine or the private network: a single label (a docker service,
    `localhost`), a private or loopback address, a local suffix (`.svc.cluster.local`)."""
    host = host.lower().rstrip(".")
    return "." not in host or _is_ip_private(host) is True or host.endswith(LOCAL_SUFFIXES)


def is_noise_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    if "." not in host:
        return True  # single-label names: docker services, placeholders
    private = _is_ip_private(host)
    if private is not None:
        return True  # raw IP addresses are deployment details, not named systems
    if is_local_host(host) or host.startswith(NOISE_PREFIXES):
        return True
    parts = host.split(".")
    if not parts[-1].isalpha():
        return True
    return any(".".join(parts[start:]) in NOISE_DOMAINS for start in range(len(parts) - 1))


def _on_url_lines(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for the URL patterns above, searched only on the lines that
    hold `://` (most lines of a file do not): every match holds `://` and none holds a line
    break, and `\\b` still sees the character before the line."""
    at = text.find("://")
    while at >= 0:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        yield from pattern.finditer(text, text.rfind("\n", 0, at) + 1, end)
        at = text.find("://", end)


def url_hits(text: str) -> Iterator[UrlHit]:
    if "://" not in text:
        return
    for match in _on_url_lines(_URL, text):
        scheme = match.group(1).lower()
        if scheme in _SCHEME_NOISE or (
            match.group("bare") is not None and not _whole_value(text, match, scheme)
        ):
            continue
        yield UrlHit(scheme, (match.group(2) or "").lower(), match.start())
    if "://<" in text or "://$" in text or "://{" in text or "://#" in text or "://%" in text:
        for match in _on_url_lines(_TEMPLATED_HOST, text):
            scheme = match.group(1).lower()
            if scheme not in _SCHEME_NOISE:
                yield UrlHit(scheme, match.group(2).lower(), match.start())
    if "{" in text:
        for match in _on_url_lines(_PARTIAL_TEMPLATED_HOST, text):
            scheme = match.group(1).lower()
            if scheme not in _SCHEME_NOISE:
                yield UrlHit(scheme, match.group(2).lower(), match.start(), partial=True)


def registrable_name(host: str) -> str:
    """A readable short name for a host outside the catalog (`api.kraken.com` -> `kraken`)."""
    parts = host.lower().split(".")
    if (
        len(parts) >= 3
        and len(parts[-1]) == 2
        and parts[-2] in {"co", "com", "org", "net", "ac", "gov"}
    ):
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else host


# A plain-text template (`welcome.text.erb`, `reset.txt.twig`) is a mail or page body people
# read. A translation catalog (Rails `config/locales/fr.yml`, Laravel `lang/de/auth.php`,
# gettext `locale/es/LC_MESSAGES/django.po`, `i18n/en.json`) holds sentences shown to people,
# once per language. Their URLs are links; the app calls none of them.
_TEXT_TEMPLATE = re.compile(r"(?i)\.(?:text|txt)\.\w+$")
# Lowercase directories only, PHP only under `lang/`: `src/App/Translation/DeepLProvider.php`
# is code of a translation feature, and calls its API.
_TRANSLATION_FILE = re.compile(
    r"(?:^|/)(?:locales?|i18n|l10n|langs?|languages|translations?)/(?:[^/]+/)*"
    r"[^/]+\.(?:ya?ml|json|po|pot|properties|xlf|xliff|arb|strings)$"
    r"|(?:^|/)lang/(?:[^/]+/)*[^/]+\.php$"
)


def people_text(relpath: str) -> bool:
    """A file of text for people, whose URLs are links (see above)."""
    name = relpath.rsplit("/", 1)[-1]
    return _TEXT_TEMPLATE.search(name) is not None or _TRANSLATION_FILE.search(relpath) is not None
