"""General rules found on the sixteenth round of never-seen repositories (PHP without a
framework, Go, Elixir), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

from tests.scan.trees import scan, write

# A storage class over PDO: the data source name comes from settings, and the code branches
# on the driver PDO reports (`mysql`, `pgsql`, `oci`); the default DSN is SQLite's.
_PDO_STORE = """<?php
namespace Notes\\Store;

use PDO;

class SqlStore
{
    private $kind = '';

    public function __construct(array $options)
    {
        $this->kind = strtolower(substr($options['dsn'], 0, strpos($options['dsn'], ':')));
        if ($this->kind === 'mysql') {
            $options['opt'][PDO::MYSQL_ATTR_INIT_COMMAND] = "SET SESSION sql_mode='ANSI_QUOTES'";
        }
        $this->db = new PDO($options['dsn'], $options['usr'], $options['pwd'], $options['opt']);
    }

    private function tablesQuery()
    {
        switch ($this->kind) {
            case 'oci':
                return 'SELECT table_name FROM all_tables';
            case 'pgsql':
                return 'SELECT tablename FROM pg_catalog.pg_tables';
            default:
                return 'SHOW TABLES';
        }
    }
}
"""
_PDO_DEFAULTS = """<?php
namespace Notes;

class Settings
{
    public static function storeDefaults($dir)
    {
        return [
            'dsn' => 'sqlite:' . $dir . DIRECTORY_SEPARATOR . 'notes.sq3',
            'usr' => null,
        ];
    }
}
"""


def test_pdo_drivers_come_from_dsn_settings_and_driver_branches(tmp_path: Path) -> None:
    write(tmp_path, {"src/Store/SqlStore.php": _PDO_STORE, "src/Settings.php": _PDO_DEFAULTS})
    found = scan(tmp_path)
    assert {"mysql", "postgresql", "oracle", "sqlite"} <= set(found)
    assert "oracle-cloud" not in found  # PDO's `oci` is Oracle Database's OCI8 driver


def test_pdo_names_for_informix_and_sql_server_are_drivers(tmp_path: Path) -> None:
    # `mssql` is pdo_dblib's other name for SQL Server; Informix has a catalog entry of its own
    write(
        tmp_path,
        {
            "src/Tables.php": "<?php\nfunction tables(PDO $db, $kind) {\n    switch ($kind) {\n"
            "        case 'informix':\n            return $db->query('SELECT tabname FROM systables');\n"
            "        case 'mssql':\n            return $db->query('SELECT name FROM sysobjects');\n"
            "    }\n    return $db->query('SHOW TABLES', PDO::FETCH_COLUMN);\n}\n"
        },
    )
    assert {"informix", "mssql"} <= set(scan(tmp_path))


def test_driver_names_in_a_file_without_pdo_select_nothing(tmp_path: Path) -> None:
    # a syntax highlighter's language switch names SQL dialects, not databases it talks to
    write(
        tmp_path,
        {
            "src/Highlight.php": "<?php\nfunction grammar($lang) {\n    switch ($lang) {\n"
            "        case 'pgsql':\n        case 'mysql':\n            return 'sql';\n"
            "    }\n    return $lang === 'sqlite' ? 'sql' : 'text';\n}\n"
        },
    )
    assert not {"mysql", "postgresql", "sqlite"} & set(scan(tmp_path))


def test_tst_directories_and_go_mock_packages_are_test_code(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "tst/ShortenerTest.php": "<?php\nclass ShortenerTest {\n    public function urls() {\n"
            "        return [['ftp://example.com/?n=1']];\n    }\n}\n",
            "internal/mail/mailmock/mailmock.go": 'package mailmock\n\nimport "net/http"\n\n'
            "func Send(target string) (*http.Response, error) {\n"
            "\treturn http.Get(target)\n}\n",
        },
    )
    found = scan(tmp_path)
    assert "ftp" not in found
    assert "mailmock" not in found


def test_a_small_minified_library_is_not_read(tmp_path: Path) -> None:
    # an Emscripten-style loader copied in on two lines: its fetch loads the module's own file
    body = "var a=0;" * 1000
    write(
        tmp_path,
        {
            "lib/package.json": '{"name": "notes", "version": "1.0.0"}\n',
            "lib/inflate-1.3.2.js": "async function Module(m={}){"
            + 'readAsync=async url=>{var response=await fetch(url,{credentials:"same-origin"});'
            + body
            + "return response.arrayBuffer()};}\nexport default Module;\n",
        },
    )
    assert scan(tmp_path) == {}


def test_a_short_file_with_one_long_line_is_still_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/feed.ts": "export async function pull(feedUrl: string) {\n"
            "  const icon = 'data:image/png;base64," + "A" * 2500 + "';\n"
            "  return fetch(`https://api.github.com/repos/${feedUrl}`);\n}\n"
        },
    )
    assert "github" in scan(tmp_path)


def test_featurebase_widget_is_found_by_its_sdk_host(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/web/layout.ex": "defmodule Web.Layout do\n  def feedback(assigns) do\n"
            '    ~H"""\n    <script src="https://do.featurebase.app/js/sdk.js"></script>\n'
            '    """\n  end\nend\n'
        },
    )
    assert "featurebase" in scan(tmp_path)


def test_a_transport_in_a_role_named_directory_is_no_feature(tmp_path: Path) -> None:
    # every request of the app goes through this handler: the URL is its parameter's field
    write(
        tmp_path,
        {
            "app/services/httpclient/httpclient.go": 'package httpclient\n\nimport "net/http"\n\n'
            "type Request struct {\n\tMethod string\n\tURL    string\n}\n\n"
            "func handle(c *Request) (*http.Response, error) {\n"
            "\treq, err := http.NewRequest(c.Method, c.URL, nil)\n"
            "\tif err != nil {\n\t\treturn nil, err\n\t}\n"
            "\treturn http.DefaultClient.Do(req)\n}\n"
        },
    )
    assert "httpclient" not in scan(tmp_path)


def test_a_migrations_branch_on_the_pdo_driver_selects_nothing(tmp_path: Path) -> None:
    # a migration stays portable across engines the app may never run on
    write(
        tmp_path,
        {
            "database/migrations/2021_01_01_000000_drop_flag.php": "<?php\n"
            "return new class {\n    public function up() {\n"
            "        switch (DB::getPdo()->getAttribute(PDO::ATTR_DRIVER_NAME)) {\n"
            "            case 'pgsql':\n                DB::statement('ALTER TABLE t DROP flag');\n"
            "                break;\n        }\n    }\n};\n"
        },
    )
    assert "postgresql" not in scan(tmp_path)
