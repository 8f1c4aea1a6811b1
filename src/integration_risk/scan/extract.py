"""Everything one file says about integrations: read once, every extractor, dictionary lookups.

`extract_file` is pure (text in, findings out) so it can run in worker
processes and its result can be cached by content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.catalog.index import CatalogIndex
from integration_risk.lines import COMMENT_LINE, BlockComments, LineIndex
from integration_risk.scan import code, config, drivers, infra, longtail, urls
from integration_risk.scan.bare_hosts import bare_host_hits
from integration_risk.scan.calls import HttpCall
from integration_risk.scan.driver_findings import MIGRATION_PATH, backing_provider, driver_findings
from integration_risk.scan.endpoints import call_sites, calls_host, sends
from integration_risk.scan.env_names import env_name_finding
from integration_risk.scan.env_reads import env_reads
from integration_risk.scan.features import UMBRELLA_WORDS
from integration_risk.scan.findings import LONGTAIL_HOST, LONGTAIL_NAME, Finding
from integration_risk.scan.idp_modules import identity_provider, identity_provider_package
from integration_risk.scan.imports import js_imported_names
from integration_risk.scan.in_process import IN_PROCESS, SAYS_NOTHING
from integration_risk.scan.languages import language_of
from integration_risk.scan.manifests import manifest_ecosystem, parse_manifest
from integration_risk.scan.masking import masker
from integration_risk.scan.model_routes import model_routes
from integration_risk.scan.name_search import holds_any
from integration_risk.scan.outbound import add_built_clients, add_data_calls, calls_of
from integration_risk.scan.testcode import is_api_description, is_test_path
from integration_risk.scan.url_findings import Add, LineTraits, url_finding

# A config file copied as an example (`.env.example`, `config.sample.yml`): its hosts are
# placeholders. Narrower than `sensitive.is_env_template` (which also takes `sample.env`):
# a `sample.yml` or `example.env` often holds the real default endpoints.
_EXAMPLE_CONFIG = re.compile(r"(?i)\.(?:example|sample|template|dist|tmpl)\b")
_MAIL_TEMPLATE = re.compile(
    r"(?i)(?:^|/)[^/]*mail[^/]*/(?:[^/]+/)*[^/]+\.(?:html?|hbs|handlebars|twig|erb|mjml|liquid|"
    r"mustache|jinja2?|j2|tmpl|tpl|cshtml|heex|eex)$|(?:^|/)[^/]*mail[^/]*\.(?:html?|hbs|mjml)$"
)


def _literal_lines(call: HttpCall, text: str, lines: LineIndex) -> set[int]:
    """The line of a call with a literal URL, and the line its URL stands on when the
    arguments go on below (`fetch(\n  "https://api.example.io/v1"\n)`, as formatters wrap)."""
    at = text.find(call.argument, call.offset)
    return {lines.line_of(call.offset), lines.line_of(at if at >= 0 else call.offset)}


def _outlook_markup(name: str, whole: str) -> bool:
    """An HTML page with Outlook's conditional comments (`<!--[if mso]>`): an HTML email,
    whatever its directory is called; only mail clients read that markup."""
    return name.lower().endswith((".html", ".htm")) and "[if mso" in whole


# `.env.example` and friends hold placeholder hosts.
MAX_KEYWORD_HITS = 3
_NAME_WORDS = re.compile(r"[a-z0-9]+")


def package_part(module: str, language: str) -> str:
    """The part of an import path that names the package itself: for Go the path after
    host and owner (`github.com/owner/cache/redis` -> `cache/redis`; an owner such as
    `cockroachdb` says nothing), for JS the package name without its subpath."""
    parts = module.split("/")
    if language == "go":
        return "/".join(parts[2:]) if "." in parts[0] else module
    return "/".join(parts[:2]) if module.startswith("@") else parts[0]


def _word_part(name: str, ecosystem: str) -> str:
    """The part of a dependency's name the word rule reads: a Maven artifact without its
    group (`com.auth0:java-jwt` is a JWT library published by Auth0, not an Auth0 client),
    a Composer package without its vendor."""
    if ecosystem == "maven" and ":" in name:
        return name.rsplit(":", 1)[-1]
    if ecosystem == "packagist" and "/" in name:
        # `laravel-notification-channels/pushover`: the vendor is a scope, as npm's `@scope/`
        return "@" + name
    return package_part(name, "go" if ecosystem == "go" else "js")


# Self-hosted typefaces (`@fontsource/ibm-plex-sans`, `typeface-roboto`, `inter-font`): a
# font family's name may hold a provider's word, and the package only ships font files.
_FONT_PACKAGE = re.compile(r"(?:^|[^a-z])(?:fontsource(?:-variable)?|typeface|fonts?)(?:[^a-z]|$)")


def word_provider(package: str, index: CatalogIndex) -> str | None:
    """`connect-redis`, `github.com/go-macaron/cache/redis`, `@keyv/postgres`: a package whose
    name contains a provider's id as a whole word is an adapter for that provider. A bare
    one-word name is not (the catalog lists real clients; `graphql` is a parser), nor are
    type-definition packages (`@types/...`)."""
    if package.startswith("@types/"):
        return None
    lowered = package.lower()
    if _FONT_PACKAGE.search(lowered):
        return None  # `@fontsource/ibm-plex-sans`: a typeface's files, named after the font
    if len(_NAME_WORDS.findall(lowered)) < 2:
        return None
    # In a scoped package the scope is the publisher (`@graphql-tools/schema`), not the target.
    name = lowered.split("/", 1)[1] if lowered.startswith("@") and "/" in lowered else lowered
    if IN_PROCESS.search(name):
        return None
    for word in _NAME_WORDS.findall(name):
        if len(word) >= 4 and word not in UMBRELLA_WORDS:
            found = index.words.get(word)
            if found:
                return found
    return None


def _own_jvm_library(name: str, ecosystem: str, provider: str, index: CatalogIndex) -> bool:
    """`org.apache.tika:tika-core`: an artifact of the product's own group, where the catalog
    knows no JVM client of it, is the product's library running in the process."""
    if ecosystem != "maven" or ":" not in name:
        return False
    if provider not in name.split(":", 1)[0].lower().split("."):
        return False
    return provider not in index.packages.get("maven", {}).values()


def extract_file(
    relpath: str,
    text: str,
    index: CatalogIndex,
    whole: str | None = None,
    line_map: list[int] | None = None,
) -> list[Finding]:
    """`whole`: the full file when `text` holds only its candidate lines (the prefilter),
    and `line_map` each of those lines' number in it; whole-file checks (browser code,
    config size, the function around a call) read it."""
    whole = text if whole is None else whole
    name = relpath.rsplit("/", 1)[-1]
    lines = LineIndex(text)
    test_code = is_test_path(relpath) or is_api_description(relpath, whole)
    mask = masker(relpath)
    out: list[Finding] = []
    # Each line is masked once: a long generated line can hold hundreds of findings, and
    # masking it again for each one made a 300 KB config file take 13 s.
    snippets: dict[int, str | None] = {}
    called: dict[int, bool] = {}  # a host's line: `calls_host` on the raw line, once per line
    added: set[tuple[str, str, int, bool]] = set()  # the same finding twice on a line is one

    # the whole file's block-commented lines, read at the first finding
    blocks = BlockComments(whole if language_of(relpath) in _BLOCK_COMMENTED else "")

    def add(
        provider: str, kind: str, offset: int, dev_dependency: bool = False, line: int = 0
    ) -> None:
        number = line or lines.line_of(offset)
        key = (provider, kind, number, dev_dependency)
        if key in added:
            return
        added.add(key)
        if number in snippets:
            snippet = snippets[number]
        else:
            text = lines.line_text(number)
            # commented-out code and config are not used
            whole_number = line_map[number - 1] if line_map is not None else number
            commented = COMMENT_LINE.match(text) is not None or blocks.covers(whole_number)
            snippet = snippets[number] = None if commented else mask(text)
        if snippet is None:
            return
        calls = provider.startswith(LONGTAIL_HOST)
        if calls and number not in called:
            called[number] = calls_host(lines.line_text(number))
        calls = calls and called[number]
        out.append(Finding(provider, kind, number, snippet, test_code, dev_dependency, calls))

    ecosystem = manifest_ecosystem(relpath)
    if ecosystem is not None:
        for feature, offset in drivers.dependency_features(text, name):
            provider = backing_provider(feature, index)
            if provider:
                add(provider, "dependency", offset)
        for dep in parse_manifest(relpath, text).dependencies:
            if dep.transitive or dep.name.lower() in SAYS_NOTHING.get(dep.ecosystem, ()):
                continue
            # Testcontainers modules start a service for tests, whatever the manifest says.
            dev = dep.dev or "testcontainers" in dep.name.lower()
            worded = word_provider(_word_part(dep.name, dep.ecosystem), index)
            if worded and _own_jvm_library(dep.name, dep.ecosystem, worded, index):
                worded = None
            provider = (
                index.package_provider(dep.ecosystem, dep.name)
                or worded
                or identity_provider_package(dep.ecosystem, dep.name, index)
            )
            if provider is None and not dev:
                system = longtail.system_of_client_package(dep.name)
                provider = LONGTAIL_NAME + system if system else None
            if provider:
                add(provider, "dependency", 0, dev, dep.line)

    language = language_of(relpath)
    calls: list[HttpCall] = []
    if language is not None:
        _code_findings(text, language, index, add, whole)
        for provider, offset in model_routes(text, index, whole):
            add(provider, "driver", offset)  # the provider a LiteLLM model string routes to
        calls = [] if test_code else calls_of(relpath, text, language, whole)
        if language in ("js", "php", "python", "csharp", "ruby", "java") and not test_code:
            add_built_clients(relpath, text, index, lambda p, k, o: add(p, k, o), whole)
    sites = call_sites(
        (line for c in calls if c.target == "literal" for line in _literal_lines(c, text, lines)),
        (c.argument for c in calls if c.target == "data"),
        whole,
    )

    if language is not None or config.is_config_file(name):
        driver_findings(relpath, text, index, add)

    if config.is_config_file(name) and len(whole) <= config.MAX_CONFIG_CHARS:
        for key, offset in config.declared_keys(text):
            env_name_finding(key, offset, index, add, "config")

    for image, offset in infra.images(text, name):
        provider = index.image_provider(image)
        if provider:
            add(provider, "image", offset)
    if name.endswith(".tf"):
        for resource, offset in infra.terraform_resources(text):
            provider = index.terraform_provider(resource)
            if provider:
                add(provider, "terraform", offset)

    # Hosts outside the catalog count only where code or config calls them, not in pages.
    long_tail_ok = (
        (language is not None or config.is_config_file(name))
        and not test_code
        and not _EXAMPLE_CONFIG.search(name)  # `.env.example`: placeholder hosts
    )
    # Dockerfile URLs are build-time downloads, not what the running app calls; a plain-text
    # template or a translation catalog is text people read.
    skip_urls = infra.is_dockerfile(name) or urls.people_text(relpath)
    hits: list[urls.UrlHit] = [] if skip_urls else list(urls.url_hits(text))
    if not skip_urls and (language is not None or config.is_config_file(name)):
        hits.extend(_bare_hosts(text, index))
    if hits and (_MAIL_TEMPLATE.search(relpath) or _outlook_markup(name, whole)):
        # an HTML mail's fonts are fetched by the recipient's mail client, not by the app
        hits = [h for h in hits if index.categories.get(index.host_provider(h.host) or "") != "cdn"]
    # A migration's URLs are rows it writes (defaults, renamed endpoints): weak, like config.
    url_kind = "config" if MIGRATION_PATH.search(relpath) else "url"
    seen: dict[int, LineTraits] = {}  # a line may hold many URLs: each line is read once
    json_in_strings = language in ("java", "csharp") and not name.endswith((".groovy", ".gradle"))
    for hit in hits:
        url_finding(hit, lines, index, add, long_tail_ok, sites, url_kind, seen, json_in_strings)
    if calls:
        add_data_calls(
            relpath, text, calls, index, out, lambda p, k, o: add(p, k, o), whole, line_map
        )
    return out


def _bare_hosts(text: str, index: CatalogIndex) -> Iterator[urls.UrlHit]:
    """Catalog hosts written without a scheme (`"smtp.mailgun.org"`), but no CDN's: a bare
    CDN host in code is an allow-list or asset-policy entry."""
    for hit in bare_host_hits(text, index.hosts):
        if index.categories.get(index.host_provider(hit.host) or "") != "cdn":
            yield hit


# Languages whose `/* ... */` comments hide commented-out code.
_BLOCK_COMMENTED = frozenset({"java", "csharp", "js", "go", "php", "rust", "dart"})
_GO_INTERNAL = re.compile(r"(?:^|/)internal(?:/|$)")


def _code_findings(
    text: str, language: str, index: CatalogIndex, add: Add, whole: str | None = None
) -> None:
    for module, offset in code.imported_modules(text, language):
        # `next-auth/providers/github` is GitHub sign-in, not the sign-in library (a prefix
        # of it the catalog may list); a module the catalog lists itself keeps its provider
        provider = (
            index.imports.get(language, {}).get(module.lower())
            or identity_provider(module, index)
            or index.import_provider(language, module)
        )
        # Go allows importing an `internal/` package only inside its own module: project code
        local = language == "go" and _GO_INTERNAL.search(module) is not None
        if provider is None and language in ("go", "js") and not local:
            provider = word_provider(package_part(module, language), index)
        if provider:
            add(provider, "import", offset)
    for module, offset in code.adapter_modules(text, language):
        provider = index.import_provider(language, module)
        if provider:
            add(provider, "driver", offset)
    # a class finding is a catalog class called by its name: a text holding none has none
    if index.classes and holds_any(text, "class", index.version, index.classes.keys):
        imported: dict[str, str] | None = None  # read only for a file with a catalog class
        for cls, offset in code.called_classes(text):
            provider = index.classes.get(cls)
            if not provider:
                continue
            if language == "js":
                if imported is None:
                    imported = js_imported_names(whole or text)
                if cls in imported and code.foreign_class(imported[cls], provider, index):
                    continue  # `import { DocumentClient } from "@acme/documents"`: the project's own
            add(provider, "client", offset)
    for method, offset in code.called_methods(text, index.methods):
        add(index.methods[method], "client", offset)
    for program, offset in code.programs_run(text, index.tokens["programs"]):
        add(index.tokens["programs"][program], "client", offset)
    for service, offset in code.boto3_services(text, language, whole):
        provider = index.tokens["boto3"].get(service)
        if provider:
            add(provider, "sdk-service", offset)
    for provider, offset in code.geocoder_lookups(text, language):
        if provider in index.names:
            add(provider, "driver", offset)  # the service the gem is set to call
    for api, offset in code.google_api_services(text, language):
        provider = index.google_api_provider(api)
        if provider:
            add(provider, "sdk-service", offset)
    if language == "python":
        for dotted, offset in code.python_dotted_strings(text):
            provider = index.import_provider("python", dotted)
            if provider:
                # `'ENGINE': 'django.db.backends.sqlite3'`, `EMAIL_BACKEND = '...smtp...'`:
                # the backend a Django setting selects; other dotted strings only name one
                add(
                    provider,
                    "driver" if _BACKEND_KEY.search(_line_at(text, offset)) else "config",
                    offset,
                )
    env_lines: LineIndex | None = None
    for env_name, line in env_reads(text, language, whole):
        env_lines = env_lines or LineIndex(text)
        text_of_line = env_lines.line_text(line) if line >= 1 else ""
        env_name_finding(env_name, 0, index, add, "env", line, text_of_line)
    if index.tokens["keywords"]:
        lowered = text.lower()
        for keyword, provider in index.tokens["keywords"].items():
            # str.find is a C loop; a `\w*keyword\w*` regex backtracks at every word start.
            at = lowered.find(keyword)
            hits = 0
            while at >= 0 and hits < MAX_KEYWORD_HITS:
                start = lowered.rfind("\n", 0, at) + 1
                end = lowered.find("\n", at)
                end = len(lowered) if end < 0 else end
                # Only where something is sent: `deliverWebhook(...)`, `post(hook.url)`.
                row = lowered[start:end]
                if sends(row) and not COMMENT_LINE.match(row):
                    add(provider, "keyword", at)
                    hits += 1
                at = lowered.find(keyword, end + 1) if end < len(lowered) else -1


_BACKEND_KEY = re.compile(r"\b(?:ENGINE|engine|[A-Z_]*BACKEND)\b['\"]?\s*[:=]")


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : len(text) if end < 0 else end]
