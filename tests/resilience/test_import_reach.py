"""A library layered over the driver a file imports (`kysely-postgres-js` beside `postgres`):
what the file imports from the library itself (`sql` of `kysely`) is a call of the database
there (held-out docmost: the start-up loop that retries `sql`SELECT 1=1`.execute(this.db)`
15 times was no postgresql site, so postgresql retry was no). Tiny synthetic files."""

from __future__ import annotations

import pytest

from integration_risk.resilience import analyze_sites
from integration_risk.resilience.importreach import layered_names
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned, verdicts_of

_MODULE = """import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';

export const db = new Kysely<any>({
  dialect: new PostgresJSDialect({ postgres: postgres(process.env.DATABASE_URL!) }),
});

@Module({})
export class DatabaseModule implements OnApplicationBootstrap {
  async onApplicationBootstrap() {
    for (let i = 0; i < 10; i++) {
      try {
        await sql`SELECT 1`.execute(db);
        break;
      } catch (err) {
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    }
  }
}
"""


_SOCKET_IO = """const http = require('http');
const io = require('socket.io');
const socketioRedis = require('socket.io-redis');
const redis = require('redis');

const server = http.createServer();
const pub = redis.createClient({ host: 'redis', connect_timeout: 5000 });
const sub = pub.duplicate();
const sockets = io(server);
sockets.adapter(socketioRedis({ pubClient: pub, subClient: sub }));
"""


def test_a_start_up_retry_through_the_layered_library_is_a_retry_of_the_database(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"src/database/database.module.ts": _MODULE})
    spots = [("src/database/database.module.ts", 3), ("src/database/database.module.ts", 4)]
    verdict, reasons = verdicts_of(root, "postgresql", spots, "import", category="database")[
        "retry"
    ]
    assert verdict == "yes", reasons
    assert "database.module.ts:13" in reasons and "hand-written retry" in reasons, reasons


@pytest.mark.parametrize(
    ("text", "bound", "expected"),
    [
        (_MODULE, {"PostgresJSDialect", "postgres"}, {"Kysely", "sql"}),
        (
            "import { drizzle } from 'drizzle-orm/postgres-js';\nimport postgres from 'postgres';\n"
            "import { sql, eq } from 'drizzle-orm';\n",
            {"drizzle", "postgres"},
            {"sql", "eq"},
        ),
        # no driver of the evidence after the dash: `react-ga` is no layer of React over `ga`
        (
            "import ReactGA from 'react-ga';\nimport React from 'react';\n",
            {"ReactGA"},
            set(),
        ),
        # the driver part must start with a whole evidence module (`postgresql` is not `postgres`)
        (
            "import { X } from 'orm-postgresql';\nimport postgres from 'postgres';\n"
            "import { sql } from 'orm';\n",
            {"X", "postgres"},
            set(),
        ),
        # a query layer's client built by another module of the file (nestjs-kysely's
        # `KyselyModule.forRootAsync({ useFactory: () => ({ dialect: new PostgresJSDialect(..) }) })`)
        (
            "import { KyselyModule } from 'nestjs-kysely';\nimport { CamelCasePlugin, sql } from 'kysely';\n"
            "import { PostgresJSDialect } from 'kysely-postgres-js';\nimport * as postgres from 'postgres';\n"
            "KyselyModule.forRootAsync({ useFactory: () => ({\n"
            "  dialect: new PostgresJSDialect({ postgres: postgres(url) }),\n"
            "  plugins: [new CamelCasePlugin()],\n}) });\n",
            {"PostgresJSDialect", "postgres"},
            {"CamelCasePlugin", "sql"},
        ),
        # a plug-in of another library named for the driver (`socket.io-redis`) is handed to
        # an object built without it: socket.io's `io(server)` is no call of redis
        (
            _SOCKET_IO,
            {"socketioRedis", "redis"},
            set(),
        ),
        (
            "const Koa = require('koa');\nconst redisStore = require('koa-redis');\n"
            "const redis = require('redis');\nconst app = new Koa();\n"
            "app.use(session({ store: redisStore({ client: redis.createClient() }) }, app));\n",
            {"redisStore", "redis"},
            set(),
        ),
        # an import of types only is erased: nothing of it is called
        (
            "import type { Kysely } from 'kysely';\nimport { PostgresJSDialect } from 'kysely-postgres-js';\n"
            "import postgres from 'postgres';\n",
            {"PostgresJSDialect", "postgres"},
            set(),
        ),
    ],
)
def test_layered_names(text: str, bound: set[str], expected: set[str]) -> None:
    assert layered_names(text, "typescript", bound) == expected


def test_a_plug_in_named_for_the_driver_makes_no_call_of_its_host_library_a_site(
    make_tree: TreeBuilder,
) -> None:
    # held-out shape: `io(server)` was a redis site beside redis.createClient and duplicate
    root = make_tree({"src/server.js": _SOCKET_IO})
    spots = [("src/server.js", 3), ("src/server.js", 4)]
    item = scanned("redis", spots, "import", category="cache")
    lines = {site.line for site in analyze_sites(root, [item], use_cache=False)["redis"].sites}
    assert 9 not in lines and {7, 8} <= lines, lines
