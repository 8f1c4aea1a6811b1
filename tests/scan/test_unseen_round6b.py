"""General rules found on a sixth round of never-seen repositories (C#, PHP/Laravel, Ruby,
TypeScript), each checked on small synthetic trees."""

from __future__ import annotations

import json
from pathlib import Path

from tests.scan.trees import scan, write

# --- Laravel's skeleton config names drivers whose package the app may not install ---------

_QUEUE = """<?php
return [
    'default' => env('QUEUE_CONNECTION', 'sync'),
    'connections' => [
        'sqs' => [
            'driver' => 'sqs',
            'key' => env('AWS_ACCESS_KEY_ID'),
            'prefix' => env('SQS_PREFIX', 'https://sqs.us-east-1.amazonaws.com/your-account-id'),
            'queue' => env('SQS_QUEUE', 'default'),
        ],
        'beanstalkd' => [
            'driver' => 'beanstalkd',
            'host' => 'localhost',
        ],
    ],
];
"""
_MAIL = """<?php
return [
    'mailers' => [
        'smtp' => ['transport' => 'smtp', 'host' => env('MAIL_HOST', 'smtp.example.org')],
        'mailgun' => ['transport' => 'mailgun'],
        'postmark' => ['transport' => 'postmark'],
    ],
];
"""
_SERVICES = """<?php
return [
    'mailgun' => [
        'domain' => env('MAILGUN_DOMAIN'),
        'secret' => env('MAILGUN_SECRET'),
    ],
    'postmark' => ['token' => env('POSTMARK_TOKEN')],
];
"""
_LOGGING = """<?php
return [
    'channels' => [
        'slack' => [
            'driver' => 'slack',
            'url' => env('LOG_SLACK_WEBHOOK_URL'),
        ],
    ],
];
"""


def _laravel(root: Path, require: dict[str, str], locked: list[str] | None = None) -> None:
    files = {
        "composer.json": json.dumps({"require": require}),
        "config/queue.php": _QUEUE,
        "config/mail.php": _MAIL,
        "config/services.php": _SERVICES,
        "config/logging.php": _LOGGING,
    }
    if locked is not None:
        files["composer.lock"] = json.dumps({"packages": [{"name": n} for n in locked]})
    write(root, files)


def test_laravel_skeleton_drivers_without_their_package_are_not_integrations(
    tmp_path: Path,
) -> None:
    """`sqs` needs the AWS SDK for PHP, which no package of this app brings."""
    _laravel(tmp_path, {"php": "^8.2", "laravel/framework": "^11.0"})
    found = scan(tmp_path)
    for driver in ("sqs", "beanstalkd", "mailgun", "postmark"):
        assert driver not in found, driver
    assert "slack" in found  # Monolog's Slack webhook channel needs no package of its own


def test_a_laravel_search_driver_without_its_client_is_boilerplate(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "composer.json": json.dumps({"require": {"laravel/framework": "^11.0"}}),
            "config/scout.php": (
                "<?php\nreturn [\n    'driver' => env('SCOUT_DRIVER', 'database'),\n"
                "    'algolia' => ['id' => env('ALGOLIA_APP_ID', ''), "
                "'secret' => env('ALGOLIA_SECRET', '')],\n];\n"
            ),
        },
    )
    assert "algolia" not in scan(tmp_path)


def test_a_driver_whose_package_composer_installs_stays(tmp_path: Path) -> None:
    """`aws/aws-sdk-php` arrives through another package: `composer.lock` lists it."""
    _laravel(
        tmp_path,
        {"laravel/framework": "^11.0", "league/flysystem-aws-s3-v3": "^3.0"},
        locked=["laravel/framework", "league/flysystem-aws-s3-v3", "aws/aws-sdk-php"],
    )
    found = scan(tmp_path)
    assert "sqs" in found
    assert "mailgun" not in found  # symfony/mailgun-mailer is not installed


def test_the_same_config_without_a_composer_manifest_is_judged_as_before(
    tmp_path: Path,
) -> None:
    _laravel(tmp_path, {"laravel/framework": "^11.0"})
    (tmp_path / "composer.json").unlink()
    assert "sqs" in scan(tmp_path)


def test_a_laravel_driver_used_in_code_stays_without_a_package(tmp_path: Path) -> None:
    _laravel(tmp_path, {"laravel/framework": "^11.0"})
    write(
        tmp_path,
        {
            "app/Jobs/Notify.php": (
                "<?php\n$client = new \\Postmark\\PostmarkClient(config('services.postmark.token'));\n"
            )
        },
    )
    assert "postmark" in scan(tmp_path)


# --- the same URL field on many records of one table is data, not a setting ---------------


def test_url_fields_of_a_table_of_records_are_not_called(tmp_path: Path) -> None:
    rows = "".join(
        f'  {{\n    title: "Blog {n}",\n    feed_url: "https://feeds.blog{n}news.org/atom.xml"\n  }},\n'
        for n in range(3)
    )
    write(
        tmp_path,
        {
            "config/initializers/suggested.rb": f"App.config.suggested = [\n{rows}]\n",
            "config/initializers/reports.rb": (
                'App.config.reports = { report_url: "https://api.fxratesfeed.io/reports" }\n'
            ),
        },
    )
    found = scan(tmp_path)
    assert not [name for name in found if "news.org" in name]
    assert "api.fxratesfeed.io" in found  # one setting named like a field still counts


# --- client packages the catalog did not know ---------------------------------------------


def test_dotnet_storage_backend_packages_name_their_systems(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Backends/Backends.csproj": (
                '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
                '    <PackageReference Include="MegaApiClient" Version="1.10.4" />\n'
                '    <PackageReference Include="uplink.NET.Linux" Version="2.13.0" />\n'
                '    <PackageReference Include="SMBLibrary" Version="1.5.3" />\n'
                '    <PackageReference Include="Tencent.QCloud.Cos.Sdk" Version="5.4.11" />\n'
                "  </ItemGroup>\n</Project>\n"
            )
        },
    )
    found = scan(tmp_path)
    for system in ("mega", "storj", "smb", "tencent-cos"):
        assert system in found, system
    assert "tencent-cloud" not in found  # the COS SDK is object storage, not the cloud API


def test_saas_sdks_of_a_typescript_monorepo(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": json.dumps(
                {
                    "dependencies": {
                        "@polar-sh/sdk": "^0.30.0",
                        "@openpanel/nextjs": "^1.0.0",
                        "sendblue": "^3.0.0",
                    }
                }
            ),
            "src/logos.ts": (
                "export const logo = (d: string) =>\n"
                "  fetch(`https://img.logo.dev/${d}?token=${process.env.LOGO_DEV_TOKEN}`);\n"
            ),
        },
    )
    found = scan(tmp_path)
    for system in ("polar", "openpanel", "sendblue", "logo-dev"):
        assert system in found, system


def test_ruby_metrics_gem_names_librato(tmp_path: Path) -> None:
    write(tmp_path, {"Gemfile": 'source "https://rubygems.org"\n\ngem "librato-rails"\n'})
    assert "librato" in scan(tmp_path)


def test_a_lowercase_url_variable_assigned_in_code_is_still_an_endpoint(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/commands/import_dataset.py": (
                "def handle(name):\n"
                "    dataset_url = f'https://downloads.fooddatasets.org/archive/{name}'\n"
                "    fetch_archive(dataset_url)\n"
            )
        },
    )
    assert "downloads.fooddatasets.org" in scan(tmp_path)


def test_endpoint_fields_of_a_table_of_connectors_are_settings(tmp_path: Path) -> None:
    rows = "".join(
        f'    {{"name": "catalog{n}", "base_url": "https://api.bookcatalog{n}.org"}},\n'
        for n in range(3)
    )
    write(tmp_path, {"app/setup_connectors.py": f"CONNECTORS = [\n{rows}]\n"})
    found = scan(tmp_path)
    assert all(f"api.bookcatalog{n}.org" in found for n in range(3))


# --- a bundle that keeps line breaks between its modules is still machine-written --------------


def test_a_bundle_with_a_line_per_module_is_not_read(tmp_path: Path) -> None:
    module = "var a=function(e){return e};" * 90  # about 2,500 characters on one line
    call = 'fetch("https://api.resend.com/emails",{method:"POST"});'
    lines = ["// bundled"] * 60 + [module] * 9 + [module + call]
    write(tmp_path, {"assets/public/widget.js": "\n".join(lines) + "\n"})
    assert "resend" not in scan(tmp_path)


def test_long_hand_written_code_is_still_read(tmp_path: Path) -> None:
    body = "".join(f"function step{n}(x) {{\n  return x + {n};\n}}\n" for n in range(900))
    call = 'fetch("https://api.resend.com/emails", { method: "POST" });\n'
    write(tmp_path, {"src/mailer.js": body + call})
    assert "resend" in scan(tmp_path)


# --- a class named like a vendor's client, imported from elsewhere, is not that client ---------


def test_a_js_class_imported_from_the_projects_package_is_its_own(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "apps/worker/src/process.ts": (
                'import { DocumentClient } from "@acme/documents";\n'
                "export async function run(file: Blob) {\n"
                "  const document = new DocumentClient();\n"
                "  return document.getDocument(file);\n"
                "}\n"
            )
        },
    )
    assert "cosmosdb" not in scan(tmp_path)


def test_a_js_class_imported_from_its_vendor_package_is_the_client(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/store.ts": (
                'import { CosmosClient } from "@azure/cosmos";\n'
                "const client = new CosmosClient(process.env.COSMOS_CONNECTION!);\n"
            ),
            "src/files.ts": (
                'import { S3Client } from "bun";\n'
                "const s3 = new S3Client({ bucket: process.env.BUCKET_NAME });\n"
            ),
        },
    )
    found = scan(tmp_path)
    assert "cosmosdb" in found
    assert "s3" in found  # a runtime's own client of the system


# --- Ruby: a name bound to an http.rb/Faraday client chain is a client, whatever its name ----


def test_a_ruby_name_bound_to_an_http_client_chain_sends_requests(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/models/readability_extractor.rb": (
                "class ReadabilityExtractor\n"
                "  def result\n"
                "    response = HTTP.timeout(connect: 5, read: 5)\n"
                '      .headers("Accept" => "application/json")\n'
                "    response.get(service_url).parse\n"
                "  end\n"
                "end\n"
            )
        },
    )
    assert "readability-extractor" in scan(tmp_path)


def test_a_request_result_is_not_a_client() -> None:
    from integration_risk.scan.calls import http_calls

    text = 'res = HTTParty.get(feed_url)\nvalue = res.get("items")\n'
    assert [c.argument for c in http_calls(text, "ruby")] == ["feed_url"]


# --- release and build tooling directories are developer tooling --------------------------


def test_release_builder_code_is_tooling(tmp_path: Path) -> None:
    upload = (
        "class Upload {\n"
        "  async Task Run(HttpClient http, string owner, string repo) {\n"
        '    var request = new HttpRequestMessage(HttpMethod.Post, $"https://api.github.com/repos/{owner}/{repo}/releases");\n'
        "    await http.SendAsync(request);\n"
        "  }\n"
        "}\n"
    )
    write(
        tmp_path, {"ReleaseBuilder/Build/Upload.cs": upload, "BuildTools/Publish/Upload.cs": upload}
    )
    assert "github" not in scan(tmp_path)


# --- Ruby: a gem's namespaced Request class fetching a URL is an outbound call ----------------


def test_a_ruby_gems_request_class_downloads_a_url() -> None:
    from integration_risk.scan.calls import http_calls

    text = "response = Feedkit::Request.download(feed_url,\n  etag: etag\n)\n"
    assert [c.argument for c in http_calls(text, "ruby")] == ["feed_url"]
    # not a Rack/ActionDispatch request object built from inbound data
    assert list(http_calls("req = Rack::Request.get(params)\n", "ruby")) == []


def test_a_preposition_does_not_name_a_feature() -> None:
    from integration_risk.scan.features import function_feature

    lines = ["  def create_from_request!(response)", "    x = fetch(url)"]
    assert function_feature(lines, 1) is None
