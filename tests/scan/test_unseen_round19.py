"""General rules found on the nineteenth round of never-seen repositories (a Rails app, a
Phoenix app, a Go service), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

from tests.scan.trees import scan, write


def _lines(found: dict, system: str) -> list[int]:
    return sorted(e.line for e in found[system].evidence) if system in found else []


def test_a_catalog_host_written_without_a_scheme_names_its_system(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/app/sink.ex": (
                "defmodule App.Sink do\n"
                '  def config(c), do: Map.put_new(c, :domain, "api.axiom.co")\n'
                "end\n"
            ),
            "app/mail.py": 'SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.mailgun.org")\n',
            "internal/mail/mail.go": 'package mail\n\nconst host = "smtp.sendgrid.net"\n',
        },
    )
    found = scan(tmp_path)
    assert _lines(found, "axiom") == [2]
    assert _lines(found, "mailgun") == [1]
    assert _lines(found, "sendgrid") == [3]


def test_a_bare_host_compared_with_listed_or_of_two_labels_names_nothing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/check.py": (
                'if host == "api.axiom.co":\n'
                "    pass\n"
                'ALLOWED = ["api.axiom.co", "smtp.mailgun.org", "smtp.sendgrid.net"]\n'
                'SITE = "stripe.com"\n'
            ),
            "internal/hosts/hosts.go": (
                "package hosts\n\n"
                'func vendor(h string) bool { return strings.HasSuffix(h, "smtp.mailgun.org") }\n'
            ),
            "README.md": "Logs go to api.axiom.co by default.\n",
        },
    )
    found = scan(tmp_path)
    assert not {"axiom", "mailgun", "sendgrid", "stripe"} & set(found)


def test_a_bare_host_as_a_table_key_list_element_or_content_policy_names_nothing(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "app/oauth/custom.go": (
                "package oauth\n\n"
                "var claims = map[string]string{\n"
                '\t"id.twitch.tv": "preferred_username",\n'
                "}\n"
            ),
            "app/csp.py": 'HOSTS = [\n    "ethicalads.blob.core.windows.net",\n]\n',
            "server/csp.ts": 'scriptSrc.push("api.axiom.co");\n',
        },
    )
    found = scan(tmp_path)
    assert not {"twitch", "azure-blob-storage", "axiom"} & set(found)


def test_an_elixir_config_names_its_mail_adapter_module(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "config/runtime.exs": (
                "import Config\n\n"
                'if key = System.get_env("MAIL_KEY") do\n'
                "  config :app, App.Mailer, adapter: Swoosh.Adapters.Mailgun, api_key: key\n"
                "end\n"
            ),
            "config/dev.exs": "import Config\nconfig :app, App.Mailer, adapter: Swoosh.Adapters.Local\n",
            "config/prod.exs": "import Config\nconfig :app, App.Mailer,\n  adapter: Bamboo.PostmarkAdapter\n",
        },
    )
    found = scan(tmp_path)
    assert _lines(found, "mailgun") == [4]
    assert _lines(found, "postmark") == [3]


def test_a_git_library_syncing_with_a_configured_remote_calls_out(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "internal/store/repository.go": (
                "package store\n\n"
                'import "github.com/go-git/go-git/v5"\n\n'
                "func (r *Repo) Sync(ctx context.Context) error {\n"
                "\treturn r.repo.PushContext(ctx, &git.PushOptions{RemoteName: r.remote})\n"
                "}\n"
            ),
            "app/mirror.py": (
                "from git import Repo\n\n"
                "def publish(path):\n"
                '    Repo(path).remote("origin").push()\n'
            ),
            "src/Sync.cs": (
                "using LibGit2Sharp;\n\n"
                "class Sync {\n"
                '  void Run(Repository repo) { Commands.Fetch(repo, "origin", specs, opts, ""); }\n'
                "}\n"
            ),
        },
    )
    # a git module working on local repositories takes its options by value
    write(
        tmp_path,
        {
            "internal/db/pull.go": (
                "package db\n\n"
                "func merge(base, tmp string) error {\n"
                "\treturn gitRepo.Push(git.PushOptions{Remote: base, Branch: tmp})\n"
                "}\n"
            )
        },
    )
    found = scan(tmp_path)
    cited = {(e.path, e.line) for i in found.values() for e in i.evidence}
    assert not any(path == "internal/db/pull.go" for path, _ in cited)
    assert ("internal/store/repository.go", 6) in cited
    assert ("app/mirror.py", 4) in cited
    assert ("src/Sync.cs", 4) in cited


_OWN_SETTINGS = (
    "package config\n\n"
    'import "os"\n\n'
    'var level = os.Getenv("FLIPT_LOG_LEVEL")\n'
    'var addr = os.Getenv("FLIPT_URL")\n'
)


def test_a_catalog_system_named_like_the_project_is_the_project_itself(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    write(
        root,
        {
            "go.mod": "module go.flipt.io/flipt\n\ngo 1.22\n",
            "internal/config/config.go": _OWN_SETTINGS,
            "cmd/flipt/main.go": 'package main\n\nimport "go.flipt.io/flipt/rpc/flipt"\n',
        },
    )
    assert "flipt" not in scan(root)
    # another project reading the same settings uses Flipt
    other = tmp_path / "shop"
    write(
        other,
        {
            "go.mod": "module example.com/shop\n\ngo 1.22\n",
            "internal/config/config.go": _OWN_SETTINGS,
        },
    )
    assert "flipt" in scan(other)


def _vercel_config(host: str) -> str:
    return (
        "import Config\n\n"
        "config :app, AppWeb.Auth.VercelAuth,\n"
        f'  vercel_app_host: "https://{host}",\n'
        '  client_id: "abc"\n\n'
        "config :app, App.Vercel.Client,\n"
        '  redirect_uri: "http://localhost:4000/install"\n'
    )


def test_mix_configs_of_the_dev_and_test_environments_configure_a_developers_machine(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "config/dev.exs": _vercel_config("phx.devtunnel-acme.net"),
            "config/test.exs": _vercel_config("phx.devtunnel-acme.net"),
            "config/prod.exs": _vercel_config("api.partner-acme.org"),
        },
    )
    found = scan(tmp_path)
    assert not any("devtunnel" in i for i in found)
    assert any("partner" in i for i in found)


_TESLA_POST = (
    "defmodule App.Sinks.{name} do\n"
    "  def send(client, url, body) do\n"
    "    Tesla.post(client, url, body)\n"
    "  end\n"
    "end\n"
)


def test_a_module_named_for_its_role_in_a_systems_directory_is_that_systems(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "lib/app/backends/adaptor/clickhouse_adaptor/ingester.ex": _TESLA_POST.format(
                name="Ingester"
            ),
            "lib/app/backends/adaptor/http_based/client.ex": _TESLA_POST.format(name="Client"),
        },
    )
    found = scan(tmp_path)
    assert _lines(found, "clickhouse") == [3]
    assert "based" not in found


def test_a_google_oauth_scope_is_a_name_not_an_endpoint(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/javascript/picker.js": (
                "const scopes = [\n"
                "  'https://www.googleapis.com/auth/userinfo.email',\n"
                "  'https://www.googleapis.com/auth/drive.file'\n"
                "]\n"
            )
        },
    )
    assert "google" not in scan(tmp_path)
    write(
        tmp_path,
        {"app/javascript/files.js": "fetch('https://www.googleapis.com/oauth2/v3/userinfo')\n"},
    )
    assert "google" in scan(tmp_path)


def test_an_erlang_client_module_called_from_elixir_names_its_system(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/app/auth/directory.ex": (
                "defmodule App.Auth.Directory do\n"
                "  def bind(host, options) do\n"
                "    case :eldap.open([to_charlist(host)], options) do\n"
                "      {:ok, conn} -> conn\n"
                "    end\n"
                "  end\n"
                "  def digest(x), do: :crypto.hash(:sha256, x)\n"
                "end\n"
            )
        },
    )
    found = scan(tmp_path)
    assert _lines(found, "ldap") == [3]


def test_an_ecto_or_cache_adapter_module_names_its_database(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/app/repo.ex": (
                "defmodule App.Repo do\n"
                "  use Ecto.Repo,\n"
                "    otp_app: :app,\n"
                "    adapter: Ecto.Adapters.MyXQL\n"
                "end\n"
            ),
            "lib/app/cache.ex": (
                "defmodule App.Cache do\n"
                "  use Nebulex.Cache, otp_app: :app, adapter: Nebulex.Adapters.Redis\n"
                "end\n"
            ),
        },
    )
    found = scan(tmp_path)
    assert _lines(found, "mysql") == [4]
    assert _lines(found, "redis") == [2]
