"""Code evidence: imported modules, client constructors and SDK service names.

One or two compiled regexes per language pull every imported module name out
of a file in a single pass; each name is then a dictionary lookup in the
catalog index (`import_provider`), never a loop over providers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.catalog.index import CatalogIndex
from integration_risk.scan.imports import import_statements

# (language, pattern) for each import form. One literal-prefixed regex per form: `re`
# skips ahead with a fast literal search, which an alternation of keywords would defeat.
_IMPORT_FORMS = (
    ("python", r"(?m)^[ \t]*from[ \t]+([A-Za-z_][\w.]*)[ \t]+import[ \t]+\(?([\w \t,]*)"),
    ("python", r"(?m)^[ \t]*import[ \t]+([A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*)"),
    ("js", r"from\s*['\"]([^'\"\s]+)['\"]"),
    ("js", r"import\s*\(?\s*['\"]([^'\"\s]+)['\"]"),
    ("js", r"require\s*\(\s*['\"]([^'\"\s]+)['\"]"),
    ("go", r"(?m)^[ \t]*import[ \t]+(?:[\w.]+[ \t]+)?\"([^\"]+)\""),
    # a line of an import block: a module path (`"github.com/x/y"`), or a standard-library
    # network package (`smtp "net/smtp"`); gofmt leaves no other line holding one string alone
    ("go", r"(?m)^[ \t]*(?:[\w.]+[ \t]+)?\"([\w.\-]+\.[a-z]{2,}/[^\"]+|net/[a-z/]+)\"[ \t]*$"),
    ("ruby", r"(?m)^[ \t]*require[ \t(]+['\"]([^'\"]+)['\"]"),
    ("java", r"(?m)^[ \t]*import[ \t]+(?:static[ \t]+)?([\w.]+)"),
    (
        "csharp",
        r"(?m)^[ \t]*(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?(?:\w+[ \t]*=[ \t]*)?([\w.]+)[ \t]*;",
    ),
    ("php", r"(?m)^[ \t]*use[ \t]+\\?([\w\\]+)"),
    ("php", r"\bnew[ \t]+\\?([A-Z]\w*(?:\\\w+)+)"),
    ("rust", r"(?m)^[ \t]*(?:pub[ \t]+)?use[ \t]+(?:::)?([\w:]+)"),
    ("rust", r"(?m)^[ \t]*extern[ \t]+crate[ \t]+(\w+)"),
    # fully qualified paths in code: diesel::pg::PgConnection::establish(..)
    ("rust", r"(?<![:\w])([a-z_][a-z0-9_]*(?:::[a-z_][a-z0-9_]*)+)::[A-Z]"),
    ("elixir", r"(?m)^[ \t]*(?:alias|import|use|require)[ \t]+([A-Z][\w.]*)"),
    # an Erlang module called from Elixir needs no import: `:eldap.open([host], opts)`
    ("elixir", r"(?<![\w:]):([a-z][a-z0-9_]*)\.[a-z_]\w*[!?]?\("),
    ("dart", r"(?m)^[ \t]*import[ \t]+['\"]package:([^/'\"]+)"),
)
# The module an Elixir config picks by name (`config :app, App.Mailer, adapter:
# Swoosh.Adapters.Mailgun`): the backing service the app is set up to use, like a driver.
_ADAPTER_MODULE = re.compile(r"\badapter:[ \t]*([A-Z]\w*(?:\.[A-Z]\w*)+)")


def adapter_modules(text: str, language: str) -> Iterator[tuple[str, int]]:
    """(module, offset) of each module an Elixir `adapter:` option names."""
    if language == "elixir" and "adapter:" in text:
        for match in _ADAPTER_MODULE.finditer(text):
            yield match.group(1), match.start(1)


_IMPORTS: dict[str, tuple[re.Pattern[str], ...]] = {}
for _language, _pattern in _IMPORT_FORMS:
    _IMPORTS[_language] = (*_IMPORTS.get(_language, ()), re.compile(_pattern))

# `new S3Client(`, `S3Client(`, `StripeClient{`: capitalised identifiers that are called,
# or whose associated function is (Rust, PHP: `CoreProviderMetadata::discover_async(`); a
# generic class is built with its type arguments between (C#, Java, TS: `new SQSQueue<Job>(`,
# `new Foo<Map<K, V>>(`, Java's diamond `new Foo<>(`).
_TYPE_ARGS = r"(?:<(?:[\w.,?\[\] ]|<[\w.,?\[\] ]*>){0,80}>)?"
_CALLED_CLASS = re.compile(
    r"\b([A-Z][A-Za-z0-9_]{2,})(?:" + _TYPE_ARGS + r"\s*[({]|::[a-z_]\w*\s*\()"
)
# boto3.client("s3"), session.resource('dynamodb')
_BOTO3 = re.compile(r"\.(?:client|resource)\(\s*(?:service_name\s*=\s*)?['\"]([a-z0-9-]+)['\"]")
# Dotted module paths inside Python string literals: Django ENGINE / BACKEND settings.
_PY_DOTTED_STRING = re.compile(r"['\"]([a-z_][a-z0-9_]*(?:\.[A-Za-z0-9_]+){2,})['\"]")


def imported_modules(text: str, language: str) -> Iterator[tuple[str, int]]:
    """(module name, match offset) for every import statement."""
    for pattern in _IMPORTS.get(language, ()):
        for match in pattern.finditer(text):
            raw = match.group(1)
            if language == "python" and match.lastindex == 2:
                # `from google.cloud import storage` names google.cloud.storage too.
                yield raw, match.start(1)
                for name in match.group(2).split(","):
                    name = name.strip().split(" ")[0]
                    if name:
                        yield f"{raw}.{name}", match.start(1)
            elif language == "python" and "," in raw:
                offset = match.start(1)
                for part in raw.split(","):
                    yield part.strip(), offset
            elif language == "js" and raw.startswith((".", "/", "~", "@/", "#")):
                continue  # relative and aliased local imports
            else:
                yield raw.replace("\\", ".").replace("::", "."), match.start(1)


# Runtimes whose standard library holds clients of many systems (`import { S3Client, RedisClient }
# from "bun"`): the class name still says which.
_RUNTIME_MODULES = frozenset({"bun"})


def foreign_class(module: str, provider: str, index: CatalogIndex) -> bool:
    """A class imported from a JS/TS module that is not the provider's own package (nor a
    runtime's): the project's class, or another library's, of the same name."""
    if module in _RUNTIME_MODULES:
        return False
    owner = index.imports.get("js", {}).get(module.lower()) or index.import_provider("js", module)
    return owner != provider


# `class Salesforce(Base)`, `def Stripe(`: a definition, not a client being built; Rust's
# `impl VaultTemplate {` and `impl Template for VaultTemplate {` implement the project's own type.
_DEFINITION = re.compile(
    r"(?:\b(?:class|def|func|fun|function|interface|struct|type|record|trait|enum)\s+"
    r"|\bimpl(?:<[^<>\n]*>)?\s+(?:[\w:<>, ]+?\s+for\s+)?)$"
)


def called_classes(text: str) -> Iterator[tuple[str, int]]:
    for match in _CALLED_CLASS.finditer(text):
        start = match.start(1)
        before = text[max(0, start - 80) : start]
        before = before[before.rfind("\n") + 1 :]
        if before.endswith(("'", '"', "`")) or _DEFINITION.search(before):
            continue  # inside a string ("JIRA (JQL)") or a definition
        yield match.group(1), start


# What may stand before a called method: `->`, `.`, `::` (spaces and a line break allowed).
_MEMBER_BEFORE = re.compile(r"(?:->|\.|::)\s*$")


def called_methods(text: str, methods: dict[str, str]) -> Iterator[tuple[str, int]]:
    """(method, offset) for each catalog method called as a member: `->uncompromised(`,
    `.uncompromised()`, `Password::uncompromised(`. A handful of names: `str.find`, no regex
    over every call in the file."""
    for method in methods:
        at = text.find(method)
        while at >= 0:
            end = at + len(method)
            after = text[end : end + 3].lstrip()
            before = text[max(0, at - 8) : at]
            if after.startswith("(") and _MEMBER_BEFORE.search(before):  # `.x(`, `->x(`, `::x(`
                yield method, at
            at = text.find(method, end)


# A program run, or looked up to be run, by its quoted name (what precedes the name):
# Elixir `System.cmd("x", args)` / `System.find_executable("x")`, Python
# `subprocess.run(["x", url])` / `shutil.which("x")`, Go `exec.CommandContext(ctx, "x"` /
# `exec.LookPath("x")`, Rust `Command::new("x")` / `which("x")`, Node `spawn("x", args)` /
# `execa("x")`, PHP `exec("x ..")` / `new Process(["x"`, Ruby `system("x", ..)` /
# `Open3.capture3("x"`, C# `Process.Start("x")` / `FileName = "x"`, Java `new ProcessBuilder("x"`.
_RUNS_PROGRAM = re.compile(
    r"(?:\b(?:find_executable|which|LookPath|cmd|Command|CommandContext|exec|execFile|execFileSync"
    r"|execSync|execa|spawn|spawnSync|shell_exec|system|passthru|popen|proc_open|Popen|run|call"
    r"|check_call|check_output|capture2e?|capture3|Start|ProcessStartInfo|ProcessBuilder|Process"
    r"|fromShellCommandline)(?:::new)?\s*\(\s*(?:(?:&|vec!)?\[\s*|ctx\s*,\s*)?"
    r"|\bFileName\s*=\s*)"
    r"[rf]?[\"'`](?:[\w.~/-]*/)?$"
)


def programs_run(text: str, programs: dict[str, str]) -> Iterator[tuple[str, int]]:
    """(program, offset) for every catalog program (`apprise`, `yt-dlp`) the code runs or
    looks up by name; a name anywhere else (a log line, a setting's label) is not a run."""
    for program in programs:
        at = text.find(program)
        while at >= 0:
            end = at + len(program)
            closed = text.startswith(".exe", end) or text[end : end + 1] in ('"', "'", "`", " ")
            if closed and _RUNS_PROGRAM.search(text, max(0, at - 200), at):
                yield program, at
            at = text.find(program, end)


# `from boto3 import client` (or `resource`), then `client("s3", ...)` called bare.
_BOTO3_IMPORTED = re.compile(r"^[ \t]*from[ \t]+boto3[ \t]+import[ \t]+([^\n]+)", re.M)


# A project's own factory of AWS clients given the service's name (Python): a decorator
# `@sts_client("s3")` or a call `get_client("sqs")`, `aws_resource("dynamodb")`, and
# aiobotocore's `session.create_client("s3")`, whose body calls `boto3.client(service)`.
# Only names a boto3 service of the catalog count (`extract` looks them up).
_BOTO3_WRAPPER = re.compile(
    r"(?<![\w.])@?(?:\w+(?:\(\))?\.)*(?P<name>\w*(?i:client|resource))\(\s*"
    r"(?:service(?:_name)?\s*=\s*)?['\"]([a-z0-9-]+)['\"]"
)


# Where the factory's clients come from: boto3 and its kin imported in the file, or the
# factory imported from a module named for AWS (`from app.aws.sts import sts_client`,
# `from .boto import get_client`). Without one, `get_resource("events")` is any REST wrapper.
_AWS_SDKS = frozenset({"aioboto3", "boto3", "botocore", "aiobotocore"})
_AWS_PARTS = frozenset({"aws", "boto", "sts"})


def _imports_aws(text: str) -> bool:
    for statement in import_statements(text, "python"):
        parts = [p for p in re.split(r"[._]", statement.module) if p]
        if parts and (parts[0] in _AWS_SDKS or _AWS_PARTS.intersection(parts)):
            return True
    return False


def boto3_services(
    text: str, language: str = "", whole: str | None = None
) -> Iterator[tuple[str, int]]:
    """`whole`: the full file when `text` holds only its candidate lines (its imports
    may not be among them)."""
    if "client(" not in text and "resource(" not in text and "Client(" not in text:
        return
    for match in _BOTO3.finditer(text):
        yield match.group(1), match.start(1)
    if language == "python":
        aws_source: bool | None = None  # read only for a file with a factory call
        for match in _BOTO3_WRAPPER.finditer(text):
            if match.group("name") in ("client", "resource"):  # `boto3.client(` above
                continue
            if aws_source is None:
                aws_source = _imports_aws(whole or text)
            if aws_source:
                yield match.group(2), match.start(2)
    names = {
        name.split(" as ")[-1].strip(" ()")
        for imported in _BOTO3_IMPORTED.finditer(text)
        for name in imported.group(1).split(",")
        if name.split(" as ")[0].strip(" ()") in ("client", "resource")
    }
    for name in sorted(names):
        bare = re.compile(
            rf"(?<![\w.]){re.escape(name)}\(\s*(?:service_name\s*=\s*)?['\"]([a-z0-9-]+)['\"]"
        )
        for match in bare.finditer(text):
            yield match.group(1), match.start(1)


# Google's discovery clients pick one API by name and version: Python's googleapiclient
# `build("gmail", "v1", credentials=c)`, the Node `googleapis` package's
# `google.calendar({ version: "v3", auth })`, PHP's `new Google_Service_Drive($client)` /
# `new Google\\Service\\Sheets($client)`.
_GOOGLE_DISCOVERY = {
    "python": re.compile(
        r"\bbuild\(\s*(?:serviceName\s*=\s*)?['\"]([a-z][a-z0-9]{1,30})['\"]\s*,"
        r"\s*(?:version\s*=\s*)?['\"]v\d"
    ),
    "js": re.compile(
        r"\bgoogle\.([a-z][a-zA-Z0-9]{1,30})\(\s*(?:\{[^{}]{0,200}?\bversion\s*:|['\"]v\d)"
    ),
    "php": re.compile(r"\bnew\s+\\?Google(?:_Service_|\\Service\\)([A-Z][A-Za-z0-9]{1,30})\s*\("),
}


def google_api_services(text: str, language: str) -> Iterator[tuple[str, int]]:
    """(API name, offset) for each Google API a discovery client is built for."""
    pattern = _GOOGLE_DISCOVERY.get(language)
    if pattern is None or ("oogle" not in text and "build(" not in text):
        return
    for match in pattern.finditer(text):
        yield match.group(1).lower(), match.start(1)


# The Ruby geocoder gem picks its service by symbol: `Geocoder.configure(lookup: :photon)`,
# `settings[:lookup] = :geoapify`, `:ip_lookup => :maxmind`.
_GEOCODER_LOOKUP = re.compile(r"\b(?:ip_)?lookup\]?\s*(?:=>|=|:)\s*:([a-z][a-z0-9_]{1,30})\b")
GEOCODER_LOOKUPS = {
    "nominatim": "nominatim",
    "photon": "photon",
    "geoapify": "geoapify",
    "location_iq": "locationiq",
    "google": "google-maps",
    "google_premier": "google-maps",
    "google_places_details": "google-maps",
    "google_places_search": "google-maps",
    "mapbox": "mapbox",
    "here": "here",
    "bing": "bing-maps",
    "opencagedata": "opencage",
    "mapquest": "mapquest",
    "tomtom": "tomtom",
    "geocodio": "geocodio",
    "ipinfo_io": "ipinfo",
    "maxmind": "maxmind",
}


def geocoder_lookups(text: str, language: str) -> Iterator[tuple[str, int]]:
    """(provider id, offset) for each geocoder gem lookup a Ruby file selects."""
    if language != "ruby" or "lookup" not in text or "eocoder" not in text:
        return
    for match in _GEOCODER_LOOKUP.finditer(text):
        provider = GEOCODER_LOOKUPS.get(match.group(1))
        if provider:
            yield provider, match.start(1)


def python_dotted_strings(text: str) -> Iterator[tuple[str, int]]:
    for match in _PY_DOTTED_STRING.finditer(text):
        yield match.group(1), match.start(1)
