"""Framework configuration and code that pick a backing service by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.scan.drivers import candidate_names
from tests.scan.trees import write


def found(root: Path, min_confidence: float = 0.0) -> dict[str, set[str]]:
    result = api.scan(
        root, ".", min_confidence=min_confidence, evidence_per_integration=-1, use_cache=False
    )
    return {i.id: {f"{e.path}:{e.line}:{e.kind}" for e in i.evidence} for i in result.integrations}


@pytest.mark.parametrize(
    ("language", "files", "provider", "where"),
    [
        (
            "php",
            {"config/database.php": "<?php\nreturn ['pgsql' => [\n  'driver' => 'pgsql',\n]];\n"},
            "postgresql",
            "config/database.php:3:config",
        ),
        (
            "ruby",
            {"config/database.yml": "production:\n  adapter: postgresql\n  pool: 5\n"},
            "postgresql",
            "config/database.yml:2:config",
        ),
        (
            "java",
            {
                "src/main/resources/application.yml": (
                    "spring:\n  datasource:\n    driver-class-name: com.mysql.cj.jdbc.Driver\n"
                )
            },
            "mysql",
            "src/main/resources/application.yml:3:config",
        ),
        (
            "elixir",
            {
                "lib/shop/repo.ex": "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres\nend\n"
            },
            "postgresql",
            "lib/shop/repo.ex:2:driver",
        ),
        (
            "csharp",
            {
                "src/Db/Setup.cs": "services.AddDbContext<AppDb>(o => o.UseNpgsql(connectionString));\n"
            },
            "postgresql",
            "src/Db/Setup.cs:1:client",
        ),
        (
            "rust",
            {
                "Cargo.toml": '[features]\npostgresql = ["diesel/postgres"]\n\n[dependencies]\ndiesel = "2"\n'
            },
            "postgresql",
            "Cargo.toml:2:dependency",
        ),
        (
            "rust",
            {"src/db.rs": "let conn = diesel::mysql::MysqlConnection::establish(&url)?;\n"},
            "mysql",
            "src/db.rs:1:import",
        ),
        (
            "python",
            {"requirements.txt": "celery[redis]==5.3\n"},
            "redis",
            "requirements.txt:1:dependency",
        ),
        (
            "typescript",
            {"src/db.ts": "export const sequelize = new Sequelize(url, { dialect: 'postgres' })\n"},
            "postgresql",
            "src/db.ts:1:driver",
        ),
        (
            "go",
            {"internal/db/open.go": 'if cfg.Driver == "sqlite" {\n\treturn openFile(cfg)\n}\n'},
            "sqlite",
            "internal/db/open.go:1:driver",
        ),
        (
            "php-code",
            {"app/Repo.php": "<?php\nif (DB::getDriverName() === 'sqlite') { $chunk = 999; }\n"},
            "sqlite",
            "app/Repo.php:2:driver",
        ),
        (
            "php-dbtype",
            {"app/Dao.php": "<?php\nif ($this->pdo->dbType() === 'sqlite') { $limit = 500; }\n"},
            "sqlite",
            "app/Dao.php:2:driver",
        ),
        (
            "php-yoda",
            {"app/Cmd.php": "<?php\nif ('sqlite' === (string) config('database.default')) {}\n"},
            "sqlite",
            "app/Cmd.php:2:driver",
        ),
        (
            "php-db-type",
            {"app/Feeds.php": "<?php\nif ($conf->db['type'] === 'mysql') { $q = 'x'; }\n"},
            "mysql",
            "app/Feeds.php:2:driver",
        ),
        (
            "java-jdbc",
            {
                "src/main/resources/application.properties": "spring.datasource.url=jdbc:sqlite:data/app.db\n"
            },
            "sqlite",
            "src/main/resources/application.properties:1:scheme",
        ),
        (
            "java-r2dbc",
            {
                "src/main/resources/application.yaml": "spring:\n  r2dbc:\n    url: r2dbc:pool:postgresql://db:5432/app\n"
            },
            "postgresql",
            "src/main/resources/application.yaml:3:scheme",
        ),
    ],
)
def test_a_driver_selection_names_its_backing_service(
    tmp_path: Path, language: str, files: dict[str, str], provider: str, where: str
) -> None:
    write(tmp_path, files)
    assert where in found(tmp_path).get(provider, set()), found(tmp_path)


def test_a_skeleton_config_alone_stays_below_the_default_confidence(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "config/database.php": (
                "<?php\nreturn [\n  'sqlsrv' => ['driver' => 'sqlsrv'],\n"
                "  'mysql' => ['driver' => 'mysql'],\n];\n"
            ),
            "app/Macros.php": "<?php\nif (in_array($driver, ['mysql', 'mariadb'], true)) {}\n",
        },
    )
    assert set(found(tmp_path, min_confidence=0.3)) == {"mysql"}
    assert "mysql" in found(tmp_path, min_confidence=0.0)


def test_unrelated_settings_named_like_selectors_are_ignored(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/form.ts": "const field = { type: 'string', provider: 'google', client: 'web' }\n",
            "Cargo.toml": '[dependencies]\nserde = { version = "1", features = ["derive"] }\n',
        },
    )
    assert found(tmp_path) == {}


def test_candidate_names() -> None:
    assert "postgres" in candidate_names("Ecto.Adapters.Postgres")
    assert "sqlite" in candidate_names("sqlite3")
    assert "postgres" in candidate_names("sqlx-postgres")


def test_a_line_naming_a_service_many_times_is_one_finding() -> None:
    from integration_risk.catalog.index import catalog_index
    from integration_risk.scan.extract import extract_file

    # A generated config of long lines: every repeat used to be a finding of its own,
    # each masked again (a 300 KB file took 13 s and the call-site analysis after it more).
    line = "'driver' => 'pgsql', " * 50 + "if ($driver == 'mysql') {}\n"
    findings = extract_file("config/drivers.php", "<?php\n" + line * 3, catalog_index())
    keys = [(f.provider, f.kind, f.line) for f in findings]
    assert len(keys) == len(set(keys))
    assert {(p, line) for p, _, line in keys} >= {("postgresql", 2), ("postgresql", 4)}
