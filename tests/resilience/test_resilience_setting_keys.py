"""A URL defined in a settings module and read by its key elsewhere (held-out rounds 10 and
11): the request of the reading function is the integration's call site. Laravel
`config('file.key')` over `config/file.php`; Flask `app.config["KEY"]["SUB"]` over a config
class. Tiny synthetic files."""

from __future__ import annotations

from integration_risk.resilience import analyze_sites
from integration_risk.resilience.settingkeys import setting_readers
from integration_risk.resilience.workspace import Workspace
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned, verdicts_of

_LARAVEL_CONFIG = """<?php

return [

    'name' => env('APP_NAME', 'Tracker'),

    'updates' => [
        'releaseUrl' => 'https://api.example-releases.org/v1/latest',
    ],

];
"""
_LARAVEL_SERVICE = """<?php

namespace App\\Services;

use Illuminate\\Support\\Facades\\Http;

class UpdateChecker
{
    public static function enabled(): bool
    {
        return (bool) config('tracker.updates.releaseUrl');
    }

    public static function latest(): ?string
    {
        if (! self::enabled()) {
            return null;
        }
        $url = config('tracker.updates.releaseUrl');

        $response = Http::timeout(5)->retry(2, 200)->get($url);

        return $response->successful() ? $response->body() : null;
    }
}
"""
_FLASK_CONFIG = """import os


class BaseConfig:
    DEBUG = False
    MAP_SERVER = {
        "URL": os.environ.get(
            "MAP_SERVER_URL",
            "https://maps.example-tiles.org/{z}/{x}/{y}.png",
        ),
        "CREDIT": os.environ.get("MAP_CREDIT", ""),
    }
"""
_FLASK_VIEW = """import requests
from flask import current_app


def get_tile(z, x, y):
    url = current_app.config["MAP_SERVER"]["URL"].format(z=z, x=x, y=y)
    response = requests.get(url, timeout=20)
    return response.content, response.status_code


def credit():
    return current_app.config["MAP_SERVER"]["CREDIT"]
"""


def test_a_laravel_config_url_is_called_where_config_reads_it(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {"config/tracker.php": _LARAVEL_CONFIG, "app/Services/UpdateChecker.php": _LARAVEL_SERVICE}
    )
    verdicts = verdicts_of(root, "release-feed", [("config/tracker.php", 8)], "url")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"][1]
    assert verdicts["retry"][0] == "yes", verdicts["retry"][1]
    assert "UpdateChecker.php" in verdicts["retry"][1]


def test_a_function_that_only_checks_the_key_is_no_call_site(make_tree: TreeBuilder) -> None:
    """`enabled()` reads the key to see that it is set; the request is made in `latest()`."""
    root = make_tree(
        {"config/tracker.php": _LARAVEL_CONFIG, "app/Services/UpdateChecker.php": _LARAVEL_SERVICE}
    )
    item = scanned("release-feed", [("config/tracker.php", 8)], "url")
    sites = analyze_sites(root, [item], use_cache=False)["release-feed"].sites
    functions = {site.function for site in sites if site.path.startswith("app/")}
    assert functions == {"UpdateChecker.latest"}, functions


def test_a_flask_config_url_is_called_where_its_key_is_read(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/config.py": _FLASK_CONFIG, "app/tiles.py": _FLASK_VIEW})
    verdicts = verdicts_of(root, "map-tiles", [("app/config.py", 9)], "url")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"][1]
    assert "tiles.py" in verdicts["timeout"][1]


def test_only_readers_of_the_same_nested_key_count(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/config.py": _FLASK_CONFIG, "app/tiles.py": _FLASK_VIEW})
    workspace = Workspace(root, use_cache=False)
    try:
        config = workspace.file("app/config.py")
        assert config is not None
        assert setting_readers(workspace, config, 9) == [("app/tiles.py", 6)]
        assert setting_readers(workspace, config, 11) == [("app/tiles.py", 12)]
        assert setting_readers(workspace, config, 5) == []  # DEBUG: nobody reads it
    finally:
        workspace.close()


def test_a_module_constant_beside_its_client_is_no_setting_read_by_key(
    make_tree: TreeBuilder,
) -> None:
    # review 25: `API_URL = ..` in a client module made every `settings.API_URL` reader
    # (a Django view) a second site of that client's integration
    root = make_tree(
        {
            "app/stripe_client.py": 'import requests\n\nAPI_URL = "https://api.stripe.com/v1"\n',
            "app/views.py": "import requests\nfrom django.conf import settings\n\n\n"
            "def sync():\n    return requests.get(settings.API_URL)\n",
            "app/settings.py": 'API_URL = "http://internal/api"\n',
        }
    )
    workspace = Workspace(root, use_cache=False)
    try:
        client = workspace.file("app/stripe_client.py")
        settings = workspace.file("app/settings.py")
        assert client is not None and settings is not None
        assert setting_readers(workspace, client, 3) == []
        assert setting_readers(workspace, settings, 1) == [("app/views.py", 6)]
    finally:
        workspace.close()
