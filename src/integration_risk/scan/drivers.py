"""Framework configuration and code that pick a backing service by name.

- Selector settings: `'driver' => 'pgsql'` (Laravel), `adapter: postgresql` (Rails),
  `dialect: 'postgres'` (Sequelize), `provider = "postgresql"` (Prisma),
  `adapter: Ecto.Adapters.Postgres` (Ecto), `DB_CONNECTION=pgsql`, `client: 'pg'` (Knex).
- Code that branches on the selected driver: `getDriverName() === 'sqlite'`,
  `connection.vendor == "postgresql"`, `in_array($driver, ['mysql', 'pgsql'])`,
  `$pdo->dbType() === 'sqlite'`, `'sqlite' === config('database.default')`.
- EF Core provider calls: `UseNpgsql(`, `UseSqlServer(`, `UseSqlite(`.
- Rails Active Storage services: `service: S3`, `service: AzureBlob` (config/storage.yml).
- JDBC and R2DBC connection URLs: `jdbc:h2:file:./db`, `r2dbc:pool:postgresql://db/app`;
  PDO data source names: `'mysql:host=%s;dbname=%s'`, `"pgsql:host=$host"`, a `dsn`
  setting or `new PDO(` argument (`'sqlite:' . $path`), and a branch on PDO's driver name in
  a file that uses PDO (`$type === 'pgsql'`, `case 'oci':`).
- Dependency features and extras that switch a driver on: Cargo `"diesel/postgres"`,
  `features = ["postgres"]`, Python `celery[redis]`.

Each yields the raw name (`pgsql`, `Ecto.Adapters.Postgres`, `Npgsql`); the caller
looks it up in the catalog. A framework's skeleton config lists every driver it
supports, so a selector in a config file is weak evidence on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.catalog.index import AMBIGUOUS_IDS
from integration_risk.scan import gate

_VALUE = r"""['"]?(?P<value>[A-Za-z][\w.:\\-]{1,60}?)['"]?"""
# `driver => env('DB_CONNECTION', 'mysql')`: the default inside an env lookup.
_ENV_DEFAULT = r"""(?:\w*env\w*\(\s*['"][A-Z0-9_]+['"]\s*,\s*)?"""
_SELECTOR = re.compile(
    r"""(?i)(?<![\w-])['"]?(?:driver|adapter|dialect|engine|vendor|client|provider|transport|"""
    r"""mailer|db_?type|database_?type|db_?connection|db_?driver|db_?engine|"""
    r"""driver[-_]?class(?:[-_]?name)?|"""
    r"""[a-z_]*_(?:driver|adapter|engine|dialect|backend|connection|store|mailer|disk))['"]?"""
    r"""\s*(?:=>|:|=)\s*""" + _ENV_DEFAULT + _VALUE + r"""\s*(?:[,;)\]}#]|$)""",
    re.M,
)
# A line that compares or lists driver names: the quoted words on it are candidates.
# Both words in either order, spelled without lookaheads so that `confirm` can mark the
# lines with RE2: confirming each `type` or `connection` in Python cost a quarter of a
# cold scan of a TypeScript tree.
_DRIVER_WORD = r"(?:driver|adapter|dialect|vendor|engine|connection|db[^\w\n]{0,3}type|database)"
_COMPARISON = r"(?:==|!=|\bin_array\b|\bin\b|\bcase\b|\bwhen\b|\bmatch\b|\bis\b|\bswitch\b)"
_DRIVER_LINE = re.compile(
    rf"(?im)^[^\n]*?(?:{_DRIVER_WORD}[^\n]*?{_COMPARISON}|{_COMPARISON}[^\n]*?{_DRIVER_WORD}"
    r"|db[^\w\n]?[=!]=[^\w\n]?type)[^\n]*$"  # `db==type`: the comparison inside the word
)
_QUOTED = re.compile(r"""['"]([A-Za-z][\w.-]{1,30})['"]""")
# JDBC and R2DBC URLs name the driver after the prefix, often with no `//` after it:
# `jdbc:h2:file:./data`, `r2dbc:pool:mysql://db/app`, `jdbc:sqlite:app.db`.
_JDBC_URL = re.compile(
    r"\b(?:jdbc|r2dbc):(?:(?:pool|proxy|tc|log4jdbc|p6spy):)?(?P<value>[a-z][a-z0-9]{1,20})(?::|//)"
)
# PHP PDO data source names, which name the driver before the first `:`:
# `'mysql:host=%s;dbname=%s'`, `"pgsql:host=$host;port=5432"`, `'sqlsrv:Server=db'`.
_DSN = re.compile(
    r"""["'`](?P<value>mysql|mariadb|pgsql|sqlsrv):(?i:host|dbname|database|server|unix_socket)="""
)
# PDO's own driver names (`PDO::getAvailableDrivers`) where the catalog spells them another
# way: `oci` is Oracle Database's OCI8 driver (not Oracle Cloud), `dblib` FreeTDS to SQL Server,
# `ibm` DB2. `mysql`, `pgsql`, `sqlite`, `sqlsrv`, `mssql` (pdo_dblib's other name), `firebird`
# and `informix` resolve as they are.
PDO_DRIVERS = {"oci": "oracle", "dblib": "mssql", "ibm": "db2"}
_PDO_NAMES = r"(?:mysql|pgsql|sqlite|sqlsrv|mssql|oci|dblib|firebird|ibm|informix)"
# A data source name given to PDO or set as a `dsn`: the driver before the first `:`, even
# with nothing after it yet (`'dsn' => 'sqlite:' . $path`, `new PDO("oci:dbname=" . $tns)`,
# `dsn = "pgsql:host=db"` in an ini file).
_DSN_SETTING = re.compile(
    r"""(?:(?i:(?<![a-z])dsn)["']?\s*(?:=>|:|=)\s*|\bnew\s+\\?PDO\s*\(\s*)["'`]"""
    rf"(?P<value>{_PDO_NAMES}):"
)
# Code that branches on the PDO driver it runs on: `$this->type === 'pgsql'`, `case 'oci':`,
# `in_array($driver, ['mysql', 'pgsql'])`. The names are PDO's, so such a line means a driver
# only in a file that uses PDO (`new PDO(`, `PDO::ATTR_DRIVER_NAME`); see `pdo_driver_checks`.
_PDO_USE = re.compile(r"\bnew\s+\\?PDO\s*\(|\bPDO::")
_PDO_QUOTED = rf"""["']{_PDO_NAMES}["']"""
_PDO_BRANCH = re.compile(
    rf"(?m)^[^\n]*?(?:(?:[=!]==?|\bcase\b|\bin_array\b)[^\n]*?{_PDO_QUOTED}"
    rf"|{_PDO_QUOTED}\s*[=!]==?)[^\n]*$"
)
_EF_CORE = re.compile(r"\.Use(Npgsql|SqlServer|Sqlite|MySql|MySQL|Oracle|Cosmos|MongoDB)\s*\(")
# Cargo: "diesel/postgres", features = ["postgres", "runtime-tokio"]
_CARGO_FEATURE = re.compile(r"""["'][\w-]+/(?:dep:)?([\w-]+)["']""")
_FEATURE_LIST = re.compile(r"features\s*=\s*\[([^\]\n]*)\]")
# Directories of the workspace, not `crate/feature` strings: a path dependency's `path = ".."`
# and the workspace's `members`/`exclude` arrays.
_CARGO_PATHS = re.compile(
    r"""\bpath\s*=\s*["'][^"'\n]*["']|\b(?:members|default-members|exclude)\s*=\s*\[[^\]]*\]"""
)
# Python extras: celery[redis], sqlalchemy[postgresql,asyncio]
_EXTRAS = re.compile(r"\b[A-Za-z][\w.-]*\[([\w,\s-]+)\]")
# Rails Active Storage services in `config/storage.yml`: `service: S3`, `service: AzureBlob`.
_STORAGE_SERVICE = re.compile(
    r"""(?m)^[ \t]+service:[ \t]*['"]?(?P<value>S3|GCS|AzureBlob|AzureStorage)['"]?[ \t]*$"""
)
_CAMEL_WORD = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Rails Action Mailer sending through SMTP: `config.action_mailer.delivery_method = :smtp`,
# `ActionMailer::Base.smtp_settings = {...}` (SMTP is the delivery method those settings feed).
_MAILER_SMTP = re.compile(
    r"(?:action_mailer|ActionMailer::Base)\.(?:delivery_method\s*=\s*:)?(?P<value>smtp)"
    r"(?:_settings\s*=(?!=)|\b)"
)
# Regexes run on code and config text (the prefilter anchors on their literals);
# the manifest-only ones below read manifests whole.
LINE_PATTERNS = (
    _SELECTOR,
    _DRIVER_LINE,
    _EF_CORE,
    _JDBC_URL,
    _DSN,
    _DSN_SETTING,
    _PDO_USE,
    _PDO_BRANCH,
    _STORAGE_SERVICE,
    _MAILER_SMTP,
)


def _values(pattern: re.Pattern[str], text: str, needle: str = "") -> Iterator[tuple[str, int]]:
    """(value, offset) of the `value` group of each match, in text that holds `needle`."""
    if needle not in text:
        return
    for match in gate.finditer(pattern, text):
        yield match.group("value"), match.start("value")


def selectors(text: str) -> Iterator[tuple[str, int]]:
    """(name, offset) for every backing-service name a selector setting gives."""
    return _values(_SELECTOR, text)


def storage_services(text: str) -> Iterator[tuple[str, int]]:
    """(name, offset) of Active Storage services: `AzureBlob` -> `azure-blob`."""
    for value, offset in _values(_STORAGE_SERVICE, text, "service:"):
        yield _CAMEL_WORD.sub("-", value).lower(), offset


def mailer_transports(text: str) -> Iterator[tuple[str, int]]:
    """(name, offset) of the transport Rails Action Mailer is set to send through."""
    return _values(_MAILER_SMTP, text, "ailer")


def driver_checks(text: str) -> Iterator[tuple[str, int]]:
    """(name, offset) for quoted names on lines that compare or list drivers."""
    for line in gate.finditer(_DRIVER_LINE, text):
        for quoted in _QUOTED.finditer(line.group(0)):
            yield quoted.group(1), line.start() + quoted.start(1)


def jdbc_drivers(text: str) -> Iterator[tuple[str, int]]:
    """(driver, offset) of every JDBC/R2DBC connection URL."""
    return _values(_JDBC_URL, text, "dbc:")


def dsn_drivers(text: str) -> Iterator[tuple[str, int]]:
    """(driver, offset) of every PDO data source name."""
    return _values(_DSN, text, "=")


def dsn_settings(text: str) -> Iterator[tuple[str, int]]:
    """(driver, offset) of every data source name set as a `dsn` or given to `new PDO(`."""
    for value, offset in _values(_DSN_SETTING, text, ":"):
        yield PDO_DRIVERS.get(value, value), offset


def pdo_driver_checks(text: str) -> Iterator[tuple[str, int]]:
    """(driver, offset) of PDO driver names compared or matched in a file that uses PDO."""
    if "PDO" not in text or next(gate.finditer(_PDO_USE, text), None) is None:
        return
    for line in gate.finditer(_PDO_BRANCH, text):
        for quoted in _QUOTED.finditer(line.group(0)):
            name = quoted.group(1)
            if re.fullmatch(_PDO_NAMES, name):
                yield PDO_DRIVERS.get(name, name), line.start() + quoted.start(1)


def ef_core_providers(text: str) -> Iterator[tuple[str, int]]:
    if ".Use" not in text:
        return
    for match in gate.finditer(_EF_CORE, text):
        yield match.group(1), match.start()


# Cargo features that switch on every driver at once: SeaORM's `sqlx-all`, SQLx 0.6's
# `all-databases`.
_ALL_DRIVERS = {
    "sqlx-all": ("postgres", "mysql", "sqlite"),
    "all-databases": ("postgres", "mysql", "sqlite", "mssql"),
}


def _expanded(feature: str, offset: int) -> Iterator[tuple[str, int]]:
    yield feature, offset
    for driver in _ALL_DRIVERS.get(feature, ()):
        yield driver, offset


def dependency_features(text: str, manifest: str) -> Iterator[tuple[str, int]]:
    """(feature, offset) of Cargo features and Python extras that may switch on a driver."""
    if manifest == "Cargo.toml":
        paths = [m.span() for m in _CARGO_PATHS.finditer(text)]
        for match in _CARGO_FEATURE.finditer(text):
            if any(start <= match.start() < end for start, end in paths):
                continue  # `path = "libs/cache"`, `members = ["libs/cache"]`: a local crate
            yield from _expanded(match.group(1), match.start(1))
        for match in _FEATURE_LIST.finditer(text):
            for quoted in _QUOTED.finditer(match.group(1)):
                yield from _expanded(quoted.group(1), match.start(1) + quoted.start(1))
    elif manifest.endswith((".txt", ".toml", ".cfg", ".py", ".in")) or manifest == "Pipfile":
        for match in _EXTRAS.finditer(text):
            for extra in match.group(1).split(","):
                if extra.strip():
                    yield extra.strip(), match.start(1)


def candidate_names(value: str) -> list[str]:
    """Lookup keys for a driver value: `Ecto.Adapters.Postgres` -> [ecto.adapters.postgres,
    postgres]; `sqlx-postgres` -> [sqlx-postgres, sqlx, postgres]; `sqlite3` -> [sqlite3, sqlite]."""
    lowered = value.lower().strip("'\"")
    out = [lowered]
    parts = [p for p in re.split(r"[.:\\/]+", lowered) if p]
    if len(parts) > 1:
        out.extend([parts[-1], *parts[:-1]])
    for part in list(out):
        # a piece of a compound that is also an everyday word names nothing by itself:
        # `aarch64_neon` is an ARM instruction set, not the Neon database
        pieces = re.split(r"[-_]", part)
        out.extend(
            w for w in pieces if w and w not in out and (len(pieces) == 1 or w not in AMBIGUOUS_IDS)
        )
    out.extend(w.rstrip("0123456789") for w in list(out) if w[-1:].isdigit())
    return out
