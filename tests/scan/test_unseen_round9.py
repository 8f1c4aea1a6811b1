"""General rules found on the ninth round of never-seen repositories (C#, Java, PHP, Ruby,
Go, TypeScript), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.features import feature_name, is_self_probe
from integration_risk.scan.testcode import is_api_description
from tests.scan.trees import scan, write

_GEMFILE = 'source "https://rubygems.org"\ngem "rails"\n'


def test_a_check_file_is_named_after_what_it_checks() -> None:
    assert feature_name("pkg/license/check.go") == "license-check"
    assert feature_name("app/updates/check.py") == "updates-check"
    name = feature_name("internal/health/check.go")
    assert name is not None and is_self_probe(name)


def test_a_license_check_with_its_url_in_a_list_is_an_outbound_feature(tmp_path: Path) -> None:
    root = tmp_path / "tasks"  # the project's name: not `license` nor `check`
    write(
        root,
        {
            "go.mod": "module example.org/tasks\n\ngo 1.22\n",
            "pkg/license/check.go": "package license\n\n"
            'import (\n\t"bytes"\n\t"net/http"\n)\n\n'
            'var servers = []string{\n\t"https://check.tasks-vendor.io/v1/check",\n}\n\n'
            "func doRequest(serverURL string, body []byte) (*http.Response, error) {\n"
            "\treq, err := http.NewRequestWithContext(ctx, http.MethodPost, serverURL, "
            "bytes.NewReader(body))\n"
            "\tif err != nil {\n\t\treturn nil, err\n\t}\n"
            "\treturn http.DefaultClient.Do(req)\n}\n",
        },
    )
    assert "license-check" in scan(root)


def test_a_base_url_handed_to_the_parent_constructor_is_called(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "media", "dependencies": {"axios": "^1.6.0"}}\n',
            "server/api/ratings.ts": "import ExternalAPI from './externalapi';\n\n"
            "class RatingsProxy extends ExternalAPI {\n  constructor() {\n"
            "    super('https://api.ratings-proxy.io/v1', { headers: {} });\n  }\n}\n"
            "export default RatingsProxy;\n",
            "app/clients/weather.py": "class Weather(BaseClient):\n"
            "    def __init__(self):\n"
            '        super().__init__("https://api.weather-feed.dev/v2")\n',
        },
    )
    found = scan(tmp_path)
    assert "api.ratings-proxy.io" in found
    assert "api.weather-feed.dev" in found


def test_an_error_message_given_to_super_is_no_endpoint(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "media"}\n',
            "server/errors.ts": "class LimitError extends Error {\n  constructor() {\n"
            "    super('See https://status.vendor-status.io/limits for details');\n"
            "  }\n}\n",
        },
    )
    assert not any("vendor-status" in i for i in scan(tmp_path))


def test_rails_link_helpers_render_links(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Gemfile": _GEMFILE,
            "app/views/layouts/app.html.erb": '<%= link_to "Report an issue", '
            '"https://form.typeform.com/to/abc123", class: "footer" %>\n'
            '<%= link_to_unless current, "Help", "https://help.tasks-docs.org/start" %>\n',
        },
    )
    found = scan(tmp_path)
    assert "typeform" not in found
    assert not any("tasks-docs" in i for i in found)


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("media-api.yml", "openapi: '3.0.2'\ninfo:\n  title: Media\n", True),
        ("spec/v2.yaml", "# generated\n\nswagger: '2.0'\n", True),
        ("api/schema.json", '{\n  "openapi": "3.1.0",\n  "paths": {}\n}\n', True),
        ("config/settings.yml", "name: app\nopenapi: enabled\n", False),
        ("src/openapi.ts", "openapi: '3.0.0'\n", False),
    ],
)
def test_an_openapi_document_is_known_by_its_first_key(
    path: str, text: str, expected: bool
) -> None:
    assert is_api_description(path, text) is expected


def test_urls_in_an_openapi_documents_examples_are_no_integrations(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "media"}\n',
            "media-api.yml": "openapi: '3.0.2'\ninfo:\n  title: Media\ncomponents:\n"
            "  schemas:\n    Poster:\n      properties:\n        url:\n          type: string\n"
            "          example: https://artworks.thetvdb.com/banners/posters/1.jpg\n",
        },
    )
    assert "tvdb" not in scan(tmp_path)


def test_rails_lists_net_imap_and_net_pop_for_the_mail_gem(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"Gemfile": _GEMFILE + 'gem "net-imap"\ngem "net-pop"\ngem "net-smtp"\n'},
    )
    found = scan(tmp_path)
    assert "imap" not in found and "pop3" not in found
    write(
        tmp_path / "reader",
        {
            "Gemfile": _GEMFILE + 'gem "net-imap"\n',
            "app/services/mailbox.rb": 'require "net/imap"\n\n'
            "class Mailbox\n  def open\n    Net::IMAP.new(host, ssl: true)\n  end\nend\n",
        },
    )
    assert "imap" in scan(tmp_path / "reader")


_CABLE = (
    "development:\n  adapter: async\n\nproduction:\n  adapter: redis\n"
    '  url: <%= ENV.fetch("REDIS_URL") { "redis://localhost:6379/1" } %>\n'
)


def test_a_rails_adapter_without_its_gem_installed_cannot_run(tmp_path: Path) -> None:
    lock = (
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (8.0.1)\n    railties (8.0.1)\n"
    )
    write(tmp_path, {"Gemfile": _GEMFILE, "Gemfile.lock": lock, "config/cable.yml": _CABLE})
    assert "redis" not in scan(tmp_path)
    # with the gem locked (here brought by another gem) the adapter runs
    write(
        tmp_path / "b",
        {
            "Gemfile": _GEMFILE,
            "Gemfile.lock": lock + "    redis (5.3.0)\n      redis-client (>= 0.22.0)\n",
            "config/cable.yml": _CABLE,
        },
    )
    assert "redis" in scan(tmp_path / "b")
    # without a lock file nobody can tell what is installed: kept
    write(tmp_path / "c", {"Gemfile": _GEMFILE, "config/cable.yml": _CABLE})
    assert "redis" in scan(tmp_path / "c")
    # a Gemfile for tooling (fastlane) beside another stack's config says nothing of it
    fastlane = "GEM\n  remote: https://rubygems.org/\n  specs:\n    fastlane (2.220.0)\n"
    write(
        tmp_path / "d",
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "fastlane"\n',
            "Gemfile.lock": fastlane,
            "config/cable.yml": _CABLE,
        },
    )
    assert "redis" in scan(tmp_path / "d")


def test_a_mail_vendors_login_in_smtp_settings_is_smtp(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Gemfile": _GEMFILE,
            "config/environments/production.rb": "Rails.application.configure do\n"
            "  config.action_mailer.delivery_method = :smtp\n"
            "  config.action_mailer.smtp_settings = {\n"
            '    address: "smtp-relay.example.com",\n'
            '    user_name: ENV["SENDINBLUE_EMAIL"],\n'
            '    password: ENV["SENDINBLUE_PASSWORD"]\n  }\nend\n',
        },
    )
    found = scan(tmp_path)
    assert "smtp" in found
    assert "brevo" not in found


def test_java_xxl_job_executor_is_the_scheduler_admin(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/main/java/app/JobConfig.java": "package app;\n\n"
            "import com.xxl.job.core.executor.impl.XxlJobSpringExecutor;\n\n"
            "public class JobConfig {\n  public XxlJobSpringExecutor executor() {\n"
            "    XxlJobSpringExecutor e = new XxlJobSpringExecutor();\n"
            "    e.setAdminAddresses(addresses);\n    return e;\n  }\n}\n",
        },
    )
    assert "xxl-job" in scan(tmp_path)


def test_the_legacy_azure_search_sdk_is_azure_ai_search(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
            '    <PackageReference Include="Microsoft.Azure.Search" Version="5.0.1" />\n'
            "  </ItemGroup>\n</Project>\n",
        },
    )
    assert "azure-ai-search" in scan(tmp_path)


def test_a_url_inside_a_settings_comment_is_prose(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "go.mod": "module example.org/tasks\n\ngo 1.22\n",
            "config-raw.json": '{\n  "children": [\n    {\n      "key": "avatarbaseurl",\n'
            '      "comment": "A compatible service works too, for instance '
            "avatarbaseurl: 'https://libravatar.org'.\"\n    }\n  ]\n}\n",
            "pkg/avatar/help.go": "package avatar\n\n"
            'const usage = Option{Name: "base", Help: "defaults to https://avatars.tasks-img.io"}\n',
        },
    )
    found = scan(tmp_path)
    assert "libravatar" not in found
    assert not any("tasks-img" in i for i in found)


def test_an_httparty_class_sends_its_path_requests_to_its_base_uri(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Gemfile": _GEMFILE + 'gem "httparty"\n',
            "app/services/short_link_service.rb": "class ShortLinkService\n"
            "  include HTTParty\n  base_uri LINKS_API\n\n"
            "  def create(url)\n"
            '    self.class.post("/links", body: {originalURL: url}.to_json)\n  end\nend\n',
        },
    )
    lines = {e.line for e in scan(tmp_path)["short-link"].evidence}
    assert {3, 6} <= lines


def test_a_file_named_by_run_together_role_words_is_a_wrapper() -> None:
    assert feature_name("server/api/externalapi.ts") is None
    assert feature_name("src/lib/apiclient.js") is None
    assert feature_name("server/lib/imageproxy.ts") == "imageproxy"
    assert feature_name("app/models/database.rb") == "database"


def test_translation_sync_configs_are_tooling(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "go.mod": "module example.org/tasks\n\ngo 1.22\n",
            "crowdin.yml": '"project_id_env": "CROWDIN_PROJECT_ID"\n'
            '"base_url": "https://api.crowdin.com"\n"preserve_hierarchy": true\n',
        },
    )
    assert not any("crowdin" in i for i in scan(tmp_path))


_POM = "<project>\n  <dependencies>\n{deps}  </dependencies>\n</project>\n"
_DEP = (
    "    <dependency>\n      <groupId>{group}</groupId>\n"
    "      <artifactId>{name}</artifactId>\n      <version>1.0</version>\n    </dependency>\n"
)
_SMS_JAVA = (
    "package app;\n\nimport com.aliyuncs.CommonRequest;\nimport com.aliyuncs.DefaultAcsClient;\n\n"
    "public class Sms {\n  void send() {\n    CommonRequest r = new CommonRequest();\n"
    '    r.setSysDomain("dysmsapi.aliyuncs.com");\n  }\n}\n'
)


def test_a_vendor_core_sdk_beside_one_product_of_its_family_is_that_product(
    tmp_path: Path,
) -> None:
    deps = "".join(
        _DEP.format(group=g, name=n)
        for g, n in (
            ("com.aliyun", "aliyun-java-sdk-core"),
            ("com.aliyun", "aliyun-java-sdk-dysmsapi"),
            ("com.aliyun.oss", "aliyun-sdk-oss"),
        )
    )
    write(tmp_path, {"pom.xml": _POM.format(deps=deps), "src/main/java/app/Sms.java": _SMS_JAVA})
    found = scan(tmp_path)
    assert "alibaba-cloud" not in found
    assert any(e.path.endswith("Sms.java") for e in found["aliyun-sms"].evidence)
    assert "aliyun-oss" in found
    # the core alone (no product of its family declared) is the vendor's API
    write(
        tmp_path / "core",
        {
            "pom.xml": _POM.format(
                deps=_DEP.format(group="com.aliyun", name="aliyun-java-sdk-core")
            ),
            "src/main/java/app/Sms.java": _SMS_JAVA,
        },
    )
    assert "alibaba-cloud" in scan(tmp_path / "core")


def test_a_project_client_class_built_for_a_configured_url_names_its_system(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "media", "dependencies": {"axios": "^1.6.0"}}\n',
            "server/lib/sync.ts": "import SeedboxAPI from '../api/seedbox';\n\n"
            "export async function sync(server: Settings) {\n"
            "  const seedbox = new SeedboxAPI({\n    apiKey: server.apiKey,\n"
            "    url: SeedboxAPI.buildUrl(server, '/api/v3'),\n  });\n"
            "  return seedbox.getQueue();\n}\n",
            "server/lib/graph.ts": "const gql = new GraphQLClient({ url: settings.graphUrl });\n",
            # a package's class: its SDK, named by the catalog or not at all
            "server/lib/vendor.ts": "import { LedgerClient } from 'ledgerly-sdk';\n"
            "const ledger = new LedgerClient({ url: settings.ledgerUrl });\n",
            "src/components/Seedbox.tsx": "import React from 'react';\n"
            "const api = new TrackerAPI({ url: props.url });\n",
        },
    )
    found = scan(tmp_path)
    assert "seedbox" in found
    assert "graph-ql" not in found and "graph" not in found  # a protocol, not a system
    assert "tracker" not in found
    assert "ledger" not in found
