"""General rules found on the thirteenth round of never-seen repositories (C#, Elixir,
plain PHP), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.trees import scan, write

# A program run by name reaches the system it is a client of, in every language.
_PROGRAM_RUNS = {
    "lib/media/fetcher.ex": 'defmodule Media.Fetcher do\n  def exe, do: System.find_executable("yt-dlp")\nend\n',
    "media/fetch.py": 'import subprocess\n\n\ndef grab(url):\n    subprocess.run(["yt-dlp", "-q", url], check=True)\n',
    "media/fetch.go": 'package media\n\nimport "os/exec"\n\nfunc Grab(u string) error {\n\treturn exec.Command("yt-dlp", u).Run()\n}\n',
    "src/fetch.rs": 'use std::process::Command;\n\npub fn grab(u: &str) {\n    let _ = Command::new("yt-dlp").arg(u).status();\n}\n',
    "src/fetch.js": 'const { spawn } = require("child_process");\n\nexports.grab = (u) => spawn("yt-dlp", [u]);\n',
    "src/Fetch.php": '<?php\n\nfunction grab(string $u): void\n{\n    exec("yt-dlp -q " . escapeshellarg($u));\n}\n',
    "src/Fetch.cs": 'using System.Diagnostics;\n\npublic static class Fetch\n{\n    public static void Grab(string u) => Process.Start("yt-dlp", u);\n}\n',
    "src/Fetch.java": 'class Fetch {\n    void grab(String u) throws Exception {\n        new ProcessBuilder("yt-dlp", u).start();\n    }\n}\n',
}


@pytest.mark.parametrize("path", sorted(_PROGRAM_RUNS))
def test_a_catalog_program_run_by_name_names_its_system(tmp_path: Path, path: str) -> None:
    write(tmp_path, {path: _PROGRAM_RUNS[path]})
    found = scan(tmp_path)
    assert "youtube" in found
    assert {e.path for e in found["youtube"].evidence} == {path}


def test_a_program_name_that_is_not_run_names_nothing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/notify.ex": "defmodule Notify do\n  require Logger\n\n"
            '  def log, do: Logger.info("apprise notification queued")\nend\n',
        },
    )
    assert "apprise" not in scan(tmp_path)


def test_the_notification_cli_looked_up_at_boot_is_apprise(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "config/runtime.exs": "import Config\n\nconfig :app,\n"
            '  notifier_executable: System.find_executable("apprise")\n',
        },
    )
    assert "apprise" in scan(tmp_path)


def test_an_interface_member_is_not_a_call_of_the_helper_it_declares(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Pinger/IPingClient.cs": "namespace Pinger;\n\npublic interface IPingClient\n{\n"
            "    Task SendRequestAsync(Uri url);\n}\n",
            "src/Pinger/Java/PingClient.java": "interface PingClient {\n"
            "    String sendRequest(String url);\n}\n",
        },
    )
    found = scan(tmp_path)
    assert not [i for i in found.values() for e in i.evidence if e.path.startswith("src/Pinger")]


def test_a_pdo_data_source_name_names_its_database(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "inc/db.php": "<?php\n/**\n * DSN examples:\n * 'mysql:host=10.0.0.1;dbname=test'\n */\n"
            "function db_connect(string $host, string $name): PDO\n{\n"
            "    $dsn = sprintf('pgsql:host=%s;dbname=%s', $host, $name);\n"
            "    return new PDO($dsn, DB_USER, DB_PASS);\n}\n",
        },
    )
    found = scan(tmp_path)
    assert ("inc/db.php", 8) in {(e.path, e.line) for e in found["postgresql"].evidence}
    assert "mysql" not in found  # the docblock's sample is a comment
