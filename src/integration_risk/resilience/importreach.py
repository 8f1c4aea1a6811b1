"""What an import line the scan gives as evidence reaches beyond the names it binds, for the
call-site finder (`sites.py`): a C# namespace's vendor root (`using Amazon.SimpleEmailV2;` ->
`new AmazonSimpleEmailServiceV2Client(..)`), and a library layered over the driver the file
imports (`kysely-postgres-js` beside `postgres` makes the names `kysely` binds, `sql` of
`import { sql } from 'kysely'`, calls of the database: `sql`SELECT 1`.execute(db)`)."""

from __future__ import annotations

import re

from integration_risk.resilience.languages import family_of
from integration_risk.scan.imports import import_statements

# A C# `using Vendor.Product;` imports a namespace, not names: the SDK's client types carry
# the vendor's name (`new AmazonSimpleEmailServiceV2Client(..)`, `new SendGridClient(..)`);
# other types named after the vendor (`GoogleCredential`) are no client.
# The framework's own roots name no vendor.
_CSHARP_USING = re.compile(r"^\s*(?:global\s+)?using\s+(?:static\s+)?([A-Z][A-Za-z0-9]{3,})\b")
_FRAMEWORK_ROOTS = frozenset({"System", "Microsoft"})
# JS/TS query builders and ORMs: every query they build runs through the database driver the
# project gives them, through an adapter package named for it (`kysely-postgres-js`)
QUERY_LAYERS = frozenset(
    {"kysely", "knex", "drizzle-orm", "sequelize", "typeorm", "objection", "mikro-orm"}
)


def namespace_root(line_text: str, language: str) -> set[str]:
    """The vendor root of a C# `using` line (`using Amazon.SimpleEmailV2;` -> Amazon)."""
    match = _CSHARP_USING.match(line_text) if language == "csharp" else None
    if match is None or match.group(1) in _FRAMEWORK_ROOTS:
        return set()
    return {match.group(1)}


def vendor_type(callee: str, roots: set[str]) -> bool:
    """`AmazonSimpleEmailServiceV2Client`: a client type (one name, `...Client`) that starts
    with a vendor root and is longer than it."""
    return (
        bool(roots)
        and "." not in callee
        and callee.endswith("Client")
        and any(
            callee.startswith(root) and len(callee) > len(root) and callee[len(root)].isupper()
            for root in roots
        )
    )


def layered_names(text: str, language: str, bound: set[str]) -> set[str]:
    """Names bound by the imports of a library layered over a driver that the file's evidence
    imports: an evidence module `<base>-<driver>` or `<base>/<driver>..` (`kysely-postgres-js`,
    `drizzle-orm/postgres-js`) whose driver part starts with another evidence module of the
    file (`postgres`) is the `<base>` library's adapter for it, so what the file imports from
    `<base>` itself works through that driver. A package of its own (`<base>-<driver>`) binds
    them only when `<base>` is a query layer (`QUERY_LAYERS`: every query of it runs through
    the driver it is given) or the file builds `<base>`'s client with the adapter (a name
    `<base>` binds called with the adapter in its arguments: `new Kysely({ dialect: new
    PostgresJSDialect(..) })`); a plug-in named for the driver and handed to an object built
    otherwise (`io(server)`, then `.adapter(socketioRedis(..))`) makes nothing of `socket.io`
    a call of redis. A module of the base itself (`drizzle-orm/postgres-js`) is its adapter.
    `bound`: the names the evidence imports bind."""
    statements = [s for s in import_statements(text, family_of(language)) if s.kind != "type-only"]
    evidence = {s.module for s in statements if bound.intersection(s.bound)}
    names: set[str] = set()
    for module in evidence:
        for at, char in enumerate(module):
            if char not in "-/" or at == 0 or module[:at] in evidence:
                continue
            if not _starts_with_one_of(module[at + 1 :], evidence - {module}):
                continue
            base = [s for s in statements if s.module == module[:at]]
            adapter = {n for s in statements if s.module == module for n in s.bound}
            names_of_base = {n for s in base for n in s.bound}
            layer = char == "/" or module[:at] in QUERY_LAYERS
            if layer or _built_with(text, names_of_base, adapter):
                names.update(names_of_base)
    return names


def _built_with(text: str, base: set[str], adapter: set[str]) -> bool:
    """Is a name of `base` called (or constructed) with a name of `adapter` in its arguments?"""
    if not base or not adapter:
        return False
    called = re.compile(
        rf"(?<![\w.$])(?:{'|'.join(map(re.escape, sorted(base)))})\s*(?:<[^<>()]*>)?\("
    )
    used = re.compile(rf"(?<![\w.$])(?:{'|'.join(map(re.escape, sorted(adapter)))})(?![\w$])")
    for match in called.finditer(text):
        depth, end = 0, len(text)
        for index in range(match.end() - 1, min(len(text), match.end() + 4000)):
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            if depth == 0:
                end = index
                break
        if used.search(text, match.end(), end):
            return True
    return False


def _starts_with_one_of(part: str, modules: set[str]) -> bool:
    """`postgres-js` starts with the module `postgres` (a whole word of it)."""
    return any(re.match(rf"{re.escape(m)}(?![\w])", part) for m in modules if m)
